from __future__ import annotations

import os
from pathlib import Path

import pytest

from draftlint.ruleset import load_rules

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


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
    """A path under ../shared, skipping the test when that material is not beside the checkout."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path
