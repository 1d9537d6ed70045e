"""The ``sentence-start`` kind: words that cannot begin a sentence, where one begins.

A sentence that starts with 等 (``等支柱产业发展迅速``) lost the names listed before it. The
pattern is searched in the block's normalised view and a hit counts only at the start of a
sentence: after 。！？； inside the block, or at the start of a block whose previous block in the
same part ends a sentence (or is empty, a heading, or absent). A line that starts with 等
because a copy from PDF hard-wrapped the text (``浪费\\n等现象``) is the middle of a sentence.

Options:
  ``pattern``  the regular expression (``regex`` module) matched at the start of a sentence;
               a group named ``match`` is reported if there is one.
"""

from __future__ import annotations

from ..model import Hit
from . import REQUIRED
from .. import prebuilt, prefilter

_TIMEOUT_S = 2.0
#: Where a block ends a sentence, so that the next block starts one.
_ENDS_SENTENCE = prebuilt.compile(r"(?:[。！？!?；;：:…」』”’）)\]】]|^)[\s\u3000]*$")

OPTIONS = dict(pattern=REQUIRED)


def make(options: dict, scope: str, timed: bool = True):
    pattern = prebuilt.compile(options["pattern"])
    group = "match" if "match" in pattern.groupindex else 0
    # one search per block: the pattern where a sentence starts (the groups keep their names)
    at_start = prebuilt.compile(rf"(?:^|(?<=[。！？!?；;]))[\s\u3000]*\K(?:{options['pattern']})")
    needles = prefilter.required_literals(options["pattern"])  # text every hit's block holds
    limit = {"timeout": _TIMEOUT_S} if timed else {}

    def check(ctx):
        candidates = {b.index for b in ctx.blocks_containing(needles, scope)}
        if not candidates:
            return
        previous: dict[str, object] = {}  # part -> the block before, in that part
        for block in ctx.blocks_in_scope(scope):
            before = previous.get(block.part)
            previous[block.part] = block
            if block.index not in candidates:
                continue
            view = ctx.normal(block)
            text = view.text
            for m in at_start.finditer(text, **limit):
                if m.end(group) <= m.start(group):
                    continue
                if not text[: m.start()].strip(" \t\u3000"):  # the block's start: a sentence's?
                    if not (before is None or ctx.is_heading(before) or _ENDS_SENTENCE.search(before.text)):
                        continue
                start, end = view.span(*m.span(group))
                yield Hit(block.index, start, end)

    return check
