"""The raw package layer for Office Open XML: a bounded ZIP, relationships and hardened XML.

Nothing here knows about paragraphs or runs; :mod:`draftlint.readers.docx` builds on it.
"""

from __future__ import annotations

import io
import lzma
import posixpath
import struct
import zipfile
import zlib

from lxml import etree

from .errors import ReadError

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
}
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"

#: Limits that keep a hostile file from exhausting memory: any one part, everything read from
#: one package, what the package claims to unpack to, and how many entries it may list.
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_READ_BYTES = 192 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_ENTRIES = 20_000
MAX_RATIO = 200  # uncompressed / compressed, for parts over 1 MiB (real parts stay under 50)

_DOCTYPE = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))
_PROLOG_BYTES = 64 * 1024

# Strict OOXML (ISO 29500 strict) names the same vocabulary differently; read it as transitional.
_STRICT_NAMESPACES = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", NS["w"].encode()),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships", NS["r"].encode()),
)



def transitional(data: bytes) -> bytes:
    """A part's XML with Strict OOXML's namespaces named as in transitional OOXML."""
    for strict_ns, transitional_ns in _STRICT_NAMESPACES:
        data = data.replace(strict_ns, transitional_ns)
    return data


def strict(data: bytes) -> bytes:
    """The inverse of :func:`transitional`, for writing a part of a Strict package back."""
    for strict_ns, transitional_ns in _STRICT_NAMESPACES:
        data = data.replace(transitional_ns, strict_ns)
    return data


def is_strict(data: bytes) -> bool:
    return any(strict_ns in data[:_PROLOG_BYTES] for strict_ns, _ in _STRICT_NAMESPACES)


#: Compression methods read: Word and LibreOffice write stored and deflated parts; bzip2 and
#: LZMA are read too (other ZIP tools use them and ``zipfile`` bounds what it unpacks).
_READABLE_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Relationships parts already read in this process, by folder and the digest of their bytes:
# documents from one template carry identical ones.
_RELATIONSHIPS: dict[tuple, dict[str, tuple[str, str]]] = {}

# No DTDs, no entities, no network: a document can never make us read anything but itself.
_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=True,  # deep but legitimate nesting; size is bounded by MAX_PART_BYTES instead
    remove_comments=True,
    remove_pis=True,
)


def part_digest(data: bytes) -> bytes:
    """What tells two parts apart in the per-process caches: a digest of their bytes, not the
    CRC-32 and sizes the ZIP directory claims (two files can claim the same and differ, and each
    would get the other's styles)."""
    import hashlib

    return hashlib.blake2b(data, digest_size=16).digest()


class Package:
    """An opened OOXML ZIP with bounded reads of its parts."""

    def __init__(self, data: bytes):
        if data.startswith(_OLE_MAGIC):
            if "EncryptedPackage".encode("utf-16-le") in data:
                raise ReadError("encrypted (password-protected) document: remove the password in Word and save again")
            raise ReadError("an old Word 97-2003 (.doc) file under a new-format name: rename it to .doc, or save it as .docx")
        if not data.startswith(b"PK"):
            raise ReadError("not a Word document (not a ZIP package)")
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            self._infos = {info.filename: info for info in self._zip.infolist()}
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError, struct.error) as exc:
            # what zipfile raises for a directory it cannot use (NotImplementedError: a ZIP
            # version it lacks; struct.error: a record cut short)
            raise ReadError(f"damaged or truncated DOCX (ZIP) file: {exc}") from None
        if len(self._infos) > MAX_ENTRIES:
            raise ReadError(f"refused: the package lists {len(self._infos)} entries (limit {MAX_ENTRIES})")
        self._read_total = 0
        total = sum(i.file_size for i in self._infos.values())
        if total > MAX_TOTAL_BYTES:
            raise ReadError(f"refused: the package unpacks to {total // 2**20} MiB (limit {MAX_TOTAL_BYTES // 2**20} MiB)")

    def has(self, name: str) -> bool:
        return name in self._infos

    def read(self, name: str) -> bytes:
        info = self._infos.get(name)
        if info is None:
            raise ReadError(f"missing part {name}")
        if info.file_size > MAX_PART_BYTES:
            raise ReadError(f"refused: part {name} unpacks to {info.file_size // 2**20} MiB")
        if info.file_size > 2**20 and info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            raise ReadError(f"refused: part {name} has an absurd compression ratio (zip bomb?)")
        data = self.read_member(info)
        self._read_total += len(data)
        if self._read_total > MAX_READ_BYTES:
            raise ReadError(f"refused: the parts read unpack to more than {MAX_READ_BYTES // 2**20} MiB")
        return data

    def infos(self) -> list[zipfile.ZipInfo]:
        """The package's entries, in the order of its ZIP directory."""
        return self._zip.infolist()

    def read_member(self, info: zipfile.ZipInfo) -> bytes:
        """One entry's unpacked bytes, at most MAX_PART_BYTES (more, whatever the directory
        claims, is refused). Whatever goes wrong in the ZIP layer
        (corrupt compressed data, a bad checksum, encryption, a compression method Word never
        writes) is a :class:`ReadError` that says which: ``zipfile`` raises a different
        exception for each (``zlib.error``, ``RuntimeError``, ``LZMAError``, ``NotImplementedError``)."""
        name = info.filename
        if info.flag_bits & 0x1:
            raise ReadError(f"part {name} is encrypted inside the ZIP (a ZIP password, which Word never sets): the file is damaged or not a Word document")
        if info.compress_type not in _READABLE_METHODS:
            raise ReadError(
                f"part {name} uses ZIP compression method {info.compress_type}, which Word never writes "
                f"(only stored and deflated): the file is damaged or was repacked by another tool; open and save it in Word"
            )
        try:
            with self._zip.open(info) as fh:
                data = fh.read(MAX_PART_BYTES + 1)
        except (zlib.error, lzma.LZMAError, EOFError) as exc:
            raise ReadError(f"damaged part {name}: its compressed data is corrupt ({exc})") from None
        except zipfile.BadZipFile as exc:
            if "CRC" in str(exc):  # unpacked, but not to what was packed
                raise ReadError(f"damaged part {name}: its compressed data is corrupt ({exc})") from None
            raise ReadError(f"damaged part {name}: {exc}") from None
        except (OSError, ValueError, NotImplementedError, RuntimeError) as exc:
            raise ReadError(f"damaged part {name}: {type(exc).__name__}: {exc}") from None
        if len(data) > MAX_PART_BYTES:
            raise ReadError(f"refused: part {name} is larger than it claims")
        return data

    def xml(self, name: str, data: bytes | None = None) -> etree._Element:
        """Part ``name`` parsed (``data``: its bytes, when the caller has read them already)."""
        if data is None:
            data = self.read(name)
        head = data[:_PROLOG_BYTES]
        if any(marker in head for marker in _DOCTYPE):
            # OOXML never declares a DTD; one that does is trying entity tricks (XXE, bombs).
            raise ReadError(f"refused: {name} declares a DTD, which Word documents never do")
        data = transitional(data)
        try:
            root = etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as exc:
            raise ReadError(f"damaged XML in {name}: {exc}") from None
        if root.getroottree().docinfo.doctype:
            raise ReadError(f"refused: {name} declares a DTD, which Word documents never do")
        return root

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """``{rId: (type, target part name)}`` for ``part`` ('' for the package itself)."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels") if part else "_rels/.rels"
        if not self.has(rels_name):
            return {}
        data = self.read(rels_name)
        key = (folder, part_digest(data))
        known = _RELATIONSHIPS.get(key)
        if known is not None:  # the same relationships part as a file read before
            return dict(known)
        root = self.xml(rels_name, data)
        out: dict[str, tuple[str, str]] = {}
        for rel in root.iter(f"{{{NS['pr']}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id", "")] = (rel.get("Type", ""), resolved)
        if len(_RELATIONSHIPS) >= 256:
            _RELATIONSHIPS.pop(next(iter(_RELATIONSHIPS)))
        _RELATIONSHIPS[key] = out
        return dict(out)

    def main_document(self) -> str:
        for rel_type, target in self.relationships("").values():
            if rel_type in (OFFICE_DOCUMENT, STRICT_OFFICE_DOCUMENT) and self.has(target):
                return target
        if self.has("word/document.xml"):
            return "word/document.xml"
        raise ReadError("ZIP file without a Word document part (word/document.xml)")


class PartCache:
    """What was built from a part, per distinct part in this process: documents made from one
    template (most of an office's archive) share their styles and numbering parts, so these are
    parsed once, not per file (the styles part is 349 KB in every python-docx file). Keyed by a
    digest of the part's bytes: unpacking it costs a millisecond, parsing it ten."""

    def __init__(self, keep: int = 64):
        self._built: dict[bytes, object] = {}
        self._keep = keep

    def get(self, package: Package, target: str, build):
        data = package.read(target)
        key = part_digest(data)
        found = self._built.get(key)
        if found is None:
            found = build(package.xml(target, data))
            if len(self._built) >= self._keep:
                self._built.pop(next(iter(self._built)))
            self._built[key] = found
        return found
