"""A cache of per-file results in ``.draftlint_cache/``, keyed by everything a result depends on:
the file's bytes and name, draftlint's code and version, the rule files and the settings.

An unchanged re-run looks at each file's stat signature (see :class:`FileDigests`) and loads the
stored result; no rule is loaded, no document is parsed, and unchanged files are not even read.
Entries are JSON (never pickle: a cache folder may come from anywhere) and written atomically, so
a crashed or concurrent run never leaves half an entry.
"""

from __future__ import annotations

import json
import os
import time
from typing import Any

from hashlib import blake2b

from . import __version__
from .fsutil import atomic_write
from .settings import Settings
from .model import Block, FileResult, Finding, Fix, LocalizedText, Mark, Message, Segment, Severity

FORMAT = 8
DEFAULT_DIR = ".draftlint_cache"
#: A file changed less than this long ago is hashed every time: its clock may not have ticked
#: since (the "racy clean" problem git handles the same way).
RACY_NS = 2_000_000_000
#: Beyond this many remembered files, only those seen in the latest run are kept.
MAX_DIGESTS = 200_000


def _hash(data: bytes = b""):
    """The one hash the cache uses: BLAKE2b with a 256-bit digest."""
    return blake2b(data, digest_size=32)


class FileDigests:
    """Digests (see :func:`_hash`) of files' contents, remembered by their stat signature (size,
    modification and change times in nanoseconds, inode), so an unchanged file is not read again.

    Any write to a file moves its change time, which no tool can set back, so a file whose bytes
    changed never matches its old signature. (On Windows that field is the creation time, so
    there the signature rests on size and modification time, as ruff's and mypy's caches do.)
    Files changed within the last two seconds are not remembered. The memo is one JSON file,
    written atomically when something changed; a lost update (two runs at once) costs a re-read,
    never a wrong result.
    """

    def __init__(self, file: str | None):
        self.file = file
        self._known: dict[str, list] | None = None
        self._changed = False
        self._seen: set[str] = set()

    def _load(self) -> dict[str, list]:
        if self._known is None:
            self._known = {}
            if self.file is not None:
                try:
                    with open(self.file, "rb") as fh:
                        loaded = json.loads(fh.read())
                    if isinstance(loaded, dict):
                        self._known = loaded
                except (OSError, ValueError):
                    pass
        return self._known

    def digest(self, path: str) -> str:
        """The hex digest of ``path``'s bytes; OSError when it cannot be read."""
        path = os.path.abspath(path)
        st = os.stat(path)
        signature = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
        known = self._load().get(path)
        self._seen.add(path)
        if isinstance(known, list) and len(known) == 5 and known[:4] == signature and isinstance(known[4], str):
            return known[4]
        h = _hash()
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
        digest = h.hexdigest()
        if time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) > RACY_NS:
            self._known[path] = [*signature, digest]
            self._changed = True
        return digest

    def save(self) -> None:
        if self._changed and self.file is not None:
            if len(self._known) > MAX_DIGESTS:
                self._known = {p: v for p, v in self._known.items() if p in self._seen}
            try:
                atomic_write(self.file, json.dumps(self._known, ensure_ascii=False), durable=False)
            except OSError:
                pass
            self._changed = False


def _tree_digest(digests: FileDigests, folder: str, suffixes: tuple[str, ...]) -> str:
    """One digest of the files with these suffixes under ``folder`` (or of ``folder``, a file)."""
    if os.path.isfile(folder):
        files = [(os.path.basename(folder), folder)]
    else:
        files = []
        for root, dirs, names in os.walk(folder):
            dirs.sort()
            files.extend((os.path.relpath(os.path.join(root, n), folder), os.path.join(root, n))
                         for n in names if n.endswith(suffixes))
        files.sort()
    h = _hash()
    for rel, path in files:
        h.update(f"{rel}\0{digests.digest(path)}\0".encode())
    return h.hexdigest()


class Cache:
    def __init__(self, folder: str | os.PathLike = DEFAULT_DIR):
        self.folder = os.fspath(folder)
        self._entries = os.path.join(self.folder, f"v{FORMAT}")
        self._ready = False
        self.digests = FileDigests(os.path.join(self._entries, "file-digests.json"))
        self._code: Any = None  # hash of the code, see _code_hash
        self._settings: dict[Settings, Any] = {}  # settings -> hash of them and their rule files

    def _code_hash(self):
        """A hash of draftlint's version, its source code and its own rule files, made once per
        run, for each file's stamp to go on from."""
        if self._code is None:
            from .installed import rules_dir

            package = os.path.dirname(os.path.abspath(__file__))
            folder = rules_dir()
            rules = _tree_digest(self.digests, str(folder), (".yaml", ".yml")) if folder else "no rules"
            code = _tree_digest(self.digests, package, (".py",))
            self._code = _hash(f"{FORMAT}:{__version__}:{code}:{rules}\0".encode())
        return self._code

    def _slot_hash(self, settings: Settings):
        """A hash of the settings and of the user's rule files they name, made once per
        settings, for each file's slot to go on from."""
        known = self._settings.get(settings)
        if known is None:
            extra = [_tree_digest(self.digests, os.path.realpath(d), (".yaml", ".yml")) for d in settings.rule_dirs]
            known = self._settings[settings] = _hash(f"{settings.digest}\0{json.dumps(extra)}\0".encode())
        return known

    def key(self, path: str, settings: Settings) -> str:
        """The entry key of ``path`` linted with ``settings``; OSError when it cannot be read.

        ``slot.stamp``: the slot names the entry (the path and settings), the stamp what its
        result was made from (draftlint's code and the file's content). Both are in the entry's
        file name, so that knowing whether a result is cached costs one ``stat``. A file has one
        entry per settings, replaced when the draft is edited or draftlint upgraded, so the
        cache does not pile up old results."""
        slot = self._slot_hash(settings).copy()
        slot.update(path.encode("utf-8", "surrogatepass"))
        stamp = self._code_hash().copy()
        stamp.update(self.digests.digest(path).encode())
        return f"{slot.hexdigest()}.{stamp.hexdigest()[:32]}"

    def _entry(self, key: str) -> str:
        return os.path.join(self._entries, key[:2], f"{key}.json")

    def has(self, key: str) -> bool:
        return os.path.isfile(self._entry(key))

    def get(self, key: str) -> FileResult | None:
        try:
            with open(self._entry(key), "rb") as fh:
                raw = fh.read()
            return result_from_dict(json.loads(raw.decode("utf-8", "surrogatepass")))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, result: FileResult) -> None:
        try:
            if not self._ready:
                os.makedirs(self.folder, exist_ok=True)
                tag = os.path.join(self.folder, "CACHEDIR.TAG")
                if not os.path.exists(tag):
                    atomic_write(tag, "Signature: 8a477f597d28d172789f06886806bc55\n# draftlint cache\n")
                    atomic_write(os.path.join(self.folder, ".gitignore"), "*\n")
                _drop_other_formats(self.folder)
                self._ready = True
            path = self._entry(key)
            # not flushed to disk: an entry lost in a crash is only linted again
            body = json.dumps(result_to_dict(result), ensure_ascii=False).encode("utf-8", "surrogatepass")
            atomic_write(path, body, durable=False)
            # the slot's entries made from other contents or code are of no more use
            folder, own = os.path.split(path)
            slot = key.split(".", 1)[0] + "."
            for name in os.listdir(folder):
                if name.startswith(slot) and name != own:
                    try:
                        os.remove(os.path.join(folder, name))
                    except FileNotFoundError:  # removed by a run beside this one
                        pass
        except OSError:
            pass  # a read-only checkout still lints; it just is not cached

    def save(self) -> None:
        """Keep what was learnt about the files' contents for the next run."""
        self.digests.save()


def _drop_other_formats(folder: str) -> None:
    """Remove the entries an older (or newer) draftlint wrote in its own format: after an
    upgrade they would never be read again, and the folder would keep them for ever."""
    import shutil

    for name in os.listdir(folder):
        if name != f"v{FORMAT}" and name[:1] == "v" and name[1:].isdigit():
            shutil.rmtree(os.path.join(folder, name), ignore_errors=True)


# ------------------------------------------------------------------------------------------
# JSON round trip of results


def _block(b: Block) -> dict:
    return {
        "text": b.text, "index": b.index, "part": b.part, "paragraph": b.paragraph, "table": b.table, "row": b.row,
        "column": b.column, "style": b.style, "outline_level": b.outline_level, "list_label": b.list_label,
        "section": b.section, "note": b.note, "source_part": b.source_part, "anchor": b.anchor,
        "segments": [[s.start, s.end, s.ref, s.ref_offset] for s in b.segments],
        "marks": [[m.start, m.end, m.kind] for m in b.marks],
    }


def _block_from(d: dict) -> Block:
    d = dict(d)
    d["segments"] = tuple(Segment(*s) for s in d["segments"])
    d["marks"] = tuple(Mark(*m) for m in d["marks"])
    return Block(**d)


def result_to_dict(r: FileResult) -> dict:
    # Each block is stored once, not once per finding: 169,000 findings in one 30 MB paragraph
    # would otherwise write (and hold) that paragraph 169,000 times.
    blocks: dict[int, int] = {}  # id(block) -> position in "blocks"
    unique = []
    for f in r.findings:
        if id(f.block) not in blocks:
            blocks[id(f.block)] = len(unique)
            unique.append(f.block)
    return {
        "path": r.path, "format": r.format, "encoding": r.encoding, "error": r.error, "characters": r.characters,
        "blocks": [_block(b) for b in unique],
        "findings": [
            {
                "rule": f.rule, "category": f.category, "severity": int(f.severity),
                "message": [f.message.templates.zh, f.message.templates.en], "slots": [list(s) for s in f.message.slots],
                "path": f.path, "block": blocks[id(f.block)], "start": f.start, "end": f.end,
                "fix": [f.fix.replacement, f.fix.safe] if f.fix else None,
                "heading_path": list(f.heading_path),
            }
            for f in r.findings
        ],
    }


def result_from_dict(d: dict) -> FileResult:
    blocks = [_block_from(b) for b in d["blocks"]]
    findings = [
        Finding(
            rule=f["rule"], category=f["category"], severity=Severity(f["severity"]),
            message=Message(LocalizedText(*f["message"]), tuple((k, v) for k, v in f["slots"])), path=f["path"],
            block=blocks[f["block"]], start=f["start"], end=f["end"], fix=Fix(*f["fix"]) if f["fix"] else None,
            heading_path=tuple(f["heading_path"]),
        )
        for f in d["findings"]
    ]
    return FileResult(path=d["path"], format=d["format"], encoding=d["encoding"], findings=findings,
                      error=d["error"], characters=d["characters"])
