"""The ``balance`` kind: paired punctuation left open or closed without an opener (GB/T 15834-2011).

Within one paragraph every opening mark of ``pairs`` needs its closing mark after it, and every
closer needs an opener before it. One finding per paragraph, on the first mark that has no partner
(``{mark}``). Left alone:
  * a quotation of several paragraphs, where each paragraph opens with ``“`` and only the last
    one closes (GB/T 15834-2011, 4.1.3.3);
  * a mark left open in one paragraph and closed within the next twenty: a line break from
    an extraction (``《政府工作报`` / ``告》``), which other rules report;
  * ``’`` after a Latin letter or before a digit (an apostrophe: China’s, 昆明’99).
Look-alike quotation marks (〝 〞) count as “ ” here: using them is PU002's finding, not an
imbalance.
Options: ``pairs``, a list of two-character strings (default “” ‘’ 《》 （） 【】).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Hit
_DEFAULT = ["“”", "‘’", "《》", "（）", "【】"]
_SPLIT = 20  # an extraction may break a pair over this many lines (《 / 毛主席语录 / 》, a law's
# revision history in （…） over a dozen lines)
_REVISION_NOTE = re.compile(r"^\s*\d{4}年\d{1,2}月\d{1,2}日")
_LOOK_ALIKES = str.maketrans({"〝": "“", "〞": "”"})


@lru_cache(maxsize=None)
def _marks(opener: str, closer: str) -> "re.Pattern[str]":
    return re.compile(f"[{re.escape(opener)}{re.escape(closer)}]")


def _unbalanced(text: str, opener: str, closer: str) -> tuple[list[int], list[int]]:
    """Positions of openers never closed and of closers never opened."""
    stack: list[int] = []
    stray: list[int] = []
    if opener not in text and closer not in text:
        return stack, stray
    for m in _marks(opener, closer).finditer(text):  # only the marks: C-speed over long paragraphs
        i, c = m.start(), m.group()
        if c == opener:
            stack.append(i)
        elif c == closer:
            if closer == "’" and i < len(text) - 1 and (
                (i > 0 and text[i - 1].isascii() and text[i - 1].isalpha()) or text[i + 1].isdigit()
            ):
                continue  # an apostrophe: China’s, ’99
            if stack:
                stack.pop()
            else:
                stray.append(i)
    return stack, stray


#: The options a rule file may give (``-`` for ``_``: ``min-chars``), with their defaults.
OPTIONS = dict(pairs=_DEFAULT)


def make(options: dict, scope: str):
    pairs = options["pairs"]
    if not isinstance(pairs, list) or not all(isinstance(p, str) and len(p) == 2 for p in pairs):
        raise ValueError("pairs must be a list of two-character strings such as “”")

    def check(ctx):
        blocks = [b for b in ctx.blocks_in_scope(scope) if b.text.strip()]
        reported: set[int] = set()
        texts = [b.text.translate(_LOOK_ALIKES) if "〝" in b.text or "〞" in b.text else b.text for b in blocks]
        for opener, closer in pairs:
            state = [_unbalanced(text, opener, closer) for text in texts]
            for i, block in enumerate(blocks):
                unclosed, stray = state[i]
                if not unclosed and not stray:
                    continue  # balanced, as most paragraphs are
                text_next = blocks[i + 1].text.lstrip(" \u3000") if i + 1 < len(blocks) else ""
                if unclosed and (text_next.startswith(opener) or any(s[1] for s in state[i + 1 : i + 1 + _SPLIT])):
                    unclosed = []  # a quotation going on in the next paragraph, or a split line
                if stray and any(s[0] for s in state[max(0, i - _SPLIT) : i]):
                    stray = []  # closes what a paragraph just before left open
                if stray and _REVISION_NOTE.match(block.text):
                    stray = []  # a law's revision history: its （ stood on a line the extraction dropped
                marks = sorted(unclosed + stray)
                if marks and block.index not in reported:
                    reported.add(block.index)
                    at = marks[0]
                    yield Hit(block.index, at, at + 1, {"mark": block.text[at], "pair": opener + closer})

    return check
