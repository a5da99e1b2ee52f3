"""The actor knowledge base: loading, matching, roles by date, coreference.

Public API:

- ``get_kb(settings=None) -> KnowledgeBase`` (shipped ``kb/data`` + ``LAGEBILD_KB_DIRS``, loaded once);
  ``get_kb().actor(id)`` gives type, gender, country, names of a KB actor.
- ``load_kb(dirs=(), *, shipped=True)``: load explicitly (user dirs override shipped entries key by key).
- ``holder_at(role_text_or_id, date) -> Actor | None``: who held a post ("Bundeskanzler", "US-Präsident",
  "russia/head_of_state", "President of Russia") on a date.
- ``resolve_reference(doc, start, end, text) -> actor id | None``: pronoun/role noun at an offset;
  ``References(doc).resolve(start, end, text)`` for many references in one document.
- ``list_actors``, ``show_actor``, ``search_actors``, ``find_actor``: the ``lagebild actors`` commands.

    >>> from lagebild.actors import holder_at
    >>> holder_at("Bundeskanzler", "2022-02-15").name
    'Olaf Scholz'
"""

from __future__ import annotations

from lagebild.actors.loader import KBActor, KnowledgeBase, Office, Role, get_kb, load_kb
from lagebild.actors.query import find_actor, holder_at, list_actors, search_actors, show_actor
from lagebild.actors.reference import References, resolve_reference

__all__ = [
    "KBActor",
    "KnowledgeBase",
    "Office",
    "References",
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
