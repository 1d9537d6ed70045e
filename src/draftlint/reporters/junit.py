"""JUnit XML: a test suite per file, a failing test case per finding, an error per unreadable file.
CI systems that show test reports (GitLab, Jenkins, Azure) show drafts' problems the same way."""

from __future__ import annotations

import re
from typing import TextIO
from xml.etree import ElementTree as ET

from . import RunResult

#: Characters XML 1.0 cannot hold at all (control characters but tab, newline and carriage
#: return; lone surrogates; U+FFFE and U+FFFF): a draft's form feed or a damaged file's bytes
#: would make the report unreadable to every CI system.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """``text`` with each character XML cannot hold shown as its code (``\\x0c``)."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


def write(result: RunResult, stream: TextIO, lang: str = "zh", **_: object) -> None:
    root = ET.Element("testsuites", name="draftlint")
    total = failures = errors = 0
    for r in result.files:
        path = _xml_text(r.path)
        suite = ET.SubElement(root, "testsuite", name=path)
        if r.error is not None:
            case = ET.SubElement(suite, "testcase", name="read", classname=path)
            ET.SubElement(case, "error", message=_xml_text(r.error))
            n, fl, er = 1, 0, 1
        elif not r.findings:
            ET.SubElement(suite, "testcase", name="draftlint", classname=path)
            n, fl, er = 1, 0, 0
        else:
            for f in r.findings:
                case = ET.SubElement(suite, "testcase", name=f"{f.rule} {f.line}:{f.column}", classname=path)
                message = _xml_text(f.message.get(lang))
                fail = ET.SubElement(case, "failure", message=message, type=f.severity.label)
                fail.text = f"{_xml_text(f.path)}:{f.line}:{f.column}: {f.rule} {message}\n{_xml_text(f.context)}"
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
