"""Stances across the store: who stood where on which issue, when, and on what evidence."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from lagebild.document import Document

__all__ = ["StanceRow", "stances_in", "stances_of"]


@dataclass(frozen=True, slots=True)
class StanceRow:
    doc_id: str
    export_id: str
    actor: str | None
    actor_name: str | None
    issue: str
    polarity: str
    date: str | None
    holder_kind: str
    evidence: str
    start: int
    end: int
    title: str | None

    def as_dict(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in self.__slots__}


def _norm(text: str) -> str:
    from lagebild.store.base import normalize_name

    return normalize_name(text.replace("_", " "))


def _matches(query: str | None, *names: str | None) -> bool:
    if not query:
        return True
    want = _norm(query)
    return bool(want) and any(n and (_norm(n) == want or f" {want} " in f" {_norm(n)} ") for n in names)


def stances_in(documents: Iterable[Document], *, actor: str | None = None, issue: str | None = None,
               date_from: date | None = None, date_to: date | None = None) -> list[StanceRow]:
    """The stances of these documents, filtered by actor (id or name, whole words, case- and
    accent-insensitive), issue (label words) and date, oldest first."""
    rows: list[StanceRow] = []
    for doc in documents:
        for s in doc.stances:
            name = doc.actor_name(s.actor)
            aliases = doc.actors[s.actor].aliases if s.actor in doc.actors else []
            if not _matches(actor, s.actor, name, *aliases) or not _matches(issue, s.issue):
                continue
            when = s.date or (doc.meta.published.isoformat() if doc.meta.published else None)
            if date_from and (not when or when[:10] < date_from.isoformat()):
                continue
            if date_to and (not when or when[:10] > date_to.isoformat()):
                continue
            rows.append(StanceRow(doc.id, doc.export_id, s.actor, name, s.issue, s.polarity, when, s.holder_kind,
                                  s.evidence or doc.text[s.start:s.end], s.start, s.end, doc.meta.title))
    rows.sort(key=lambda r: (r.date is None, r.date or "", r.export_id, r.start))
    return rows


def stances_of(store: Any, *, actor: str | None = None, issue: str | None = None,
               date_from: date | None = None, date_to: date | None = None) -> list[StanceRow]:
    """Stances across a whole store (``lagebild.store.Store``); duplicates of stored articles are left out."""
    return stances_in(store.iter_documents(include_duplicates=False, actor=actor), actor=actor, issue=issue,
                      date_from=date_from, date_to=date_to)
