"""The ``run-in-sections`` kind: a run-in heading kept with no text after it.

A 总结 often heads its paragraphs with a short label and a full stop, the text following on the
same line (``教育事业。进一步规范学校财务管理……``). A template lists every label; the writer fills
some and leaves others. What is left is a label alone on its line (``工会工作``) between two
such paragraphs, or a label whose full stop is followed by nothing but a note in brackets
(``群团工作。（共青团、妇联）``) after one; a label and its full stop alone count only when the
next paragraph is another item (else the text may just start on the next line). A short line
before the first run-in paragraph is the section's own heading, not an empty one, and is left
alone, and so is a counting word cut from its sentence by a line break (二要 / 更加重视质量。).
"""

from __future__ import annotations

from ..model import Hit
from .. import prebuilt

#: A paragraph with a run-in heading: a label of two to eight characters, a full stop, the text.
_RUN_IN = prebuilt.compile(r"^[\s\u3000]*\p{Han}{2,8}[ \u3000]?。[\s\u3000]*(?=\S)(?![（(][^）)]*[）)][\s\u3000]*$).{8,}")
#: A label alone on its line (not the start of a counted sentence cut by a line break: 二要, 其次).
_BARE = prebuilt.compile(
    r"^[\s\u3000]*(?![一二三四五六七八九十]+[是要则]|首先|其次|再次|最后|另外|同时)(\p{Han}{3,8})[\s\u3000]*$")
#: A label and its full stop with nothing after it but a note in brackets (``note``).
_EMPTY = prebuilt.compile(
    r"^[\s\u3000]*(\p{Han}{2,8}[ \u3000]?。)[\s\u3000]*(?P<note>[（(][^（()）\n]{1,20}[）)])?[\s\u3000]*$")

OPTIONS: dict = {}  # a rule file gives this kind no options
_LOOK_BACK = 3  # paragraphs before a label-and-stop line in which a run-in paragraph must stand


def make(options: dict, scope: str):
    def check(ctx):
        blocks = [b for b in ctx.blocks_in_scope(scope) if b.part == "body" and b.table is None and b.text.strip()]
        run_in = [bool(_RUN_IN.match(ctx.normal(b).text)) for b in blocks]
        for i, block in enumerate(blocks):
            text = block.text
            bare = _BARE.match(text)
            if bare and 0 < i < len(blocks) - 1 and run_in[i - 1] and run_in[i + 1]:
                yield Hit(block.index, bare.start(1), bare.end(1))
                continue
            empty = _EMPTY.match(text)
            if not empty or not any(run_in[max(0, i - _LOOK_BACK) : i]):
                continue
            # with no note, the label's text may simply start on the next line (推进投资体制改革。
            # / 主要目标是：……): only a next paragraph that is another item, or none, says it is empty
            if empty.group("note") or i == len(blocks) - 1 or run_in[i + 1]:
                yield Hit(block.index, empty.start(1), empty.end(1))

    return check
