"""What every process would otherwise build before its first file — compiled regular
expressions, their prefilter literals, parsed rule files, the Hyperscan literal database,
OpenCC's character table — kept between runs in the user's cache folder
(``~/.cache/draftlint`` or ``$XDG_CACHE_HOME/draftlint``; ``~/Library/Caches/draftlint`` on
macOS; ``%LOCALAPPDATA%\\draftlint`` on Windows), one file per installation of draftlint, written
when something new was built and quietly not where the folder cannot be written.

Why: the ``regex`` module parses a pattern in Python; compiling draftlint's ~1,100 patterns and
deriving their literals takes ~0.5 s at the start of every process (each worker, each
pre-commit run: a cold check of one file took 0.76 s instead of 0.27 s on 2026-12-07), while
rebuilding the patterns from their compiled code takes milliseconds; with the rule files kept
parsed, a process that finds them unchanged never imports yaml (20 ms). It was once kept in the
package's own ``__pycache__``, as Python keeps bytecode: that wrote into the installation (a
read-only or shared one got nothing; ``pip uninstall`` left the file behind), and a container
with ``PYTHONDONTWRITEBYTECODE`` paid the half second on every run.

Patterns are keyed by their text and flags; other entries by everything they were built from
(a rule file's text, the dictionary files' size and time). The file name carries the Python and
``regex`` versions whose compiled code it holds and a digest of where draftlint is installed
(two virtual environments do not prune each other's entries), and the literals are dropped when
``prefilter.py``, which derives them, changed (its size and modification time, as Python checks
a module against its bytecode). It is read with an unpickler that can rebuild ``regex``
patterns and plain data and call nothing else; it lives in the user's own folder, which only
that user can change (unlike ``.draftlint_cache/``, which may come from anywhere with a
repository and so holds JSON only).
"""

from __future__ import annotations

import io
import os
import pickle
import sys
from typing import Callable

import regex

from .fsutil import user_cache_folder

#: Where the store lives (tests point it elsewhere); None: nowhere, compile every time.
FOLDER: str | None = user_cache_folder()
#: Past this many entries of a kind, or this many bytes written, a store is written back with
#: only what the process writing it used: user rule files come and go, and each edit of one
#: would otherwise stay in it for good. Every process reads the whole store at its start, so the
#: limit is kept at a few times one installation's working set (0.97 MB with the default rules
#: of 2026-12-07; 1.8 MB made a start ~10 ms slower than 0.36 MB did): room for a team's own
#: rule files without pruning on every run. What a pruned store lacks is rebuilt once.
MAX_ENTRIES = 8192
MAX_BYTES = 3 * 1024 * 1024

_patterns: dict[tuple[str, int], "regex.Pattern[str]"] | None = None
_literals: dict[str, tuple[str, ...] | None] = {}
_data: dict[str, object] = {}
_dirty = False
_used: set = set()  # keys looked up or added by this process
_PLAIN = (str, bytes, int, float, bool, type(None))


def _file() -> str | None:
    if FOLDER is None:
        return None
    import hashlib

    installed = hashlib.blake2b(os.path.dirname(os.path.abspath(__file__)).encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()
    tag = f"{sys.implementation.cache_tag}-regex-{regex.__version__}-{regex.DEFAULT_VERSION}-{installed}"
    return os.path.join(FOLDER, f"prebuilt.{tag}.pickle")


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
    if path is None:
        return
    content = [_patterns, _literals, _data]
    raw = pickle.dumps((*content[:2], _analysis_stamp(), content[2]), protocol=pickle.HIGHEST_PROTOCOL)
    if len(raw) > MAX_BYTES or max(len(c) for c in content) > MAX_ENTRIES:
        kept = [{k: v for k, v in c.items() if k in _used} for c in content]
        raw = pickle.dumps((*kept[:2], _analysis_stamp(), kept[2]), protocol=pickle.HIGHEST_PROTOCOL)
    try:
        from .fsutil import atomic_write

        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        atomic_write(path, raw, durable=False)
    except OSError:
        pass
