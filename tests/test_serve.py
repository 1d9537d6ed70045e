"""draftlint serve: a real server in a subprocess, real files, and the page in headless Chromium.

Needs the web extra (starlette, uvicorn, python-multipart); skipped without it. The browser
tests also need chromium and chromedriver (as the HTML report's test).
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zipfile
from pathlib import Path

import pytest
from conftest import chromium_driver

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
pytest.importorskip("python_multipart")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DOCX = ROOT / "samples" / "汇报材料-草稿.docx"
GBK_TEXT = "关于xx县2023年工作情况的报告\n一、基本情况\n全年共完成××项任务，投入万元。\n二、存在问题\n"
MAX_MB = 1
MAX_FILES = 5


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env() -> dict:
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


class Server:
    def __init__(self, cwd: Path, *args: str, env: dict | None = None, log_dir: Path | None = None):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open((log_dir or cwd) / f"serve-{self.port}.log", "w+b")
        self.proc = subprocess.Popen([sys.executable, "-m", "draftlint", "serve", "--port", str(self.port), *args],
                                     cwd=cwd, env={**_env(), **(env or {})}, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"draftlint serve exited {self.proc.returncode}: {self.output()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("draftlint serve did not start: " + self.output())

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def _multipart(files: list[tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for name, data in files:
        out.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n"
                  "Content-Type: application/octet-stream\r\n\r\n".encode("utf-8"))
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def request(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, headers, body) — error statuses too."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(req, timeout=120) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post_files(base: str, files: list[tuple[str, bytes]], path: str = "/api/check", headers: dict | None = None):
    body, kind = _multipart(files)
    return request(base + path, body, {"Content-Type": kind, **(headers or {})})


def check_json(cwd: Path, *paths: Path) -> dict:
    """``draftlint check --format json`` on the same files, from the server's folder."""
    r = subprocess.run([sys.executable, "-m", "draftlint", "check", "--no-cache", "--format", "json", *map(str, paths)],
                       cwd=cwd, env=_env(), capture_output=True)
    assert r.returncode in (0, 1), r.stderr.decode()
    return json.loads(r.stdout)


def _without_path(findings: list[dict]) -> list[dict]:
    return [{k: v for k, v in f.items() if k != "path"} for f in findings]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("serve")
    shutil.copy(SAMPLE_DOCX, d / SAMPLE_DOCX.name)
    (d / "报告-GBK.txt").write_bytes(GBK_TEXT.replace("\n", "\r\n").encode("gbk"))
    (d / "坏.docx").write_bytes(random.Random(20).randbytes(4000))
    (d / "炸弹.docx").write_bytes(_bomb(80 * 2**20))
    return d


@pytest.fixture(scope="module")
def server(workdir):
    s = Server(workdir, "--jobs", "1", "--max-upload-mb", str(MAX_MB), "--max-files", str(MAX_FILES), "--time-limit", "60")
    yield s
    s.stop()


def _bomb(size: int) -> bytes:
    """A DOCX whose document part unpacks to ``size`` bytes of spaces (a thousandfold)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", zipfile.ZipFile(SAMPLE_DOCX).read("[Content_Types].xml"))
        z.writestr("_rels/.rels", zipfile.ZipFile(SAMPLE_DOCX).read("_rels/.rels"))
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b" " * 2**20
            for _ in range(size // len(chunk)):
                fh.write(chunk)
    return buf.getvalue()


# ---- the API ----------------------------------------------------------------------------


def test_api_check_equals_check_format_json(server, workdir):
    names = [SAMPLE_DOCX.name, "报告-GBK.txt"]
    status, headers, body = post_files(server.base, [(n, (workdir / n).read_bytes()) for n in names])
    assert status == 200, body
    got = json.loads(body)
    want = check_json(workdir, *names)
    assert set(got) == set(want)  # the JSON report's shape, nothing more
    assert got["version"] == want["version"] and got["summary"] == want["summary"]
    assert got["findings"] == want["findings"]  # same names: same paths too
    assert got["files"] == want["files"] and got["files"][1]["encoding"] in ("gbk", "gb18030")
    assert len(got["findings"]) > 5
    # English on request
    status, _, body = post_files(server.base + "", [(names[1], (workdir / names[1]).read_bytes())], "/api/check?lang=en")
    assert status == 200 and all(f["message"].isascii() or "「" not in f["message"] for f in json.loads(body)["findings"])


def test_api_pasted_text_as_json(server, workdir):
    text = "根据x市x局的要求，于20xx年完成。"
    status, _, body = request(server.base + "/api/check", json.dumps({"name": "通知.txt", "text": text}).encode(),
                              {"Content-Type": "application/json"})
    assert status == 200
    got = json.loads(body)
    (workdir / "通知.txt").write_text(text, encoding="utf-8")
    assert got["findings"] == check_json(workdir, "通知.txt")["findings"]
    assert {f["match"] for f in got["findings"]} >= {"x", "20xx年"}


def test_pasted_text_field_is_named_in_the_request_language(server):
    """A multipart ``text`` field is named as a pasted JSON text is, in the request's language."""
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n"
            f"根据x市x局的要求。\r\n--{boundary}--\r\n").encode()
    for lang, name in (("en", "pasted-text.txt"), ("zh", "粘贴的文本.txt")):
        status, _, answer = request(f"{server.base}/api/check?lang={lang}", body,
                                    {"Content-Type": f"multipart/form-data; boundary={boundary}"})
        assert status == 200, answer
        assert [f["path"] for f in json.loads(answer)["files"]] == [name]


def test_hostile_files_are_per_file_errors_and_the_server_goes_on(server, workdir):
    files = [("坏.docx", (workdir / "坏.docx").read_bytes()), ("炸弹.docx", (workdir / "炸弹.docx").read_bytes()),
             ("a.exe", b"MZ"), ("空.txt", b""), ("好.txt", GBK_TEXT.encode("utf-8"))]
    status, _, body = post_files(server.base, files)
    assert status == 200, body
    got = json.loads(body)
    errors = {e["path"]: e["message"] for e in got["errors"]}
    assert set(errors) == {"坏.docx", "炸弹.docx", "a.exe", "空.txt"}
    assert "refused" in errors["炸弹.docx"] and "ZIP" in errors["坏.docx"]
    assert got["summary"]["files"] == 5 and got["findings"]
    status, _, _ = request(server.base + "/api/info")
    assert status == 200


def test_limits_answer_413_with_the_limit(server):
    status, _, body = post_files(server.base, [("大.txt", b"x" * (MAX_MB * 2**20 + 10))])
    assert status == 413 and "1 MB" in json.loads(body)["error"]
    status, _, body = post_files(server.base, [(f"{i}.txt", b"x") for i in range(MAX_FILES + 1)])
    assert status == 413 and f"最多 {MAX_FILES} 个文件" in json.loads(body)["error"]
    status, _, body = request(server.base + "/api/check?lang=en", json.dumps({"text": "x" * (MAX_MB * 2**20)}).encode(),
                              {"Content-Type": "application/json"})
    assert status == 413 and "at most 1 MB" in json.loads(body)["error"]


def test_security_headers_and_same_origin(server):
    for path in ("/", "/static/page.js", "/api/info"):
        status, headers, _ = request(server.base + path)
        assert status == 200
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer" and headers["X-Frame-Options"] == "DENY"
    page = (ROOT / "src/draftlint/web/static/page.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "style=" not in page and "http" not in page.replace('http-equiv', '')
    # a page on another site cannot post to the server, nor reach it by another name
    status, _, _ = post_files(server.base, [("a.txt", b"x")], headers={"Origin": "http://evil.example"})
    assert status == 403
    status, _, _ = post_files(server.base, [("a.txt", b"x")], headers={"Sec-Fetch-Site": "cross-site"})
    assert status == 403
    status, _, _ = request(server.base + "/api/info", headers={"Host": "evil.example"})
    assert status == 403
    status, _, _ = post_files(server.base, [("a.txt", b"x")], headers={"Origin": "null"})
    assert status == 403
    status, _, _ = post_files(server.base, [("a.txt", b"x")], headers={"Origin": "http://evil.example", "Sec-Fetch-Site": "same-site"})
    assert status == 403
    status, _, _ = post_files(server.base, [("a.txt", b"x")], headers={"Origin": server.base})
    assert status == 200
    # behind a reverse proxy with HTTPS the Origin's scheme differs; the browser's own mark decides
    status, _, _ = post_files(server.base, [("a.txt", b"x")], headers={"Origin": "https://drafts.example", "Sec-Fetch-Site": "same-origin"})
    assert status == 200


def test_downloads_from_the_api(server):
    import docx

    status, headers, body = post_files(server.base, [(SAMPLE_DOCX.name, SAMPLE_DOCX.read_bytes())], "/api/annotate")
    assert status == 200 and "draftlint.docx" in urllib.parse.unquote(headers["Content-Disposition"])
    document = docx.Document(io.BytesIO(body))
    assert document.paragraphs
    comments = zipfile.ZipFile(io.BytesIO(body)).read("word/comments.xml").decode("utf-8")
    assert comments.count("[PH001]") >= 2
    txt = "截止2023年底,共完成任务。\n".encode("gbk")
    status, headers, body = post_files(server.base, [("说明.txt", txt)], "/api/fix")
    assert status == 200, body
    assert body.decode("gbk") != txt.decode("gbk") and "说明.fixed.txt" in urllib.parse.unquote(headers["Content-Disposition"])
    d = docx.Document()
    d.add_paragraph("截止2023年底,共完成任务。")
    buf = io.BytesIO()
    d.save(buf)
    status, headers, body = post_files(server.base, [("说明.docx", buf.getvalue())], "/api/fix")
    assert status == 200, body
    xml = zipfile.ZipFile(io.BytesIO(body)).read("word/document.xml").decode("utf-8")
    assert "<w:ins " in xml and "<w:del " in xml  # tracked changes
    assert "说明.fixed.docx" in urllib.parse.unquote(headers["Content-Disposition"])
    status, _, body = post_files(server.base, [("干净.txt", "今天天气很好。\n".encode())], "/api/fix")
    assert status == 409 and "没有可自动修复" in json.loads(body)["error"]
    status, headers, body = post_files(server.base, [(SAMPLE_DOCX.name, SAMPLE_DOCX.read_bytes())], "/api/report?format=html")
    assert status == 200 and b"<html" in body and headers["Content-Type"].startswith("text/html")


def test_fix_markdown_from_the_api(server):
    """A Markdown file is fixed in its own text, as ``draftlint fix`` does (it was sent through
    LibreOffice as if it were a Word file, and its safe fixes were never applied)."""
    md = "# 通知\n\n根据x市x局的要求,现通知如下。\n".encode()
    status, headers, body = post_files(server.base, [("说明.md", md)], "/api/fix")
    assert status == 200, body
    assert body.decode("utf-8") == "# 通知\n\n根据x市x局的要求，现通知如下。\n"
    assert "说明.fixed.md" in urllib.parse.unquote(headers["Content-Disposition"])
    assert headers["Content-Type"] == "application/octet-stream"


def test_logs_hold_no_names_and_no_text(server):
    log = server.output()
    assert "check:" in log
    for secret in ("汇报材料", "报告-GBK", "坏.docx", "根据x市", "说明"):
        assert secret not in log


# ---- nothing reaches the file system ----------------------------------------------------------


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    """A server started deep in a fresh folder, with TMPDIR and the cache in fresh folders of
    their own; its log is kept outside all three."""
    root = tmp_path_factory.mktemp("sandbox")
    cwd, tmp, cache, logs = root / "a" / "b" / "run", root / "tmp", root / "cache", tmp_path_factory.mktemp("sandbox-log")
    for d in (cwd, tmp, cache):
        d.mkdir(parents=True)
    s = Server(cwd, "--jobs", "1", "--max-upload-mb", "4", "--time-limit", "90",
               env={"TMPDIR": str(tmp), "XDG_CACHE_HOME": str(cache), "HOME": str(root / "home")}, log_dir=logs)
    s.root, s.cwd, s.tmp = root, cwd, tmp
    yield s
    s.stop()


def _tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def _legacy_rtf(text: str = "截止2023年底,x市x局全年共完成××项任务。") -> bytes:
    return ("{\\rtf1\\ansi\\deff0 " + "".join(c if c.isascii() else f"\\u{ord(c)}?" for c in text) + "\\par }").encode("ascii")


def _small_docx(text: str) -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_path_like_file_names_are_only_names(sandbox):
    """Names that are paths, or carry control characters, or are very long: each file is
    checked as the cleaned name says (200, its findings), the report shows the cleaned name,
    and nothing is written anywhere (the server's folders, the folders the names point at)."""
    text = "根据x市x局的要求，于20xx年完成。\n".encode("utf-8")
    names = {  # sent: shown
        "../../etc/passwd.txt": "passwd.txt",
        "..\\..\\x.docx": "x.docx",
        "/abs/path.txt": "path.txt",
        "a/../../b.txt": "b.txt",
        "nul\x00and\x01control\x1b\x7f\u200ename.txt": "nulandcontrolname.txt",
        "长" * 10_000 + ".txt": "长" * 116 + ".txt",
        "..": "upload.txt",
    }
    before_tree, before_tmp = _tree(sandbox.root), _tree(sandbox.tmp)
    files = [(sent, _small_docx(text.decode()) if sent.endswith(".docx") else text) for sent in names]
    status, _, body = post_files(sandbox.base, files)
    assert status == 200, body
    got = json.loads(body)
    assert [f["path"] for f in got["files"]] == list(names.values())
    assert not got["errors"]
    for shown in names.values():  # each checked as what its cleaned suffix says, with its findings
        assert {f["match"] for f in got["findings"] if f["path"] == shown} >= {"x", "20xx年"}, shown
        assert len(shown) <= 120 and not any(c in shown for c in "/\\\x00\x01\x1b\x7f\u200e") and not shown.startswith(".")
    # the annotated copy's name is built from the cleaned name too
    status, headers, _ = post_files(sandbox.base, [("..\\..\\x.docx", files[1][1])], "/api/annotate")
    assert status == 200 and urllib.parse.unquote(headers["Content-Disposition"]).endswith("x.draftlint.docx")
    assert "/" not in headers["Content-Disposition"].split("filename*=")[0]
    # nothing written: not in the server's folders, not where the names point
    assert _tree(sandbox.root) == before_tree and _tree(sandbox.tmp) == before_tmp == set()
    for place in (sandbox.cwd.parent.parent / "etc" / "passwd.txt", sandbox.cwd.parent.parent / "b.txt", Path("/abs/path.txt"),
                  sandbox.cwd.parent.parent / "x.docx", Path("/etc/passwd.txt")):
        assert not place.exists(), place


def test_no_file_is_left_in_the_temporary_folder(sandbox):
    """TMPDIR is an empty folder of the test's: after every answer it is empty again, for DOCX,
    TXT and a legacy RTF (LibreOffice converts it in a temporary folder of its own, removed
    afterwards), checked, annotated and fixed. The worker processes use that TMPDIR (their
    environment says so, and the conversion's folder is seen there while the file is read)."""
    from draftlint.readers.convert import find_soffice

    import threading

    workers = [int(c) for t in Path(f"/proc/{sandbox.proc.pid}/task").iterdir() for c in (t / "children").read_text().split()]
    assert workers
    for pid in workers:
        environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        assert f"TMPDIR={sandbox.tmp}".encode() in environ
    docx_data = _small_docx("截止2023年底,x市x局共完成任务。")
    txt = "截止2023年底,x市x局共完成任务。\n".encode("gbk")
    big_txt = ("根据x市x局的要求，全年共完成××项任务。" * 60_000).encode("utf-8")[: 3 * 2**20]  # over 1 MB: a part Starlette would spool
    uploads = [("check", "草稿.docx", docx_data), ("check", "说明.txt", txt), ("check", "大.txt", big_txt),
               ("annotate", "草稿.docx", docx_data), ("fix", "草稿.docx", docx_data), ("fix", "说明.txt", txt)]
    legacy = find_soffice() is not None
    if legacy:
        uploads += [("check", "旧文件.rtf", _legacy_rtf()), ("annotate", "旧文件.rtf", _legacy_rtf()), ("fix", "旧文件.rtf", _legacy_rtf())]
    seen: set[str] = set()
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            seen.update(os.listdir(sandbox.tmp))
            time.sleep(0.005)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        for kind, name, data in uploads:
            status, _, body = post_files(sandbox.base, [(name, data)], f"/api/{kind}")
            assert status == 200, (kind, name, body[:300])
            if kind == "check":
                assert not json.loads(body)["errors"], (name, body[:300])
            assert os.listdir(sandbox.tmp) == [], (kind, name)
    finally:
        stop.set()
        watcher.join()
    if legacy:  # the conversions went through this TMPDIR, and left nothing there
        assert any(n.startswith("draftlint-") for n in seen), seen


def test_a_conversion_cut_short_leaves_nothing_behind(tmp_path, monkeypatch):
    """A file whose time runs out while LibreOffice converts it (the worker's alarm, when the
    request waited for a worker; or LibreOffice's own limit): LibreOffice is killed before its
    folder is removed, and its own temporary files are in that folder, so TMPDIR stays empty and
    no soffice is left running. Before, each left lu*.tmp files, and the folder came back."""
    import subprocess as sp
    import tempfile

    from draftlint.config import Config
    from draftlint.readers.convert import find_soffice
    from draftlint.web.work import Worker

    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    worker = Worker(Config())
    task = {"kind": "check", "data": _legacy_rtf(), "name": "旧文件.rtf", "lang": "zh"}
    # the worker's alarm first (LibreOffice's limit far away), then LibreOffice's own limit first
    # (a limit no start of LibreOffice can meet, whatever the machine's speed)
    from draftlint.readers import convert

    for convert_timeout, seconds in ((60.0, 0.5), (0.05, 60)):
        monkeypatch.setattr(convert, "_timeout", lambda: convert_timeout)
        status, answer = worker.handle({**task, "seconds": seconds})
        if convert_timeout == 60.0:
            assert status == "timeout"
        else:
            assert status == "ok" and "LibreOffice did not finish" in (answer[0].error or ""), answer[0].error
        assert os.listdir(tmp) == []
        time.sleep(3)  # nothing comes back: nothing is still running to write it
        assert os.listdir(tmp) == []
        running = sp.run(["pgrep", "-af", "soffice"], capture_output=True, text=True).stdout
        assert str(tmp) not in running


# ---- starting it ------------------------------------------------------------------------------


def test_refuses_a_public_address_without_a_token(tmp_path):
    r = subprocess.run([sys.executable, "-m", "draftlint", "serve", "--host", "0.0.0.0", "--port", str(_free_port())],
                       cwd=tmp_path, env={**_env(), "DRAFTLINT_SERVE_TOKEN": ""}, capture_output=True, timeout=60)
    assert r.returncode == 2 and b"--token" in r.stderr


def test_token_on_a_public_address(tmp_path):
    s = Server(tmp_path, "--host", "0.0.0.0", "--jobs", "1", "--token", "s3cret-token")
    try:
        files = [("a.txt", "根据x市x局的要求。".encode())]
        assert post_files(s.base, files)[0] == 401
        assert post_files(s.base, files, headers={"Authorization": "Bearer wrong"})[0] == 401
        assert request(s.base + "/api/info")[0] == 401
        assert request(s.base + "/static/page.js")[0] == 401
        assert post_files(s.base, files, headers={"Authorization": "Bearer s3cret-token"})[0] == 200
        assert post_files(s.base, files, headers={"X-Draftlint-Token": "s3cret-token"})[0] == 200
        status, headers, body = request(s.base + "/")
        assert status == 401 and b'name="token"' in body and b"<script" not in body
        status, headers, _ = request(s.base + "/?token=s3cret-token")
        assert status == 303 and headers["Location"] == "/"
        cookie = headers["Set-Cookie"].split(";")[0]
        assert "s3cret-token" not in cookie and "HttpOnly" in headers["Set-Cookie"] and "SameSite=Strict" in headers["Set-Cookie"]
        assert request(s.base + "/api/info", headers={"Cookie": cookie})[0] == 200
        # the cookie alone is not enough for a POST: a browser's same-origin marks must come with it
        assert post_files(s.base, files, headers={"Cookie": cookie})[0] == 403
        assert post_files(s.base, files, headers={"Cookie": cookie, "Origin": "http://evil.example"})[0] == 403
        assert post_files(s.base, files, headers={"Cookie": cookie, "Origin": s.base})[0] == 200
    finally:
        s.stop()


def test_without_the_web_extra_serve_says_how_to_install(tmp_path):
    shadow = tmp_path / "shadow"
    shadow.mkdir()
    # a starlette that cannot be found: find_spec returns None for a module set to None
    code = ("import sys; sys.modules['starlette'] = None; import importlib.util as u; "
            "real = u.find_spec; u.find_spec = lambda n, *a: None if n == 'starlette' else real(n, *a); "
            "from draftlint.cli import main; main(['serve'])")
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=_env(), capture_output=True, timeout=60)
    assert r.returncode == 2 and b"pip install" in r.stderr and b"[web]" in r.stderr


def test_check_does_not_import_the_web_stack(tmp_path):
    (tmp_path / "a.txt").write_text("根据x市x局的要求。", encoding="utf-8")
    code = ("import sys\nfrom draftlint.cli import main\ntry:\n    main(['check', '--no-cache', 'a.txt'])\n"
            "except SystemExit:\n    pass\nprint('WEB' if {'starlette', 'uvicorn', 'draftlint.web'} & set(sys.modules) else 'CLEAN')")
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=_env(), capture_output=True, timeout=60)
    assert r.stdout.decode().strip().endswith("CLEAN"), r.stdout + r.stderr


# ---- the page in headless Chromium ----------------------------------------------------------


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    downloads = tmp / "downloads"
    downloads.mkdir()
    driver = chromium_driver(tmp, "1366,768", downloads)
    driver.downloads = downloads
    yield driver
    driver.quit()


def _wait(predicate, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out waiting")


def _status(driver) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, "status").text


def _choose(driver, *paths: Path) -> None:
    from selenium.webdriver.common.by import By

    driver.execute_script("document.getElementById('status').textContent = ''")
    driver.find_element(By.ID, "file-input").send_keys("\n".join(str(p) for p in paths))


def _problems(driver) -> list:
    return [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]


def _downloaded(driver, suffix: str) -> Path:
    return _wait(lambda: next((p for p in driver.downloads.iterdir() if p.name.endswith(suffix)), None))


def test_page_checks_files_and_shows_every_finding(server, workdir, browser):
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(server.base + "/")
    _wait(lambda: "规则" in driver.find_element(By.ID, "config-info").text)
    assert "默认设置" in driver.find_element(By.ID, "config-info").text  # the configuration in force
    names = [SAMPLE_DOCX.name, "报告-GBK.txt"]
    _choose(driver, *(workdir / n for n in names))
    _wait(lambda: "检查完成" in _status(driver))
    want = check_json(workdir, *names)
    rows = driver.find_elements(By.CSS_SELECTOR, "#file-list tbody tr")
    assert [r.find_element(By.CSS_SELECTOR, "td.name").text for r in rows] == names
    for row, name in zip(rows, names):  # counts per file, as check gives them
        mine = [f for f in want["findings"] if f["path"] == name]
        assert int(row.find_element(By.CSS_SELECTOR, "td.total").text) == len(mine)
        for sev in ("error", "warning", "info"):
            assert int(row.find_element(By.CSS_SELECTOR, f"td.{sev}").text) == sum(f["severity"] == sev for f in mine)
    for i, name in enumerate(names):
        rows[i].find_element(By.CSS_SELECTOR, "a").click()
        mine = [f for f in want["findings"] if f["path"] == name]
        assert driver.find_element(By.ID, "file-name").text == name
        items = driver.find_elements(By.CSS_SELECTOR, "#list li.finding")
        assert len(items) == len(mine) == int(driver.find_element(By.ID, "shown-count").text)
        assert [li.get_attribute("data-rule") for li in items] == [f["rule"] for s in ("error", "warning", "info")
                                                                     for f in mine if f["severity"] == s]
        for f in mine:  # every finding is marked in its paragraph, on its text
            para = driver.find_element(By.CSS_SELECTOR, f'#doc .para[data-line="{f["line"]}"]')
            k = next(li.get_attribute("data-k") for li in items
                     if li.get_attribute("data-rule") == f["rule"] and f["message"] in li.text)
            marked = "".join(m.text for m in para.find_elements(By.CSS_SELECTOR, f'mark[data-k="{k}"]'))
            assert marked == (f["match"] or "⌁")
        places = " ".join(li.text for li in items)
        assert all(f["location"] in places for f in mine)
    rows[0].find_element(By.CSS_SELECTOR, "a").click()
    assert "表格1 第2行第2列" in driver.find_element(By.ID, "list").text
    # filters: errors only
    for box in driver.find_elements(By.CSS_SELECTOR, ".f-sev"):
        if box.get_attribute("value") != "error":
            box.click()
    errors = [f for f in want["findings"] if f["path"] == names[0] and f["severity"] == "error"]
    assert int(driver.find_element(By.ID, "shown-count").text) == len(errors)
    assert len([li for li in driver.find_elements(By.CSS_SELECTOR, "#list li.finding") if li.is_displayed()]) == len(errors)
    for box in driver.find_elements(By.CSS_SELECTOR, ".f-sev"):
        if not box.is_selected():
            box.click()
    # the annotated copy, downloaded from the page, is a Word document with the comments
    import docx

    driver.find_element(By.ID, "dl-annotated").click()
    annotated = _downloaded(driver, ".draftlint.docx")
    _wait(lambda: annotated.stat().st_size > 0 and not list(driver.downloads.glob("*.crdownload")))
    assert docx.Document(str(annotated)).paragraphs
    comments = zipfile.ZipFile(annotated).read("word/comments.xml").decode("utf-8")
    assert comments.count("[PH001]") == sum(f["rule"] == "PH001" for f in want["findings"] if f["path"] == names[0])
    # … and the same comments, on the same text, as draftlint annotate gives the same file
    from docx_xml import comment_ranges, comments as comment_texts

    out = driver.downloads.parent / "annotate-cli"
    r = subprocess.run([sys.executable, "-m", "draftlint", "annotate", "-o", str(out), names[0]],
                       cwd=workdir, env=_env(), capture_output=True)
    assert r.returncode == 0, r.stderr.decode()
    cli = (out / annotated.name).read_bytes()

    def pairs(data: bytes) -> list:
        texts, ranges = comment_texts(data), comment_ranges(data)
        return sorted((texts[cid][1], ranges.get(cid)) for cid in texts)

    page_pairs = pairs(annotated.read_bytes())
    assert page_pairs and page_pairs == pairs(cli)
    assert {f["match"] for f in want["findings"] if f["path"] == names[0] and f["rule"] == "PH001"} <= {a for _, a in page_pairs}
    driver.find_element(By.ID, "dl-json").click()
    report = json.loads(_downloaded(driver, "draftlint-report.json").read_text(encoding="utf-8"))
    assert report["findings"] == want["findings"] and report["summary"] == want["summary"]
    driver.find_element(By.ID, "dl-html").click()
    html = _downloaded(driver, "draftlint-report.html").read_text(encoding="utf-8")
    assert f'id="count-findings">{want["summary"]["findings"]}<' in html
    assert _problems(driver) == []
    assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")  # fits 1366 wide
    driver.save_screenshot(str(driver.downloads.parent / "page.png"))


def test_page_pasted_text_broken_files_and_limits(server, workdir, browser, tmp_path):
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(server.base + "/")
    _wait(lambda: "规则" in driver.find_element(By.ID, "config-info").text)
    driver.find_element(By.CSS_SELECTOR, "#paste-box summary").click()
    driver.find_element(By.ID, "paste").send_keys("根据x市x局的要求，于20xx年完成。")
    driver.find_element(By.ID, "paste-check").click()
    _wait(lambda: "检查完成" in _status(driver))
    assert {m.text for m in driver.find_elements(By.CSS_SELECTOR, "#doc mark")} >= {"x", "20xx年"}
    # a broken file and a zip bomb: a per-file error each, the good file checked
    (tmp_path / "好.txt").write_text(GBK_TEXT, encoding="utf-8")
    _choose(driver, workdir / "坏.docx", workdir / "炸弹.docx", tmp_path / "好.txt")
    _wait(lambda: "检查完成" in _status(driver))
    rows = driver.find_elements(By.CSS_SELECTOR, "#file-list tbody tr")
    assert ["unreadable" in r.get_attribute("class").split() for r in rows] == [True, True, False]
    rows[0].find_element(By.CSS_SELECTOR, "a").click()
    assert "不是 Word 文档" in driver.find_element(By.ID, "file-error").text or "ZIP" in driver.find_element(By.ID, "file-error").text
    rows[1].find_element(By.CSS_SELECTOR, "a").click()
    assert "已拒绝" in driver.find_element(By.ID, "file-error").text
    assert int(rows[2].find_element(By.CSS_SELECTOR, "td.total").text) > 0
    # over the size limit: the page says so, nothing is sent
    big = tmp_path / "大.txt"
    big.write_bytes(b"x" * (MAX_MB * 2**20 + 1))
    _choose(driver, big)
    _wait(lambda: "上传内容过大" in _status(driver))
    assert "1 MB" in _status(driver)
    # English
    driver.find_element(By.ID, "lang-toggle").click()
    assert "lang=en" in driver.current_url and "Drop files here" in driver.find_element(By.ID, "drop").text
    _choose(driver, tmp_path / "好.txt")
    _wait(lambda: "Done:" in _status(driver))
    listed = driver.find_element(By.ID, "list").text
    assert "line " in listed
    status, _, body = post_files(server.base, [("好.txt", (tmp_path / "好.txt").read_bytes())], "/api/check?lang=en")
    english = [f["message"] for f in json.loads(body)["findings"]]
    assert status == 200 and english and all(m in listed for m in english)  # the messages in English, as the API gives them
    # and back to Chinese: the same file checked again, its messages in Chinese
    driver.find_element(By.ID, "lang-toggle").click()
    _wait(lambda: "检查完成" in _status(driver))
    assert "lang=en" not in driver.current_url
    status, _, body = post_files(server.base, [("好.txt", (tmp_path / "好.txt").read_bytes())])
    assert all(f["message"] in driver.find_element(By.ID, "list").text for f in json.loads(body)["findings"])
    assert _problems(driver) == []


# ---- the worker pool: time limits and dying workers ------------------------------------------


def _pool_run(pool, tasks_and_seconds):
    import asyncio

    async def main():
        await pool.start()
        loop = asyncio.get_running_loop()
        out = []
        for task, seconds in tasks_and_seconds:
            t0 = time.monotonic()
            if callable(task):
                task = task()
            out.append((await pool.run(task, loop.time() + seconds), time.monotonic() - t0))
        return out

    try:
        return asyncio.run(main())
    finally:
        pool.close()


def test_a_worker_that_overruns_is_killed_and_replaced():
    """A worker that does not answer in time (stopped here, as one stuck in a C call would be)
    is killed with its process group; its file fails, and the next file gets a new worker."""
    import signal

    from draftlint.config import Config
    from draftlint.web.pool import GRACE, WorkerPool

    pool = WorkerPool(Config(), jobs=1, convert_seconds=5)
    task = {"kind": "check", "data": "根据x市x局的要求。".encode(), "name": "a.txt", "lang": "zh"}

    def stop_the_worker():
        os.kill(pool.processes[0].process.pid, signal.SIGSTOP)
        return task

    (first, _), (stuck, took), (after, _) = _pool_run(pool, [(task, 30), (stop_the_worker, 1), (task, 30)])
    assert first[0] == "ok" and len(first[1][0].findings) == 2
    assert stuck == ("timeout", None) and 1 <= took < 1 + GRACE + 5
    assert after[0] == "ok" and len(after[1][0].findings) == 2


def test_a_task_over_its_time_stops_itself_and_a_dead_worker_is_replaced():
    from draftlint.config import Config
    from draftlint.web.pool import WorkerPool

    pool = WorkerPool(Config(), jobs=1, convert_seconds=5)
    big = {"kind": "check", "data": ("根据x市x局的要求，" * 60000).encode(), "name": "big.txt", "lang": "zh"}
    small = {"kind": "check", "data": "根据x市x局的要求。".encode(), "name": "a.txt", "lang": "zh"}
    crash = {"kind": "no such kind", "data": b"", "name": "a.txt", "lang": "zh"}  # the worker's loop dies on it
    results = _pool_run(pool, [(big, 0.2), (small, 30), (crash, 30), (small, 30)])
    (timed_out, took), (ok, _), (died, _), (again, _) = results
    assert timed_out == ("timeout", None) and took < 3  # stopped by its own alarm, not killed
    assert ok[0] == "ok" and died == ("died", None) and again[0] == "ok"


def test_memory_is_given_back_after_a_huge_answer(monkeypatch):
    """A 30 MB one-line text gets a report of 400 MB (findings that quote the whole line); once
    such an answer is sent the server collects and trims its heap (in the load benchmark the main
    process kept 527 MB after one without, 239 MB with). Small answers cost nothing of the kind."""
    import asyncio

    from draftlint.web import app as app_module
    from draftlint.web.app import ServeOptions, create_app

    calls = []
    monkeypatch.setattr(app_module, "give_back_memory", lambda: calls.append(1))

    async def main():
        pool = _HeldPool()
        pool.release.set()
        app = create_app(ServeOptions(jobs=1), pool=pool)
        small = await _call_app(app, json.dumps({"text": "根据x市x局的要求。"}).encode())
        monkeypatch.setattr(app_module, "BIG_ANSWER", 100)  # the same answer, now "huge"
        big = await _call_app(app, json.dumps({"text": "根据x市x局的要求。"}).encode())
        return small, big

    small, big = asyncio.run(main())
    assert small[0] == big[0] == 200 and small[1] == big[1] and len(big[1]) > 100
    assert calls == [1]  # after the big answer only
    monkeypatch.undo()
    app_module.give_back_memory()  # the real one runs here (glibc) and does nothing elsewhere


def test_a_worker_left_holding_much_memory_is_replaced(monkeypatch):
    """After a huge file a worker keeps its grown heap (250-320 MB after a 30 MB one-line text):
    one over MAX_WORKER_BYTES after a task answers it, then is replaced in the background, so
    the server's memory comes back down; one under it is kept."""
    from draftlint.config import Config
    from draftlint.web import pool as pool_module
    from draftlint.web.pool import WorkerPool

    pool = WorkerPool(Config(), jobs=1, convert_seconds=5)
    task = {"kind": "check", "data": "根据x市x局的要求。".encode(), "name": "a.txt", "lang": "zh"}
    seen = []

    def then(limit):
        def make():
            now = pool.processes[:1]  # none while the third task waits for the replacement
            seen.append((now[0].process.pid, now[0].resident) if now else (None, 0))
            monkeypatch.setattr(pool_module, "MAX_WORKER_BYTES", limit)
            return task
        return make

    big = 2**40
    results = _pool_run(pool, [(then(big), 30), (then(1), 30), (then(big), 30), (then(big), 30), (then(big), 30)])
    assert all(outcome[0] == "ok" and len(outcome[1][0].findings) == 2 for outcome, _ in results)
    pids = [pid for pid, _ in seen]  # each seen before its task: the third, before the replacement
    assert pids[0] == pids[1] != pids[3] == pids[4]  # replaced after the task over the limit only
    assert len(pool.processes) == 0  # closed: none left behind
    assert seen[1][1] > 10 * 2**20  # the worker says how much memory it holds (Linux)


def test_the_configuration_in_force_is_shown_and_used(tmp_path):
    (tmp_path / "draftlint.toml").write_text('ignore = ["FG"]\n[per-file-ignores]\n"*通知*" = ["PH"]\n', encoding="utf-8")
    shutil.copy(SAMPLE_DOCX, tmp_path / SAMPLE_DOCX.name)
    text = "根据x市x局的要求，投入万元。\n"
    (tmp_path / "关于开会的通知.txt").write_text(text, encoding="utf-8")
    (tmp_path / "报告.txt").write_text(text, encoding="utf-8")
    s = Server(tmp_path, "--jobs", "1")  # the configuration check finds from the folder it starts in
    try:
        info = json.loads(request(s.base + "/api/info")[2])
        assert info["config"]["name"] == "draftlint.toml" and info["config"]["ignore"] == ["FG"]
        assert info["config"]["per_file_ignores"] == 1
        names = [SAMPLE_DOCX.name, "关于开会的通知.txt", "报告.txt"]
        status, _, body = post_files(s.base, [(n, (tmp_path / n).read_bytes()) for n in names])
        got, want = json.loads(body), check_json(tmp_path, *names)
        assert status == 200 and got["findings"] == want["findings"]
        rules = {(f["path"], f["rule"][:2]) for f in got["findings"]}
        assert not any(r == "FG" for _, r in rules)
        assert ("报告.txt", "PH") in rules and ("关于开会的通知.txt", "PH") not in rules
    finally:
        s.stop()


def test_legacy_formats_through_libreoffice(server):
    from draftlint.readers.convert import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed")
    text = "根据x市x局的要求，全年共完成××项任务。"
    rtf = "{\\rtf1\\ansi\\deff0 " + "".join(c if c.isascii() else f"\\u{ord(c)}?" for c in text) + "\\par }"
    status, _, body = post_files(server.base, [("旧文件.rtf", rtf.encode("ascii"))])
    got = json.loads(body)
    assert status == 200 and not got["errors"], got["errors"]
    assert {f["match"] for f in got["findings"]} >= {"x", "××"}
    status, headers, body = post_files(server.base, [("旧文件.rtf", rtf.encode("ascii"))], "/api/annotate")
    assert status == 200 and "旧文件.draftlint.docx" in urllib.parse.unquote(headers["Content-Disposition"])
    assert "[PH001]" in zipfile.ZipFile(io.BytesIO(body)).read("word/comments.xml").decode("utf-8")


class _HeldPool:
    """A pool that holds every task until ``release`` is set, then answers "busy"."""

    def __init__(self):
        import asyncio

        self.release = asyncio.Event()
        self.held = 0

    async def run(self, task, deadline):
        self.held += 1
        await self.release.wait()
        return "busy", None


async def _call_app(app, body: bytes, declare: bool = True):
    """One POST /api/check through the ASGI application in this process: (status, body)."""
    sent = []

    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message):
        sent.append(message)

    headers = [(b"host", b"127.0.0.1:1"), (b"content-type", b"application/json")]
    if declare:
        headers.append((b"content-length", str(len(body)).encode()))
    scope = {"type": "http", "method": "POST", "path": "/api/check", "raw_path": b"/api/check", "query_string": b"",
             "headers": headers, "scheme": "http", "server": ("127.0.0.1", 1), "client": ("127.0.0.1", 2),
             "root_path": "", "http_version": "1.1", "app": app}
    await app(scope, receive, send)
    return next(m["status"] for m in sent if m["type"] == "http.response.start"), b"".join(m.get("body", b"") for m in sent)


def test_too_many_requests_at_once_get_503():
    """Past the cap of requests at once, 503 at once. The application is called in this process
    with a pool that holds the first request."""
    import asyncio

    from draftlint.web.app import ServeOptions, create_app

    async def main():
        pool = _HeldPool()
        app = create_app(ServeOptions(jobs=1, max_requests=1), pool=pool)
        body = json.dumps({"text": "根据x市x局的要求。"}).encode()
        first = asyncio.create_task(_call_app(app, body))
        await asyncio.sleep(0.2)
        second = await _call_app(app, body)
        pool.release.set()
        return await first, second

    (first_status, first_body), (second_status, second_body) = asyncio.run(main())
    assert second_status == 503 and "繁忙" in json.loads(second_body)["error"]
    assert first_status == 200 and json.loads(first_body)["errors"][0]["message"].startswith("not checked")


def test_many_small_uploads_wait_their_turn_and_held_bytes_are_bounded():
    """Twenty colleagues sending a draft each at the same moment all get an answer (they wait
    for a worker; the load benchmark found 98% of them refused when the cap counted requests);
    what bounds the server's memory is the bytes of the bodies held: (4 per worker + 4) uploads
    of the largest size, a request counting with its Content-Length (the limit without one)."""
    import asyncio

    from draftlint.web.app import ServeOptions, create_app

    limit = 2**20

    async def main():
        pool = _HeldPool()
        app = create_app(ServeOptions(jobs=1, max_upload_bytes=limit), pool=pool)  # 8 uploads of 1 MB
        small = json.dumps({"text": "根据x市x局的要求。"}).encode()
        large = json.dumps({"text": "x" * (limit - 100)}).encode()
        waiting = [asyncio.create_task(_call_app(app, small)) for _ in range(30)]
        waiting += [asyncio.create_task(_call_app(app, large)) for _ in range(7)]
        await asyncio.sleep(0.5)
        held = pool.held
        over = await _call_app(app, large)  # 7 MB + 30 small held: one more MB is over 8 MB
        undeclared = await _call_app(app, small, declare=False)  # counts as the limit: over too
        pool.release.set()
        return held, over, undeclared, await asyncio.gather(*waiting)

    held, over, undeclared, answers = asyncio.run(main())
    assert held == 37
    assert [status for status, _ in answers] == [200] * 37
    assert over[0] == 503 and undeclared[0] == 503


def test_no_token_is_an_explicit_choice(tmp_path):
    s = Server(tmp_path, "--host", "0.0.0.0", "--no-token", "--jobs", "1")
    try:
        assert request(s.base + "/api/info")[0] == 200
        assert post_files(s.base, [("a.txt", "根据x市x局的要求。".encode())])[0] == 200
    finally:
        s.stop()
