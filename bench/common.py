"""Shared pieces of the benchmarks: deterministic corpora from real text, and process timing.

Every figure is a median of several whole-process runs, taken alternately with what it is
compared against, so both sides see the same machine load.
"""

from __future__ import annotations

import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DRAFTLINT_SHARED", ROOT.parent / "shared"))
SEEDS = ["000_242227cfe79294bb.txt", "002_9002447a45abe4ab.txt", "004_57eb6f3e3adde9ce.txt"]
#: The placeholders the DOCX drafts carry, and the word list the TXT peer is given.
PLACEHOLDERS = ["x市x局", "××同志", "20xx年", "x月x日", "某某单位", "xx万元", "____"]
DRAFTLINT = [sys.executable, "-m", "draftlint"]


def need(path: Path) -> Path:
    if not path.exists():
        sys.exit(f"bench: {path} is missing (set DRAFTLINT_SHARED to the folder holding seeds/ and corpus/)")
    return path


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{cpu}, {os.cpu_count()} cores{mem}, {platform.system()} {platform.release()}, Python {platform.python_version()}, load {load:.1f}"


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and all its descendants now, in MB (Linux /proc; 0 elsewhere)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
                    break
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total / 1024


def _environment(extra: dict | None) -> dict:
    """This environment, less PYTHONDONTWRITEBYTECODE: an installed draftlint runs from compiled
    bytecode, so a benchmark that recompiled its source on every start would measure that."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **(extra or {})}


def run(cmd: list[str], env: dict | None = None, stdout=subprocess.DEVNULL, tree: list | None = None) -> tuple[float, float, int, float]:
    """Run one process to the end: (seconds, the kernel's ru_maxrss in MB, exit code). With
    ``tree`` (a list), the peak of the whole process tree's summed RSS, sampled every 20 ms, is
    appended to it: a worker pool's processes all count, and unlike ru_maxrss (which a child
    inherits from its parent at fork) it is draftlint's own memory."""
    import threading

    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=stdout, stderr=err, env=_environment(env))
        peak = [0.0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.02):
                peak[0] = max(peak[0], _tree_rss_mb(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True) if tree is not None else None
        if sampler:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        done.set()
        if sampler:
            sampler.join()
            tree.append(peak[0])
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):
            err.seek(0)
            raise RuntimeError(f"{' '.join(cmd[:4])}... exited {proc.returncode}: {err.read().decode(errors='replace')[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024, proc.returncode, usage.ru_utime + usage.ru_stime


def alternate(commands: dict[str, list[str]], runs: int, envs: dict[str, dict] | None = None,
              cpu: dict[str, float] | None = None) -> dict[str, float]:
    """Median seconds of each command, run alternately ``runs`` times after one warm-up each.
    With ``cpu`` (a dict), the median CPU seconds (user + system, the process and the children
    it waited for) of each command are put in it too."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for i in range(runs + 1):
        for name, cmd in commands.items():
            t, _, _, c = run(cmd, (envs or {}).get(name))
            if i:
                times[name].append(t)
                cpus[name].append(c)
    if cpu is not None:
        cpu.update({name: statistics.median(cs) for name, cs in cpus.items()})
    return {name: statistics.median(ts) for name, ts in times.items()}


def report_paragraphs() -> list[str]:
    """Paragraphs of real government work reports (clean-zh), in a fixed order."""
    folder = need(SHARED / "corpus" / "clean-zh" / "gov-work-reports")
    paras = []
    for p in sorted(folder.glob("*.txt")):
        paras += [line.strip() for line in p.read_text(encoding="utf-8-sig").splitlines() if len(line.strip()) >= 30]
    return paras


def build_docx(folder: Path, count: int = 400, chars: int = 12_000, seed: int = 8) -> Path:
    """``count`` DOCX drafts of about ``chars`` characters of real report text, each with a header,
    a table and a few placeholders, written with python-docx. Same content for the same seed."""
    import docx

    folder.mkdir(parents=True, exist_ok=True)
    paras = report_paragraphs()
    rng = random.Random(seed)
    for i in range(count):
        start = rng.randrange(len(paras) - 400)
        body, n = [], 0
        for p in paras[start:]:
            body.append(p)
            n += len(p)
            if n >= chars:
                break
        for k, ph in enumerate(rng.sample(PLACEHOLDERS, 3)):
            j = rng.randrange(len(body))
            body[j] = body[j][:10] + ph + body[j][10:]
        d = docx.Document()
        d.sections[0].header.paragraphs[0].text = f"{PLACEHOLDERS[0]}文件　第{i + 1}号"
        d.add_paragraph("关于20xx年工作情况的报告" if i % 2 else "政府工作报告", style="Title")
        half = len(body) // 2
        for p in body[:half]:
            d.add_paragraph(p)
        table = d.add_table(rows=3, cols=3)
        for r, row in enumerate([("指标", "完成", "增长"), ("地区生产总值", "xx万元", "5.2%"), ("财政收入", "1234亿元", "××%")]):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
        for p in body[half:]:
            d.add_paragraph(p)
        d.save(folder / f"draft-{i:04d}.docx")
    return folder


def build_txt(folder: Path, count: int = 1000) -> Path:
    """The three seed drafts copied round-robin into ``count`` files."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = [need(SHARED / "seeds" / s).read_bytes() for s in SEEDS]
    for i in range(count):
        (folder / f"seed-{i:04d}.txt").write_bytes(seeds[i % 3])
    return folder


def build_mixed(folder: Path, count: int, docx_folder: Path) -> Path:
    """``count`` files, half TXT (seeds and clean-zh reports) and half DOCX (copies of the drafts)."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = [need(SHARED / "seeds" / s) for s in SEEDS]
    texts += sorted((SHARED / "corpus" / "clean-zh").rglob("*.txt"))
    docs = sorted(docx_folder.glob("*.docx"))
    for i in range(count):
        sub = folder / f"box-{i // 1000:02d}"
        sub.mkdir(exist_ok=True)
        if i % 2:
            shutil.copyfile(docs[i % len(docs)], sub / f"{i:05d}.docx")
        else:
            shutil.copyfile(texts[i % len(texts)], sub / f"{i:05d}.txt")
    return folder


def check_options() -> str:
    """``draftlint check --help``, to use the options this version has."""
    return subprocess.run([*DRAFTLINT, "check", "--help"], capture_output=True, text=True).stdout


def verdict(value: float, target: float, lower_is_better: bool = True) -> str:
    ok = value <= target if lower_is_better else value >= target
    return "meets target" if ok else "MISSES target"
