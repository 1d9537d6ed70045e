"""Editing WordprocessingML in place: find the ``w:p`` behind each block, split runs at offsets.

Every :class:`~draftlint.model.Block` the DOCX reader made keeps an ``anchor`` to its ``w:p``
and ``segments`` that map its text to the paragraph's runs. This module finds the paragraph
from the anchor, walks it with the reader's own walk (:mod:`draftlint.readers.docx_paragraph`),
checks that every segment's text is really in its run, and splits runs at block offsets while
keeping each run's ``w:rPr``. :mod:`.docx_comments` and :mod:`.docx_revisions` put markup at
those split points. A Strict OOXML package is edited in transitional names and written back in
its own.
"""

from __future__ import annotations

import copy
import datetime as _dt
import io
import posixpath
import zipfile
from dataclasses import dataclass

from lxml import etree

from ..model import Block
from ..readers.docx_paragraph import P, R, T, Fields, find_paragraph, read_paragraph
from ..readers.ooxml import NS, Package, is_strict, strict, transitional

W = NS["w"]
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
CONTENT_TYPES = "[Content_Types].xml"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
PR_NS = NS["pr"]
AUTHOR = "draftlint"


def now() -> str:
    """The timestamp Word writes on comments and revisions (UTC, seconds)."""
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


RPR, PPR = w("rPr"), w("pPr")

# Same hardening as the reader, but keep XML comments and processing instructions: a copy must
# carry everything the original had.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)


class EditError(Exception):
    """The document cannot be edited safely (the reason is for the person)."""


class EditablePackage:
    """An OOXML package whose XML parts can be changed and written to new bytes.

    Parts that are not touched are copied byte for byte, in their original order and compression.
    """

    def __init__(self, data: bytes):
        self.reader = Package(data)  # bounded reads; raises ReadError for damaged input
        self._parts: dict[str, etree._Element] = {}
        self._paragraphs: dict[str, list[etree._Element]] = {}
        self.main = self.reader.main_document()
        self.strict = is_strict(self.reader.read(self.main))

    def has(self, name: str) -> bool:
        return name in self._parts or self.reader.has(name)

    def xml(self, name: str) -> etree._Element:
        if name not in self._parts:
            try:
                self._parts[name] = etree.fromstring(transitional(self.reader.read(name)), _PARSER)
            except etree.XMLSyntaxError as exc:
                raise EditError(f"damaged XML in {name}: {exc}") from None
            if self._parts[name].getroottree().docinfo.doctype:
                raise EditError(f"{name} declares a DTD (entities); such a file is not edited")
        return self._parts[name]

    def add_part(self, name: str, root: etree._Element) -> None:
        self._parts[name] = root

    def paragraph(self, block: Block) -> tuple[etree._Element, Fields]:
        """The ``w:p`` a block was read from, with the fields open at its start (EditError when
        the block has no anchor into this package)."""
        part = block.source_part
        if not part or block.anchor is None or not self.has(part):
            raise EditError("the paragraph is not in this document")
        paragraphs = self._paragraphs.get(part)
        if paragraphs is None:
            paragraphs = self._paragraphs[part] = list(self.xml(part).iter(P))
        found = find_paragraph(paragraphs, block.anchor)
        if found is None:
            raise EditError("the paragraph is not in this document")
        return found

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        return self.reader.relationships(part)

    def rels_name(self, part: str) -> str:
        folder, base = posixpath.split(part)
        return posixpath.join(folder, "_rels", base + ".rels")

    def ensure_relationship(self, part: str, rel_type: str, target_part: str) -> None:
        """Relate ``part`` to ``target_part`` with ``rel_type`` unless such a relationship exists."""
        for typ, target in self.relationships(part).values():
            if typ == rel_type and target == target_part:
                return
        name = self.rels_name(part)
        if self.has(name):
            root = self.xml(name)
        else:
            root = etree.Element(f"{{{PR_NS}}}Relationships", nsmap={None: PR_NS})
            self.add_part(name, root)
        ids = {rel.get("Id") for rel in root}
        n = 1
        while f"rIdDraftlint{n}" in ids:
            n += 1
        rel = etree.SubElement(root, f"{{{PR_NS}}}Relationship")
        rel.set("Id", f"rIdDraftlint{n}")
        rel.set("Type", rel_type)
        rel.set("Target", posixpath.relpath(target_part, posixpath.dirname(part)))

    def ensure_content_type(self, part: str, content_type: str) -> None:
        root = self.xml(CONTENT_TYPES)
        for el in root.iter(f"{{{CT_NS}}}Override"):
            if el.get("PartName", "").lstrip("/") == part:
                return
        el = etree.SubElement(root, f"{{{CT_NS}}}Override")
        el.set("PartName", "/" + part)
        el.set("ContentType", content_type)

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        written = set()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in self.reader.infos():
                if info.filename in written:
                    continue  # a duplicated entry name: keep the first, as the reader does
                written.add(info.filename)
                if info.filename in self._parts:
                    zout.writestr(_fresh_info(info), self._serialize(info.filename))
                else:
                    zout.writestr(info, self.reader.read_member(info))  # bounded, damage a ReadError
            for name in sorted(set(self._parts) - written):
                zout.writestr(_fresh_info(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))), self._serialize(name))
        return out.getvalue()

    def _serialize(self, name: str) -> bytes:
        data = etree.tostring(self._parts[name], xml_declaration=True, encoding="UTF-8", standalone=True)
        return strict(data) if self.strict else data


def _fresh_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    new = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    new.compress_type = zipfile.ZIP_DEFLATED
    new.external_attr = info.external_attr
    return new


# -- the runs of a paragraph ----------------------------------------------------------------------


@dataclass
class Chunk:
    """A run element and what each of its children shows (``""`` for field codes, rPr, …)."""

    el: etree._Element
    start: int  # offset inside the original run's visible text
    pieces: list[tuple[etree._Element, str]]

    @property
    def length(self) -> int:
        return sum(len(t) for _, t in self.pieces)


# -- splitting runs -------------------------------------------------------------------------------


class ParagraphEditor:
    """Split the runs of one paragraph at block-text offsets, keeping every run's formatting."""

    def __init__(self, package: EditablePackage, block: Block):
        self.p, fields = package.paragraph(block)
        self.block = block
        self.runs = [[Chunk(run.element, 0, list(run.shown))] for run in read_paragraph(self.p, fields).runs]
        for seg in block.segments:
            if seg.ref >= len(self.runs):
                raise EditError(f"run {seg.ref} is not in the paragraph")
            shown = "".join(t for _, t in self.runs[seg.ref][0].pieces)
            if shown[seg.ref_offset : seg.ref_offset + seg.end - seg.start] != block.text[seg.start : seg.end]:
                raise EditError("paragraph text differs from what the reader read")
        if block.text and not block.segments:
            raise EditError("no run map for this paragraph")

    def _locate(self, offset: int, side: str) -> tuple[int, int]:
        """(run index, offset inside that run) for a block offset seen as a start or an end."""
        for seg in self.block.segments:
            if (side == "start" and seg.start <= offset < seg.end) or (side == "end" and seg.start < offset <= seg.end):
                return seg.ref, seg.ref_offset + offset - seg.start
        raise EditError(f"offset {offset} is not in any run")

    def _split(self, run: int, at: int) -> int:
        """Make ``at`` a chunk boundary of ``run``; return the index of the chunk starting there."""
        chunks = self.runs[run]
        for k, chunk in enumerate(chunks):
            if chunk.start == at:
                return k
            if chunk.start < at < chunk.start + chunk.length:
                right = _split_chunk(chunk, at - chunk.start)
                chunks.insert(k + 1, right)
                return k + 1
        return len(chunks)

    def start(self, offset: int) -> etree._Element:
        """The run element that begins exactly at ``offset`` (runs are split if needed)."""
        run, at = self._locate(offset, "start")
        return self.runs[run][self._split(run, at)].el

    def end(self, offset: int) -> etree._Element:
        """The run element that ends exactly at ``offset``."""
        run, at = self._locate(offset, "end")
        return self.runs[run][self._split(run, at) - 1].el

    def covering(self, start: int, end: int) -> list[etree._Element]:
        """The run elements that show exactly ``[start, end)``, in order (split as needed)."""
        first, last = self.start(start), self.end(end)
        ordered = [c for chunks in self.runs for c in chunks]
        els = [c.el for c in ordered]
        i, j = els.index(first), els.index(last)
        return [c.el for c in ordered[i : j + 1] if c.length > 0 or c.el in (first, last)]


def _split_chunk(chunk: Chunk, at: int) -> Chunk:
    """Split ``chunk`` at visible offset ``at``: it keeps the left part, the returned chunk is the
    right part, a new ``w:r`` with a copy of the ``w:rPr`` placed right after it."""
    run = chunk.el
    right = run.makeelement(R, dict(run.attrib))
    rpr = run.find(RPR)
    if rpr is not None:
        right.append(copy.deepcopy(rpr))
    left_pieces: list[tuple[etree._Element, str]] = []
    right_pieces: list[tuple[etree._Element, str]] = []
    pos = 0
    crossed = False
    for child, text in chunk.pieces:
        if crossed or pos >= at:  # 0 < at, so zero-width children at the start stay left
            crossed = True
            right.append(child)  # moves it
            right_pieces.append((child, text))
        elif pos + len(text) <= at:
            left_pieces.append((child, text))
        elif child.tag != T:
            raise EditError(f"the place falls inside a {etree.QName(child).localname}, which cannot be split")
        else:  # a w:t that straddles the boundary
            crossed = True
            cut = at - pos
            child.text = text[:cut]
            child.set(XML_SPACE, "preserve")
            tail = child.makeelement(T, {XML_SPACE: "preserve"})
            tail.text = text[cut:]
            right.append(tail)
            left_pieces.append((child, text[:cut]))
            right_pieces.append((tail, text[cut:]))
        pos += len(text)
    run.addnext(right)
    chunk.pieces = left_pieces
    return Chunk(right, chunk.start + at, right_pieces)


def first_content_index(p: etree._Element) -> int:
    """Where content starts in ``p`` (after ``w:pPr``)."""
    return 1 if len(p) and p[0].tag == PPR else 0


def max_annotation_id(package: EditablePackage, parts: list[str]) -> int:
    top = 0
    for part in parts:
        if package.has(part):
            for value in package.xml(part).xpath("//@w:id", namespaces={"w": W}):
                try:
                    top = max(top, int(value))
                except ValueError:
                    continue
    return top


def story_parts(package: EditablePackage) -> list[str]:
    """The main part and every part related from it that holds text (notes, headers, comments)."""
    parts = [package.main]
    for typ, target in package.relationships(package.main).values():
        if typ.rsplit("/", 1)[-1] in ("footnotes", "endnotes", "header", "footer", "comments") and package.has(target):
            parts.append(target)
    return parts
