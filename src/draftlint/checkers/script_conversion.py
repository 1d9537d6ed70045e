"""The ``script-conversion`` kind: simplified characters a converter left in a traditional text.

A simplified character with one traditional form converts by table, but one with several needs
the word around it: 干 is 幹 in 幹部, 乾 in 乾淨 and stays 干 in 干涉; 里 is 裏 in 這裏 and stays
in 公里. A converter that maps characters one by one leaves such characters as they were, and a
text mostly in traditional script then reads ``這里``, ``干部``, ``關于``, ``會后``.

OpenCC's phrase tables say which form each context needs: the paragraph is folded to
simplified and converted back (OpenCC's standard, Taiwan and Hong Kong forms), and a character
that is still simplified where all three conversions write another form is reported. Only
characters whose usual traditional form is another (OpenCC's one-to-many table: 干, 后, 里, 于,
斗, 几, 云 …) are looked at, less those that Taiwan and Hong Kong texts also write as they are
in common words (台, 占, 征, 托, 咨, 准, 岩, 凶 …) and those common as surnames (余, 范, 朴, 岳,
涂, 郁). A character is reported only if converting its word alone (the segmenter's, rjieba)
agrees: OpenCC matches phrases from the left and can take one across a word's edge (通車里程
read as 車裏, 大斗爭 as 大斗), which the word alone (里程, 斗争) sets right.

Only documents mostly in traditional script (EN007's test) are read, and in them only paragraphs
that are themselves mostly traditional (a licence notice in simplified is not a slip).

With the option ``problem: wrong-form`` the kind reports the opposite slip: a converter that
picked, for a character with several traditional forms, one that means something else in the
word (``乾群`` for 幹群, ``頭髮`` is right but ``發`` → ``髮`` in 出髮 is not). Many such pairs
are variants a careful writer may use (匯報 and 彙報, 盡可能 and 儘可能, 鍛煉 and 鍛鍊), so only
the forms in :data:`_WRONG_IF_MISMATCHED`, whose meaning is a different word, are reported, and
only where all three conversions of the paragraph write another form.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

from ..model import Hit
from .traditional import mostly_traditional

#: Characters whose traditional forms differ by word but which Taiwan or Hong Kong texts
#: write unchanged in common words, or which are common surnames: a mismatch says nothing.
_KEPT_AS_WRITTEN = frozenset("台占征托咨准凶岩伙厘筑余范朴岳涂郁")
#: Traditional forms that are words of their own (乾 dry, 髮 hair, 麵 noodles, 隻 a counter, 鬆
#: loose, 穀 grain, 醜 ugly, 傢 furniture, 颱 typhoon, 闆 boss, 鬥 fight): written where the word
#: needs the character's other form, they are a converter's wrong pick, not a variant.
_WRONG_IF_MISMATCHED = frozenset("乾髮麵隻鬆穀醜傢颱闆鬥")
#: Characters of a paragraph read: OpenCC's conversions run in Python (~30 µs a character for
#: the four), and a longer paragraph is no prose a person wrote.
_LONGEST = 20_000


@lru_cache(maxsize=1)
def _converters():
    """OpenCC converters: to simplified, and back to the three traditional standards. They share
    one table of dictionaries (``dict_cache``): the three conversions back each read the same
    phrase list, and loading it once takes a third of the time (96 -> 33 ms)."""
    import opencc

    tables: dict = {}

    def converter(conversion: str):
        c = opencc.OpenCC()  # no conversion yet: nothing loaded
        c.dict_cache = tables
        c.set_conversion(conversion)  # loaded at the first convert(), from the shared tables
        return c

    return converter("t2s"), tuple(converter(c) for c in ("s2t", "s2tw", "s2hk"))


@lru_cache(maxsize=1)
def _ambiguous() -> frozenset[str]:
    """Simplified characters that are also traditional but usually stand for another form:
    OpenCC's ``STCharacters`` lists them among their own forms, after another."""
    from importlib.util import find_spec

    spec = find_spec("opencc")
    folder = os.path.join(list(spec.submodule_search_locations)[0], "dictionary")
    with open(os.path.join(folder, "STCharacters.txt"), encoding="utf-8") as fh:
        rows = re.findall(r"^(\S)\t(.+)$", fh.read(), re.M)
    return frozenset(c for c, forms in rows if forms.split()[0] != c and c in forms.split()) - _KEPT_AS_WRITTEN


def _round_trip(text: str) -> tuple[str, list[str]] | None:
    """``text`` folded to simplified, and that converted back to each traditional standard; None
    when a phrase of another length was matched (positions no longer line up)."""
    to_simple, to_traditional = _converters()
    simple = to_simple.convert(text)
    back = [c.convert(simple) for c in to_traditional]
    if any(len(t) != len(text) for t in (simple, *back)):
        return None
    return simple, back


def unconverted(text: str) -> list[tuple[int, str, str]]:
    """``(position, word as written, word converted)`` of each simplified character a converter
    left in ``text`` (see the module)."""
    ambiguous = _ambiguous()
    if not any(c in ambiguous for c in text):
        return []
    converted = _round_trip(text)
    if converted is None:
        return []
    simple, back = converted
    candidates = [i for i, char in enumerate(text)
                  if char in ambiguous and simple[i] == char and all(t[i] != char for t in back)]
    if not candidates:
        return []
    from .hard_wrap import segmenter

    to_traditional = _converters()[1]
    found, at, pending = [], 0, iter(candidates)
    i = next(pending)
    for word in segmenter().cut(simple, False):
        start, at = at, at + len(word)
        while i is not None and i < at:
            forms = [c.convert(word) for c in to_traditional]
            if all(form[i - start] != text[i] for form in forms):
                found.append((i, text[start:at], forms[0]))
            i = next(pending, None)
        if i is None:
            break
    return found


def wrong_forms(text: str) -> list[tuple[int, str, str]]:
    """``(position, written, converted)`` of each traditional character of
    :data:`_WRONG_IF_MISMATCHED` that all three conversions of the paragraph write in another
    form, with the characters either side of it (see the module)."""
    if not any(c in _WRONG_IF_MISMATCHED for c in text):
        return []
    converted = _round_trip(text)
    if converted is None:
        return []
    simple, back = converted
    found = []
    for i, char in enumerate(text):
        if char in _WRONG_IF_MISMATCHED and simple[i] != char and all(t[i] != char for t in back):
            found.append((i, text[max(0, i - 1) : i + 2], back[0][max(0, i - 1) : i + 2]))
    return found


OPTIONS: dict = {"problem": "unconverted"}  # or wrong-form


def make(options: dict, scope: str):
    from . import one_of

    find = {"unconverted": unconverted, "wrong-form": wrong_forms}[
        one_of(options["problem"], ("unconverted", "wrong-form"))]

    def check(ctx):
        blocks = list(ctx.blocks_in_scope(scope))
        if not mostly_traditional([b.text for b in blocks]):
            return
        for block in blocks:
            text = block.text[:_LONGEST]
            found = find(text) if mostly_traditional([text]) else []
            if not found:
                continue
            words = "、".join(dict.fromkeys(f"{written}→{converted}" for _, written, converted in found))
            i = found[0][0]
            yield Hit(block.index, i, i + 1, {"count": str(len(found)), "words": words})

    return check
