"""``draftlint lsp``: a language server, so that editors show findings while a draft is written.

It speaks the Language Server Protocol over standard input and output (pygls 2, the ``lsp``
extra). What it does, in the order a document meets it:

- **Which documents.** TXT buffers (``.txt``, or a buffer whose language id is plain text) are
  linted from the editor's text, on open, on each change (debounced) and on save. Files that
  the editor cannot hold as text (DOCX, DOC, WPS, ODT, RTF) are linted from the file on disk
  when opened and when saved. A format whose reader reads text (:data:`BUFFER_FORMATS`) is
  linted from the buffer as TXT is.
- **The same pipeline and configuration as ``check``.** Each lint finds the configuration file
  for the document's path as ``draftlint check -`` does for ``--stdin-filename``
  (:func:`draftlint.runner.lint_stdin`): a fresh :class:`~draftlint.config.Resolver` per lint,
  so an edited ``draftlint.toml`` counts from the next lint on; a saved or changed
  configuration file (``workspace/didChangeWatchedFiles``, or ``didSave`` of one the editor
  syncs) lints every open document again.
- **Positions.** A finding is where the JSON report puts it (``line``, ``column`` …
  ``end_column``: for Markdown, its place in the source, across lines if the match is); LSP
  counts columns in UTF-16 code units (or the encoding negotiated at ``initialize``), so a character outside the BMP (𠀀) counts two. Word documents have no lines
  the editor shows: their findings sit at the top of the file, their message led by the place
  :func:`draftlint.locations.describe_finding` names (正文第3段).
- **Speed.** Changes are debounced (:data:`DEBOUNCE_SECONDS`, longer for a buffer whose last
  lint took longer); linting runs on one thread of its own, never the event loop's, so the
  server answers while a huge buffer is linted; a result is reused for the same text, name and
  settings (:class:`Results`); a lint whose document changed meanwhile is not published.
- **Quick fixes.** The fixes ``check --fix`` would apply (:func:`draftlint.fixes.plan_fixes`:
  safe ones, never a placeholder, no overlaps) are code actions, one per finding and one
  "fix all" (``source.fixAll.draftlint``); in TXT, "ignore RULE on this line" writes the
  ``# draftlint: ignore RULE`` directive of :mod:`draftlint.suppression`.
"""

from __future__ import annotations

import asyncio
import os
import queue
import threading
import time
from collections import OrderedDict
from concurrent.futures import Future
from dataclasses import dataclass
from functools import lru_cache
from hashlib import blake2b
from pathlib import Path
from typing import NamedTuple

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from .config import CONFIG_NAMES, ConfigError, Resolver, message_language
from .fixes import plan_fixes
from .installed import VERSION
from .locations import describe_finding
from .model import FileResult, Finding, Severity
from .readers import format_of
from .readers.txt import split_lines
from .runner import RunOptions, lint_file, read_file, settings_for

SOURCE = "draftlint"
#: Seconds of quiet after a change before the buffer is linted.
DEBOUNCE_SECONDS = 0.2
#: A buffer whose last lint took longer waits that long (up to this) after a change.
MAX_DEBOUNCE_SECONDS = 5.0
#: Formats read from the editor's buffer (their reader reads text); others from the file on disk.
BUFFER_FORMATS = frozenset({"txt", "markdown"})
#: Language ids of plain text: such a buffer is linted as TXT whatever its file name.
PLAIN_TEXT_IDS = frozenset({"plaintext", "text", "txt"})
#: Diagnostics published for one document at most: 120,000 took 1.5 s to make and 1.1 s (44 MB of
#: JSON) to send, on the event loop, and no editor shows that many usefully.
MAX_DIAGNOSTICS = 5000
#: Results kept for reuse (text, name and settings the same): a few per open document.
RESULTS_KEPT = 64
#: The fix-all code action's kind.
FIX_ALL_KIND = f"{lsp.CodeActionKind.SourceFixAll.value}.{SOURCE}"

_SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}


# --- what is linted ---------------------------------------------------------------------------


class Target(NamedTuple):
    """A document as draftlint sees it."""

    name: str  # the path it is linted as: its type, its configuration, per-file-ignores
    fmt: str  # format_of(name)
    from_buffer: bool  # the editor's text (True) or the file on disk


def target_for(uri: str, language_id: str | None, root: str | None = None) -> Target | None:
    """What ``uri`` is linted as, or None when draftlint has nothing to say about it."""
    path = to_fs_path(uri) if uri.startswith("file:") else None
    if path is None:  # an unsaved buffer: plain text only, with the configuration of the workspace
        if not uri.startswith("untitled:"):  # an editor's own views (output panels, git:, diff views)
            return None
        if (language_id or "").lower() not in PLAIN_TEXT_IDS:
            return None
        path = os.path.join(root or os.getcwd(), "untitled.txt")
    fmt = format_of(path)
    if fmt is None:
        if (language_id or "").lower() not in PLAIN_TEXT_IDS:
            return None
        path, fmt = path + ".txt", "txt"
    return Target(path, fmt, fmt in BUFFER_FORMATS)


# --- positions --------------------------------------------------------------------------------


def units(text: str, encoding: str = lsp.PositionEncodingKind.Utf16) -> int:
    """How many code units of the negotiated position encoding ``text`` takes."""
    if encoding == lsp.PositionEncodingKind.Utf32:
        return len(text)
    if encoding == lsp.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _place(f: Finding, lines: list[str]) -> tuple[int, int, int, int, bool] | None:
    """``(line, column, end line, end column, exact)`` of a finding in the buffer's ``lines``
    (0-based, in characters), or None when its line is not in the buffer.

    The place is the report's (:attr:`Finding.line` … :attr:`Finding.end_column`: the file line
    and block offsets for TXT, the source place the segments give for Markdown), moved by the
    BOM the reader took off the first line. ``exact`` when the buffer holds the match there, on
    one line: only then may a fix replace it (a Markdown match with markup inside is not)."""
    line, end_line = f.line - 1, f.end_line - 1
    if not 0 <= line < len(lines) or not line <= end_line < len(lines):
        return None
    lead = 1 if lines[0].startswith("\ufeff") else 0  # the BOM the reader took off
    a = f.column - 1 + (lead if line == 0 else 0)
    b = f.end_column - 1 + (lead if end_line == 0 else 0)
    exact = line == end_line and lines[line][a:b] == f.match
    if not exact and not f.block.line_segments:  # a reader whose blocks are not lines: the whole line
        return line, 0, line, len(lines[line]), False
    return line, min(a, len(lines[line])), end_line, min(b, len(lines[end_line])), exact


def finding_ranges(findings: list[Finding], lines: list[str], encoding: str = lsp.PositionEncodingKind.Utf16) -> list[lsp.Range]:
    """The editor ranges of findings of a document read from ``lines`` (the buffer's lines):
    their places (:func:`_place`) counted in code units of ``encoding``. A finding whose line
    the buffer lacks is put at the top.

    Each line is walked once for all its findings, so a long line with many findings costs its
    length plus theirs (counting each finding's prefix again was quadratic: minutes for a
    2 MB line)."""
    wanted: dict[int, set[int]] = {}
    places = [_place(f, lines) for f in findings]
    for place in places:
        if place is not None:
            line, a, end_line, b, _ = place
            wanted.setdefault(line, set()).add(a)
            wanted.setdefault(end_line, set()).add(b)
    columns: dict[tuple[int, int], int] = {}
    for line, offsets in wanted.items():
        text, done, at = lines[line], 0, 0
        for offset in sorted(offsets):
            done += units(text[at:offset], encoding)
            at = offset
            columns[(line, offset)] = done
    out = []
    for place in places:
        if place is None:
            out.append(lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)))
        else:
            line, a, end_line, b, _ = place
            out.append(lsp.Range(lsp.Position(line, columns[(line, a)]), lsp.Position(end_line, columns[(end_line, b)])))
    return out


# --- rule documentation -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _rule_reference() -> tuple[str | None, frozenset[str]]:
    """The rule reference (docs/rules.md of the source tree draftlint runs from) as a file URI,
    and the rule ids it documents; (None, ∅) when draftlint is installed without it."""
    docs = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    try:
        text = docs.read_text("utf-8")
    except OSError:
        return None, frozenset()
    ids = frozenset(line[4:].strip() for line in text.splitlines() if line.startswith("### "))
    return from_fs_path(str(docs)), ids


def rule_href(rule: str, base: str | None = None) -> str | None:
    """Where the rule is documented: ``base#id`` (``docs_url`` given to the server: the rule
    reference as the team publishes it), else the installed docs/rules.md, else None."""
    anchor = rule.lower()
    if base:
        return f"{base}#{anchor}"
    uri, ids = _rule_reference()
    return f"{uri}#{anchor}" if uri and rule in ids else None


# --- linting ----------------------------------------------------------------------------------


@dataclass
class Outcome:
    """One lint of one version of a document, and what its diagnostics and fixes need."""

    target: Target
    lines: list[str]  # the buffer's lines linted (empty for a file read from disk)
    lang: str
    result: FileResult | None = None
    config_error: str | None = None
    reused: bool = False
    diagnostics: list[lsp.Diagnostic] | None = None  # made on the lint thread


def _digest(data: bytes) -> str:
    return blake2b(data, digest_size=16).hexdigest()


class Results:
    """Lint results kept by (name, bytes, settings): the same text under the same settings is
    not linted twice (an undo, a save after the lint of the change, a code-action request)."""

    def __init__(self, size: int = RESULTS_KEPT):
        self.size = size
        self._kept: OrderedDict[tuple[str, str, str], FileResult] = OrderedDict()

    def get(self, key) -> FileResult | None:
        result = self._kept.get(key)
        if result is not None:
            self._kept.move_to_end(key)
        return result

    def put(self, key, result: FileResult) -> None:
        self._kept[key] = result
        self._kept.move_to_end(key)
        while len(self._kept) > self.size:
            self._kept.popitem(last=False)


class Linter:
    """Lints a document's text or file as ``check`` would; run on one thread only."""

    def __init__(self, lang: str | None = None, options: RunOptions | None = None):
        self.lang = lang
        self.options = options or RunOptions(jobs=1, progress=False)
        self.results = Results()

    def lint(self, target: Target, text: str | None) -> Outcome:
        lines = split_lines(text) if text is not None else []
        try:
            # a fresh Resolver: an edited configuration counts now
            config, settings = settings_for(target.name, Resolver(), self.options)
        except ConfigError as exc:
            return Outcome(target, lines, message_language(self.lang), config_error=str(exc))
        lang = message_language(self.lang, config.lang)
        # the buffer's text (a lone surrogate, never in a saved file, becomes one "?", keeping
        # every offset), or the file's bytes or the reason it could not be read
        data = text.encode("utf-8", "replace") if text is not None else read_file(target.name)
        if isinstance(data, str):
            return Outcome(target, lines, lang, FileResult(target.name, target.fmt, error=data))
        if not data.strip() and target.from_buffer:  # a new, empty buffer: nothing to say yet
            return Outcome(target, lines, lang, FileResult(target.name, target.fmt))
        key = (target.name, _digest(data), settings.digest)
        result = self.results.get(key)
        if result is not None:
            return Outcome(target, lines, lang, result, reused=True)
        result = lint_file(data, target.name, settings)
        self.results.put(key, result)
        return Outcome(target, lines, lang, result)


# --- diagnostics and code actions -------------------------------------------------------------


def diagnostics(outcome: Outcome, encoding: str = lsp.PositionEncodingKind.Utf16, docs_url: str | None = None) -> list[lsp.Diagnostic]:
    """The diagnostics of one lint: one per finding, in the findings' order, for the first
    :data:`MAX_DIAGNOSTICS` findings (then one that says how many more there are), then the
    reason the file could not be read, if any."""
    top = lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0))
    if outcome.config_error is not None:
        what = "configuration error" if outcome.lang == "en" else "配置错误"
        return [lsp.Diagnostic(top, f"draftlint {what}: {outcome.config_error}", lsp.DiagnosticSeverity.Error,
                               code="configuration", source=SOURCE)]
    result = outcome.result
    out: list[lsp.Diagnostic] = []
    if result is None:
        return out
    shown = result.findings[:MAX_DIAGNOSTICS]
    ranges = finding_ranges(shown, outcome.lines, encoding) if outcome.target.from_buffer else None
    for i, f in enumerate(shown):
        message = f.message.get(outcome.lang)
        if ranges is not None:
            where = ranges[i]
        else:  # a Word document: no line of the editor is the paragraph; the message names it
            where = top
            place = describe_finding(f.block, f.heading_path, result.format or outcome.target.fmt, outcome.lang)
            message = f"{place}: {message}" if outcome.lang == "en" else f"{place}：{message}"
        href = rule_href(f.rule, docs_url)
        out.append(lsp.Diagnostic(
            where, message, _SEVERITY[f.severity], code=f.rule, source=SOURCE,
            code_description=lsp.CodeDescription(href) if href else None,
        ))
    more = len(result.findings) - len(shown)
    if more:
        last = out[-1].range.end if ranges else top.end
        if outcome.lang == "en":
            message = f"draftlint: {more} more problems not shown (at most {MAX_DIAGNOSTICS} per document); draftlint check lists them all"
        else:
            message = f"draftlint：另有 {more} 个问题未显示（每个文档最多显示 {MAX_DIAGNOSTICS} 个）；draftlint check 可列出全部"
        out.append(lsp.Diagnostic(lsp.Range(last, last), message, lsp.DiagnosticSeverity.Information, code="more", source=SOURCE))
    if result.error is not None:
        from .reasons import cannot_read_word, localize

        out.append(lsp.Diagnostic(top, f"draftlint {cannot_read_word(outcome.lang)}: {localize(result.error, outcome.lang)}",
                                  lsp.DiagnosticSeverity.Error, code="read-error", source=SOURCE))
    return out


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    key = lambda p: (p.line, p.character)  # noqa: E731
    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def code_actions(outcome: Outcome, uri: str, wanted: lsp.Range, only: list[str] | None = None,
                 encoding: str = lsp.PositionEncodingKind.Utf16, docs_url: str | None = None) -> list[lsp.CodeAction]:
    """Quick fixes for the findings in ``wanted``, the fix-all source action, and (TXT) the
    directive that ignores a finding's rule on its line. The ranges are those of the
    outcome's diagnostics (made once, on the lint thread, for a document of any size)."""
    result = outcome.result
    if result is None or not outcome.target.from_buffer or not result.findings:
        return []
    if outcome.diagnostics is None:
        outcome.diagnostics = diagnostics(outcome, encoding, docs_url)

    def kind_wanted(kind: str) -> bool:
        return not only or any(kind == k or kind.startswith(k + ".") for k in only)

    # the first diagnostics are the findings', in order (up to MAX_DIAGNOSTICS of them)
    diag = dict(zip(map(id, result.findings[:MAX_DIAGNOSTICS]), outcome.diagnostics))
    en = outcome.lang == "en"
    # a fix replaces the buffer's text only where it holds the match (not across Markdown markup)
    chosen = [f for f in plan_fixes(result.findings)[0] if (place := _place(f, outcome.lines)) is not None and place[4]]
    actions: list[lsp.CodeAction] = []
    if kind_wanted(lsp.CodeActionKind.QuickFix):
        near = [f for f in result.findings[:MAX_DIAGNOSTICS] if wanted.start.line <= f.line - 1 <= wanted.end.line
                and _overlaps(diag[id(f)].range, wanted)]
        fixable = {id(f) for f in chosen}
        for f in near:
            if id(f) not in fixable:
                continue
            title = (f"Fix {f.rule}: “{f.match}” → “{f.fix.replacement}”" if en
                     else f"修复 {f.rule}：「{f.match}」改为「{f.fix.replacement}」")
            actions.append(lsp.CodeAction(
                title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[diag[id(f)]], is_preferred=True,
                edit=lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(diag[id(f)].range, f.fix.replacement)]}),
            ))
        if outcome.target.fmt == "txt":
            actions += _ignore_actions(outcome, uri, near, diag, encoding)
    if chosen and kind_wanted(FIX_ALL_KIND):
        edits = [lsp.TextEdit(where, f.fix.replacement) for f, where in zip(chosen, finding_ranges(chosen, outcome.lines, encoding))]
        n = len(edits)
        title = f"Fix all draftlint problems that have a safe fix ({n})" if en else f"修复全部可自动修复的 draftlint 问题（{n} 处）"
        actions.append(lsp.CodeAction(title, kind=FIX_ALL_KIND, edit=lsp.WorkspaceEdit(changes={uri: edits})))
    return actions


def _ignore_actions(outcome: Outcome, uri: str, near: list[Finding], diag: dict, encoding: str) -> list[lsp.CodeAction]:
    """``# draftlint: ignore RULE`` at the end of a finding's line (or the rule added to the
    directive already there), once per rule and line."""
    from .suppression import directive, parse_rules

    en = outcome.lang == "en"
    seen: set[tuple[int, str]] = set()
    actions = []
    for f in near:
        line = f.line - 1
        if not 0 <= line < len(outcome.lines) or (line, f.rule) in seen:
            continue
        seen.add((line, f.rule))
        text = outcome.lines[line]
        present = directive("end-of-line").search(text) if "draftlint" in text else None
        if present is not None:  # add the rule to the directive the line has
            rules = (*parse_rules(present.group("rules")), f.rule)
            start = units(text[: present.start()], encoding)
            new = f" # draftlint: ignore {', '.join(rules)}"
        else:
            start = units(text, encoding)
            new = f" # draftlint: ignore {f.rule}"
        edit = lsp.TextEdit(lsp.Range(lsp.Position(line, start), lsp.Position(line, units(text, encoding))), new)
        title = f"Ignore {f.rule} on this line" if en else f"在本行忽略 {f.rule}"
        actions.append(lsp.CodeAction(title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[diag[id(f)]],
                                      edit=lsp.WorkspaceEdit(changes={uri: [edit]})))
    return actions


# --- the server -------------------------------------------------------------------------------


class LintThread:
    """One daemon thread that runs the lints, in the order asked. Not a ThreadPoolExecutor: the
    interpreter waits for its threads at exit, and the editor closing the server in the middle
    of a huge buffer's lint would wait for that lint."""

    def __init__(self):
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        threading.Thread(target=self._run, name="draftlint-lint", daemon=True).start()

    def submit(self, fn, *args) -> Future:
        future: Future = Future()
        self._queue.put((future, fn, args))
        return future

    def _run(self) -> None:
        while True:
            future, fn, args = self._queue.get()
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn(*args))
            except BaseException as exc:  # noqa: BLE001 - handed to whoever awaits it
                future.set_exception(exc)


@dataclass
class _Doc:
    """What the server keeps for an open document."""

    target: Target  # what it is linted as, decided when it was opened
    timer: asyncio.TimerHandle | None = None
    running: bool = False
    again: bool = False
    last_seconds: float = 0.0
    published: Outcome | None = None
    published_version: int | None = None


class DraftlintServer(LanguageServer):
    def __init__(self, lang: str | None = None, docs_url: str | None = None):
        super().__init__(SOURCE, VERSION, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.linter = Linter(lang)
        self.docs_url = docs_url
        self.docs: dict[str, _Doc] = {}
        # one thread lints, in the order asked: the event loop stays free, rules_for's cache
        # and the prebuilt tables are used by one thread only
        self.lint_thread = LintThread()
        self._logged_error: str | None = None
        self._register()

    # -- state --

    @property
    def encoding(self) -> str:
        return self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16

    def _root(self) -> str | None:
        try:
            return self.workspace.root_path
        except Exception:  # noqa: BLE001 - before initialize
            return None

    def _snapshot(self, uri: str) -> tuple[Target, str | None, int | None] | None:
        doc = self.docs.get(uri)
        if doc is None:
            return None
        target = doc.target
        text_doc = self.workspace.get_text_document(uri)
        text = text_doc.source if target.from_buffer else None
        return target, text, text_doc.version

    def _version(self, uri: str) -> int | None:
        return self.workspace.get_text_document(uri).version if uri in self.docs else None

    # -- linting --

    def schedule(self, uri: str, delay: float | None = None) -> None:
        """Lint ``uri`` after ``delay`` seconds without a change (the debounce)."""
        doc = self.docs.get(uri)
        if doc is None:
            return
        if delay is None:
            delay = min(max(DEBOUNCE_SECONDS, doc.last_seconds), MAX_DEBOUNCE_SECONDS)
        if doc.timer is not None:
            doc.timer.cancel()
        loop = asyncio.get_running_loop()
        doc.timer = loop.call_later(delay, lambda: loop.create_task(self.lint_and_publish(uri)))

    async def lint_and_publish(self, uri: str) -> None:
        doc = self.docs.get(uri)
        if doc is None:
            return
        doc.timer = None
        if doc.running:  # one lint of a document at a time: the newest text is linted after it
            doc.again = True
            return
        doc.running = True
        try:
            while True:
                doc.again = False
                snap = self._snapshot(uri)
                if snap is None:
                    return
                target, text, version = snap
                started = time.monotonic()
                outcome = await self._lint(target, text)
                if not outcome.reused:
                    doc.last_seconds = time.monotonic() - started
                if self.docs.get(uri) is not doc:  # closed meanwhile
                    return
                if self._version(uri) == version or not target.from_buffer:
                    doc.published, doc.published_version = outcome, version
                    self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
                        uri, outcome.diagnostics, version=version))
                    if outcome.config_error and outcome.config_error != self._logged_error:  # once, not per keystroke
                        self._logged_error = outcome.config_error
                        self.window_log_message(lsp.LogMessageParams(lsp.MessageType.Error, f"draftlint: {outcome.config_error}"))
                if not doc.again:
                    return
        finally:
            doc.running = False

    async def current(self, uri: str) -> Outcome | None:
        """The lint of the document's current version: the published one, or one made now."""
        doc = self.docs.get(uri)
        if doc is None:
            return None
        if doc.published is not None and doc.published_version == self._version(uri):
            return doc.published
        snap = self._snapshot(uri)
        if snap is None:
            return None
        target, text, version = snap
        outcome = await self._lint(target, text)
        return outcome if self._version(uri) == version else None

    def _lint_job(self, target: Target, text: str | None, encoding: str) -> Outcome:
        """What the lint thread does: the lint, and its diagnostics (for a huge buffer, making
        tens of thousands of them is work the event loop must not do)."""
        try:
            outcome = self.linter.lint(target, text)
            outcome.diagnostics = diagnostics(outcome, encoding, self.docs_url)
        except Exception as exc:  # noqa: BLE001 - a bug is this document's diagnostic, not the server's end
            from .reasons import internal_error

            outcome = Outcome(target, [], message_language(self.linter.lang), FileResult(target.name, target.fmt, error=internal_error(exc)))
            outcome.diagnostics = diagnostics(outcome, encoding, self.docs_url)
        return outcome

    async def _lint(self, target: Target, text: str | None) -> Outcome:
        return await asyncio.wrap_future(self.lint_thread.submit(self._lint_job, target, text, self.encoding))

    def relint_all(self) -> None:
        for uri in list(self.docs):
            self.schedule(uri, 0)

    # -- protocol --

    def _register(self) -> None:
        @self.feature(lsp.INITIALIZE)
        def initialize(params: lsp.InitializeParams) -> None:
            opts = params.initialization_options
            if isinstance(opts, dict):
                if opts.get("lang") in ("zh", "en") and self.linter.lang is None:
                    self.linter.lang = opts["lang"]
                if isinstance(opts.get("docsUrl"), str) and not self.docs_url:
                    self.docs_url = opts["docsUrl"]

        @self.feature(lsp.INITIALIZED)
        def initialized(params: lsp.InitializedParams) -> None:
            caps = self.client_capabilities.workspace
            watched = caps.did_change_watched_files if caps else None
            if watched is not None and watched.dynamic_registration:
                names = ",".join(CONFIG_NAMES)
                self.client_register_capability(lsp.RegistrationParams([lsp.Registration(
                    "draftlint-config-files", lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                    lsp.DidChangeWatchedFilesRegistrationOptions([lsp.FileSystemWatcher(f"**/{{{names}}}")]),
                )]))

        @self.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
        def did_open(params: lsp.DidOpenTextDocumentParams) -> None:
            uri = params.text_document.uri
            target = target_for(uri, params.text_document.language_id, self._root())
            if target is None:
                return
            self.docs[uri] = _Doc(target)
            self.schedule(uri, 0)

        @self.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
        def did_change(params: lsp.DidChangeTextDocumentParams) -> None:
            uri = params.text_document.uri
            doc = self.docs.get(uri)
            if doc is not None and doc.target.from_buffer:
                self.schedule(uri)

        @self.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
        def did_save(params: lsp.DidSaveTextDocumentParams) -> None:
            uri = params.text_document.uri
            if os.path.basename(to_fs_path(uri) or "") in CONFIG_NAMES:
                self.relint_all()
            elif uri in self.docs:
                self.schedule(uri, 0)

        @self.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
        def did_close(params: lsp.DidCloseTextDocumentParams) -> None:
            uri = params.text_document.uri
            doc = self.docs.pop(uri, None)
            if doc is not None:
                if doc.timer is not None:
                    doc.timer.cancel()
                self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, []))

        @self.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
        def did_change_watched_files(params: lsp.DidChangeWatchedFilesParams) -> None:
            if any(os.path.basename(to_fs_path(c.uri) or "") in CONFIG_NAMES for c in params.changes):
                self.relint_all()

        @self.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
            code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL_KIND], resolve_provider=False))
        async def code_action(params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
            outcome = await self.current(params.text_document.uri)
            if outcome is None:
                return None
            return code_actions(outcome, params.text_document.uri, params.range, params.context.only,
                                self.encoding, self.docs_url) or None


def serve(lang: str | None = None, docs_url: str | None = None) -> int:
    """Run the server on standard input and output until the editor ends it; the exit code LSP
    asks for: 0 after a shutdown request, 1 when the editor went without one."""
    server = DraftlintServer(lang, docs_url)
    server.start_io()
    return 0 if getattr(server.protocol, "_shutdown", True) else 1
