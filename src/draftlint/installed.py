"""What is installed: draftlint's version, and where its own files are, found without importing
the rule engine (a run that only reads the cache needs to know them, and nothing else of it)."""

from __future__ import annotations

import os
from pathlib import Path

#: draftlint's version (as ``pyproject.toml`` gives it), in reports and cache keys.
VERSION = "0.1.0"


def rules_dir() -> Path | None:
    """The rule files shipped with draftlint: inside the wheel, or ``rules/`` of a checkout
    (None when neither is there: a broken installation). Plain paths, not importlib.resources:
    draftlint is always installed as files, and that import alone took 10 ms of every run."""
    package = os.path.dirname(os.path.abspath(__file__))
    for candidate in (os.path.join(package, "rules"), os.path.join(package, os.pardir, os.pardir, "rules")):
        if os.path.isdir(candidate):
            return Path(os.path.realpath(candidate))
    return None
