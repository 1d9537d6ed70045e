"""Spark in local mode: throughput of ``draftlint spark`` on 1 and 2 cores.

Lints the 1,000 seed TXT files and 400 DOCX drafts of the other benchmarks with Spark
``local[1]`` and ``local[2]`` (whole ``draftlint spark`` processes, JVM start included, and the
job alone, timed inside one session). Needs ``draftlint[spark]`` and Java.
Usage: ``python bench/spark_scaling.py [--runs 3]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    import common
    from pyspark.sql import SparkSession

    from draftlint import spark as dl_spark

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    print(f"machine: {common.machine()}")
    # local mode starts Python workers with "python3" from PATH unless told: use this interpreter,
    # which has draftlint (the bench may be run as .venv/bin/python without activating the venv)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    with tempfile.TemporaryDirectory(prefix="draftlint-bench-spark-") as tmp:
        tmp = Path(tmp)
        corpus = tmp / "archive"
        common.build_txt(corpus / "txt")
        common.build_docx(corpus / "docx", 400)
        files = sum(1 for _ in corpus.rglob("*.*"))
        for cores in (1, 2):
            spark = (SparkSession.builder.master(f"local[{cores}]").appName("draftlint-bench")
                     .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false").getOrCreate())
            spark.sparkContext.setLogLevel("ERROR")
            times = []
            for i in range(a.runs + 1):
                out = tmp / f"out-{cores}-{i}"
                start = time.perf_counter()
                dl_spark.write(dl_spark.lint_archive(spark, str(corpus)), str(out), "parquet")
                if i:  # the first run warms the JVM and the Python workers
                    times.append(time.perf_counter() - start)
            rows = spark.read.parquet(str(out)).count()
            spark.stop()
            t = statistics.median(times)
            print(f"   local[{cores}]: {files} files in {t:.1f} s = {files / t:.0f} files/s ({rows} rows), median of {a.runs}")
            if cores == 1:
                one = t
        print(f"   scaling 1 -> 2 cores: {one / t:.2f}x")


if __name__ == "__main__":
    main()
