"""The clause layer's records: a clause, its arguments and its topological fields.

Every record is an ``Annotation`` (a ``[start, end)`` span of the document text with component,
rule and confidence). Token positions (``verb``, ``head``, ``verbs``) are indices into
``doc.tokens``; ``parent`` is an index into the document's clause list. The fields hold plain
values only. The records live in ``lagebild/document.py`` (the data model); this module re-exports them.
"""

from __future__ import annotations

from lagebild.document import Argument, Clause, Field

__all__ = ["Argument", "Clause", "Field"]


