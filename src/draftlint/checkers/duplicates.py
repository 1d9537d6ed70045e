"""The ``duplicates`` kind: a paragraph, or a sentence, that says again what was already said.

``unit: paragraph`` reports a paragraph of at least ``min-chars`` characters whose text (spaces
ignored) equals an earlier paragraph's; ``{first}`` is the line of the first one.
``unit: sentence`` reports a sentence (ended by 。！？；) of at least ``min-chars`` characters
that already appeared earlier in the same section (under the same headings), in another place
than a repeated paragraph. A paragraph that is a cut-off copy of the next one is TR005's
finding and is skipped here.
"""

from __future__ import annotations

import regex

from ..ruleset import Hit

_SPACE = regex.compile(r"[\s\u3000\u200b-\u200d\ufeff]+")
_SENTENCE = regex.compile(r"[^。！？；!?;]+[。！？；!?;]")
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


def _repeated_paragraphs(blocks, min_chars: int) -> dict[int, int]:
    """Block index -> index of the earlier block it repeats."""
    first: dict[str, int] = {}
    repeats: dict[int, int] = {}
    for block in blocks:
        key = _norm(block.text)
        if len(key) < min_chars:
            continue
        if key in first:
            repeats[block.index] = first[key]
        else:
            first[key] = block.index
    return repeats


def make(options: dict, scope: str):
    unit = options.pop("unit")
    min_chars = int(options.pop("min-chars", 15))
    if unit not in ("paragraph", "sentence"):
        raise ValueError("unit must be paragraph or sentence")
    if options:
        raise ValueError(f"unknown options {', '.join(options)}")

    def check(ctx):
        blocks = [b for b in ctx.blocks_in_scope(scope) if b.text.strip() and not ctx.is_heading(b)]
        repeats = _repeated_paragraphs(blocks, min_chars)
        if unit == "paragraph":
            for block in blocks:
                if block.index in repeats:
                    start = len(block.text) - len(block.text.lstrip())
                    first = ctx.blocks[repeats[block.index]]
                    yield Hit(block.index, start, len(block.text.rstrip()), {"first": str(first.line)})
            return
        skip = set(repeats) | _cut_copies(blocks)
        seen: dict[tuple, int] = {}
        for block in blocks:
            section = ctx.outline.heading_path(block.index)
            for m in _SENTENCE.finditer(block.text):
                key = _norm(m.group())
                if len(key) < min_chars:
                    continue
                where = (section, key)
                if where in seen and block.index not in skip:
                    first = ctx.blocks[seen[where]]
                    yield Hit(block.index, m.start(), m.end(), {"first": str(first.line)})
                else:
                    seen.setdefault(where, block.index)

    return check
