"""Document structure: numbering labels, headings and the outline.

Chinese official documents number their headings by level: ``一、`` then ``（一）`` then ``1.``
then ``（1）``; laws use ``第一章`` and ``第一条``. This module reads those labels (and, for DOCX,
heading styles and outline levels) into an :class:`Outline` that structure rules walk.
"""

from __future__ import annotations

from functools import cached_property
from typing import NamedTuple

import regex

from .model import Block, Document
from . import prebuilt

_CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUM = r"[一二三四五六七八九十百千零〇两]+"


def chinese_to_int(text: str) -> int | None:
    """``"十二"`` → 12, ``"一百零五"`` → 105, ``"二〇"`` → 20 (digit by digit); None if not a number."""
    if not text:
        return None
    if all(c in _CN_DIGITS for c in text) and len(text) > 1:
        value = 0
        for c in text:
            value = value * 10 + _CN_DIGITS[c]
        return value
    total, current = 0, 0
    for c in text:
        if c in _CN_DIGITS:
            current = _CN_DIGITS[c]
        elif c in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[c]
            current = 0
        else:
            return None
    return total + current


_CN_CHARS = "零一二三四五六七八九"


def int_to_chinese(n: int) -> str:
    if n < 10:
        return _CN_CHARS[n]
    if n < 20:
        return "十" + (_CN_CHARS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_CHARS[n // 10] + "十" + (_CN_CHARS[n % 10] if n % 10 else "")
    return str(n)


class NumberStyle(NamedTuple):
    """One way of numbering: its rank (1 = outermost) and how to write value n."""

    key: str
    rank: int
    regex: "regex.Pattern[str]"
    chinese: bool
    continuous: bool = False  # never restarts under a parent (law articles)
    sectioning: bool = True  # numbers section titles; 1. and (1) items are mostly plain lists

    def label(self, value: int, like: str) -> str:
        """Write ``value`` in this style, copying the brackets/punctuation of ``like``."""
        m = self.regex.match(like)
        assert m is not None
        number = int_to_chinese(value) if self.chinese else str(value)
        return like[: m.start("n")] + number + like[m.end("n") : m.end()]


_LEAD = r"^[\s\u3000]*(?:附件[：:][\s\u3000]*)?"
# 第一章总则 is a chapter heading too: after 编, 部分, 章 and 节 a title may follow with no space,
# unless the words go on as a reference (第二章的规定, 第三节课).
_TITLE_FOLLOWS = r"(?![的之中所规])"
STYLES: tuple[NumberStyle, ...] = (
    NumberStyle("part", 1, prebuilt.compile(_LEAD + r"第(?P<n>" + CN_NUM + r")编" + _TITLE_FOLLOWS), True),
    NumberStyle("portion", 1, prebuilt.compile(_LEAD + r"第(?P<n>" + CN_NUM + r")部分" + _TITLE_FOLLOWS), True),
    NumberStyle("chapter", 2, prebuilt.compile(_LEAD + r"第(?P<n>" + CN_NUM + r")章" + _TITLE_FOLLOWS), True),
    NumberStyle("section", 3, prebuilt.compile(_LEAD + r"第(?P<n>" + CN_NUM + r")节(?![的之中所规课日点])"), True),
    NumberStyle("article", 4, prebuilt.compile(_LEAD + r"第(?P<n>" + CN_NUM + r")条(?:之[一二三四五六七八九十]+)?(?=[\s\u3000]|$)"), True, continuous=True),
    NumberStyle("cn-dun", 5, prebuilt.compile(_LEAD + r"(?P<n>" + CN_NUM + r")(?:、|[．.](?![\d]))"), True),
    NumberStyle("cn-paren", 6, prebuilt.compile(_LEAD + r"[（(〔](?P<n>" + CN_NUM + r")[）)〕]"), True),
    NumberStyle("arabic-dot", 7, prebuilt.compile(_LEAD + r"(?P<n>\d{1,3})(?:[、．]|\.(?![\d.]))(?![\d%％])"), False, sectioning=False),
    NumberStyle("arabic-paren", 8, prebuilt.compile(_LEAD + r"[（(](?P<n>\d{1,3})[）)]"), False, sectioning=False),
    NumberStyle("circled", 9, prebuilt.compile(_LEAD + r"(?P<n>[①-⑳])"), False, sectioning=False),
)
STYLE_BY_KEY = {s.key: s for s in STYLES}
RANK_OF_OUTLINE = {1: 5, 2: 6, 3: 7, 4: 8}
ARTICLE_UNDER_HEADINGS_RANK = 5.5  # between 一、 and （一）


class Numbering(NamedTuple):
    style: NumberStyle
    value: int
    label: str  # as written, e.g. "（一）"
    end: int  # offset in the block's display text where the label ends


def parse_numbering(text: str) -> Numbering | None:
    """The heading number a paragraph starts with, if any."""
    if not text:
        return None
    first = text.lstrip(" \t\u3000")[:1]
    if not first or not (first in "附第（(〔①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳" or first.isdigit() or first in "一二三四五六七八九十"):
        return None
    for style in STYLES:
        m = style.regex.match(text)
        if not m:
            continue
        raw = m.group("n")
        if style.key == "circled":
            value = ord(raw) - ord("①") + 1
        elif style.chinese:
            value = chinese_to_int(raw)
        else:
            value = int(raw)
        if value is None or value <= 0:
            return None
        return Numbering(style, value, m.group(0).lstrip(" \t\u3000"), m.end())
    return None


# A heading's title has no sentence punctuation and is short; a numbered paragraph that goes on
# into sentences carries its own body ("（一）突出政治站位。区委坚持……").
_SENTENCE_PUNCT = prebuilt.compile(r"[。；;！!？?]")
_TRAILING_CONTINUES = tuple("，,、：:")
MAX_TITLE_CHARS = 40


class Heading(NamedTuple):
    block: Block
    rank: float  # 1 = outermost; comparable across numbering styles and heading styles
    numbering: Numbering | None
    standalone: bool  # a title on its own line, whose body must follow in later blocks

    @property
    def title(self) -> str:
        return self.block.display_text.strip()


def classify(block: Block) -> Heading | None:
    """Return the heading (or numbered paragraph) this block is, or None for body text."""
    text = block.display_text
    numbering = parse_numbering(text)
    if block.outline_level is not None and block.outline_level <= 9:
        rank = numbering.style.rank if numbering else RANK_OF_OUTLINE.get(block.outline_level, 4 + block.outline_level)
        return Heading(block, rank, numbering, standalone=bool(text.strip()))
    if numbering is None:
        return None
    title = text[numbering.end :].strip()
    if not title:
        return None  # a label alone on its line: a list marker cut off from its text
    standalone = (
        numbering.style.sectioning
        and bool(title)
        and len(title) <= MAX_TITLE_CHARS
        and not _SENTENCE_PUNCT.search(title)
        and not title.endswith(_TRAILING_CONTINUES)
    )
    return Heading(block, numbering.style.rank, numbering, standalone)


# A table of contents: a line that is 目录 (目 录, …决算目录), and its entries: short lines, each a
# heading's title, perhaps with dot leaders and a page number.
_TOC_TITLE = prebuilt.compile(r"^[\s\u3000]*[^。；;，,：:]{0,40}?(?<![和及与、])目[\s\u3000]*录[\s\u3000]*$")
_TOC_ENTRY_TAIL = prebuilt.compile(r"[\s\u3000.．·…—-]*\d{0,4}[\s\u3000]*$")
_TOC_ENTRY_MAX = 60
_NO_SPACE = prebuilt.compile(r"[\s\u3000]+")
#: A run of body-less headings that many later headings repeat is a table of contents too.
TOC_MIN_RUN = 3


def _entry_key(text: str) -> str:
    """A heading's text as a table of contents and the body both write it."""
    return _NO_SPACE.sub("", _TOC_ENTRY_TAIL.sub("", text))


class Outline:
    """The headings and numbered paragraphs of a document, in order.

    Lines of a table of contents (:attr:`toc`) are not headings: they name the headings that
    come later, so their numbering and their empty "sections" say nothing.
    """

    def __init__(self, document: Document):
        self.document = document
        self.items: list[Heading] = []
        self.by_block: dict[int, Heading] = {}
        body = [b for b in document.blocks if b.part in ("body", "table")]
        self.toc: frozenset[int] = self._contents(body)
        for block in body:
            if block.index in self.toc:
                continue
            heading = classify(block)
            if heading is not None:
                self.items.append(heading)
        self._nest_articles_under_headings()
        self.by_block = {h.block.index: h for h in self.items}

    @staticmethod
    def _contents(blocks: list[Block]) -> frozenset[int]:
        """Blocks that belong to a table of contents: after a 目录 line, the short lines without
        sentences up to the first prose or the first entry written again (the body starts);
        elsewhere, a run of at least :data:`TOC_MIN_RUN` body-less headings whose first title, or
        most of whose titles, the document writes again later (the body starts over)."""
        toc: set[int] = set()
        lines = [b for b in blocks if b.text.strip()]
        i = 0
        while i < len(lines):
            if not _TOC_TITLE.match(lines[i].text) or parse_numbering(lines[i].text) is not None:
                i += 1
                continue
            toc.add(lines[i].index)
            seen: set[str] = set()
            j = i + 1
            while j < len(lines):
                text = lines[j].display_text.strip()
                key = _entry_key(text)
                if len(text) > _TOC_ENTRY_MAX or _SENTENCE_PUNCT.search(text) or key in seen:
                    break
                seen.add(key)
                toc.add(lines[j].index)
                j += 1
            i = j
        # a contents list without its 目录 line: headings with no body between them, repeated later
        heads = [(k, _entry_key(b.display_text)) for k, b in enumerate(lines)
                 if b.index not in toc and (h := classify(b)) is not None and h.standalone]
        run: list[tuple[int, str]] = []
        for n, (k, key) in enumerate(heads + [(-1, "")]):
            if run and k == run[-1][0] + 1 and key not in {seen for _, seen in run}:
                run.append((k, key))  # a title written again ends the contents: the body starts
                continue
            if len(run) >= TOC_MIN_RUN:
                later = {key for _, key in heads[n:]}
                repeated = [key in later for _, key in run]
                if repeated[0] or sum(repeated) * 3 >= len(run) * 2:
                    toc.update(lines[k].index for k, _ in run)
            run = [(k, key)]
        return frozenset(toc)

    def _nest_articles_under_headings(self) -> None:
        """Judicial interpretations put ``第一条`` under ``一、`` headings; laws put ``一、`` items
        inside articles. Whichever comes first in the document is the outer one."""
        first: dict[str, int] = {}
        for i, h in enumerate(self.items):
            if h.numbering is not None:
                first.setdefault(h.numbering.style.key, i)
        if "article" in first and "cn-dun" in first and first["cn-dun"] < first["article"]:
            self.items = [
                Heading(h.block, ARTICLE_UNDER_HEADINGS_RANK, h.numbering, h.standalone)
                if h.numbering is not None and h.numbering.style.key == "article"
                else h
                for h in self.items
            ]

    @cached_property
    def _paths(self) -> dict[int, tuple[str, ...]]:
        """Block index → titles of the standalone headings it sits under."""
        paths: dict[int, tuple[str, ...]] = {}
        stack: list[Heading] = []
        for block in self.document.blocks:
            h = self.by_block.get(block.index)
            if h is not None and h.standalone:
                while stack and stack[-1].rank >= h.rank:
                    stack.pop()
                paths[block.index] = tuple(x.title for x in stack)
                stack.append(h)
            else:
                paths[block.index] = tuple(x.title for x in stack)
        return paths

    def heading_path(self, block_index: int) -> tuple[str, ...]:
        return self._paths.get(block_index, ())
