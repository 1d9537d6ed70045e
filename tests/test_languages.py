"""Every line a person reads is in the language asked for: Chinese by default, English with
--lang en. Each command and each format for people is run in both languages, and no line may
hold a phrase of the other. What is not language is taken out first: names a user types or
sees as they are (paths, rule ids and names, options, code, environment variables), and the
document's own text (quoted matches, excerpts, heading paths)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

SAMPLES = ROOT / "samples"

# Names: kept as they are in either language.
_NAMES = re.compile(
    r"""(?:python\ -m\ )?draftlint\ .*            # a command line (help's usage and examples)
    | `[^`]*`                                   # code
    | https?://\S+
    | '[^']*' | "[^"]*"                           # quoted values (pip install 'draftlint[web]')
    | \S*[/\\]\S*                                 # paths
    | \S+\.(?:txt|md|markdown|docx|docm|dotx|dotm|doc|wps|odt|rtf|toml|yaml|yml|html|json|jsonl|sarif|xml|png)\b
    | --?[A-Za-z][\w-]*                           # options
    | \b[A-Z]{2,4}\d{3}\b                         # rule ids
    | \b[a-z0-9]+(?:-[a-z0-9]+)+\b                # rule names, formats (json-lines)
    | \{[a-z_]+\}                                 # message slots
    | \b[A-Z][A-Z0-9_]{2,}\b                      # metavars, environment variables
    | \[[a-z]+(?:\|[a-z]+)+\]                     # choices [zh|en]
    """,
    re.X,
)
#: Proper names that are English words but no language of ours (product and standard names).
_PROPER = re.compile(r"\b(?:Apache Spark|Microsoft Word|Word|LibreOffice|GitHub(?: Actions?)?|Python|Spark|Parquet|"
                     r"JSON(?: Lines)?|SARIF|JUnit|HTML|CSV|TXT|DOCX|Markdown|OpenCC|VS Code|Neovim|Helix|LSP|OA|"
                     r"Chromium|Firefox|WPS|GB/T|UTF-\d+|GBK|GB18030|BOM|CRLF|pip install|pre-commit|draftlint|yes|no|"
                     r"git status|traceback|initializationOptions(?:\.lang)?|local\[\d\]|stdio|regex)\b")
_ENGLISH_WORDS = re.compile(r"\b[A-Za-z]{2,}(?:[ ,;:]+[A-Za-z]{2,})+\b")
# Chinese prose: a run of Chinese characters longer than a term, or Chinese sentence punctuation.
# (English messages do name the short terms a rule is about: "write 截至, not 截止".)
_CHINESE_PROSE = re.compile(r"[\u3400-\u9fff]{6,}|[，。：；！？、]")
# The document's own text in English output: quoted matches, the heading path after ·, the
# excerpt lines under a finding, a file's name at the start of its line.
_DOCUMENT_TEXT = re.compile(r"“[^”]*”|‘[^’]*’|「[^」]*」|『[^』]*』|《[^》]*》|·[^\]]*\]|\S*[\u3400-\u9fff]\S*\.(?:txt|md|docx)\S*")


def _english_phrases(line: str) -> list[str]:
    text = _PROPER.sub(" ", _NAMES.sub(" ", line))
    return _ENGLISH_WORDS.findall(text)


def _chinese_in(line: str) -> list[str]:
    return _CHINESE_PROSE.findall(_DOCUMENT_TEXT.sub(" ", line))


def _run(args: list[str], lang: str, cwd: Path) -> str:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "DRAFTLINT_CACHE_DIR": str(cwd / ".cache")}
    env.pop("DRAFTLINT_LANG", None)
    if lang == "en":
        env["DRAFTLINT_LANG"] = "en"
    proc = subprocess.run([sys.executable, "-m", "draftlint", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=300)
    assert proc.returncode in (0, 1, 2), proc.stderr
    return proc.stdout + proc.stderr


def _outputs(lang: str, folder: Path) -> dict[str, str]:
    """What each command prints, in ``lang``, on copies of the samples and an unreadable file."""
    work = folder / lang
    work.mkdir()
    for p in SAMPLES.iterdir():
        if p.suffix in (".txt", ".docx"):
            shutil.copy(p, work / p.name)
    (work / "坏.docx").write_bytes(b"PK\x03\x04 not a zip")
    (work / "修复.txt").write_text("截止2023年底，以及其它工作。\n", encoding="utf-8")
    report = work / "r.html"
    out = {
        "check text": _run(["check", ".", "--no-cache"], lang, work),
        "check concise": _run(["check", ".", "--no-cache", "--format", "concise"], lang, work),
        "check statistics": _run(["check", ".", "--no-cache", "--statistics"], lang, work),
        "check -o": _run(["check", ".", "--no-cache", "-o", str(report)], lang, work),
        "check --diff": _run(["check", "修复.txt", "--no-cache", "--diff"], lang, work),
        "check nothing": _run(["check", "nowhere-empty", "--no-cache"], lang, work) if (work / "nowhere-empty").mkdir() is None else "",
        "fix": _run(["fix", "修复.txt"], lang, work),
        "annotate": _run(["annotate", "汇报材料-草稿.docx"], lang, work),
        "rules": _run(["rules"], lang, work),
        "rule": _run(["rule", "PH001"], lang, work),
        "test-rules": _run(["test-rules", str(ROOT / "rules")], lang, work),
        "init": _run(["init", str(work / "draftlint.toml")], lang, work),
    }
    for command in ("", "check", "fix", "annotate", "rules", "rule", "test-rules", "init", "spark", "serve", "lsp"):
        out[f"{command or 'draftlint'} --help"] = _run([*command.split(), "--help"], lang, work)
    return out


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("languages")
    return {lang: _outputs(lang, folder) for lang in ("zh", "en")}


def test_chinese_output_holds_no_english_phrase(outputs):
    found = [(what, line) for what, text in outputs["zh"].items() for line in text.splitlines() if _english_phrases(line)]
    assert not found, "\n".join(f"{what}: {line}" for what, line in found[:30])


def test_english_output_holds_no_chinese(outputs):
    def excerpt(lines: list[str], i: int) -> bool:
        # the document's text under a finding (and the ^^^ line under it), indented by six spaces
        return lines[i].startswith("      ") and not lines[i].strip().startswith(("-", "+"))

    found = []
    for what, text in outputs["en"].items():
        lines = text.splitlines()
        for i, line in enumerate(lines):
            if what.startswith("check") and excerpt(lines, i):
                continue
            if what == "check --diff" and line[:1] in "+-@ ":
                continue  # the diff of the document's own lines
            if what == "rule" and (line.startswith(("- ", "  ")) or "pattern:" in line):
                continue  # the rule's examples and its pattern are Chinese text
            if _chinese_in(line):
                found.append((what, line))
    assert not found, "\n".join(f"{what}: {line}" for what, line in found[:30])


def test_the_check_finds_what_it_is_meant_to_find():
    """The two checks above would pass on empty output; they must see a phrase of the other language."""
    assert _english_phrases("draftlint: report written to r.html: 3 problems")
    assert not _english_phrases("draftlint：报告已写入 r.html：1 个文件，3 个问题")
    assert _chinese_in("1:1  error  PH001  未填写的占位符") and _chinese_in("draftlint：已写入 a.toml")
    assert not _chinese_in("1:1  error  PH001  Unfilled placeholder “xx”") and not _chinese_in("Write 作出, not “作做”")


@pytest.mark.parametrize("args", [["check", str(SAMPLES), "--no-cache"], ["rule", "PH001"]])
def test_a_gbk_terminal_shows_every_mark(args, tmp_path):
    """A GBK console (Chinese Windows, a legacy locale) lacks › ✗ ✓: their nearest stand-ins
    (＞ × √) are printed, never "?" (the same text in UTF-8 has as many "?" as in GBK)."""
    def run(encoding: str) -> str:
        env = {**os.environ, "PYTHONIOENCODING": encoding, "NO_COLOR": "1", "DRAFTLINT_CACHE_DIR": str(tmp_path)}
        env.pop("DRAFTLINT_LANG", None)
        proc = subprocess.run([sys.executable, "-m", "draftlint", *args], env=env, capture_output=True, timeout=300)
        assert proc.returncode in (0, 1) and proc.stdout.strip()
        return proc.stdout.decode(encoding)

    utf8, gbk = run("utf-8"), run("gbk")
    assert gbk.count("?") == utf8.count("?")
    assert ("＞" in gbk and "›" in utf8) if args[0] == "check" else ("×" in gbk and "√" in gbk and "✓" in utf8)
