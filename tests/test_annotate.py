"""Annotated DOCX copies: real comments on exactly the offending text, nothing else changed."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.shared import Pt

from draftlint.cli import main
from draftlint.engine import read_and_lint
from draftlint.readers.docx import read_docx
from draftlint.writers.docx_comments import annotate_docx

from conftest import shared_path
from docx_xml import comment_ranges, comments, parts


def _draft(path: Path) -> Path:
    d = docx.Document()
    d.add_heading("一、总体情况", level=1)
    p = d.add_paragraph()
    p.add_run("我们在")
    bold = p.add_run("x市x局")  # two findings inside one formatted run
    bold.bold = True
    bold.font.size = Pt(15)
    p.add_run("党委领导下，于20")
    p.add_run("xx年召开会议。")  # a finding spanning two runs
    existing = d.add_paragraph("这一段已有人工批注。")
    d.add_comment(existing.runs, text="请核对数字", author="张三", initials="ZS")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 1).text = "完成任务××项"
    d.add_heading("二、下步打算", level=1)
    d.add_heading("三、其他", level=1)
    d.save(path)
    return path


def _own(data: bytes) -> dict[str, str]:
    return {cid: text for cid, (author, text) in comments(data).items() if author == "draftlint"}


def test_every_finding_is_a_comment_on_exactly_its_text(tmp_path, rules):
    data = _draft(tmp_path / "草稿.docx").read_bytes()
    findings = read_and_lint(data, "草稿.docx", rules).findings
    assert {f.rule for f in findings} >= {"PH001", "PH011", "PH002", "ST005", "ST006"}
    out, report = annotate_docx(data, "草稿.docx", findings)
    assert len(report.exact) == len(findings) and not report.paragraph and not report.summary
    own, ranges = _own(out), comment_ranges(out)
    assert len(own) == len(findings)
    by_rule_match = Counter((re.match(r"\[(\w+)\]", own[c]).group(1), ranges[c]) for c in own)
    assert by_rule_match == Counter((f.rule, f.match) for f in findings)
    assert any("二、下步打算" == ranges[c] for c in own)  # the empty-section finding sits on its heading
    # The split runs keep their formatting: both x of 'x市x局' are still bold 15 pt.
    body = docx.Document(io.BytesIO(out)).paragraphs[1]
    assert [(r.text, r.bold, r.font.size) for r in body.runs if r.text in ("x", "市", "局")] == [
        ("x", True, Pt(15)), ("市", True, Pt(15)), ("x", True, Pt(15)), ("局", True, Pt(15))
    ]
    # The text a reader sees is unchanged, and the person's comment is still there.
    assert [b.text for b in read_docx(out, "a.docx").blocks] == [b.text for b in read_docx(data, "b.docx").blocks]
    assert ("张三", "请核对数字") in comments(out).values()


def test_second_run_does_not_stack_comments(tmp_path, rules):
    data = _draft(tmp_path / "草稿.docx").read_bytes()
    once, _ = annotate_docx(data, "a.docx", read_and_lint(data, "a.docx", rules).findings)
    twice, report = annotate_docx(once, "a.docx", read_and_lint(once, "a.docx", rules).findings)
    assert report.removed_old == len(_own(once))
    assert sorted(_own(twice).values()) == sorted(_own(once).values())
    assert sorted(comment_ranges(twice).values()) == sorted(comment_ranges(once).values())
    assert ("张三", "请核对数字") in comments(twice).values()


def test_everything_else_in_the_package_survives(tmp_path, rules):
    data = _draft(tmp_path / "草稿.docx").read_bytes()
    out, _ = annotate_docx(data, "a.docx", read_and_lint(data, "a.docx", rules).findings)
    before, after = parts(data), parts(out)
    changed = {n for n in before if before[n] != after.get(n)}
    assert changed <= {"word/document.xml", "word/comments.xml"}
    assert set(after) == set(before)


def test_cli_writes_beside_or_into_folder_and_never_touches_input(tmp_path):
    src = _draft(tmp_path / "草稿.docx")
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    result = CliRunner().invoke(main, ["annotate", str(src)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "草稿.draftlint.docx").exists()
    result = CliRunner().invoke(main, ["annotate", str(src), "-o", str(tmp_path / "out"), "--lang", "en"])
    assert result.exit_code == 0, result.output
    en = _own((tmp_path / "out" / "草稿.draftlint.docx").read_bytes())
    assert any("Unfilled placeholder" in t for t in en.values())
    assert hashlib.sha256(src.read_bytes()).hexdigest() == digest
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".draftlint-")]  # no temp file left


def test_unreadable_file_is_reported_and_others_go_on(tmp_path):
    _draft(tmp_path / "a.docx")
    (tmp_path / "b.docx").write_bytes(b"not a zip")
    result = CliRunner().invoke(main, ["annotate", str(tmp_path)])
    assert result.exit_code == 2
    assert (tmp_path / "a.draftlint.docx").exists()
    assert not (tmp_path / "b.draftlint.docx").exists()


def test_annotated_copies_in_a_folder_are_not_linted_again(tmp_path):
    """The copies annotate writes are reports: walking a folder passes over them (annotating it
    again does not annotate the copies, checking it does not repeat each finding), but a copy
    named on its own is linted."""
    from draftlint.discovery import is_draftlint_copy
    from draftlint.writers.docx_comments import annotated_name

    for name in ("草稿.docx", "a.b.docm", "模板.DOTX", "无后缀"):
        assert is_draftlint_copy(os.path.basename(annotated_name(name))), name
    assert not is_draftlint_copy("draftlint.docx") and not is_draftlint_copy("关于draftlint.txt")
    from draftlint.writers.docx_revisions import fixed_name

    assert is_draftlint_copy(os.path.basename(fixed_name("草稿.docx")))  # fix's copy too
    assert not is_draftlint_copy("fixed.docx") and not is_draftlint_copy("问题已fixed.txt")

    _draft(tmp_path / "a.docx")
    runner = CliRunner()
    for _ in range(2):
        assert runner.invoke(main, ["annotate", str(tmp_path)]).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "a.draftlint.docx"]
    folder = json.loads(runner.invoke(main, ["check", "--no-cache", "--format", "json", str(tmp_path)]).output)
    assert [os.path.basename(f["path"]) for f in folder["files"]] == ["a.docx"]
    named = json.loads(runner.invoke(main, ["check", "--no-cache", "--format", "json", str(tmp_path / "a.draftlint.docx")]).output)
    assert named["summary"]["findings"] == folder["summary"]["findings"] > 0


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_opens_the_copy_with_its_comments(tmp_path, rules):
    data = _draft(tmp_path / "草稿.docx").read_bytes()
    out, _ = annotate_docx(data, "a.docx", read_and_lint(data, "a.docx", rules).findings)
    copy = tmp_path / "copy.docx"
    copy.write_bytes(out)
    profile = f"-env:UserInstallation=file://{tmp_path}/lo"
    pdf_with_notes = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
    for target in (pdf_with_notes, "txt:Text (encoded):UTF8", "fodt"):
        subprocess.run(["soffice", "--headless", "--norestore", profile, "--convert-to", target, "--outdir", str(tmp_path), str(copy)],
                       check=True, capture_output=True, timeout=180)
    assert "我们在x市x局党委领导下" in (tmp_path / "copy.txt").read_text(encoding="utf-8-sig")
    pdf = (tmp_path / "copy.pdf").read_bytes()
    assert len(re.findall(rb"/Subtype\s*/Text", pdf)) == len(comments(out))  # every comment became a PDF note
    flat = (tmp_path / "copy.fodt").read_text(encoding="utf-8")
    assert flat.count("<office:annotation ") == len(comments(out))
    assert flat.count("<dc:creator>draftlint</dc:creator>") == len(_own(out))


def test_templates_corpus_every_comment_on_its_text(rules):
    folder = shared_path("corpus", "templates-zh", "docx")
    total = exact = 0
    for path in sorted(folder.rglob("*.do[ct]x")):
        data = path.read_bytes()
        result = read_and_lint(data, str(path), rules)
        if result.error:
            continue
        out, report = annotate_docx(data, str(path), result.findings)
        ranges, own = comment_ranges(out), _own(out)
        placed = Counter(ranges[c] for c in own if c in ranges)
        assert not Counter(f.match for f in report.exact) - placed, path
        assert not report.paragraph and not report.summary, (path, report.paragraph, report.summary)
        # The rest are text boxes the reader reads twice (mc:Choice and mc:Fallback): their
        # twin finding is anchored in the copy Word shows.
        assert len(report.exact) + len(report.duplicates) == len(result.findings)
        total += len(result.findings)
        exact += len(report.exact)
    assert total and exact >= 0.8 * total
