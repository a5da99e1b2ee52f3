"""Test support: store fixtures over both backends and small hand-built documents.

The shared suite (``tests/test_store_*.py``) imports ``store``, ``store_url`` and
``pg_session_url`` from here; every test gets a fresh SQLite file, and on PostgreSQL an emptied
session schema (``store``) or a fresh schema (``store_url``); all are dropped afterwards. The server is
``LAGEBILD_TEST_PG_URL`` (default ``postgresql://postgres@127.0.0.1:5432/test``); when it is
unreachable the PostgreSQL cases are skipped with the reason, or fail when
``LAGEBILD_REQUIRE_POSTGRES=1`` (set it in CI, where the server must be there).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date
from functools import lru_cache

import pytest

from lagebild.document import Actor, Document, Figure, Mention, Metadata, Quote, Timex
from lagebild.store import open_store
from lagebild.store.base import Store

PG_TEST_URL = os.environ.get("LAGEBILD_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
SCHEMA_PREFIX = "lbtest_"

BACKENDS = [pytest.param("sqlite", id="sqlite"),
            pytest.param("postgres", id="postgres", marks=pytest.mark.postgres)]


@lru_cache(maxsize=1)
def pg_unavailable() -> str | None:
    """None when the test server answers, else why not. Also drops schemas left by test processes
    that died (their pid is in the name and no longer runs)."""
    import psycopg

    try:
        with psycopg.connect(PG_TEST_URL, autocommit=True, connect_timeout=3) as conn:
            rows = conn.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE %s",
                                (SCHEMA_PREFIX + "%",)).fetchall()
            for (name,) in rows:
                pid = name[len(SCHEMA_PREFIX):].split("_")[0]
                if pid.isdigit() and not _alive(int(pid)):
                    conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
    except psycopg.Error as exc:
        first = (str(exc).strip().splitlines() or [""])[0]
        return f"PostgreSQL at {PG_TEST_URL} is unreachable ({first}); set LAGEBILD_TEST_PG_URL"
    return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _require_pg() -> None:
    """Skip when the server is unreachable; fail instead under LAGEBILD_REQUIRE_POSTGRES=1 (CI)."""
    reason = pg_unavailable()
    if reason and os.environ.get("LAGEBILD_REQUIRE_POSTGRES") == "1":
        pytest.fail(reason + " (LAGEBILD_REQUIRE_POSTGRES=1)")
    if reason:
        pytest.skip(reason)


def fresh_pg_url() -> tuple[str, str]:
    """A URL for a new, unique schema on the test server, and the schema name."""
    schema = f"{SCHEMA_PREFIX}{os.getpid()}_{uuid.uuid4().hex[:10]}"
    sep = "&" if "?" in PG_TEST_URL else "?"
    return f"{PG_TEST_URL}{sep}schema={schema}", schema


def drop_schema(schema: str) -> None:
    import psycopg

    with psycopg.connect(PG_TEST_URL, autocommit=True, connect_timeout=3) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A URL of an empty store: a new SQLite file, or a new PostgreSQL schema dropped afterwards
    (for tests about opening and migrating; ``store`` is faster)."""
    if request.param == "sqlite":
        yield str(tmp_path_factory.mktemp("store") / "lagebild.db")
        return
    _require_pg()
    url, schema = fresh_pg_url()
    try:
        yield url
    finally:
        drop_schema(schema)


@pytest.fixture
def pg_store_url() -> Iterator[str]:
    """A URL of a new PostgreSQL schema, not yet created (dropped afterwards); PostgreSQL only."""
    _require_pg()
    url, schema = fresh_pg_url()
    try:
        yield url
    finally:
        drop_schema(schema)


@pytest.fixture(scope="session")
def pg_session_url() -> Iterator[str]:
    """One migrated PostgreSQL schema for the session (``store`` empties it per test)."""
    _require_pg()
    url, schema = fresh_pg_url()
    open_store(url).close()
    try:
        yield url
    finally:
        drop_schema(schema)


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """An empty, open store: a new SQLite file, or the session's PostgreSQL schema emptied
    (creating and dropping a schema per test costs ~0.45 s, emptying it a few ms)."""
    if request.param == "sqlite":
        s = open_store(str(tmp_path_factory.mktemp("store") / "lagebild.db"))
    else:
        s = open_store(request.getfixturevalue("pg_session_url"))
        tables = [r[0] for r in s._query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            " AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'")]
        with s.transaction():  # DELETE, not TRUNCATE: a few ms instead of ~0.3 s (new files, fsync)
            for table in tables:
                s._query(f'DELETE FROM "{table}"')
    try:
        yield s
    finally:
        s.close()


# -- hand-built documents ----------------------------------------------------------------------
def span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` (0-based) occurrence of ``part`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def make_document(text: str, *, language: str = "de", title: str | None = None,
                  published: date | None = None, export_id: str | None = None, doc_id: str = "",
                  actors: dict[str, tuple[str, str, list[str]]] | None = None,
                  mentions: list[tuple[str, str, int]] | None = None,
                  quotes: list[tuple[str, str, str]] | None = None,
                  timexes: list[tuple[str, str]] | None = None,
                  figures: list[tuple[str, float, str | None, bool]] | None = None) -> Document:
    """A document with layers given by surface strings (first occurrence):
    actors ``{id: (name, type, aliases)}``, mentions ``[(surface, actor, nth occurrence)]``, quotes
    ``[(surface, kind, speaker)]``, timexes ``[(surface, value)]``, figures
    ``[(surface, value, unit, approximate)]``. ``doc_id`` replaces the content id (for texts it
    cannot hash)."""
    doc = Document(text=text, meta=Metadata(title=title, language=language, published=published,
                                            export_id=export_id, source=f"{export_id or 'test'}.txt"), id=doc_id)
    for actor_id, (name, kind, aliases) in (actors or {}).items():
        doc.actors[actor_id] = Actor(actor_id, name, kind, aliases=list(aliases))
    for surface, actor, nth in mentions or []:
        s, e = span(text, surface, nth)
        doc.mentions.append(Mention(s, e, component="test", text=surface, actor=actor))
    for surface, kind, speaker in quotes or []:
        s, e = span(text, surface)
        doc.quotes.append(Quote(s, e, component="test", text=surface, kind=kind, speaker=speaker))
    for surface, value in timexes or []:
        s, e = span(text, surface)
        doc.timexes.append(Timex(s, e, component="test", text=surface, value=value))
    for surface, number, unit, approx in figures or []:
        s, e = span(text, surface)
        doc.figures.append(Figure(s, e, component="test", text=surface, value=number, unit=unit,
                                  approximate=approx))
    doc.layers.update({"mentions", "actors", "quotes", "timexes", "figures"})
    return doc


LAVROV = ("Sergey Lavrov", "person", ["Sergej Lawrow", "Lawrow", "Lavrov"])
ZELENSKY = ("Volodymyr Zelensky", "person", ["Wolodymyr Selenskyj", "Selenskyj", "Zelensky", "Zelenskyy"])
SCHOLZ = ("Olaf Scholz", "person", ["Scholz"])


def sample_documents() -> list[Document]:
    """Three short articles (two German, one English) with actors, quotes, timexes, figures."""
    de1 = ("Der russische Außenminister Sergej Lawrow hat am Dienstag in Moskau erklärt, Russland sei "
           "grundsätzlich zu Verhandlungen bereit. „Wir lehnen Gespräche nicht ab“, sagte Lawrow. "
           "Kiew fordert den Abzug von rund 150.000 Soldaten.")
    en = ("Ukrainian President Volodymyr Zelensky said on Friday that negotiating with Moscow remained "
          "possible. \"We are ready to talk,\" Zelensky told reporters in Kyiv. About 40 tanks were lost.")
    de2 = ("Bundeskanzler Olaf Scholz reiste am 14. Februar 2022 nach Kiew und traf Präsident Selenskyj. "
           "Über eine Verhandlung mit Moskau sprach Scholz nur kurz.")
    return [
        make_document(
            de1, language="de", title="Lawrow: Russland offen für Gespräche", published=date(2022, 2, 8),
            export_id="de_lawrow", actors={"sergey_lavrov": LAVROV},
            mentions=[("Sergej Lawrow", "sergey_lavrov", 0), ("Lawrow", "sergey_lavrov", 1)],
            quotes=[("„Wir lehnen Gespräche nicht ab“", "direct", "sergey_lavrov"),
                    ("Russland sei grundsätzlich zu Verhandlungen bereit", "indirect", "sergey_lavrov")],
            timexes=[("am Dienstag", "2022-02-08")],
            figures=[("rund 150.000 Soldaten", 150000.0, "soldiers", True)]),
        make_document(
            en, language="en", title="Zelensky open to talks", published=date(2022, 3, 4), export_id="en_zelensky",
            actors={"volodymyr_zelensky": ZELENSKY},
            mentions=[("Volodymyr Zelensky", "volodymyr_zelensky", 0), ("Zelensky", "volodymyr_zelensky", 1)],
            quotes=[("\"We are ready to talk,\"", "direct", "volodymyr_zelensky")],
            timexes=[("on Friday", "2022-03-04")],
            figures=[("About 40 tanks", 40.0, "tanks", True)]),
        make_document(
            de2, language="de", title="Scholz in Kiew", published=date(2022, 2, 14), export_id="de_scholz",
            actors={"olaf_scholz": SCHOLZ, "volodymyr_zelensky": ZELENSKY},
            mentions=[("Olaf Scholz", "olaf_scholz", 0), ("Selenskyj", "volodymyr_zelensky", 0),
                      ("Scholz", "olaf_scholz", 1)],
            timexes=[("am 14. Februar 2022", "2022-02-14")]),
    ]
