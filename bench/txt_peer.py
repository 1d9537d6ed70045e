"""Benchmark 2: TXT against the fastest peer, autocorrect (npm autocorrect-node).

The three seed drafts copied into 1,000 files. autocorrect runs ``--lint --format json`` with a
word list of the placeholders draftlint looks for; draftlint runs every default rule. Target:
draftlint faster. autocorrect is installed with npm into a temporary folder (or give
``--autocorrect PATH``). Usage: ``python bench/txt_peer.py [--runs 5]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def install_autocorrect(folder: Path) -> str:
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("bench: npm is needed to install the peer (autocorrect-node)")
    subprocess.run([npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(folder), "autocorrect-node"], check=True)
    return str(folder / "node_modules" / ".bin" / "autocorrect")


def main() -> None:
    import common

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--autocorrect", metavar="PATH", help="an installed autocorrect binary")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="draftlint-bench-txt-") as tmp:
        tmp = Path(tmp)
        peer = a.autocorrect or install_autocorrect(tmp / "npm")
        corpus = common.build_txt(tmp / "txt", a.files)
        config = tmp / "autocorrectrc.yml"
        words = "\n".join(f'    - "{w} = 待填写"' for w in common.PLACEHOLDERS)
        config.write_text(f"rules:\n  spellcheck: 1\nspellcheck:\n  words:\n{words}\n", encoding="utf-8")
        version = subprocess.run([peer, "--version"], capture_output=True, text=True).stdout.strip()
        options = common.check_options()
        no_cache = ["--no-cache"] if "--no-cache" in options else []  # time the linting, not a cache
        commands = {
            "autocorrect": [peer, "--lint", "--format", "json", "--config", str(config), str(corpus)],
        }
        jobs = str(os.cpu_count() or 1)
        if "--jobs" in options:  # autocorrect uses every core; so may draftlint when it can
            for n in ("1", jobs):
                commands[f"draftlint --jobs {n}"] = [*common.DRAFTLINT, "check", *no_cache, "--jobs", n, "--format", "json", str(corpus)]
        else:
            commands["draftlint"] = [*common.DRAFTLINT, "check", "--format", "json", str(corpus)]
        cpu: dict[str, float] = {}
        medians = common.alternate(commands, a.runs, cpu=cpu)
        import costs

        per_doc = costs.per_document(sorted(corpus.glob("*.txt"))[:30])
    print(f"machine: {common.machine()}")
    print(f"2. TXT vs peer: {a.files} TXT (the three seeds), median of {a.runs} alternated runs")
    peer_s = medians.pop("autocorrect")
    print(f"   {version or 'autocorrect'} --lint --format json, placeholder word list, all cores: {peer_s:.2f} s")
    for name, seconds in medians.items():
        print(f"   {name} check, every default rule: {seconds:.2f} s")
    best = min(medians, key=medians.get)
    ratio = medians[best] / peer_s
    print(f"   {best} / autocorrect = {ratio:.2f} (target < 1): {common.verdict(ratio, 1.0)}")
    print(f"   CPU per file (user + system, whole processes): autocorrect {cpu['autocorrect'] / a.files * 1000:.2f} ms, "
          + ", ".join(f"{n} {cpu[n] / a.files * 1000:.2f} ms" for n in medians))
    print(costs.describe(per_doc, cpu["autocorrect"] / a.files * 1000, "autocorrect's CPU per file"))


if __name__ == "__main__":
    main()
