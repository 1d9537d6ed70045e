// draftlint serve: the page. No framework, no inline code, nothing from the internet.
// Everything shown comes from POST /api/check?include=text (the JSON report of
// `draftlint check --format json`, plus each document's paragraphs to show them in).
// Text from documents only ever reaches the page through textContent.
(function () {
  'use strict';

  var T = {
    zh: {
      title: '公文草稿检查', drop: '把文件拖到这里，或', choose: '选择文件', formats: '支持的格式：',
      paste: '或者粘贴文字', paste_ph: '在这里粘贴要检查的文字……', check_text: '检查这段文字',
      file: '文件', error: '错误', warning: '警告', info: '提示', total: '合计', reports: '报告：',
      dl_html: 'HTML 报告', dl_json: 'JSON 报告', dl_annotated: '下载批注版（Word）', dl_fixed: '下载修改稿',
      dl_fixed_txt: '下载修改后的文本', category: '类别', rule: '规则', shown: '显示', all: '全部',
      checking: '正在检查 {n} 个文件……', checking_text: '正在检查……', done: '检查完成：{files} 个文件，{findings} 个问题',
      unreadable: '无法读取', no_findings: '这个文件没有发现问题。',
      limits: '一次最多 {files} 个文件、共 {mb} MB',
      too_many: '文件过多：一次检查最多 {n} 个文件。', too_large: '上传内容过大：一次检查最多 {mb} MB，请减少文件或拆分后再试。',
      empty_text: '请先粘贴要检查的文字。', failed: '检查失败：', network: '无法连接服务器。',
      config: '配置：', defaults: '默认设置', rules: '{n} 条规则', select: '只查', ignore: '不查', extend: '加查',
      severity_over: '调整严重程度', allow: '允许词 {n} 个', required: '必备章节', pfi: '按文件忽略 {n} 条',
      fix: '建议改为', unsafe: '（请核实）', truncated: '文档很长，只显示有问题的段落。',
      downloading: '正在生成……', saved: '已下载：', lang: 'English',
      cat: {placeholder: '占位符未填', structure: '结构', truncation: '截断', figure: '数字', boilerplate: '网页残留',
            redaction: '涂改', encoding: '编码', punctuation: '标点', wording: '用词', duplicate: '重复', suppression: '忽略标记', layout: '版式'}
    },
    en: {
      title: 'Check a draft', drop: 'Drop files here, or', choose: 'choose files', formats: 'Formats: ',
      paste: 'or paste text', paste_ph: 'Paste the text to check here…', check_text: 'Check this text',
      file: 'file', error: 'error', warning: 'warning', info: 'info', total: 'total', reports: 'Reports: ',
      dl_html: 'HTML report', dl_json: 'JSON report', dl_annotated: 'Annotated copy (Word)', dl_fixed: 'Fixed copy',
      dl_fixed_txt: 'Fixed text', category: 'category', rule: 'rule', shown: 'shown', all: 'all',
      checking: 'Checking {n} files…', checking_text: 'Checking…', done: 'Done: {files} files, {findings} findings',
      unreadable: 'could not be read', no_findings: 'No findings in this file.',
      limits: 'at most {files} files, {mb} MB in all',
      too_many: 'Too many files: one check takes at most {n} files.', too_large: 'Too large: one check takes at most {mb} MB in all. Send fewer or smaller files.',
      empty_text: 'Paste some text first.', failed: 'Check failed: ', network: 'Cannot reach the server.',
      config: 'Configuration: ', defaults: 'built-in defaults', rules: '{n} rules', select: 'only', ignore: 'ignored', extend: 'added',
      severity_over: 'severity changed', allow: '{n} allowed terms', required: 'required sections', pfi: '{n} per-file ignores',
      fix: 'suggested fix', unsafe: ' (check it)', truncated: 'A long document: only the paragraphs with findings are shown.',
      downloading: 'Preparing…', saved: 'Downloaded: ', lang: '中文',
      cat: {}
    }
  };
  var SEVERITIES = ['error', 'warning', 'info'];
  var WORD_FORMATS = {docx: 1, doc: 1, wps: 1, odt: 1, rtf: 1};

  var params = new URLSearchParams(location.search);
  var lang = params.get('lang') === 'en' ? 'en' : 'zh';
  var info = null;
  var lastInput = null;   // {files: [File]} or {text: '…'}: what the last check sent
  var report = null;      // the last answer of /api/check
  var current = -1;       // the file shown

  function $(id) { return document.getElementById(id); }
  function t(key, values) {
    var s = T[lang][key];
    if (s === undefined) s = T.zh[key];
    Object.keys(values || {}).forEach(function (k) { s = s.split('{' + k + '}').join(String(values[k])); });
    return s;
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function catLabel(c) { return (lang === 'zh' && T.zh.cat[c]) || c; }
  function mb(bytes) { return String(Math.round(bytes / 1024 / 1024 * 100) / 100); }
  function status(text, isError) {
    var s = $('status');
    s.textContent = text || '';
    s.classList.toggle('bad', !!isError);
  }

  // ---- language -------------------------------------------------------------------------
  function applyLang() {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.title = t('title') + ' · draftlint';
    document.querySelectorAll('[data-t]').forEach(function (e) { e.textContent = t(e.getAttribute('data-t')); });
    document.querySelectorAll('[data-tp]').forEach(function (e) { e.setAttribute('placeholder', t(e.getAttribute('data-tp'))); });
    $('lang-toggle').textContent = t('lang');
    showInfo();
  }
  $('lang-toggle').addEventListener('click', function () {
    lang = lang === 'en' ? 'zh' : 'en';
    var p = new URLSearchParams(location.search);
    if (lang === 'en') p.set('lang', 'en'); else p.delete('lang');
    history.replaceState(null, '', location.pathname + (p.toString() ? '?' + p.toString() : ''));
    applyLang();
    if (lastInput) run(lastInput);  // the messages come from the server, in the language asked for
  });

  // ---- the server's configuration and limits ---------------------------------------------
  function showInfo() {
    if (!info) return;
    var c = info.config, parts = [];
    parts.push(c.name || t('defaults'));
    if (c.select.length) parts.push(t('select') + ' ' + c.select.join(', '));
    if (c.extend_select.length) parts.push(t('extend') + ' ' + c.extend_select.join(', '));
    if (c.ignore.length) parts.push(t('ignore') + ' ' + c.ignore.join(', '));
    var sev = Object.keys(c.severity);
    if (sev.length) parts.push(t('severity_over') + ' ' + sev.map(function (k) { return k + '→' + c.severity[k]; }).join(', '));
    if (c.allow) parts.push(t('allow', {n: c.allow}));
    if (c.per_file_ignores) parts.push(t('pfi', {n: c.per_file_ignores}));
    if (c.required_sections.length) parts.push(t('required') + ' ' + c.required_sections.join(', '));
    parts.push(t('rules', {n: c.rules}));
    $('config-info').textContent = t('config') + parts.join(' · ');
    $('config-info').title = 'draftlint ' + info.version;
    $('formats').textContent = info.suffixes.join(' ');
    $('limits').textContent = t('limits', {files: info.limits.max_files, mb: mb(info.limits.max_upload_bytes)});
    $('file-input').setAttribute('accept', info.suffixes.join(','));
  }
  fetch('/api/info', {credentials: 'same-origin'}).then(function (r) { return r.json(); }).then(function (j) {
    info = j; showInfo();
  }).catch(function () { status(t('network'), true); });

  // ---- sending ----------------------------------------------------------------------------
  function tooMuch(files) {
    if (!info) return null;
    if (files.length > info.limits.max_files) return t('too_many', {n: info.limits.max_files});
    var total = files.reduce(function (a, f) { return a + f.size; }, 0);
    if (total > info.limits.max_upload_bytes) return t('too_large', {mb: mb(info.limits.max_upload_bytes)});
    return null;
  }
  function body(input, one) {
    if (input.text !== undefined) {
      return {body: JSON.stringify({text: input.text}), headers: {'Content-Type': 'application/json'}};
    }
    var form = new FormData();
    (one !== undefined ? [input.files[one]] : input.files).forEach(function (f) { form.append('files', f, f.name); });
    return {body: form, headers: {}};
  }
  function post(path, input, one) {
    var b = body(input, one);
    var sep = path.indexOf('?') < 0 ? '?' : '&';
    return fetch(path + sep + 'lang=' + lang, {method: 'POST', body: b.body, headers: b.headers, credentials: 'same-origin'});
  }
  function failure(r) {
    return r.json().then(function (j) { return j.error || r.statusText; }, function () { return r.status + ' ' + r.statusText; });
  }
  function run(input) {
    if (input.files) {
      var refused = tooMuch(input.files);
      if (refused) { status(refused, true); return; }
    }
    lastInput = input;
    status(input.files ? t('checking', {n: input.files.length}) : t('checking_text'));
    document.body.classList.add('busy');
    post('/api/check?include=text', input).then(function (r) {
      if (!r.ok) return failure(r).then(function (msg) { status(t('failed') + msg, true); });
      return r.json().then(function (j) {
        report = j;
        status(t('done', {files: j.summary.files, findings: j.summary.findings}));
        showReport();
      });
    }).catch(function () { status(t('network'), true); }).then(function () { document.body.classList.remove('busy'); });
  }

  var drop = $('drop');
  ['dragenter', 'dragover'].forEach(function (k) {
    drop.addEventListener(k, function (e) { e.preventDefault(); drop.classList.add('over'); });
  });
  ['dragleave', 'drop'].forEach(function (k) {
    drop.addEventListener(k, function () { drop.classList.remove('over'); });
  });
  drop.addEventListener('drop', function (e) {
    e.preventDefault();
    var files = Array.prototype.slice.call(e.dataTransfer.files || []);
    if (files.length) run({files: files});
  });
  drop.addEventListener('keydown', function (e) {  // the drop area chooses files from the keyboard too
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); $('file-input').click(); }
  });
  $('file-input').addEventListener('change', function () {
    var files = Array.prototype.slice.call(this.files || []);
    if (files.length) run({files: files});
    this.value = '';
  });
  $('paste-check').addEventListener('click', function () {
    var text = $('paste').value;
    if (!text.trim()) { status(t('empty_text'), true); return; }
    run({text: text});
  });

  // ---- showing ----------------------------------------------------------------------------
  function findingsOf(i) {
    var d = report.documents[i];
    return report.findings.slice(d.findings[0], d.findings[1]);
  }
  function counts(list) {
    var c = {error: 0, warning: 0, info: 0};
    list.forEach(function (f) { c[f.severity] += 1; });
    return c;
  }
  function showReport() {
    $('results').hidden = false;
    var tbody = $('file-list').querySelector('tbody');
    tbody.textContent = '';
    report.documents.forEach(function (d, i) {
      var tr = el('tr');
      tr.dataset.i = i;
      var name = el('td', 'name');
      var a = el('a', null, d.path);
      a.href = '#';
      a.addEventListener('click', function (e) { e.preventDefault(); showFile(i); });
      name.appendChild(a);
      tr.appendChild(name);
      if (d.error && d.findings[0] === d.findings[1]) {
        tr.className = 'unreadable';
        var td = el('td', null, t('unreadable'));
        td.colSpan = 4;
        td.title = d.error;
        tr.appendChild(td);
      } else {
        var list = findingsOf(i), c = counts(list);
        SEVERITIES.forEach(function (s) { tr.appendChild(el('td', 'n ' + s, c[s])); });
        tr.appendChild(el('td', 'n total', list.length));
        if (!list.length) tr.className = 'clean';
      }
      tbody.appendChild(tr);
    });
    showFile(0);
  }

  function showFile(i) {
    current = i;
    var d = report.documents[i], list = findingsOf(i);
    document.querySelectorAll('#file-list tbody tr').forEach(function (tr) { tr.classList.toggle('current', Number(tr.dataset.i) === i); });
    $('file-name').textContent = d.path;
    var err = $('file-error');
    err.hidden = !d.error;
    err.textContent = d.error ? t('unreadable') + '：' + d.error : '';
    var word = WORD_FORMATS[d.format] && !d.error && list.length > 0;
    $('dl-annotated').hidden = !word;
    var fixable = !d.error && list.some(function (f) { return f.fix && f.fix.safe && f.category !== 'placeholder'; });
    $('dl-fixed').hidden = !fixable;
    $('dl-fixed').textContent = d.format === 'txt' ? t('dl_fixed_txt') : t('dl_fixed');
    var c = counts(list);
    SEVERITIES.forEach(function (s) { $('n-' + s).textContent = c[s]; });
    $('total-count').textContent = list.length;
    fillSelect($('f-category'), unique(list.map(function (f) { return f.category; })), catLabel);
    fillSelect($('f-rule'), unique(list.map(function (f) { return f.rule; })), function (r) { return r; });
    $('filters').hidden = !list.length;
    renderDoc(d, list);
    renderList(list);
    applyFilters();
  }
  function unique(a) { return a.filter(function (v, i) { return a.indexOf(v) === i; }).sort(); }
  function fillSelect(sel, values, label) {
    sel.textContent = '';
    var all = el('option', null, t('all'));
    all.value = '';
    sel.appendChild(all);
    values.forEach(function (v) { var o = el('option', null, label(v)); o.value = v; sel.appendChild(o); });
  }

  // The paragraphs, each finding a <mark> on its columns (overlapping ones split at the edges).
  function renderDoc(d, list) {
    var doc = $('doc');
    doc.textContent = '';
    if (d.truncated) doc.appendChild(el('p', 'note', t('truncated')));
    var byLine = {};
    list.forEach(function (f, k) { (byLine[f.line] = byLine[f.line] || []).push(k); });
    d.blocks.forEach(function (b) {
      var line = b[0], label = b[1], text = b[2], where = b[3], part = b[4];
      var p = el('div', 'para part-' + part);
      p.dataset.line = line;
      p.title = where;
      if (!text && !label) p.classList.add('blank');
      if (label) p.appendChild(el('span', 'label', label));
      var ks = byLine[line] || [];
      if (ks.length) p.classList.add('has');
      var cuts = [0, text.length];
      ks.forEach(function (k) { cuts.push(list[k].column - 1, list[k].end_column - 1); });
      cuts = unique(cuts.filter(function (x) { return x >= 0 && x <= text.length; })).sort(function (a, b) { return a - b; });
      for (var j = 0; j + 1 < cuts.length; j++) {
        var a = cuts[j], z = cuts[j + 1];
        var node = document.createTextNode(text.slice(a, z));
        ks.forEach(function (k) {
          var f = list[k];
          if (f.column - 1 <= a && z <= f.end_column - 1) {
            var m = el('mark', f.severity);
            m.dataset.k = k;
            m.appendChild(node);
            node = m;
          }
        });
        p.appendChild(node);
      }
      ks.forEach(function (k) {  // a finding without width (a missing part) is marked at the end
        var f = list[k];
        if (f.column === f.end_column) { var m = el('mark', f.severity + ' empty', '⌁'); m.dataset.k = k; p.appendChild(m); }
      });
      doc.appendChild(p);
    });
    doc.querySelectorAll('mark').forEach(function (m) {
      m.addEventListener('click', function () { focus(Number(m.dataset.k), 'list'); });
    });
  }

  // The findings beside the text, grouped by severity.
  function renderList(list) {
    var box = $('list');
    box.textContent = '';
    if (!list.length) { box.appendChild(el('p', 'note', report.documents[current].error ? '' : t('no_findings'))); return; }
    SEVERITIES.forEach(function (s) {
      var ks = [];
      list.forEach(function (f, k) { if (f.severity === s) ks.push(k); });
      if (!ks.length) return;
      var group = el('section', 'group ' + s);
      group.dataset.severity = s;
      group.appendChild(el('h3', null, t(s) + ' (' + ks.length + ')'));
      var ol = el('ol', 'findings');
      ks.forEach(function (k) {
        var f = list[k];
        var li = el('li', 'finding');
        li.dataset.k = k; li.dataset.severity = f.severity; li.dataset.category = f.category; li.dataset.rule = f.rule;
        li.tabIndex = 0;
        var head = el('div', 'head');
        head.appendChild(el('span', 'sev ' + f.severity, t(f.severity)));
        head.appendChild(el('span', 'rule', f.rule));
        head.appendChild(el('span', 'cat', catLabel(f.category)));
        li.appendChild(head);
        li.appendChild(el('div', 'msg', f.message));
        var where = f.location + (f.heading_path.length ? ' · ' + f.heading_path.join(' › ') : '');
        li.appendChild(el('div', 'where', where));
        if (f.fix) li.appendChild(el('div', 'fix', t('fix') + (f.fix.safe ? '' : t('unsafe')) + '：“' + f.fix.replacement + '”'));
        li.addEventListener('click', function () { focus(k, 'doc'); });
        li.addEventListener('keydown', function (e) { if (e.key === 'Enter') focus(k, 'doc'); });
        ol.appendChild(li);
      });
      group.appendChild(ol);
      box.appendChild(group);
    });
  }

  function focus(k, where) {
    document.querySelectorAll('.flash').forEach(function (e) { e.classList.remove('flash'); });
    var li = document.querySelector('#list li[data-k="' + k + '"]');
    var marks = document.querySelectorAll('#doc mark[data-k="' + k + '"]');
    if (li) li.classList.add('flash');
    marks.forEach(function (m) { m.classList.add('flash'); });
    var target = where === 'doc' ? marks[0] : li;
    if (target) target.scrollIntoView({block: 'center', behavior: 'smooth'});
  }

  function applyFilters() {
    var sev = {};
    document.querySelectorAll('.f-sev').forEach(function (c) { sev[c.value] = c.checked; });
    var cat = $('f-category').value, rule = $('f-rule').value, shown = 0;
    var show = {};
    document.querySelectorAll('#list li.finding').forEach(function (li) {
      var ok = sev[li.dataset.severity] && (!cat || li.dataset.category === cat) && (!rule || li.dataset.rule === rule);
      li.hidden = !ok;
      show[li.dataset.k] = ok;
      if (ok) shown++;
    });
    document.querySelectorAll('#list section.group').forEach(function (g) {
      g.hidden = !g.querySelector('li.finding:not([hidden])');
    });
    document.querySelectorAll('#doc mark').forEach(function (m) { m.classList.toggle('off', !show[m.dataset.k]); });
    $('shown-count').textContent = shown;
  }
  document.querySelectorAll('.f-sev').forEach(function (c) { c.addEventListener('change', applyFilters); });
  $('f-category').addEventListener('change', applyFilters);
  $('f-rule').addEventListener('change', applyFilters);

  // ---- downloads ----------------------------------------------------------------------------
  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var a = el('a');
    a.href = url; a.download = name; a.hidden = true;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 10000);
    status(t('saved') + name);
  }
  function nameFrom(r, fallback) {
    var cd = r.headers.get('Content-Disposition') || '';
    var m = /filename\*=UTF-8''([^;]+)/i.exec(cd);
    return m ? decodeURIComponent(m[1]) : fallback;
  }
  function download(path, one, fallback) {
    if (!lastInput) return;
    status(t('downloading'));
    post(path, lastInput, one).then(function (r) {
      if (!r.ok) return failure(r).then(function (msg) { status(msg, true); });
      return r.blob().then(function (b) { save(b, nameFrom(r, fallback)); });
    }).catch(function () { status(t('network'), true); });
  }
  function oneFile() { return lastInput.files ? current : undefined; }
  $('dl-annotated').addEventListener('click', function () { download('/api/annotate', oneFile(), 'draftlint.docx'); });
  $('dl-fixed').addEventListener('click', function () { download('/api/fix', oneFile(), 'fixed'); });
  $('dl-html').addEventListener('click', function () { download('/api/report?format=html', undefined, 'draftlint-report.html'); });
  $('dl-json').addEventListener('click', function () {
    // the JSON report as the server gave it, without the paragraphs the page shows
    var copy = {};
    Object.keys(report).forEach(function (k) { if (k !== 'documents') copy[k] = report[k]; });
    save(new Blob([JSON.stringify(copy, null, 2) + '\n'], {type: 'application/json'}), 'draftlint-report.json');
  });

  applyLang();
})();
