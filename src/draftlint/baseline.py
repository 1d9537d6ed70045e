"""Baselines for repositories with old documents: accept today's findings, fail on new ones.

``--write-baseline FILE`` records, per file and rule, how many findings exist. ``--baseline FILE``
then hides a file's findings of a rule as long as their number has not grown. Counting instead
of remembering lines keeps the baseline valid when edits move text around. When the number grows
every finding of that rule in that file is shown (which one is new cannot be known), as ESLint's
and Stylelint's bulk suppressions do. Paths are stored relative to the baseline file's folder.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from .fsutil import atomic_write
from .reporters import RunResult

VERSION = 1


class BaselineError(Exception):
    pass


def _key(path: str, base: Path) -> str:
    """The file's path relative to the baseline's folder, as JSON can hold it (a name that is not
    UTF-8 is written with \\xNN for its bytes, the same when the baseline is written and read)."""
    from .locations import display_path

    p = Path(path).resolve()
    try:
        return display_path(p.relative_to(base).as_posix())
    except ValueError:
        return display_path(Path(os.path.relpath(p, base)).as_posix())


def counts(result: RunResult, base: Path) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for r in result.files:
        if r.findings:
            c = Counter(f.rule for f in r.findings)
            out[_key(r.path, base)] = dict(sorted(c.items()))
    return dict(sorted(out.items()))


def write_baseline(result: RunResult, path: str | Path) -> int:
    """Write the baseline; return how many findings it records."""
    path = Path(path)
    data = counts(result, path.resolve().parent)
    atomic_write(path, json.dumps({"version": VERSION, "files": data}, ensure_ascii=False, indent=2) + "\n")
    return sum(n for rules in data.values() for n in rules.values())


def load_baseline(path: str | Path) -> dict[str, dict[str, int]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise BaselineError(f"{path}: not a draftlint baseline (invalid JSON: {exc})") from None
    files = data.get("files") if isinstance(data, dict) else None
    if data.get("version") != VERSION or not isinstance(files, dict) or not all(
        isinstance(v, dict) and all(isinstance(n, int) for n in v.values()) for v in files.values()
    ):
        raise BaselineError(f"{path}: not a draftlint baseline (expected version {VERSION} with 'files')")
    return files


def apply_baseline(result: RunResult, path: str | Path) -> tuple[RunResult, int]:
    """Hide findings covered by the baseline; return the new result and how many were hidden."""
    from dataclasses import replace

    known = load_baseline(path)
    base = Path(path).resolve().parent
    hidden = 0
    files = []
    for r in result.files:
        allowed = known.get(_key(r.path, base), {})
        if not allowed or not r.findings:
            files.append(r)
            continue
        have = Counter(f.rule for f in r.findings)
        kept = [f for f in r.findings if have[f.rule] > allowed.get(f.rule, 0)]
        hidden += len(r.findings) - len(kept)
        files.append(replace(r, findings=kept))
    return RunResult(files=files), hidden
