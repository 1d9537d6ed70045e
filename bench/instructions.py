"""Instructions, not seconds: for telling apart two versions that differ by a few percent.

Wall time on a shared machine varies by +-30% from one minute to the next, so a change worth 3%
cannot be seen in it. Valgrind's callgrind counts the instructions a process executes; with the
hash seed fixed, the count is the same on every run, whatever else the machine is doing. This
script counts three whole ``draftlint`` processes, each run once first so that bytecode, the
prebuilt store and the cache are in place:

* a cold single file (a seed draft, ``--no-cache``), as pre-commit meets a changed file;
* a cold single DOCX draft of benchmark 1's kind;
* an unchanged re-run over ``clean-zh`` with the cache.

Compare two checkouts by running it with each one's Python (or ``PYTHONPATH=other/src``).
Needs ``valgrind`` (Debian: ``apt-get install valgrind``); a run takes about a minute.
Usage: ``python bench/instructions.py``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def count(cmd: list[str], env: dict) -> int:
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
                         env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True).stderr
    m = re.search(r"Collected : (\d+)", out)
    if m is None:
        sys.exit(f"bench: callgrind printed no count:\n{out[-2000:]}")
    return int(m.group(1))


def main() -> None:
    import common

    if shutil.which("valgrind") is None:
        sys.exit("bench: valgrind is needed (Debian: apt-get install valgrind)")
    seed = common.need(common.SHARED / "seeds" / common.SEEDS[2])
    clean = common.need(common.SHARED / "corpus" / "clean-zh")
    with tempfile.TemporaryDirectory(prefix="draftlint-bench-instr-") as tmp:
        docx = sorted(common.build_docx(Path(tmp) / "docx", 1).glob("*.docx"))[0]
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(PYTHONHASHSEED="0", DRAFTLINT_CACHE_DIR=str(Path(tmp) / "cache"))
        runs = {
            "one seed file, cold, not cached": [*common.DRAFTLINT, "check", "--no-cache", str(seed)],
            "one DOCX draft, cold, not cached": [*common.DRAFTLINT, "check", "--no-cache", str(docx)],
            "clean-zh re-run from the cache": [*common.DRAFTLINT, "check", "--format", "json", str(clean)],
        }
        print(f"machine: {common.machine()}")
        for name, cmd in runs.items():
            print(f"   {name}: {count(cmd, env) / 1e6:.1f}M instructions")


if __name__ == "__main__":
    main()
