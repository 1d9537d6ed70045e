"""Word's automatic list numbering: the label a paragraph displays (``一、``, ``（二）``, ``3.``).

``word/numbering.xml`` defines abstract lists (one ``w:lvl`` per indent level with its start
value, number format ``w:numFmt`` and label template ``w:lvlText`` such as ``%1、`` or
``（%2）``) and list instances ``w:num`` that point to them, optionally overriding levels or
start values. A paragraph joins a list through ``w:numPr`` (``w:numId`` + ``w:ilvl``), directly
or through its style. :class:`ListNumbering` replays the counters in document order, as Word
does, so that an auto-numbered ``一、`` reads exactly like a typed one.

Counters are shared by every ``w:num`` of one abstract list (Word continues such lists) unless a
``w:num`` restarts numbering with ``w:startOverride``; then that instance counts on its own.
Bullets carry no number and get no label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from lxml import etree

from .ooxml import NS

W = NS["w"]


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _int(el: etree._Element | None, default: int | None = None) -> int | None:
    if el is None:
        return default
    try:
        return int(el.get(_w("val"), ""))
    except ValueError:
        return default


# -- number formats -------------------------------------------------------------------------------
_ZH_DIGITS = "零一二三四五六七八九"
_ZH_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_ZH_LEGAL_UNITS = ("", "拾", "佰", "仟")
_ZH_UNITS = ("", "十", "百", "千")
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def _chinese_counting(n: int, digits: str = _ZH_DIGITS, units: tuple[str, ...] = _ZH_UNITS) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 21 → 二十一, 105 → 一百零五 (below 10000; digits beyond)."""
    if n <= 0 or n >= 10000:
        return str(n)
    parts: list[str] = []
    text = str(n)
    zero_pending = False
    for pos, ch in enumerate(text):
        d = int(ch)
        unit = units[len(text) - pos - 1]
        if d == 0:
            zero_pending = bool(parts)
            continue
        if zero_pending:
            parts.append(digits[0])
            zero_pending = False
        if not (d == 1 and unit == units[1] and not parts and digits is _ZH_DIGITS):
            parts.append(digits[d])
        parts.append(unit)
    return "".join(parts)


def _letters(n: int, base: str) -> str:
    """Word repeats the letter: A..Z, AA..ZZ, AAA..."""
    if n <= 0:
        return str(n)
    return base[(n - 1) % 26] * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _enclosed(first: int, last_value: int):
    return lambda n: chr(first + n - 1) if 1 <= n <= last_value else str(n)


_FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)}),
    "decimalHalfWidth": str,
    "decimalEnclosedCircle": _enclosed(0x2460, 20),
    "decimalEnclosedCircleChinese": _enclosed(0x2460, 20),
    "decimalEnclosedParen": _enclosed(0x2474, 20),
    "decimalEnclosedFullstop": _enclosed(0x2488, 20),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": lambda n: _letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    "lowerLetter": lambda n: _letters(n, "abcdefghijklmnopqrstuvwxyz"),
    "chineseCounting": _chinese_counting,
    "chineseCountingThousand": _chinese_counting,
    "japaneseCounting": _chinese_counting,
    "taiwaneseCounting": _chinese_counting,
    "taiwaneseCountingThousand": _chinese_counting,
    "ideographDigital": lambda n: "".join("〇一二三四五六七八九"[int(c)] for c in str(n)),
    "taiwaneseDigital": lambda n: "".join("〇一二三四五六七八九"[int(c)] for c in str(n)),
    "chineseLegalSimplified": lambda n: _chinese_counting(n, _ZH_LEGAL, _ZH_LEGAL_UNITS),
    "ideographLegalTraditional": lambda n: _chinese_counting(n, _ZH_LEGAL, _ZH_LEGAL_UNITS),
    "ideographTraditional": lambda n: _TIANGAN[(n - 1) % 10] if n > 0 else str(n),
    "ideographZodiac": lambda n: _DIZHI[(n - 1) % 12] if n > 0 else str(n),
    "none": lambda n: "",
}


#: The largest counter written in a list format: Word's own dialog takes start values up to
#: 32767, and no real list counts further. A value outside 0..MAX_COUNTER (a start of
#: 2147483647, a negative one) is written in digits: ``upperLetter`` repeats its letter once per
#: 26, so such a start made labels of 80 million characters and a 20 KB file took gigabytes.
MAX_COUNTER = 32767


def format_number(value: int, fmt: str) -> str:
    """``value`` written in the OOXML number format ``fmt`` (unknown formats, and values beyond
    ``MAX_COUNTER``, as decimal)."""
    if not 0 <= value <= MAX_COUNTER:
        return str(value)
    return _FORMATS.get(fmt, str)(value)


# -- definitions ----------------------------------------------------------------------------------
class Level(NamedTuple):
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None  # lvlText; None when absent
    restart: int | None = None  # lvlRestart: restart after this 1-based level; 0 = never
    legal: bool = False  # isLgl: show every level in decimal
    suffix: str = "tab"


def _level(el: etree._Element) -> Level:
    lvl_text = el.find(_w("lvlText"))
    suff = el.find(_w("suff"))
    is_lgl = el.find(_w("isLgl"))
    num_fmt = el.find(_w("numFmt"))
    return Level(
        start=_int(el.find(_w("start")), 1),
        fmt=num_fmt.get(_w("val"), "decimal") if num_fmt is not None else "decimal",
        text=lvl_text.get(_w("val"), "") if lvl_text is not None else None,
        restart=_int(el.find(_w("lvlRestart"))),
        legal=is_lgl is not None and is_lgl.get(_w("val"), "true") not in ("0", "false", "off"),
        suffix=suff.get(_w("val"), "tab") if suff is not None else "tab",
    )


def _ilvl(el: etree._Element) -> int | None:
    value = _int(el, None)
    return value if value is not None and 0 <= value < 9 else None


_PLACEHOLDER = re.compile(r"%([1-9])")
MAX_LINK_DEPTH = 8


@dataclass(frozen=True)
class Definitions:
    """The numbering part's list definitions: read-only once parsed, so documents made from one
    template share them (:class:`ListNumbering` keeps each document's counters)."""

    abstract: dict[str, dict[int, Level]]
    links: dict[str, str]  # abstractNum → numStyleLink style id
    nums: dict[int, tuple[str, dict[int, Level], dict[int, int]]]

    @classmethod
    def parse(cls, root: etree._Element | None) -> "Definitions":
        abstract: dict[str, dict[int, Level]] = {}
        links: dict[str, str] = {}
        nums: dict[int, tuple[str, dict[int, Level], dict[int, int]]] = {}
        if root is None:
            return cls(abstract, links, nums)
        for absn in root.iter(_w("abstractNum")):
            aid = absn.get(_w("abstractNumId"), "")
            levels = {}
            for lvl in absn.iter(_w("lvl")):
                ilvl = _ilvl_attr(lvl)
                if ilvl is not None:
                    levels[ilvl] = _level(lvl)
            abstract[aid] = levels
            link = absn.find(_w("numStyleLink"))
            if link is not None and link.get(_w("val")):
                links[aid] = link.get(_w("val"))
        for num in root.iter(_w("num")):
            try:
                nid = int(num.get(_w("numId"), ""))
            except ValueError:
                continue
            aref = num.find(_w("abstractNumId"))
            aid = aref.get(_w("val"), "") if aref is not None else ""
            overrides: dict[int, Level] = {}
            starts: dict[int, int] = {}
            for ov in num.iter(_w("lvlOverride")):
                ilvl = _ilvl_attr(ov)
                if ilvl is None:
                    continue
                so = _int(ov.find(_w("startOverride")))
                if so is not None:
                    starts[ilvl] = so
                lvl = ov.find(_w("lvl"))
                if lvl is not None:
                    overrides[ilvl] = _level(lvl)
            nums[nid] = (aid, overrides, starts)
        return cls(abstract, links, nums)


class ListNumbering:
    """The running counters of one document's lists, over its numbering definitions."""

    def __init__(self, definitions: Definitions, style_num: "dict[str, tuple[int, int]] | None" = None):
        self._abstract = definitions.abstract
        self._abstract_link = definitions.links
        self._num = definitions.nums
        self._style_num = style_num or {}
        self._counters: dict[object, dict[int, int]] = {}
        self._started: set[int] = set()

    def _levels(self, nid: int) -> tuple[str, dict[int, Level]] | None:
        entry = self._num.get(nid)
        depth = 0
        while entry is not None:
            aid, overrides, _ = entry
            levels = self._abstract.get(aid)
            link = self._abstract_link.get(aid)
            if link and depth < MAX_LINK_DEPTH and link in self._style_num:
                # A list style: the real definition is in the abstract list its style points to.
                depth += 1
                linked = self._num.get(self._style_num[link][0])
                if linked is not None and linked[0] != aid:
                    entry = (linked[0], {**linked[1], **overrides}, entry[2])
                    continue
            if levels is None:
                return None
            return aid, {**levels, **overrides}
        return None

    def label(self, num_id: int, ilvl: int) -> str | None:
        """Advance list ``num_id`` at level ``ilvl`` and return the label shown, or None."""
        if num_id == 0:
            return None
        found = self._levels(num_id)
        if found is None:
            return None
        aid, levels = found
        level = levels.get(ilvl)
        if level is None:
            return None
        _, _, starts = self._num[num_id]
        key: object = ("num", num_id) if starts else ("abstract", aid)
        counters = self._counters.setdefault(key, {})
        if starts and num_id not in self._started:
            self._started.add(num_id)
            counters.clear()
        def start_of(i: int) -> int:
            if i in starts:
                return starts[i]
            return levels[i].start if i in levels else 1

        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start_of(ilvl)
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        if level.fmt == "bullet" or level.text is None:
            return None

        def number(m: re.Match) -> str:
            i = int(m.group(1)) - 1
            value = counters.get(i, start_of(i))
            fmt = levels[i].fmt if i in levels else "decimal"
            if level.legal and fmt not in ("none",):
                fmt = "decimal"
            return format_number(value, fmt)

        text = _PLACEHOLDER.sub(number, level.text)
        if not text.strip():
            return None
        if level.suffix != "nothing" and text[-1].isascii() and text[-1].isprintable():
            text += " "
        return text


def _ilvl_attr(el: etree._Element) -> int | None:
    try:
        value = int(el.get(_w("ilvl"), ""))
    except ValueError:
        return None
    return value if 0 <= value < 9 else None


def num_pr(ppr: etree._Element | None) -> tuple[int | None, int | None]:
    """``(numId, ilvl)`` written in a ``w:pPr`` (either may be None when not given there)."""
    if ppr is None:
        return None, None
    el = ppr.find(_w("numPr"))
    if el is None:
        return None, None
    return _int(el.find(_w("numId"))), _ilvl(el.find(_w("ilvl")))
