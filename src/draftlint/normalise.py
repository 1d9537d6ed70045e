"""The normalised view of a block that rules match on, with a map back to the original text.

A draft says the same thing in many spellings: a site converted it to traditional script
(``下載``, ``萬元``), a PDF copy or a typist put spaces inside it (``XX 市``, ``第 XX 次``,
``总值 亿元``), an input method gave full-width letters and digits (``ＸＸ县``, ``２０ｘｘ年``). A
rule written once for ``下载``, ``XX市`` and ``20xx年`` should find all of them, and it should
not need to know how. So rules search :attr:`NormalText.text`:

* traditional characters become simplified, one character for one (OpenCC's table, the
  characters that are only traditional: ``著``, ``干``, ``后`` stay as they are);
* full-width Latin letters and digits become ASCII (punctuation keeps its width: the
  punctuation rules are about exactly that);
* a run of spaces inside Chinese text, or between Chinese text and a digit or a placeholder
  mark (x, ×, *, _, ○, □), is removed.

Every change is one character for one, or a deletion, so a span of the view maps back to the
characters of the original it came from (:meth:`NormalText.span`); findings always point at,
and quote, the original.
"""

from __future__ import annotations

from bisect import bisect_right
import re
from functools import lru_cache
from typing import NamedTuple

import regex

#: Horizontal spaces a copy from PDF or a typist leaves inside Chinese text.
_SPACES = " \t\u3000\u00a0"
#: Marks a template writes where a name or a number is still to come.
_FILL = r"xX×*_＿○□"
#: A run of fill marks that is not part of a Latin word, an address or a number (xx@mail, Linux).
_WORDISH = r"A-Za-z0-9@.\-/"
_INNER_SPACE = regex.compile(
    rf"(?<=\p{{Han}})[{_SPACES}]+(?=\p{{Han}}|\d|[{_FILL}]+(?![{_WORDISH}]))"
    rf"|(?:(?<=\d)|(?<=(?<![{_WORDISH}])[{_FILL}]+))[{_SPACES}]+(?=\p{{Han}})"
)

#: Characters the traditional table leaves alone although it lists them: 乾 is also the
#: simplified character of 乾隆, 乾坤.
_KEEP = "乾"


class NormalText(NamedTuple):
    """A block's text as rules see it (``text``) and where each of its characters came from.

    ``cuts`` holds, for each place where spaces were removed, the position in ``text`` of the
    character after them and the total number of characters removed up to there; empty when
    nothing was removed (then positions are the same in both texts).
    """

    text: str
    cuts: tuple[tuple[int, ...], tuple[int, ...]] = ((), ())

    def position(self, index: int) -> int:
        """The original position of the view's character at ``index``."""
        at, removed = self.cuts
        if not at:
            return index
        i = bisect_right(at, index)
        return index + (removed[i - 1] if i else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the view's ``[start, end)``: from its first character to its last."""
        if not self.cuts[0]:
            return start, end
        if end <= start:
            p = self.position(start)
            return p, p
        return self.position(start), self.position(end - 1) + 1


@lru_cache(maxsize=1)
def _folding() -> tuple[dict[int, str], "re.Pattern[str]"]:
    """The table that folds script and width, and a scan that tells, at C speed, whether a
    text holds any character it folds (most texts hold none: ``str.translate`` with a table
    costs ~90 ns a character, the scan ~4)."""
    from .zh_script import scanner_of, tables

    table = {ord(t): s for t, s in tables()[0].items() if t not in _KEEP}
    wide = [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]  # ０-９ Ａ-Ｚ ａ-ｚ
    for code in wide:
        table[code] = chr(code - 0xFEE0)
    return table, scanner_of(frozenset(map(chr, table)))


def _has_space(text: str) -> bool:
    return " " in text or "\u3000" in text or "\t" in text or "\u00a0" in text


def normalise(text: str) -> NormalText:
    """The view of ``text`` rules match on; see the module's docstring."""
    table, foldable = _folding()
    # (the scan also stops at any character beyond the BMP, as few texts hold; then all is looked up)
    folded = text.translate(table) if foldable.search(text) else text
    if not _has_space(folded):
        return NormalText(folded)
    pieces: list[str] = []
    at: list[int] = []
    removed: list[int] = []
    last = total = 0
    for m in _INNER_SPACE.finditer(folded):
        pieces.append(folded[last : m.start()])
        total += m.end() - m.start()
        last = m.end()
        at.append(m.start() - (total - (m.end() - m.start())))
        removed.append(total)
    if not at:
        return NormalText(folded)
    pieces.append(folded[last:])
    return NormalText("".join(pieces), (tuple(at), tuple(removed)))
