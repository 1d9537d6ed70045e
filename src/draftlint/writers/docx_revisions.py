"""Fixed copy of a DOCX: every fix is a Word tracked change (``w:del`` + ``w:ins``, author draftlint).

The runs that show exactly the finding's text are split out of their neighbours, wrapped in
``w:del`` (their ``w:t`` become ``w:delText``), and a ``w:ins`` run with the first deleted run's
``w:rPr`` carries the replacement. Text outside a match is never touched. A fix is left out (and
reported) when its text sits in a field, in someone else's tracked change, or runs that also carry
drawings or field characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..fixes import plan_fixes
from ..model import Finding
from ..readers.docx import read_docx
from .docx_edit import (
    AUTHOR,
    RPR,
    XML_SPACE,
    EditablePackage,
    EditError,
    ParagraphEditor,
    align,
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


def _track(runs: list[etree._Element], replacement: str, rev_id: int, date: str) -> int:
    """Wrap ``runs`` in ``w:del`` and add a ``w:ins`` with ``replacement``; return the next id."""
    attrs = lambda i: {w("id"): str(i), w("author"): AUTHOR, w("date"): date}  # noqa: E731
    rpr = runs[0].find(RPR)
    for r in runs:
        for t in r.iter(w("t")):
            t.tag = w("delText")
            t.set(XML_SPACE, "preserve")
        d = r.makeelement(w("del"), attrs(rev_id))
        rev_id += 1
        r.addprevious(d)
        d.append(r)
    if replacement:
        ins = runs[-1].makeelement(w("ins"), attrs(rev_id))
        rev_id += 1
        new = etree.SubElement(ins, w("r"))
        if rpr is not None:
            new.append(etree.fromstring(etree.tostring(rpr)))
        t = etree.SubElement(new, w("t"))
        t.set(XML_SPACE, "preserve")
        t.text = replacement
        runs[-1].getparent().addnext(ins)
    return rev_id


def fix_docx(data: bytes, path: str, findings: list[Finding], unsafe: bool = False) -> tuple[bytes, FixReport]:
    """The bytes of a copy of ``data`` with the planned fixes as tracked changes, and what was done."""
    package = EditablePackage(data)
    document = read_docx(data, path)
    chosen, skipped = plan_fixes(findings, unsafe)
    report = FixReport(skipped=list(skipped))
    paragraphs = align(document, package)
    rev_id = max_annotation_id(package, story_parts(package)) + 1
    date = now()
    by_block: dict[int, list[Finding]] = {}
    for f in chosen:
        block = document.blocks[f.block.index] if f.block.index < len(document.blocks) else None
        if block is None or block.text != f.block.text or block.index not in paragraphs:
            report.skipped.append((f, "paragraph not found in the XML"))
        else:
            by_block.setdefault(block.index, []).append(f)
    for index, group in by_block.items():
        p = paragraphs[index]
        try:
            editor = ParagraphEditor(p, document.blocks[index])
        except EditError as exc:
            report.skipped.extend((f, str(exc)) for f in group)
            continue
        # Right to left, so that splitting for one fix never moves another's runs.
        for f in sorted(group, key=lambda f: f.start, reverse=True):
            try:
                runs = editor.covering(f.start, f.end)
                _check_runs(runs, p)
            except EditError as exc:
                report.skipped.append((f, str(exc)))
                continue
            rev_id = _track(runs, f.fix.replacement, rev_id, date)
            report.applied.append(f)
    report.applied.sort(key=Finding.sort_key)
    return package.to_bytes(), report


def fixed_name(path: str) -> str:
    """``草稿.docx`` → ``草稿.fixed.docx``."""
    stem, dot, ext = path.rpartition(".")
    return f"{stem}.fixed.{ext}" if dot else f"{path}.fixed.docx"
