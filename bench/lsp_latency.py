"""``draftlint lsp``: time from a didChange to the publishDiagnostics of that version.

Starts the server as a real subprocess and talks to it with pygls's client over stdio, as an
editor would. Opens a 20,000-character TXT buffer (paragraphs of the real text in ../shared
seeds when there, else a built one, with placeholders in it), then makes N changes, one at a
time: each inserts one character in a different line (an editor's incremental change) and the
clock runs from sending it to the diagnostics published for that version. The figure includes
the server's debounce (draftlint.lsp.DEBOUNCE_SECONDS, 0.2 s), which is what a person waits.

It then measures responsiveness: while a much larger buffer (--huge characters) is being
linted, how long the server takes to answer a code-action request on the small document.

    python bench/lsp_latency.py [--changes 30] [--chars 20000] [--huge 2000000]

Acceptance: median didChange → diagnostics within 0.5 s for 20,000 characters.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DRAFTLINT_SHARED", ROOT.parent / "shared"))
SEEDS = ["000_242227cfe79294bb.txt", "002_9002447a45abe4ab.txt", "004_57eb6f3e3adde9ce.txt"]
PLACEHOLDERS = ["x市x局", "××同志", "20xx年", "x月x日", "某某单位", "xx万元"]


def buffer_text(chars: int) -> str:
    """About ``chars`` characters of paragraphs, one per line, a placeholder in every fifth."""
    lines: list[str] = []
    for name in SEEDS:
        path = SHARED / "seeds" / name
        if path.exists():
            lines += [ln.strip() for ln in path.read_text("utf-8", "replace").splitlines() if ln.strip()]
    if not lines:
        lines = ["根据市局的要求，现将今年以来的工作情况报告如下，请各单位结合实际认真贯彻落实。"]
    out, n, i = [], 0, 0
    while n < chars:
        line = lines[i % len(lines)]
        if i % 5 == 0:
            line = PLACEHOLDERS[i % len(PLACEHOLDERS)] + line
        out.append(line)
        n += len(line) + 1
        i += 1
    return "\n".join(out)[:chars] + "\n"


class Bench:
    def __init__(self):
        self.client = LanguageClient("draftlint-bench", "0")
        self.arrived: dict[tuple[str, int | None], float] = {}
        self.counts: dict[tuple[str, int | None], int] = {}
        self.event = asyncio.Event()

        @self.client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
            self.arrived[(params.uri, params.version)] = time.perf_counter()
            self.counts[(params.uri, params.version)] = len(params.diagnostics)
            self.event.set()

    async def wait_for(self, uri: str, version: int, timeout: float = 120) -> float:
        async def wait():
            while (uri, version) not in self.arrived:
                self.event.clear()
                await self.event.wait()
            return self.arrived[(uri, version)]

        return await asyncio.wait_for(wait(), timeout)


async def main(args) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH")) if p)
    b = Bench()
    await b.client.start_io(sys.executable, "-m", "draftlint", "lsp", env=env)
    await b.client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities(), process_id=os.getpid()))
    b.client.initialized(lsp.InitializedParams())
    folder = Path(tempfile.mkdtemp(prefix="draftlint-lsp-bench-"))
    text = buffer_text(args.chars)
    lines = text.split("\n")
    uri = from_fs_path(str(folder / "草稿.txt"))
    t0 = time.perf_counter()
    b.client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "plaintext", 1, text)))
    await b.wait_for(uri, 1)
    first = time.perf_counter() - t0
    print(f"buffer: {len(text):,} characters, {len(lines):,} lines; first lint on didOpen (rules loaded): {first:.3f} s, "
          f"{b.counts[(uri, 1)]} diagnostics")

    latencies = []
    for i in range(args.changes):
        version = i + 2
        line = (i * 7) % max(1, len(lines) - 1)
        change = lsp.TextDocumentContentChangePartial(
            range=lsp.Range(lsp.Position(line, 0), lsp.Position(line, 0)), text="某")
        sent = time.perf_counter()
        b.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(version=version, uri=uri), [change]))
        latencies.append(await b.wait_for(uri, version) - sent)
    from draftlint.lsp import DEBOUNCE_SECONDS

    med = statistics.median(latencies)
    print(f"didChange -> publishDiagnostics over {args.changes} changes: median {med:.3f} s "
          f"(min {min(latencies):.3f}, max {max(latencies):.3f}); of which debounce {DEBOUNCE_SECONDS:.3f} s")
    print(f"acceptance (median within 0.5 s): {'met' if med <= 0.5 else 'NOT met'}")

    # typing: 10 changes 50 ms apart, linted once after the last
    version = args.changes + 1
    sent = 0.0
    for k in range(10):
        version += 1
        sent = time.perf_counter()
        b.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(version=version, uri=uri),
            [lsp.TextDocumentContentChangePartial(range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), text="字")]))
        await asyncio.sleep(0.05)
    await b.wait_for(uri, version)
    linted = sum(1 for (u, v) in b.arrived if u == uri and v > args.changes + 1)
    print(f"burst of 10 keystrokes 50 ms apart: diagnostics {b.arrived[(uri, version)] - sent:.3f} s after the last; "
          f"published {linted} time(s) for the 10 versions")

    if args.huge:
        huge_text = buffer_text(args.huge)
        huge = from_fs_path(str(folder / "长文.txt"))
        b.client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(huge, "plaintext", 1, huge_text)))
        await asyncio.sleep(0.3)  # the lint of the huge buffer is under way
        answers = []
        for _ in range(5):
            asked = time.perf_counter()
            await b.client.text_document_code_action_async(lsp.CodeActionParams(
                lsp.TextDocumentIdentifier(uri), lsp.Range(lsp.Position(0, 0), lsp.Position(0, 5)), lsp.CodeActionContext([])))
            answers.append(time.perf_counter() - asked)
        t = time.perf_counter()
        await b.wait_for(huge, 1, timeout=600)
        done = b.arrived[(huge, 1)]
        print(f"while a {len(huge_text):,}-character buffer was linted: code actions answered in median "
              f"{statistics.median(answers) * 1000:.1f} ms (max {max(answers) * 1000:.1f} ms); "
              f"its diagnostics came {done - t:.2f} s after those requests ({b.counts[(huge, 1)]} diagnostics)")

    await b.client.shutdown_async(None)
    b.client.exit(None)
    await b.client.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--changes", type=int, default=30)
    parser.add_argument("--chars", type=int, default=20_000)
    parser.add_argument("--huge", type=int, default=2_000_000, help="characters of the large buffer (0: skip)")
    asyncio.run(main(parser.parse_args()))
