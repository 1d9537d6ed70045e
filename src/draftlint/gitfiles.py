"""Which files changed in git: for ``--since REF`` and ``--diff-only`` on large repositories."""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    pass


def _git(args: list[str], cwd: Path) -> str:
    try:
        out = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if out.returncode != 0:
        raise GitError(out.stderr.strip() or f"git {' '.join(args)} failed")
    return out.stdout


def changed_files(ref: str, cwd: str | Path = ".") -> set[Path]:
    """Files added, copied, modified or renamed since ``ref`` (committed or not), plus untracked
    files, as resolved paths. Deleted files are left out."""
    cwd = Path(cwd)
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    names = _git(["-c", "core.quotepath=off", "diff", "--name-only", "-z", "--diff-filter=ACMR", ref, "--"], cwd)
    untracked = _git(["-c", "core.quotepath=off", "ls-files", "-z", "--others", "--exclude-standard"], top)
    return {(top / n).resolve() for n in (names + untracked).split("\0") if n}
