"""Rule files: load ``rules/*.yaml``, validate every field, compile, and select rules.

A bad rule file fails loudly with ``file:line: what is wrong``; a rule that loads is ready to
run. Rules are data plus a checker: a ``pattern`` (a regex run by the ``regex`` module) or the
name of a built-in checker in :mod:`draftlint.checkers` configured by ``options``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Iterable, NamedTuple

from .model import CATEGORIES, Checker, Fix, LocalizedText, Severity

_ID = re.compile(r"^[A-Z]{2,4}[0-9]{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_RULE_KEYS = {
    "id", "name", "category", "severity", "message", "description", "kind", "pattern", "exceptions",
    "block-exceptions", "options", "fix", "scope", "skip-anonymised", "examples", "view", "replaces",
}
SCOPES = ("all", "body", "headings")
VIEWS = ("normal", "original")


class RuleFileError(Exception):
    """A rule file is invalid; ``str()`` is ``file:line: what is wrong``."""


class Example(NamedTuple):
    text: str
    match: str | None = None  # for flag examples: the text the finding must quote
    marks: tuple[tuple[int, int, str], ...] = ()  # reader marks on the first line (DOCX-only rules)
    config: dict | None = None  # checker settings from a configuration (required-sections)
    #: Formatting of each line and the page, for layout rules (the example is then read as a DOCX):
    #: ``({"font": …, "size": …, "align": …, "indent": …, "line": …}, …)`` and ``{"width": …, …}``.
    layout: tuple[dict, ...] | None = None
    page: dict | None = None


class Rule(NamedTuple):
    id: str
    name: str
    category: str
    severity: Severity
    message: LocalizedText
    kind: str
    checker: Checker
    source: str  # file:line where the rule is defined
    description: LocalizedText = LocalizedText("", "")  # the paragraph `draftlint rule ID` shows
    flag_examples: tuple[Example, ...] = ()
    pass_examples: tuple[Example, ...] = ()
    pattern: str | None = None
    fix: Fix | None = None
    skip_anonymised: bool = False  # leave texts alone that anonymise people on purpose
    replaces: tuple[str, ...] = ()  # ids this rule had before (a configuration may still name them)

    def with_severity(self, severity: Severity) -> "Rule":
        return self._replace(severity=severity)


class RuleSet:
    """An ordered set of rules with selection by id, id prefix, name or category."""

    def __init__(self, rules: Iterable[Rule]):
        self.rules: list[Rule] = list(rules)
        self.by_id = {r.id: r for r in self.rules}

    def __iter__(self):
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, key: str) -> Rule | None:
        key_up = key.upper()
        if key_up in self.by_id:
            return self.by_id[key_up]
        return next((r for r in self.rules if r.name == key or key_up in r.replaces), None)

    def matches(self, rule: Rule, selector: str) -> bool:
        """Whether ``selector`` (an id, an id prefix, a name, a category, ALL, or an id the rule
        had before it was renamed) picks ``rule``."""
        sel = selector.strip()
        if not sel:
            return False
        if sel.upper() == "ALL":
            return True
        return (rule.id.startswith(sel.upper()) or rule.name == sel or rule.category == sel.lower()
                or sel.upper() in rule.replaces)

    def unknown_selectors(self, selectors: Iterable[str]) -> list[str]:
        return [s for s in selectors if s.strip() and not any(self.matches(r, s) for r in self.rules)]

    def select(self, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None) -> "RuleSet":
        select = [s for s in (select or []) if s.strip()]
        ignore = [s for s in (ignore or []) if s.strip()]
        chosen = [
            r
            for r in self.rules
            if (not select or any(self.matches(r, s) for s in select)) and not any(self.matches(r, s) for s in ignore)
        ]
        return RuleSet(chosen)


# --------------------------------------------------------------------------------------------
# Loading


class _LineDict(dict):
    """A mapping from a rule file that remembers the line of itself and of each key."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.line = 0
        self.key_lines: dict[str, int] = {}


def _parse_yaml(text: str, name: str) -> Any:
    """The YAML document, its mappings as :class:`_LineDict` (libyaml when present: 5x faster)."""
    import yaml

    class LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        pass

    def construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> dict:
        mapping = _LineDict()
        mapping.line = node.start_mark.line + 1
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in mapping:
                raise RuleFileError(f"{name}:{key_node.start_mark.line + 1}: duplicate key {key!r}")
            mapping[key] = loader.construct_object(value_node, deep=True)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping

    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    if "&" in text and "*" in text:
        _refuse_aliases(yaml, text, name)
    loader = LineLoader(text)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        raise RuleFileError(f"{name}:{line}: invalid YAML: {exc.problem}") from None
    finally:
        loader.dispose()


def _refuse_aliases(yaml, text: str, name: str) -> None:
    """Rule files may not use YAML aliases (``&a`` … ``*a``): a few hundred bytes of aliases of
    aliases name 10⁹ strings (the "billion laughs"), and walking them hung the loader. No rule
    needs one: repeat the value."""
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(event, yaml.AliasEvent):
                raise RuleFileError(f"{name}:{event.start_mark.line + 1}: YAML aliases (*{event.anchor}) are not allowed in rule files; repeat the value")
    except yaml.MarkedYAMLError:
        return  # reported, with its line, by the loader


def _encode(value: Any) -> Any:
    """Plain data for the prebuilt store: a mapping is ("L", line, [(key, value, key line)…])."""
    if isinstance(value, _LineDict):
        return ("L", value.line, [(k, _encode(v), value.key_lines.get(k)) for k, v in value.items()])
    if isinstance(value, list):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, tuple):
        mapping = _LineDict()
        mapping.line = value[1]
        for k, v, line in value[2]:
            mapping[k] = _decode(v)
            if line is not None:
                mapping.key_lines[k] = line
        return mapping
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def _read_rule_data(text: str, name: str) -> Any:
    """The parsed rule file, from the prebuilt store when this text was parsed before by this
    version of the loader (a process that finds its rule files unchanged never imports yaml)."""
    from . import prebuilt

    st = os.stat(__file__)
    key = f"rule-file:{st.st_size}:{st.st_mtime_ns}:{text}"
    return _decode(prebuilt.data(key, lambda: _encode(_parse_yaml(text, name))))


def default_rules_dir() -> Path:
    """The rule files shipped with draftlint (a RuleFileError when the installation lacks them)."""
    from .installed import rules_dir

    folder = rules_dir()
    if folder is None:
        raise RuleFileError("draftlint's own rules/ folder is missing from this installation")
    return folder


def load_rules(dirs: Iterable[Path] | None = None, *, include_default: bool = True) -> RuleSet:
    """Load every ``*.yaml``/``*.yml`` file of the default folder and of ``dirs``, in name order."""
    folders: list[Path] = [default_rules_dir()] if include_default else []
    folders += [Path(d) for d in (dirs or [])]
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for folder in folders:
        if folder.is_file():
            files = [folder]
        elif folder.is_dir():
            files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
            if not files:  # a folder named for rules that holds none is a mistake, not "no rules"
                raise RuleFileError(f"{folder}: no rule files (*.yaml, *.yml) in this folder")
        else:
            raise RuleFileError(f"{folder}: no such rule file or folder")
        for path in files:
            for rule in load_rule_file(path, trusted=include_default and folder == folders[0]):
                if rule.id in seen:
                    raise RuleFileError(f"{rule.source}: rule id {rule.id} is already defined at {seen[rule.id]}")
                seen[rule.id] = rule.source
                rules.append(rule)
    from . import prebuilt

    prebuilt.save()  # the next process rebuilds these patterns instead of compiling them
    return RuleSet(rules)


def load_rule_file(path: Path, trusted: bool = False) -> list[Rule]:
    """The rules of one file. ``trusted``: draftlint's own, whose patterns the never-hang tests
    prove linear, so they search without a time limit (a per-search limit costs a clock read
    on every one of thousands of searches); a user's patterns always get one."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(f"{path}:1: cannot read rule file: {exc}") from None
    data = _read_rule_data(text, str(path))
    if not isinstance(data, dict) or "rules" not in data:
        raise RuleFileError(f"{path}:1: a rule file is a mapping with a 'rules' list")
    items = data["rules"]
    if not isinstance(items, list):
        raise RuleFileError(f"{path}:{data.key_lines.get('rules', 1)}: 'rules' must be a list")
    return [_build_rule(item, path, trusted) for item in items]


def _build_rule(item: Any, path: Path, trusted: bool = False) -> Rule:
    if not isinstance(item, _LineDict):
        raise RuleFileError(f"{path}:1: each rule is a mapping")
    where = f"{path}:{item.line}"

    def fail(key: str | None, msg: str) -> RuleFileError:
        line = item.key_lines.get(key, item.line) if key else item.line
        return RuleFileError(f"{path}:{line}: {msg}")

    unknown = sorted(set(item) - _RULE_KEYS)
    if unknown:
        raise fail(unknown[0], f"unknown key {unknown[0]!r} (allowed: {', '.join(sorted(_RULE_KEYS))})")
    for key in ("id", "name", "category", "severity", "message", "kind", "examples"):
        if key not in item:
            raise fail(None, f"rule is missing required key {key!r}")
    rid = str(item["id"])
    if not _ID.match(rid):
        raise fail("id", f"id {rid!r} must be 2-4 capital letters and 3 digits, like PH001")
    name = str(item["name"])
    if not _NAME.match(name):
        raise fail("name", f"name {name!r} must be lower-case words joined by '-'")
    category = item["category"]
    if category not in CATEGORIES:
        raise fail("category", f"category {category!r} is not one of {', '.join(CATEGORIES)}")
    try:
        severity = Severity.parse(str(item["severity"]))
    except ValueError as exc:
        raise fail("severity", str(exc)) from None
    message = item["message"]
    if not isinstance(message, dict) or not isinstance(message.get("zh"), str) or not isinstance(message.get("en"), str):
        raise fail("message", "message needs 'zh' and 'en' strings")
    description = _description(item, fail)
    kind = str(item["kind"])
    scope = item.get("scope", "all")
    if scope not in SCOPES:
        raise fail("scope", f"scope {scope!r} is not one of {', '.join(SCOPES)}")
    view = item.get("view", "normal")
    if view not in VIEWS:
        raise fail("view", f"view {view!r} is not one of {', '.join(VIEWS)}")
    if "view" in item and kind != "pattern":
        raise fail("view", "'view' belongs to kind 'pattern'")

    fix = None
    if "fix" in item:
        f = item["fix"]
        if not isinstance(f, dict) or not isinstance(f.get("replacement"), str):
            raise fail("fix", "fix needs a 'replacement' string (and optional 'safe: true')")
        fix = Fix(replacement=f["replacement"], safe=bool(f.get("safe", False)))

    pattern = None
    if kind == "pattern":
        pattern = item.get("pattern")
        if not isinstance(pattern, str) or not pattern:
            raise fail("pattern", "a pattern rule needs a non-empty 'pattern'")
        exceptions = item.get("exceptions", [])
        block_exceptions = item.get("block-exceptions", [])
        for key, value in (("exceptions", exceptions), ("block-exceptions", block_exceptions)):
            if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
                raise fail(key, f"'{key}' must be a list of regular expressions")
        from .checkers.pattern import PatternChecker, PatternError

        try:
            checker: Checker = PatternChecker(pattern, exceptions, block_exceptions, scope, fix, timed=not trusted, view=view)
        except PatternError as exc:
            raise fail(exc.key, f"bad regular expression: {exc}") from None
        if item.get("options"):
            raise fail("options", "pattern rules take no 'options'")
    else:
        checker = _builtin_checker(kind, item.get("options") or {}, scope, fail, trusted)
        if "pattern" in item:
            raise fail("pattern", f"'pattern' belongs to kind 'pattern', not {kind!r}")

    flag, passing = _examples(item, fail)
    return Rule(
        id=rid,
        name=name,
        category=category,
        severity=severity,
        message=LocalizedText(zh=message["zh"], en=message["en"]),
        kind=kind,
        checker=checker,
        source=where,
        description=description,
        flag_examples=flag,
        pass_examples=passing,
        pattern=pattern,
        fix=fix,
        skip_anonymised=bool(item.get("skip-anonymised", False)),
        replaces=_replaces(item, fail),
    )


def _description(item: _LineDict, fail) -> LocalizedText:
    """``description: {zh: …, en: …}`` as ``message`` is written; a plain string (a user's own
    rule file) is taken as written and shown in both languages."""
    value = item.get("description")
    if value is None:
        return LocalizedText("", "")
    if isinstance(value, str):
        return LocalizedText(value.strip(), value.strip())
    if isinstance(value, dict) and isinstance(value.get("zh"), str) and isinstance(value.get("en"), str) and set(value) <= {"zh", "en"}:
        return LocalizedText(value["zh"].strip(), value["en"].strip())
    raise fail("description", "description is a string, or a mapping with 'zh' and 'en' strings")


def _replaces(item: _LineDict, fail) -> tuple[str, ...]:
    old = item.get("replaces", [])
    if not isinstance(old, list) or not all(isinstance(x, str) and _ID.match(x) for x in old):
        raise fail("replaces", "'replaces' is a list of the ids this rule had before, like [RD003]")
    return tuple(old)


def builtin_kinds() -> list[str]:
    """The kinds a rule file may name besides ``pattern``."""
    from .checkers import KINDS

    return sorted(k for k in KINDS if k != "pattern")


def _builtin_checker(kind: str, options: Any, scope: str, fail, trusted: bool = False) -> Checker:
    from .checkers import KINDS, module_of, read_options

    if kind == "pattern" or kind not in KINDS:
        raise fail("kind", f"unknown kind {kind!r} (pattern, {', '.join(builtin_kinds())})")
    if not isinstance(options, dict):
        raise fail("options", "'options' must be a mapping")
    module = module_of(kind)
    try:
        read = read_options(options, **module.OPTIONS)
        if KINDS[kind].searches_rule_patterns:
            return module.make(read, scope, timed=not trusted)
        return module.make(read, scope)
    except (TypeError, ValueError, KeyError) as exc:
        raise fail("options", f"bad options for {kind}: {exc}") from None


def _examples(item: _LineDict, fail) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    ex = item["examples"]
    if not isinstance(ex, dict):
        raise fail("examples", "'examples' needs 'flag' and 'pass' lists")
    out = []
    for key in ("flag", "pass"):
        values = ex.get(key)
        if not isinstance(values, list) or not values:
            raise fail("examples", f"examples need a non-empty '{key}' list: every rule shows text it must {key}")
        parsed = []
        for v in values:
            if isinstance(v, str):
                parsed.append(Example(v))
            elif isinstance(v, dict) and isinstance(v.get("text"), str):
                match = v.get("match")
                if match is not None and not isinstance(match, str):
                    raise fail("examples", "an example's 'match' must be a string")
                marks = v.get("marks", [])
                if not isinstance(marks, list) or not all(
                    isinstance(m, list) and len(m) == 3 and isinstance(m[0], int) and isinstance(m[1], int) for m in marks
                ):
                    raise fail("examples", "an example's 'marks' is a list of [start, end, kind]")
                config = v.get("config")
                if config is not None and not isinstance(config, dict):
                    raise fail("examples", "an example's 'config' is a mapping of configuration keys")
                layout, page = v.get("layout"), v.get("page")
                if layout is not None and (not isinstance(layout, list) or not all(isinstance(x, dict) for x in layout)):
                    raise fail("examples", "an example's 'layout' is a list of mappings, one per line (font, size, align, indent, line)")
                if page is not None and not isinstance(page, dict):
                    raise fail("examples", "an example's 'page' is a mapping (width, height, top, bottom, left, right, page-number)")
                parsed.append(Example(v["text"], match, tuple((m[0], m[1], str(m[2])) for m in marks), config,
                                      None if layout is None else tuple(layout), page))
            else:
                raise fail("examples", "each example is a string or a mapping with 'text' (and 'match')")
        out.append(tuple(parsed))
    return out[0], out[1]
