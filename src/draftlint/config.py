"""Configuration files: ``[tool.draftlint]`` in ``pyproject.toml``, ``draftlint.toml`` or
``.draftlint.toml``, found by walking up from each linted file (the nearest wins).

Every key is validated; a bad value raises :class:`ConfigError` naming the file, the key and
what is allowed. Paths and globs in a configuration are relative to the folder it sits in.
"""

from __future__ import annotations

import os

import sys
from dataclasses import dataclass, field
from fnmatch import fnmatch
from functools import lru_cache
from pathlib import Path
from typing import Any

#: Looked for in each folder, in this order; a pyproject.toml counts only with [tool.draftlint].
CONFIG_NAMES = (".draftlint.toml", "draftlint.toml", "pyproject.toml")
SEVERITIES = ("error", "warning", "info")
LANGS = ("zh", "en")


def message_language(given: str | None, configured: str | None = None) -> str:
    """The language of messages: ``given`` (--lang), else DRAFTLINT_LANG, else the
    configuration's ``lang`` (``configured``), else Chinese."""
    lang = given or os.environ.get("DRAFTLINT_LANG") or configured or "zh"
    return lang if lang in LANGS else "zh"
#: Files never linted unless a configuration's ``exclude`` says otherwise: Word's lock files.
DEFAULT_EXCLUDE = ("~$*",)

KEYS: dict[str, str] = {
    "select": "a list of rule ids, id prefixes, names or categories",
    "extend-select": "a list of rule ids, id prefixes, names or categories",
    "ignore": "a list of rule ids, id prefixes, names or categories",
    "severity": "a table of rule id = \"error\" | \"warning\" | \"info\"",
    "per-file-ignores": "a table of glob = [rules]",
    "exclude": "a list of globs",
    "extend-exclude": "a list of globs",
    "extend-rules": "a list of folders (or files) of rule YAML files",
    "allow": "a list of terms that are never findings",
    "required-sections": "a table of document kinds, each with files, title and sections",
    "lang": "\"zh\" or \"en\"",
    "fail-on": "\"error\", \"warning\" or \"info\"",
    "respect-gitignore": "true or false",
    "layout": "\"gbt9704\", \"off\" or the path of a layout profile (YAML)",
}
_KIND_KEYS = {"files": "a list of file-name globs", "title": "a regular expression", "sections": "a list of regular expressions"}


class ConfigError(Exception):
    """``str()`` is ``file: key 'k': what is wrong (allowed: …)``."""

    def __init__(self, file: Path | str, key: str | None, problem: str):
        self.file, self.key, self.problem = str(file), key, problem
        where = f"{file}: key '{key}'" if key else f"{file}"
        super().__init__(f"{where}: {problem}")


@lru_cache(maxsize=4096)
def _real(folder: Path | str) -> str:
    """A folder with links resolved, once per run, not once per file in it."""
    return os.path.realpath(folder)


def _real_file(path: str) -> str:
    """``os.path.realpath(path)``, resolving the file's folder once for all its files."""
    if os.path.islink(path):
        return os.path.realpath(path)
    folder, name = os.path.split(os.path.abspath(path))
    return os.path.join(_real(folder), name)


def _inside(path: str, folder: str) -> str | None:
    """Plain string work: this runs for every file of a run, and pathlib took 10 ms per 250."""
    base = folder if folder.endswith(os.sep) else folder + os.sep
    if os.path.normcase(path) == os.path.normcase(folder):
        return "."
    if not os.path.normcase(path).startswith(os.path.normcase(base)):
        return None
    rel = path[len(base):]
    return rel.replace(os.sep, "/") if os.sep != "/" else rel


@dataclass(frozen=True)
class Config:
    """One configuration file's settings (or the defaults, with ``path`` None)."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    extend_rules: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    required_sections: dict = field(default_factory=dict)
    lang: str | None = None
    fail_on: str | None = None
    respect_gitignore: bool | None = None
    layout: str | None = None  # a built-in profile name, "off", or a profile file's absolute path

    @property
    def name(self) -> str:
        return str(self.path) if self.path else "(defaults)"

    def _relative(self, path: str | Path) -> str | None:
        """``path`` relative to this configuration's folder ('/'-separated), or None if outside."""
        try:
            return _inside(_real_file(str(path)), _real(self.root))
        except (RuntimeError, OSError):  # a symbolic-link loop: compare the paths as written
            return _inside(os.path.abspath(path), os.path.abspath(self.root))

    def _matches(self, globs: tuple[str, ...], path: str | Path) -> bool:
        if not globs:
            return False
        rel = self._relative(path)
        name = os.path.basename(path)
        for g in globs:
            g = g.rstrip("/")
            if fnmatch(name, g):
                return True
            if rel is not None and (fnmatch(rel, g) or fnmatch(rel, g + "/*")):
                return True
        return False

    def excludes(self, path: str | Path) -> bool:
        return self._matches(self.exclude + self.extend_exclude, path)

    def ignores_for(self, path: str | Path) -> tuple[str, ...]:
        out: list[str] = []
        for glob, rules in self.per_file_ignores:
            if self._matches((glob,), path):
                out.extend(rules)
        return tuple(out)


def _read(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise ConfigError(path, None, f"cannot read: {exc.strerror or exc}") from None


def _parse_toml(path: Path, raw: bytes) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(path, None, f"invalid TOML: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, None, f"invalid TOML: {exc}") from None


def _table(path: Path) -> dict | None:
    """The draftlint settings in ``path``, or None for a pyproject.toml without them."""
    raw = _read(path)
    if path.name == "pyproject.toml":
        # Most pyproject.toml files a run walks past belong to other tools: one that never
        # says "draftlint" cannot hold its table, so it is neither parsed (tomllib's import and
        # parse were a tenth of a cached re-run) nor held to TOML's rules.
        if b"draftlint" not in raw:
            return None
        tool = _parse_toml(path, raw).get("tool", {})
        if not isinstance(tool, dict) or "draftlint" not in tool:
            return None
        table = tool["draftlint"]
        if not isinstance(table, dict):
            raise ConfigError(path, "tool.draftlint", "must be a table")
        return table
    return _parse_toml(path, raw)


def _strings(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(path, key, f"must be {KEYS.get(key, 'a list of strings')}")
    return tuple(value)


def _regex(path: Path, key: str, value: Any) -> str:
    import regex

    if not isinstance(value, str) or not value:
        raise ConfigError(path, key, "must be a non-empty regular expression")
    try:
        regex.compile(value)
    except regex.error as exc:
        raise ConfigError(path, key, f"bad regular expression {value!r}: {exc}") from None
    return value


def _choice(path: Path, key: str, value: Any, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ConfigError(path, key, f"{value!r} is not allowed (allowed: {', '.join(allowed)})")
    return value


def parse(table: dict, path: Path) -> Config:
    """Validate a settings table read from ``path``."""
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise ConfigError(path, unknown[0], f"unknown key (allowed: {', '.join(KEYS)})")
    root = path.parent.resolve()
    kw: dict[str, Any] = {"path": path, "root": root}
    for key in ("select", "extend-select", "ignore", "exclude", "extend-exclude", "allow"):
        if key in table:
            kw[key.replace("-", "_")] = _strings(path, key, table[key])
    if "extend-rules" in table:
        dirs = _strings(path, "extend-rules", table["extend-rules"])
        for d in dirs:
            if not (root / d).exists():
                raise ConfigError(path, "extend-rules", f"no such folder {d!r} (relative to {root})")
        kw["extend_rules"] = tuple(str(root / d) for d in dirs)
    if "severity" in table:
        sev = table["severity"]
        if not isinstance(sev, dict):
            raise ConfigError(path, "severity", f"must be {KEYS['severity']}")
        kw["severity"] = tuple((str(k).upper(), _choice(path, f"severity.{k}", v, SEVERITIES)) for k, v in sev.items())
    if "per-file-ignores" in table:
        pfi = table["per-file-ignores"]
        if not isinstance(pfi, dict):
            raise ConfigError(path, "per-file-ignores", f"must be {KEYS['per-file-ignores']}")
        kw["per_file_ignores"] = tuple((g, _strings(path, f"per-file-ignores.{g}", v)) for g, v in pfi.items())
    if "required-sections" in table:
        kw["required_sections"] = _required_sections(path, table["required-sections"])
    if "lang" in table:
        kw["lang"] = _choice(path, "lang", table["lang"], LANGS)
    if "fail-on" in table:
        kw["fail_on"] = _choice(path, "fail-on", table["fail-on"], SEVERITIES)
    if "respect-gitignore" in table:
        if not isinstance(table["respect-gitignore"], bool):
            raise ConfigError(path, "respect-gitignore", f"must be {KEYS['respect-gitignore']}")
        kw["respect_gitignore"] = table["respect-gitignore"]
    if "layout" in table:
        kw["layout"] = _layout(path, root, table["layout"])
    return Config(**kw)


def _layout(path: Path, root: Path, value: Any) -> str:
    """A layout profile: a built-in name or "off" as it is, a file relative to the configuration
    as an absolute path; the profile is loaded now, so that a bad one fails here."""
    from .checkers.layout import ProfileError, builtin_profiles, load_profile

    if not isinstance(value, str) or not value:
        raise ConfigError(path, "layout", f"must be {KEYS['layout']}")
    if value == "off":
        return value
    spec = value if value in builtin_profiles() else str((root / value).resolve())
    try:
        load_profile(spec)
    except ProfileError as exc:
        raise ConfigError(path, "layout", str(exc)) from None
    return spec


def _required_sections(path: Path, value: Any) -> dict:
    if not isinstance(value, dict):
        raise ConfigError(path, "required-sections", f"must be {KEYS['required-sections']}")
    out: dict[str, dict] = {}
    for kind, spec in value.items():
        key = f"required-sections.{kind}"
        if not isinstance(spec, dict):
            raise ConfigError(path, key, "must be a table with files, title and sections")
        unknown = sorted(set(spec) - set(_KIND_KEYS))
        if unknown:
            raise ConfigError(path, f"{key}.{unknown[0]}", f"unknown key (allowed: {', '.join(_KIND_KEYS)})")
        if "files" not in spec and "title" not in spec:
            raise ConfigError(path, key, "needs 'files' (file-name globs) or 'title' (a regular expression) to say which documents it applies to")
        sections = spec.get("sections")
        if not isinstance(sections, list) or not sections:
            raise ConfigError(path, f"{key}.sections", "must be a non-empty list of regular expressions")
        out[str(kind)] = {
            "files": list(_strings(path, f"{key}.files", spec.get("files", []))),
            "title": _regex(path, f"{key}.title", spec["title"]) if "title" in spec else None,
            "sections": [_regex(path, f"{key}.sections", s) for s in sections],
        }
    return out


def load_config(path: str | Path) -> Config:
    """Read and validate one configuration file (any name; pyproject.toml needs [tool.draftlint])."""
    path = Path(path)
    table = _table(path)
    if table is None:
        raise ConfigError(path, "tool.draftlint", "missing: this pyproject.toml has no [tool.draftlint] table")
    return parse(table, path)


def find_config_file(folder: Path, known: dict[Path, Path | None] | None = None) -> Path | None:
    """The nearest configuration file in ``folder`` or above it. ``known`` remembers the answer
    for every folder passed on the way up, so the subfolders of one tree look at each parent
    once (a tree of 13 folders six levels deep: 252 ``stat`` calls before, 57 with it)."""
    known = {} if known is None else known
    passed: list[Path] = []
    found = None
    for d in (folder, *folder.parents):
        if d in known:
            found = known[d]
            break
        passed.append(d)
        found = next((c for c in (d / name for name in CONFIG_NAMES)
                      if c.is_file() and (c.name != "pyproject.toml" or _table(c) is not None)), None)
        if found is not None:
            break
    for d in passed:
        known[d] = found
    return found


class Resolver:
    """Which configuration applies to each file: ``--config``, none (``--isolated``) or the
    nearest one found walking up from the file's folder, remembered per folder."""

    def __init__(self, override: str | Path | None = None, isolated: bool = False):
        self.isolated = isolated
        self.override = load_config(override) if override and not isolated else None
        self._by_folder: dict[Path, Config] = {}
        self._by_file: dict[Path, Config] = {}
        self._by_given: dict[str, Config] = {}  # the folder as given, before resolving it
        self._nearest: dict[Path, Path | None] = {}  # folder -> nearest configuration file

    def for_folder(self, folder: Path) -> Config:
        if self.override is not None:
            return self.override
        if self.isolated:
            return Config()
        known = self._by_given.get(str(folder))
        if known is not None:
            return known
        given, folder = str(folder), folder.resolve()
        if folder not in self._by_folder:
            found = find_config_file(folder, self._nearest)
            if found is None:
                self._by_folder[folder] = Config()
            else:
                if found not in self._by_file:
                    self._by_file[found] = load_config(found)
                self._by_folder[folder] = self._by_file[found]
        self._by_given[given] = self._by_folder[folder]
        return self._by_folder[folder]

    def for_file(self, path: str | Path) -> Config:
        folder = os.path.dirname(path) or "."
        known = self._by_given.get(folder)
        if known is None:
            known = self._by_given[folder] = self.for_folder(Path(folder))
        return known


STARTER = '''\
# draftlint configuration. Every key is optional; uncomment what you need.
# The same keys work under [tool.draftlint] in pyproject.toml.
# Paths and globs are relative to the folder of this file.

# Rules to run (ids, id prefixes, names or categories). Default: all rules.
# select = ["placeholder", "structure", "ST005"]
# extend-select = []
# ignore = ["FG004"]

# Files that are never linted (globs); Word lock files (~$*) are skipped by default.
# exclude = ["~$*"]
# extend-exclude = ["归档/*", "*.bak.txt"]

# Folders of your own rule files (YAML, like draftlint's rules/ folder).
# extend-rules = ["draftlint-rules"]

# Terms that are never findings: names of projects or products that look like placeholders.
# allow = ["X计划", "XX-1"]

# Folders are walked the way git sees them: files .gitignore matches (and git does not track)
# are passed over. Set to false to lint them too.
# respect-gitignore = true

# Language of messages ("zh" or "en") and the lowest severity that fails the run.
# lang = "zh"
# fail-on = "warning"

# Check the layout of DOCX files (fonts, sizes, indents, margins, page numbers) against
# GB/T 9704-2012, or against your own profile (a YAML file; see docs/layout.md). Off by default.
# layout = "gbt9704"

# Tables come after the plain keys above.

# Change a rule's severity: "error", "warning" or "info".
# [severity]
# PH004 = "info"

# Rules to skip for some files only.
# [per-file-ignores]
# "模板/*" = ["placeholder"]

# Sections a kind of document must have (rule ST101). A document is of a kind when its file name
# matches one of `files` or its title (first non-empty paragraph) matches `title`.
# [required-sections."报告"]
# files = ["*报告*"]
# title = "报告$"
# sections = ["存在.*问题|不足", "下一步|工作计划|打算"]
'''


def write_starter(path: str | Path) -> Path:
    """Write :data:`STARTER` to ``path`` atomically; never replaces an existing file."""
    from .fsutil import atomic_write

    target = Path(path)
    if target.exists():
        raise FileExistsError(str(target))
    atomic_write(target, STARTER, overwrite=False)
    return target
