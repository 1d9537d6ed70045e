"""Build 公文 DOCX files with python-docx: one laid out as GB/T 9704-2012 says, and the same with
one thing changed (``gongwen(body_font_style="宋体")``), for the layout tests and for comparing
draftlint with other checkers (``python tests/layout_docs.py FOLDER`` writes them all)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TITLE = "关于开展2024年度安全生产大检查的通知"
PARAGRAPHS = [
    ("addressee", "各区县人民政府，市政府各部门："),
    ("body", "为深入贯彻落实安全生产工作部署，切实防范化解重大安全风险，经市政府同意，决定在全市范围内开展安全生产大检查。现将有关事项通知如下。"),
    ("h1", "一、总体要求"),
    ("body", "坚持人民至上、生命至上，统筹发展和安全，全面排查整治各类安全隐患，坚决遏制重特大事故发生。"),
    ("h2", "（一）工作目标"),
    ("body", "通过大检查，推动企业主体责任、部门监管责任和属地管理责任全面落实，安全生产形势持续稳定向好。"),
    ("h2", "（二）基本原则"),
    ("body", "坚持问题导向，坚持标本兼治，坚持依法依规，做到检查全覆盖、整改全闭环。"),
    ("h1", "二、检查内容"),
    ("body", "1.重点行业领域。重点检查危险化学品、矿山、建筑施工、道路交通、消防等行业领域。"),
    ("body", "2.重点环节。重点检查隐患排查治理、应急预案演练和从业人员培训等情况。"),
    ("h1", "三、工作要求"),
    ("body", "各地各部门要高度重视，精心组织，确保大检查取得实效。检查情况请于12月31日前报市应急管理局。"),
    ("signature", "某某市人民政府"),
    ("signature", "2024年11月20日"),
]

TWIPS_PER_MM = 1440 / 25.4


def _fonts(element, east_asian: str | None = None, latin: str | None = None, theme: str | None = None) -> None:
    """Set ``w:rFonts`` of a run or style's ``w:rPr``."""
    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    if latin:
        rfonts.set(qn("w:ascii"), latin)
        rfonts.set(qn("w:hAnsi"), latin)
    if east_asian:
        rfonts.set(qn("w:eastAsia"), east_asian)
    if theme:
        rfonts.set(qn("w:eastAsiaTheme"), theme)


def _indent_chars(paragraph_format_element, chars: float, size_pt: float) -> None:
    ppr = paragraph_format_element.get_or_add_pPr()
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = OxmlElement("w:ind")
        ppr.append(ind)
    ind.set(qn("w:firstLineChars"), str(int(chars * 100)))
    ind.set(qn("w:firstLine"), str(int(chars * size_pt * 20)))


def _page_number_footer(section, font: str = "宋体", size: float = 14, form: str = "— {} —") -> None:
    footer = section.footer
    p = footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    before, after = form.split("{}")

    def run(text: str = ""):
        r = p.add_run(text)
        _fonts(r._r, east_asian=font, latin=font)
        r.font.size = Pt(size)
        return r

    run(before)
    r = run()
    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), "begin")
    r._r.append(fld)
    r = run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE   \\* MERGEFORMAT "
    r._r.append(instr)
    r = run()
    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), "separate")
    r._r.append(fld)
    run("1")
    r = run()
    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), "end")
    r._r.append(fld)
    run(after)


def gongwen(
    *,
    body_font_style: str = "仿宋_GB2312",
    body_font_run: str | None = None,
    body_font_theme: bool = False,
    body_size: float = 16,
    indent: float = 2,
    line_exact: float | None = 28,
    margins: tuple[float, float, float, float] = (37, 35, 28, 26),  # top, bottom, left, right
    paper: tuple[float, float] = (210, 297),
    page_numbers: bool = True,
    title_font: str = "方正小标宋简体",
    h1_font: str = "黑体",
    h2_font: str = "楷体_GB2312",
) -> bytes:
    """A 通知 laid out per GB/T 9704-2012, except for what the arguments change."""
    doc = Document()
    lang = doc.settings.element.find(qn("w:themeFontLang"))
    if lang is not None:  # as Word set up for Chinese writes it (python-docx's template says ja-JP)
        lang.set(qn("w:eastAsia"), "zh-CN")
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(paper[0]), Mm(paper[1])
    section.top_margin, section.bottom_margin = Mm(margins[0]), Mm(margins[1])
    section.left_margin, section.right_margin = Mm(margins[2]), Mm(margins[3])
    normal = doc.styles["Normal"]
    if body_font_theme:
        _fonts(normal.element, latin="Times New Roman", theme="minorEastAsia")
    else:
        _fonts(normal.element, east_asian=body_font_style, latin="Times New Roman")
    normal.font.size = Pt(body_size)
    fmt = normal.paragraph_format
    fmt.space_after = Pt(0)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if line_exact is not None:
        fmt.line_spacing = Pt(line_exact)  # python-docx writes lineRule="exact" for a Length
    else:
        fmt.line_spacing = 1.0
    _indent_chars(normal.element, indent, body_size)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _indent_chars(title._p, 0, 22)
    run = title.add_run(TITLE)
    _fonts(run._r, east_asian=title_font, latin=title_font)
    run.font.size = Pt(22)
    doc.add_paragraph()
    for role, text in PARAGRAPHS:
        p = doc.add_paragraph()
        run = p.add_run(text)
        if role == "addressee":
            _indent_chars(p._p, 0, body_size)
        elif role == "h1":
            _fonts(run._r, east_asian=h1_font)
            run.font.size = Pt(16)
        elif role == "h2":
            _fonts(run._r, east_asian=h2_font)
            run.font.size = Pt(16)
        elif role == "signature":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif body_font_run:
            _fonts(run._r, east_asian=body_font_run)
    if page_numbers:
        _page_number_footer(section)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


#: One deviation each, by name: what ``gongwen`` is given, and the rule it must (only) set off.
DEVIATIONS = {
    "body-font-style": (dict(body_font_style="宋体"), "LY006"),
    "body-font-run": (dict(body_font_run="宋体"), "LY006"),
    "body-font-theme": (dict(body_font_theme=True), "LY006"),
    "body-size": (dict(body_size=14), "LY007"),
    "indent": (dict(indent=0), "LY008"),
    "line-spacing": (dict(line_exact=None), "LY009"),
    "margins": (dict(margins=(25.4, 25.4, 31.8, 31.8)), "LY002"),
    "paper": (dict(paper=(215.9, 279.4), margins=(37, 17.4, 28, 31.9)), "LY001"),
    "no-page-numbers": (dict(page_numbers=False), "LY013"),
    "title-font": (dict(title_font="宋体"), "LY003"),
    "h1-font": (dict(h1_font="仿宋_GB2312"), "LY011"),
    "h2-font": (dict(h2_font="黑体"), "LY011"),
}


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "gongwen-ok.docx").write_bytes(gongwen())
    for name, (kwargs, _) in DEVIATIONS.items():
        (folder / f"gongwen-{name}.docx").write_bytes(gongwen(**kwargs))
