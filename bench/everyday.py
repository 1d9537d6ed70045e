"""Benchmark 3: everyday runs.

(a) one small file, cold and not in the cache, as a pre-commit hook meets a changed file: target
    <= 0.3 s;
(b) an unchanged re-run over clean-zh with the cache: target <= 10% of the first run;
(c) ``--jobs 2`` against ``--jobs 1`` over clean-zh: target >= 1.7x.
(b) is followed by what a re-run pays before its first file (Python and its imports, each step
    timed as a process of its own).
(b) and (c) use the cache and ``--jobs`` options when ``draftlint check --help`` lists them and
print "not available" otherwise. All three run the installed ``draftlint`` command, as people,
pre-commit and CI do. (c) is printed with the most two processes can gain on this machine: a
pure-Python loop run alone and two at once (2.00x on two free cores; shared machines give less).
Usage: ``python bench/everyday.py [--runs 7]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    import common

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    a = ap.parse_args()
    clean = str(common.need(common.SHARED / "corpus" / "clean-zh"))
    small = str(common.need(common.SHARED / "seeds" / common.SEEDS[2]))
    options = common.check_options()
    print(f"machine: {common.machine()}")

    # the console script, as people, pre-commit and CI call it
    exe = Path(sys.executable).with_name("draftlint")
    cmd = [str(exe)] if exe.exists() else common.DRAFTLINT

    # (a) one file, cold, as pre-commit meets it: just changed, so not in the cache (each run gets
    # an empty cache folder; with the default one, every run after the first would be a hit)
    def cold_run() -> float:
        with tempfile.TemporaryDirectory(prefix="draftlint-bench-cold-") as tmp:
            return common.run([*cmd, "check", small], {"DRAFTLINT_CACHE_DIR": tmp})[0]

    cold = statistics.median(cold_run() for _ in range(a.runs))
    print(f"3a. one small file ({Path(small).stat().st_size // 1024} KB TXT), cold and not cached, median of {a.runs}: "
          f"{cold:.3f} s (target <= 0.3 s): {common.verdict(cold, 0.3)}")

    # (b) the cache: first runs (each with an empty cache) and re-runs, alternated
    if "--no-cache" not in options and "--cache-dir" not in options and "--cache" not in options:
        print("3b. cached re-run: not available (this draftlint has no cache option)")
    else:
        firsts, agains = [], []
        for _ in range(max(3, a.runs // 2)):
            with tempfile.TemporaryDirectory(prefix="draftlint-bench-cache-") as tmp:
                env = {"XDG_CACHE_HOME": tmp, "DRAFTLINT_CACHE_DIR": tmp}
                # the cache is on by default (DRAFTLINT_CACHE_DIR places it) or asked for
                args = ["--cache-dir", tmp] if "--cache-dir" in options else ["--cache"] if "--cache" in options else []
                check = [*cmd, "check", *args, "--format", "json", clean]
                firsts.append(common.run(check, env)[0])
                agains += [common.run(check, env)[0] for _ in range(2)]
        first, again = statistics.median(firsts), statistics.median(agains)
        print(f"3b. clean-zh first run {first:.2f} s (median of {len(firsts)}, each with an empty cache), "
              f"unchanged re-run {again:.2f} s (median of {len(agains)}) = {again / first:.0%} "
              f"(target <= 10%): {common.verdict(again / first, 0.10)}")
        _start_costs(again, a.runs)

    # (c) --jobs
    if "--jobs" not in options:
        print("3c. --jobs 2 vs --jobs 1: not available (this draftlint has no --jobs option)")
        return
    no_cache = ["--no-cache"] if "--no-cache" in options else []
    m = common.alternate(
        {n: [*cmd, "check", *no_cache, "--jobs", n, "--format", "json", clean] for n in ("1", "2")},
        max(5, a.runs // 2),
    )
    speedup = m["1"] / m["2"]
    print(f"3c. clean-zh --jobs 1 {m['1']:.2f} s, --jobs 2 {m['2']:.2f} s: {speedup:.2f}x "
          f"(target >= 1.7x): {common.verdict(speedup, 1.7, lower_is_better=False)}")
    print(f"    this machine's own ceiling: a CPU-bound Python loop runs {_two_process_scaling():.2f}x "
          f"faster as two processes than as one (2.00x on two free cores)")


def _start_costs(rerun: float, runs: int) -> None:
    """What a re-run pays before its first file: processes that only start Python and import
    what a cached re-run imports, step by step (alternated, medians)."""
    import common

    steps = {
        "Python alone": "pass",
        "import click": "import click",
        "import draftlint.cli": "import draftlint.cli",
        "+ the modules a re-run uses": "import draftlint.cli, draftlint.runner, draftlint.cache, "
                                       "draftlint.reporters.json, draftlint.config, draftlint.discovery",
    }
    try:
        costs = common.alternate({k: [sys.executable, "-c", v] for k, v in steps.items()}, max(5, runs))
    except RuntimeError:  # a draftlint without these modules
        return
    print("    before its first file: " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in costs.items())
          + f" (the last is {costs[list(steps)[-1]] / rerun:.0%} of the re-run)")


_SPIN = "import time\nt = time.perf_counter()\nx = 0\nfor i in range(6_000_000):\n    x += i\n"


def _two_process_scaling(runs: int = 3) -> float:
    """Twice the work in two processes at once, against it done in one: median over ``runs``."""
    import subprocess
    import time

    ratios = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(2):
            subprocess.run([sys.executable, "-c", _SPIN], check=True)
        one = time.perf_counter() - start
        start = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-c", _SPIN]) for _ in range(2)]
        for p in procs:
            p.wait()
        two = time.perf_counter() - start
        ratios.append(one / two)
    return statistics.median(ratios)


if __name__ == "__main__":
    main()
