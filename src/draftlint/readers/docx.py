"""DOCX reader: walk WordprocessingML and emit the paragraphs a reader of the document sees.

What is read, in reading order:

* the headers and footers each section shows (default; first page when the section has
  ``w:titlePg``; even pages when the settings have ``w:evenAndOddHeaders``), each part once,
  at the first section that shows it, before the body;
* the body: paragraphs, tables (nested ones too; a vertically merged continuation cell and a
  row deleted with tracked changes are not read), content controls at block, row, cell and run
  level, ``w:customXml`` and smart tags, hyperlinks;
* the text boxes anchored in a paragraph (DrawingML ``wps:txbx`` and VML ``v:textbox``; of an
  ``mc:AlternateContent`` only the Choice, or the Fallback when there is no Choice), right after it;
* the footnotes and endnotes a paragraph references (not the separator notes), right after it,
  numbered as Word numbers them (in order of reference); comments the same way, only when
  :class:`~draftlint.readers.options.ReaderOptions` asks for them.

What a paragraph shows is decided by :mod:`.docx_paragraph` (inserted text read, deleted and
hidden text not, fields by their result, ruby by its base); every character keeps a
:class:`~draftlint.model.Segment` to its run, and every block an ``anchor`` to its ``w:p``, so
that annotating and fixing find the same paragraph and the same runs without reading the file
again. Marks: ``placeholder-prompt`` for a content control still showing its prompt,
``merge-field`` for the result of an unmerged MERGEFIELD.

Headings come from styles (Heading 1-9, 标题 1-9, styles based on them, a style's or
paragraph's ``w:outlineLvl``); automatic list labels from :mod:`.numbering`.
"""

from __future__ import annotations


import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

from lxml import etree

from ..model import Block, Document, Mark
from .docx_comments import comment_suppressions
from .docx_paragraph import (
    ALT_CONTENT, COMMENT_END, COMMENT_START, CUSTOM_XML, INS, MOVE_TO, OUTLINE_LVL_TAG, P, P_PR, SDT,
    SDT_CONTENT, TBL, TC, TR, VAL, CommentBound, Fields, anchor, choose_alternate, on, read_paragraph,
    showing_prompt, w,
)
from .docx_sections import section_parts
from .errors import ReadError
from .list_labels import Definitions, ListNumbering, num_pr
from .ooxml import NS, Package, PartCache
from .options import DEFAULT_OPTIONS, ReaderOptions

P_STYLE = w("pStyle")
DELETED_MARK = f"{w('rPr')}/{w('del')}"  # in w:pPr: the paragraph mark was deleted
_SEPARATOR_NOTES = frozenset({"separator", "continuationSeparator", "continuationNotice"})
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_OFF = ("0", "false", "off", "none")



# -- styles ---------------------------------------------------------------------------------------
class _Style(NamedTuple):
    name: str
    based_on: str | None
    outline: int | None
    num_id: int | None
    ilvl: int | None
    rpr: etree._Element | None = None  # formatting, resolved by .docx_layout when asked for
    ppr: etree._Element | None = None


class _Styles:
    """Paragraph styles: name, heading level and list membership, with ``basedOn`` inheritance."""

    def __init__(self, root: etree._Element | None):
        self._raw: dict[str, _Style] = {}
        self.default: str | None = None
        self._level: dict[str, int | None] = {}
        self.default_rpr: etree._Element | None = None  # w:docDefaults
        self.default_ppr: etree._Element | None = None
        if root is None:
            return
        defaults = root.find(w("docDefaults"))
        if defaults is not None:
            self.default_rpr = defaults.find(f"{w('rPrDefault')}/{w('rPr')}")
            self.default_ppr = defaults.find(f"{w('pPrDefault')}/{w('pPr')}")
        for style in root.iter(w("style")):
            sid = style.get(w("styleId"))
            if not sid:
                continue
            if style.get(w("type"), "paragraph") == "paragraph" and _on_attr(style.get(w("default"))):
                self.default = sid
            name_el = style.find(w("name"))
            based = style.find(w("basedOn"))
            ppr = style.find(w("pPr"))
            num_id, ilvl = num_pr(ppr)
            self._raw[sid] = _Style(
                name=name_el.get(w("val"), sid) if name_el is not None else sid,
                based_on=based.get(w("val")) if based is not None else None,
                outline=_outline_level(ppr.find(w("outlineLvl")) if ppr is not None else None),
                num_id=num_id,
                ilvl=ilvl,
                rpr=style.find(w("rPr")),
                ppr=ppr,
            )

    def _chain(self, sid: str | None):
        seen: set[str] = set()
        while sid and sid not in seen and sid in self._raw:
            seen.add(sid)
            yield sid, self._raw[sid]
            sid = self._raw[sid].based_on

    def name(self, sid: str) -> str:
        style = self._raw.get(sid)
        return style.name if style else sid

    def heading_level(self, sid: str) -> int | None:
        if sid not in self._level:
            level = None
            for cur, style in self._chain(sid):
                m = _HEADING_STYLE.match(style.name.strip()) or _HEADING_STYLE.match(cur)
                if m:
                    level = int(m.group(1))
                    break
                if style.outline is not None:
                    level = style.outline
                    break
            self._level[sid] = level
        return self._level[sid]

    def numbering(self, sid: str | None) -> tuple[int | None, int | None]:
        """``(numId, ilvl)`` a paragraph of style ``sid`` inherits."""
        num_id = ilvl = None
        for _, style in self._chain(sid):
            if num_id is None:
                num_id = style.num_id
            if ilvl is None:
                ilvl = style.ilvl
        return num_id, ilvl

    def list_styles(self) -> dict[str, tuple[int, int]]:
        out = {}
        for sid, style in self._raw.items():
            if style.num_id is not None:
                out[sid] = (style.num_id, style.ilvl or 0)
        return out


def _on_attr(value: str | None) -> bool:
    return value is not None and value not in _OFF


def _outline_level(el: etree._Element | None) -> int | None:
    if el is None:
        return None
    try:
        val = int(el.get(w("val"), "9"))
    except ValueError:
        return None
    return val + 1 if 0 <= val < 9 else None


@dataclass
class _Story:
    """One flow of text (the body, a header, a note, a text box) and where its blocks sit."""

    part: str
    source_part: str
    section: int | None = None
    note: int | None = None
    fields: Fields = field(default_factory=Fields)
    prompt: int = 0  # inside this many block-level content controls showing their prompt

    def textbox(self) -> "_Story":
        part = "textbox" if self.part in ("body", "table") else self.part
        return _Story(part, self.source_part, self.section, self.note)


_STYLE_TABLES = PartCache()
_NUMBERING_DEFINITIONS = PartCache()


class _Reader:
    def __init__(self, package: Package, main: str, options: ReaderOptions):
        self.package = package
        self.main = main
        self.options = options
        self.rels = package.relationships(main)
        self.blocks: list[Block] = []
        self.counters: dict[object, int] = {}
        self.styles = self._style_table()
        self.numbering = ListNumbering(self._numbering_definitions(), self.styles.list_styles())
        settings = self._related_xml("/settings")
        self.even_headers = settings is not None and on(settings.find(w("evenAndOddHeaders")))
        self.layout = None
        if options.layout:
            from .docx_layout import Layout

            self.layout = Layout(package, self.styles, self._related, settings)
        self.notes = {kind: self._notes(kind) for kind in ("footnote", "endnote", "comment")}
        self.note_numbers: dict[str, dict[str, int]] = {kind: {} for kind in self.notes}
        self._ordinals: dict[etree._Element, dict[etree._Element, int]] = {}  # part root -> {w:p: ordinal}
        #: Where each comment range starts and ends: (block index, offset in its text).
        self.comment_starts: dict[str, tuple[int, int]] = {}
        self.comment_ends: dict[str, tuple[int, int]] = {}
        self._pending_starts: list[str] = []  # range starts met between paragraphs

    def _style_table(self) -> "_Styles":
        target = self._related("/styles")
        return _Styles(None) if target is None else _STYLE_TABLES.get(self.package, target, _Styles)

    def _numbering_definitions(self) -> Definitions:
        target = self._related("/numbering")
        if target is None:
            return Definitions.parse(None)
        return _NUMBERING_DEFINITIONS.get(self.package, target, Definitions.parse)

    def _related(self, suffix: str) -> str | None:
        for rel_type, target in self.rels.values():
            if rel_type.endswith(suffix) and self.package.has(target):
                return target
        return None

    def _related_xml(self, suffix: str) -> etree._Element | None:
        target = self._related(suffix)
        return self.package.xml(target) if target else None

    def _notes(self, kind: str) -> dict[str, tuple[etree._Element, str]]:
        if kind == "comment" and not self.options.include_comments:
            return {}
        target = self._related("/" + kind + "s")
        if target is None:
            return {}
        out = {}
        for note in self.package.xml(target).iter(w(kind)):
            if note.get(w("type")) in _SEPARATOR_NOTES:
                continue
            out[note.get(w("id"), "")] = (note, target)
        return out

    def _count(self, key: object) -> int:
        self.counters[key] = self.counters.get(key, 0) + 1
        return self.counters[key]

    # -- document level ----------------------------------------------------------------------
    def read(self, bodies: list[etree._Element]) -> list[Block]:
        """Headers and footers first, then the body (a damaged file may repeat ``w:body``)."""
        self.headers_and_footers(bodies[0].getparent())
        body = _Story("body", self.main)
        for element in bodies:
            self.story(element, body)
        return self.blocks

    def headers_and_footers(self, document: etree._Element) -> None:
        """Each header/footer part once, at the first section that shows it."""
        done: set[str] = set()
        for number, sect, inherited in section_parts(self.package, self.rels, document):
            shown = ["default"]
            if on(sect.find(w("titlePg"))):
                shown.insert(0, "first")
            if self.even_headers:
                shown.append("even")
            for kind in ("header", "footer"):
                for which in shown:
                    target = inherited.get((kind, which))
                    if target is None or target in done:
                        continue
                    done.add(target)
                    self.story(self.package.xml(target), _Story(kind, target, section=number))

    # -- block level -------------------------------------------------------------------------
    def story(self, container: etree._Element, story: _Story, **where) -> None:
        for child in container:
            tag = child.tag
            if tag == P:
                self.paragraph(child, story, where)
            elif tag == TBL:
                self.table(child, story, where)
            elif tag == SDT:
                with _inside_sdt(child, story) as content:
                    if content is not None:
                        self.story(content, story, **where)
            elif tag in (CUSTOM_XML, INS, MOVE_TO):
                self.story(child, story, **where)
            elif tag == ALT_CONTENT:
                chosen = choose_alternate(child)
                if chosen is not None:
                    self.story(chosen, story, **where)
            elif tag == COMMENT_START:
                self._pending_starts.append(child.get(w("id"), ""))
            elif tag == COMMENT_END and self.blocks:
                last = self.blocks[-1]
                self.comment_ends.setdefault(child.get(w("id"), ""), (last.index, len(last.text)))

    def table(self, tbl: etree._Element, story: _Story, where: dict) -> None:
        number = self._count("table")
        row_no = 0
        for tr in self._through_sdt(tbl, TR, story):
            trpr = tr.find(w("trPr"))
            if trpr is not None and trpr.find(w("del")) is not None:
                continue  # a row deleted with tracked changes
            row_no += 1
            col_no = _int_val(trpr.find(w("gridBefore")) if trpr is not None else None, 0)
            for tc in self._through_sdt(tr, TC, story):
                tc_pr = tc.find(w("tcPr"))
                span, continuation = 1, False
                if tc_pr is not None:
                    span = max(1, _int_val(tc_pr.find(w("gridSpan")), 1))
                    vmerge = tc_pr.find(w("vMerge"))
                    continuation = vmerge is not None and vmerge.get(w("val"), "continue") != "restart"
                col_no += 1
                if not continuation:
                    cell_story = story if story.part != "body" else _Story(
                        "table", story.source_part, story.section, story.note, story.fields, story.prompt
                    )
                    self.story(tc, cell_story, **{**where, "table": number, "row": row_no, "column": col_no})
                col_no += span - 1

    def _through_sdt(self, el: etree._Element, tag: str, story: _Story):
        """Children ``tag`` of ``el``, looking through row- and cell-level content controls."""
        for child in el:
            if child.tag == tag:
                yield child
            elif child.tag == CUSTOM_XML:
                yield from self._through_sdt(child, tag, story)
            elif child.tag == SDT:
                with _inside_sdt(child, story) as content:
                    if content is not None:
                        yield from self._through_sdt(content, tag, story)

    def _anchor(self, p: etree._Element, fields: Fields) -> str:
        root = p.getroottree().getroot()
        ordinals = self._ordinals.get(root)
        if ordinals is None:
            ordinals = self._ordinals[root] = {el: n for n, el in enumerate(root.iter(P))}
        return anchor(ordinals[p], fields)

    def paragraph(self, p: etree._Element, story: _Story, where: dict) -> None:
        where_p = self._anchor(p, story.fields)
        para = read_paragraph(p, story.fields)
        ppr = p.find(P_PR)
        text = para.text
        if not text and ppr is not None and ppr.find(DELETED_MARK) is not None:
            return  # an empty paragraph whose mark was deleted: Word shows nothing of it
        style_id = None
        outline = None
        if ppr is not None:
            ps = ppr.find(P_STYLE)
            if ps is not None:
                style_id = ps.get(VAL)
            outline = _outline_level(ppr.find(OUTLINE_LVL_TAG))
        effective_style = style_id or self.styles.default
        level = outline if outline is not None else (self.styles.heading_level(effective_style) if effective_style else None)
        marks = para.marks
        if story.prompt and text:
            marks = [Mark(0, len(text), "placeholder-prompt")] + [m for m in marks if m.kind != "placeholder-prompt"]
        part = story.part
        paragraph = self._count(("para", part, story.section, story.note))
        self._comment_bounds(len(self.blocks), para.comment_bounds)
        layout = None
        if self.layout is not None and part in ("body", "footer", "header"):
            layout = self.layout.paragraph(p, para, effective_style, len(self.blocks) if part == "body" else None)
        self.blocks.append(
            Block(
                text=text,
                index=len(self.blocks),
                part=part,
                paragraph=paragraph,
                table=where.get("table"),
                row=where.get("row"),
                column=where.get("column"),
                style=self.styles.name(style_id) if style_id else None,
                outline_level=level,
                list_label=self._list_label(ppr, effective_style),
                section=story.section,
                note=story.note,
                source_part=story.source_part,
                segments=tuple(para.segments),
                marks=tuple(marks),
                anchor=where_p,
                layout=layout,
            )
        )
        for txbx in para.textboxes:
            self.story(txbx, story.textbox())
        for kind, note_id in para.notes:
            self.note(kind, note_id)

    def _comment_bounds(self, index: int, bounds: list[CommentBound]) -> None:
        for cid in self._pending_starts:
            self.comment_starts.setdefault(cid, (index, 0))
        self._pending_starts.clear()
        for b in bounds:
            (self.comment_starts if b.start else self.comment_ends).setdefault(b.comment, (index, b.offset))

    def _list_label(self, ppr: etree._Element | None, style_id: str | None) -> str | None:
        num_id, ilvl = num_pr(ppr)
        style_num, style_ilvl = self.styles.numbering(style_id)
        if num_id is None:
            num_id = style_num
        if ilvl is None:
            ilvl = style_ilvl
        if not num_id:
            return None
        return self.numbering.label(num_id, ilvl or 0)

    def note(self, kind: str, note_id: str) -> None:
        found = self.notes[kind].get(note_id)
        numbers = self.note_numbers[kind]
        if found is None or note_id in numbers:
            return
        numbers[note_id] = len(numbers) + 1
        element, source = found
        self.story(element, _Story(kind, source, note=numbers[note_id]))


def _int_val(el: etree._Element | None, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(w("val"), default))
    except ValueError:
        return default


@contextmanager
def _inside_sdt(sdt: etree._Element, story: _Story):
    """The content of a block-, row- or cell-level control; a prompt marks all text inside it."""
    prompt = showing_prompt(sdt)
    story.prompt += prompt
    try:
        yield sdt.find(SDT_CONTENT)
    finally:
        story.prompt -= prompt


def read_docx(data: bytes, path: str, options: ReaderOptions = DEFAULT_OPTIONS, fmt: str = "docx") -> Document:
    package = Package(data)
    main = package.main_document()
    root = package.xml(main)
    bodies = root.findall(w("body"))
    if not bodies:
        raise ReadError(f"{main} is not a WordprocessingML document (no w:body)")
    reader = _Reader(package, main, options)
    try:
        blocks = reader.read(bodies)
    except RecursionError:
        raise ReadError("document nested too deeply to read") from None
    suppressions = comment_suppressions(package, main, blocks, reader.comment_starts, reader.comment_ends)
    sections = reader.layout.sections(root, blocks, reader.rels) if reader.layout is not None else []
    return Document(path=path, format=fmt, blocks=blocks, encoding=None, suppressions=suppressions, sections=sections)
