"""Request bodies read into memory under the server's limits: the files of a multipart upload,
or one pasted text as JSON. Nothing is spooled to disk (Starlette's form parser writes a file
part over 1 MB to a temporary file), and a file's name is only ever a string: cleaned here,
then used to choose its format and shown back.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import AsyncIterator, NamedTuple

#: The name a pasted text is checked as when the request gives none.
PASTED_NAME = {"zh": "粘贴的文本.txt", "en": "pasted-text.txt"}
MAX_NAME_CHARS = 120
#: Bytes of one header line of a multipart part: room for a file name of 10,000 Chinese characters.
MAX_HEADER_BYTES = 64 * 1024


class Upload(NamedTuple):
    name: str
    data: bytes


class TooLarge(Exception):
    """The body is over a limit: ``str()`` says which, for people (413)."""


class BadRequest(Exception):
    """The body cannot be read as an upload (400)."""


def clean_name(raw: str, default: str = "upload.txt") -> str:
    """A file name as the page may show it and the linter may read its suffix from: the last
    part of any path, without control characters, at most :data:`MAX_NAME_CHARS` characters."""
    name = re.split(r"[\\/]", raw or "")[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip().lstrip(".")
    if len(name) > MAX_NAME_CHARS:
        stem, dot, ext = name.rpartition(".")
        ext = ext[:16] if dot else ""
        name = (stem if dot else name)[: MAX_NAME_CHARS - len(ext) - 1] + ("." + ext if ext else "")
    return name or default


def limit_words(max_bytes: int, max_files: int, lang: str) -> dict[str, str]:
    mb = f"{max_bytes / 1024 / 1024:g}"
    if lang == "en":
        return {"size": f"Too large: one check takes at most {mb} MB in all. Send fewer or smaller files.",
                "count": f"Too many files: one check takes at most {max_files} files."}
    return {"size": f"上传内容过大：一次检查最多 {mb} MB，请减少文件或拆分后再试。",
            "count": f"文件过多：一次检查最多 {max_files} 个文件。"}


async def read_body(stream: AsyncIterator[bytes], declared: int | None, max_bytes: int, words: dict[str, str]) -> bytes:
    """The whole body, or TooLarge once it is over ``max_bytes``. What is over is still read
    (and dropped), up to :func:`drain_limit`: a client cut off while it sends sees a broken
    connection instead of the answer that says which limit it hit."""
    over = declared is not None and declared > max_bytes
    body = bytearray()
    seen = 0
    async for chunk in stream:
        seen += len(chunk)
        if not over:
            body += chunk
            if len(body) > max_bytes:
                over, body = True, bytearray()
        if over and seen > drain_limit(max_bytes):
            break
    if over:
        raise TooLarge(words["size"])
    return bytes(body)


def drain_limit(max_bytes: int) -> int:
    """Bytes of a body over the limit read before the connection is given up."""
    return 4 * max_bytes + 16 * 1024 * 1024


def parse_multipart(body: bytes, content_type: str, max_files: int, words: dict[str, str], lang: str = "zh") -> list[Upload]:
    """The file parts of a ``multipart/form-data`` body (field ``files``, or any part with a
    file name), in order; a text field ``text`` becomes a pasted text (named as in ``lang``)."""
    from python_multipart.multipart import MultipartParser, parse_options_header

    _, params = parse_options_header(content_type.encode("latin-1", "replace"))
    boundary = params.get(b"boundary")
    if not boundary:
        raise BadRequest("multipart body without a boundary")
    parts: list[dict] = []
    state = {"field": b"", "value": b""}

    def on_part_begin():
        parts.append({"headers": {}, "data": bytearray()})

    def on_header_field(data, start, end):
        state["field"] += data[start:end]

    def on_header_value(data, start, end):
        state["value"] += data[start:end]

    def on_header_end():
        parts[-1]["headers"][state["field"].lower()] = state["value"]
        state["field"], state["value"] = b"", b""

    def on_part_data(data, start, end):
        parts[-1]["data"] += data[start:end]

    import inspect

    # python-multipart refuses a header line over 4 KB (a part's Content-Disposition holds its
    # file name): the whole request would fail on one long name, where the name is only cut
    extra = {"max_header_size": MAX_HEADER_BYTES} if "max_header_size" in inspect.signature(MultipartParser).parameters else {}
    parser = MultipartParser(boundary, {
        "on_part_begin": on_part_begin, "on_header_field": on_header_field, "on_header_value": on_header_value,
        "on_header_end": on_header_end, "on_part_data": on_part_data,
    }, **extra)
    try:
        parser.write(body)
        parser.finalize()
    except Exception as exc:  # noqa: BLE001 - python-multipart's errors: a malformed body
        raise BadRequest(f"malformed multipart body ({type(exc).__name__})") from None
    uploads: list[Upload] = []
    for part in parts:
        _, disp = parse_options_header(part["headers"].get(b"content-disposition", b""))
        field = disp.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" in disp:
            name = clean_name(disp[b"filename"].decode("utf-8", "replace"))
            uploads.append(Upload(name, bytes(part["data"])))
        elif field == "text":
            uploads.append(Upload(PASTED_NAME.get(lang, PASTED_NAME["zh"]), bytes(part["data"])))
        if len(uploads) > max_files:
            raise TooLarge(words["count"])
    return uploads


def parse_json(body: bytes, lang: str) -> list[Upload]:
    """``{"name": …, "text": …}`` (name optional): the text as a UTF-8 TXT file."""
    try:
        value = json.loads(body)
    except ValueError:
        raise BadRequest("the body is not JSON") from None
    if not isinstance(value, dict) or not isinstance(value.get("text"), str):
        raise BadRequest('expected {"name": "…", "text": "…"}')
    name = clean_name(value.get("name") if isinstance(value.get("name"), str) else "", PASTED_NAME.get(lang, PASTED_NAME["zh"]))
    if not name.lower().endswith(".txt"):
        name += ".txt"
    return [Upload(name, value["text"].encode("utf-8", "surrogatepass"))]
