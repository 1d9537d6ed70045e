"""The ``word-pairs`` kind: words known to be wrong, each with the word it replaced.

The pairs live in a data file under ``rules/data/`` (not in code), one entry per pair::

    - {wrong: 宽敞, right: 广大, pattern: '宽敞(?=群众|青年)', seen: "seeds/002"}

``pattern`` (optional, default the wrong word itself) is a ``regex`` that gives the context in
which the word is wrong; the finding quotes its match, and ``{right}`` names the likely
original. Options:
  ``data``       the data file, relative to the rules folder (``data/spun-pairs.yaml``);
  ``document``   false (default): one finding per occurrence. true: one finding per document
                 when at least ``min-pairs`` different pairs occur in it (``{pairs}`` lists
                 them, ``{count}`` counts occurrences), at the first occurrence;
  ``fix``        true: each finding whose match is the ``wrong`` word carries a fix to the
                 ``right`` word; ``safe`` (default false) says whether that fix is certain.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import regex

from .. import prebuilt
from ..model import Fix, Hit
from . import REQUIRED

_TIMEOUT_S = 2.0


@lru_cache(maxsize=8)
def load_pairs(path: str) -> tuple[tuple[str, str, "regex.Pattern[str]", frozenset[str] | None], ...]:
    """(wrong, right, compiled pattern, the literals the prefilter looks for) for each pair."""
    from .. import prefilter

    entries = read_data(path)
    if not isinstance(entries, dict) or not isinstance(entries.get("pairs"), list):
        raise ValueError(f"{path}: needs a 'pairs' list")
    out = []
    for n, e in enumerate(entries["pairs"], 1):
        if not isinstance(e, dict) or not isinstance(e.get("wrong"), str) or not isinstance(e.get("right"), str):
            raise ValueError(f"{path}: pair {n} needs 'wrong' and 'right' strings")
        source = e.get("pattern") or regex.escape(e["wrong"])
        try:
            compiled = prebuilt.compile(source)
        except regex.error as exc:
            raise ValueError(f"{path}: pair {n} ({e['wrong']}): bad pattern: {exc}") from None
        out.append((e["wrong"], e["right"], compiled, prefilter.required_literals(source)))
    return tuple(out)


def candidates_by_character(needle_sets) -> tuple[frozenset[int], dict[str, frozenset[int]]]:
    """An index of a list of hundreds of words by character: the items without literals, and for
    each character the items one of whose literals it is the least shared character of. A document
    lacking that character cannot hold the literal, so one set intersection with the document's
    characters picks the few items worth a search (most hold a character the document lacks)."""
    shared: dict[str, int] = {}
    for needles in needle_sets:
        for needle in needles or ():
            for c in set(needle):
                shared[c] = shared.get(c, 0) + 1
    always, by_char = set(), {}
    for n, needles in enumerate(needle_sets):
        if needles is None:
            always.add(n)
            continue
        for needle in needles:
            by_char.setdefault(min(needle, key=lambda c: (shared[c], c)), set()).add(n)
    return frozenset(always), {c: frozenset(items) for c, items in by_char.items()}


def read_data(path: str | Path) -> object:
    """A data file of the word lists (``rules/data/*.yaml``), parsed once and kept in the prebuilt
    store by its text: a process that finds it unchanged never imports yaml (libyaml when it
    parses; the pure-Python loader took 15 ms of every start)."""
    text = Path(path).read_text(encoding="utf-8")

    def parse():
        import yaml

        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))

    return prebuilt.data(f"yaml:{text}", parse)


def data_path(name: str) -> Path:
    """A data file a rule names: as given when absolute, else in draftlint's own rules folder."""
    from ..installed import rules_dir

    path = Path(name)
    if path.is_absolute():
        return path
    folder = rules_dir()
    if folder is None:
        raise ValueError("draftlint's own rules/ folder is missing from this installation")
    return folder / path


#: The options a rule file may give (``-`` for ``_``: ``min-chars``), with their defaults.
OPTIONS = dict(data=REQUIRED, document=False, min_pairs=3, fix=False, safe=False)


def make(options: dict, scope: str, timed: bool = True):
    path = data_path(str(options["data"]))
    document, min_pairs = bool(options["document"]), int(options["min_pairs"])
    with_fix, safe = bool(options["fix"]), bool(options["safe"])
    if not path.is_file():
        raise ValueError(f"data file {path} not found")
    pairs = load_pairs(str(path))
    always, by_char = candidates_by_character([needles for *_, needles in pairs])
    limit = {"timeout": _TIMEOUT_S} if timed else {}

    def occurrences(ctx):
        found = []
        chars = ctx.cached("word-pairs:chars", lambda: frozenset(ctx.normal_index.text))
        for n in sorted(always.union(*(by_char[c] for c in by_char.keys() & chars))):
            wrong, right, pattern, needles = pairs[n]
            # only the blocks holding the pair's literals, as for pattern rules
            for block in ctx.blocks_containing(needles, scope):
                view = ctx.normal(block)  # simplified script, no spaces inside Chinese text
                for m in pattern.finditer(view.text, **limit):
                    if m.end() > m.start():
                        start, end = view.span(m.start(), m.end())
                        exact = m.group() == wrong and block.text[start:end] == wrong
                        found.append((block.index, start, end, wrong, right, exact))
        found.sort()
        return found

    def check(ctx):
        found = ctx.cached(f"word-pairs:{path}:{scope}", lambda: occurrences(ctx))
        if not document:
            for index, start, end, wrong, right, exact in found:
                fix = Fix(right, safe) if with_fix and exact else None
                yield Hit(index, start, end, {"wrong": wrong, "right": right}, fix)
            return
        distinct = list(dict.fromkeys((w, r) for *_, w, r, _exact in found))
        if len(distinct) >= min_pairs:
            index, start, end, *_ = found[0]
            listed = "、".join(f"{w}←{r}" for w, r in distinct[:8]) + ("……" if len(distinct) > 8 else "")
            yield Hit(index, start, end, {"pairs": listed, "kinds": str(len(distinct)), "count": str(len(found))})

    return check
