"""Human output: findings grouped by file, the context with the match highlighted, a summary.

Colour only on a terminal without ``NO_COLOR`` (drawn by rich); otherwise plain text with a
``^^^`` marker line under the match, aligned for double-width Chinese characters, written
directly: a pre-commit hook or a CI log never pays for importing rich's console (25 ms).
"""

from __future__ import annotations

import os
from typing import TextIO

from ..locations import describe_finding
from ..reasons import cannot_read, cannot_read_word, localize
from ..model import CONTEXT_CHARS, Finding, Severity
from . import RunResult

#: The indent of a finding's line after the first, when a terminal is too narrow for one.
_HANG = " " * 8
_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _severity_word(severity: Severity, lang: str) -> str:
    return severity.word(lang)


def _context(f: Finding) -> tuple[str, int, int]:
    """One-line context and the match's position inside it."""
    text = f.block.text
    lo, hi = max(0, f.start - CONTEXT_CHARS), min(len(text), f.end + CONTEXT_CHARS)
    prefix = ("…" if lo > 0 else "") + text[lo : f.start]
    match = text[f.start : f.end]
    if len(match) > 40:  # a whole-paragraph finding: show its ends
        match = match[:24] + "…" + match[-10:]
    suffix = text[f.end : hi] + ("…" if hi < len(text) else "")
    clean = lambda s: s.replace("\t", " ").replace("\n", " ")  # noqa: E731
    return clean(prefix) + clean(match) + clean(suffix), len(prefix), len(prefix) + len(match)


def _fit(ctx: str, s: int, e: int, width: int) -> tuple[str, int, int]:
    """``ctx`` cut around its match ``[s, e)`` to at most ``width`` terminal cells (CJK
    characters take two), keeping as much on each side as fits, so that the line and the
    marker under it never wrap."""
    from rich.cells import cell_len

    if width <= 0 or cell_len(ctx) <= width:
        return ctx, s, e
    left, match, right = ctx[:s], ctx[s:e], ctx[e:]
    if cell_len(match) + 2 > width:  # the match alone is wider: its start, then …
        while match and cell_len(match) + 1 > width:
            match = match[:-1]
        return match + "…", 0, len(match)
    room = width - cell_len(match)
    keep_left = room // 2
    while left and cell_len(left) > keep_left and cell_len(left) + cell_len(right) > room:
        left = left[1:]
    while right and cell_len(left) + cell_len(right) > room:
        right = right[:-1]
    while left and cell_len(left) + cell_len(right) > room:
        left = left[1:]
    if left != ctx[:s] and left:
        left = "…" + left[1:]
    if right != ctx[e:] and right:
        right = right[:-1] + "…"
    return left + match + right, len(left), len(left) + len(match)


def _plain(stream: TextIO, color: bool | None) -> bool:
    """Whether to write plain text: as rich decides it (not a terminal, unless FORCE_COLOR)."""
    if color is not None:
        return not color
    if os.environ.get("FORCE_COLOR"):
        return False
    try:
        return not stream.isatty()
    except (AttributeError, ValueError):
        return True


def write(result: RunResult, stream: TextIO, lang: str = "zh", color: bool | None = None, **_: object) -> None:
    if _plain(stream, color):
        _write_plain(result, stream, lang)
    else:
        _write_rich(result, stream, lang, color)


def _head(f: Finding, doc_format: str, lang: str) -> list[tuple[str, str]]:
    """The finding's first line as (text, rich style) pieces."""
    where = describe_finding(f.block, f.heading_path, doc_format, lang)
    return [
        (f"  {f.line}:{f.column}  ", ""),
        (_severity_word(f.severity, lang), _SEVERITY_STYLE[f.severity]),
        ("  ", ""),
        (f.rule, "bold"),
        ("  ", ""),
        *([("[*] ", "bold green")] if f.fix is not None and f.fix.safe else []),
        (f.message.get(lang), ""),
        (f"  [{where}]", "dim"),
    ]


# What rich leaves out of any text it prints (BEL, BS, VT, FF, CR); plain output does the same.
_CONTROL = {7: None, 8: None, 11: None, 12: None, 13: None}


def _expand_tabs(text: str, cell_len) -> str:
    """Tabs to spaces up to the next stop of 8 cells, counted per line, as rich prints them."""
    out = []
    for line in text.split("\n"):
        if "\t" in line:
            position, pieces = 0, []
            for part in line.split("\t")[:-1]:
                position += cell_len(part) + 1
                pieces.append(part + " " * (1 + (-position) % 8))
                position += (-position) % 8
            line = "".join(pieces) + line.rsplit("\t", 1)[1]
        out.append(line)
    return "\n".join(out)


def _write_plain(result: RunResult, stream: TextIO, lang: str) -> None:
    from rich.cells import cell_len  # the width table only, to align the marker under CJK text

    def line(text: str) -> None:
        stream.write(_expand_tabs(text.translate(_CONTROL), cell_len) + "\n")

    for r in result.each():
        if r.error is not None:
            line(cannot_read(r.path, r.error, lang))
        if not r.findings:  # a file whose rule timed out still shows what the other rules found
            continue
        line(r.path)
        for f in r.findings:
            line("".join(text for text, _ in _head(f, r.format or "txt", lang)))
            ctx, s, e = _context(f)
            line("      " + ctx)
            line(" " * (6 + cell_len(ctx[:s])) + "^" * max(1, cell_len(ctx[s:e])))
    line(_summary(result, lang)[0])


def _write_rich(result: RunResult, stream: TextIO, lang: str, color: bool | None) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, highlight=False, soft_wrap=True, force_terminal=color, no_color=(color is False) or None, width=200 if not color else None)
    plain = not console.is_terminal or console.no_color

    def fitted(text: Text, hang: str = "") -> Text:  # a terminal's lines break where lines may break
        return _wrapped(text, console.width, hang) if console.is_terminal else text

    for r in result.each():
        if r.error is not None:
            console.print(fitted(Text.assemble((r.path, "bold"), ": ", (cannot_read_word(lang), "bold red"), f": {localize(r.error, lang)}")))
        if not r.findings:  # a file whose rule timed out still shows what the other rules found
            continue
        console.print(fitted(Text(r.path, style="bold underline")))
        for f in r.findings:
            console.print(fitted(Text.assemble(*_head(f, r.format or "txt", lang)), _HANG))
            ctx, s, e = _fit(*_context(f), console.width - 7)  # 6 cells of indent, 1 to spare
            line = Text("      ")
            line.append(ctx[:s])
            line.append(ctx[s:e], style="reverse red" if not plain else "")
            line.append(ctx[e:])
            console.print(line)
            if plain:  # a terminal asked for no colour (NO_COLOR, TERM=dumb)
                from rich.cells import cell_len

                console.print(" " * (6 + cell_len(ctx[:s])) + "^" * max(1, cell_len(ctx[s:e])))
    console.print(fitted(Text(*_summary(result, lang))))


def _wrapped(head: "Text", width: int, hang: str = _HANG) -> "Text":
    """``head`` in lines of at most ``width`` columns, each after the first indented by ``hang``,
    broken where a line may break (:mod:`draftlint.linebreak`), styles kept."""
    from rich.text import Text

    from ..linebreak import line_spans

    plain = head.plain
    lead = len(plain) - len(plain.lstrip(" "))  # the first line's own indent stays
    spans = [(lead + s, lead + e) for s, e in line_spans(plain[lead:], width, lead, len(hang))] or [(lead, lead)]
    spans[0] = (0, spans[0][1])
    return Text("\n").join([head[start:end] if n == 0 else Text(hang) + head[start:end]
                            for n, (start, end) in enumerate(spans)])


def _summary(result: RunResult, lang: str) -> tuple[str, str]:
    counts = result.counts()
    n = sum(counts.values())
    files = result.tally.files
    bad = result.tally.errors
    if lang == "en":
        text = f"{n} finding{'s' if n != 1 else ''} ({counts['error']} errors, {counts['warning']} warnings, {counts['info']} info) in {files} file{'s' if files != 1 else ''}"
        if bad:
            text += f"; {bad} file{'s' if bad != 1 else ''} could not be read"
    else:
        text = f"共 {n} 个问题（错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['info']}），检查了 {files} 个文件"
        if bad:
            text += f"；{bad} 个文件无法读取"
    fixable = result.fixable()
    if fixable:  # ruff's mark: what --fix (TXT) or draftlint fix (DOCX) would change for you
        text += (f"; {fixable} marked [*] can be fixed (--fix; DOCX: draftlint fix)" if lang == "en"
                 else f"；标有 [*] 的 {fixable} 个可自动修复（--fix；DOCX 用 draftlint fix）")
    style = "bold red" if counts["error"] or bad else ("yellow" if n else "bold green")
    return text, style
