"""The ``numbering`` kind: heading numbers that skip, repeat or go backwards.

Each numbering style (``一、``, ``（一）``, ``1.``, ``（1）``, ``第一章``…) keeps its own counter,
which a heading of a higher rank resets: ``（一）`` may start again under every ``一、``.
A number that starts a new list at 1 is always fine, and so is one that goes on from where the
same style stopped under the previous parent (rules whose items are numbered on through their
chapters). Options: ``problem`` is one of
``skipped``, ``repeated``, ``order``, ``start`` (a list whose first number is not 1).
"""

from __future__ import annotations

from ..model import Hit
from . import REQUIRED, one_of
from ..structure import STYLE_BY_KEY, Heading

PROBLEMS = ("skipped", "repeated", "order", "start")


def analyse(ctx) -> list[tuple[str, Heading, int | None]]:
    """``(problem, heading, previous value)`` for every numbering problem in the document.

    Each style keeps a stack of open lists: ``1`` opens a nested list of the same style, and a
    number that continues an outer list closes the inner ones (``四、`` ``一、二、三、`` ``五、``).
    """
    problems: list[tuple[str, Heading, int | None]] = []
    lists: dict[str, list[int]] = {}  # style key -> last value of each open list, outermost first
    ranks: dict[str, float] = {}  # the rank each style has in this document
    closed: dict[str, int] = {}  # style key -> last value of its list under the previous parent
    first_text = next((b.index for b in ctx.blocks if b.text.strip()), None)
    for heading in ctx.outline.items:
        num = heading.numbering
        # A heading opens a new scope: lists of the styles nested below it start again.
        for key in [k for k in lists if ranks[k] > heading.rank and not STYLE_BY_KEY[k].continuous]:
            closed[key] = lists.pop(key)[0]
        if num is None:
            continue
        style, value = num.style, num.value
        ranks[style.key] = heading.rank
        stack = lists.setdefault(style.key, [])
        if not stack:
            # items numbered on across chapters (第二章 then 四、 after the 三、 of 第一章) continue
            # a text that opens on a numbered item is an excerpt of a longer document: where its
            # numbering started cannot be told
            if (value != 1 and not style.continuous and value != closed.get(style.key, -1) + 1
                    and heading.block.index != first_text):
                problems.append(("start", heading, None))
            stack.append(value)
            continue
        outer = next((i for i in range(len(stack) - 2, -1, -1) if stack[i] + 1 == value), None)
        prev = stack[-1]
        if value == prev + 1:
            stack[-1] = value
        elif value == 1:
            stack.append(value)  # a new list nested in this one
        elif outer is not None:
            del stack[outer + 1 :]
            stack[-1] = value
        else:
            kind = "repeated" if value == prev else ("skipped" if value > prev else "order")
            problems.append((kind, heading, prev))
            stack[-1] = value
    return problems


#: The options a rule file may give (``-`` for ``_``: ``min-chars``), with their defaults.
OPTIONS = dict(problem=REQUIRED)


def make(options: dict, scope: str):
    problem = one_of(options["problem"], PROBLEMS)

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
