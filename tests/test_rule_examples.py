"""Every rule's own examples: flag examples must fire (quoting ``match`` when given), pass
examples must stay silent. A rule without a flag example fails here."""

from __future__ import annotations

import pytest

from pathlib import Path

from draftlint.config import parse
from draftlint.engine import lint_document
from draftlint.model import Block, Document, Mark
from draftlint.readers.txt import split_lines
from draftlint.ruleset import RuleSet, load_rules
from draftlint.runner import RunOptions, file_settings
from draftlint.suppression import extract_txt_directives

RULES = load_rules()


def _document(example) -> Document:
    blocks = []
    for i, line in enumerate(split_lines(example.text)):
        marks = tuple(Mark(s, e, k) for s, e, k in example.marks) if i == 0 else ()
        blocks.append(Block(text=line, index=i, paragraph=i + 1, marks=marks))
    return extract_txt_directives(Document(path="<example>", format="txt", blocks=blocks, encoding="utf-8"))


def _settings(example):
    """The settings an example's ``config`` (keys of a configuration file) makes."""
    if example.config is None:
        return None
    return file_settings(parse(example.config, Path("example.toml")), "<example>", RunOptions())


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
    findings = lint_document(_document(example), RuleSet([rule]), _settings(example))
    assert findings, f"{rule.id} did not flag: {example.text!r}"
    if example.match is not None:
        quoted = [f.match for f in findings]
        assert example.match in quoted, f"{rule.id} quoted {quoted}, expected {example.match!r}"


@pytest.mark.parametrize("rule,example", list(_cases("pass")))
def test_pass_example_is_silent(rule, example):
    findings = lint_document(_document(example), RuleSet([rule]), _settings(example))
    assert not findings, f"{rule.id} flagged {[f.match for f in findings]} in {example.text!r}"
