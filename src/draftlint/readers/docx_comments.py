"""Word comments that say ``draftlint: ignore`` → :class:`~draftlint.model.Suppression` ranges.

A reviewer selects text in Word, adds a comment starting with ``draftlint: ignore`` (optionally
followed by rule ids) and the findings inside that selection are accepted. The DOCX reader
notes, as it reads each paragraph, where every comment range starts and ends (block and offset,
see :mod:`.docx_paragraph`); this module reads ``comments.xml`` for the directives and turns the
ranges of those comments into suppressions.
"""

from __future__ import annotations

from ..model import Block, Suppression
from ..suppression import comment_directive
from .docx_paragraph import P, T, w
from .errors import ReadError
from .ooxml import Package

_COMMENTS_REL = "/comments"
_ID = w("id")


def directive_comments(package: Package, main: str) -> dict[str, tuple[str, ...]]:
    """``{comment id: rules}`` for the comments whose text starts with ``draftlint: ignore``."""
    out: dict[str, tuple[str, ...]] = {}
    for rel_type, target in package.relationships(main).values():
        if not rel_type.endswith(_COMMENTS_REL) or not package.has(target):
            continue
        for comment in package.xml(target).iter(w("comment")):
            text = "\n".join("".join(t.text or "" for t in p.iter(T)) for p in comment.iter(P))
            rules = comment_directive(text)
            if rules is not None:
                out[comment.get(_ID, "")] = rules
    return out


def comment_suppressions(
    package: Package, main: str, blocks: list[Block],
    starts: dict[str, tuple[int, int]], ends: dict[str, tuple[int, int]],
) -> list[Suppression]:
    """The suppressions the ``draftlint: ignore`` comments make: each from where its range starts
    to where it ends (``starts``/``ends``: comment id → (block index, offset), as read), or to
    the end of the main story when its end is missing.

    A damaged comments part costs only the suppressions, never the document's text."""
    if not starts:
        return []
    try:
        wanted = directive_comments(package, main)
    except ReadError:
        return []
    main_blocks = [b for b in blocks if b.source_part == main]
    out: list[Suppression] = []
    for cid, rules in wanted.items():
        if cid not in starts:
            continue
        first, offset = starts[cid]
        last, end = ends.get(cid, (main_blocks[-1].index, len(main_blocks[-1].text)) if main_blocks else (first, offset))
        if last < first:
            continue
        out.append(Suppression(first, offset, last, end, rules, blocks[first].line))
    out.sort(key=lambda s: (s.block_start, s.offset_start))
    return out
