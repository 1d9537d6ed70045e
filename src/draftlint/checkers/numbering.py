"""The ``numbering`` kind: heading numbers that skip, repeat or go backwards.

Each numbering style (``一、``, ``（一）``, ``1.``, ``（1）``, ``第一章``…) keeps its own counter,
which a heading of a higher rank resets: ``（一）`` may start again under every ``一、``.
A number that starts a new list at 1 is always fine. Options: ``problem`` is one of
``skipped``, ``repeated``, ``order``, ``start`` (a list whose first number is not 1).
"""

from __future__ import annotations

from ..ruleset import Hit
from ..structure import Heading, int_to_chinese

PROBLEMS = ("skipped", "repeated", "order", "start")


def analyse(ctx) -> list[tuple[str, Heading, int | None]]:
    """``(problem, heading, previous value)`` for every numbering problem in the document."""
    problems: list[tuple[str, Heading, int | None]] = []
    counters: dict[str, int] = {}
    for heading in ctx.outline.items:
        num = heading.numbering
        if num is None:
            # A styled heading without a number still opens a new scope below it.
            for key in [k for k, v in counters.items() if _rank(ctx, k) > heading.rank]:
                del counters[key]
            continue
        style = num.style
        for key in list(counters):
            other = _rank(ctx, key)
            if other > style.rank and not _continuous(key):
                del counters[key]
        prev = counters.get(style.key)
        value = num.value
        if prev is None:
            if value != 1 and not style.continuous:
                problems.append(("start", heading, None))
        elif value == prev + 1 or value == 1:
            pass
        elif value == prev:
            problems.append(("repeated", heading, prev))
        elif value > prev + 1:
            problems.append(("skipped", heading, prev))
        else:
            problems.append(("order", heading, prev))
        counters[style.key] = value
    return problems


def _rank(ctx, key: str) -> int:
    from ..structure import _STYLE_BY_KEY

    return _STYLE_BY_KEY[key].rank


def _continuous(key: str) -> bool:
    from ..structure import _STYLE_BY_KEY

    return _STYLE_BY_KEY[key].continuous


def make(options: dict, scope: str):
    problem = options.pop("problem")
    if problem not in PROBLEMS:
        raise ValueError(f"problem must be one of {', '.join(PROBLEMS)}")
    if options:
        raise ValueError(f"unknown options {', '.join(options)}")

    def check(ctx):
        for kind, heading, prev in ctx.cached("numbering", lambda: analyse(ctx)):
            if kind != problem:
                continue
            num = heading.numbering
            block = heading.block
            text = block.text
            start = len(text) - len(text.lstrip(" \t\u3000"))
            end = len(text.rstrip())
            slots = {"label": num.label}
            if prev is not None:
                slots["previous"] = num.style.label(prev, num.label)
                slots["expected"] = num.style.label(prev + 1, num.label)
            else:
                slots["expected"] = num.style.label(1, num.label)
            yield Hit(block.index, start, max(end, start + 1), slots)

    return check
