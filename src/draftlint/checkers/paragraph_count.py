"""The ``paragraph-count`` kind: many small hits of one pattern, reported once per paragraph.

Damage such as pinyin glued after every character (``根據(jù)``) or half-width commas between
Chinese characters repeats dozens of times in one paragraph; one finding per paragraph, with
the count in ``{count}`` and the first hit in ``{first}``, is what a reader can act on. The
finding spans from the first hit to the last.

Options:
  ``pattern``     the regular expression (``regex`` module) of one hit;
  ``exceptions``  regexes searched in the same paragraph; a hit inside one of their matches is
                  dropped (as for the ``pattern`` kind);
  ``min-count``   fewest hits that make a finding (default 1);
  ``replace``     optional mapping hit text -> replacement; with it the finding carries a fix
                  that rewrites every hit of the span (a hit with no entry is removed);
  ``safe``        whether that fix is certain (default false).
"""

from __future__ import annotations


from .. import prefilter
from ..model import Fix
from ..model import Hit
from . import REQUIRED
from .pattern import Spans
from .. import prebuilt

_TIMEOUT_S = 2.0


#: The options a rule file may give (``-`` for ``_``: ``min-chars``), with their defaults.
OPTIONS = dict(pattern=REQUIRED, exceptions=(), min_count=1, replace=None, safe=False)


def make(options: dict, scope: str, timed: bool = True):
    pattern = prebuilt.compile(options["pattern"])
    needles = prefilter.required_literals(options["pattern"])  # text every hit's paragraph holds
    exceptions = [prebuilt.compile(e) for e in options["exceptions"]]
    min_count, replace, safe = int(options["min_count"]), options["replace"], bool(options["safe"])
    if replace is not None and not isinstance(replace, dict):
        raise ValueError("replace must be a mapping of hit text to replacement")

    limit = {"timeout": _TIMEOUT_S} if timed else {}

    def check(ctx):
        for block in ctx.blocks_containing(needles, scope, normal=False):
            text = block.text
            hits = [m for m in pattern.finditer(text, **limit) if m.end() > m.start()]
            if not hits:
                continue
            if exceptions:
                excluded = Spans([m.span() for e in exceptions for m in e.finditer(text, **limit)])
                hits = [m for m in hits if not excluded.contain(*m.span())]
            if len(hits) < min_count:
                continue
            start, end = hits[0].start(), hits[-1].end()
            fix = None
            if replace is not None:
                out, pos = [], start
                for m in hits:
                    out.append(text[pos : m.start()])
                    out.append(str(replace.get(m.group(), "")))
                    pos = m.end()
                out.append(text[pos:end])
                fix = Fix("".join(out), safe)
            slots = {"count": str(len(hits)), "first": hits[0].group()}
            yield Hit(block.index, start, end, slots, fix)

    return check
