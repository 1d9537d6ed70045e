"""Annotated copy of a DOCX: every finding becomes a Word comment on exactly the offending text.

Runs are split where a finding starts or ends (each piece keeps its ``w:rPr``); the comment range
markers and the ``w:commentReference`` run go between them. Findings Word cannot hold a comment
for (headers, footers, comments) are listed in one summary comment on the first body paragraph.
Comments this tool made before (author ``draftlint`` and a ``[RULE]`` prefix) are removed first,
so annotating an annotated copy does not stack duplicates. Nothing else in the package changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..locations import describe
from ..model import Finding
from ..readers.docx_paragraph import MC_FALLBACK, P, Fields, read_paragraph
from .docx_edit import (
    AUTHOR,
    W,
    RPR,
    XML_SPACE,
    EditablePackage,
    EditError,
    ParagraphEditor,
    first_content_index,
    max_annotation_id,
    now,
    story_parts,
    w,
)

REL_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
#: Parts where Word keeps no comments: findings there go into the summary comment.
NO_COMMENT_PARTS = frozenset({"header", "footer", "comment"})
SUMMARY_TAG = "[draftlint]"
_OWN_PREFIX = re.compile(r"^\[(?:draftlint|[A-Za-z][\w.-]*)\]")
_PARA_ID = "paraId"


@dataclass
class AnnotateReport:
    """How each finding was placed: exactly on its text, on its whole paragraph, or in the summary."""

    exact: list[Finding] = field(default_factory=list)
    paragraph: list[tuple[Finding, str]] = field(default_factory=list)
    summary: list[tuple[Finding, str]] = field(default_factory=list)
    #: Findings the reader reported twice for one text box (its Choice and its Fallback copy).
    duplicates: list[Finding] = field(default_factory=list)
    removed_old: int = 0

    @property
    def total(self) -> int:
        return len(self.exact) + len(self.paragraph) + len(self.summary)


def comment_text(f: Finding, lang: str) -> list[str]:
    """The paragraphs of the comment for ``f``: ``[RULE] message`` and the fix, if any."""
    lines = [f"[{f.rule}] {f.message.get(lang)}"]
    if f.fix is not None:
        if lang == "en":
            lines.append(f"Suggested fix{'' if f.fix.safe else ' (check it)'}: “{f.match}” → “{f.fix.replacement}”")
        else:
            lines.append(f"建议{'' if f.fix.safe else '（请核实）'}改为：“{f.match}” → “{f.fix.replacement}”")
    return lines


class _Comments:
    """The comments part: find or create it, drop this tool's old comments, add new ones."""

    def __init__(self, package: EditablePackage):
        self.package = package
        self.name = None
        for typ, target in package.relationships(package.main).values():
            if typ == REL_COMMENTS and package.has(target):
                self.name = target
        if self.name is None:
            self.name = _free_name(package, "word/comments.xml")
            self.root = etree.Element(w("comments"), nsmap={"w": W})
            self.created = True
        else:
            self.root = package.xml(self.name)
            self.created = False
        self.date = now()

    def remove_own(self) -> int:
        """Delete the comments a previous run of this tool added, and their anchors everywhere."""
        ids, para_ids = set(), set()
        for c in list(self.root.iter(w("comment"))):
            text = "".join(c.itertext()).strip()
            if c.get(w("author")) == AUTHOR and _OWN_PREFIX.match(text):
                ids.add(c.get(w("id")))
                for p in c.iter(w("p")):
                    para_ids.update(v for k, v in p.attrib.items() if k.endswith("}" + _PARA_ID))
                c.getparent().remove(c)
        if not ids:
            return 0
        for part in story_parts(self.package):
            if part == self.name:
                continue
            root = self.package.xml(part)
            for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
                for el in list(root.iter(w(tag))):
                    if el.get(w("id")) not in ids:
                        continue
                    parent = el.getparent()
                    if tag == "commentReference" and parent.tag == w("r") and all(c.tag in (RPR, el.tag) for c in parent):
                        parent.getparent().remove(parent)
                    else:
                        parent.remove(el)
        for typ, target in self.package.relationships(self.package.main).values():
            if re.search(r"/comments(Extended|Ids|Extensible)$", typ) and self.package.has(target):
                root = self.package.xml(target)
                for el in list(root):
                    if any(k.endswith("}" + _PARA_ID) and v in para_ids for k, v in el.attrib.items()):
                        root.remove(el)
        return len(ids)

    def add(self, cid: int, lines: list[str]) -> None:
        c = etree.SubElement(self.root, w("comment"))
        c.set(w("id"), str(cid))
        c.set(w("author"), AUTHOR)
        c.set(w("date"), self.date)
        c.set(w("initials"), "DL")
        for i, line in enumerate(lines):
            p = etree.SubElement(c, w("p"))
            if i == 0:
                ref = etree.SubElement(p, w("r"))
                etree.SubElement(etree.SubElement(ref, RPR), w("rStyle")).set(w("val"), "CommentReference")
                etree.SubElement(ref, w("annotationRef"))
            r = etree.SubElement(p, w("r"))
            t = etree.SubElement(r, w("t"))
            t.set(XML_SPACE, "preserve")
            t.text = _xml_safe(line)

    def save(self) -> None:
        if self.created:
            if not len(self.root):
                return
            self.package.add_part(self.name, self.root)
            self.package.ensure_content_type(self.name, CT_COMMENTS)
            self.package.ensure_relationship(self.package.main, REL_COMMENTS, self.name)


def _xml_safe(text: str) -> str:
    return "".join(ch if ch in "\t\n\r" or ord(ch) >= 0x20 and ch not in "\ufffe\uffff" else "\ufffd" for ch in text)


def _free_name(package: EditablePackage, name: str) -> str:
    stem, ext = name.rsplit(".", 1)
    n = 1
    while package.has(name):
        n += 1
        name = f"{stem}{n}.{ext}"
    return name


def _reference_run(cid: int) -> etree._Element:
    r = etree.Element(w("r"))
    etree.SubElement(etree.SubElement(r, RPR), w("rStyle")).set(w("val"), "CommentReference")
    etree.SubElement(r, w("commentReference")).set(w("id"), str(cid))
    return r


def _marker(tag: str, cid: int) -> etree._Element:
    el = etree.Element(w(tag))
    el.set(w("id"), str(cid))
    return el


def _anchor_range(first: etree._Element, last: etree._Element, cid: int) -> None:
    first.addprevious(_marker("commentRangeStart", cid))
    end = _marker("commentRangeEnd", cid)
    last.addnext(end)
    end.addnext(_reference_run(cid))


def _anchor_paragraph(p: etree._Element, cid: int) -> None:
    p.insert(first_content_index(p), _marker("commentRangeStart", cid))
    p.append(_marker("commentRangeEnd", cid))
    p.append(_reference_run(cid))


def annotate_docx(data: bytes, path: str, findings: list[Finding], lang: str = "zh") -> tuple[bytes, AnnotateReport]:
    """The bytes of an annotated copy of ``data`` and how each finding was placed. ``findings``
    are those of linting ``data``: each block leads to its paragraph.

    Raises :class:`~draftlint.readers.ReadError` or :class:`EditError` when the package cannot be
    read or edited.
    """
    package = EditablePackage(data)
    report = AnnotateReport()
    by_block: dict[int, list[Finding]] = {}
    editors: dict[int, ParagraphEditor | str] = {}
    for f in sorted(findings, key=Finding.sort_key):
        block = f.block
        if block.part in NO_COMMENT_PARTS:
            report.summary.append((f, f"Word cannot hold comments in a {block.part}"))
            continue
        if block.index not in editors:
            try:
                editors[block.index] = ParagraphEditor(package, block)
            except EditError as exc:
                editors[block.index] = str(exc)
        editor = editors[block.index]
        if isinstance(editor, ParagraphEditor) and _hidden_copy(editor.p):
            report.duplicates.append(f)  # the Fallback copy of a text box, which Word does not show
        elif isinstance(editor, str) and editor == "the paragraph is not in this document":
            report.summary.append((f, editor))
        else:
            by_block.setdefault(block.index, []).append(f)
    # The editors hold their runs: a comment of an earlier run of this tool can go now.
    comments = _Comments(package)
    report.removed_old = comments.remove_own()
    comments = _Comments(package)
    next_id = max_annotation_id(package, story_parts(package) + [comments.name]) + 1

    for index, group in by_block.items():
        editor = editors[index]
        for f in group:
            cid, next_id = next_id, next_id + 1
            comments.add(cid, comment_text(f, lang))
            if isinstance(editor, ParagraphEditor) and f.start < f.end:
                try:
                    _anchor_range(editor.start(f.start), editor.end(f.end), cid)
                    report.exact.append(f)
                    continue
                except EditError as exc:
                    why = str(exc)
            else:
                why = editor if isinstance(editor, str) else "the finding has no width"
            if isinstance(editor, ParagraphEditor):
                _anchor_paragraph(editor.p, cid)
                report.paragraph.append((f, why))
            else:
                report.summary.append((f, why))

    if report.summary:
        head = (
            "[draftlint] Findings where Word cannot hold a comment:"
            if lang == "en"
            else "[draftlint] 以下问题所在位置无法添加批注："
        )
        lines = [head] + [
            f"{describe(f.block, 'docx', lang)}: [{f.rule}] {f.message.get(lang)} “{f.match}”" for f, _ in report.summary
        ]
        target = _first_body_paragraph(package)
        if target is not None:
            cid, next_id = next_id, next_id + 1
            comments.add(cid, lines)
            _anchor_paragraph(target, cid)
    comments.save()
    return package.to_bytes(), report


def _hidden_copy(p: etree._Element) -> bool:
    """Whether ``p`` is inside the Fallback of an ``mc:AlternateContent`` that has a Choice, a
    copy Word does not show."""
    for ancestor in p.iterancestors(MC_FALLBACK):
        if len(ancestor.getparent()) > 1:
            return True
    return False


def _first_body_paragraph(package: EditablePackage) -> etree._Element | None:
    """The first paragraph of the body that shows text (or the first at all), for the summary."""
    body = package.xml(package.main).find(w("body"))
    if body is None:
        return None
    first = None
    for p in body.iter(P):
        if _hidden_copy(p):
            continue
        first = first if first is not None else p
        if read_paragraph(p, Fields()).text.strip():
            return p
    return first


def annotated_name(path: str) -> str:
    """``草稿.docx`` → ``草稿.draftlint.docx``; a file read through LibreOffice gets a DOCX copy:
    ``草稿.doc`` → ``草稿.draftlint.docx``."""
    stem, dot, ext = path.rpartition(".")
    if not dot:
        return f"{path}.draftlint.docx"
    return f"{stem}.draftlint.{'docx' if ext.lower() in ('doc', 'wps', 'odt', 'rtf') else ext}"
