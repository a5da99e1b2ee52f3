"""Event merging across articles and languages (lagebild.picture.merge) on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from picture_reports import (
    GENEVA_DE,
    GENEVA_DE_COPY,
    GENEVA_DE_OTHER,
    GENEVA_EN,
    NATO_COUNCIL,
    THREAT,
    key,
    report,
    store_reports,
)

from lagebild.picture.merge import merge_events, split_event, undo_decision, update_picture
from lagebild.store import testing as _fixtures
from lagebild.store.base import Store

store = _fixtures.store  # both backends
pg_session_url = _fixtures.pg_session_url


def _event_of(events: list[dict], doc, idx: int = 0) -> dict:
    found = [e for e in events if key(doc, idx) in {m["key"] for m in e["mentions"]}]
    assert len(found) == 1, found
    return found[0]


def test_picture_reports_of_one_meeting_merge_with_independent_source_count(store: Store) -> None:
    store_reports(store)
    events = update_picture(store)
    geneva = _event_of(events, GENEVA_DE)
    assert {m["key"] for m in geneva["mentions"]} == {key(d) for d in (GENEVA_DE, GENEVA_DE_COPY, GENEVA_EN,
                                                                        GENEVA_DE_OTHER)}
    assert geneva["documents"] == 4
    assert geneva["sources"] == 3, "the syndicated copy counts once"
    assert geneva["type"] == "CONSULT" and geneva["event_date"] == "2022-01-10"
    # the NATO-Russia Council two days later and the threat on the same day stay separate events
    assert _event_of(events, NATO_COUNCIL)["id"] != geneva["id"]
    assert _event_of(events, THREAT)["id"] != geneva["id"]
    assert len(events) == 3


def test_picture_german_and_english_reports_merge_on_actors_type_and_date(store: Store) -> None:
    store_reports(store, (GENEVA_DE, GENEVA_EN))
    (event,) = update_picture(store)
    kinds = {e["kind"] for e in event["evidence"]}
    assert {"same_type", "same_actor_pair", "same_date"} <= kinds
    assert "text_similarity" not in kinds, "German and English sentences share no words"
    assert {m["language"] for m in event["mentions"]} == {"de", "en"}
    assert len(event["pairs"]) == 1 and set(event["pairs"][0]) == {"united_states", "russia"}, \
        "one interaction, whichever way round the reports name it"


def test_picture_conflicting_dates_and_places_are_kept_side_by_side(store: Store) -> None:
    store_reports(store, (GENEVA_DE, GENEVA_EN, GENEVA_DE_OTHER))
    (event,) = update_picture(store)
    dates = {d["value"]: set(d["mentions"]) for d in event["conflicts"]["date"]}
    assert dates == {"2022-01-10": {key(GENEVA_DE), key(GENEVA_EN)}, "2022-01-11": {key(GENEVA_DE_OTHER)}}
    assert event["event_date"] == "2022-01-10", "the date most reports give"
    assert {p["value"] for p in event["locations"]} == {"Genf", "Geneva"}


def test_picture_analyst_split_survives_a_rerun_with_new_articles_and_can_be_undone(store: Store) -> None:
    store_reports(store)
    geneva = _event_of(update_picture(store), GENEVA_DE)
    version = split_event(store, geneva["id"], [key(GENEVA_EN)], analyst="test", note="separate briefing")
    after = update_picture(store)
    assert _event_of(after, GENEVA_EN)["id"] != _event_of(after, GENEVA_DE)["id"]
    assert version in _event_of(after, GENEVA_EN)["decisions"]
    # a new article arrives: the picture is recomputed, the split holds
    late = report("Washington und Moskau haben am Montag in Genf beraten, berichtete ein Diplomat.",
                  published=date(2022, 1, 13), outlet="Demo-Rundschau", language="de", export_id="de_spaet",
                  events=[("beraten", "CONSULT", "united_states", "russia", "2022-01-10", "Genf")])
    store.add(late)
    rerun = update_picture(store, force=True)
    assert _event_of(rerun, GENEVA_EN)["id"] != _event_of(rerun, GENEVA_DE)["id"]
    assert len(_event_of(rerun, GENEVA_EN)["mentions"]) == 1
    assert key(late) in {m["key"] for m in _event_of(rerun, GENEVA_DE)["mentions"]}
    undo_decision(store, version)
    assert _event_of(update_picture(store), GENEVA_EN)["id"] == _event_of(update_picture(store), GENEVA_DE)["id"]


def test_picture_analyst_merge_joins_events_the_rules_keep_apart(store: Store) -> None:
    store_reports(store, (GENEVA_DE, NATO_COUNCIL))
    a, b = (_event_of(update_picture(store), d)["id"] for d in (GENEVA_DE, NATO_COUNCIL))
    assert a != b
    version = merge_events(store, [a, b], analyst="test")
    merged = _event_of(update_picture(store), NATO_COUNCIL)
    assert key(GENEVA_DE) in {m["key"] for m in merged["mentions"]}
    assert version in merged["decisions"] and "analyst_merge" in {e["kind"] for e in merged["evidence"]}
    assert merged["conflicts"]["date"], "the two dates stay visible"


def test_picture_merged_events_are_stored_and_reused_until_the_store_changes(store: Store) -> None:
    store_reports(store, (GENEVA_DE, GENEVA_EN))
    first = update_picture(store)
    stored, inputs = store.picture_events()
    assert stored == first and inputs == store.picture_inputs()
    store.add(NATO_COUNCIL)
    assert store.picture_inputs() != inputs
    assert len(update_picture(store)) == 2


def test_picture_persons_merge_with_the_states_they_act_for_but_one_side_alone_is_not_enough(store: Store) -> None:
    envoys = report("Sherman und Rjabkow verhandelten am Montag in Genf.", published=date(2022, 1, 10),
                    outlet="Demo-Rundschau", language="de", export_id="de_gesandte",
                    events=[("verhandelten", "CONSULT", "wendy_sherman", "sergei_ryabkov", "2022-01-10", "Genf")])
    lavrov = report("Lawrow drohte der Ukraine am Montag.", published=date(2022, 1, 10), outlet="Demo-Rundschau",
                    language="de", export_id="de_lawrow",
                    events=[("drohte", "THREATEN", "sergey_lavrov", "ukraine", "2022-01-10", None)])
    putin = report("Putin drohte der Ukraine am Montag.", published=date(2022, 1, 10), outlet="Demo-Echo",
                   language="de", export_id="de_putin",
                   events=[("drohte", "THREATEN", "vladimir_putin", None, "2022-01-10", None)])
    store_reports(store, (GENEVA_EN, envoys, lavrov, putin))
    events = update_picture(store)
    geneva = _event_of(events, GENEVA_EN)
    assert key(envoys) in {m["key"] for m in geneva["mentions"]}
    assert "same_sides" in {e["kind"] for e in geneva["evidence"]}
    assert _event_of(events, lavrov)["id"] != _event_of(events, putin)["id"], \
        "two Russian officials' statements are two events unless more than the side agrees"
