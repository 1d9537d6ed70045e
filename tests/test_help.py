"""``--help`` is Chinese by default and English on request (--lang en, DRAFTLINT_LANG=en), from
one catalogue (draftlint.help_zh) that every command and option must be in."""

from __future__ import annotations

import os
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from draftlint import clihelp
from draftlint.cli import main
from draftlint.help_zh import CLICK_OPTIONS, COMMANDS


def draftlint(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "DRAFTLINT_LANG"}
    return subprocess.run([sys.executable, "-m", "draftlint", *args], capture_output=True, check=False,
                          env={**environ, "COLUMNS": "80", **(env or {})})


def _out(proc: subprocess.CompletedProcess, encoding: str = "utf-8") -> str:
    assert proc.returncode == 0, proc.stderr.decode(encoding, "replace")
    return proc.stdout.decode(encoding)


def _commands(group: click.Group = main, path: str = "draftlint"):
    """(catalogue key, command) for the group and every command under it."""
    yield path, group
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, f"{path} {name}")
        else:
            yield f"{path} {name}", command


def _options(command: click.Command):
    return [p for p in command.params if isinstance(p, click.Option) and not p.hidden]


def test_group_help_is_chinese_by_default():
    out = _out(draftlint("--help"))
    assert out.startswith("用法：")
    assert "检查中文公文草稿（DOCX、TXT 和 Markdown）中未填写的占位符" in out
    assert "\n选项：\n" in out and "\n命令：\n" in out
    assert "显示此帮助并退出。" in out and "显示版本并退出。" in out
    assert "  check       检查文件和文件夹\n" in out
    # the examples are a \b paragraph: kept line by line, commands as typed
    assert "\n    draftlint check 报告.docx            检查一个文件\n" in out
    assert "Usage:" not in out and "Options:" not in out and "Show this message" not in out


def test_command_help_is_chinese_with_options_metavars_and_defaults():
    out = _out(draftlint("check", "--help"))
    assert out.startswith("用法：") and "[OPTIONS] [PATHS]..." in out
    assert "检查文件和文件夹（TXT、Markdown、DOCX/DOCM/DOTX/DOTM" in out
    assert "  --format [text|concise|json|json-lines|sarif|github|junit|html]\n" in out  # as typed
    assert "报告格式：text（供人阅读）" in out and "[默认：text]" in out
    assert "-o, --output FILE" in out and "--stdin-filename NAME" in out
    # the exit codes stay two aligned lines (\b)
    assert "  退出码：0 没有 --fail-on 及以上级别的问题，1 有问题，\n          2 用法或配置错误" in out
    assert "Lint files" not in out and "[default:" not in out


def test_help_fits_the_terminal():
    """Wrapped by display width (a Chinese character takes two columns): only what must not
    be broken (an option with its choices, an example command) may be wider."""
    for args in (["--help"], ["check", "--help"], ["spark", "--help"]):
        for line in _out(draftlint(*args)).splitlines():
            if clihelp._width(line) > 78:
                assert line.lstrip().startswith(("--", "draftlint ")), line


@pytest.mark.parametrize("how", [("--lang", "en"), ("--lang=en",), "DRAFTLINT_LANG"])
def test_english_on_request(how):
    if how == "DRAFTLINT_LANG":
        proc = draftlint("check", "--help", env={"DRAFTLINT_LANG": "en"})
    else:
        proc = draftlint("check", *how, "--help")
    out = _out(proc)
    assert out.startswith("Usage: ") and "\nOptions:\n" in out
    assert "Lint files and folders (TXT, Markdown, DOCX/DOCM/DOTX/DOTM" in out
    assert "Output format: text (for people)" in out and "[default: text]" in out
    assert "Show this message and exit." in out
    assert "用法" not in out and "选项" not in out and "报告格式" not in out


def test_command_line_wins_over_the_environment():
    assert _out(draftlint("check", "--help", "--lang", "zh", env={"DRAFTLINT_LANG": "en"})).startswith("用法：")
    assert _out(draftlint("check", "--help", "--lang", "en", env={"DRAFTLINT_LANG": "zh"})).startswith("Usage: ")
    group = _out(draftlint("--help", env={"DRAFTLINT_LANG": "en"}))
    assert "Commands:\n" in group and "Find unfilled placeholders" in group


def test_english_is_click_own_page(monkeypatch):
    """In English every page is exactly what click writes from cli.py's docstrings and help."""
    monkeypatch.setenv("DRAFTLINT_LANG", "en")
    for key, command in _commands():
        name = key.split()[-1]
        ours = command.get_help(clihelp.HelpContext(command, info_name=name))
        clicks = command.get_help(click.Context(command, info_name=name))  # click's own formatter
        assert ours == clicks, key


def test_help_under_gbk_prints():
    """A Chinese Windows console: the help goes through click's normal output and prints."""
    for args in (["--help"], ["check", "--help"], ["fix", "--help"]):
        out = _out(draftlint(*args, env={"PYTHONIOENCODING": "gbk"}), "gbk")
        assert out.startswith("用法：")


def test_every_command_and_option_has_chinese_help():
    """Add a command or an option to cli.py, and this fails until help_zh has its Chinese."""
    missing = []
    for key, command in _commands():
        entry = COMMANDS.get(key)
        if entry is None or not entry.text.strip() or (key != "draftlint" and not entry.short):
            missing.append(key)
            continue
        missing += [f"{key} {clihelp.option_key(p)}" for p in _options(command)
                    if not (entry.options.get(clihelp.option_key(p)) or CLICK_OPTIONS.get(clihelp.option_key(p)))]
    assert not missing, f"no Chinese help in draftlint/help_zh.py for: {', '.join(missing)}"


def test_catalogue_has_nothing_cli_lacks():
    """A command or option renamed in cli.py is renamed in the catalogue too."""
    defined = dict(_commands())
    assert set(COMMANDS) <= set(defined)
    for key, entry in COMMANDS.items():
        assert set(entry.options) <= {clihelp.option_key(p) for p in _options(defined[key])}, key


def test_every_command_is_chinese():
    """The mechanism covers every command of the group, present and future (command_class)."""
    runner = CliRunner()
    for key, command in _commands():
        args = key.split()[1:]
        out = runner.invoke(main, [*args, "--help"], env={"DRAFTLINT_LANG": None}).output
        assert out.startswith("用法：") and "\n选项：\n" in out, key
        assert COMMANDS[key].text.strip().splitlines()[0][:12] in out, key
        for p in _options(command):
            zh = COMMANDS[key].options.get(clihelp.option_key(p)) or CLICK_OPTIONS[clihelp.option_key(p)]
            assert zh[:8] in out, (key, p.name)


def test_an_option_the_catalogue_lacks_stays_english():
    @main.command("zz-help-probe")
    @click.option("--probe", help="An English help text.", default=3, show_default=True)
    def probe(probe):
        """A command with no Chinese entry."""

    try:
        out = CliRunner().invoke(main, ["zz-help-probe", "--help"], env={"DRAFTLINT_LANG": None}).output
        assert out.startswith("用法：")
        assert "A command with no Chinese entry." in out
        assert "An English help text.  [default: 3]" in out
        assert "显示此帮助并退出。" in out
    finally:
        del main.commands["zz-help-probe"]


def test_wrapping_keeps_names_markers_and_raw_paragraphs():
    text = ("把报告写入 FILE，而不是输出到标准输出；生成\n名称.draftlint.docx，"
            "并设置 DRAFTLINT_CACHE_DIR。  [默认：text]\n\n\b\n  draftlint check 报告.docx   检查\n  第二行")
    out = clihelp.wrap_text(text, 24, "  ", "  ")
    lines = out.splitlines()
    assert "生成名称.draftlint.docx" in out.replace("\n  ", "")  # no space between Chinese lines
    assert any("名称.draftlint.docx" in line for line in lines)
    assert any("[默认：text]" in line for line in lines)
    assert all(clihelp._width(line) <= 24 for line in lines[:-3])
    assert lines[-2:] == ["    draftlint check 报告.docx   检查", "    第二行"]
    assert not any(line.lstrip().startswith(("，", "。", "；")) for line in lines)
