"""Figures as claims: the same quantity across sources and dates, grouped, with who claims what.

Every stored figure with a unit (``Figure.unit``: the English noun where the lexicon knows it,
else the German lemma) is a *claim*: its value as an interval (``about`` widens it by
``APPROX``, ``more than`` and ``up to`` open it by ``OPEN``, a range is its two ends), the
document, the sentence, and the *claimant*: the speaker of the quote the figure stands in, else the
article's outlet.

Claims of one unit are grouped (single linkage, in publication order) when they are published at
most ``WINDOW_DAYS`` apart and their sentences name a common actor, or state compatible values, or
share words (Jaccard ``TEXT_MIN``). A group *agrees* when one value lies in every claim's interval,
else its claims *differ*; both are shown with who claims what, never resolved.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from lagebild.document import Document, Figure
from lagebild.store.base import normalize_name

__all__ = ["Claim", "ClaimGroup", "claims_in", "figure_claims", "group_claims"]

WINDOW_DAYS = 30
APPROX = 0.1
OPEN = 0.5
TEXT_MIN = 0.2
_WORD = re.compile(r"\w{4,}")


@dataclass(frozen=True, slots=True)
class Claim:
    doc_id: str
    export_id: str
    index: int  # in the document's figures
    unit: str
    value: float
    low: float
    high: float
    text: str
    qualifier: str | None
    published: str | None
    claimant: str
    outlet: str | None
    actors: tuple[str, ...]  # actor ids named in the sentence
    sentence: str
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return {f: (list(v) if isinstance(v, tuple) else v) for f in self.__slots__ for v in [getattr(self, f)]}


@dataclass(slots=True)
class ClaimGroup:
    id: str
    unit: str
    claims: list[Claim] = field(default_factory=list)

    @property
    def agrees(self) -> bool:
        return max(c.low for c in self.claims) <= min(c.high for c in self.claims)

    def values(self) -> list[dict[str, Any]]:
        """Each stated value with who states it, where and when (first statement first)."""
        out: dict[tuple[float, float], dict[str, Any]] = {}
        for c in self.claims:
            entry = out.setdefault((c.low, c.high), {"value": c.value, "low": c.low, "high": c.high, "texts": [],
                                                     "claimants": [], "documents": [], "first": c.published})
            for key, item in (("texts", c.text), ("claimants", c.claimant), ("documents", c.export_id)):
                if item not in entry[key]:
                    entry[key].append(item)
        return list(out.values())

    def as_dict(self) -> dict[str, Any]:
        dates = [c.published for c in self.claims if c.published]
        return {"id": self.id, "unit": self.unit, "status": "agree" if self.agrees else "differ",
                "first": min(dates) if dates else None, "last": max(dates) if dates else None,
                "sources": len({c.outlet or c.doc_id for c in self.claims}), "values": self.values(),
                "claims": [c.as_dict() for c in self.claims]}


def _interval(f: Figure) -> tuple[float, float]:
    v = f.value
    if f.value_to is not None:
        return min(v, f.value_to), max(v, f.value_to)
    q = (f.qualifier or "").lower()
    if q in ("more_than", "at_least", "over"):
        return v, v * (1 + OPEN)
    if q in ("up_to", "at_most", "less_than", "under", "almost"):
        return v * (1 - (APPROX if q == "almost" else OPEN)), v
    if f.approximate or q in ("about", "around", "approximately"):
        return v * (1 - APPROX), v * (1 + APPROX)
    return v, v


def _claimant(doc: Document, f: Figure) -> str:
    for q in doc.quotes:
        if q.start <= f.start < q.end and q.speaker:
            return doc.actor_name(q.speaker) or q.speaker
    return doc.meta.outlet or "the article"


def figure_claims(doc: Document) -> list[Claim]:
    """The claims of one document: its figures with a unit (a figure restating another counts once)."""
    out = []
    published = doc.meta.published.isoformat() if doc.meta.published else None
    for i, f in enumerate(doc.figures):
        if not f.unit or f.same_as is not None:
            continue
        si = doc.sentence_at(f.start)
        s, e = (doc.sentences[si].start, doc.sentences[si].end) if si is not None else (f.start, f.end)
        actors = tuple(sorted({m.actor for m in doc.mentions if m.actor and s <= m.start < e}))
        low, high = _interval(f)
        out.append(Claim(doc.id, doc.export_id, i, f.unit, f.value, low, high, f.text, f.qualifier, published,
                         _claimant(doc, f), doc.meta.outlet, actors, doc.text[s:e].strip(), f.start, f.end))
    return out


def _days(a: str | None, b: str | None) -> int:
    if not a or not b:
        return WINDOW_DAYS + 1
    return abs(date.fromisoformat(a[:10]).toordinal() - date.fromisoformat(b[:10]).toordinal())


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def _related(a: Claim, b: Claim) -> bool:
    if _days(a.published, b.published) > WINDOW_DAYS:
        return False
    if set(a.actors) & set(b.actors) or (max(a.low, b.low) <= min(a.high, b.high)):
        return True
    wa, wb = _words(a.sentence), _words(b.sentence)
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= TEXT_MIN


def group_claims(claims: Iterable[Claim]) -> list[ClaimGroup]:
    """Claims grouped per unit (module doc); groups with the most sources first."""
    by_unit: dict[str, list[Claim]] = {}
    for c in sorted(claims, key=lambda c: (c.published or "9999", c.doc_id, c.index)):
        by_unit.setdefault(c.unit, []).append(c)
    groups: list[ClaimGroup] = []
    for unit, members in by_unit.items():
        clusters: list[list[Claim]] = []
        for c in members:
            linked = [k for k in clusters if any(_related(c, o) for o in k)]
            merged = [c]
            for k in linked:
                merged = k + merged
                clusters.remove(k)
            clusters.append(sorted(merged, key=lambda x: (x.published or "9999", x.doc_id, x.index)))
        for k in clusters:
            first = k[0]
            gid = "fc_" + hashlib.sha256(f"{unit}\x1f{first.doc_id}\x1f{first.index}".encode()).hexdigest()[:12]
            groups.append(ClaimGroup(gid, unit, k))
    groups.sort(key=lambda g: (-len({c.outlet or c.doc_id for c in g.claims}), g.claims[0].published or "", g.id))
    return groups


def _actor_in(doc: Document, c: Claim, who: str) -> bool:
    want = normalize_name(who.replace("_", " "))
    for actor_id in c.actors:
        actor = doc.actors.get(actor_id)
        names = [actor_id.replace("_", " "), *((actor.name, *actor.aliases) if actor else ())]
        if any(normalize_name(n) == want or f" {want} " in f" {normalize_name(n)} " for n in names):
            return True
    return bool(want) and want in normalize_name(c.claimant)


def claims_in(documents: Iterable[Document], *, unit: str | None = None, actor: str | None = None,
              date_from: date | None = None, date_to: date | None = None,
              as_of: date | None = None) -> list[ClaimGroup]:
    """The figure claims of ``documents`` grouped; ``unit`` (e.g. ``soldier``), ``actor`` (named in
    the claim's sentence or the claimant), the period and ``as_of`` (published by then) filter them."""
    found: list[Claim] = []
    for doc in documents:
        published = doc.meta.published
        if as_of is not None and (published is None or published > as_of):
            continue
        if (date_from and (published is None or published < date_from)) or \
                (date_to and (published is None or published > date_to)):
            continue
        found += [c for c in figure_claims(doc) if (unit is None or c.unit == unit)
                  and (actor is None or _actor_in(doc, c, actor))]
    return group_claims(found)
