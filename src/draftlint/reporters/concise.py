"""One line per finding, ``path:line:column: RULE [severity] message``; for editors and grep.
The severity is in the report's language (``[错误]``, or ``[error]`` with ``--lang en``)."""

from __future__ import annotations

from typing import TextIO

from ..reasons import localize
from . import RunResult


def write(result: RunResult, stream: TextIO, lang: str = "zh", **_: object) -> None:
    for r in result.each():
        if r.error is not None:
            stream.write(f"{r.path}: {'error' if lang == 'en' else '无法读取'}: {localize(r.error, lang)}\n")
        for f in r.findings:
            message = f.message.get(lang).replace("\n", " ")
            stream.write(f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity.word(lang)}] {message}\n")
