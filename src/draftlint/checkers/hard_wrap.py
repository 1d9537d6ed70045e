"""The ``hard-wrap`` kind: line breaks that a copy from PDF or a fixed-width page left inside words.

Text copied from a PDF keeps the page's line ends: a break every 28-40 characters, whether or
not a sentence ends there. A break between two words only makes a paragraph ragged; one inside a
word (``迅|速``, ``副组|长``, ``2025|年``) breaks the word itself. Deciding which needs a word
list, so the segmenter (``rjieba``) is imported only for a document that shows such breaks.

The analysis is shared by the rules of this kind; ``problem`` picks what a rule reports:

* ``split-word``: in a hard-wrapped document, a break inside a word. A document is
  hard-wrapped when at least ``min-lines`` lines stop mid-sentence at one width (16-60
  characters, within 8 %) and make wrapped paragraphs with the line after them (lines of that
  width, then one that ends the sentence); a title broken over two lines, a list of headings,
  fields one under another or lines a web page cut at its links make none. A break counts as
  inside a word when the segmenter puts one word across it and that word is not two words of
  two characters or more (``迅速|行动`` is a break between words), when it parts a number from
  its unit (``2025|年``, ``二十|届``), or when it falls inside 《》.
* ``split-title``: the same, between the title lines at the top of a hard-wrapped document
  (``对照检|查材料``); a title broken between two phrases, as published 公文 titles are, is not.
* ``split-number``: a number alone on a line whose unit begins the next one (``2025`` / ``年``).
* ``stranded-mark``: a heading number (``一、``) or a quotation mark alone on a line, whose text
  follows on the next line; reported only in a document whose line breaks are shown broken by
  one of the problems above (an extraction that puts list numbers on their own lines, as the
  Wikisource reports of clean-zh do, is the source's layout, not a draft's damage).
* ``page-number`` and ``seam-splits-word``: in a document that is not hard-wrapped, a page
  number at the start of a line where the line before stops in the middle of a sentence:
  glued to a character it cannot count (``…魏成章`` / ``1同志…``, the number is reported), or
  with a 、 after a page of text, between the two halves of a word (``…好几`` / ``3、年了``,
  the word is reported where it starts).
"""

from __future__ import annotations

from collections import Counter

from ..model import Hit
from . import REQUIRED, one_of
from .. import prebuilt

PROBLEMS = ("split-word", "split-title", "split-number", "stranded-mark", "page-number", "seam-splits-word")

#: A line ending with one of these ends its sentence (a quote or bracket after one, too).
_CLOSED = prebuilt.compile(r"[。！？!?；;：:…][”’」』）)】]*[\s\u3000]*$")
#: Lines a hard wrap never continues into: headings and list items start so.
_NUMBERED = prebuilt.compile(
    r"^[\s\u3000]*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)"
    r"|第[一二三四五六七八九十百\d]+[章节条编部]|[一二三四五六七八九十]+是)"
)
#: A table row or aligned columns, which a wrap does not make.
_COLUMNS = prebuilt.compile(r"\t|\s{3,}|\|")
#: Units and measure words a number never leaves behind at a line end.
_UNITS = "年月日号时分秒个名位项条件次届期度岁天周万亿元%％户人家亩吨台辆座所批篇页章节版倍"
_NUMBER_ALONE = prebuilt.compile(r"^[\s\u3000]*(?:\d{1,4}|[〇零一二三四五六七八九十]{2,4})[\s\u3000]*$")
_UNIT_FIRST = prebuilt.compile(rf"^[\s\u3000]*[{_UNITS}]")
_NUMBER_END = prebuilt.compile(r"(?:\d+|[〇零一二两三四五六七八九十百千]+)$")
_MARK_ALONE = prebuilt.compile(
    r"^[\s\u3000]*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|[\"“”‘’「」『』])[\s\u3000]*$"
)
#: A page number glued to the start of a line: digits, an optional 、 or ., then a character.
_PAGE_NUMBER = prebuilt.compile(r"^[\s\u3000]*(\d{1,3})([、.．]?)(?=\p{Han})")
#: Punctuation that bounds the pieces of a line looked at around a break.
_PIECE_END = prebuilt.compile(r"[^\p{Han}\dA-Za-z]")
_HAN_END = prebuilt.compile(r"\p{Han}[\s\u3000]*$")
_HAN = prebuilt.compile(r"\p{Han}")
#: Characters of the longest line a page of 60 Chinese characters can hold (all half-width).
_LONGEST = 120


def _width(text: str) -> float:
    """Printed width in Chinese characters: ASCII letters, digits and spaces are half wide
    (punctuation counts whole: the corpora's stores folded full-width marks to ASCII)."""
    text = text.strip()
    return sum(0.5 if c.isascii() and (c.isalnum() or c == " ") else 1.0 for c in text)


def segmenter():
    """``rjieba`` (Rust jieba), imported at the first document that needs it (~0.1 s)."""
    import rjieba

    return rjieba


class _Line:
    __slots__ = ("block", "text", "view", "width", "closed", "chinese")

    def __init__(self, block, view):
        self.block = block
        self.text = block.text.strip()
        self.view = view
        self.closed = bool(_CLOSED.search(block.text))
        if len(self.text) > _LONGEST:  # no line of a page: not measured (a 30 MB line would take seconds)
            self.width, self.chinese = float(len(self.text)), False
            return
        self.width = _width(self.text)
        self.chinese = len(_HAN.findall(self.text)) * 2 >= len(self.text)  # Latin text wraps between words


def _tail(view: str) -> str:
    """The end of a line back to its last punctuation mark (at most 8 characters)."""
    text = view.rstrip()
    cut = max((m.end() for m in _PIECE_END.finditer(text[-8:])), default=0)
    return text[-8:][cut:]


def _head(view: str) -> str:
    """The start of a line up to its first punctuation mark (at most 8 characters)."""
    text = view.lstrip()[:8]
    m = _PIECE_END.search(text)
    return text[: m.start()] if m else text


def split_word(left: str, right: str, title_open: bool = False, guess: bool = False) -> tuple[str, int] | None:
    """The word a break between ``left`` and ``right`` cuts in two, with how many of its
    characters stand before the break; None for a break between words.

    A name inside 《》 is one word however long (``title_open``: the break falls inside one). A
    number (a word of its own) parted from its unit counts (``2025|年``); so does a word of the segmenter across
    the break, unless both its parts are words of two characters or more (a compound such as
    ``迅速|行动`` is two words). ``guess`` lets the segmenter join characters its list lacks
    (names of places and people, by its hidden Markov model): for a break already known to cut
    a sentence."""
    if not left or not right or not (_HAN.match(right) or right[0].isdigit()):
        return None
    if title_open:
        return left + right, len(left)
    jieba = segmenter()
    number = _NUMBER_END.search(left)
    if number and right[0] in _UNITS and (number.group().isdigit() or jieba.cut(left, False)[-1] == number.group()):
        return number.group() + right[0], len(number.group())  # 二十|届, not 统一|年度
    at = 0
    for word in jieba.cut(left + right, guess):
        start, at = at, at + len(word)
        if start < len(left) < at:
            first, second = word[: len(left) - start], word[len(left) - start :]
            if len(first) >= 2 and len(second) >= 2 and jieba.has_word(first) and jieba.has_word(second):
                return None
            return word, len(first)
        if at >= len(left):
            return None
    return None


def _continues(line: _Line) -> bool:
    """Whether a line can be the continuation of a wrapped one (not a heading or list item)."""
    return not _NUMBERED.match(line.text) and not _COLUMNS.search(line.text)


def _wrap_width(lines: list[_Line], min_lines: int) -> float | None:
    """The width of a hard wrap, if the document has one: the width of at least ``min_lines``
    lines that stop mid-sentence and make, with the lines after them, wrapped paragraphs (lines
    of that width up to one that ends the sentence). Lines stopping mid-sentence here and
    there, where a web page had a link, or fields (名称：…) one under the other make none. A
    page holds 16 to 60 characters a line."""
    candidates = [not l.closed and 16 <= l.width <= 60 and l.chinese and not _COLUMNS.search(l.text) for l in lines]
    widths = Counter(l.width for l, ok in zip(lines, candidates) if ok)

    def near(w: float) -> int:
        return sum(n for x, n in widths.items() if abs(x - w) <= max(1.5, 0.08 * w))

    best, best_count = None, 0
    for w in sorted(widths, key=lambda w: (near(w), w), reverse=True)[:3]:  # the commonest widths
        tol = max(1.5, 0.08 * w)
        full = [ok and abs(l.width - w) <= tol for l, ok in zip(lines, candidates)]
        count, i = 0, 0
        while i < len(lines):
            j = i
            while j < len(lines) and full[j]:
                j += 1
            if j > i and j < len(lines) and lines[j].closed and lines[j].width <= w + tol and _continues(lines[j]):
                count += j - i
            i = j + 1
        if count > best_count:
            best, best_count = w, count
    return best if best_count >= min_lines else None


def _analyse(ctx, min_lines: int) -> list[tuple[str, Hit]]:
    blocks = [b for b in ctx.blocks if b.part == "body" and b.table is None and b.text.strip()]
    lines = [_Line(b, ctx.normal(b)) for b in blocks]
    found: list[tuple[str, Hit]] = []

    def report(problem: str, line: _Line, start: int, end: int, slots: dict) -> None:
        found.append((problem, Hit(line.block.index, start, end, slots)))

    def report_break(problem: str, line: _Line, right: str, slots: dict | None = None, guess: bool = False) -> None:
        """Report the word the break after ``line`` cuts, if it cuts one, where it starts."""
        split = split_word(_tail(line.view.text), right, line.text.count("《") > line.text.count("》"), guess)
        if split:
            word, before = split
            view = line.view.text.rstrip()
            start, end = line.view.span(len(view) - before, len(view))
            report(problem, line, start, end, {"word": word, "left": word[:before], "right": word[before:], **(slots or {})})

    for line, nxt in zip(lines, lines[1:]):
        if _NUMBER_ALONE.match(line.text) and _UNIT_FIRST.match(nxt.text):
            start = line.block.text.index(line.text)
            slots = {"word": line.text + nxt.text[0], "left": line.text, "right": nxt.text[0]}
            report("split-number", line, start, start + len(line.text), slots)

    width = _wrap_width(lines, min_lines)
    if width is not None:
        tol = max(1.5, 0.08 * width)
        for line, nxt in zip(lines, lines[1:]):
            if not line.closed and abs(line.width - width) <= tol and _continues(nxt) and not _COLUMNS.search(line.text):
                report_break("split-word", line, _head(nxt.view.text))
        for line, nxt in zip(lines[:3], lines[1:4]):
            if not (_title_part(line, width - tol) and _title_part(nxt, width - tol) and _continues(nxt)):
                break
            report_break("split-title", line, _head(nxt.view.text))

    if found:
        for line, nxt in zip(lines, lines[1:]):
            if _MARK_ALONE.match(line.text) and _continues(nxt):
                start = line.block.text.index(line.text)
                report("stranded-mark", line, start, start + len(line.text), {"word": line.text})
    if width is None:  # in a wrap, a line may well start with a number
        for line, nxt in zip(lines, lines[1:]):
            seam = _page_seam(line, nxt)
            if seam is None:
                continue
            number, after = seam
            if number.group(2):
                report_break("seam-splits-word", line, _head(after), {"number": number.group()}, guess=True)
            elif after[:1] not in _UNITS:
                report("page-number", nxt, number.start(1), number.end(), {"word": number.group()})
    return found


def _title_part(line: _Line, shorter_than: float) -> bool:
    """A line of a title at the top: shorter than the wrap, no sentence end, no comma."""
    return not line.closed and line.width < shorter_than and not any(c in line.text for c in "，,；;")


def _page_seam(line: _Line, nxt: _Line):
    """The number opening ``nxt`` and the view after it, where ``line``, a sentence in prose,
    breaks off: a page number, if glued to a character it cannot count (``1同志``), or, followed
    by 、 as a list number is, if it follows a page of text (100 characters or more) and the
    words of the two lines belong together (``好几`` / ``3、年了``). None when ``nxt`` opens with
    no number or ``line`` ends a sentence."""
    m = _PAGE_NUMBER.match(nxt.block.text)
    if not m or line.closed or not _HAN_END.search(line.text) or len(line.text) < (100 if m.group(2) else 20):
        return None
    if not any(c in line.text for c in "，,、。"):
        return None  # a heading or a title line, not a sentence broken off
    return m, nxt.view.text[_PAGE_NUMBER.match(nxt.view.text).end():]


#: The options a rule file may give (``-`` for ``_``: ``min-chars``), with their defaults.
OPTIONS = dict(problem=REQUIRED, min_lines=4)


def make(options: dict, scope: str):
    problem = one_of(options["problem"], PROBLEMS)
    min_lines = int(options["min_lines"])

    def check(ctx):
        for kind, hit in ctx.cached(f"hard-wrap:{min_lines}", lambda: _analyse(ctx, min_lines)):
            if kind == problem:
                yield hit

    return check
