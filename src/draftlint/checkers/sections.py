"""The ``sections`` kind: a heading kept but its body never written.

``problem: empty`` — a standalone heading directly followed by a heading of the same or a higher
rank (``（三）`` straight into ``（四）`` or ``二、``). ``problem: empty-last`` — the document ends on
a standalone heading. Numbered paragraphs that carry their own sentences are not headings here.
"""

from __future__ import annotations

from ..ruleset import Hit
from . import REQUIRED, one_of, read_options

PROBLEMS = ("empty", "empty-last")


def make(options: dict, scope: str):
    problem = one_of(read_options(options, problem=REQUIRED)["problem"], PROBLEMS)

    def check(ctx):
        outline = ctx.outline
        blocks = [b for b in ctx.blocks if b.part in ("body", "table") and b.text.strip()]
        for i, block in enumerate(blocks):
            heading = outline.by_block.get(block.index)
            if heading is None or not heading.standalone:
                continue
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            text = block.text
            start = len(text) - len(text.lstrip(" \t\u3000"))
            end = max(len(text.rstrip()), start + 1)
            if following is None:
                if problem == "empty-last":
                    yield Hit(block.index, start, end, {"heading": heading.title})
                continue
            nxt = outline.by_block.get(following.index)
            if problem == "empty" and nxt is not None and nxt.rank <= heading.rank:
                yield Hit(block.index, start, end, {"heading": heading.title, "next": nxt.title})

    return check
