"""The long fuzzing run: N mutants (default 10,000) of the DOCX in samples/ and the shared
corpora, made by tests/mutants.py (seeded, no network), through the command line as people run
it. Prints what broke the promise that one bad file is one clear per-file error:

* ``check --format json --jobs 2`` on batches of 500: tracebacks, exit codes above 2, reports
  that do not parse or leave a file out, internal errors, batches past the time bound;
* each mutant read and linted in this process, one after another: the slowest file, and the
  process's peak memory (a bound on what any one file needed);
* annotate and fix (with unsafe fixes) in this process on every mutant that lints, each copy
  read again; ``annotate`` on every batch and the ``fix`` command on every 25th mutant that
  lints: tracebacks and internal errors; a sample of the copies the commands wrote opened by
  LibreOffice (when installed).

    python bench/fuzz.py [--count 10000] [--seed 0] [--office-sample 40]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from common import DRAFTLINT, ROOT, SHARED, machine  # noqa: E402
from mutants import mutants, seed_files  # noqa: E402

BATCH = 500
BATCH_SECONDS = 600
INTERNAL = "internal error"


def _run(args: list[str], timeout: int) -> tuple[subprocess.CompletedProcess | None, float]:
    """``args`` run to the end, or None past ``timeout``: then the whole process group is
    killed (soffice is a script that starts soffice.bin, which would otherwise live on)."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return None, time.perf_counter() - start
    return subprocess.CompletedProcess(args, proc.returncode, out, err), time.perf_counter() - start


def _annotate_and_fix(result, out: Path, problems: list[str]) -> int:
    """Annotate and fix one mutant that lints, in this process (every one of them, where the
    command line runs on a sample); the copies must open again in draftlint's reader."""
    from draftlint.outputs import annotate_file, fix_docx_file
    from draftlint.readers import ReadError, ReaderOptions, read_document

    out.mkdir(exist_ok=True)
    name = Path(result.path).name
    for write in (lambda: annotate_file(result, str(out), "zh"), lambda: fix_docx_file(result, str(out / f"fixed-{name}"), True, "zh")):
        message, _ = write()
        if INTERNAL in message:
            problems.append(f"{name}: {message[:300]}")
    n = 0
    for copy in out.iterdir():
        try:
            read_document(copy.read_bytes(), copy.name, ReaderOptions())
        except ReadError as exc:
            problems.append(f"{copy.name}: written, but does not read again: {exc}")
        copy.unlink()
        n += 1
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--office-sample", type=int, default=40, help="copies opened by LibreOffice")
    args = ap.parse_args()

    from draftlint.engine import read_and_lint
    from draftlint.runner import rules_for
    from draftlint.settings import Settings

    seeds = seed_files(SHARED if SHARED.exists() else None, ROOT)
    rules = rules_for(Settings())
    print(f"fuzz: {args.count} mutants of {len(seeds)} DOCX, seed {args.seed}; {machine()}")
    problems: list[str] = []
    by_mutation: dict[str, list[int]] = {}
    slowest = (0.0, "")
    lints: list[Path] = []
    work = Path(tempfile.mkdtemp(prefix="draftlint-fuzz-"))
    try:
        batch_dir, batch_names, batch_no = None, [], 0
        copies_read = 0  # copies annotate and fix wrote in this process, each read again
        batch_times = []

        def run_batch() -> None:
            report = work / f"report-{batch_no}.json"
            proc, seconds = _run([*DRAFTLINT, "check", "--no-cache", "--jobs", "2", "--format", "json", "-o", str(report), str(batch_dir)], BATCH_SECONDS)
            batch_times.append(seconds)
            if proc is None:
                problems.append(f"batch {batch_no}: check did not finish in {BATCH_SECONDS} s")
                return
            if proc.returncode > 2 or "Traceback" in proc.stderr:
                problems.append(f"batch {batch_no}: check exit {proc.returncode}: {proc.stderr[-500:]}")
            try:
                data = json.loads(report.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                problems.append(f"batch {batch_no}: report does not parse: {exc}")
                return
            named = {Path(f["path"]).name for f in data["files"]} | {Path(e["path"]).name for e in data["errors"]}
            if named != set(batch_names):
                problems.append(f"batch {batch_no}: report leaves out {sorted(set(batch_names) - named)[:5]}")
            problems.extend(f"{e['path']}: {e['message'][:300]}" for e in data["errors"] if INTERNAL in e["message"])
            out = work / f"annotated-{batch_no}"
            out.mkdir()
            proc, _ = _run([*DRAFTLINT, "annotate", "-o", str(out), str(batch_dir)], BATCH_SECONDS)
            if proc is None or proc.returncode > 2 or "Traceback" in proc.stderr or INTERNAL in proc.stdout + proc.stderr:
                problems.append(f"batch {batch_no}: annotate: {'timeout' if proc is None else proc.stderr[-500:]}")

        for n, (name, mutation, data) in enumerate(mutants(seeds, args.count, args.seed)):
            if n % BATCH == 0:
                if batch_dir is not None:
                    run_batch()
                    batch_no += 1
                batch_dir, batch_names = work / f"batch-{batch_no}", []
                batch_dir.mkdir()
            path = batch_dir / name
            path.write_bytes(data)
            batch_names.append(name)
            start = time.perf_counter()
            result = read_and_lint(data, str(path), rules)
            seconds = time.perf_counter() - start
            slowest = max(slowest, (seconds, name))
            counts = by_mutation.setdefault(mutation, [0, 0])
            counts[result.error is not None] += 1
            if result.error and INTERNAL in result.error:
                problems.append(f"{name}: {result.error[:300]}")
            elif result.error is None:
                copies_read += _annotate_and_fix(result, work / "copies", problems)
                if n % 25 == 0:
                    lints.append(path)
        if batch_names:
            run_batch()

        fixed_dir = work / "fixed"
        fixed_dir.mkdir()
        for path in lints:
            proc, _ = _run([*DRAFTLINT, "fix", "-o", str(fixed_dir / path.name), str(path)], 120)
            if proc is None or proc.returncode > 2 or "Traceback" in proc.stderr or INTERNAL in proc.stdout + proc.stderr:
                problems.append(f"fix {path.name}: {'timeout' if proc is None else proc.stderr[-300:]}")
        # each copy with the mutant it was written from: a copy counts as broken only when
        # LibreOffice opens the mutant itself (many mutants it refuses as well)
        written = [(copy, next(p for p in lints if p.name == copy.name)) for copy in sorted(fixed_dir.iterdir())]
        for n in range(batch_no + 1):
            for copy in sorted((work / f"annotated-{n}").iterdir()):
                written.append((copy, work / f"batch-{n}" / copy.name.replace(".draftlint.docx", ".docx")))
        office = shutil.which("soffice") or shutil.which("libreoffice")
        opened = failed = 0

        def opens(path: Path) -> bool:
            out = work / "office"
            proc, _ = _run([office, "--headless", f"-env:UserInstallation=file://{work}/lo-profile",
                            "--convert-to", "txt:Text", "--outdir", str(out), str(path)], 120)
            produced = out / (path.stem + ".txt")
            ok = proc is not None and produced.exists()
            produced.unlink(missing_ok=True)
            return ok

        if office and written:
            step = max(1, len(written) // max(1, args.office_sample))
            for copy, source in written[::step][: args.office_sample]:
                if not opens(source):
                    continue
                opened += 1
                if not opens(copy):
                    failed += 1
                    problems.append(f"LibreOffice opens {source.name} but not the copy {copy.name}")
        peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print("\n| mutation | lint | refused with a reason |\n|---|---|---|")
    for mutation, (ok, refused) in sorted(by_mutation.items()):
        print(f"| {mutation} | {ok} | {refused} |")
    print(f"\nslowest file alone: {slowest[0]:.2f} s ({slowest[1]})")
    print(f"check on {len(batch_times)} batches of {BATCH}: median {sorted(batch_times)[len(batch_times) // 2]:.1f} s, max {max(batch_times):.1f} s")
    print(f"peak memory of this process, every mutant read and linted in it one after another: {peak_self:.0f} MB")
    print(f"annotate and fix (unsafe fixes too) in this process on every mutant that lints: {copies_read} copies written, each read again")
    print(f"the fix command on {len(lints)} mutants that lint; LibreOffice opened {opened - failed} of {opened} copies of mutants it opens")
    print(f"\nproblems: {len(problems)}")
    for line in problems[:50]:
        print("  " + line)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
