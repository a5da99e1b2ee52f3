"""Figures as claims (``lagebild claims``): the same quantity across sources and dates grouped, agreement
and contradiction shown with who claims what; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date

from picture_reports import url_of
from typer.testing import CliRunner

from lagebild.cli import app
from lagebild.document import Document, Sentence
from lagebild.picture.claims import claims_in
from lagebild.store import testing as _fixtures
from lagebild.store.base import Store
from lagebild.store.testing import make_document

store = _fixtures.store  # both backends
pg_session_url = _fixtures.pg_session_url
runner = CliRunner()

RUSSIA = {"russia": ("Russia", "state", ["Russland"]), "nato": ("NATO", "organisation", ["Nato"])}


def _doc(text: str, published: date, export_id: str, outlet: str, figure: str, value: float,
         qualifier: str | None = None, quote: tuple[str, str] | None = None) -> Document:
    doc = make_document(text, published=published, export_id=export_id, title=export_id, actors=RUSSIA,
                        mentions=[(w, a, 0) for w, a in (("Russland", "russia"), ("Nato", "nato")) if w in text],
                        figures=[(figure, value, "soldier", qualifier is not None)],
                        quotes=[(quote[0], "direct", quote[1])] if quote else None)
    doc.figures[0].qualifier = qualifier
    doc.meta.outlet = outlet
    doc.sentences = [Sentence(0, len(text), component="test")]
    doc.layers.add("sentences")
    return doc


EARLY = _doc("Russland hat rund 100.000 Soldaten an der Grenze zusammengezogen.", date(2022, 1, 10), "de_a",
             "Demo Wire", "rund 100.000 Soldaten", 100000, "about")
SAME = _doc("Russland hat etwa 100.000 Soldaten an der Grenze.", date(2022, 1, 12), "de_b", "Lagebild Demo",
            "etwa 100.000 Soldaten", 100000, "about")
NATO = _doc("Die Nato sagt: „Russland hat 150.000 Soldaten an der Grenze.“", date(2022, 2, 5), "de_c", "Demo Wire",
            "150.000 Soldaten", 150000, None, ("Russland hat 150.000 Soldaten an der Grenze.", "nato"))
LATER = _doc("Russland verliert nach Angaben aus Kiew 600.000 Soldaten.", date(2025, 11, 21), "de_d", "Lagebild Demo",
             "600.000 Soldaten", 600000)
ALL = (EARLY, SAME, NATO, LATER)


def test_picture_claims_group_the_same_quantity_and_show_who_claims_what() -> None:
    groups = claims_in(ALL)
    border = next(g for g in groups if any(c.export_id == "de_a" for c in g.claims))
    assert {c.export_id for c in border.claims} == {"de_a", "de_b", "de_c"}, "one quantity, three reports"
    assert not border.agrees
    values = border.values()
    assert [v["value"] for v in values] == [100000, 150000]
    assert values[0]["documents"] == ["de_a", "de_b"] and values[0]["claimants"] == ["Demo Wire", "Lagebild Demo"]
    assert values[1]["claimants"] == ["NATO"], "the speaker of the quote claims the figure"
    later = next(g for g in groups if any(c.export_id == "de_d" for c in g.claims))
    assert len(later.claims) == 1, "almost four years later: another quantity"


def test_picture_claims_agree_when_the_values_overlap() -> None:
    (group,) = [g for g in claims_in((EARLY, SAME)) if g.unit == "soldier"]
    assert group.agrees and group.as_dict()["status"] == "agree"


def test_picture_claims_cli_filters_and_as_of(store: Store) -> None:
    store.add_many(ALL)
    result = runner.invoke(app, ["claims", "--unit", "soldier", "--as-of", "2022-01-31", "--json",
                                 "--db", url_of(store)])
    assert result.exit_code == 0, result.output
    groups = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(groups) == 1 and groups[0]["status"] == "agree" and groups[0]["sources"] == 2
    by_nato = runner.invoke(app, ["claims", "--actor", "Nato", "--json", "--db", url_of(store)])
    (only,) = [json.loads(line) for line in by_nato.stdout.splitlines() if line.strip()]
    assert [c["export_id"] for c in only["claims"]] == ["de_c"]
    table = runner.invoke(app, ["claims", "--db", url_of(store)], env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "differ" in table.stdout and "150,000" in table.stdout
    none = runner.invoke(app, ["claims", "--unit", "tank", "--db", url_of(store)])
    assert none.exit_code == 1
