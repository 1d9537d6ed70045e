"""A cache of per-file results, keyed by everything a result depends on: the bytes linted and
the file's name, draftlint's code and version, the rule files and the settings.

It lives in the user's cache folder (``~/.cache/draftlint/results``; see
:func:`draftlint.fsutil.user_cache_folder`), never in the tree being linted by default: a
repository is written by anyone who can open a pull request, and a cache committed to it could
hide every finding from a CI gate, or (as a symbolic link) point its writes and deletions
outside the repository. A folder given with ``DRAFTLINT_CACHE_DIR`` is used only if it is a
real folder (no symbolic link on the way to an entry), empty or marked as draftlint's own
(``CACHEDIR.TAG``), and not tracked by git; otherwise the run goes on without a cache and
says why. Nothing but the cache's own entries is ever deleted, and every entry read is
checked field by field: a bad one is linted again, never a crash.

An unchanged re-run looks at each file's stat signature (see :class:`FileDigests`) and loads the
stored result; no rule is loaded, no document is parsed, and unchanged files are not even read.
A result is stored under the digest of the bytes that were linted (taken from the same read),
so a file changed while a run reads it is never remembered under its old content. Entries are
JSON (never pickle) and written atomically, so a crashed or concurrent run never leaves half an
entry.
"""

from __future__ import annotations

import json
import os
import re
import stat
import time
from typing import Any

from hashlib import blake2b

from .installed import VERSION
from .fsutil import atomic_write
from .settings import Settings
from .model import Block, FileResult, Finding, Fix, LocalizedText, Mark, Message, Segment, Severity

FORMAT = 9
#: The tag that marks a folder as a cache (https://bford.info/cachedir/) and as draftlint's.
CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# draftlint cache\n"
_ENTRY_NAME = re.compile(r"^[0-9a-f]{64}\.[0-9a-f]{32}\.json$")


def default_folder() -> str | None:
    """Where results are cached unless ``DRAFTLINT_CACHE_DIR`` says otherwise."""
    from .fsutil import user_cache_folder

    base = user_cache_folder()
    return os.path.join(base, "results") if base else None



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
    def __init__(self, folder: str | os.PathLike):
        self.folder = os.path.abspath(os.fspath(folder))
        self._entries = os.path.join(self.folder, f"v{FORMAT}")
        self._ready = False
        self.digests = FileDigests(os.path.join(self._entries, "file-digests.json"))
        self._code: Any = None  # hash of the code, see _code_hash
        self._settings: dict[Settings, Any] = {}  # settings -> hash of them and their rule files
        self.refused = _refusal(self.folder)
        if self.refused:
            self.digests = FileDigests(None)

    def _code_hash(self):
        """A hash of draftlint's version, its source code and its own rule files, made once per
        run, for each file's stamp to go on from."""
        if self._code is None:
            from .installed import rules_dir

            package = os.path.dirname(os.path.abspath(__file__))
            folder = rules_dir()
            rules = _tree_digest(self.digests, str(folder), (".yaml", ".yml")) if folder else "no rules"
            code = _tree_digest(self.digests, package, (".py",))
            self._code = _hash(f"{FORMAT}:{VERSION}:{code}:{rules}\0".encode())
        return self._code

    def _slot_hash(self, settings: Settings):
        """A hash of the settings and of the user's rule files they name, made once per
        settings, for each file's slot to go on from."""
        known = self._settings.get(settings)
        if known is None:
            extra = [_tree_digest(self.digests, os.path.realpath(d), (".yaml", ".yml")) for d in settings.rule_dirs]
            known = self._settings[settings] = _hash(f"{settings.digest}\0{json.dumps(extra)}\0".encode())
        return known

    def key(self, path: str, settings: Settings, digest: str | None = None) -> str:
        """The entry key of ``path`` linted with ``settings``: of its content now, or of the
        content whose ``digest`` (:func:`draftlint.fsutil.content_digest`) is given; OSError when it cannot be read.

        ``slot.stamp``: the slot names the entry (the file's absolute path, as given, and the
        settings), the stamp what its result was made from (draftlint's code and the file's
        content). Both are in the entry's file name, so that knowing whether a result is cached
        costs one ``stat``. A file has one entry per settings, replaced when the draft is edited
        or draftlint upgraded, so the cache does not pile up old results."""
        slot = self._slot_hash(settings).copy()
        slot.update(f"{os.path.abspath(path)}\0{path}".encode("utf-8", "surrogatepass"))
        stamp = self._code_hash().copy()
        stamp.update((digest or self.digests.digest(path)).encode())
        return f"{slot.hexdigest()}.{stamp.hexdigest()[:32]}"

    def _entry(self, key: str) -> str:
        return os.path.join(self._entries, key[:2], f"{key}.json")

    def has(self, key: str) -> bool:
        return not self.refused and _is_file(self._entry(key))

    def get(self, key: str) -> FileResult | None:
        """The stored result, or None when there is none or it does not hold up (any field of
        the wrong type or out of range): such an entry is linted again and replaced."""
        if self.refused:
            return None
        path = self._entry(key)
        try:
            if not _is_file(path):
                return None
            with open(path, "rb") as fh:
                raw = fh.read()
            return result_from_dict(json.loads(raw.decode("utf-8", "surrogatepass")))
        except Exception:  # noqa: BLE001 - whatever is wrong with an entry, it is only a cache
            return None

    def put(self, key: str, result: FileResult) -> None:
        if self.refused:
            return
        try:
            if not self._ready:
                os.makedirs(self.folder, mode=0o700, exist_ok=True)
                if not os.listdir(self.folder):  # made now, or an empty folder given: ours from now on
                    atomic_write(os.path.join(self.folder, "CACHEDIR.TAG"), CACHEDIR_TAG)
                    atomic_write(os.path.join(self.folder, ".gitignore"), "*\n")
                if not _ours(self.folder):
                    self.refused = "it is not a folder draftlint made"
                    return
                _drop_other_formats(self.folder)
                self._ready = True
            path = self._entry(key)
            shard = os.path.dirname(path)
            os.makedirs(shard, mode=0o700, exist_ok=True)
            if not (_is_real_dir(self._entries) and _is_real_dir(shard)):
                return  # a symbolic link put where an entry folder should be: never written through
            # not flushed to disk: an entry lost in a crash is only linted again
            body = json.dumps(result_to_dict(result), ensure_ascii=False).encode("utf-8", "surrogatepass")
            atomic_write(path, body, durable=False)
            # the slot's entries made from other contents or code are of no more use
            own = os.path.basename(path)
            slot = key.split(".", 1)[0] + "."
            for name in os.listdir(shard):
                if name.startswith(slot) and name != own and _ENTRY_NAME.match(name):
                    try:
                        os.remove(os.path.join(shard, name))
                    except FileNotFoundError:  # removed by a run beside this one
                        pass
        except OSError:
            pass  # a read-only checkout still lints; it just is not cached

    def save(self) -> None:
        """Keep what was learnt about the files' contents for the next run."""
        if not self.refused and _is_real_dir(self._entries):
            self.digests.save()


def _is_real_dir(path: str) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _is_file(path: str) -> bool:
    """A regular file reached through no symbolic link below the cache folder."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode) and _is_real_dir(os.path.dirname(path))
    except OSError:
        return False


def _ours(folder: str) -> bool:
    """Whether ``folder`` is a real folder that draftlint marked as its cache."""
    tag = os.path.join(folder, "CACHEDIR.TAG")
    try:
        if not _is_real_dir(folder) or not stat.S_ISREG(os.lstat(tag).st_mode):
            return False
        with open(tag, encoding="utf-8", errors="replace") as fh:
            return fh.read(200) == CACHEDIR_TAG
    except OSError:
        return False


def _refusal(folder: str) -> str | None:
    """Why ``folder`` must not be used as the cache, or None."""
    if os.path.islink(folder):
        return "it is a symbolic link"
    if not os.path.lexists(folder):
        return None
    if not _is_real_dir(folder):
        return "it is not a folder"
    try:
        empty = not os.listdir(folder)
    except OSError as exc:
        return f"it cannot be read ({exc.strerror or exc})"
    if not empty and not _ours(folder):
        return "it is not empty and not a folder draftlint made (no CACHEDIR.TAG of draftlint's)"
    if folder != os.path.abspath(default_folder() or "") and _tracked_by_git(folder):
        return "git tracks files in it: a cache that comes with the repository could hide findings"
    return None


def _tracked_by_git(folder: str) -> bool:
    import subprocess

    try:
        out = subprocess.run(["git", "-C", folder, "ls-files", "-z", "--", "."], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return out.returncode == 0 and bool(out.stdout.strip(b"\0"))


def _drop_other_formats(folder: str) -> None:
    """Remove the entries an older (or newer) draftlint wrote in its own format: after an
    upgrade they would never be read again, and the folder would keep them for ever. Only real
    folders named ``v<number>`` inside a folder draftlint marked as its own."""
    import shutil

    if not _ours(folder):
        return
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        if name != f"v{FORMAT}" and name[:1] == "v" and name[1:].isdigit() and _is_real_dir(path):
            shutil.rmtree(path, ignore_errors=True)


# ------------------------------------------------------------------------------------------
# JSON round trip of results


def _block(b: Block) -> dict:
    return {
        "text": b.text, "index": b.index, "part": b.part, "paragraph": b.paragraph, "table": b.table, "row": b.row,
        "column": b.column, "style": b.style, "outline_level": b.outline_level, "list_label": b.list_label,
        "section": b.section, "note": b.note, "source_part": b.source_part, "anchor": b.anchor,
        "segments": [[s.start, s.end, s.ref, s.ref_offset] for s in b.segments],
        "marks": [[m.start, m.end, m.kind] for m in b.marks],
        "line_segments": b.line_segments,
    }


def _expect(ok: bool, what: str) -> None:
    if not ok:
        raise ValueError(f"cache entry: {what}")


def _ints(values, n: int) -> bool:
    return isinstance(values, list) and len(values) == n and all(type(v) is int for v in values)


def _block_from(d: dict) -> Block:
    _expect(isinstance(d, dict) and isinstance(d.get("text"), str) and type(d.get("index")) is int, "block")
    d = dict(d)
    _expect(isinstance(d.get("segments"), list) and all(_ints(s, 4) for s in d["segments"]), "segments")
    _expect(isinstance(d.get("marks"), list) and all(isinstance(m, list) and len(m) == 3 and _ints(m[:2], 2)
                                                     and isinstance(m[2], str) for m in d["marks"]), "marks")
    _expect(type(d.get("line_segments", False)) is bool, "line_segments")
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
    """The result a cache entry holds; ValueError (or TypeError) for an entry that does not hold
    up: every field is checked, as the entry is read from a folder (see the module)."""
    _expect(isinstance(d, dict), "not an object")
    for name, kinds in (("path", str), ("format", (str, type(None))), ("encoding", (str, type(None))),
                        ("error", (str, type(None))), ("blocks", list), ("findings", list)):
        _expect(isinstance(d.get(name), kinds), name)
    _expect(type(d.get("characters")) is int, "characters")
    blocks = [_block_from(b) for b in d["blocks"]]
    findings = []
    for f in d["findings"]:
        _expect(isinstance(f, dict), "finding")
        _expect(all(isinstance(f.get(k), str) for k in ("rule", "category", "path")), "finding names")
        _expect(type(f.get("block")) is int and 0 <= f["block"] < len(blocks), "finding block")
        block = blocks[f["block"]]
        _expect(type(f.get("start")) is int and type(f.get("end")) is int
                and 0 <= f["start"] <= f["end"] <= len(block.text), "finding span")
        message, slots = f.get("message"), f.get("slots")
        _expect(isinstance(message, list) and len(message) == 2 and all(isinstance(m, str) for m in message), "message")
        _expect(isinstance(slots, list) and all(isinstance(s, list) and len(s) == 2 and all(isinstance(v, str) for v in s)
                                                for s in slots), "slots")
        fix = f.get("fix")
        _expect(fix is None or (isinstance(fix, list) and len(fix) == 2 and isinstance(fix[0], str)
                                and isinstance(fix[1], bool)), "fix")
        _expect(isinstance(f.get("heading_path"), list) and all(isinstance(h, str) for h in f["heading_path"]), "heading path")
        findings.append(Finding(
            rule=f["rule"], category=f["category"], severity=Severity(f["severity"]),
            message=Message(LocalizedText(*message), tuple((k, v) for k, v in slots)), path=f["path"],
            block=block, start=f["start"], end=f["end"], fix=Fix(*fix) if fix else None,
            heading_path=tuple(f["heading_path"]),
        ))
    return FileResult(path=d["path"], format=d["format"], encoding=d["encoding"], findings=findings,
                      error=d["error"], characters=d["characters"])
