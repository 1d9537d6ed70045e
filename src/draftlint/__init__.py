"""draftlint: find what a template left behind in drafts of Chinese official documents."""

__version__ = "0.1.0"
