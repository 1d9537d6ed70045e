"""Detection quality: recall on real drafts, false findings on real finished documents.

Scores the default rules (no configuration file, as a new user runs them) on the labelled
corpora beside the checkout, with the conventions their READMEs give:

* ``drafts-wild`` (recall): a labelled row is found when a finding of one of its categories
  (``a|b`` means either) is on its line. Rows whose note starts ``EOF:`` (the cut at the very
  end of each stored excerpt) are left out. A *false hit* is an error or warning finding on a
  line of ``clean_lines.tsv``, except about half-width punctuation (the store folded it).
* ``clean-wild`` (false findings): every error or warning finding is false unless its line is in
  ``known-defects.tsv``, it is about full-width/half-width forms or a paragraph's leading spaces
  (the store folded full-width punctuation), or it is a cut (truncation, an unbalanced pair, an
  unfinished list) on the last non-empty line (the store cut each excerpt there).
* ``clean-zh``: error and warning findings, in all (the README lists the traps it holds).

Prints the table quoted in the README, then each missed row and each false finding, so a change
can be judged line by line. ``--brief`` prints the table only; ``--json FILE`` writes the figures.
Usage: ``python bench/quality.py [--brief] [--json FILE]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import SHARED, need  # noqa: E402

#: Categories in the order of the issue's table.
ORDER = ("placeholder", "boilerplate", "encoding", "duplicate", "wording", "figure", "redaction", "truncation", "structure")
#: Rules about the width of punctuation or a paragraph's leading spaces: the page store folded
#: full-width punctuation and the ideographic space, so on the web corpora they say nothing.
WIDTH_RULES = {"PU004"}
#: Categories of a cut that the store's end of excerpt explains on the last non-empty line.
CUT_CATEGORIES = {"truncation", "punctuation", "structure"}


class Hit(NamedTuple):
    line: int
    rule: str
    category: str
    severity: str
    match: str
    message: str


def _tsv(path: Path) -> list[list[str]]:
    rows = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            rows.append(raw.split("\t"))
    return rows


def lint_folder(folder: Path) -> tuple[dict[str, list[Hit]], dict[str, str]]:
    """Findings by file name, and each file's text, with the default rules and no configuration."""
    from draftlint.api import lint_paths

    texts = {p.name: p.read_text(encoding="utf-8-sig") for p in sorted(folder.rglob("*.txt"))}
    by_file: dict[str, list[Hit]] = defaultdict(list)
    for result in lint_paths([folder], isolated=True, jobs=None):
        if result.error:
            print(f"  ! {result.path}: {result.error}", file=sys.stderr)
        for f in result.findings:
            by_file[Path(f.path).name].append(
                Hit(f.line, f.rule, f.category, f.severity.label, f.match, f.message.get("zh"))
            )
    return by_file, texts


def counts(hits: list[Hit]) -> bool:
    return hits and hits[0].severity in ("error", "warning")


def score_drafts(folder: Path) -> dict:
    docs = need(folder / "docs")
    findings, _ = lint_folder(docs)
    rows = [r for r in _tsv(folder / "labels.tsv") if not r[3].startswith("EOF:")]
    found_by_cat: Counter = Counter()
    total_by_cat: Counter = Counter()
    misses = []
    for file, line, category, note in rows:
        cats = set(category.split("|"))
        first = category.split("|")[0]
        total_by_cat[first] += 1
        on_line = [h for h in findings.get(file, []) if h.line == int(line)]
        if any(h.category in cats for h in on_line):
            found_by_cat[first] += 1
        else:
            misses.append((file, int(line), category, note, on_line))
    false_hits = []
    clean = _tsv(folder / "clean_lines.tsv")
    for file, line in clean:
        bad = [
            h for h in findings.get(file, [])
            if h.line == int(line) and h.severity in ("error", "warning") and h.rule not in WIDTH_RULES
        ]
        if bad:
            false_hits.append((file, int(line), bad))
    return {
        "rows": len(rows),
        "found": sum(found_by_cat.values()),
        "by_category": {c: (found_by_cat[c], total_by_cat[c]) for c in ORDER if total_by_cat[c]},
        "clean_lines": len(clean),
        "false_hits": false_hits,
        "misses": misses,
    }


def _last_line(text: str) -> int:
    lines = text.split("\n")
    for n in range(len(lines), 0, -1):
        if lines[n - 1].strip():
            return n
    return 0


def score_clean_wild(folder: Path) -> dict:
    docs = need(folder / "docs")
    findings, texts = lint_folder(docs)
    known = {(r[0], int(r[1])) for r in _tsv(folder / "known-defects.tsv")}
    false = []
    explained = 0
    for file, hits in sorted(findings.items()):
        last = _last_line(texts[file])
        for h in hits:
            if h.severity not in ("error", "warning") or h.rule in WIDTH_RULES:
                continue
            if h.line == last and h.category in CUT_CATEGORIES:
                continue
            if (file, h.line) in known:
                explained += 1
                continue
            false.append((file, h))
    chars = sum(len(t) for t in texts.values())
    return {"chars": chars, "false": false, "explained": explained}


def score_clean_zh(folder: Path) -> dict:
    findings, texts = lint_folder(need(folder))
    serious = [(f, h) for f, hits in findings.items() for h in hits if h.severity in ("error", "warning")]
    return {"chars": sum(len(t) for t in texts.values()), "findings": serious}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--brief", action="store_true", help="print the table only")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    a = ap.parse_args()
    corpus = SHARED / "corpus"
    drafts = score_drafts(corpus / "drafts-wild")
    wild = score_clean_wild(corpus / "clean-wild")
    zh = score_clean_zh(corpus / "clean-zh")

    recall = drafts["found"] / drafts["rows"]
    wild_rate = len(wild["false"]) / wild["chars"] * 100_000
    zh_rate = len(zh["findings"]) / zh["chars"] * 100_000
    by_cat = " · ".join(f"{f}/{t}" for f, t in drafts["by_category"].values())
    names = " · ".join(drafts["by_category"])
    wild_rules = Counter(h.rule for _, h in wild["false"])
    zh_rules = Counter(h.rule for _, h in zh["findings"])
    print("| measure (default rules) | value |")
    print("|---|---|")
    print(f"| drafts-wild: labelled rows found (`EOF:` cuts left out) | **{drafts['found']} / {drafts['rows']} = {recall:.2f}** |")
    print(f"| — {names} | {by_cat} |")
    print(f"| drafts-wild: clean lines with an error/warning finding | {len(drafts['false_hits'])} / {drafts['clean_lines']} |")
    print(
        f"| clean-wild: false error/warning findings | **{len(wild['false'])} in {wild['chars']:,} chars = "
        f"{wild_rate:.1f} per 100k** {_top(wild_rules)} |"
    )
    print(
        f"| clean-zh: error/warning findings | {len(zh['findings'])} in {zh['chars'] / 1e6:.2f} M chars = "
        f"{zh_rate:.1f} per 100k {_top(zh_rules)} |"
    )
    if a.json:
        Path(a.json).write_text(
            json.dumps(
                {
                    "drafts_wild": {"found": drafts["found"], "rows": drafts["rows"], "by_category": drafts["by_category"],
                                    "false_hits": len(drafts["false_hits"]), "clean_lines": drafts["clean_lines"]},
                    "clean_wild": {"false": len(wild["false"]), "chars": wild["chars"], "by_rule": dict(wild_rules)},
                    "clean_zh": {"findings": len(zh["findings"]), "chars": zh["chars"], "by_rule": dict(zh_rules)},
                },
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )
    if a.brief:
        return
    print("\n## drafts-wild: missed rows")
    for file, line, category, note, on_line in drafts["misses"]:
        seen = ", ".join(sorted({f"{h.rule}:{h.category}" for h in on_line}))
        print(f"  {file}:{line}  [{category}]  {note}" + (f"   (on the line: {seen})" if seen else ""))
    print("\n## drafts-wild: false hits on clean lines")
    for file, line, hits in drafts["false_hits"]:
        for h in hits:
            print(f"  {file}:{line}  {h.rule} {h.severity}  「{h.match}」 {h.message}")
    print("\n## clean-wild: false findings")
    for file, h in wild["false"]:
        print(f"  {file}:{h.line}  {h.rule} {h.severity}  「{h.match}」 {h.message}")
    print("\n## clean-zh: error/warning findings")
    for file, h in zh["findings"]:
        print(f"  {file}:{h.line}  {h.rule} {h.severity}  「{h.match}」 {h.message}")


def _top(rules: Counter) -> str:
    if not rules:
        return ""
    return "(" + ", ".join(f"{r} ×{n}" for r, n in rules.most_common(4)) + ")"


if __name__ == "__main__":
    main()
