"""Regenerate the README's pictures from today's output, so they never show rules or a layout
that no longer exist:

* ``docs/html-report.png``: the HTML report of ``samples/`` in headless Chromium;
* ``docs/annotated-page.png``: the first page of ``samples/汇报材料-草稿.docx`` annotated, as
  LibreOffice exports it to PDF, rendered by poppler's pdftoppm: with the comments' text in the
  margin where LibreOffice has the ExportNotesInMargin option (7.5 and later), with a note icon
  on each commented text where it has not (Debian 12's 7.4).

    python docs/make_screenshots.py

Needs what the tests that drive real programs need (chromium, chromedriver, selenium from
``.[test]``, LibreOffice, poppler-utils); see the README.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
DRAFTLINT = [sys.executable, "-m", "draftlint"]


def html_report(work: Path) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    report = work / "report.html"
    subprocess.run([*DRAFTLINT, "check", "--no-cache", "--format", "html", "-o", str(report), "samples"],
                   check=False, capture_output=True, cwd=ROOT)  # paths as a user in the checkout sees them
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or ""
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--window-size=1200,1400",
                 f"--user-data-dir={work / 'chromium'}", "--hide-scrollbars"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        driver.get(report.as_uri())
        driver.save_screenshot(str(DOCS / "html-report.png"))
    finally:
        driver.quit()


def annotated_page(work: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    draft = ROOT / "samples" / "汇报材料-草稿.docx"
    subprocess.run([*DRAFTLINT, "annotate", "-o", str(work), str(draft)], check=True, capture_output=True)
    annotated = work / "汇报材料-草稿.draftlint.docx"
    export = 'pdf:writer_pdf_Export:' + json.dumps({"ExportNotesInMargin": {"type": "boolean", "value": "true"}})
    subprocess.run([soffice, f"-env:UserInstallation={(work / 'lo').as_uri()}", "--headless", "--convert-to", export,
                    "--outdir", str(work), str(annotated)], check=True, capture_output=True, timeout=300)
    pdf = work / "汇报材料-草稿.draftlint.pdf"
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(work / "page")],
                   check=True, capture_output=True)
    shutil.copy(work / "page.png", DOCS / "annotated-page.png")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="draftlint-shots-") as tmp:
        work = Path(tmp)
        html_report(work)
        annotated_page(work)
    for name in ("html-report.png", "annotated-page.png"):
        print(f"{DOCS / name}: {(DOCS / name).stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
