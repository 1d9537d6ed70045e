"""The document model every stage shares: blocks of text with exact locations, and findings.

Readers produce a :class:`Document`; rules read it and produce :class:`Finding` objects;
reporters print findings. Nothing here knows about DOCX, bytes or rule files.

The values made by the thousand (blocks, their segments and marks, findings and their
messages) are immutable named tuples: defining one costs a third of a frozen dataclass, which
every process (each pre-commit run, each worker) pays at import, and they are built and pickled
(a worker sends every finding with its block) as the plain tuples they are. A new field is
added to its class and nowhere else; ``value._replace(field=...)`` makes a changed copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import IntEnum
from types import MappingProxyType
from typing import Any, Callable, Iterable, Mapping, NamedTuple

#: The fixed vocabulary of finding categories.
CATEGORIES: tuple[str, ...] = (
    "placeholder",
    "structure",
    "truncation",
    "figure",
    "boilerplate",
    "redaction",
    "encoding",
    "punctuation",
    "wording",
    "duplicate",
    "suppression",
    "layout",
)

#: The categories as a Chinese reader names them (reports, the rule list); English uses the ids.
CATEGORY_WORDS_ZH: Mapping[str, str] = MappingProxyType({
    "placeholder": "占位符未填",
    "structure": "结构",
    "truncation": "截断",
    "figure": "数字",
    "boilerplate": "网页残留",
    "redaction": "涂改",
    "encoding": "编码",
    "punctuation": "标点",
    "wording": "用词",
    "duplicate": "重复",
    "suppression": "忽略标记",
    "layout": "版式",
})


def category_word(category: str, lang: str) -> str:
    """A category as a person reads it: 占位符未填 (``placeholder`` in English)."""
    return category if lang == "en" else CATEGORY_WORDS_ZH.get(category, category)


#: The name of a document read from standard input when none is given (a TXT file, as Vale calls it).
STDIN_NAME = "stdin.txt"

#: Where a block sits in its document. TXT only ever has "body".
PARTS: tuple[str, ...] = (
    "body",
    "table",
    "header",
    "footer",
    "footnote",
    "endnote",
    "textbox",
    "comment",
)


class Severity(IntEnum):
    """Ordered so that ``finding.severity >= Severity.WARNING`` reads naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    def word(self, lang: str) -> str:
        """The severity as a person reads it: 错误, 警告, 提示 (error, warning, info in English)."""
        return self.label if lang == "en" else {3: "错误", 2: "警告", 1: "提示"}[int(self)]

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[text.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (error, warning or info)") from None


class Segment(NamedTuple):
    """A stretch ``[start, end)`` of a block's text and the source piece it came from.

    ``ref`` is opaque to everyone but the reader that made it (for DOCX, the index of the
    ``w:r`` run inside the paragraph, in document order); ``ref_offset`` is where the stretch
    starts inside that piece. Annotating and fixing in place map offsets back through these.
    """

    start: int
    end: int
    ref: int
    ref_offset: int = 0


class Mark(NamedTuple):
    """A stretch of a block the reader knows something about that the text alone cannot show.

    ``kind`` is e.g. ``"placeholder-prompt"`` (a Word content control still showing its prompt),
    ``"merge-field"`` (an unmerged mail-merge field) or ``"undecodable"`` (bytes the TXT reader
    could not decode). Rules flag marks by kind.
    """

    start: int
    end: int
    kind: str


class FontSpan(NamedTuple):
    """A stretch ``[start, end)`` of a block's text in one resolved font (DOCX with layout on):
    the East Asian font (for CJK text), the Latin font (letters and digits), size in points."""

    start: int
    end: int
    east_asian: str | None
    latin: str | None
    size: float | None
    bold: bool = False


class BlockLayout(NamedTuple):
    """How Word lays a paragraph out, resolved from direct formatting, styles, document defaults
    and the theme (read only when layout checking is on). ``align``: left, center, right, both,
    distribute; ``indent_chars``: first-line indent in characters (negative: hanging);
    ``line``: line spacing, in points when ``line_rule`` is ``exact`` or ``atLeast``, in lines
    when it is ``auto``. None: not known (not checked)."""

    spans: tuple[FontSpan, ...] = ()
    align: str | None = "left"
    indent_chars: float | None = 0.0
    line: float | None = None
    line_rule: str = "auto"


class PageNumber(NamedTuple):
    """A page-number field (PAGE) in a footer or header a section shows: which of the section's
    footers (default, first, even), the paragraph's text as shown, the number's font and size."""

    where: str
    text: str
    font: str | None
    size: float | None
    align: str = "left"


class SectionLayout(NamedTuple):
    """A section's page setup in millimetres, its grid, and the page numbers it shows."""

    number: int  # 1-based
    block: int  # index of the first body block of the section (its findings are reported there)
    width: float | None = None
    height: float | None = None
    top: float | None = None
    bottom: float | None = None
    left: float | None = None
    right: float | None = None
    gutter: float = 0.0
    line_pitch: float | None = None  # points, from w:docGrid
    grid: str | None = None  # w:docGrid w:type
    page_numbers: tuple[PageNumber, ...] = ()


def _segment_start(segment: Segment) -> int:
    return segment.start


class Block(NamedTuple):
    """One paragraph of a document (one line of a TXT file) and where it is."""

    text: str
    index: int  # 0-based position in reading order over the whole document
    part: str = "body"
    paragraph: int | None = None  # 1-based ordinal among the paragraphs of its part
    table: int | None = None  # 1-based table number, for text inside a table
    row: int | None = None
    column: int | None = None
    style: str | None = None  # style name as the source names it (DOCX)
    outline_level: int | None = None  # 1-based heading level from style or outline (DOCX)
    list_label: str | None = None  # automatic numbering label Word would display (DOCX)
    section: int | None = None  # section number for headers and footers
    note: int | None = None  # footnote / endnote / comment number
    source_part: str | None = None  # package part the text came from, e.g. word/document.xml
    segments: tuple[Segment, ...] = ()
    marks: tuple[Mark, ...] = ()
    #: Where the reader found the block in its source, opaque to everyone but the reader and the
    #: writers of its format (for DOCX, which ``w:p`` of ``source_part``): a writer finds the
    #: paragraph again from it without reading the document a second time.
    anchor: str | None = None
    #: Resolved formatting (DOCX, only when layout checking is on).
    layout: BlockLayout | None = None
    #: The segments place the text in the lines of a text source (Markdown): ``ref`` is the
    #: 0-based line and ``ref_offset`` the 0-based column (characters of the decoded line) where
    #: each stretch stands, and ``paragraph`` the 1-based line where the block starts. A finding
    #: takes its line and column from them (:meth:`position`).
    line_segments: bool = False

    @property
    def line(self) -> int:
        """The 1-based line reported for this block: the file line for TXT (and the line where a
        Markdown block starts), the ordinal for DOCX."""
        if self.line_segments and self.paragraph is not None:
            return self.paragraph
        return self.index + 1

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based ``(line, column)`` of the character at ``offset`` of the text (for an
        offset at the end, of the place just after the last character)."""
        if not self.line_segments or not self.segments:
            return self.line, offset + 1
        from bisect import bisect_right

        segs = self.segments
        k = max(0, bisect_right(segs, offset, key=_segment_start) - 1)
        s = segs[k]
        if offset >= s.end and k == len(segs) - 1:
            return s.ref + 1, s.ref_offset + (s.end - s.start) + (offset - s.end) + 1
        return s.ref + 1, s.ref_offset + min(offset - s.start, max(0, s.end - s.start - 1)) + 1

    @property
    def display_text(self) -> str:
        """The text a reader sees, with any automatic list label in front."""
        return f"{self.list_label}{self.text}" if self.list_label else self.text


class Suppression(NamedTuple):
    """A ``draftlint: ignore`` the author wrote: findings of ``rules`` (all when empty) whose
    span lies inside ``(block_start, offset_start)`` … ``(block_end, offset_end)`` are dropped.

    ``line`` is the 1-based line (TXT) or block ordinal (DOCX) where the directive itself stands;
    for Markdown, the ordinal of the first block it covers (the comment itself is no block).
    """

    block_start: int
    offset_start: int
    block_end: int
    offset_end: int
    rules: tuple[str, ...] = ()
    line: int = 1

    def covers(self, block: int, start: int, end: int) -> bool:
        return (self.block_start, self.offset_start) <= (block, start) and (block, end) <= (self.block_end, self.offset_end)


@dataclass(slots=True)
class Document:
    """A read document: its blocks in reading order and how it was decoded."""

    path: str
    format: str  # "txt", "markdown" or "docx" (or the converted format: "doc", "odt", …)
    blocks: list[Block]
    encoding: str | None = None
    suppressions: list[Suppression] = field(default_factory=list)
    #: Page setup per section (DOCX, only when layout checking is on).
    sections: list[SectionLayout] = field(default_factory=list)

    @property
    def text_length(self) -> int:
        return sum(len(b.text) for b in self.blocks)


class LocalizedText(NamedTuple):
    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


_SLOT = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")


def render(template: str, slots: dict[str, str]) -> str:
    """``template`` with its ``{name}`` slots filled (``{{`` and ``}}`` are braces); an unknown
    slot, and anything else in braces, stays as written. Not ``str.format``: a template from a
    rule file or a cache entry such as ``{match.__class__}`` would reach into Python objects."""

    def fill(m: re.Match) -> str:
        if m.group(1) is None:
            return m.group(0)[0]
        return slots.get(m.group(1), m.group(0))

    return _SLOT.sub(fill, template)


#: Characters of text shown on each side of a finding's match.
CONTEXT_CHARS = 20


def context_of(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    lo, hi = max(0, start - width), min(len(text), end + width)
    return ("…" if lo > 0 else "") + text[lo:hi] + ("…" if hi < len(text) else "")


class Message(NamedTuple):
    """A finding's message: its rule's two templates and the finding's slots, rendered in the
    language asked for. Only that language is ever rendered, and a finding sent from a worker
    carries the rule's templates (shared by all its findings) instead of two finished texts."""

    templates: LocalizedText
    slots: tuple[tuple[str, str], ...] = ()

    def get(self, lang: str) -> str:
        return render(self.templates.get(lang), dict(self.slots))

    @property
    def zh(self) -> str:
        return self.get("zh")

    @property
    def en(self) -> str:
        return self.get("en")


class Fix(NamedTuple):
    """Replace the finding's ``[start, end)`` with ``replacement``; ``safe`` means certain."""

    replacement: str
    safe: bool = False


#: The slots of a hit that fills none (immutable, so one can be shared by all).
NO_SLOTS: Mapping[str, str] = MappingProxyType({})


class Hit(NamedTuple):
    """What a checker reports: a span of one block, values for the message slots, a fix."""

    block: int
    start: int
    end: int
    slots: Mapping[str, str] = NO_SLOTS
    fix: Fix | None = None


#: A checker takes the lint context (see :mod:`draftlint.engine`) and yields hits.
Checker = Callable[[Any], Iterable[Hit]]


class Finding(NamedTuple):
    """One problem at one place: what rule, how bad, where, and the offending text."""

    rule: str
    category: str
    severity: Severity
    message: Message
    path: str
    block: Block
    start: int  # offsets into block.text
    end: int
    fix: Fix | None = None
    heading_path: tuple[str, ...] = ()

    @property
    def match(self) -> str:
        """The offending text."""
        return self.block.text[self.start : self.end]

    @property
    def context(self) -> str:
        """The match with up to :data:`CONTEXT_CHARS` characters on each side."""
        return context_of(self.block.text, self.start, self.end)

    @property
    def line(self) -> int:
        return self.block.position(self.start)[0]

    @property
    def column(self) -> int:
        return self.block.position(self.start)[1]

    @property
    def end_line(self) -> int:
        """The line of the match's last character (a Markdown paragraph spans lines)."""
        return self.block.position(max(self.start, self.end - 1))[0]

    @property
    def end_column(self) -> int:
        """The column just after the match's last character, on :attr:`end_line`."""
        if self.end <= self.start:
            return self.column
        return self.block.position(self.end - 1)[1] + 1

    def sort_key(self) -> tuple:
        return (self.path, self.block.index, self.start, self.end, self.rule)


@dataclass
class FileResult:
    """The outcome for one file: its findings, or the reason it could not be read (a file
    whose rule timed out has both)."""

    path: str
    format: str | None
    encoding: str | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    characters: int = 0
