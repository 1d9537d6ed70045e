"""SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning, Azure DevOps, …).

Each rule that produced a finding is described in ``tool.driver.rules`` with its name, message,
description and severity; results point at file, line and column (columns count code points).
"""

from __future__ import annotations

import json
import os
from typing import Mapping, TextIO
from urllib.parse import quote

from ..installed import VERSION
from ..locations import describe_finding
from . import RunResult

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
HELP_URI = "https://github.com/draftlint/draftlint#rules"


def _uri(path: str) -> str:
    rel = os.path.relpath(path) if os.path.isabs(path) else path
    rel = rel.replace(os.sep, "/")
    if rel.startswith("../"):
        rel = os.path.abspath(path).replace(os.sep, "/")
        return "file://" + quote(rel if rel.startswith("/") else "/" + rel)
    return quote(rel.removeprefix("./"))


def _rule_descriptor(rule_id: str, rule, category: str, lang: str) -> dict:
    if rule is None:
        return {"id": rule_id, "properties": {"category": category}}
    message = rule.message.get(lang)
    description = rule.description.get(lang) or message
    examples = "\n".join(f"- ✗ {e.text}" for e in rule.flag_examples[:3])
    more = "shows more." if lang == "en" else "显示完整的说明和示例。"
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": message},
        "fullDescription": {"text": description},
        "help": {
            "text": f"{description}\n\n{'run' if lang == 'en' else '详见'}: draftlint rule {rule.id}",
            "markdown": f"**{rule.id} {rule.name}** ({rule.category}, {rule.severity.label})\n\n{description}\n\n{examples}\n\n`draftlint rule {rule.id}` {more}",
        },
        "helpUri": HELP_URI,
        "defaultConfiguration": {"level": _LEVEL[rule.severity.label]},
        "properties": {"category": rule.category, "tags": [rule.category]},
    }


def to_dict(result: RunResult, lang: str = "zh", rules: Mapping[str, object] | None = None) -> dict:
    rules = rules or {}
    order: dict[str, int] = {}
    descriptors: list[dict] = []
    results: list[dict] = []
    for r in result.files:
        for f in r.findings:
            if f.rule not in order:
                order[f.rule] = len(descriptors)
                descriptors.append(_rule_descriptor(f.rule, rules.get(f.rule), f.category, lang))
            line, end_line = f.line, f.end_line
            region = {"startLine": line, "startColumn": f.column, "endLine": end_line,
                      "endColumn": f.end_column if end_line > line else max(f.end_column, f.column)}
            if f.match:
                region["snippet"] = {"text": f.match}
            message = f.message.get(lang)
            location: dict = {"physicalLocation": {"artifactLocation": {"uri": _uri(f.path)}, "region": region}}
            if r.format == "docx":  # "line 12" of a binary file says nothing: say where a person looks
                where = describe_finding(f.block, f.heading_path, "docx", lang)
                message += f" [{where}]"
                location["logicalLocations"] = [{"name": where, "kind": "element"}]
            results.append(
                {
                    "ruleId": f.rule,
                    "ruleIndex": order[f.rule],
                    "level": _LEVEL[f.severity.label],
                    "message": {"text": message},
                    "locations": [location],
                    "partialFingerprints": {"draftlint/v1": f"{f.rule}:{f.match}:{f.context}"},
                }
            )
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{r.path}: {r.error}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(r.path)}}}],
        }
        for r in result.errors
    ]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "draftlint",
                        "version": VERSION,
                        "informationUri": HELP_URI.split("#")[0],
                        "rules": descriptors,
                    }
                },
                "invocations": [{"executionSuccessful": not result.errors, "toolExecutionNotifications": notifications}],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def write(result: RunResult, stream: TextIO, lang: str = "zh", rules: Mapping[str, object] | None = None, **_: object) -> None:
    json.dump(to_dict(result, lang, rules), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
