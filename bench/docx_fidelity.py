"""How closely draftlint's DOCX reader agrees with LibreOffice about a document's body text.

For every .docx/.docm/.dotx under a folder, LibreOffice converts the file to plain text
(``soffice --headless --convert-to txt``) and draftlint reads it; both texts of the body (body
paragraphs, tables and automatic list labels; LibreOffice's text export has no headers, footers,
notes, comments or text boxes) are compared character by character with white space removed.

    python bench/docx_fidelity.py /work/shared/corpus/docx-wild [--worst 15] [--json out.json]

Agreement of a file = 2 × matching characters / (draftlint characters + LibreOffice characters)
(difflib's ratio); the total weighs every file by its size. Files either side cannot read are
counted and listed separately, not scored.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from draftlint.readers import ReadError, read_document
from draftlint.readers.convert import find_soffice

SUFFIXES = {".docx", ".docm", ".dotx", ".dotm"}
_SPACE = re.compile(r"\s+")
BATCH = 25
MAX_CELLS = 4_000_000  # exact character alignment only below this many (len × len) cells


def ours(path: Path, parts: tuple[str, ...] = ("body", "table")) -> str:
    doc = read_document(path.read_bytes(), str(path))
    return "\n".join(b.display_text for b in doc.blocks if b.part in parts)


def _lines(text: str) -> list[str]:
    return [x for x in (_SPACE.sub("", line) for line in text.splitlines()) if x]


def _matched_chars(a: list[str], b: list[str]) -> int:
    """Characters in common: align paragraphs first, then characters inside differing stretches."""
    matched = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            matched += sum(len(x) for x in a[i1:i2])
        elif tag == "replace":
            x, y = "".join(a[i1:i2]), "".join(b[j1:j2])
            if len(x) * len(y) > MAX_CELLS:  # too big to align exactly: use difflib's fast heuristic
                cm = difflib.SequenceMatcher(None, x, y)
            else:
                cm = difflib.SequenceMatcher(None, x, y, autojunk=False)
            matched += sum(m.size for m in cm.get_matching_blocks())
    return matched


def libreoffice_texts(files: list[Path], out: Path, soffice: str) -> None:
    profile = (out / "profile").as_uri()
    for i in range(0, len(files), BATCH):
        chunk = files[i : i + BATCH]
        for n, f in enumerate(chunk):  # unique names: corpora repeat base names across folders
            link = out / "in" / f"{i + n:05d}{f.suffix}"
            link.parent.mkdir(exist_ok=True)
            link.write_bytes(f.read_bytes())
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to",
               "txt:Text (encoded):UTF8", "--outdir", str(out / "txt")]
        cmd += [str(out / "in" / f"{i + n:05d}{f.suffix}") for n, f in enumerate(chunk)]
        try:
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
        except subprocess.TimeoutExpired:
            print(f"LibreOffice timed out on batch {i // BATCH}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--worst", type=int, default=15, help="list this many least-agreeing files")
    ap.add_argument("--json", type=Path, help="write per-file results here")
    ap.add_argument("--with-textboxes", action="store_true", help="count text-box text as body text too")
    ap.add_argument("--workdir", type=Path, help="keep LibreOffice's texts here and reuse them on the next run")
    args = ap.parse_args(argv)
    soffice = find_soffice()
    if soffice is None:
        print("LibreOffice (soffice) is needed for this comparison", file=sys.stderr)
        return 2
    files = sorted(p for p in args.folder.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
    rows = []
    with tempfile.TemporaryDirectory(prefix="draftlint-fidelity-") as tmp:
        out = args.workdir or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        t0 = time.monotonic()
        if not (out / "txt").is_dir():
            libreoffice_texts(files, out, soffice)
        lo_seconds = time.monotonic() - t0
        for i, f in enumerate(files):
            lo_file = out / "txt" / f"{i:05d}.txt"
            lo = lo_file.read_text("utf-8", errors="replace").lstrip("\ufeff") if lo_file.exists() else None
            try:
                mine = ours(f, ("body", "table", "textbox") if args.with_textboxes else ("body", "table"))
            except ReadError as exc:
                mine, error = None, str(exc)
            else:
                error = None
            row = {"file": str(f.relative_to(args.folder)), "draftlint_error": error, "libreoffice_read": lo is not None}
            if mine is not None and lo is not None:
                a, b = _lines(mine), _lines(lo)
                matched = _matched_chars(a, b)
                na, nb = sum(map(len, a)), sum(map(len, b))
                row.update(ours=na, libreoffice=nb, matched=matched,
                           agreement=(2 * matched / (na + nb)) if (na or nb) else 1.0)
            rows.append(row)
    scored = [r for r in rows if "agreement" in r]
    total_a = sum(r["ours"] for r in scored)
    total_b = sum(r["libreoffice"] for r in scored)
    matched = sum(r["matched"] for r in scored)
    print(f"files: {len(files)}; compared: {len(scored)}; "
          f"draftlint could not read: {sum(1 for r in rows if r['draftlint_error'])}; "
          f"LibreOffice could not read: {sum(1 for r in rows if not r['libreoffice_read'])}")
    print(f"characters (no white space): draftlint {total_a}, LibreOffice {total_b}, matching {matched}")
    print(f"agreement (all characters): {2 * matched / max(1, total_a + total_b):.4f}")
    exact = sum(1 for r in scored if r["agreement"] >= 0.999)
    print(f"files agreeing ≥ 99.9 %: {exact}/{len(scored)}; median file agreement: "
          f"{sorted(r['agreement'] for r in scored)[len(scored) // 2]:.4f}" if scored else "")
    print(f"LibreOffice conversion time: {lo_seconds:.1f} s")
    for r in sorted(scored, key=lambda r: (r["agreement"], -r["ours"] - r["libreoffice"]))[: args.worst]:
        print(f"  {r['agreement']:.3f}  ours {r['ours']:>6}  LO {r['libreoffice']:>6}  {r['file']}")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
