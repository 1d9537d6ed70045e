"""Linting a document never makes the machine call out (issue 22): files that link an image or
a text by URL are linted, annotated and fixed while a listener on 127.0.0.1 waits for requests
that must never come."""

from __future__ import annotations

import http.server
import io
import subprocess
import sys
import threading
import urllib.error
import urllib.request
import zipfile

import pytest
from docx_factory import make_docx, p

from draftlint.readers import convert

needs_office = pytest.mark.skipif(
    convert.find_soffice() is None, reason="LibreOffice is not installed (apt-get install libreoffice-writer)"
)


class _Listener:
    """An HTTP server on 127.0.0.1 that records every request it gets."""

    def __init__(self):
        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def _record(self):
                hits.append((self.command, self.path))
                self.send_response(404)
                self.end_headers()

            do_GET = do_HEAD = do_OPTIONS = do_PROPFIND = do_POST = _record

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener():
    server = _Listener()
    yield server
    server.close()


def _odt(url: str) -> bytes:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content'
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
        ' xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"'
        ' xmlns:xlink="http://www.w3.org/1999/xlink"'
        ' xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2">'
        "<office:body><office:text><text:p>在xx区召开会议。</text:p>"
        '<text:p><draw:frame draw:name="i1" svg:width="2cm" svg:height="2cm" text:anchor-type="paragraph">'
        f'<draw:image xlink:href="{url}/image.png" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/>'
        "</draw:frame></text:p>"
        f'<text:p><text:a xlink:type="simple" xlink:href="{url}/link">链接</text:a></text:p>'
        "</office:text></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest'
        ' xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def _rtf_text(text: str) -> str:
    """RTF's escapes of Unicode text (signed 16-bit numbers)."""
    return "".join(c if c.isascii() else f"\\u{ord(c) - 65536 if ord(c) > 32767 else ord(c)}?" for c in text)


def _rtf(url: str) -> bytes:
    return (
        "{\\rtf1\\ansi\\deff0 {\\fonttbl{\\f0 Arial;}}\n\\pard " + _rtf_text("在xx区召开会议。") + "\\par\n"
        f'{{\\field{{\\*\\fldinst INCLUDEPICTURE "{url}/included.png" \\\\d}}{{\\fldrslt }}}}\\par\n'
        f'{{\\field{{\\*\\fldinst INCLUDETEXT "{url}/included.txt"}}{{\\fldrslt old}}}}\\par}}'
    ).encode("ascii")


def _docx(url: str) -> bytes:
    fields = (
        f'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> INCLUDEPICTURE "{url}/pic.png" \\d </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        f'<w:p><w:fldSimple w:instr=" INCLUDETEXT &quot;{url}/text.docx&quot; "><w:r><w:t>旧文字</w:t></w:r></w:fldSimple></w:p>'
    )
    return make_docx(p("在xx区召开会议,要加强管理,提高效率。") + fields)


def _assert_listener_works(listener):
    """The control: a request the test itself makes is seen, so silence means something."""
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(listener.url + "/control", timeout=10)
    assert listener.hits == [("GET", "/control")]


def _draftlint(*args):
    return subprocess.run([sys.executable, "-m", "draftlint", *args], capture_output=True, text=True, timeout=300)


@needs_office
@pytest.mark.parametrize(("name", "make"), [("linked.odt", _odt), ("fields.rtf", _rtf)])
def test_legacy_conversion_makes_no_request(tmp_path, listener, name, make):
    path = tmp_path / name
    path.write_bytes(make(listener.url))
    proc = _draftlint("check", "--no-cache", str(path))
    assert proc.returncode == 1, proc.stderr  # read, with the xx it holds
    assert listener.hits == []
    _assert_listener_works(listener)


@needs_office
def test_the_profile_alone_blocks_links(tmp_path, listener, monkeypatch):
    """Where no network namespace can be made, LibreOffice's own settings still keep it offline
    (before: an OPTIONS and a GET to the image's address)."""
    monkeypatch.setattr(convert, "offline_prefix", lambda: ())
    docx = convert.convert(_odt(listener.url), "linked.odt")
    assert docx.startswith(b"PK")
    assert listener.hits == []
    _assert_listener_works(listener)


def test_docx_fields_and_links_are_never_fetched(tmp_path, listener):
    path = tmp_path / "fields.docx"
    path.write_bytes(_docx(listener.url))
    for args in (("check", "--no-cache", str(path)), ("annotate", str(path)), ("fix", "--unsafe-fixes", str(path))):
        proc = _draftlint(*args)
        assert proc.returncode <= 2 and "Traceback" not in proc.stderr, proc.stderr
    assert (tmp_path / "fields.draftlint.docx").exists() and (tmp_path / "fields.fixed.docx").exists()
    assert listener.hits == []
    _assert_listener_works(listener)


def test_namespace_probe_is_an_argument_list():
    prefix = convert.offline_prefix()
    assert prefix == () or (prefix[0].endswith("unshare") and prefix[1:] == ("-rn",))

