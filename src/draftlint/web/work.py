"""What a worker process of ``draftlint serve`` does with one uploaded file.

No web code here: a task is a plain dictionary (the file's bytes, the name it was uploaded as,
the language, the seconds it may take) and the answer is a plain tuple, so both cross a pipe.
Every file is linted by the one pipeline, :func:`draftlint.runner.lint_file`, with the settings
``check`` would give a file of that name in the server's folder, so the page and the API report
exactly what ``draftlint check --format json`` reports. Nothing is written to disk here (a
DOC/WPS/ODT/RTF file goes through LibreOffice in a temporary folder of its own, named
``input.doc``, as for ``check``).
"""

from __future__ import annotations

import signal
from fnmatch import fnmatch

from ..config import Config
from ..model import FileResult
from ..reasons import cannot_read_word, localize
from ..runner import FileTimeLimit, RunOptions, file_settings, lint_file, rules_for, time_limit
from ..settings import Settings

#: The text the page shows of one file, at most (characters): a larger document is shown
#: with the paragraphs that have findings only.
MAX_SHOWN_CHARS = 2_000_000


def settings_for(config: Config, name: str) -> Settings:
    """The settings ``check`` would give a file called ``name`` under ``config``. An upload has
    no folder: its ``per-file-ignores`` are matched against the bare name here, so that the name
    is never looked up on this computer's file system (:meth:`Config.ignores_for` resolves paths)."""
    ignores = tuple(rule for glob, rules in config.per_file_ignores if fnmatch(name, glob.rstrip("/")) for rule in rules)
    return file_settings(config, name, RunOptions(), file_ignores=ignores)


class Worker:
    """The state of one worker process: the configuration, and the rule set built once."""

    def __init__(self, config: Config):
        self.config = config
        rules_for(settings_for(config, "draftlint.txt"))  # built before the first file arrives

    def handle(self, task: dict) -> tuple:
        """``("ok", answer)`` or ``("timeout", None)``. A legacy file is converted once for the
        task (lint, then its text or its copy), and the conversion is forgotten with the task."""
        from ..readers import convert

        try:
            with time_limit(max(0.01, task["seconds"])):
                answer = getattr(self, "_" + task["kind"])(task)
        except FileTimeLimit:
            return "timeout", None
        finally:
            convert.forget()
        return "ok", answer

    def _lint(self, task: dict) -> FileResult:
        return lint_file(task["data"], task["name"], settings_for(self.config, task["name"]))

    def _check(self, task: dict) -> tuple[FileResult, dict | None]:
        """The file's result, and (asked for by the page) the text of its document to show."""
        result = self._lint(task)
        view = document_view(task["data"], task["name"], result, task["lang"]) if task.get("text") else None
        return result, view

    def _annotate(self, task: dict) -> dict:
        from ..outputs import WORD_FORMATS
        from ..readers import as_docx
        from ..writers.docx_comments import annotate_docx, annotated_name

        en = task["lang"] == "en"
        result = self._lint(task)
        if result.error is not None:
            return _refused(result, task["lang"])
        if result.format not in WORD_FORMATS:
            return {"error": "only Word documents are annotated" if en else "只为 Word 文档加批注"}
        data, report = _guarded(lambda: annotate_docx(as_docx(task["data"], task["name"]), task["name"], result.findings, task["lang"]))
        if data is None:
            return {"error": localize(report, task["lang"])}
        n = report.total
        message = (f"{n} comment{'s' * (n != 1)}, {len(report.exact)} on the exact text" if en
                   else f"{n} 条批注，其中 {len(report.exact)} 条精确定位到问题文字")
        return {"data": data, "name": annotated_name(task["name"]), "message": message}

    def _fix(self, task: dict) -> dict:
        from ..fixes import plan_fixes
        from ..readers import as_docx
        from ..writers.docx_revisions import fix_docx, fixed_name

        en = task["lang"] == "en"
        result = self._lint(task)
        if result.error is not None:
            return _refused(result, task["lang"])
        source = result.format in ("txt", "markdown")  # fixed in their own text; Word files as tracked changes
        if source:
            data, applied = _guarded(lambda: _fix_source(task["data"], result.format, plan_fixes(result.findings)[0]))
        else:
            data, applied = _guarded(lambda: _applied(fix_docx(as_docx(task["data"], task["name"]), task["name"], result.findings)))
        if data is None:
            return {"error": localize(applied, task["lang"])}  # why it failed
        if not applied:
            return {"error": "nothing to fix: no safe fix applies" if en else "没有可自动修复的问题", "nothing": True}
        n = len(applied)
        if source:
            message = f"{n} fixes applied" if en else f"已修复 {n} 处"
        else:
            message = f"{n} tracked changes" if en else f"{n} 处修订（修订模式，可在 Word 中逐条接受或拒绝）"
        return {"data": data, "name": fixed_name(task["name"]), "message": message}


def _fix_source(data: bytes, fmt: str, chosen: list) -> tuple[bytes, list]:
    """A TXT or Markdown file with the ``chosen`` fixes applied to its text, and the fixes
    applied (in Markdown none that crosses markup), as ``draftlint fix`` makes its copy."""
    if not chosen:
        return data, []
    if fmt == "markdown":
        from ..readers.markdown import fix_markdown

        new, applied, _ = fix_markdown(data, chosen)
        return new, applied
    from ..fixes import fix_txt

    return fix_txt(data, chosen), chosen


def _applied(made: tuple) -> tuple[bytes, list]:
    data, report = made
    return data, report.applied


def _refused(result: FileResult, lang: str) -> dict:
    return {"error": f"{cannot_read_word(lang)}: {localize(result.error, lang)}"}


def _guarded(make):
    """``make()``'s pair, or ``(None, why it failed)``: a copy that cannot be written is that
    file's failure, never the server's."""
    from ..readers.errors import ReadError
    from ..writers.docx_edit import EditError

    try:
        return make()
    except (ReadError, EditError, OSError) as exc:
        return None, str(exc)
    except Exception as exc:  # noqa: BLE001 - the boundary, as in draftlint.outputs
        from ..reasons import internal_error

        return None, internal_error(exc)


def document_view(data: bytes, name: str, result: FileResult, lang: str) -> dict | None:
    """The paragraphs of the document as the page shows them: ``[line, list label, text, place,
    part]``
    (``line`` is the ``line`` of the JSON findings in it, their columns count in ``text``). The
    document is read a second time for this: the one pipeline keeps its result pure."""
    from ..locations import describe
    from ..readers import ReaderOptions, read_document

    if result.error is not None and not result.findings:
        return None
    try:
        document = read_document(data, name, ReaderOptions())
    except Exception:  # noqa: BLE001 - the findings are shown without their paragraphs then
        return None
    fmt = result.format or document.format
    with_findings = {f.block.index for f in result.findings}
    total = sum(len(b.text) for b in document.blocks)
    truncated = total > MAX_SHOWN_CHARS
    blocks = [[b.line, b.list_label or "", b.text, describe(b, fmt, lang), b.part] for b in document.blocks
              if not truncated or b.index in with_findings]
    return {"blocks": blocks, "truncated": truncated}


def worker_main(conn, parent: int, config: Config, convert_seconds: float) -> None:
    """A worker process: answer tasks from ``conn`` until it closes. The process leads a
    process group of its own, so the server can end it with whatever it started."""
    import os

    from ..runner import worker_start

    try:
        os.setsid()
    except (AttributeError, OSError):
        pass
    worker_start(parent)  # ends with the server (PR_SET_PDEATHSIG on Linux)
    # LibreOffice's own timeout is shorter than the request's: it kills soffice itself, which
    # runs in a session of its own that killing this worker would not reach.
    current = os.environ.get("DRAFTLINT_CONVERT_TIMEOUT")
    try:
        given = float(current) if current else None
    except ValueError:
        given = None
    os.environ["DRAFTLINT_CONVERT_TIMEOUT"] = str(min(given, convert_seconds) if given else convert_seconds)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops the server, which ends the workers
    worker = Worker(config)
    conn.send(("ready", None))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        conn.send((*worker.handle(task), resident_bytes()))


def resident_bytes() -> int:
    """This process's resident memory now (Linux /proc; 0 elsewhere)."""
    import os

    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0
