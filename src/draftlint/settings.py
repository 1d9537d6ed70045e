"""What decides one file's findings: the rules chosen and how they run, as one frozen value.

A configuration file (:mod:`draftlint.config`) and the command line together make the
:class:`Settings` of each file; the rule set is built from them once per process
(:func:`draftlint.runner.rules_for`), the cache keys its entries by :attr:`Settings.digest`, and
checkers read what concerns them (``ctx.settings.allow``, ``.required_sections``). Being
frozen and hashable, settings can key a dictionary and travel to a worker process or a Spark
executor as they are.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from functools import cached_property
from hashlib import blake2b
from typing import Iterable, NamedTuple


class RequiredKind(NamedTuple):
    """A kind of document (``required-sections.<name>``) and the sections it must contain."""

    name: str
    files: tuple[str, ...]  # file-name globs
    title: str | None  # a regular expression searched in the first paragraph
    sections: tuple[str, ...]  # regular expressions, each to match some heading


@dataclass(frozen=True)
class Settings:
    config: str = "(defaults)"  # the configuration file's name, for messages
    rule_dirs: tuple[str, ...] = ()  # rule files added to draftlint's own
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # (rule id, severity) overrides
    allow: tuple[str, ...] = ()  # terms whose findings are dropped
    required_sections: tuple[RequiredKind, ...] = ()
    include_comments: bool = False  # lint reviewers' Word comments too
    #: Layout profile for the layout rules (DOCX): a built-in name (``gbt9704``) or a profile
    #: file's absolute path; None: layout is not checked (and not read).
    layout: str | None = None
    layout_digest: str = ""  # the profile file's digest, so that editing it changes the cache key

    @property
    def rules_key(self) -> tuple:
        """What the rule set depends on (the rest changes only what is done with findings)."""
        return (self.config, self.rule_dirs, self.select, self.extend_select, self.ignore, self.severity)

    @cached_property
    def digest(self) -> str:
        """A stable hash of every field, the same in every process and on every machine."""
        text = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False)
        return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def with_rule_dirs(self, rule_dirs: Iterable[str]) -> "Settings":
        return replace(self, rule_dirs=tuple(rule_dirs))


def required_kinds(table: dict) -> tuple[RequiredKind, ...]:
    """The ``required-sections`` table of a configuration (as :mod:`draftlint.config` checked
    it) as settings hold it."""
    return tuple(
        RequiredKind(str(name), tuple(spec.get("files") or ()), spec.get("title"), tuple(spec.get("sections") or ()))
        for name, spec in table.items()
    )
