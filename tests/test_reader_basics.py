"""The core readers on real bytes: TXT encodings and line ends, DOCX runs, tables and revisions."""

from __future__ import annotations

import codecs
import io

import pytest
from docx import Document as WordDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from draftlint.readers import ReadError, read_document

TEXT = "一、工作情况\n全年培训xx人次。\n二、存在问题"


@pytest.mark.parametrize(
    "data,encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gbk"), "gb18030"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_txt_encodings(data, encoding):
    doc = read_document(data, "a.txt")
    assert doc.encoding == encoding
    assert [b.text for b in doc.blocks] == TEXT.split("\n")


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_txt_line_ends_give_one_block_per_line(newline):
    doc = read_document(TEXT.replace("\n", newline).encode("utf-8"), "a.txt")
    assert [b.line for b in doc.blocks] == [1, 2, 3]
    assert doc.blocks[1].text == "全年培训xx人次。"


def test_txt_damaged_bytes_are_marked_not_dropped():
    data = "全年培训".encode("gbk") + b"\xff\xff" + "人次。".encode("gbk") + "\n第二行文字".encode("gbk")
    doc = read_document(data, "a.txt")
    block = doc.blocks[0]
    marks = [(m.start, m.end, m.kind) for m in block.marks]
    assert marks and all(kind == "undecodable" for *_, kind in marks)
    assert block.text.startswith("全年培训") and block.text.endswith("人次。")


def test_binary_named_txt_is_refused():
    with pytest.raises(ReadError, match="binary"):
        read_document(bytes(range(256)) * 8, "a.txt")


def _docx_bytes(build) -> bytes:
    doc = WordDocument()
    build(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_docx_joins_runs_and_maps_offsets_back():
    def build(doc):
        p = doc.add_paragraph()
        p.add_run("x")
        p.add_run("市")
        p.add_run("x局工作汇报").italic = True

    doc = read_document(_docx_bytes(build), "a.docx")
    block = doc.blocks[0]
    assert block.text == "x市x局工作汇报"
    assert [(s.start, s.end, s.ref) for s in block.segments] == [(0, 1, 0), (1, 2, 1), (2, 8, 2)]


def test_docx_tables_nested_tables_and_revisions():
    def build(doc):
        doc.add_paragraph("正文开头")
        table = doc.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "指标"
        table.cell(1, 1).text = "X人"
        inner = table.cell(1, 0).add_table(rows=1, cols=1)
        inner.cell(0, 0).text = "嵌套单元格"
        p = doc.add_paragraph("保留")
        p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t>插入的</w:t></w:r></w:ins>'))
        p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText>删除的</w:delText></w:r></w:del>'))

    doc = read_document(_docx_bytes(build), "a.docx")
    texts = [b.text for b in doc.blocks if b.text]
    assert "嵌套单元格" in texts
    assert "保留插入的" in texts
    assert not any("删除的" in t for t in texts)
    cell = next(b for b in doc.blocks if b.text == "X人")
    assert (cell.part, cell.table, cell.row, cell.column) == ("table", 1, 2, 2)


def test_docx_heading_styles_give_outline_levels():
    def build(doc):
        doc.add_heading("一、工作情况", level=1)
        doc.add_heading("（一）统战工作", level=2)
        doc.add_paragraph("正文。")

    doc = read_document(_docx_bytes(build), "a.docx")
    levels = [(b.text, b.outline_level) for b in doc.blocks if b.text]
    assert levels == [("一、工作情况", 1), ("（一）统战工作", 2), ("正文。", None)]


def test_docx_content_control_showing_prompt_is_marked():
    def build(doc):
        p = doc.add_paragraph("单位：")
        p._p.append(parse_xml(
            f'<w:sdt {nsdecls("w")}><w:sdtPr><w:showingPlcHdr/></w:sdtPr>'
            "<w:sdtContent><w:r><w:t>请选择单位</w:t></w:r></w:sdtContent></w:sdt>"
        ))

    block = read_document(_docx_bytes(build), "a.docx").blocks[0]
    assert block.text == "单位：请选择单位"
    assert [(m.start, m.end, m.kind) for m in block.marks] == [(3, 8, "placeholder-prompt")]


@pytest.mark.parametrize(
    "data,reason",
    [
        (b"", "empty"),
        (b"this is not a zip", "not a Word document"),
        (b"PK\x03\x04garbage", "damaged"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "Word 97-2003"),
    ],
)
def test_docx_bad_input_gives_a_reason(data, reason):
    with pytest.raises(ReadError, match=reason):
        read_document(data, "bad.docx")
