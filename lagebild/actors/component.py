"""The actors component: mentions linked to the knowledge base, roles resolved on the document's
date, in-document coreference, document-level actors for persons the knowledge base does not know.

It reads the language layer's tokens and sentences and the time layer's timexes (the reference
date of an undated text, dates that make "May" a month). Heavy parts (the knowledge base, the
Aho-Corasick automaton) are built once, lazily, on first use. See ``lagebild/actors/linker.py`` for
the decisions, ``lagebild/lexicons/actor_patterns.yaml`` for the nouns and ``actors.yaml`` for the
cue words of the rules.
"""

from __future__ import annotations

import logging
import threading

from lagebild.actors.linker import Linker
from lagebild.actors.loader import KnowledgeBase, get_kb
from lagebild.actors.query import shared_linker
from lagebild.document import Document
from lagebild.settings import Settings

log = logging.getLogger(__name__)


class ActorsComponent:
    """Actor mentions linked to the knowledge base, roles resolved by date, unknown persons."""

    name = "actors"
    needs: tuple[str, ...] = ("tokens", "sentences", "timexes")  # timexes: dates in undated texts, date words
    adds: tuple[str, ...] = ("mentions", "actors")

    def __init__(self, settings: Settings | None = None, *, kb: KnowledgeBase | None = None) -> None:
        self.settings = settings
        self._kb = kb
        self._linker: Linker | None = None
        self._lock = threading.Lock()

    @property
    def kb(self) -> KnowledgeBase:
        if self._kb is None:
            self._kb = get_kb(self.settings)
        return self._kb

    @property
    def linker(self) -> Linker:
        if self._linker is None:
            with self._lock:
                if self._linker is None:
                    self._linker = shared_linker(self.kb)
        return self._linker

    def __call__(self, doc: Document) -> Document:
        self.linker.link(doc)
        return doc
