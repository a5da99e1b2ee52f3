"""The picture across articles on demo-corpus articles through the real pipeline: an agency text
and its syndicated copies (examples/corpus) count as one source, and the copies published a day
later are not known the day before. (The events come from the events layer; the assertions hold
for whatever events it finds in these texts, as long as it finds one.)"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lagebild.batch import ingest_sources
from lagebild.picture.merge import update_picture
from lagebild.picture.timeline import timeline
from lagebild.settings import Settings
from lagebild.store import open_store

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
ORIGINALS = ("de_2025-08-16_anchorage_treffen.txt", "en_2025-08-16_alaska_summit.txt")
COPIES = {"de_2025-08-17_anchorage_nachdruck": "de_2025-08-16_anchorage_treffen",
          "en_2025-08-17_alaska_summit_republished": "en_2025-08-16_alaska_summit"}


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    db = str(tmp_path_factory.mktemp("picture") / "demo.db")
    paths = [str(CORPUS / name) for name in ORIGINALS] + [str(CORPUS / f"{name}.txt") for name in COPIES]
    with open_store(db, create=True) as store:
        report = ingest_sources(paths, store, settings=Settings.from_env(db=db), progress=False, workers=1)
        assert len(report.duplicates) == 2, "the ingest layer links both syndicated copies"
        found = update_picture(store)
    assert found, "the events layer finds events in the Anchorage reports"
    return found


def test_picture_syndicated_copies_of_demo_articles_count_once(events: list[dict]) -> None:
    with_copies = [e for e in events if {m["export_id"] for m in e["mentions"]} & set(COPIES)]
    assert with_copies, "events reported in the copies are merged with their originals"
    for event in with_copies:
        originals = {COPIES.get(m["export_id"], m["export_id"]) for m in event["mentions"]}
        assert event["sources"] == len(originals), event["id"]
    assert any(e["documents"] > e["sources"] for e in with_copies), "a copy and its original in one event"


def test_picture_demo_timeline_as_of_hides_the_copies_published_later(events: list[dict]) -> None:
    day_before = timeline(events, as_of=date(2025, 8, 16))
    assert day_before
    shown = {m["doc"] for e in day_before for m in e["mentions"]}
    assert not shown & set(COPIES)
    assert {m["doc"] for e in timeline(events) for m in e["mentions"]} & set(COPIES)
