"""What a caller may ask of the readers beyond the bytes and the name."""

from __future__ import annotations

from typing import NamedTuple


class ReaderOptions(NamedTuple):
    """``include_comments``: also read reviewers' comments (DOCX), each as part ``comment``.
    ``layout``: resolve formatting and page setup (DOCX) for the layout rules."""

    include_comments: bool = False
    layout: bool = False


DEFAULT_OPTIONS = ReaderOptions()
