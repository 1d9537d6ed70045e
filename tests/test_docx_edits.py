"""Annotated and fixed copies of paragraphs that hold what Word hides or decorates: a hidden run,
ruby (phonetic guide), someone else's tracked deletion, a content control, a Strict OOXML
package. The reader, the comments and the fixes walk a paragraph with one walk, so every fix is
applied and every comment lands on its exact text; and a fix changes only the characters it
changes, each keeping the formatting it had."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from draftlint.engine import read_and_lint
from draftlint.readers.docx import read_docx
from draftlint.readers.ooxml import strict, transitional
from draftlint.ruleset import load_rules
from draftlint.writers.docx_comments import annotate_docx
from draftlint.writers.docx_revisions import fix_docx

from docx_factory import make_docx, r
from docx_xml import W, accept_all, comment_ranges, comments, w

FIX_RULES = load_rules([Path(__file__).parent / "data" / "fix-rules"]).select(["TF001", "TF002"])
TEXT = r("截止2023年底,我们开会,讨论工作。")
FIXED = "截至2023年底，我们开会，讨论工作。"
RUBY = (
    "<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>jì</w:t></w:r></w:rt>"
    "<w:rubyBase><w:r><w:t>记</w:t></w:r></w:rubyBase></w:ruby></w:r>"
)
DELETED = '<w:del w:id="90" w:author="审核人" w:date="2025-01-01T00:00:00Z"><w:r><w:delText>删去的话</w:delText></w:r></w:del>'
PARAGRAPHS = {
    "hidden run": "<w:p>" + r("隐藏的字", "<w:vanish/>") + TEXT + "</w:p>",
    "hidden run inside": "<w:p>" + r("截止2023年底,") + r("批注", "<w:vanish/>") + r("我们开会,讨论工作。") + "</w:p>",
    "ruby": "<w:p>" + RUBY + TEXT + "</w:p>",
    "tracked deletion": "<w:p>" + r("截止2023年底,") + DELETED + r("我们开会,讨论工作。") + "</w:p>",
    "content control": "<w:p><w:sdt><w:sdtPr/><w:sdtContent>" + r("截止2023年底,我们") + "</w:sdtContent></w:sdt>"
    + r("开会,讨论工作。") + "</w:p>",
}


def _rewrite(data: bytes, convert) -> bytes:
    """The package with ``convert`` applied to every XML part: :func:`strict` gives the same
    package in Strict OOXML's names (ISO/IEC 29500 strict), :func:`transitional` takes it back."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            raw = src.read(info)
            dst.writestr(info, convert(raw) if info.filename.endswith((".xml", ".rels")) else raw)
    return out.getvalue()


def _documents():
    for name, paragraph in PARAGRAPHS.items():
        yield pytest.param(make_docx(paragraph), False, id=name)
    yield pytest.param(_rewrite(make_docx("<w:p>" + TEXT + "</w:p>"), strict), True, id="strict ooxml")


@pytest.mark.parametrize("data,is_strict", list(_documents()))
def test_every_fix_is_applied_and_accepts_to_the_fixed_text(data, is_strict):
    findings = read_and_lint(data, "a.docx", FIX_RULES).findings
    assert sorted(f.rule for f in findings) == ["TF001", "TF001", "TF002"]
    out, report = fix_docx(data, "a.docx", findings)
    assert not report.skipped, report.skipped
    assert len(report.applied) == 3
    if is_strict:
        assert b"http://purl.oclc.org/ooxml/wordprocessingml/main" in zipfile.ZipFile(io.BytesIO(out)).read("word/document.xml")
        out = _rewrite(out, transitional)
    assert FIXED in read_docx(accept_all(out), "a.docx").blocks[0].text


@pytest.mark.parametrize("data,is_strict", list(_documents()))
def test_every_comment_is_anchored_on_its_exact_text(data, is_strict):
    findings = read_and_lint(data, "a.docx", FIX_RULES).findings
    out, report = annotate_docx(data, "a.docx", findings)
    assert len(report.exact) == 3 and not report.paragraph and not report.summary
    if is_strict:
        out = _rewrite(out, transitional)
    ranges = comment_ranges(out)
    assert sorted(ranges.values()) == sorted(f.match for f in findings)
    assert len(comments(out)) == 3


def _formatted_characters(data: bytes) -> list[tuple[str, bytes]]:
    """Each character of the first paragraph with the run properties it is shown in."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    out = []
    for run in root.find(w("body")).find(w("p")).iter(w("r")):
        rpr = run.find(w("rPr"))
        props = etree.tostring(rpr) if rpr is not None else b""
        for t in run.iter(w("t")):
            out += [(c, props) for c in t.text or ""]
    return out


def test_a_fix_across_three_formatted_runs_changes_only_its_characters():
    # PU004's fix replaces everything from the first half-width comma to the last; the runs
    # between are bold, red and plain.
    bold, red = "<w:b/>", '<w:color w:val="FF0000"/>'
    data = make_docx("<w:p>" + r("我们开会,听取", bold) + r("汇报,研究", red) + r("部署,落实任务。") + "</w:p>")
    findings = [f for f in read_and_lint(data, "a.docx", load_rules().select(["PU004"])).findings]
    assert len(findings) == 1 and findings[0].fix is not None
    out, report = fix_docx(data, "a.docx", findings)
    assert report.applied == findings
    before, after = _formatted_characters(data), _formatted_characters(accept_all(out))
    assert "".join(c for c, _ in after) == "我们开会，听取汇报，研究部署，落实任务。"
    assert len(before) == len(after)
    for (old, old_props), (new, new_props) in zip(before, after):
        assert new_props == old_props, (old, new)  # the same formatting, character by character
        assert new == ("，" if old == "," else old)
    document = zipfile.ZipFile(io.BytesIO(out)).read("word/document.xml").decode()
    assert document.count("<w:delText") == 3  # the three commas, nothing else
    assert W in document
