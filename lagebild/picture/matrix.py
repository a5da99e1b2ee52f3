"""The stance matrix: actor × issue over time, shifts flagged, each cell linked to its evidence.

Built from the stored stances (``positions.stances_in``). A *row* is an actor or, with
``by="country"``, the state a person speaks for (the knowledge base's ``country``): Scholz's and
Merz's positions are Germany's, Biden's and Trump's the United States', so a change of the actors
in office shows as a change of the row. A *cell* is one row's position on one issue in one period
(``year``, ``quarter`` or ``month``): the polarity most of its stances take (``mixed`` on a tie),
the count of each polarity, who held it, and the evidence (document, characters, sentence).

Shifts are flagged per row and issue, walking the periods in order:

- ``first``: the first position a row takes on an issue, when the row already appears in the
  matrix in an earlier period ("first time United States support security guarantees");
- ``shift``: the polarity differs from the row's previous cell on that issue ("Germany moves from
  oppose to conditional on weapons deliveries").

A commentator's opinion (``holder_kind == "commentator"``) never enters the actors' cells: it is
kept in a matrix of its own (``StanceMatrix.commentary``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from lagebild.document import Document
from lagebild.picture.positions import StanceRow, stances_in
from lagebild.store.base import normalize_name

__all__ = ["PERIODS", "Cell", "Shift", "StanceMatrix", "build_matrix", "period_of", "stance_matrix"]

PERIODS = ("year", "quarter", "month")
BY = ("actor", "country")


def period_of(day: str, period: str = "year") -> str:
    """The period a date (``YYYY[-MM[-DD]]``) falls in: ``2025``, ``2025-Q3`` or ``2025-08``."""
    if period == "year" or len(day) < 7:
        return day[:4]
    if period == "quarter":
        return f"{day[:4]}-Q{(int(day[5:7]) - 1) // 3 + 1}"
    return day[:7]


@dataclass(slots=True)
class Cell:
    row: str
    row_name: str
    issue: str
    period: str
    polarity: str = "mixed"
    counts: dict[str, int] = field(default_factory=dict)
    holders: list[str] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "row_name": self.row_name, "issue": self.issue, "period": self.period,
                "polarity": self.polarity, "counts": dict(self.counts), "holders": list(self.holders),
                "evidence": list(self.evidence)}


@dataclass(frozen=True, slots=True)
class Shift:
    row: str
    row_name: str
    issue: str
    period: str
    kind: str  # first | shift
    before: str | None
    after: str
    text: str
    evidence: tuple[dict[str, Any], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "row_name": self.row_name, "issue": self.issue, "period": self.period,
                "kind": self.kind, "before": self.before, "after": self.after, "text": self.text,
                "evidence": list(self.evidence)}


@dataclass(slots=True)
class StanceMatrix:
    by: str
    period: str
    periods: list[str] = field(default_factory=list)
    rows: dict[str, str] = field(default_factory=dict)  # row id -> name
    issues: list[str] = field(default_factory=list)
    cells: dict[tuple[str, str, str], Cell] = field(default_factory=dict)  # (row, issue, period) -> cell
    shifts: list[Shift] = field(default_factory=list)
    commentary: StanceMatrix | None = None

    def cell(self, row: str, issue: str, period: str) -> Cell | None:
        return self.cells.get((row, issue, period))

    def as_dict(self) -> dict[str, Any]:
        return {"by": self.by, "period": self.period, "periods": list(self.periods), "rows": dict(self.rows),
                "issues": list(self.issues),
                "cells": [c.as_dict() for c in sorted(self.cells.values(),
                                                      key=lambda c: (c.row_name, c.issue, c.period))],
                "shifts": [s.as_dict() for s in self.shifts],
                "commentary": self.commentary.as_dict() if self.commentary is not None else None}


def _evidence(r: StanceRow) -> dict[str, Any]:
    return {"doc_id": r.doc_id, "export_id": r.export_id, "title": r.title, "date": r.date, "actor": r.actor,
            "actor_name": r.actor_name, "polarity": r.polarity, "start": r.start, "end": r.end, "text": r.evidence}


_VERB = {"support": "supports", "oppose": "opposes", "conditional": "conditionally supports", "mixed": "is divided on"}


def _shifts(m: StanceMatrix) -> list[Shift]:
    first_seen: dict[str, str] = {}
    for (row, _issue, period) in m.cells:
        first_seen[row] = min(first_seen.get(row, period), period)
    out: list[Shift] = []
    for row in m.rows:
        for issue in m.issues:
            previous: Cell | None = None
            for period in m.periods:
                c = m.cells.get((row, issue, period))
                if c is None:
                    continue
                if previous is None and period > first_seen[row]:
                    out.append(Shift(row, c.row_name, issue, period, "first", None, c.polarity,
                                     f"first time {c.row_name} {_VERB[c.polarity]} {issue}", tuple(c.evidence)))
                elif previous is not None and previous.polarity != c.polarity:
                    out.append(Shift(row, c.row_name, issue, period, "shift", previous.polarity, c.polarity,
                                     f"{c.row_name} moves from {previous.polarity} to {c.polarity} on {issue} "
                                     f"({previous.period} → {period})",
                                     tuple(previous.evidence[-1:]) + tuple(c.evidence)))
                previous = c
    out.sort(key=lambda s: (s.period, s.row_name, s.issue))
    return out


def build_matrix(rows: Iterable[StanceRow], *, by: str = "actor", period: str = "year",
                 country_of: Callable[[str], tuple[str, str] | None] | None = None) -> StanceMatrix:
    """The matrix of these stances (own positions; commentators' in ``commentary``).

    ``country_of(actor_id)`` gives ``(country id, country name)`` for a person (``by="country"``)."""
    own: list[StanceRow] = []
    commented: list[StanceRow] = []
    for r in rows:
        (commented if r.holder_kind == "commentator" else own).append(r)
    matrix = _build(own, by, period, country_of)
    matrix.commentary = _build(commented, "actor", period, None)
    return matrix


def _build(rows: list[StanceRow], by: str, period: str,
           country_of: Callable[[str], tuple[str, str] | None] | None) -> StanceMatrix:
    m = StanceMatrix(by=by, period=period)
    per_cell: dict[tuple[str, str, str], list[StanceRow]] = {}
    for r in rows:
        if not r.date:
            continue
        key, name = r.actor or "?", r.actor_name or r.actor or "?"
        if by == "country" and r.actor and country_of is not None:
            found = country_of(r.actor)
            if found is not None:
                key, name = found
        m.rows.setdefault(key, name)
        per_cell.setdefault((key, r.issue, period_of(r.date[:10], period)), []).append(r)
    for (row, issue, p), members in per_cell.items():
        counts = Counter(r.polarity for r in members)
        ranked = counts.most_common()
        polarity = ranked[0][0] if len(ranked) == 1 or ranked[0][1] > ranked[1][1] else "mixed"
        holders = list(dict.fromkeys(r.actor_name or r.actor or "?" for r in members))
        m.cells[(row, issue, p)] = Cell(row, m.rows[row], issue, p, polarity, dict(counts), holders,
                                        [_evidence(r) for r in members])
    m.periods = sorted({p for (_r, _i, p) in m.cells})
    m.issues = sorted({i for (_r, i, _p) in m.cells})
    m.rows = dict(sorted(m.rows.items(), key=lambda kv: kv[1]))
    m.shifts = _shifts(m)
    return m


def _kb_lookups(settings: Any = None) -> tuple[Callable[[str], tuple[str, str] | None], Callable[[str], list[str]]]:
    """``country_of(actor id)`` for persons with a country in the knowledge base, and
    ``names_of(actor id)``: the actor's names and aliases and those of its country."""
    from lagebild.actors.loader import get_kb

    kb = get_kb(settings)

    def country_of(actor_id: str) -> tuple[str, str] | None:
        actor = kb.actor(actor_id)
        if actor is None or actor.type != "person" or not actor.country:
            return None
        state = kb.actor(actor.country)
        return actor.country, state.name if state else actor.country

    def names_of(actor_id: str) -> list[str]:
        actor = kb.actor(actor_id)
        if actor is None:
            return []
        state = kb.actor(actor.country) if actor.type == "person" and actor.country else None
        return [*actor.all_names(), *(state.all_names() if state else ())]

    return country_of, names_of


def _row_matches(rows: list[StanceRow], who: str | None, names_of: Callable[[str], list[str]]) -> list[StanceRow]:
    if not who:
        return rows
    want = normalize_name(who.replace("_", " "))
    out = []
    for r in rows:
        names = [r.actor or "", r.actor_name or "", *(names_of(r.actor) if r.actor else ())]
        if any(want and (normalize_name(n.replace("_", " ")) == want
                         or f" {want} " in f" {normalize_name(n.replace('_', ' '))} ") for n in names):
            out.append(r)
    return out


def stance_matrix(documents: Iterable[Document], *, by: str = "country", period: str = "year",
                  actor: str | None = None, issue: str | None = None, date_from: date | None = None,
                  date_to: date | None = None, settings: Any = None) -> StanceMatrix:
    """The stance matrix of these documents (e.g. ``store.iter_documents(include_duplicates=False)``).

    ``actor`` keeps the rows of that actor, or with ``by="country"`` of that country and its people."""
    if by not in BY:
        raise ValueError(f"by must be one of {', '.join(BY)}")
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}")
    country_of, names_of = _kb_lookups(settings)
    rows = stances_in(documents, issue=issue, date_from=date_from, date_to=date_to)
    return build_matrix(_row_matches(rows, actor, names_of), by=by, period=period, country_of=country_of)
