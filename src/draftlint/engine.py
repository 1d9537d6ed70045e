"""Run rules over a document and turn their hits into findings.

:func:`read_and_lint` is a pure function of (bytes, name, rules, settings): it reads, analyses and
lints one file, so it can run in any process, in any order, at archive scale. Everything that
lints a file with a configuration (``check``, the Python API, the cache, Spark) goes through
:func:`draftlint.runner.lint_file`, which chooses the rules from the settings and calls it.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, Callable, Iterator

from . import prebuilt, prefilter
from .model import Block, Document, FileResult, Finding, Hit, Message
from .normalise import NormalText, normalise
from .readers import ReadError, ReaderOptions, read_document
from .ruleset import Rule, RuleSet
from .settings import Settings
from .structure import Outline


class LintContext:
    """What a checker may look at: the document, its outline, and a per-document cache."""

    def __init__(self, document: Document, settings: Settings | None = None):
        self.document = document
        self.blocks = document.blocks
        #: The file's settings, which checkers may read (``required_sections``).
        self.settings = settings or Settings()
        #: Suppressions that silenced nothing; filled before ``unused-suppression`` rules run.
        self.unused_suppressions: list = []
        self._cache: dict[str, Any] = {}

    @cached_property
    def outline(self) -> Outline:
        return Outline(self.document)

    def cached(self, key: str, compute: Callable[[], Any]) -> Any:
        """Share one analysis between the rules that need it (e.g. numbering for ST001-ST003)."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    @cached_property
    def anonymised(self) -> bool:
        """Whether the text anonymises people on purpose (court cases: 张某, 李某某)."""
        from .checkers.indefinite import is_anonymised

        return is_anonymised(self.blocks)

    @cached_property
    def index(self) -> prefilter.BlockIndex:
        """The blocks joined (``index.text``), to find at C speed the blocks holding some text."""
        return prefilter.BlockIndex([b.text for b in self.blocks])

    @cached_property
    def normal_texts(self) -> list[NormalText]:
        """Each block's normalised view (:mod:`draftlint.normalise`), the text rules match on."""
        return [normalise(b.text) for b in self.blocks]

    def normal(self, block: Block) -> NormalText:
        return self.normal_texts[block.index]

    @cached_property
    def normal_index(self) -> prefilter.BlockIndex:
        """The normalised views joined, as :attr:`index` joins the original texts."""
        return prefilter.BlockIndex([n.text for n in self.normal_texts])

    def blocks_containing(self, needles: "frozenset[str] | None", scope: str = "all", normal: bool = True) -> Iterator[Block]:
        """The blocks in ``scope`` whose normalised view (or, with ``normal=False``, whose text)
        holds one of ``needles`` (all blocks when ``needles`` is None): where a rule whose
        matches all contain one of those strings can match."""
        if needles is None or not prefilter.ENABLED:
            return self.blocks_in_scope(scope)
        index = self.normal_index if normal else self.index
        candidates = (self.blocks[i] for i in index.blocks_containing(needles))
        if scope == "all":
            return candidates
        headings = scope == "headings"
        return (b for b in candidates if self.is_heading(b) == headings)

    def is_heading(self, block: Block) -> bool:
        h = self.outline.by_block.get(block.index)
        return h is not None and h.standalone

    def blocks_in_scope(self, scope: str) -> Iterator[Block]:
        if scope == "all":
            return iter(self.blocks)
        if scope == "headings":
            return (b for b in self.blocks if self.is_heading(b))
        return (b for b in self.blocks if not self.is_heading(b))


def _finding(rule: Rule, doc: Document, ctx: LintContext, hit: Hit) -> Finding:
    block = doc.blocks[hit.block]
    slots = (("match", block.text[hit.start : hit.end]), *hit.slots.items())
    return Finding(
        rule=rule.id,
        category=rule.category,
        severity=rule.severity,
        message=Message(rule.message, slots),
        path=doc.path,
        block=block,
        start=hit.start,
        end=hit.end,
        fix=hit.fix,
        heading_path=ctx.outline.heading_path(block.index),
    )


def lint_document(
    document: Document, rules: RuleSet, settings: Settings | None = None, errors: list[str] | None = None
) -> list[Finding]:
    """Every finding of ``rules`` in ``document``, sorted by place.

    One problem is reported once: within a category, a finding whose span lies inside a pattern
    rule's match (same block) is dropped, and of two with the same span the rule listed first
    stays (a content-control prompt is PH008, not also PH007 and PH009). Findings of built-in
    checkers (a cut-off copy, counted pinyin, a per-document summary) hide nothing.
    Findings inside the author's suppressions and on ``allow``-ed terms are dropped; then the
    ``unused-suppression`` rules report the suppressions that silenced nothing.

    A rule whose search runs past its time limit is stopped; the reason, naming the rule, is
    appended to ``errors`` (or raised as TimeoutError when no list is given) and the other
    rules still run.
    """
    from .checkers.pattern import MatchTimeout
    from .checkers import KINDS
    from .suppression import apply, drop_allowed

    ctx = LintContext(document, settings)
    findings: list[Finding] = []
    order = {rule.id: n for n, rule in enumerate(rules)}

    def run(rule: Rule) -> None:
        if rule.skip_anonymised and ctx.anonymised:
            return
        try:
            for hit in rule.checker(ctx):
                findings.append(_finding(rule, document, ctx, hit))
        except (MatchTimeout, TimeoutError) as exc:
            where = ""
            if isinstance(exc, MatchTimeout):
                block = document.blocks[exc.block]
                where = f" in paragraph {block.paragraph}" if block.paragraph is not None else ""
            reason = f"rule {rule.id} ({rule.source}) stopped{where}: {exc}; the other rules ran"
            if errors is None:
                raise TimeoutError(reason) from None
            errors.append(reason)

    later = [rule for rule in rules if KINDS[rule.kind].after_suppressions]
    for rule in rules:
        if not KINDS[rule.kind].after_suppressions:
            run(rule)
    findings = _one_per_problem(findings, order, {rule.id for rule in rules if KINDS[rule.kind].single_match})
    former = {r.id: r.replaces for r in rules if r.replaces}
    findings, ctx.unused_suppressions = apply(findings, document.suppressions, [r.id for r in rules], former)
    findings = drop_allowed(findings, ctx.settings.allow)
    for rule in later:
        run(rule)
    findings.sort(key=Finding.sort_key)
    return findings


def _one_per_problem(findings: list[Finding], order: dict[str, int], single_matches: set[str]) -> list[Finding]:
    """Drop a finding that repeats another of its category: its span lies inside one pattern
    match. Checker findings (a cut-off copy, pinyin counted over a paragraph, a once-per-document
    summary) hide nothing."""
    findings.sort(key=lambda f: (f.block.index, f.category, f.start, -(f.end - f.start), order[f.rule]))
    kept: list[Finding] = []
    for f in findings:
        if kept and any(
            k.block.index == f.block.index
            and k.category == f.category
            and k.start <= f.start
            and f.end <= k.end
            and k.rule in single_matches
            for k in kept[-8:]
        ):
            continue
        kept.append(f)
    return kept


def read_and_lint(
    data: bytes,
    path: str,
    rules: RuleSet,
    settings: Settings | None = None,
    options: ReaderOptions | None = None,
) -> FileResult:
    """Read and lint one file's bytes. Never raises: bad input, and any bug the file runs into,
    is the file's error in the result, and the run goes on with the other files (the error
    boundary every command shares: check, annotate, fix, Spark, the API)."""
    from .readers import format_of
    from .reasons import internal_error

    fmt = format_of(path)
    try:
        document = read_document(data, path, options or ReaderOptions())
    except ReadError as exc:
        return FileResult(path=path, format=fmt, error=str(exc))
    except RecursionError:
        return FileResult(path=path, format=fmt, error="document nested too deeply to read")
    except Exception as exc:  # noqa: BLE001 - the boundary: a bug is this file's error, not the run's end
        return FileResult(path=path, format=fmt, error=internal_error(exc))
    errors: list[str] = []
    try:
        findings = lint_document(document, rules, settings, errors)
    except Exception as exc:  # noqa: BLE001 - as above
        return FileResult(path=path, format=document.format, encoding=document.encoding, error=internal_error(exc))
    # what the first document of a process built (the literal database, OpenCC's table) is kept
    # for the next process, whichever ran this: the command line's workers or a Spark executor
    prebuilt.save()
    return FileResult(
        path=path,
        format=document.format,
        encoding=document.encoding,
        findings=findings,
        error="; ".join(errors) or None,
        characters=document.text_length,
    )

