"""The word lists of the wording pack (rules/data/*.yaml): every entry well-formed, every context
pattern firing on its own example and silent once the right word is in, the formulas checker's
near misses, and the lists silent on correct official sentences written to hold their traps."""

from __future__ import annotations

import pytest
import regex
import yaml

from draftlint.checkers.formulas import _near_misses, load_formulas
from draftlint.engine import lint_document
from draftlint.model import Block, Document
from draftlint.ruleset import default_rules_dir, load_rules

DATA = default_rules_dir() / "data"
PAIR_LISTS = ["misspellings.yaml", "variants.yaml", "homophones.yaml", "spun-pairs.yaml"]
WORDING = load_rules().select(["WD006", "WD007", "WD008", "WD009", "WD010", "WD011"])


def _entries(name):
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))["pairs"]


def _all_entries():
    for name in PAIR_LISTS:
        for n, entry in enumerate(_entries(name), 1):
            yield pytest.param(name, entry, id=f"{name}-{n}-{entry['wrong']}")


@pytest.mark.parametrize("name,entry", list(_all_entries()))
def test_pair_is_well_formed(name, entry):
    assert set(entry) <= {"wrong", "right", "pattern", "eg", "seen"}, entry
    wrong, right = entry["wrong"], entry["right"]
    assert isinstance(wrong, str) and isinstance(right, str) and wrong and right and wrong != right
    pattern = regex.compile(entry.get("pattern") or regex.escape(wrong))
    assert " " not in pattern.pattern, "the view has no spaces inside Chinese text"
    example = entry.get("eg")
    if "pattern" in entry and name != "spun-pairs.yaml":
        assert example, "a context pattern needs an example sentence (eg)"
    if example is None:
        return
    m = pattern.search(example)
    assert m, f"{pattern.pattern!r} does not match its example {example!r}"
    assert wrong in m.group(), f"the match {m.group()!r} should hold the wrong word"
    fixed = example[: m.start()] + right + example[m.end() :]
    assert not pattern.search(fixed), f"still flagged once corrected: {fixed!r}"


@pytest.mark.parametrize("name", PAIR_LISTS)
def test_no_duplicate_pairs(name):
    seen = [(e["wrong"], e["right"], e.get("pattern")) for e in _entries(name)]
    assert len(seen) == len(set(seen))
    if name == "misspellings.yaml":  # the same wrong word twice would be reported twice
        wrongs = [e["wrong"] for e in _entries(name)]
        assert len(wrongs) == len(set(wrongs))


def test_misspellings_list_is_large():
    assert len(_entries("misspellings.yaml")) >= 300


def _formulas():
    return load_formulas(str(DATA / "formulas.yaml"), 7)


@pytest.mark.parametrize("text,formula", [
    ("学习习近平新世代中国特色社会主义思想", "习近平新时代中国特色社会主义思想"),  # one character changed
    ("推进国家治理体系和治理能现代化", "国家治理体系和治理能力现代化"),  # one dropped
    ("占开发区规模企业以上工业总产值的18%", "规模以上企业"),  # two words swapped
    ("中华人民共合国宪法", "中华人民共和国"),
])
def test_formula_near_miss(text, formula):
    hits = [f.text for f in _formulas() if _near_misses(text, f)]
    assert formula in hits, hits


@pytest.mark.parametrize("text", [
    "学习习近平新时代中国特色社会主义思想",
    "开创新时期中国特色社会主义事业新局面",  # excepted
    "形成中国特色社会主义法律体系",  # excepted
    "中国特色社会主要矛盾",  # the last character is left alone
    "年销售500万元以上规模企业",  # excepted swap
    "城乡居民人均可支配收入增长5%",
])
def test_formula_right_text(text):
    assert not [f.text for f in _formulas() if _near_misses(text, f)]


def test_formula_reports_the_longest():
    doc = Document(path="<t>", format="txt", blocks=[Block(text="深入学习习近平新世代中国特色社会主义思想", index=0, paragraph=1)])
    found = [f for f in lint_document(doc, WORDING) if f.rule == "WD011"]
    assert [(f.match, f.fix.replacement) for f in found] == [("习近平新世代中国特色社会主义思想", "习近平新时代中国特色社会主义思想")]


# Correct sentences that hold the traps of the lists: two right words side by side that spell a
# listed wrong word, the right uses of words the homophone and spinner lists take in context.
CORRECT = [
    "各部门各自已经完成年度任务，大家激动得不能自已。",
    "面对严峻工作形势，全市经济保持稳定增长态势。",
    "展厅中有一幅圆形地图，报社公布署名文章。",
    "加强预防犯罪工作，乡镇重点项目推广范围进一步扩大。",
    "用人单位应当承担误工费用，及时堵塞漏洞查处违纪问题，自觉查摆不足。",
    "深入研究竞争政策，收到各地报送的表彰推荐名单和处罚决定书。",
    "群众反应强烈的问题已纳入整改，药物不良反应情况及时上报。",
    "坚持创新，是企业成为行业龙头的关键；这是全体党员得到锻炼的过程。",
    "由分管副市长任组长，国家领导人出席会议。",
    "促进社会平安祥和，推动城乡居民人均可支配收入持续增长。",
    "形成中国特色社会主义法律体系，开创新时期中国特色社会主义事业新局面。",
    "年销售500万元以上规模企业纳入统计，制造业绩效考核稳步推进。",
    "工程进展情况良好，改革取得新进展，产品达到国内先进水平，进入国内百强企业。",
    "标新立异不可取，感谢各方鼎力支持，在工作中确实加强了沟通。",
    "要仔细学习文件，深刻认识形势，会上不时有人发言，提供有用的信息。",
    "以宽广的胸怀做好资产管理，推进数据治理和公司治理，他工作阅历丰富、学问渊博。",
    "减少中间环节，考虑问题周全，帮助企业渡过难关，度过一个欢乐祥和的春节。",
    "享有公民权利，履行法定义务，行使国家权力，建立长效机制，增强学生体质。",
    "把这项工作做得更好，以党建为引领，已将项目建设作为重点，希望大家再创佳绩。",
    "按照省委统一部署，省市县三级联动，繁盛市场经营秩序良好。",
    "交通迅速发展，通讯保障有力，流传迅速，人员迁徙频繁。",
    "把做用户满意的企业作为目标，慰问侯某某老人，一座落成不久的大桥。",
]


@pytest.mark.parametrize("sentence", CORRECT)
def test_lists_silent_on_correct_sentences(sentence):
    doc = Document(path="<t>", format="txt", blocks=[Block(text=sentence, index=0, paragraph=1)])
    assert [(f.rule, f.match) for f in lint_document(doc, WORDING)] == []
