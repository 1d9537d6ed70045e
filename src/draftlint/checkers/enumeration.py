"""The ``enumeration`` kind: in-text counting (``一是…二是…三是``) that skips or repeats.

A count runs within a paragraph and carries over to following paragraphs that start with the next
item. ``一是`` always starts a new count. Options: ``problem`` is ``skipped``, ``repeated`` or
``start`` (a count that opens at 二是 or later: its first item is missing).
"""

from __future__ import annotations


from ..model import Hit
from . import REQUIRED, one_of
from ..structure import chinese_to_int, int_to_chinese
from .. import prebuilt

_ITEM = prebuilt.compile(r"(?:^|(?<=[。；;：:，,！？!?\s\u3000]))(?P<n>[一二三四五六七八九十]{1,2})是(?![否非指为的])")
PROBLEMS = ("skipped", "repeated", "start")
# Any 一是 counts as an earlier item when deciding whether a count lacks its start, even one run
# into its subject (二被告一是已…), which _ITEM does not take as an item.
# 首先, 其一 and 第一， open a count as well (首先要…，二是…).
_ANY_ITEM = prebuilt.compile(r"(?P<n>[一二三四五六七八九十]{1,2})是|首先|其一|第一[，,、]")


def analyse(ctx) -> list[tuple[str, int, int, int, int]]:
    """``(problem, block, start, end, previous value)`` for every problem."""
    out = []
    prev: int | None = None
    for block in ctx.blocks:
        if not block.text.strip():
            continue
        items = list(_ITEM.finditer(block.text))
        starts_with_item = bool(items) and items[0].start() <= len(block.text) - len(block.text.lstrip(" \t\u3000"))
        if not starts_with_item:
            prev = None  # a paragraph that does not continue the count ends it
        for m in items:
            value = chinese_to_int(m.group("n"))
            if value is None:
                continue
            if value == 1 or prev is None:
                prev = value
                continue
            if value == prev:
                out.append(("repeated", block.index, m.start(), m.end(), prev))
            elif value > prev + 1:
                out.append(("skipped", block.index, m.start(), m.end(), prev))
            prev = value
    return out + _starts(ctx)


def _starts(ctx) -> list[tuple[str, int, int, int, int]]:
    """Counts whose first item is 二是 or later: no smaller item since the last heading (items
    often have paragraphs of their own between them, so distance alone says nothing). One pass:
    only the smallest item seen so far matters."""
    out = []
    lowest: int | None = None  # the smallest item since the last heading
    for block in ctx.blocks:
        if ctx.is_heading(block):
            lowest = None
            continue
        loose = [(m.start(), chinese_to_int(m.group("n")) if m.group("n") else 1) for m in _ANY_ITEM.finditer(block.text)]
        k = 0
        for m in _ITEM.finditer(block.text):
            value = chinese_to_int(m.group("n"))
            if value is None:
                continue
            while k < len(loose) and loose[k][0] < m.start():
                lowest = _least(lowest, loose[k][1])
                k += 1
            if value > 1 and (lowest is None or lowest >= value):
                out.append(("start", block.index, m.start(), m.end(), 0))
            lowest = _least(lowest, value)
        for _, v in loose[k:]:
            lowest = _least(lowest, v)
    return out


def _least(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else min(a, b)


#: The options a rule file may give (``-`` for ``_``: ``min-chars``), with their defaults.
OPTIONS = dict(problem=REQUIRED)


def make(options: dict, scope: str):
    problem = one_of(options["problem"], PROBLEMS)

    def check(ctx):
        for kind, block, start, end, prev in ctx.cached("enumeration", lambda: analyse(ctx)):
            if kind == problem:
                previous = int_to_chinese(prev) + "是" if prev else ""
                yield Hit(block, start, end, {"previous": previous, "expected": int_to_chinese(prev + 1) + "是"})

    return check
