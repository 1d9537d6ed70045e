"""A rule that replaced another (PH012 took over RD003) still answers to the old id, so a
configuration or a directive written before the change keeps working."""

from __future__ import annotations

import draftlint
from draftlint.ruleset import load_rules

TEXT = "在此向***区党工委表示感谢。"


def test_the_old_id_selects_and_names_the_new_rule():
    rules = load_rules()
    assert rules.get("RD003").id == "PH012"
    assert [r.id for r in rules.select(["RD003"])] == ["PH012"]
    assert "PH012" not in [r.id for r in rules.select(["ALL"], ["RD003"])]
    assert [f.rule for f in draftlint.lint_text(TEXT, select=["RD003"])] == ["PH012"]


def test_a_directive_naming_the_old_id_still_silences_the_finding():
    silenced = draftlint.lint_text(TEXT + "  # draftlint: ignore RD003", select=["PH012", "SU001"])
    assert silenced == []
    kept = draftlint.lint_text(TEXT + "  # draftlint: ignore PH001", select=["PH012"])
    assert [f.rule for f in kept] == ["PH012"]


def test_a_severity_override_by_the_old_id_applies(tmp_path):
    config = tmp_path / "draftlint.toml"
    config.write_text('[severity]\nRD003 = "info"\n', encoding="utf-8")
    findings = draftlint.lint_text(TEXT, select=["PH012"], config=config)
    assert [f.severity.label for f in findings] == ["info"]
