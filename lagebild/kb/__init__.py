"""The actor knowledge base: loading, matching, roles by date, coreference.

    >>> from lagebild.kb import holder_at
    >>> holder_at("Bundeskanzler", "2022-02-15").name
    'Olaf Scholz'
"""

from __future__ import annotations

from .loader import KBActor, KnowledgeBase, Office, Role, get_kb, load_kb
from .query import find_actor, holder_at, list_actors, search_actors, show_actor
from .reference import resolve_reference

__all__ = [
    "KBActor",
    "KnowledgeBase",
    "Office",
    "Role",
    "find_actor",
    "get_kb",
    "holder_at",
    "list_actors",
    "load_kb",
    "resolve_reference",
    "search_actors",
    "show_actor",
]
