"""The ``draftlint`` command line."""

from __future__ import annotations

import os
import sys

import click

from . import __version__
from .model import Severity
from .ruleset import RuleFileError, RuleSet, load_rules

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
LANGS = ("zh", "en")


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _load(rule_dirs: tuple[str, ...]) -> RuleSet:
    try:
        return load_rules([*rule_dirs])
    except RuleFileError as exc:
        click.echo(f"draftlint: {exc}", err=True)
        sys.exit(EXIT_ERROR)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="draftlint")
def main() -> None:
    """Find unfilled placeholders, empty sections, cut-off sentences and broken figures in drafts
    of Chinese official documents (DOCX and TXT).

    \b
    Examples:
      draftlint check 报告.docx            lint one file
      draftlint check drafts/ --format json
      draftlint rules                      list every rule
      draftlint rule PH001                 one rule with its examples
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format.")
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules: ids, id prefixes (PH, ST00), names or categories; comma-separated or repeated.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules (same forms as --select).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="warning", show_default=True, help="Lowest severity that makes the exit code 1.")
@click.option("--lang", type=click.Choice(LANGS), default=None, help="Language of messages: zh (default) or en. Also DRAFTLINT_LANG.")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(exists=True), metavar="DIR", help="Add your own rule files (a folder of *.yaml or one file).")
@click.option("--color/--no-color", default=None, help="Force colour on or off (default: on for a terminal, off with NO_COLOR).")
@click.option("--include-comments", is_flag=True, help="Also lint reviewers' comments in DOCX files (not linted by default).")
def check(paths, fmt, select, ignore, fail_on, lang, rule_dirs, color, include_comments) -> None:
    """Lint files and folders (TXT, DOCX/DOCM/DOTX/DOTM; DOC, WPS, ODT and RTF through
    LibreOffice; folders are searched, hidden ones skipped).

    \b
    Exit codes: 0 nothing at or above --fail-on, 1 findings,
                2 usage error or a file that could not be read.
    """
    from .discovery import discover
    from .readers import ReaderOptions
    from .reporters import json as json_reporter
    from .reporters import text as text_reporter
    from .runner import run

    lang = lang or os.environ.get("DRAFTLINT_LANG", "zh")
    if lang not in LANGS:
        lang = "zh"
    if not paths:
        raise click.UsageError("give at least one file or folder, e.g. draftlint check 报告.docx")
    rules = _load(rule_dirs)
    selectors = _split(select) + _split(ignore)
    unknown = rules.unknown_selectors(selectors)
    if unknown:
        raise click.UsageError(f"no rule matches {', '.join(unknown)} (see draftlint rules)")
    rules = rules.select(_split(select), _split(ignore))
    result = run(discover(list(paths)), rules, ReaderOptions(include_comments=include_comments))
    out = click.get_text_stream("stdout")
    if fmt == "json":
        json_reporter.write(result, out, lang)
    else:
        if color is None and os.environ.get("NO_COLOR"):
            color = False
        text_reporter.write(result, out, lang, color)
    threshold = Severity.parse(fail_on)
    if result.errors:
        sys.exit(EXIT_ERROR)
    if any(f.severity >= threshold for f in result.findings):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(LANGS), default=None)
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(exists=True), metavar="DIR", help="Include your own rule files.")
def list_rules(fmt, lang, rule_dirs) -> None:
    """List every rule: id, category, severity, name and message."""
    import json

    from rich.console import Console
    from rich.table import Table

    lang = lang or os.environ.get("DRAFTLINT_LANG", "zh")
    rules = _load(rule_dirs)
    if fmt == "json":
        click.echo(json.dumps([_rule_dict(r, lang) for r in rules], ensure_ascii=False, indent=2))
        return
    table = Table(show_lines=False, box=None, pad_edge=False)
    for col in ("id", "category", "severity", "name", "message" if lang == "en" else "提示"):
        table.add_column(col)
    for r in rules:
        table.add_row(r.id, r.category, r.severity.label, r.name, r.message.get(lang))
    Console(soft_wrap=False).print(table)


@main.command("rule")
@click.argument("rule_id")
@click.option("--lang", type=click.Choice(LANGS), default=None)
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(exists=True), metavar="DIR")
def show_rule(rule_id, lang, rule_dirs) -> None:
    """Show one rule (by id or name) with its description and examples."""
    lang = lang or os.environ.get("DRAFTLINT_LANG", "zh")
    rules = _load(rule_dirs)
    rule = rules.get(rule_id)
    if rule is None:
        raise click.UsageError(f"no rule {rule_id!r} (see draftlint rules)")
    en = lang == "en"
    click.echo(f"{rule.id} {rule.name}  [{rule.category}, {rule.severity.label}]")
    click.echo(f"{'message' if en else '提示'}: {rule.message.get(lang)}")
    click.echo(f"{'kind' if en else '类型'}: {rule.kind}" + (f"  pattern: {rule.pattern}" if rule.pattern else ""))
    if rule.description:
        click.echo("")
        click.echo(rule.description)
    click.echo("")
    click.echo("flags:" if en else "会报告：")
    for ex in rule.flag_examples:
        click.echo("  ✗ " + ex.text.replace("\n", "\n    "))
    click.echo("passes:" if en else "不报告：")
    for ex in rule.pass_examples:
        click.echo("  ✓ " + ex.text.replace("\n", "\n    "))
    click.echo(f"\n{'defined in' if en else '定义于'} {rule.source}")


def _rule_dict(rule, lang: str) -> dict:
    return {
        "id": rule.id,
        "name": rule.name,
        "category": rule.category,
        "severity": rule.severity.label,
        "kind": rule.kind,
        "message": rule.message.get(lang),
        "description": rule.description,
        "source": rule.source,
    }
