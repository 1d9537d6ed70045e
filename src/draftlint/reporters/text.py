"""Human output: findings grouped by file, the context with the match highlighted, a summary.

Colour only on a terminal without ``NO_COLOR``; otherwise plain text with a ``^^^`` marker line
under the match, aligned for double-width Chinese characters.
"""

from __future__ import annotations

from typing import TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from ..locations import describe_finding
from ..model import Finding, Severity
from . import RunResult

_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


def _severity_word(severity: Severity, lang: str) -> str:
    return severity.label if lang == "en" else _SEVERITY_ZH[severity]


def _context(f: Finding) -> tuple[str, int, int]:
    """One-line context and the match's position inside it."""
    text = f.block.text
    lo, hi = max(0, f.start - 20), min(len(text), f.end + 20)
    prefix = ("…" if lo > 0 else "") + text[lo : f.start]
    match = text[f.start : f.end]
    if len(match) > 40:  # a whole-paragraph finding: show its ends
        match = match[:24] + "…" + match[-10:]
    suffix = text[f.end : hi] + ("…" if hi < len(text) else "")
    clean = lambda s: s.replace("\t", " ").replace("\n", " ")  # noqa: E731
    return clean(prefix) + clean(match) + clean(suffix), len(prefix), len(prefix) + len(match)


def write(result: RunResult, stream: TextIO, lang: str = "zh", color: bool | None = None) -> None:
    console = Console(file=stream, highlight=False, soft_wrap=True, force_terminal=color, no_color=(color is False) or None, width=200 if not color else None)
    plain = not console.is_terminal or console.no_color
    for r in result.each():
        if r.error is not None:
            label = "cannot read" if lang == "en" else "无法读取"
            console.print(Text.assemble((r.path, "bold"), ": ", (label, "bold red"), f": {r.error}"))
        if not r.findings:  # a file whose rule timed out still shows what the other rules found
            continue
        console.print(Text(r.path, style="bold underline"))
        for f in r.findings:
            where = describe_finding(f.block, f.heading_path, r.format or "txt", lang)
            head = Text.assemble(
                f"  {f.line}:{f.column}  ",
                (f"{_severity_word(f.severity, lang)}", _SEVERITY_STYLE[f.severity]),
                "  ",
                (f.rule, "bold"),
                "  ",
                f.message.get(lang),
                (f"  [{where}]", "dim"),
            )
            console.print(head)
            ctx, s, e = _context(f)
            line = Text("      ")
            line.append(ctx[:s])
            line.append(ctx[s:e], style="reverse red" if not plain else "")
            line.append(ctx[e:])
            console.print(line)
            if plain:
                console.print(" " * (6 + cell_len(ctx[:s])) + "^" * max(1, cell_len(ctx[s:e])))
    console.print(_summary(result, lang))


def _summary(result: RunResult, lang: str) -> Text:
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
    style = "bold red" if counts["error"] or bad else ("yellow" if n else "bold green")
    return Text(text, style=style)
