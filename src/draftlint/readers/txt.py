"""Plain-text reader: decode the bytes, one line = one block.

UTF-8 (with or without BOM) and UTF-16 with a BOM are read as they say; bytes that are not
UTF-8 are read as GB18030, the superset of GBK and GB2312 that Chinese offices still save.
Bytes that decode in neither become U+FFFD and are *marked* (``undecodable``) where they stood,
so a rule reports them instead of the text silently losing them.
"""

from __future__ import annotations

import codecs
import re

from ..model import Block, Document, Mark
from .errors import ReadError

# C0 controls that do not occur in text files (tab, LF, VT, FF, CR and ESC aside).
_BINARY_CONTROLS = bytes([*range(0, 9), *range(14, 27), 28, 29, 30, 31])
# More damage than this share of characters means the file is not text in these encodings.
MAX_DAMAGED_SHARE = 0.05


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding label)``; raise ReadError for binary or undecodable data."""
    if data.startswith(codecs.BOM_UTF8):
        return _lenient(data[3:], "utf-8", "utf-8-sig")
    if data.startswith(codecs.BOM_UTF16_LE):
        return _lenient(data[2:], "utf-16-le", "utf-16-le")
    if data.startswith(codecs.BOM_UTF16_BE):
        return _lenient(data[2:], "utf-16-be", "utf-16-be")
    head = data[:8192]
    if b"\x00" in head or len(head) - len(head.translate(None, _BINARY_CONTROLS)) > max(2, len(head) // 200):
        raise ReadError("binary content, not a text file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    # Mostly text in one encoding with a few damaged bytes: keep the reading that loses less.
    readings = [(data.decode(codec, errors="replace"), codec) for codec in ("utf-8", "gb18030")]
    text, label = min(readings, key=lambda r: r[0].count("\ufffd"))
    return _checked(text, label)


def _lenient(data: bytes, codec: str, label: str) -> tuple[str, str]:
    return _checked(data.decode(codec, errors="replace"), label)


def _checked(text: str, label: str) -> tuple[str, str]:
    damaged = text.count("\ufffd")
    if damaged and damaged > max(16, len(text) * MAX_DAMAGED_SHARE):
        raise ReadError(f"cannot decode as {label}: {damaged} damaged characters")
    return text, label


def split_lines(text: str) -> list[str]:
    """Split on CRLF, CR or LF, keeping a last line without a newline; nothing else counts."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _undecodable(line: str, original_had_fffd: bool) -> tuple[Mark, ...]:
    if "\ufffd" not in line or original_had_fffd:
        return ()
    marks = []
    i = line.find("\ufffd")
    while i != -1:
        j = i
        while j < len(line) and line[j] == "\ufffd":
            j += 1
        marks.append(Mark(i, j, "undecodable"))
        i = line.find("\ufffd", j)
    return tuple(marks)


def read_txt(data: bytes, path: str) -> Document:
    text, encoding = decode(data)
    # A U+FFFD spelled out by the bytes themselves is already damage (EN rules may catch it);
    # only replacement characters that decoding introduced are marked as undecodable here.
    spelled = "\ufffd".encode("utf-8") in data if encoding.startswith("utf-8") else False
    blocks = [
        Block(text=line, index=i, part="body", paragraph=i + 1, marks=_undecodable(line, spelled))
        for i, line in enumerate(split_lines(text))
    ]
    return Document(path=path, format="txt", blocks=blocks, encoding=encoding)


# -- writing a text file back byte for byte (the fixes of TXT and Markdown) ----------------------
_NEWLINE = re.compile(r"\r\n|\r|\n")
_BOMS = {"utf-8-sig": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}


def exact_text(data: bytes) -> tuple[str, bytes, str]:
    """``(text, BOM, codec)`` of a text file that ``BOM + text.encode(codec)`` writes back
    byte for byte; :class:`ReadError` when it would not (bytes that did not decode)."""
    text, encoding = decode(data)
    bom = _BOMS.get(encoding, b"")
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    if bom + text.encode(codec) != data:
        raise ReadError(f"not fixed: the file has bytes that do not round-trip through {encoding}")
    return text, bom, codec


def split_with_ends(text: str) -> tuple[list[str], list[str]]:
    """``text``'s lines and the line end after each (one fewer: the last line has none), so
    that :func:`join_with_ends` gives ``text`` back with its CRLF, CR and LF as they were."""
    return _NEWLINE.split(text), _NEWLINE.findall(text)


def join_with_ends(parts: list[str], ends: list[str]) -> str:
    return "".join(p + e for p, e in zip(parts, ends + [""]))
