"""A cache of per-file results in ``.draftlint_cache/``, keyed by everything a result depends on:
the file's bytes and name, draftlint's code and version, the rule files and the settings.

An unchanged re-run reads each file, hashes it and loads the stored result; no rule is loaded
and no document is parsed. Entries are JSON (never pickle: a cache folder may come from
anywhere) and written atomically, so a crashed or concurrent run never leaves half an entry.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from . import __version__
from .fsutil import atomic_write
from .model import Block, FileResult, Finding, Fix, LocalizedText, Mark, Segment, Severity

FORMAT = 2
DEFAULT_DIR = ".draftlint_cache"


@lru_cache(maxsize=None)
def _tree_digest(folder: str, suffixes: tuple[str, ...]) -> str:
    h = hashlib.sha256()
    root = Path(folder)
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.suffix in suffixes and p.is_file())
    for p in files:
        h.update(str(p.relative_to(root) if p != root else p.name).encode())
        h.update(p.read_bytes())
    return h.hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """draftlint's version, its source code and its own rule files."""
    from .installed import rules_dir

    package = Path(__file__).resolve().parent
    rules = _tree_digest(str(rules_dir()), (".yaml", ".yml")) if rules_dir() else "no rules"
    return hashlib.sha256(f"{FORMAT}:{__version__}:{_tree_digest(str(package), ('.py',))}:{rules}".encode()).hexdigest()


def settings_key(settings: dict) -> str:
    """The settings and the contents of the user's rule files they name."""
    extra = [_tree_digest(str(Path(d).resolve()), (".yaml", ".yml")) for d in settings.get("rule_dirs", [])]
    return json.dumps([settings, extra], sort_keys=True, ensure_ascii=False)


class Cache:
    def __init__(self, folder: str | Path = DEFAULT_DIR):
        self.folder = Path(folder)
        self._ready = False

    def key(self, data: bytes, path: str, settings: dict) -> str:
        h = hashlib.sha256()
        for part in (code_fingerprint(), settings_key(settings), path):
            h.update(part.encode("utf-8"))
            h.update(b"\0")
        h.update(data)
        return h.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / f"v{FORMAT}" / key[:2] / f"{key}.json"

    def has(self, key: str) -> bool:
        return self._entry(key).is_file()

    def get(self, key: str) -> FileResult | None:
        try:
            raw = self._entry(key).read_text(encoding="utf-8")
            return result_from_dict(json.loads(raw))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, result: FileResult) -> None:
        try:
            if not self._ready:
                self.folder.mkdir(parents=True, exist_ok=True)
                tag = self.folder / "CACHEDIR.TAG"
                if not tag.exists():
                    atomic_write(tag, "Signature: 8a477f597d28d172789f06886806bc55\n# draftlint cache\n")
                    atomic_write(self.folder / ".gitignore", "*\n")
                self._ready = True
            atomic_write(self._entry(key), json.dumps(result_to_dict(result), ensure_ascii=False))
        except OSError:
            pass  # a read-only checkout still lints; it just is not cached


# ------------------------------------------------------------------------------------------
# JSON round trip of results


def _block(b: Block) -> dict:
    return {
        "text": b.text, "index": b.index, "part": b.part, "paragraph": b.paragraph, "table": b.table, "row": b.row,
        "column": b.column, "style": b.style, "outline_level": b.outline_level, "list_label": b.list_label,
        "section": b.section, "note": b.note, "source_part": b.source_part,
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
                "rule": f.rule, "category": f.category, "severity": int(f.severity), "message": [f.message.zh, f.message.en],
                "path": f.path, "block": blocks[id(f.block)], "start": f.start, "end": f.end, "match": f.match,
                "context": f.context, "fix": [f.fix.replacement, f.fix.safe] if f.fix else None,
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
            message=LocalizedText(*f["message"]), path=f["path"], block=blocks[f["block"]], start=f["start"],
            end=f["end"], match=f["match"], context=f["context"], fix=Fix(*f["fix"]) if f["fix"] else None,
            heading_path=tuple(f["heading_path"]),
        )
        for f in d["findings"]
    ]
    return FileResult(path=d["path"], format=d["format"], encoding=d["encoding"], findings=findings,
                      error=d["error"], characters=d["characters"])
