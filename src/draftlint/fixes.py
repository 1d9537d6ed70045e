"""Which fixes to apply, and applying them to text and to TXT files.

A finding may carry a :class:`~draftlint.model.Fix` (a replacement for exactly its match).
:func:`plan_fixes` picks the ones to apply: safe ones (and unsafe ones only when asked), never a
placeholder (only a person knows the missing name or number), and, where fixes overlap in one
block, the one that starts first (then the shorter, then the lower rule id) — the others are
reported as skipped. The same plan drives TXT in place, ``--diff`` and tracked changes in DOCX.
"""

from __future__ import annotations

from .model import Finding
from .readers.errors import ReadError
from .readers.txt import exact_text, join_with_ends, split_with_ends


def plan_fixes(findings: list[Finding], unsafe: bool = False) -> tuple[list[Finding], list[tuple[Finding, str]]]:
    """``(to apply, [(finding, why not)])`` for the findings that carry a fix."""
    chosen: list[Finding] = []
    skipped: list[tuple[Finding, str]] = []
    last: dict[tuple[str, int], Finding] = {}
    for f in sorted((f for f in findings if f.fix is not None), key=lambda f: (f.path, f.block.index, f.start, f.end, f.rule)):
        if f.category == "placeholder":
            skipped.append((f, "placeholders are never fixed automatically"))
            continue
        if not f.fix.safe and not unsafe:
            skipped.append((f, "unsafe fix (use --unsafe-fixes)"))
            continue
        if f.fix.replacement == f.match:
            continue
        prev = last.get((f.path, f.block.index))
        if prev is not None and f.start < prev.end:
            if (prev.start, prev.end, prev.fix.replacement) != (f.start, f.end, f.fix.replacement):
                skipped.append((f, f"overlaps the fix of {prev.rule}"))
            continue
        last[(f.path, f.block.index)] = f
        chosen.append(f)
    return chosen, skipped


def apply_to_text(text: str, fixes: list[Finding]) -> str:
    """``text`` with non-overlapping ``fixes`` (findings of one block) applied."""
    for f in sorted(fixes, key=lambda f: f.start, reverse=True):
        text = text[: f.start] + f.fix.replacement + text[f.end :]
    return text


def fixed_blocks(fixes: list[Finding]) -> dict[int, tuple[str, str]]:
    """``{block index: (old text, new text)}`` for one file's planned fixes."""
    by_block: dict[int, list[Finding]] = {}
    for f in fixes:
        by_block.setdefault(f.block.index, []).append(f)
    return {i: (group[0].block.text, apply_to_text(group[0].block.text, group)) for i, group in by_block.items()}


def diff(path: str, fixes: list[Finding]) -> str:
    """A unified diff of the blocks (lines of a TXT, paragraphs of a DOCX) the fixes change."""
    changed = sorted(fixed_blocks(fixes).items())
    if not changed:
        return ""
    out = [f"--- a/{path}\n", f"+++ b/{path}\n"]
    for index, (old, new) in changed:
        out += [f"@@ -{index + 1} +{index + 1} @@\n", f"-{old}\n", f"+{new}\n"]
    return "".join(out)


def fix_txt(data: bytes, fixes: list[Finding]) -> bytes:
    """The bytes of a TXT file with ``fixes`` applied: same encoding, BOM and line endings.

    Raises :class:`ReadError` when the file could not be written back unchanged apart from the
    fixes (bytes that did not decode, or a line that no longer matches what was linted).
    """
    text, bom, codec = exact_text(data)
    parts, ends = split_with_ends(text)
    for index, (old, new) in fixed_blocks(fixes).items():
        if index >= len(parts) or parts[index] != old:
            raise ReadError("not fixed: the file changed since it was checked")
        parts[index] = new
    return bom + join_with_ends(parts, ends).encode(codec)
