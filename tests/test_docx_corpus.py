"""Real DOCX files: public test suites must never crash the reader; real templates show their blanks."""

from __future__ import annotations

import re
import time

import pytest
from conftest import shared_path

from draftlint.engine import read_and_lint
from draftlint.locations import describe
from draftlint.readers import read_document

SUFFIXES = {".docx", ".docm", ".dotx", ".dotm"}


def _files(folder):
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())


def test_docx_wild_every_file_lints_or_gives_a_clear_error(rules):
    folder = shared_path("corpus", "docx-wild")
    files = _files(folder)
    assert len(files) >= 290
    errors = {}
    t0 = time.monotonic()
    for path in files:
        result = read_and_lint(path.read_bytes(), str(path), rules)  # an exception here fails the test
        if result.error is not None:
            errors[path.name] = result.error
            assert len(result.error) > 10 and "Traceback" not in result.error
        else:
            for f in result.findings:
                assert describe(f.block, result.format)
    assert time.monotonic() - t0 < 120
    # Only files that are not usable Word documents fail: lock files, fuzzed or truncated ZIPs,
    # encrypted packages, a .doc under a new-format name, external-entity XML, a non-Word part.
    assert len(errors) <= 20, errors
    reasons = ("not a ZIP", "damaged", "encrypted", "Word 97-2003", "DTD", "not a WordprocessingML", "truncated")
    assert all(any(r in e for r in reasons) for e in errors.values()), errors


# The blanks the templates leave, as they appear in the documents.
BLANKS = re.compile(r"XXXX人民政府|XX发〔20XX〕XX号|\[此处输入[^\]]*\]|□□□|〔2020〕号|20XX年XX月XX日|〔20XX〕XX号")


def test_templates_report_every_blank_wherever_it_sits(rules):
    folder = shared_path("corpus", "templates-zh", "docx")
    files = _files(folder)
    assert len(files) == 22
    seen_parts = set()
    blanks = 0
    for path in files:
        result = read_and_lint(path.read_bytes(), str(path), rules)
        assert result.error is None, (path, result.error)
        by_block: dict[int, list] = {}
        for f in result.findings:
            by_block.setdefault(f.block.index, []).append(f)
        blocks = {f.block.index: f.block for f in result.findings}
        for block in read_document(path.read_bytes(), str(path)).blocks:
            for m in BLANKS.finditer(block.text):
                blanks += 1
                hits = [f for f in by_block.get(block.index, []) if f.category == "placeholder" and f.start < m.end() and f.end > m.start()]
                assert hits, (path.name, describe(block, "docx"), m.group())
                seen_parts.add(block.part)
        # page-number fields (PAGE, NUMPAGES) in headers and footers add nothing
        assert not [f for f in result.findings if f.block.part in ("header", "footer")], path.name
        assert all(describe(b, "docx") for b in blocks.values())
    assert blanks >= 90
    assert {"body", "textbox", "table"} <= seen_parts


@pytest.mark.parametrize("name", ["sx_1.docx", "xx_1.docx"])
def test_template_findings_name_a_findable_place(rules, name):
    path = shared_path("corpus", "templates-zh", "docx", "GongwenAssistant", name)
    result = read_and_lint(path.read_bytes(), str(path), rules)
    places = {(f.match, describe(f.block, "docx")) for f in result.findings if f.category == "placeholder"}
    assert any(where.startswith("文本框(第") for _, where in places)
    assert any(where.startswith("正文第") for _, where in places)
