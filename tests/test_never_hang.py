"""No rule hangs on hostile text, a runaway user pattern is stopped with an error naming it,
and a 30 MB single-line TXT finishes in seconds with bounded memory."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

import pytest

from draftlint.engine import read_and_lint, lint_document
from draftlint.model import Block, Document
from draftlint.ruleset import RuleSet, load_rules

from conftest import shared_path

RULES = load_rules()
PARAGRAPH = 1_000_000  # characters in one hostile paragraph
RUN = 100_000  # characters in one run of a repeated character
BUDGET_S = 20.0  # per rule and input; a backtracking blow-up takes minutes or years, not seconds (a
# budget near the normal time only measures how busy a shared machine is)

# What class escapes stand for when a pattern repeats them.
_CLASS_SAMPLES = {r"\p{Han}": "中", r"\p{Latin}": "a", r"\p{N}": "1", r"\d": "1", r"\s": " ", r"\w": "a", ".": "中"}
_META = set("()[]{}?*+|^$\\.-<>=!:")


def _option_patterns(rule) -> list[str]:
    """The regular expressions a built-in kind takes from the rule's options (paragraph-count's
    pattern and exceptions, the word-pairs data file's pairs): they search without a time limit
    in draftlint's own rules, so they are proven here like pattern rules."""
    import yaml

    from draftlint.checkers import word_pairs

    path, line = rule.source.rsplit(":", 1)
    items = yaml.safe_load(open(path, encoding="utf-8"))["rules"]
    options = next(item for item in items if item["id"] == rule.id).get("options") or {}
    found = [options["pattern"]] if isinstance(options.get("pattern"), str) else []
    found += [e for e in options.get("exceptions", []) if isinstance(e, str)]
    if rule.kind == "word-pairs":
        found += [pattern.pattern for *_, pattern, _ in word_pairs.load_pairs(str(word_pairs.data_path(options["data"])))]
    return found


def _repeated_chars(rule) -> set[str]:
    """Characters the rule's patterns mention (literals, class members, class samples) and those
    of its flag examples: the runs a backtracking pattern would choke on."""
    chars = {"中", "x", "X", "1", "，", "。", " ", "\u3000", "（", "）", "_", "×"}
    for example in rule.flag_examples:
        chars.update(example.text.replace("\n", ""))
    for pattern in ([rule.pattern] if rule.pattern else _option_patterns(rule)):
        chars.update(c for c in pattern if c not in _META and not c.isspace())
        chars.update(v for k, v in _CLASS_SAMPLES.items() if k in pattern)
    return chars


def _hostile_inputs(rule):
    for c in sorted(_repeated_chars(rule)):
        yield f"run of {c!r}", c * RUN
    flags = "".join(e.text.replace("\n", "") for e in rule.flag_examples)
    yield "flag examples as one 1 MB paragraph", (flags * (PARAGRAPH // len(flags) + 1))[:PARAGRAPH]
    yield "report text as one 1 MB paragraph", None  # filled from the seeds below


def _doc(text: str) -> Document:
    return Document(path="<hostile>", format="txt", blocks=[Block(text=text, index=0, paragraph=1)])


@pytest.fixture(scope="module")
def report_paragraph() -> str:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(shared_path("seeds").glob("0*.txt")))
    text = text.replace("\n", "")
    return (text * (PARAGRAPH // len(text) + 1))[:PARAGRAPH]


@pytest.mark.parametrize("rule", list(RULES), ids=lambda r: r.id)
def test_rule_finishes_on_hostile_input(rule, report_paragraph):
    rules = RuleSet([rule])
    for label, text in _hostile_inputs(rule):
        text = report_paragraph if text is None else text
        errors: list[str] = []
        start = time.perf_counter()
        lint_document(_doc(text), rules, errors)
        elapsed = time.perf_counter() - start
        assert not errors, f"{rule.id} on {label}: {errors}"
        assert elapsed < BUDGET_S, f"{rule.id} took {elapsed:.1f} s on {label}"


@pytest.mark.parametrize("kind,limit", [
    ("pattern", "draftlint.checkers.pattern.MATCH_TIMEOUT_S"),
    ("paragraph-count", "draftlint.checkers.paragraph_count._TIMEOUT_S"),
])
def test_runaway_user_pattern_is_stopped_with_its_name(tmp_path, monkeypatch, kind, limit):
    """A user's pattern is searched with a time limit, in pattern rules and in the kinds that take
    a pattern from the rule file; only draftlint's own rules search without one."""
    monkeypatch.setattr(limit, 0.2)
    pattern = "pattern: '(?:a|aa)+$'" if kind == "pattern" else "options:\n      pattern: '(?:a|aa)+$'"
    (tmp_path / "slow.yaml").write_text(
        f"""rules:
  - id: USR001
    name: runaway
    category: placeholder
    severity: warning
    message: {{zh: 慢, en: slow}}
    kind: {kind}
    {pattern}
    examples:
      flag: [aaa]
      pass: [bbb]
""",
        encoding="utf-8",
    )
    rules = load_rules([tmp_path])
    data = ("x市x局" + "a" * 40 + "!\n").encode("utf-8")
    start = time.perf_counter()
    result = read_and_lint(data, "draft.txt", rules)
    assert time.perf_counter() - start < 10
    assert result.error is not None and "USR001" in result.error and "slow.yaml" in result.error
    if kind == "pattern":
        assert "paragraph 1" in result.error
    assert any(f.rule == "PH001" for f in result.findings), "the other rules still ran"


def test_thirty_megabyte_single_line(tmp_path):
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(shared_path("seeds").glob("0*.txt")))
    line = text.replace("\n", "")
    big = tmp_path / "one-line.txt"
    data = line.encode("utf-8")
    big.write_bytes((data * (30_000_000 // len(data) + 1))[: 30_000_000 - 2] .decode("utf-8", "ignore").encode("utf-8"))
    assert big.stat().st_size > 29_000_000
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "draftlint", "check", "--no-cache", "--format", "json", str(big)],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert report["errors"] == [] and report["summary"]["findings"] > 1000
    assert elapsed < 60, f"{elapsed:.1f} s"
    # Memory follows the findings, not the file: this text yields ~170,000 of them (~0.55 GB;
    # 0.95 GB while the JSON report made all of one file's findings into dicts at once).
    assert peak_mb < 800, f"peak RSS {peak_mb:.0f} MB for a 30 MB file"
