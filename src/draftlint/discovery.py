"""Find the files to lint under the paths a person gave."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import NamedTuple

from .readers import SUPPORTED_SUFFIXES


def is_draftlint_copy(name: str) -> bool:
    """Whether ``name`` is a copy draftlint wrote: ``draftlint annotate``'s (草稿.draftlint.docx,
    the draft with the findings as comments) or ``draftlint fix``'s (草稿.fixed.docx with the
    fixes as tracked changes, 说明.fixed.txt with them applied). Found in a folder, it is the draft again, and linting it
    would repeat its original's findings; named on its own it is linted."""
    stem = os.path.splitext(name)[0].lower()
    return stem.endswith(".draftlint") or stem.endswith(".fixed") and name.lower().endswith((".docx", ".docm", ".txt", ".md", ".markdown"))


def not_a_file(path: str) -> str | None:
    """Why ``path`` (followed through symbolic links) is no file to read, or None for a regular
    file: reading a named pipe waits for ever, a device such as /dev/zero never ends."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # missing or unreadable: said when it is opened
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a file: not read"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file: not read"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file: not read"
    return "not a regular file: not read"


class Target(NamedTuple):
    """A file to lint, or a path that could not be used (``error`` says why)."""

    path: str
    error: str | None = None


class Targets(list):
    """The targets found (a list of :class:`Target`), with what the walk passed over that a
    person may want to know: how many entries git ignores, and why .gitignore could not be
    applied somewhere."""

    def __init__(self) -> None:
        super().__init__()
        self.gitignored = 0  # files and folders found while walking that git ignores
        self.notes: list[str] = []


def is_virtual_environment(files: list[str]) -> bool:
    """Whether a folder holding ``files`` is a Python virtual environment (``pyvenv.cfg``): its
    licences and metadata are never drafts, and one made inside a repository of reports (a CI
    job's ``python -m venv venv``) would otherwise be linted file by file."""
    return "pyvenv.cfg" in files


def discover(paths: list[str], respect_gitignore: bool = True) -> Targets:
    """Files named directly, and supported files found by walking folders.

    The walk passes over hidden folders and files, the copies draftlint wrote (annotated, fixed), Python
    virtual environments, named pipes, sockets and devices (with a note), and, with ``respect_gitignore``, what git ignores (untracked files
    that .gitignore matches, as ``git status`` sees them). What is named directly is always
    linted. Symbolic links to folders are not followed, so link loops cannot trap the walk.
    Results keep the order of ``paths`` and are sorted within each folder.
    """
    out = Targets()
    seen: set[str] = set()

    def add(target: Target) -> None:
        if target.path not in seen:
            seen.add(target.path)
            out.append(target)

    for raw in paths:
        path = Path(raw)
        special = not_a_file(raw)
        if special:
            add(Target(str(path), special))
        elif path.is_dir():
            for f in sorted(_walk(raw, respect_gitignore, out)):
                add(Target(f))
        elif path.is_file():
            add(Target(str(path)))
        elif path.is_symlink():
            add(Target(str(path), "broken symbolic link"))
        else:
            add(Target(str(path), "no such file or folder"))
    return out


def _walk(folder: str, respect_gitignore: bool, out: Targets) -> list[str]:
    ignored_files: frozenset[str] = frozenset()
    ignored_folders: frozenset[str] = frozenset()
    if respect_gitignore:
        from .gitfiles import GitError, ignored_under

        try:
            ignored = ignored_under(folder)
        except GitError as exc:
            out.notes.append(f"{folder}: .gitignore not applied: {exc}")
            ignored = None
        if ignored is not None:
            ignored_files, ignored_folders = ignored
    found: list[str] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        if root != folder and is_virtual_environment(files):
            dirs[:] = []
            continue
        # the root's path relative to the folder, as git writes it ('/'-separated)
        rel = os.path.relpath(root, folder).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        keep = []
        for d in sorted(dirs):
            if d.startswith("."):
                continue
            if prefix + d in ignored_folders:
                out.gitignored += 1
                continue
            keep.append(d)
        dirs[:] = keep
        for name in files:
            if name.startswith(".") or is_draftlint_copy(name):
                continue
            if os.path.splitext(name)[1].lower() in SUPPORTED_SUFFIXES:
                if prefix + name in ignored_files:
                    out.gitignored += 1
                    continue
                special = not_a_file(os.path.join(root, name))
                if special:  # a pipe or a device named like a draft: passed over, and said
                    out.notes.append(f"{os.path.join(root, name)}: {special}")
                    continue
                found.append(os.path.join(root, name))
    return found
