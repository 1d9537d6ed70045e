"""Word comments that say ``draftlint: ignore`` → :class:`~draftlint.model.Suppression` ranges.

A reviewer selects text in Word, adds a comment starting with ``draftlint: ignore`` (optionally
followed by rule ids) and the findings inside that selection are accepted. This module reads
``comments.xml`` and the ``w:commentRangeStart``/``w:commentRangeEnd`` markers of the main story
and maps them onto the blocks the DOCX reader produced, through each block's run ``segments``.

It walks the XML in the reader's order (paragraphs, table cells without vertically merged
continuations, text boxes after their paragraph, inserted text read, deleted text skipped,
one branch of ``mc:AlternateContent``) and counts ``w:r`` runs per paragraph the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..model import Block, Suppression
from ..suppression import comment_directive
from .errors import ReadError
from .ooxml import NS, Package

W = NS["w"]
_w = lambda tag: f"{{{W}}}{tag}"  # noqa: E731

_P, _R, _T, _TC = _w("p"), _w("r"), _w("t"), _w("tc")
_START, _END = _w("commentRangeStart"), _w("commentRangeEnd")
_ID = _w("id")
_SKIP = frozenset(_w(t) for t in ("del", "moveFrom", "pPr", "rPr", "sdtPr", "sdtEndPr", "instrText"))
_ALT = f"{{{NS['mc']}}}AlternateContent"
_CHOICE, _FALLBACK = f"{{{NS['mc']}}}Choice", f"{{{NS['mc']}}}Fallback"
_COMMENTS_REL = "/comments"
_FAR = 1 << 30


def directive_comments(package: Package, main: str) -> dict[str, tuple[str, ...]]:
    """``{comment id: rules}`` for the comments whose text starts with ``draftlint: ignore``."""
    out: dict[str, tuple[str, ...]] = {}
    for rel_type, target in package.relationships(main).values():
        if not rel_type.endswith(_COMMENTS_REL) or not package.has(target):
            continue
        for comment in package.xml(target).iter(_w("comment")):
            text = "\n".join("".join(t.text or "" for t in p.iter(_T)) for p in comment.iter(_P))
            rules = comment_directive(text)
            if rules is not None:
                out[comment.get(_ID, "")] = rules
    return out


@dataclass
class _Walk:
    candidates: list[Block]
    wanted: dict[str, tuple[str, ...]]
    paragraph: int = -1  # position in ``candidates`` of the paragraph being walked
    stack: list[list[int]] = field(default_factory=list)  # open paragraphs: [candidate, runs]
    starts: dict[str, tuple[int, int]] = field(default_factory=dict)  # id → (candidate, run)
    ends: dict[str, tuple[int, int]] = field(default_factory=dict)
    pending: list[str] = field(default_factory=list)  # starts seen between paragraphs

    def visit(self, el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _ALT:
                chosen = child.find(_CHOICE)
                chosen = chosen if chosen is not None else child.find(_FALLBACK)
                if chosen is not None:
                    self.visit(chosen)
            elif tag == _TC and _continuation(child):
                continue
            elif tag == _P:
                self.paragraph += 1
                mine = self.paragraph
                for cid in self.pending:
                    self.starts[cid] = (mine, 0)
                self.pending.clear()
                self.stack.append([mine, 0])
                self.visit(child)
                self.stack.pop()
            elif tag == _R:
                if self.stack:
                    self.stack[-1][1] += 1
                self.visit(child)
            elif tag == _START and child.get(_ID) in self.wanted:
                if self.stack:
                    self.starts[child.get(_ID)] = tuple(self.stack[-1])
                else:
                    self.pending.append(child.get(_ID))
            elif tag == _END and child.get(_ID) in self.wanted:
                if self.stack:
                    self.ends[child.get(_ID)] = tuple(self.stack[-1])
                else:
                    self.ends[child.get(_ID)] = (self.paragraph, _FAR)
            else:
                self.visit(child)


def _continuation(tc: etree._Element) -> bool:
    vmerge = tc.find(f"{_w('tcPr')}/{_w('vMerge')}")
    return vmerge is not None and vmerge.get(_w("val"), "continue") != "restart"


def _start_offset(block: Block, run: int) -> int:
    return next((s.start for s in block.segments if s.ref >= run), len(block.text))


def _end_offset(block: Block, runs_before: int) -> int:
    if runs_before >= _FAR:
        return len(block.text)
    ends = [s.end for s in block.segments if s.ref < runs_before]
    return max(ends) if ends else 0


def comment_suppressions(package: Package, main: str, bodies: list[etree._Element], blocks: list[Block]) -> list[Suppression]:
    """The suppressions the ``draftlint: ignore`` comments of the main story make.

    A damaged comments part costs only the suppressions, never the document's text."""
    try:
        wanted = directive_comments(package, main)
    except ReadError:
        return []
    if not wanted:
        return []
    candidates = [b for b in blocks if b.source_part == main and b.part in ("body", "table", "textbox")]
    walk = _Walk(candidates, wanted)
    for body in bodies:
        walk.visit(body)
    out: list[Suppression] = []
    for cid, rules in wanted.items():
        if cid not in walk.starts:
            continue
        sp, srun = walk.starts[cid]
        ep, erun = walk.ends.get(cid, (len(candidates) - 1, _FAR))
        if not (0 <= sp < len(candidates) and 0 <= ep < len(candidates)):
            continue
        first, last = candidates[sp], candidates[ep]
        out.append(
            Suppression(first.index, _start_offset(first, srun), last.index, _end_offset(last, erun), rules, first.line)
        )
    out.sort(key=lambda s: (s.block_start, s.offset_start))
    return out
