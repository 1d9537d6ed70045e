"""The DOCX reader sees exactly the text Word shows: each feature built into a real package."""

from __future__ import annotations

import io
import json

import docx
import pytest
from click.testing import CliRunner
from docx_factory import make_docx, p, r

from draftlint.cli import main
from draftlint.engine import read_and_lint
from draftlint.locations import describe
from draftlint.model import Mark, Segment
from draftlint.readers import ReaderOptions, read_document
from draftlint.structure import Outline


def read(data: bytes, name: str = "t.docx", **options):
    return read_document(data, name, ReaderOptions(**options))


def texts(doc, part: str | None = None) -> list[str]:
    return [b.text for b in doc.blocks if part is None or b.part == part]


# -- runs, tracked changes, inline wrappers -------------------------------------------------------
def test_text_across_runs_is_joined_and_maps_back_to_each_run(rules):
    data = make_docx(f"<w:p>{r('在')}{r('x')}{r('市')}{r('召开会议')}</w:p>")
    doc = read(data)
    block = doc.blocks[0]
    assert block.text == "在x市召开会议"
    assert block.segments == (Segment(0, 1, 0, 0), Segment(1, 2, 1, 0), Segment(2, 3, 2, 0), Segment(3, 7, 3, 0))
    (finding,) = [f for f in read_and_lint(data, "t.docx", rules).findings if f.rule == "PH001"]
    assert (finding.start, finding.end, finding.match) == (1, 2, "x")
    covering = [s for s in block.segments if s.start < finding.end and s.end > finding.start]
    assert [s.ref for s in covering] == [1]


def test_segment_offsets_inside_a_run_with_several_texts():
    data = make_docx('<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t></w:r><w:r><w:t>丙</w:t></w:r></w:p>')
    block = read(data).blocks[0]
    assert block.text == "甲\t乙丙"
    assert block.segments == (Segment(0, 3, 0, 0), Segment(3, 4, 1, 0))


def test_tracked_insertions_are_read_and_deletions_are_not():
    body = (
        "<w:p>"
        f"{r('保留')}"
        f'<w:ins w:id="1" w:author="a">{r("新增")}</w:ins>'
        '<w:del w:id="2" w:author="a"><w:r><w:delText>删去xx</w:delText></w:r></w:del>'
        f'<w:moveFrom w:id="3" w:author="a">{r("移走")}</w:moveFrom>'
        f'<w:moveTo w:id="4" w:author="a">{r("移入")}</w:moveTo>'
        "</w:p>"
    )
    assert texts(read(make_docx(body))) == ["保留新增移入"]


def test_deleted_empty_paragraph_is_not_a_block():
    body = '<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="a"/></w:rPr></w:pPr><w:del w:id="2" w:author="a"><w:r><w:delText>旧段</w:delText></w:r></w:del></w:p>' + p("正文")
    assert texts(read(make_docx(body))) == ["正文"]


def test_hyperlink_smarttag_customxml_sym_tab_break_and_hidden_text():
    body = (
        "<w:p>"
        f'<w:hyperlink r:id="rIdX">{r("链接")}</w:hyperlink>'
        f'<w:smartTag w:uri="u" w:element="e">{r("标记")}</w:smartTag>'
        f'<w:customXml w:element="c">{r("自定义")}</w:customXml>'
        '<w:r><w:sym w:font="Wingdings" w:char="F0A1"/><w:tab/><w:t>甲</w:t><w:br/><w:t>乙</w:t><w:cr/></w:r>'
        f'{r("隐藏", "<w:vanish/>")}'
        "</w:p>"
    )
    assert texts(read(make_docx(body))) == ["链接标记自定义\uf0a1\t甲\n乙\n"]


# -- fields ---------------------------------------------------------------------------------------
def _field(instr: str, result: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{instr}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{r(result)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def test_fields_show_their_result_never_their_code():
    page = _field(" PAGE  \\* MERGEFORMAT ", "3")
    body = f"<w:p>{r('第')}{page}{r('页')}</w:p>"
    assert texts(read(make_docx(body))) == ["第3页"]


def test_unmerged_mergefield_result_is_marked():
    body = f"<w:p>{r('尊敬的')}{_field(' MERGEFIELD 联系人姓名 ', '«联系人姓名»')}{r('：')}</w:p>"
    block = read(make_docx(body)).blocks[0]
    assert block.text == "尊敬的«联系人姓名»："
    assert block.marks == (Mark(3, 10, "merge-field"),)


def test_nested_field_codes_stay_hidden_and_simple_fields_show_results():
    inner = _field(" MERGEFIELD 单位 ", "«单位»")
    nested = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText> IF </w:instrText></w:r>' + inner.replace("«单位»", "内层结果") +
        '<w:r><w:instrText> = "x" "代码" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("外层结果") +
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    simple = f'<w:fldSimple w:instr=" MERGEFIELD 日期 ">{r("«日期»")}</w:fldSimple>'
    block = read(make_docx(f"<w:p>{nested}{simple}</w:p>")).blocks[0]
    assert block.text == "外层结果«日期»"
    assert block.marks == (Mark(4, 8, "merge-field"),)


# -- content controls -----------------------------------------------------------------------------
_PROMPT = '<w:sdtPr><w:showingPlcHdr/></w:sdtPr>'


def test_content_controls_at_run_block_and_cell_level():
    run_sdt = f"<w:p>{r('单位：')}<w:sdt>{_PROMPT}<w:sdtContent>{r('请选择单位')}</w:sdtContent></w:sdt></w:p>"
    filled = f"<w:p><w:sdt><w:sdtPr/><w:sdtContent>{r('市发展改革委')}</w:sdtContent></w:sdt></w:p>"
    block_sdt = f"<w:sdt>{_PROMPT}<w:sdtContent>{p('在此键入摘要')}</w:sdtContent></w:sdt>"
    cell_sdt = (
        "<w:tbl><w:tr>"
        f"<w:tc>{p('姓名')}</w:tc>"
        f"<w:sdt>{_PROMPT}<w:sdtContent><w:tc>{p('输入姓名')}</w:tc></w:sdtContent></w:sdt>"
        "</w:tr></w:tbl>"
    )
    doc = read(make_docx(run_sdt + filled + block_sdt + cell_sdt))
    assert texts(doc) == ["单位：请选择单位", "市发展改革委", "在此键入摘要", "姓名", "输入姓名"]
    assert [b.marks for b in doc.blocks] == [
        (Mark(3, 8, "placeholder-prompt"),),
        (),
        (Mark(0, 6, "placeholder-prompt"),),
        (),
        (Mark(0, 4, "placeholder-prompt"),),
    ]
    assert (doc.blocks[4].table, doc.blocks[4].row, doc.blocks[4].column) == (1, 1, 2)


def test_prompt_control_is_reported_whatever_it_says(rules):
    body = f"<w:p><w:sdt>{_PROMPT}<w:sdtContent>{r('填写报送单位')}</w:sdtContent></w:sdt></w:p>"
    result = read_and_lint(make_docx(body), "t.docx", rules)
    assert [(f.rule, f.match) for f in result.findings if f.rule == "PH009"] == [("PH009", "填写报送单位")]


# -- text boxes -----------------------------------------------------------------------------------
def _textbox_run(text: str) -> str:
    txbx = f"<w:txbxContent>{p(text)}</w:txbxContent>"
    return (
        "<w:r><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>{txbx}'
        "</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{txbx}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def test_text_box_read_once_from_alternate_content_right_after_its_anchor():
    body = f"<w:p>{r('锚定段')}{_textbox_run('XXXX人民政府文件')}</w:p>" + p("下一段")
    doc = read(make_docx(body))
    assert [(b.part, b.text) for b in doc.blocks] == [
        ("body", "锚定段"), ("textbox", "XXXX人民政府文件"), ("body", "下一段")
    ]
    assert describe(doc.blocks[1], "docx") == "文本框(第1段)"


def test_vml_only_text_box_is_read():
    body = f"<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>{p('VML框内文字')}</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
    assert texts(read(make_docx(body)), "textbox") == ["VML框内文字"]


def test_fallback_read_when_there_is_no_choice():
    body = f"<w:p>{r('甲')}<mc:AlternateContent><mc:Fallback>{r('乙')}</mc:Fallback></mc:AlternateContent></w:p>"
    assert texts(read(make_docx(body))) == ["甲乙"]


# -- headers, footers, notes, comments ------------------------------------------------------------
def _sect(refs: str, extra: str = "") -> str:
    return f"<w:sectPr>{refs}{extra}</w:sectPr>"


def _ref(kind: str, which: str, rid: str) -> str:
    return f'<w:{kind}Reference w:type="{which}" r:id="{rid}"/>'


def test_headers_and_footers_each_section_shows_once():
    sect1 = _sect(_ref("header", "default", "rH1") + _ref("header", "first", "rH2") + _ref("footer", "default", "rF1"),
                  "<w:titlePg/>")
    # section 2 has its own default header, inherits the footer, and shows no first-page header
    sect2 = _sect(_ref("header", "default", "rH3") + _ref("header", "even", "rH4"))
    body = f'<w:p><w:pPr>{sect1}</w:pPr><w:r><w:t>第一节</w:t></w:r></w:p>' + p("第二节") + sect2
    parts = {
        "rH1": ("header", p("XX市人民政府")),
        "rH2": ("header", p("首页页眉")),
        "rF1": ("footer", p("— 1 —")),
        "rH3": ("header", p("第二节页眉")),
        "rH4": ("header", p("偶数页页眉")),
    }
    doc = read(make_docx(body, parts))
    got = [(b.part, b.section, b.text) for b in doc.blocks if b.part in ("header", "footer")]
    assert got == [
        ("header", 1, "首页页眉"),
        ("header", 1, "XX市人民政府"),
        ("footer", 1, "— 1 —"),
        ("header", 2, "第二节页眉"),
    ]  # even-page header: not shown without w:evenAndOddHeaders in the settings
    assert describe(doc.blocks[1], "docx") == "第1节页眉(第2段)"
    assert describe(doc.blocks[2], "docx", "en") == "section 1 footer (paragraph 1)"

    parts["rS"] = ("settings", "<w:evenAndOddHeaders/>")
    doc = read(make_docx(body, parts))
    assert ("header", 2, "偶数页页眉") in [(b.part, b.section, b.text) for b in doc.blocks]


def test_footnotes_and_endnotes_follow_their_reference_numbered_in_order():
    notes = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:t>续</w:t></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1">{p("数据来源：x局")}</w:footnote>'
        f'<w:footnote w:id="2">{p("第二个脚注")}</w:footnote>'
        f'<w:footnote w:id="3">{p("无人引用")}</w:footnote>'
    )
    endnotes = f'<w:endnote w:id="5">{p("尾注内容")}</w:endnote>'
    body = (
        f'<w:p>{r("甲")}<w:r><w:footnoteReference w:id="2"/></w:r></w:p>'
        f'<w:p>{r("乙")}<w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:endnoteReference w:id="5"/></w:r></w:p>'
    )
    doc = read(make_docx(body, {"rN": ("footnotes", notes), "rE": ("endnotes", endnotes)}))
    assert [(b.part, b.note, b.text) for b in doc.blocks] == [
        ("body", None, "甲"),
        ("footnote", 1, "第二个脚注"),
        ("body", None, "乙"),
        ("footnote", 2, "数据来源：x局"),
        ("endnote", 1, "尾注内容"),
    ]
    assert describe(doc.blocks[3], "docx") == "脚注2"
    assert describe(doc.blocks[4], "docx") == "尾注1"


def _commented() -> bytes:
    comments = f'<w:comment w:id="7" w:author="审核人">{p("这里的xx要改")}</w:comment>'
    body = (
        '<w:p><w:commentRangeStart w:id="7"/>' + r("会议纪要已印发") + '<w:commentRangeEnd w:id="7"/>'
        '<w:r><w:commentReference w:id="7"/></w:r></w:p>'
    )
    return make_docx(body, {"rC": ("comments", comments)})


def test_comments_only_when_asked():
    assert texts(read(_commented())) == ["会议纪要已印发"]
    doc = read(_commented(), include_comments=True)
    assert [(b.part, b.note, b.text) for b in doc.blocks] == [("body", None, "会议纪要已印发"), ("comment", 1, "这里的xx要改")]
    assert describe(doc.blocks[1], "docx") == "批注1"


def test_cli_include_comments(tmp_path):
    path = tmp_path / "批注 稿.docx"
    path.write_bytes(_commented())
    runner = CliRunner()
    plain = json.loads(runner.invoke(main, ["check", str(path), "--format", "json"]).output)
    assert plain["findings"] == []
    with_comments = json.loads(runner.invoke(main, ["check", str(path), "--format", "json", "--include-comments"]).output)
    (finding,) = with_comments["findings"]
    assert finding["rule"] == "PH001" and finding["match"] == "xx"
    assert finding["location"] == "批注1"
    assert finding["location_parts"]["part"] == "comment"


# -- tables ---------------------------------------------------------------------------------------
def _tc(text: str, tcpr: str = "") -> str:
    return f"<w:tc>{f'<w:tcPr>{tcpr}</w:tcPr>' if tcpr else ''}{p(text)}</w:tc>"


def test_merged_cells_nested_tables_and_deleted_rows():
    nested = f"<w:tbl><w:tr>{_tc('内表')}</w:tr></w:tbl>"
    body = (
        "<w:tbl>"
        "<w:tr>" + _tc("合并", '<w:vMerge w:val="restart"/>') + _tc("跨两列", '<w:gridSpan w:val="2"/>') + _tc("丁") + "</w:tr>"
        f"<w:tr>{_tc('合并', '<w:vMerge/>')}{_tc('乙')}<w:tc>{p('丙')}{nested}</w:tc>{_tc('戊')}</w:tr>"
        f'<w:tr><w:trPr><w:del w:id="1" w:author="a"/></w:trPr>{_tc("删除的行")}</w:tr>'
        "</w:tbl>"
    )
    doc = read(make_docx(body))
    got = [(b.text, b.table, b.row, b.column) for b in doc.blocks]
    assert got == [
        ("合并", 1, 1, 1), ("跨两列", 1, 1, 2), ("丁", 1, 1, 4),
        ("乙", 1, 2, 2), ("丙", 1, 2, 3), ("内表", 2, 1, 1), ("戊", 1, 2, 4),
    ]
    assert describe(doc.blocks[4], "docx") == "表格1 第2行第3列"


def test_python_docx_document_headings_and_table(rules):
    d = docx.Document()
    d.add_heading("一、总体情况", level=1)
    d.add_paragraph("全年完成xx项任务。")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "单位"
    t.cell(1, 1).text = "××局"
    buf = io.BytesIO()
    d.save(buf)
    result = read_and_lint(buf.getvalue(), "报告.docx", rules)
    blocks = read(buf.getvalue()).blocks
    assert blocks[0].outline_level == 1 and blocks[0].style == "heading 1"  # Word's built-in name as stored
    got = {(f.rule, f.match, describe(f.block, "docx"), f.heading_path) for f in result.findings if f.category == "placeholder"}
    assert got == {("PH001", "xx", "正文第2段", ("一、总体情况",)), ("PH002", "××", "表格1 第2行第2列", ("一、总体情况",))}


# -- headings and numbering -----------------------------------------------------------------------
_STYLES = (
    '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="标题 1"/><w:basedOn w:val="a"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="MyHead"><w:name w:val="我的标题"/><w:basedOn w:val="1"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Outline3"><w:name w:val="大纲"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="ListHead"><w:name w:val="编号标题"/>'
    '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
)


def test_heading_levels_from_styles_based_on_and_outline_level():
    body = (
        p("标题一", '<w:pStyle w:val="1"/>')
        + p("派生标题", '<w:pStyle w:val="MyHead"/>')
        + p("大纲三级", '<w:pStyle w:val="Outline3"/>')
        + p("段落大纲", '<w:outlineLvl w:val="1"/>')
        + p("正文")
    )
    doc = read(make_docx(body, {"rS": ("styles", _STYLES)}))
    assert [(b.text, b.outline_level) for b in doc.blocks] == [
        ("标题一", 1), ("派生标题", 1), ("大纲三级", 3), ("段落大纲", 2), ("正文", None)
    ]
    assert doc.blocks[1].style == "我的标题"


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


_NUMBERING = (
    '<w:abstractNum w:abstractNumId="0">'
    + _lvl(0, "chineseCounting", "%1、")
    + _lvl(1, "chineseCounting", "（%2）")
    + _lvl(2, "decimal", "%3.")
    + _lvl(3, "decimal", "（%4）")
    + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="1">'
    + _lvl(0, "ideographTraditional", "%1、")
    + _lvl(1, "decimalEnclosedCircle", "%2", extra='<w:lvlRestart w:val="0"/>')
    + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="2">' + _lvl(0, "bullet", "\uf0b7") + "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="8"/></w:lvlOverride></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>'
)


def _numbered(text: str, num: int, ilvl: int = 0) -> str:
    return p(text, f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>')


def test_list_labels_are_computed_from_numbering_xml():
    body = (
        _numbered("总体要求", 1)
        + _numbered("指导思想", 1, 1)
        + _numbered("基本原则", 1, 1)
        + _numbered("坚持人民至上", 1, 2)
        + _numbered("具体说", 1, 3)
        + _numbered("重点任务", 1)
        + _numbered("重新编号", 1, 1)
        + _numbered("甲项", 2)
        + _numbered("第一小项", 2, 1)
        + _numbered("乙项", 2)
        + _numbered("不重新开始", 2, 1)
        + _numbered("从八开始", 3)
        + _numbered("项目符号", 4)
        + p("编号标题样式", '<w:pStyle w:val="ListHead"/>')
    )
    doc = read(make_docx(body, {"rS": ("styles", _STYLES), "rN": ("numbering", _NUMBERING)}))
    assert [b.display_text for b in doc.blocks] == [
        "一、总体要求", "（一）指导思想", "（二）基本原则", "1. 坚持人民至上", "（1）具体说",
        "二、重点任务", "（一）重新编号", "甲、甲项", "①第一小项", "乙、乙项", "②不重新开始",
        "八、从八开始", "项目符号", "三、编号标题样式",
    ]
    assert [b.text for b in doc.blocks][:2] == ["总体要求", "指导思想"]


def test_auto_numbered_and_typed_headings_have_the_same_outline():
    auto = read(make_docx(
        _numbered("总体要求", 1) + _numbered("指导思想", 1, 1) + p("内容。") + _numbered("重点任务", 1),
        {"rN": ("numbering", _NUMBERING)},
    ))
    typed = read(make_docx(p("一、总体要求") + p("（一）指导思想") + p("内容。") + p("二、重点任务")))
    shape = lambda doc: [(h.rank, h.numbering.value, h.title) for h in Outline(doc).items]  # noqa: E731
    assert shape(auto) == shape(typed) == [(5, 1, "一、总体要求"), (6, 1, "（一）指导思想"), (5, 2, "二、重点任务")]


@pytest.mark.parametrize(
    ("fmt", "values", "expected"),
    [
        ("chineseCounting", [1, 10, 11, 20, 21, 105], ["一", "十", "十一", "二十", "二十一", "一百零五"]),
        ("chineseCountingThousand", [1000, 1010], ["一千", "一千零一十"]),
        ("chineseLegalSimplified", [3, 12], ["叁", "壹拾贰"]),
        ("ideographTraditional", [1, 10, 11], ["甲", "癸", "甲"]),
        ("decimalEnclosedCircle", [1, 20, 21], ["①", "⑳", "21"]),
        ("upperLetter", [1, 27], ["A", "AA"]),
        ("lowerRoman", [4, 9], ["iv", "ix"]),
        ("decimalZero", [7], ["07"]),
    ],
)
def test_number_formats(fmt, values, expected):
    from draftlint.readers.list_labels import format_number

    assert [format_number(v, fmt) for v in values] == expected


# -- other names, locations -----------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".docm", ".dotx", ".dotm"])
def test_macro_and_template_packages_read_like_docx(suffix):
    doc = read(make_docx(p("xx市")), "模板" + suffix)
    assert doc.format == "docx" and texts(doc) == ["xx市"]


def test_text_output_shows_location_and_heading_path(tmp_path):
    d = docx.Document()
    d.add_paragraph("二、存在问题")
    d.add_paragraph("（一）工作落实不到位")
    d.add_paragraph("部分单位在x市的任务没有完成。")
    path = tmp_path / "稿.docx"
    d.save(path)
    out = CliRunner().invoke(main, ["check", str(path), "--select", "PH001"]).output
    assert "正文第3段" in out and "二、存在问题 › （一）工作落实不到位" in out
