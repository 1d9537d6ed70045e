"""The ``converted-numerals`` kind: set phrases whose Chinese numerals a site turned into digits.

Some sites convert every Chinese numeral of a page to a digit, set phrases included:
``第1责任人``, ``1系列``, ``3会1课``, ``十25规划``. No writer spells these so. The rule file lists
the phrases (``phrases``); every way of writing some of their numerals as digits is generated
here (一→1 … 九→9, 两→2, 十→10 or left), so a list of phrases covers all their damaged forms.
A ``十`` followed by a digit (``十25``, ``十4五``) is reported as well: a numeral half converted.

Digits that writers do use are not in the list: quantities (``1项``, ``3个``) and quarters
(``1季度`` is how statistics tables and many reports write 一季度). A digit that belongs to a
longer number (``2024``) or follows ``第`` where the phrase has none (``第1系列``) is left alone.
Rules read the normalised view (full-width digits, spaces removed), so ``４城 同创`` counts too.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product

import regex

from ..model import Hit
from . import REQUIRED
from .. import prebuilt

_DIGITS = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9",
           "两": "2", "十": "10", "〇": "0", "零": "0"}
_NUMERALS = {"1": "一", "2": "二", "3": "三", "4": "四", "5": "五", "6": "六", "7": "七", "8": "八", "9": "九", "0": "〇"}


def digit_forms(phrase: str) -> list[str]:
    """Every spelling of ``phrase`` with one or more of its numerals written as digits."""
    choices = [(c, _DIGITS[c]) if c in _DIGITS else (c,) for c in phrase]
    return [form for form in ("".join(p) for p in product(*choices)) if form != phrase]


_DIGIT = prebuilt.compile(r"\d")


@lru_cache(maxsize=4)
def _scanner(phrases: tuple[str, ...]):
    """One pattern for every damaged form, longest first, with the phrase each stands for."""
    forms: dict[str, str] = {}
    for phrase in phrases:
        for form in digit_forms(phrase):
            forms.setdefault(form, phrase)
    alternatives = "|".join(regex.escape(f) for f in sorted(forms, key=len, reverse=True))
    pattern = prebuilt.compile(rf"(?<![\d.])(?:(?<!第)(?:{alternatives})|十\d{{1,2}})(?!\d)")
    return pattern, forms


def _restore(form: str) -> str:
    """A half-converted numeral written back: 十25 → 十二五."""
    return "".join(_NUMERALS.get(c, c) for c in form)


#: The options a rule file may give (``-`` for ``_``: ``min-chars``), with their defaults.
OPTIONS = dict(phrases=REQUIRED)


def make(options: dict, scope: str):
    phrases = tuple(options["phrases"])
    if not phrases or not all(isinstance(p, str) and any(c in _DIGITS for c in p) for p in phrases):
        raise ValueError("phrases must be a list of phrases that hold a Chinese numeral")

    def check(ctx):
        pattern, forms = _scanner(phrases)
        for block in ctx.blocks_in_scope(scope):
            if block.table is not None:
                continue  # tables write figures in digits
            view = ctx.normal(block)
            if _DIGIT.search(view.text) is None:
                continue
            for m in pattern.finditer(view.text):
                start, end = view.span(m.start(), m.end())
                yield Hit(block.index, start, end, {"phrase": forms.get(m.group()) or _restore(m.group())})

    return check
