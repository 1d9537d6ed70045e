"""``--statistics``: how many findings each rule produced, most frequent first."""

from __future__ import annotations

import json
from collections import Counter
from typing import TextIO

from ..model import Severity
from . import RunResult


def rows(result: RunResult, lang: str = "zh") -> list[dict]:
    counts: Counter[str] = Counter()
    first = {}
    for r in result.each():
        for f in r.findings:
            counts[f.rule] += 1
            first.setdefault(f.rule, (f.category, f.severity))
    return [
        {"rule": rule, "count": n, "category": first[rule][0], "severity": first[rule][1].label}
        for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def write(result: RunResult, stream: TextIO, lang: str = "zh", as_json: bool = False) -> None:
    data = rows(result, lang)
    if as_json:
        json.dump(data, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    for row in data:
        severity = Severity.parse(row["severity"]).word(lang)
        stream.write(f"{row['count']:>6}  {row['rule']:<6}  {severity:<7}  {row['category']}\n")
    total = sum(r["count"] for r in data)
    stream.write(f"{total:>6}  {'total' if lang == 'en' else '合计'}\n")
