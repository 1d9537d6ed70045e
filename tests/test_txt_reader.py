"""TXT encodings: UTF-8 with/without BOM, UTF-16 with BOM, GB18030/GBK, and damaged bytes."""

from __future__ import annotations

import codecs
import json

import pytest
from click.testing import CliRunner

from draftlint.cli import main
from draftlint.engine import read_and_lint
from draftlint.model import Mark
from draftlint.readers import read_document

TEXT = "关于x市2024年工作的总结\n全年完成投资12.5亿元。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.replace("总结", "总结䶮").encode("gb18030"), "gb18030"),
    ],
)
def test_encodings_are_detected(data, encoding):
    doc = read_document(data, "稿.txt")
    assert doc.encoding == encoding
    assert doc.blocks[0].text.startswith("关于x市2024年工作的总结") and doc.blocks[1].text == "全年完成投资12.5亿元。"
    assert all(not b.marks for b in doc.blocks)


def test_damaged_gbk_bytes_are_marked_where_they_stood():
    good = "全年完成投资十二亿元，同比增长百分之八。".encode("gbk") * 20
    damaged = "第一段正常。\n".encode("gbk") + good + b"\xff" + "后面的文字。".encode("gbk") + b"\n"
    doc = read_document(damaged, "坏.txt")
    assert doc.encoding == "gb18030"
    block = doc.blocks[1]
    (mark,) = block.marks
    assert mark.kind == "undecodable"
    assert block.text[mark.start : mark.end] == "\ufffd"
    assert block.text[mark.end :] == "后面的文字。"


def test_damaged_utf8_bytes_are_marked_and_reported(rules):
    body = "各单位要认真贯彻落实会议精神。".encode("utf-8") * 30
    data = body + "数据截至".encode("utf-8") + "年底".encode("utf-8")[:4] + "，完成".encode("utf-8") + b"\n"
    doc = read_document(data, "坏.txt")
    assert doc.encoding == "utf-8"
    (mark,) = doc.blocks[0].marks
    assert mark == Mark(mark.start, mark.end, "undecodable") and doc.blocks[0].text[mark.start:mark.end] == "\ufffd" * (mark.end - mark.start)
    assert doc.blocks[0].text.endswith("数据截至" + "年" + "\ufffd" * (mark.end - mark.start) + "，完成")
    encoding_findings = [f for f in read_and_lint(data, "坏.txt", rules).findings if f.category == "encoding"]
    assert [(f.start, f.end) for f in encoding_findings] == [(mark.start, mark.end)]


def test_a_spelled_out_replacement_character_is_not_called_undecodable():
    doc = read_document("原文里就有\ufffd这个字符\n".encode("utf-8"), "稿.txt")
    assert doc.blocks[0].marks == ()


def test_encoding_is_in_the_json_files_entry(tmp_path):
    for name, data in (("甲.txt", TEXT.encode("gbk")), ("乙.txt", codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"))):
        (tmp_path / name).write_bytes(data)
    out = json.loads(CliRunner().invoke(main, ["check", str(tmp_path), "--format", "json"]).output)
    assert {f["path"].rsplit("/", 1)[1]: f["encoding"] for f in out["files"]} == {"乙.txt": "utf-16-le", "甲.txt": "gb18030"}


def test_random_bytes_are_refused_as_binary():
    import random

    from draftlint.readers import ReadError

    with pytest.raises(ReadError, match="binary content"):
        read_document(random.Random(0).randbytes(20000), "乱码.txt")
