"""One broken file never takes the run down: each becomes its own error, with a reason that says
what is wrong, and every command goes on with the other files (issue 22)."""

from __future__ import annotations

import json
import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from docx_factory import make_docx, p

from draftlint import engine, runner
from draftlint.engine import read_and_lint
from draftlint.readers import ReaderOptions, read_document
from draftlint.runner import RunOptions, rules_for
from draftlint.settings import Settings

REPO = Path(__file__).resolve().parent.parent
GOOD_DOCX = make_docx(p("一、工作情况") + p("xx区召开会议。"))


def _rules():
    return rules_for(Settings())


def _with_document_header(data: bytes, change) -> bytes:
    """``data`` with ``change(buffer, local header offset, central header offset)`` applied to
    the entry ``word/document.xml``."""
    out = bytearray(data)
    name = b"word/document.xml"
    local = next(m.start() for m in re.finditer(re.escape(b"PK\x03\x04"), out) if out[m.start() + 30 : m.start() + 30 + len(name)] == name)
    central = next(m.start() for m in re.finditer(re.escape(b"PK\x01\x02"), out) if out[m.start() + 46 : m.start() + 46 + len(name)] == name)
    change(out, local, central)
    return bytes(out)


def _corrupt_deflate(buf, local, central):
    name_len, extra_len = struct.unpack_from("<HH", buf, local + 26)
    start = local + 30 + name_len + extra_len
    for i in range(start, start + 12):
        buf[i] ^= 0xA5


def _encrypted(buf, local, central):
    buf[local + 6] |= 1
    buf[central + 8] |= 1


def _method(method):
    def change(buf, local, central):
        struct.pack_into("<H", buf, local + 8, method)
        struct.pack_into("<H", buf, central + 10, method)

    return change


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (_corrupt_deflate, r"damaged part word/document.xml: its compressed data is corrupt"),
        (_encrypted, r"part word/document.xml is encrypted inside the ZIP"),
        (_method(14), r"damaged part word/document.xml: its compressed data is corrupt"),  # LZMA over deflate data
        (_method(99), r"part word/document.xml uses ZIP compression method 99, which Word never writes"),
    ],
    ids=["corrupt-deflate", "encrypted-entry", "lzma-method", "unknown-method"],
)
def test_a_damaged_zip_member_is_a_clear_reason(change, reason):
    # before: zlib.error, RuntimeError, LZMAError and NotImplementedError escaped and ended the run
    result = read_and_lint(_with_document_header(GOOD_DOCX, change), "坏.docx", _rules())
    assert result.error is not None and re.search(reason, result.error), result.error
    assert "internal error" not in result.error


def _numbering(start: str, fmt: str) -> str:
    return (
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
        f'<w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )


@pytest.mark.parametrize(
    ("start", "fmt", "first"),
    [
        ("2147483647", "upperLetter", "2147483647."),  # was a label of 82 million letters per paragraph
        ("99999999", "lowerRoman", "99999999."),
        ("-5", "ideographDigital", "-5."),  # was a ValueError out of the number formatter
        ("-5", "chineseCounting", "-5."),
        ("27", "upperLetter", "AA."),  # what Word shows, inside the limit
    ],
)
def test_list_numbering_with_absurd_values_stays_small(start, fmt, first):
    numbered = p("条目", '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')
    doc = read_document(make_docx(numbered * 300, {"rN": ("numbering", _numbering(start, fmt))}), "x.docx", ReaderOptions())
    labels = [b.display_text[: -len("条目")].strip() for b in doc.blocks]
    assert labels[0] == first
    assert max(len(label) for label in labels) <= 20  # AA., … up to 13 letters at the 326th


def test_a_bug_in_a_file_is_that_files_error(monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("a checker divided by zero")

    monkeypatch.setattr(engine, "lint_document", broken)
    monkeypatch.delenv("DRAFTLINT_DEBUG", raising=False)
    result = read_and_lint(GOOD_DOCX, "a.docx", _rules())
    assert result.error.startswith("内部错误（internal error）: ZeroDivisionError: a checker divided by zero")
    assert "请报告" in result.error and "please report" in result.error and "Traceback" not in result.error
    monkeypatch.setenv("DRAFTLINT_DEBUG", "1")
    assert "Traceback (most recent call last)" in read_and_lint(GOOD_DOCX, "a.docx", _rules()).error


_LINT_ONE = runner._work


def _dies_on_05(item):
    """A worker's work that kills its process on one file, as the OOM killer would."""
    if item[0].endswith("05.txt"):
        os._exit(9)
    return _LINT_ONE(item)


def test_a_worker_that_dies_costs_its_file_only(tmp_path, monkeypatch):
    """A worker killed (for memory, a crash in a library): its file is reported, the rest linted."""
    names = [f"{n:02d}.txt" for n in range(12)]
    for name in names:
        (tmp_path / name).write_text("在xx区召开会议。\n", encoding="utf-8")
    monkeypatch.setattr(runner, "_work", _dies_on_05)  # forked workers inherit it
    if runner.start_method() != "fork":
        pytest.skip("workers are not forked here: they would not see the patched function")
    from draftlint.discovery import Target

    targets = [Target(str(tmp_path / n)) for n in names]
    results = list(runner.stream(targets, options=RunOptions(jobs=2, progress=False)))
    assert [Path(r.path).name for r in results] == names
    died = [r for r in results if r.error]
    assert [Path(r.path).name for r in died] == ["05.txt"]
    assert died[0].error.startswith(runner.WORKER_DIED)
    assert all(any(f.rule == "PH001" for f in r.findings) for r in results if r not in died)


# ---------------------------------------------------------------- every command, every format


@pytest.fixture
def mixed_folder(tmp_path):
    """Two good drafts (DOCX, TXT) and one DOCX whose document part is corrupt."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "a-good.docx").write_bytes(GOOD_DOCX)
    (folder / "b-broken.docx").write_bytes(_with_document_header(GOOD_DOCX, _corrupt_deflate))
    (folder / "c-good.txt").write_text("在××局召开会议。\n", encoding="utf-8")
    return folder


def _says_corrupt(text: str) -> bool:
    """The reason, as machine reports give it (English) or as people read it (Chinese, the default)."""
    return "compressed data is corrupt" in text or "压缩数据有误" in text


def _draftlint(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "draftlint", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def _assert_no_traceback(proc):
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout, proc.stderr[-2000:]


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "json-lines", "sarif", "github", "junit", "html"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_check_reports_the_good_files_and_the_broken_one(mixed_folder, fmt, jobs, tmp_path):
    out = tmp_path / f"report.{fmt}"
    proc = _draftlint("check", "--no-cache", "--jobs", jobs, "--format", fmt, "-o", str(out), str(mixed_folder))
    _assert_no_traceback(proc)
    assert proc.returncode == 2, proc.stderr
    report = out.read_text(encoding="utf-8")
    assert "a-good.docx" in report and "c-good.txt" in report and "b-broken.docx" in report
    assert "PH001" in report and _says_corrupt(report)
    if fmt == "json":
        data = json.loads(report)
        assert {Path(f["path"]).name for f in data["files"]} >= {"a-good.docx", "c-good.txt"}
        assert {Path(f["path"]).name for f in data["findings"]} == {"a-good.docx", "c-good.txt"}
        assert [Path(e["path"]).name for e in data["errors"]] == ["b-broken.docx"]
    if fmt == "sarif":
        json.loads(report)


def test_annotate_writes_the_good_copies_and_names_the_broken_file(mixed_folder, tmp_path):
    out = tmp_path / "annotated"
    out.mkdir()
    proc = _draftlint("annotate", "-o", str(out), str(mixed_folder / "a-good.docx"), str(mixed_folder / "b-broken.docx"))
    _assert_no_traceback(proc)
    assert proc.returncode == 2
    assert [p.name for p in out.iterdir()] == ["a-good.draftlint.docx"]
    assert "b-broken.docx" in proc.stderr + proc.stdout and _says_corrupt(proc.stderr + proc.stdout)


def test_fix_of_a_broken_file_is_a_clear_error(mixed_folder):
    proc = _draftlint("fix", str(mixed_folder / "b-broken.docx"))
    _assert_no_traceback(proc)
    assert proc.returncode == 2
    assert _says_corrupt(proc.stderr)
    assert sorted(p.name for p in mixed_folder.iterdir()) == ["a-good.docx", "b-broken.docx", "c-good.txt"]


def test_fix_survives_a_damaged_part_it_only_copies(tmp_path):
    """A part that is not linted (here the settings) but damaged: the copy cannot be made, and
    fix says so instead of stopping with zlib's error."""
    data = make_docx(p("在xx区召开会议，，会议指出。"), {"rS": ("settings", "<w:zoom w:percent=\"100\"/>")})
    name = b"word/settings1.xml"
    buf = bytearray(data)
    local = next(m.start() for m in re.finditer(re.escape(b"PK\x03\x04"), buf) if buf[m.start() + 30 : m.start() + 30 + len(name)] == name)
    _corrupt_deflate(buf, local, None)
    path = tmp_path / "d.docx"
    path.write_bytes(bytes(buf))
    proc = _draftlint("fix", str(path))
    _assert_no_traceback(proc)
    assert proc.returncode in (0, 2)
    if proc.returncode == 2:
        assert "settings1.xml" in proc.stdout + proc.stderr


def test_fix_on_a_folder_with_a_broken_file_goes_on(mixed_folder):
    (mixed_folder / "d-fixable.txt").write_text("会议指出,要加强管理,提高效率。\n", encoding="utf-8")
    proc = _draftlint("fix", "--unsafe-fixes", str(mixed_folder))
    _assert_no_traceback(proc)
    assert proc.returncode == 2 and "b-broken.docx" in proc.stderr and _says_corrupt(proc.stderr)
    assert (mixed_folder / "d-fixable.fixed.txt").exists()  # the good files were still fixed
