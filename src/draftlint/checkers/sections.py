"""The ``sections`` kind: a heading kept but its body never written.

``problem: empty`` — a standalone heading directly followed by a heading of the same or a higher
rank (``（三）`` straight into ``（四）`` or ``二、``). ``problem: empty-last`` — the document ends on
a standalone heading. Numbered paragraphs that carry their own sentences are not headings here.
``problem: announced`` — a paragraph that ends on a colon announces what follows (名单如下：,
主要有以下几个方面：), and the next thing is a heading (or a numbered paragraph that runs its
title into its text) of its own level or higher: what it announced was never written. A next
item numbered 一 or 1 starts the announced list itself (…办法如下：\n一、…). (At the end of a text a colon is as often a label whose attachment
or figure is kept apart: 附件：, 附图：.) A colon before a lower heading (its list) is fine, and so
is one before any heading ahead of the first (the document's opening announces its headings).
"""

from __future__ import annotations

from ..model import Hit
from . import REQUIRED, one_of

PROBLEMS = ("empty", "empty-last", "announced")
_ANNOUNCES = ("：", ":")


#: The options a rule file may give (``-`` for ``_``: ``min-chars``), with their defaults.
OPTIONS = dict(problem=REQUIRED)


def make(options: dict, scope: str):
    problem = one_of(options["problem"], PROBLEMS)

    def check(ctx):
        if problem == "announced":
            yield from _announced(ctx)
            return
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


def _announced(ctx):
    outline = ctx.outline
    blocks = [b for b in ctx.blocks if b.part == "body" and b.text.strip() and b.index not in outline.toc]
    level: float | None = None  # rank of the heading the current paragraph sits under
    for i, block in enumerate(blocks):
        heading = outline.by_block.get(block.index)
        if heading is not None:
            level = heading.rank
            if heading.standalone:
                continue
        text = block.text.rstrip()
        if level is None or not text.endswith(_ANNOUNCES):
            continue
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        nxt = outline.by_block.get(following.index) if following is not None else None
        starts_list = nxt is not None and nxt.numbering is not None and nxt.numbering.value == 1
        if nxt is not None and nxt.rank <= level and not starts_list:
            start = len(text) - len(text.lstrip(" \t\u3000"))
            yield Hit(block.index, start, len(text), {"next": nxt.title})
