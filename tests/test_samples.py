"""draftlint check samples/ gives exactly the findings recorded in samples/expected.json."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT
from draftlint.discovery import discover
from draftlint.runner import RunOptions, run

SERIAL = RunOptions(jobs=1, progress=False)


def test_samples_match_expected_findings(rules):
    expected = json.loads((ROOT / "samples" / "expected.json").read_text(encoding="utf-8"))
    result = run(discover([str(ROOT / "samples")]), options=SERIAL)
    assert not result.errors
    got = [
        {
            "path": str(Path(f.path).relative_to(ROOT / "samples")),
            "line": f.line,
            "column": f.column,
            "rule": f.rule,
            "match": f.match,
        }
        for f in result.findings
    ]
    key = lambda d: (d["path"], d["line"], d["column"], d["rule"])  # noqa: E731
    assert sorted(got, key=key) == sorted(expected, key=key)


def test_finished_notice_is_clean(rules):
    result = run(discover([str(ROOT / "samples" / "关于开展安全生产大检查的通知.txt")]), options=SERIAL)
    assert result.findings == []


def test_gbk_sample_is_read_as_gb18030(rules):
    result = run(discover([str(ROOT / "samples" / "关于2023年群团工作情况的报告-GBK.txt")]), options=SERIAL)
    assert result.files[0].encoding == "gb18030"
    assert any(f.match == "某局" for f in result.findings)
