"""Where a line of mixed Chinese and Latin text may break, and the lines it fills to a width.

Chinese breaks between any two characters, but no line starts with a closing mark (，。」）) or
ends with an opening one (（「); Latin words, options, paths and file names (草稿.docx) are not
broken; a short bracketed marker (``[默认：text]``) stays with its word. Widths are terminal
columns: a Chinese character takes two. Used by the Chinese help pages (:mod:`draftlint.clihelp`)
and by the text report on a terminal (:mod:`draftlint.reporters.text`).
"""

from __future__ import annotations

import re
import unicodedata

_NO_LINE_START = set("，。、；：？！）」』】》〉”’…%,.;:?!)]}")
_NO_LINE_END = set("（「『【《〈“‘([{")


def char_width(c: str) -> int:
    return 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1


def text_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (a Chinese character, two)."""
    return sum(map(char_width, text))


def _tokens(text: str) -> list[str]:
    """The units a line may break between: a run of spaces, a Chinese character, or a run of
    other characters (a word, an option, a path, ``draftlint[spark]``). A short bracketed
    marker (``[默认：text]``) is one unit; closing punctuation stays with what it closes,
    opening punctuation with what it opens."""
    units: list[str] = []
    for i, piece in enumerate(re.split(_ATOM, text)):
        if i % 2:  # a bracketed marker: part of the word it touches
            if units and _kind(units[-1]) == "word":
                units[-1] += piece
            else:
                units.append(piece)
            continue
        for unit in _units(piece):
            if units and _kind(unit) == "word" and re.search(_ATOM, units[-1]) and not units[-1][-1].isspace():
                units[-1] += unit
                continue
            if _kind(unit) == "word":  # 草稿.docx: a name (its last two characters), not broken
                name = 0
                while name < len(units) and name < 2 and _is_letter(units[-1 - name]):
                    name += 1
                if name:
                    unit = "".join(units[-name:]) + unit
                    del units[-name:]
            units.append(unit)
    glued: list[str] = []
    for unit in units:
        closing = unit[0] in _NO_LINE_START and (is_wide(unit[0]) or set(unit) <= _NO_LINE_START)  # not .docx
        opened = bool(glued) and glued[-1][-1] in _NO_LINE_END
        if glued and not unit[0].isspace() and not glued[-1][-1].isspace() and (closing or opened):
            glued[-1] += unit
        else:
            glued.append(unit)
    return glued


#: a short bracketed marker, ``[默认：text]``, ``[x>=1]``: compiled at its first use (as all the
#: patterns here: help is rare, the command line starts often)
_ATOM = r"(\[[^\s\[\]]{1,30}\])"


def _units(text: str) -> list[str]:
    """``text`` cut into runs of spaces, single wide characters and runs of other characters."""
    units: list[str] = []
    for c in text:
        if units and not is_wide(c) and _kind(units[-1]) == _kind(c):
            units[-1] += c
        else:
            units.append(c)
    return units


def is_wide(c: str) -> bool:
    return char_width(c) == 2


def _is_letter(unit: str) -> bool:
    """A Chinese character, not a punctuation mark."""
    return len(unit) == 1 and is_wide(unit) and unicodedata.category(unit) == "Lo"


def _kind(unit: str) -> str:
    """space, wide (ends in a Chinese character) or word."""
    if unit[-1].isspace():
        return "space"
    return "wide" if is_wide(unit[-1]) else "word"


def line_spans(text: str, width: int, first: int = 0, rest: int = 0) -> list[tuple[int, int]]:
    """The lines ``text`` fills at ``width`` columns, as ``[start, end)`` spans of it, the
    first line indented by ``first`` columns and the others by ``rest``; spaces at a break are
    left out. A unit longer than a line is cut where the line ends."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    indent, pos = first, 0
    for unit in _tokens(text):
        at, pos = pos, pos + len(unit)
        if unit[0].isspace():
            continue
        room = width - indent
        if start is not None and text_width(text[start:at]) + text_width(unit) > room:
            spans.append((start, _stripped_end(text, start, at)))
            start, indent = None, rest
            room = width - indent
        while text_width(unit) > room > 0:  # longer than a line: cut it, as click does
            cut = 0
            while cut < len(unit) and text_width(unit[:cut + 1]) <= room:
                cut += 1
            cut = max(cut, 1)
            spans.append((at, at + cut))
            at, unit, indent = at + cut, unit[cut:], rest
            room = width - indent
        if start is None:
            start = at
    if start is not None and text[start:pos].strip():
        spans.append((start, _stripped_end(text, start, pos)))
    return spans


def _stripped_end(text: str, start: int, end: int) -> int:
    return start + len(text[start:end].rstrip())
