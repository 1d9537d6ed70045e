"""Run a rule's own examples: each ``flag`` example must be reported (quoting ``match`` when it
is given), each ``pass`` example must not. The test suite runs every built-in rule's examples
this way, and ``draftlint test-rules DIR`` runs those of your own rule files, so that a rule
whose pattern never fires, or whose examples are the wrong way round, is found before it is
trusted (as sqlfluff's YAML cases and Vale's fixtures are).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator, NamedTuple

from .engine import lint_document
from .model import Block, Document, Mark
from .ruleset import Example, Rule, RuleSet
from .settings import Settings


class Failure(NamedTuple):
    """One example that did not do what its rule file says."""

    rule: Rule
    kind: str  # "flag" or "pass"
    text: str
    reason: str


def example_document(example: Example) -> Document:
    """The example as a one-file TXT document: each line a paragraph, its marks on the first.
    An example with ``layout`` or ``page`` is a DOCX's body instead, formatted as they say."""
    from .readers.txt import split_lines
    from .suppression import extract_txt_directives

    blocks = []
    for i, line in enumerate(split_lines(example.text)):
        marks = tuple(Mark(s, e, k) for s, e, k in example.marks) if i == 0 else ()
        blocks.append(Block(text=line, index=i, paragraph=i + 1, marks=marks))
    if example.layout is None and example.page is None:
        return extract_txt_directives(Document(path="<example>", format="txt", blocks=blocks, encoding="utf-8"))
    return _laid_out(example, blocks)


def _laid_out(example: Example, blocks: list[Block]) -> Document:
    """The example's lines as the body of a DOCX, with the formatting ``layout`` gives each line
    (what a line does not say is unknown, and not checked) and the page ``page`` gives."""
    from .model import BlockLayout, FontSpan, PageNumber, SectionLayout

    lines = list(example.layout or ())
    out = []
    for block in blocks:
        spec = lines[block.index] if block.index < len(lines) else {}
        span = FontSpan(0, len(block.text), spec.get("font"), spec.get("latin", spec.get("font")), spec.get("size"), bool(spec.get("bold")))
        line = spec.get("line")
        out.append(block._replace(layout=BlockLayout(
            (span,), spec.get("align"), spec.get("indent"), line, "exact" if line is not None else "unknown")))
    sections = []
    if example.page is not None:
        page = example.page
        number = page.get("page-number")
        numbers = () if number is None else (PageNumber("default", number, page.get("page-number-font"), page.get("page-number-size")),)
        sections.append(SectionLayout(1, 0, page.get("width"), page.get("height"), page.get("top"), page.get("bottom"),
                                      page.get("left"), page.get("right"), 0.0, None, None, numbers))
    return Document(path="<example>", format="docx", blocks=out, sections=sections)


def example_settings(example: Example) -> Settings | None:
    """The settings an example's ``config`` (keys of a configuration file) makes."""
    if example.config is None:
        return None
    from .config import parse
    from .runner import RunOptions, file_settings

    return file_settings(parse(example.config, Path("example.toml")), "<example>", RunOptions())


def check_example(rule: Rule, example: Example, kind: str) -> str | None:
    """Why ``example`` fails as a ``kind`` ("flag" or "pass") example of ``rule``, or None."""
    findings = lint_document(example_document(example), RuleSet([rule]), example_settings(example))
    if kind == "pass":
        return f"reported {[f.match for f in findings]}, but it is a pass example" if findings else None
    if not findings:
        return "not reported, but it is a flag example"
    quoted = [f.match for f in findings]
    if example.match is not None and example.match not in quoted:
        return f"reported {quoted}, but the example says the finding quotes {example.match!r}"
    return None


def failures(rules: RuleSet | list[Rule]) -> Iterator[Failure]:
    """Every example of ``rules`` that fails (the rule loader already refuses a rule without a
    flag and a pass example)."""
    for rule in rules:
        for kind, examples in (("flag", rule.flag_examples), ("pass", rule.pass_examples)):
            for example in examples:
                reason = check_example(rule, example, kind)
                if reason is not None:
                    yield Failure(rule, kind, example.text, reason)
