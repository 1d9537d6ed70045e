"""The mechanisms behind the rules on text damaged without a marker (EN009-EN018), beyond each
rule's own examples: which breaks split a word, when a document counts as hard-wrapped, which
spaces are layout, the digit spellings of a set phrase, and OpenCC's contexts."""

from __future__ import annotations

import subprocess
import sys

import pytest

from draftlint.checkers.converted_numerals import digit_forms
from draftlint.checkers.hard_wrap import split_word
from draftlint.checkers.inner_space import spaces_in_sentences
from draftlint.checkers.script_conversion import unconverted
from draftlint.engine import lint_document
from draftlint.model import Block, Document
from draftlint.ruleset import RuleSet, load_rules

RULES = load_rules()

#: A paragraph of a work report, written for these tests.
REPORT = (
    "今年以来，全镇上下坚持以项目建设为抓手，统筹推进乡村振兴和城镇建设，全年完成固定资产投资三点二亿元，"
    "新建农村公路十八公里，改造危旧房屋一百二十户，群众生产生活条件明显改善。镇党委高度重视基层组织建设，"
    "认真落实三会一课制度，选派年轻干部到村任职，村级班子的凝聚力和战斗力不断增强。"
)


def wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


def lint(lines: list[str], *ids: str):
    doc = Document(path="t.txt", format="txt", encoding="utf-8",
                   blocks=[Block(text=t, index=i, paragraph=i + 1) for i, t in enumerate(lines)])
    return lint_document(doc, RuleSet([RULES.get(i) for i in ids]))


@pytest.mark.parametrize("left,right,word", [
    ("统筹推进乡村振", "兴和城镇建设", "振兴"),         # inside a word
    ("选派年轻干部到", "村任职", None),                 # between words
    ("坚持以项目建设", "为抓手", None),
    ("累计完成2025", "年度计划", "2025年"),             # a number and its unit
    ("认真学习党的二十", "届三中全会", "二十届"),
    ("坚持全镇统一", "年度计划", None),                 # 一 of 统一 is no number
    ("迅速", "行动起来", None),                         # two words of two characters
    ("working on the", "report", None),                 # Latin text wraps between words
])
def test_split_word(left, right, word):
    found = split_word(left, right)
    assert (found[0] if found else None) == word


def test_a_name_in_title_marks_is_one_word():
    assert split_word("党政机关办公", "用房建设标准", title_open=True) == ("党政机关办公用房建设标准", 6)


@pytest.mark.parametrize("width", [24, 28, 33, 38])
def test_wrapped_report_reports_only_breaks_inside_words(width):
    lines = wrap(REPORT, width) + wrap(REPORT.replace("今年以来", "去年以来"), width)
    findings = lint(lines, "EN009")
    assert findings
    for f in findings:
        slots = dict(f.message.slots)
        assert f.match == slots["left"] and lines[f.block.index].endswith(slots["left"])
        assert lines[f.block.index + 1].startswith(slots["right"])
        assert slots["word"] in REPORT.replace("今年以来", "去年以来") + REPORT


def test_finished_paragraphs_are_not_hard_wrapped():
    paragraphs = [s + "。" for s in REPORT.split("。") if s]
    assert not lint(paragraphs, "EN009", "EN010")


def test_fields_one_under_another_are_not_a_wrap():
    fields = ["采购单位名称：县人民政府办公室", "采购单位地址：县城人民路八号", "项目联系人：王明",
              "开标时间：二〇二四年五月十日上午九时", "开标地点：县公共资源交易中心", "公告期限：五个工作日"] * 3
    assert not lint(fields, "EN009", "EN010")


def test_lines_cut_where_a_page_had_links_are_not_a_wrap():
    lines = []
    for part in REPORT.split("，")[:6]:
        lines += [part + "，" + REPORT[:50], "。"]
    assert not lint(lines, "EN009")


def test_the_segmenter_is_not_imported_for_a_document_without_a_wrap():
    code = (
        "import sys\n"
        "from draftlint.api import lint_text\n"
        f"lint_text({REPORT!r} + '\\n一、主要做法\\n' + {REPORT!r})\n"
        "print('rjieba' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_number_alone_before_its_unit_but_not_a_subscript():
    assert lint(["镇政府办公室", "2024", "年工作总结"], "EN011")
    assert not lint(["全年广义货币M", "2", "增长百分之八"], "EN011")


@pytest.mark.parametrize("text,count", [
    ("全镇上下坚持以项目建设为抓手，统筹推进乡村 振兴和城镇建设，群众生活明显改善。", 1),
    ("第三条 镇政府应当加强对本辖区内农业生产的指导，统筹推进乡村振兴和城镇建设。", 0),
    ("参加会议的有：王明 李华 张小红，以及各村党支部书记和镇属各单位负责人。", 0),
    ("全年完成固定资产投资 万元，比上年增长，群众生活明显改善，各项事业全面进步。", 0),
    ("根据《县委办公室 县政府办公室关于加强基层治理的意见》，结合我镇实际制定本方案。", 0),
    ("全镇2024 年完成农业总产值 3.5 亿元，比上年增长 8%，群众生活明显改善。", 0),
    ("说  明", 0),
])
def test_spaces_in_sentences(text, count):
    assert len(spaces_in_sentences(text)) == count


def test_digit_forms_of_a_phrase():
    forms = digit_forms("三会一课")
    assert {"3会1课", "三会1课", "3会一课"} <= set(forms) and "三会一课" not in forms
    assert "十25" in digit_forms("十二五") and "1025" in digit_forms("十二五")


def test_numerals_in_tables_and_quantities_stay():
    assert not lint(["全年新建项目1项，1季度完成投资2.3亿元。"], "EN017")
    assert lint(["进1步加强基层组织建设。"], "EN017")


@pytest.mark.parametrize("text,chars", [
    ("會議在這里舉行，會后各鄉鎮認真傳達。", ["里", "后"]),
    ("同志們艱苦奮斗的精神，大斗爭中的幹部。", ["斗"]),  # 奮斗 as OpenCC's 斗的 would not count
    ("嚴禁干涉群眾生活，新修公路三十公里，通車里程再創新高。", []),  # OpenCC keeps 干涉, 公里, 里程
    ("由於工作需要，關于此事另行通知。", ["于"]),
])
def test_unconverted_characters(text, chars):
    assert [text[i] for i, _, _ in unconverted(text)] == chars


def test_traditional_rule_reads_only_traditional_documents():
    simplified = ["县委召开全县干部大会，会议在这里举行，会后各乡镇认真传达学习。"] * 3
    assert not lint(simplified, "EN018")


def test_a_seam_may_guess_names_the_word_list_lacks():
    assert split_word("担任县委书记的周", "墨林同志") is None
    assert split_word("担任县委书记的周", "墨林同志", guess=True) == ("周墨林", 1)
