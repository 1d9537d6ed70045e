"""One line per finding, ``path:line:column: RULE [severity] message``; for editors and grep."""

from __future__ import annotations

from typing import TextIO

from . import RunResult


def write(result: RunResult, stream: TextIO, lang: str = "zh", **_: object) -> None:
    for r in result.each():
        if r.error is not None:
            stream.write(f"{r.path}: error: {r.error}\n")
        for f in r.findings:
            message = f.message.get(lang).replace("\n", " ")
            stream.write(f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity.label}] {message}\n")
