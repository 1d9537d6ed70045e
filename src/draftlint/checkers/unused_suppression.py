"""The ``unused-suppression`` kind: a ``draftlint: ignore`` that silenced nothing.

The engine runs this kind after every other rule and after suppressions were applied, and hands
it the suppressions that matched no finding (``ctx.unused_suppressions``). No options.
"""

from __future__ import annotations

from ..model import Hit

OPTIONS: dict = {}  # a rule file gives this kind no options


def make(options: dict, scope: str):
    def check(ctx):
        for s in ctx.unused_suppressions:
            index = s.line - 1
            if not 0 <= index < len(ctx.blocks):
                continue
            text = ctx.blocks[index].text
            if index == s.block_start:
                start = min(s.offset_start, len(text))
                end = min(s.offset_end if s.block_end == index else len(text), len(text))
            else:
                start = end = 0
            rules = ", ".join(s.rules)
            yield Hit(index, start, max(start, end), {"rules": rules or "*"})

    return check
