"""``draftlint serve``: a web page (and a small JSON API) to check drafts, for people who never
open a terminal, on one computer or as a team server.

The package needs the ``web`` extra (Starlette, uvicorn, python-multipart); nothing here is
imported by ``draftlint check``. The parts:

* :mod:`.work` — what a worker process does with one uploaded file (lint it with the one
  pipeline, :func:`draftlint.runner.lint_file`; make the annotated or fixed copy). No web code.
* :mod:`.pool` — the worker processes, each file under a time limit; a worker that overruns
  it or dies is replaced, and only that file fails.
* :mod:`.upload` — request bodies read into memory under the size and count limits.
* :mod:`.security` — token, same-origin checks and security headers.
* :mod:`.app` — the Starlette application and :func:`serve`.
"""

from __future__ import annotations

#: (module to import, distribution to install) for each dependency of the web extra.
REQUIREMENTS = (("starlette", "starlette"), ("uvicorn", "uvicorn"), ("python_multipart", "python-multipart"))
INSTALL_HINT = "pip install starlette uvicorn python-multipart  (in a clone of draftlint: pip install -e '.[web]')"


def missing_dependencies() -> list[str]:
    """The distributions of the web extra that cannot be imported here."""
    import importlib.util

    return [dist for module, dist in REQUIREMENTS if importlib.util.find_spec(module) is None]
