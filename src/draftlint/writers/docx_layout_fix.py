"""Layout fixes as tracked formatting changes (author draftlint), for ``draftlint fix`` with layout
checking on: a run's new font or size keeps its old properties in ``w:rPrChange``, a paragraph's
new indent, line spacing or alignment its old ones in ``w:pPrChange``, a section's new paper or
margins its old ones in ``w:sectPrChange``; Word shows each as a formatting revision to accept or
reject.

A layout finding says what to change in its ``fix_set`` slot (``font=仿宋_GB2312``, ``size=16``,
``indent=chars:2,size:16``, ``line=28``, ``align=both``, ``paper=w:210,h:297``,
``margins=top:37,left:28,bottom:35,right:26``; several joined by ``&``) and where: ``fix_where`` (each paragraph of its run
of paragraphs: part, anchor, and the stretch of its text) or ``fix_section`` (the section's
number). Page numbers are not fixed. A paragraph that already carries someone's formatting
revision, or is indented with spaces, is left alone and reported.
"""

from __future__ import annotations

from lxml import etree

from ..model import Block, Finding
from ..readers.docx_sections import sections as body_sections
from ..readers.docx_paragraph import read_paragraph
from .docx_edit import PPR, RPR, EditablePackage, EditError, ParagraphEditor, w

_RPR_ORDER = [w(t) for t in (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow", "emboss",
    "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
    "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
    "specVanish", "oMath", "rPrChange")]
_PPR_ORDER = [w(t) for t in (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr", "suppressLineNumbers",
    "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
    "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
    "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange")]
_SECT_ORDER = [w(t) for t in (
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc", "pgBorders",
    "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi",
    "rtlGutter", "docGrid", "printerSettings", "sectPrChange")]
_TWIPS_PER_MM = 1440 / 25.4


def _child(parent: etree._Element, tag: str, order: list[str]) -> etree._Element:
    """``parent``'s child ``tag``, made in its place in the schema's order when it is missing."""
    found = parent.find(tag)
    if found is not None:
        return found
    el = parent.makeelement(tag, {})
    rank = order.index(tag)
    for sibling in parent:
        if isinstance(sibling.tag, str) and sibling.tag in order and order.index(sibling.tag) > rank:
            sibling.addprevious(el)
            return el
    parent.append(el)
    return el


def _copy(el: etree._Element, tag: str, leave_out: tuple[str, ...]) -> etree._Element:
    """A copy of ``el`` named ``tag`` without the children ``leave_out``: the old properties."""
    old = etree.fromstring(etree.tostring(el))
    old.tag = tag
    for child in list(old):
        if child.tag in leave_out:
            old.remove(child)
    return old


def _tracked(parent: etree._Element, change_tag: str, old_tag: str, leave_out: tuple[str, ...], revisions) -> None:
    """Record ``parent``'s properties as they are now, in a ``change_tag`` revision at its end
    (once: a second change by this run adds to the revision its first one made)."""
    if parent in revisions.formatted:
        return
    if parent.find(change_tag) is not None:
        raise EditError("already carries a formatting revision")
    revisions.formatted.add(parent)
    old = _copy(parent, old_tag, leave_out + (change_tag,))
    change = revisions.element(parent, etree.QName(change_tag).localname)
    change.append(old)
    parent.append(change)  # the last child in all three schemas


def _set_run(run: etree._Element, change: str, value: str, revisions) -> None:
    rpr = run.find(RPR)
    if rpr is None:
        rpr = run.makeelement(RPR, {})
        run.insert(0, rpr)
    _tracked(rpr, w("rPrChange"), RPR, (), revisions)
    if change == "font":
        fonts = _child(rpr, w("rFonts"), _RPR_ORDER)
        fonts.set(w("eastAsia"), value)
        fonts.attrib.pop(w("eastAsiaTheme"), None)
    else:  # size, in half-points
        half = str(round(float(value) * 2))
        _child(rpr, w("sz"), _RPR_ORDER).set(w("val"), half)
        _child(rpr, w("szCs"), _RPR_ORDER).set(w("val"), half)


def _set_paragraph(p: etree._Element, change: str, value: str, revisions) -> None:
    ppr = p.find(PPR)
    if ppr is None:
        ppr = p.makeelement(PPR, {})
        p.insert(0, ppr)
    _tracked(ppr, w("pPrChange"), PPR, (w("rPr"), w("sectPr")), revisions)
    if change == "indent":
        ind = _child(ppr, w("ind"), _PPR_ORDER)
        for attr in ("hanging", "hangingChars", "firstLine"):
            ind.attrib.pop(w(attr), None)
        values = dict(item.split(":") for item in value.split(","))
        chars = float(values["chars"])
        ind.set(w("firstLineChars"), str(round(chars * 100)))
        if "size" in values:  # the same in twips, for readers that do not know firstLineChars
            ind.set(w("firstLine"), str(round(chars * float(values["size"]) * 20)))
    elif change == "line":
        spacing = _child(ppr, w("spacing"), _PPR_ORDER)
        spacing.set(w("line"), str(round(float(value) * 20)))
        spacing.set(w("lineRule"), "exact")
    else:  # align
        _child(ppr, w("jc"), _PPR_ORDER).set(w("val"), value)


def _paragraph_change(package: EditablePackage, where: str, change: str, value: str, revisions) -> None:
    part, anchor, start, end = where.split("|")
    p, fields = package.paragraph(Block(text="", index=0, source_part=part, anchor=anchor))
    if change in ("font", "size"):
        para = read_paragraph(p, fields)  # package.paragraph gives each call its own Fields
        block = Block(text=para.text, index=0, source_part=part, anchor=anchor, segments=tuple(para.segments))
        editor = ParagraphEditor(package, block)
        lo, hi = int(start), int(end)
        runs = editor.covering(lo, hi) if lo < hi <= len(block.text) else []
        if not runs:
            raise EditError("the paragraph's text is not where it was read")
        for run in runs:
            rpr = run.find(RPR)
            if rpr is not None and rpr not in revisions.formatted and rpr.find(w("rPrChange")) is not None:
                raise EditError("already carries a formatting revision")
        for run in runs:
            _set_run(run, change, value, revisions)
        return
    if change == "indent":
        text = read_paragraph(p, fields).text
        if text[:1].isspace():
            raise EditError("indented with spaces: remove them by hand")
    _set_paragraph(p, change, value, revisions)


def _section_change(package: EditablePackage, number: str, change: str, value: str, revisions) -> None:
    sections = body_sections(package.xml(package.main))
    n = int(number)
    if not 1 <= n <= len(sections):
        raise EditError("the section is not in this document")
    sect = sections[n - 1]
    _tracked(sect, w("sectPrChange"), w("sectPr"), (w("headerReference"), w("footerReference")), revisions)
    values = dict(item.split(":") for item in value.split(","))
    if change == "paper":
        pg = _child(sect, w("pgSz"), _SECT_ORDER)
        pg.set(w("w"), str(round(float(values["w"]) * _TWIPS_PER_MM)))
        pg.set(w("h"), str(round(float(values["h"]) * _TWIPS_PER_MM)))
    else:
        mar = _child(sect, w("pgMar"), _SECT_ORDER)
        for side in ("top", "left", "bottom", "right"):
            mar.set(w(side), str(round(float(values[side]) * _TWIPS_PER_MM)))
        mar.set(w("gutter"), "0")


def fix_layout(package: EditablePackage, findings: list[Finding], revisions) -> tuple[list[Finding], list[tuple[Finding, str]]]:
    """Make the layout findings' changes; ``(applied, [(finding, why not)])``. A finding whose
    change could be made in only some of its paragraphs counts as applied, and the reason for
    the others is reported with it."""
    applied: list[Finding] = []
    skipped: list[tuple[Finding, str]] = []
    for f in findings:
        slots = dict(f.message.slots)
        change_set = slots.get("fix_set")
        if f.category != "layout" or not change_set:
            continue
        changes = [item.partition("=")[::2] for item in change_set.split("&")]
        reasons: list[str] = []
        done = 0
        try:
            if "fix_section" in slots:
                for change, value in changes:
                    _section_change(package, slots["fix_section"], change, value, revisions)
                done += 1
            for where in filter(None, slots.get("fix_where", "").split(";")):
                try:
                    for change, value in changes:
                        _paragraph_change(package, where, change, value, revisions)
                    done += 1
                except EditError as exc:
                    reasons.append(str(exc))
        except (EditError, ValueError, KeyError) as exc:
            reasons.append(str(exc))
        if done:
            applied.append(f)
            if reasons:
                skipped.append((f, f"{len(reasons)} paragraph(s) left: {reasons[0]}"))
        else:
            skipped.append((f, reasons[0] if reasons else "nothing to change"))
    return applied, skipped

