"""``draftlint spark`` on Spark local[2]: the same findings and errors as ``draftlint check``, on
an archive with a configuration file (ignores, severities, per-file ignores, excludes, the allow
list, the configuration's own rule files).

Needs PySpark (``pip install 'draftlint[spark]'``) and Java; .ci/run installs both. Skipped with
the reason when either is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import shared_path

pyspark = pytest.importorskip("pyspark", reason="PySpark is not installed: pip install 'draftlint[spark]'")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("Java is not installed (apt-get install -y default-jre-headless)", allow_module_level=True)


def _archive(root):
    """Real drafts, a DOCX written by python-docx, a GBK file and files that cannot be read."""
    import docx

    root.mkdir()
    for p in sorted(shared_path("seeds").glob("0*.txt")):
        shutil.copy(p, root / p.name)
    sub = root / "部门"
    sub.mkdir()
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "x市x局文件"
    d.add_paragraph("一、20xx年工作总结", style="Heading 1")
    d.add_paragraph("全年共完成投资××万元，服务群众x万人次，比上年增长%。")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "项目"
    table.cell(1, 1).text = "某某单位____负责"
    d.save(sub / "总结.docx")
    (sub / "通知.txt").write_bytes("关于召开xx会议的通知\n请各单位于x月x日前报送。\n".encode("gb18030"))
    (sub / "损坏.docx").write_bytes(b"PK\x03\x04 this is not a zip archive")
    # a real package whose document part's compressed data is corrupt (zlib.error escaped before)
    good = (sub / "总结.docx").read_bytes()
    at = good.index(b"word/document.xml") + len("word/document.xml") + 40
    (sub / "数据损坏.docx").write_bytes(good[:at] + bytes(b ^ 0xA5 for b in good[at : at + 16]) + good[at + 16 :])
    (sub / "空.txt").write_bytes(b"")
    (sub / "说明.html").write_text("not linted", encoding="utf-8")  # (.md is read since Markdown support)
    (sub / "旧稿.txt").write_text("xx市旧稿，已作废。\n", encoding="utf-8")
    (root / "本地规则").mkdir()
    (root / "本地规则" / "house.yaml").write_text(
        "rules:\n"
        "  - id: HS001\n"
        "    name: no-leader-praise\n"
        "    category: wording\n"
        "    severity: warning\n"
        "    message: {zh: \"避免「{match}」\", en: \"Avoid {match}\"}\n"
        "    kind: pattern\n"
        "    pattern: '高度重视'\n"
        "    examples: {flag: [\"领导高度重视\"], pass: [\"领导重视\"]}\n",
        encoding="utf-8",
    )
    (root / "draftlint.toml").write_text(
        'ignore = ["PU004"]\n'
        'allow = ["xx会议"]\n'
        'extend-exclude = ["部门/旧稿.txt"]\n'
        'extend-rules = ["本地规则"]\n'
        "[severity]\n"
        'PH001 = "warning"\n'
        "[per-file-ignores]\n"
        '"部门/*.docx" = ["PH002"]\n',
        encoding="utf-8",
    )
    (root / "讲话.txt").write_text("各级领导高度重视群团工作。\n", encoding="utf-8")
    return root


def _key(f):
    return (f["path"], f["rule"], f["line"], f["column"], f["end_column"], f["match"], f["message"], f["location"])


def test_spark_local_matches_check(tmp_path, monkeypatch):
    from pyspark.sql import SparkSession

    from draftlint import spark as dl_spark

    archive = _archive(tmp_path / "archive")
    cli = subprocess.run(
        [sys.executable, "-m", "draftlint", "check", "--format", "json", str(archive)],
        capture_output=True, text=True, encoding="utf-8",
    )
    assert cli.returncode == 2, cli.stderr
    expected = json.loads(cli.stdout)

    out = tmp_path / "findings"
    # As from pipx or a virtualenv used without activating it: the "python3" on PATH is not the
    # one draftlint is installed in, so local mode must start its workers with this interpreter.
    bin_dir = os.path.dirname(sys.executable)
    env = {k: v for k, v in os.environ.items() if k != "PYSPARK_PYTHON"}
    env["PATH"] = os.pathsep.join(d for d in env.get("PATH", "").split(os.pathsep) if d and os.path.abspath(d) != bin_dir)
    run = subprocess.run(
        [sys.executable, "-m", "draftlint", "spark", "--master", "local[2]", "--format", "jsonl", str(archive), str(out)],
        capture_output=True, text=True, encoding="utf-8", env=env,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    rows = [json.loads(line) for part in sorted(out.glob("part-*.json")) for line in part.read_text(encoding="utf-8").splitlines()]
    for r in rows:
        r.setdefault("error", None)

    # The Python entry point, writing Parquet, gives the same rows. Its session's workers run
    # the interpreter docs/spark.md says to choose; with one that lacks draftlint, lint_archive
    # stops at once and says what to set.
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    spark = SparkSession.builder.master("local[2]").appName("draftlint-test").config("spark.ui.enabled", "false").getOrCreate()
    try:
        chosen = spark.sparkContext.pythonExec
        assert chosen == sys.executable
        spark.sparkContext.pythonExec = sys.executable + "-missing"
        with pytest.raises(RuntimeError, match="PYSPARK_PYTHON=.*before the Spark session"):
            dl_spark.lint_archive(spark, str(archive))
        spark.sparkContext.pythonExec = chosen
        parquet = tmp_path / "findings.parquet"
        dl_spark.write(dl_spark.lint_archive(spark, str(archive)), str(parquet), "parquet")
        from_parquet = spark.read.parquet(str(parquet)).select("path", "rule", "line", "column", "error").collect()
    finally:
        spark.stop()
    assert sorted(map(tuple, from_parquet), key=repr) == sorted(
        ((r["path"], r.get("rule"), r.get("line"), r.get("column"), r["error"]) for r in rows), key=repr
    )

    for r in rows:
        r["path"] = r["path"].removeprefix("file:")
    findings = [r for r in rows if r["error"] is None]
    errors = sorted((r["path"], r["error"]) for r in rows if r["error"] is not None)
    assert sorted(map(_key, findings)) == sorted(map(_key, expected["findings"]))
    # Spark's file scan drops zero-byte files before any task sees them (documented in docs/spark.md).
    cli_errors = sorted((e["path"], e["message"]) for e in expected["errors"] if e["message"] != "empty file")
    assert len(cli_errors) == len(expected["errors"]) - 1
    assert errors == cli_errors
    assert len(findings) > 20 and len(errors) == 2  # the two broken DOCX, with their reasons
    assert any("数据损坏.docx" in path and "damaged part" in reason for path, reason in errors)
    docx_rules = {f["rule"] for f in findings if f["path"].endswith("总结.docx")}
    assert {"PH001", "PH005"} <= docx_rules
    # the configuration was applied, as by check: a per-file ignore, an ignored rule, a
    # severity, an excluded file, an allowed term and the configuration's own rule
    assert "PH002" not in docx_rules and not any(f["rule"] == "PU004" for f in findings)
    assert {f["severity"] for f in findings if f["rule"] == "PH001"} == {"warning"}
    assert not any(f["path"].endswith("旧稿.txt") for f in rows)
    assert not any(f["path"].endswith("通知.txt") and f["match"] == "xx" and f["line"] == 1 for f in findings)
    assert any(f["rule"] == "HS001" and f["path"].endswith("讲话.txt") for f in findings)
