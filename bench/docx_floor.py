"""Benchmark 1: DOCX against the floor.

The floor is the least any DOCX linter must do: unzip each file, parse every text-bearing part
with lxml and walk every ``w:t``, with no rules. draftlint runs every default rule. Target: at
most 2x the floor. Usage: ``python bench/docx_floor.py [--runs 5] [--files 400]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

def floor(folder: str) -> None:
    """The floor itself, run as its own process: unzip, parse, walk every w:t (the same walk
    :mod:`costs` times per document)."""
    import costs

    print(sum(costs.docx_floor(path.read_bytes()) for path in sorted(Path(folder).rglob("*.docx"))))


def main() -> None:
    import common

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--files", type=int, default=400)
    ap.add_argument("--floor", metavar="DIR", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.floor:
        return floor(a.floor)
    with tempfile.TemporaryDirectory(prefix="draftlint-bench-docx-") as tmp:
        corpus = common.build_docx(Path(tmp) / "docx", a.files)
        size = sum(p.stat().st_size for p in corpus.glob("*.docx")) / 1e6
        options = common.check_options()
        no_cache = ["--no-cache"] if "--no-cache" in options else []
        no_cache += ["--jobs", "1"] if "--jobs" in options else []  # one core, as the floor
        medians = common.alternate(
            {
                "floor": [sys.executable, __file__, "--floor", str(corpus)],
                "draftlint": [*common.DRAFTLINT, "check", *no_cache, "--format", "json", str(corpus)],
                # as people run it: every core (the floor above is one process)
                "all cores": [*common.DRAFTLINT, "check", "--no-cache", "--format", "json", str(corpus)],
            },
            a.runs,
        )
        import costs

        per_doc = costs.per_document(sorted(corpus.glob("*.docx"))[:40])
    ratio = medians["draftlint"] / medians["floor"]
    print(f"machine: {common.machine()}")
    print(f"1. DOCX vs floor: {a.files} DOCX ({size:.1f} MB, ~12k chars each), median of {a.runs} alternated runs")
    print(f"   floor (unzip + lxml + every w:t): {medians['floor']:.2f} s")
    print(f"   draftlint check, every default rule, one process: {medians['draftlint']:.2f} s")
    print(f"   ratio {ratio:.2f}x (target <= 2x): {common.verdict(ratio, 2.0)}")
    cores = medians["all cores"]
    print(f"   for reference, draftlint check on all {os.cpu_count()} cores (its default): {cores:.2f} s = "
          f"{cores / medians['floor']:.2f}x the one-process floor")
    print(costs.describe(per_doc, 2 * per_doc["floor"], "the 2x target leaves for reading and linting"))


if __name__ == "__main__":
    main()
