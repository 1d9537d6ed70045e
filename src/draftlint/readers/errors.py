"""The one error a reader raises: the file cannot be read, and why (in words for a person)."""


class ReadError(Exception):
    """Raised by readers for input they cannot read; the message names the reason."""
