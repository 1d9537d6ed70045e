"""The ``traditional`` kind: traditional characters in a document written in simplified script.

Which characters are traditional, and their simplified forms, is OpenCC's table
(:mod:`draftlint.zh_script`).

Two findings, by how much of the document is traditional:
  * most of the document is traditional (share of traditional among the characters that have
    two forms above ``dominant-share``): one finding for the whole document, at its first
    traditional character (a 简体 document converted to 繁体, or a 繁体 source pasted whole);
  * otherwise one finding per paragraph of simplified text that holds traditional characters,
    with the count and their simplified forms in ``{simplified}``. A paragraph itself mostly
    traditional (share above ``dominant-share``) is a passage quoted or pasted in that script
    (an old report, a licence notice) and is not a slip: it is left alone.
When more than ``mixed-paragraphs`` (default 5) paragraphs hold them, the text mixes the two
scripts throughout (a 1950s report as published): one finding at the first, with the total.
Options: ``dominant-share`` (default 0.5), ``allow`` (characters never reported, e.g. ``乾`` of
乾隆), ``document`` (true: report only the whole-document case; false: only paragraphs).
"""

from __future__ import annotations

from functools import lru_cache

from ..model import Hit
from ..zh_script import scanner_of, tables
from . import REQUIRED


@lru_cache(maxsize=8)
def _traditional(allow: frozenset[str]):
    """The scanner of traditional characters (less ``allow``), with the set it stands for."""
    wanted = frozenset(tables()[0]) - allow
    return scanner_of(wanted), wanted


@lru_cache(maxsize=1)
def _two_forms():
    """The scanner of simplified characters that have a traditional form, with their set: built
    only for a document holding traditional characters."""
    two_forms = tables()[1]
    return scanner_of(two_forms), two_forms


def _outweighed(found: int, texts, two_forms_scan, two_forms, share: float) -> bool:
    """Whether ``found`` traditional characters make up more than ``share`` of themselves and the
    simplified characters (with a traditional form) of ``texts``. The simplified ones are
    counted only until the answer is certain: found / (found + n) only falls as n grows, so a
    draft with a few traditional characters stops after a few matches, not at its end."""
    if share >= 1:  # found / (found + 0) is 1: no share above that
        return False
    n = 0
    for text in texts:
        for m in two_forms_scan.finditer(text):
            if m.group() in two_forms:
                n += 1
                if found / (found + n) <= share:
                    return False
    return True


def mostly_traditional(texts: list[str], share: float = 0.5, allow: frozenset[str] = frozenset("乾")) -> bool:
    """Whether traditional characters make up more than ``share`` of the characters of ``texts``
    that have two forms: EN007's test of a traditional document, for the rules that look inside
    one (``script-conversion``)."""
    traditional, wanted = _traditional(allow)
    found = sum(1 for text in texts for m in traditional.finditer(text) if m.group() in wanted)
    if not found:
        return False
    two_forms_scan, two_forms = _two_forms()
    return _outweighed(found, texts, two_forms_scan, two_forms, share)


#: The options a rule file may give (``-`` for ``_``: ``min-chars``), with their defaults.
OPTIONS = dict(dominant_share=0.5, allow="", document=REQUIRED, mixed_paragraphs=5)


def make(options: dict, scope: str):
    share, allow = float(options["dominant_share"]), frozenset(str(options["allow"]))
    whole, mixed_paragraphs = bool(options["document"]), int(options["mixed_paragraphs"])

    def analyse(ctx):
        traditional, wanted = _traditional(allow)
        per_block = []
        trad = 0
        if traditional.search(ctx.index.text) is None:
            return per_block, False, trad  # one C-speed scan clears most documents
        two_forms_scan, two_forms = _two_forms()
        blocks = list(ctx.blocks_in_scope(scope))
        for block in blocks:
            found = [(m.start(), m.group()) for m in traditional.finditer(block.text) if m.group() in wanted]
            trad += len(found)
            if found:
                mostly = _outweighed(len(found), [block.text], two_forms_scan, two_forms, share)
                per_block.append((block, found, mostly))
        dominant = trad > 0 and _outweighed(trad, [b.text for b in blocks], two_forms_scan, two_forms, share)
        return per_block, dominant, trad

    def check(ctx):
        per_block, dominant, total = ctx.cached(f"traditional:{share}:{''.join(sorted(allow))}:{scope}", lambda: analyse(ctx))
        to_simple, _ = tables()
        if whole:
            if dominant and per_block:
                block, found, _ = per_block[0]
                i = found[0][0]
                yield Hit(block.index, i, i + 1, {"count": str(total)})
            return
        if dominant:
            return
        kept = [(b, f) for b, f, mostly_traditional in per_block if not mostly_traditional]
        if len(kept) > mixed_paragraphs:
            # traditional characters all through the text: one finding for the document
            block, found = kept[0]
            every = [c for _, f in kept for _, c in f]
            chars = "".join(dict.fromkeys(every))[:12]
            yield Hit(block.index, found[0][0], found[-1][0] + 1,
                      {"count": str(len(every)), "chars": chars, "simplified": "".join(to_simple[c] for c in chars)})
            return
        for block, found in kept:
            chars = "".join(dict.fromkeys(c for _, c in found))
            simple = "".join(to_simple[c] for c in chars)
            yield Hit(block.index, found[0][0], found[-1][0] + 1,
                      {"count": str(len(found)), "chars": chars, "simplified": simple})

    return check

