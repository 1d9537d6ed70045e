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
      draftlint annotate 报告.docx         copy with a Word comment per finding
      draftlint fix 报告.docx              copy with fixes as tracked changes
      draftlint check drafts/ --format html -o report.html
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True, help="Output format (html: one self-contained page).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write the report to this file (atomically) instead of the screen.")
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules: ids, id prefixes (PH, ST00), names or categories; comma-separated or repeated.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules (same forms as --select).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="warning", show_default=True, help="Lowest severity that makes the exit code 1.")
@click.option("--lang", type=click.Choice(LANGS), default=None, help="Language of messages: zh (default) or en. Also DRAFTLINT_LANG.")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(exists=True), metavar="DIR", help="Add your own rule files (a folder of *.yaml or one file).")
@click.option("--color/--no-color", default=None, help="Force colour on or off (default: on for a terminal, off with NO_COLOR).")
@click.option("--annotate", is_flag=True, help="Also write 名称.draftlint.docx beside each DOCX, with a Word comment per finding.")
@click.option("--fix", "apply_fixes", is_flag=True, help="Apply safe fixes to TXT files in place (DOCX: use draftlint fix).")
@click.option("--diff", "show_diff", is_flag=True, help="Show the fixes as a diff without writing anything.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix/--diff, also apply fixes that are likely but not certain.")
def check(paths, fmt, select, ignore, fail_on, lang, rule_dirs, color, output, annotate, apply_fixes, show_diff, unsafe_fixes) -> None:
    """Lint files and folders (TXT and DOCX; folders are searched, hidden ones skipped).

    \b
    Exit codes: 0 nothing at or above --fail-on, 1 findings,
                2 usage error or a file that could not be read.
    """
    import io

    from .discovery import discover
    from .reporters import html as html_reporter
    from .reporters import json as json_reporter
    from .reporters import text as text_reporter
    from .runner import run

    lang = _lang(lang)
    if not paths:
        raise click.UsageError("give at least one file or folder, e.g. draftlint check 报告.docx")
    rules = _selected(rule_dirs, select, ignore)
    result = run(discover(list(paths)), rules)
    failed = False
    if apply_fixes or show_diff:
        from .outputs import apply_txt_fixes

        result, failed = apply_txt_fixes(result, unsafe_fixes, write=apply_fixes, show_diff=show_diff, lang=lang)
    if annotate:
        from .outputs import annotate_file

        for r in result.files:
            if r.error is None and r.format == "docx":
                msg, ok = annotate_file(r, None, lang)
                click.echo(msg, err=True)
                failed |= not ok
    out = io.StringIO() if output else click.get_text_stream("stdout")
    if fmt == "json":
        json_reporter.write(result, out, lang)
    elif fmt == "html":
        html_reporter.write(result, out, lang)
    else:
        if color is None and (os.environ.get("NO_COLOR") or output):
            color = False
        text_reporter.write(result, out, lang, color)
    if output:
        from .writers.atomic import write_atomic

        write_atomic(output, out.getvalue().encode("utf-8"))
    threshold = Severity.parse(fail_on)
    if result.errors or failed:
        sys.exit(EXIT_ERROR)
    if any(f.severity >= threshold for f in result.findings):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


def _lang(lang: str | None) -> str:
    lang = lang or os.environ.get("DRAFTLINT_LANG", "zh")
    return lang if lang in LANGS else "zh"


def _selected(rule_dirs, select, ignore) -> RuleSet:
    rules = _load(rule_dirs)
    unknown = rules.unknown_selectors(_split(select) + _split(ignore))
    if unknown:
        raise click.UsageError(f"no rule matches {', '.join(unknown)} (see draftlint rules)")
    return rules.select(_split(select), _split(ignore))


def _lint_docx(paths, rule_dirs, select, ignore):
    from .discovery import discover
    from .runner import run

    if not paths:
        raise click.UsageError("give at least one DOCX file or folder")
    return run(discover(list(paths)), _selected(rule_dirs, select, ignore))


_WRITER_OPTIONS = [
    click.option("--select", multiple=True, metavar="RULES", help="Only these rules (as for check)."),
    click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules (as for check)."),
    click.option("--lang", type=click.Choice(LANGS), default=None, help="Language of the comments: zh (default) or en."),
    click.option("--rules", "rule_dirs", multiple=True, type=click.Path(exists=True), metavar="DIR", help="Add your own rule files."),
]


def _writer_options(fn):
    for option in reversed(_WRITER_OPTIONS):
        fn = option(fn)
    return fn


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output-dir", type=click.Path(file_okay=False), default=None, help="Write the copies into this folder (default: beside each file).")
@_writer_options
def annotate(paths, output_dir, select, ignore, lang, rule_dirs) -> None:
    """Write a copy of each DOCX with every finding as a Word comment on the offending text.

    \b
    草稿.docx → 草稿.draftlint.docx (the original is never changed). Exit code 2 if a file
    could not be read or written, otherwise 0.
    """
    from .outputs import annotate_file

    lang = _lang(lang)
    if output_dir:
        os.makedirs(output_dir, exist_ok=True)
    result = _lint_docx(paths, rule_dirs, select, ignore)
    failed = False
    for r in result.files:
        if r.error is not None:
            click.echo(f"{r.path}: {'cannot read' if lang == 'en' else '无法读取'}: {r.error}", err=True)
            failed = True
            continue
        if r.path.endswith(".draftlint.docx") and len(paths) and r.path not in paths:
            continue  # an earlier annotated copy found in a folder
        msg, ok = annotate_file(r, output_dir, lang)
        click.echo(msg)
        failed |= not ok
    sys.exit(EXIT_ERROR if failed else EXIT_OK)


@main.command("fix")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Where to write the copy (default: 名称.fixed.docx beside it).")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that are likely but not certain.")
@_writer_options
def fix_command(path, output, unsafe_fixes, select, ignore, lang, rule_dirs) -> None:
    """Write a copy of a DOCX in which every safe fix is a Word tracked change (author draftlint).

    Accept or reject each change in Word. Placeholders are never fixed. The original is not changed.
    """
    from .outputs import fix_docx_file

    lang = _lang(lang)
    result = _lint_docx((path,), rule_dirs, select, ignore).files[0]
    if result.error is not None or result.format != "docx":
        click.echo(f"{path}: {result.error or 'not a DOCX file'}", err=True)
        sys.exit(EXIT_ERROR)
    msg, ok = fix_docx_file(result, output, unsafe_fixes, lang)
    click.echo(msg)
    sys.exit(EXIT_OK if ok else EXIT_ERROR)


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
