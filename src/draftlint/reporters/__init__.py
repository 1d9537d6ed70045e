"""Reporters print a run's results; they know nothing about how a finding was made."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..engine import FileResult
from ..model import Severity


@dataclass
class RunResult:
    """Everything one run produced, in the order the files were given."""

    files: list[FileResult] = field(default_factory=list)

    @property
    def findings(self):
        return [f for r in self.files for f in r.findings]

    @property
    def errors(self) -> list[FileResult]:
        return [r for r in self.files if r.error is not None]

    def counts(self) -> dict[str, int]:
        out = {s.label: 0 for s in sorted(Severity, reverse=True)}
        for f in self.findings:
            out[f.severity.label] += 1
        return out
