"""The ``stray-fragment`` kind: scraps of a split title standing on their own lines.

A line of ``min-chars`` to ``max-chars`` characters with no punctuation, whose text reappears in
one of the next few lines, is a fragment left behind when a title was broken apart
(``2023`` / ``在党`` / ``工作会议`` before ``在党的群团工作会议上的讲话``). A piece that the line
before runs into (it ends on a Chinese character, a quote or bracket, or a comma), or that punctuation
continues after, is link text split out of a sentence, not a scrap.
"""

from __future__ import annotations

import regex

from ..model import Hit
from .. import prebuilt

_PUNCT = prebuilt.compile(r"[\p{P}\p{S}]")


#: The options a rule file may give (``-`` for ``_``: ``min-chars``), with their defaults.
OPTIONS = dict(min_chars=2, max_chars=4, window=4)


def make(options: dict, scope: str):
    min_chars, max_chars, window = int(options["min_chars"]), int(options["max_chars"]), int(options["window"])

    def is_fragment(text: str) -> bool:
        return min_chars <= len(text) <= max_chars and not _PUNCT.search(text) and not text.isspace()

    def check(ctx):
        blocks = [b for b in ctx.blocks if b.part == "body" and b.text.strip()]
        for i, block in enumerate(blocks):
            text = block.text.strip()
            if not is_fragment(text) or ctx.outline.by_block.get(block.index) is not None:
                continue
            before = blocks[i - 1].text.rstrip(" \t\u3000\u200b") if i > 0 else ""
            after = blocks[i + 1].text.lstrip(" \t\u3000\u200b") if i + 1 < len(blocks) else ""
            if before and not is_fragment(before.strip()) and regex.match(r"[\p{Han}\p{Ps}\p{Pi}\p{Pe}\p{Pf}，、：；,:;]", before[-1]):
                continue  # the sentence before runs on through it: link text split out, not a scrap
            if after and regex.match(r"[\p{Pe}\p{Pf}，。、；：,.;:]", after[0]):
                continue  # the sentence goes on after it (…《 / 修养 / 》…)
            # The first two real lines after the run of fragments, within the window.
            j = i + 1
            while j < len(blocks) and j <= i + window and is_fragment(blocks[j].text.strip()):
                j += 1
            later = [b.text for b in blocks[j : j + 2]]
            if any(text in other for other in later):
                start = len(block.text) - len(block.text.lstrip())
                yield Hit(block.index, start, start + len(text))

    return check
