"""Lint an archive on Apache Spark: ``draftlint spark INPUT OUTPUT`` or :func:`lint_archive`.

Documents are read with Spark's ``binaryFile`` source from any path Spark can read (local,
``hdfs://``, ``s3a://``), each one is linted on an executor by :func:`draftlint.runner.lint_file`
(the same pipeline as ``draftlint check``, with the same configuration: select and ignore,
severities, per-file ignores, excludes, the allow list, required sections, your own rules), and
the findings are written as Parquet or JSON Lines: one row per finding with the fields of
``draftlint check --format json``, plus one row per file that could not be read, with its reason
in ``error``. A bad document never fails the job.

The configuration is found on the driver as ``check`` finds it for the input folder (the
nearest ``draftlint.toml`` or ``pyproject.toml`` at or above it, when it is a local folder), or
given with ``--config``; its rule files are read there and shipped to the executors, and its
globs are matched against each document's path below the input folder.

Needs the optional extra: ``pip install 'draftlint[spark]'`` on the driver and the executors.
Submit to a cluster with ``spark-submit``, running this module as the application::

    spark-submit --master yarn "$(python -c 'import draftlint.spark as m; print(m.__file__)')" \\
        hdfs:///archive/2024 hdfs:///lint/2024 --format parquet
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator

from draftlint.readers import SUPPORTED_SUFFIXES  # absolute: spark-submit runs this file as a script

FORMATS = ("parquet", "jsonl")

#: Rule files written out in this (executor) process, by the hash of their contents.
_RULE_FOLDERS: dict[str, str] = {}


def schema():
    """The output rows: the JSON report's finding fields, flattened, and ``error`` for bad files."""
    from pyspark.sql.types import ArrayType, BooleanType, IntegerType, MapType, StringType, StructField, StructType

    text, number = StringType(), IntegerType()
    return StructType(
        [
            StructField("path", text, False),
            StructField("format", text),
            StructField("rule", text),
            StructField("category", text),
            StructField("severity", text),
            StructField("message", text),
            StructField("line", number),
            StructField("column", number),
            StructField("end_line", number),
            StructField("end_column", number),
            StructField("match", text),
            StructField("context", text),
            StructField("location", text),
            StructField("location_parts", MapType(text, text)),
            StructField("heading_path", ArrayType(text)),
            StructField("fix_replacement", text),
            StructField("fix_safe", BooleanType()),
            StructField("error", text),
        ]
    )


_FIELDS = [
    "path", "format", "rule", "category", "severity", "message", "line", "column", "end_line", "end_column",
    "match", "context", "location", "location_parts", "heading_path", "fix_replacement", "fix_safe", "error",
]


def rule_files(rule_dirs: Iterable[str]) -> list[tuple[str, str]]:
    """Rule files as (name, text), read on the driver so executors need no copy."""
    out = []
    for d in rule_dirs:
        p = Path(d)
        files = [p] if p.is_file() else sorted(x for x in p.iterdir() if x.suffix in (".yaml", ".yml") and x.is_file())
        out += [(f"{len(out) + i:04d}-{f.name}", f.read_text(encoding="utf-8")) for i, f in enumerate(files)]
    return out


def _rule_folder(files: list[tuple[str, str]]) -> tuple[str, ...]:
    """The shipped rule files written to a folder of this process, once: the rule folders an
    executor's settings name."""
    if not files:
        return ()
    key = hashlib.sha256(repr(files).encode("utf-8")).hexdigest()
    if key not in _RULE_FOLDERS:
        folder = tempfile.mkdtemp(prefix="draftlint-rules-")
        for name, text in files:
            Path(folder, name).write_text(text, encoding="utf-8")
        _RULE_FOLDERS[key] = folder
    return (_RULE_FOLDERS[key],)


class ArchiveSettings:
    """The configuration for an archive, resolved on the driver: each document's settings from
    its path below the input folder, and the rule files those settings name, shipped as text."""

    def __init__(self, input_path: str, config=None, rule_dirs: Iterable[str] = (), select: Iterable[str] = (),
                 ignore: Iterable[str] = ()):
        from draftlint.config import Config
        from draftlint.runner import RunOptions, file_settings, rules_for

        self.input = _bare(input_path).rstrip("/")
        self.config = config or Config()
        self.options = RunOptions(select=tuple(select), ignore=tuple(ignore), rule_dirs=tuple(rule_dirs), jobs=1,
                                  progress=False)
        # what every document shares; fails here, on the driver, for a bad rule file or selector
        sample = file_settings(self.config, str(self.config.root / "x.txt"), self.options)
        rules_for(sample)
        self.rule_files = rule_files(sample.rule_dirs)

    def local_path(self, path: str) -> Path:
        """Where a document of the archive stands for the configuration: its path below the
        input folder, under the configuration's folder."""
        bare = _bare(path)
        rel = PurePosixPath(bare).relative_to(self.input) if bare.startswith(self.input + "/") else PurePosixPath(bare).name
        return self.config.root / str(rel)

    def for_document(self, path: str):
        """The settings for one document (None when the configuration excludes it)."""
        from draftlint.runner import file_settings

        local = self.local_path(path)
        if self.config.excludes(local):
            return None
        return file_settings(self.config, str(local), self.options).with_rule_dirs(_rule_folder(self.rule_files))


def _bare(path: str) -> str:
    """A path without the ``file:`` scheme Spark puts before local paths."""
    if path.startswith("file://"):
        return path[len("file://"):]
    return path.removeprefix("file:")


def lint_rows(path: str, data: bytes, settings, lang: str = "zh") -> list[tuple]:
    """The output rows for one document: its findings, or one row with the reason it failed."""
    from draftlint.reasons import internal_error
    from draftlint.readers import format_of
    from draftlint.reporters.json import finding_dict
    from draftlint.runner import lint_file

    try:
        result = lint_file(bytes(data), path, settings)
    except Exception as exc:  # the settings' rules failed to load: a bug must cost one document, never the job
        return [_error_row(path, format_of(path), internal_error(exc))]
    rows = []
    for f in result.findings:
        d = finding_dict(f, result.format or "txt", lang)
        fix = d.get("fix") or {}
        d["location_parts"] = {k: str(v) for k, v in d["location_parts"].items()}
        d.update(format=result.format, fix_replacement=fix.get("replacement"), fix_safe=fix.get("safe"), error=None)
        rows.append(tuple(d[k] for k in _FIELDS))
    if result.error is not None:
        rows.append(_error_row(path, result.format, result.error))
    return rows


def _error_row(path: str, fmt: str | None, error: str) -> tuple:
    d = dict.fromkeys(_FIELDS)
    d.update(path=path, format=fmt, error=error)
    return tuple(d[k] for k in _FIELDS)


def find_config(input_path: str, config_path: str | None = None, isolated: bool = False):
    """The configuration ``check`` would use for the input folder: ``config_path``, none with
    ``isolated``, or the nearest one at or above a local input folder (a remote archive has none
    unless given)."""
    from draftlint.config import Config, Resolver

    if isolated:
        return Config()
    bare = _bare(input_path)
    if config_path is None and "://" in bare:
        return Config()
    folder = Path(bare)
    return Resolver(config_path).for_folder(folder if folder.is_dir() else folder.parent)


def _glob() -> str:
    suffixes = sorted({s[1:] for s in SUPPORTED_SUFFIXES} | {s[1:].upper() for s in SUPPORTED_SUFFIXES})
    return "*.{" + ",".join(suffixes) + "}"


def lint_archive(spark, input_path: str, rule_dirs: Iterable[str] = (), select: Iterable[str] = (),
                 ignore: Iterable[str] = (), lang: str | None = None, config_path: str | None = None,
                 isolated: bool = False):
    """A DataFrame (see :func:`schema`) of the findings in every TXT/DOCX file under ``input_path``,
    with the configuration ``check`` would use there (see :func:`find_config`).

    Folders are searched recursively; as in Spark, names starting with ``.`` or ``_`` are skipped,
    and so are zero-byte files (Spark drops them before any task sees them).
    """
    archive = ArchiveSettings(input_path, find_config(input_path, config_path, isolated), rule_dirs, select, ignore)
    lang = lang or archive.config.lang or "zh"
    check_local_workers(spark)
    docs = (
        spark.read.format("binaryFile")
        .option("recursiveFileLookup", "true")
        .option("pathGlobFilter", _glob())
        .load(input_path)
        .select("path", "content")
    )

    def lint_partition(rows: Iterator) -> Iterator[tuple]:
        for row in rows:
            settings = archive.for_document(row.path)
            if settings is not None:
                yield from lint_rows(row.path, row.content, settings, lang)

    return spark.createDataFrame(docs.rdd.mapPartitions(lint_partition), schema())


def check_local_workers(spark) -> None:
    """Stop on the driver, saying what to do, when a local session's Python workers cannot
    import draftlint: they run the session's interpreter ("python3" from PATH unless
    PYSPARK_PYTHON chose another when the session began), which need not be the one draftlint
    is installed in. Otherwise every task fails with ModuleNotFoundError deep in a Java trace."""
    import subprocess

    context = spark.sparkContext
    python = getattr(context, "pythonExec", None) or "python3"
    if not context.master.startswith("local") or python == sys.executable:
        return
    try:
        found = subprocess.run([python, "-c", "import draftlint"], capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.SubprocessError):
        found = False
    if not found:
        raise RuntimeError(
            f"Spark's local Python workers run {python!r}, which cannot import draftlint. Set "
            f"PYSPARK_PYTHON={sys.executable} before the Spark session is created (or activate "
            "the environment draftlint is installed in)."
        )


def write(df, output_path: str, fmt: str = "parquet", mode: str = "errorifexists") -> None:
    """Write the findings: Parquet, or JSON Lines (Spark writes a folder of part files)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    writer = df.write.mode(mode)
    writer.parquet(output_path) if fmt == "parquet" else writer.json(output_path)


def run(input_path: str, output_path: str, fmt: str = "parquet", rule_dirs: Iterable[str] = (),
        select: Iterable[str] = (), ignore: Iterable[str] = (), lang: str | None = None, master: str | None = None,
        mode: str = "errorifexists", config_path: str | None = None, isolated: bool = False) -> dict:
    """Start (or reuse) a Spark session, lint ``input_path`` into ``output_path``; return counts."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("draftlint")
    if master:
        builder = builder.master(master)
    if _local_workers(master):
        # Local mode starts its Python workers on this machine with "python3" from PATH, which
        # need not have draftlint (pipx, a virtualenv called without activating it): use this
        # interpreter. PySpark reads only the environment for it (not spark.pyspark.python).
        os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = builder.getOrCreate()
    df = lint_archive(spark, input_path, rule_dirs, select, ignore, lang, config_path, isolated)
    write(df, output_path, fmt, mode)
    written = spark.read.parquet(output_path) if fmt == "parquet" else spark.read.schema(schema()).json(output_path)
    counts = written.selectExpr("count(rule) as findings", "count(error) as errors").first()
    return {"findings": counts["findings"], "errors": counts["errors"]}


def _local_workers(master: str | None) -> bool:
    """Whether this run's Python workers start on this machine with no interpreter chosen: a
    local master, given or (outside spark-submit, which sets the master itself) PySpark's own
    default, and no PYSPARK_PYTHON."""
    if os.environ.get("PYSPARK_PYTHON"):
        return False
    if master:
        return master.startswith("local")
    return "PYSPARK_GATEWAY_PORT" not in os.environ


def main(argv: list[str] | None = None) -> int:
    """``spark-submit draftlint/spark.py INPUT OUTPUT [--format jsonl] [--rules DIR] [--config FILE]...``"""
    ap = argparse.ArgumentParser(prog="draftlint-spark", description=__doc__.split("\n\n")[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--format", choices=FORMATS, default="parquet")
    ap.add_argument("--rules", action="append", default=[])
    ap.add_argument("--select", action="append", default=[])
    ap.add_argument("--ignore", action="append", default=[])
    ap.add_argument("--lang", choices=("zh", "en"), default=None)
    ap.add_argument("--config", default=None)
    ap.add_argument("--isolated", action="store_true")
    ap.add_argument("--master", default=None)
    ap.add_argument("--overwrite", action="store_true")
    a = ap.parse_args(argv)
    counts = run(a.input, a.output, a.format, a.rules, a.select, a.ignore, a.lang, a.master,
                 "overwrite" if a.overwrite else "errorifexists", a.config, a.isolated)
    print(f"{counts['findings']} findings, {counts['errors']} unreadable files -> {a.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
