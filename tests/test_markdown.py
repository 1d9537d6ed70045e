"""Markdown drafts: what is read, where findings are, suppressions, fixes on the source.

The fixtures in tests/data/markdown/ were written for this project; 汇报材料-草稿.md is pandoc
2.17's GFM conversion of samples/汇报材料-草稿.docx.
"""

from __future__ import annotations

import codecs
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from draftlint.api import lint_bytes
from draftlint.cli import main
from draftlint.readers import SUPPORTED_SUFFIXES, format_of, read_document

DATA = Path(__file__).resolve().parent / "data" / "markdown"
ROOT = Path(__file__).resolve().parents[1]
REPORT = DATA / "季度工作报告.md"

#: rule, line, column, end column, match: every finding of 季度工作报告.md, read off the file by hand.
REPORT_FINDINGS = [
    ("PH001", 6, 3, 4, "x"),  # Setext title 关于x市…
    ("PH002", 11, 8, 10, "××"),  # list item
    ("PH001", 12, 8, 9, "x"),  # nested list item: 由x市x局
    ("PH001", 12, 10, 11, "x"),
    ("PH003", 18, 3, 5, "某某"),  # table cell, row 2 column 1
    ("PH001", 19, 9, 10, "X"),  # table cell, row 3 column 2
    ("PH001", 21, 17, 18, "x"),  # block quote
    ("ST005", 27, 4, 10, "一、工作进展"),  # ## 一、 followed by ## 二、
]


def places(findings) -> list[tuple]:
    return sorted((f.rule, f.line, f.column, f.end_column, f.match) for f in findings)


def lint_md(text: str | bytes, name: str = "稿.md", **kw):
    data = text.encode("utf-8") if isinstance(text, str) else text
    result = lint_bytes(data, name, **kw)
    assert result.error is None, result.error
    assert result.format == "markdown"
    return result.findings


# ---------------------------------------------------------------------------------- reading


def test_suffixes_and_format():
    assert {".md", ".markdown"} <= SUPPORTED_SUFFIXES
    assert format_of("a/说明.MD") == format_of("b.markdown") == "markdown"


def test_report_findings_are_exactly_where_the_characters_stand():
    assert places(lint_md(REPORT.read_bytes())) == sorted(REPORT_FINDINGS)


def test_blocks_are_what_a_reader_sees():
    doc = read_document(REPORT.read_bytes(), "r.md")
    texts = [b.text for b in doc.blocks]
    assert doc.format == "markdown" and doc.encoding == "utf-8"
    # front matter, the fenced code block and the URLs are not in the text
    assert not any("办公室" in t or "模板" in t or "example" in t or "gov.cn" in t for t in texts)
    title = doc.blocks[0]
    # the Setext title is the document's title (its only level-1 heading, first): read as a
    # TXT's first line, not as a heading whose "section" the ## headings would leave empty
    assert (title.text, title.outline_level, title.line) == ("关于x市第三季度工作的报告", None, 6)
    assert texts[1] == "本季度各项工作总体平稳，详细数据另附。"  # emphasis and the link's target dropped
    assert "参训单位详见 \ufffc" in texts  # a code span is one object character
    assert "网址 \ufffc 可查" in texts  # so is a bare web address
    cells = [(b.text, b.table, b.row, b.column) for b in doc.blocks if b.part == "table"]
    assert cells == [("单位", 1, 1, 1), ("人数", 1, 1, 2), ("某某局", 1, 2, 1), ("12", 1, 2, 2), ("教育局", 1, 3, 1), ("X人", 1, 3, 2)]
    headings = [(b.text, b.outline_level) for b in doc.blocks if b.outline_level]
    assert headings == [("一、工作进展", 2), ("二、存在问题", 2)]
    two = read_document("总则\n===\n\n正文。\n\n# 分则\n\n正文。\n".encode(), "b.md")
    assert [(b.text, b.outline_level) for b in two.blocks] == [("总则", 1), ("正文。", None), ("分则", 1), ("正文。", None)]


def test_code_html_and_urls_are_not_linted():
    text = (
        "正文没有问题。\n\n"
        "请见 `x市x局` 和 <https://xx.example.cn/20xx> 以及 http://www.xx.cn/20xx/a.html 。\n\n"
        "```\n由x市x局负责，××人，20xx年。\n```\n\n"
        "    由x县负责。\n\n"
        "<div>\n由x乡负责。\n</div>\n\n"
        "说明<span title=\"x市\">文字</span>完毕。<!-- x市x局 -->\n\n"
        "![x市地图](http://xx.cn/x.png)\n"
    )
    assert lint_md(text) == []


def test_inline_markup_does_not_split_the_text():
    # the placeholder spans ** and a link's brackets; the finding points at the source characters
    findings = lint_md("# 标题\n\n由**x**市和[x](http://a.cn)局负责。\n")
    assert places(findings) == [("PH001", 3, 4, 5, "x"), ("PH001", 3, 10, 11, "x")]


def test_soft_line_break_joins_chinese_and_a_match_may_end_on_the_next_line():
    # as CSS renders a line break: nothing between two wide characters, else a space
    (f,) = [f for f in lint_md("全年以及其\n它相关工作\n2023年底完成。\n") if f.rule == "WD002"]
    assert f.block.text == "全年以及其它相关工作 2023年底完成。"
    assert (f.line, f.column, f.end_line, f.end_column) == (1, 5, 2, 2)
    (g,) = [f for f in lint_md("由x\n市负责。\n") if f.rule == "PH001"]
    assert g.block.text == "由x 市负责。" and (g.line, g.column) == (1, 2)


def test_ordered_list_items_carry_the_number_a_reader_sees():
    doc = read_document("1. 第一项内容。\n1. 第二项内容。\n".encode(), "a.md")
    assert [(b.list_label, b.text) for b in doc.blocks] == [("1.", "第一项内容。"), ("2.", "第二项内容。")]


@pytest.mark.parametrize("variant", ["crlf", "bom", "crlf+bom", "gb18030", "utf-16"])
def test_line_endings_and_encodings_give_the_same_places(variant):
    text = REPORT.read_text(encoding="utf-8")
    if "crlf" in variant:
        text = text.replace("\n", "\r\n")
    if variant == "gb18030":
        data = text.encode("gb18030")
    elif variant == "utf-16":
        data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    else:
        data = (codecs.BOM_UTF8 if "bom" in variant else b"") + text.encode("utf-8")
    assert places(lint_md(data)) == sorted(REPORT_FINDINGS)


def test_a_bom_is_not_a_column():
    findings = lint_md(codecs.BOM_UTF8 + "x市负责。\r\n".encode())
    assert places(findings) == [("PH001", 1, 1, 2, "x")]


# ---------------------------------------------------------------------------------- same as TXT


@pytest.mark.parametrize("line", [
    "根据x市x局的要求，现将情况报告如下。",
    "共培训××人，投入万元。",
    "于20xx年X月X日前报送。",
    "截止2023年底，其它工作已完成。",
])
def test_a_paragraph_gives_what_the_same_txt_line_gives(line):
    txt = lint_bytes(line.encode() + b"\n", "a.txt").findings
    md = lint_md(line + "\n")
    assert [(f.rule, f.match, f.message.zh, f.column) for f in md] == [(f.rule, f.match, f.message.zh, f.column) for f in txt]
    assert md


def test_an_empty_section_under_markdown_headings_is_found_as_in_txt():
    txt = lint_bytes("一、总体要求\n二、工作安排\n按计划推进。\n".encode(), "a.txt").findings
    md = lint_md("## 一、总体要求\n\n## 二、工作安排\n\n按计划推进。\n")
    assert [(f.rule, f.message.zh) for f in md] == [(f.rule, f.message.zh) for f in txt] != []
    assert [(f.line, f.column) for f in md] == [(1, 4)]
    # and between a # heading and a numbered one (numbering of Markdown headings is checked too)
    jump = lint_md("# 总体情况\n\n## 一、进展\n\n正文。\n\n## 三、问题\n\n正文。\n")
    assert [f.rule for f in jump] == ["ST001"]


def test_pandoc_conversion_of_the_docx_sample_gives_the_same_findings():
    """Rule ids and messages equal the DOCX's; only the places differ (lines of the .md, ordinals
    of the DOCX paragraphs). What Markdown cannot hold (the tracked deletion, the content
    control) pandoc resolved as Word shows it, so nothing is lost for these rules."""
    docx = lint_bytes((ROOT / "samples" / "汇报材料-草稿.docx").read_bytes(), "汇报材料-草稿.docx").findings
    md = lint_md((DATA / "汇报材料-草稿.md").read_bytes())
    assert [(f.rule, f.message.zh) for f in md] == [(f.rule, f.message.zh) for f in docx]
    assert [(f.line, f.column) for f in md] == [(1, 1), (11, 4), (19, 12), (20, 14), (22, 3), (24, 20), (26, 6)]


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="needs pandoc")
def test_pandoc_conversion_made_now_gives_the_same_findings(tmp_path):
    out = tmp_path / "s.md"
    subprocess.run(["pandoc", "-f", "docx", "-t", "gfm", str(ROOT / "samples" / "汇报材料-草稿.docx"), "-o", str(out)], check=True)
    docx = lint_bytes((ROOT / "samples" / "汇报材料-草稿.docx").read_bytes(), "a.docx").findings
    assert [(f.rule, f.message.zh) for f in lint_md(out.read_bytes())] == [(f.rule, f.message.zh) for f in docx]


# ---------------------------------------------------------------------------------- suppressions


SUPPRESSED = """---
title: 测试
draftlint:
  ignore: [PH011]
---
由x市负责。<!-- draftlint: ignore PH001 -->
由x局负责。

<!-- draftlint-disable-next-line PH001 -->
由x县负责。

<!-- draftlint: ignore-next-line -->
- 由x乡负责。
- 由x镇负责。

日期为20xx年。

<!-- draftlint: ignore ST005 -->
这里没有问题。
"""


def test_suppression_comments_and_front_matter():
    findings = lint_md(SUPPRESSED)
    # line 6 (the comment's own line), line 10 (next line), line 13 (the item after the comment)
    # and PH011 everywhere (front matter) are silenced; the ST005 directive silenced nothing
    assert places(findings) == [("PH001", 7, 2, 3, "x"), ("PH001", 14, 4, 5, "x"), ("SU001", 19, 1, 8, "这里没有问题。")]


def test_front_matter_with_an_empty_ignore_list_silences_nothing():
    findings = lint_md("---\ndraftlint:\n  ignore: []\n---\n由x市负责。\n")
    assert [(f.rule, f.line) for f in findings] == [("PH001", 5)]


def test_a_directive_at_the_start_of_a_line_makes_the_line_html():
    # CommonMark: a line starting with <!-- is an HTML block, so its text is not read at all
    assert lint_md("<!-- draftlint: ignore --> 由x市负责。\n") == []


# ---------------------------------------------------------------------------------- reports


def test_every_report_format_gives_the_source_line_and_column(tmp_path):
    (tmp_path / "r.md").write_bytes(REPORT.read_bytes())
    runner = CliRunner()

    def run(fmt: str) -> str:
        res = runner.invoke(main, ["check", "r.md", "--no-cache", "--format", fmt], catch_exceptions=False, env={"NO_COLOR": "1"})
        assert res.exit_code == 1
        return res.output

    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        data = json.loads(run("json"))
        got = sorted((f["rule"], f["line"], f["column"], f["end_column"], f["match"]) for f in data["findings"])
        assert got == sorted(REPORT_FINDINGS)
        assert data["files"] == [{"path": "r.md", "format": "markdown", "encoding": "utf-8"}]
        cell = next(f for f in data["findings"] if f["rule"] == "PH003")
        assert cell["location"] == "第18行（表格1 第2行第1列）"
        assert cell["location_parts"] == {"part": "table", "paragraph": 18, "table": 1, "row": 2, "column": 1}
        sarif = json.loads(run("sarif"))
        regions = sorted((r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"],
                          r["locations"][0]["physicalLocation"]["region"]["startColumn"]) for r in sarif["runs"][0]["results"])
        assert regions == sorted((r, ln, c) for r, ln, c, _, _ in REPORT_FINDINGS)
        assert "::error file=r.md,line=12,col=10,endColumn=11,title=PH001::" in run("github")
        assert "r.md:21:17: PH001" in run("concise")
        text = run("text")
        assert "  21:17  错误  PH001" in text and "第21行" in text
        html = runner.invoke(main, ["check", "r.md", "--no-cache", "--format", "html"], catch_exceptions=False).output
        assert '<div class="where">第21行</div>' in html and 'data-rule="PH001"' in html
    finally:
        os.chdir(cwd)


# ---------------------------------------------------------------------------------- fixes


FIXABLE = "# 标题\n\n以及**其它**相关工作，截止2023年底。\n\n- 项目其\n  它内容\n- [其它](http://a.cn/其它)事项\n- `其它` 与 其&amp;它\n\n| 列 |\n|---|\n| 其它 |\n"
FIXED = "# 标题\n\n以及**其他**相关工作，截至2023年底。\n\n- 项目其\n  它内容\n- [其他](http://a.cn/其它)事项\n- `其它` 与 其&amp;它\n\n| 列 |\n|---|\n| 其他 |\n"


@pytest.mark.parametrize("newline,bom", [("\n", b""), ("\r\n", codecs.BOM_UTF8)])
def test_check_fix_changes_only_the_fixed_characters(tmp_path, newline, bom):
    path = tmp_path / "稿.md"
    path.write_bytes(bom + FIXABLE.replace("\n", newline).encode())
    res = CliRunner().invoke(main, ["check", str(path), "--fix", "--no-cache", "--format", "concise"], catch_exceptions=False)
    assert path.read_bytes() == bom + FIXED.replace("\n", newline).encode()
    # 其/它 across a line break is not fixed (a fix never spans markup or a line break) and says why
    assert "未修复：修复范围跨越 Markdown 标记" in res.output and res.output.count("修复范围跨越") == 1
    assert "已修复 4 处" in res.output
    assert res.output.count(":5:5: WD002") == 1  # the finding that is left


def test_diff_shows_source_lines_and_changes_nothing(tmp_path):
    path = tmp_path / "稿.md"
    path.write_bytes(FIXABLE.encode())
    res = CliRunner().invoke(main, ["check", str(path), "--diff", "--no-cache"], catch_exceptions=False)
    assert path.read_bytes() == FIXABLE.encode()
    assert "-以及**其它**相关工作，截止2023年底。\n+以及**其他**相关工作，截至2023年底。\n" in res.output
    assert "@@ -7 +7 @@\n-- [其它](http://a.cn/其它)事项\n+- [其他](http://a.cn/其它)事项\n" in res.output


def test_fix_command_writes_a_fixed_copy(tmp_path):
    path = tmp_path / "稿.md"
    path.write_bytes(FIXABLE.encode())
    res = CliRunner().invoke(main, ["fix", str(path)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert path.read_bytes() == FIXABLE.encode()
    assert (tmp_path / "稿.fixed.md").read_bytes() == FIXED.encode()
    assert "已修复 4 处" in res.output
    # the copy is draftlint's: a folder run does not lint it again
    from draftlint.discovery import is_draftlint_copy

    assert is_draftlint_copy("稿.fixed.md") and is_draftlint_copy("稿.fixed.markdown")


def test_a_fix_over_an_escape_or_entity_is_skipped():
    from draftlint.readers.markdown import fix_markdown

    data = "截止2023年底完成。\n\n截*止*2023年底完成。\n\n截&#27490;2023年底完成。\n".encode()
    findings = [f for f in lint_md(data) if f.rule == "WD001"]
    assert len(findings) == 3
    new, applied, skipped = fix_markdown(data, findings)
    assert [f.line for f in applied] == [1] and [f.line for f, _ in skipped] == [3, 5]
    assert new == data.replace("截止2023年底完成。\n\n".encode(), "截至2023年底完成。\n\n".encode(), 1)


# ---------------------------------------------------------------------------------- discovery and hook


def test_folders_find_markdown_files(tmp_path):
    from draftlint.discovery import discover

    for name in ("a.md", "b.markdown", "c.MD", "a.fixed.md", "notes.html"):
        (tmp_path / name).write_text("正文。\n", encoding="utf-8")
    found = sorted(Path(t.path).name for t in discover([str(tmp_path)]))
    assert found == ["a.md", "b.markdown", "c.MD"]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_hook_fails_on_a_markdown_placeholder(tmp_path):
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if pre_commit is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    work = tmp_path / "drafts"
    work.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc-home"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@e"}
    subprocess.run(["git", "init", "-q"], cwd=work, check=True, env=env)

    def try_repo(text: str) -> subprocess.CompletedProcess:
        (work / "通知.md").write_text(text, encoding="utf-8")
        subprocess.run(["git", "add", "."], cwd=work, check=True, env=env)
        return subprocess.run([pre_commit, "try-repo", str(ROOT), "draftlint", "--files", "通知.md"],
                              cwd=work, capture_output=True, text=True, env=env, check=False)

    bad = try_repo("# 通知\n\n请 `x市` 以外的 x市x局 于月底前报送。\n")
    assert bad.returncode == 1 and "Failed" in bad.stdout and "通知.md" in bad.stdout
    assert "3:12  错误  PH001" in bad.stdout and "3:4 " not in bad.stdout  # the code span is not read
    ok = try_repo("# 通知\n\n请 `x市x局` 于月底前报送。\n")
    assert ok.returncode == 0, ok.stdout + ok.stderr


def test_html_br_is_a_line_break_and_other_tags_keep_their_text():
    doc = read_document("文字<br>文字<span>由x市</span>负责。\n".encode(), "a.md")
    assert [b.text for b in doc.blocks] == ["文字\n文字由x市负责。"]


def test_places_survive_the_cache_round_trip():
    from draftlint.cache import result_from_dict, result_to_dict

    result = lint_bytes(REPORT.read_bytes(), "r.md")
    again = result_from_dict(json.loads(json.dumps(result_to_dict(result))))
    assert places(again.findings) == places(result.findings) == sorted(REPORT_FINDINGS)


def test_nesting_markdown_it_would_cut_off_is_refused_not_half_read():
    # markdown-it stops reading below its nesting limit without a word: such a file is refused
    assert [b.text for b in read_document(("> " * 30 + "由x市负责。\n").encode(), "a.md").blocks] == ["由x市负责。"]
    deep = "".join("  " * i + "- 项\n" for i in range(200)).encode()
    result = lint_bytes(deep, "a.md")
    assert result.error == "document nested too deeply to read" and result.findings == []
