"""The timeline as known on a date: merged events by event date, with their sources.

Event time and publication time are kept apart: an event is placed at its event date (the date
most reports give; ``date_basis`` says ``publication`` when no report dates it and the first
report's publication date stands in), and each report keeps its own publication date.
``as_of`` shows the picture a reader had on that day: only reports published by then count, an
event nobody had reported yet is not there, and its source count and conflicts are those of the
reports known then.

Example::

    with open_store("demo.db") as store:
        for entry in timeline(update_picture(store), actor="Lawrow", as_of=date(2022, 2, 1)):
            print(entry["event_date"], entry["type"], entry["sources"])
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from lagebild.picture.merge import date_bounds, event_view, norm_type
from lagebild.store.base import normalize_name

__all__ = ["actor_matches", "in_period", "timeline"]


def actor_matches(event: dict[str, Any], who: str) -> bool:
    """``who`` (an actor id, a name or alias, or whole words of one, case- and accent-folded) takes
    part in ``event``."""
    norm = normalize_name(who.replace("_", " "))
    if not norm:
        return False
    for actor_id, entry in event["actors"].items():
        if actor_id == who:
            return True
        for name in (actor_id.replace("_", " "), *entry["names"]):
            candidate = normalize_name(name)
            if candidate == norm or f" {norm} " in f" {candidate} ":
                return True
    return False


def _type_matches(event: dict[str, Any], wanted: str) -> bool:
    w = wanted.strip()
    return norm_type(w) == event["type"] or w.lower().replace(" ", "_") == (event.get("quad") or "")


def _period(event: dict[str, Any]) -> tuple[date, date] | None:
    value = event.get("event_date") or event.get("first_published")
    return date_bounds(value) if value else None


def in_period(event: dict[str, Any], date_from: date | None, date_to: date | None) -> bool:
    if date_from is None and date_to is None:
        return True
    span = _period(event)
    if span is None:
        return False
    return (date_from is None or span[1] >= date_from) and (date_to is None or span[0] <= date_to)


def _entry(event: dict[str, Any]) -> dict[str, Any]:
    reports = [{
        "key": m["key"], "doc": m["export_id"] or m["doc_id"], "doc_id": m["doc_id"], "title": m["title"],
        "outlet": m["outlet"], "language": m["language"], "published": m["published"],
        "reported_date": m["date"], "location": m["location"], "type": m["type"], "sentence": m["text"],
        "start": m["start"], "end": m["end"], "origin": m["origin"],
    } for m in event["mentions"]]
    names = {actor_id: entry["names"][0] if entry["names"] else actor_id
             for actor_id, entry in event["actors"].items()}
    return {
        "id": event["id"],
        "event_date": event["event_date"] or event["first_published"],
        "date_basis": "event" if event["event_date"] else "publication",
        "type": event["type"],
        "quad": event["quad"],
        "actors": names,
        "pairs": [[names.get(s, s), names.get(t, t)] for s, t in event["pairs"]],
        "location": event["location"],
        "sources": event["sources"],
        "reports": len(event["mentions"]),
        "first_published": event["first_published"],
        "last_published": event["last_published"],
        "conflicts": event["conflicts"],
        "decisions": event["decisions"],
        "mentions": reports,
    }


def timeline(events: Iterable[dict[str, Any]], *, actor: str | None = None, type: str | None = None,
             date_from: date | None = None, date_to: date | None = None,
             as_of: date | None = None) -> list[dict[str, Any]]:
    """Timeline entries of the merged ``events`` (``merge.update_picture``), by event date.

    ``actor``: an actor id or name taking part; ``type``: a PLOVER type (``CONSULT``) or quad class
    (``verbal_conflict``); ``date_from``/``date_to``: the event date's period overlaps them;
    ``as_of``: only what had been published by that day."""
    out = []
    for event in events:
        view = event_view(event, as_of)
        if view is None:
            continue
        if actor is not None and not actor_matches(view, actor):
            continue
        if type is not None and not _type_matches(view, type):
            continue
        if not in_period(view, date_from, date_to):
            continue
        out.append(_entry(view))
    out.sort(key=lambda e: (e["event_date"] or "9999", e["first_published"] or "9999", e["id"]))
    return out
