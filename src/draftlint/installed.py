"""Where draftlint's own files are, found without importing the rule engine (a run that only
reads the cache needs to know them, and nothing else of it)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def rules_dir() -> Path | None:
    """The rule files shipped with draftlint: inside the wheel, or ``rules/`` of a checkout
    (None when neither is there: a broken installation)."""
    packaged = resources.files("draftlint") / "rules"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2] / "rules"
    return checkout if checkout.is_dir() else None
