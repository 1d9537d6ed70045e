"""The normalised view rules match on, and findings mapped back to the original characters."""

from __future__ import annotations

import draftlint
from draftlint.normalise import normalise


def test_the_view_folds_script_width_and_inner_spaces():
    view = normalise("ＸＸ 縣２０ｘｘ年下載")
    assert view.text == "XX县20xx年下载"


def test_spaces_go_inside_chinese_text_and_stay_around_latin_words():
    assert normalise("第一章  总则").text == "第一章总则"
    assert normalise("完成投资 3.2 亿元").text == "完成投资3.2亿元"  # Word's spaces around digits
    for text in ("来信请寄 xx@example.com", "安装 Linux 系统", "使用 Excel 表格"):
        assert normalise(text).text == text


def test_every_character_of_the_view_maps_back_to_the_one_it_came_from():
    original = "总值　亿元，第 XX 次会议在 X 局召开"
    view = normalise(original)
    assert view.text == "总值亿元，第XX次会议在X局召开"
    for i, char in enumerate(view.text):
        start, end = view.span(i, i + 1)
        assert original[start:end] == char
    start, end = view.span(view.text.index("XX次"), view.text.index("XX次") + 3)
    assert original[start:end] == "XX 次"


def test_findings_quote_the_original_text_of_a_spaced_or_traditional_draft():
    findings = draftlint.lint_text("今年在 XX 市召開會議，全年投入 萬元。", select=["PH001", "FG002"])
    quoted = {(f.rule, f.match) for f in findings}
    assert ("PH001", "XX") in quoted
    assert ("FG002", "萬元") in quoted
    for f in findings:
        assert f.block.text[f.start : f.end] == f.match


def test_a_fix_is_kept_only_where_the_view_and_the_original_agree():
    # the misspelling's fix is certain on the text as written; where the view folded the match
    # (traditional script), the replacement would change the script of the match, so it is dropped
    simplified = draftlint.lint_text("希望大家再接再励，再创佳绩。", select=["WD006"])
    traditional = draftlint.lint_text("希望大家再接再勵，再創佳績。", select=["WD006"])
    assert simplified[0].fix is not None and simplified[0].fix.replacement == "再接再厉"
    assert traditional[0].match == "再接再勵"
    assert traditional[0].fix is None
