"""What one Word paragraph (``w:p``) shows: the one walk of a paragraph that reading, suppression
comments, annotating and fixing all use, so that they can never disagree about its text.

Inside a paragraph, inserted text (``w:ins``, ``w:moveTo``) is shown and deleted text
(``w:del``, ``w:moveFrom``) is not; a field shows its result, never its code (``w:instrText``);
hidden text (``w:vanish``) is not shown; tabs and breaks are white space; ``w:sym`` is its
character; ruby (phonetic guide) shows its base text only; of an ``mc:AlternateContent`` only
the Choice is read, or the Fallback when there is no Choice. Content controls, hyperlinks, smart
tags and custom XML are read through.

:func:`read_paragraph` returns every ``w:r`` it walked, in order (a run's ordinal there is the
``ref`` of the :class:`~draftlint.model.Segment` that points at it), with what each child of the
run shows, plus the paragraph's marks, the text boxes and notes it anchors and where comment
ranges start and end in its text. A field may open in one paragraph and close in another, so the
walk takes the story's :class:`Fields` and leaves them as the paragraph ends; :func:`anchor`
records their state at the paragraph's start, for a writer that walks the paragraph again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from lxml import etree

from ..model import Mark, Segment
from .ooxml import NS

W = NS["w"]


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, R, T, TBL, TR, TC = (w(t) for t in ("p", "r", "t", "tbl", "tr", "tc"))
SDT, SDT_CONTENT, SDT_PR = w("sdt"), w("sdtContent"), w("sdtPr")
INS, MOVE_TO, CUSTOM_XML = w("ins"), w("moveTo"), w("customXml")
FLD_CHAR, INSTR, FLD_SIMPLE = w("fldChar"), w("instrText"), w("fldSimple")
TXBX_CONTENT = w("txbxContent")
P_PR, R_PR, VAL, OUTLINE_LVL_TAG = w("pPr"), w("rPr"), w("val"), w("outlineLvl")
VANISH, SPEC_VANISH, SYM, RUBY, RUBY_BASE = w("vanish"), w("specVanish"), w("sym"), w("ruby"), w("rubyBase")
COMMENT_START, COMMENT_END = w("commentRangeStart"), w("commentRangeEnd")
ALT_CONTENT = f"{{{NS['mc']}}}AlternateContent"
MC_CHOICE, MC_FALLBACK = f"{{{NS['mc']}}}Choice", f"{{{NS['mc']}}}Fallback"
#: Inline wrappers whose children are read as if they stood in the paragraph.
TRANSPARENT = frozenset(w(t) for t in ("hyperlink", "smartTag", "customXml", "ins", "moveTo", "dir", "bdo"))
_WHITE = {w("tab"): "\t", w("ptab"): "\t", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "-"}
_NOTE_REFS = {w("footnoteReference"): "footnote", w("endnoteReference"): "endnote", w("commentReference"): "comment"}
_GRAPHICS = frozenset({w("drawing"), w("pict"), w("object"), ALT_CONTENT})
_MERGE_FIELD = re.compile(r"^\s*MERGEFIELD\b", re.IGNORECASE)
_OFF = ("0", "false", "off", "none")


def on(el: etree._Element | None) -> bool:
    """A WordprocessingML on/off property: present and not switched off."""
    return el is not None and el.get(VAL, "true") not in _OFF


# -- fields ---------------------------------------------------------------------------------------
@dataclass
class _Field:
    instr: list[str] = field(default_factory=list)
    showing: bool = False  # past w:fldChar separate: the result is on screen
    start: tuple[int, int] | None = None  # (id of the paragraph walk, offset) where the result began


class Fields:
    """The complex fields (``w:fldChar`` begin … separate … end) open in one story."""

    def __init__(self, showing: str = ""):
        self.open = [_Field(showing=c == "1") for c in showing]

    def visible(self) -> bool:
        return all(f.showing for f in self.open)

    def state(self) -> str:
        """The open fields as a string, one character each (``1`` showing its result)."""
        return "".join("1" if f.showing else "0" for f in self.open)


# -- one paragraph --------------------------------------------------------------------------------
class Run(NamedTuple):
    """A ``w:r`` of the paragraph and what each of its children shows (``""``: nothing)."""

    element: etree._Element
    shown: tuple[tuple[etree._Element, str], ...]

    @property
    def text(self) -> str:
        return "".join(t for _, t in self.shown)


class CommentBound(NamedTuple):
    """A ``w:commentRangeStart`` (``start`` true) or ``w:commentRangeEnd`` and the offset in the
    paragraph's text where it stands."""

    comment: str
    start: bool
    offset: int


@dataclass
class Paragraph:
    """One paragraph as Word shows it."""

    runs: list[Run] = field(default_factory=list)
    chars: list[str] = field(default_factory=list)
    length: int = 0
    segments: list[Segment] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    textboxes: list[etree._Element] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (footnote/endnote/comment, id)
    comment_bounds: list[CommentBound] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.chars)


def read_paragraph(p: etree._Element, fields: Fields) -> Paragraph:
    """What ``p`` shows, walking it once; ``fields`` are the story's open fields, updated."""
    para = Paragraph()
    _Walk(para, fields).inline(p)
    return para


class _Walk:
    def __init__(self, para: Paragraph, fields: Fields):
        self.para = para
        self.fields = fields

    def inline(self, el: etree._Element) -> None:
        para = self.para
        for child in el:
            tag = child.tag
            if tag == R:
                self.run(child)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is None:
                    continue
                start = para.length
                self.inline(content)
                if showing_prompt(child) and para.length > start:
                    para.marks.append(Mark(start, para.length, "placeholder-prompt"))
            elif tag == FLD_SIMPLE:
                start = para.length
                self.inline(child)
                if _MERGE_FIELD.match(child.get(w("instr"), "")) and para.length > start:
                    para.marks.append(Mark(start, para.length, "merge-field"))
            elif tag in TRANSPARENT:
                self.inline(child)
            elif tag == ALT_CONTENT:
                chosen = choose_alternate(child)
                if chosen is not None:
                    self.inline(chosen)
            elif tag == COMMENT_START or tag == COMMENT_END:
                para.comment_bounds.append(CommentBound(child.get(w("id"), ""), tag == COMMENT_START, para.length))

    def run(self, run: etree._Element) -> None:
        para, fields = self.para, self.fields
        rpr = run.find(R_PR)
        hidden = rpr is not None and (on(rpr.find(VANISH)) or on(rpr.find(SPEC_VANISH)))
        ordinal = len(para.runs)
        start = para.length
        shown: list[tuple[etree._Element, str]] = []
        for child in run:
            tag = child.tag
            text = ""
            if tag == R_PR or not isinstance(tag, str):
                continue
            if tag == FLD_CHAR:
                self.field_char(child.get(w("fldCharType")))
            elif tag == INSTR:
                if fields.open and not fields.open[-1].showing:
                    fields.open[-1].instr.append(child.text or "")
            elif tag in _NOTE_REFS:
                if fields.visible():
                    para.notes.append((_NOTE_REFS[tag], child.get(w("id"), "")))
            elif not fields.visible():
                pass
            elif tag in _GRAPHICS:
                para.textboxes.extend(textboxes(child))
            elif hidden:
                pass
            elif tag == T:
                text = child.text or ""
            elif tag in _WHITE:
                text = _WHITE[tag]
            elif tag == SYM:
                text = sym_char(child)
            elif tag == RUBY:
                base = child.find(RUBY_BASE)
                if base is not None:
                    text = "".join(t.text or "" for t in base.iter(T))
            shown.append((child, text))
            if text:
                para.chars.append(text)
                para.length += len(text)
        para.runs.append(Run(run, tuple(shown)))
        if para.length > start:
            para.segments.append(Segment(start, para.length, ordinal, 0))

    def field_char(self, kind: str | None) -> None:
        open_fields = self.fields.open
        if kind == "begin":
            open_fields.append(_Field())
        elif kind == "separate" and open_fields:
            open_fields[-1].showing = True
            open_fields[-1].start = (id(self.para), self.para.length)
        elif kind == "end" and open_fields:
            done = open_fields.pop()
            if done.start and done.start[0] == id(self.para) and self.para.length > done.start[1]:
                if _MERGE_FIELD.match("".join(done.instr)):
                    self.para.marks.append(Mark(done.start[1], self.para.length, "merge-field"))


# -- where a paragraph is -------------------------------------------------------------------------
def anchor(ordinal: int, fields: Fields) -> str:
    """What a :class:`~draftlint.model.Block` keeps to find its paragraph again: the ordinal of the
    ``w:p`` among all ``w:p`` of its part in document order, and the fields open where it starts."""
    state = fields.state()
    return f"{ordinal}:{state}" if state else str(ordinal)


def find_paragraph(paragraphs: list[etree._Element], where: str) -> tuple[etree._Element, Fields] | None:
    """The paragraph an :func:`anchor` names among a part's ``w:p`` (``list(root.iter(P))``), with
    the fields open at its start; None when the part has no such paragraph."""
    ordinal, _, state = where.partition(":")
    try:
        n = int(ordinal)
    except ValueError:
        return None
    if not 0 <= n < len(paragraphs):
        return None
    return paragraphs[n], Fields(state)


# -- pieces the block level needs too ------------------------------------------------------------
def showing_prompt(sdt: etree._Element) -> bool:
    """Whether a content control still shows its placeholder prompt."""
    pr = sdt.find(SDT_PR)
    return pr is not None and on(pr.find(w("showingPlcHdr")))


def choose_alternate(alt: etree._Element) -> etree._Element | None:
    """Read the first Choice of ``mc:AlternateContent``, or its Fallback; never both."""
    choice = alt.find(MC_CHOICE)
    return choice if choice is not None else alt.find(MC_FALLBACK)


def sym_char(el: etree._Element) -> str:
    try:
        code = int(el.get(w("char"), "20"), 16)
    except ValueError:
        return " "
    # Symbol-font characters (U+F020-F0FF) stay as they are: their look depends on the font.
    return chr(code) if 0x20 <= code < 0x110000 and not 0xD800 <= code < 0xE000 else " "


def textboxes(el: etree._Element) -> list[etree._Element]:
    """The outermost ``w:txbxContent`` elements under ``el``, with AlternateContent read once."""
    out: list[etree._Element] = []

    def visit(node: etree._Element) -> None:
        for child in node:
            if child.tag == TXBX_CONTENT:
                out.append(child)
            elif child.tag == ALT_CONTENT:
                chosen = choose_alternate(child)
                if chosen is not None:
                    visit(chosen)
            elif isinstance(child.tag, str):
                visit(child)

    if el.tag == ALT_CONTENT:
        chosen = choose_alternate(el)
        if chosen is not None:
            visit(chosen)
    else:
        visit(el)
    return out
