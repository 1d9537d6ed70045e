"""What every process would otherwise build before its first file — compiled regular
expressions, their prefilter literals, parsed rule files, the Hyperscan literal database,
OpenCC's character table — kept between runs the way Python keeps bytecode: in the package's
``__pycache__``, written when something new was built (never with ``PYTHONDONTWRITEBYTECODE``,
never where the package is read-only).

Why: the ``regex`` module parses a pattern in Python; compiling draftlint's ~150 patterns and
deriving their literals took ~40 ms at the start of every process (each worker, each pre-commit
run), while rebuilding the patterns from their compiled code takes ~1 ms; with the rule files
kept parsed, a process that finds them unchanged never imports yaml (20 ms).

Patterns are keyed by their text and flags; other entries by everything they were built from
(a rule file's text, the dictionary files' size and time). The file name carries the Python and
``regex`` versions whose compiled code it holds, and the literals are dropped when
``prefilter.py``, which derives them, changed (its size and modification time, as Python checks a
module against its bytecode). It is read with an unpickler that can rebuild ``regex`` patterns
and plain data and call nothing else, and it sits beside draftlint's own bytecode, which anyone
able to change it could change instead (unlike ``.draftlint_cache/``, which may come from
anywhere and so holds JSON only).
"""

from __future__ import annotations

import io
import os
import pickle
import sys
from typing import Callable

import regex

#: Where the store lives (tests point it elsewhere); None: nowhere, compile every time.
FOLDER: str | None = os.path.join(os.path.dirname(os.path.abspath(__file__)), "__pycache__")
#: Past this many entries of a kind, or this many bytes written, a store is written back with
#: only what the process writing it used: user rule files come and go, and each edit of one
#: would otherwise stay in it for good. Every process reads the whole store at its start, so the
#: limit is kept near the size of one installation's working set (0.36 MB with the default
#: rules): a 1.8 MB store, left by a few dozen edited rule files, made each start 10 ms slower
#: (the limit was 16 MB). What a pruned store lacks is rebuilt once (all of it takes ~0.1 s).
MAX_ENTRIES = 4096
MAX_BYTES = 1024 * 1024

_patterns: dict[tuple[str, int], "regex.Pattern[str]"] | None = None
_literals: dict[str, tuple[str, ...] | None] = {}
_data: dict[str, object] = {}
_dirty = False
_used: set = set()  # keys looked up or added by this process
_PLAIN = (str, bytes, int, float, bool, type(None))


def _file() -> str | None:
    if FOLDER is None:
        return None
    tag = f"{sys.implementation.cache_tag}-regex-{regex.__version__}-{regex.DEFAULT_VERSION}"
    return os.path.join(FOLDER, f"draftlint-prebuilt.{tag}.pickle")


class _PatternsOnly(pickle.Unpickler):
    """Rebuilds ``regex`` patterns (their C constructor) and plain data, no other callable."""

    ALLOWED = frozenset({("regex._regex", "compile")})

    def find_class(self, module: str, name: str):
        if (module, name) in self.ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the prebuilt store")


def _analysis_stamp() -> tuple[int, int]:
    """Size and modification time of the code that derives the literals."""
    st = os.stat(os.path.join(os.path.dirname(os.path.abspath(__file__)), "prefilter.py"))
    return st.st_size, st.st_mtime_ns


def _load() -> dict[tuple[str, int], "regex.Pattern[str]"]:
    global _patterns, _literals, _data
    if _patterns is None:
        _patterns = {}
        path = _file()
        if path is not None:
            try:
                with open(path, "rb") as fh:
                    patterns, literals, stamp, data = _PatternsOnly(io.BytesIO(fh.read())).load()
                if isinstance(patterns, dict) and isinstance(literals, dict) and isinstance(data, dict):
                    _patterns, _data = patterns, data
                    _literals = literals if stamp == _analysis_stamp() else {}
            except Exception:  # missing, damaged, or from another build: compile afresh
                pass
    return _patterns


def compile(source: str, flags: int = 0) -> "regex.Pattern[str]":
    """``regex.compile(source, flags)``, from the store when it holds it (``regex.error`` as usual)."""
    global _dirty
    known = _load()
    # the flags as a plain int: some Pythons (Debian's 3.11.2) pickle a flag enum as a call of
    # getattr, which the unpickler rightly refuses, so no store would ever load there
    key = (source, int(flags))
    _used.add(key)
    pattern = known.get(key)
    if pattern is None:
        pattern = regex.compile(source, flags)
        known[key] = pattern
        _dirty = True
    return pattern


def literals(source: str, analyse: Callable[[str], "frozenset[str] | None"]) -> "frozenset[str] | None":
    """``analyse(source)`` (the prefilter's literal analysis, a pure function), remembered."""
    global _dirty
    _load()
    _used.add(source)
    if source in _literals:
        known = _literals[source]
        return None if known is None else frozenset(known)
    found = analyse(source)
    _literals[source] = None if found is None else tuple(sorted(found))
    _dirty = True
    return found


def _is_plain(value: object) -> bool:
    # exact types: a named tuple (the model's values) or a str subclass would be pickled as its
    # class, which the store's unpickler refuses, and no store would load again
    if type(value) in (list, tuple):
        return all(_is_plain(v) for v in value)
    if type(value) is dict:
        return all(type(k) is str and _is_plain(v) for k, v in value.items())
    return type(value) in _PLAIN


def data(key: str, build: Callable[[], object]) -> object:
    """``build()``, remembered under ``key``, which must name everything the value depends on
    (a digest of the file it was parsed from). Only plain data (str, bytes, numbers, lists,
    tuples, dicts) is kept; anything else is rebuilt each time."""
    global _dirty
    _load()
    _used.add(key)
    if key in _data:
        return _data[key]
    value = build()
    if _is_plain(value):
        _data[key] = value
        _dirty = True
    return value


def save() -> None:
    """Write the store if something new was compiled; quietly not where it cannot be written."""
    global _dirty
    if not _dirty:  # called after every file: nothing more to do, almost always
        return
    _dirty = False
    path = _file()
    if path is None or sys.dont_write_bytecode:
        return
    content = [_patterns, _literals, _data]
    raw = pickle.dumps((*content[:2], _analysis_stamp(), content[2]), protocol=pickle.HIGHEST_PROTOCOL)
    if len(raw) > MAX_BYTES or max(len(c) for c in content) > MAX_ENTRIES:
        kept = [{k: v for k, v in c.items() if k in _used} for c in content]
        raw = pickle.dumps((*kept[:2], _analysis_stamp(), kept[2]), protocol=pickle.HIGHEST_PROTOCOL)
    try:
        from .fsutil import atomic_write

        atomic_write(path, raw, durable=False)
    except OSError:
        pass
