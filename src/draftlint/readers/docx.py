"""DOCX reader: walk WordprocessingML with lxml and emit the paragraphs a reader of the document sees.

Text that spans several runs is joined (``x`` + ``市`` is ``x市``) and every character keeps a
:class:`~draftlint.model.Segment` back to its run. Inserted text (``w:ins``) is read, deleted
text (``w:del``) is not; field codes are skipped and their displayed results read; content
controls are read through, and one still showing its prompt is marked as a placeholder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..model import Block, Document, Mark, Segment
from .docx_comments import comment_suppressions
from .errors import ReadError
from .ooxml import NS, Package

W = NS["w"]
_w = lambda tag: f"{{{W}}}{tag}"  # noqa: E731

P, R, T, TAB, BR, CR, TBL, TR, TC = (_w(t) for t in ("p", "r", "t", "tab", "br", "cr", "tbl", "tr", "tc"))
SDT, SDT_CONTENT, SDT_PR = _w("sdt"), _w("sdtContent"), _w("sdtPr")
INS, DEL, MOVE_TO, MOVE_FROM = _w("ins"), _w("del"), _w("moveTo"), _w("moveFrom")
FLD_CHAR, INSTR, FLD_SIMPLE = _w("fldChar"), _w("instrText"), _w("fldSimple")
TXBX_CONTENT = _w("txbxContent")
ALT_CONTENT = f"{{{NS['mc']}}}AlternateContent"
MC_CHOICE, MC_FALLBACK = f"{{{NS['mc']}}}Choice", f"{{{NS['mc']}}}Fallback"
# Wrappers whose children are read as if they stood in the parent.
_TRANSPARENT = frozenset(
    _w(t) for t in ("hyperlink", "smartTag", "customXml", "ins", "moveTo", "dir", "bdo", "fldSimple")
)
_SKIPPED = frozenset(
    _w(t)
    for t in ("del", "moveFrom", "pPr", "rPr", "sdtPr", "sdtEndPr", "proofErr", "bookmarkStart", "bookmarkEnd",
              "commentRangeStart", "commentRangeEnd", "permStart", "permEnd")
)
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_MERGE_FIELD = re.compile(r"^\s*MERGEFIELD\b", re.IGNORECASE)


@dataclass
class _Para:
    """Text of one paragraph being assembled, with its run map and marks."""

    chars: list[str] = field(default_factory=list)
    length: int = 0
    segments: list[Segment] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    run_index: int = -1
    textboxes: list[etree._Element] = field(default_factory=list)

    def add(self, text: str, run: int) -> None:
        if not text:
            return
        last = self.segments[-1] if self.segments else None
        if last is not None and last.ref == run and last.end == self.length:
            self.segments[-1] = Segment(last.start, self.length + len(text), run, last.ref_offset)
        else:
            self.segments.append(Segment(self.length, self.length + len(text), run, self._run_offset(run)))
        self.chars.append(text)
        self.length += len(text)

    def _run_offset(self, run: int) -> int:
        return sum(s.end - s.start for s in self.segments if s.ref == run)

    @property
    def text(self) -> str:
        return "".join(self.chars)


class _Styles:
    """Style id → (name, heading level) with ``basedOn`` inheritance."""

    def __init__(self, root: etree._Element | None):
        self._raw: dict[str, tuple[str, str | None, int | None]] = {}
        if root is None:
            return
        for style in root.iter(_w("style")):
            sid = style.get(_w("styleId"))
            if not sid:
                continue
            name_el = style.find(_w("name"))
            based = style.find(_w("basedOn"))
            outline = style.find(f"{_w('pPr')}/{_w('outlineLvl')}")
            level = _outline_level(outline)
            self._raw[sid] = (
                name_el.get(_w("val"), sid) if name_el is not None else sid,
                based.get(_w("val")) if based is not None else None,
                level,
            )
        self._cache: dict[str, int | None] = {}

    def name(self, sid: str) -> str:
        return self._raw.get(sid, (sid, None, None))[0]

    def heading_level(self, sid: str) -> int | None:
        if sid in getattr(self, "_cache", {}):
            return self._cache[sid]
        level = None
        seen = set()
        cur: str | None = sid
        while cur and cur not in seen and cur in self._raw:
            seen.add(cur)
            name, based, outline = self._raw[cur]
            m = _HEADING_STYLE.match(name.strip()) or _HEADING_STYLE.match(cur)
            if m:
                level = int(m.group(1))
                break
            if outline is not None:
                level = outline
                break
            cur = based
        self._cache[sid] = level
        return level


def _outline_level(el: etree._Element | None) -> int | None:
    if el is None:
        return None
    try:
        val = int(el.get(_w("val"), "9"))
    except ValueError:
        return None
    return val + 1 if 0 <= val < 9 else None


class _Walker:
    """Walks one story (body, header, note…) and appends blocks in reading order."""

    def __init__(self, doc_blocks: list[Block], styles: _Styles, source_part: str, counters: dict[str, int]):
        self.blocks = doc_blocks
        self.styles = styles
        self.source_part = source_part
        self.counters = counters

    # -- block level -------------------------------------------------------------------------
    def story(self, container: etree._Element, part: str, **where) -> None:
        for child in container:
            tag = child.tag
            if tag == P:
                self.paragraph(child, part, **where)
            elif tag == TBL:
                self.table(child, part, **where)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    self.story(content, part, **where)
            elif tag in (_w("customXml"), INS, MOVE_TO):
                self.story(child, part, **where)
            elif tag == ALT_CONTENT:
                chosen = _choose_alternate(child)
                if chosen is not None:
                    self.story(chosen, part, **where)

    def table(self, tbl: etree._Element, part: str, **where) -> None:
        self.counters["table"] += 1
        number = self.counters["table"]
        row_no = 0
        for tr in _children_through_wrappers(tbl, TR):
            row_no += 1
            col_no = 0
            for tc in _children_through_wrappers(tr, TC):
                tc_pr = tc.find(_w("tcPr"))
                span = 1
                continuation = False
                if tc_pr is not None:
                    grid = tc_pr.find(_w("gridSpan"))
                    if grid is not None:
                        try:
                            span = max(1, int(grid.get(_w("val"), "1")))
                        except ValueError:
                            span = 1
                    vmerge = tc_pr.find(_w("vMerge"))
                    continuation = vmerge is not None and vmerge.get(_w("val"), "continue") != "restart"
                col_no += 1
                if not continuation:
                    self.story(tc, "table" if part == "body" else part, table=number, row=row_no, column=col_no,
                               **{k: v for k, v in where.items() if k not in ("table", "row", "column")})
                col_no += span - 1

    def paragraph(self, p: etree._Element, part: str, **where) -> None:
        para = _Para()
        self._inline(p, para, in_field_code=[False])
        style_id = None
        ppr = p.find(_w("pPr"))
        outline = None
        if ppr is not None:
            ps = ppr.find(_w("pStyle"))
            if ps is not None:
                style_id = ps.get(_w("val"))
            outline = _outline_level(ppr.find(_w("outlineLvl")))
        level = outline if outline is not None else (self.styles.heading_level(style_id) if style_id else None)
        key = "para:" + part + ":" + str(where.get("section", "")) + str(where.get("note", ""))
        self.counters[key] = self.counters.get(key, 0) + 1
        self.blocks.append(
            Block(
                text=para.text,
                index=len(self.blocks),
                part=part,
                paragraph=self.counters[key],
                table=where.get("table"),
                row=where.get("row"),
                column=where.get("column"),
                style=self.styles.name(style_id) if style_id else None,
                outline_level=level,
                section=where.get("section"),
                note=where.get("note"),
                source_part=self.source_part,
                segments=tuple(para.segments),
                marks=tuple(para.marks),
            )
        )
        for txbx in para.textboxes:
            self.story(txbx, "textbox")

    # -- inline level ------------------------------------------------------------------------
    def _inline(self, el: etree._Element, para: _Para, in_field_code: list[bool]) -> None:
        for child in el:
            tag = child.tag
            if tag == R:
                para.run_index += 1
                self._run(child, para, in_field_code)
            elif tag in _SKIPPED or not isinstance(tag, str):
                continue
            elif tag == SDT:
                self._inline_sdt(child, para, in_field_code)
            elif tag == FLD_SIMPLE:
                start = para.length
                self._inline(child, para, in_field_code)
                if _MERGE_FIELD.match(child.get(_w("instr"), "")) and para.length > start:
                    para.marks.append(Mark(start, para.length, "merge-field"))
            elif tag in _TRANSPARENT:
                self._inline(child, para, in_field_code)
            elif tag == ALT_CONTENT:
                chosen = _choose_alternate(child)
                if chosen is not None:
                    self._inline(chosen, para, in_field_code)
            elif tag == _w("r") or tag.endswith("}oMath") or tag.endswith("}oMathPara"):
                continue

    def _inline_sdt(self, sdt: etree._Element, para: _Para, in_field_code: list[bool]) -> None:
        content = sdt.find(SDT_CONTENT)
        if content is None:
            return
        start = para.length
        self._inline(content, para, in_field_code)
        pr = sdt.find(SDT_PR)
        if pr is not None and pr.find(_w("showingPlcHdr")) is not None and para.length > start:
            para.marks.append(Mark(start, para.length, "placeholder-prompt"))

    def _run(self, run: etree._Element, para: _Para, in_field_code: list[bool]) -> None:
        idx = para.run_index
        for child in run:
            tag = child.tag
            if tag == FLD_CHAR:
                kind = child.get(_w("fldCharType"))
                if kind == "begin":
                    in_field_code[0] = True
                elif kind in ("separate", "end"):
                    in_field_code[0] = False
            elif in_field_code[0]:
                continue
            elif tag == T:
                para.add(child.text or "", idx)
            elif tag == TAB or tag == _w("ptab"):
                para.add("\t", idx)
            elif tag in (BR, CR):
                para.add("\n", idx)
            elif tag == _w("noBreakHyphen"):
                para.add("-", idx)
            elif tag == _w("sym"):
                para.add(_sym_char(child), idx)
            elif tag in (_w("drawing"), _w("pict"), _w("object"), ALT_CONTENT):
                para.textboxes.extend(_textboxes(child))


def _sym_char(el: etree._Element) -> str:
    try:
        code = int(el.get(_w("char"), "20"), 16)
    except ValueError:
        return " "
    if 0xF000 <= code <= 0xF0FF:  # symbol-font private-use range
        code -= 0xF000
    return chr(code) if 0x20 <= code < 0x110000 else " "


def _choose_alternate(alt: etree._Element) -> etree._Element | None:
    """Read a Choice or the Fallback of ``mc:AlternateContent``, never both."""
    choice = alt.find(MC_CHOICE)
    return choice if choice is not None else alt.find(MC_FALLBACK)


def _textboxes(el: etree._Element) -> list[etree._Element]:
    """The outermost ``w:txbxContent`` elements under ``el``, with AlternateContent read once."""
    out: list[etree._Element] = []

    def visit(node: etree._Element) -> None:
        for child in node:
            if child.tag == TXBX_CONTENT:
                out.append(child)
            elif child.tag == ALT_CONTENT:
                chosen = _choose_alternate(child)
                if chosen is not None:
                    visit(chosen)
            elif isinstance(child.tag, str):
                visit(child)

    visit(el)
    return out


def _children_through_wrappers(el: etree._Element, tag: str):
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in (SDT, _w("customXml")):
            inner = child.find(SDT_CONTENT) if child.tag == SDT else child
            if inner is not None:
                yield from _children_through_wrappers(inner, tag)


def read_docx(data: bytes, path: str) -> Document:
    package = Package(data)
    main = package.main_document()
    root = package.xml(main)
    body = root.find(_w("body"))
    if body is None:
        if root.tag.endswith("}document"):
            raise ReadError(f"{main} has no body (is it Strict OOXML? only transitional is read)")
        raise ReadError(f"{main} is not a WordprocessingML document")
    rels = package.relationships(main)
    styles_root = None
    for rel_type, target in rels.values():
        if rel_type.endswith("/styles") and package.has(target):
            styles_root = package.xml(target)
    blocks: list[Block] = []
    walker = _Walker(blocks, _Styles(styles_root), main, {"table": 0})
    walker.story(body, "body")
    return Document(path=path, format="docx", blocks=blocks, encoding=None, suppressions=comment_suppressions(package, main, body, blocks))
