"""Helpers for the speech-layer tests: the language layer, mentions built by hand, then the quotes.

The actors layer is not under test here: every surface given to ``analyse`` becomes a mention of the
actor id it maps to at each occurrence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from lagebild.document import Actor, Document, Mention, Metadata, Quote
from lagebild.pipeline import Pipeline
from lagebild.speech.component import build_quotes

TYPES = {"o": "organisation", "s": "state", "p": "person"}


@lru_cache(maxsize=1)
def language_pipeline() -> Pipeline:
    return Pipeline(["language"])


def actor_type(actor_id: str) -> str:
    """"o:x" an organisation, "s:x" a state, "p:x" and a plain id ("donald_tusk") a person."""
    prefix, sep, _ = actor_id.partition(":")
    return TYPES.get(prefix, "person") if sep else "person"


def analyse(text: str, actors: Mapping[str, str | None] | None = None, lang: str = "de",
            coref: Mapping[str, str] | None = None) -> tuple[Document, list[Quote]]:
    """``actors`` maps a surface to an actor id (see ``actor_type``) or to None (a place without an
    actor: a location mention); ``coref`` maps a surface to the id the actors layer links it to."""
    doc = language_pipeline()(Document(text=text, meta=Metadata(language=lang)))
    for surface, actor_id in (actors or {}).items():
        if actor_id is not None:
            doc.actors.setdefault(actor_id, Actor(actor_id, actor_id, actor_type(actor_id)))
        kind = "name" if actor_id is not None else "location"
        for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
            doc.mentions.append(Mention(m.start(), m.end(), "test", "", 1.0, surface, actor_id, kind))
    for surface, actor_id in (coref or {}).items():
        for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
            doc.mentions.append(Mention(m.start(), m.end(), "test", "", 0.5, surface, actor_id, "coref"))
    doc.mentions.sort(key=lambda m: m.start)
    return doc, build_quotes(doc)


def one(quotes: list[Quote], kind: str, containing: str) -> Quote:
    """The first quote of ``kind`` whose text contains ``containing``."""
    hits = [q for q in quotes if q.kind == kind and containing in q.text]
    assert hits, f"no {kind} quote containing {containing!r} in {[q.text for q in quotes]}"
    return hits[0]


def quote_with(quotes: list[Quote], containing: str) -> Quote:
    """The first quote of any kind whose text contains ``containing``."""
    hits = [q for q in quotes if containing in q.text]
    assert hits, f"no quote containing {containing!r} in {[q.text for q in quotes]}"
    return hits[0]


# persons of the hand-built German and English sentences
POLITICIANS: dict[str, str | None] = {
    "Kallas": "kaja_kallas", "Tusk": "donald_tusk", "Orbán": "viktor_orban", "Sikorski": "radoslaw_sikorski",
    "Merz": "friedrich_merz", "Trump": "donald_trump", "Macron": "emmanuel_macron"}
