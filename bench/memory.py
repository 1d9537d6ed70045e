"""Benchmark 4: memory. 10,000 files, half TXT and half DOCX, in one run: peak RSS <= 300 MB.

Usage: ``python bench/memory.py [--files 10000]``. Reports, for the JSON and the text report
(without the cache), the peak resident set size of the whole ``draftlint check`` process tree:
the main process and its workers summed, sampled every 20 ms from /proc. (The kernel's
``ru_maxrss`` is not used: a child starts with its parent's RSS at fork, so it reported this
script's own memory, not draftlint's.)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    import common

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=10_000)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="draftlint-bench-mem-") as tmp:
        drafts = common.build_docx(Path(tmp) / "docx", 100)
        corpus = common.build_mixed(Path(tmp) / "mixed", a.files, drafts)
        size = sum(p.stat().st_size for p in corpus.rglob("*.*")) / 1e6
        print(f"machine: {common.machine()}")
        for fmt in ("json", "text"):
            tree: list[float] = []
            cmd = [*common.DRAFTLINT, "check", "--no-cache", "--format", fmt, str(corpus)]
            seconds, _, _, _ = common.run(cmd, tree=tree)
            print(f"4. {a.files} files ({size:.0f} MB, half DOCX), --format {fmt}: {seconds:.1f} s, "
                  f"peak RSS of all its processes together {tree[0]:.0f} MB (target <= 300 MB): "
                  f"{common.verdict(tree[0], 300)}")


if __name__ == "__main__":
    main()
