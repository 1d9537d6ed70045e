"""Lint many files: read each one's bytes and hand them to the pure per-file linter."""

from __future__ import annotations

from .discovery import Target
from .engine import FileResult, lint_bytes
from .readers import ReaderOptions, format_of
from .reporters import RunResult
from .ruleset import RuleSet

#: Files larger than this are refused with a per-file error instead of being read into memory.
MAX_FILE_BYTES = 512 * 1024 * 1024


def lint_target(target: Target, rules: RuleSet, options: ReaderOptions | None = None) -> FileResult:
    if target.error is not None:
        return FileResult(path=target.path, format=format_of(target.path), error=target.error)
    try:
        with open(target.path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return FileResult(path=target.path, format=format_of(target.path), error=f"cannot open: {exc.strerror or exc}")
    if len(data) > MAX_FILE_BYTES:
        return FileResult(path=target.path, format=format_of(target.path), error="file larger than 512 MiB")
    return lint_bytes(data, target.path, rules, options)


def run(targets: list[Target], rules: RuleSet, options: ReaderOptions | None = None) -> RunResult:
    return RunResult(files=[lint_target(t, rules, options) for t in targets])
