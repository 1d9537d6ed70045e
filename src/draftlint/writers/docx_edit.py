"""Editing WordprocessingML in place: find the ``w:p`` behind each block, split runs at offsets.

The DOCX reader turns every paragraph into a :class:`~draftlint.model.Block` whose ``segments``
map text offsets to (run index, offset in run). This module walks the same XML the same way
(it imports the reader's own element sets, so the two cannot drift apart), checks that every
segment's text is really in its run, and splits runs at block offsets while keeping each run's
``w:rPr``. :mod:`.docx_comments` and :mod:`.docx_revisions` put markup at those split points.
"""

from __future__ import annotations

import copy
import datetime as _dt
import difflib
import io
import posixpath
import zipfile
from dataclasses import dataclass

from lxml import etree

from ..model import Block, Document
from ..readers import docx as reader
from ..readers.docx import ALT_CONTENT, FLD_CHAR, FLD_SIMPLE, MC_FALLBACK, P, R, SDT, SDT_CONTENT, T
from ..readers.ooxml import NS, Package

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
TAB, BR, CR = w("tab"), w("br"), w("cr")

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
        self._zip = zipfile.ZipFile(io.BytesIO(data))
        self._parts: dict[str, etree._Element] = {}
        self._new: dict[str, bytes] = {}
        self.main = self.reader.main_document()

    def has(self, name: str) -> bool:
        return name in self._parts or name in self._new or self.reader.has(name)

    def xml(self, name: str) -> etree._Element:
        if name not in self._parts:
            try:
                self._parts[name] = etree.fromstring(self.reader.read(name), _PARSER)
            except etree.XMLSyntaxError as exc:
                raise EditError(f"damaged XML in {name}: {exc}") from None
            if self._parts[name].getroottree().docinfo.doctype:
                raise EditError(f"{name} declares a DTD (entities); such a file is not edited")
        return self._parts[name]

    def add_part(self, name: str, root: etree._Element) -> None:
        self._parts[name] = root

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
            for info in self._zip.infolist():
                if info.filename in written:
                    continue  # a duplicated entry name: keep the first, as the reader does
                written.add(info.filename)
                if info.filename in self._parts:
                    zout.writestr(_fresh_info(info), _serialize(self._parts[info.filename]))
                else:
                    zout.writestr(info, self._zip.read(info))
            for name in sorted(set(self._parts) - written):
                zout.writestr(_fresh_info(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))), _serialize(self._parts[name]))
        return out.getvalue()


def _fresh_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    new = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    new.compress_type = zipfile.ZIP_DEFLATED
    new.external_attr = info.external_attr
    return new


def _serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- walking paragraphs the way the reader does ---------------------------------------------------


@dataclass
class Chunk:
    """A run element and what each of its children shows (``""`` for field codes, rPr, …)."""

    el: etree._Element
    start: int  # offset inside the original run's visible text
    pieces: list[tuple[etree._Element, str]]

    @property
    def length(self) -> int:
        return sum(len(t) for _, t in self.pieces)


def _visible(child: etree._Element, in_code: list[bool]) -> str:
    tag = child.tag
    if tag == FLD_CHAR:
        kind = child.get(w("fldCharType"))
        if kind == "begin":
            in_code[0] = True
        elif kind in ("separate", "end"):
            in_code[0] = False
        return ""
    if in_code[0]:
        return ""
    if tag == T:
        return child.text or ""
    if tag in (TAB, w("ptab")):
        return "\t"
    if tag in (BR, CR):
        return "\n"
    if tag == w("noBreakHyphen"):
        return "-"
    if tag == w("sym"):
        return reader._sym_char(child)
    return ""


def paragraph_runs(p: etree._Element) -> list[Chunk]:
    """The ``w:r`` elements of ``p`` in the reader's order (its run indices) with their text."""
    runs: list[Chunk] = []
    in_code = [False]

    def inline(el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if tag == R:
                pieces = [(c, _visible(c, in_code)) for c in child if c.tag != RPR]
                runs.append(Chunk(child, 0, pieces))
            elif not isinstance(tag, str):
                continue
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    inline(content)
            elif tag == FLD_SIMPLE or tag in reader._TRANSPARENT:
                inline(child)
            elif tag == ALT_CONTENT:
                chosen = reader._choose_alternate(child)
                if chosen is not None:
                    inline(chosen)

    inline(p)
    return runs


def candidate_paragraphs(root: etree._Element) -> list[etree._Element]:
    """Every ``w:p`` the reader can read in a part, in document order (text boxes after their
    paragraph, deleted paragraphs and unchosen ``mc:Fallback`` content left out)."""
    out: list[etree._Element] = []
    skipped = {w("del"), w("moveFrom")}

    def visit(el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in skipped:
                continue
            if tag == MC_FALLBACK and child.getparent().find(reader.MC_CHOICE) is not None:
                continue
            if tag == P:
                out.append(child)
            visit(child)

    visit(root)
    return out


def paragraph_text(p: etree._Element) -> str:
    return "".join(t for chunk in paragraph_runs(p) for _, t in chunk.pieces)


def align(document: Document, package: EditablePackage) -> dict[int, etree._Element]:
    """``{block index: w:p}`` for every block whose paragraph is found with the same text.

    When the reader and this walk see the same paragraphs (the normal case) this is one to one;
    otherwise the longest common subsequence of paragraph texts pairs them, and a block no
    paragraph matches is left out (the caller reports it as not anchorable).
    """
    by_part: dict[str, list[Block]] = {}
    for b in document.blocks:
        if b.source_part:
            by_part.setdefault(b.source_part, []).append(b)
    found: dict[int, etree._Element] = {}
    for part, blocks in by_part.items():
        if not package.has(part):
            continue
        paras = candidate_paragraphs(package.xml(part))
        texts = [paragraph_text(p) for p in paras]
        wanted = [b.text for b in blocks]
        if wanted == texts:
            found.update((b.index, p) for b, p in zip(blocks, paras))
            continue
        matcher = difflib.SequenceMatcher(None, wanted, texts, autojunk=False)
        for i, j, n in matcher.get_matching_blocks():
            found.update((blocks[i + k].index, paras[j + k]) for k in range(n))
    return found


# -- splitting runs -------------------------------------------------------------------------------


class ParagraphEditor:
    """Split the runs of one paragraph at block-text offsets, keeping every run's formatting."""

    def __init__(self, p: etree._Element, block: Block):
        self.p = p
        self.block = block
        self.runs = [[c] for c in paragraph_runs(p)]
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
