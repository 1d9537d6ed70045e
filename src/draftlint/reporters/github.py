"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request, and
(inside a job) a table in the job's summary.

GitHub matches an annotation to a file of the pull request by its path relative to the
workspace, written without ``./``; it shows at most 10 annotations of each level per step, so
the summary (``$GITHUB_STEP_SUMMARY``) lists every file with its counts and the findings the
annotations could not show. A DOCX's "line" is a paragraph number, so its readable place
(``正文第12段``, ``表格1 第2行第2列``) goes into the message.
"""

from __future__ import annotations

import os
from typing import TextIO

from ..locations import describe_finding
from . import RunResult

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
#: Annotations GitHub shows per level and step; the summary lists what lies beyond.
SHOWN_PER_LEVEL = 10
#: Findings listed in the summary beyond the annotations shown (a summary is at most 1 MiB).
SUMMARY_FINDINGS = 200


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def workspace_path(path: str) -> str:
    """``path`` as GitHub names a file of the pull request: relative to the workspace (or the
    current folder), '/'-separated, without ``./``."""
    base = os.environ.get("GITHUB_WORKSPACE") or os.getcwd()
    if os.path.isabs(path):
        try:
            rel = os.path.relpath(path, base)
        except ValueError:  # another drive (Windows)
            return path.replace(os.sep, "/")
        if not rel.startswith(".."):
            path = rel
    path = path.replace(os.sep, "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def write(result: RunResult, stream: TextIO, lang: str = "zh", **_: object) -> None:
    en = lang == "en"
    shown = {level: 0 for level in _LEVEL.values()}
    rows: list[str] = []  # the summary's table: one row per file
    beyond: list[str] = []  # findings past GitHub's limit, for the summary
    hidden = 0
    for r in result.each():
        path = workspace_path(r.path)
        if r.error is not None:
            stream.write(f"::error file={_prop(path)},title=draftlint::{_data(r.error)}\n")
            rows.append(f"| `{_cell(path)}` | {'cannot read' if en else '无法读取'}: {_cell(r.error)} | | | |")
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in r.findings:
            counts[f.severity.label] += 1
            message = f.rule + " " + f.message.get(lang)
            if r.format == "docx":
                message += f" [{describe_finding(f.block, f.heading_path, 'docx', lang)}]"
            level = _LEVEL[f.severity.label]
            line, end_line = f.line, f.end_line
            # a match over a line break (a Markdown paragraph) has an end line; GitHub takes
            # columns only on one line
            span = f"endLine={end_line}" if end_line != line else f"col={f.column},endColumn={f.end_column}"
            props = f"file={_prop(path)},line={line},{span},title={_prop(f.rule)}"
            stream.write(f"::{level} {props}::{_data(message)}\n")
            shown[level] += 1
            if shown[level] > SHOWN_PER_LEVEL:
                if len(beyond) < SUMMARY_FINDINGS:
                    beyond.append(f"- `{_cell(path)}:{f.line}` {f.severity.word(lang)} {_cell(message)}")
                else:
                    hidden += 1
        if r.error is None:
            rows.append(f"| `{_cell(path)}` | {counts['error']} | {counts['warning']} | {counts['info']} | {len(r.findings)} |")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        _write_summary(summary, rows, beyond, hidden, en)


def _write_summary(target: str, rows: list[str], beyond: list[str], hidden: int, en: bool) -> None:
    """Append the run's table (and the findings the annotations could not show) to the job summary."""
    head = ("| file | errors | warnings | info | findings |" if en else "| 文件 | 错误 | 警告 | 提示 | 合计 |")
    lines = ["## draftlint", "", head, "|---|---|---|---|---|", *rows, ""]
    if beyond:
        lines += [(f"GitHub shows {SHOWN_PER_LEVEL} annotations of each level per step; the others:" if en
                   else f"GitHub 每一步每种级别只显示 {SHOWN_PER_LEVEL} 条注释，其余的问题："), "", *beyond, ""]
    if hidden:
        lines += [f"… {hidden} more: run draftlint check locally for all." if en else f"…… 另有 {hidden} 个问题：请在本地运行 draftlint check 查看全部。", ""]
    try:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
    except OSError:
        pass  # the annotations are written; a summary that cannot be is no reason to fail
