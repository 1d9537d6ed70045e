"""Resolved formatting of a DOCX, the way Word shows it, for layout rules (read only when layout
checking is on).

Run properties: direct formatting over the character style (``w:rStyle``) and its ``basedOn``
chain, over the paragraph style and its chain, over ``w:docDefaults``; a theme font
(``w:eastAsiaTheme="minorEastAsia"``) is the theme part's ``a:ea`` typeface, or when that is empty
its ``a:font script="Hans"`` (the script ``w:themeFontLang`` names, Hans when none does).
CJK characters are shown in the ``w:eastAsia`` font, letters and digits in ``w:ascii`` /
``w:hAnsi``. Paragraph properties (``w:jc``, ``w:ind``, ``w:spacing``): direct over the style
chain over the defaults, each attribute on its own. Not resolved: table styles, the indents a
numbering level gives its paragraphs, and toggling of bold by nested styles.

Page setup per section from ``w:sectPr`` (``w:pgSz``, ``w:pgMar``, ``w:docGrid``); page numbers
are the PAGE fields of the footers and headers a section shows.

What the paragraph shows comes from the one walk of :mod:`.docx_paragraph`; this module only
reads the properties of the runs that walk returned. Nothing here is seen by rules but the
:class:`~draftlint.model.BlockLayout` and :class:`~draftlint.model.SectionLayout` values.
"""

from __future__ import annotations

import re
import weakref
from typing import NamedTuple

from lxml import etree

from ..model import BlockLayout, FontSpan, PageNumber, SectionLayout
from .docx_paragraph import FLD_CHAR, FLD_SIMPLE, INSTR, P, P_PR, R, R_PR, VAL, Fields, on, read_paragraph, w
from .docx_sections import section_parts
from .ooxml import Package, PartCache

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_TWIPS_PER_MM = 1440 / 25.4
_PAGE_FIELD = re.compile(r"^\s*PAGE\b", re.IGNORECASE)
_THEME_SCRIPTS = {"zh-CN": "Hans", "zh-SG": "Hans", "zh-TW": "Hant", "zh-HK": "Hant", "zh-MO": "Hant",
                  "ja-JP": "Jpan", "ko-KR": "Hang"}
_ALIGN = {"start": "left", "end": "right", "justify": "both", "lowKashida": "both", "mediumKashida": "both",
          "highKashida": "both", "thaiDistribute": "distribute"}


class _Run(NamedTuple):
    """Run properties as one level of the hierarchy sets them (None: not set there)."""

    east_asian: tuple[str, str] | None = None  # ("theme", "minorEastAsia") or ("font", "仿宋_GB2312")
    latin: tuple[str, str] | None = None
    size: float | None = None
    bold: bool | None = None


class _Para(NamedTuple):
    align: str | None = None
    first_line: tuple[str, float] | None = None  # ("chars", 2.0) or ("twips", 640)
    line: int | None = None
    line_rule: str | None = None


def _font(rfonts: etree._Element | None, attr: str, theme_attr: str) -> tuple[str, str] | None:
    if rfonts is None:
        return None
    theme = rfonts.get(w(theme_attr))
    if theme:
        return ("theme", theme)
    name = rfonts.get(w(attr))
    return ("font", name.strip()) if name and name.strip() else None


def _run_props(rpr: etree._Element | None) -> _Run:
    if rpr is None:
        return _Run()
    rfonts = rpr.find(w("rFonts"))
    latin = _font(rfonts, "ascii", "asciiTheme") or _font(rfonts, "hAnsi", "hAnsiTheme")
    size = None
    sz = rpr.find(w("sz"))
    if sz is not None:
        try:
            size = int(sz.get(VAL, "")) / 2
        except ValueError:
            size = None
    b = rpr.find(w("b"))
    return _Run(_font(rfonts, "eastAsia", "eastAsiaTheme"), latin, size, None if b is None else on(b))


def _over(low: NamedTuple, high: NamedTuple) -> NamedTuple:
    """``high``'s properties where it sets them, ``low``'s elsewhere."""
    return low._make(h if h is not None else l for l, h in zip(low, high))


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value is not None else None
    except (ValueError, OverflowError):
        return None


def _para_props(ppr: etree._Element | None) -> _Para:
    if ppr is None:
        return _Para()
    align = None
    jc = ppr.find(w("jc"))
    if jc is not None and jc.get(VAL):
        align = _ALIGN.get(jc.get(VAL), jc.get(VAL))
    first = None
    ind = ppr.find(w("ind"))
    if ind is not None:
        for attr, kind, sign in (("firstLineChars", "chars", 1), ("hangingChars", "chars", -1),
                                 ("firstLine", "twips", 1), ("hanging", "twips", -1)):
            value = _int(ind.get(w(attr)))
            if value is not None and (value != 0 or kind == "twips"):
                first = (kind, sign * value / (100 if kind == "chars" else 1))
                break
    line = rule = None
    spacing = ppr.find(w("spacing"))
    if spacing is not None:
        line = _int(spacing.get(w("line")))
        rule = spacing.get(w("lineRule")) or ("auto" if line is not None else None)
    return _Para(align, first, line, rule)


class _StyleProps:
    """The resolved properties of each style of one styles part, memoised with it."""

    def __init__(self, styles):
        self.styles = styles
        self.defaults_run = _run_props(styles.default_rpr)
        self.defaults_para = _para_props(styles.default_ppr)
        self._run: dict[tuple[str | None, bool], _Run] = {}
        self._para: dict[str | None, _Para] = {}

    def run(self, sid: str | None, over_defaults: bool = True) -> _Run:
        """Run properties a style gives, over the document defaults (None: the defaults);
        a character style's (``over_defaults`` false) over nothing, as it goes over the paragraph's."""
        key = (sid, over_defaults)
        if key not in self._run:
            props = self.defaults_run if over_defaults else _Run()
            for _, style in reversed(list(self.styles._chain(sid))):
                props = _over(props, _run_props(style.rpr))
            self._run[key] = props
        return self._run[key]

    def para(self, sid: str | None) -> _Para:
        if sid not in self._para:
            props = self.defaults_para
            for _, style in reversed(list(self.styles._chain(sid))):
                props = _over(props, _para_props(style.ppr))
            self._para[sid] = props
        return self._para[sid]


_STYLE_PROPS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_THEMES = PartCache()  # documents from one template share their theme too


def _style_props(styles) -> _StyleProps:
    found = _STYLE_PROPS.get(styles)
    if found is None:
        found = _STYLE_PROPS[styles] = _StyleProps(styles)
    return found


def _theme_fonts(root: etree._Element) -> dict[str, dict[str, str]]:
    """``{"major"|"minor": {"latin": …, "ea": …, "Hans": …}}`` of a theme part."""
    out: dict[str, dict[str, str]] = {}
    for which in ("major", "minor"):
        el = root.find(f".//{{{A}}}{which}Font")
        fonts: dict[str, str] = {}
        if el is not None:
            for child in el:
                if child.tag in (f"{{{A}}}latin", f"{{{A}}}ea") and child.get("typeface"):
                    fonts[etree.QName(child).localname] = child.get("typeface")
                elif child.tag == f"{{{A}}}font" and child.get("script") and child.get("typeface"):
                    fonts[child.get("script")] = child.get("typeface")
        out[which] = fonts
    return out


class Layout:
    """Resolves the formatting of the paragraphs a :class:`~.docx._Reader` reads."""

    def __init__(self, package: Package, styles, related, settings: etree._Element | None):
        self.package = package
        self.styles = styles
        self.props = _style_props(styles)
        theme = related("/theme")
        self.theme = {} if theme is None else _THEMES.get(package, theme, _theme_fonts)
        script = "Hans"
        if settings is not None:
            lang = settings.find(w("themeFontLang"))
            if lang is not None and lang.get(w("eastAsia")):
                script = _THEME_SCRIPTS.get(lang.get(w("eastAsia")), script)
        self.script = script
        #: Even pages show their own headers and footers only when the settings say so.
        self.even_pages = settings is not None and on(settings.find(w("evenAndOddHeaders")))
        self.body_breaks: list[int] = []  # body block indices after which a section ends

    # -- fonts ------------------------------------------------------------------------------------
    def _name(self, font: tuple[str, str] | None) -> str | None:
        if font is None:
            return None
        kind, value = font
        if kind == "font":
            return value
        fonts = self.theme.get("major" if value.startswith("major") else "minor", {})
        if "EastAsia" in value:  # w:asciiTheme="minorEastAsia" too: the theme's East Asian font
            return fonts.get("ea") or fonts.get(self.script)
        return fonts.get("latin")

    def _run(self, rpr: etree._Element | None, para_style: str | None) -> _Run:
        props = self.props.run(para_style)
        if rpr is not None:
            rstyle = rpr.find(w("rStyle"))
            if rstyle is not None and rstyle.get(VAL):
                props = _over(props, self.props.run(rstyle.get(VAL), over_defaults=False))
            props = _over(props, _run_props(rpr))
        return props

    def span(self, start: int, end: int, props: _Run) -> FontSpan:
        return FontSpan(start, end, self._name(props.east_asian), self._name(props.latin),
                        props.size if props.size is not None else 10.0, bool(props.bold))

    # -- paragraphs --------------------------------------------------------------------------------
    def paragraph(self, p: etree._Element, para, style: str | None, index: int | None = None) -> BlockLayout:
        """The layout of paragraph ``p`` whose walk (:func:`.read_paragraph`) is ``para``;
        ``index``: its block's index when it is a paragraph of the body (where sections end)."""
        ppr = p.find(P_PR)
        spans: list[FontSpan] = []
        at = 0
        for run in para.runs:
            text = run.text
            if not text:
                continue
            span = self.span(at, at + len(text), self._run(run.element.find(R_PR), style))
            if spans and spans[-1][2:] == span[2:]:  # runs split by an editor, formatted alike: one span
                spans[-1] = spans[-1]._replace(end=span.end)
            else:
                spans.append(span)
            at += len(text)
        pprops = _over(self.props.para(style), _para_props(ppr))
        size = _main_size(spans) or self.props.run(style).size or 10.0
        first = 0.0
        if pprops.first_line is not None:
            kind, value = pprops.first_line
            first = value if kind == "chars" else value / (size * 20)
        line = pprops.line
        rule = pprops.line_rule or "auto"
        spacing = None
        if line is not None:
            spacing = line / 240 if rule == "auto" else line / 20
        if index is not None and ppr is not None and ppr.find(w("sectPr")) is not None:
            self.body_breaks.append(index)
        return BlockLayout(tuple(spans), pprops.align or "left", round(first, 2), spacing, rule)

    # -- sections ----------------------------------------------------------------------------------
    def sections(self, document: etree._Element, blocks, rels) -> list[SectionLayout]:
        """The sections of the body in order, each with the first body block it holds."""
        starts = [0] + [b + 1 for b in self.body_breaks]
        body_first = next((b.index for b in blocks if b.part in ("body", "table")), 0)
        out = []
        for number, sect, parts in section_parts(self.package, rels, document):
            start = starts[number - 1] if number - 1 < len(starts) else starts[-1]
            first_block = next((b.index for b in blocks if b.part in ("body", "table") and b.index >= start), body_first)
            out.append(self._section(number, first_block, sect, parts))
        return out

    def _section(self, number: int, block: int, sect: etree._Element, parts: dict) -> SectionLayout:
        def mm(el, attr):
            value = _int(el.get(w(attr))) if el is not None else None
            return None if value is None else round(abs(value) / _TWIPS_PER_MM, 1)

        pg, mar, grid = sect.find(w("pgSz")), sect.find(w("pgMar")), sect.find(w("docGrid"))
        width, height = mm(pg, "w"), mm(pg, "h")
        pitch = _int(grid.get(w("linePitch"))) if grid is not None else None
        shown = ["default"] + (["first"] if on(sect.find(w("titlePg"))) else []) + (["even"] if self.even_pages else [])
        num_type = sect.find(w("pgNumType"))
        shows = _NUMBER_FORMATS.get(num_type.get(w("fmt")) if num_type is not None else None, "1")
        numbers: list[PageNumber] = []
        for (kind, which), target in sorted(parts.items()):
            if which in shown:
                numbers.extend(self._page_numbers(target, which, shows))
        return SectionLayout(
            number=number, block=block, width=width, height=height,
            top=mm(mar, "top"), bottom=mm(mar, "bottom"), left=mm(mar, "left"), right=mm(mar, "right"),
            gutter=mm(mar, "gutter") or 0.0, line_pitch=pitch / 20 if pitch else None,
            grid=grid.get(w("type")) if grid is not None else None, page_numbers=tuple(numbers),
        )

    def _page_numbers(self, target: str, which: str, shows: str) -> list[PageNumber]:
        root = self.package.xml(target)
        out = []
        for p in root.iter(P):
            if not any(_PAGE_FIELD.match(el.text or "") for el in p.iter(INSTR)) and not any(
                _PAGE_FIELD.match(el.get(w("instr"), "")) for el in p.iter(FLD_SIMPLE)
            ):
                continue
            para = read_paragraph(p, Fields())
            ppr = p.find(P_PR)
            named = ppr.find(w("pStyle")) if ppr is not None else None
            style = (named.get(VAL) if named is not None else None) or self.styles.default
            text, number = _with_page_field(p, para, shows)
            props = self._run(number.find(R_PR) if number is not None else None, style)
            span = self.span(0, 0, props)
            align = _over(self.props.para(style), _para_props(ppr)).align or "left"
            out.append(PageNumber(which, text, span.latin or span.east_asian, span.size, align))
        return out


def _main_size(spans: list[FontSpan]) -> float | None:
    weights: dict[float, int] = {}
    for s in spans:
        if s.size is not None:
            weights[s.size] = weights.get(s.size, 0) + s.end - s.start
    return max(weights, key=weights.get) if weights else None


#: How the first page's number shows in each ``w:pgNumType w:fmt`` (numberInDash: Word's "- 1 -").
_NUMBER_FORMATS = {"numberInDash": "- 1 -", "upperRoman": "I", "lowerRoman": "i", "upperLetter": "A",
                   "lowerLetter": "a", "chineseCounting": "一", "chineseCountingThousand": "一",
                   "decimalFullWidth": "１", "ideographDigital": "一", "decimalEnclosedCircle": "①"}


def _with_page_field(p: etree._Element, para, shows: str = "1") -> tuple[str, etree._Element | None]:
    """The paragraph's text with the page number as the first page shows it (``shows``: ``1``, or
    ``- 1 -`` in the section's numberInDash format), whether or not the file stores a result, and
    the run that shows it."""
    runs = {run.element: run for run in para.runs}
    chars: list[str] = []
    number_run = None
    state: list[list] = []  # per open complex field: [is PAGE, showing its result]
    written = False
    inside_simple: set = set()
    for el in p.iter(R, FLD_SIMPLE):
        if el.tag == FLD_SIMPLE:
            if _PAGE_FIELD.match(el.get(w("instr"), "")):
                inside_simple.update(el.iter(R))
                first = next(iter(el.iter(R)), None)
                number_run = number_run if number_run is not None else first
                if not written:
                    chars.append(shows)
                    written = True
            continue
        run = runs.get(el)
        if run is None or el in inside_simple:
            continue
        for child, shown in run.shown:
            if child.tag == FLD_CHAR:
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    state.append([False, False])
                elif kind == "separate" and state:
                    state[-1][1] = True
                elif kind == "end" and state:
                    page, _ = state.pop()
                    if page and not written:
                        chars.append(shows)
                        written = True
            elif child.tag == INSTR and state and _PAGE_FIELD.match(child.text or ""):
                state[-1][0] = True
                number_run = number_run if number_run is not None else el
            elif state and state[-1][0]:
                if shown and state[-1][1]:
                    number_run = el  # the result's own formatting
            else:
                chars.append(shown)
    return "".join(chars), number_run
