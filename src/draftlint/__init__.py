"""draftlint: find what a template left behind in drafts of Chinese official documents.

The Python API (see :mod:`draftlint.api`) is imported on first use, so ``draftlint`` starts fast::

    import draftlint
    for f in draftlint.lint_text("根据x市x局的要求。"):
        print(f.rule, f.line, f.column, f.message.zh)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .installed import VERSION as __version__
__all__ = ["lint_paths", "lint_bytes", "lint_text", "FileResult", "Finding", "Severity", "__version__"]

if TYPE_CHECKING:
    from .api import FileResult, Finding, lint_bytes, lint_paths, lint_text
    from .model import Severity


def __getattr__(name: str):
    if name in ("lint_paths", "lint_bytes", "lint_text", "FileResult", "Finding"):
        from . import api

        return getattr(api, name)
    if name == "Severity":
        from .model import Severity

        return Severity
    raise AttributeError(f"module 'draftlint' has no attribute {name!r}")
