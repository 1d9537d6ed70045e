"""The ``replacement-char`` kind: U+FFFD characters that the reader did not put there.

The TXT reader turns bytes it cannot decode into U+FFFD and marks them ``undecodable`` (rule
EN001 reports those). A U+FFFD without that mark was already in the file: the text was damaged
by an earlier conversion (a DOCX pasted from a broken web page, a TXT saved after a bad decode).
"""

from __future__ import annotations


from ..model import Hit
from .. import prebuilt

_FFFD = prebuilt.compile("\ufffd+")


OPTIONS: dict = {}  # a rule file gives this kind no options


def make(options: dict, scope: str):
    def check(ctx):
        for block in ctx.blocks_in_scope(scope):
            if "\ufffd" not in block.text:
                continue
            marked = [(m.start, m.end) for m in block.marks if m.kind == "undecodable"]
            for m in _FFFD.finditer(block.text):
                if not any(s <= m.start() and m.end() <= e for s, e in marked):
                    yield Hit(block.index, m.start(), m.end())

    return check
