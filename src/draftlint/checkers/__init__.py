"""Built-in checkers, one module per kind.

A rule file names a kind (``kind: numbering``) and the module ``draftlint.checkers.numbering``
provides ``make(options, scope) -> checker``. A checker is called with the lint context
(:class:`draftlint.engine.LintContext`) and yields :class:`draftlint.model.Hit` objects. It never
sees bytes or DOCX: only blocks of text and the document's structure.

A kind that searches regular expressions a rule file gives it (``paragraph-count``, ``word-pairs``)
sets ``SEARCHES_RULE_PATTERNS = True`` and its ``make`` takes ``timed``: a time limit on every
search, off only for draftlint's own rules (proven linear by the never-hang tests; the clock cost
more than the search on short paragraphs).
"""

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
