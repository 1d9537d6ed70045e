"""Independent readers of what a written DOCX holds, for the tests: comment texts and the exact
text each comment range covers, and "accept all tracked changes" applied to the XML."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def comments(data: bytes) -> dict[str, tuple[str, str]]:
    """``{id: (author, text)}`` of every comment in the package."""
    out = {}
    for name, raw in parts(data).items():
        if name.startswith("word/comments") and name.endswith(".xml") and b"<w:comments" in raw[:2000]:
            for c in etree.fromstring(raw).iter(w("comment")):
                text = "\n".join("".join(t.text or "" for t in p.iter(w("t"))) for p in c.iter(w("p")))
                out[c.get(w("id"))] = (c.get(w("author")), text)
    return out


def comment_ranges(data: bytes) -> dict[str, str]:
    """``{id: text between commentRangeStart and commentRangeEnd}``, read in document order."""
    covered: dict[str, list[str]] = {}
    for name, raw in parts(data).items():
        if not (name.startswith("word/") and name.endswith(".xml")) or b"commentRangeStart" not in raw:
            continue
        open_ids: set[str] = set()
        for el in etree.fromstring(raw).iter():
            if any(a.tag in (MC_FALLBACK, w("del")) for a in el.iterancestors()):
                continue
            if el.tag == w("commentRangeStart"):
                open_ids.add(el.get(w("id")))
                covered.setdefault(el.get(w("id")), [])
            elif el.tag == w("commentRangeEnd"):
                open_ids.discard(el.get(w("id")))
            elif el.tag in (w("t"), w("tab"), w("br"), w("sym")) and open_ids:
                piece = {w("tab"): "\t", w("br"): "\n"}.get(el.tag, el.text or "")
                if el.tag == w("sym"):
                    code = int(el.get(w("char"), "20"), 16)
                    piece = chr(code - 0xF000 if 0xF000 <= code <= 0xF0FF else code)
                for cid in open_ids:
                    covered[cid].append(piece)
    return {cid: "".join(v) for cid, v in covered.items()}


def accept_all(data: bytes) -> bytes:
    """The package with every tracked insertion kept and every tracked deletion dropped."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            raw = src.read(info)
            if info.filename.endswith(".xml") and (b"<w:ins " in raw or b"<w:del " in raw):
                root = etree.fromstring(raw)
                for d in list(root.iter(w("del"))):
                    d.getparent().remove(d)
                for ins in list(root.iter(w("ins"))):
                    parent = ins.getparent()
                    if parent.tag == w("rPr"):
                        parent.remove(ins)
                        continue
                    i = parent.index(ins)
                    for child in reversed(list(ins)):
                        parent.insert(i, child)
                    parent.remove(ins)
                raw = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(info, raw)
    return out.getvalue()
