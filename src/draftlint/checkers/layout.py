"""The ``layout`` kind: a DOCX laid out otherwise than its layout profile says (GB/T 9704-2012 by
default: paper, margins, the title's, the body's and the headings' fonts and sizes, first-line
indent, line spacing, page numbers).

Nothing is checked unless the file's settings name a profile (``layout = "gbt9704"`` in the
configuration, ``--layout``): drafts of 汇报材料 and 讲话稿 follow no such layout, and every
paragraph of them would be reported. TXT has no layout and is never checked.

``check`` names what one rule checks (:data:`CHECKS`). Which paragraph is what comes from the
text, not from its formatting: the title is the first paragraph of the body (after the 版头's
发文机关标志, 份号, 密级, 紧急程度 and 发文字号 lines) and the centred lines of the same size after
it, before the first heading; a heading's level is its numbering in the document's outline
(一、 1, （一） 2, 1. 3, （1） 4); the rest of the body is body text, except the 主送机关 line
(no indent), lines set right or centred (signature, date: no indent or alignment checked) and the
版记 (抄送, 印发: not checked). A paragraph that runs its heading into its text (一、总体要求。各单位…)
is heading up to the first 。 and body after it.

One finding per run of consecutive paragraphs (among those a check looks at) with the same
problem, at the first of them; page setup once per section, at the section's first paragraph.
"""

from __future__ import annotations

import bisect
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..model import Block, Hit, SectionLayout
from ..structure import RANK_OF_OUTLINE
from . import REQUIRED, one_of

CHECKS = (
    "paper", "margins", "title-font", "title-size", "title-align", "body-font", "body-size",
    "body-indent", "body-line-spacing", "body-align", "heading-font", "heading-size",
    "page-number-missing", "page-number-form", "page-number-font", "page-number-size",
)

OPTIONS = dict(check=REQUIRED)

#: Names Word and font files give the same font: compared as one.
FONT_ALIASES = {
    "fangsong_gb2312": "仿宋_gb2312", "fangsong": "仿宋", "simfang": "仿宋", "kaiti_gb2312": "楷体_gb2312",
    "kaiti": "楷体", "simkai": "楷体", "simhei": "黑体", "simsun": "宋体", "nsimsun": "新宋体",
    "stzhongsong": "华文中宋", "fzxiaobiaosong-b05s": "方正小标宋简体", "fzxiaobiaosong-b05": "方正小标宋_gbk",
    "fzxbsjw--gb1-0": "方正小标宋简体", "fzfangsong-z02s": "方正仿宋简体", "fzkai-z03s": "方正楷体简体",
    "fzhei-b01s": "方正黑体简体", "microsoft yahei": "微软雅黑", "dengxian": "等线",
}
_ALIGN_ZH = {"left": "左对齐", "center": "居中", "right": "右对齐", "both": "两端对齐", "distribute": "分散对齐"}
_ALIGN_EN = {"both": "justified", "center": "centred", "left": "flush left", "right": "flush right"}
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_BANTOU = re.compile(
    r"文件$|[〔\[［][^〕\]］]{2,6}[〕\]］][^。，]{0,6}号$|^[0-9Xx]{6}$|^(?:特急|加急|特提|平急)"
    r"|^(?:绝密|机密|秘密)|签发人|^第[\s\u30000-9Xx]*号$"  # 命令's 令号
)
#: A line spread out with spaces (纪要's agency and date line), on the raw text.
_SPREAD = re.compile(r"\S[ \u3000]{4,}\S|[ \u3000]{6,}$")
_BANJI = re.compile(r"^[\s\u3000]*(?:抄送|印发|（此件|\(此件|此件公开发布|（联系人|\(联系人)")
_SENTENCE_END = re.compile(r"[。！？!?]")


def font_key(name: str | None) -> str | None:
    if name is None:
        return None
    key = name.strip().lower()
    return FONT_ALIASES.get(key, key)


# -- profiles -------------------------------------------------------------------------------------
class ProfileError(ValueError):
    """A layout profile that cannot be used; ``str()`` says which and why."""


@lru_cache(maxsize=1)
def builtin_profiles() -> dict[str, Path]:
    """The profiles shipped with draftlint (``rules/layout/*.yaml``), by name."""
    from ..installed import rules_dir

    folder = rules_dir()
    if folder is None or not (folder / "layout").is_dir():
        return {}
    return {p.stem: p for p in sorted((folder / "layout").iterdir()) if p.suffix in (".yaml", ".yml")}


def profile_path(spec: str) -> Path:
    """The file a profile spec names: a built-in name (``gbt9704``) or a path."""
    builtin = builtin_profiles()
    if spec in builtin:
        return builtin[spec]
    path = Path(spec)
    if not path.is_file():
        raise ProfileError(f"no layout profile {spec!r} (built in: {', '.join(builtin) or 'none'}; or a path to a YAML file)")
    return path


_TOP_KEYS = {"name", "standard", "extends", "page", "title", "body", "headings", "page-number"}


@lru_cache(maxsize=16)
def _load(path: str, stamp: tuple) -> dict:
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ProfileError(f"{path}: cannot read layout profile: {exc}") from None
    if not isinstance(data, dict):
        raise ProfileError(f"{path}: a layout profile is a mapping (see docs/layout.md)")
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise ProfileError(f"{path}: unknown key {unknown[0]!r} (allowed: {', '.join(sorted(_TOP_KEYS))})")
    if "extends" in data:
        base_spec = data["extends"]
        if not isinstance(base_spec, str):
            raise ProfileError(f"{path}: 'extends' names a profile")
        base_path = profile_path(base_spec) if base_spec in builtin_profiles() else (Path(path).parent / base_spec)
        if base_path.resolve() == Path(path).resolve():
            raise ProfileError(f"{path}: a profile cannot extend itself")
        data = _merge(load_profile(str(base_path)), {k: v for k, v in data.items() if k != "extends"})
    _validate(path, data)
    return data


def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for k, v in over.items():
            out[k] = _merge(base.get(k), v) if v is not None else None
        return {k: v for k, v in out.items() if v is not None}
    return over


def _validate(path: str, data: dict) -> None:
    def number(where: str, value: Any) -> None:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise ProfileError(f"{path}: {where} must be a number")

    def fonts(where: str, value: Any) -> None:
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise ProfileError(f"{path}: {where} must be a non-empty list of font names")

    for section in ("page", "title", "body", "headings", "page-number"):
        if section in data and not isinstance(data[section], dict):
            raise ProfileError(f"{path}: {section} must be a mapping")
    for key, spec in (data.get("page") or {}).items():
        if key not in ("paper", "margins", "text-block") or not isinstance(spec, dict):
            raise ProfileError(f"{path}: page.{key}: page has paper, margins and text-block mappings")
        for k, v in spec.items():
            if k != "clause":
                number(f"page.{key}.{k}", v)
    for section in ("title", "body"):
        spec = data.get(section) or {}
        if "fonts" in spec:
            fonts(f"{section}.fonts", spec["fonts"])
        for k in ("size", "first-line-indent"):
            if k in spec:
                number(f"{section}.{k}", spec[k])
        if "align" in spec and spec["align"] not in _ALIGN_ZH:
            raise ProfileError(f"{path}: {section}.align must be one of {', '.join(_ALIGN_ZH)}")
    spacing = (data.get("body") or {}).get("line-spacing")
    if spacing is not None and (not isinstance(spacing, dict) or set(spacing) - {"min", "max", "fix"}
                                or not all(isinstance(v, (int, float)) for v in spacing.values())):
        raise ProfileError(f"{path}: body.line-spacing is a mapping with min, max and fix (points)")
    for level, spec in ((data.get("headings") or {}).get("levels") or {}).items():
        if level not in (1, 2, 3, 4) or not isinstance(spec, dict):
            raise ProfileError(f"{path}: headings.levels has levels 1 to 4, each a mapping")
        if "fonts" in spec:
            fonts(f"headings.levels.{level}.fonts", spec["fonts"])
        if "size" in spec:
            number(f"headings.levels.{level}.size", spec["size"])
    pn = data.get("page-number") or {}
    if "fonts" in pn:
        fonts("page-number.fonts", pn["fonts"])
    if "form" in pn:
        try:
            re.compile(pn["form"])
        except (re.error, TypeError) as exc:
            raise ProfileError(f"{path}: page-number.form is not a regular expression: {exc}") from None


def load_profile(spec: str) -> dict:
    """The profile ``spec`` names (validated, ``extends`` applied); ProfileError when it is bad."""
    path = profile_path(spec)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise ProfileError(f"{path}: {exc.strerror}") from None
    return _load(str(path.resolve()), (st.st_size, st.st_mtime_ns))


def profile_digest(spec: str | None) -> str:
    """What tells two versions of a profile apart (the cache keys results by it)."""
    if not spec:
        return ""
    from hashlib import blake2b

    try:
        return blake2b(profile_path(spec).read_bytes(), digest_size=8).hexdigest()
    except (OSError, ProfileError):
        return ""


# -- what is what ---------------------------------------------------------------------------------
class _Para:
    """A body paragraph a check looks at, with the stretch of its text it is about."""

    __slots__ = ("block", "start", "end", "role", "level", "_main")

    def __init__(self, block: Block, start: int, end: int, role: str, level: int | None = None):
        self.block, self.start, self.end, self.role, self.level = block, start, end, role, level
        self._main: tuple[str | None, float | None] | None = None

    @property
    def font(self) -> str | None:
        return self._font_and_size()[0]

    @property
    def size(self) -> float | None:
        return self._font_and_size()[1]

    def _font_and_size(self) -> tuple[str | None, float | None]:
        if self._main is None:  # both in one pass over the spans: every check asks for one of them
            self._main = _main(self.block, self.start, self.end)
        return self._main


#: A heading's level (1-4) by its rank in the outline: the inverse of the outline's own table.
_LEVELS = {rank: level for level, rank in RANK_OF_OUTLINE.items()}


def _roles(ctx) -> list[_Para]:
    """The body's paragraphs in order, each as title, addressee (主送机关), body, heading, closing
    (set right, or pushed right with spaces: 署名, 成文日期) or centred (a subtitle, an 附件's
    title: not checked); the 版头 before the title and the 版记 at the end are left out."""
    outline = ctx.outline
    blocks = [b for b in ctx.blocks if b.part == "body" and b.layout is not None and b.text.strip()
              and b.index not in outline.toc]
    out: list[_Para] = []

    def numbered(block: Block) -> bool:
        heading = outline.by_block.get(block.index)
        return heading is not None and heading.numbering is not None

    i = 0
    while i < len(blocks) and not numbered(blocks[i]) and (_BANTOU.search(blocks[i].text.strip()) or _SPREAD.search(blocks[i].text)):
        i += 1
    title_at = None
    if i < len(blocks) and not numbered(blocks[i]) and _looks_like_title(blocks[i]):
        # the title: a heading style (Title, 标题) or an outline level does not make it a heading
        title_at = i
        title = blocks[i]
        out.append(_Para(title, *_trimmed(title.text), "title"))
        size = _main(title, 0, len(title.text))[1]
        i += 1
        while (i < len(blocks) and title.layout.align == "center" and blocks[i].layout.align == "center"
               and not numbered(blocks[i]) and _main(blocks[i], 0, len(blocks[i].text))[1] == size):
            out.append(_Para(blocks[i], *_trimmed(blocks[i].text), "title"))
            i += 1
    banji = False
    for k, block in enumerate(blocks):
        if k < i:
            continue
        text = block.text
        start, end = _trimmed(text)
        if banji or _BANJI.match(text):
            banji = banji or text.lstrip(" \t\u3000").startswith(("抄送", "印发"))
            continue
        if block.layout.align == "center":
            out.append(_Para(block, start, end, "centred"))
            continue
        heading = outline.by_block.get(block.index)
        level = _LEVELS.get(heading.rank) if heading is not None else None
        if heading is not None and level is not None:
            if heading.standalone:
                out.append(_Para(block, start, end, "heading", level))
                continue
            if level <= 2:
                stop = _SENTENCE_END.search(text, start)
                cut = stop.end() if stop else end
                out.append(_Para(block, start, cut, "heading", level))
                if cut < end:
                    out.append(_Para(block, cut, end, "body-rest"))
                continue
        if title_at is not None and k == i and text.rstrip().endswith(("：", ":")) and len(text.strip()) <= 80:
            out.append(_Para(block, start, end, "addressee"))
            continue
        pushed = (_indent_of(block) or 0) > 3  # a line moved right with spaces
        role = "closing" if block.layout.align in ("right", "distribute") or pushed else "body"
        out.append(_Para(block, start, end, role))
    return out


def _looks_like_title(block: Block) -> bool:
    """Centred, or at least neither indented like body text nor ending a sentence or on a colon:
    the first paragraph of a 命令 or 纪要 (which have no title) is their body text, and a speech
    that opens on 同志们： has none."""
    if block.layout.align == "center":
        return True
    indent = _indent_of(block)
    return (indent is None or indent < 1) and not block.text.rstrip().endswith(("。", "；", "！", "？", "：", ".", ";", ":"))


def _trimmed(text: str) -> tuple[int, int]:
    start = len(text) - len(text.lstrip(" \t\u3000"))
    return start, max(len(text.rstrip()), start + 1)


def _main(block: Block, start: int, end: int) -> tuple[str | None, float | None]:
    """The East Asian font (over CJK characters) and the size (over all visible characters) that
    most of ``[start, end)`` shows."""
    text = block.text
    spans = [span for span in block.layout.spans if span.start < end and span.end > start]
    if len({(span.east_asian, span.size) for span in spans}) == 1:  # one format throughout: no counting
        font, size = spans[0].east_asian, spans[0].size
        return (font if _CJK.search(text, start, end) else None), size
    fonts: dict[str, int] = {}
    sizes: dict[float, int] = {}
    for span in spans:
        piece = text[max(span.start, start) : min(span.end, end)]
        if span.east_asian is not None:
            n = len(_CJK.findall(piece))
            if n:
                fonts[span.east_asian] = fonts.get(span.east_asian, 0) + n
        if span.size is not None:
            n = len(piece.strip()) or len(piece)
            sizes[span.size] = sizes.get(span.size, 0) + n
    return (max(fonts, key=fonts.get) if fonts else None, max(sizes, key=sizes.get) if sizes else None)


# -- messages -------------------------------------------------------------------------------------
def _pt(size: float) -> str:
    return f"{size:g}"


_ZH_SIZES = {42: "初号", 36: "小初", 26: "一号", 24: "小一", 22: "二号", 18: "小二", 16: "三号", 15: "小三",
             14: "四号", 12: "小四", 10.5: "五号", 9: "小五"}


def _size_zh(size: float) -> str:
    name = _ZH_SIZES.get(size)
    return f"{name}（{_pt(size)}磅）" if name else f"{_pt(size)}磅"


def _slots(is_zh: str, want_zh: str, is_en: str, want_en: str, clause: str, count: int) -> dict[str, str]:
    return {
        "is": is_zh, "want": want_zh, "is_en": is_en, "want_en": want_en, "clause": clause,
        "extent": f"；自此连续{count}段" if count > 1 else "",
        "extent_en": f"; {count} paragraphs in a row from here" if count > 1 else "",
    }


def _runs(items: Iterable[tuple[_Para, Any]]) -> Iterator[tuple[_Para, Any, list[_Para]]]:
    """Consecutive items with the same problem (None: no problem) as (first, problem, all of them)."""
    group: list[_Para] = []
    problem = None
    for para, found in items:
        if found is not None and group and found == problem:
            group.append(para)
            continue
        if group:
            yield group[0], problem, group
        group, problem = ([para], found) if found is not None else ([], None)
    if group:
        yield group[0], problem, group


def _fix(group: list[_Para], change: str) -> dict[str, str]:
    """What ``draftlint fix`` needs to make a finding's change as tracked formatting changes:
    where (each paragraph's anchor in its part, and the stretch of its text) and what
    (``font=仿宋_GB2312``, ``size=16``, ``indent=chars:2,size:16``, ``line=28``, ``align=both``)."""
    where = ";".join(f"{p.block.source_part}|{p.block.anchor}|{p.start}|{p.end}" for p in group
                     if p.block.anchor is not None and p.block.source_part)
    return {"fix_where": where, "fix_set": change} if where else {}


# -- the checks -----------------------------------------------------------------------------------
def make(options: dict, scope: str):
    check = one_of(options["check"], CHECKS, "check")

    def run(ctx) -> Iterator[Hit]:
        spec = getattr(ctx.settings, "layout", None)
        if not spec or ctx.document.format == "txt" or not any(b.layout is not None for b in ctx.blocks):
            return
        profile = ctx.cached("layout-profile", lambda: load_profile(spec))
        roles = ctx.cached("layout-roles", lambda: _roles(ctx))
        yield from _CHECKERS[check](ctx, profile, roles)

    return run


#: The roles of the paragraphs each part of the profile is about.
_ABOUT = {"title": ("title",), "body": ("body", "body-rest", "addressee", "closing"), "headings": ("heading",)}


def _wanted(profile, section: str, key: str, roles, prepare=lambda value: value) -> Iterator[tuple[_Para, Any]]:
    """Each paragraph ``section`` of the profile is about, with what its ``key`` asks there
    (``prepare``d once; None: nothing): a heading's from its level's, the others' from the section's."""
    spec = profile.get(section) or {}
    if section == "headings":
        by_level = {level: prepare(s[key]) for level, s in (spec.get("levels") or {}).items() if s and s.get(key) is not None}
        for para in roles:
            if para.role == "heading":
                yield para, by_level.get(para.level)
        return
    if spec.get(key) is None:
        return
    want = prepare(spec[key])
    for para in roles:
        if para.role in _ABOUT[section]:
            yield para, want


def _level_slots(level: int | None) -> dict[str, str]:
    return {} if level is None else {"level": _LEVEL_NAMES[level], "level_en": _LEVEL_NAMES_EN[level]}


def _check_font(ctx, profile, roles, section: str) -> Iterator[Hit]:
    clause = (profile.get(section) or {}).get("clause", "")
    items = []
    for para, want in _wanted(profile, section, "fonts", roles, lambda fonts: (fonts[0], frozenset(map(font_key, fonts)))):
        font = para.font if want is not None else None
        items.append((para, None if font is None or font_key(font) in want[1] else (font, want[0], para.level)))
    for para, (font, want, level), group in _runs(items):
        yield Hit(para.block.index, para.start, para.end, _slots(font, want, font, want, clause, len(group))
                  | _level_slots(level) | _fix(group, f"font={want}"))


def _check_size(ctx, profile, roles, section: str) -> Iterator[Hit]:
    clause = (profile.get(section) or {}).get("clause", "")
    items = []
    for para, want in _wanted(profile, section, "size", roles):
        size = para.size if want is not None else None
        items.append((para, None if size is None or abs(size - want) < 0.25 else (size, want, para.level)))
    for para, (size, want, level), group in _runs(items):
        yield Hit(para.block.index, para.start, para.end, _slots(
            _size_zh(size), _size_zh(want), f"{_pt(size)} pt", f"{_pt(want)} pt", clause, len(group))
            | _level_slots(level) | _fix(group, f"size={want:g}"))


def _check_align(ctx, profile, roles, section: str, roles_checked: tuple[str, ...]) -> Iterator[Hit]:
    spec = profile.get(section) or {}
    want = spec.get("align")
    clause = spec.get("line-clause", spec.get("clause", "")) if section == "body" else spec.get("clause", "")
    if want is None:
        return
    items = []
    for para in roles:
        if para.role in roles_checked:
            align = para.block.layout.align
            ok = align is None or align == want or (want == "both" and align == "distribute" and section == "title")
            items.append((para, None if ok else align))
    for para, align, group in _runs(items):
        count = len(group)
        yield Hit(para.block.index, para.start, para.end, _slots(
            _ALIGN_ZH.get(align, align), _ALIGN_ZH.get(want, want), _ALIGN_EN.get(align, align),
            _ALIGN_EN.get(want, want), clause, count) | _fix(group, f"align={want}"))


def _indent_of(block: Block) -> float | None:
    """First-line indent in characters, counting the spaces the text itself starts with."""
    if block.layout.indent_chars is None:
        return None
    lead = 0.0
    for c in block.text:
        if c == "\u3000":
            lead += 1
        elif c == " ":
            lead += 0.5
        elif c == "\t":
            lead += 2
        else:
            break
    return block.layout.indent_chars + lead


def _check_indent(ctx, profile, roles) -> Iterator[Hit]:
    spec = profile.get("body") or {}
    want = spec.get("first-line-indent")
    if want is None:
        return
    items = []
    for para in roles:
        if para.role == "body":
            indent = _indent_of(para.block)
            items.append((para, None if indent is None or abs(indent - want) <= 0.25 else round(indent, 1)))
    for para, indent, group in _runs(items):
        count = len(group)
        yield Hit(para.block.index, para.start, para.end, _slots(
            f"{indent:g}字", f"{want:g}字", f"{indent:g} characters", f"{want:g} characters", spec.get("clause", ""), count)
            | _fix(group, _indent_fix(want, spec.get("size"))))


def _indent_fix(chars: float, size: float | None) -> str:
    """The indent to set: in characters (``w:firstLineChars``, which Word goes by) and, at the body
    size, in twips (``w:firstLine``), which is all LibreOffice 7.4 reads: without it the indent
    accepted there is none."""
    return f"indent=chars:{chars:g}" + (f",size:{size:g}" if size else "")


def _section_of(sections: list[SectionLayout], starts: list[int], index: int) -> SectionLayout | None:
    """The section block ``index`` is in (``starts``: each section's first block)."""
    if not sections:
        return None
    return sections[max(0, bisect.bisect_right(starts, index) - 1)]


def _line_height(para: _Para, section: SectionLayout | None) -> tuple[float, str, str] | None:
    """The line height in points and how the paragraph sets it (zh, en); None: not known."""
    lay = para.block.layout
    if lay.line_rule == "unknown":
        return None
    size = para.size or 10.0
    grid = section is not None and section.grid in ("lines", "linesAndChars", "snapToChars") and section.line_pitch
    base = section.line_pitch if grid else round(size * 1.3, 1)
    if lay.line_rule == "exact" and lay.line is not None:
        return lay.line, f"固定值{lay.line:g}磅", f"exactly {lay.line:g} pt"
    if lay.line_rule == "atLeast" and lay.line is not None:
        height = max(lay.line, base)
        return height, f"最小值{lay.line:g}磅", f"at least {lay.line:g} pt"
    multiple = lay.line if lay.line is not None else 1.0
    height = round(base * multiple, 1)
    how = "单倍行距" if abs(multiple - 1) < 0.01 else f"{multiple:g}倍行距"
    how_en = "single spacing" if abs(multiple - 1) < 0.01 else f"{multiple:g} lines"
    where = "（网格）" if grid else ""
    return height, f"{how}{where}（约{height:g}磅）", f"{how_en}{' on the grid' if grid else ''} (about {height:g} pt)"


def _check_line_spacing(ctx, profile, roles) -> Iterator[Hit]:
    spec = profile.get("body") or {}
    rng = spec.get("line-spacing")
    if not rng:
        return
    lo, hi = rng.get("min", 0), rng.get("max", 1000)
    sections = ctx.document.sections
    starts = [s.block for s in sections]
    items = []
    for para in roles:
        if para.role in ("body", "addressee"):
            found = _line_height(para, _section_of(sections, starts, para.block.index))
            items.append((para, None if found is None or lo <= found[0] <= hi else found[1:]))
    want_zh = f"{lo:g}至{hi:g}磅（如固定值28磅，每页22行）"
    want_en = f"{lo:g} to {hi:g} pt (e.g. exactly 28 pt, 22 lines a page)"
    for para, (zh, en), group in _runs(items):
        count = len(group)
        fix = rng.get("fix", (lo + hi) / 2)
        yield Hit(para.block.index, para.start, para.end, _slots(zh, want_zh, en, want_en, spec.get("line-clause", spec.get("clause", "")), count)
                  | _fix(group, f"line={fix:g}"))


def _section_hit(ctx, section: SectionLayout, slots: dict) -> Hit:
    block = ctx.blocks[section.block] if section.block < len(ctx.blocks) else ctx.blocks[-1]
    start, end = _trimmed(block.text)
    return Hit(block.index, start, min(end, len(block.text)) if block.text else 0, slots)


def _mm(value: float) -> str:
    return f"{value:g}"


def _check_paper(ctx, profile, roles) -> Iterator[Hit]:
    spec = (profile.get("page") or {}).get("paper")
    if not spec:
        return
    tol = spec.get("tolerance", 1)
    want = sorted((spec["width"], spec["height"]))
    for section in ctx.document.sections:
        if section.width is None or section.height is None:
            continue
        have = sorted((section.width, section.height))
        if all(abs(h - w) <= tol for h, w in zip(have, want)):
            continue
        size = f"{_mm(section.width)}×{_mm(section.height)}"
        wanted = f"{_mm(spec['width'])}×{_mm(spec['height'])}"
        portrait = section.width <= section.height
        w_mm, h_mm = (spec["width"], spec["height"]) if portrait else (spec["height"], spec["width"])
        yield _section_hit(ctx, section, _slots(f"{size}毫米", f"{wanted}毫米（A4）" if wanted == "210×297" else f"{wanted}毫米",
                                                f"{size} mm", f"{wanted} mm", spec.get("clause", ""), 1)
                           | _paper_fix(section, profile.get("page") or {}, w_mm, h_mm))


def _check_margins(ctx, profile, roles) -> Iterator[Hit]:
    page = profile.get("page") or {}
    margins, block = page.get("margins") or {}, page.get("text-block") or {}
    if not margins and not block:
        return
    clause = margins.get("clause") or block.get("clause", "")
    for section in ctx.document.sections:
        if section.width is not None and section.height is not None and section.width > section.height:
            continue  # a landscape page (a wide table): the standard gives no margins for it
        wrong_zh, wrong_en = [], []
        values = {
            "top": (section.top, "上边距（天头）", "top margin"),
            "left": (None if section.left is None else section.left + section.gutter, "左边距（订口）", "left margin"),
            "bottom": (section.bottom, "下边距", "bottom margin"),
            "right": (section.right, "右边距", "right margin"),
        }
        for key in ("top", "left", "bottom", "right"):
            if key in margins and values[key][0] is not None:
                have, zh, en = values[key]
                tol = margins.get("tolerance", 1)
                if abs(have - margins[key]) > tol:
                    wrong_zh.append(f"{zh}{_mm(have)}毫米（应为{_mm(margins[key])}±{_mm(tol)}）")
                    wrong_en.append(f"{en} {_mm(have)} mm (should be {_mm(margins[key])}±{_mm(tol)})")
        if None not in (section.width, section.height, section.top, section.bottom, section.left, section.right):
            width = section.width - section.left - section.right - section.gutter
            height = section.height - section.top - section.bottom
            tol = block.get("tolerance", 1)
            for key, have, zh, en in (("width", width, "版心宽", "text block width"), ("height", height, "版心高", "text block height")):
                if key in block and abs(have - block[key]) > tol:
                    wrong_zh.append(f"{zh}{have:.1f}毫米（应为{_mm(block[key])}±{_mm(tol)}）")
                    wrong_en.append(f"{en} {have:.1f} mm (should be {_mm(block[key])}±{_mm(tol)})")
        if wrong_zh:
            yield _section_hit(ctx, section, _slots("、".join(wrong_zh), "", "; ".join(wrong_en), "", clause, 1)
                               | {"section": str(section.number)} | _margins_fix(section, page))


def _paper_fix(section: SectionLayout, page: dict, width: float, height: float) -> dict[str, str]:
    """The paper, and the margins on it when the profile gives them (a Letter page's margins
    make no A4 text block)."""
    fix = {"section": str(section.number), "fix_section": str(section.number), "fix_set": f"paper=w:{width:g},h:{height:g}"}
    margins = _margins_fix(section._replace(width=width, height=height), page)
    if margins:
        fix["fix_set"] += "&" + margins["fix_set"]
    return fix


def _margins_fix(section: SectionLayout, page: dict) -> dict[str, str]:
    """The margins the profile gives (bottom and right from the text block, on the profile's
    paper when it has one), as ``draftlint fix`` sets them; none when the profile leaves one open."""
    margins, block, paper = page.get("margins") or {}, page.get("text-block") or {}, page.get("paper") or {}
    width = paper.get("width", section.width)
    height = paper.get("height", section.height)
    top, left = margins.get("top"), margins.get("left")
    bottom = margins.get("bottom", None if None in (height, top) or "height" not in block else height - top - block["height"])
    right = margins.get("right", None if None in (width, left) or "width" not in block else width - left - block["width"])
    if None in (top, left, bottom, right):
        return {}
    return {"fix_section": str(section.number), "fix_set": f"margins=top:{top:g},left:{left:g},bottom:{bottom:g},right:{right:g}"}


def _page_number_spec(profile) -> dict:
    return profile.get("page-number") or {}


def _check_pn_missing(ctx, profile, roles) -> Iterator[Hit]:
    spec = _page_number_spec(profile)
    if not spec.get("required"):
        return
    for section in ctx.document.sections:
        if not section.page_numbers:
            yield _section_hit(ctx, section, _slots("", "", "", "", spec.get("clause", ""), 1) | {"section": str(section.number)})


def _pn_check(ctx, profile, problem) -> Iterator[Hit]:
    spec = _page_number_spec(profile)
    for section in ctx.document.sections:
        for number in section.page_numbers:
            found = problem(spec, number)
            if found is not None:
                is_zh, want_zh, is_en, want_en = found
                yield _section_hit(ctx, section, _slots(is_zh, want_zh, is_en, want_en, spec.get("clause", ""), 1)
                                   | {"section": str(section.number)})
                break


def _check_pn_form(ctx, profile, roles) -> Iterator[Hit]:
    def problem(spec, number):
        form = spec.get("form")
        text = number.text.strip()
        if not form or re.match(form, text):
            return None
        want = spec.get("form-text", form)
        return text or "（空）", want, text or "(empty)", want
    yield from _pn_check(ctx, profile, problem)


def _check_pn_font(ctx, profile, roles) -> Iterator[Hit]:
    def problem(spec, number):
        fonts = spec.get("fonts")
        if not fonts or number.font is None or font_key(number.font) in {font_key(f) for f in fonts}:
            return None
        return number.font, fonts[0], number.font, fonts[0]
    yield from _pn_check(ctx, profile, problem)


def _check_pn_size(ctx, profile, roles) -> Iterator[Hit]:
    def problem(spec, number):
        want = spec.get("size")
        if want is None or number.size is None or abs(number.size - want) < 0.25:
            return None
        return _size_zh(number.size), _size_zh(want), f"{_pt(number.size)} pt", f"{_pt(want)} pt"
    yield from _pn_check(ctx, profile, problem)


_LEVEL_NAMES = {1: "一级标题（一、）", 2: "二级标题（（一））", 3: "三级标题（1.）", 4: "四级标题（（1））"}
_LEVEL_NAMES_EN = {1: "Level-1 heading (一、)", 2: "Level-2 heading (（一）)", 3: "Level-3 heading (1.)", 4: "Level-4 heading (（1）)"}


_CHECKERS = {
    "paper": _check_paper,
    "margins": _check_margins,
    "title-font": lambda ctx, p, r: _check_font(ctx, p, r, "title"),
    "title-size": lambda ctx, p, r: _check_size(ctx, p, r, "title"),
    "title-align": lambda ctx, p, r: _check_align(ctx, p, r, "title", ("title",)),
    "body-font": lambda ctx, p, r: _check_font(ctx, p, r, "body"),
    "body-size": lambda ctx, p, r: _check_size(ctx, p, r, "body"),
    "body-indent": _check_indent,
    "body-line-spacing": _check_line_spacing,
    "body-align": lambda ctx, p, r: _check_align(ctx, p, r, "body", ("body",)),
    "heading-font": lambda ctx, p, r: _check_font(ctx, p, r, "headings"),
    "heading-size": lambda ctx, p, r: _check_size(ctx, p, r, "headings"),
    "page-number-missing": _check_pn_missing,
    "page-number-form": _check_pn_form,
    "page-number-font": _check_pn_font,
    "page-number-size": _check_pn_size,
}
