"""Safe fixes: TXT in place (encoding, BOM, line endings kept), --diff, DOCX as tracked changes."""

from __future__ import annotations

import codecs
import io
from pathlib import Path

import docx
from click.testing import CliRunner

from draftlint.cli import main
from draftlint.engine import read_and_lint
from draftlint.fixes import plan_fixes
from draftlint.readers.docx import read_docx
from draftlint.ruleset import load_rules

# The test rules in tests/data/fix-rules (TF*) and the placeholder rules, without the shipped
# punctuation and wording packs, whose own fixes would compete for the same spans.
ONLY_TEST_RULES = "TF,PH"
from draftlint.writers.docx_revisions import fix_docx

from docx_xml import accept_all, parts

RULES_DIR = str(Path(__file__).parent / "data" / "fix-rules")
TEXT = "截止2023年底,我们完成了x项任务。。。\r\n第二行,测试\r\n"
FIXED = "截至2023年底，我们完成了x项任务。。。\r\n第二行，测试\r\n"


def _rules():
    return load_rules([RULES_DIR]).select(ONLY_TEST_RULES.split(","))


def test_fix_keeps_gbk_crlf(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(TEXT.encode("gbk"))
    result = CliRunner().invoke(main, ["check", str(f), "--rules", RULES_DIR, "--select", ONLY_TEST_RULES, "--fix"])
    assert f.read_bytes() == FIXED.encode("gbk")
    assert "TF001" not in result.output and "TF002" not in result.output  # fixed ones not reported
    assert "PH001" in result.output  # the placeholder stays for a person


def test_fix_keeps_bom_and_lf(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(codecs.BOM_UTF8 + TEXT.replace("\r\n", "\n").encode("utf-8"))
    CliRunner().invoke(main, ["check", str(f), "--rules", RULES_DIR, "--select", ONLY_TEST_RULES, "--fix"])
    assert f.read_bytes() == codecs.BOM_UTF8 + FIXED.replace("\r\n", "\n").encode("utf-8")


def test_diff_shows_without_writing(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(TEXT.encode("utf-8"))
    result = CliRunner().invoke(main, ["check", str(f), "--rules", RULES_DIR, "--select", ONLY_TEST_RULES, "--diff"])
    assert f.read_bytes() == TEXT.encode("utf-8")
    assert "-截止2023年底,我们完成了x项任务。。。" in result.output
    assert "+截至2023年底，我们完成了x项任务。。。" in result.output


def test_unsafe_fixes_only_when_asked(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(TEXT.encode("utf-8"))
    CliRunner().invoke(main, ["check", str(f), "--rules", RULES_DIR, "--select", ONLY_TEST_RULES, "--fix", "--unsafe-fixes"])
    assert f.read_text(encoding="utf-8").splitlines()[0] == "截至2023年底，我们完成了x项任务……"


def test_placeholders_never_fixed_and_overlaps_resolved(tmp_path):
    # A placeholder rule that (wrongly) offers a fix, and two fixes fighting over one span.
    # (TP001 spans "x项" so that the built-in PH001 on "x" alone is the one folded into it.)
    (tmp_path / "r.yaml").write_text(
        """rules:
  - id: TP001
    name: fake-placeholder-fix
    category: placeholder
    severity: error
    kind: pattern
    message: {zh: "占位符「{match}」", en: "placeholder"}
    pattern: 'x项'
    fix: {replacement: "三项", safe: true}
    examples: {flag: ["完成x项"], pass: ["完成三项"]}
  - id: TP002
    name: wide-span
    category: wording
    severity: info
    kind: pattern
    message: {zh: "「{match}」", en: "span"}
    pattern: '底,我'
    fix: {replacement: "底，我", safe: true}
    examples: {flag: ["年底,我们"], pass: ["年底，我们"]}
""",
        encoding="utf-8",
    )
    rules = load_rules([RULES_DIR, tmp_path]).select([*ONLY_TEST_RULES.split(","), "TP"])
    findings = read_and_lint(TEXT.encode("utf-8"), "a.txt", rules).findings
    chosen, skipped = plan_fixes(findings)
    assert "TP001" not in {f.rule for f in chosen}
    assert any(f.rule == "TP001" and "placeholder" in why for f, why in skipped)
    # TF001 (',' at 7) and TP002 ('底,我' at 6) overlap: the one starting first wins, every time.
    assert [f.rule for f in chosen if f.block.index == 0] == ["TF002", "TP002"]
    assert any(f.rule == "TF001" and f.block.index == 0 and "TP002" in why for f, why in skipped)
    assert plan_fixes(list(reversed(findings)))[0] == chosen


def _docx(path: Path) -> bytes:
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("截止")
    r = p.add_run("2023年底,我们")
    r.italic = True
    p.add_run("完成了任务,成效明显。")
    d.add_paragraph("报名截止。这一段不变,OK")
    d.save(path)
    return path.read_bytes()


def test_docx_fixes_are_tracked_changes_that_accept_to_the_fixed_text(tmp_path):
    rules = _rules()
    data = _docx(tmp_path / "a.docx")
    findings = read_and_lint(data, "a.docx", rules).findings
    out, report = fix_docx(data, "a.docx", findings)
    assert sorted(f.rule for f in report.applied) == ["TF001", "TF001", "TF002"]
    xml = parts(out)["word/document.xml"].decode()
    assert xml.count('w:author="draftlint"') == 6 and "<w:delText" in xml
    accepted = accept_all(out)
    assert [b.text for b in read_docx(accepted, "a.docx").blocks] == [
        "截至2023年底，我们完成了任务，成效明显。",
        "报名截止。这一段不变,OK",
    ]
    assert not [f for f in read_and_lint(accepted, "a.docx", rules).findings if f.rule.startswith("TF")]
    # Only the characters that change are replaced (止 of 截止, the commas), each keeping the
    # italic of the run it replaced; every other character keeps its run.
    runs = docx.Document(io.BytesIO(accepted)).paragraphs[0].runs
    assert [(r.text, bool(r.italic)) for r in runs] == [
        ("截", False), ("至", False), ("2023年底", True), ("，", True), ("我们", True), ("完成了任务", False), ("，", False),
        ("成效明显。", False)
    ]


def test_fix_command_writes_a_copy(tmp_path):
    src = tmp_path / "a.docx"
    data = _docx(src)
    result = CliRunner().invoke(main, ["fix", str(src), "--rules", RULES_DIR, "--select", ONLY_TEST_RULES, "-o", str(tmp_path / "out.docx")])
    assert result.exit_code == 0, result.output
    assert src.read_bytes() == data
    assert "<w:ins " in parts((tmp_path / "out.docx").read_bytes())["word/document.xml"].decode()
