"""Built-in checkers, one module per kind.

A rule file names a kind (``kind: numbering``) and the module ``draftlint.checkers.numbering``
provides ``make(options, scope) -> checker``. A checker is called with the lint context
(:class:`draftlint.engine.LintContext`) and yields :class:`draftlint.ruleset.Hit` objects. It never
sees bytes or DOCX: only blocks of text and the document's structure.
"""
