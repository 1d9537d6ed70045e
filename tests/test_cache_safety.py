"""The cache is not a way in (issue 23): a cache that comes with a repository is never trusted,
never written or deleted through, and what the cache holds is the result of the bytes linted."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from docx_factory import make_docx, p

from draftlint import cache as cache_module
from draftlint import runner
from draftlint.discovery import Target
from draftlint.readers import ReaderOptions, read_document
from draftlint.runner import RunOptions

DIRTY = "在x市x局召开会议。\n"
CLEAN = "会议按期召开。\n"


def _check(*args, cwd, env=None):
    return subprocess.run([sys.executable, "-m", "draftlint", "check", "--format", "json", *args], cwd=cwd,
                          capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=300)


@pytest.fixture
def victim(tmp_path):
    """A folder outside the repository that a hostile cache would point at."""
    folder = tmp_path / "victim"
    (folder / "v1").mkdir(parents=True)
    (folder / "v1" / "precious.txt").write_text("keep me", encoding="utf-8")
    (folder / ".gitignore").write_text("build/\n", encoding="utf-8")
    return folder


def _untouched(victim: Path) -> None:
    assert (victim / "v1" / "precious.txt").read_text(encoding="utf-8") == "keep me"
    assert (victim / ".gitignore").read_text(encoding="utf-8") == "build/\n"
    assert sorted(p.name for p in victim.iterdir()) == [".gitignore", "v1"]


def test_a_committed_cache_symlink_is_never_followed(tmp_path, victim):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "a.txt").write_text(DIRTY, encoding="utf-8")
    (repo / ".draftlint_cache").symlink_to(victim, target_is_directory=True)
    # by default the cache is in the user's folder: the repository's is not even looked at
    proc = _check(".", cwd=repo)
    assert proc.returncode == 1 and json.loads(proc.stdout)["summary"]["findings"] == 2
    _untouched(victim)
    # pointed at it on purpose: refused, and said so
    proc = _check(".", cwd=repo, env={"DRAFTLINT_CACHE_DIR": str(repo / ".draftlint_cache")})
    assert proc.returncode == 1 and json.loads(proc.stdout)["summary"]["findings"] == 2
    assert "is not used: it is a symbolic link" in proc.stderr
    _untouched(victim)


def test_a_folder_that_is_not_drafltints_is_neither_used_nor_cleaned(tmp_path, victim):
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    proc = _check("a.txt", cwd=tmp_path, env={"DRAFTLINT_CACHE_DIR": str(victim)})
    assert proc.returncode == 1 and "not a folder draftlint made" in proc.stderr
    _untouched(victim)


def test_entry_folders_that_are_symlinks_are_not_written_through(tmp_path, victim):
    folder = tmp_path / "cache"
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    env = {"DRAFTLINT_CACHE_DIR": str(folder)}
    assert _check("a.txt", cwd=tmp_path, env=env).returncode == 1  # makes the cache, marked as ours
    entries = folder / f"v{cache_module.FORMAT}"
    for shard in [d for d in entries.iterdir() if d.is_dir()]:
        for f in shard.iterdir():
            f.unlink()
        shard.rmdir()
        shard.symlink_to(victim, target_is_directory=True)
    (tmp_path / "a.txt").write_text(DIRTY + "再次召开。\n", encoding="utf-8")
    assert _check("a.txt", cwd=tmp_path, env=env).returncode == 1
    _untouched(victim)


def _git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@b", "GIT_COMMITTER_NAME": "a",
                        "GIT_COMMITTER_EMAIL": "a@b"})


@pytest.mark.skipif(subprocess.run(["git", "--version"], capture_output=True).returncode != 0, reason="git is not installed")
def test_forged_entries_committed_with_the_repository_hide_nothing(tmp_path):
    """A pull request that commits a cache whose entries say 'no findings' (its keys are
    computed from what anyone knows): the gate still sees every finding."""
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "a.txt").write_text(DIRTY, encoding="utf-8")
    folder = repo / ".draftlint_cache"
    env = {"DRAFTLINT_CACHE_DIR": str(folder)}
    assert _check("a.txt", cwd=repo, env=env).returncode == 1
    for entry in folder.rglob("*.json"):
        if entry.name != "file-digests.json":
            data = json.loads(entry.read_text(encoding="utf-8"))
            data["findings"], data["blocks"] = [], []
            entry.write_text(json.dumps(data), encoding="utf-8")
    (folder / ".gitignore").unlink()
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-qm", "drafts", cwd=repo)
    clone = tmp_path / "clone"
    _git("clone", "-q", str(repo), str(clone), cwd=tmp_path)
    for env in ({}, {"DRAFTLINT_CACHE_DIR": str(clone / ".draftlint_cache")}):
        proc = _check("a.txt", cwd=clone, env=env)
        assert proc.returncode == 1 and json.loads(proc.stdout)["summary"]["findings"] == 2, proc.stderr
    assert "git tracks files in it" in proc.stderr


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["findings"][0].update(block=99),  # out of range
        lambda d: d["findings"][0].update(block=-1),  # Python would take the last
        lambda d: d["findings"][0].update(end=10_000),
        lambda d: d["findings"][0].update(severity="error"),
        lambda d: d.update(blocks=[{"text": 5}]),
        lambda d: d.clear(),
    ],
    ids=["block-99", "block-minus-1", "end-beyond-text", "severity-string", "block-text", "empty"],
)
def test_a_bad_entry_is_linted_again_never_a_crash(tmp_path, damage):
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    env = {"DRAFTLINT_CACHE_DIR": str(tmp_path / "cache")}
    first = _check("a.txt", cwd=tmp_path, env=env)
    for entry in (tmp_path / "cache").rglob("*.json"):
        if entry.name != "file-digests.json":
            data = json.loads(entry.read_text(encoding="utf-8"))
            damage(data)
            entry.write_text(json.dumps(data), encoding="utf-8")
    again = _check("a.txt", cwd=tmp_path, env=env)
    assert again.returncode == 1 and "Traceback" not in again.stderr, again.stderr
    assert json.loads(again.stdout)["findings"] == json.loads(first.stdout)["findings"]


def test_a_message_never_reaches_into_python_objects(tmp_path):
    """A template such as ``{match.__class__}`` (from an entry, or a rule file) is text, not a
    format string: before, str.format followed the attribute, or the report stopped."""
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    env = {"DRAFTLINT_CACHE_DIR": str(tmp_path / "cache")}
    assert _check("a.txt", cwd=tmp_path, env=env).returncode == 1
    for entry in (tmp_path / "cache").rglob("*.json"):
        if entry.name != "file-digests.json":
            data = json.loads(entry.read_text(encoding="utf-8"))
            for f in data["findings"]:
                f["message"] = ["{match.__class__.__mro__}", "{match.__init__.__globals__}"]
            entry.write_text(json.dumps(data), encoding="utf-8")
    for lang in ("zh", "en"):
        again = _check("a.txt", "--lang", lang, cwd=tmp_path, env=env)
        assert again.returncode == 1 and "Traceback" not in again.stderr
        assert "<class" not in again.stdout and "__builtins__" not in again.stdout


def test_deeply_nested_entry_is_linted_again(tmp_path):
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    env = {"DRAFTLINT_CACHE_DIR": str(tmp_path / "cache")}
    assert _check("a.txt", cwd=tmp_path, env=env).returncode == 1
    for entry in (tmp_path / "cache").rglob("*.json"):
        if entry.name != "file-digests.json":
            entry.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    again = _check("a.txt", cwd=tmp_path, env=env)
    assert again.returncode == 1 and "Traceback" not in again.stderr and json.loads(again.stdout)["summary"]["findings"] == 2


def test_a_file_changed_during_the_run_is_cached_under_what_was_linted(tmp_path, monkeypatch):
    """The run hashes a file, then reads it to lint: if it changed in between, the result is of
    the new bytes and must be stored under them, not under the old content's key (before, when
    the old content came back, a revert or a branch switch, it was reported clean)."""
    draft = tmp_path / "a.txt"
    draft.write_text(DIRTY, encoding="utf-8")
    options = RunOptions(jobs=1, progress=False, cache_dir=str(tmp_path / "cache"))
    real_read = runner.read_file
    monkeypatch.setattr(runner, "read_file", lambda path: CLEAN.encode("utf-8"))  # changed after hashing
    first = runner.run([Target(str(draft))], options=options)
    assert first.files[0].findings == []  # the clean bytes were linted
    monkeypatch.setattr(runner, "read_file", real_read)
    second = runner.run([Target(str(draft))], options=options)  # the file holds DIRTY, as hashed
    assert [f.rule for f in second.files[0].findings] == ["PH001", "PH001"]


# ------------------------------------------------------------------ per-process part caches


def _forge_crc(data: bytes, target: int, positions: list[int]) -> bytes:
    """``data`` with some of the bytes at ``positions`` moved from 'p' to 'q' (one bit each) so
    that its CRC-32 is ``target``: CRC-32 is linear over GF(2), so which flips to make is a
    system of 32 equations, solved by elimination."""
    base = zlib.crc32(data)
    columns = []
    for pos in positions:
        flipped = bytearray(data)
        flipped[pos] ^= 1
        columns.append(zlib.crc32(bytes(flipped)) ^ base)
    rows = [(col, 1 << i) for i, col in enumerate(columns)]  # (effect on the CRC, which flips)
    want, basis = base ^ target, []
    for effect, flips in rows:
        for b_effect, b_flips in basis:
            if effect ^ b_effect < effect:
                effect, flips = effect ^ b_effect, flips ^ b_flips
        if effect:
            basis.append((effect, flips))
            basis.sort(reverse=True)
    chosen = 0
    for b_effect, b_flips in basis:
        if want ^ b_effect < want:
            want, chosen = want ^ b_effect, chosen ^ b_flips
    assert want == 0, "no solution: give more positions"
    out = bytearray(data)
    for i, pos in enumerate(positions):
        if chosen >> i & 1:
            out[pos] ^= 1
    assert zlib.crc32(bytes(out)) == target
    return bytes(out)


def _stored(docx: bytes, styles: bytes) -> bytes:
    """``docx`` repacked without compression, with ``styles`` as its styles part."""
    src = zipfile.ZipFile(io.BytesIO(docx))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for info in src.infolist():
            z.writestr(info.filename, styles if info.filename.endswith("styles1.xml") else src.read(info))
    return buf.getvalue()


def test_parts_with_the_same_crc_and_size_are_not_confused():
    """Two valid files whose styles differ but whose ZIP directory claims the same CRC-32 and
    sizes: each is read with its own styles (before, the second got the first's)."""
    filler = "p" * 64
    heading = f'<w:style w:type="paragraph" w:styleId="H"><w:name w:val="{filler}"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
    plain = f'<w:style w:type="paragraph" w:styleId="H"><w:name w:val="{filler}"/><w:pPr><w:jc      w:val="left"/></w:pPr></w:style>'
    assert len(heading) == len(plain)
    body = p("一、总体要求", '<w:pStyle w:val="H"/>')
    first = make_docx(body, {"rS": ("styles", heading)})
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        styles_first = z.read("word/styles1.xml")
    with zipfile.ZipFile(io.BytesIO(make_docx(body, {"rS": ("styles", plain)}))) as z:
        styles_second = z.read("word/styles1.xml")
    start = styles_second.index(filler.encode())
    styles_second = _forge_crc(styles_second, zlib.crc32(styles_first), list(range(start, start + 64)))
    a, b = _stored(first, styles_first), _stored(first, styles_second)
    levels = [read_document(data, "x.docx", ReaderOptions()).blocks[0].outline_level for data in (a, b)]
    assert levels[0] is not None and levels[1] is None


def test_an_empty_folder_given_becomes_the_cache(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    proc = _check("a.txt", cwd=tmp_path, env={"DRAFTLINT_CACHE_DIR": str(folder)})
    assert proc.returncode == 1 and proc.stderr == ""
    assert (folder / "CACHEDIR.TAG").read_text(encoding="utf-8") == cache_module.CACHEDIR_TAG
    assert [p for p in folder.rglob("*.json") if p.name != "file-digests.json"]
