"""The rule loader refuses bad rule files with file:line and a reason a person can fix."""

from __future__ import annotations

import pytest

from draftlint.ruleset import RuleFileError, load_rule_file

GOOD = """rules:
  - id: ZZ001
    name: demo
    category: wording
    severity: info
    message: {zh: "示例「{match}」", en: "Demo “{match}”"}
    kind: pattern
    pattern: '示例'
    examples: {flag: ["这是示例"], pass: ["这是正文"]}
"""


@pytest.mark.parametrize(
    "old,new,line,reason",
    [
        ("id: ZZ001", "id: zz1", 2, "id 'zz1'"),
        ("category: wording", "category: style", 4, "category 'style'"),
        ("severity: info", "severity: fatal", 5, "unknown severity"),
        ("pattern: '示例'", "pattern: '示例('", 8, "bad regular expression"),
        ("kind: pattern", "kind: nonsense", 7, "unknown kind"),
        ('examples: {flag: ["这是示例"], pass: ["这是正文"]}', 'examples: {flag: [], pass: ["这是正文"]}', 9, "non-empty 'flag'"),
        ("    kind: pattern\n", "    kind: pattern\n    colour: red\n", 8, "unknown key 'colour'"),
    ],
)
def test_bad_rule_files_name_file_and_line(tmp_path, old, new, line, reason):
    path = tmp_path / "rules.yaml"
    path.write_text(GOOD.replace(old, new), encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_rule_file(path)
    assert str(err.value).startswith(f"{path}:{line}:")
    assert reason in str(err.value)


def test_good_rule_file_loads(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text(GOOD, encoding="utf-8")
    (rule,) = load_rule_file(path)
    assert (rule.id, rule.kind, rule.source) == ("ZZ001", "pattern", f"{path}:2")
