"""The ``required-sections`` kind: a kind of document must contain certain sections.

What is required comes from the configuration (``required-sections``), not from the rule file:
each document kind names the files it applies to (``files``: globs on the file name) and/or a
``title`` (a regular expression searched in the first non-empty paragraph), and lists
``sections``: regular expressions of which every one must match the title of some heading or
numbered paragraph (``二、存在的问题和不足``). A document may be of several kinds. Without
configuration the rule reports nothing. No options.
"""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import PurePath

import regex

from ..model import Hit
from ..settings import RequiredKind
from .pattern import MATCH_TIMEOUT_S, MatchTimeout


def _search(pattern: str, text: str, block: int) -> bool:
    """Whether a pattern from the configuration matches ``text``, within the time limit every
    pattern a user writes gets (a runaway one stops this rule, naming it, not the run)."""
    try:
        return regex.search(pattern, text, timeout=MATCH_TIMEOUT_S) is not None
    except TimeoutError:
        raise MatchTimeout(block, MATCH_TIMEOUT_S) from None


def kinds_of(document, required: tuple[RequiredKind, ...]) -> list[RequiredKind]:
    """The configured kinds ``document`` belongs to, by file name or title."""
    name = PurePath(document.path).name
    first = next((b for b in document.blocks if b.text.strip()), None)
    title = first.text.strip() if first is not None else ""
    return [
        kind for kind in required
        if any(fnmatch(name, g) for g in kind.files) or (kind.title and title and _search(kind.title, title, first.index))
    ]


OPTIONS: dict = {}  # a rule file gives this kind no options


def make(options: dict, scope: str):
    def check(ctx):
        required = ctx.settings.required_sections
        if not required or not ctx.blocks:
            return
        kinds = kinds_of(ctx.document, required)
        if not kinds:
            return
        titles = [h.title for h in ctx.outline.items]
        first = next((b for b in ctx.blocks if b.text.strip()), None)
        if first is None:
            return
        text = first.text
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        for kind in kinds:
            missing = [p for p in kind.sections if not any(_search(p, t, first.index) for t in titles)]
            if missing:  # one finding per kind, naming every missing section (one span, one finding)
                yield Hit(first.index, start, max(end, start), {"kind": kind.name, "section": "」「".join(missing)})

    return check
