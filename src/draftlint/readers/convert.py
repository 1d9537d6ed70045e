"""Other word-processor formats (.doc, .wps, .odt, .rtf) through LibreOffice.

The file's bytes are written into a private temporary folder (mode 0700, removed afterwards) and
converted there by ``soffice --headless --convert-to docx`` with its own throw-away profile and
a time limit; the DOCX it writes is then read like any other. The input file itself is never
opened by LibreOffice, so it cannot be modified.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path, PurePath

from .errors import ReadError

#: Seconds one conversion may take (override with DRAFTLINT_CONVERT_TIMEOUT).
DEFAULT_TIMEOUT = 120
INSTALL_HINT = (
    "LibreOffice is needed to read {suffix} files but soffice was not found: install it "
    "(Debian/Ubuntu: sudo apt-get install libreoffice-writer; Windows/macOS: https://www.libreoffice.org/download) "
    "and make sure soffice is on PATH, or save the file as .docx"
)


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _timeout() -> float:
    try:
        return max(1.0, float(os.environ.get("DRAFTLINT_CONVERT_TIMEOUT", DEFAULT_TIMEOUT)))
    except ValueError:
        return DEFAULT_TIMEOUT


def convert(data: bytes, path: str, target: str = "docx") -> bytes:
    """The bytes of ``data`` (named ``path``) converted by LibreOffice to ``target``."""
    suffix = PurePath(path).suffix.lower()
    soffice = find_soffice()
    if soffice is None:
        raise ReadError(INSTALL_HINT.format(suffix=suffix))
    with tempfile.TemporaryDirectory(prefix="draftlint-") as tmp:
        work = Path(tmp)
        source = work / f"input{suffix}"
        source.write_bytes(data)
        out_dir = work / "out"
        cmd = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
            "--convert-to", target, "--outdir", str(out_dir), str(source),
        ]
        try:
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                    cwd=tmp, start_new_session=True, env={**os.environ, "HOME": tmp})
        except OSError as exc:
            raise ReadError(f"cannot start LibreOffice ({soffice}): {exc}") from None
        try:
            _, err = proc.communicate(timeout=_timeout())
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise ReadError(f"LibreOffice did not finish converting the file within {_timeout():.0f} s") from None
        produced = out_dir / f"input.{target.split(':')[0]}"
        if not produced.is_file() or produced.stat().st_size == 0:
            detail = err.decode("utf-8", "replace").strip().splitlines()
            reason = f": {detail[-1]}" if detail else ""
            raise ReadError(f"LibreOffice could not convert this {suffix} file (damaged or password-protected?){reason}")
        return produced.read_bytes()
