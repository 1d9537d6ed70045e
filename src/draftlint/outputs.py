"""Files the CLI writes besides reports: annotated DOCX copies, fixed DOCX copies, fixed TXT and Markdown.

Each function takes a file's lint result, reads the file's bytes again, writes the new file
atomically and returns one line for the person (or raises nothing: problems become messages).
"""

from __future__ import annotations

import os

from .model import FileResult
from .fixes import diff, fix_txt, plan_fixes
from .readers import as_docx
from .readers.errors import ReadError
from .fsutil import atomic_write
from .locations import display_path as _shown
from .writers.docx_edit import EditError


#: Formats annotate and fix write a DOCX copy of: DOCX itself, and what LibreOffice converts.
WORD_FORMATS = frozenset({"docx", "doc", "wps", "odt", "rtf"})


def _write_copy(source: str, out: str, transform, worth_writing=lambda report: True):
    """Read ``source``, write ``transform(bytes)``'s data to ``out`` atomically (unless
    ``worth_writing(report)`` says the copy would change nothing); return its report, or the
    reason it could not be done as a string."""
    try:
        with open(source, "rb") as fh:
            data, report = transform(fh.read())
        if worth_writing(report):
            atomic_write(out, data)
    except (OSError, ReadError, EditError) as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - one file's bug is that file's failure, not the run's
        from .reasons import internal_error

        return internal_error(exc)
    return report


def _target(name: str, out_dir: str | None) -> str:
    return os.path.join(out_dir, os.path.basename(name)) if out_dir else name


def annotate_file(result: FileResult, out_dir: str | None, lang: str) -> tuple[str, bool]:
    """Write the annotated copy of one DOCX; ``(message, ok)``."""
    from .writers.docx_comments import annotate_docx, annotated_name

    en = lang == "en"
    if result.format not in WORD_FORMATS:
        return (f"{_shown(result.path)}: skipped (only Word documents are annotated)" if en else f"{_shown(result.path)}：跳过（只为 Word 文档加批注）"), True
    out = _target(annotated_name(result.path), out_dir)
    report = _write_copy(result.path, out, lambda data: annotate_docx(as_docx(data, result.path), result.path, result.findings, lang))
    if isinstance(report, str):
        return (f"{_shown(result.path)}: not annotated: {report}" if en else f"{_shown(result.path)}：未能加批注：{report}"), False
    n, exact = report.total, len(report.exact)
    if en:
        msg = f"{_shown(out)}: {n} comment{'s' if n != 1 else ''}, {exact} on the exact text"
        if report.summary:
            msg += f", {len(report.summary)} listed in the first comment (no place for a comment there)"
    else:
        msg = f"{_shown(out)}：{n} 条批注，其中 {exact} 条精确定位到问题文字"
        if report.summary:
            msg += f"，{len(report.summary)} 条所在位置无法加批注，已列在第一条批注中"
    return msg, True


def fix_docx_file(result: FileResult, output: str | None, unsafe: bool, lang: str) -> tuple[str, bool]:
    """Write a copy of one DOCX with the fixes as tracked changes; ``(message, ok)``."""
    from .writers.docx_revisions import fix_docx, fixed_name

    en = lang == "en"
    out = output or fixed_name(result.path)
    report = _write_copy(result.path, out, lambda data: fix_docx(as_docx(data, result.path), result.path, result.findings, unsafe),
                         worth_writing=lambda report: bool(report.applied))
    if isinstance(report, str):
        return (f"{_shown(result.path)}: not fixed: {report}" if en else f"{_shown(result.path)}：未能修复：{report}"), False
    n = len(report.applied)
    if n == 0:  # no copy was written: one identical to the draft would only be mistaken for it
        head = f"{_shown(result.path)}: nothing to fix; no copy written" if en else f"{_shown(result.path)}：没有可自动修复的问题，未生成副本"
    else:
        head = f"{_shown(out)}: {n} tracked change{'s' if n != 1 else ''}" if en else f"{_shown(out)}：{n} 处修订（修订模式，可在 Word 中逐条接受或拒绝）"
    lines = [head] + [f"  {f.line}:{f.column} {f.rule} “{f.match}”: {why}" for f, why in report.skipped]
    return "\n".join(lines), True


#: Text formats whose fixes are applied to the source itself (``check --fix``, ``fix``).
TEXT_FORMATS = frozenset({"txt", "markdown"})


def _markup_skips(path: str, skipped: list, lang: str) -> list[str]:
    """One line per Markdown fix left out because markup, code or an escape lies in its span."""
    en = lang == "en"
    return [f"{_shown(path)}:{f.line}:{f.column}: {f.rule} “{f.match}” not fixed: the fix would cross Markdown markup" if en
            else f"{_shown(path)}:{f.line}:{f.column}：{f.rule}「{f.match}」未修复：修复范围跨越 Markdown 标记" for f, _ in skipped]


def fix_txt_copy(result: FileResult, output: str | None, unsafe: bool, lang: str) -> tuple[str, bool]:
    """Write a copy of one TXT or Markdown file with its fixes applied (``draftlint fix``);
    ``(message, ok)``. A Markdown fix is applied to the source, never across its markup."""
    from .writers.docx_revisions import fixed_name

    en = lang == "en"
    shown = _shown(result.path)
    nothing = f"{shown}: nothing to fix; no copy written" if en else f"{shown}：没有可自动修复的问题，未生成副本"
    chosen, _ = plan_fixes(result.findings, unsafe)
    if not chosen:
        return nothing, True
    out = output or fixed_name(result.path)
    notes: list[str] = []

    def transform(data: bytes):
        if result.format == "markdown":
            from .readers.markdown import fix_markdown

            new, applied, skipped = fix_markdown(data, chosen)
            notes.extend(_markup_skips(result.path, skipped, lang))
            return new, len(applied)
        return fix_txt(data, chosen), len(chosen)

    report = _write_copy(result.path, out, transform, worth_writing=lambda n: n > 0)
    if report == 0:  # every fix crossed Markdown markup
        return "\n".join([nothing, *notes]), True
    if isinstance(report, str):
        return (f"{shown}: not fixed: {report}" if en else f"{shown}：未能修复：{report}"), False
    head = f"{_shown(out)}: {report} fix{'es' * (report != 1)} applied" if en else f"{_shown(out)}：已修复 {report} 处"
    return "\n".join([head, *notes]), True


def fix_markdown_file(result: FileResult, unsafe: bool, write: bool, lang: str) -> tuple[str, list, str | None, list[str]]:
    """Apply a Markdown file's fixes to its source in place (or only diff them); ``(diff text,
    applied, error, lines about fixes left out because markup lies in their span)``."""
    from .readers.markdown import fix_markdown, markdown_diff

    chosen, _ = plan_fixes(result.findings, unsafe)
    if not chosen:
        return "", [], None, []
    try:
        with open(result.path, "rb") as fh:
            data = fh.read()
        new, applied, skipped = fix_markdown(data, chosen)
    except (OSError, ReadError) as exc:
        return "", [], str(exc), []
    text = markdown_diff(_shown(result.path), data, new)
    notes = _markup_skips(result.path, skipped, lang)
    if not write or not applied:
        return text, applied if not write else [], None, notes
    refused = _not_fixed_in_place(result.path)
    if refused:
        return text, [], refused, notes
    try:
        atomic_write(result.path, new)
    except OSError as exc:
        return text, [], str(exc), notes
    return text, applied, None, notes


def fix_txt_file(result: FileResult, unsafe: bool, write: bool) -> tuple[str, list, str | None]:
    """Apply a TXT file's fixes in place (or only diff them); ``(diff text, applied, error)``."""
    chosen, _ = plan_fixes(result.findings, unsafe)
    if not chosen:
        return "", [], None
    text = diff(_shown(result.path), chosen)
    if not write:
        return text, chosen, None
    refused = _not_fixed_in_place(result.path)
    if refused:
        return text, [], refused
    try:
        with open(result.path, "rb") as fh:
            data = fh.read()
        atomic_write(result.path, fix_txt(data, chosen))
    except (OSError, ReadError) as exc:
        return text, [], str(exc)
    return text, chosen, None


def _not_fixed_in_place(path: str) -> str | None:
    """Why a file must not be rewritten by ``--fix``, or None. The fixed text replaces the file
    by a rename, which would turn a symbolic link into a copy, part a hard link from its other
    names, and write a file its owner made read-only."""
    import stat

    try:
        st = os.lstat(path)
    except OSError as exc:
        return str(exc)
    if stat.S_ISLNK(st.st_mode):
        return "a symbolic link: not fixed (fix the file it points to)"
    if st.st_nlink > 1:
        return "the file has other names (hard links): not fixed"
    if not st.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        return "read-only: not fixed"
    return None


def apply_txt_fixes(result, unsafe: bool, write: bool, show_diff: bool, lang: str):
    """``check --fix/--diff``: fix (or diff) each TXT and Markdown file; return the result without fixed findings,
    whether anything failed, and how many fixes each file got. Diffs go to stdout, messages to
    stderr (the counts are said by the caller, once per file over all its passes)."""
    import click

    from .reporters import RunResult

    en = lang == "en"
    failed = False
    files = []
    applied_per_file: dict[str, int] = {}
    for r in result.files:
        if r.error is not None or not r.findings:
            files.append(r)
            continue
        if r.format not in TEXT_FORMATS:
            if write and plan_fixes(r.findings, unsafe)[0]:
                shown = _shown(r.path)
                click.echo(f"{shown}: DOCX is fixed as a copy with tracked changes: draftlint fix {shown}" if en
                           else f"{shown}：DOCX 请用 draftlint fix {shown} 生成带修订的副本", err=True)
            files.append(r)
            continue
        if r.format == "markdown":
            text, applied, error, notes = fix_markdown_file(r, unsafe, write, lang)
            # said once: at the pass that applies nothing more to the file (or when only diffing)
            if not write or not applied:
                for note in notes:
                    click.echo(note, err=True)
        else:
            text, applied, error = fix_txt_file(r, unsafe, write)
        if show_diff and text:
            click.echo(text, nl=False)
        if error:
            click.echo(f"{_shown(r.path)}: {error}", err=True)
            failed = True
        if write and applied:
            applied_per_file[r.path] = len(applied)
            done = {id(f) for f in applied}
            r = FileResult(r.path, r.format, r.encoding, [f for f in r.findings if id(f) not in done], r.error, r.characters)
        files.append(r)
    return RunResult(files=files), failed, applied_per_file


def left_unfixed(result, unsafe: bool) -> dict[str, list[tuple]]:
    """Per TXT or Markdown file, the fixes that could not be applied (overlapping others), with why."""
    out = {}
    for r in result.files:
        if r.format in TEXT_FORMATS and r.error is None:
            skipped = [(f, why) for f, why in plan_fixes(r.findings, unsafe)[1] if why.startswith("overlaps")]
            if skipped:
                out[r.path] = skipped
    return out
