"""``lagebild events`` and ``Store.events`` over real stores: a SQLite file and a PostgreSQL schema."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from lagebild.cli import app
from lagebild.document import Document, Metadata
from lagebild.errors import EXIT_SKIPPED
from lagebild.store import EventRow, open_store
from lagebild.store import testing as _fixtures

store_url = _fixtures.store_url  # both backends
runner = CliRunner()

ARTICLES = [
    ("Moskau/Kiew, 3. März 2024\n\nRussland griff am Sonntag die Ukraine mit Drohnen an. "
     "Die EU verhängte am Montag neue Sanktionen gegen Russland.", "de", "2024-03-04"),
    ("WASHINGTON, June 10, 2024\n\nPresident Joe Biden met Volodymyr Zelenskyy in Paris on Friday. "
     "China accused the United States of provoking tensions.", "en", "2024-06-10"),
]


@pytest.fixture(scope="module")
def analysed() -> list[Document]:
    from lagebild.pipeline import default_pipeline

    pipe = default_pipeline()
    return [pipe(Document(t, Metadata(language=lang, published=date.fromisoformat(p)))) for t, lang, p in ARTICLES]


@pytest.fixture
def url(store_url: str, analysed: list[Document]) -> str:
    with open_store(store_url, create=True) as store:
        store.add_many(analysed)
    return store_url


def test_events_store_filters_by_actor_type_and_date(url: str) -> None:
    with open_store(url) as store:
        every = store.events()
        assert {(r.type, r.source_id, r.target_id) for r in every} >= {
            ("ASSAULT", "russia", "ukraine"), ("SANCTION", "european_union", "russia"),
            ("CONSULT", "joe_biden", "volodymyr_zelenskyy"), ("ACCUSE", "china", "united_states")}
        assert all(isinstance(r, EventRow) for r in every)
        russia = store.events(actor="Russland")  # a name in the text, source or target
        assert {r.type for r in russia} == {"ASSAULT", "SANCTION"}
        assert [r.type for r in store.events(type="sanction")] == ["SANCTION"]
        march = store.events(date_from=date(2024, 3, 3), date_to=date(2024, 3, 3))
        assert [(r.type, r.date) for r in march] == [("ASSAULT", "2024-03-03")]
        consult = store.events(actor="Selenskyj", type="CONSULT")[0]
        assert consult.source_name == "Joe Biden" and consult.target_name == "Volodymyr Zelenskyy"
        assert "met" in consult.text and consult.date == "2024-06-07"


def test_events_cli_lists_and_prints_json(url: str) -> None:
    result = runner.invoke(app, ["events", "--db", url, "--actor", "Putin"])
    assert result.exit_code == EXIT_SKIPPED, result.output
    result = runner.invoke(app, ["events", "--db", url, "--type", "ACCUSE", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["type"], r["source_name"], r["target_name"]) for r in rows] == [("ACCUSE", "China", "United States")]
    result = runner.invoke(app, ["events", "--db", url, "--actor", "Russia", "--from", "2024-03-01"])
    assert result.exit_code == 0 and "ASSAULT" in result.stdout and "SANCTION" in result.stdout


@pytest.mark.parametrize("args,needle", [
    (["--type", "SCOLD"], "PLOVER"), (["--from", "März"], "YYYY-MM-DD"), (["--modality", "maybe"], "modality")])
def test_events_cli_bad_options_say_what_to_do(url: str, args: list[str], needle: str) -> None:
    result = runner.invoke(app, ["events", "--db", url, *args])
    assert result.exit_code == 2 and needle in result.output


def test_events_export_lists_the_events(analysed: list[Document]) -> None:
    out = analysed[0].to_json()["events"]
    assert {(e["type"], e["source_name"], e["target_name"], e["date"]) for e in out} == {
        ("ASSAULT", "Russia", "Ukraine", "2024-03-03"), ("SANCTION", "European Union", "Russia", "2024-03-04")}
