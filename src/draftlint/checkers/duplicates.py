"""The ``duplicates`` kind: a paragraph, or a sentence, that says again what was already said.

``unit: paragraph`` reports a paragraph of at least ``min-chars`` characters whose text (spaces
ignored) equals one of the ``window`` paragraphs before it in the same section (laws repeat whole articles from one
chapter to the next on purpose), unless it is a list item (（三）…) or mostly not Chinese; ``{first}`` is the line of the first one.
``unit: sentence`` reports a sentence (ended by 。！？) of at least ``min-chars`` characters
that already appeared in the same section within the last ``window`` paragraphs (default 3):
a copy-paste slip, not a refrain of a long report. Repeated paragraphs are DU001's. A paragraph that is a cut-off copy of the next one is TR005's
finding and is skipped here.
"""

from __future__ import annotations


from ..model import Hit
from . import REQUIRED, one_of
from .. import prebuilt

_SPACE = prebuilt.compile(r"[\s\u3000\u200b-\u200d\ufeff]+")
# Starts only where a sentence can start (linear on a long paragraph without an end mark).
_SENTENCE = prebuilt.compile(r"(?<![^。！？!?])[^。！？!?]+[。！？!?]")
_LIST_ITEM = prebuilt.compile(r"^[\s\u3000]*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.、．])")
_HAN = prebuilt.compile(r"\p{Han}")
_END_MARKS = prebuilt.compile(r"[。！？!?]")
_END_MARKS_OR_NUL = prebuilt.compile(r"[。！？!?\x00]")
_TRAILING = " \t\u3000。，、；：,;:.!?！？…"


def _norm(text: str) -> str:
    return _SPACE.sub("", text)


def _cut_copies(blocks) -> set[int]:
    """Blocks that repeat the beginning of the next block and stop (TR005's finding)."""
    out = set()
    for block, nxt in zip(blocks, blocks[1:]):
        stem = block.text.strip().rstrip(_TRAILING)
        if stem and nxt.text.strip().startswith(stem) and len(nxt.text.strip()) > len(stem) + 1:
            out.add(block.index)
    return out


def _norms(ctx) -> list[str]:
    """Every block's text without spaces, from one substitution over the joined text."""

    def compute() -> list[str]:
        joined = "\x00".join(b.text for b in ctx.blocks)
        if joined.count("\x00") != len(ctx.blocks) - 1:  # a block holding NUL itself
            return [_norm(b.text) for b in ctx.blocks]
        return _norm(joined).split("\x00")

    return ctx.cached("duplicates.norms", compute)


def _repeated_paragraphs(blocks, norms: list[str], min_chars: int, section_of, window: int) -> dict[int, int]:
    """Block index -> index of the earlier block it repeats."""
    long_enough = [norms[b.index] for b in blocks if len(norms[b.index]) >= min_chars]
    if len(set(long_enough)) == len(long_enough):
        return {}  # no two paragraphs alike anywhere: nothing to place in sections and windows
    first: dict[tuple, int] = {}
    repeats: dict[int, int] = {}
    for position, block in enumerate(blocks):
        text = norms[block.index]
        if len(text) < min_chars:
            continue
        key = (section_of(block.index), text)
        seen = first.get(key)
        if seen is None or position - seen[1] > window:
            first[key] = (block.index, position)
            continue
        # Same text as an earlier block: only now is it worth asking whether it counts (the two
        # blocks are equal, so the answer holds for both).
        if _LIST_ITEM.match(block.text) or (len(text) - len(_HAN.sub("", text))) * 2 < len(text):
            continue
        repeats[block.index] = seen[0]
    return repeats


def _may_repeat_sentences(blocks, norms: list[str], min_chars: int) -> bool:
    """Whether any sentence of ``blocks`` could repeat: the pieces of their spaceless text between
    end marks hold every sentence's key less its mark, so when no piece long enough repeats
    anywhere, no sentence repeats within a section's window either."""
    texts = [norms[b.index] for b in blocks]
    joined = "\x00".join(texts)
    if joined.count("\x00") == len(texts) - 1:  # one split for the document, NUL between blocks
        parts = _END_MARKS_OR_NUL.split(joined)
    else:  # a block holding NUL itself
        parts = [p for t in texts for p in _END_MARKS.split(t)]
    pieces = [p for p in parts if len(p) >= min_chars - 1]
    return len(set(pieces)) != len(pieces)


#: The options a rule file may give (``-`` for ``_``: ``min-chars``), with their defaults.
OPTIONS = dict(unit=REQUIRED, min_chars=15, window=3)


def make(options: dict, scope: str):
    unit = one_of(options["unit"], ("paragraph", "sentence"), "unit")
    min_chars, window = int(options["min_chars"]), int(options["window"])

    def check(ctx):
        blocks = [b for b in ctx.blocks_in_scope(scope) if b.text.strip() and not ctx.is_heading(b)]
        norms = _norms(ctx)
        repeats = _repeated_paragraphs(blocks, norms, min_chars, ctx.outline.heading_path, window)
        if unit == "paragraph":
            for block in blocks:
                if block.index in repeats:
                    start = len(block.text) - len(block.text.lstrip())
                    first = ctx.blocks[repeats[block.index]]
                    yield Hit(block.index, start, len(block.text.rstrip()), {"first": str(first.line)})
            return
        if not _may_repeat_sentences(blocks, norms, min_chars):
            return
        skip = set(repeats) | _cut_copies(blocks)
        seen: dict[tuple, int] = {}
        for position, block in enumerate(blocks):
            section = ctx.outline.heading_path(block.index)
            for m in _SENTENCE.finditer(block.text):
                key = _norm(m.group())
                if len(key) < min_chars:
                    continue
                where = (section, key)
                if where in seen and block.index not in skip and position - seen[where][1] <= window:
                    first = ctx.blocks[seen[where][0]]
                    yield Hit(block.index, m.start(), m.end(), {"first": str(first.line)})
                    break  # one finding per paragraph
                else:
                    seen[where] = (block.index, position)

    return check
