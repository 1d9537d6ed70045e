"""Run rules over a document and turn their hits into findings.

:func:`lint_bytes` is a pure function of (bytes, name, rules): it reads, analyses and lints one
file, so it can run in any process, in any order, at archive scale.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, Iterator

from .model import Block, Document, Finding, LocalizedText
from .readers import ReadError, ReaderOptions, read_document
from .ruleset import Hit, Rule, RuleSet
from .structure import Outline

CONTEXT_CHARS = 20


class LintContext:
    """What a checker may look at: the document, its outline, and a per-document cache."""

    def __init__(self, document: Document):
        self.document = document
        self.blocks = document.blocks
        self._cache: dict[str, Any] = {}

    @cached_property
    def outline(self) -> Outline:
        return Outline(self.document)

    def cached(self, key: str, compute: Callable[[], Any]) -> Any:
        """Share one analysis between the rules that need it (e.g. numbering for ST001-ST003)."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def is_heading(self, block: Block) -> bool:
        h = self.outline.by_block.get(block.index)
        return h is not None and h.standalone

    def blocks_in_scope(self, scope: str) -> Iterator[Block]:
        if scope == "all":
            return iter(self.blocks)
        if scope == "headings":
            return (b for b in self.blocks if self.is_heading(b))
        return (b for b in self.blocks if not self.is_heading(b))


class _Slots(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


_FORMATTER = string.Formatter()


def render(template: str, slots: dict[str, str]) -> str:
    try:
        return _FORMATTER.vformat(template, (), _Slots(slots))
    except (ValueError, IndexError):
        return template


def context_of(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    lo, hi = max(0, start - width), min(len(text), end + width)
    return ("…" if lo > 0 else "") + text[lo:hi] + ("…" if hi < len(text) else "")


def _finding(rule: Rule, doc: Document, ctx: LintContext, hit: Hit) -> Finding:
    block = doc.blocks[hit.block]
    match = block.text[hit.start : hit.end]
    slots = {"match": match, **hit.slots}
    message = LocalizedText(zh=render(rule.message.zh, slots), en=render(rule.message.en, slots))
    return Finding(
        rule=rule.id,
        category=rule.category,
        severity=rule.severity,
        message=message,
        path=doc.path,
        block=block,
        start=hit.start,
        end=hit.end,
        match=match,
        context=context_of(block.text, hit.start, hit.end),
        fix=hit.fix,
        heading_path=ctx.outline.heading_path(block.index),
    )


def lint_document(document: Document, rules: RuleSet) -> list[Finding]:
    """Every finding of ``rules`` in ``document``, sorted by place, one per rule and span."""
    ctx = LintContext(document)
    findings: list[Finding] = []
    seen: set[tuple[str, int, int, int]] = set()
    for rule in rules:
        for hit in rule.checker(ctx):
            key = (rule.id, hit.block, hit.start, hit.end)
            if key in seen:
                continue
            seen.add(key)
            findings.append(_finding(rule, document, ctx, hit))
    findings.sort(key=Finding.sort_key)
    return findings


@dataclass
class FileResult:
    """The outcome for one file: its document (or the reason it could not be read) and findings."""

    path: str
    format: str | None
    encoding: str | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    characters: int = 0


def lint_bytes(data: bytes, path: str, rules: RuleSet, options: ReaderOptions | None = None) -> FileResult:
    """Read and lint one file's bytes. Never raises for bad input: the error is in the result."""
    from .readers import format_of

    fmt = format_of(path)
    try:
        document = read_document(data, path, options or ReaderOptions())
    except ReadError as exc:
        return FileResult(path=path, format=fmt, error=str(exc))
    except RecursionError:
        return FileResult(path=path, format=fmt, error="document nested too deeply to read")
    return FileResult(
        path=path,
        format=document.format,
        encoding=document.encoding,
        findings=lint_document(document, rules),
        characters=document.text_length,
    )


def lint_text(text: str, rules: RuleSet, path: str = "<text>") -> list[Finding]:
    """Lint a string as if it were a UTF-8 TXT file (one line per block)."""
    from .readers.txt import split_lines

    blocks = [Block(text=line, index=i, paragraph=i + 1) for i, line in enumerate(split_lines(text))]
    return lint_document(Document(path=path, format="txt", blocks=blocks, encoding="utf-8"), rules)
