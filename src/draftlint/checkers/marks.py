"""The ``marks`` kind: spans the reader marked, such as a content control still showing its prompt.

Options: ``kinds``, the mark kinds to report (``placeholder-prompt``, ``merge-field``).
"""

from __future__ import annotations

from ..model import Hit
from . import REQUIRED


#: The options a rule file may give (``-`` for ``_``: ``min-chars``), with their defaults.
OPTIONS = dict(kinds=REQUIRED)


def make(options: dict, scope: str):
    kinds = options["kinds"]
    if not isinstance(kinds, list) or not kinds:
        raise ValueError("kinds must be a non-empty list")
    wanted = frozenset(kinds)

    def check(ctx):
        for block in ctx.blocks_in_scope(scope):
            for mark in block.marks:
                if mark.kind in wanted:
                    yield Hit(block.index, mark.start, mark.end)

    return check
