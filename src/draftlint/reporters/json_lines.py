"""JSON Lines: one finding per line, each the same object as in the JSON contract's ``findings``;
a file that could not be read is a line ``{"path": …, "error": …}``. For streaming and ``jq``."""

from __future__ import annotations

import json
from typing import TextIO

from . import RunResult
from .json import finding_dict


def write(result: RunResult, stream: TextIO, lang: str = "zh", **_: object) -> None:
    for r in result.each():
        if r.error is not None:
            stream.write(json.dumps({"path": r.path, "error": r.error}, ensure_ascii=False) + "\n")
        for f in r.findings:
            stream.write(json.dumps(finding_dict(f, r.format or "txt", lang), ensure_ascii=False) + "\n")
