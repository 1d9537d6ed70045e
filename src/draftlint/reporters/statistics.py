"""``--statistics``: how many findings each rule produced, most frequent first."""

from __future__ import annotations

import json
from collections import Counter
from typing import TextIO

from . import RunResult


def rows(result: RunResult, lang: str = "zh") -> list[dict]:
    counts = Counter(f.rule for f in result.findings)
    first = {}
    for f in result.findings:
        first.setdefault(f.rule, f)
    return [
        {"rule": rule, "count": n, "category": first[rule].category, "severity": first[rule].severity.label}
        for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def write(result: RunResult, stream: TextIO, lang: str = "zh", as_json: bool = False) -> None:
    data = rows(result, lang)
    if as_json:
        json.dump(data, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    for row in data:
        stream.write(f"{row['count']:>6}  {row['rule']:<6}  {row['severity']:<7}  {row['category']}\n")
    total = sum(r["count"] for r in data)
    stream.write(f"{total:>6}  {'total' if lang == 'en' else '合计'}\n")
