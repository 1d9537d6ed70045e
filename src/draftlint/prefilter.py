"""Find, once per document, the few blocks where a pattern rule could match.

Most pattern rules can only match where some literal text occurs: PH005 needs ``_`` or ``＿``,
PH007 needs ``此处`` or ``请`` or ``TODO``... :func:`required_literals` reads a rule's regular
expression and derives such a set of strings, at least one of which occurs in every block the
pattern can match in (text that lookarounds require counts too: it must be in the block).
:class:`BlockIndex` then finds, with fast substring searches over the document's joined text, the
blocks holding any of them, and the rule runs only there.

The analysis is derived from each pattern automatically, so a new rule needs no bookkeeping.
It only ever narrows the blocks to search, never changes what a search finds; a pattern it
cannot analyse (inline flags, backreferences, fuzzy matching, sets it cannot enumerate at the
points that matter) gets ``None`` and runs on every block, as without the prefilter.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import product
from typing import Iterable

#: Off only to prove, in tests, that the prefilter never changes a finding.
ENABLED = True

_MAX_SET = 64  # characters a class may stand for and still be enumerated
_MAX_LITERALS = 256  # strings a need may hold before it is no longer worth searching for
_QUANT = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_CLASS_ESCAPES = frozenset("dDwWsSpPhHX")  # character classes that are not enumerated
_ZERO_WIDTH_ESCAPES = frozenset("bBAZzGmM")


class Unsupported(Exception):
    """The pattern uses syntax this analysis does not model; the rule runs on every block."""


# A node's analysis: ``exact`` is the finite set of strings it matches (or None), ``need`` a set
# of strings one of which occurs in any block where it matches (or None: no requirement known).
Node = tuple  # (exact: frozenset[str] | None, need: frozenset[str] | None)
_EMPTY: Node = (frozenset({""}), None)
_ANY: Node = (None, None)


def required_literals(pattern: str) -> frozenset[str] | None:
    """Strings one of which occurs in every block ``pattern`` matches in, or None if unknown.
    The strings are remembered by :data:`SCANNER`, which finds all of them in one pass."""
    from . import prebuilt

    needles = prebuilt.literals(pattern, _analyse)
    if needles is not None:
        SCANNER.learn(needles)
    return needles


def _analyse(pattern: str) -> frozenset[str] | None:
    try:
        parser = _Parser(pattern)
        node = parser.alternation()
        if parser.pos != len(pattern):
            raise Unsupported(f"unbalanced ')' at {parser.pos}")
    except (Unsupported, IndexError, ValueError):
        return None
    return _need_of(node)


def _useful(need: Iterable[str] | None) -> frozenset[str] | None:
    if need is None:
        return None
    need = frozenset(need)
    if not need or "" in need or len(need) > _MAX_LITERALS:
        return None
    return need


def _need_of(node: Node) -> frozenset[str] | None:
    exact, need = node
    return _best([_useful(exact), need])


def _score(need: frozenset[str]) -> tuple[int, int]:
    return (min(len(s) for s in need), -len(need))


def _best(candidates: Iterable[frozenset[str] | None]) -> frozenset[str] | None:
    usable = [c for c in candidates if c is not None]
    return max(usable, key=_score) if usable else None


def _product(sets: list[frozenset[str]]) -> frozenset[str] | None:
    size = 1
    for s in sets:
        size *= len(s)
        if size > _MAX_LITERALS:
            return None
    return frozenset("".join(p) for p in product(*sets))


class _Parser:
    """Recursive descent over the ``regex`` module's syntax (the subset rules use)."""

    def __init__(self, pattern: str):
        self.p = pattern
        self.pos = 0

    def peek(self) -> str | None:
        return self.p[self.pos] if self.pos < len(self.p) else None

    def alternation(self) -> Node:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.pos += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        exacts = [b[0] for b in branches]
        exact = frozenset().union(*exacts) if all(e is not None for e in exacts) else None
        needs = [_need_of(b) for b in branches]
        need = frozenset().union(*needs) if all(n is not None for n in needs) else None
        return (exact if exact is None or len(exact) <= _MAX_LITERALS else None, _useful(need))

    def sequence(self) -> Node:
        items: list[Node] = []
        while self.peek() not in (None, "|", ")"):
            items.append(self.quantified(self.atom()))
        if not items:
            return _EMPTY
        candidates = [n for _, n in items]
        run: list[frozenset[str]] = []
        runs: list[frozenset[str] | None] = []
        for exact, _ in items + [_ANY]:
            if exact is not None:
                run.append(exact)
                continue
            if run:
                runs.append(_product(run))
            run = []
        candidates += runs
        exact = runs[0] if len(runs) == 1 and all(e is not None for e, _ in items) else None
        return (exact, _best(_useful(c) for c in candidates))

    def quantified(self, node: Node) -> Node:
        c = self.peek()
        if c in ("?", "*", "+"):
            self.pos += 1
            lo, hi = {"?": (0, 1), "*": (0, None), "+": (1, None)}[c]
        elif c == "{":
            m = _QUANT.match(self.p, self.pos)
            if m is None or (not m.group(1) and not m.group(3) and m.group(2)):
                raise Unsupported("'{' that is not a repeat (fuzzy matching?)")
            self.pos = m.end()
            lo = int(m.group(1) or 0)
            hi = lo if m.group(2) is None else (int(m.group(3)) if m.group(3) else None)
        else:
            return node
        if self.peek() in ("?", "+"):
            self.pos += 1
        if self.peek() in ("?", "*", "+", "{"):
            raise Unsupported("stacked quantifiers")
        exact, need = node
        if lo == 0:
            return (frozenset({""}) if hi == 0 else None, None)
        need = _need_of(node)
        if lo == hi == 1:
            return node
        if exact is not None and lo == hi:
            return (_product([exact] * lo), need)
        if exact is not None:  # x{3,} holds xxx: a rarer string to look for than x
            need = _best([need, _useful(_product([exact] * lo))])
        return (None, need)

    def atom(self) -> Node:
        c = self.p[self.pos]
        self.pos += 1
        if c == "(":
            return self.group()
        if c == "[":
            return self.char_class()
        if c == "\\":
            return self.escape()
        if c == ".":
            return _ANY
        if c in "^$":
            return _EMPTY
        if c in "*+?{":
            raise Unsupported(f"nothing to repeat at {self.pos}")
        return (frozenset({c}), frozenset({c}))

    def group(self) -> Node:
        kind = "capture"
        if self.p.startswith("?", self.pos):
            rest = self.p[self.pos :]
            for prefix, k in (("?:", "group"), ("?>", "group"), ("?|", "group"), ("?=", "ahead"), ("?!", "not"),
                              ("?<=", "ahead"), ("?<!", "not"), ("?#", "comment")):
                if rest.startswith(prefix):
                    kind = k
                    self.pos += len(prefix)
                    break
            else:
                m = re.match(r"\?P?<[A-Za-z_]\w*>", rest)
                if m is None:
                    raise Unsupported(f"group syntax {rest[:4]!r}")  # inline flags, conditionals...
                self.pos += m.end()
        if kind == "comment":
            end = self.p.index(")", self.pos)
            self.pos = end + 1
            return _EMPTY
        inner = self.alternation()
        if self.peek() != ")":
            raise Unsupported("missing ')'")
        self.pos += 1
        if kind == "ahead":  # consumes nothing, but what it needs must be in the block
            return (frozenset({""}), _need_of(inner))
        if kind == "not":
            return _EMPTY
        return inner

    def escape(self) -> Node:
        c = self.p[self.pos]
        self.pos += 1
        if c in _CLASS_ESCAPES:
            if c in "pP" and self.peek() == "{":
                self.pos = self.p.index("}", self.pos) + 1
            elif c in "pP":
                self.pos += 1
            return _ANY
        if c in _ZERO_WIDTH_ESCAPES:
            return _EMPTY
        ch = self._escaped_char(c)
        return (frozenset({ch}), frozenset({ch}))

    def _escaped_char(self, c: str) -> str:
        if c in _SIMPLE_ESCAPES:
            return _SIMPLE_ESCAPES[c]
        for letter, width in (("x", 2), ("u", 4), ("U", 8)):
            if c == letter:
                digits = self.p[self.pos : self.pos + width]
                if len(digits) != width or not all(d in "0123456789abcdefABCDEF" for d in digits):
                    raise Unsupported(f"bad \\{letter} escape")
                self.pos += width
                return chr(int(digits, 16))
        if c.isalnum():  # backreferences, octal, \N{...}, \K and the like
            raise Unsupported(f"escape \\{c}")
        return c

    def char_class(self) -> Node:
        chars: set[str] = set()
        enumerable = True
        negated = self.peek() == "^"
        if negated:
            self.pos += 1
        first = True
        while True:
            c = self.p[self.pos]
            if c == "]" and not first:
                self.pos += 1
                break
            first = False
            if c == "[" or self.p.startswith(("--", "&&", "||", "~~"), self.pos):
                raise Unsupported("nested sets or set operations")
            lo = self._class_char()
            if lo is None:
                enumerable = False
                continue
            if self.peek() == "-" and self.p[self.pos + 1] != "]":
                self.pos += 1
                hi = self._class_char()
                if hi is None or ord(hi) < ord(lo):
                    raise Unsupported("bad range")
                if ord(hi) - ord(lo) >= _MAX_SET:
                    enumerable = False
                else:
                    chars.update(chr(o) for o in range(ord(lo), ord(hi) + 1))
                continue
            chars.add(lo)
        if negated or not enumerable or len(chars) > _MAX_SET:
            return _ANY
        exact = frozenset(chars)
        return (exact, exact)

    def _class_char(self) -> str | None:
        """One member of a class: a character, or None for a class escape such as ``\\p{Han}``."""
        c = self.p[self.pos]
        self.pos += 1
        if c != "\\":
            return c
        e = self.p[self.pos]
        self.pos += 1
        if e in _CLASS_ESCAPES:
            if e in "pP":
                self.pos = self.p.index("}", self.pos) + 1 if self.peek() == "{" else self.pos + 1
            return None
        if e == "b":
            return "\b"
        return self._escaped_char(e)


class NeedleScanner:
    """Which of every needle the rules asked for occur in a text, in one pass.

    The rules of a run need a few hundred strings; looking for each with ``str.find`` costs a
    scan of the document per string (2.7 ms of a 12,000-character draft's 9 ms). With Hyperscan
    (``hyperscan`` package, literal mode) one scan finds them all, reporting each present string
    once; the blocks are then looked up only for those. Without it (``enabled`` off, or the
    package missing on this platform) nothing is known in advance and every needle is looked for
    with ``str.find``: the same blocks either way.
    """

    def __init__(self) -> None:
        self._asked: set[str] = set()  # every string the rules asked for
        self._database = None
        self._scratch = None
        self._pid = -1
        self.enabled = True  # off only in tests, to compare with str.find alone

    def learn(self, needles: Iterable[str]) -> None:
        for needle in needles:
            # "" is in every text; NUL ends a string for the C library: str.find looks for those
            if needle and "\x00" not in needle and needle not in self._asked:
                self._asked.add(needle)
                self._database = None  # rebuilt with the new string at the next scan

    def scan(self, text: str) -> tuple[frozenset[str], frozenset[str]] | None:
        """``(strings looked for, those present)``; None when Hyperscan is not available."""
        if not self.enabled or not self._asked or not self._build():
            return None
        needles = self._needles
        found: set[int] = set()
        self._database.scan(
            text.encode("utf-8", "surrogatepass"), match_event_handler=lambda i, *_: found.add(i), scratch=self._scratch
        )
        return self._known, frozenset(needles[i] for i in found)

    def _build(self) -> bool:
        import os

        if self._database is not None and self._pid == os.getpid():
            return True
        try:
            import hyperscan
        except ImportError:
            self.enabled = False
            return False
        from . import prebuilt

        # sorted: the needles arrive in the order of frozensets, which differs from process to
        # process, and the stored database is found by them (unsorted, every process compiled
        # its own and added it to the store)
        self._needles = sorted(self._asked)
        self._known = frozenset(self._needles)

        def compile_database() -> bytes | None:
            database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
            try:
                database.compile(
                    expressions=[n.encode("utf-8", "surrogatepass") for n in self._needles],
                    ids=list(range(len(self._needles))),
                    elements=len(self._needles),
                    flags=[hyperscan.HS_FLAG_SINGLEMATCH] * len(self._needles),
                    literal=True,
                )
            except hyperscan.error:  # e.g. a CPU it does not support: str.find does the work
                return None
            return hyperscan.dumpb(database)

        # compiled once per set of needles and kept with the patterns (a database that does not
        # load here, e.g. made on another CPU, is compiled again)
        key = f"hyperscan:{getattr(hyperscan, '__version__', '')}:" + "\x00".join(self._needles)
        serialized = prebuilt.data(key, compile_database)
        try:
            database = hyperscan.loadb(serialized, mode=hyperscan.HS_MODE_BLOCK) if serialized else None
        except hyperscan.error:
            serialized = compile_database()
            database = hyperscan.loadb(serialized, mode=hyperscan.HS_MODE_BLOCK) if serialized else None
        if database is None:
            self.enabled = False
            return False
        # A process's own scratch space (a forked worker must not share its parent's).
        self._database, self._scratch, self._pid = database, hyperscan.Scratch(database), os.getpid()
        return True


#: The one scanner of this process: every needle derived by :func:`required_literals`.
SCANNER = NeedleScanner()


class BlockIndex:
    """One document's blocks joined, to find quickly which blocks contain given strings."""

    def __init__(self, texts: list[str]):
        self.text = "\n".join(texts)
        self.starts: list[int] = []
        pos = 0
        for t in texts:
            self.starts.append(pos)
            pos += len(t) + 1
        self._memo: dict[str, list[int]] = {}
        self._sets: dict[frozenset[str], list[int]] = {}  # rules share need sets (、, 年, %...)
        self._scanned: tuple[frozenset[str], frozenset[str]] | None | bool = False

    def blocks_containing(self, needles: frozenset[str]) -> list[int]:
        """Indexes (ascending) of the blocks in which any of ``needles`` occurs."""
        found = self._sets.get(needles)
        if found is not None:
            return found
        if self._scanned is False:
            self._scanned = SCANNER.scan(self.text)
        present = needles
        if self._scanned is not None:
            known, seen = self._scanned
            if needles <= known:  # the scan saw which occur: look only for those (set ops in C)
                present = needles & seen
        if len(present) == 1:
            found = self._blocks_with(next(iter(present)))
        else:
            hits: set[int] = set()
            for needle in present:
                hits.update(self._blocks_with(needle))
            found = sorted(hits)
        self._sets[needles] = found
        return found

    def _blocks_with(self, needle: str) -> list[int]:
        """The blocks holding ``needle``, found with ``str.find`` (far faster than a regex
        alternation), resumed at the next block after each hit."""
        found = self._memo.get(needle)
        if found is not None:
            return found
        text, starts, n = self.text, self.starts, len(self.starts)
        found = []
        at = text.find(needle)
        while at >= 0:
            b = bisect_right(starts, at) - 1
            found.append(b)
            if b + 1 >= n:
                break
            at = text.find(needle, starts[b + 1])
        self._memo[needle] = found
        return found
