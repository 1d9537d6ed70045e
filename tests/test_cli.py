"""The command line end to end, in a real subprocess: exit codes, JSON contract, selection."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

SAMPLES = ROOT / "samples"


def draftlint(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "draftlint", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **(env or {})},
    )


def test_findings_exit_1_and_clean_exit_0(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("关于开展检查的通知\n请各单位按时报送。\n", encoding="utf-8")
    assert draftlint("check", str(clean)).returncode == 0
    assert draftlint("check", str(SAMPLES)).returncode == 1


def test_unreadable_file_exit_2_and_others_still_linted(tmp_path):
    (tmp_path / "坏 文件.docx").write_bytes(b"not a zip at all")
    (tmp_path / "草稿.txt").write_text("xx区工作总结\n", encoding="utf-8")
    proc = draftlint("check", "--format", "json", str(tmp_path))
    assert proc.returncode == 2
    data = json.loads(proc.stdout)
    assert [e["path"].endswith("坏 文件.docx") for e in data["errors"]] == [True]
    assert "ZIP" in data["errors"][0]["message"]
    assert [f["match"] for f in data["findings"]] == ["xx"]


def _stdin(*args: str, data: bytes, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "draftlint", *args], input=data, capture_output=True, cwd=cwd)


def test_standard_input_is_linted_as_the_file_it_is_named(tmp_path):
    """Editors pipe the buffer in: its name gives the type, the configuration and the report's
    path, and the findings are those of the same bytes in a file."""
    (tmp_path / "报告").mkdir()
    (tmp_path / "draftlint.toml").write_text('ignore = ["FG002"]\nextend-exclude = ["报告/*"]\n', encoding="utf-8")
    draft = SAMPLES / "汇报材料-草稿.docx"
    shutil.copy(draft, tmp_path / "报告" / "在编.docx")
    as_file = json.loads(draftlint("check", "--format", "json", "--no-cache", "--isolated", "--ignore", "FG002",
                                   str(tmp_path / "报告" / "在编.docx")).stdout)
    proc = _stdin("check", "-", "--stdin-filename", "报告/在编.docx", "--format", "json", data=draft.read_bytes(), cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    piped = json.loads(proc.stdout)
    assert [f["path"] for f in piped["files"]] == ["报告/在编.docx"]  # linted although excluded: it was asked for
    assert piped["findings"] and "FG002" not in {f["rule"] for f in piped["findings"]}  # its configuration
    strip = lambda fs: [{k: v for k, v in f.items() if k != "path"} for f in fs]  # noqa: E731
    assert strip(piped["findings"]) == strip(as_file["findings"])

    gbk = "根据x市x局的要求，现将情况报告如下。\n".encode("gbk")
    text = _stdin("check", "-", "--format", "concise", data=gbk, cwd=tmp_path)
    assert text.returncode == 1
    assert text.stdout.decode().splitlines()[0].startswith("stdin.txt:1:3: PH001")
    empty = _stdin("check", "-", "--stdin-filename", "空.txt", data=b"", cwd=tmp_path)
    assert empty.returncode == 2 and "空.txt" in empty.stdout.decode() + empty.stderr.decode()


@pytest.mark.parametrize("args,says", [
    (["-", "other.txt"], "alone"),
    (["-", "--since", "HEAD"], "alone"),
    (["-", "--fix"], "standard input"),
    (["a.txt", "--stdin-filename", "a.txt"], "give the path -"),
])
def test_standard_input_usage_errors(tmp_path, args, says):
    proc = _stdin("check", *args, data=b"x", cwd=tmp_path)
    assert proc.returncode == 2 and says in proc.stderr.decode()


def test_json_contract():
    proc = draftlint("check", "--format", "json", str(SAMPLES))
    data = json.loads(proc.stdout)
    assert data["version"] == 1
    assert {"files", "findings", "errors", "summary"} <= data.keys()
    formats = {f["path"].rsplit(".", 1)[1]: f["format"] for f in data["files"]}
    assert formats == {"txt": "txt", "docx": "docx", "md": "markdown"}  # samples/README.md is read too
    assert all("encoding" in f for f in data["files"] if f["format"] == "txt")
    required = {"path", "rule", "category", "severity", "message", "line", "column", "end_line", "end_column",
                "match", "context", "location"}
    for f in data["findings"]:
        assert required <= f.keys()
        assert f["match"] in f["context"]
    docx = [f for f in data["findings"] if f["path"].endswith(".docx")]
    assert any(f["location"].startswith("表格1") for f in docx)
    gap = next(f for f in data["findings"] if f["rule"] == "ST001" and f["path"].endswith(".docx"))
    assert gap["match"] == "三、存在的问题" and gap["location"] == "正文第9段"
    assert data["summary"]["findings"] == len(data["findings"])


def test_txt_line_and_column_are_the_files():
    data = json.loads(draftlint("check", "--format", "json", str(SAMPLES / "2024年度工作总结-草稿.txt")).stdout)
    lines = (SAMPLES / "2024年度工作总结-草稿.txt").read_text(encoding="utf-8").splitlines()
    for f in data["findings"]:
        line = lines[f["line"] - 1]
        assert line[f["column"] - 1 : f["end_column"] - 1] == f["match"]


def test_select_ignore_and_fail_on():
    def rules_of(*args):
        data = json.loads(draftlint("check", "--format", "json", *args, str(SAMPLES)).stdout)
        return {f["rule"] for f in data["findings"]}

    assert rules_of("--select", "PH") <= {r for r in rules_of() if r.startswith("PH")}
    assert rules_of("--select", "structure") == {r for r in rules_of() if r.startswith("ST")}
    assert not {r for r in rules_of("--ignore", "PH001,figure") if r == "PH001" or r.startswith("FG")}
    only_warning = draftlint("check", "--select", "FG004", "--fail-on", "error", str(SAMPLES))
    assert only_warning.returncode == 0


def test_unknown_selector_is_a_usage_error():
    proc = draftlint("check", "--select", "NOPE999", str(SAMPLES))
    assert proc.returncode == 2
    assert "NOPE999" in proc.stderr


def test_english_messages_and_plain_text_output():
    proc = draftlint("check", "--lang", "en", str(SAMPLES / "2024年度工作总结-草稿.txt"), env={"NO_COLOR": "1"})
    assert "Unfilled placeholder “xx”" in proc.stdout
    assert "\x1b[" not in proc.stdout
    assert "^^" in proc.stdout  # the marker under the match in plain output


def test_plain_text_is_written_as_rich_would_print_it(tmp_path):
    """Plain output (a pipe, a log, NO_COLOR) is written without rich's console; it must be what
    rich prints without colour, byte for byte: tabs expanded to 8-cell stops, control characters
    dropped, the ^ marker aligned under Chinese, Cyrillic and Latin text alike."""
    import io

    from draftlint.config import Resolver
    from draftlint.discovery import discover
    from draftlint.reporters import RunResult
    from draftlint.reporters import text
    from draftlint.runner import RunOptions, run

    odd = tmp_path / "odd.txt"
    odd.write_bytes("根据x市x局\t的要求，\r完成了XX项工作。\n第二段\x07有某某\x0c同志\t参加。\n".encode("utf-8"))
    # headings with tabs: ST005's message quotes them, so tabs reach the finding's first line
    (tmp_path / "tabs.txt").write_text("一、\t工作回顾\n二、\t存在问题\n本年度完成了各项任务。\n", encoding="utf-8")
    paths = [str(SAMPLES), str(odd), str(tmp_path / "tabs.txt"), str(tmp_path / "missing.txt")]
    result = run(discover(paths), Resolver(isolated=True), RunOptions(jobs=1, progress=False))
    assert result.findings and result.tally.errors == 1
    for lang in ("zh", "en"):
        plain, drawn = io.StringIO(), io.StringIO()
        text.write(RunResult(result.files), plain, lang, color=False)
        text._write_rich(RunResult(result.files), drawn, lang, color=False)
        assert plain.getvalue() == drawn.getvalue()
        assert "\t" not in plain.getvalue() and "\r" not in plain.getvalue() and "^^" in plain.getvalue()


def test_rules_and_rule_commands():
    listing = draftlint("rules").stdout
    assert "PH001" in listing and "ST005" in listing
    shown = draftlint("rule", "PH001").stdout
    assert "x-placeholder" in shown and "x市x局" in shown.replace("x局党委和x市委", "x市x局")
    assert draftlint("rule", "ZZ999").returncode == 2


def test_rule_descriptions_in_the_users_language(tmp_path):
    from draftlint.ruleset import load_rules

    description = load_rules([]).get("PH001").description
    zh = draftlint("rule", "PH001", env={"DRAFTLINT_LANG": ""}).stdout
    en = draftlint("rule", "PH001", "--lang", "en").stdout
    assert description.zh.split("：")[0] in zh and description.en.split(" (")[0][:40] not in zh and "检查方式" in zh
    assert description.en.split("\n")[0][:40] in en and description.zh[:10] not in en
    assert "规范化后的文本" in zh and "the normalised view" in en
    listed = {r["id"]: r for r in json.loads(draftlint("rules", "--format", "json", "--lang", "en").stdout)}
    assert listed["PH001"]["description"] == description.en
    listed = {r["id"]: r for r in json.loads(draftlint("rules", "--format", "json", env={"DRAFTLINT_LANG": ""}).stdout)}
    assert listed["PH001"]["description"] == description.zh

    mine = tmp_path / "mine.yaml"  # a user's rule file: a plain-string description is shown as written
    mine.write_text(
        """rules:
  - id: ZZ001
    name: forbidden-word
    category: wording
    severity: warning
    message: {zh: "禁用词「{match}」", en: "Forbidden word “{match}”"}
    description: 本单位不用“领导高度重视”这个说法。
    kind: pattern
    pattern: '领导高度重视'
    examples:
      flag: ["市领导高度重视此项工作"]
      pass: ["各部门高度重视此项工作"]
""",
        encoding="utf-8",
    )
    for lang in ("zh", "en"):
        assert "本单位不用“领导高度重视”这个说法。" in draftlint("rule", "ZZ001", "--rules", str(mine), "--lang", lang).stdout
    assert draftlint("test-rules", str(mine)).returncode == 0


def test_sarif_describes_rules_in_the_report_language(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("在x局党委的正确领导下，全年工作顺利完成。\n", encoding="utf-8")

    def ph001(*lang: str) -> dict:
        out = draftlint("check", "--isolated", "--no-cache", "--format", "sarif", *lang, str(doc), env={"DRAFTLINT_LANG": ""})
        rules = json.loads(out.stdout)["runs"][0]["tool"]["driver"]["rules"]
        return next(r for r in rules if r["id"] == "PH001")

    zh, en = ph001(), ph001("--lang", "en")
    from draftlint.ruleset import load_rules

    description = load_rules([]).get("PH001").description
    assert zh["fullDescription"]["text"] == description.zh
    assert zh["help"]["text"].startswith(description.zh[:10]) and description.zh[:10] in zh["help"]["markdown"]
    assert en["fullDescription"]["text"] == description.en
    assert "紧挨着汉字" not in json.dumps(en, ensure_ascii=False)


def test_user_rule_folder_and_bad_rule_file(tmp_path):
    good = tmp_path / "good"
    good.mkdir()
    (good / "mine.yaml").write_text(
        """rules:
  - id: ZZ001
    name: forbidden-word
    category: wording
    severity: warning
    message: {zh: "禁用词「{match}」", en: "Forbidden word “{match}”"}
    kind: pattern
    pattern: '领导高度重视'
    examples:
      flag: ["市领导高度重视此项工作"]
      pass: ["各部门高度重视此项工作"]
""",
        encoding="utf-8",
    )
    doc = tmp_path / "a.txt"
    doc.write_text("市领导高度重视此项工作。\n", encoding="utf-8")
    data = json.loads(draftlint("check", "--format", "json", "--rules", str(good), str(doc)).stdout)
    assert [f["rule"] for f in data["findings"]] == ["ZZ001"]

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "broken.yaml").write_text("rules:\n  - id: ZZ002\n    name: x\n    category: nonsense\n", encoding="utf-8")
    proc = draftlint("check", "--rules", str(bad), str(doc))
    assert proc.returncode == 2
    assert "broken.yaml:2:" in proc.stderr


def test_version():
    proc = draftlint("--version")
    assert proc.returncode == 0 and "draftlint" in proc.stdout


@pytest.mark.parametrize("missing", ["no-such-file.txt"])
def test_missing_path_is_an_error(missing, tmp_path):
    proc = draftlint("check", "--format", "json", str(tmp_path / missing))
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["errors"][0]["message"] == "no such file or folder"


def test_streamed_reports_match_the_whole_run(tmp_path):
    """Text, JSON and JSON Lines are written as results arrive; what they say, the summary and
    the exit code are those of the same run held whole (``to_dict`` of a listed result)."""
    from draftlint.discovery import discover
    from draftlint.reporters import RunResult
    from draftlint.reporters.json import to_dict
    from draftlint.runner import RunOptions, run, stream

    folder = tmp_path / "box"
    folder.mkdir()
    for i, sample in enumerate(sorted(SAMPLES.glob("*.txt")) + sorted(SAMPLES.glob("*.docx"))):
        (folder / f"{i}{sample.suffix}").write_bytes(sample.read_bytes())
    (folder / "bad.docx").write_bytes(b"not a zip")
    proc = draftlint("check", "--no-cache", "--jobs", "2", "--format", "json", str(folder))
    assert proc.returncode == 2  # the unreadable file decides the exit code, as before
    streamed = json.loads(proc.stdout)
    options = RunOptions(jobs=1, progress=False)
    whole = to_dict(run(discover([str(folder)]), options=options))
    assert streamed == whole
    assert streamed["summary"]["findings"] == len(streamed["findings"]) > 20
    assert streamed["summary"]["errors"] == 1 and streamed["errors"][0]["path"].endswith("bad.docx")

    lines = draftlint("check", "--no-cache", "--format", "json-lines", str(folder)).stdout.splitlines()
    assert [json.loads(x) for x in lines if '"rule"' in x] == whole["findings"]

    # A stream is read once: its results pass, its tally stays.
    result = RunResult(stream(discover([str(folder)]), options=options))
    assert [r.path for r in result.each()] == [f["path"] for f in whole["files"]] + [whole["errors"][0]["path"]]
    assert result.tally.findings == len(whole["findings"]) and result.tally.errors == 1
    assert list(result.each()) == []


def test_a_report_file_takes_its_format_from_its_extension(tmp_path):
    """-o r.html without --format writes HTML (before: plain text into the .html), and the
    terminal gets one line saying where the report went and what it holds."""
    (tmp_path / "a.txt").write_text("在xx区召开会议。\n", encoding="utf-8")
    for name, start in (("r.html", "<!DOCTYPE html>"), ("r.json", "{"), ("r.sarif", "{"), ("r.xml", "<?xml")):
        proc = draftlint("check", "--no-cache", "-o", str(tmp_path / name), str(tmp_path / "a.txt"), str(tmp_path / "gone.txt"))
        assert proc.returncode == 2
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start), name
        assert f"报告已写入 {tmp_path / name}：2 个文件，1 个问题，1 个文件无法读取" in proc.stderr
    proc = draftlint("check", "--no-cache", "--format", "concise", "-o", str(tmp_path / "r2.html"), str(tmp_path / "a.txt"))
    assert (tmp_path / "r2.html").read_text(encoding="utf-8").startswith(str(tmp_path / "a.txt"))  # --format wins


def test_fix_with_nothing_to_fix_writes_no_copy_and_fixed_copies_are_not_linted_again(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("在xx区召开会议。")  # a placeholder: never fixed
    d.save(tmp_path / "a.docx")
    proc = draftlint("fix", str(tmp_path / "a.docx"))
    assert proc.returncode == 0 and "未生成副本" in proc.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]
    d.add_paragraph("会议指出,要加强管理,提高效率。")
    d.save(tmp_path / "a.docx")
    assert draftlint("fix", "--unsafe-fixes", str(tmp_path / "a.docx")).returncode == 0
    assert (tmp_path / "a.fixed.docx").exists()
    walked = json.loads(draftlint("check", "--no-cache", "--format", "json", str(tmp_path)).stdout)
    assert [Path(f["path"]).name for f in walked["files"]] == ["a.docx"]


def test_test_rules_runs_the_examples_of_your_own_rule_files(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    rule = (
        "  - id: {id}\n    name: {name}\n    category: wording\n    severity: warning\n"
        "    message: {{zh: \"避免「{{match}}」\", en: \"Avoid {{match}}\"}}\n    kind: pattern\n"
        "    pattern: '{pattern}'\n    examples: {{flag: [\"{flag}\"], pass: [\"{ok}\"]}}\n"
    )
    good = rule.format(id="HS001", name="praise", pattern="高度重视", flag="领导高度重视", ok="领导重视")
    (rules / "house.yaml").write_text("rules:\n" + good, encoding="utf-8")
    proc = draftlint("test-rules", str(rules))
    assert proc.returncode == 0 and "1 条规则，2 个示例：0 个未通过" in proc.stdout
    backwards = rule.format(id="HS002", name="backwards", pattern="狠抓落实", flag="抓好落实", ok="要狠抓落实")
    (rules / "house.yaml").write_text("rules:\n" + good + backwards, encoding="utf-8")
    proc = draftlint("test-rules", "--lang", "en", str(rules))
    assert proc.returncode == 1
    assert f"{rules / 'house.yaml'}:10: HS002 flag '抓好落实': not reported" in proc.stdout
    assert "HS002 pass '要狠抓落实': reported ['狠抓落实']" in proc.stdout
    assert "2 rules, 4 examples: 2 failed" in proc.stdout
    assert draftlint("test-rules", str(ROOT / "rules")).returncode == 0  # draftlint's own


def test_rule_file_errors_name_the_rule_file(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (tmp_path / "a.txt").write_text("在xx区召开会议。\n", encoding="utf-8")
    proc = draftlint("check", "--no-cache", "--rules", str(empty), str(tmp_path / "a.txt"))
    assert proc.returncode == 2 and f"rule file error: {empty}: no rule files" in proc.stderr
    assert "(defaults)" not in proc.stderr
    proc = draftlint("test-rules", str(empty))
    assert proc.returncode == 2 and "no rule files" in proc.stderr


def test_min_severity_and_quiet_show_only_what_is_asked(tmp_path):
    draft = tmp_path / "a.txt"
    draft.write_text("会议指出,要加强管理,提高效率。在xx区\n", encoding="utf-8")
    every = draftlint("check", "--no-cache", "--format", "concise", str(draft))
    assert "PU004" in every.stdout and "PH001" in every.stdout
    for args in (("-q",), ("--quiet",), ("--min-severity", "error")):
        proc = draftlint("check", "--no-cache", "--format", "concise", *args, str(draft))
        assert proc.returncode == 1 and "PH001" in proc.stdout and "PU004" not in proc.stdout
    draft.write_text("会议指出,要加强管理,提高效率。\n", encoding="utf-8")  # info only
    proc = draftlint("check", "--no-cache", "--min-severity", "warning", "--fail-on", "info", str(draft))
    assert proc.returncode == 0 and "共 0 个问题" in proc.stdout
    proc = draftlint("check", "--no-cache", "-q", "--fix", str(draft))  # fixes still see everything
    assert draft.read_text(encoding="utf-8") == "会议指出，要加强管理，提高效率。\n"


def test_findings_with_a_safe_fix_are_marked(tmp_path):
    draft = tmp_path / "a.txt"
    draft.write_text("会议指出,要加强管理,提高效率。在xx区\n", encoding="utf-8")
    lines = draftlint("check", "--no-cache", str(draft)).stdout.splitlines()
    assert [l for l in lines if "PU004" in l][0].split("PU004")[1].startswith("  [*] ")
    assert not any("[*]" in l for l in lines if "PH001" in l)  # a placeholder is never fixed
    assert lines[-1].endswith("标有 [*] 的 1 个可自动修复（--fix；DOCX 用 draftlint fix）")
    english = draftlint("check", "--no-cache", "--lang", "en", str(draft)).stdout.splitlines()
    assert english[-1].endswith("1 marked [*] can be fixed (--fix; DOCX: draftlint fix)")


def test_fix_takes_folders_and_txt_and_writes_copies(tmp_path):
    import docx

    (tmp_path / "a.txt").write_text("会议指出,要加强管理,提高效率。\n", encoding="gb18030")
    (tmp_path / "b.txt").write_text("在xx区召开会议。\n", encoding="utf-8")  # nothing to fix
    d = docx.Document()
    d.add_paragraph("会议指出,要加强管理,提高效率。")
    d.save(tmp_path / "c.docx")
    proc = draftlint("fix", "--unsafe-fixes", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.fixed.txt", "a.txt", "b.txt", "c.docx", "c.fixed.docx"]
    assert (tmp_path / "a.fixed.txt").read_bytes() == "会议指出，要加强管理，提高效率。\n".encode("gb18030")  # its own encoding
    assert (tmp_path / "a.txt").read_text(encoding="gb18030") == "会议指出,要加强管理,提高效率。\n"  # original kept
    again = draftlint("fix", "--unsafe-fixes", str(tmp_path))  # the copies are passed over
    assert again.returncode == 0 and "fixed.fixed" not in again.stdout
    assert draftlint("fix", "-o", str(tmp_path / "x.txt"), str(tmp_path)).returncode == 2  # -o: one file only


def test_fix_repeats_until_nothing_changes_and_reports_the_fixed_text(tmp_path):
    """A fix can make room for another: --fix lints and fixes the file again until a pass changes
    nothing (before: one pass, the rest only on a second run), and the report shows the text as
    it is now, not as it was."""
    rules = tmp_path / "rules"
    rules.mkdir()
    rule = (
        "  - id: {id}\n    name: {name}\n    category: wording\n    severity: warning\n"
        "    message: {{zh: \"「{{match}}」\", en: \"{{match}}\"}}\n    kind: pattern\n"
        "    pattern: '{pattern}'\n    fix: {{replacement: '{fix}', safe: true}}\n"
        "    examples: {{flag: [\"{pattern}\"], pass: [\"无关\"]}}\n"
    )
    (rules / "chain.yaml").write_text("rules:\n" + rule.format(id="ZZ001", name="first", pattern="甲乙", fix="丙")
                                      + rule.format(id="ZZ002", name="second", pattern="丙丁", fix="戊"), encoding="utf-8")
    draft = tmp_path / "a.txt"
    draft.write_text("甲乙丁，在xx区\n", encoding="utf-8")
    proc = draftlint("check", "--no-cache", "--rules", str(rules), "--fix", "--format", "json", str(draft))
    assert draft.read_text(encoding="utf-8") == "戊，在xx区\n"
    assert "已修复 2 处" in proc.stderr
    report = json.loads(proc.stdout)
    assert [(f["rule"], f["context"]) for f in report["findings"]] == [("PH001", "戊，在xx区")]


def test_context_lines_fit_the_terminal(tmp_path):
    """At 50 columns a context line of Chinese text (two cells a character) is cut around its
    match instead of wrapping (before: up to 92 cells whatever the width)."""
    import re

    from rich.cells import cell_len

    draft = tmp_path / "a.txt"
    draft.write_text("这是一段很长的文字，用来检验终端宽度，在这里有一个需要填写的地方xx区，后面还有很多很多的文字需要显示出来。\n",
                     encoding="utf-8")
    proc = draftlint("check", "--no-cache", "--color", str(draft), env={"COLUMNS": "50"})
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", l) for l in proc.stdout.splitlines()]
    context = [l for l in lines if l.startswith(" " * 6) and not l.startswith(" " * 7)]
    assert context and all(cell_len(l) <= 50 for l in context)
    assert "xx区" in context[0] and context[0].strip().startswith("…") and context[0].endswith("…")
    # the finding's own line is wrapped by us, between characters where a line may break, with a
    # hanging indent, and holds the whole text of the unwrapped line
    assert all(cell_len(l) <= 50 for l in lines)
    head = next(l for l in lines if re.match(r"  1:\d+  ", l))
    wrapped = lines[lines.index(head) + 1 : lines.index(context[0])]
    assert wrapped and all(l.startswith(" " * 8) and not l.startswith(" " * 9) for l in wrapped)
    wide = draftlint("check", "--no-cache", "--color", str(draft), env={"COLUMNS": "300"})
    one_line = next(re.sub(r"\x1b\[[0-9;]*m", "", l) for l in wide.stdout.splitlines() if l.lstrip("\x1b[0123456789;m").startswith("  1:"))
    assert "".join([head, *(l.strip() for l in wrapped)]).replace(" ", "") == one_line.replace(" ", "")
    assert not any(l.strip()[0] in "，。：」）]" for l in wrapped)  # no line starts with a closing mark


def test_reasons_are_said_in_the_reports_language(tmp_path):
    """Text, concise and HTML reports show why a file could not be read in Chinese by default
    (English with --lang en); JSON keeps the English reason, the contract programs read."""
    from draftlint.reasons import _ZH, localize

    (tmp_path / "坏.docx").write_bytes(b"not a zip at all")
    (tmp_path / "空.txt").write_bytes(b"")
    zh = draftlint("check", "--no-cache", str(tmp_path))
    assert "无法读取: 不是 Word 文档（不是 ZIP 包）" in zh.stdout and "无法读取: 空文件" in zh.stdout
    en = draftlint("check", "--no-cache", "--lang", "en", str(tmp_path))
    assert "cannot read: not a Word document (not a ZIP package)" in en.stdout
    report = json.loads(draftlint("check", "--no-cache", "--format", "json", str(tmp_path)).stdout)
    assert {e["message"] for e in report["errors"]} == {"not a Word document (not a ZIP package)", "empty file"}
    # the catalogue: every entry gives Chinese, and an unknown reason is shown as written
    assert all(any("\u4e00" <= c <= "\u9fff" for c in zh) for _, zh in _ZH)
    assert localize("damaged part word/document.xml: its compressed data is corrupt (Error -3)", "zh") == \
        "部件 word/document.xml 已损坏：压缩数据有误"
    assert localize("something new", "zh") == "something new"


def test_the_version_is_the_one_the_package_is_built_with():
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10: draftlint depends on tomli there
        import tomli as tomllib

    from draftlint import __version__

    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert __version__ == project["version"]
