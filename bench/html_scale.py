"""The HTML report of a large run, in headless Chromium: is it still usable at 500 files?

Writes N drafts (default 500) made from the samples' text with placeholders, renders
``check --format html``, opens it in Chromium and prints the page's size, how long the browser
took to load it and run its filter script (the page's own Navigation Timing, median of 3 loads),
how long choosing a file in the file filter takes, and whether the index has a row and a working
link for every file.

    python bench/html_scale.py [--files 500]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DRAFTLINT, ROOT, machine  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=500)
    args = ap.parse_args()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    text = (ROOT / "samples" / "2024年度工作总结-草稿.txt").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="draftlint-html-") as tmp:
        work = Path(tmp)
        drafts = work / "drafts"
        drafts.mkdir()
        for n in range(args.files):
            (drafts / f"{n:03d}-工作总结.txt").write_text(text.replace("2024", str(2000 + n % 25)), encoding="utf-8")
        report = work / "report.html"
        start = time.perf_counter()
        subprocess.run([*DRAFTLINT, "check", "--no-cache", "--format", "html", "-o", str(report), str(drafts)], capture_output=True)
        render = time.perf_counter() - start
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or ""
        for flag in ("--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={work / 'chromium'}", "--window-size=1366,768"):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
        try:
            loads = []
            for _ in range(3):
                driver.get(report.as_uri())
                timing = driver.execute_script(
                    "var t = performance.getEntriesByType('navigation')[0]; return [t.domContentLoadedEventEnd, t.loadEventEnd];")
                loads.append(max(timing) / 1000)
            rows = driver.find_elements(By.CSS_SELECTOR, "#file-index tr")[1:]
            links = driver.find_elements(By.CSS_SELECTOR, "#file-index a")
            targets_ok = all(driver.find_elements(By.ID, a.get_attribute("href").rsplit("#", 1)[1]) for a in links[:50])
            # the filter's own time, in the page: choose a file, let the browser lay the page out
            filter_s = driver.execute_script(
                "var s = document.getElementById('f-file'); var t = performance.now();"
                "s.selectedIndex = arguments[0]; s.dispatchEvent(new Event('change'));"
                "document.body.offsetHeight; return (performance.now() - t) / 1000;", args.files // 2)
            shown = int(driver.find_element(By.ID, "shown-count").text)
            findings = len(driver.find_elements(By.CSS_SELECTOR, "li.finding"))
        finally:
            driver.quit()
        size = report.stat().st_size
    print(f"html_scale: {args.files} files; {machine()}")
    print(f"report: {size / 2**20:.1f} MiB, {findings} findings, written by check in {render:.1f} s")
    print(f"Chromium: page loaded and its script run in {statistics.median(loads):.2f} s (median of 3; {', '.join(f'{x:.2f}' for x in loads)})")
    print(f"file filter: one file chosen in {filter_s:.2f} s, {shown} findings shown")
    print(f"index: {len(rows)} rows for {args.files} files; first 50 links reach their sections: {targets_ok}")


if __name__ == "__main__":
    main()
