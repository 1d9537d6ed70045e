"""The HTML report: self-contained, and checked in a real headless Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
from click.testing import CliRunner
from conftest import chromium_driver

from draftlint.cli import main

RULES_DIR = str(Path(__file__).parent / "data" / "fix-rules")


def _inputs(tmp_path: Path) -> list[str]:
    d = docx.Document()
    d.add_heading("一、总体情况", level=1)
    d.add_paragraph("我们在x市x局领导下，于20xx年召开会议,完成任务××项。")
    d.add_heading("二、下步打算", level=1)
    d.add_heading("三、其他", level=1)
    d.save(tmp_path / "草稿.docx")
    (tmp_path / "b.txt").write_text("截止2023年底,共完成<b>任务</b>。。。\n", encoding="utf-8")
    (tmp_path / "坏.docx").write_bytes(b"PK\x03\x04 broken")
    return [str(tmp_path / "草稿.docx"), str(tmp_path / "b.txt"), str(tmp_path / "坏.docx")]


def _report(tmp_path: Path) -> tuple[Path, dict]:
    paths = _inputs(tmp_path)
    out = tmp_path / "report.html"
    r = CliRunner().invoke(main, ["check", *paths, "--rules", RULES_DIR, "--format", "html", "-o", str(out)])
    assert r.exit_code == 2  # one file could not be read
    j = CliRunner().invoke(main, ["check", *paths, "--rules", RULES_DIR, "--format", "json"])
    return out, json.loads(j.output)


def test_report_is_self_contained_and_escaped(tmp_path):
    out, data = _report(tmp_path)
    html = out.read_text(encoding="utf-8")
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", html)  # nothing fetched
    assert "<b>任务</b>" not in html and "&lt;b&gt;任务&lt;/b&gt;" in html
    assert f'id="count-findings">{data["summary"]["findings"]}<' in html
    from draftlint.reasons import localize

    assert "坏.docx" in html and localize(data["errors"][0]["message"], "zh") in html
    assert localize(data["errors"][0]["message"], "zh") != data["errors"][0]["message"]  # said in Chinese


def test_report_in_headless_chromium(tmp_path):
    out, data = _report(tmp_path)
    driver = chromium_driver(tmp_path, "1200,1600")
    try:
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import Select

        driver.get(out.as_uri())
        assert [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")] == []
        summary = data["summary"]
        text = lambda css: driver.find_element(By.CSS_SELECTOR, css).text  # noqa: E731
        assert int(text("#count-findings")) == summary["findings"] == len(data["findings"])
        assert int(text("#count-files")) == summary["files"]
        assert int(text("#count-errors")) == summary["errors"] == 1
        assert int(text("#shown-count")) == summary["findings"]
        for sev, n in summary["by_severity"].items():
            assert int(text(f'#chart-severity [data-key="{sev}"] .n')) == n
        for cat, n in summary["by_category"].items():
            assert int(text(f'#chart-category [data-key="{cat}"] .n')) == n
        visible = lambda: [li for li in driver.find_elements(By.CSS_SELECTOR, "li.finding") if li.is_displayed()]  # noqa: E731
        assert len(visible()) == summary["findings"]
        marks = driver.find_elements(By.CSS_SELECTOR, "mark")
        assert {m.text for m in marks} >= {f["match"] for f in data["findings"]}
        for kind, key in (("category", "by_category"), ("rule", "by_rule")):
            for value, n in summary[key].items():
                Select(driver.find_element(By.ID, f"f-{kind}")).select_by_value(value)
                assert int(text("#shown-count")) == n == len(visible())
                assert all(li.get_attribute(f"data-{kind}") == value for li in visible())
            Select(driver.find_element(By.ID, f"f-{kind}")).select_by_value("")
        # the index: one row per file (the unreadable one too), each with findings linked to its section
        rows = driver.find_elements(By.CSS_SELECTOR, "#file-index tr")[1:]
        assert len(rows) == len(data["files"]) + len(data["errors"])
        assert any("坏.docx" in r.text for r in rows)
        by_file = {}
        for f in data["findings"]:
            by_file[f["path"]] = by_file.get(f["path"], 0) + 1
        for link in driver.find_elements(By.CSS_SELECTOR, "#file-index a"):
            section = driver.find_element(By.ID, link.get_attribute("href").rsplit("#", 1)[1])
            path = section.get_attribute("data-path")
            assert link.text == path and len(section.find_elements(By.CSS_SELECTOR, "li.finding")) == by_file[path]
        # the file filter
        for option in Select(driver.find_element(By.ID, "f-file")).options[1:]:
            option.click()
            assert int(text("#shown-count")) == by_file[option.text] == len(visible())
        Select(driver.find_element(By.ID, "f-file")).select_by_value("")
        assert "draftlint" in text("#meta") and re.search(r"\d{4}-\d{2}-\d{2}", text("#meta"))
        Select(driver.find_element(By.ID, "f-severity")).select_by_value("error")
        assert int(text("#shown-count")) == summary["by_severity"]["error"] == len(visible())
        Select(driver.find_element(By.ID, "f-severity")).select_by_value("")
        assert driver.save_screenshot(str(tmp_path / "report.png"))
        assert (tmp_path / "report.png").stat().st_size > 10_000
        driver.set_window_size(390, 844)  # a phone: one column, nothing wider than the screen
        assert driver.execute_script("return document.documentElement.scrollWidth") <= 390
        assert driver.get_log("browser") == []
    finally:
        driver.quit()


def test_every_category_has_a_chinese_label():
    """A category added to the model must be named in Chinese in the reports and the rule list,
    not shown raw; the web page's script keeps the same names."""
    from draftlint.model import CATEGORIES, CATEGORY_WORDS_ZH

    assert set(CATEGORY_WORDS_ZH) == set(CATEGORIES)
    page = (Path(__file__).parents[1] / "src/draftlint/web/static/page.js").read_text(encoding="utf-8")
    for category, word in CATEGORY_WORDS_ZH.items():
        assert f"{category}: '{word}'" in page
