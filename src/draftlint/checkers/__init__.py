"""Built-in checkers, one module per kind, and the table of kinds (:data:`KINDS`).

A rule file names a kind (``kind: numbering``); :data:`KINDS` says which module of this package
checks it and how the engine treats its rules. Each module declares ``OPTIONS`` (the options a
rule file may give, with defaults; :data:`REQUIRED` for none) and provides
``make(options, scope) -> checker``, called with the options read and checked against
``OPTIONS``. A checker is called with the lint context (:class:`draftlint.engine.LintContext`)
and yields :class:`draftlint.model.Hit` objects. It never sees bytes or DOCX: only blocks of
text and the document's structure. Modules are imported when a rule of their kind is loaded.
"""

import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import Any

REQUIRED: Any = object()


def read_options(options: dict, **defaults: Any) -> dict[str, Any]:
    """Options of a rule file, with defaults; refuse unknown and missing ones (ValueError).

    Names use ``-`` in rule files and ``_`` here: ``min-chars`` is ``min_chars``.
    """
    given = {k.replace("-", "_"): v for k, v in options.items()}
    unknown = sorted(set(given) - set(defaults))
    if unknown:
        raise ValueError(f"unknown options {', '.join(u.replace('_', '-') for u in unknown)}")
    out = {}
    for name, default in defaults.items():
        if name not in given and default is REQUIRED:
            raise ValueError(f"option {name.replace('_', '-')!r} is required")
        out[name] = given.get(name, default)
    return out


def one_of(value: Any, allowed: tuple[str, ...], name: str = "problem") -> str:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}")
    return value


@dataclass(frozen=True)
class Kind:
    """A kind of rule: the module that checks it and what the engine must know of its rules."""

    module: str  # in this package
    #: ``make`` also takes ``timed``: it searches regular expressions a rule file gives it, under
    #: a time limit on every search, off only for draftlint's own rules (proven linear by the
    #: never-hang tests; the clock cost more than the search on short paragraphs).
    searches_rule_patterns: bool = False
    #: Its findings are one match each, and a finding of its category inside one is the same
    #: problem again (a content-control prompt is PH008, not also PH007).
    single_match: bool = False
    #: Runs after suppressions were applied: it reports the suppressions that silenced nothing.
    after_suppressions: bool = False


#: Every kind a rule file may name.
KINDS: dict[str, Kind] = {
    "pattern": Kind("pattern", searches_rule_patterns=True, single_match=True),
    "balance": Kind("balance"),
    "converted-numerals": Kind("converted_numerals"),
    "cut-copy": Kind("cut_copy"),
    "dates": Kind("dates"),
    "duplicates": Kind("duplicates"),
    "enumeration": Kind("enumeration"),
    "formulas": Kind("formulas"),
    "furniture": Kind("furniture"),
    "hard-wrap": Kind("hard_wrap"),
    "indefinite": Kind("indefinite"),
    "layout": Kind("layout"),
    "inner-space": Kind("inner_space"),
    "lone-number": Kind("lone_number"),
    "marks": Kind("marks"),
    "mojibake": Kind("mojibake"),
    "numbering": Kind("numbering"),
    "paragraph-count": Kind("paragraph_count", searches_rule_patterns=True),
    "repeated-title": Kind("repeated_title"),
    "replacement-char": Kind("replacement_char"),
    "required-sections": Kind("required_sections"),
    "run-in-sections": Kind("run_in_sections"),
    "script-conversion": Kind("script_conversion"),
    "sections": Kind("sections"),
    "sentence-start": Kind("sentence_start", searches_rule_patterns=True),
    "stray-fragment": Kind("stray_fragment"),
    "traditional": Kind("traditional"),
    "unclosed-paragraph": Kind("unclosed_paragraph"),
    "unused-suppression": Kind("unused_suppression", after_suppressions=True),
    "word-pairs": Kind("word_pairs", searches_rule_patterns=True),
}


def module_of(kind: str) -> ModuleType:
    """The checker module of ``kind`` (a key of :data:`KINDS`), imported on first use."""
    return importlib.import_module(f"{__name__}.{KINDS[kind].module}")


def source_file(kind: str) -> str:
    """Where ``kind`` is implemented, as a path in a checkout."""
    return f"src/draftlint/checkers/{KINDS[kind].module}.py"
