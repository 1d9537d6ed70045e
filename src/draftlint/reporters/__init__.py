"""Reporters print a run's results; they know nothing about how a finding was made.

Each format is written by the module of its name (``json-lines`` by ``json_lines``), whose
``write(result, stream, lang, **extra)`` takes what it needs of ``extra`` (``color`` for text,
``rules`` for SARIF) and leaves the rest; :func:`write` is the one way in.
"""

from __future__ import annotations

import importlib
import os
from typing import TextIO

#: Every report format, in the order ``--help`` lists them.
FORMATS = ("text", "concise", "json", "json-lines", "sarif", "github", "junit", "html")
#: Formats written file by file as the results arrive (the others need the whole run).
STREAMED = frozenset({"text", "concise", "github", "json", "json-lines"})
#: Formats for people, printed in the terminal's encoding (the others are UTF-8 whatever the locale).
FOR_PEOPLE = frozenset({"text", "concise"})
#: The format a report file's extension asks for, when no format is given.
_BY_EXTENSION = {".html": "html", ".htm": "html", ".json": "json", ".jsonl": "json-lines", ".sarif": "sarif",
                 ".xml": "junit"}


def format_of_file(path: str) -> str:
    """The format a report written to ``path`` is given by its extension (text when none says)."""
    return _BY_EXTENSION.get(os.path.splitext(path)[1].lower(), "text")


def write(fmt: str, result: "RunResult", stream: TextIO, lang: str = "zh", **extra: object) -> None:
    """Write ``result`` to ``stream`` as ``fmt`` (one of :data:`FORMATS`)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}")
    importlib.import_module(f"{__name__}.{fmt.replace('-', '_')}").write(result, stream, lang, **extra)

from collections import Counter
from typing import Callable, Iterable, Iterator

from ..model import FileResult, Severity


class Tally:
    """Counts of a run, kept as results pass: all a summary line or an exit code needs."""

    def __init__(self) -> None:
        self.files = 0
        self.errors = 0
        self.files_with_findings = 0
        self.by_severity: Counter[str] = Counter()
        self.by_category: Counter[str] = Counter()
        self.by_rule: Counter[str] = Counter()
        self.worst: Severity | None = None
        self.fixable = 0  # findings with a safe fix

    def add(self, r: FileResult) -> None:
        self.files += 1
        self.errors += r.error is not None
        self.files_with_findings += bool(r.findings)
        for f in r.findings:
            self.fixable += f.fix is not None and f.fix.safe
            self.by_severity[f.severity.label] += 1
            self.by_category[f.category] += 1
            self.by_rule[f.rule] += 1
            if self.worst is None or f.severity > self.worst:
                self.worst = f.severity

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())

    def counts(self) -> dict[str, int]:
        return {s.label: self.by_severity[s.label] for s in sorted(Severity, reverse=True)}


def for_display(r: FileResult) -> FileResult:
    """``r`` with its paths as reports can print them (see :func:`draftlint.locations.display_path`);
    ``r`` itself when they already can, which is nearly always."""
    from dataclasses import replace

    from ..locations import display_path

    shown = display_path(r.path)
    if shown == r.path and all(f.path == r.path for f in r.findings):
        return r
    return replace(r, path=shown, findings=[f._replace(path=display_path(f.path)) for f in r.findings])


class RunResult:
    """Everything one run produced, in the order the files were given.

    Made from a list, or from a stream of results (an iterator): :meth:`each` then hands each
    result on as it arrives and keeps only the :attr:`tally`, so a report of 10,000 files
    holds one file's findings at a time. A reporter that needs every result at once reads
    :attr:`files`, which keeps the rest of the stream.
    """

    def __init__(self, files: Iterable[FileResult] = ()):
        self.tally = Tally()
        if isinstance(files, list):
            self._files: list[FileResult] | None = files
            self._stream: Iterator[FileResult] | None = None
            for r in files:
                self.tally.add(r)
        else:
            self._files, self._stream = None, iter(files)

    def each(self) -> Iterator[FileResult]:
        """Every result once, in order (a stream is consumed: read it once)."""
        if self._stream is None:
            yield from self._files or []
            return
        for r in self._stream:
            self.tally.add(r)
            yield r
        self._stream = None
        self._files = self._files or []

    def map(self, change: Callable[[FileResult], FileResult]) -> "RunResult":
        """This run with ``change`` applied to each result: streamed if this one is, else a list
        (a reporter that reads the results twice needs one)."""
        if self._stream is None:
            return RunResult([change(r) for r in self._files or []])
        return RunResult(change(r) for r in self.each())

    @property
    def files(self) -> list[FileResult]:
        if self._stream is not None:
            self._files = list(self.each())
        return self._files or []

    @property
    def findings(self):
        return [f for r in self.files for f in r.findings]

    @property
    def errors(self) -> list[FileResult]:
        return [r for r in self.files if r.error is not None]

    def counts(self) -> dict[str, int]:
        return self.tally.counts()

    def fixable(self) -> int:
        """How many findings have a safe fix."""
        return self.tally.fixable
