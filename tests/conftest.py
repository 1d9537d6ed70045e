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
