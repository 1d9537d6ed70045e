"""``draftlint serve`` under load: 20 clients uploading drafts for 60 s, hostile files among them.

Starts ``draftlint serve`` as an office server would run it (a token, the default limits but a
larger ``--max-upload-mb`` so the 30 MB file reaches the workers) on a free port of 127.0.0.1,
in a subprocess, from this checkout's ``src``. Then, for ``--seconds``:

* ``--clients`` threads (stdlib ``http.client``, keep-alive) each upload one draft per request
  through ``POST /api/check``, one after the other: the seed TXT files (``../shared/seeds``, or
  ``$DRAFTLINT_SHARED/seeds``) and the samples (``samples/*.txt``, ``samples/*.docx``);
* one more client sends hostile files, one at a time, every ``--hostile-every`` seconds after
  the ``--warm-up`` (10 s: the memory baseline is taken under the normal load alone),
  alternately a zip bomb DOCX (a 3.5 MB ZIP whose ``word/document.xml`` inflates to 1 GiB of
  repeated paragraphs) and a TXT of one 30 MB line (the seed text, no line break);
* a thread samples the resident memory of the server's process tree from /proc every second.

Only the loopback address is ever contacted; the loop is bounded by ``--seconds`` and every
request by the server's time limit. It prints figures and asserts nothing:

* requests done, errors (a status other than 200, or a normal draft reported unreadable; a
  hostile file answered 200, with a per-file error or its findings, is what is expected of it),
* latency of the normal uploads (p50, p95, max) and throughput (requests/s),
* the same latency split into uploads that overlapped a hostile upload in progress and uploads
  that did not,
* the server's memory: first (idle), after the warm-up, max, last (idle again, ``--settle`` s
  after the last answer).

    python bench/serve_load.py [--seconds 60] [--clients 20] [--jobs 2] [--hostile-every 5]
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, SHARED, _tree_rss_mb, machine  # noqa: E402

HOST = "127.0.0.1"  # never anything else


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def multipart(name: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode("utf-8")
    return head + data + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def drafts() -> list[tuple[str, bytes]]:
    """The normal uploads: seed TXT files and the samples (TXT and DOCX)."""
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    samples = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "samples").glob("*.docx"))
    files = [(p.name, p.read_bytes()) for p in seeds + samples]
    if not seeds:
        print(f"(no seeds in {SHARED / 'seeds'}: the samples only; set DRAFTLINT_SHARED)", file=sys.stderr)
    return files


def zip_bomb(inflated: int = 2**30) -> bytes:
    """A DOCX whose ``word/document.xml`` inflates to ``inflated`` bytes: a real package start,
    then the same paragraph over and over (compressed about a thousandfold)."""
    sample = zipfile.ZipFile(ROOT / "samples" / "汇报材料-草稿.docx")
    buf = io.BytesIO()
    para = "<w:p><w:r><w:t>根据x市x局的要求，现将有关情况报告如下。</w:t></w:r></w:p>".encode("utf-8")
    chunk = para * (2**20 // len(para))
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in ("[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels"):
            if name in sample.namelist():
                z.writestr(name, sample.read(name))
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(head)
            written = len(head)
            while written < inflated:
                fh.write(chunk)
                written += len(chunk)
            fh.write(b"</w:body></w:document>")
    return buf.getvalue()


def long_line(size: int = 30 * 2**20) -> bytes:
    """``size`` bytes of UTF-8 text on one line: the seed text, line breaks removed, repeated."""
    texts = [p.read_text("utf-8", "replace") for p in sorted((SHARED / "seeds").glob("*.txt"))]
    text = "".join(texts).replace("\r", "").replace("\n", "") or "根据x市x局的要求，现将有关情况报告如下。"
    data = (text * (size // len(text.encode("utf-8")) + 1)).encode("utf-8")[:size]
    return data.decode("utf-8", "ignore").encode("utf-8")


class Server:
    def __init__(self, folder: Path, token: str, jobs: int, max_upload_mb: int, time_limit: float):
        self.port = free_port()
        env = dict(os.environ)
        env["PYTHONPATH"] = str(ROOT / "src") + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        env["DRAFTLINT_SERVE_TOKEN"] = token
        self.log = open(folder / "serve.log", "w+b")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "draftlint", "serve", "--host", HOST, "--port", str(self.port), "--isolated",
             "--jobs", str(jobs), "--max-upload-mb", str(max_upload_mb), "--time-limit", str(time_limit)],
            cwd=folder, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"draftlint serve exited {self.proc.returncode}: {self.output()[-2000:]}")
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=5)
                conn.request("GET", "/api/info", headers={"Authorization": f"Bearer {token}"})
                if conn.getresponse().status == 200:
                    conn.close()
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit("draftlint serve did not start: " + self.output()[-2000:])

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


class Client:
    """One keep-alive connection; ``post`` returns (status, parsed JSON or None)."""

    def __init__(self, port: int, token: str, timeout: float):
        self.port, self.token, self.timeout = port, token, timeout
        self.conn: http.client.HTTPConnection | None = None

    def post(self, body: bytes, kind: str):
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
            try:
                self.conn.request("POST", "/api/check", body=body,
                                  headers={"Content-Type": kind, "Authorization": f"Bearer {self.token}"})
                r = self.conn.getresponse()
                raw = r.read()
                if r.getheader("connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                try:
                    return r.status, json.loads(raw)
                except ValueError:
                    return r.status, None
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError) as exc:
                self.conn.close()
                self.conn = None
                if attempt:  # a keep-alive connection the server had closed: once more on a new one
                    return f"{type(exc).__name__}", None
            except OSError as exc:
                self.conn.close()
                self.conn = None
                return f"{type(exc).__name__}", None
        return "unreachable", None


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def fmt_ms(values: list[float]) -> str:
    if not values:
        return "none"
    return (f"p50 {1000 * pct(values, 0.5):.0f} ms, p95 {1000 * pct(values, 0.95):.0f} ms, "
            f"max {1000 * max(values):.0f} ms (n={len(values)})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--jobs", type=int, default=0, help="server workers (default: the server's own default)")
    ap.add_argument("--hostile-every", type=float, default=5.0, help="seconds between two hostile uploads")
    ap.add_argument("--max-upload-mb", type=int, default=64)
    ap.add_argument("--time-limit", type=float, default=120)
    ap.add_argument("--warm-up", type=float, default=10.0, help="seconds before the memory baseline")
    ap.add_argument("--settle", type=float, default=5.0, help="seconds idle after the last answer before the last memory sample")
    args = ap.parse_args()

    normal = [multipart(name, data) for name, data in drafts()]
    t0 = time.monotonic()
    hostile = [("zip bomb DOCX", *multipart("炸弹.docx", zip_bomb())), ("30 MB one-line TXT", *multipart("一行.txt", long_line()))]
    print(f"built the hostile files in {time.monotonic() - t0:.1f} s: "
          + ", ".join(f"{label} {len(body) / 2**20:.1f} MB sent" for label, body, _ in hostile))
    token = secrets.token_urlsafe(24)
    jobs = args.jobs or max(1, min(4, os.cpu_count() or 1))

    with tempfile.TemporaryDirectory(prefix="draftlint-serve-load-") as tmp:
        server = Server(Path(tmp), token, jobs, args.max_upload_mb, args.time_limit)
        try:
            results = run_load(server, token, args, normal, hostile)
        finally:
            log = server.output()
            server.stop()
    report(results, args, jobs, log)


def run_load(server: Server, token: str, args, normal, hostile) -> dict:
    lock = threading.Lock()
    records: list[tuple[float, float, object, bool]] = []  # start, end, status, ok (normal uploads)
    hostile_records: list[tuple[str, float, float, object, str]] = []  # label, start, end, status, outcome
    memory: list[tuple[float, float, float]] = []  # seconds, the tree's RSS, the main process's RSS (MB)
    stop = threading.Event()  # no more hostile uploads
    done = threading.Event()  # every client has its last answer
    start = time.monotonic()
    end = start + args.seconds
    request_timeout = args.time_limit + 60

    def sample():
        memory.append((time.monotonic() - start, _tree_rss_mb(server.proc.pid), _rss_mb(server.proc.pid)))

    def sampler():
        while True:
            sample()
            if done.wait(1.0):
                sample()
                return

    def normal_client(i: int):
        client = Client(server.port, token, request_timeout)
        k = i
        while time.monotonic() < end:
            body, kind = normal[k % len(normal)]
            k += 1
            t = time.monotonic()
            status, answer = client.post(body, kind)
            ok = status == 200 and isinstance(answer, dict) and not answer.get("errors")
            with lock:
                records.append((t - start, time.monotonic() - start, status, ok))

    def hostile_client():
        client = Client(server.port, token, request_timeout)
        k = 0
        while not stop.wait(args.hostile_every if k else args.warm_up):
            if time.monotonic() >= end:
                return
            label, body, kind = hostile[k % len(hostile)]
            k += 1
            t = time.monotonic()
            status, answer = client.post(body, kind)
            if status == 200 and isinstance(answer, dict):
                errors = answer.get("errors") or []
                outcome = ("per-file error: " + errors[0]["message"][:90]) if errors else f"checked: {len(answer.get('findings', []))} findings"
            else:
                outcome = f"status {status}: {(answer or {}).get('error', '')[:90] if isinstance(answer, dict) else ''}"
            with lock:
                hostile_records.append((label, t - start, time.monotonic() - start, status, outcome))

    memory_thread = threading.Thread(target=sampler, daemon=True)
    memory_thread.start()
    threads = [threading.Thread(target=normal_client, args=(i,), daemon=True) for i in range(args.clients)]
    threads.append(threading.Thread(target=hostile_client, daemon=True))
    for t in threads:
        t.start()
    while time.monotonic() < end:
        time.sleep(0.2)
    for t in threads[:-1]:  # the clients finish the request they are in
        t.join(request_timeout + 5)
    stop.set()
    threads[-1].join(request_timeout + 5)
    elapsed = time.monotonic() - start
    time.sleep(args.settle)  # the last sample: the server idle again
    done.set()
    memory_thread.join(5)
    return {"records": records, "hostile": hostile_records, "memory": memory, "elapsed": elapsed}


def report(results: dict, args, jobs: int, log: str) -> None:
    records, hostile, memory, elapsed = results["records"], results["hostile"], results["memory"], results["elapsed"]
    print(f"machine: {machine()}")
    print(f"server: --jobs {jobs} --time-limit {args.time_limit:g} --max-upload-mb {args.max_upload_mb}, a token; "
          f"{args.clients} clients + 1 hostile client for {args.seconds:g} s ({elapsed:.1f} s with the last answers)")
    statuses: dict[str, int] = {}
    for _, _, status, _ in records:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    bad = [r for r in records if not r[3]]
    ok_latency = [e - s for s, e, _, ok in records if ok]
    print(f"normal uploads: {len(records)} done, {len(bad)} errors (statuses: {statuses}; "
          f"200 with a per-file error: {sum(1 for r in bad if r[2] == 200)})")
    print(f"  latency {fmt_ms(ok_latency)}")
    print(f"  throughput {len(records) / elapsed:.1f} requests/s")
    during, outside = [], []
    for s, e, _, ok in records:
        if not ok:
            continue
        overlaps = any(hs < e and s < he for _, hs, he, _, _ in hostile)
        (during if overlaps else outside).append(e - s)
    print(f"  while a hostile upload was in progress: {fmt_ms(during)}")
    print(f"  while none was:                         {fmt_ms(outside)}")
    print(f"hostile uploads: {len(hostile)}")
    by_label: dict[str, list] = {}
    for label, s, e, status, outcome in hostile:
        by_label.setdefault(label, []).append((e - s, status, outcome))
    for label, rows in by_label.items():
        outcomes = sorted({o for _, _, o in rows})
        print(f"  {label}: {len(rows)} sent, statuses {sorted({str(st) for _, st, _ in rows})}, "
              f"answered in {fmt_ms([t for t, _, _ in rows])}")
        for o in outcomes:
            print(f"    {o}")
    if memory:
        first = memory[0][1]
        warm = [m for t, m, _ in memory if t < args.warm_up][-1]  # normal load only: the hostile client starts then
        peak = max(m for _, m, _ in memory)
        last, last_main = memory[-1][1], memory[-1][2]
        print(f"server memory (RSS of the process tree, MB): first {first:.0f}, after the {args.warm_up:g} s warm-up {warm:.0f}, "
              f"max {peak:.0f}, last {last:.0f} ({args.settle:g} s after the last answer; the main process "
              f"{memory[0][2]:.0f} first, {last_main:.0f} last)")
        step = max(1, len(memory) // 12)
        print("  samples: " + ", ".join(f"{t:.0f}s {m:.0f}" for t, m, _ in memory[::step]))
    problems = [line for line in log.splitlines() if "Traceback" in line or "internal error" in line or "ERROR" in line]
    if problems:
        print(f"server log: {len(problems)} error lines, e.g. {problems[0][:200]}")


if __name__ == "__main__":
    main()
