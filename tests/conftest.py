from __future__ import annotations

import os
from pathlib import Path

import pytest

from draftlint.ruleset import load_rules

ROOT = Path(__file__).resolve().parents[1]
#: The shared corpora: DRAFTLINT_SHARED, as the benchmarks read it, else ../shared beside the checkout.
SHARED = Path(os.environ.get("DRAFTLINT_SHARED") or ROOT.parent / "shared")


@pytest.fixture(scope="session", autouse=True)
def _session_cache_folder(tmp_path_factory):
    """Runs cache their results (and draftlint its compiled patterns) in a folder of the test
    session, not in the user's: the tests start from nothing and leave nothing behind."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("user-cache"))
    yield
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture(scope="session")
def rules():
    return load_rules()


def shared_path(*parts: str) -> Path:
    """A path under the shared corpora (DRAFTLINT_SHARED or ../shared), skipping the test, with
    the reason, when that material is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (the shared corpora: set DRAFTLINT_SHARED or put them in ../shared)")
    return path


def chromium_driver(folder: Path, window: str, downloads: Path | None = None):
    """A headless Chromium under Selenium, with its profile in ``folder`` (and, given
    ``downloads``, saving downloads there without asking); skips the test when Selenium,
    Chromium or chromedriver is not installed. The caller quits it."""
    import shutil

    webdriver = pytest.importorskip("selenium.webdriver")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_bin = shutil.which("chromedriver")
    if not chromium or not driver_bin:
        pytest.skip("chromium and chromedriver are not installed (see .ci/run)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={folder / 'profile'}",
                 f"--window-size={window}"):
        options.add_argument(flag)
    if downloads is not None:
        options.add_experimental_option("prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_bin), options=options)
    if downloads is not None:
        driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    return driver
