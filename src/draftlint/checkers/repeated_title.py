"""The ``repeated-title`` kind: a title printed again at the top of a document.

A page copied from a web site or a 范文 collection carries its title two or three times: as the
page title, the collection's heading, the article's own title, and once more glued to the first
sentence (``…工作总结…工作总结后勤党支部在院党委领导下``), sometimes with another year, a
collection marker (``第一篇：``, ``【篇一】``, ``…范文(二篇)``) or split over two lines. Only the
opening of a document is looked at: lines up to the second paragraph of prose. There a line
is reported when

* it says again what an earlier title line says (the same words once spaces, punctuation, a
  leading year and collection markers are set aside, or nearly the same: one word added or
  changed); when only the earlier copy carries a site's tail (…事迹_优秀党员事迹, …总结|…),
  that page title is the extra copy and is reported instead;
* it starts with an earlier title that names a kind of document (…工作总结, …的讲话) and goes
  straight on into the text (the repeated part is reported);
* it and the line after it together make an earlier title;
* it repeats its own opening (``A A 正文``, ``A A′正文``);
* it is a site's summary: a long opening line that holds the beginning of a title-like line
  that follows it (not in title marks: 现将《…》印发给你们 names the title it forwards).

Numbered headings (``一、``) and the lines of a table of contents are not titles here: a
document that lists its headings before writing them repeats them on purpose.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from ..model import Hit
from ..structure import parse_numbering
from .. import prebuilt

#: A title line: short, with no sentence inside it.
_MAX_TITLE = 60
_SENTENCE_END = prebuilt.compile(r"[。！？!?；;]")
#: What a collection or a site adds around a title, and what a copy drops: set aside to compare.
_DECORATION = prebuilt.compile(
    r"第[一二三四五六七八九十\d]{1,3}篇[:：]?|【?篇[一二三四五六七八九十\d]{1,3}】?[:：]?"
    r"|[(（【]?(?:精选|推荐|通用|最新|优选|热门)?[一二三四五六七八九十两\d]{1,3}篇[)）】]?"
    r"|[(（](?:最终定稿|精选|推荐|通用|范文|完整版|最新)[)）]"
    r"|^[\d一二三四五六七八九十]{1,2}[、.．]"
    r"|范文|范例|模板|大全|汇编|合集"
    r"|[_｜|][^_｜|]{2,30}$"  # a site's name or section after the title: …事迹_优秀党员事迹
)
_SITE_TAIL = prebuilt.compile(r"[_｜|][^_｜|]{2,30}$")
_LEADING_YEAR = prebuilt.compile(r"^(?:19|20)\d{2}年?")
_NOISE = prebuilt.compile(r"[\s\p{P}\p{S}的]+")
#: Lines that are not a title although short: a date line (a law's adoption and revision
#: history), a table row, a ``key: value`` field, an organisation's name (the issuer and the
#: signature of a notice name it twice on purpose).
_NOT_TITLE = prebuilt.compile(
    r"\d{1,4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\|.*\||^[•·\-\s]*\p{Han}{2,6}\s*[:：]"
    r"|^[〈《“‘(（].*[〉》”’)）]$"  # a title quoted in brackets is a reference to it
    r"|^\p{Han}{2,20}(?:人民政府|委员会|常委会|办公室|办公厅|人民法院|人民检察院|党委|党组|支部|政府|局|厅|公司|集团|中心|学校|大学|学院|医院)$"
)
#: What a document's title ends with: only a title like that, glued to the first sentence,
#: is a repeat (a resolution that opens by naming its meeting is not).
_GENRE = prebuilt.compile(
    r"(?:报告|总结|讲话|发言|发言稿|讲稿|致辞|主持词|方案|意见|通知|通报|计划|规划|要点|材料|汇报|决定|决议"
    r"|办法|规定|细则|规则|纲要|责任书|倡议书|承诺书|心得|体会|事迹|述职|简报|纪要|公告|请示|批复|总结报告)$"
)
#: A document's opening is never longer than this many lines, whatever it holds.
_MAX_OPENING = 25
#: Characters of a line looked at: a title, or a summary of titles, is far shorter.
_LOOK = 400
#: A prose line: long enough, with a comma or a full stop.
_PROSE_MIN = 40
_PROSE_MARK = prebuilt.compile(r"[，。,]")
#: Keys shorter than this are too common to call a repeat (会议纪要, 工作总结).
_MIN_KEY = 6
_SIMILAR = 0.85


def _bare(text: str) -> str:
    """The title without what a collection or a site added around it."""
    return _DECORATION.sub("", text).strip()


def _key(text: str) -> str:
    """What two copies of a title share: no decoration, spaces, punctuation or leading year."""
    return _LEADING_YEAR.sub("", _NOISE.sub("", _bare(text)))


def _similar(a: str, b: str) -> bool:
    """The same, or nearly (a word added or changed), and about as long: a title, not a part of one."""
    if a == b:
        return True
    if min(len(a), len(b)) < 8 or min(len(a), len(b)) < 0.85 * max(len(a), len(b)):
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= _SIMILAR


class _Line:
    def __init__(self, block, view):
        self.block, self.view = block, view
        stripped = view.text.strip()
        self.lead = view.text.index(stripped[0]) if stripped else 0
        # a repeat stands at a line's start: its first few hundred characters are all to look at
        self.text = stripped[:_LOOK]
        self.length = len(stripped)
        self.key = _key(self.text)
        self.title = (
            bool(self.key)
            and len(stripped) <= _MAX_TITLE
            and not _SENTENCE_END.search(stripped)
            and not _NOT_TITLE.search(_bare(stripped))
            and parse_numbering(stripped) is None
        )

    def hit(self, start: int = 0, end: int | None = None, first: "_Line | None" = None) -> Hit:
        """A hit on the original characters of ``text[start:end]``."""
        end = self.length if end is None else end
        s, e = self.view.span(self.lead + start, self.lead + end)
        return Hit(self.block.index, s, e, {"first": str(first.block.line) if first else str(self.block.line)})


def _opening(ctx) -> list[_Line]:
    """The lines of the document's opening: up to and including its second paragraph of prose."""
    lines: list[_Line] = []
    prose = 0
    for block in ctx.blocks:
        if block.part != "body" or not block.text.strip() or block.index in ctx.outline.toc:
            continue
        line = _Line(block, ctx.normal(block))
        lines.append(line)
        if len(line.text) >= _PROSE_MIN and _PROSE_MARK.search(line.text):
            prose += 1
        if prose == 2 or len(lines) == _MAX_OPENING:
            break
    return lines


def _self_repeat(line: _Line) -> Hit | None:
    """``A A′…``: the line's opening said twice in a row."""
    text = line.text
    probe = text[:_MIN_KEY]
    if len(_key(probe)) < _MIN_KEY - 1:
        return None
    at = text.find(probe, _MIN_KEY)
    if at < 0 or at > _MAX_TITLE:
        return None
    first, second = text[:at].rstrip(), text[at : at + at + 2]
    a, b = _key(first), _key(second)
    if len(a) >= _MIN_KEY and (b.startswith(a) or _similar(a, b[: len(a) + 1])):
        return line.hit(at, min(len(text), at + len(first)), line)
    return None


OPTIONS: dict = {}  # a rule file gives this kind no options


def make(options: dict, scope: str):
    def check(ctx):
        lines = _opening(ctx)
        titles: list[_Line] = []
        reported: set[int] = set()
        for n, line in enumerate(lines):
            hit = _repeat_of(line, titles, lines[n + 1] if n + 1 < len(lines) else None)
            if hit is None:
                hit = _self_repeat(line)
            if hit is None and n < 3:
                hit = _summary(line, lines[n + 1 : n + 6])
            if hit is not None and hit.block not in reported:
                reported.add(hit.block)
                yield hit
            if line.title and len(line.key) >= _MIN_KEY:
                titles.append(line)

    return check


def _repeat_of(line: _Line, titles: list[_Line], following: "_Line | None") -> Hit | None:
    for title in titles:
        if line.title and len(line.key) >= _MIN_KEY and _similar(line.key, title.key):
            if _SITE_TAIL.search(title.text) and not _SITE_TAIL.search(line.text):
                return title.hit(first=line)  # the page title with the site's tail is the extra copy
            return line.hit(first=title)
        for head in dict.fromkeys((title.text, _bare(title.text))):
            rest = line.text[len(head) :]
            if (len(rest) > 2 and line.text.startswith(head) and _GENRE.search(_key(head))
                    and not _NOISE.match(rest)):
                return line.hit(0, len(head), title)  # glued straight into the first sentence
        if line.title and following is not None and following.title and len(line.key) >= 2:
            if line.key + following.key == title.key:
                return line.hit(first=title)
    return None


def _summary(line: _Line, after: list[_Line]) -> Hit | None:
    """A long opening line that holds the opening of a title-like line after it."""
    if len(line.text) < _PROSE_MIN:
        return None
    for later in after:
        probe = later.key[:16]
        if later.title and len(later.key) >= 12 and len(line.key) >= len(later.key) + 20 and probe in line.key:
            if "《" + later.text[:6] in line.text:
                continue  # a sentence that names the title (现将《…》印发给你们) is no summary
            return line.hit(first=later)
    return None
