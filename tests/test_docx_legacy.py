""".doc, .wps, .odt and .rtf are converted by LibreOffice and reported against the original file."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest

from click.testing import CliRunner
from docx_factory import LEGACY_TEXT, legacy_files  # noqa: F401 (fixture)

from draftlint.cli import main
from draftlint.engine import read_and_lint
from draftlint.readers import read_document


def _place_holders(result):
    return sorted((f.rule, f.match) for f in result.findings if f.category == "placeholder")


def test_converted_formats_read_like_the_docx(legacy_files, rules, tmp_path):
    expected = _place_holders(read_and_lint(legacy_files[".docx"].read_bytes(), "源.docx", rules))
    assert expected == [("PH001", "x"), ("PH002", "××")]
    wps = tmp_path / "金山.wps"  # WPS Office writes Word-compatible binary documents
    shutil.copy(legacy_files[".doc"], wps)
    for path in (legacy_files[".doc"], legacy_files[".odt"], legacy_files[".rtf"], wps):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        doc = read_document(path.read_bytes(), str(path))
        assert doc.format == path.suffix[1:]
        assert [b.text for b in doc.blocks if b.text] == list(LEGACY_TEXT)
        assert doc.blocks[0].outline_level == 1
        result = read_and_lint(path.read_bytes(), str(path), rules)
        assert result.error is None and _place_holders(result) == expected
        assert all(f.path == str(path) for f in result.findings)
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_cli_reports_converted_file_under_its_own_name(legacy_files):
    out = CliRunner().invoke(main, ["check", str(legacy_files[".odt"]), "--format", "json"]).output
    data = json.loads(out)
    assert data["files"] == [{"path": str(legacy_files[".odt"]), "format": "odt"}]
    assert {f["location"] for f in data["findings"] if f["rule"] == "PH002"} == {"表格1 第1行第1列"}


def test_without_libreoffice_the_error_says_how_to_install_it(legacy_files, rules, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    result = read_and_lint(legacy_files[".doc"].read_bytes(), "旧.doc", rules)
    assert "LibreOffice" in result.error and "apt-get install libreoffice-writer" in result.error


def test_damaged_doc_is_a_per_file_error(rules):
    from draftlint.readers.convert import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    result = read_and_lint(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "坏.doc", rules)
    assert result.error is not None and "LibreOffice could not convert" in result.error


def test_annotate_and_fix_write_docx_copies_of_legacy_files(legacy_files, tmp_path):
    """A .doc, .odt or .rtf is read through LibreOffice; annotate and fix write a .docx copy of
    the same conversion, with each comment on the text it was found in (before: skipped)."""
    import shutil
    import subprocess
    import sys

    from docx_xml import comment_ranges

    for suffix in (".doc", ".odt", ".rtf"):
        draft = tmp_path / f"草稿{suffix}"
        shutil.copy(legacy_files[suffix], draft)
        proc = subprocess.run([sys.executable, "-m", "draftlint", "annotate", str(draft)], capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        copy = tmp_path / "草稿.draftlint.docx"
        covered = set(comment_ranges(copy.read_bytes()).values())
        assert {"x", "××"} <= covered, (suffix, covered)  # x市 and ××局, on their exact text
        copy.unlink()
        assert draft.read_bytes() == legacy_files[suffix].read_bytes()  # the original untouched
