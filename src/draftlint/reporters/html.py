"""One self-contained HTML page: summary with bar charts, each finding highlighted in its paragraph.

No network, no CDN: styles and the filter script are inline. Chinese by default, one column on a
phone, everything shown (filters hidden) when printed. The numbers come from the JSON reporter's
summary, so the page and ``--format json`` always agree.
"""

from __future__ import annotations

from html import escape
from typing import TextIO

from ..installed import VERSION
from ..locations import describe
from ..model import CATEGORIES, CATEGORY_WORDS_ZH, Finding, Severity
from ..reasons import localize
from . import RunResult
from .json import to_dict

#: The severities, most severe first, by their labels (error, warning, info).
_SEVERITIES = [s.label for s in sorted(Severity, reverse=True)]
_WORDS = {
    "zh": {
        "title": "draftlint 检查报告", "files": "检查文件", "with": "有问题的文件", "findings": "问题",
        "unreadable": "无法读取", "by_sev": "按严重程度", "by_cat": "按类别", "filter": "筛选",
        "all": "全部", "category": "类别", "severity": "严重程度", "rule": "规则", "shown": "显示",
        "none": "没有发现问题。", "reason": "原因", "fix": "建议改为", "unsafe": "（请核实）",
        "heading": "所在标题", "clean": "个文件没有问题",
        "index": "文件一览", "file": "文件", "total": "合计", "generated": "生成于", "ok": "没有问题",
    },
    "en": {
        "title": "draftlint report", "files": "files checked", "with": "files with findings", "findings": "findings",
        "unreadable": "could not be read", "by_sev": "by severity", "by_cat": "by category", "filter": "Filter",
        "all": "all", "category": "category", "severity": "severity", "rule": "rule", "shown": "shown",
        "none": "No findings.", "reason": "reason", "fix": "suggested fix", "unsafe": " (check it)",
        "heading": "under heading", "clean": "files without findings",
        "index": "Files", "file": "file", "total": "total", "generated": "generated", "ok": "no findings",
    },
}

_CSS = """
:root{--err:#c62828;--warn:#e08a00;--info:#1565c0;--ink:#222;--mute:#666;--line:#ddd}
*{box-sizing:border-box}
body{margin:0;font:16px/1.7 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:var(--ink);background:#fafafa}
main{max-width:1100px;margin:0 auto;padding:12px}
h1{font-size:1.4em;margin:.4em 0}
h2{font-size:1.1em;margin:0;padding:.5em .7em;background:#eef2f7;border-radius:6px 6px 0 0;word-break:break-all}
.cards{display:flex;flex-wrap:wrap;gap:8px}
.card{flex:1 1 140px;background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px 12px}
.card b{display:block;font-size:1.6em}
.charts{display:flex;flex-wrap:wrap;gap:16px;margin:12px 0}
.chart{flex:1 1 300px;background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px 12px}
.bar{display:grid;grid-template-columns:7em 1fr 3em;align-items:center;gap:6px;font-size:.9em}
.bar span.track{background:#eee;height:12px;border-radius:6px;overflow:hidden}
.bar span.fill{display:block;height:100%;background:#607d8b}
.bar .fill.error{background:var(--err)}.bar .fill.warning{background:var(--warn)}.bar .fill.info{background:var(--info)}
.filters{position:sticky;top:0;z-index:2;background:#fafafa;padding:8px 0;display:flex;flex-wrap:wrap;gap:8px;align-items:center;border-bottom:1px solid var(--line)}
.filters select{font-size:1em;padding:2px 4px;max-width:70vw}
.filters label{max-width:100%}
.file{background:#fff;border:1px solid var(--line);border-radius:6px;margin:16px 0}
.para{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:12px;padding:10px 12px;border-top:1px solid var(--line)}
.where{grid-column:1/-1;color:var(--mute);font-size:.85em}
.text{white-space:pre-wrap;word-break:break-all}
mark{background:#ffe08a;border-bottom:2px solid var(--warn);padding:0 1px}
mark.error{background:#ffcdd2;border-color:var(--err)}mark.info{background:#bbdefb;border-color:var(--info)}
mark.off{background:none;border-color:transparent}
ol.notes{margin:0;padding-left:1.4em;font-size:.92em}
ol.notes li{margin-bottom:.3em}
.sev{display:inline-block;border-radius:3px;color:#fff;padding:0 4px;font-size:.8em;margin-right:4px}
.sev.error{background:var(--err)}.sev.warning{background:var(--warn)}.sev.info{background:var(--info)}
.rule{font-family:monospace;font-weight:bold;margin-right:4px}
.fix{color:#2e7d32}
.errors li{color:var(--err)}
.hidden{display:none}
.meta{color:var(--mute);font-size:.85em;margin:0 0 8px}
details.file>summary{cursor:pointer;list-style:none}details.file>summary::-webkit-details-marker{display:none}
details.file>summary h2::before{content:"▾ ";color:var(--mute)}details.file:not([open])>summary h2::before{content:"▸ "}
table.index{border-collapse:collapse;width:100%;table-layout:fixed;background:#fff;font-size:.9em;margin:12px 0}
table.index th:first-child{width:55%}
table.index th,table.index td{border:1px solid var(--line);padding:2px 6px;text-align:right}
table.index th:first-child,table.index td:first-child{text-align:left;word-break:break-all}
table.index tr.clean td{color:var(--mute)}table.index tr.unreadable td{color:var(--err)}
@media (max-width:700px){.para{grid-template-columns:1fr}body{font-size:15px}.bar{grid-template-columns:5em 1fr 2.5em}}
@media print{.filters{display:none}.hidden{display:grid!important}li.hidden{display:list-item!important}
  body{background:#fff}.file,.para{break-inside:avoid}mark.off{background:#ffe08a}}
"""

_JS = """
(function(){
  var sel = {category: document.getElementById('f-category'), severity: document.getElementById('f-severity'), rule: document.getElementById('f-rule'), file: document.getElementById('f-file')};
  // looked up once: a query per finding made a change of filter take seconds at 7,000 findings
  var items = Array.prototype.slice.call(document.querySelectorAll('li.finding'));
  var marks = {};
  document.querySelectorAll('mark[data-i]').forEach(function(m){ (marks[m.dataset.i] = marks[m.dataset.i] || []).push(m); });
  var paras = Array.prototype.slice.call(document.querySelectorAll('.para'));
  var files = Array.prototype.slice.call(document.querySelectorAll('.file'));
  function apply(){
    var shown = 0;
    var keys = Object.keys(sel).filter(function(k){ return sel[k].value; });
    items.forEach(function(li){
      var ok = keys.every(function(k){ return li.dataset[k] === sel[k].value; });
      if (li.classList.contains('hidden') === ok) {
        li.classList.toggle('hidden', !ok);
        (marks[li.dataset.i] || []).forEach(function(m){ m.classList.toggle('off', !ok); });
      }
      if (ok) shown++;
    });
    paras.forEach(function(p){ p.classList.toggle('hidden', !p.querySelector('li.finding:not(.hidden)')); });
    files.forEach(function(s){ s.classList.toggle('hidden', !s.querySelector('.para:not(.hidden)')); });
    document.getElementById('shown-count').textContent = shown;
  }
  Object.keys(sel).forEach(function(k){ sel[k].addEventListener('change', apply); });
  if (Object.keys(sel).some(function(k){ return sel[k].value; })) apply();  // a reload keeps the choices
})();
"""


def _bars(counts: dict[str, int], labels: dict[str, str], css: dict[str, str], chart_id: str) -> str:
    top = max(counts.values(), default=0) or 1
    rows = []
    for key, n in counts.items():
        width = round(100 * n / top)
        rows.append(
            f'<div class="bar" data-key="{escape(key)}"><span>{escape(labels.get(key, key))}</span>'
            f'<span class="track"><span class="fill {css.get(key, "")}" style="width:{width}%"></span></span>'
            f'<span class="n">{n}</span></div>'
        )
    return f'<div id="{chart_id}">' + "".join(rows) + "</div>"


def _highlight(text: str, items: list[tuple[int, Finding]]) -> str:
    """``text`` with one ``<mark>`` per finding; nested or overlapping marks split at boundaries."""
    cuts = sorted({0, len(text)} | {f.start for _, f in items} | {f.end for _, f in items})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = escape(text[a:b])
        covering = [(i, f) for i, f in items if f.start <= a and b <= f.end]
        for i, f in covering:
            piece = f'<mark class="{f.severity.label}" data-i="{i}" title="{escape(f.rule)}">{piece}</mark>'
        out.append(piece)
    zero = [(i, f) for i, f in items if f.start == f.end]
    for i, f in zero:  # a finding without width (e.g. a missing part) is marked at the end
        out.append(f'<mark class="{f.severity.label}" data-i="{i}" title="{escape(f.rule)}">⌁</mark>')
    return "".join(out)


def _now() -> str:
    import datetime as _dt

    return _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %z")


def _index(numbered: list, t: dict, zh: bool) -> str:
    """A table of every file: its counts by severity, a link to its findings; files without
    findings and those that could not be read are listed too, so none is only a number."""
    head = "".join(f"<th>{x}</th>" for x in (t["file"], *(Severity.parse(s).word("zh" if zh else "en") for s in _SEVERITIES), t["total"]))
    rows = []
    for n, r in numbered:
        path = escape(r.path)
        if r.error is not None:
            rows.append(f'<tr class="unreadable"><td>{path}</td><td colspan="4">{t["unreadable"]}</td></tr>')
            continue
        if not r.findings:
            rows.append(f'<tr class="clean"><td>{path}</td><td colspan="4">{t["ok"]}</td></tr>')
            continue
        counts = {s: sum(1 for f in r.findings if f.severity.label == s) for s in _SEVERITIES}
        cells = "".join(f"<td>{counts[s]}</td>" for s in _SEVERITIES)
        rows.append(f'<tr><td><a href="#f{n}">{path}</a></td>{cells}<td>{len(r.findings)}</td></tr>')
    return f'<details open><summary><b>{t["index"]}</b></summary><table class="index" id="file-index"><tr>{head}</tr>{"".join(rows)}</table></details>'


def write(result: RunResult, stream: TextIO, lang: str = "zh", **_: object) -> None:
    stream.write(render(result, lang))


def render(result: RunResult, lang: str = "zh") -> str:
    zh = lang != "en"
    t = _WORDS["zh" if zh else "en"]
    data = to_dict(result, lang)
    summary = data["summary"]
    sev_labels = {s: Severity.parse(s).word(lang) for s in _SEVERITIES}
    cat_labels = CATEGORY_WORDS_ZH if zh else {c: c for c in CATEGORIES}
    h = [
        f'<!DOCTYPE html><html lang="{"zh-CN" if zh else "en"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{t['title']}</title><style>{_CSS}</style></head><body><main>",
        f"<h1>{t['title']}</h1>",
        f'<p class="meta" id="meta">{t["generated"]} {escape(_now())} · draftlint {escape(VERSION)}</p>',
        '<div class="cards">',
        f'<div class="card"><b id="count-files">{summary["files"]}</b>{t["files"]}</div>',
        f'<div class="card"><b id="count-files-with">{summary["files_with_findings"]}</b>{t["with"]}</div>',
        f'<div class="card"><b id="count-findings">{summary["findings"]}</b>{t["findings"]}</div>',
        f'<div class="card"><b id="count-errors">{summary["errors"]}</b>{t["unreadable"]}</div>',
        "</div>",
        '<div class="charts">',
        f'<div class="chart"><h3>{t["by_sev"]}</h3>'
        + _bars(summary["by_severity"], sev_labels, {s: s for s in _SEVERITIES}, "chart-severity")
        + "</div>",
        f'<div class="chart"><h3>{t["by_cat"]}</h3>'
        + _bars(summary["by_category"], cat_labels, {}, "chart-category")
        + "</div>",
        "</div>",
    ]

    def options(name: str, values: list[str], labels: dict[str, str]) -> str:
        opts = "".join(f'<option value="{escape(v)}">{escape(labels.get(v, v))}</option>' for v in values)
        return f'<label>{t[name]} <select id="f-{name}"><option value="">{t["all"]}</option>{opts}</select></label>'

    findings = result.findings
    numbered = list(enumerate(result.files))  # a file's number names its section: #f3
    h.append(_index(numbered, t, zh))
    h.append('<div class="filters">')
    h.append(options("category", sorted({f.category for f in findings}), cat_labels))
    h.append(options("severity", [s.label for s in sorted(Severity, reverse=True) if any(f.severity == s for f in findings)], sev_labels))
    rule_labels = {f.rule: f"{f.rule} · {cat_labels.get(f.category, f.category)}" for f in findings}
    h.append(options("rule", sorted(rule_labels), rule_labels))
    h.append(options("file", [str(n) for n, r in numbered if r.findings], {str(n): r.path for n, r in numbered}))
    h.append(f'<span>{t["shown"]} <b id="shown-count">{len(findings)}</b> / {len(findings)}</span></div>')

    if data["errors"]:
        h.append(f'<section class="unreadable"><h2>{t["unreadable"]}</h2><ul class="errors">')
        h += [f"<li><b>{escape(e['path'])}</b>: {escape(localize(e['message'], lang))}</li>" for e in data["errors"]]
        h.append("</ul></section>")

    counter = 0
    clean = 0
    for n, r in numbered:
        if r.error is not None:
            continue
        if not r.findings:
            clean += 1
            continue
        h.append(f'<details class="file" open id="f{n}" data-path="{escape(r.path)}"><summary><h2>{escape(r.path)} '
                 f'<small>({len(r.findings)})</small></h2></summary>')
        by_block: dict[int, list[tuple[int, Finding]]] = {}
        for f in r.findings:
            by_block.setdefault(f.block.index, []).append((counter, f))
            counter += 1
        for items in by_block.values():
            block = items[0][1].block
            where = describe(block, r.format or "txt", lang)
            heading = items[0][1].heading_path
            if heading:
                where += f" · {t['heading']}：{' › '.join(heading)}" if zh else f" · {t['heading']}: {' › '.join(heading)}"
            notes = []
            for i, f in items:
                fix = ""
                if f.fix is not None:
                    fix = f'<div class="fix">{t["fix"]}{"" if f.fix.safe else t["unsafe"]}：“{escape(f.fix.replacement)}”</div>'
                notes.append(
                    f'<li class="finding" data-i="{i}" data-file="{n}" data-category="{f.category}" data-severity="{f.severity.label}" '
                    f'data-rule="{escape(f.rule)}"><span class="sev {f.severity.label}">{sev_labels[f.severity.label]}</span>'
                    f'<span class="rule">{escape(f.rule)}</span>{escape(f.message.get(lang))}{fix}</li>'
                )
            h.append(
                f'<div class="para"><div class="where">{escape(where)}</div>'
                f'<div class="text">{_highlight(block.text, items)}</div><ol class="notes">{"".join(notes)}</ol></div>'
            )
        h.append("</details>")
    if not findings:
        h.append(f"<p>{t['none']}</p>")
    if clean:
        h.append(f'<p class="clean">{clean} {t["clean"]}</p>')
    h.append(f"</main><script>{_JS}</script></body></html>\n")
    return "".join(h)
