"""The rule loader refuses bad rule files with file:line and a reason a person can fix."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from draftlint.ruleset import RuleFileError, load_rule_file, load_rules

from conftest import shared_path

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


def test_every_checker_module_is_a_registered_kind_that_declares_its_options():
    from draftlint import checkers
    from draftlint.checkers import KINDS, REQUIRED, module_of

    folder = Path(checkers.__file__).parent
    modules = {p.stem for p in folder.glob("*.py") if not p.name.startswith("_")}
    assert {kind.module for kind in KINDS.values()} == modules
    for name in KINDS:
        module = module_of(name)
        if name == "pattern":  # its rules give a pattern, not options
            continue
        assert isinstance(module.OPTIONS, dict) and callable(module.make), name
        assert all(k.isidentifier() for k in module.OPTIONS), name
        assert all(v is REQUIRED or v is None or isinstance(v, (str, int, float, bool, tuple, list)) for v in module.OPTIONS.values()), name


@pytest.mark.parametrize(
    "options,reason",
    [
        ("{colour: red}", "unknown options colour"),
        ("{}", "option 'unit' is required"),
        ("{unit: word}", "unit must be one of"),
    ],
)
def test_a_kinds_declared_options_are_checked_when_a_rule_file_loads(tmp_path, options, reason):
    path = tmp_path / "rules.yaml"
    path.write_text(GOOD.replace("kind: pattern\n    pattern: '示例'", f"kind: duplicates\n    options: {options}"), encoding="utf-8")
    with pytest.raises(RuleFileError, match=reason):
        load_rule_file(path)


# ---------------------------------------------------------------------------------- prebuilt store


@pytest.fixture
def fresh_store(tmp_path, monkeypatch):
    """The prebuilt store in a folder of its own, starting empty as in a new installation."""
    from draftlint import prebuilt

    def reset():
        monkeypatch.setattr(prebuilt, "_patterns", None)
        monkeypatch.setattr(prebuilt, "_literals", {})
        monkeypatch.setattr(prebuilt, "_data", {})
        monkeypatch.setattr(prebuilt, "_used", set())
        monkeypatch.setattr(prebuilt, "_dirty", False)

    monkeypatch.setattr(prebuilt, "FOLDER", str(tmp_path))
    reset()
    return prebuilt, reset


def test_pattern_store_gives_back_every_pattern_and_literal_it_kept(fresh_store):
    """Every built-in rule's patterns, saved and loaded again, are the same compiled code with the
    same literals, so a process that starts from the store finds exactly what one that compiles."""
    from draftlint import prefilter

    store, reset = fresh_store
    rules = load_rules()  # compiles everything and saves the store
    sources = list(store._patterns)
    assert {r.pattern for r in rules if r.pattern} <= {p for p, _ in sources}
    compiled = {s: store.compile(*s)._pickled_data for s in sources}
    needles = {r.pattern: prefilter.required_literals(r.pattern) for r in rules if r.pattern}
    assert list(Path(store.FOLDER).glob("prebuilt.*.pickle"))
    reset()
    store._load()
    assert len(store._patterns) >= len(sources) and not store._dirty
    for s in sources:
        assert s in store._patterns and store.compile(*s)._pickled_data == compiled[s]
    for p, literals in needles.items():
        assert prefilter.required_literals(p) == literals
    assert not store._dirty  # nothing had to be compiled or analysed again
    assert sum(k.startswith("rule-file:") for k in store._data) == len({r.source.rsplit(":", 1)[0] for r in rules})

    def described(rule_set):
        return [(r.id, r.source, r.message, r.kind, r.pattern, r.flag_examples, r.pass_examples, r.description)
                for r in rule_set]

    assert described(load_rules()) == described(rules)  # rule files from the store: same rules, same lines
    assert not store._dirty

    from draftlint.engine import read_and_lint

    seed = sorted(shared_path("seeds").glob("*.txt"))[0].read_bytes()
    # the literal database: one loaded from the store finds what a freshly compiled one finds
    pytest.importorskip("hyperscan")
    scanner = prefilter.SCANNER
    text = seed.decode("utf-8", "replace")
    scanner._database = None
    store._data.clear()
    fresh = scanner.scan(text)
    assert any(k.startswith("hyperscan:") for k in store._data) and fresh is not None
    scanner._database = None
    assert scanner.scan(text) == fresh and fresh[1]
    from_store = [(f.rule, f.start, f.match) for f in read_and_lint(seed, "a.txt", load_rules()).findings]
    store.FOLDER = None  # compile every pattern again
    reset()
    compiled_again = [(f.rule, f.start, f.match) for f in read_and_lint(seed, "a.txt", load_rules()).findings]
    assert from_store == compiled_again and len(from_store) > 20


def test_pattern_store_refuses_anything_but_patterns(fresh_store, tmp_path):
    """A store that would call anything else is ignored (and nothing is called)."""
    import pickle

    store, reset = fresh_store
    marker = tmp_path / "called"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    Path(store._file()).write_bytes(pickle.dumps(({}, {"x": Payload()}, store._analysis_stamp(), {})))
    assert store.compile("x+").match("xx")
    assert not marker.exists() and store._patterns == {("x+", 0): store._patterns[("x+", 0)]}


def test_pattern_store_keeps_plain_data_only(fresh_store):
    """Named tuples (the model's values) and str subclasses would be pickled as their classes,
    which the store's unpickler refuses: kept, they would stop every later store from loading."""
    from draftlint.model import Segment

    store, reset = fresh_store

    class Name(str):
        pass

    assert store.data("values", lambda: [Segment(0, 1, 0, 0)]) == [Segment(0, 1, 0, 0)]
    assert store.data("name", lambda: {"a": Name("b")}) == {"a": "b"}
    assert store.data("plain", lambda: {"a": [("b", 1, None)]}) == {"a": [("b", 1, None)]}
    store.save()
    reset()
    assert store.data("plain", lambda: None) == {"a": [("b", 1, None)]}  # the store loaded
    assert "values" not in store._data and "name" not in store._data


def test_pattern_store_drops_literals_when_the_analysis_changed(fresh_store, monkeypatch):
    store, reset = fresh_store
    store.literals("abc", lambda s: frozenset({"abc"}))
    store.save()
    reset()
    monkeypatch.setattr(store, "_analysis_stamp", lambda: (0, 0))  # prefilter.py edited since
    assert store.literals("abc", lambda s: frozenset({"new"})) == frozenset({"new"})


def test_pattern_store_keeps_only_what_is_used_once_it_is_full(fresh_store, monkeypatch):
    """Each edit of a user's rule file adds patterns; past the limits the store is written back
    with only what the writing process used, so it cannot grow without end."""
    store, reset = fresh_store
    monkeypatch.setattr(store, "MAX_ENTRIES", 10)
    for n in range(20):  # twenty versions of someone's rule, one process each
        reset()
        store.compile(f"旧规则{n}")
        store.compile("常用")
        store.save()
        reset()
        store._load()
        assert len(store._patterns) <= 11 and ("常用", 0) in store._patterns
    assert ("旧规则19", 0) in store._patterns and ("旧规则0", 0) not in store._patterns


def test_pattern_store_keeps_only_what_is_used_once_it_is_too_large(fresh_store, monkeypatch):
    """Every process reads the whole store when it starts: past MAX_BYTES the data of rule
    files edited since (a hundred versions of a user's file) is dropped, what is used stays."""
    store, reset = fresh_store
    monkeypatch.setattr(store, "MAX_BYTES", 64 * 1024)
    for n in range(100):
        reset()
        store.data(f"rule-file:{n}", lambda: "规则" * 500)
        store.data("rule-file:default", lambda: "默认" * 500)
        store.save()
    reset()
    store._load()
    assert os.path.getsize(store._file()) <= 64 * 1024
    assert "rule-file:default" in store._data and "rule-file:99" in store._data and "rule-file:0" not in store._data


def test_pattern_store_is_the_same_for_every_process(tmp_path):
    """Processes differ in how they order sets of strings (hash randomisation); the second process
    must find everything the first one stored (the literal database included) and write nothing.
    Before the needles were sorted, each process compiled its own database and added it."""
    import os
    import subprocess
    import sys

    pytest.importorskip("hyperscan")
    seed = sorted(shared_path("seeds").glob("*.txt"))[0]
    script = (
        "import sys\n"
        "from draftlint import prebuilt\n"
        "prebuilt.FOLDER = sys.argv[1]\n"
        "from draftlint.engine import read_and_lint\n"
        "from draftlint.ruleset import load_rules\n"
        "data = open(sys.argv[2], 'rb').read()\n"
        "print(len(read_and_lint(data, 'a.txt', load_rules()).findings))\n"
        "print(sum(k.startswith('hyperscan:') for k in prebuilt._data))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    store = None
    outputs = []
    for hash_seed in ("1", "2", "3"):
        out = subprocess.run([sys.executable, "-c", script, str(tmp_path), str(seed)], env={**env, "PYTHONHASHSEED": hash_seed},
                             capture_output=True, text=True, check=True).stdout.split("\n")
        outputs.append(out[0])
        files = list(tmp_path.glob("prebuilt.*.pickle"))
        assert len(files) == 1
        if store is None:
            store = (files[0].stat().st_mtime_ns, files[0].read_bytes())
        else:  # nothing new was built, so nothing was written
            assert out[1] == "1"
            assert (files[0].stat().st_mtime_ns, files[0].read_bytes()) == store
    assert len(set(outputs)) == 1 and int(outputs[0]) > 20


def test_traditional_character_scanners_find_exactly_their_sets():
    """The scanners are written as ranges of code points for speed; they must find every
    character of their set and no other, over the whole of Unicode."""
    from draftlint import zh_script

    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    for chars in (frozenset(zh_script.tables()[0]), zh_script.tables()[1], frozenset("丟並乾亂")):
        found = {m.group() for m in zh_script.scanner_of(chars).finditer(everything)}
        # characters beyond the BMP are matched as one range and checked against the set after
        assert {c for c in found if ord(c) <= 0xFFFF} == {c for c in chars if ord(c) <= 0xFFFF}
        assert {c for c in chars if ord(c) > 0xFFFF} <= found
    assert len(zh_script.tables()[0]) > 2000


def test_days_in_a_month_are_the_gregorian_calendars():
    """The dates rule counts days itself (importing calendar cost every process 2.5 ms)."""
    import calendar

    from draftlint.checkers.dates import days_in

    for year in range(1600, 2401):
        for month in range(1, 13):
            assert days_in(month, year) == calendar.monthrange(year, month)[1], (year, month)


def test_pattern_store_lives_in_the_users_cache_folder(tmp_path):
    """Not inside the installed package (read-only installs, uninstall), and written also where
    Python writes no bytecode (containers set PYTHONDONTWRITEBYTECODE)."""
    import os
    import subprocess
    import sys

    import draftlint

    package = Path(draftlint.__file__).parent
    before = sorted(package.rglob("*.pickle"))
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "PYTHONDONTWRITEBYTECODE": "1", "HOME": str(tmp_path)}
    text = tmp_path / "a.txt"
    text.write_text("在xx区召开会议。\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "draftlint", "check", "--no-cache", str(text)], env=env, capture_output=True, check=False)
    stores = list((tmp_path / "draftlint").glob("prebuilt.*.pickle"))
    assert len(stores) == 1 and stores[0].stat().st_size > 100_000
    assert sorted(package.rglob("*.pickle")) == before



def test_every_builtin_rule_is_described_in_chinese_and_in_english():
    for rule in load_rules():
        zh, en = rule.description.zh, rule.description.en
        assert zh.strip() and en.strip(), f"{rule.source}: {rule.id} needs description zh and en"
        assert zh != en, f"{rule.source}: {rule.id}'s description has no Chinese"
        han = [sum("\u4e00" <= c <= "\u9fff" for c in text) for text in (zh, en)]
        assert han[0] > han[1] + 5, f"{rule.source}: {rule.id}: the zh description is not in Chinese"
        assert "\n" not in zh, f"{rule.source}: {rule.id}: write each Chinese paragraph on one line (a line break shows as a space)"
        for ref in ("GB/T 15834-2011", "GB/T 15835-2011", "GB/T 9704-2012"):
            assert (ref in zh) == (ref in en), f"{rule.source}: {rule.id}: zh and en cite different standards"


def test_a_description_is_zh_and_en_or_one_plain_string(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text(GOOD.replace("    kind:", "    description: |\n      Flags 示例,\n      as written.\n    kind:"), encoding="utf-8")
    (rule,) = load_rule_file(path)
    assert rule.description.zh == rule.description.en == "Flags 示例,\nas written."

    path.write_text(GOOD.replace("    kind:", "    description: {zh: 示例说明, en: The demo}\n    kind:"), encoding="utf-8")
    (rule,) = load_rule_file(path)
    assert (rule.description.get("zh"), rule.description.get("en")) == ("示例说明", "The demo")

    path.write_text(GOOD, encoding="utf-8")
    (rule,) = load_rule_file(path)
    assert rule.description.get("zh") == rule.description.get("en") == ""

    for bad in ("{zh: 只有中文}", "{zh: 说明, en: Text, fr: Texte}", "[a, b]", "42"):
        path.write_text(GOOD.replace("    kind:", f"    description: {bad}\n    kind:"), encoding="utf-8")
        with pytest.raises(RuleFileError) as err:
            load_rule_file(path)
        assert str(err.value).startswith(f"{path}:7:") and "'zh' and 'en'" in str(err.value)
