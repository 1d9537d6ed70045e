"""The JSON contract (version 1), documented in the README. CI and editors read this."""

from __future__ import annotations

import json
from collections import Counter
from typing import TextIO

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
        "end_line": f.line,
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
    files = []
    findings = []
    for r in result.files:
        if r.error is None:
            entry = {"path": r.path, "format": r.format}
            if r.encoding:
                entry["encoding"] = r.encoding
            files.append(entry)
        findings.extend(finding_dict(f, r.format or "txt", lang) for f in r.findings)
    by_category = Counter(f["category"] for f in findings)
    by_rule = Counter(f["rule"] for f in findings)
    return {
        "version": VERSION,
        "files": files,
        "findings": findings,
        "errors": [{"path": r.path, "message": r.error} for r in result.errors],
        "summary": {
            "files": len(result.files),
            "files_with_findings": sum(1 for r in result.files if r.findings),
            "errors": len(result.errors),
            "findings": len(findings),
            "by_severity": result.counts(),
            "by_category": dict(sorted(by_category.items())),
            "by_rule": dict(sorted(by_rule.items())),
        },
    }


def write(result: RunResult, stream: TextIO, lang: str = "zh") -> None:
    """The report with one file, finding or error per line: easy to read and to grep, and written
    with the C encoder in 64 KiB pieces (indented json.dump is pure Python and costs more than
    linting on big runs)."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    report = to_dict(result, lang)
    buffer: list[str] = ["{\n"]
    size = 0
    last = len(report) - 1
    for i, (key, value) in enumerate(report.items()):
        end = ",\n" if i < last else "\n"
        if not (isinstance(value, list) and value):
            buffer.append(f"  {encode(key)}: {encode(value)}{end}")
            continue
        buffer.append(f"  {encode(key)}: [\n")
        for j, item in enumerate(value):
            line = "    " + encode(item) + (",\n" if j < len(value) - 1 else "\n")
            buffer.append(line)
            size += len(line)
            if size >= 65536:
                stream.write("".join(buffer))
                buffer, size = [], 0
        buffer.append("  ]" + end)
    buffer.append("}\n")
    stream.write("".join(buffer))
