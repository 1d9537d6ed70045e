"""Markdown reader: the text a reader of the rendered page sees, each character tied to its place.

markdown-it-py (CommonMark, with GFM tables and strikethrough, and YAML front matter through
mdit-py-plugins) finds the block structure; no regular expression guesses it. Each paragraph,
heading (ATX ``#`` and Setext), list item paragraph, block quote paragraph and table cell is one
:class:`~draftlint.model.Block`:

* headings carry ``outline_level`` (``#`` = 1), so the structure rules see ``## 二、…`` as they
  see a Word heading, except a first ``#`` heading that is the only one of level 1: that is
  the document's title, read as the first line of a TXT is; ordered list items carry the number a renderer shows as ``list_label``;
  table cells are ``part="table"`` with their table, row and column;
* inline markup (``**``, ``_``, ``~~``, link brackets and destinations) is left out of the text,
  a link keeps its text; code spans, images, autolinks and bare web addresses become one
  U+FFFC (an object the rules do not read) so that the words on either side stay apart;
  raw HTML and HTML comments are left out; fenced and indented code, HTML blocks and front
  matter make no blocks at all;
* a soft line break joins two wide (Chinese) characters directly and anything else with a space,
  as a hard-wrapped Chinese paragraph is one paragraph;
* ``segments`` map every character back to the source: ``ref`` is the 0-based line,
  ``ref_offset`` the 0-based column (characters of the decoded line, a BOM not counted, as for
  TXT); ``line_segments`` tells findings to take their line and column from them.

Suppressions are HTML comments (see :func:`_directive`) and the front matter's
``draftlint: {ignore: [...]}``. :func:`fix_markdown` applies fixes to the source and only where
the fixed characters stand in the source exactly as linted, with no markup among them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache

import regex

from ..model import Block, Document, Finding, Segment, Suppression
from ..suppression import RULE_IDS, parse_rules
from .errors import ReadError
from .txt import _undecodable, decode, split_lines

#: What a code span, an image, an autolink or a bare web address is in a block's text.
OBJECT = "\ufffc"
#: The whitespace CommonMark trims (markdown-it's own set; kept here for older releases).
try:
    from markdown_it.common.utils import MD_TRIM_CHARS as _TRIM
except ImportError:  # pragma: no cover
    _TRIM = " \t\n\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"

# GFM's extended autolinks, stopped where Chinese text goes on without a space.
_BARE_URL = regex.compile(r"(?i)(?:https?://|ftp://|www\.)[!-~]+")
_URL_TRAILING = "?!.,:*_~'\""
_BR = regex.compile(r"(?i)^<br\s*/?>$")
_COMMENT = regex.compile(r"^\s*<!--(?P<body>.*?)-->\s*$", regex.DOTALL)
_DIRECTIVE = regex.compile(
    r"^\s*draftlint(?:-disable-(?P<dnext>next-line)|\s*[:：]\s*(?P<kind>ignore-next-line|ignore))\b" + RULE_IDS + "$"
)


#: Block nesting (quotes in lists in quotes …) markdown-it reads; deeper text it would drop
#: without a word, so a document that reaches it is refused instead of half read.
MAX_NESTING = 100


@cache
def _parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(["table", "strikethrough"]).use(front_matter_plugin)
    md.disable("text_join")  # keep escapes and entities apart from text: they are not verbatim
    return md


@dataclass
class _Raw:
    """A block being built: its characters, each one's source place, and whether the source
    holds exactly that character there (so a fix may replace it)."""

    chars: list[str] = field(default_factory=list)
    where: list[tuple[int, int]] = field(default_factory=list)  # (0-based line, 0-based column)
    verbatim: list[bool] = field(default_factory=list)
    part: str = "body"
    line: int = 0  # 0-based first line
    outline_level: int | None = None
    list_label: str | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    inline_directives: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)  # (line, rules)

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def add(self, ch: str, where: tuple[int, int], verbatim: bool) -> None:
        self.chars.append(ch)
        self.where.append(where)
        self.verbatim.append(verbatim)


def _directive(comment: str) -> tuple[str, tuple[str, ...]] | None:
    """``("next-line" | "line", rules)`` for an HTML comment that is a directive, else None:
    ``<!-- draftlint: ignore PH001 -->``, ``<!-- draftlint: ignore-next-line PH001 -->`` and
    the TXT spelling ``<!-- draftlint-disable-next-line PH001 -->``."""
    if "draftlint" not in comment:
        return None
    m = _COMMENT.match(comment)
    if m is None:
        return None
    d = _DIRECTIVE.match(m.group("body").strip())
    if d is None:
        return None
    kind = "next-line" if d.group("dnext") or d.group("kind") == "ignore-next-line" else "line"
    return kind, parse_rules(d.group("rules"))


# ---------------------------------------------------------------------------------- mapping


def _content_places(content: str, lines: list[str], first: int, ranges: list[tuple[int, int]] | None,
                     suffix: bool) -> tuple[list[tuple[int, int]], list[bool]]:
    """Where each character of an inline token's ``content`` stands in the source.

    ``suffix``: the content's lines are the ends of the source lines ``first, first+1, …`` (the
    last one trimmed), as markdown-it takes paragraphs, list items and quotes. Otherwise
    ``ranges`` gives one ``(start, end)`` column range of line ``first`` to align the content in
    (an ATX heading's title, a table cell).
    """
    places: list[tuple[int, int]] = []
    verbatim: list[bool] = []
    parts = content.split("\n")
    for i, part in enumerate(parts):
        n = first + i
        src = lines[n] if n < len(lines) else ""
        if suffix:
            eff = src.rstrip(_TRIM) if i == len(parts) - 1 else src
            body = part.lstrip(" \t")
            if eff.endswith(part):
                a, b = len(eff) - len(part), len(eff)
            elif body and eff.endswith(body):  # a tab partly taken by the indent became spaces
                a, b = len(eff) - len(body), len(eff)
                for _ in range(len(part) - len(body)):
                    places.append((n, a))
                    verbatim.append(False)
                part = body
            else:
                a, b = 0, len(src)
        else:
            a, b = ranges[0] if ranges else (0, len(src))
        # greedy alignment inside [a, b): exact for a verbatim stretch, and skips what
        # markdown-it took out (the backslash of an escaped pipe in a table cell)
        p, expected = a, a
        for ch in part:
            q = p
            while q < b and src[q] != ch:
                q += 1
            if q < b:
                places.append((n, q))
                verbatim.append(q == expected)
                p = expected = q + 1
            else:
                places.append((n, min(p, len(src))))
                verbatim.append(False)
        if i < len(parts) - 1:
            places.append((n, len(src)))  # the newline itself
            verbatim.append(False)
    return places, verbatim


def _skip_link_tail(src: str, pos: int) -> int:
    """``pos`` at the ``]`` that closes a link's text: the position after its destination
    (``](url "title")``), reference (``][ref]``) or just the bracket."""
    from markdown_it.helpers import parseLinkDestination, parseLinkTitle

    if pos >= len(src) or src[pos] != "]":
        j = src.find("]", pos)
        if j == -1:
            return pos
        pos = j
    pos += 1
    n = len(src)
    if pos < n and src[pos] == "(":
        p = pos + 1
        while p < n and src[p] in " \t\n":
            p += 1
        dest = parseLinkDestination(src, p, n)
        if dest.ok:
            p = dest.pos
            while p < n and src[p] in " \t\n":
                p += 1
            title = parseLinkTitle(src, p, n)
            if title.ok:
                p = title.pos
                while p < n and src[p] in " \t\n":
                    p += 1
        if p < n and src[p] == ")":
            return p + 1
        j = src.find(")", pos)
        return j + 1 if j != -1 else pos
    if pos < n and src[pos] == "[":
        j = src.find("]", pos)
        return j + 1 if j != -1 else pos
    return pos


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


class _Inline:
    """Walks an inline token's children over its content, adding what a reader sees to ``raw``."""

    def __init__(self, raw: _Raw, content: str, places: list[tuple[int, int]], verbatim: list[bool]):
        self.raw, self.src, self.places, self.verb = raw, content, places, verbatim
        self.pos = 0
        self.breaks: list[int] = []  # positions in raw where a soft break is resolved at the end

    def place(self, i: int) -> tuple[int, int]:
        if not self.places:
            return (self.raw.line, 0)
        return self.places[min(max(i, 0), len(self.places) - 1)]

    def at(self, s: str) -> int:
        """Where ``s`` stands from the cursor on: the cursor itself when the source agrees."""
        if self.src.startswith(s, self.pos):
            return self.pos
        j = self.src.find(s, self.pos)
        return j if j != -1 else self.pos

    def emit_source(self, start: int, text: str) -> None:
        for k, ch in enumerate(text):
            i = start + k
            ok = i < len(self.src) and self.src[i] == ch and i < len(self.verb) and self.verb[i]
            self.raw.add(ch, self.place(i), ok)

    def emit_object(self, start: int) -> None:
        if self.raw.chars and self.raw.chars[-1] == OBJECT and not self.raw.verbatim[-1] and self.raw.where[-1] == self.place(start):
            return
        self.raw.add(OBJECT, self.place(start), False)

    def text(self, content: str, emit: bool = True) -> None:
        start = self.at(content)
        self.pos = start + len(content)
        if not emit:
            return
        last = 0
        for m in _BARE_URL.finditer(content):
            url_end = m.end()
            while url_end > m.start() and content[url_end - 1] in _URL_TRAILING:
                url_end -= 1
            if content[m.start():url_end].endswith(")") and content.count("(", m.start(), url_end) < content.count(")", m.start(), url_end):
                url_end -= 1
            self.emit_source(start + last, content[last:m.start()])
            self.emit_object(start + m.start())
            last = url_end
        self.emit_source(start + last, content[last:])

    def run(self, children, emit: bool = True) -> None:
        skip_until_close = 0
        for tok in children:
            t = tok.type
            if skip_until_close:
                if t == "link_open":
                    skip_until_close += 1
                elif t == "link_close":
                    skip_until_close -= 1
                    if skip_until_close == 0:
                        end = self.src.find(">", self.pos)
                        self.pos = end + 1 if end != -1 else self.pos
                continue
            if t == "text":
                self.text(tok.content, emit)
            elif t == "text_special":  # an escape (\*) or an entity (&amp;): not the same in the source
                start = self.at(tok.markup or tok.content)
                if emit:
                    for ch in tok.content:
                        self.raw.add(ch, self.place(start), False)
                self.pos = start + len(tok.markup or tok.content)
            elif t in ("softbreak", "hardbreak"):
                j = self.src.find("\n", self.pos)
                j = j if j != -1 else self.pos
                if emit:
                    if t == "hardbreak":
                        self.raw.add("\n", self.place(j), False)
                    else:
                        self.breaks.append(len(self.raw.chars))
                        self.raw.add(" ", self.place(j), False)
                self.pos = j + 1
                while self.pos < len(self.src) and self.src[self.pos] in " \t":
                    self.pos += 1
            elif t == "code_inline":
                start = self.at(tok.markup)
                end = self.src.find(tok.markup, start + len(tok.markup) + (1 if not tok.content else 0))
                while end != -1 and self.src.startswith("`", end + len(tok.markup)):
                    end = self.src.find(tok.markup, end + len(tok.markup) + 1)
                if emit:
                    self.emit_object(start)
                self.pos = end + len(tok.markup) if end != -1 else start + len(tok.markup)
            elif t == "html_inline":
                start = self.at(tok.content)
                d = _directive(tok.content)
                if d is not None and d[0] == "line":
                    self.raw.inline_directives.append((self.place(start)[0], d[1]))
                elif emit and _BR.match(tok.content):  # <br>: the line break a reader sees
                    self.raw.add("\n", self.place(start), False)
                self.pos = start + len(tok.content)
            elif t == "image":
                start = self.at("![")
                if emit:
                    self.emit_object(start)
                self.pos = start + 2
                self.run(tok.children or [], emit=False)
                self.pos = _skip_link_tail(self.src, self.pos)
            elif t == "link_open":
                if tok.markup in ("autolink", "linkify"):
                    start = self.at("<") if tok.markup == "autolink" else self.pos
                    if emit:
                        self.emit_object(start)
                    self.pos = start + 1
                    skip_until_close = 1
                else:
                    self.pos = self.at("[") + 1
            elif t == "link_close":
                self.pos = _skip_link_tail(self.src, self.pos)
            elif t.endswith(("_open", "_close")) and tok.markup:  # em, strong, s: their delimiters
                self.pos = self.at(tok.markup) + len(tok.markup)

    def finish(self) -> None:
        """Soft breaks: nothing between two wide characters (hard-wrapped Chinese), else a space."""
        drop = set()
        chars = self.raw.chars
        for i in self.breaks:
            before = chars[i - 1] if i > 0 else ""
            after = chars[i + 1] if i + 1 < len(chars) else ""
            if before and after and _wide(before) and _wide(after):
                drop.add(i)
        if drop:
            keep = [i for i in range(len(chars)) if i not in drop]
            self.raw.chars = [chars[i] for i in keep]
            self.raw.where = [self.raw.where[i] for i in keep]
            self.raw.verbatim = [self.raw.verbatim[i] for i in keep]


# ---------------------------------------------------------------------------------- reading


@dataclass
class _Parsed:
    text: str
    lines: list[str]
    blocks: list[_Raw]
    next_line: list[tuple[int, tuple[str, ...]]]  # (the directive's last line, rules)
    front_ignore: tuple[str, ...] | None  # the rules the front matter's draftlint: ignore names


def _table_cells(src: str) -> list[tuple[int, int]]:
    """The column ranges of a table row's cells, as markdown-it splits the row."""
    a = len(src) - len(src.lstrip(" \t"))
    b = len(src.rstrip(" \t"))
    cuts, escaped = [a - 1], False
    for p in range(a, b):
        ch = src[p]
        if ch == "|" and not escaped:
            cuts.append(p)
        escaped = ch == "\\"
    cuts.append(b)
    cells = [(cuts[k] + 1, cuts[k + 1]) for k in range(len(cuts) - 1)]
    if cells and cells[0][0] == cells[0][1]:
        cells.pop(0)
    if cells and cells[-1][0] == cells[-1][1]:
        cells.pop()
    out = []
    for x, y in cells:
        while x < y and src[x] in _TRIM:
            x += 1
        while y > x and src[y - 1] in _TRIM:
            y -= 1
        out.append((x, y))
    return out


def _front_matter_ignore(content: str) -> tuple[str, ...] | None:
    """The rules ``draftlint: {ignore: [PH001, ST]}`` in the front matter names, if any."""
    import yaml

    if "draftlint" not in content:
        return None
    try:
        data = yaml.safe_load(content)
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("draftlint"), dict):
        return None
    ignore = data["draftlint"].get("ignore")
    if isinstance(ignore, str):
        rules = parse_rules(ignore)
    elif isinstance(ignore, list) and all(isinstance(x, str) for x in ignore):
        rules = parse_rules(" ".join(ignore))
    else:
        return None
    return rules or None  # an empty list must not mean "every rule"


def parse(text: str) -> _Parsed:
    """Read decoded Markdown into raw blocks (used by the reader and by :func:`fix_markdown`)."""
    lines = split_lines(text)
    tokens = _parser().parse(text)
    if tokens and max(t.level for t in tokens) >= MAX_NESTING - 2:
        raise ReadError("document nested too deeply to read")
    blocks: list[_Raw] = []
    next_line: list[tuple[int, tuple[str, ...]]] = []
    front: tuple[str, ...] | None = None
    heading: int | None = None  # level of the open heading
    atx = False
    tables = 0
    row = col = 0
    in_cell = False
    ordered: list[list[int | str | None]] = []  # per open list: [next number or None, delimiter]
    pending_label: str | None = None
    for tok in tokens:
        t = tok.type
        if t == "front_matter":
            front = _front_matter_ignore(tok.content)
        elif t == "html_block":
            d = _directive(tok.content)
            if d is not None and tok.map:
                next_line.append((tok.map[1] - 1, d[1]))
        elif t == "heading_open":
            heading = int(tok.tag[1:])
            atx = tok.markup.startswith("#")
        elif t == "heading_close":
            heading = None
        elif t == "table_open":
            tables += 1
            row = 0
        elif t == "tr_open":
            row += 1
            col = 0
        elif t in ("th_open", "td_open"):
            col += 1
            in_cell = True
        elif t in ("th_close", "td_close"):
            in_cell = False
        elif t == "ordered_list_open":
            start = tok.attrGet("start")
            ordered.append([int(start) if start is not None else 1, tok.markup or "."])
        elif t == "bullet_list_open":
            ordered.append([None, ""])
        elif t in ("ordered_list_close", "bullet_list_close"):
            ordered.pop()
        elif t == "list_item_open":
            if ordered and ordered[-1][0] is not None:
                pending_label = f"{ordered[-1][0]}{ordered[-1][1]}"
                ordered[-1][0] = int(ordered[-1][0]) + 1
            else:
                pending_label = None
        elif t == "inline" and tok.map:
            first = tok.map[0]
            raw = _Raw(line=first)
            if in_cell:
                src = lines[first] if first < len(lines) else ""
                cells = _table_cells(src)
                rng = cells[col - 1] if 0 < col <= len(cells) else (len(src), len(src))
                places, verb = _content_places(tok.content, lines, first, [rng], suffix=False)
                raw.part, raw.table, raw.row, raw.column = "table", tables, row, col
            elif heading is not None and atx:
                src = lines[first] if first < len(lines) else ""
                a = len(src) - len(src.lstrip(" \t"))
                while a < len(src) and src[a] == "#":
                    a += 1
                j = src.rfind(tok.content) if tok.content else -1
                rng = (j, j + len(tok.content)) if j >= a else (a, len(src))
                places, verb = _content_places(tok.content, lines, first, [rng], suffix=False)
                raw.outline_level = heading
            else:
                places, verb = _content_places(tok.content, lines, first, None, suffix=True)
                if heading is not None:
                    raw.outline_level = heading
                elif pending_label is not None:
                    raw.list_label = pending_label
            pending_label = None
            walker = _Inline(raw, tok.content, places, verb)
            walker.run(tok.children or [])
            walker.finish()
            blocks.append(raw)
    return _Parsed(text, lines, blocks, next_line, front)


def read_markdown(data: bytes, path: str) -> Document:
    text, encoding = decode(data)
    parsed = parse(text)
    spelled = "\ufffd".encode("utf-8") in data if encoding.startswith("utf-8") else False
    blocks: list[Block] = []
    raws = parsed.blocks
    if raws and raws[0].outline_level == 1 and not any(r.outline_level == 1 for r in raws[1:]):
        # the document's title (``# 关于…的报告``), as a TXT's first line is: a heading of it
        # would make the ``## 一、`` sections under it its siblings, and it an empty section
        raws[0].outline_level = None
    for i, raw in enumerate(raws):
        text_i = raw.text
        blocks.append(Block(
            text=text_i, index=i, part=raw.part, paragraph=raw.line + 1, table=raw.table, row=raw.row,
            column=raw.column, outline_level=raw.outline_level, list_label=raw.list_label,
            segments=_segments(raw), marks=_undecodable(text_i, spelled), line_segments=True,
        ))
    return Document(path=path, format="markdown", blocks=blocks, encoding=encoding,
                    suppressions=_suppressions(parsed, blocks))


def _segments(raw: _Raw) -> tuple[Segment, ...]:
    out: list[Segment] = []
    start = 0
    n = len(raw.chars)
    while start < n:
        line, col = raw.where[start]
        end = start + 1
        # a stretch of characters standing one after the other on one source line
        while end < n and raw.verbatim[end] and raw.verbatim[start] and raw.where[end] == (line, col + end - start):
            end += 1
        out.append(Segment(start, end, line, col))
        start = end
    return tuple(out)


def _suppressions(parsed: _Parsed, blocks: list[Block]) -> list[Suppression]:
    found: list[Suppression] = []
    if parsed.front_ignore is not None and blocks:
        found.append(Suppression(0, 0, len(blocks) - 1, 1 << 30, parsed.front_ignore, 1))
    lines = parsed.lines
    starting: dict[int, list[Block]] = {}  # the blocks that start on each (1-based) line
    for b in blocks:
        starting.setdefault(b.paragraph, []).append(b)
    for last, rules in parsed.next_line:
        target = last + 1
        while target < len(lines) and not lines[target].strip(_TRIM + ">"):
            target += 1
        for b in starting.get(target + 1, ()):
            found.append(Suppression(b.index, 0, b.index, 1 << 30, rules, b.index + 1))
    for i, raw in enumerate(parsed.blocks):
        for line, rules in raw.inline_directives:
            offsets = [k for k, (ln, _c) in enumerate(raw.where) if ln == line]
            if offsets:
                found.append(Suppression(i, offsets[0], i, offsets[-1] + 1, rules, i + 1))
    return found


# ---------------------------------------------------------------------------------- fixing


def _source_span(raw: _Raw, start: int, end: int) -> tuple[int, int, int] | None:
    """``(line, column from, column to)`` of text ``[start, end)`` when those characters stand in
    the source exactly as read, one after the other on one line; None when markup, an escape,
    an entity, a line break or an object lies in between (such a fix is skipped)."""
    n = len(raw.chars)
    if start == end:  # an insertion: between two characters that are neighbours in the source
        left = start - 1 if start > 0 else None
        right = start if start < n else None
        if right is not None and raw.verbatim[right]:
            line, col = raw.where[right]
            if left is None or (raw.verbatim[left] and raw.where[left] == (line, col - 1)):
                return line, col, col
        elif left is not None and raw.verbatim[left] and right is None:
            line, col = raw.where[left]
            return line, col + 1, col + 1
        return None
    if not all(raw.verbatim[start:end]):
        return None
    line, col = raw.where[start]
    for k in range(start, end):
        if raw.where[k] != (line, col + k - start):
            return None
    return line, col, col + end - start


def _plan(parsed: _Parsed, fixes: list[Finding]) -> tuple[list[tuple[Finding, int, int, int]], list[tuple[Finding, str]]]:
    """Check ``fixes`` (findings of one Markdown file) against its parsed source: ``([(finding,
    line, column from, column to)], [(finding, why not)])``."""
    ok: list[tuple[Finding, int, int, int]] = []
    skipped: list[tuple[Finding, str]] = []
    checked: set[int] = set()  # blocks found as linted (a block's text is joined once, not per fix)
    for f in fixes:
        i = f.block.index
        if i not in checked:
            if i >= len(parsed.blocks) or parsed.blocks[i].text != f.block.text:
                raise ReadError("not fixed: the file changed since it was checked")
            checked.add(i)
        span = _source_span(parsed.blocks[i], f.start, f.end)
        if span is None:
            skipped.append((f, "crosses Markdown markup"))
        else:
            ok.append((f, *span))
    return ok, skipped


def fix_markdown(data: bytes, fixes: list[Finding]) -> tuple[bytes, list[Finding], list[tuple[Finding, str]]]:
    """The bytes of a Markdown file with ``fixes`` applied to its source (same encoding, BOM and
    line endings), the fixes applied and those skipped because markup lies in their span."""
    from .txt import exact_text, join_with_ends, split_with_ends

    text, bom, codec = exact_text(data)
    ok, skipped = _plan(parse(text), fixes)
    parts, ends = split_with_ends(text)
    for f, line, a, b in sorted(ok, key=lambda x: (x[1], x[2]), reverse=True):
        parts[line] = parts[line][:a] + f.fix.replacement + parts[line][b:]
    return bom + join_with_ends(parts, ends).encode(codec), [x[0] for x in ok], skipped


def markdown_diff(path: str, data: bytes, new: bytes) -> str:
    """A unified diff of the source lines that differ between ``data`` and its fixed ``new``
    (:func:`fix_markdown`'s)."""
    from .txt import split_with_ends

    old_lines = split_with_ends(decode(data)[0])[0]
    new_lines = split_with_ends(decode(new)[0])[0]
    changed = [(n, a, b) for n, (a, b) in enumerate(zip(old_lines, new_lines)) if a != b]
    if not changed:
        return ""
    out = [f"--- a/{path}\n", f"+++ b/{path}\n"]
    for n, a, b in changed:
        out += [f"@@ -{n + 1} +{n + 1} @@\n", f"-{a}\n", f"+{b}\n"]
    return "".join(out)
