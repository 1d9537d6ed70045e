"""``draftlint lsp`` end to end: the server started as a real subprocess, spoken to over stdio by
pygls's own client (real JSON-RPC, nothing mocked): diagnostics at exact UTF-16 ranges, quick
fixes applied and diagnostics updated, configuration found as ``check`` finds it."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls.lsp.client", reason="the lsp extra (pygls 2) is not installed: pip install -e '.[lsp]'")

from lsprotocol import types as lsp  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402
from pygls.uris import from_fs_path  # noqa: E402

from draftlint.readers import format_of  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 30  # seconds to wait for a diagnostic (a loaded CI machine; normally well under one)


def _env(**extra: str) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH")) if p)
    env.pop("DRAFTLINT_LANG", None)
    env.update(extra)
    return env


def apply_edits(text: str, edits: list[lsp.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 positions) to ``text``, as an editor does."""
    lines = text.split("\n")

    def offset(pos: lsp.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: pos.line])
        line = lines[pos.line] if pos.line < len(lines) else ""
        units = 0
        for i, ch in enumerate(line):
            if units >= pos.character:
                return before + i
            units += 2 if ord(ch) > 0xFFFF else 1
        return before + len(line)

    spans = sorted(((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


class Session:
    """One server process and the client talking to it."""

    def __init__(self, env: dict | None = None, encodings: list[str] | None = None, watch: bool = False,
                 init_options: dict | None = None):
        self.env = env or _env()
        self.encodings = encodings
        self.watch = watch
        self.init_options = init_options
        self.client = LanguageClient("draftlint-test", "0")
        self.published: dict[str, list[lsp.PublishDiagnosticsParams]] = {}
        self.registrations: list[lsp.Registration] = []
        self.versions: dict[str, int] = {}
        self._changed = asyncio.Event()

        @self.client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
            self.published.setdefault(params.uri, []).append(params)
            self._changed.set()

        @self.client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
        def on_register(params: lsp.RegistrationParams) -> None:
            self.registrations.extend(params.registrations)

        @self.client.feature(lsp.WINDOW_LOG_MESSAGE)
        def on_log(params: lsp.LogMessageParams) -> None:
            pass

    async def __aenter__(self) -> "Session":
        await self.client.start_io(sys.executable, "-m", "draftlint", "lsp", env=self.env)
        caps = lsp.ClientCapabilities(
            general=lsp.GeneralClientCapabilities(position_encodings=self.encodings) if self.encodings else None,
            workspace=lsp.WorkspaceClientCapabilities(
                did_change_watched_files=lsp.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)) if self.watch else None,
        )
        self.init = await asyncio.wait_for(self.client.initialize_async(lsp.InitializeParams(
            capabilities=caps, process_id=os.getpid(), initialization_options=self.init_options)), TIMEOUT)
        self.client.initialized(lsp.InitializedParams())
        return self

    async def __aexit__(self, *exc) -> None:
        try:
            await asyncio.wait_for(self.client.shutdown_async(None), TIMEOUT)
            self.client.exit(None)
        finally:
            await asyncio.wait_for(self.client.stop(), TIMEOUT)

    def open(self, path: Path, text: str, language_id: str = "plaintext") -> str:
        uri = from_fs_path(str(path))
        self.versions[uri] = 1
        self.client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, language_id, 1, text)))
        return uri

    def change(self, uri: str, text: str) -> None:
        self.versions[uri] += 1
        self.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(version=self.versions[uri], uri=uri),
            [lsp.TextDocumentContentChangeWholeDocument(text)]))

    async def diagnostics(self, uri: str, until=lambda diags: True, after: int = 0) -> list[lsp.Diagnostic]:
        """The first diagnostics published for the document's current version that ``until``
        accepts (from the ``after``-th publication on)."""
        async def wait():
            while True:
                for params in self.published.get(uri, [])[after:]:
                    if params.version in (None, self.versions.get(uri)) and until(params.diagnostics):
                        return list(params.diagnostics)
                self._changed.clear()
                await self._changed.wait()

        return await asyncio.wait_for(wait(), TIMEOUT)

    async def actions(self, uri: str, where: lsp.Range, only: list[str] | None = None) -> list[lsp.CodeAction]:
        result = await asyncio.wait_for(self.client.text_document_code_action_async(lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri), where, lsp.CodeActionContext([], only=only))), TIMEOUT)
        return list(result or [])

    async def apply(self, uri: str, text: str, action: lsp.CodeAction) -> tuple[str, list[lsp.Diagnostic]]:
        """Apply a code action's edit to the buffer's ``text`` as the editor does and send the
        change: the new text, and the diagnostics published for it."""
        fixed = apply_edits(text, action.edit.changes[uri])
        self.change(uri, fixed)
        return fixed, await self.diagnostics(uri)


def run(coro):
    return asyncio.run(coro)


def _rng(line: int, start: int, end: int) -> lsp.Range:
    return lsp.Range(lsp.Position(line, start), lsp.Position(line, end))


def test_placeholder_is_a_diagnostic_at_its_exact_range(tmp_path):
    async def main():
        async with Session() as s:
            assert s.init.capabilities.position_encoding in (None, lsp.PositionEncodingKind.Utf16)
            uri = s.open(tmp_path / "通知.txt", "根据x市x局的要求。\n")
            diags = await s.diagnostics(uri, lambda d: bool(d))
            assert [(d.code, d.range) for d in diags] == [("PH001", _rng(0, 2, 3)), ("PH001", _rng(0, 4, 5))]
            d = diags[0]
            assert d.source == "draftlint"
            assert d.severity == lsp.DiagnosticSeverity.Error
            assert d.message == "未填写的占位符「x」：请换成实际的名称或数字"  # Chinese by default
            assert d.code_description is not None and d.code_description.href.endswith("rules.md#ph001")

    run(main())


def test_change_updates_the_diagnostics(tmp_path):
    async def main():
        async with Session() as s:
            uri = s.open(tmp_path / "a.txt", "根据x市x局的要求。\n")
            assert len(await s.diagnostics(uri, lambda d: bool(d))) == 2
            s.change(uri, "第一行没有问题。\n根据x市的要求。\n")
            diags = await s.diagnostics(uri)
            assert [(d.code, d.range) for d in diags] == [("PH001", _rng(1, 2, 3))]
            s.change(uri, "根据市局的要求。\n")
            assert await s.diagnostics(uri) == []

    run(main())


def test_quick_fix_is_the_safe_fix_and_applying_it_clears_the_diagnostic(tmp_path):
    text = "根据x市x局的要求,现通知如下。\n"
    async def main():
        async with Session() as s:
            uri = s.open(tmp_path / "a.txt", text)
            diags = await s.diagnostics(uri, lambda d: any(x.code == "PU004" for x in d))
            pu = next(d for d in diags if d.code == "PU004")
            assert pu.range == _rng(0, 9, 10)
            actions = await s.actions(uri, pu.range, only=[lsp.CodeActionKind.QuickFix])
            fixes = [a for a in actions if a.is_preferred]
            assert len(fixes) == 1 and fixes[0].kind == lsp.CodeActionKind.QuickFix
            assert [d.code for d in fixes[0].diagnostics] == ["PU004"]
            fixed, diags = await s.apply(uri, text, fixes[0])
            assert fixed == "根据x市x局的要求，现通知如下。\n"
            assert [d.code for d in diags] == ["PH001", "PH001"]
            # a placeholder is never fixed automatically: no quick fix offered for it
            actions = await s.actions(uri, diags[0].range)
            assert not [a for a in actions if a.is_preferred]

    run(main())


def test_fix_all_source_action(tmp_path):
    text = "根据要求,现通知如下,请准时参加。\n第二行也有问题,对吧。\n"
    async def main():
        async with Session() as s:
            uri = s.open(tmp_path / "a.txt", text)
            await s.diagnostics(uri, lambda d: bool(d))
            actions = await s.actions(uri, _rng(0, 0, 0), only=[lsp.CodeActionKind.SourceFixAll])
            assert [a.kind for a in actions] == ["source.fixAll.draftlint"]
            fixed, diags = await s.apply(uri, text, actions[0])
            assert "," not in fixed
            assert [d for d in diags if d.code == "PU004"] == []

    run(main())


def test_ignore_rule_on_the_line(tmp_path):
    text = "根据x市的要求。\n"
    async def main():
        async with Session() as s:
            uri = s.open(tmp_path / "a.txt", text)
            diags = await s.diagnostics(uri, lambda d: bool(d))
            actions = await s.actions(uri, diags[0].range)
            ignore = [a for a in actions if "PH001" in a.title and not a.is_preferred]
            assert [a.title for a in ignore] == ["在本行忽略 PH001"]
            fixed, diags = await s.apply(uri, text, ignore[0])
            assert fixed == "根据x市的要求。 # draftlint: ignore PH001\n"
            assert diags == []

    run(main())


def test_astral_character_counts_two_utf16_units(tmp_path):
    async def main():
        async with Session() as s:
            uri = s.open(tmp_path / "a.txt", "𠀀𠀀根据x市的要求。\n")
            diags = await s.diagnostics(uri, lambda d: bool(d))
            # x is the 5th character (offset 4) but the 7th UTF-16 code unit (offset 6)
            assert [(d.code, d.range) for d in diags] == [("PH001", _rng(0, 6, 7))]

    run(main())


def test_utf32_positions_when_the_client_prefers_them(tmp_path):
    async def main():
        async with Session(encodings=[lsp.PositionEncodingKind.Utf32, lsp.PositionEncodingKind.Utf16]) as s:
            assert s.init.capabilities.position_encoding == lsp.PositionEncodingKind.Utf32
            uri = s.open(tmp_path / "a.txt", "𠀀𠀀根据x市的要求。\n")
            diags = await s.diagnostics(uri, lambda d: bool(d))
            assert [d.range for d in diags] == [_rng(0, 4, 5)]

    run(main())


def test_configuration_in_the_documents_folder_is_used_and_reloaded(tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "draftlint.toml").write_text('ignore = ["PH001"]\n', encoding="utf-8")
    other = tmp_path / "elsewhere"
    other.mkdir()
    text = "根据x市x局的要求,现通知如下。\n"

    async def main():
        async with Session(watch=True) as s:
            near = s.open(folder / "a.txt", text)
            far = s.open(other / "a.txt", text)
            assert [d.code for d in await s.diagnostics(near, lambda d: bool(d))] == ["PU004"]
            assert [d.code for d in await s.diagnostics(far, lambda d: bool(d))] == ["PH001", "PH001", "PU004"]
            # the server asked to be told of configuration files changing
            assert any(r.method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES for r in s.registrations)
            (folder / "draftlint.toml").write_text('lang = "en"\n', encoding="utf-8")
            n = len(s.published[near])
            s.client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
                [lsp.FileEvent(from_fs_path(str(folder / "draftlint.toml")), lsp.FileChangeType.Changed)]))
            diags = await s.diagnostics(near, after=n)
            assert [d.code for d in diags] == ["PH001", "PH001", "PU004"]
            assert diags[0].message.startswith("Unfilled placeholder")  # lang = "en" of that configuration

    run(main())


def test_bad_configuration_is_one_diagnostic(tmp_path):
    (tmp_path / "draftlint.toml").write_text('ignore = ["NO-SUCH-RULE"]\n', encoding="utf-8")

    async def main():
        async with Session() as s:
            uri = s.open(tmp_path / "a.txt", "根据x市的要求。\n")
            diags = await s.diagnostics(uri, lambda d: bool(d))
            assert [d.code for d in diags] == ["configuration"]
            assert "NO-SUCH-RULE" in diags[0].message

    run(main())


def test_english_messages(tmp_path):
    async def main():
        async with Session(env=_env(DRAFTLINT_LANG="en")) as s:
            uri = s.open(tmp_path / "a.txt", "根据x市的要求。\n")
            diags = await s.diagnostics(uri, lambda d: bool(d))
            assert diags[0].message.startswith("Unfilled placeholder")

    run(main())


def test_word_document_is_linted_from_disk(tmp_path):
    from docx_factory import make_docx, p

    path = tmp_path / "报告.docx"
    path.write_bytes(make_docx(p("关于加强管理的报告") + p("根据x市x局的要求，现报告如下。")))

    async def main():
        async with Session() as s:
            uri = s.open(path, "", language_id="docx")
            diags = await s.diagnostics(uri, lambda d: bool(d))
            ph = [d for d in diags if d.code == "PH001"]
            assert len(ph) == 2 and all(d.range == _rng(0, 0, 0) for d in ph)
            assert ph[0].message.startswith("正文第2段")

    run(main())


def test_empty_and_unsupported_documents(tmp_path):
    async def main():
        async with Session() as s:
            uri = s.open(tmp_path / "new.txt", "")
            assert await s.diagnostics(uri) == []
            code = s.open(tmp_path / "script.py", "x = 'x市x局'\n", language_id="python")
            # nothing is published for a file draftlint does not read; the TXT still works
            txt = s.open(tmp_path / "b.txt", "根据x市的要求。\n")
            assert len(await s.diagnostics(txt, lambda d: bool(d))) == 1
            assert code not in s.published

    run(main())


@pytest.mark.skipif(format_of("a.md") is None, reason="the Markdown reader is not on this branch yet (format_of('a.md') is None)")
def test_markdown_buffer(tmp_path):
    async def main():
        async with Session() as s:
            uri = s.open(tmp_path / "a.md", "# 通知\n\n根据x市的要求。\n", language_id="markdown")
            diags = await s.diagnostics(uri, lambda d: bool(d))
            assert [(d.code, d.range) for d in diags if d.code == "PH001"] == [("PH001", _rng(2, 2, 3))]

    run(main())


@pytest.mark.skipif(format_of("a.md") is None, reason="the Markdown reader is not on this branch yet (format_of('a.md') is None)")
def test_markdown_ranges_and_fixes_are_at_the_source_place():
    from draftlint.lsp import code_actions, diagnostics

    # a list item (its text starts at column 2), a hard-wrapped paragraph's second line, and a
    # match with markup inside: the ranges are where the JSON report puts them, and a fix
    # replaces the source only where it holds the match (it once replaced the whole line)
    text = "- 根据要求,现通知如下。\n\n第一行\n根据x市的要求,好。\n\n截*止*2023年底完成。\n\n截止2023年底完成。\n"
    outcome, findings = _findings(text, "a.md")
    diags = diagnostics(outcome)
    got = {(d.code, d.range.start.line, d.range.start.character, d.range.end.character) for d in diags}
    assert {("PU004", 0, 6, 7), ("PH001", 3, 2, 3), ("PU004", 3, 7, 8)} <= got
    for f, d in zip(findings, diags):
        assert (d.range.start.line + 1, d.range.start.character + 1) == (f.line, f.column)
    everything = lsp.Range(lsp.Position(0, 0), lsp.Position(9, 0))
    actions = code_actions(outcome, "u", everything, only=[lsp.CodeActionKind.SourceFixAll])
    fixed = apply_edits(text, actions[0].edit.changes["u"])
    assert fixed == "- 根据要求，现通知如下。\n\n第一行\n根据x市的要求，好。\n\n截*止*2023年底完成。\n\n截至2023年底完成。\n"

def test_without_pygls_the_command_says_how_to_install_it(tmp_path):
    fake = tmp_path / "fake"
    (fake / "pygls").mkdir(parents=True)
    (fake / "pygls" / "__init__.py").write_text("raise ImportError('no pygls here')\n")
    env = _env()
    env["PYTHONPATH"] = os.pathsep.join((str(fake), env["PYTHONPATH"]))
    proc = subprocess.run([sys.executable, "-m", "draftlint", "lsp"], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=60)
    assert proc.returncode == 2
    assert "pip install -e '.[lsp]'" in proc.stderr


def test_check_does_not_import_pygls():
    code = "import sys, draftlint.cli; assert 'pygls' not in sys.modules and 'draftlint.lsp' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, env=_env())


def test_typing_is_debounced_and_code_actions_follow_the_latest_text(tmp_path):
    async def main():
        async with Session() as s:
            uri = s.open(tmp_path / "a.txt", "根据要求。\n")
            await s.diagnostics(uri)
            for text in ("根据要求,", "根据要求,现", "根据要求,现通知", "根据要求,现通知如下", "根据要求,现通知如下。\n"):
                s.change(uri, text)  # sent at once, as keystrokes are: one lint for the last
            # asked before the debounced lint: answered from a lint of the current text
            actions = await s.actions(uri, _rng(0, 4, 5), only=[lsp.CodeActionKind.QuickFix])
            assert [a.title for a in actions if a.is_preferred] == ["修复 PU004：「,」改为「，」"]
            diags = await s.diagnostics(uri, lambda d: bool(d))
            assert [(d.code, d.range) for d in diags] == [("PU004", _rng(0, 4, 5))]
            assert [p.version for p in s.published[uri]] == [1, 6]

    run(main())


# --- positions, in process ----------------------------------------------------------------------


def _findings(text: str, name: str = "a.txt"):
    from draftlint.lsp import Linter, Target

    outcome = Linter().lint(Target(name, "txt", True), text)
    return outcome, outcome.result.findings


def test_ranges_match_the_json_report_and_count_code_units():
    from draftlint.lsp import finding_ranges

    text = "甲𠀀乙x市。\n\n\ufeff"  # an astral character before the finding; a last line of a lone BOM-like char
    outcome, findings = _findings(text)
    (f,) = [f for f in findings if f.rule == "PH001"]
    assert (f.line, f.column) == (1, 4)  # the JSON report's line and column (code points, 1-based)
    assert finding_ranges([f], outcome.lines)[0] == _rng(0, 4, 5)  # UTF-16
    assert finding_ranges([f], outcome.lines, lsp.PositionEncodingKind.Utf32)[0] == _rng(0, 3, 4)
    assert finding_ranges([f], outcome.lines, lsp.PositionEncodingKind.Utf8)[0] == _rng(0, 10, 11)


def test_a_byte_order_mark_in_the_buffer_shifts_the_first_line():
    from draftlint.lsp import finding_ranges

    outcome, findings = _findings("\ufeff根据x市的要求。\n")
    assert finding_ranges([f for f in findings if f.rule == "PH001"], outcome.lines)[0] == _rng(0, 3, 4)


def test_a_long_line_with_many_findings_is_mapped_in_linear_time():
    import time

    from draftlint.lsp import MAX_DIAGNOSTICS, diagnostics

    outcome, findings = _findings("根据x市x局的要求,现通知如下𠀀。" * 20000 + "\n")
    assert len(findings) > MAX_DIAGNOSTICS
    started = time.perf_counter()
    diags = diagnostics(outcome)
    assert time.perf_counter() - started < 10  # quadratic took minutes
    assert len(diags) == MAX_DIAGNOSTICS + 1 and diags[-1].code == "more"
    assert str(len(findings) - MAX_DIAGNOSTICS) in diags[-1].message
    last = diags[MAX_DIAGNOSTICS - 1]
    f = findings[MAX_DIAGNOSTICS - 1]
    assert last.range.start.character == f.start + f.block.text[: f.start].count("𠀀")


def test_same_text_and_settings_are_linted_once():
    from draftlint.lsp import Linter, Target

    linter = Linter()
    target = Target("/tmp/draftlint-lsp-test/a.txt", "txt", True)
    first = linter.lint(target, "根据x市的要求。\n")
    again = linter.lint(target, "根据x市的要求。\n")
    other = linter.lint(target, "根据x局的要求。\n")
    assert not first.reused and again.reused and not other.reused
    assert again.result is first.result


# --- a real editor ------------------------------------------------------------------------------

_NVIM_INIT = """
local id = vim.lsp.start_client({ name = 'draftlint', cmd = { %(python)s, '-m', 'draftlint', 'lsp' },
  cmd_env = { PYTHONPATH = %(pythonpath)s }, root_dir = %(root)s })
vim.api.nvim_create_autocmd('FileType', { pattern = 'text', callback = function(a) vim.lsp.buf_attach_client(a.buf, id) end })
"""
_NVIM_PROBE = """
vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 100)
local out = {}
local res = vim.lsp.buf_request_sync(0, 'textDocument/codeAction', { textDocument = vim.lsp.util.make_text_document_params(0),
  range = { start = { line = 0, character = 9 }, ['end'] = { line = 0, character = 10 } },
  context = { diagnostics = {}, only = { 'quickfix' } } }, 20000)
for _, r in pairs(res) do
  for _, a in ipairs(r.result or {}) do
    if a.isPreferred then vim.lsp.util.apply_workspace_edit(a.edit, 'utf-16') end
  end
end
vim.wait(20000, function()
  for _, d in ipairs(vim.diagnostic.get(0)) do if d.code == 'PU004' then return false end end
  return #vim.diagnostic.get(0) > 0
end, 100)
for _, d in ipairs(vim.diagnostic.get(0)) do table.insert(out, string.format('%%d:%%d %%s', d.lnum, d.col, d.code)) end
table.sort(out)
table.insert(out, vim.api.nvim_buf_get_lines(0, 0, 1, false)[1])
vim.fn.writefile(out, %(out)s)
"""


@pytest.mark.skipif(__import__("shutil").which("nvim") is None, reason="Neovim (nvim) is not installed")
def test_neovim_shows_the_diagnostics_and_applies_the_quick_fix(tmp_path):
    """Neovim's own LSP client (0.7 and later): it turns the UTF-16 columns into byte columns,
    so 𠀀 (4 bytes, 2 UTF-16 units) before a finding shows whether both sides counted alike."""
    import json

    lua = json.dumps  # a JSON string is a Lua string for these paths
    doc = tmp_path / "a.txt"
    doc.write_text("根据x市x局的要求,现通知如下。\n𠀀根据x市的要求。\n", encoding="utf-8")
    (tmp_path / "init.lua").write_text(_NVIM_INIT % {
        "python": lua(sys.executable), "pythonpath": lua(_env()["PYTHONPATH"]), "root": lua(str(tmp_path))}, encoding="utf-8")
    (tmp_path / "probe.lua").write_text(_NVIM_PROBE % {"out": lua(str(tmp_path / "out.txt"))}, encoding="utf-8")
    subprocess.run(["nvim", "--headless", "-u", str(tmp_path / "init.lua"), str(doc), "-c", f"luafile {tmp_path / 'probe.lua'}",
                    "-c", "qa!"], cwd=tmp_path, timeout=120, check=False, stdin=subprocess.DEVNULL, capture_output=True)
    out = (tmp_path / "out.txt").read_text(encoding="utf-8").splitlines()
    # byte columns: 根据 is 6 bytes; 𠀀根据 is 10
    assert out == ["0:10 PH001", "0:6 PH001", "1:10 PH001", "根据x市x局的要求，现通知如下。"]


def test_crlf_and_cr_line_ends_count_as_the_editor_counts_them():
    from draftlint.lsp import finding_ranges

    for text in ("第一行。\r\n根据x市的要求。\r\n", "第一行。\r根据x市的要求。\r"):
        outcome, findings = _findings(text)
        assert finding_ranges([f for f in findings if f.rule == "PH001"], outcome.lines) == [_rng(1, 2, 3)]


def test_language_from_initialization_options(tmp_path):
    async def main():
        async with Session(init_options={"lang": "en"}) as s:
            uri = s.open(tmp_path / "a.txt", "根据x市的要求。\n")
            diags = await s.diagnostics(uri, lambda d: bool(d))
            assert diags[0].message.startswith("Unfilled placeholder")

    run(main())


def test_which_documents_are_linted_and_as_what(tmp_path):
    from draftlint.lsp import target_for

    folder = tmp_path.as_posix()
    assert target_for(f"file://{folder}/a.txt", "plaintext").name == f"{folder}/a.txt"
    assert target_for(f"file://{folder}/a.txt", "markdown").fmt == "txt"  # the name decides, as for check
    assert target_for(f"file://{folder}/notes", "plaintext") == (f"{folder}/notes.txt", "txt", True)
    assert target_for(f"file://{folder}/notes", "python") is None
    assert target_for(f"file://{folder}/报告.docx", "docx") == (f"{folder}/报告.docx", "docx", False)
    assert target_for("untitled:Untitled-1", "plaintext", folder) == (f"{folder}/untitled.txt", "txt", True)
    assert target_for("output:extension-output-1", "plaintext", folder) is None
    assert target_for("git:/a.txt?ref", "plaintext", folder) is None


def test_configuration_is_read_again_on_save_of_it_and_at_every_lint(tmp_path):
    text = "根据x市x局的要求,现通知如下。\n"

    async def main():
        async with Session() as s:  # a client that watches no files
            uri = s.open(tmp_path / "a.txt", text)
            assert [d.code for d in await s.diagnostics(uri, lambda d: bool(d))] == ["PH001", "PH001", "PU004"]
            config = tmp_path / "draftlint.toml"
            config.write_text('ignore = ["PU004"]\n', encoding="utf-8")
            n = len(s.published[uri])
            s.client.text_document_did_save(lsp.DidSaveTextDocumentParams(lsp.TextDocumentIdentifier(from_fs_path(str(config)))))
            assert [d.code for d in await s.diagnostics(uri, after=n)] == ["PH001", "PH001"]
            # edited behind the editor's back: the next lint of the document reads it again
            config.write_text('ignore = ["PH001"]\n', encoding="utf-8")
            s.change(uri, text + "第二行。\n")
            assert [d.code for d in await s.diagnostics(uri)] == ["PU004"]

    run(main())
