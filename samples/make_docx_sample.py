"""Write samples/汇报材料-草稿.docx: a realistic draft with the defects draftlint reports in DOCX.

python-docx writes the document as Word would; the pieces it has no API for (a tracked insertion
and deletion, a content control still showing its prompt) are added as raw WordprocessingML.
Run: python samples/make_docx_sample.py
"""

from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

OUT = Path(__file__).with_name("汇报材料-草稿.docx")


def main() -> None:
    doc = Document()
    title = doc.add_paragraph()
    title.add_run("x")  # the placeholder is split over two runs, as Word often does
    title.add_run("x区2024年上半年工作汇报").bold = True

    doc.add_paragraph("今年以来，在区委、区政府的正确领导下，我局围绕中心、服务大局，各项工作稳步推进。现将有关情况汇报如下：")
    doc.add_heading("一、主要工作成效", level=1)
    doc.add_heading("（一）强化组织领导", level=2)
    doc.add_paragraph("成立由主要负责同志任组长的工作领导小组，先后召开专题会议6次，研究解决重点难点问题。")
    doc.add_heading("（二）狠抓项目建设", level=2)
    doc.add_heading("（三）优化营商环境", level=2)
    doc.add_paragraph("深化“放管服”改革，政务服务事项网上可办率达到98%，企业开办时间压缩至1个工作日。")

    table = doc.add_table(rows=3, cols=2)
    for row, (name, value) in enumerate([("指标", "完成情况"), ("新增城镇就业", "X人"), ("固定资产投资", "投入万元")]):
        table.cell(row, 0).text = name
        table.cell(row, 1).text = value

    doc.add_heading("三、存在的问题", level=1)
    revised = doc.add_paragraph("项目推进中仍存在要素保障不足的问题，")
    revised._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="1" w:author="审核人" w:date="2024-07-01T09:00:00Z">'
        "<w:r><w:t>由某某同志牵头协调解决。</w:t></w:r></w:ins>"
    ))
    revised._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="2" w:author="审核人" w:date="2024-07-01T09:00:00Z">'
        "<w:r><w:delText>请xx科室补充。</w:delText></w:r></w:del>"
    ))

    unit = doc.add_paragraph("报送单位：")
    unit._p.append(parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:showingPlcHdr/><w:text/></w:sdtPr>'
        "<w:sdtContent><w:r><w:t>单击或点击此处输入文字。</w:t></w:r></w:sdtContent></w:sdt>"
    ))
    doc.save(OUT)


if __name__ == "__main__":
    main()
