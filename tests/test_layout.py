"""Layout checks (GB/T 9704-2012, rules LY001-LY016) on real DOCX files made with python-docx:
a correctly laid-out 公文 gives no layout finding, and each deviation gives exactly its own, citing
its clause; layout is read and checked only when asked for, and never for TXT."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from draftlint.config import ConfigError, load_config
from draftlint.engine import read_and_lint
from draftlint.readers import ReaderOptions, read_document
from draftlint.runner import RunOptions, file_settings, rules_for
from draftlint.config import Config
from draftlint.settings import Settings

from layout_docs import DEVIATIONS, gongwen

#: The clause each rule cites with the default profile.
CLAUSES = {
    "LY001": "5.1", "LY002": "5.2.1", "LY003": "7.3.1", "LY006": "7.3.3", "LY007": "7.3.3", "LY008": "7.3.3",
    "LY009": "5.2.3", "LY011": "7.3.3", "LY013": "7.5",
}


def lint(data: bytes, layout: str | None = "gbt9704", name: str = "公文.docx", only_layout: bool = True):
    settings = Settings(layout=layout, select=("layout",) if only_layout else ())
    result = read_and_lint(data, name, rules_for(settings), settings, ReaderOptions(layout=layout is not None))
    assert result.error is None, result.error
    return result.findings


def test_a_correctly_laid_out_gongwen_has_no_layout_finding():
    assert [(f.rule, f.message.zh) for f in lint(gongwen())] == []


@pytest.mark.parametrize("name", sorted(DEVIATIONS))
def test_each_deviation_gives_exactly_its_finding(name):
    kwargs, rule = DEVIATIONS[name]
    findings = lint(gongwen(**kwargs))
    assert {f.rule for f in findings} == {rule}, [(f.rule, f.message.zh) for f in findings]
    clause = f"GB/T 9704-2012 {CLAUSES[rule]}"
    for f in findings:
        assert clause in f.message.zh and clause in f.message.en


def test_body_font_via_the_style_is_one_finding_for_the_whole_run():
    findings = lint(gongwen(body_font_style="宋体"))
    assert len(findings) == 1
    f = findings[0]
    assert f.message.zh.startswith("正文字体为宋体，应为仿宋_GB2312（GB/T 9704-2012 7.3.3）")
    assert "连续" in f.message.zh and "in a row" in f.message.en
    assert f.match == "各区县人民政府，市政府各部门："  # the first paragraph of the run


def test_body_font_via_direct_formatting_names_the_run_font():
    findings = lint(gongwen(body_font_run="宋体"))
    assert [f.message.zh.split("（")[0] for f in findings] == ["正文字体为宋体，应为仿宋_GB2312"]
    assert findings[0].match.startswith("为深入贯彻落实")


def test_body_font_via_the_theme_is_the_themes_chinese_font():
    findings = lint(gongwen(body_font_theme=True))
    assert [f.message.zh.split("（")[0] for f in findings] == ["正文字体为宋体，应为仿宋_GB2312"]


def test_page_setup_findings_are_once_per_section():
    findings = lint(gongwen(margins=(25.4, 25.4, 31.8, 31.8), page_numbers=False))
    assert sorted(f.rule for f in findings) == ["LY002", "LY013"]
    margins = next(f for f in findings if f.rule == "LY002")
    assert "上边距（天头）25.4毫米（应为37±1）" in margins.message.zh
    assert "左边距（订口）31.8毫米（应为28±1）" in margins.message.zh


def test_the_reader_resolves_fonts_sizes_indent_spacing_and_page_setup():
    doc = read_document(gongwen(), "公文.docx", ReaderOptions(layout=True))
    body = [b for b in doc.blocks if b.part == "body" and b.text.strip()]
    title, addressee, first = body[0], body[1], body[2]
    assert title.layout.spans[0].east_asian == "方正小标宋简体" and title.layout.spans[0].size == 22
    assert title.layout.align == "center"
    assert addressee.layout.indent_chars == 0
    assert first.layout.spans[0].east_asian == "仿宋_GB2312" and first.layout.spans[0].latin == "Times New Roman"
    assert (first.layout.indent_chars, first.layout.line, first.layout.line_rule, first.layout.align) == (2, 28, "exact", "both")
    (section,) = doc.sections
    assert (section.width, section.height, section.top, section.left) == (210, 297, 37, 28)
    (number,) = section.page_numbers
    assert (number.text, number.font, number.size) == ("— 1 —", "宋体", 14)


def test_layout_is_not_read_unless_asked_for():
    doc = read_document(gongwen(), "公文.docx")
    assert all(b.layout is None for b in doc.blocks) and doc.sections == []


def test_layout_is_off_by_default():
    data = gongwen(body_font_style="宋体", margins=(25.4, 25.4, 31.8, 31.8), page_numbers=False)
    assert [f.rule for f in lint(data, layout=None, only_layout=False) if f.category == "layout"] == []


def test_txt_is_never_checked_for_layout():
    assert lint("关于开展安全生产检查的通知\n各单位要认真开展自查。\n".encode(), name="通知.txt") == []


def test_layout_off_in_the_configuration_and_on_the_command_line(tmp_path):
    (tmp_path / "draftlint.toml").write_text('layout = "gbt9704"\n', encoding="utf-8")
    config = load_config(tmp_path / "draftlint.toml")
    assert file_settings(config, str(tmp_path / "a.docx"), RunOptions()).layout == "gbt9704"
    assert file_settings(config, str(tmp_path / "a.docx"), RunOptions(layout="off")).layout is None
    assert file_settings(Config(), "a.docx", RunOptions()).layout is None


def test_cli_layout_option_and_configuration(tmp_path):
    from click.testing import CliRunner

    from draftlint.cli import main

    (tmp_path / "公文.docx").write_bytes(gongwen(body_font_style="宋体"))
    runner = CliRunner()
    plain = runner.invoke(main, ["check", "--no-cache", "--isolated", "--format", "concise", str(tmp_path / "公文.docx")])
    assert "LY0" not in plain.output
    on = runner.invoke(main, ["check", "--no-cache", "--isolated", "--layout", "gbt9704", "--format", "concise", str(tmp_path / "公文.docx")])
    assert "LY006" in on.output
    (tmp_path / "draftlint.toml").write_text('layout = "gbt9704"\n', encoding="utf-8")
    configured = runner.invoke(main, ["check", "--no-cache", "--format", "concise", str(tmp_path / "公文.docx")])
    assert "LY006" in configured.output
    off = runner.invoke(main, ["check", "--no-cache", "--layout", "off", "--format", "concise", str(tmp_path / "公文.docx")])
    assert "LY0" not in off.output
    bad = runner.invoke(main, ["check", "--no-cache", "--layout", "no-such-profile", str(tmp_path / "公文.docx")])
    assert bad.exit_code == 2 and "no layout profile" in bad.output


def test_an_organisations_own_profile_extends_the_standard(tmp_path):
    (tmp_path / "本单位.yaml").write_text(
        "extends: gbt9704\n"
        "name: 本单位\n"
        "body:\n"
        "  fonts: [宋体]\n"
        "  clause: 本单位公文格式细则第5条\n"
        "page-number: {required: false}\n",
        encoding="utf-8",
    )
    (tmp_path / "draftlint.toml").write_text('layout = "本单位.yaml"\n', encoding="utf-8")
    config = load_config(tmp_path / "draftlint.toml")
    spec = config.layout
    assert Path(spec).is_absolute()
    assert lint(gongwen(body_font_style="宋体", page_numbers=False), layout=spec) == []
    findings = lint(gongwen(), layout=spec)
    assert [f.message.zh for f in findings] == ["正文字体为仿宋_GB2312，应为宋体（本单位公文格式细则第5条）；自此连续10段"]
    # what the own profile leaves alone is the standard's
    assert [f.rule for f in lint(gongwen(body_font_style="宋体", margins=(25.4, 25.4, 31.8, 31.8)), layout=spec)] == ["LY002"]


def test_a_bad_profile_is_a_configuration_error(tmp_path):
    (tmp_path / "p.yaml").write_text("body: {size: big}\n", encoding="utf-8")
    (tmp_path / "draftlint.toml").write_text('layout = "p.yaml"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="body.size must be a number"):
        load_config(tmp_path / "draftlint.toml")
    (tmp_path / "draftlint.toml").write_text('layout = "missing.yaml"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="no layout profile"):
        load_config(tmp_path / "draftlint.toml")


def test_the_profile_changes_the_cache_key(tmp_path):
    assert Settings(layout="gbt9704").digest != Settings().digest
    profile = tmp_path / "p.yaml"
    profile.write_text("extends: gbt9704\n", encoding="utf-8")
    first = file_settings(Config(), "a.docx", RunOptions(layout=str(profile)))
    profile.write_text("extends: gbt9704\nbody: {size: 15}\n", encoding="utf-8")
    second = file_settings(Config(), "a.docx", RunOptions(layout=str(profile)))
    assert first.digest != second.digest


# -- the resolution, piece by piece ---------------------------------------------------------------
def _docx(build) -> bytes:
    doc = WordDocument()
    build(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _body(data: bytes):
    doc = read_document(data, "x.docx", ReaderOptions(layout=True))
    return [b for b in doc.blocks if b.part == "body" and b.text.strip()], doc


def test_based_on_chain_and_character_style():
    def build(doc):
        base = doc.styles.add_style("公文正文", 1)
        rfonts = base.element.get_or_add_rPr().get_or_add_rFonts()
        rfonts.set(qn("w:eastAsia"), "仿宋_GB2312")
        base.font.size = Pt(16)
        child = doc.styles.add_style("公文正文二", 1)
        child.base_style = base
        emphasis = doc.styles.add_style("强调楷体", 2)
        emphasis.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "楷体_GB2312")
        p = doc.add_paragraph(style=child)
        p.add_run("正文文字")
        p.add_run("强调文字", style=emphasis)

    (block,), _ = _body(_docx(build))
    spans = block.layout.spans
    assert [(s.east_asian, s.size) for s in spans] == [("仿宋_GB2312", 16), ("楷体_GB2312", 16)]


def test_a_theme_attribute_wins_over_the_plain_one_at_its_level_and_direct_formatting_over_both():
    def build(doc):
        normal = doc.styles["Normal"]
        rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        rfonts.set(qn("w:eastAsia"), "仿宋_GB2312")
        rfonts.set(qn("w:eastAsiaTheme"), "minorEastAsia")
        p = doc.add_paragraph()
        p.add_run("主题字体")
        r = p.add_run("直接格式")
        r._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "黑体")

    (block,), _ = _body(_docx(build))
    # python-docx's template names ja-JP as the theme's East Asian language: Word shows ＭＳ 明朝
    assert [s.east_asian for s in block.layout.spans] == ["ＭＳ 明朝", "黑体"]


def test_section_grid_single_spacing_counts_as_22_lines():
    def build(doc):
        sect = doc.sections[0]._sectPr
        grid = sect.find(qn("w:docGrid"))
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), "579")
        doc.add_paragraph("关于开展安全生产检查的通知")
        doc.add_paragraph("各单位要认真开展自查。").paragraph_format.line_spacing = 1.0

    findings = lint(_docx(build))
    assert "LY009" not in {f.rule for f in findings}


def test_page_number_typed_as_text_is_no_page_number_and_a_wrong_form_is_named():
    def typed(doc):
        doc.add_paragraph("关于开展安全生产检查的通知")
        doc.sections[0].footer.paragraphs[0].add_run("- 1 -")

    assert "LY013" in {f.rule for f in lint(_docx(typed))}

    def di_ye(doc):
        doc.add_paragraph("关于开展安全生产检查的通知")
        p = doc.sections[0].footer.paragraphs[0]
        p.add_run("第")
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), "PAGE")
        p._p.append(fld)
        p.add_run("页")

    found = {f.rule: f for f in lint(_docx(di_ye))}
    assert "LY013" not in found
    assert found["LY014"].message.zh.startswith("第1节页码为“第1页”，应为“— 1 —”的形式")


def test_a_heading_run_into_its_paragraph_is_heading_up_to_its_first_full_stop():
    def build(doc):
        normal = doc.styles["Normal"]
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
        doc.add_paragraph("关于开展安全生产检查的通知")
        p = doc.add_paragraph()
        r = p.add_run("一、提高认识。")
        r._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "黑体")
        p.add_run("各单位要充分认识开展安全生产检查的重要意义，切实加强领导。")
        p = doc.add_paragraph()
        p.add_run("二、加强领导。各单位要成立检查工作领导小组，由主要负责同志任组长。")

    findings = [f for f in lint(_docx(build)) if f.rule in ("LY006", "LY011")]
    assert [(f.rule, f.match) for f in findings] == [("LY011", "二、加强领导。")]


def test_samples_and_finished_reports_get_no_layout_findings_by_default():
    root = Path(__file__).resolve().parents[1] / "samples"
    settings = Settings()
    for path in sorted(root.glob("*.docx")):
        result = read_and_lint(path.read_bytes(), str(path), rules_for(settings), settings)
        assert not [f for f in result.findings if f.category == "layout"]


def test_the_house_style_profile_in_the_docs_loads_and_applies(tmp_path):
    text = (Path(__file__).resolve().parents[1] / "docs" / "layout.md").read_text(encoding="utf-8")
    profile = text.split("# 版式/本单位.yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "本单位.yaml").write_text(profile, encoding="utf-8")
    spec = str(tmp_path / "本单位.yaml")
    findings = lint(gongwen(), layout=spec)
    sizes = [f.message.zh for f in findings if f.rule == "LY007"]
    assert sizes == ["正文字号为三号（16磅），应为四号（14磅）（本单位公文处理细则第13条）；自此连续10段"]
    assert "LY014" not in {f.rule for f in findings}


def test_a_speech_opening_on_its_audience_has_no_title():
    def build(doc):
        normal = doc.styles["Normal"]
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
        normal.font.size = Pt(16)
        doc.add_paragraph("同志们：")
        doc.add_paragraph("今天召开全市安全生产工作会议，主要任务是总结工作、部署任务。")

    assert not [f for f in lint(_docx(build)) if f.rule in ("LY003", "LY004", "LY005")]


# -- draftlint fix: tracked formatting changes ----------------------------------------------------
def _fixed(data: bytes, layout: str = "gbt9704"):
    from draftlint.writers.docx_revisions import fix_docx

    findings = lint(data, layout=layout)
    fixed, report = fix_docx(data, "公文.docx", findings)
    return findings, fixed, report


@pytest.mark.parametrize("name", ["body-font-style", "body-font-run", "body-font-theme", "body-size", "indent",
                                  "line-spacing", "margins", "paper", "title-font", "h1-font", "h2-font"])
def test_fix_makes_each_layout_change_as_a_tracked_formatting_change(name):
    kwargs, rule = DEVIATIONS[name]
    findings, fixed, report = _fixed(gongwen(**kwargs))
    assert [f.rule for f in report.applied] == [f.rule for f in findings] and not report.skipped
    assert lint(fixed) == []  # what Word shows now is the profile's layout
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(fixed)).read("word/document.xml").decode()
    change = {"LY001": "w:sectPrChange", "LY002": "w:sectPrChange", "LY008": "w:pPrChange",
              "LY009": "w:pPrChange"}.get(rule, "w:rPrChange")
    assert change in xml and 'w:author="draftlint"' in xml
    # rejecting every change gives the original back: the old properties are kept
    assert lint(_rejected(fixed)) and {f.rule for f in lint(_rejected(fixed))} == {rule}


def _rejected(data: bytes) -> bytes:
    """``data`` with every formatting revision rejected (the old properties put back)."""
    import zipfile

    from lxml import etree

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in src.namelist():
            body = src.read(name)
            if name == "word/document.xml":
                root = etree.fromstring(body)
                for tag in ("rPrChange", "pPrChange", "sectPrChange"):
                    for change in list(root.iter(qn(f"w:{tag}"))):
                        holder = change.getparent()
                        old = change[0]
                        keep = [c for c in holder if c.tag in (qn("w:rPr"), qn("w:sectPr"), qn("w:headerReference"), qn("w:footerReference"))
                                and tag != "rPrChange"]
                        for c in list(holder):
                            holder.remove(c)
                        for c in old:
                            holder.append(c)
                        for c in keep:
                            holder.append(c)
                body = etree.tostring(root)
            z.writestr(name, body)
    return out.getvalue()


def test_several_changes_to_one_paragraph_make_one_revision_and_word_can_open_the_copy(tmp_path):
    import shutil
    import subprocess
    import zipfile

    findings, fixed, report = _fixed(gongwen(body_font_style="宋体", body_size=14, indent=0, line_exact=None))
    assert {f.rule for f in report.applied} >= {"LY006", "LY007", "LY008", "LY009"} and not report.skipped
    assert lint(fixed) == []
    xml = zipfile.ZipFile(io.BytesIO(fixed)).read("word/document.xml").decode()
    assert xml.count("<w:pPrChange") == len(set(xml.split("<w:pPrChange")[1:]))  # one per paragraph
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    (tmp_path / "fixed.docx").write_bytes(fixed)
    done = subprocess.run(["soffice", "--headless", "--convert-to", "txt:Text", "--outdir", str(tmp_path), str(tmp_path / "fixed.docx")],
                          capture_output=True, timeout=120)
    assert done.returncode == 0 and "安全生产大检查" in (tmp_path / "fixed.txt").read_text(encoding="utf-8-sig")


def test_fix_leaves_a_paragraph_indented_with_spaces_and_page_numbers_alone():
    def build(doc):
        normal = doc.styles["Normal"]
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
        normal.font.size = Pt(16)
        doc.add_paragraph("关于开展安全生产检查的通知").alignment = 1
        doc.add_paragraph("　　　　各单位要认真开展自查。")
        doc.add_paragraph("发现问题要立即整改。")

    findings, fixed, report = _fixed(_docx(build))
    assert "LY013" in {f.rule for f in findings}
    assert "LY013" not in {f.rule for f in report.applied}
    assert "LY008" in {f.rule for f in report.applied}


def test_draftlint_fix_with_layout_in_the_configuration(tmp_path):
    from click.testing import CliRunner

    from draftlint.cli import main

    (tmp_path / "draftlint.toml").write_text('layout = "gbt9704"\n', encoding="utf-8")
    (tmp_path / "草稿.docx").write_bytes(gongwen(body_font_style="宋体", margins=(25.4, 25.4, 31.8, 31.8)))
    done = CliRunner().invoke(main, ["fix", str(tmp_path / "草稿.docx")])
    assert done.exit_code == 0, done.output
    assert lint((tmp_path / "草稿.fixed.docx").read_bytes()) == []


# -- the same changes accepted and rejected in LibreOffice -----------------------------------------
FIXED = ["body-font-style", "body-font-run", "body-font-theme", "body-size", "indent", "line-spacing", "margins",
         "paper", "title-font", "h1-font", "h2-font"]
#: What LibreOffice (7.4) does not give back when it rejects draftlint's changes, and why.
LIBREOFFICE_CANNOT_REJECT = {
    "margins": "Writer has no tracked page-setup changes: it drops w:sectPrChange when it opens the file, so "
               "the new margins stay and there is nothing to reject",
    "paper": "as for margins: the new paper size stays",
    "title-font": "rejecting a font change over a whole paragraph's text puts the old font back but also drops "
                  "the paragraph's own alignment, so the title is no longer centred and reads as body text",
}
# (Nor is a copy saved in LibreOffice with the changes still pending the same: its DOCX export of a
# pending font or size change writes the old properties as the run's own, so ``none`` is only
# checked for still holding revisions.)
_REVISIONS = ("<w:rPrChange", "<w:pPrChange", "<w:sectPrChange", "<w:ins ", "<w:del ")


def _revisions(data: bytes) -> int:
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    return sum(xml.count(tag) for tag in _REVISIONS)


@pytest.fixture(scope="module")
def through_libreoffice(tmp_path_factory):
    """Each deviation's original, and draftlint's fixed copy of it as LibreOffice saves it
    (``none``), with every change accepted (``accept``) and rejected (``reject``); one LibreOffice
    run for them all."""
    from libreoffice_revisions import in_libreoffice

    folder = tmp_path_factory.mktemp("libreoffice")
    jobs = []
    for name in FIXED:
        kwargs, _ = DEVIATIONS[name]
        original = gongwen(**kwargs)
        findings, fixed, report = _fixed(original)
        assert report.applied and not report.skipped
        (folder / f"{name}.docx").write_bytes(original)
        (folder / f"{name}.fixed.docx").write_bytes(fixed)
        jobs.append(("none", folder / f"{name}.docx", folder / f"{name}.original.out.docx"))
        for action in ("none", "accept", "reject"):
            jobs.append((action, folder / f"{name}.fixed.docx", folder / f"{name}.fixed.{action}.out.docx"))
    in_libreoffice(jobs, folder)
    return {name: {"original": (folder / f"{name}.original.out.docx").read_bytes()}
            | {action: (folder / f"{name}.fixed.{action}.out.docx").read_bytes() for action in ("none", "accept", "reject")}
            for name in FIXED}


@pytest.mark.parametrize("name", FIXED)
def test_the_fix_accepted_in_libreoffice_lints_clean_and_rejected_gives_the_original_back(name, through_libreoffice):
    """Run through LibreOffice: accepting every change of ``draftlint fix``'s copy leaves no layout
    finding, and rejecting them all gives back the original's finding. The original is compared
    as LibreOffice saves it too (its DOCX export rewrites styles, splits runs at digits, writes
    ``w:ind w:hanging="0"`` for a zero indent…): that round trip alone keeps the deviation's one
    finding and adds none. Where LibreOffice cannot give the original back
    (``LIBREOFFICE_CANNOT_REJECT``) the test holds what it does instead, so that it fails when that
    changes."""
    _, rule = DEVIATIONS[name]
    out = through_libreoffice[name]
    findings = lambda data: [(f.rule, f.message.zh) for f in lint(data)]  # noqa: E731
    assert {f.rule for f in lint(out["original"])} == {rule}
    # the macro did the work: saving alone keeps the changes, accepting or rejecting leaves none
    assert _revisions(out["none"]) > 0 or name in ("margins", "paper")
    assert _revisions(out["accept"]) == 0 and _revisions(out["reject"]) == 0
    assert findings(out["accept"]) == []
    if name not in LIBREOFFICE_CANNOT_REJECT:
        assert findings(out["reject"]) == findings(out["original"])
    elif name in ("margins", "paper"):
        assert _revisions(out["none"]) == 0 and findings(out["reject"]) == []
    else:  # title-font: the old font is back, the centring gone
        title = WordDocument(io.BytesIO(out["reject"])).paragraphs[0]
        assert title.alignment is None and {r._r.rPr.rFonts.get(qn("w:eastAsia")) for r in title.runs} == {"宋体"}
        assert {f.rule for f in lint(out["reject"])} == {"LY006", "LY007", "LY008"}


def test_a_page_number_only_in_the_even_footer_counts_only_when_even_pages_have_their_own():
    def build(doc, even_pages):
        doc.add_paragraph("关于开展安全生产检查的通知")
        doc.settings.odd_and_even_pages_header_footer = even_pages
        p = doc.sections[0].even_page_footer.paragraphs[0]
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), "PAGE")
        p._p.append(fld)

    # without w:evenAndOddHeaders Word shows the default footer on every page: no page number
    assert "LY013" in {f.rule for f in lint(_docx(lambda doc: build(doc, False)))}
    assert "LY013" not in {f.rule for f in lint(_docx(lambda doc: build(doc, True)))}
