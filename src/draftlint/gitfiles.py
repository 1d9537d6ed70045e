"""What git knows about the files: which changed (``--since REF``, ``--diff-only``) and which
it ignores (folders are walked the way ``git status`` sees them)."""

from __future__ import annotations

import os
from pathlib import Path


class GitError(Exception):
    pass


def _git(args: list[str], cwd: str | Path) -> list[str]:
    """The NUL-separated names ``git args`` prints (``-z``; one line for ``rev-parse``)."""
    import subprocess  # not for a walk outside any repository (2 ms of a cached re-run)

    try:
        out = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if out.returncode != 0:
        said = os.fsdecode(out.stderr).strip()
        raise GitError(said.splitlines()[0] if said else f"git {' '.join(args)} failed")
    return [os.fsdecode(n) for n in out.stdout.split(b"\0") if n]


def changed_files(ref: str, cwd: str | Path = ".") -> set[Path]:
    """Files added, copied, modified or renamed since ``ref`` (committed or not), plus untracked
    files, as resolved paths. Deleted files are left out."""
    cwd = Path(cwd)
    if not ref or ref.startswith("-"):
        # a value such as --output=FILE would reach git as an option (and make it write FILE)
        raise GitError(f"{ref!r} is not a git revision")
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd)[0].rstrip("\n"))
    try:
        commit = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], cwd)[0].rstrip("\n")
    except (GitError, IndexError):
        raise GitError(f"{ref!r} is not a commit of this repository") from None
    names = _git(["diff", "--name-only", "-z", "--diff-filter=ACMR", commit, "--"], cwd)
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard"], top)
    return {(top / n).resolve() for n in names + untracked}


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
    files, folders = set(), set()
    for name in _git(["ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory"], folder):
        if name == "./":  # the folder itself is ignored, but it was named, so it is walked
            continue
        if name.endswith("/"):
            folders.add(name.rstrip("/"))
        else:
            files.add(name)
    return frozenset(files), frozenset(folders)
