"""``lagebild eval`` scores events by FORMAT.md: same type, matching source and target (either order
for CONSULT, COOPERATE, AGREE), and the same date where both give one; optional gold is neutral."""

from __future__ import annotations

from typing import Any

from lagebild.evaluate import score_document

TEXT = "Blinken traf Lawrow. Russland griff die Ukraine an."
ACTORS = [{"id": i, "name": n, "aliases": a} for i, n, a in [
    ("antony_blinken", "Antony Blinken", ["Blinken"]), ("sergey_lavrov", "Sergey Lavrov", ["Lawrow"]),
    ("russia", "Russia", ["Russland"])]]


def _score(gold_events: list[dict[str, Any]], sys_events: list[dict[str, Any]]) -> tuple[int, int, int]:
    export = {"id": "x", "text": TEXT, "actors": ACTORS, "events": sys_events}
    c = score_document(export, {"doc": "x.txt", "events": gold_events}).layers["events"]
    return c.tp, c.fp, c.fn


def test_events_scoring_symmetric_types_match_in_either_order() -> None:
    gold = [{"type": "CONSULT", "source": "Sergey Lavrov", "target": "Antony Blinken", "date": None}]
    assert _score(gold, [{"type": "CONSULT", "source": "antony_blinken", "target": "sergey_lavrov"}]) == (1, 0, 0)
    gold = [{"type": "ASSAULT", "source": "Ukraine", "target": "Russia"}]
    assert _score(gold, [{"type": "ASSAULT", "source": "russia", "target": "ukraine"}]) == (0, 1, 1)


def test_events_scoring_date_counts_only_where_both_give_one() -> None:
    gold = [{"type": "ASSAULT", "source": "Russia", "target": "Ukraine", "date": "2024-03-03"}]
    base = {"type": "ASSAULT", "source": "russia", "target": "ukraine"}
    assert _score(gold, [{**base, "date": None}]) == (1, 0, 0)
    assert _score(gold, [{**base, "date": "2024-03-03"}]) == (1, 0, 0)
    assert _score(gold, [{**base, "date": "2024-03-04"}]) == (0, 1, 1)


def test_events_scoring_null_target_and_optional_gold() -> None:
    gold = [{"type": "ACCUSE", "source": "Sergey Lavrov", "target": None},
            {"type": "THREATEN", "source": "Russia", "target": None, "optional": True}]
    sys = [{"type": "ACCUSE", "source": "sergey_lavrov", "target": "russia"},
           {"type": "THREATEN", "source": "russia", "target": None}]
    assert _score(gold, sys) == (0, 1, 1)  # a null gold target wants a null; the optional match is neutral
