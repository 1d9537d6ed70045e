"""The ``pattern`` kind: a regular expression (``regex`` module) with exceptions.

If the pattern has a group named ``match`` its span is reported, otherwise the whole match.
An exception is a regex searched in the same block: a hit that lies inside an exception's match
is dropped. A block exception drops every hit in a block it matches.

Patterns search the block's normalised view (:mod:`draftlint.normalise`: simplified script,
ASCII letters and digits, no spaces inside Chinese text) and report the original characters
their match came from; ``view: original`` searches the text as written (rules about spaces or
the width of characters). A fix is kept only where the view and the original agree on the
matched text, so a replacement never swallows what the view left out.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Iterator

import regex

from .. import prefilter, prebuilt
from ..model import Fix
from ..model import Hit

# Time budget for one search over one block, so a pathological pattern cannot hang a run; a
# block of a million characters gets one second more, so size alone never trips it.
MATCH_TIMEOUT_S = 2.0
_TIMEOUT_PER_CHAR_S = 1e-6


class Spans:
    """Spans (exception matches) asked "does one of you contain this span?" in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans.sort()
        self.starts = [s for s, _ in spans]
        self.reach: list[int] = []  # the furthest end among spans starting at or before each one
        far = -1
        for _, e in spans:
            far = max(far, e)
            self.reach.append(far)

    def contain(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start)
        return i > 0 and self.reach[i - 1] >= end


class MatchTimeout(Exception):
    """A search ran past :data:`MATCH_TIMEOUT_S` in one block; the engine names the rule."""

    def __init__(self, block: int, seconds: float):
        super().__init__(f"a search took longer than {seconds:.3g} s (catastrophic backtracking?)")
        self.block = block


class PatternError(ValueError):
    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key = key


def _compile(key: str, source: str) -> "regex.Pattern[str]":
    try:
        return prebuilt.compile(source, regex.UNICODE)
    except regex.error as exc:
        raise PatternError(key, f"{exc} in {source!r}") from None


class PatternChecker:
    def __init__(
        self, pattern: str, exceptions: list[str], block_exceptions: list[str], scope: str, fix: Fix | None,
        timed: bool = True, view: str = "normal",
    ):
        self.regex = _compile("pattern", pattern)
        self.exceptions = [_compile("exceptions", e) for e in exceptions]
        self.block_exceptions = [_compile("block-exceptions", e) for e in block_exceptions]
        self.scope = scope
        self.fix = fix
        self.group = "match" if "match" in self.regex.groupindex else 0
        # Text one of which every block this pattern can match in contains (None: unknown).
        self.needles = prefilter.required_literals(pattern)
        self.timed = timed  # False only for draftlint's own rules, proven linear by the tests
        self.normal = view == "normal"

    def __call__(self, ctx) -> Iterator[Hit]:
        limit: dict = {}  # draftlint's own patterns search untimed (see ``timed``)
        for block in ctx.blocks_containing(self.needles, self.scope, self.normal):
            view = ctx.normal(block) if self.normal else None
            text = view.text if view is not None else block.text
            if not text:
                continue
            budget = MATCH_TIMEOUT_S + len(text) * _TIMEOUT_PER_CHAR_S
            if self.timed:
                limit = {"timeout": budget}
            try:
                matches = list(self.regex.finditer(text, **limit))
                if not matches:
                    continue
                if any(b.search(text, **limit) for b in self.block_exceptions):
                    continue
                excluded = None
                if self.exceptions:
                    excluded = Spans([m.span() for e in self.exceptions for m in e.finditer(text, **limit)])
            except TimeoutError:
                raise MatchTimeout(block.index, budget) from None
            for m in matches:
                start, end = m.span(self.group)
                if start < 0 or start == end:
                    continue
                if excluded is not None and excluded.contain(start, end):
                    continue
                fix = None
                same = True
                if view is not None:
                    start, end = view.span(start, end)
                    whole = view.span(*m.span())
                    same = block.text[whole[0] : whole[1]] == m.group()
                if self.fix is not None and same:
                    fix = Fix(m.expand(self.fix.replacement), self.fix.safe)
                yield Hit(block.index, start, end, {}, fix)
