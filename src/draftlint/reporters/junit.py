"""JUnit XML: a test suite per file, a failing test case per finding, an error per unreadable file.
CI systems that show test reports (GitLab, Jenkins, Azure) show drafts' problems the same way."""

from __future__ import annotations

from typing import TextIO
from xml.etree import ElementTree as ET

from . import RunResult


def write(result: RunResult, stream: TextIO, lang: str = "zh", **_: object) -> None:
    root = ET.Element("testsuites", name="draftlint")
    total = failures = errors = 0
    for r in result.files:
        suite = ET.SubElement(root, "testsuite", name=r.path)
        if r.error is not None:
            case = ET.SubElement(suite, "testcase", name="read", classname=r.path)
            ET.SubElement(case, "error", message=r.error)
            n, fl, er = 1, 0, 1
        elif not r.findings:
            ET.SubElement(suite, "testcase", name="draftlint", classname=r.path)
            n, fl, er = 1, 0, 0
        else:
            for f in r.findings:
                case = ET.SubElement(suite, "testcase", name=f"{f.rule} {f.line}:{f.column}", classname=r.path)
                fail = ET.SubElement(case, "failure", message=f.message.get(lang), type=f.severity.label)
                fail.text = f"{f.path}:{f.line}:{f.column}: {f.rule} {f.message.get(lang)}\n{f.context}"
            n, fl, er = len(r.findings), len(r.findings), 0
        suite.set("tests", str(n))
        suite.set("failures", str(fl))
        suite.set("errors", str(er))
        total, failures, errors = total + n, failures + fl, errors + er
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
