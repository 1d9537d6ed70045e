"""The ``dates`` kind: calendar dates that cannot exist (``2月30日``, ``13月``, ``2023年2月29日``).

Arabic and Chinese numerals are both read. A year, when given, decides whether 29 February exists.
"""

from __future__ import annotations

from ..model import Hit
from ..structure import chinese_to_int
from .. import prebuilt

_NUM = r"(?:\d{1,4}|[〇○零一二三四五六七八九十]{1,4})"
_DATE = prebuilt.compile(
    r"(?<![\d〇○零一二三四五六七八九十第])(?:(?P<y>\d{4}|[〇○零一二三四五六七八九]{4})年)?"
    r"(?P<m>" + _NUM + r")月(?:份)?(?:(?P<d>" + _NUM + r")(?:日|号))?"
)


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in(month: int, year: int) -> int:
    """Days of ``month`` (1-12) in the Gregorian ``year`` (written out: importing calendar cost
    every process 2.5 ms)."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _DAYS[month - 1]


def _value(text: str | None) -> int | None:
    if text is None:
        return None
    if text.isdigit():
        return int(text)
    digits = {"〇": 0, "○": 0, "零": 0}
    if len(text) == 4 and all(c in "〇○零一二三四五六七八九" for c in text):
        return int("".join(str(digits.get(c, chinese_to_int(c) or 0)) for c in text))
    return chinese_to_int(text)


OPTIONS: dict = {}  # a rule file gives this kind no options


def make(options: dict, scope: str):
    def check(ctx):
        for block in ctx.blocks_in_scope(scope):
            text = block.text
            if "月" not in text:
                continue
            for m in _DATE.finditer(text):
                month = _value(m.group("m"))
                if month is None:
                    continue
                day = _value(m.group("d"))
                year = _value(m.group("y"))
                if not 1 <= month <= 12:
                    yield Hit(block.index, m.start("m"), m.end(), {"reason": "month"})
                    continue
                if day is None:
                    continue
                leap_year = year if year else 2000  # without a year, 29 February may exist
                if not 1 <= day <= days_in(month, leap_year):
                    yield Hit(block.index, m.start(), m.end(), {"reason": "day"})

    return check
