"""The ``unclosed-paragraph`` kind: a body paragraph of prose that stops mid-sentence.

A paragraph counts as prose when it is at least ``min-chars`` long and has sentence-internal
punctuation; it is cut when its last character is not closing punctuation. Headings, list items
ending in ``；``/``：`` and lines continued by a paragraph that starts with punctuation (a stray
line break from a bad extraction) are left alone.
"""

from __future__ import annotations

import regex

from ..ruleset import Hit

_CLOSERS = frozenset("。！？!?；;：:…”’」』）)》】〕>—-~～.．")
_INNER = regex.compile(r"[，,、；;。]")
_STARTS_WITH_PUNCT = regex.compile(r"^[\s\u3000]*[\p{P}&&[^“‘《（(【〔「『]]")


def make(options: dict, scope: str):
    min_chars = int(options.pop("min-chars", 20))
    if options:
        raise ValueError(f"unknown options {', '.join(options)}")

    def check(ctx):
        blocks = [b for b in ctx.blocks if b.text.strip()]
        for i, block in enumerate(blocks):
            if block.part not in ("body", "table", "textbox", "footnote", "endnote"):
                continue
            text = block.text.rstrip(" \t\u3000\n")
            if len(text) < min_chars or text[-1] in _CLOSERS or not _INNER.search(text):
                continue
            if ctx.is_heading(block):
                continue
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if nxt is not None and nxt.part == block.part and _STARTS_WITH_PUNCT.match(nxt.text):
                continue  # the text goes on in the next block: a stray line break, not a cut
            if nxt is not None and nxt.part == block.part and len(nxt.text.strip()) <= 12:
                after = blocks[i + 2] if i + 2 < len(blocks) else None
                if after is not None and _STARTS_WITH_PUNCT.match(after.text):
                    continue
            tail_start = max(0, len(text) - 6)
            yield Hit(block.index, tail_start, len(text), {"tail": text[tail_start:]})

    return check
