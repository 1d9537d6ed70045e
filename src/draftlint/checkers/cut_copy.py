"""The ``cut-copy`` kind: a paragraph that is a cut-off copy of the paragraph after it.

Downloaded drafts often open with a truncated duplicate of their first paragraph. Trailing
punctuation of the cut copy is ignored (``组织建设、。`` is a prefix of ``组织建设、关爱…``).
"""

from __future__ import annotations

from ..model import Hit
_TRAILING = " \t\u3000。，、；：,;:.!?！？…"


#: The options a rule file may give (``-`` for ``_``: ``min-chars``), with their defaults.
OPTIONS = dict(min_chars=10)


def make(options: dict, scope: str):
    min_chars = int(options["min_chars"])

    def check(ctx):
        blocks = [b for b in ctx.blocks if b.text.strip()]
        for block, nxt in zip(blocks, blocks[1:]):
            stem = block.text.strip().rstrip(_TRAILING)
            following = nxt.text.strip()
            if len(stem) >= min_chars and len(following) > len(stem) + 1 and following.startswith(stem):
                if block.text.strip() == following[: len(block.text.strip())]:
                    continue  # a true prefix with the same punctuation: a heading repeated in text
                start = len(block.text) - len(block.text.lstrip())
                yield Hit(block.index, start, len(block.text.rstrip()), {"next": str(nxt.line)})

    return check
