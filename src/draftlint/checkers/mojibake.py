"""The ``mojibake`` kind: Chinese text decoded with a Western code page (``ä¸­æ–‡``, ``ÖÐÎÄ``).

A run of Latin-1 / Windows-1252 letters is re-encoded with that code page and decoded as UTF-8
and as GBK; when either gives back mostly Chinese characters the run is reported with the text
it stood for (``{original}``). Real accented words (café, Müller) do not decode to Chinese and
are left alone.
"""

from __future__ import annotations


from ..model import Hit
from .. import prebuilt

# Characters that cp1252/latin-1 produce for the bytes 0x80-0xFF.
_RUN = prebuilt.compile(r"[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                     r"\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{4,}")
_HAN = prebuilt.compile(r"\p{Han}")
# Latin-1 letters (× and ÷ are not: a placeholder ×××× holds none).
_LETTER = prebuilt.compile(r"[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]")


def _recover(run: str) -> str | None:
    for codepage in ("cp1252", "latin-1"):
        try:
            raw = run.encode(codepage)
        except UnicodeEncodeError:
            continue
        for target in ("utf-8", "gbk"):
            try:
                text = raw.decode(target)
            except UnicodeDecodeError:
                continue
            if len(_HAN.findall(text)) * 2 >= len(text) and len(text) >= 2:
                return text
    return None


OPTIONS: dict = {}  # a rule file gives this kind no options


def make(options: dict, scope: str):
    def check(ctx):
        if _LETTER.search(ctx.index.text) is None:
            return  # a finding needs two of these letters: one C-speed scan clears most documents
        for block in ctx.blocks_in_scope(scope):
            for m in _RUN.finditer(block.text):
                if len(_LETTER.findall(m.group())) < 2:
                    continue  # punctuation only (……——“”): ordinary Chinese typography
                original = _recover(m.group())
                if original is not None:
                    yield Hit(block.index, m.start(), m.end(), {"original": original})

    return check
