"""Where one document's time goes, in this process, next to the least any linter running
draftlint's rules must spend on it.

Benchmarks 1 and 2 time whole processes; when a target is missed, these figures say why. Each
is milliseconds per document, the best of ``repeat`` passes over the same documents:

* ``floor``: DOCX: unzip, parse every text-bearing part with lxml, walk every ``w:t`` (what
  benchmark 1's floor process does); TXT: decode the bytes and split the lines.
* ``least reader``: DOCX: the floor plus, per paragraph, its runs' text joined and one
  ``(start, end, run)`` per run: the least a reader does that points at the exact place, as a
  finding, a Word comment or a tracked-change fix needs. TXT: the floor (a line is a block).
* ``reader``: draftlint's reader.
* ``searches``: only the regular-expression searches of the pattern rules, each on the blocks
  its prefilter leaves (the prefilter's own work is not counted): the matching these rules ask
  for, with nothing around it. One search per rule over the joined text is slower (measured
  2026-12-04: 2.1 ms against 1.9 over the candidate blocks, 17.8 over whole documents).
* ``rules``: draftlint's 75 rules as they run, everything included.

``least reader + searches`` is then a lower bound for any Python linter that reads with lxml and
matches these patterns with the ``regex`` module: the rules' other work, the findings and the
report only add to it.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path
from collections.abc import Callable

_TEXT_PART = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _parts(data: bytes) -> list:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, huge_tree=False)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [etree.fromstring(z.read(n), parser) for n in z.namelist() if _TEXT_PART.match(n)]


def docx_floor(data: bytes) -> int:
    """Benchmark 1's floor for one DOCX: unzip, parse each text-bearing part, walk every w:t."""
    chars = 0
    for root in _parts(data):
        for t in root.iter(_W + "t"):
            chars += len(t.text or "")
    return chars


def _docx_least_reader(data: bytes) -> list:
    blocks = []
    for root in _parts(data):
        for p in root.iter(_W + "p"):
            parts, segments, n = [], [], 0
            for i, r in enumerate(p.iter(_W + "r")):
                for t in r.iter(_W + "t"):
                    if t.text:
                        parts.append(t.text)
                        segments.append((n, n + len(t.text), i))
                        n += len(t.text)
            blocks.append(("".join(parts), segments))
    return blocks


def _txt_floor(data: bytes) -> list[str]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030", "replace")
    return text.splitlines()


def _best(work: Callable[[], object], count: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best / count * 1000


def per_document(paths: list[Path], repeat: int = 5) -> dict:
    """The figures above for ``paths`` (all DOCX or all TXT), in ms per document."""
    from draftlint.engine import LintContext, lint_document
    from draftlint.readers import ReaderOptions, read_document
    from draftlint.ruleset import load_rules

    datas = [(p.read_bytes(), str(p)) for p in paths]
    docx = paths[0].suffix.lower() == ".docx"
    floor, least = (docx_floor, _docx_least_reader) if docx else (_txt_floor, _txt_floor)
    rules = load_rules()
    options = ReaderOptions()
    docs = [read_document(data, name, options) for data, name in datas]
    for doc in docs:  # first use builds what a process builds once (scanners, the literal database)
        lint_document(doc, rules)
    searches = []  # (compiled pattern, the texts its prefilter leaves), found once, not timed
    for doc in docs:
        ctx = LintContext(doc)
        for rule in rules:
            if rule.kind == "pattern":
                c = rule.checker
                searches.append((c.regex, [b.text for b in ctx.blocks_containing(c.needles, c.scope) if b.text]))

    def search_all() -> None:
        for pattern, texts in searches:
            for text in texts:
                for _ in pattern.finditer(text):
                    pass

    n = len(datas)
    return {
        "floor": _best(lambda: [floor(d) for d, _ in datas], n, repeat),
        "least reader": _best(lambda: [least(d) for d, _ in datas], n, repeat),
        "reader": _best(lambda: [read_document(d, name, options) for d, name in datas], n, repeat),
        "searches": _best(search_all, n, repeat),
        "rules": _best(lambda: [lint_document(doc, rules) for doc in docs], n, repeat),
        "searches per document": sum(len(texts) for _, texts in searches) / n,
        "docx": docx,
    }


def describe(c: dict[str, float], budget: float | None = None, budget_name: str = "") -> str:
    """The figures as the benchmarks print them; ``budget`` (ms per document) is what the target
    leaves for reading and linting one document."""
    bound = c["least reader"] + c["searches"]
    versus_floor = f" = {bound / c['floor']:.2f}x the floor" if c["docx"] else ""  # a TXT floor is a decode
    lines = [
        f"   where one document's time goes (in-process, ms per document, best of 5): floor {c['floor']:.2f}; "
        f"least reader with exact locations {c['least reader']:.2f}; draftlint's reader {c['reader']:.2f}; "
        f"the bare regex searches of the pattern rules ({c['searches per document']:.0f} per document, "
        f"on the blocks their prefilter leaves) {c['searches']:.2f}; all rules {c['rules']:.2f}",
        f"   least reader + bare searches = {bound:.2f} ms{versus_floor}: a lower bound for any Python linter "
        "that reads as above and matches these patterns with regex",
    ]
    if budget is not None:
        lines.append(f"   {budget_name}: {budget:.2f} ms per document; the lower bound is {bound / budget:.2f}x that")
    return "\n".join(lines)
