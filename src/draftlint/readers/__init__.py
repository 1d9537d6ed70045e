"""Readers turn a file's bytes into a :class:`~draftlint.model.Document`.

They know nothing about rules. Each format has its own module; :func:`read_document` picks one
by the file name and raises :class:`ReadError` with a reason a person can act on.
"""

from __future__ import annotations

from pathlib import PurePath

from ..model import Document
from .errors import ReadError

TXT_SUFFIXES = frozenset({".txt"})
DOCX_SUFFIXES = frozenset({".docx", ".docm", ".dotx", ".dotm"})
SUPPORTED_SUFFIXES = TXT_SUFFIXES | DOCX_SUFFIXES

__all__ = ["ReadError", "SUPPORTED_SUFFIXES", "read_document", "format_of"]


def format_of(path: str) -> str | None:
    suffix = PurePath(path).suffix.lower()
    if suffix in TXT_SUFFIXES:
        return "txt"
    if suffix in DOCX_SUFFIXES:
        return "docx"
    return None


def read_document(data: bytes, path: str) -> Document:
    """Read ``data`` (the file's bytes) named ``path`` into a document, or raise ReadError."""
    fmt = format_of(path)
    if fmt is None:
        raise ReadError(f"unsupported file type {PurePath(path).suffix or '(none)'!r}")
    if not data:
        raise ReadError("empty file")
    if fmt == "txt":
        from ..suppression import extract_txt_directives
        from .txt import read_txt

        return extract_txt_directives(read_txt(data, path))
    from .docx import read_docx

    return read_docx(data, path)
