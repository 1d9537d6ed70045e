"""What git knows about the files: which changed (``--since REF``, ``--diff-only``) and which
it ignores (folders are walked the way ``git status`` sees them)."""

from __future__ import annotations

import os
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


def work_tree_above(folder: str) -> bool:
    """Whether ``folder`` lies in a git work tree (a ``.git`` in it or above it): checked
    before starting git, so folders outside any repository cost a few ``stat`` calls only."""
    d = os.path.abspath(folder)
    while True:
        if os.path.exists(os.path.join(d, ".git")):
            return True
        parent = os.path.dirname(d)
        if parent == d:
            return False
        d = parent


def ignored_under(folder: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """What git ignores under ``folder`` and does not track, as '/'-separated paths relative to
    it: (files, folders). Git decides, so every .gitignore on the way down, .git/info/exclude and
    the user's global excludes count exactly as for ``git status``. None outside a work tree; a
    GitError when git is missing or refuses the repository (e.g. "dubious ownership")."""
    if not work_tree_above(folder):
        return None
    try:
        out = subprocess.run(
            ["git", "-c", "core.quotepath=off", "ls-files", "-z", "--others", "--ignored", "--exclude-standard",
             "--directory"],
            cwd=folder, capture_output=True, check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if out.returncode != 0:
        raise GitError(os.fsdecode(out.stderr).strip().splitlines()[0] if out.stderr.strip() else "git ls-files failed")
    files, folders = set(), set()
    for raw in out.stdout.split(b"\0"):
        name = os.fsdecode(raw)
        if not name or name == "./":  # "./": the folder itself is ignored, but it was named
            continue
        if name.endswith("/"):
            folders.add(name.rstrip("/"))
        else:
            files.add(name)
    return frozenset(files), frozenset(folders)
