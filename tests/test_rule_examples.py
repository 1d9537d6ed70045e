"""Every rule's own examples: flag examples must fire (quoting ``match`` when given), pass
examples must stay silent. A rule without a flag example fails here."""

from __future__ import annotations

import pytest

from draftlint.rule_examples import check_example
from draftlint.ruleset import load_rules

RULES = load_rules()


def _cases(kind: str):
    for rule in RULES:
        examples = rule.flag_examples if kind == "flag" else rule.pass_examples
        for n, example in enumerate(examples):
            yield pytest.param(rule, example, id=f"{rule.id}-{kind}-{n}")


def test_every_rule_has_flag_and_pass_examples():
    for rule in RULES:
        assert rule.flag_examples, f"{rule.id} has no flag example"
        assert rule.pass_examples, f"{rule.id} has no pass example"


@pytest.mark.parametrize("rule,example", list(_cases("flag")))
def test_flag_example_fires(rule, example):
    reason = check_example(rule, example, "flag")
    assert reason is None, f"{rule.id}: {example.text!r}: {reason}"


@pytest.mark.parametrize("rule,example", list(_cases("pass")))
def test_pass_example_is_silent(rule, example):
    reason = check_example(rule, example, "pass")
    assert reason is None, f"{rule.id}: {example.text!r}: {reason}"
