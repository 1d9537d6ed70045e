"""The rule reference, written from the rule files themselves (``docs/rules.md``).

``draftlint rules --format markdown`` prints it; a test checks that the copy in ``docs/`` is what
the rule files say today, so the reference can never drift from the rules.
"""

from __future__ import annotations

from pathlib import Path

from .model import CATEGORIES
from .ruleset import Rule, RuleSet

_CATEGORY_TITLES = {
    "placeholder": "Placeholders 未填写的占位符",
    "structure": "Structure 结构",
    "truncation": "Truncation 截断",
    "figure": "Figures 数字",
    "boilerplate": "Site residue and page furniture 网站残留",
    "redaction": "Masks and deletions 屏蔽与删改",
    "encoding": "Damaged text 转换损坏",
    "punctuation": "Punctuation 标点",
    "wording": "Wording 用词",
    "duplicate": "Repeats 重复",
    "suppression": "Suppressions 屏蔽指令",
    "layout": "Layout 版式",
}


def implemented_by(rule: Rule, lang: str = "en") -> str:
    """Where a rule's checking is done: its pattern, or the checker module of its kind."""
    if rule.kind == "pattern":
        if lang != "en":
            return f"规则自身的正则表达式，在{'规范化后的文本' if rule.checker.normal else '原文'}中查找"
        where = "the normalised view" if rule.checker.normal else "the text as written"
        return f"its pattern (regex), searched in {where}"
    from .checkers import source_file

    return source_file(rule.kind)


def _examples(title: str, examples) -> list[str]:
    out = [f"{title}:", ""]
    for ex in examples:
        shown = ex.text.replace("\n", " ⏎ ")
        out.append(f"- `{shown}`" + (f" → `{ex.match}`" if ex.match else ""))
    return out + [""]


def markdown(rules: RuleSet) -> str:
    """The reference of ``rules`` as Markdown: a table of every rule, then one section each."""
    by_category = {c: [r for r in rules if r.category == c] for c in CATEGORIES}
    lines = [
        "# Rule reference",
        "",
        "Written from `rules/*.yaml` by `draftlint rules --format markdown` (a test checks this copy).",
        "Each rule is described in Chinese, then in English, and lists text it must flag and text it must",
        "leave alone; the test suite runs them all.",
        "`draftlint rule ID` shows one rule in the terminal.",
        "",
        "| id | name | category | severity | message |",
        "|---|---|---|---|---|",
    ]
    for category in CATEGORIES:
        for r in by_category[category]:
            lines.append(f"| [{r.id}](#{r.id.lower()}) | `{r.name}` | {r.category} | {r.severity.label} | {_cell(r.message.zh)} |")
    for category in CATEGORIES:
        if not by_category[category]:
            continue
        lines += ["", f"## {_CATEGORY_TITLES.get(category, category)}", ""]
        for r in by_category[category]:
            lines += [f"### {r.id}", "", f"**`{r.name}`** · {r.category} · {r.severity.label}", ""]
            lines += [f"- 提示: {r.message.zh}", f"- Message: {r.message.en}", f"- Checked by {_code(implemented_by(r))}"]
            lines.append(f"- Defined in `rules/{Path(r.source.rsplit(':', 1)[0]).name}`")
            if r.replaces:
                lines.append(f"- Replaces {', '.join(r.replaces)} (the old id still selects it)")
            lines.append("")
            lines += _descriptions(r)
            lines += _examples("Flags", r.flag_examples)
            lines += _examples("Leaves alone", r.pass_examples)
    return "\n".join(lines).rstrip() + "\n"


def _descriptions(rule: Rule) -> list[str]:
    """The description in Chinese, then in English (once when a rule file gives one text)."""
    zh, en = rule.description.zh, rule.description.en
    texts = [zh, en] if zh != en else [zh]
    return [line for text in texts if text for line in (_plain(text), "")]


def _plain(text: str) -> str:
    """``text`` shown as written: the ``*`` and ``_`` of placeholders (``***区``, ``____``) are
    not Markdown emphasis. Code spans (between backticks) are left as they are."""
    pieces = text.split("`")
    for i in range(0, len(pieces), 2):  # the even pieces are outside code spans
        pieces[i] = pieces[i].replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")
    return "`".join(pieces)


def _code(text: str) -> str:
    return f"`{text}`" if text.endswith(".py") else text


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
