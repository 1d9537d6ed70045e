"""A short fuzzing run on every test run: a few hundred mutants of real DOCX (``mutants.py``;
``bench/fuzz.py`` runs 10,000 and more). Every mutant must end as findings or as a per-file
error with a reason: never an internal error (an exception the readers did not classify), a
traceback, an exit code above 2, or a report that leaves a file out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SHARED
from mutants import MUTATIONS, mutants, seed_files

from draftlint.engine import read_and_lint
from draftlint.outputs import annotate_file, fix_docx_file
from draftlint.readers import ReadError, read_document
from draftlint.readers.options import ReaderOptions

SEEDS = seed_files(SHARED if SHARED.exists() else None, ROOT)
INTERNAL = "internal error"


def test_the_mutator_is_deterministic_and_covers_every_mutation():
    first = [(name, mutation, data) for name, mutation, data in mutants(SEEDS, 2 * len(MUTATIONS), base_seed=3)]
    again = list(mutants(SEEDS, 2 * len(MUTATIONS), base_seed=3))
    assert first == again
    assert {m for _, m, _ in first} >= {m.__name__ for m in MUTATIONS} - {"flip_anywhere"}


def test_mutants_end_as_findings_or_a_reason(rules):
    seen: dict[str, int] = {}
    for name, mutation, data in mutants(SEEDS, 300, base_seed=1):
        result = read_and_lint(data, name, rules)
        assert result.error is None or INTERNAL not in result.error, f"{name} ({mutation}): {result.error}"
        seen[mutation] = seen.get(mutation, 0) + (result.error is not None)
    assert sum(seen.values()) > 50  # the mutants are hostile: many are refused, each with a reason


def test_mutants_through_the_command_line(tmp_path):
    folder = tmp_path / "mutants"
    folder.mkdir()
    names = []
    for name, _, data in mutants(SEEDS, 80, base_seed=2):
        (folder / name).write_bytes(data)
        names.append(name)
    reports = []
    for jobs in ("2", "1"):
        report = tmp_path / f"report-{jobs}.json"
        proc = subprocess.run(
            [sys.executable, "-m", "draftlint", "check", "--no-cache", "--jobs", jobs, "--format", "json", "-o", str(report), str(folder)],
            capture_output=True, text=True, timeout=600,
        )
        assert proc.returncode <= 2 and "Traceback" not in proc.stderr, proc.stderr[-3000:]
        data = json.loads(report.read_text(encoding="utf-8"))
        named = {Path(f["path"]).name for f in data["files"]} | {Path(e["path"]).name for e in data["errors"]}
        assert named == set(names)
        assert not [e for e in data["errors"] if INTERNAL in e["message"]]
        reports.append(data)
    # one process or two: the same findings and errors (before, per-process caches keyed by what
    # the ZIP directory claims let one mutant's styles stand in for another's)
    assert reports[0]["findings"] == reports[1]["findings"] and reports[0]["errors"] == reports[1]["errors"]


def test_annotate_and_fix_on_mutants_that_lint(rules, tmp_path):
    """A mutant that lints is annotated and fixed, or refused with a reason; what is written is
    a package the reader opens again."""
    done = 0
    for name, mutation, data in mutants(SEEDS, 120, base_seed=4):
        path = tmp_path / name
        path.write_bytes(data)
        result = read_and_lint(data, str(path), rules)
        if result.error is not None:
            continue
        for write in (lambda: annotate_file(result, str(tmp_path / "out"), "zh"),
                      lambda: fix_docx_file(result, str(tmp_path / "out" / f"fixed-{name}"), False, "zh")):
            (tmp_path / "out").mkdir(exist_ok=True)
            message, ok = write()
            assert INTERNAL not in message, f"{name} ({mutation}): {message}"
        for copy in (tmp_path / "out").iterdir():
            try:
                read_document(copy.read_bytes(), copy.name, ReaderOptions())
            except ReadError as exc:  # only what the mutant already carried (a part nobody reads)
                pytest.fail(f"{copy.name} ({mutation}) was written but cannot be read again: {exc}")
            copy.unlink()
        done += 1
    assert done >= 30
