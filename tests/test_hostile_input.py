"""Broken and hostile files end as findings or as one clear per-file error: never a crash or hang."""

from __future__ import annotations

import hashlib
import io
import json
import os
import resource
import subprocess
import sys
import time
import zipfile

import pytest
from conftest import shared_path
from docx_factory import NSDECL, legacy_files, make_docx, p  # noqa: F401 (fixture)

from draftlint.engine import read_and_lint


def _error(data: bytes, name: str, rules) -> str | None:
    return read_and_lint(data, name, rules).error


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def _document(inner: str, prolog: str = "") -> bytes:
    return make_docx("", document_xml=f'<?xml version="1.0"?>{prolog}<w:document {NSDECL}><w:body>{inner}</w:body></w:document>')


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"", "空.docx", "empty file"),
        (b"", "空.txt", "empty file"),
        ("这不是压缩包".encode(), "假.docx", "not a ZIP"),
        (make_docx(p("正文"))[:700], "截断.docx", "damaged or truncated"),
        (_zip({"readme.txt": b"hello"}), "无正文.docx", "without a Word document part"),
        (bytes(range(256)) * 64, "二进制.txt", "binary content"),
        (b"\x89PNG\r\n\x1a\n" + bytes(2000), "图片.txt", "binary content"),
    ],
)
def test_bad_files_give_one_clear_error(data, name, reason, rules):
    assert reason in _error(data, name, rules)


def test_encrypted_documents_from_real_test_suites(rules):
    for name in ("document__bug53475-password-is-pass.docx", "poifs__protected_agile.docx"):
        data = shared_path("corpus", "docx-wild", "apache-poi", name).read_bytes()
        assert "encrypted" in _error(data, name, rules)


def test_external_entities_are_never_read(tmp_path, rules):
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容xx市", "utf-8")
    data = _document("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>",
                     f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>')
    result = read_and_lint(data, "xxe.docx", rules)
    assert "declares a DTD" in result.error and not result.findings


def test_entity_expansion_bomb_is_refused_quickly(rules):
    entities = '<!ENTITY a0 "xxxxxxxxxx">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    data = _document("<w:p><w:r><w:t>&a9;</w:t></w:r></w:p>", f"<!DOCTYPE w:document [{entities}]>")
    t0 = time.monotonic()
    assert "declares a DTD" in _error(data, "bomb.docx", rules)
    assert time.monotonic() - t0 < 5


def _bomb(size: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("_rels/.rels", zipfile.ZipFile(io.BytesIO(make_docx(p("x")))).read("_rels/.rels"))
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b" " * 2**20
            for _ in range(size // len(chunk)):
                fh.write(chunk)
    return buf.getvalue()


def test_zip_bombs_are_refused(rules):
    huge = _bomb(80 * 2**20)  # larger than any part is allowed to be
    assert "refused" in _error(huge, "bomb.docx", rules)
    dense = _bomb(8 * 2**20)  # small enough, but compressed a thousandfold
    assert "compression ratio" in _error(dense, "bomb.docx", rules)


def test_very_deep_nesting_is_an_error_not_a_crash(rules):
    deep_tables = "<w:tbl><w:tr><w:tc>" * 3000 + p("深处") + "</w:tc></w:tr></w:tbl>" * 3000
    deep_wrappers = "<w:p>" + "<w:customXml>" * 5000 + "<w:r><w:t>xx市</w:t></w:r>" + "</w:customXml>" * 5000 + "</w:p>"
    for inner in (deep_tables, deep_wrappers):
        result = read_and_lint(_document(inner), "deep.docx", rules)
        assert result.error is not None and ("nested too deeply" in result.error or "damaged XML" in result.error)


def test_old_doc_renamed_docx(rules, legacy_files):
    data = legacy_files[".doc"].read_bytes()
    assert "Word 97-2003" in _error(data, "改名.docx", rules)


def test_thirty_megabyte_single_line_txt(rules):
    line = ("全市上下坚持稳中求进工作总基调，经济运行总体平稳。" * 1_300_000).encode("utf-8")
    assert len(line) > 30 * 2**20
    t0 = time.monotonic()
    result = read_and_lint(line, "长.txt", rules)
    assert result.error is None and result.characters == len(line.decode("utf-8"))
    assert time.monotonic() - t0 < 120


def test_mixed_folder_run_lints_good_files_reports_bad_ones_and_keeps_inputs(tmp_path, legacy_files):
    folder = tmp_path / "稿件 目录"
    folder.mkdir()
    (folder / "工作 报告（初稿）.docx").write_bytes(make_docx(p("xx区群团改革工作推进有序")))
    (folder / "总结.txt").write_bytes("共成立机关工会x个。\n".encode("gbk"))
    (folder / "坏.docx").write_bytes(b"garbage")
    (folder / "空.txt").write_bytes(b"")
    (folder / "旧.docx").write_bytes(legacy_files[".doc"].read_bytes())
    os.symlink(folder, folder / "loop")  # a folder link pointing at itself
    os.symlink(folder / "a.txt", folder / "b.txt")
    os.symlink(folder / "b.txt", folder / "a.txt")  # a file link loop
    before = {f: hashlib.sha256(f.read_bytes()).hexdigest() for f in folder.iterdir() if f.is_file()}
    proc = subprocess.run(
        [sys.executable, "-m", "draftlint", "check", str(folder), "--format", "json"],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    out = json.loads(proc.stdout)
    linted = {os.path.basename(f["path"]) for f in out["files"]}
    failed = {os.path.basename(e["path"]): e["message"] for e in out["errors"]}
    assert linted == {"工作 报告（初稿）.docx", "总结.txt"}
    assert set(failed) == {"坏.docx", "空.txt", "旧.docx", "a.txt", "b.txt"}
    assert {os.path.basename(f["path"]) for f in out["findings"]} == linted
    assert [f for f in out["files"] if f["path"].endswith("总结.txt")][0]["encoding"] == "gb18030"
    assert before == {f: hashlib.sha256(f.read_bytes()).hexdigest() for f in folder.iterdir() if f.is_file()}
    # memory of the child run, in KiB on Linux
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 1024 * 1024
