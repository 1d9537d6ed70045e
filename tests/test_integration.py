"""End to end through the command line: configuration, suppression, baseline, formats, git,
parallel and cached runs, and the Python API. Real files, real git, a real SARIF schema."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

import draftlint
from draftlint.cli import main
from docx_factory import comment_end, comment_start, comments, make_docx
from docx_factory import r as text_run
from conftest import shared_path

DIRTY = "根据x市x局的要求，现将情况报告如下。\n"
CLEAN = "本季度完成各项工作。\n"


def cli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "draftlint", *args], cwd=cwd, capture_output=True, text=True,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
    )


def rules_in(out: str) -> list[str]:
    """Rule ids from --format concise output."""
    return [line.split(": ", 1)[1].split(" ", 1)[0] for line in out.splitlines() if ": " in line]


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


# ---------------------------------------------------------------------------------- configuration


def test_nearest_configuration_wins_and_override_and_isolated(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.draftlint]\nignore = ["TR"]\n')
    write(tmp_path / "a" / "x.txt", DIRTY)
    write(tmp_path / "b" / "draftlint.toml", 'ignore = ["PH001"]\n')
    write(tmp_path / "b" / "x.txt", DIRTY)
    out = cli("check", "a", "b", "--format", "concise", "--no-cache", cwd=tmp_path)
    lines = out.stdout.splitlines()
    assert any(l.startswith("a/x.txt") and " PH001 " in l for l in lines)
    assert not any(l.startswith("b/x.txt") and " PH001 " in l for l in lines)
    assert out.returncode == 1
    write(tmp_path / "other.toml", 'select = ["TR"]\n')
    out = cli("check", "a", "b", "--format", "concise", "--no-cache", "--config", "other.toml", cwd=tmp_path)
    assert "PH001" not in out.stdout
    out = cli("check", "b", "--format", "concise", "--no-cache", "--isolated", cwd=tmp_path)
    assert "PH001" in out.stdout


def test_nearest_configuration_of_many_folders_looks_at_each_folder_once(tmp_path, monkeypatch):
    """The folders of one tree share their parents' answer, whichever order they come in: a
    folder with its own file, its sibling without one, the sibling's children, the root."""
    from collections import Counter

    from draftlint.config import CONFIG_NAMES, Resolver

    root = tmp_path / "reports"
    write(root / "draftlint.toml", 'ignore = ["TR"]\n')
    write(root / "a" / "own" / "draftlint.toml", 'ignore = ["PH"]\n')
    for folder in ("a/own/deep", "a/b/c", "a/b"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    looked: list[Path] = []
    real_is_file = Path.is_file
    monkeypatch.setattr(Path, "is_file", lambda p: looked.append(p.parent) or real_is_file(p))
    resolver = Resolver()
    found = {f: resolver.for_folder(root / f).path for f in ("a/own/deep", "a/b/c", "a/b", "a", ".", "a/own")}
    assert found == {
        "a/own/deep": root / "a" / "own" / "draftlint.toml", "a/own": root / "a" / "own" / "draftlint.toml",
        "a/b/c": root / "draftlint.toml", "a/b": root / "draftlint.toml", "a": root / "draftlint.toml",
        ".": root / "draftlint.toml",
    }
    probes = Counter(looked)  # each folder's file names are looked for in one pass, never again
    assert max(probes.values()) <= len(CONFIG_NAMES), probes
    assert set(probes) == {root / f for f in ("a/own/deep", "a/own", "a/b/c", "a/b", "a", ".")}

def test_pyproject_of_another_tool_is_passed_over_unparsed(tmp_path):
    """A pyproject.toml that never mentions draftlint is not ours: it is not even parsed, so one
    another tool reads leniently does not stop the run; a broken one that does mention draftlint
    is a configuration error naming the file."""
    write(tmp_path / "pyproject.toml", '[tool.draftlint]\nignore = ["PH"]\n')
    write(tmp_path / "sub" / "pyproject.toml", "[tool.other\nthis is not TOML = = =\n")
    write(tmp_path / "sub" / "x.txt", DIRTY)
    out = cli("check", "sub", "--format", "concise", "--no-cache", cwd=tmp_path)
    assert out.returncode == 0 and "PH001" not in out.stdout, out.stderr  # the outer one applies
    write(tmp_path / "sub" / "pyproject.toml", "[tool.draftlint\nignore = = [\n")
    out = cli("check", "sub", "--no-cache", cwd=tmp_path)
    assert out.returncode == 2 and "pyproject.toml" in out.stderr and "invalid TOML" in out.stderr, out.stderr


def test_configuration_keys(tmp_path):
    rules = tmp_path / "my-rules"
    write(rules / "own.yaml", """rules:
  - id: MY001
    name: our-banned-word
    category: wording
    severity: warning
    message: {zh: "不要写「{match}」", en: "Do not write “{match}”"}
    kind: pattern
    pattern: "相关领导"
    examples: {flag: ["请相关领导审阅。"], pass: ["请局领导审阅。"]}
""")
    write(tmp_path / "draftlint.toml", """
extend-rules = ["my-rules"]
allow = ["X计划"]
extend-exclude = ["归档/*"]
fail-on = "error"
lang = "en"
[severity]
PH001 = "info"
[per-file-ignores]
"模板/*" = ["MY001"]
[required-sections."报告"]
title = "报告$"
sections = ["存在.*问题|不足", "下一步|工作计划|打算"]
""")
    write(tmp_path / "d" / "a.txt", "关于工作情况的报告\n一、主要工作\n实施X计划，请相关领导审阅，x市x局配合。\n")
    write(tmp_path / "模板" / "b.txt", "请相关领导审阅。\n")
    write(tmp_path / "归档" / "c.txt", DIRTY)
    out = cli("check", ".", "--format", "json", "--no-cache", cwd=tmp_path)
    data = json.loads(out.stdout)
    assert [os.path.normpath(f["path"]) for f in data["files"]] == ["d/a.txt", "模板/b.txt"]  # 归档 excluded
    found = {(os.path.normpath(f["path"]), f["rule"], f["match"], f["severity"]) for f in data["findings"]}
    assert ("d/a.txt", "MY001", "相关领导", "warning") in found
    assert not any(p == "模板/b.txt" for p, *_ in found)
    assert ("d/a.txt", "PH001", "x", "info") in found  # severity override
    assert not any(m == "X" for _, _, m, _ in found)  # X计划 is allowed
    st101 = [f for f in data["findings"] if f["rule"] == "ST101"]
    assert len(st101) == 1 and st101[0]["match"] == "关于工作情况的报告"
    assert "存在.*问题|不足" in st101[0]["message"] and "下一步|工作计划|打算" in st101[0]["message"]
    assert "Missing required section" in st101[0]["message"]  # lang = "en"
    assert out.returncode == 0  # fail-on error: only warnings and info here


def test_exclude_globs_match_as_fnmatch_does_one_glob_at_a_time(tmp_path):
    """Globs are searched as one expression per configuration; a file is excluded exactly when
    fnmatch, glob by glob, matches its name, its path or a folder on its path."""
    from fnmatch import fnmatch

    from draftlint.config import Config

    globs = ["~$*", "归档/*", "归档", "*.bak.txt", "草稿?/", "[!a]*/x.txt", "d/**/c.txt", "*[*", "旧 文件"]
    paths = ["~$a.docx", "归档/c.txt", "归档/深/c.txt", "a.bak.txt", "草稿1/a.txt", "草稿12/a.txt",
             "b/x.txt", "a/x.txt", "d/e/c.txt", "d/c.txt", "q[1.txt", "旧 文件/a.txt", "x/旧 文件", "ok.txt"]
    config = Config(root=tmp_path)

    def by_fnmatch(glob: str, rel: str) -> bool:
        g = glob.rstrip("/")
        return fnmatch(os.path.basename(rel), g) or fnmatch(rel, g) or fnmatch(rel, g + "/*")

    for n in range(1, len(globs) + 1):
        chosen = tuple(globs[:n])
        for rel in paths:
            expected = any(by_fnmatch(g, rel) for g in chosen)
            assert config._matches(chosen, tmp_path / rel) == expected, (chosen, rel)
    assert config._matches(("*.txt",), "/elsewhere/a.txt")  # outside the folder: by name only
    assert not config._matches(("elsewhere/*",), "/elsewhere/a.txt")


@pytest.mark.parametrize(
    "content,key",
    [
        ('fail-on = "fatal"\n', "fail-on"),
        ('colour = "red"\n', "colour"),
        ('[severity]\nPH001 = "bad"\n', "severity.PH001"),
        ('[severity]\nZZ999 = "info"\n', "severity.ZZ999"),
        ('select = ["no-such-rule"]\n', "select"),
        ('[required-sections."报告"]\nsections = ["("]\ntitle = "报告"\n', "required-sections.报告.sections"),
    ],
)
def test_configuration_error_names_file_and_key(tmp_path, content, key):
    write(tmp_path / ".draftlint.toml", content)
    write(tmp_path / "a.txt", CLEAN)
    out = cli("check", "a.txt", "--no-cache", cwd=tmp_path)
    assert out.returncode == 2
    assert ".draftlint.toml" in out.stderr and f"'{key}'" in out.stderr, out.stderr


def test_file_names_that_are_not_utf8_give_valid_reports(tmp_path):
    """A ZIP made on Windows keeps GBK file names; unpacked on Linux they are bytes that are not
    UTF-8. The drafts are still linted, every report is valid UTF-8 (JSON and SARIF parse, JUnit
    is well-formed XML) naming them with \\xNN for those bytes, and a baseline round-trips."""
    from xml.dom import minidom

    name = "报告".encode("gbk") + b".txt"  # b"\xb1\xa8\xb8\xe6.txt"
    try:
        (tmp_path / os.fsdecode(name)).write_bytes(DIRTY.encode("utf-8"))
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    shown = "\\xb1\\xa8\\xb8\\xe6.txt"
    for fmt in ("text", "concise", "json", "json-lines", "sarif", "github", "junit", "html"):
        out = subprocess.run([sys.executable, "-m", "draftlint", "check", ".", "--no-cache", "--format", fmt],
                             cwd=tmp_path, capture_output=True, env={**os.environ, "NO_COLOR": "1"})
        assert out.returncode == 1, (fmt, out.stderr.decode("utf-8", "replace"))
        text = out.stdout.decode("utf-8")  # strict: raw bytes of the name would fail here
        if fmt == "sarif":  # a URI: the backslashes percent-encoded
            results = json.loads(text)["runs"][0]["results"]
            assert len(results) == 2 and "%5Cxb1%5Cxa8" in results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            continue
        assert shown in text.replace("\\\\", "\\"), (fmt, text[:500])
        if fmt == "json":
            assert json.loads(text)["summary"]["findings"] == 2
        if fmt == "junit":
            minidom.parseString(out.stdout)
    assert cli("check", ".", "--no-cache", "--write-baseline", "base.json", cwd=tmp_path).returncode == 0
    assert cli("check", ".", "--no-cache", "--baseline", "base.json", cwd=tmp_path).returncode == 0
    (tmp_path / "d").mkdir()  # the messages too: a diff names the file
    (tmp_path / "d" / os.fsdecode(name)).write_bytes("根据要求,现将情况报告如下。\n".encode("utf-8"))
    out = cli("check", "d", "--no-cache", "--diff", "--lang", "en", cwd=tmp_path)
    assert "--- a/d/" + shown in out.stdout and "\\udc" not in out.stdout + out.stderr, out.stdout


def test_an_output_encoding_without_chinese_never_stops_the_run(tmp_path):
    """A legacy locale, or output redirected on Windows: the standard streams cannot encode
    Chinese. Help, rules and text reports print "?" for what they cannot show instead of
    stopping with a traceback; JSON is UTF-8 whatever the locale."""
    write(tmp_path / "a.txt", DIRTY)
    env = {**os.environ, "PYTHONIOENCODING": "latin-1", "NO_COLOR": "1"}
    for args, code in ((["--help"], 0), (["check", "--help"], 0), (["rules"], 0), (["rule", "PH001"], 0),
                       (["check", "a.txt", "--no-cache"], 1), (["check", "a.txt", "--no-cache", "--statistics"], 1)):
        out = subprocess.run([sys.executable, "-m", "draftlint", *args], cwd=tmp_path, capture_output=True, env=env)
        assert out.returncode == code and b"Traceback" not in out.stderr, (args, out.stderr[-800:])
    out = subprocess.run([sys.executable, "-m", "draftlint", "check", "a.txt", "--no-cache", "--format", "json"],
                         cwd=tmp_path, capture_output=True, env=env)
    report = json.loads(out.stdout.decode("utf-8"))
    assert out.returncode == 1 and report["findings"][0]["message"].startswith("未填写的占位符")


def test_init_writes_a_valid_starter_and_refuses_to_overwrite(tmp_path):
    out = cli("init", cwd=tmp_path)
    assert out.returncode == 0 and (tmp_path / "draftlint.toml").is_file()
    text = (tmp_path / "draftlint.toml").read_text(encoding="utf-8")
    write(tmp_path / "a.txt", DIRTY)
    assert cli("check", "a.txt", "--no-cache", cwd=tmp_path).returncode == 1  # all comments: defaults
    out = cli("init", cwd=tmp_path)
    assert out.returncode == 2 and "已存在" in out.stderr
    assert (tmp_path / "draftlint.toml").read_text(encoding="utf-8") == text
    # Uncommented, the example settings are valid (only extend-rules needs its folder, with a rule
    # file in it: a folder of no rules is an error, not silence).
    write(tmp_path / "draftlint-rules" / "house.yaml", (
        "rules:\n  - id: HS001\n    name: praise\n    category: wording\n    severity: info\n"
        "    message: {zh: \"「{match}」\", en: \"{match}\"}\n    kind: pattern\n    pattern: '高度重视'\n"
        "    examples: {flag: [\"领导高度重视\"], pass: [\"领导重视\"]}\n"))
    active = "\n".join(l[2:] if l.startswith("# ") and ("=" in l or l.startswith("# [")) else l for l in text.splitlines())
    write(tmp_path / "draftlint.toml", active)
    assert cli("check", "a.txt", "--no-cache", cwd=tmp_path).returncode in (0, 1)


# ---------------------------------------------------------------------------------- suppression


def test_txt_suppressions_and_unused_ones(tmp_path):
    write(tmp_path / "a.txt", "<!-- draftlint-disable-next-line PH001 -->\n" + DIRTY
          + "由x市负责。 # draftlint: ignore PH001\n" + CLEAN.rstrip("\n") + " # draftlint: ignore PH001\n"
          + "由x县负责。\n")
    out = cli("check", "a.txt", "--format", "concise", "--no-cache", cwd=tmp_path)
    lines = out.stdout.splitlines()
    assert [l.split(":")[1] + " " + l.split(" ")[1] for l in lines] == ["4 SU001", "5 PH001"]


def test_docx_comment_suppresses_its_range_only(tmp_path):
    data = make_docx(
        "<w:p>" + text_run("由x市") + comment_start(1) + text_run("x局") + comment_end(1) + text_run("负责。") + "</w:p>"
        + "<w:p>" + comment_start(2) + text_run("本季度完成各项工作。") + comment_end(2) + "</w:p>",
        {"rC": comments({1: "draftlint: ignore PH001\n这是项目代号", 2: "draftlint: ignore"})},
    )
    (tmp_path / "a.docx").write_bytes(data)
    out = cli("check", "a.docx", "--format", "json", "--no-cache", cwd=tmp_path)
    findings = json.loads(out.stdout)["findings"]
    got = [(f["rule"], f["line"], f["column"]) for f in findings]
    assert ("PH001", 1, 2) in got  # x市: outside the commented range
    assert ("PH001", 1, 4) not in got  # x局: inside it
    assert ("SU001", 2, 1) in got  # the second comment covers clean text


# ---------------------------------------------------------------------------------- baseline


def test_baseline_hides_old_findings_and_survives_moved_lines(tmp_path):
    doc = write(tmp_path / "docs" / "a.txt", DIRTY + CLEAN)
    out = cli("check", "docs", "--write-baseline", "baseline.json", "--no-cache", cwd=tmp_path)
    assert out.returncode == 0
    assert json.loads((tmp_path / "baseline.json").read_text())["files"] == {"docs/a.txt": {"PH001": 2}}
    assert cli("check", "docs", "--baseline", "baseline.json", "--no-cache", cwd=tmp_path).returncode == 0
    write(doc, CLEAN * 3 + DIRTY)  # lines moved, same findings
    assert cli("check", "docs", "--baseline", "baseline.json", "--no-cache", cwd=tmp_path).returncode == 0
    write(doc, CLEAN + DIRTY + "由y市x局负责。\n")  # one more
    out = cli("check", "docs", "--baseline", "baseline.json", "--format", "concise", "--no-cache", cwd=tmp_path)
    assert out.returncode == 1 and rules_in(out.stdout) == ["PH001"] * 3


# ---------------------------------------------------------------------------------- formats


def test_sarif_is_valid_against_the_official_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(shared_path("schemas", "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    write(tmp_path / "报告 1.txt", DIRTY + "一、工作情况\n二、存在问题\n宣传不够。\n")
    (tmp_path / "bad.docx").write_bytes(b"not a zip")
    (tmp_path / "c.docx").write_bytes(make_docx("<w:p>" + text_run("由x市负责。") + "</w:p>"))
    out = cli("check", ".", "--format", "sarif", "--output", "out.sarif", "--no-cache", cwd=tmp_path)
    assert out.returncode == 2 and out.stdout == ""
    sarif = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema)
    docx = [r for r in sarif["runs"][0]["results"] if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "c.docx"]
    assert docx and docx[0]["message"]["text"].endswith("[正文第1段]")  # a DOCX's readable place
    assert docx[0]["locations"][0]["logicalLocations"] == [{"name": "正文第1段", "kind": "element"}]
    run_ = sarif["runs"][0]
    assert {r["id"] for r in run_["tool"]["driver"]["rules"]} == {r["ruleId"] for r in run_["results"]}
    ph = next(r for r in run_["tool"]["driver"]["rules"] if r["id"] == "PH001")
    assert ph["help"]["text"] and ph["defaultConfiguration"]["level"] == "error"
    assert "%E6%8A%A5%E5%91%8A%201.txt" in {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run_["results"]}
    assert run_["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"].endswith("bad.docx: not a Word document (not a ZIP package)")


def test_machine_formats(tmp_path):
    write(tmp_path / "a.txt", DIRTY)
    lines = cli("check", "a.txt", "--format", "json-lines", "--no-cache", cwd=tmp_path).stdout.splitlines()
    assert [json.loads(l)["match"] for l in lines] == ["x", "x"]
    gh = cli("check", "a.txt", "--format", "github", "--no-cache", cwd=tmp_path).stdout.splitlines()
    assert gh[0].startswith("::error file=a.txt,line=1,col=3,endColumn=4,title=PH001::PH001 ")
    junit = ET.fromstring(cli("check", "a.txt", "--format", "junit", "--no-cache", cwd=tmp_path).stdout)
    assert junit.get("failures") == "2" and len(junit.findall(".//failure")) == 2
    stats = cli("check", "a.txt", "--statistics", "--no-cache", cwd=tmp_path)
    assert stats.stdout.split()[:2] == ["2", "PH001"] and stats.returncode == 1
    assert cli("check", "a.txt", "--exit-zero", "--no-cache", cwd=tmp_path).returncode == 0
    (tmp_path / "gone.txt").unlink(missing_ok=True)
    assert cli("check", "gone.txt", "--exit-zero", "--no-cache", cwd=tmp_path).returncode == 2


# ---------------------------------------------------------------------------------- git


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@e"})


def test_since_lints_only_changed_files(tmp_path):
    git("init", "-q", cwd=tmp_path)
    write(tmp_path / "old.txt", DIRTY)
    write(tmp_path / "changed.txt", CLEAN)
    git("add", ".", cwd=tmp_path)
    git("commit", "-qm", "one", cwd=tmp_path)
    write(tmp_path / "changed.txt", DIRTY)
    write(tmp_path / "新.txt", DIRTY)
    out = cli("check", "--since", "HEAD", "--format", "json", "--no-cache", cwd=tmp_path)
    assert sorted(os.path.normpath(f["path"]) for f in json.loads(out.stdout)["files"]) == ["changed.txt", "新.txt"]
    out = cli("check", ".", "--diff-only", "--format", "json", "--no-cache", cwd=tmp_path)
    assert sorted(os.path.normpath(f["path"]) for f in json.loads(out.stdout)["files"]) == ["changed.txt", "新.txt"]
    assert cli("check", "--since", "no-such-ref", cwd=tmp_path).returncode == 2


def _linted(out: subprocess.CompletedProcess) -> list[str]:
    assert out.returncode in (0, 1), out.stderr
    return sorted(os.path.normpath(f["path"]).replace(os.sep, "/") for f in json.loads(out.stdout)["files"])


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_folders_are_walked_as_git_sees_them(tmp_path):
    """What .gitignore matches is passed over when walking: a pattern with its exception, an
    ignored folder, a nested .gitignore (as Python 3.13 writes into each venv). A file git
    tracks is linted although a pattern matches it, as git itself treats it; what is named on
    the command line is always linted; the option and the configuration key turn it off."""
    repo = tmp_path / "reports"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    write(repo / ".gitignore", "*.bak.txt\n!保留.bak.txt\n导出/\n")
    for name in ("正文.txt", "旧稿.bak.txt", "保留.bak.txt", "导出/报告.txt", "二处/初稿.txt", "二处/说明.txt",
                 "已提交.bak.txt", "工具/lib.txt"):
        write(repo / name, DIRTY)
    write(repo / "二处" / ".gitignore", "说明.txt\n")
    write(repo / "工具" / ".gitignore", "*\n")
    git("add", "-f", "已提交.bak.txt", cwd=repo)
    walked = ["保留.bak.txt", "已提交.bak.txt", "正文.txt", "二处/初稿.txt"]
    everything = sorted(walked + ["导出/报告.txt", "二处/说明.txt", "旧稿.bak.txt", "工具/lib.txt"])

    assert _linted(cli("check", ".", "--format", "json", "--no-cache", cwd=repo)) == sorted(walked)
    assert _linted(cli("check", "二处", "--format", "json", "--no-cache", cwd=repo)) == ["二处/初稿.txt"]
    # named directly: the file, and the ignored folder with everything in it
    assert _linted(cli("check", "旧稿.bak.txt", "导出", "--format", "json", "--no-cache", cwd=repo)) == \
        ["导出/报告.txt", "旧稿.bak.txt"]
    off = cli("check", ".", "--format", "json", "--no-cache", "--no-respect-gitignore", cwd=repo)
    assert _linted(off) == everything
    write(repo / "draftlint.toml", "respect-gitignore = false\n")
    assert _linted(cli("check", ".", "--format", "json", "--no-cache", cwd=repo)) == everything
    assert _linted(cli("check", ".", "--format", "json", "--no-cache", "--respect-gitignore", cwd=repo)) == sorted(walked)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_walk_that_finds_nothing_says_so_and_why(tmp_path):
    """A CI gate that lints no file must not pass in silence: the run says so on standard
    error, with what .gitignore passed over, in the language asked for."""
    git("init", "-q", cwd=tmp_path)
    write(tmp_path / ".gitignore", "*.txt\n")
    write(tmp_path / "a.txt", DIRTY)
    write(tmp_path / "b.txt", DIRTY)
    out = cli("check", ".", cwd=tmp_path)
    assert out.returncode == 0 and "没有可检查的文件" in out.stderr and "2 个文件或文件夹被 .gitignore 忽略" in out.stderr
    out = cli("check", ".", "--lang", "en", cwd=tmp_path)
    assert "no files to lint" in out.stderr and "passed over 2 entries that .gitignore matches" in out.stderr
    empty = tmp_path / "空"
    empty.mkdir()
    out = cli("check", "空", cwd=tmp_path)
    assert "没有可检查的文件" in out.stderr and ".gitignore" not in out.stderr
    assert "没有可检查的文件" in cli("annotate", "空", cwd=tmp_path).stderr  # the same walk
    assert "没有可检查的文件" not in cli("check", "a.txt", cwd=tmp_path).stderr


def test_without_git_folders_are_walked_whole_and_the_run_says_why(tmp_path):
    """In a repository but with no git to ask, nothing is passed over, and the run says that
    .gitignore was not applied; outside any repository git is not even looked for."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write(repo / ".gitignore", "*.txt\n")
    write(repo / "a.txt", DIRTY)
    no_git = tmp_path / "bin"
    no_git.mkdir()
    out = cli("check", ".", "--format", "json", "--no-cache", cwd=repo, env={"PATH": str(no_git)})
    assert _linted(out) == ["a.txt"] and ".gitignore not applied: git is not installed" in out.stderr
    plain = tmp_path / "plain"
    write(plain / "a.txt", DIRTY)
    out = cli("check", ".", "--format", "json", "--no-cache", cwd=plain, env={"PATH": str(no_git)})
    assert _linted(out) == ["a.txt"] and out.stderr == ""


def test_virtual_environments_in_a_folder_are_not_linted(tmp_path):
    """A venv made inside a folder of reports (CI's ``python -m venv venv``) holds licences and
    metadata as .txt files: the walk passes over any folder holding pyvenv.cfg, unless named."""
    write(tmp_path / "报告.txt", CLEAN)
    write(tmp_path / "venv" / "pyvenv.cfg", "home = /usr/bin\n")
    write(tmp_path / "venv" / "lib" / "site-packages" / "pip.dist-info" / "AUTHORS.txt", "Cody\nMike\n")
    assert _linted(cli("check", ".", "--format", "json", "--no-cache", cwd=tmp_path)) == ["报告.txt"]
    assert _linted(cli("check", "venv", "--format", "json", "--no-cache", cwd=tmp_path)) == \
        ["venv/lib/site-packages/pip.dist-info/AUTHORS.txt"]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_hook_blocks_a_placeholder_and_passes_a_clean_draft(tmp_path):
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if pre_commit is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    repo_root = Path(__file__).resolve().parents[1]
    work = tmp_path / "reports"
    work.mkdir()
    git("init", "-q", cwd=work)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc-home")}

    def try_repo(*files: str) -> subprocess.CompletedProcess:
        return subprocess.run([pre_commit, "try-repo", str(repo_root), "draftlint", "--files", *files],
                              cwd=work, capture_output=True, text=True, env=env)

    write(work / "报告.txt", CLEAN)
    git("add", ".", cwd=work)
    ok = try_repo("报告.txt")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "Passed" in ok.stdout
    write(work / "报告.txt", DIRTY)
    git("add", ".", cwd=work)
    bad = try_repo("报告.txt")
    assert bad.returncode == 1 and "Failed" in bad.stdout and "PH001" in bad.stdout


# ---------------------------------------------------------------------------------- speed


def test_jobs_give_identical_results(tmp_path):
    for i in range(12):
        write(tmp_path / "d" / f"{i:02}.txt", (DIRTY if i % 3 else CLEAN) * (i + 1), "gb18030" if i % 2 else "utf-8")
    one = cli("check", "d", "--format", "json", "--no-cache", "--jobs", "1", cwd=tmp_path)
    two = cli("check", "d", "--format", "json", "--no-cache", "--jobs", "2", cwd=tmp_path)
    assert one.stdout == two.stdout and json.loads(one.stdout)["summary"]["findings"] == 2 * sum(
        i + 1 for i in range(12) if i % 3
    )


def test_a_program_running_threads_gets_workers_that_are_not_forked(tmp_path):
    """Forking while another thread runs can deadlock the child (a lock it held is never
    released there): an embedding program with threads gets forkserver workers, with the same
    results; the command line, which runs no other thread, forks."""
    import threading

    from draftlint.discovery import discover
    from draftlint.runner import RunOptions, run, start_method

    for i in range(6):
        write(tmp_path / f"{i}.txt", DIRTY * (i + 1))
    targets = discover([str(tmp_path)])
    alone = run(targets, options=RunOptions(jobs=1, progress=False))
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        expected = "forkserver" if sys.platform.startswith("linux") else None
        assert start_method() == expected
        with_threads = run(targets, options=RunOptions(jobs=2, progress=False))
    finally:
        stop.set()
        other.join()
    key = lambda r: [(f.rule, f.line, f.start, f.end) for f in r.findings]  # noqa: E731
    assert [key(r) for r in with_threads.files] == [key(r) for r in alone.files]
    assert sum(len(r.findings) for r in alone.files) == 2 * 21
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        assert start_method() == "fork"


def test_unchanged_rerun_reads_only_the_cache(tmp_path, monkeypatch):
    write(tmp_path / "a.txt", DIRTY)
    write(tmp_path / "b.txt", CLEAN)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAFTLINT_CACHE_DIR", str(tmp_path / ".draftlint_cache"))
    runner = CliRunner()
    first = runner.invoke(main, ["check", ".", "--format", "json", "--jobs", "1"])
    assert first.exit_code == 1 and list((tmp_path / ".draftlint_cache").rglob("*.json"))

    def no_linting(*args, **kwargs):
        raise AssertionError("linted although cached")

    monkeypatch.setattr("draftlint.runner.lint_file", no_linting)
    second = runner.invoke(main, ["check", ".", "--format", "json", "--jobs", "1"])
    assert second.exit_code == 1 and second.output == first.output
    write(tmp_path / "b.txt", DIRTY)  # changed content: not from the cache
    third = runner.invoke(main, ["check", ".", "--format", "json", "--jobs", "1"])
    assert isinstance(third.exception, AssertionError)
    monkeypatch.undo()  # also undoes chdir
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "draftlint.toml", 'ignore = ["PH001"]\n')  # changed configuration: linted again
    fourth = runner.invoke(main, ["check", ".", "--format", "json", "--jobs", "1"])
    assert fourth.exit_code == 0


def test_editing_a_draft_replaces_its_cache_entry(tmp_path, monkeypatch):
    """One entry per file and settings: edits replace it, the cache does not grow with them."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAFTLINT_CACHE_DIR", str(tmp_path / ".draftlint_cache"))
    runner = CliRunner()

    def entries() -> list[Path]:
        return [p for p in (tmp_path / ".draftlint_cache").rglob("*.json") if p.name != "file-digests.json"]

    for n, text in enumerate([DIRTY, CLEAN, DIRTY + CLEAN, CLEAN * 2]):
        write(tmp_path / "a.txt", text)
        out = runner.invoke(main, ["check", "a.txt", "--format", "json", "--jobs", "1"])
        assert json.loads(out.output)["summary"]["findings"] == (2 if "x市" in text else 0), n
        assert len(entries()) == 1


def test_entries_of_another_cache_format_are_dropped(tmp_path, monkeypatch):
    """After an upgrade that changes the entries' format, the old ones would never be read
    again: the first entry written removes them, and nothing else in the folder."""
    from draftlint import cache

    monkeypatch.chdir(tmp_path)
    folder = tmp_path / ".draftlint_cache"
    monkeypatch.setenv("DRAFTLINT_CACHE_DIR", str(folder))
    write(folder / "CACHEDIR.TAG", cache.CACHEDIR_TAG)  # as the older draftlint left it
    old = write(folder / f"v{cache.FORMAT - 1}" / "ab" / "ab12.json", "{}")
    kept = write(folder / "notes" / "v1.txt", "not ours")
    write(tmp_path / "a.txt", DIRTY)
    out = CliRunner().invoke(main, ["check", "a.txt", "--format", "json", "--jobs", "1"])
    assert json.loads(out.output)["summary"]["findings"] == 2
    assert not old.parent.parent.exists() and kept.exists()
    assert [p.name for p in folder.iterdir() if p.name.startswith("v")] == [f"v{cache.FORMAT}"]


def test_file_digests_skip_reading_unchanged_files_and_never_miss_a_change(tmp_path, monkeypatch):
    """The cache knows a file by its stat signature. An unchanged file is not read again; new
    bytes of the same size with the old modification time restored still move the change time,
    so they are hashed again; a file changed in the last two seconds is never remembered."""
    import hashlib
    import time

    from draftlint import cache

    def blake(data: bytes) -> str:
        return hashlib.blake2b(data, digest_size=32).hexdigest()

    memo = tmp_path / "file-digests.json"
    draft = write(tmp_path / "a.txt", "甲" * 100)
    fresh = cache.FileDigests(str(memo))
    assert fresh.digest(str(draft)) == blake(draft.read_bytes())
    fresh.save()
    assert not memo.exists()  # just written: not remembered

    monkeypatch.setattr(cache, "RACY_NS", 0)
    first = cache.FileDigests(str(memo))
    first.digest(str(draft))
    first.save()
    assert str(draft) in json.loads(memo.read_text(encoding="utf-8"))

    real_open = open

    def no_reading(path, *args, **kwargs):
        if os.path.abspath(path) == str(draft):
            raise AssertionError("read although unchanged")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("draftlint.cache.open", no_reading, raising=False)
    assert cache.FileDigests(str(memo)).digest(str(draft)) == blake("甲".encode() * 100)
    monkeypatch.undo()

    monkeypatch.setattr(cache, "RACY_NS", 0)
    before = os.stat(draft)
    time.sleep(0.05)  # let the clock tick past the first write
    write(draft, "乙" * 100)  # same size
    os.utime(draft, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(draft).st_size == before.st_size and os.stat(draft).st_mtime_ns == before.st_mtime_ns
    assert cache.FileDigests(str(memo)).digest(str(draft)) == blake("乙".encode() * 100)

    memo.write_text("{damaged", encoding="utf-8")  # a damaged memo is ignored, not an error
    assert cache.FileDigests(str(memo)).digest(str(draft)) == blake("乙".encode() * 100)


def test_cached_run_reports_a_file_gone_since_it_was_found(tmp_path):
    """A file found by the walk and deleted before its cache key is made: a per-file error."""
    from draftlint.config import Resolver
    from draftlint.discovery import Target
    from draftlint.runner import RunOptions, run

    kept = write(tmp_path / "a.txt", DIRTY)
    gone = str(tmp_path / "gone.txt")
    result = run([Target(str(kept)), Target(gone)], Resolver(isolated=True),
                 RunOptions(jobs=1, cache_dir=str(tmp_path / "cache"), progress=False))
    assert [r.path for r in result.files] == [str(kept), gone]
    assert len(result.files[0].findings) == 2 and result.files[1].error.startswith("cannot open:")


# ---------------------------------------------------------------------------------- API


def test_python_api(tmp_path):
    findings = draftlint.lint_text(DIRTY)
    assert [f.rule for f in findings] == ["PH001", "PH001"] and findings[0].severity is draftlint.Severity.ERROR
    assert draftlint.lint_text(DIRTY, ignore=["placeholder"]) == []
    result = draftlint.lint_bytes(DIRTY.encode("gb18030"), "a.txt")
    assert result.encoding == "gb18030" and len(result.findings) == 2
    assert draftlint.lint_bytes(b"PK\x03\x04junk", "a.docx").error
    write(tmp_path / "a.txt", DIRTY)
    write(tmp_path / "draftlint.toml", 'allow = ["x市x局"]\n')
    assert draftlint.lint_paths([tmp_path])[0].findings == []
    assert len(draftlint.lint_paths([tmp_path], isolated=True)[0].findings) == 2


def test_installed_hook_blocks_the_commit(tmp_path):
    """The hook as users install it: .pre-commit-config.yaml at this repository's HEAD commit."""
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if pre_commit is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    repo_root = Path(__file__).resolve().parents[1]
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo_root, capture_output=True, text=True).stdout.strip()
    shown = subprocess.run(["git", "show", f"{head}:.pre-commit-hooks.yaml"], cwd=repo_root, capture_output=True)
    if not head or shown.returncode != 0:
        pytest.skip("this checkout's HEAD has no .pre-commit-hooks.yaml to install from")
    work = tmp_path / "reports"
    work.mkdir()
    git("init", "-q", cwd=work)
    write(work / ".pre-commit-config.yaml", f"repos:\n  - repo: {repo_root}\n    rev: {head}\n    hooks:\n      - id: draftlint\n")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc-home"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@e"}
    subprocess.run([pre_commit, "install"], cwd=work, check=True, capture_output=True, env=env)

    def commit(text: str) -> subprocess.CompletedProcess:
        write(work / "总结.txt", text)
        subprocess.run(["git", "add", "."], cwd=work, check=True, env=env)
        return subprocess.run(["git", "commit", "-qm", "draft"], cwd=work, capture_output=True, text=True, env=env)

    blocked = commit(DIRTY)
    assert blocked.returncode != 0 and "PH001" in blocked.stdout + blocked.stderr
    assert subprocess.run(["git", "rev-parse", "HEAD"], cwd=work, capture_output=True).returncode != 0  # no commit
    passed = commit(CLEAN)
    assert passed.returncode == 0, passed.stdout + passed.stderr


def test_damaged_comments_part_costs_only_the_suppressions(tmp_path):
    import io
    import zipfile

    good = make_docx("<w:p>" + comment_start(1) + text_run("由x市负责。") + comment_end(1) + "</w:p>", {"rC": comments({1: "draftlint: ignore"})})
    src = zipfile.ZipFile(io.BytesIO(good))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for info in src.infolist():
            z.writestr(info, b"<w:comments><broken" if info.filename == "word/comments1.xml" else src.read(info))
    (tmp_path / "a.docx").write_bytes(buf.getvalue())
    out = cli("check", "a.docx", "--format", "concise", "--no-cache", cwd=tmp_path)
    assert out.returncode == 1 and rules_in(out.stdout) == ["PH001"]


def test_results_cross_processes_unchanged():
    """Workers send results pickled (the model's values are named tuples): every field, down to
    the run segments and reader marks of each block, arrives as it left, as the same types."""
    import pickle

    from conftest import ROOT
    from draftlint.api import lint_paths

    results = lint_paths([str(ROOT / "samples")])
    assert sum(len(r.findings) for r in results) > 20
    docx = next(r for r in results if r.format == "docx")
    assert any(f.block.segments for f in docx.findings)
    for r in results:
        again = pickle.loads(pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL))
        assert again == r and [f.block for f in again.findings] == [f.block for f in r.findings]
        # equal tuples are not enough: a finding must come back a Finding, its block a Block
        assert [(type(f), type(f.block), type(f.message)) for f in again.findings] == \
            [(type(f), type(f.block), type(f.message)) for f in r.findings]


def test_the_pre_commit_hook_takes_every_file_check_reads():
    """The hook's files pattern names exactly the extensions check reads (a .dotx or an .rtf
    committed with findings passed as 'no files to check'), and one commit is one run, with one
    summary (require_serial)."""
    import re

    import yaml

    from conftest import ROOT
    from draftlint.readers import SUPPORTED_SUFFIXES

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    pattern = re.compile(hook["files"])
    assert {s for s in SUPPORTED_SUFFIXES if pattern.search(f"草稿{s.upper()}") and pattern.search(f"a/草稿{s}")} == set(SUPPORTED_SUFFIXES)
    assert not pattern.search("notes.html") and not pattern.search("a.docx.bak") and not pattern.search("a.md.bak")
    assert hook["require_serial"] is True
