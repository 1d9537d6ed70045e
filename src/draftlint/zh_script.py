"""The two scripts of Chinese: which characters are traditional forms, and their simplified
ones, from OpenCC's character tables (``TSCharacters.txt`` / ``STCharacters.txt`` as shipped by
the ``opencc-python-reimplemented`` package). The normalised view folds the traditional forms
(:mod:`draftlint.normalise`) and the ``traditional`` checker counts them; both read them here.

A character counts as traditional only when it has a different simplified form and is not
itself a simplified character (``著``, ``干`` and ``后`` are both, so they never count).
"""

from __future__ import annotations

import os
from functools import lru_cache


@lru_cache(maxsize=1)
def tables() -> tuple[dict[str, str], frozenset[str]]:
    """``(traditional -> simplified, simplified characters that have a traditional form)``."""
    import re
    from importlib.util import find_spec

    # opencc-python-reimplemented ships OpenCC's dictionaries; only its files are needed, and
    # importing it (10 ms) is not
    spec = find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("opencc (pip install opencc-python-reimplemented)")
    folder = os.path.join(list(spec.submodule_search_locations)[0], "dictionary")

    def load(name: str) -> list[tuple[str, str]]:
        """(key, its first value) per line of ``key<TAB>value value…``, parsed at C speed."""
        with open(os.path.join(folder, name), encoding="utf-8") as fh:
            return re.findall(r"^([^\t\n]+)\t[ ]*([^\s]+)", fh.read(), re.M)

    def build() -> dict[str, str]:
        ts, st = load("TSCharacters.txt"), load("STCharacters.txt")
        simplified = frozenset(k for k, _ in st) | frozenset(v for _, v in ts)
        return {k: v for k, v in ts if len(k) == 1 and k not in simplified and v != k}

    from . import prebuilt

    stamps = [os.stat(os.path.join(folder, n)) for n in ("TSCharacters.txt", "STCharacters.txt")]
    key = "opencc:" + ":".join(f"{s.st_size}:{s.st_mtime_ns}" for s in stamps)
    to_simple = dict(prebuilt.data(key, build))  # kept with the patterns: not parsed again
    return to_simple, frozenset(to_simple.values())


def scanner_of(chars: frozenset[str]):
    """A regex finding ``chars``: a C-speed scan of 30 MB paragraphs. ``re`` scans a class of BMP
    characters fast, so characters beyond the BMP are matched as a range and checked after."""
    import re

    # Written as ranges of consecutive code points: ~2,500 items instead of ~4,100 halve the
    # compile, which every process pays before its first document (7.6 -> 4.1 ms).
    points = sorted(ord(c) for c in chars if ord(c) <= 0xFFFF)
    items, i = [], 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        first, last = re.escape(chr(points[i])), re.escape(chr(points[j]))
        items.append(first if i == j else f"{first}{last}" if j == i + 1 else f"{first}-{last}")
        i = j + 1
    return re.compile(f"[{''.join(items)}]|[\\U00010000-\\U0010FFFF]")
