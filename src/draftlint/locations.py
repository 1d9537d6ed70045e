"""Readable places for blocks: ``正文第12段``, ``表格1 第2行第1列``, ``第1节页眉``."""

from __future__ import annotations

from .model import Block

_ZH_PART = {
    "header": "页眉",
    "footer": "页脚",
    "footnote": "脚注",
    "endnote": "尾注",
    "comment": "批注",
}
_EN_PART = {
    "header": "header",
    "footer": "footer",
    "footnote": "footnote",
    "endnote": "endnote",
    "comment": "comment",
}


def describe(block: Block, doc_format: str, lang: str = "zh") -> str:
    """Say where ``block`` is, in the words a person uses to find it in the document."""
    en = lang == "en"
    if doc_format in ("txt", "markdown"):  # a text file: its line, and for a Markdown table cell which one
        where = f"line {block.line}" if en else f"第{block.line}行"
        if block.part == "table":
            where += (f" (table {block.table} row {block.row} column {block.column})" if en
                      else f"（表格{block.table} 第{block.row}行第{block.column}列）")
        return where
    para = block.paragraph or block.line
    if block.part == "body":
        return f"body paragraph {para}" if en else f"正文第{para}段"
    if block.part == "table":
        cell = (
            f"table {block.table} row {block.row} column {block.column}"
            if en
            else f"表格{block.table} 第{block.row}行第{block.column}列"
        )
        return cell
    if block.part in ("header", "footer"):
        sec = block.section or 1
        if en:
            return f"section {sec} {_EN_PART[block.part]} (paragraph {para})"
        return f"第{sec}节{_ZH_PART[block.part]}(第{para}段)"
    if block.part in ("footnote", "endnote", "comment"):
        n = block.note or 1
        return f"{_EN_PART[block.part]} {n}" if en else f"{_ZH_PART[block.part]}{n}"
    if block.part == "textbox":
        return f"text box (paragraph {para})" if en else f"文本框(第{para}段)"
    return f"{block.part} {para}"


MAX_TITLE_CHARS = 24


def heading_trail(path: tuple[str, ...] | list[str]) -> str:
    """The headings a finding sits under, outermost first: ``二、存在问题 › （一）…``."""
    short = [t if len(t) <= MAX_TITLE_CHARS else t[: MAX_TITLE_CHARS - 1] + "…" for t in path]
    return " › ".join(short)


def describe_finding(block: Block, heading_path: tuple[str, ...], doc_format: str, lang: str = "zh") -> str:
    """Where a finding is, followed by the headings it sits under when there are any."""
    where = describe(block, doc_format, lang)
    return f"{where} · {heading_trail(heading_path)}" if heading_path else where


def display_path(path: str) -> str:
    """``path`` as any report can hold it. A file name whose bytes are not UTF-8 (a ZIP made on
    Windows with GBK names, unpacked on Linux) comes from the file system with those bytes as
    lone surrogates, which no UTF-8 output can carry (JSON, XML and SARIF came out broken, or
    not at all); they are written as ``\\xNN``, the bytes still readable."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return path
