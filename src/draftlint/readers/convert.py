"""Other word-processor formats (.doc, .wps, .odt, .rtf) through LibreOffice.

The file's bytes are written into a private temporary folder (mode 0700, removed afterwards) and
converted there by ``soffice --headless --convert-to docx`` with its own throw-away profile and
a time limit; the DOCX it writes is then read like any other. The input file itself is never
opened by LibreOffice, so it cannot be modified.

A conversion never reaches the network: a document that links an image or a text by URL would
otherwise make LibreOffice fetch it (an ``OPTIONS`` and a ``GET`` to the address the file names),
telling its sender who opened the draft and when, and forging a request from inside the office
network. The throw-away profile blocks every link from a document outside LibreOffice's trusted
locations (``BlockUntrustedRefererLinks``; there are none), never updates links and runs no macro;
where the system allows it (Linux with user namespaces), LibreOffice also runs in a network
namespace of its own, which has no route out at all.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from functools import lru_cache
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


#: The settings of the throw-away profile: no link from a document is followed, no link is
#: updated, no macro runs.
_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>2</value></prop></item>
</oor:items>
"""


@lru_cache(maxsize=1)
def offline_prefix() -> tuple[str, ...]:
    """``unshare -rn`` (a user and network namespace: no network but a loopback of its own)
    where this system lets an ordinary process make one; otherwise nothing."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    try:
        probe = subprocess.run([unshare, "-rn", "true"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return ()
    return (unshare, "-rn") if probe.returncode == 0 else ()


def _timeout() -> float:
    try:
        return max(1.0, float(os.environ.get("DRAFTLINT_CONVERT_TIMEOUT", DEFAULT_TIMEOUT)))
    except ValueError:
        return DEFAULT_TIMEOUT


#: This process's last conversion: ((SHA-256 of the input, its suffix, the target), the bytes
#: LibreOffice made). A legacy file is read to be linted and then again for the copy annotate and
#: fix write from it (and for the paragraphs draftlint serve's page shows): one conversion, not two.
_last: tuple[tuple[bytes, str, str], bytes] | None = None


def convert(data: bytes, path: str, target: str = "docx") -> bytes:
    """The bytes of ``data`` (named ``path``) converted by LibreOffice to ``target`` (the same
    input as the last call's is not converted again)."""
    global _last
    import hashlib

    key = (hashlib.sha256(data).digest(), PurePath(path).suffix.lower(), target)
    if _last is not None and _last[0] == key:
        return _last[1]
    out = _convert(data, path, target)
    _last = (key, out)
    return out


def forget() -> None:
    """Drop the last conversion (``draftlint serve`` keeps nothing of a request once it is answered)."""
    global _last
    _last = None


def _convert(data: bytes, path: str, target: str) -> bytes:
    suffix = PurePath(path).suffix.lower()
    soffice = find_soffice()
    if soffice is None:
        raise ReadError(INSTALL_HINT.format(suffix=suffix))
    with tempfile.TemporaryDirectory(prefix="draftlint-") as tmp:
        work = Path(tmp)
        source = work / f"input{suffix}"
        source.write_bytes(data)
        out_dir = work / "out"
        settings = work / "profile" / "user" / "registrymodifications.xcu"
        settings.parent.mkdir(parents=True)
        settings.write_text(_PROFILE, encoding="utf-8")
        cmd = [
            *offline_prefix(),
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
            "--convert-to", target, "--outdir", str(out_dir), str(source),
        ]
        try:
            # its own temporary files (lu*.tmp) go in the folder too: removed with it, even when it is killed
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                    cwd=tmp, start_new_session=True, env={**os.environ, "HOME": tmp, "TMPDIR": tmp})
        except OSError as exc:
            raise ReadError(f"cannot start LibreOffice ({soffice}): {exc}") from None
        try:
            _, err = proc.communicate(timeout=_timeout())
        except subprocess.TimeoutExpired:
            _kill(proc)
            raise ReadError(f"LibreOffice did not finish converting the file within {_timeout():.0f} s") from None
        except BaseException:
            # the caller's own time limit (a draftlint serve worker's alarm) or Ctrl+C: LibreOffice
            # must not outlive the folder, nor write into it again once it is removed
            _kill(proc)
            raise
        produced = out_dir / f"input.{target.split(':')[0]}"
        if not produced.is_file() or produced.stat().st_size == 0:
            detail = err.decode("utf-8", "replace").strip().splitlines()
            reason = f": {detail[-1]}" if detail else ""
            raise ReadError(f"LibreOffice could not convert this {suffix} file (damaged or password-protected?){reason}")
        return produced.read_bytes()


def _kill(proc: subprocess.Popen) -> None:
    """End LibreOffice and whatever it started (it leads a session of its own)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass
    proc.communicate()
