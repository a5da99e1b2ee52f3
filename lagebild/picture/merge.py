"""Event merging across documents and languages: many reports of one happening become one event.

Every stored event (``Event`` records of the documents, one per report) is an *event mention*.
Mentions that report the same meeting, demand, threat or attack are merged into one *merged
event* with all its mentions, the evidence that linked them, its details side by side where the
reports disagree, and the number of *independent* sources: syndicated copies, near-duplicates
and several articles of one outlet count once.

How two mentions are compared (``compare``): each piece of evidence is typed and weighted, and
some differences block a merge outright.

==========================  ======  ==========================================================
evidence                    weight  when
==========================  ======  ==========================================================
``same_type``               1.0     the same PLOVER type
``compatible_type``         0.4     another type of the same quad class (else: blocked)
``same_actor_pair``         1.2     the same actors on both sides (order ignored)
``actor_subset``            0.9     one report names fewer actors, none that the other lacks
``same_sides``              0.8/0.4 the same parties once persons are replaced by their country
                                    (two parties / one); else different actors: blocked
``same_date``               1.0     the same event date
``compatible_date``         0.6     one date contains the other (``2022-01`` and ``2022-01-10``)
``near_date``               0.3     days one apart (kept as a conflict); further apart: blocked
``publication_window``      0.5/0.2 a report has no event date: published within 2 / 7 days
``same_place``              0.5     the same location (a different one is a conflict, not a block)
``text_similarity``         0..1    word overlap (Jaccard) of the two sentences, from 0.2
==========================  ======  ==========================================================

A mention joins the cluster with the best-scoring member when that score reaches
``MERGE_THRESHOLD`` and no member blocks it (complete linkage on blockers, single linkage on the
score). German and English reports of one event merge through actors, type and date alone.

Analysts' decisions (``split``, ``merge``, ``undo``; versions in the store) are constraints applied
on every run: a split keeps its parts apart, a merge keeps its mentions together, a later
decision overrides an earlier one on the same pair, and an undone decision no longer counts.

The pure functions (``mentions_from_document``, ``merge_mentions``, ``build_event``) take and
return plain values; ``update_picture`` is the store-backed runner.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from lagebild.document import Document
from lagebild.errors import LagebildError, NotFoundError
from lagebild.ingest.dedup import shingles
from lagebild.store.base import Store, normalize_name

MERGE_THRESHOLD = 2.7
NEAR_DUPLICATE = 0.5  # word 3-gram Jaccard of two documents from which they count as one source
TEXT_MIN = 0.2  # sentence word overlap below this is no evidence

# PLOVER quad classes (the PLOVER codebook's table "PLOVER quad categories")
QUAD_CLASSES: dict[str, str] = {
    "AGREE": "verbal_cooperation", "CONSULT": "verbal_cooperation", "SUPPORT": "verbal_cooperation",
    "CONCEDE": "verbal_cooperation",
    "COOPERATE": "material_cooperation", "AID": "material_cooperation", "RETREAT": "material_cooperation",
    "INVESTIGATE": "material_cooperation",
    "DEMAND": "verbal_conflict", "DISAPPROVE": "verbal_conflict", "REJECT": "verbal_conflict",
    "THREATEN": "verbal_conflict", "SANCTION": "verbal_conflict",
    "PROTEST": "material_conflict", "CRIME": "material_conflict", "MOBILIZE": "material_conflict",
    "COERCE": "material_conflict", "ASSAULT": "material_conflict",
}
# older PLOVER drafts and CAMEO-style names some coders emit
_TYPE_ALIASES = {"REQUEST": "DEMAND", "ACCUSE": "DISAPPROVE", "FIGHT": "ASSAULT", "ENGAGE": "COOPERATE"}

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_WORD = re.compile(r"\w{3,}")


def quad_class(event_type: str | None) -> str | None:
    """The PLOVER quad class of a type (``"THREATEN"`` -> ``"verbal_conflict"``), None if unknown."""
    if not event_type:
        return None
    t = event_type.strip().upper()
    return QUAD_CLASSES.get(_TYPE_ALIASES.get(t, t))


def norm_type(event_type: str | None) -> str:
    t = (event_type or "").strip().upper()
    return _TYPE_ALIASES.get(t, t)


def norm_date(value: str | None) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` from an event date value (``2022-01-10T10:00`` ->
    ``2022-01-10``); None when it is not a calendar date."""
    if not value:
        return None
    m = _DATE.match(value.strip())
    if not m:
        return None
    return "-".join(p for p in m.groups() if p)


def date_bounds(value: str) -> tuple[date, date]:
    """First and last day a normalised date covers (``2022-02`` -> 1 and 28 February 2022)."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        d = date(*parts)
        return d, d
    if len(parts) == 2:
        y, m = parts
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        return date(y, m, 1), date.fromordinal(nxt.toordinal() - 1)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


@dataclass(frozen=True, slots=True)
class EventMention:
    """One report of an event: a stored ``Event`` of one document, with what merging compares."""

    key: str  # "<doc content id>:<event index>"
    doc_id: str
    idx: int
    start: int
    end: int
    type: str
    source: str | None = None
    target: str | None = None
    date: str | None = None  # normalised (YYYY[-MM[-DD]]), None when the report gives none
    raw_date: str | None = None
    location: str | None = None
    modality: str = "asserted"
    mode: str | None = None
    published: str | None = None  # the document's publication date (ISO)
    export_id: str = ""
    title: str | None = None
    outlet: str | None = None
    language: str | None = None
    text: str = ""  # the sentence that reports the event
    names: dict[str, list[str]] = field(default_factory=dict)  # actor id -> name, aliases
    sides: dict[str, str] = field(default_factory=dict)  # actor id -> the country it acts for (if known)

    def actors(self) -> frozenset[str]:
        return frozenset(a for a in (self.source, self.target) if a)

    def side_set(self) -> frozenset[str]:
        """The parties: each actor replaced by its country (``sergei_ryabkov`` -> ``russia``)."""
        return frozenset(self.sides.get(a, a) for a in self.actors())

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EventMention:
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in d.items() if k in known})


def mentions_from_document(doc: Document) -> list[EventMention]:
    """The event mentions of one document (its ``events`` layer)."""
    out = []
    published = doc.meta.published.isoformat() if doc.meta.published else None
    for i, e in enumerate(doc.events):
        if not e.type:
            continue
        sent = doc.sentence_at(e.start)
        text = doc.text[doc.sentences[sent].start:doc.sentences[sent].end] if sent is not None \
            else doc.text[e.start:e.end]
        names, sides = {}, {}
        for actor_id in (e.source, e.target):
            if actor_id:
                actor = doc.actors.get(actor_id)
                names[actor_id] = [actor.name, *actor.aliases] if actor else [actor_id]
                if actor is not None and actor.country:
                    sides[actor_id] = actor.country
        out.append(EventMention(
            key=f"{doc.id}:{i}", doc_id=doc.id, idx=i, start=e.start, end=e.end, type=norm_type(e.type),
            source=e.source, target=e.target, date=norm_date(e.date), raw_date=e.date,
            location=e.location, modality=e.modality or "asserted", mode=e.mode, published=published,
            export_id=doc.export_id, title=doc.meta.title, outlet=doc.meta.outlet, language=doc.meta.language,
            text=text.strip(), names=names, sides=sides))
    return out


# -- comparing two mentions ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Evidence:
    kind: str
    weight: float
    detail: str = ""


def _type_evidence(a: EventMention, b: EventMention) -> Evidence | None:
    if a.type == b.type:
        return Evidence("same_type", 1.0, a.type)
    qa, qb = quad_class(a.type), quad_class(b.type)
    if qa is not None and qa == qb:
        return Evidence("compatible_type", 0.4, f"{a.type} ~ {b.type} ({qa})")
    return None


def _actor_evidence(a: EventMention, b: EventMention) -> Evidence | None:
    xa, xb = a.actors(), b.actors()
    if not xa or not xb:
        return None
    if xa == xb:
        return Evidence("same_actor_pair", 1.2, " & ".join(sorted(xa)))
    if xa < xb or xb < xa:
        return Evidence("actor_subset", 0.9, " & ".join(sorted(xa & xb)))
    sa, sb = a.side_set(), b.side_set()
    if sa == sb:  # Sherman and Ryabkov met = the United States and Russia met; one side alone is weak
        return Evidence("same_sides", 0.8 if len(sa) > 1 else 0.4, " & ".join(sorted(sa)))
    return None


def _days(x: str | None, y: str | None) -> int | None:
    if not x or not y:
        return None
    return abs(date.fromisoformat(x[:10]).toordinal() - date.fromisoformat(y[:10]).toordinal())


def _date_evidence(a: EventMention, b: EventMention) -> Evidence | None:
    if a.date and b.date:
        if a.date == b.date:
            return Evidence("same_date", 1.0, a.date)
        if a.date.startswith(b.date) or b.date.startswith(a.date):
            return Evidence("compatible_date", 0.6, f"{a.date} ~ {b.date}")
        if len(a.date) == len(b.date) == 10 and _days(a.date, b.date) == 1:
            return Evidence("near_date", 0.3, f"{a.date} / {b.date}")
        return None
    gap = _days(a.published, b.published)
    if gap is None:
        return None
    if gap <= 2:
        return Evidence("publication_window", 0.5, f"published {gap} day(s) apart, no event date in one")
    if gap <= 7:
        return Evidence("publication_window", 0.2, f"published {gap} days apart, no event date in one")
    return None


def _place_evidence(a: EventMention, b: EventMention) -> Evidence | None:
    if a.location and b.location and normalize_name(a.location) == normalize_name(b.location):
        return Evidence("same_place", 0.5, a.location)
    return None


@lru_cache(maxsize=4096)
def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(unicodedata.normalize("NFC", text).casefold()))


def text_similarity(x: str, y: str) -> float:
    """Jaccard overlap of the words (3+ letters, case-folded) of two sentences."""
    wx, wy = _words(x), _words(y)
    if not wx or not wy:
        return 0.0
    return len(wx & wy) / len(wx | wy)


def compare(a: EventMention, b: EventMention) -> list[Evidence] | None:
    """The typed evidence that ``a`` and ``b`` report the same event, or None when something
    blocks it (incompatible type, different actors, dates too far apart)."""
    found = []
    for check in (_type_evidence, _actor_evidence, _date_evidence):
        ev = check(a, b)
        if ev is None:
            return None
        found.append(ev)
    place = _place_evidence(a, b)
    if place is not None:
        found.append(place)
    sim = text_similarity(a.text, b.text)
    if sim >= TEXT_MIN:
        found.append(Evidence("text_similarity", round(sim, 3), f"word overlap {sim:.2f}"))
    return found


# -- analysts' decisions -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Decision:
    version: int
    action: str  # split | merge | undo
    groups: list[list[str]]  # mention keys: split keeps the groups apart, merge puts all together
    ref: int | None = None  # the version an undo takes back


def _constraints(decisions: Sequence[Decision]) -> tuple[dict[frozenset[str], tuple[str, int]], set[str]]:
    """Pair constraints (``must`` | ``cannot``, deciding version) after all decisions, later ones
    overriding earlier ones; and the mention keys any decision touched."""
    undone = {d.ref for d in decisions if d.action == "undo" and d.ref is not None}
    pairs: dict[frozenset[str], tuple[str, int]] = {}
    touched: set[str] = set()
    for d in sorted(decisions, key=lambda d: d.version):
        if d.version in undone or d.action == "undo":
            continue
        groups = [list(dict.fromkeys(g)) for g in d.groups if g]
        for gi, group in enumerate(groups):
            touched.update(group)
            for i, x in enumerate(group):
                for y in group[i + 1:]:
                    pairs[frozenset((x, y))] = ("must", d.version)
            for other in groups[gi + 1:]:
                kind = "cannot" if d.action == "split" else "must"
                for x in group:
                    for y in other:
                        if x != y:
                            pairs[frozenset((x, y))] = (kind, d.version)
    return pairs, touched


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, x: str, y: str) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)


def _order(m: EventMention) -> tuple[str, str, int]:
    return (m.published or "9999", m.doc_id, m.idx)


@dataclass
class _Cluster:
    members: list[EventMention]
    evidence: list[dict[str, Any]]
    decisions: set[int]


def _link(group: list[EventMention], cluster: _Cluster,
          cannot: dict[frozenset[str], int]) -> tuple[float, list[Evidence], EventMention, EventMention] | None:
    """Best single-link score of ``group`` to ``cluster``; None when any pair blocks it."""
    best: tuple[float, list[Evidence], EventMention, EventMention] | None = None
    for g in group:
        for c in cluster.members:
            if frozenset((g.key, c.key)) in cannot:
                return None
            found = compare(g, c)
            if found is None:
                return None
            score = sum(e.weight for e in found)
            if best is None or score > best[0]:
                best = (score, found, c, g)
    return best


def merge_mentions(mentions: Iterable[EventMention], decisions: Sequence[Decision] = ()) -> list[_Cluster]:
    """Cluster event mentions into events (see the module doc); deterministic for the same input."""
    ordered = sorted(mentions, key=_order)
    keys = {m.key for m in ordered}
    pairs, _ = _constraints(decisions)
    uf = _UnionFind()
    cannot: dict[frozenset[str], int] = {}
    must_versions: dict[str, set[int]] = {}
    for pair, (kind, version) in pairs.items():
        if not pair <= keys or len(pair) != 2:
            continue
        x, y = sorted(pair)
        if kind == "must":
            uf.union(x, y)
            must_versions.setdefault(x, set()).add(version)
            must_versions.setdefault(y, set()).add(version)
        else:
            cannot[pair] = version
    groups: dict[str, list[EventMention]] = {}
    for m in ordered:
        groups.setdefault(uf.find(m.key), []).append(m)
    clusters: list[_Cluster] = []
    by_actor: dict[str, list[int]] = {}
    for group in groups.values():
        versions = set().union(*(must_versions.get(m.key, set()) for m in group))
        evidence = [{"kind": "analyst_merge", "weight": None, "a": group[0].key, "b": m.key,
                     "detail": f"decision {sorted(versions)}"} for m in group[1:]]
        target = _best_cluster(group, clusters, by_actor, cannot)
        if target is None:
            clusters.append(_Cluster(list(group), evidence, versions))
            for actor in _index_keys(group):
                by_actor.setdefault(actor, []).append(len(clusters) - 1)
            continue
        index, (score, found, c, g) = target
        cluster = clusters[index]
        cluster.members.extend(group)
        cluster.decisions |= versions
        cluster.evidence.extend(evidence)
        cluster.evidence.extend({"kind": e.kind, "weight": e.weight, "a": c.key, "b": g.key, "detail": e.detail}
                                for e in found)
        cluster.evidence.append({"kind": "score", "weight": round(score, 3), "a": c.key, "b": g.key,
                                 "detail": f"total {score:.2f} >= {MERGE_THRESHOLD}"})
        for actor in _index_keys(group):
            if index not in by_actor.setdefault(actor, []):
                by_actor[actor].append(index)
    for pair, version in cannot.items():  # a split's version belongs to both sides
        for cluster in clusters:
            if any(m.key in pair for m in cluster.members):
                cluster.decisions.add(version)
    return clusters


def _index_keys(group: list[EventMention]) -> set[str]:
    """What finds a cluster's candidates: its actors and the countries they act for."""
    return {a for m in group for a in (*m.actors(), *m.side_set())}


def _best_cluster(group: list[EventMention], clusters: list[_Cluster], by_actor: dict[str, list[int]],
                  cannot: dict[frozenset[str], int]) -> tuple[int, tuple[float, list[Evidence], EventMention,
                                                                            EventMention]] | None:
    candidates = sorted({i for a in _index_keys(group) for i in by_actor.get(a, [])})
    best = None
    for i in candidates:
        link = _link(group, clusters[i], cannot)
        if link is not None and link[0] >= MERGE_THRESHOLD and (best is None or link[0] > best[1][0]):
            best = (i, link)
    return best


# -- one merged event ----------------------------------------------------------------------------------
def _side_by_side(mentions: Sequence[EventMention], attr: str, origins: dict[str, str]) -> list[dict[str, Any]]:
    """Each reported value of ``attr`` with the reports and the independent sources giving it."""
    values: dict[str, list[EventMention]] = {}
    for m in mentions:
        v = getattr(m, attr)
        if v:
            values.setdefault(v, []).append(m)
    return [{"value": v, "mentions": [m.key for m in ms], "sources": len({origins.get(m.doc_id, m.doc_id) for m in ms})}
            for v, ms in values.items()]


def _date_conflict(values: list[str]) -> bool:
    for i, x in enumerate(values):
        for y in values[i + 1:]:
            if not (x.startswith(y) or y.startswith(x)):
                return True
    return False


def _pick_date(dates: list[dict[str, Any]]) -> str | None:
    if not dates:
        return None
    # most reports; then the most specific; then the earliest
    best = max(dates, key=lambda d: (len(d["mentions"]), len(d["value"]), [-ord(c) for c in d["value"]]))
    return str(best["value"])


def _pairs(ms: Sequence[EventMention]) -> list[list[str]]:
    """The actor pairs of an event, one direction per pair: the one most reports give (ties: the
    first report's), so a meeting reported as "A met B" and "B met A" is one interaction."""
    counts = Counter((m.source, m.target) for m in ms if m.source and m.target and m.source != m.target)
    order = list(counts)
    best: dict[frozenset[str], tuple[str, str]] = {}
    for pair in order:
        key = frozenset(pair)
        if key not in best or counts[pair] > counts[best[key]]:
            best[key] = pair  # type: ignore[assignment]
    return sorted([list(p) for p in best.values()])


def build_event(members: Sequence[EventMention], origins: dict[str, str], evidence: Sequence[dict[str, Any]] = (),
                decisions: Iterable[int] = ()) -> dict[str, Any]:
    """The merged event (a JSON-able dict) of ``members``; ``origins`` maps each document id to its
    independent-source group. Conflicting dates and places are listed side by side."""
    ms = sorted(members, key=_order)
    types = Counter(m.type for m in ms)
    event_type = max(types, key=lambda t: (types[t], -[m.type for m in ms].index(t)))
    dates = _side_by_side(ms, "date", origins)
    places = _side_by_side(ms, "location", origins)
    conflicts: dict[str, list[dict[str, Any]]] = {}
    if _date_conflict([d["value"] for d in dates]):
        conflicts["date"] = dates
    if len({normalize_name(p["value"]) for p in places}) > 1:
        conflicts["location"] = places
    if len(types) > 1:
        conflicts["type"] = [{"value": t, "mentions": [m.key for m in ms if m.type == t]} for t in types]
    published = sorted(m.published for m in ms if m.published)
    actors: dict[str, dict[str, Any]] = {}
    for m in ms:
        for role, actor_id in (("source", m.source), ("target", m.target)):
            if actor_id:
                entry = actors.setdefault(actor_id, {"names": [], "roles": []})
                for name in m.names.get(actor_id, [actor_id]):
                    if name not in entry["names"]:
                        entry["names"].append(name)
                if role not in entry["roles"]:
                    entry["roles"].append(role)
    places_sorted = sorted(places, key=lambda p: -len(p["mentions"]))
    keys = {m.key for m in ms}
    return {
        "id": "ev_" + hashlib.sha256(ms[0].key.encode("utf-8")).hexdigest()[:12],
        "type": event_type,
        "quad": quad_class(event_type),
        "event_date": _pick_date(dates),
        "dates": dates,
        "location": places_sorted[0]["value"] if places_sorted else None,
        "locations": places,
        "first_published": published[0] if published else None,
        "last_published": published[-1] if published else None,
        "sources": len({origins.get(m.doc_id, m.doc_id) for m in ms}),
        "documents": len({m.doc_id for m in ms}),
        "actors": actors,
        "pairs": _pairs(ms),
        "conflicts": conflicts,
        "evidence": [e for e in evidence if e["a"] in keys and e["b"] in keys],
        "decisions": sorted(decisions),
        "mentions": [{**m.as_dict(), "origin": origins.get(m.doc_id, m.doc_id)} for m in ms],
    }


def event_view(event: dict[str, Any], as_of: date | None) -> dict[str, Any] | None:
    """The event as known on ``as_of``: only the reports published by then (a report without a
    publication date is not known on any date); None when nothing was published by then."""
    if as_of is None:
        return event
    cut = as_of.isoformat()
    kept = [m for m in event["mentions"] if m.get("published") and m["published"] <= cut]
    if not kept:
        return None
    if len(kept) == len(event["mentions"]):
        return event
    members = [EventMention.from_dict(m) for m in kept]
    origins = {m["doc_id"]: m["origin"] for m in kept}
    view = build_event(members, origins, event["evidence"], event["decisions"])
    view["id"] = event["id"]  # the event keeps its identity; its earliest report may be later
    return view


# -- independent sources --------------------------------------------------------------------------------
def _origins(doc_ids: Iterable[str], links: dict[str, set[str]], outlets: dict[str, str | None],
             texts: dict[str, frozenset[str]]) -> dict[str, str]:
    """Independent-source group of each document: duplicates (the store's links), one outlet, and
    near-identical texts (word 3-gram Jaccard >= ``NEAR_DUPLICATE``) count once."""
    ids = sorted(set(doc_ids))
    uf = _UnionFind()
    for d in ids:
        uf.find(d)
        for other in links.get(d, ()):
            if other in ids:
                uf.union(d, other)
    by_outlet: dict[str, str] = {}
    for d in ids:
        outlet = outlets.get(d)
        if outlet:
            key = normalize_name(outlet)
            if key in by_outlet:
                uf.union(d, by_outlet[key])
            else:
                by_outlet[key] = d
    for i, x in enumerate(ids):
        for y in ids[i + 1:]:
            if uf.find(x) != uf.find(y) and _jaccard(texts.get(x), texts.get(y)) >= NEAR_DUPLICATE:
                uf.union(x, y)
    return {d: uf.find(d) for d in ids}


def _jaccard(a: frozenset[str] | None, b: frozenset[str] | None) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


# -- the store-backed runner --------------------------------------------------------------------------------
@dataclass
class _Inputs:
    mentions: list[EventMention] = field(default_factory=list)
    links: dict[str, set[str]] = field(default_factory=dict)
    outlets: dict[str, str | None] = field(default_factory=dict)
    texts: dict[str, frozenset[str]] = field(default_factory=dict)


def _collect(store: Store) -> _Inputs:
    inputs = _Inputs()
    for doc in store.iter_documents():
        found = mentions_from_document(doc)
        if doc.meta.duplicate_of:
            inputs.links.setdefault(doc.id, set()).add(doc.meta.duplicate_of)
            inputs.links.setdefault(doc.meta.duplicate_of, set()).add(doc.id)
        if not found:
            continue
        inputs.mentions.extend(found)
        inputs.outlets[doc.id] = doc.meta.outlet
        inputs.texts[doc.id] = frozenset(shingles(doc.text))
        for other, _kind in store.duplicates_of(doc.id):
            inputs.links.setdefault(doc.id, set()).add(other)
            inputs.links.setdefault(other, set()).add(doc.id)
    return inputs


def decisions_of(store: Store) -> list[Decision]:
    out = []
    for d in store.picture_decisions():
        groups = d["mentions"]
        if groups and isinstance(groups[0], str):
            groups = [groups]
        out.append(Decision(d["version"], d["action"], [list(g) for g in groups], d["ref"]))
    return out


def compute_events(inputs: _Inputs, decisions: Sequence[Decision]) -> list[dict[str, Any]]:
    events = []
    for cluster in merge_mentions(inputs.mentions, decisions):
        docs = {m.doc_id for m in cluster.members}
        origins = _origins(docs, inputs.links, inputs.outlets, inputs.texts)
        events.append(build_event(cluster.members, origins, cluster.evidence, cluster.decisions))
    events.sort(key=lambda e: (e["event_date"] or e["first_published"] or "9999", e["id"]))
    return events


def update_picture(store: Store, *, force: bool = False) -> list[dict[str, Any]]:
    """The merged events of ``store``: the stored ones when they are current, else recomputed
    from the stored events and the analysts' decisions (and stored, unless the store is read-only)."""
    inputs_id = store.picture_inputs()
    stored, stored_inputs = store.picture_events()
    if stored_inputs == inputs_id and not force:
        return stored
    events = compute_events(_collect(store), decisions_of(store))
    if not store.readonly:
        store.replace_picture_events(events, inputs_id)
    return events


picture_events = update_picture


def _find(events: list[dict[str, Any]], event_id: str) -> dict[str, Any]:
    for e in events:
        if e["id"] == event_id:
            return e
    raise NotFoundError(f"no merged event {event_id!r}; see `lagebild timeline --json` for event ids")


def split_event(store: Store, event_id: str, mention_keys: Sequence[str], *, analyst: str | None = None,
                note: str | None = None) -> int:
    """Split the reports ``mention_keys`` (``doc_id:idx``, as in the event's ``mentions``) off the
    merged event ``event_id`` into an event of their own; returns the decision's version."""
    event = _find(update_picture(store), event_id)
    keys = [m["key"] for m in event["mentions"]]
    part = list(dict.fromkeys(mention_keys))
    unknown = [k for k in part if k not in keys]
    if unknown:
        raise LagebildError(f"{', '.join(unknown)} not among the reports of {event_id}: {', '.join(keys)}")
    rest = [k for k in keys if k not in part]
    if not part or not rest:
        raise LagebildError(f"a split needs some but not all of the {len(keys)} reports of {event_id}")
    version = store.add_picture_decision("split", [part, rest], analyst=analyst, note=note)
    update_picture(store)
    return version


def merge_events(store: Store, event_ids: Sequence[str], *, analyst: str | None = None,
                 note: str | None = None) -> int:
    """Merge the events ``event_ids`` into one; returns the decision's version."""
    events = update_picture(store)
    ids = list(dict.fromkeys(event_ids))
    if len(ids) < 2:
        raise LagebildError("a merge needs at least two different event ids")
    groups = [[m["key"] for m in _find(events, i)["mentions"]] for i in ids]
    version = store.add_picture_decision("merge", groups, analyst=analyst, note=note)
    update_picture(store)
    return version


def undo_decision(store: Store, version: int, *, analyst: str | None = None, note: str | None = None) -> int:
    """Take back the decision ``version`` (recorded as a new decision; nothing is deleted)."""
    known = {d["version"]: d for d in store.picture_decisions()}
    if version not in known or known[version]["action"] == "undo":
        raise NotFoundError(f"no split or merge decision with version {version}; see `lagebild picture decisions`")
    new = store.add_picture_decision("undo", [], ref=version, analyst=analyst, note=note)
    update_picture(store)
    return new
