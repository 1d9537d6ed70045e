"""A deterministic mutator of DOCX files, for fuzzing the readers and writers.

Each mutant is a function of (seed file, index, base seed): the same inputs give the same bytes
on every machine, with no network, so a mutant that once broke draftlint can be named and made
again. Mutations are of two levels, as the ways real files go wrong are:

* the ZIP package: bytes flipped inside a member's compressed data, a member marked encrypted,
  its compression method changed (LZMA, bzip2, an unknown one), the file cut short, a member's
  name duplicated or made to climb out (``../``);
* the XML inside a valid package: a closing tag deleted, numeric attributes made huge, negative
  or not numbers (list starts and levels, spans, sizes), nesting made deep, ``basedOn`` and
  numbering links made into cycles, relationships pointed at absolute paths and external
  addresses, bytes that are not UTF-8.

Used by ``tests/test_fuzz.py`` (a few hundred mutants on every run) and ``bench/fuzz.py``
(10,000 and more).
"""

from __future__ import annotations

import io
import random
import re
import struct
import zipfile
from pathlib import Path
from typing import Callable, Iterator

_LOCAL = b"PK\x03\x04"
_CENTRAL = b"PK\x01\x02"


def seed_files(shared: Path | None, repo: Path) -> list[Path]:
    """The DOCX files mutants are made from: the samples and, beside the checkout, the shared
    corpora of real-world and template DOCX."""
    files = sorted((repo / "samples").glob("*.docx"))
    if shared is not None:
        for folder in ("corpus/docx-wild", "corpus/templates-zh"):
            files += sorted(p for p in (shared / folder).rglob("*.docx") if p.is_file())
    return files


# ---------------------------------------------------------------------------- ZIP level


def _headers(data: bytes, magic: bytes) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(magic), data)]


def flip_data(data: bytes, rng: random.Random) -> bytes:
    """Flip a few bytes inside one member's stored data (a corrupt deflate stream or a bad CRC)."""
    out = bytearray(data)
    locals_ = _headers(data, _LOCAL)
    if not locals_:
        return bytes(out)
    at = rng.choice(locals_)
    name_len, extra_len = struct.unpack_from("<HH", out, at + 26)
    start = at + 30 + name_len + extra_len
    size = struct.unpack_from("<I", out, at + 18)[0] or 64
    for _ in range(rng.randint(1, 4)):
        i = start + rng.randrange(max(1, min(size, len(out) - start)))
        if i < len(out):
            out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def mark_encrypted(data: bytes, rng: random.Random) -> bytes:
    """Set the 'encrypted' flag of one member, in its local and central headers."""
    out = bytearray(data)
    index = None
    for n, magic, offset in ((0, _LOCAL, 6), (1, _CENTRAL, 8)):
        headers = _headers(data, magic)
        if not headers:
            continue
        index = rng.randrange(len(headers)) if index is None else min(index, len(headers) - 1)
        at = headers[index] + offset
        out[at] |= 1
    return bytes(out)


def change_method(data: bytes, rng: random.Random) -> bytes:
    """Change one member's compression method to LZMA (14), bzip2 (12) or an unknown one."""
    out = bytearray(data)
    method = rng.choice((14, 12, 99, 9, 6))
    index = None
    for magic, offset in ((_LOCAL, 8), (_CENTRAL, 10)):
        headers = _headers(data, magic)
        if not headers:
            continue
        index = rng.randrange(len(headers)) if index is None else min(index, len(headers) - 1)
        struct.pack_into("<H", out, headers[index] + offset, method)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    """Cut the file short (a download that stopped)."""
    return data[: rng.randrange(len(data))]


def flip_anywhere(data: bytes, rng: random.Random) -> bytes:
    """Flip a few bytes anywhere, headers and directory included."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(info, z.read(info)) for info in z.infolist()]


def _pack(members: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in members:
            z.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), content, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def rename_member(data: bytes, rng: random.Random) -> bytes:
    """Duplicate a member under its own name, or give it a name that climbs out (``../``)."""
    members = [(i.filename, c) for i, c in _members(data)]
    n = rng.randrange(len(members))
    name, content = members[n]
    if rng.random() < 0.5:
        members.append((name, content[: len(content) // 2]))
    else:
        members[n] = ("../" * rng.randint(1, 4) + name, content)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name: that is the point
        return _pack(members)


# ---------------------------------------------------------------------------- XML level

_NUMBERS = re.compile(
    rb'(w:(?:val|start|ilvl|numId|abstractNumId|gridSpan|sz|w|h|left|right|hanging|firstLine|line|'
    rb'before|after|id|pos|restart|count|space))="(-?\d+)"'
)
_HUGE = (b"2147483647", b"99999999", b"4294967296", b"-1", b"-2147483648", b"1e9", b"abc", b"", b"0x10")


def _xml_parts(members: list[tuple[str, bytes]]) -> list[int]:
    return [n for n, (name, _) in enumerate(members) if name.endswith((".xml", ".rels"))]


def _mutate_part(data: bytes, rng: random.Random, change: Callable[[bytes, random.Random], bytes], prefer: str = "") -> bytes:
    members = [(i.filename, c) for i, c in _members(data)]
    parts = _xml_parts(members)
    if not parts:
        return data
    preferred = [n for n in parts if prefer and prefer in members[n][0]]
    n = rng.choice(preferred or parts)
    members[n] = (members[n][0], change(members[n][1], rng))
    return _pack(members)


def _drop_closing_tag(xml: bytes, rng: random.Random) -> bytes:
    tags = [m for m in re.finditer(rb"</[^>]{1,40}>", xml)]
    if not tags:
        return xml
    m = rng.choice(tags)
    return xml[: m.start()] + xml[m.end() :]


def _absurd_numbers(xml: bytes, rng: random.Random) -> bytes:
    hits = list(_NUMBERS.finditer(xml))
    if not hits:
        return xml
    out = xml
    for m in sorted(rng.sample(hits, min(len(hits), rng.randint(1, 6))), key=lambda m: -m.start()):
        out = out[: m.start(2)] + rng.choice(_HUGE) + out[m.end(2) :]
    return out


def _deep_nesting(xml: bytes, rng: random.Random) -> bytes:
    m = re.search(rb"<w:body>", xml)
    if not m:
        return xml
    depth = rng.choice((500, 5_000, 50_000))
    opener = rng.choice((b"<w:sdt><w:sdtContent>", b"<w:ins w:id=\"1\">", b"<w:smartTag>"))
    closer = {b"<w:sdt><w:sdtContent>": b"</w:sdtContent></w:sdt>", b"<w:ins w:id=\"1\">": b"</w:ins>", b"<w:smartTag>": b"</w:smartTag>"}[opener]
    inner = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"
    return xml[: m.end()] + opener * depth + inner + closer * depth + xml[m.end() :]


def _cycles(xml: bytes, rng: random.Random) -> bytes:
    """Point every ``basedOn`` at the style defined before it in a ring, or every numbering
    instance and abstract numbering at each other (``numStyleLink``/``styleLink``)."""
    ids = re.findall(rb'w:styleId="([^"]+)"', xml)
    if ids and b"basedOn" in xml or ids and rng.random() < 0.5:
        ring = {a: b for a, b in zip(ids, ids[1:] + ids[:1])}
        return re.sub(
            rb'(<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>)',
            lambda m: m.group(1) + b'<w:basedOn w:val="' + ring.get(m.group(2), m.group(2)) + b'"/>',
            xml,
        )
    abstract = re.findall(rb'w:abstractNumId="(\d+)"', xml)
    if abstract:
        return re.sub(
            rb'(<w:abstractNum\b[^>]*>)',
            lambda m: m.group(1) + b'<w:numStyleLink w:val="L"/><w:styleLink w:val="L"/>',
            xml,
        )
    return xml


def _relationships(xml: bytes, rng: random.Random) -> bytes:
    target = rng.choice(
        (b"/etc/passwd", b"../../../../etc/passwd", b"http://127.0.0.1:9/x.png", b"file:///etc/hostname",
         b"word/document.xml", b"", b"\\\\server\\share\\a.docx")
    )
    external = rng.random() < 0.5
    return re.sub(
        rb'Target="[^"]*"',
        lambda m: b'Target="' + target + b'"' + (b' TargetMode="External"' if external else b""),
        xml,
        count=rng.randint(1, 4),
    )


def _bad_utf8(xml: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(xml)) if xml else 0
    return xml[:at] + rng.choice((b"\xff\xfe", b"\xc3", b"\xed\xa0\x80", b"\x00")) + xml[at:]


def _huge_list_start(xml: bytes, rng: random.Random) -> bytes:
    value = rng.choice((b"2147483647", b"99999999", b"-7", b"1000000"))
    xml = re.sub(rb'(<w:(?:start|startOverride) w:val=")[^"]*"', lambda m: m.group(1) + value + b'"', xml)
    fmt = rng.choice((b"upperLetter", b"lowerLetter", b"upperRoman", b"ideographDigital", b"chineseCounting", b"decimalZero"))
    return re.sub(rb'(<w:numFmt w:val=")[^"]*"', lambda m: m.group(1) + fmt + b'"', xml)


def huge_list_start(data: bytes, rng: random.Random) -> bytes:
    """List numbering that starts in the millions (or below zero), in a letter or numeral format."""
    return _mutate_part(data, rng, _huge_list_start, "numbering")


def drop_closing_tag(data: bytes, rng: random.Random) -> bytes:
    return _mutate_part(data, rng, _drop_closing_tag, "document")


def absurd_numbers(data: bytes, rng: random.Random) -> bytes:
    return _mutate_part(data, rng, _absurd_numbers, rng.choice(("numbering", "document", "styles", "settings")))


def deep_nesting(data: bytes, rng: random.Random) -> bytes:
    return _mutate_part(data, rng, _deep_nesting, "document.xml")


def cycles(data: bytes, rng: random.Random) -> bytes:
    return _mutate_part(data, rng, _cycles, rng.choice(("styles", "numbering")))


def relationships(data: bytes, rng: random.Random) -> bytes:
    return _mutate_part(data, rng, _relationships, ".rels")


def bad_utf8(data: bytes, rng: random.Random) -> bytes:
    return _mutate_part(data, rng, _bad_utf8, "document")


MUTATIONS: tuple[Callable[[bytes, random.Random], bytes], ...] = (
    flip_data, mark_encrypted, change_method, truncate, flip_anywhere, rename_member,
    drop_closing_tag, absurd_numbers, huge_list_start, deep_nesting, cycles, relationships, bad_utf8,
)


def mutant(seed_data: bytes, index: int, base_seed: int = 0) -> tuple[str, bytes]:
    """Mutant ``index`` of ``seed_data``: (the mutation's name, the bytes). XML-level mutations
    of a package that does not open as a ZIP fall back to flipping bytes."""
    rng = random.Random(f"{base_seed}:{index}:{len(seed_data)}")
    mutation = MUTATIONS[index % len(MUTATIONS)]
    try:
        return mutation.__name__, mutation(seed_data, rng)
    except (zipfile.BadZipFile, ValueError, KeyError, OSError, EOFError, NotImplementedError, RuntimeError, struct.error):
        return "flip_anywhere", flip_anywhere(seed_data, rng)


def mutants(seeds: list[Path], count: int, base_seed: int = 0) -> Iterator[tuple[str, str, bytes]]:
    """``count`` mutants spread over ``seeds`` in turn: (name, mutation, bytes)."""
    contents = [p.read_bytes() for p in seeds]
    for i in range(count):
        n = i % len(seeds)
        mutation, data = mutant(contents[n], i, base_seed)
        yield f"m{i:05d}-{mutation}-{seeds[n].stem[:40]}.docx", mutation, data
