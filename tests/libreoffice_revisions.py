"""Accept or reject every tracked change of DOCX files in LibreOffice, headless, for the tests.

``in_libreoffice(jobs, folder)`` takes ``(action, source, target)`` triples (action ``accept``,
``reject`` or ``none``: load and save only) and has one LibreOffice process do them all: it loads
each source hidden, dispatches ``.uno:AcceptAllTrackedChanges`` or ``.uno:RejectAllTrackedChanges``
on its frame, stores it as DOCX (filter ``MS Word 2007 XML``) at the target and closes it.

No Python-UNO bridge is needed: the work is a Basic macro, ``Standard.Module1.Revisions``, in a
throw-away user profile made in ``folder`` (``user/basic`` laid out as a fresh profile has it:
``script.xlc``/``dialog.xlc`` naming the library Standard, whose ``script.xlb`` lists Module1), run
as ``soffice --headless "macro:///Standard.Module1.Revisions("file:///…/jobs.txt")"``; the macro
reads the jobs, one a line, tab-separated URLs. LibreOffice gets ``timeout`` seconds; after that
its whole process group is killed and the test fails. Without ``soffice`` the test is skipped.
"""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest

_LIBRARY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false">{}</library:library>
"""
_CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "libraries.dtd">
<library:libraries xmlns:library="http://openoffice.org/2000/library" xmlns:xlink="http://www.w3.org/1999/xlink">
 <library:library library:name="Standard" library:link="false"/>
</library:libraries>
"""
# The Basic, XML-escaped as a .xba module holds it.
_MODULE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Revisions(jobsUrl As String)
    Dim n As Integer, job As String, parts, doc, helper, nothing()
    Dim load(0) As New com.sun.star.beans.PropertyValue, store(0) As New com.sun.star.beans.PropertyValue
    load(0).Name = &quot;Hidden&quot; : load(0).Value = True
    store(0).Name = &quot;FilterName&quot; : store(0).Value = &quot;MS Word 2007 XML&quot;
    helper = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
    n = FreeFile()
    Open ConvertFromURL(jobsUrl) For Input As #n
    Do While Not EOF(n)
        Line Input #n, job
        If Len(job) &gt; 0 Then
            parts = Split(job, Chr(9))
            doc = StarDesktop.loadComponentFromURL(parts(1), &quot;_blank&quot;, 0, load())
            If parts(0) = &quot;accept&quot; Then
                helper.executeDispatch(doc.getCurrentController().getFrame(), &quot;.uno:AcceptAllTrackedChanges&quot;, &quot;&quot;, 0, nothing())
            ElseIf parts(0) = &quot;reject&quot; Then
                helper.executeDispatch(doc.getCurrentController().getFrame(), &quot;.uno:RejectAllTrackedChanges&quot;, &quot;&quot;, 0, nothing())
            End If
            doc.storeToURL(parts(2), store())
            doc.close(True)
        End If
    Loop
    Close #n
End Sub
</script:module>
"""


def _profile(soffice: str, folder: Path, timeout: float) -> Path:
    """A new user profile holding the macro: LibreOffice makes it (a profile it has not made itself
    is set up anew on the first start, and the macro is not found), then the macro is put in."""
    profile = folder / "profile"
    _run([soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
          "--terminate_after_init"], timeout, "making a user profile")
    basic = profile / "user" / "basic"
    (basic / "Standard").mkdir(parents=True, exist_ok=True)
    (basic / "script.xlc").write_text(_CONTAINER, encoding="utf-8")
    (basic / "dialog.xlc").write_text(_CONTAINER, encoding="utf-8")
    (basic / "Standard" / "script.xlb").write_text(_LIBRARY.format('\n <library:element library:name="Module1"/>\n'), encoding="utf-8")
    (basic / "Standard" / "dialog.xlb").write_text(_LIBRARY.format(""), encoding="utf-8")
    (basic / "Standard" / "Module1.xba").write_text(_MODULE, encoding="utf-8")
    return profile


def _run(command: list[str], timeout: float, doing: str) -> str:
    """Run LibreOffice in a process group of its own, killed whole after ``timeout`` seconds."""
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"LibreOffice took more than {timeout:g} s {doing}")
    return f"exit {proc.returncode}: {output.decode(errors='replace')}"


def in_libreoffice(jobs: list[tuple[str, Path, Path]], folder: Path, timeout: float = 180) -> None:
    """Do each ``(action, source, target)`` in one headless LibreOffice; every target must be written."""
    from draftlint.readers.convert import find_soffice

    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    for action, source, target in jobs:
        assert action in ("accept", "reject", "none") and "\t" not in str(source) + str(target)
        target.unlink(missing_ok=True)
    listing = folder / "jobs.txt"
    listing.write_text("".join(f"{a}\t{s.resolve().as_uri()}\t{t.resolve().as_uri()}\n" for a, s, t in jobs),
                       encoding="utf-8")
    profile = _profile(soffice, folder, timeout)
    said = _run([soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
                 f'macro:///Standard.Module1.Revisions("{listing.resolve().as_uri()}")'],
                timeout, f"over {len(jobs)} documents")
    missing = [t.name for _, _, t in jobs if not t.is_file() or t.stat().st_size == 0]
    assert not missing, f"LibreOffice wrote no {', '.join(missing)} ({said})"
