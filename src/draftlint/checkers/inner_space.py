"""The ``inner-space`` kind: spaces inside a sentence of Chinese text, left by a copy from PDF.

A PDF keeps each line of a page apart; copied out and joined, its lines meet at a space, in the
middle of a word as often as between two (``县政 府``, ``工业 化``, ``历 史``). Chinese prose puts
no space between characters, so such a space in a sentence is damage, unless the layout means
it. Left alone (rules see the view without these spaces, :mod:`draftlint.normalise`, so this
kind reads the original text):

* a line that is not prose (no comma or full stop, fewer than 20 characters: a heading, a title
  such as ``第一章  总  则`` or ``说  明``, a signature) or that the outline takes for a heading;
* a space after the opening words of a line (a heading run into its text, ``第三条 本办法…``);
* a space beside a short run standing between spaces or at the line's end (a list of names, a
  spaced two-character name ``汤 枫``, a photo credit ``记者 陈明 摄``);
* a space before a unit (``投入 万元``: a figure left blank, FG002's) or after the name of an
  issuing body (``国务院办公厅 教育部关于…``, two bodies named jointly);
* a space between Chinese and a digit (``2025 年``), which Word puts there.

``problem: joined-lines`` reports a paragraph with ``min-spaces`` or more such spaces (the
pattern of lines joined); ``problem: stray`` one with fewer, a single slip (a finished text has
those too, so it is info).
"""

from __future__ import annotations

from itertools import islice

from ..model import Hit
from . import REQUIRED, one_of
from .. import prebuilt

_SPACE = prebuilt.compile(r"(?<=\p{Han})[ \u3000\u00a0]+(?=\p{Han})")
_DELIMITER = prebuilt.compile(r"[^\p{Han}\dA-Za-z]")
_PROSE = prebuilt.compile(r"[，。；,;]")
_HAN = prebuilt.compile(r"\p{Han}")
#: A run of characters at the start of a line that a heading or an article label begins with.
_LABEL = prebuilt.compile(
    r"^[\s\u3000]*(?:[(（]?[一二三四五六七八九十\d]+[)）、.．]|第[一二三四五六七八九十百零〇\d]+[章节条款编部分篇])?"
)
#: A space before a unit stands for a figure left blank (FG002's), not a join.
_UNITS = "万亿元人次件个名项户亩台辆吨%％"
#: How far a run is followed: a name or a list item is short, and anything longer is long.
_REACH = 40
#: Endings of an issuing body's name: bodies named together are set apart by a space.
_BODY_ENDS = ("厅", "局", "部", "委", "院", "办", "室", "会", "府", "处", "所", "中心", "组")


def _runs(text: str, start: int, end: int) -> tuple[int, int]:
    """The start of the run before ``start`` and the end of the run after ``end``: characters
    up to the nearest punctuation mark, space or line edge, looked for within ``_REACH``
    characters (a longer run is long, wherever it begins)."""
    window = max(0, start - _REACH)
    before = max((m.end() for m in _DELIMITER.finditer(text, window, start)), default=window)
    m = _DELIMITER.search(text, end, end + _REACH)
    return before, m.start() if m else min(len(text), end + _REACH)


def _meant(text: str, start: int, end: int, label_end: int) -> bool:
    """Whether the space at ``text[start:end]`` is layout a writer meant (see the module)."""
    left_start, right_end = _runs(text, start, end)
    left, right = text[left_start:start], text[end:right_end]
    if left_start <= label_end:
        return True  # the opening words of the line: a heading run into its text
    if len(right) <= 4 and (right_end == len(text) or text[right_end].isspace()):
        return True
    if len(left) <= 4 and text[left_start - 1].isspace():
        return True
    return right[:1] in _UNITS or left.endswith(_BODY_ENDS)


def spaces_in_sentences(text: str) -> list[tuple[int, int]]:
    """The spans of the spaces in ``text`` that break a sentence (see the module)."""
    if sum(1 for _ in islice(_HAN.finditer(text), 20)) < 20 or not _PROSE.search(text):
        return []
    label_end = _LABEL.match(text).end()
    return [(m.start(), m.end()) for m in _SPACE.finditer(text) if not _meant(text, m.start(), m.end(), label_end)]


#: The options a rule file may give (``-`` for ``_``: ``min-chars``), with their defaults.
OPTIONS = dict(problem=REQUIRED, min_spaces=2)


def make(options: dict, scope: str):
    problem = one_of(options["problem"], ("joined-lines", "stray"))
    min_spaces = int(options["min_spaces"])

    def check(ctx):
        for block in ctx.blocks_in_scope(scope):
            if ctx.is_heading(block) or not any(c in block.text for c in " \u3000\u00a0"):
                continue
            spans = spaces_in_sentences(block.text)
            if spans and (len(spans) >= min_spaces) == (problem == "joined-lines"):
                start, end = spans[0]
                yield Hit(block.index, start - 1, end + 1, {"count": str(len(spans))})

    return check
