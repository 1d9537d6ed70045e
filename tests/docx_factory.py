"""Build real DOCX packages from WordprocessingML, for features python-docx has no API for.

``make_docx(body, parts={...})`` zips a complete package: content types, package and document
relationships (one per extra part, with the ids given), and ``word/document.xml`` wrapping
``body`` in ``w:document/w:body`` with the usual namespaces declared.
"""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest

NSDECL = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

#: part name → (relationship type, root element)
KINDS = {
    "header": ("header", "w:hdr"),
    "footer": ("footer", "w:ftr"),
    "footnotes": ("footnotes", "w:footnotes"),
    "endnotes": ("endnotes", "w:endnotes"),
    "comments": ("comments", "w:comments"),
    "styles": ("styles", "w:styles"),
    "numbering": ("numbering", "w:numbering"),
    "settings": ("settings", "w:settings"),
}


def p(text: str = "", ppr: str = "") -> str:
    """A paragraph with one run of ``text``."""
    run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{run}</w:p>"


def r(text: str, rpr: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def comment_start(cid: int) -> str:
    return f'<w:commentRangeStart w:id="{cid}"/>'


def comment_end(cid: int) -> str:
    """The end of comment ``cid``'s range, with the reference run Word puts after it."""
    return f'<w:commentRangeEnd w:id="{cid}"/><w:r><w:commentReference w:id="{cid}"/></w:r>'


def comments(texts: dict[int, str], author: str = "审核人") -> tuple[str, str]:
    """A comments part for ``make_docx``'s ``parts``: ``{id: text}`` (a text's lines are paragraphs)."""
    items = "".join(
        f'<w:comment w:id="{cid}" w:author="{author}">' + "".join(p(line) for line in text.split("\n")) + "</w:comment>"
        for cid, text in texts.items()
    )
    return "comments", items


def make_docx(body: str, parts: dict[str, tuple[str, str]] | None = None, document_xml: str | None = None) -> bytes:
    """``parts``: ``{rId: (kind, inner xml)}`` with kind from :data:`KINDS`, e.g.
    ``{"rIdH1": ("header", p("页眉"))}``; each becomes ``word/<kind><n>.xml``."""
    parts = parts or {}
    rels = []
    files = {}
    for n, (rid, (kind, inner)) in enumerate(parts.items(), 1):
        rel_type, root = KINDS[kind]
        name = f"{kind}{n}.xml"
        rels.append(f'<Relationship Id="{rid}" Type="{REL}{rel_type}" Target="{name}"/>')
        files[f"word/{name}"] = f'<?xml version="1.0" encoding="UTF-8"?><{root} {NSDECL}>{inner}</{root}>'
    files["word/document.xml"] = document_xml or (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NSDECL}><w:body>{body}</w:body></w:document>'
    )
    files["word/_rels/document.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels) + "</Relationships>"
    )
    files["_rels/.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}officeDocument" Target="word/document.xml"/></Relationships>'
    )
    files["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(name, text.encode("utf-8"))
    return buf.getvalue()


LEGACY_TEXT = ("一、工作情况", "在x市召开会议。", "××局")


@pytest.fixture(scope="session")
def legacy_files(tmp_path_factory) -> dict[str, Path]:
    """A DOCX written by python-docx, and LibreOffice's own .doc, .odt and .rtf of it."""
    import docx

    from draftlint.readers.convert import find_soffice

    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("legacy")
    d = docx.Document()
    d.add_heading(LEGACY_TEXT[0], level=1)
    d.add_paragraph(LEGACY_TEXT[1])
    d.add_table(rows=1, cols=1).cell(0, 0).text = LEGACY_TEXT[2]
    source = folder / "源.docx"
    d.save(source)
    out = {".docx": source}
    for suffix in (".doc", ".odt", ".rtf"):
        subprocess.run(
            [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
             "--convert-to", suffix[1:], "--outdir", str(folder), str(source)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180, check=True,
        )
        out[suffix] = source.with_suffix(suffix)
        assert out[suffix].stat().st_size > 0
    return out
