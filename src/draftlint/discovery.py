"""Find the files to lint under the paths a person gave."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .readers import SUPPORTED_SUFFIXES


def is_annotated_copy(name: str) -> bool:
    """Whether ``name`` is a Word copy ``draftlint annotate`` wrote (草稿.draftlint.docx): the
    draft again, with the findings as comments. Found in a folder, it is a report, not a draft,
    and linting it would repeat every finding of its original; named on its own it is linted."""
    return os.path.splitext(name)[0].lower().endswith(".draftlint")


@dataclass(frozen=True)
class Target:
    """A file to lint, or a path that could not be used (``error`` says why)."""

    path: str
    error: str | None = None


def discover(paths: list[str]) -> list[Target]:
    """Files named directly, and supported files found by walking folders (hidden ones, and
    the annotated copies draftlint wrote, skipped).

    Symbolic links to folders are not followed, so link loops cannot trap the walk. Results keep
    the order of ``paths`` and are sorted within each folder.
    """
    out: list[Target] = []
    seen: set[str] = set()

    def add(target: Target) -> None:
        if target.path not in seen:
            seen.add(target.path)
            out.append(target)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found: list[str] = []
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    if name.startswith(".") or is_annotated_copy(name):
                        continue
                    if Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                        found.append(os.path.join(root, name))
            for f in sorted(found):
                add(Target(f))
        elif path.is_file():
            add(Target(str(path)))
        elif path.is_symlink():
            add(Target(str(path), "broken symbolic link"))
        else:
            add(Target(str(path), "no such file or folder"))
    return out
