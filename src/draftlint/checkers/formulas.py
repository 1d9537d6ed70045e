"""The ``formulas`` kind: a fixed formula (提法) written with one character changed or dropped,
or two of its words swapped.

Official writing repeats long fixed formulas word for word (习近平新时代中国特色社会主义思想,
国家治理体系和治理能力现代化, 规模以上工业企业). A draft that has the formula with one character
wrong (新世代), one dropped, or two words in the wrong order (规模企业以上) has a slip that no word
list can foresee, but the formula itself can: the data file lists the formulas, one entry each::

    - {text: 规模以上工业企业, words: [规模, 以上, 工业企业], except: [以上规模工业企业]}

A *near miss* of a formula of at least ``min-length`` characters is a stretch of text that
differs from it in one inner character (the first and the last are left alone: 中国特色社会主要
矛盾 is not a slip) replaced by another Chinese character, or in one inner character missing.
With ``words``, the formula with two neighbouring words swapped is a near miss too, at any
length. ``except`` lists right phrases that look like near misses (新时期中国特色社会主义); text
where the formula or one of those stands is never reported. Near misses of two formulas at one
place are reported once, for the longer formula. Options: ``data`` (the file, relative to the
rules folder) and ``min-length`` (default 7).
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

from .. import prefilter
from ..model import Fix, Hit
from . import REQUIRED
from .word_pairs import candidates_by_character, data_path, read_data


class Formula(NamedTuple):
    text: str
    swaps: frozenset[str]  # the formula with two neighbouring words swapped
    deletions: frozenset[str]  # the formula less one inner character
    allowed: tuple[str, ...]  # the formula and its exceptions: text that is right
    substitutions: bool  # long enough for one-character near misses


def _is_han(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"


@lru_cache(maxsize=4)
def load_formulas(path: str, min_length: int) -> tuple[Formula, ...]:
    entries = read_data(path)
    if not isinstance(entries, dict) or not isinstance(entries.get("formulas"), list):
        raise ValueError(f"{path}: needs a 'formulas' list")
    out = []
    for n, e in enumerate(entries["formulas"], 1):
        text = e.get("text") if isinstance(e, dict) else None
        words = e.get("words", []) if isinstance(e, dict) else []
        allowed = e.get("except", []) if isinstance(e, dict) else []
        if not isinstance(text, str) or len(text) < 4 or not all(map(_is_han, text)):
            raise ValueError(f"{path}: formula {n} needs a 'text' of at least 4 Chinese characters")
        if words and "".join(words) != text:
            raise ValueError(f"{path}: formula {n} ({text}): 'words' must spell the text")
        swaps = {"".join(words[:i] + [words[i + 1], words[i]] + words[i + 2 :]) for i in range(len(words) - 1)}
        long = len(text) >= min_length
        deletions = {text[:i] + text[i + 1 :] for i in range(1, len(text) - 1)} if long else set()
        out.append(Formula(text, frozenset(swaps - set(allowed)), frozenset(deletions), (text, *allowed), long))
    return tuple(out)


def _near_misses(view: str, f: Formula) -> list[tuple[int, int]]:
    """Spans of ``view`` that are near misses of ``f``: the half of the formula that a one-character
    slip leaves whole anchors the search."""
    n, half = len(f.text), len(f.text) // 2
    found = set()
    for swapped in f.swaps:
        at = view.find(swapped)
        while at >= 0:
            found.add((at, at + n))
            at = view.find(swapped, at + 1)
    if f.substitutions:
        for anchor, offset in ((f.text[:half], 0), (f.text[half:], half)):
            at = view.find(anchor)
            while at >= 0:
                start = at - offset
                window = view[start : start + n] if start >= 0 else ""
                if len(window) == n:
                    diff = [i for i in range(n) if window[i] != f.text[i]]
                    if len(diff) == 1 and 0 < diff[0] < n - 1 and _is_han(window[diff[0]]):
                        found.add((start, start + n))
                short_start = at - offset + (1 if offset else 0)  # a character dropped before the anchor
                if short_start >= 0 and view[short_start : short_start + n - 1] in f.deletions:
                    found.add((short_start, short_start + n - 1))
                at = view.find(anchor, at + 1)
    if not found:
        return []
    right = []  # where the formula or an excepted phrase stands, the text is right
    for phrase in f.allowed:
        at = view.find(phrase)
        while at >= 0:
            right.append((at, at + len(phrase)))
            at = view.find(phrase, at + 1)
    merged = _merged(right)
    return sorted(s for s in found if not _overlaps(s, merged))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _overlaps(span: tuple[int, int], merged: list[tuple[int, int]]) -> bool:
    """Whether ``span`` overlaps one of ``merged`` (sorted, disjoint): one bisection, so a
    paragraph with thousands of formulas costs no more than it reads."""
    i = bisect_right(merged, (span[0], float("inf"))) - 1
    return (i >= 0 and merged[i][1] > span[0]) or (i + 1 < len(merged) and merged[i + 1][0] < span[1])


#: The options a rule file may give (``-`` for ``_``: ``min-chars``), with their defaults.
OPTIONS = dict(data=REQUIRED, min_length=7)


def make(options: dict, scope: str):
    path = data_path(str(options["data"]))
    if not path.is_file():
        raise ValueError(f"data file {path} not found")
    formulas = load_formulas(str(path), int(options["min_length"]))
    needles = {f: frozenset({f.text[: len(f.text) // 2], f.text[len(f.text) // 2 :], *f.swaps}) for f in formulas}
    for found in needles.values():
        prefilter.SCANNER.learn(found)  # found with the rules' literals, in the same one pass

    _, by_char = candidates_by_character([needles[f] for f in formulas])

    def check(ctx):
        spans: dict[int, list] = {}
        chars = ctx.cached("word-pairs:chars", lambda: frozenset(ctx.normal_index.text))
        for n in sorted(frozenset().union(*(by_char[c] for c in by_char.keys() & chars))):
            f = formulas[n]
            for block in ctx.blocks_containing(needles[f], scope):
                view = ctx.normal(block)
                for start, end in _near_misses(view.text, f):
                    spans.setdefault(block.index, []).append((start, end, f.text, view))
        for index, found in sorted(spans.items()):
            # longest first: a near miss inside a longer formula's near miss is the same slip
            taken: set[int] = set()
            kept = []
            for start, end, text, view in sorted(found, key=lambda s: (s[0] - s[1], s[0])):
                if not taken.intersection(range(start, end)):
                    taken.update(range(start, end))
                    kept.append((start, end, text, view))
            for start, end, text, view in sorted(kept):
                s, e = view.span(start, end)
                as_written = ctx.blocks[index].text[s:e] == view.text[start:end]  # no spaces, no traditional script
                yield Hit(index, s, e, {"right": text}, Fix(text, False) if as_written else None)

    return check
