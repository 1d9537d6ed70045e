"""The JSON contract (version 1), documented in docs/json.md. CI and editors read this."""

from __future__ import annotations

import json
from typing import Iterator, Mapping, TextIO

from ..locations import describe
from ..model import Finding
from . import RunResult

VERSION = 1


def finding_dict(f: Finding, doc_format: str, lang: str) -> dict:
    block = f.block
    location = {
        "part": block.part,
        "paragraph": block.paragraph,
        "table": block.table,
        "row": block.row,
        "column": block.column,
        "section": block.section,
        "note": block.note,
        "style": block.style,
    }
    out = {
        "path": f.path,
        "rule": f.rule,
        "category": f.category,
        "severity": f.severity.label,
        "message": f.message.get(lang),
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "match": f.match,
        "context": f.context,
        "location": describe(block, doc_format, lang),
        "location_parts": {k: v for k, v in location.items() if v is not None},
        "heading_path": list(f.heading_path),
    }
    if f.fix is not None:
        out["fix"] = {"replacement": f.fix.replacement, "safe": f.fix.safe}
    return out


def to_dict(result: RunResult, lang: str = "zh") -> dict:
    """The whole report as one object (the same data :func:`write` streams)."""
    findings = []
    report = _Report(lang)
    for r in result.each():
        findings.extend(report.add(r))
    return {"version": VERSION, "findings": findings, **report.rest(result.tally)}


class _Report:
    """The parts of the report besides the findings, gathered while the findings stream by."""

    def __init__(self, lang: str):
        self.lang = lang
        self.files: list[dict] = []
        self.errors: list[dict] = []

    def add(self, r) -> Iterator[dict]:
        """Note one file; its findings as JSON objects, made one at a time as they are written
        (one 30 MB paragraph has 170,000: made as one list, they took 0.43 GB more)."""
        if r.error is None:
            entry = {"path": r.path, "format": r.format}
            if r.encoding:
                entry["encoding"] = r.encoding
            self.files.append(entry)
        else:
            self.errors.append({"path": r.path, "message": r.error})
        return (finding_dict(f, r.format or "txt", self.lang) for f in r.findings)

    def rest(self, tally) -> dict:
        return {
            "files": self.files,
            "errors": self.errors,
            "summary": {
                "files": tally.files,
                "files_with_findings": tally.files_with_findings,
                "errors": tally.errors,
                "findings": tally.findings,
                "by_severity": tally.counts(),
                "by_category": dict(sorted(tally.by_category.items())),
                "by_rule": dict(sorted(tally.by_rule.items())),
            },
        }


def write(result: RunResult, stream: TextIO, lang: str = "zh", extra: Mapping[str, object] | None = None, **_: object) -> None:
    """The report with one finding, file or error per line: easy to read and to grep, written with
    the C encoder in 64 KiB pieces. Findings come first and are written as each file's result
    arrives, so a run of any size holds one file's findings at a time. ``extra``: keys after the
    report's own (``draftlint serve`` adds the text of each document its page shows)."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    report = _Report(lang)
    buffer: list[str] = [f'{{\n  "version": {VERSION},\n  "findings": [']
    size, first = 0, True
    for r in result.each():
        for item in report.add(r):
            line = ("\n    " if first else ",\n    ") + encode(item)
            first = False
            buffer.append(line)
            size += len(line)
            if size >= 65536:
                stream.write("".join(buffer))
                buffer, size = [], 0
    buffer.append("]" if first else "\n  ]")
    rest = {**report.rest(result.tally), **(extra or {})}
    for key, value in rest.items():
        if isinstance(value, list) and value:
            items = ",\n".join("    " + encode(v) for v in value)
            buffer.append(f",\n  {encode(key)}: [\n{items}\n  ]")
        else:
            buffer.append(f",\n  {encode(key)}: {encode(value)}")
    buffer.append("\n}\n")
    stream.write("".join(buffer))
