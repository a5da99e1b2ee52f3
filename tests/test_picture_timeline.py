"""The timeline as known on a date (``lagebild timeline``) on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date

from picture_reports import GENEVA_DE, GENEVA_DE_OTHER, NATO_COUNCIL, THREAT, key, store_reports, url_of
from typer.testing import CliRunner

from lagebild.cli import app
from lagebild.picture.merge import update_picture
from lagebild.picture.timeline import timeline
from lagebild.store import testing as _fixtures
from lagebild.store.base import Store

store = _fixtures.store  # both backends
pg_session_url = _fixtures.pg_session_url
runner = CliRunner()


def _cli(store: Store, *args: str) -> list[dict]:
    result = runner.invoke(app, ["timeline", *args, "--db", url_of(store), "--json"])
    assert result.exit_code in (0, 1), result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_picture_timeline_as_of_hides_articles_published_later(store: Store) -> None:
    store_reports(store)
    full = _cli(store)
    assert [e["event_date"] for e in full] == ["2022-01-10", "2022-01-10", "2022-01-12"]
    geneva = next(e for e in full if e["type"] == "CONSULT" and e["event_date"] == "2022-01-10")
    assert geneva["sources"] == 3 and geneva["reports"] == 4
    known = _cli(store, "--as-of", "2022-01-10")
    assert {e["type"] for e in known} == {"CONSULT", "THREATEN"}, "the NATO council was reported on the 12th"
    geneva_then = next(e for e in known if e["type"] == "CONSULT")
    assert geneva_then["id"] == geneva["id"]
    assert geneva_then["reports"] == 2 and geneva_then["sources"] == 2
    assert all(m["published"] <= "2022-01-10" for e in known for m in e["mentions"])
    assert key(GENEVA_DE_OTHER) not in {m["key"] for m in geneva_then["mentions"]}
    assert "date" not in geneva_then["conflicts"], "the later report's other date was not known yet"
    assert _cli(store, "--as-of", "2022-01-09") == []


def test_picture_timeline_keeps_event_time_and_publication_time_apart(store: Store) -> None:
    store_reports(store, (GENEVA_DE, GENEVA_DE_OTHER))
    (entry,) = timeline(update_picture(store))
    assert entry["event_date"] == "2022-01-10" and entry["date_basis"] == "event"
    assert entry["first_published"] == "2022-01-10" and entry["last_published"] == "2022-01-12"
    published = {m["doc"]: (m["published"], m["reported_date"]) for m in entry["mentions"]}
    assert published == {"de_genf": ("2022-01-10", "2022-01-10"), "de_genf_bilanz": ("2022-01-12", "2022-01-11")}


def test_picture_timeline_filters_by_actor_name_type_and_period(store: Store) -> None:
    store_reports(store)
    events = update_picture(store)
    by_actor = timeline(events, actor="Nato")
    assert [e["mentions"][0]["key"] for e in by_actor] == [key(NATO_COUNCIL)]
    assert {e["type"] for e in timeline(events, actor="Russland")} == {"CONSULT", "THREATEN"}
    assert [e["type"] for e in timeline(events, type="verbal_conflict")] == ["THREATEN"]
    assert [m["key"] for e in timeline(events, type="threaten") for m in e["mentions"]] == [key(THREAT)]
    period = timeline(events, date_from=date(2022, 1, 11), date_to=date(2022, 1, 31))
    assert [e["event_date"] for e in period] == ["2022-01-12"]
    assert _cli(store, "--actor", "Nato", "--from", "2022-01-01", "--to", "2022-01-31")[0]["id"] == by_actor[0]["id"]


def test_picture_timeline_without_events_says_so(store: Store) -> None:
    result = runner.invoke(app, ["timeline", "--db", url_of(store)])
    assert result.exit_code == 1
    assert "No merged events" in result.output
