"""A Word document's sections (``w:sectPr``) and the headers and footers each one shows: read by
the reader (where header and footer text stands), the layout reader (page setup, page numbers)
and the layout fix (page setup changes)."""

from __future__ import annotations

from typing import Iterator

from lxml import etree

from .docx_paragraph import w
from .ooxml import NS, Package


def sections(document: etree._Element) -> list[etree._Element]:
    """The document's sections (``w:sectPr``) in order, less the old ones a tracked change keeps."""
    return [s for s in document.iter(w("sectPr")) if s.getparent().tag != w("sectPrChange")]


def section_parts(package: Package, rels: dict[str, tuple[str, str]], document: etree._Element
                  ) -> Iterator[tuple[int, etree._Element, dict[tuple[str, str], str]]]:
    """Each section as ``(number from 1, its w:sectPr, {(header|footer, default|first|even): part})``:
    the parts it names over those it inherits from the sections before it. The mapping is one,
    updated as the next section is read: use it before asking for the next."""
    inherited: dict[tuple[str, str], str] = {}
    for number, sect in enumerate(sections(document), 1):
        for kind in ("header", "footer"):
            for ref in sect.findall(w(kind + "Reference")):
                rel = rels.get(ref.get(f"{{{NS['r']}}}id", ""))
                if rel is not None and package.has(rel[1]):
                    inherited[(kind, ref.get(w("type"), "default"))] = rel[1]
        yield number, sect, inherited
