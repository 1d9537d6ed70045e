"""The ``balance`` kind: paired punctuation left open or closed without an opener (GB/T 15834-2011).

Within one paragraph every opening mark of ``pairs`` needs its closing mark after it, and every
closer needs an opener before it. One finding per kind of pair and paragraph, on the first mark
that has no partner (``{mark}``). Left alone:
  * a quotation of several paragraphs, where each paragraph opens with ``“`` and only the last
    one closes (GB/T 15834-2011, 4.1.3.3);
  * a mark left open at the end of one paragraph and closed at the start of the next: a line
    break from an extraction (``《政府工作报`` / ``告》``), which other rules report;
  * ``’`` between Latin letters (an English apostrophe).
Look-alike quotation marks (〝 〞) count as “ ” here: using them is PU002's finding, not an
imbalance.
Options: ``pairs``, a list of two-character strings (default “” ‘’ 《》 （） 【】).
"""

from __future__ import annotations

from ..ruleset import Hit

_DEFAULT = ["“”", "‘’", "《》", "（）", "【】"]
_LOOK_ALIKES = str.maketrans({"〝": "“", "〞": "”"})


def _unbalanced(text: str, opener: str, closer: str) -> tuple[list[int], list[int]]:
    """Positions of openers never closed and of closers never opened."""
    stack: list[int] = []
    stray: list[int] = []
    for i, c in enumerate(text):
        if c == opener:
            stack.append(i)
        elif c == closer:
            if closer == "’" and 0 < i < len(text) - 1 and text[i - 1].isascii() and text[i - 1].isalpha():
                continue
            if stack:
                stack.pop()
            else:
                stray.append(i)
    return stack, stray


def make(options: dict, scope: str):
    pairs = options.pop("pairs", _DEFAULT)
    if not isinstance(pairs, list) or not all(isinstance(p, str) and len(p) == 2 for p in pairs):
        raise ValueError("pairs must be a list of two-character strings such as “”")
    if options:
        raise ValueError(f"unknown options {', '.join(options)}")

    def check(ctx):
        blocks = [b for b in ctx.blocks_in_scope(scope) if b.text.strip()]
        for opener, closer in pairs:
            state = [_unbalanced(b.text.translate(_LOOK_ALIKES), opener, closer) for b in blocks]
            for i, block in enumerate(blocks):
                unclosed, stray = state[i]
                nxt = state[i + 1] if i + 1 < len(blocks) else ([], [])
                prev = state[i - 1] if i > 0 else ([], [])
                text_next = blocks[i + 1].text.lstrip(" \u3000") if i + 1 < len(blocks) else ""
                if unclosed and (text_next.startswith(opener) or nxt[1]):
                    unclosed = []  # a quotation going on in the next paragraph, or a split line
                if stray and prev[0]:
                    stray = []  # closes what the previous paragraph left open
                marks = sorted(unclosed + stray)
                if marks:
                    at = marks[0]
                    yield Hit(block.index, at, at + 1, {"mark": block.text[at], "pair": opener + closer})

    return check
