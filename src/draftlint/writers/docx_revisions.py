"""Fixed copy of a DOCX: every fix is a Word tracked change (``w:del`` + ``w:ins``, author draftlint).

A fix changes only the characters that differ between the match and its replacement (``,`` →
``，`` in a span of text touches only the commas): each changed stretch is split out of its run,
wrapped in ``w:del`` (its ``w:t`` become ``w:delText``), and a ``w:ins`` run right after it,
with the ``w:rPr`` of the run that held those characters, carries the new text; text inserted
between two characters takes the formatting of the character before it. Every other character
keeps its run and its formatting. A fix is left out (and reported) when its text sits in a
field, in someone else's tracked change, or in runs that also carry drawings or field characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from lxml import etree

from ..fixes import plan_fixes
from ..model import Finding
from .docx_edit import (
    AUTHOR,
    RPR,
    XML_SPACE,
    EditablePackage,
    EditError,
    ParagraphEditor,
    max_annotation_id,
    now,
    story_parts,
    w,
)

#: Run children that may go into a tracked deletion as they are (w:t is renamed w:delText).
_PLAIN = frozenset(w(t) for t in ("t", "tab", "br", "cr", "noBreakHyphen", "softHyphen", "sym", "lastRenderedPageBreak", "ptab"))
#: Ancestors inside which a run is not rewritten: revisions of others, fields, math.
_OFF_LIMITS = frozenset(w(t) for t in ("ins", "del", "moveTo", "moveFrom", "fldSimple"))


@dataclass
class FixReport:
    applied: list[Finding] = field(default_factory=list)
    skipped: list[tuple[Finding, str]] = field(default_factory=list)


def _check_runs(runs: list[etree._Element], p: etree._Element) -> None:
    for r in runs:
        for child in r:
            if child.tag != RPR and child.tag not in _PLAIN:
                raise EditError(f"the text shares a run with {etree.QName(child).localname}")
        node = r.getparent()
        while node is not None and node is not p:
            if node.tag in _OFF_LIMITS:
                raise EditError(f"the text is inside {etree.QName(node).localname}")
            node = node.getparent()


class _Revisions:
    """Tracked changes by draftlint, numbered on from the document's highest annotation id."""

    def __init__(self, first_id: int):
        self.next_id = first_id
        self.date = now()
        self.formatted: set = set()  # properties whose old state a formatting revision already keeps

    def element(self, near: etree._Element, tag: str) -> etree._Element:
        el = near.makeelement(w(tag), {w("id"): str(self.next_id), w("author"): AUTHOR, w("date"): self.date})
        self.next_id += 1
        return el

    def delete(self, runs: list[etree._Element]) -> None:
        for r in runs:
            for t in r.iter(w("t")):
                t.tag = w("delText")
                t.set(XML_SPACE, "preserve")
            d = self.element(r, "del")
            r.addprevious(d)
            d.append(r)

    def insert(self, place: etree._Element, text: str, formatting: etree._Element, before: bool = False) -> None:
        """A ``w:ins`` run holding ``text`` with ``formatting``'s run properties, after ``place``
        (a run, or the ``w:del`` around one), or before it."""
        ins = self.element(place, "ins")
        new = etree.SubElement(ins, w("r"))
        rpr = formatting.find(RPR)
        if rpr is not None:
            new.append(etree.fromstring(etree.tostring(rpr)))
        t = etree.SubElement(new, w("t"))
        t.set(XML_SPACE, "preserve")
        t.text = text
        if before:
            place.addprevious(ins)
        else:
            place.addnext(ins)


def _edits(old: str, new: str, start: int) -> list[tuple[int, int, str]]:
    """The smallest changes that turn ``old`` (at block offset ``start``) into ``new``:
    ``(from, to, replacement)`` in block offsets, right to left."""
    ops = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    return [(start + i1, start + i2, new[j1:j2]) for tag, i1, i2, j1, j2 in reversed(ops) if tag != "equal"]


def _apply(editor: ParagraphEditor, f: Finding, revisions: _Revisions) -> None:
    """Make ``f``'s fix as tracked changes of only the characters that change; nothing is changed
    unless every change can be made (EditError)."""
    planned: list[tuple[list[etree._Element], etree._Element | None, str, bool]] = []
    for start, end, text in _edits(editor.block.text[f.start : f.end], f.fix.replacement, f.start):
        if start < end:
            runs = editor.covering(start, end)
            _check_runs(runs, editor.p)
            planned.append((runs, None, text, False))
        else:  # an insertion: after the run of the character before it, or before the first run
            place = editor.end(start) if start > 0 else editor.start(0)
            _check_runs([place], editor.p)
            planned.append(([], place, text, start == 0))
    for runs, place, text, before in planned:
        if runs:
            revisions.delete(runs)
            if text:
                revisions.insert(runs[-1].getparent(), text, runs[0])
        else:
            revisions.insert(place, text, place, before=before)


def fix_docx(data: bytes, path: str, findings: list[Finding], unsafe: bool = False) -> tuple[bytes, FixReport]:
    """The bytes of a copy of ``data`` with the planned fixes as tracked changes, and what was
    done. ``findings`` are those of linting ``data``: each block leads to its paragraph."""
    package = EditablePackage(data)
    chosen, skipped = plan_fixes(findings, unsafe)
    report = FixReport(skipped=list(skipped))
    revisions = _Revisions(max_annotation_id(package, story_parts(package)) + 1)
    by_block: dict[int, list[Finding]] = {}
    for f in chosen:
        by_block.setdefault(f.block.index, []).append(f)
    for group in by_block.values():
        try:
            editor = ParagraphEditor(package, group[0].block)
        except EditError as exc:
            report.skipped.extend((f, str(exc)) for f in group)
            continue
        # Right to left, so that splitting for one fix never moves another's runs.
        for f in sorted(group, key=lambda f: f.start, reverse=True):
            try:
                _apply(editor, f, revisions)
            except EditError as exc:
                report.skipped.append((f, str(exc)))
                continue
            report.applied.append(f)
    if any(f.category == "layout" for f in findings):  # layout checking was on: its fixes too
        from .docx_layout_fix import fix_layout

        applied, skipped = fix_layout(package, findings, revisions)
        report.applied.extend(applied)
        report.skipped.extend(skipped)
    report.applied.sort(key=Finding.sort_key)
    return package.to_bytes(), report


def fixed_name(path: str) -> str:
    """``草稿.docx`` → ``草稿.fixed.docx``; a file read through LibreOffice gets a DOCX copy:
    ``草稿.wps`` → ``草稿.fixed.docx``."""
    stem, dot, ext = path.rpartition(".")
    if not dot:
        return f"{path}.fixed.docx"
    return f"{stem}.fixed.{'docx' if ext.lower() in ('doc', 'wps', 'odt', 'rtf') else ext}"
