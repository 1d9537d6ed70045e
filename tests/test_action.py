"""The GitHub Action (action.yml), its steps run as GitHub runs a composite action's: inputs
substituted into ``if:`` and ``env:`` (the only places the action uses them), each ``run:`` in
``bash --noprofile --norc -eo pipefail``, the job's environment (GITHUB_WORKSPACE, RUNNER_TEMP,
GITHUB_ACTION_PATH, GITHUB_STEP_SUMMARY), the workspace as the working folder.

Three steps are not run: ``actions/setup-python`` (this Python is used), ``actions/cache``
(its folders start empty, as on a first workflow run) and the install step's ``pip install`` of
the action's folder, for which draftlint of this checkout is linked into the
venv the step would make (installing again would fetch every dependency)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from docx_factory import make_docx, p

BASH = shutil.which("bash")
pytestmark = pytest.mark.skipif(BASH is None or not sys.platform.startswith("linux"), reason="the action's steps are bash on a Linux runner")
_INPUT = re.compile(r"\$\{\{\s*(inputs\.[\w-]+|runner\.temp)\s*\}\}")


def _run_action(workspace: Path, runner_temp: Path, inputs: dict[str, str]) -> tuple[list[tuple[str, subprocess.CompletedProcess]], Path]:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    values = {name: spec.get("default", "") for name, spec in action["inputs"].items()} | inputs
    contexts = {f"inputs.{name}": value for name, value in values.items()} | {"runner.temp": str(runner_temp)}
    summary = runner_temp / "summary.md"
    venv_bin = runner_temp / "draftlint-venv" / "bin"
    venv_bin.mkdir(parents=True)
    (venv_bin / "draftlint").symlink_to(Path(sys.executable).parent / "draftlint")
    (venv_bin / "python").symlink_to(sys.executable)
    env = {**os.environ, "GITHUB_WORKSPACE": str(workspace), "RUNNER_TEMP": str(runner_temp),
           "GITHUB_ACTION_PATH": str(ROOT), "GITHUB_STEP_SUMMARY": str(summary), "CI": "true", "GITHUB_ACTIONS": "true"}
    ran = []
    for step in action["runs"]["steps"]:
        if "uses" in step:  # actions/setup-python, actions/cache: GitHub's own
            continue
        condition = step.get("if")
        if condition:
            m = re.fullmatch(r"inputs\.([\w-]+) != ''", condition.strip())
            assert m, f"the test knows only conditions of the form inputs.X != '': {condition}"
            if values[m.group(1)] == "":
                continue
        if step.get("name") == "Install draftlint":
            continue
        assert "${{" not in step["run"], f"step {step['name']!r} pastes an expression into its script"
        step_env = {k: _INPUT.sub(lambda m: contexts[m.group(1)], str(v)) for k, v in (step.get("env") or {}).items()}
        proc = subprocess.run([BASH, "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=workspace,
                              env={**env, **step_env}, capture_output=True, text=True, timeout=300)
        ran.append((step["name"], proc))
        if proc.returncode != 0:
            break
    return ran, summary


@pytest.fixture
def workspace(tmp_path):
    ws = tmp_path / "workspace"
    folder = ws / "报告 草稿"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text("在xx区召开会议。\n", encoding="utf-8")
    (folder / "b.docx").write_bytes(make_docx(p("由x市x局负责。")))
    (folder / "坏.docx").write_bytes(b"PK\x03\x04 not a zip")
    for n in range(12):  # more errors than GitHub shows annotations
        (ws / f"多{n:02d}.txt").write_text("在xx区召开会议。\n", encoding="utf-8")
    return ws


def test_action_steps_as_github_runs_them(workspace, tmp_path):
    temp = tmp_path / "runner-temp"
    ran, summary = _run_action(workspace, temp, {"paths": "报告 草稿\n.\n$(touch PWNED)", "args": "--no-cache --lang zh"})
    names = [name for name, _ in ran]
    assert names == ["Write SARIF", "Lint (annotations, job summary and exit code)"]
    sarif_step, lint_step = (proc for _, proc in ran)
    # an unreadable file does not stop the SARIF step (before: exit 2 and no annotations at all)
    assert sarif_step.returncode == 0, sarif_step.stderr
    sarif = json.loads((workspace / "draftlint.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"]
    # the gate: unreadable files (坏.docx, and the path that is not one) exit 2, with annotations written
    assert lint_step.returncode == 2
    out = lint_step.stdout
    assert "::error file=报告 草稿/a.txt,line=1" in out and "file=./" not in out  # relative, as GitHub matches
    assert "::error file=报告 草稿/坏.docx,title=draftlint::" in out
    assert re.search(r"::error file=报告 草稿/b\.docx,line=1,.*\[正文第1段\]", out)  # a DOCX's readable place
    assert not (workspace / "PWNED").exists() and not (tmp_path / "PWNED").exists()  # inputs are data
    table = summary.read_text(encoding="utf-8")
    assert "| `报告 草稿/a.txt` | 1 | 0 | 0 | 1 |" in table and "| `报告 草稿/坏.docx` | 无法读取" in table
    assert "GitHub 每一步每种级别只显示 10 条注释" in table  # 15 errors: the others are listed
    assert table.count("\n- `") >= 5


def test_action_without_sarif_and_with_quotes_in_args(workspace, tmp_path):
    ran, _ = _run_action(workspace, tmp_path / "runner-temp", {"paths": "报告 草稿", "sarif": "", "args": "--select 'PH001' \"; touch PWNED2\""})
    assert [name for name, _ in ran] == ["Lint (annotations, job summary and exit code)"]
    assert not (workspace / "PWNED2").exists()
    assert not (workspace / "draftlint.sarif").exists()


def test_action_lints_once_and_reads_its_results_again(workspace, tmp_path):
    """The SARIF step lints; the annotations step finds the same results in the cache that
    actions/cache keeps between workflow runs, and reports the same findings."""
    temp = tmp_path / "runner-temp"
    ran, _ = _run_action(workspace, temp, {"paths": "报告 草稿"})
    assert [name for name, _ in ran] == ["Write SARIF", "Lint (annotations, job summary and exit code)"]
    cached = [p for p in (temp / "draftlint-results").rglob("*") if p.is_file()]
    assert cached, "the lint steps wrote no results where actions/cache keeps them"
    sarif = json.loads((workspace / "draftlint.sarif").read_text(encoding="utf-8"))
    annotations = [line for line in ran[1][1].stdout.splitlines() if line.startswith("::error") and "title=draftlint::" not in line]
    assert len(annotations) == len(sarif["runs"][0]["results"]) > 0  # (the unreadable file is an annotation of its own)


def test_action_fails_on_a_markdown_placeholder(tmp_path):
    ws = tmp_path / "workspace"
    (ws / "周报").mkdir(parents=True)
    (ws / "周报" / "第3周.md").write_text("# 第3周工作\n\n- 完成xx项目验收。\n\n```\nxx 在代码里不算\n```\n", encoding="utf-8")
    ran, summary = _run_action(ws, tmp_path / "runner-temp", {"paths": "周报", "args": "--no-cache"})
    name, lint = ran[-1]
    assert name == "Lint (annotations, job summary and exit code)" and lint.returncode == 1
    assert [line.split("::")[1] for line in lint.stdout.splitlines() if line.startswith("::error")] == [
        "error file=周报/第3周.md,line=3,col=5,endColumn=7,title=PH001"]
    sarif = json.loads((ws / "draftlint.sarif").read_text(encoding="utf-8"))
    (result,) = sarif["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
