"""The ``unclosed-paragraph`` kind: a body paragraph of prose that stops mid-sentence where a
cut shows: at the end of the text, or right before the next heading.

A paragraph counts as prose when it is at least ``min-chars`` long and has sentence-internal
punctuation; it is cut when its last character is not closing punctuation. Left alone:

* headings, the document's first line (its title), datelines and table rows;
* a line continued by the next one (the next starts with punctuation or is a short piece without
  sentence punctuation, or the line ends on an opening quote or bracket): a stray line break;
* documents where such lines are common (more than ``max-share`` of prose paragraphs): those
  were hard-wrapped or extracted with line breaks, and every line would be reported.
"""

from __future__ import annotations

import regex

from ..model import Hit
from .. import prebuilt

_CLOSERS = frozenset("。！？!?；;：:…”’」』）)》】〕>—-~～.．")
_OPENERS = frozenset("“‘《（(【〔「『")
_INNER = prebuilt.compile(r"[，,、；;。]")
_STARTS_WITH_PUNCT = prebuilt.compile(r"^[\s\u3000\u200b]*[\p{P}&&[^“‘《（(【〔「『]]")
_DATELINE = prebuilt.compile(r"^[\s\u3000]*(?:\d{4}|[〇○零一二三四五六七八九]{4})年")


def _is_split_out(text: str) -> bool:
    """A short piece with no sentence punctuation: link text cut out of the sentence around it."""
    core = text.strip(" \t\u3000\u200b")
    return len(core) <= 12 and not regex.search(r"[。！？!?；;：:]", core)


#: The options a rule file may give (``-`` for ``_``: ``min-chars``), with their defaults.
OPTIONS = dict(min_chars=20, max_share=0.1)


def make(options: dict, scope: str):
    min_chars, max_share = int(options["min_chars"]), float(options["max_share"])

    def check(ctx):
        blocks = [b for b in ctx.blocks if b.text.strip(" \t\u3000\u200b")]
        hits: list[Hit] = []
        prose = 0
        for i, block in enumerate(blocks):
            if block.part not in ("body", "table", "textbox", "footnote", "endnote") or i == 0:
                continue
            text = block.text.rstrip(" \t\u3000\n\u200b")
            if len(text) < min_chars or not _INNER.search(text) or ctx.is_heading(block):
                continue
            prose += 1
            if text[-1] in _CLOSERS or text[-1] in _OPENERS:
                continue
            if _DATELINE.match(text) or text.count("|") >= 2:
                continue
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if nxt is not None and nxt.part == block.part and _STARTS_WITH_PUNCT.match(nxt.text):
                continue  # the sentence goes on in the next block
            if nxt is not None and nxt.part == block.part and not ctx.outline.by_block.get(nxt.index) and _is_split_out(nxt.text):
                continue  # a link or note split out of the sentence ("…所作的" / "政府工作报告" / "。会议…")
            # Only where a cut shows: the text ends here, or the next section begins right after.
            # Elsewhere an unpunctuated line is as likely a run-in subheading as a cut.
            if nxt is not None and nxt.part == block.part and not ctx.outline.by_block.get(nxt.index):
                continue
            tail_start = max(0, len(text) - 6)
            hits.append(Hit(block.index, tail_start, len(text), {"tail": text[tail_start:]}))
        if len(hits) > max(2, prose * max_share):
            return  # a hard-wrapped or badly extracted text: line breaks everywhere, not cuts
        yield from hits

    return check
