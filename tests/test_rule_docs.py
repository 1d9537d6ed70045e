"""The rule reference in docs/ is what the rule files say today."""

from __future__ import annotations

from pathlib import Path

from draftlint.rule_docs import markdown
from draftlint.ruleset import load_rules

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def test_docs_rules_md_is_written_from_the_rule_files():
    rules = load_rules()
    text = DOCS.read_text(encoding="utf-8")
    assert text == markdown(rules), "docs/rules.md is stale: draftlint rules --format markdown > docs/rules.md"
    for rule in rules:
        assert f"### {rule.id}\n" in text and rule.name in text
