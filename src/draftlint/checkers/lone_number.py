"""The ``lone-number`` kind: a page number left alone on a line by a copy from PDF or a web page.

A line that is only a number of one to three digits (optionally dashed, ``- 3 -``, or ``第3页``)
is page furniture, unless it sits between ``[`` and ``]`` lines (a footnote marker broken onto
its own line by an extraction), after a line ending in a Latin letter (the 2 of M2 or CO2) or in a table cell. A four-digit number (``2023``) is a year, a
title scrap, not a page number.
"""

from __future__ import annotations


from ..model import Hit
from .. import prebuilt

_NUMBER = prebuilt.compile(r"^[\s\u3000]*(?:[-—－]\s*)?(?:第\s*)?(?P<n>\d{1,3})(?:\s*页)?(?:\s*[-—－])?[\s\u3000]*$")
_OPEN = prebuilt.compile(r"[\[［【(（]\s*$")
_CLOSE = prebuilt.compile(r"^\s*[\]］】)）]")
_LATIN_END = prebuilt.compile(r"[A-Za-z]\s*$")


OPTIONS: dict = {}  # a rule file gives this kind no options


def make(options: dict, scope: str):
    def check(ctx):
        blocks = list(ctx.blocks_in_scope(scope))
        for i, block in enumerate(blocks):
            if block.part != "body":
                continue
            m = _NUMBER.match(block.text)
            if not m:
                continue
            before = blocks[i - 1].text if i > 0 else ""
            after = blocks[i + 1].text if i + 1 < len(blocks) else ""
            if _OPEN.search(before) or _CLOSE.match(after):
                continue  # [ / 1 / ] : a footnote reference split by an extraction
            if _LATIN_END.search(before):
                continue  # M / 2 : a subscript (M2, CO2) put on its own line by an extraction
            start = len(block.text) - len(block.text.lstrip())
            yield Hit(block.index, start, len(block.text.rstrip()))

    return check
