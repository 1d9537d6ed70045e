"""Inline suppressions: the author's ``draftlint: ignore`` where a finding is accepted.

TXT: a line ``<!-- draftlint-disable-next-line PH001 -->`` silences the next line, and
``# draftlint: ignore PH001`` at the end of a line silences that line. DOCX: a Word comment whose
text starts with ``draftlint: ignore`` silences its commented range (read by
:mod:`draftlint.readers.docx_comments`). Without rule ids every rule is silenced there.

Directives are taken out of the TXT text before rules run, so they never produce findings of
their own. A suppression that silenced nothing is reported by the ``unused-suppression`` rule.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import Iterable

from .model import Document, Finding, Suppression

#: The rule ids a directive names (``PH001, st``), as a pattern's ``rules`` group.
RULE_IDS = r"(?P<rules>[A-Za-z0-9_,，\s-]*?)"


@cache
def directive(kind: str) -> "re.Pattern[str]":
    """The directive patterns, compiled at the first text that mentions draftlint: most
    documents have none, and compiling all three cost every process 2 ms at import."""
    return re.compile({
        "next-line": r"^\s*<!--\s*draftlint-disable-next-line\b" + RULE_IDS + r"\s*-->\s*$",
        "end-of-line": r"[ \t\u3000]*#\s*draftlint\s*[:：]\s*ignore\b" + RULE_IDS + r"\s*$",
        "comment": r"^\s*draftlint\s*[:：]\s*ignore\b(?P<rules>.*)$",
    }[kind], re.DOTALL if kind == "comment" else 0)


def parse_rules(text: str) -> tuple[str, ...]:
    """``"PH001, st005"`` → ``("PH001", "ST005")``: ids or id prefixes, comma or space separated."""
    return tuple(t.upper() for t in re.split(r"[\s,，]+", text or "") if t)


def comment_directive(text: str) -> tuple[str, ...] | None:
    """The rules a Word comment's text suppresses, or None when it is not a directive."""
    if "draftlint" not in text:
        return None
    m = directive("comment").match(text)
    if m is None:
        return None
    # Only the first line names rules; the reviewer may explain why on the following lines.
    return parse_rules(m.group("rules").strip().split("\n", 1)[0])


def extract_txt_directives(document: Document) -> Document:
    """Take directives out of a TXT document's lines and record them as suppressions."""
    blocks = list(document.blocks)
    found: list[Suppression] = []
    for i, block in enumerate(blocks):
        text = block.text
        if "draftlint" not in text:
            continue
        m = directive("next-line").match(text)
        if m is not None:
            blocks[i] = block._replace(text="", marks=())
            if i + 1 < len(blocks):
                found.append(Suppression(i + 1, 0, i + 1, 1 << 30, parse_rules(m.group("rules")), block.line))
            continue
        m = directive("end-of-line").search(text)
        if m is not None:
            kept = text[: m.start()]
            marks = tuple(mk for mk in block.marks if mk.end <= len(kept))
            blocks[i] = block._replace(text=kept, marks=marks)
            found.append(Suppression(i, 0, i, 1 << 30, parse_rules(m.group("rules")), block.line))
    if not found:
        return document
    return replace(document, blocks=blocks, suppressions=[*document.suppressions, *found])


def _names(s: Suppression, ids: Iterable[str]) -> bool:
    return not s.rules or any(i.startswith(r) for r in s.rules for i in ids)


def apply(
    findings: list[Finding], suppressions: Iterable[Suppression], ran: Iterable[str],
    former: dict[str, tuple[str, ...]] | None = None,
) -> tuple[list[Finding], list[Suppression]]:
    """Drop suppressed findings. Return the rest and the suppressions that silenced nothing
    although a rule they name ran (naming only rules that were not selected is not "unused").
    ``former`` gives a rule's earlier ids, which a directive written before a rename still uses."""
    suppressions = list(suppressions)
    if not suppressions:
        return findings, []
    former = former or {}
    used: set[int] = set()
    kept: list[Finding] = []
    for f in findings:
        ids = (f.rule, *former.get(f.rule, ()))
        hit = [i for i, s in enumerate(suppressions) if _names(s, ids) and s.covers(f.block.index, f.start, f.end)]
        if hit:
            used.update(hit)
        else:
            kept.append(f)
    ran = [*ran, *(old for olds in former.values() for old in olds)]
    unused = [
        s
        for i, s in enumerate(suppressions)
        if i not in used and (not s.rules or any(r.startswith(x) for x in s.rules for r in ran))
    ]
    return kept, unused


def drop_allowed(findings: list[Finding], terms: Iterable[str]) -> list[Finding]:
    """Drop findings whose match lies inside an occurrence of an allowed term (``X计划``)."""
    terms = [t for t in terms if t]
    if not terms:
        return findings

    def allowed(f: Finding) -> bool:
        text = f.block.text
        for term in terms:
            i = text.find(term)
            while i != -1:
                if i <= f.start and f.end <= i + len(term):
                    return True
                i = text.find(term, i + 1)
        return False

    return [f for f in findings if not allowed(f)]
