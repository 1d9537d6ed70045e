"""Issue 3's acceptance on the real material in ../shared: the seeds and the clean corpus."""

from __future__ import annotations

import regex

from conftest import shared_path
from draftlint.discovery import discover
from draftlint.runner import RunOptions, run

SERIAL = RunOptions(jobs=1, progress=False)

PLACEHOLDER_RULES = {"PH001", "FG001", "PH011"}
# An oracle simpler than the rules: any run of ASCII x/X not inside a pinyin "(...)" annotation.
X_RUN = regex.compile(r"[xX]+")
PINYIN = regex.compile(r"\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


def _x_runs(text: str) -> list[tuple[int, int]]:
    inside = [m.span() for m in PINYIN.finditer(text)]
    return [m.span() for m in X_RUN.finditer(text) if not any(s <= m.start() < e for s, e in inside)]


def test_every_x_placeholder_in_seeds_000_and_004_is_reported(rules):
    for name in ("000_242227cfe79294bb.txt", "004_57eb6f3e3adde9ce.txt"):
        path = shared_path("seeds", name)
        lines = path.read_text(encoding="utf-8").splitlines()
        findings = run(discover([str(path)]), options=SERIAL).findings
        covered = {(f.line, i) for f in findings if f.rule in PLACEHOLDER_RULES for i in range(f.start, f.end)}
        expected = [(n, s) for n, line in enumerate(lines, 1) for s, _ in _x_runs(line)]
        assert expected, name
        missing = [(n, lines[n - 1][max(0, s - 5) : s + 5]) for n, s in expected if (n, s) not in covered]
        assert not missing, f"{name}: unreported x placeholders {missing}"


def test_seed_specific_findings(rules):
    findings = run(discover([str(shared_path("seeds"))]), options=SERIAL).findings
    by = lambda name: [f for f in findings if name in f.path]  # noqa: E731
    assert any(f.rule == "FG001" and f.match == "20xx" for f in by("004_"))
    assert any(f.rule == "TR001" and f.match == "、。" and f.line == 1 for f in by("000_"))
    assert any(f.rule == "ST006" and f.line == 19 for f in by("000_"))
    assert any(f.rule == "TR005" and f.line == 1 for f in by("000_"))
    assert any(f.rule == "PH003" and f.match == "某市" for f in by("004_"))


def test_seed_clean_lines_have_no_findings_of_the_four_families(rules):
    """Lines of 004 with no blank in them (read by hand) must not be reported."""
    path = shared_path("seeds", "004_57eb6f3e3adde9ce.txt")
    findings = run(discover([str(path)]), options=SERIAL).findings
    clean_lines = {2, 4, 6, 8, 10, 11, 12, 13}
    families = {"placeholder", "structure", "truncation", "figure"}
    assert not [f for f in findings if f.line in clean_lines and f.category in families]


def test_clean_corpus_stays_under_one_finding_per_100k_characters(rules):
    """The four families of issue 3 (their rule files), every severity. The figure-style rules of
    rules/figure-style.yaml are style checks per GB/T 15835, held to their own limit in
    tests/test_packs_corpus.py."""
    result = run(discover([str(shared_path("corpus", "clean-zh"))]), options=SERIAL)
    assert not result.errors
    family_files = ("placeholder.yaml", "structure.yaml", "truncation.yaml", "figure.yaml")
    family_rules = {r.id for r in rules if r.source.rsplit(":", 1)[0].endswith(family_files)}
    findings = [f for f in result.findings if f.rule in family_rules]
    characters = sum(r.characters for r in result.files)
    assert characters > 2_000_000
    rate = len(findings) / characters * 100_000
    assert rate <= 1.0, f"{len(findings)} findings in {characters} characters ({rate:.2f} per 100k)"
