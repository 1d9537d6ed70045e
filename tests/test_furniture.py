"""The furniture checker (BP007-BP025): a page's residue found by vocabulary, shape and position
together, each line given one family, findings quoting the original text."""

from __future__ import annotations

from draftlint.engine import lint_document
from draftlint.model import Block, Document
from draftlint.ruleset import RuleSet, load_rules

FURNITURE = RuleSet([r for r in load_rules() if r.kind == "furniture"])


def _findings(text: str):
    blocks = [Block(text=line, index=i, paragraph=i + 1) for i, line in enumerate(text.split("\n"))]
    return lint_document(Document(path="<page>", format="txt", blocks=blocks, encoding="utf-8"), FURNITURE)


def _by_line(text: str) -> dict[int, list[tuple[str, str]]]:
    found: dict[int, list[tuple[str, str]]] = {}
    for f in _findings(text):
        found.setdefault(f.block.index + 1, []).append((f.rule, f.match))
    return found


PAGE = """欢迎访问青山文稿网
当前位置：首页 > 工作总结 > 半年总结
青山镇2024年上半年工作总结
发布时间：2024-07-02 10:15:40  来源：网络  浏览次数：86
分享到：
今年以来，青山镇在县委、县政府的坚强领导下，紧扣年初目标，各项工作稳步推进。
一、主要工作
全镇完成固定资产投资3.2亿元，同比增长8.5%；新引进项目6个。
二、下一步打算
继续抓好项目建设，确保完成全年目标任务。
上一篇：青山镇2023年工作总结
Copyright © 2024 青山文稿网 版权所有"""


def test_a_page_gets_one_family_per_line_and_its_text_none():
    found = _by_line(PAGE)
    assert {line: [rule for rule, _ in hits] for line, hits in found.items()} == {
        1: ["BP008"],  # welcome banner
        2: ["BP007"],  # breadcrumb
        4: ["BP011"],  # publication line
        5: ["BP013"],  # share button
        11: ["BP013"],  # previous article
        12: ["BP009"],  # copyright footer
    }
    assert found[4] == [("BP011", "发布时间：2024-07-02 10:15:40  来源：网络  浏览次数：86")]


def test_words_a_document_also_uses_count_only_at_the_page_edges():
    body = "今年以来，全镇各项工作稳步推进，成效明显。"
    # 来源： and 评论 above the text are the page's; between two paragraphs they are the text's
    assert _by_line(f"来源：网络\n评论\n{body}") == {1: [("BP011", "来源：网络")], 2: [("BP013", "评论")]}
    assert _by_line(f"{body}\n来源：网络\n评论\n{body}") == {}
    # a meeting notice's time, with or without a clock, is never a page stamp
    assert _by_line(f"{body}\n时间：2024年5月11日 9:00\n地点：镇政府三楼会议室") == {}


def test_a_portal_block_with_keys_and_values_on_their_own_lines():
    text = "\n".join(
        [
            "  • 索引号:",
            "    11330000123/2024-00017",
            "  • 文件名称:",
            "    青山镇关于做好防汛工作的通知",
            "  • 发布机构:",
            "    青山镇人民政府",
            "",
            "  • 青山镇关于做好防汛工作的通知",
            "各村（社区）：为切实做好今年防汛工作，现将有关事项通知如下。",
        ]
    )
    found = _by_line(text)
    assert sorted(found) == [1, 2, 3, 4, 5, 6]  # the title below the block is the document's
    assert {rule for hits in found.values() for rule, _ in hits} == {"BP012"}


def test_a_lone_key_does_not_take_the_title_below_it():
    text = "发布日期:\n青山镇召开防汛工作会议\n7月2日上午，青山镇召开防汛工作会议，部署当前防汛重点工作。"
    assert _by_line(text) == {1: [("BP011", "发布日期:")]}


def test_metadata_table_rows_but_not_a_table_of_figures():
    text = "\n".join(
        [
            "索引号 | 11330000123/2024-00017 | 公开方式 | 主动公开 |",
            "---|---|---|---|",
            "文号 | 青政发〔2024〕3号 | 有效性 | 有效 |",
            "今年以来，全镇各项工作稳步推进，成效明显。",
            "| 项目 | 个数 | 投资额 |",
            "---|---|---|",
            "| 新建 | 6 | 3.2 |",
        ]
    )
    assert sorted(_by_line(text)) == [1, 2, 3]


def test_lines_above_a_breadcrumb_are_the_sites_header_and_its_column_title_too():
    text = "\n".join(
        [
            "青山县人民政府",
            "做人民满意的服务型政府",
            "您的位置：首页 > 政务公开 > 工作动态 >",
            "工作动态",
            "县政府召开常务会议",
            "7月2日，县政府召开常务会议，研究部署防汛工作。",
        ]
    )
    found = _by_line(text)
    assert found == {
        1: [("BP010", "青山县人民政府")],
        2: [("BP010", "做人民满意的服务型政府")],
        3: [("BP007", "您的位置：首页 > 政务公开 > 工作动态 >")],
        4: [("BP010", "工作动态")],
    }


def test_findings_quote_the_original_through_traditional_script_and_glued_pinyin():
    text = "導(dǎo)語:強化監(jiān)管一文來源于網(wǎng)友上傳\n時間:2023-03-20 09:14:00\n今年以來，全縣各項工作穩步推進，成效明顯。"
    found = _by_line(text)
    assert found[1] == [("BP011", "導(dǎo)語:強化監(jiān)管一文來源于網(wǎng)友上傳")]
    assert found[2] == [("BP011", "時間:2023-03-20 09:14:00")]


def test_anti_scrape_noise_is_cut_out_of_the_sentence_it_is_glued_to():
    text = "w; P5 {k 8& ]c 要把学习成果转化为推动工作的实际行动。 %h T) q0 ~u"
    assert [f.match for f in _findings(text)] == ["w; P5 {k 8& ]c", "%h T) q0 ~u"]


def test_one_finding_per_phrase_and_a_name_ends_at_its_space():
    text = "去文稿库，查看完整内容> 内容来自用户：公文素材库 乡镇工作总结 今年以来，全镇各项工作稳步推进。"
    assert [(f.rule, f.match) for f in _findings(text)] == [
        ("BP015", "查看完整内容"),
        ("BP018", "内容来自用户：公文素材库"),
    ]
    text = "到百度文库，查看完整内容> 今年以来，全镇各项工作稳步推进。"
    assert [(f.rule, f.match) for f in _findings(text)] == [("BP015", "到百度文库，查看完整内容")]


def test_a_compilation_page_title_markers_and_glued_marker():
    text = "\n".join(
        [
            "村级年度工作总结范文4篇",
            "村级年度工作总结篇一2024年，我村在镇党委的坚强领导下，各项工作稳步推进。",
            "村级年度工作总结 2",
            "今年以来，我村紧扣目标任务，扎实推进各项工作。",
        ]
    )
    assert _by_line(text) == {
        1: [("BP019", "村级年度工作总结范文4篇")],
        2: [("BP020", "篇一")],
        3: [("BP020", "村级年度工作总结 2")],
    }
