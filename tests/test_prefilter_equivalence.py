"""The prefilter only narrows where pattern rules search: findings with and without it are equal."""

from __future__ import annotations

import pytest

from draftlint import prefilter
from draftlint.engine import read_and_lint, lint_document
from draftlint.model import Block, Document
from draftlint.normalise import normalise
from draftlint.prefilter import BlockIndex, required_literals
from draftlint.ruleset import load_rules

from conftest import shared_path

RULES = load_rules()


def _signature(result):
    return [(f.rule, f.block.index, f.start, f.end, f.match, f.message.zh) for f in result.findings], result.error


def _both(data: bytes, path: str, monkeypatch):
    """Findings with the prefilter (scanner and str.find), with str.find alone, and without any."""
    with_prefilter = _signature(read_and_lint(data, path, RULES))
    monkeypatch.setattr(prefilter.SCANNER, "enabled", False)
    with_find_only = _signature(read_and_lint(data, path, RULES))
    monkeypatch.setattr(prefilter.SCANNER, "enabled", True)
    assert with_prefilter == with_find_only, path
    monkeypatch.setattr(prefilter, "ENABLED", False)
    without = _signature(read_and_lint(data, path, RULES))
    monkeypatch.setattr(prefilter, "ENABLED", True)
    return with_prefilter, without


def test_the_scanner_is_used_and_agrees_with_str_find():
    """Hyperscan is installed with draftlint on the platforms it ships wheels for (this one):
    its one pass must say exactly which needles a text holds, NUL and all."""
    needles = ["此处填写", "__", "X", "。。。", "\x00", "‘", "😀"]
    prefilter.SCANNER.learn(needles)
    text = "请在此处填写单位名称__\n这是X。。\x00😀"
    known, present = prefilter.SCANNER.scan(text)
    assert {"此处填写", "__", "X", "😀"} <= present and "。。。" not in present and "‘" not in present
    assert "\x00" not in known  # NUL ends a C string: left to str.find
    index = BlockIndex(text.split("\n"))
    for n in needles:
        assert index.blocks_containing(frozenset({n})) == [i for i, t in enumerate(text.split("\n")) if n in t], n


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
    """Each derived literal set is a necessary condition on the rule's own flag examples, as the
    rule searches them: in the normalised view unless the rule reads the text as written."""
    for rule in RULES:
        needles = required_literals(rule.pattern) if rule.pattern else None
        if needles is None:
            continue
        for example in rule.flag_examples:
            blocks = example.text.split("\n")
            if rule.checker.normal:
                blocks = [normalise(b).text for b in blocks]
            hits = BlockIndex(blocks).blocks_containing(needles)
            assert hits, f"{rule.id}: {sorted(needles)} not in {example.text!r}"


@pytest.mark.parametrize(
    "pattern,must_contain",
    [
        ("_{2,}|＿{2,}", {"__", "＿＿"}),  # x{2,} holds xx
        (r"。{3,}|\.{3,}", {"。。。", "..."}),
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


def _random_pattern(rng, depth=0) -> str:
    atoms = ["a", "b", "中", "文", "x", "[ab]", "[^a]", r"\d", r"\p{Han}", ".", r"\s", "[a-c]", r"\u4e2d", "_"]
    if depth > 2 or rng.random() < 0.4:
        piece = rng.choice(atoms)
    else:
        kind = rng.choice(["seq", "alt", "group", "look"])
        inner = [_random_pattern(rng, depth + 1) for _ in range(rng.randint(1, 3))]
        if kind == "seq":
            piece = "".join(inner)
        elif kind == "alt":
            piece = "(?:" + "|".join(inner) + ")"
        elif kind == "group":
            piece = "(" + "".join(inner) + ")"
        else:
            piece = rng.choice(["(?=", "(?!", "(?<=", "(?<!"]) + "".join(inner) + ")"
    if rng.random() < 0.35:
        piece = "(?:" + piece + ")" + rng.choice(["?", "*", "+", "{2}", "{1,3}", "{0,2}", "+?", "*+"])
    return piece


def test_random_patterns_never_lose_a_match():
    """For random patterns and texts: wherever the regex matches, one of the needles is present."""
    import random

    import regex

    rng = random.Random(8)
    alphabet = "ab中文x1 _c"
    checked = 0
    for _ in range(400):
        pattern = "".join(_random_pattern(rng) for _ in range(rng.randint(1, 3)))
        try:
            compiled = regex.compile(pattern)
        except regex.error:
            continue
        needles = required_literals(pattern)
        if needles is None:
            continue
        for _ in range(40):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
            if compiled.search(text):
                checked += 1
                assert any(n in text for n in needles), (pattern, text, sorted(needles))
    assert checked > 500
