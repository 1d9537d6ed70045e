"""Readers turn a file's bytes into a :class:`~draftlint.model.Document`.

They know nothing about rules. Each format has its own module; :func:`read_document` picks one
by the file name and raises :class:`ReadError` with a reason a person can act on. Formats other
than TXT, Markdown and DOCX are converted to DOCX by LibreOffice first (:mod:`.convert`).
"""

from __future__ import annotations

from pathlib import PurePath

from ..model import Document
from .errors import ReadError
from .options import DEFAULT_OPTIONS, ReaderOptions

TXT_SUFFIXES = frozenset({".txt"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
DOCX_SUFFIXES = frozenset({".docx", ".docm", ".dotx", ".dotm"})
CONVERTED_SUFFIXES = frozenset({".doc", ".wps", ".odt", ".rtf"})
SUPPORTED_SUFFIXES = TXT_SUFFIXES | MARKDOWN_SUFFIXES | DOCX_SUFFIXES | CONVERTED_SUFFIXES

__all__ = ["ReadError", "ReaderOptions", "SUPPORTED_SUFFIXES", "as_docx", "read_document", "format_of"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def format_of(path: str) -> str | None:
    """``txt``, ``markdown``, ``docx``, or the suffix of a converted format (``doc``, ``wps``, ``odt``, ``rtf``)."""
    suffix = PurePath(path).suffix.lower()
    if suffix in TXT_SUFFIXES:
        return "txt"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in DOCX_SUFFIXES:
        return "docx"
    if suffix in CONVERTED_SUFFIXES:
        return suffix[1:]
    return None


def read_document(data: bytes, path: str, options: ReaderOptions = DEFAULT_OPTIONS) -> Document:
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
    if fmt == "markdown":
        from .markdown import read_markdown

        return read_markdown(data, path)
    from .docx import read_docx

    return read_docx(as_docx(data, path), path, options, fmt)


def as_docx(data: bytes, path: str) -> bytes:
    """The DOCX that a Word-like file ``path`` is read as: itself, or (.doc, .wps, .odt, .rtf)
    LibreOffice's conversion of it. ``annotate`` and ``fix`` write their copies from the same
    bytes the reader read, so a legacy file's findings land where they were found."""
    fmt = format_of(path)
    if fmt == "docx" or data.startswith(b"PK\x03\x04") and fmt != "odt":
        return data
    if data.startswith(_OLE_MAGIC) and "EncryptedPackage".encode("utf-16-le") in data:
        raise ReadError("encrypted (password-protected) document: remove the password and save again")
    from .convert import convert

    return convert(data, path)
