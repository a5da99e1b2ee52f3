"""Full-text search on both backends: German and English articles, stems, phrases, exclusions.

PostgreSQL stems the index (Snowball german/english by document language); SQLite matches a
query word or the prefix of its stem (see lagebild/store/sqlite.py). Cases here hold for both.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.store import HIGHLIGHT_END, HIGHLIGHT_START, Store
from lagebild.store import testing as _fixtures
from lagebild.store.sqlite import fts5_query
from lagebild.store.testing import sample_documents

store_url = _fixtures.store_url  # both backends: a fresh SQLite file, a fresh PostgreSQL schema
store = _fixtures.store
pg_session_url = _fixtures.pg_session_url


@pytest.fixture
def filled(store: Store) -> Store:
    store.add_many(sample_documents())
    return store


@pytest.mark.parametrize("query, expected", [
    ("Verhandlungen", {"de_lawrow", "de_scholz"}),  # plural finds singular (stem verhandl)
    ("Verhandlung", {"de_lawrow", "de_scholz"}),
    ("negotiation", {"en_zelensky"}),  # finds "negotiating"
    ("Außenminister", {"de_lawrow"}),
    ("KIEW", {"de_lawrow", "de_scholz"}),
    ('"Olaf Scholz"', {"de_scholz"}),
    ("Kiew -Scholz", {"de_lawrow"}),
    ("tanks OR Soldaten", {"de_lawrow", "en_zelensky"}),
    ("Moskau Kiew", {"de_lawrow", "de_scholz"}),
    ("Washington", set()),
])
def test_store_search_finds(filled: Store, query: str, expected: set[str]) -> None:
    assert {h.export_id for h in filled.search(query)} == expected


@pytest.mark.parametrize("query", ["", "   ", "-- ( *", '"', "AND NOT (", "-Scholz"])
def test_store_search_odd_queries_do_not_fail(filled: Store, query: str) -> None:
    assert filled.search(query) == []


def test_store_search_snippet_highlights_the_match(filled: Store) -> None:
    (hit,) = filled.search("Soldaten")
    assert f"{HIGHLIGHT_START}Soldaten{HIGHLIGHT_END}" in hit.snippet
    assert str(hit.rich_snippet()).count("Soldaten") == 1
    assert hit.title == "Lawrow: Russland offen für Gespräche"
    assert hit.published is not None and hit.published.isoformat() == "2022-02-08"


def test_store_search_language_filter_and_limit(filled: Store) -> None:
    assert [h.export_id for h in filled.search("Moscow", language="en")] == ["en_zelensky"]
    assert filled.search("Moskau", language="en") == []
    assert len(filled.search("Kiew", limit=1)) == 1


def test_store_search_title_ranks_first(filled: Store) -> None:
    hits = filled.search("Scholz OR Lawrow")
    assert len(hits) == 2
    assert hits[0].score >= hits[1].score


@pytest.mark.parametrize("query, expected", [
    ("Krieg", '("Krieg" OR "krieg"*)'),
    ('"Olaf Scholz"', '("Olaf Scholz")'),
    ("Frieden -Nato", '(("Frieden" OR "fried"* OR "frieden"*)) NOT "Nato"'),
    ("talks*", '("talks"*)'),
    ("-x", None),
])
def test_store_fts5_query_translation(query: str, expected: str | None) -> None:
    assert fts5_query(query) == expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_store_search_any_user_input_is_safe(filled: Store, query: str) -> None:
    for hit in filled.search(query):
        assert hit.export_id in {"de_lawrow", "de_scholz", "en_zelensky"}
