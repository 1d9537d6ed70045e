"""The Python API: lint paths, bytes or text and get typed results. Stable across 0.x releases.

>>> import draftlint
>>> [f.rule for f in draftlint.lint_text("根据x市x局的要求。")]
['PH001', 'PH001']
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Sequence

from .config import Config, Resolver, load_config
from .discovery import discover
from .model import FileResult
from .model import Finding
from .runner import RunOptions, file_settings, lint_file, run

__all__ = ["lint_paths", "lint_bytes", "lint_text", "FileResult", "Finding"]

StrPath = str | os.PathLike


def _options(select: Iterable[str], ignore: Iterable[str], rules: Iterable[StrPath], jobs: int | None = 1,
             cache_dir: StrPath | None = None) -> RunOptions:
    return RunOptions(select=tuple(select), ignore=tuple(ignore), rule_dirs=tuple(str(r) for r in rules), jobs=jobs,
                      cache_dir=str(cache_dir) if cache_dir else None, progress=False)


def lint_paths(
    paths: Sequence[StrPath],
    *,
    config: StrPath | None = None,
    isolated: bool = False,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    rules: Iterable[StrPath] = (),
    jobs: int | None = 1,
    cache_dir: StrPath | None = None,
    respect_gitignore: bool = True,
) -> list[FileResult]:
    """Lint files and folders like ``draftlint check``: one :class:`FileResult` per file, in order.

    Folders are walked as on the command line (``respect_gitignore=False`` also takes what
    .gitignore matches). Configuration files are found as on the command line unless ``config``
    names one or ``isolated`` is true. ``select``/``ignore`` take rule ids, prefixes, names or categories.
    Raises :class:`draftlint.config.ConfigError` for a bad configuration; unreadable files are
    results with ``error`` set.
    """
    result = run(discover([str(p) for p in paths], respect_gitignore), Resolver(config, isolated),
                 _options(select, ignore, rules, jobs, cache_dir))
    return result.files


def lint_bytes(
    data: bytes,
    name: str,
    *,
    config: StrPath | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    rules: Iterable[StrPath] = (),
) -> FileResult:
    """Lint one file's bytes; ``name`` decides the format (``报告.docx``, ``a.txt``). Pure: nothing
    is read from disk except the rules and ``config`` (default: built-in defaults)."""
    cfg = load_config(config) if config else Config()
    return lint_file(data, name, file_settings(cfg, name, _options(select, ignore, rules)))


def lint_text(
    text: str,
    *,
    name: str = "text.txt",
    config: StrPath | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    rules: Iterable[StrPath] = (),
) -> list[Finding]:
    """Lint a string as a UTF-8 TXT file (one line per paragraph); return its findings."""
    if Path(name).suffix.lower() != ".txt":
        name += ".txt"
    result = lint_bytes(text.encode("utf-8"), name, config=config, select=select, ignore=ignore, rules=rules)
    if result.error is not None:
        raise ValueError(result.error)
    return result.findings
