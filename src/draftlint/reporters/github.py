"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request."""

from __future__ import annotations

from typing import TextIO

from . import RunResult

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def write(result: RunResult, stream: TextIO, lang: str = "zh", **_: object) -> None:
    for r in result.each():
        if r.error is not None:
            stream.write(f"::error file={_prop(r.path)},title=draftlint::{_data(r.error)}\n")
        for f in r.findings:
            props = f"file={_prop(f.path)},line={f.line},col={f.column},endColumn={f.end_column},title={_prop(f.rule)}"
            stream.write(f"::{_LEVEL[f.severity.label]} {props}::{_data(f.rule + ' ' + f.message.get(lang))}\n")
