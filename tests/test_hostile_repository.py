"""What a repository of drafts, or the command line a CI job builds from it, cannot make draftlint
do (issue 23): write files through git options, write reports that do not parse, stop with a
traceback when the report cannot be written."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest


def _draftlint(*args, cwd):
    return subprocess.run([sys.executable, "-m", "draftlint", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(subprocess.run(["git", "--version"], capture_output=True).returncode != 0, reason="git is not installed")
@pytest.mark.parametrize("value", ["--output=PWNED", "-oPWNED", "--no-index"])
def test_since_never_becomes_a_git_option(tmp_path, value):
    env = {**os.environ, "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@b", "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@b"}
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "a.txt").write_text("在xx区召开会议。\n", encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=tmp_path, check=True)
    subprocess.run(["git", "commit", "-qm", "x"], cwd=tmp_path, check=True, env=env)
    proc = _draftlint("check", "--no-cache", f"--since={value}", ".", cwd=tmp_path)
    assert proc.returncode == 2 and "is not a git revision" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [".git", "a.txt"]  # before: git wrote PWNED


def test_junit_holds_only_characters_xml_allows(tmp_path):
    (tmp_path / "a.txt").write_bytes("在xx区\f召开会议。\x01\n".encode("utf-8"))
    proc = _draftlint("check", "--no-cache", "--format", "junit", "a.txt", cwd=tmp_path)
    assert proc.returncode == 1
    root = ET.fromstring(proc.stdout.encode("utf-8"))  # before: not well-formed (the form feed)
    failures = [f.text for f in root.iter("failure")]
    assert failures and all("\\x0c" in text for text in failures)


def test_a_report_that_cannot_be_written_is_a_clean_error(tmp_path):
    (tmp_path / "a.txt").write_text("在xx区召开会议。\n", encoding="utf-8")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where a folder should be", encoding="utf-8")
    proc = _draftlint("check", "--no-cache", "-o", str(blocked / "r.json"), "--format", "json", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "cannot write the report to" in proc.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_pipes_and_devices_named_like_drafts_are_not_read(tmp_path):
    """A FIFO or a link to /dev/zero in a linted folder: passed over with a note (before, the
    run waited for ever on the pipe, or read the device until memory ran out)."""
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "a.txt").write_text("在xx区召开会议。\n", encoding="utf-8")
    walked = _draftlint("check", "--no-cache", "--format", "concise", ".", cwd=tmp_path)
    assert walked.returncode == 1 and walked.stdout.count("PH001") == 1
    assert "pipe.txt: a named pipe (FIFO)" in walked.stderr and "zero.txt: a device" in walked.stderr
    named = _draftlint("check", "--no-cache", "--format", "concise", "pipe.txt", "zero.txt", "a.txt", cwd=tmp_path)
    assert named.returncode == 2 and "是命名管道（FIFO），不是文件" in named.stdout + named.stderr  # said in Chinese


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find the workers")
def test_workers_end_with_a_killed_run(tmp_path):
    """A CI job that kills draftlint (a timeout) must not leave its workers behind."""
    import signal
    import time
    from pathlib import Path

    text = "在xx区召开会议，研究部署下一阶段工作。" * 400 + "\n"
    for n in range(400):
        (tmp_path / f"{n:03d}.txt").write_text(text, encoding="utf-8")
    run = subprocess.Popen([sys.executable, "-m", "draftlint", "check", "--no-cache", "--jobs", "2", "."], cwd=tmp_path,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def children() -> list[int]:
        found = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
            except OSError:
                continue
            if fields.get("PPid", "").strip() == str(run.pid):
                found.append(int(status.parent.name))
        return found

    deadline = time.monotonic() + 60
    workers: list[int] = []
    while len(workers) < 2 and run.poll() is None and time.monotonic() < deadline:
        workers = children()
        time.sleep(0.05)
    assert len(workers) >= 2, "the workers never started"
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{w}").exists() and "Z" not in Path(f"/proc/{w}/stat").read_text().split()[2]
              for w in workers if Path(f"/proc/{w}/stat").exists()) and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = [w for w in workers if Path(f"/proc/{w}/stat").exists() and Path(f"/proc/{w}/stat").read_text().split()[2] != "Z"]
    assert alive == []


def test_fix_leaves_links_and_read_only_files_as_they_are(tmp_path):
    """--fix replaces a file by a rename: it would turn a link into a copy and write a file made
    read-only. Such files are refused with a reason; the others are fixed, keeping their mode."""
    text = "会议指出,要加强管理,提高效率。\n"
    for name in ("a.txt", "ro.txt", "real.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "a.txt").chmod(0o640)
    (tmp_path / "ro.txt").chmod(0o444)
    (tmp_path / "link.txt").symlink_to("real.txt")
    os.link(tmp_path / "real.txt", tmp_path / "hard.txt")
    proc = _draftlint("check", "--no-cache", "--fix", "--unsafe-fixes", "a.txt", "ro.txt", "link.txt", "hard.txt", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "会议指出，要加强管理，提高效率。\n"
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o640
    for name in ("ro.txt", "real.txt"):
        assert (tmp_path / name).read_text(encoding="utf-8") == text
    assert (tmp_path / "link.txt").is_symlink() and (tmp_path / "real.txt").stat().st_nlink == 2
    assert "ro.txt: read-only: not fixed" in proc.stderr and "link.txt: a symbolic link" in proc.stderr
    assert "hard.txt: the file has other names" in proc.stderr


def test_a_yaml_alias_bomb_in_a_rule_file_is_refused(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    (rules / "bomb.yaml").write_text("\n".join(lines + ["rules: *i"]) + "\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("在xx区召开会议。\n", encoding="utf-8")
    proc = _draftlint("check", "--no-cache", "--rules", str(rules), "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "YAML aliases (*a) are not allowed in rule files" in proc.stderr


def test_a_runaway_required_sections_pattern_stops_that_rule_only(tmp_path):
    (tmp_path / "draftlint.toml").write_text(
        '[required-sections."报告"]\ntitle = "报告$"\nsections = ["问题(a|aa)+$"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("工作报告\n一、存在问题" + "a" * 60 + "b\n在xx区召开会议。\n", encoding="utf-8")
    proc = _draftlint("check", "--no-cache", "--format", "concise", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "PH001" in proc.stdout  # the other rules ran
    assert "stopped" in proc.stdout + proc.stderr and "took longer than" in proc.stdout + proc.stderr
