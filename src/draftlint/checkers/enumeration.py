"""The ``enumeration`` kind: in-text counting (``一是…二是…三是``) that skips or repeats.

A count runs within a paragraph and carries over to following paragraphs that start with the next
item. ``一是`` always starts a new count. Options: ``problem`` is ``skipped`` or ``repeated``.
"""

from __future__ import annotations


from ..ruleset import Hit
from . import REQUIRED, one_of, read_options
from ..structure import chinese_to_int, int_to_chinese
from .. import prebuilt

_ITEM = prebuilt.compile(r"(?:^|(?<=[。；;：:，,！？!?\s\u3000]))(?P<n>[一二三四五六七八九十]{1,2})是(?![否非指为的])")
PROBLEMS = ("skipped", "repeated")


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
    return out


def make(options: dict, scope: str):
    problem = one_of(read_options(options, problem=REQUIRED)["problem"], PROBLEMS)

    def check(ctx):
        for kind, block, start, end, prev in ctx.cached("enumeration", lambda: analyse(ctx)):
            if kind == problem:
                yield Hit(block, start, end, {"previous": int_to_chinese(prev) + "是", "expected": int_to_chinese(prev + 1) + "是"})

    return check
