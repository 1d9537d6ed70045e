"""The prefilter only narrows where pattern rules search: findings with and without it are equal."""

from __future__ import annotations

import pytest

from draftlint import prefilter
from draftlint.engine import lint_bytes, lint_document
from draftlint.model import Block, Document
from draftlint.prefilter import BlockIndex, required_literals
from draftlint.ruleset import load_rules

from conftest import shared_path

RULES = load_rules()


def _signature(result):
    return [(f.rule, f.block.index, f.start, f.end, f.match, f.message.zh) for f in result.findings], result.error


def _both(data: bytes, path: str, monkeypatch):
    with_prefilter = _signature(lint_bytes(data, path, RULES))
    monkeypatch.setattr(prefilter, "ENABLED", False)
    without = _signature(lint_bytes(data, path, RULES))
    monkeypatch.setattr(prefilter, "ENABLED", True)
    return with_prefilter, without


def _corpus():
    seeds = sorted(shared_path("seeds").glob("*.txt"))
    clean = sorted(shared_path("corpus", "clean-zh").rglob("*.txt"))[::6]  # a slice of every kind
    templates = sorted(shared_path("corpus", "templates-zh").rglob("*.txt"))
    return seeds + clean + templates


def test_same_findings_with_and_without_prefilter(monkeypatch):
    files = _corpus()
    assert len(files) > 40
    total = 0
    for path in files:
        got, expected = _both(path.read_bytes(), str(path), monkeypatch)
        assert got == expected, path
        total += len(got[0])
    assert total > 50  # the corpus exercises the rules: seeds and templates are full of blanks


def test_same_findings_on_docx(monkeypatch):
    files = sorted(shared_path("corpus", "templates-zh", "docx").rglob("*.do[ct]x"))
    assert files
    for path in files:
        got, expected = _both(path.read_bytes(), str(path), monkeypatch)
        assert got == expected, path


def test_every_flag_example_lies_in_a_candidate_block():
    """Each derived literal set is a necessary condition on the rule's own flag examples."""
    for rule in RULES:
        needles = required_literals(rule.pattern) if rule.pattern else None
        if needles is None:
            continue
        for example in rule.flag_examples:
            blocks = example.text.split("\n")
            hits = BlockIndex(blocks).blocks_containing(needles)
            assert hits, f"{rule.id}: {sorted(needles)} not in {example.text!r}"


@pytest.mark.parametrize(
    "pattern,must_contain",
    [
        ("_{2,}|＿{2,}", {"_", "＿"}),
        ("此处(?:填写|输入)", {"此处填写", "此处输入"}),
        ("(?<=投入)[万亿]", None),  # a lookbehind's text must be in the block: chooses the longer
        ("a?b*", "always"),
        ("(?i)todo", "always"),  # inline flags are not modelled
        (r"(\w)\1", "always"),  # backreferences are not modelled
        ("(?:ab){e<=1}", "always"),  # fuzzy matching is not modelled
        ("[^，。]{3}", "always"),
    ],
)
def test_required_literals(pattern, must_contain):
    got = required_literals(pattern)
    if must_contain == "always":
        assert got is None
    elif must_contain is None:
        assert got == frozenset({"投入"})
    else:
        assert got == frozenset(must_contain)


def test_scope_is_kept_for_candidate_blocks(monkeypatch):
    text = ["一、工作情况", "二、存在问题____", "本段有____空白"]
    doc = Document(path="<t>", format="txt", blocks=[Block(text=t, index=i, paragraph=i + 1) for i, t in enumerate(text)])
    rules = RULES.select(["PH005"])
    on = [(f.block.index, f.start) for f in lint_document(doc, rules)]
    monkeypatch.setattr(prefilter, "ENABLED", False)
    off = [(f.block.index, f.start) for f in lint_document(doc, rules)]
    assert on == off and len(on) == 2
