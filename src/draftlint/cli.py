"""The ``draftlint`` command line."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import click

from .clihelp import HelpGroup
from .installed import VERSION
from .model import STDIN_NAME, Severity
from .reporters import FORMATS as REPORT_FORMATS

if TYPE_CHECKING:  # rules load lazily, to keep a one-file pre-commit run fast
    from .ruleset import RuleSet

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
LANGS = ("zh", "en")


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _load(rule_dirs: tuple[str, ...]):
    from .ruleset import RuleFileError, load_rules

    try:
        return load_rules([*rule_dirs])
    except RuleFileError as exc:
        click.echo(f"draftlint: {exc}", err=True)
        sys.exit(EXIT_ERROR)


class _Group(HelpGroup):
    """The ``draftlint`` command: fits the standard streams before anything is printed. Its
    help, and that of every command added to it, is in Chinese unless asked for in English
    (:mod:`draftlint.clihelp`; the Chinese is in :mod:`draftlint.help_zh`)."""

    def main(self, *args, **kwargs):
        _fit_streams()
        return super().main(*args, **kwargs)


def _fit_streams() -> None:
    """Never stop on a character the terminal's encoding lacks (a legacy locale such as GBK,
    output redirected on Windows): print the nearest it has (the heading path's › as >, the
    examples' ✗ ✓ as × √), else "?". Before, help, rules and reports stopped there with a
    traceback, and then printed "?" for the marks a GBK terminal can show another way."""
    import codecs

    try:
        codecs.lookup_error(_NEAREST)
    except LookupError:
        codecs.register_error(_NEAREST, _nearest)
    for stream in (sys.stdout, sys.stderr):
        reconfigure, encoding = getattr(stream, "reconfigure", None), getattr(stream, "encoding", None)
        if reconfigure is None or not encoding:
            continue
        try:
            if codecs.lookup(encoding).name != "utf-8":
                reconfigure(errors=_NEAREST)
        except (LookupError, ValueError, OSError):
            pass


_NEAREST = "draftlint-nearest"
#: Stand-ins for the marks draftlint prints, nearest first; the first the encoding has is used.
_STAND_INS = {"›": ("＞", ">"), "✗": ("×", "x"), "✓": ("√", "v"), "…": ("...",), "⏎": ("↵", "/")}


def _nearest(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for ch in exc.object[exc.start : exc.end]:
        for stand_in in (*_STAND_INS.get(ch, ()), "?"):
            try:
                stand_in.encode(exc.encoding)
            except (UnicodeError, LookupError):
                continue
            out.append(stand_in)
            break
    return "".join(out), exc.end


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(VERSION, "-V", "--version", prog_name="draftlint")
@click.option("--debug", is_flag=True, help="With an internal error in a file, print its traceback (for a bug report; also DRAFTLINT_DEBUG=1).")
def main(debug: bool) -> None:
    """Find unfilled placeholders, empty sections, cut-off sentences and broken figures in drafts
    of Chinese official documents (DOCX, TXT and Markdown).

    \b
    Examples:
      draftlint check 报告.docx            lint one file
      draftlint check drafts/ --format json
      draftlint check . --since origin/main --format sarif -o draftlint.sarif
      draftlint init                       write a starter draftlint.toml
      draftlint rules                      list every rule
      draftlint rule PH001                 one rule with its examples
      draftlint test-rules my-rules/       run your own rule files' examples
      draftlint annotate 报告.docx         copy with a Word comment per finding
      draftlint fix 报告.docx              copy with fixes as tracked changes
      draftlint check drafts/ --format html -o report.html
      draftlint spark archive/ findings/   lint an archive on Apache Spark
      draftlint serve --open               check drafts in a web page
      draftlint lsp                        language server for editors
    """
    if debug:  # read where the error is made, in this process and in the workers it starts
        os.environ["DRAFTLINT_DEBUG"] = "1"


def _cache_dir() -> str | None:
    """DRAFTLINT_CACHE_DIR, else the user's cache folder (never the tree being linted)."""
    from .cache import default_folder

    return os.environ.get("DRAFTLINT_CACHE_DIR") or default_folder()


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="text", show_default=True, help="Output format: text (for people), concise (one line each), json (the contract), json-lines, sarif (code scanning), github (PR annotations), junit, html (one self-contained page).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE", help="Write the report to FILE (atomically) instead of standard output; without --format, its extension picks one (.html, .json, .jsonl, .sarif, .xml for JUnit).")
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules: ids, id prefixes (PH, ST00), names or categories; comma-separated or repeated. Replaces the configuration's select.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules (same forms as --select); adds to the configuration's ignore.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None, help="Lowest severity that makes the exit code 1 (default: warning, or fail-on in the configuration).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (unreadable files still exit 2).")
@click.option("--min-severity", type=click.Choice(["error", "warning", "info"]), default=None, help="Report only findings at or above this severity (the exit code follows what is reported).")
@click.option("-q", "--quiet", is_flag=True, help="Report errors only: the same as --min-severity error.")
@click.option("--statistics", is_flag=True, help="Print how many findings each rule produced instead of the findings.")
@click.option("--lang", type=click.Choice(LANGS), default=None, help="Language of messages: zh (default) or en. Also DRAFTLINT_LANG or lang in the configuration.")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(exists=True), metavar="DIR", help="Add your own rule files (a folder of *.yaml or one file).")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False), metavar="FILE", help="Use this configuration for every file instead of looking for draftlint.toml / pyproject.toml.")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--baseline", "baseline_file", type=click.Path(exists=True, dir_okay=False), metavar="FILE", help="Report only findings beyond the counts recorded in FILE.")
@click.option("--write-baseline", "write_baseline_file", type=click.Path(dir_okay=False), metavar="FILE", help="Record the current findings per file and rule in FILE and exit 0.")
@click.option("--since", "since", metavar="REF", help="Lint only files changed since the git REF (plus untracked files).")
@click.option("--diff-only", is_flag=True, help="Lint only files changed since HEAD (uncommitted and untracked); same as --since HEAD.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Processes to lint with (default: all cores).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache (in your cache folder, ~/.cache/draftlint/results; DRAFTLINT_CACHE_DIR moves it).")
@click.option("--color/--no-color", default=None, help="Force colour on or off (default: on for a terminal, off with NO_COLOR).")
@click.option("--annotate", is_flag=True, help="Also write 名称.draftlint.docx beside each DOCX, with a Word comment per finding.")
@click.option("--fix", "apply_fixes", is_flag=True, help="Apply safe fixes to TXT files in place (DOCX: use draftlint fix).")
@click.option("--diff", "show_diff", is_flag=True, help="Show the fixes as a diff without writing anything.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix/--diff, also apply fixes that are likely but not certain.")
@click.option("--include-comments", is_flag=True, help="Also lint reviewers' comments in DOCX files (not linted by default).")
@click.option("--layout", "layout", metavar="PROFILE", default=None, help="Check the layout of DOCX files against PROFILE: gbt9704 (GB/T 9704-2012), the path of your own profile, or off. Over layout in the configuration; off by default.")
@click.option("--stdin-filename", metavar="NAME", help=f"With the path - (read standard input): the name to lint it as, for its type, its configuration and the report (default {STDIN_NAME}).")
@click.option("--respect-gitignore/--no-respect-gitignore", default=None, help="Pass over what .gitignore matches when walking folders, as git status does (default: on, or respect-gitignore in the configuration).")
def check(paths, fmt, output, select, ignore, fail_on, exit_zero, min_severity, quiet, statistics, lang, rule_dirs, config_file, isolated,
          baseline_file, write_baseline_file, since, diff_only, jobs, no_cache, color, annotate, apply_fixes, show_diff,
          unsafe_fixes, include_comments, layout, stdin_filename, respect_gitignore) -> None:
    """Lint files and folders (TXT, Markdown, DOCX/DOCM/DOTX/DOTM; DOC, WPS, ODT and RTF
    through LibreOffice). Folders are searched, passing over hidden files and folders, annotated
    copies, Python virtual environments and what .gitignore matches. The path - reads one
    document from standard input (see --stdin-filename), as editors run it.

    Settings come from the nearest draftlint.toml, .draftlint.toml or pyproject.toml
    [tool.draftlint] above each file; options given here win.

    \b
    Exit codes: 0 nothing at or above --fail-on, 1 findings,
                2 usage or configuration error, or a file that could not be read.
    """
    from .reporters import STREAMED, format_of_file

    paths = _usage_checked(paths, since, diff_only, apply_fixes, show_diff, annotate, stdin_filename)
    if output and click.get_current_context().get_parameter_source("fmt") == click.core.ParameterSource.DEFAULT:
        fmt = format_of_file(output)  # -o r.html without --format writes HTML
    if select or ignore:
        _refuse_unknown_selectors(rule_dirs, select, ignore)
    # Reports that can be written file by file are, as the results arrive; the baseline,
    # fixes and annotations need the whole run first.
    whole = bool(write_baseline_file or baseline_file or apply_fixes or show_diff or annotate)
    streamed = not whole and (statistics or fmt in STREAMED)
    run = _lint(paths, since or ("HEAD" if diff_only else None), config_file, isolated, lang, respect_gitignore, stdin_filename,
                select, ignore, rule_dirs, jobs, no_cache, include_comments, _layout_option(layout),
                progress=not (streamed and not output and sys.stdout.isatty()), streamed=streamed)
    result, lang = run.result, run.lang
    if write_baseline_file:
        _write_baseline_and_exit(result, write_baseline_file)
    if baseline_file:
        result = _without_baseline(result, baseline_file, announce=fmt in ("text", "concise"))
    result, failed = _write_copies(result, run, apply_fixes, show_diff, unsafe_fixes, annotate)
    if quiet or min_severity:  # what is shown (and so the exit code); fixes and baselines saw all
        result = result.map(_at_least(Severity.parse("error" if quiet else min_severity)))
    _report(result, fmt, output, lang, color, statistics, rule_dirs)
    if output:  # the terminal gets one line: where the report went and what it holds
        click.echo(_written_line(output, result.tally, lang), err=True)
    sys.exit(_exit_code(result.tally, failed, Severity.parse(fail_on or run.config.fail_on or "warning"), exit_zero))


def _exit_code(tally, failed: bool, threshold: Severity, exit_zero: bool) -> int:
    """2 when a file could not be read or a copy not written; 1 for findings at ``threshold`` or above."""
    if tally.errors or failed:
        return EXIT_ERROR
    if not exit_zero and tally.worst is not None and tally.worst >= threshold:
        return EXIT_FINDINGS
    return EXIT_OK


def _usage_checked(paths, since, diff_only, apply_fixes, show_diff, annotate, stdin_filename) -> tuple[str, ...]:
    """The paths to lint (``.`` for --since alone), or a usage error for options that do not go together."""
    if not paths and (since or diff_only):
        paths = (".",)
    if not paths:
        raise click.UsageError("give at least one file or folder, e.g. draftlint check 报告.docx")
    from_stdin = "-" in paths
    if from_stdin and (len(paths) > 1 or since or diff_only):
        raise click.UsageError("- (standard input) is linted alone: not with other paths, --since or --diff-only")
    if from_stdin and (apply_fixes or show_diff or annotate):
        raise click.UsageError("--fix, --diff and --annotate work on files; standard input (-) has none")
    if stdin_filename is not None and not from_stdin:
        raise click.UsageError("--stdin-filename names standard input: give the path - with it")
    return paths


def _layout_option(layout: str | None) -> str | None:
    """--layout as settings hold it: a built-in profile's name, off, or a profile file's absolute path."""
    if layout is None or layout == "off":
        return layout
    from .checkers.layout import ProfileError, builtin_profiles, load_profile

    spec = layout if layout in builtin_profiles() else str(Path(layout).resolve())
    try:
        load_profile(spec)
    except ProfileError as exc:
        raise click.UsageError(f"--layout: {exc}") from None
    return spec


def _refuse_unknown_selectors(rule_dirs, select, ignore) -> None:
    unknown = _load(rule_dirs).unknown_selectors(_split(select) + _split(ignore))
    if unknown:
        raise click.UsageError(f"no rule matches {', '.join(unknown)} (see draftlint rules)")


class _Run(NamedTuple):
    """What ``check`` linted and how: the results, and what fixing them again needs."""

    result: Any  # a RunResult
    resolver: Any  # the configuration Resolver
    options: Any  # the RunOptions
    config: Any  # the configuration of the current folder (lang, fail-on)
    lang: str


def _lint(paths, since, config_file, isolated, lang, respect_gitignore, stdin_filename, select, ignore, rule_dirs, jobs,
          no_cache, include_comments, layout, progress: bool, streamed: bool) -> _Run:
    """Find the files (or read standard input) and lint them; exit 2 on a configuration error."""
    from .config import ConfigError, Resolver
    from .discovery import discover
    from .reporters import RunResult
    from .runner import RuleFilesError, RunOptions, lint_stdin, stream

    try:
        resolver = Resolver(config_file, isolated)
        run_config = resolver.for_folder(Path.cwd())
        lang = _lang(lang, run_config.lang)
        options = RunOptions(
            select=tuple(_split(select)), ignore=tuple(_split(ignore)), rule_dirs=tuple(rule_dirs), jobs=jobs,
            cache_dir=None if no_cache else _cache_dir(), include_comments=include_comments, layout=layout,
            # findings printed to the terminal as they come show the progress themselves
            progress=progress,
        )
        if paths == ("-",):
            results = iter([lint_stdin(sys.stdin.buffer, stdin_filename or STDIN_NAME, resolver, options)])
        else:
            if respect_gitignore is None:
                respect_gitignore = run_config.respect_gitignore is not False
            targets = discover(list(paths), respect_gitignore)
            _walk_notes(targets, lang)
            if since:
                targets = _changed_since(targets, since)
            results = stream(targets, resolver, options)
        return _Run(RunResult(results if streamed else list(results)), resolver, options, run_config, lang)
    except ConfigError as exc:
        kind = "rule file error" if isinstance(exc, RuleFilesError) else "configuration error"
        click.echo(f"draftlint: {kind}: {exc}", err=True)
        sys.exit(EXIT_ERROR)


def _changed_since(targets, ref: str):
    """The targets git lists as changed since ``ref`` or untracked (--since, --diff-only)."""
    from .gitfiles import GitError, changed_files

    try:
        changed = changed_files(ref)
    except GitError as exc:
        click.echo(f"draftlint: --since: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    return [t for t in targets if t.error is None and Path(t.path).resolve() in changed]


def _write_baseline_and_exit(result, path: str) -> None:
    from .baseline import write_baseline

    n = write_baseline(result, path)
    click.echo(f"draftlint: baseline {path}: {n} findings in {len(result.files)} files", err=True)
    sys.exit(EXIT_ERROR if result.errors else EXIT_OK)


def _without_baseline(result, baseline_file: str, announce: bool):
    """``result`` less the findings the baseline counts (--baseline)."""
    from .baseline import BaselineError, apply_baseline

    try:
        result, hidden = apply_baseline(result, baseline_file)
    except BaselineError as exc:
        click.echo(f"draftlint: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    if hidden and announce:
        click.echo(f"draftlint: {hidden} findings hidden by the baseline {baseline_file}", err=True)
    return result


def _write_copies(result, run: _Run, apply_fixes: bool, show_diff: bool, unsafe: bool, annotate: bool):
    """--fix / --diff and --annotate: the result to report and whether some copy failed."""
    failed = False
    if apply_fixes:  # (standard input was refused: it has no file to fix)
        result, failed = _fix_until_done(result, run.resolver, run.options, unsafe, show_diff, run.lang)
    elif show_diff:
        from .outputs import apply_txt_fixes

        result, failed, _ = apply_txt_fixes(result, unsafe, write=False, show_diff=True, lang=run.lang)
    if annotate:
        from .outputs import WORD_FORMATS, annotate_file

        for r in result.files:
            if r.error is None and r.format in WORD_FORMATS:
                msg, ok = annotate_file(r, None, run.lang)
                click.echo(msg, err=True)
                failed |= not ok
    return result, failed


def _written_line(output: str, tally, lang: str) -> str:
    """The terminal's one line when the report went to a file: where, and what it holds."""
    problems = sum(tally.by_severity.values())
    if lang == "en":
        line = (f"draftlint: report written to {output}: {problems} problem{'s' * (problems != 1)} "
                f"in {tally.files} file{'s' * (tally.files != 1)}")
        return line + (f", {tally.errors} could not be read" if tally.errors else "")
    line = f"draftlint：报告已写入 {output}：{tally.files} 个文件，{problems} 个问题"
    return line + (f"，{tally.errors} 个文件无法读取" if tally.errors else "")


#: Passes of --fix: a fix can make room for another (two that overlapped), so the fixed files
#: are linted and fixed again until a pass changes nothing, at most this many times.
MAX_FIX_PASSES = 10


def _fix_until_done(result, resolver, options, unsafe: bool, show_diff: bool, lang: str):
    """``check --fix``: fix the TXT files, lint what was fixed again and fix again, until nothing
    changes; the result is the last linting, so the report shows the fixed text. Says once per
    file how many fixes it got and which fixes could still not be applied."""
    from collections import Counter

    from .discovery import Target
    from .locations import display_path
    from .outputs import apply_txt_fixes, left_unfixed
    from .reporters import RunResult
    from .runner import run

    en = lang == "en"
    result, failed, fixed = apply_txt_fixes(result, unsafe, write=True, show_diff=show_diff, lang=lang)
    total = Counter(fixed)
    latest = {r.path: r for r in result.files}
    for _ in range(MAX_FIX_PASSES - 1):
        if not fixed:
            break
        again = run([Target(path) for path in fixed], resolver, options)
        relinted, more_failed, fixed = apply_txt_fixes(again, unsafe, write=True, show_diff=show_diff, lang=lang)
        failed |= more_failed
        total.update(fixed)
        latest.update({r.path: r for r in relinted.files})
    if fixed:  # the passes ran out: the files the last one fixed are linted once more, for the report
        final = run([Target(path) for path in fixed], resolver, options)
        latest.update({r.path: r for r in final.files})
    result = RunResult(files=[latest[r.path] for r in result.files])
    for path, n in total.items():
        click.echo(f"{display_path(path)}: fixed {n}" if en else f"{display_path(path)}：已修复 {n} 处", err=True)
    for path, skipped in left_unfixed(result, unsafe).items():
        for f, why in skipped:
            click.echo(f"{display_path(path)}:{f.line}:{f.column}: {f.rule} “{f.match}” not fixed: {why}" if en
                       else f"{display_path(path)}:{f.line}:{f.column}：{f.rule}「{f.match}」未修复：与 {why.rsplit(' ', 1)[-1]} 的修复重叠", err=True)
    return result, failed


def _at_least(lowest: Severity):
    """A file's result without the findings below ``lowest`` (--min-severity, --quiet)."""
    from dataclasses import replace

    def keep(r):
        return replace(r, findings=[f for f in r.findings if f.severity >= lowest])

    return keep


def _walk_notes(targets, lang: str) -> None:
    """Say on standard error what the walk could not do, and when it found nothing to lint:
    a CI gate that checks no file must not pass in silence."""
    en = lang == "en"
    for note in targets.notes:
        click.echo(f"draftlint: {note}", err=True)
    if targets:
        return
    if en:
        msg = "draftlint: no files to lint (TXT, MD, DOCX, DOC, WPS, ODT, RTF) under the paths given"
        if targets.gitignored:
            n = targets.gitignored
            msg += f"; passed over {n} {'entry' if n == 1 else 'entries'} that .gitignore matches (--no-respect-gitignore lints them)"
    else:
        msg = "draftlint: 给定路径下没有可检查的文件（TXT、MD、DOCX、DOC、WPS、ODT、RTF）"
        if targets.gitignored:
            msg += f"；另有 {targets.gitignored} 个文件或文件夹被 .gitignore 忽略（加 --no-respect-gitignore 可一并检查）"
    click.echo(msg, err=True)


def _stdout(for_people: bool):
    """Standard output for a report. Machine-readable formats are UTF-8 whatever the locale
    (redirected on Chinese Windows they would be GBK, and a character GBK lacks stopped the run
    with a traceback); text for people keeps the terminal's encoding (see :class:`_Group`)."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)  # absent when stdout was replaced
    if not for_people and reconfigure is not None:
        try:
            reconfigure(encoding="utf-8", errors="backslashreplace")
        except (ValueError, OSError):
            pass
    return sys.stdout


def _report(result, fmt: str, output: str | None, lang: str, color, statistics: bool, rule_dirs) -> None:
    import io

    from .reporters import FOR_PEOPLE, for_display, write

    # what was linted, fixed or annotated used the real names; reports show printable ones
    result = result.map(for_display)
    stream = io.StringIO() if output else _stdout(for_people=fmt in FOR_PEOPLE)
    if statistics:
        from .reporters import statistics as stats

        stats.write(result, stream, lang, as_json=fmt in ("json", "json-lines"))
    else:
        if output or (color is None and os.environ.get("NO_COLOR")):
            color = False
        rules = {r.id: r for r in _load(rule_dirs)} if fmt == "sarif" else None  # SARIF describes every rule it names
        write(fmt, result, stream, lang, color=color, rules=rules)
    if output:
        from .fsutil import atomic_write

        try:
            atomic_write(output, stream.getvalue())
        except OSError as exc:
            click.echo(f"draftlint: cannot write the report to {output}: {exc.strerror or exc}", err=True)
            sys.exit(EXIT_ERROR)


@main.command()
@click.argument("path", default="draftlint.toml", type=click.Path(dir_okay=False))
def init(path) -> None:
    """Write a commented starter configuration (default ./draftlint.toml); never overwrites."""
    from .config import write_starter

    en = _lang(None) == "en"
    try:
        write_starter(path)
    except FileExistsError:
        click.echo(f"draftlint: {path} already exists; not overwritten" if en else f"draftlint：{path} 已存在，未覆盖", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"draftlint: wrote {path}" if en else f"draftlint：已写入 {path}")


def _lang(given: str | None, configured: str | None = None) -> str:
    from .config import message_language

    return message_language(given, configured)


def _selected(rule_dirs, select, ignore) -> RuleSet:
    rules = _load(rule_dirs)
    unknown = rules.unknown_selectors(_split(select) + _split(ignore))
    if unknown:
        raise click.UsageError(f"no rule matches {', '.join(unknown)} (see draftlint rules)")
    return rules.select(_split(select), _split(ignore))


def _lint_for_copies(paths, rule_dirs, select, ignore, lang: str):
    """Lint what annotate and fix make copies of (files and folders), as check would."""
    from .config import Resolver
    from .discovery import discover
    from .runner import RunOptions, run

    if not paths:
        raise click.UsageError("give at least one file or folder")
    _selected(rule_dirs, select, ignore)  # refuse unknown selectors before any work
    options = RunOptions(select=tuple(_split(select)), ignore=tuple(_split(ignore)), rule_dirs=tuple(rule_dirs),
                         jobs=1, progress=False)
    targets = discover(list(paths))
    _walk_notes(targets, lang)
    return run(targets, Resolver(), options)


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
    from .locations import display_path
    from .outputs import annotate_file

    lang = _lang(lang)
    if output_dir:
        os.makedirs(output_dir, exist_ok=True)
    result = _lint_for_copies(paths, rule_dirs, select, ignore, lang)
    failed = False
    for r in result.files:
        if r.error is not None:
            from .reasons import cannot_read

            click.echo(cannot_read(display_path(r.path), r.error, lang), err=True)
            failed = True
            continue
        msg, ok = annotate_file(r, output_dir, lang)
        click.echo(msg)
        failed |= not ok
    sys.exit(EXIT_ERROR if failed else EXIT_OK)


@main.command("fix")
@click.argument("paths", nargs=-1, type=click.Path(exists=True), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Where to write the copy, for one file (default: 名称.fixed.docx / 名称.fixed.txt beside it).")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that are likely but not certain.")
@_writer_options
def fix_command(paths, output, unsafe_fixes, select, ignore, lang, rule_dirs) -> None:
    """Write a fixed copy of each DOCX, TXT and Markdown file (folders are searched): in a DOCX every safe
    fix is a Word tracked change (author draftlint), to accept or reject in Word; a TXT copy has
    the fixes applied in its own encoding. 草稿.docx → 草稿.fixed.docx, 说明.txt → 说明.fixed.txt;
    no copy when there is nothing to fix. Placeholders are never fixed. The originals are not changed.

    \b
    Exit codes: 0 every file was fixed or had nothing to fix, 2 a file could not be read or written.
    """
    from .locations import display_path
    from .outputs import fix_docx_file, fix_txt_copy

    lang = _lang(lang)
    if output and (len(paths) > 1 or Path(paths[0]).is_dir()):
        raise click.UsageError("-o names the copy of one file; give one file with it")
    failed = False
    for result in _lint_for_copies(paths, rule_dirs, select, ignore, lang).files:
        if result.error is not None:
            from .reasons import cannot_read

            click.echo(cannot_read(display_path(result.path), result.error, lang), err=True)
            failed = True
            continue
        if result.format in ("txt", "markdown"):  # the fixes applied to a copy of the source
            msg, ok = fix_txt_copy(result, output, unsafe_fixes, lang)
        else:  # DOCX, and .doc .wps .odt .rtf through LibreOffice: a DOCX copy with tracked changes
            msg, ok = fix_docx_file(result, output, unsafe_fixes, lang)
        click.echo(msg)
        failed |= not ok
    sys.exit(EXIT_ERROR if failed else EXIT_OK)


@main.command("spark")
@click.argument("input_path", metavar="INPUT")
@click.argument("output_path", metavar="OUTPUT")
@click.option("--format", "fmt", type=click.Choice(["parquet", "jsonl"]), default="parquet", show_default=True, help="Output: Parquet or JSON Lines (a folder of part files).")
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules (as for check).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules (as for check).")
@click.option("--lang", type=click.Choice(LANGS), default=None, help="Language of messages (also DRAFTLINT_LANG).")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(exists=True), metavar="DIR", help="Add your own rule files; they are shipped to the executors.")
@click.option("--master", default=None, metavar="URL", help="Spark master, e.g. local[4], yarn (default: Spark's own, local[*] when none). Local workers run with this Python unless PYSPARK_PYTHON is set.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False), default=None, help="Use this configuration file (default: the one check finds for a local INPUT folder).")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT if it exists.")
def spark(input_path, output_path, fmt, select, ignore, lang, rule_dirs, master, config_path, isolated, overwrite) -> None:
    """Lint an archive on Apache Spark (needs draftlint[spark] and Java).

    \b
    Reads every TXT/DOCX under INPUT (local, hdfs://, s3a://...) and writes one row per
    finding, plus one row per unreadable file with its reason, to OUTPUT, with the same
    configuration check uses (--config, or the one found for a local INPUT folder).
      draftlint spark hdfs:///archive hdfs:///lint/archive --master yarn --config draftlint.toml
    """
    from .config import ConfigError

    try:
        from .spark import run as spark_run

        import pyspark  # noqa: F401
    except ImportError:
        click.echo("draftlint: the spark command needs PySpark: pip install pyspark (in a clone of draftlint: pip install -e '.[spark]')", err=True)
        sys.exit(EXIT_ERROR)
    _selected(rule_dirs, select, ignore)  # bad rule files and unknown selectors fail before Spark starts
    given_lang = lang or os.environ.get("DRAFTLINT_LANG")
    try:
        counts = spark_run(input_path, output_path, fmt, rule_dirs, _split(select), _split(ignore),
                           _lang(given_lang) if given_lang else None, master,
                           "overwrite" if overwrite else "errorifexists", config_path, isolated)
    except ConfigError as exc:
        click.echo(f"draftlint: configuration error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"{counts['findings']} findings, {counts['errors']} unreadable files -> {output_path}")


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True,
              help="markdown: the full reference with descriptions and examples (docs/rules.md).")
@click.option("--lang", type=click.Choice(LANGS), default=None)
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(exists=True), metavar="DIR", help="Include your own rule files.")
def list_rules(fmt, lang, rule_dirs) -> None:
    """List every rule: id, category, severity, name and message."""
    import json

    lang = _lang(lang)
    rules = _load(rule_dirs)
    if fmt == "json":
        click.echo(json.dumps([_rule_dict(r, lang) for r in rules], ensure_ascii=False, indent=2))
        return
    if fmt == "markdown":
        from .rule_docs import markdown

        click.echo(markdown(rules), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    from .model import category_word

    table = Table(show_lines=False, box=None, pad_edge=False)
    for col in ("id", "category", "severity", "name", "message") if lang == "en" else ("编号", "类别", "级别", "名称", "提示"):
        table.add_column(col)
    for r in rules:
        table.add_row(r.id, category_word(r.category, lang), r.severity.word(lang), r.name, r.message.get(lang))
    Console(soft_wrap=False).print(table)


@main.command("test-rules")
@click.argument("paths", nargs=-1, type=click.Path(exists=True), required=True)
@click.option("--lang", type=click.Choice(LANGS), default=None, help="Language of the report (also DRAFTLINT_LANG).")
def test_rules(paths, lang) -> None:
    """Run the examples of your own rule files (folders of *.yaml, or files): every flag example
    must be reported, every pass example must not (a rule file without both does not load).

    \b
    Exit codes: 0 every example does what it says, 1 some do not (each is listed with its
                rule and where it is defined), 2 a rule file that does not load or no rule found.
    """
    from .rule_examples import failures
    from .ruleset import RuleFileError, load_rules

    en = _lang(lang) == "en"
    try:
        rules = load_rules([Path(p) for p in paths], include_default=False)
    except RuleFileError as exc:
        click.echo(f"draftlint: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    if not len(rules):
        click.echo(f"draftlint: {'no rules in' if en else '没有找到规则：'} {' '.join(paths)}", err=True)
        sys.exit(EXIT_ERROR)
    failed = list(failures(rules))
    for f in failed:
        click.echo(f"{f.rule.source}: {f.rule.id} {f.kind} {f.text.replace(chr(10), '⏎')!r}: {f.reason}")
    examples = sum(len(r.flag_examples) + len(r.pass_examples) for r in rules)
    if en:
        click.echo(f"{len(rules)} rules, {examples} examples: {len(failed)} failed")
    else:
        click.echo(f"{len(rules)} 条规则，{examples} 个示例：{len(failed)} 个未通过")
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


@main.command("rule")
@click.argument("rule_id")
@click.option("--lang", type=click.Choice(LANGS), default=None)
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(exists=True), metavar="DIR")
def show_rule(rule_id, lang, rule_dirs) -> None:
    """Show one rule (by id or name) with its description and examples."""
    lang = _lang(lang)
    rules = _load(rule_dirs)
    rule = rules.get(rule_id)
    if rule is None:
        raise click.UsageError(f"no rule {rule_id!r} (see draftlint rules)")
    from .model import category_word
    from .rule_docs import implemented_by

    en = lang == "en"
    click.echo(f"{rule.id} {rule.name}  [{category_word(rule.category, lang)}{', ' if en else '，'}{rule.severity.word(lang)}]")
    click.echo(f"{'message' if en else '提示'}: {rule.message.get(lang)}")
    pattern = (f"  pattern: {rule.pattern}" if en else f"  正则表达式: {rule.pattern}") if rule.pattern else ""
    click.echo(f"{'kind' if en else '类型'}: {rule.kind}{pattern}")
    click.echo(f"{'checked by' if en else '检查方式'}: {implemented_by(rule, lang)}")
    description = rule.description.get(lang)
    if description:
        click.echo("")
        click.echo(description)
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
        "description": rule.description.get(lang),
        "source": rule.source,
    }


@main.command("lsp")
@click.option("--stdio", is_flag=True, help="Talk over standard input and output: the only way it talks (accepted because editors pass it).")
@click.option("--lang", type=click.Choice(LANGS), default=None, help="Language of messages: zh (default) or en. Also DRAFTLINT_LANG, lang in the configuration, or the editor's initializationOptions.lang.")
@click.option("--docs-url", metavar="URL", default=None, help="Where the rule reference (docs/rules.md) is published: each diagnostic links to URL#rule-id (default: the docs/rules.md draftlint runs from, when there is one).")
def lsp(stdio, lang, docs_url) -> None:
    """Run the language server (LSP over standard input and output) for editors: findings as you
    type in TXT files, and in Word files when opened and saved; quick fixes for safe fixes.
    Needs the lsp extra: pip install 'draftlint[lsp]'. See docs/lsp.md for VS Code, Neovim and Helix."""
    try:
        import lsprotocol.types  # noqa: F401
        import pygls.lsp.server  # noqa: F401  (pygls 2; 1.x has no pygls.lsp.server)
    except ImportError:
        click.echo("draftlint: the lsp command needs pygls 2: pip install 'pygls>=2.0' (in a clone of draftlint: pip install -e '.[lsp]')", err=True)
        sys.exit(EXIT_ERROR)
    from .lsp import serve

    sys.exit(serve(lang, docs_url))


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on. Anything but a loopback address (127.0.0.1, ::1, localhost) needs --token or --no-token.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the browser once the server runs.")
@click.option("--token", default=None, metavar="TOKEN", envvar="DRAFTLINT_SERVE_TOKEN", show_envvar=True, help="Every request needs this token (header Authorization: Bearer TOKEN, or open /?token=TOKEN once in the browser).")
@click.option("--no-token", is_flag=True, help="Listen beyond this computer without a token (anyone who can reach the port may use it).")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False), metavar="FILE", help="The configuration for every check (default: the one check finds from the current folder).")
@click.option("--isolated", is_flag=True, help="Ignore configuration files: built-in defaults.")
@click.option("--max-upload-mb", type=click.FloatRange(min=0.01), default=20, show_default=True, help="Largest request (all files of one check together), in MB.")
@click.option("--max-files", type=click.IntRange(min=1), default=20, show_default=True, help="Most files in one check.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: the cores, at most 4).")
@click.option("--time-limit", type=click.FloatRange(min=1), default=120, show_default=True, help="Seconds one request may take; a file still being read then is reported as refused.")
@click.option("--lang", type=click.Choice(LANGS), default=None, help="Default language of the API's messages (the page has its own switch).")
def serve(host, port, open_browser, token, no_token, config_file, isolated, max_upload_mb, max_files, jobs, time_limit, lang) -> None:
    """A web page to check drafts: drop DOCX/TXT files (DOC, WPS, ODT, RTF with LibreOffice) or
    paste text; see each finding highlighted in the text; download the annotated copy, the
    fixed copy and the report. Also POST /api/check for programs (see docs/serve.md).

    Needs the web extra: pip install 'draftlint[web]'.
    """
    from .web import INSTALL_HINT, missing_dependencies

    missing = missing_dependencies()
    if missing:
        click.echo(f"draftlint: serve needs {', '.join(missing)}: {INSTALL_HINT}", err=True)
        sys.exit(EXIT_ERROR)
    from .web.security import is_loopback

    if token is not None and not token.strip():
        token = None
    if token and no_token:
        raise click.UsageError("--token and --no-token contradict each other")
    if not is_loopback(host) and not token and not no_token:
        click.echo(f"draftlint: refusing to listen on {host} without a token: anyone who can reach it could use the "
                   "server. Give --token TOKEN (or DRAFTLINT_SERVE_TOKEN), or --no-token if that is really meant.", err=True)
        sys.exit(EXIT_ERROR)
    from .config import ConfigError, Resolver
    from .web.app import ServeOptions, serve as run_server

    try:
        config = Resolver(config_file, isolated).for_folder(Path.cwd())
    except ConfigError as exc:
        click.echo(f"draftlint: configuration error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    allowed = None
    if is_loopback(host) and not token:  # a page elsewhere must not reach it by DNS rebinding
        names = {"localhost", "127.0.0.1", "[::1]", host if ":" not in host else f"[{host}]"}
        allowed = tuple(n for name in names for n in (name, f"{name}:{port}"))
    options = ServeOptions(config=config, max_upload_bytes=int(max_upload_mb * 1024 * 1024), max_files=max_files,
                           jobs=jobs or max(1, min(4, os.cpu_count() or 1)), time_limit=time_limit, token=token,
                           allowed_hosts=allowed, lang=_lang(lang, config.lang))
    try:
        run_server(host, port, options=options, open_browser=open_browser)
    except ConfigError as exc:
        click.echo(f"draftlint: configuration error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
