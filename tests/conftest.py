from __future__ import annotations

from pathlib import Path

import pytest

from draftlint.ruleset import load_rules

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def rules():
    return load_rules()


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when that material is not beside the checkout."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path
