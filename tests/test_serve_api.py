"""The REST API over real HTTP on 127.0.0.1 (uvicorn in a thread), on SQLite and PostgreSQL.

One server per backend for the module (a store of hand-built articles with every layer); a second,
strict server (no token, small body limit, low rate limit) for the error cases.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from typing import Any

import httpx
import pytest

from lagebild.serve import create_app
from lagebild.serve.testing import picture_document, running
from lagebild.store import open_store
from lagebild.store.testing import (
    drop_schema,
    fresh_pg_url,
    make_document,
    pg_unavailable,
    sample_documents,
)

TOKEN = "test-token-7f3a"
HOSTILE_TITLE = "<img src=x onerror=alert(1)>"


def _require_postgres() -> None:
    reason = pg_unavailable()
    if reason and os.environ.get("LAGEBILD_REQUIRE_POSTGRES") == "1":
        pytest.fail(reason + " (LAGEBILD_REQUIRE_POSTGRES=1)")
    if reason:
        pytest.skip(reason)


def fill(url: str) -> None:
    hostile = make_document("Ein Text mit <script>alert(2)</script> und Markup.", title=HOSTILE_TITLE,
                            published=date(2022, 1, 5), export_id="hostile")
    with open_store(url) as store:
        store.add_many([*sample_documents(), picture_document(), hostile])
        # a column a later migration might add: the generic lists must show it unchanged
        store._query("ALTER TABLE events ADD COLUMN x_test_note TEXT")
        store._query("UPDATE events SET x_test_note = 'added later'")


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    """(base URL, app) of a server with writes enabled, over a filled store."""
    schema = None
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("serve") / "api.db")
    else:
        _require_postgres()
        url, schema = fresh_pg_url()
    try:
        fill(url)
        app = create_app(url, token=TOKEN, rate=0, max_body=1_000_000)
        with running(app) as base:
            yield base, app
    finally:
        if schema:
            drop_schema(schema)


@pytest.fixture(scope="module")
def strict(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server without a token, a 2,000-byte body limit and 5 requests of burst, 0.5 a second."""
    url = str(tmp_path_factory.mktemp("strict") / "strict.db")
    fill(url)
    with open_store(url) as store:  # a broken store: the figures table is gone (for the 500 case)
        store._query("DROP TABLE figures")
    with running(create_app(url, token="", rate=0.5, burst=5, max_body=2000)) as base:
        yield base


def get(base: str, path: str, **params: Any) -> Any:
    response = httpx.get(base + path, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def test_serve_api_openapi_lists_every_endpoint(api: tuple[str, Any]) -> None:
    paths = get(api[0], "/openapi.json")["paths"]
    for endpoint in ("documents", "documents/{doc_id}", "search", "actors", "actors/{actor_id}", "mentions",
                     "quotes", "figures", "timexes", "events", "stances", "commitments", "timeline", "network",
                     "ledger", "matrix", "briefing", "timeline/merge", "timeline/{event_id}/split",
                     "decisions/{version}/undo"):
        assert f"/api/v1/{endpoint}" in paths
    assert "post" in paths["/api/v1/documents"] and "delete" in paths["/api/v1/documents/{doc_id}"]


def test_serve_api_documents_page_through_with_cursor_and_filter(api: tuple[str, Any]) -> None:
    base = api[0]
    seen, cursor = [], None
    while True:
        data = get(base, "/api/v1/documents", limit=2, **({"cursor": cursor} if cursor else {}))
        seen += [d["export_id"] for d in data["items"]]
        cursor = data["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(["de_lawrow", "en_zelensky", "de_scholz", "de_antalya", "hostile"])
    assert seen[0] == "de_antalya"  # newest first
    assert [d["export_id"] for d in get(base, "/api/v1/documents", language="en")["items"]] == ["en_zelensky"]
    assert [d["export_id"] for d in get(base, "/api/v1/documents", actor="Lawrow", to="2022-02-28")["items"]] == [
        "de_lawrow"]
    assert {d["export_id"] for d in get(base, "/api/v1/documents", **{"from": "2022-02-14", "to": "2022-03-04"})[
        "items"]} == {"de_scholz", "en_zelensky"}


def test_serve_api_document_carries_every_layer(api: tuple[str, Any]) -> None:
    doc = get(api[0], "/api/v1/documents/de_antalya")
    assert doc["published"] == "2022-03-10"
    assert doc["quotes"][0]["speaker_name"] == "Sergey Lavrov"
    assert doc["events"][0]["type"] == "CONSULT" and doc["stances"][0]["polarity"] == "oppose"
    assert doc["commitments"][0]["deadline"] == "2022-04-01"
    assert {m["actor"] for m in doc["mentions"]} == {"sergey_lavrov", "dmytro_kuleba"}
    assert doc["text"][doc["quotes"][0]["start"]:doc["quotes"][0]["end"]] == doc["quotes"][0]["text"]
    mentions = get(api[0], "/api/v1/mentions", document="de_antalya", actor="dmytro_kuleba")["items"]
    assert [m["text"] for m in mentions] == ["Dmytro Kuleba"]


def test_serve_api_search_finds_the_article_with_marked_snippet(api: tuple[str, Any]) -> None:
    hits = get(api[0], "/api/v1/search", q="Gespräche")["items"]
    assert hits[0]["export_id"] == "de_lawrow"
    assert "<mark>" in hits[0]["snippet"]
    assert get(api[0], "/api/v1/search", q="Gespräche", language="en")["items"] == []


def test_serve_api_actor_has_roles_over_time_and_quotes(api: tuple[str, Any]) -> None:
    actor = get(api[0], "/api/v1/actors/sergey_lavrov")
    assert actor["name"] == "Sergey Lavrov" and actor["documents"] == 2 and actor["in_knowledge_base"]
    foreign_minister = [r for r in actor["roles"] if r["from"] and r["from"].startswith("2004")]
    assert foreign_minister, actor["roles"]
    quotes = get(api[0], "/api/v1/quotes", actor="Lawrow")["items"]
    assert {q["doc_export_id"] for q in quotes} == {"de_lawrow", "de_antalya"}
    assert [q["quote_date"] for q in quotes] == sorted(q["quote_date"] for q in quotes)
    assert [a["id"] for a in get(api[0], "/api/v1/actors", q="kuleb")["items"]] == ["dmytro_kuleba"]


def test_serve_api_events_stances_commitments_listed_with_every_column(api: tuple[str, Any]) -> None:
    base = api[0]
    events = get(base, "/api/v1/events", actor="Kuleba", type="CONSULT")["items"]
    assert len(events) == 1 and events[0]["location"] == "Antalya"
    assert events[0]["x_test_note"] == "added later"  # a new column shows without code changes
    assert get(base, "/api/v1/events", x_test_note="added later")["items"]  # and filters
    assert get(base, "/api/v1/events", actor="Scholz")["items"] == []
    assert get(base, "/api/v1/stances", actor="sergey_lavrov")["items"][0]["issue"] == "nato_membership_ukraine"
    commitments = get(base, "/api/v1/commitments", **{"from": "2022-03-01", "to": "2022-03-31"})["items"]
    assert [c["deadline"] for c in commitments] == ["2022-04-01"]
    figures = get(base, "/api/v1/figures", language="de")["items"]
    assert figures[0]["approximate"] is True and figures[0]["doc_export_id"] == "de_lawrow"
    timexes = get(base, "/api/v1/timexes", document="de_antalya")["items"]
    assert [t["value"] for t in timexes] == ["2022-03-10", "2022-04-01"]


def test_serve_api_timeline_network_and_ledger_as_known_on_a_date(api: tuple[str, Any]) -> None:
    base = api[0]
    entries = get(base, "/api/v1/timeline", actor="Kuleba")["items"]
    assert [(e["event_date"], e["type"], e["location"]) for e in entries] == [("2022-03-10", "CONSULT", "Antalya")]
    assert entries[0]["mentions"][0]["doc"] == "de_antalya"
    assert get(base, "/api/v1/timeline", actor="Kuleba", as_of="2022-03-09")["items"] == []  # not reported yet
    assert get(base, "/api/v1/timeline", type="verbal_cooperation")["items"][0]["id"] == entries[0]["id"]
    net = get(base, "/api/v1/network", **{"from": "2022-03-01", "to": "2022-03-31"})
    assert {n["actor_id"] for n in net["nodes"]} == {"sergey_lavrov", "dmytro_kuleba"}
    assert [(e["source_actor"], e["target_actor"], e["verbal_cooperation"]) for e in net["edges"]] == [
        ("sergey_lavrov", "dmytro_kuleba", 1)]
    assert get(base, "/api/v1/network", as_of="2022-01-01") == {"directed": True, "nodes": [], "edges": []}
    assert [c["status"] for c in get(base, "/api/v1/ledger", actor="Kuleba", as_of="2022-03-20")["items"]] == [
        "pending"]
    overdue = get(base, "/api/v1/ledger", actor="Kuleba", as_of="2022-05-01")["items"]
    assert [(c["deadline"], c["status"]) for c in overdue] == [("2022-04-01", "overdue")]
    assert get(base, "/api/v1/ledger", status="kept")["items"] == []
    assert error_of(httpx.get(base + "/api/v1/ledger", params={"status": "maybe"}), 422)["code"] == "validation_error"
    matrix = get(base, "/api/v1/matrix", by="actor")
    assert [(c["row"], c["issue"], c["period"], c["polarity"]) for c in matrix["cells"]] == [
        ("sergey_lavrov", "nato_membership_ukraine", "2022", "oppose")]
    assert matrix["cells"][0]["evidence"][0]["export_id"] == "de_antalya"
    assert list(get(base, "/api/v1/matrix")["rows"]) == ["russia"]  # by country: Lavrov speaks for Russia
    brief = get(base, "/api/v1/briefing", **{"from": "2022-01-01", "to": "2022-12-31"})
    assert brief["title"] == "Briefing 2022-01-01 to 2022-12-31"
    assert [s["key"] for s in brief["sections"]] == ["events", "quotes", "positions", "commitments", "figures"]
    cited = {n for s in brief["sections"] for c in s["claims"] for n in c["refs"]}
    assert cited <= {int(n) for n in brief["citations"]}  # every sentence's citations are listed


def second_report() -> Any:
    """Another article on the Antalya meeting: its event merges with de_antalya's."""
    from lagebild.document import Event
    from lagebild.store.testing import span

    text = "Lawrow und Kuleba trafen sich am 10. März 2022 in Antalya zu Gesprächen."
    doc = make_document(text, title="Antalya, zweiter Bericht", published=date(2022, 3, 11), export_id="de_antalya_2",
                        actors={"sergey_lavrov": ("Sergey Lavrov", "person", ["Lawrow"]),
                                "dmytro_kuleba": ("Dmytro Kuleba", "person", ["Kuleba"])},
                        mentions=[("Lawrow", "sergey_lavrov", 0), ("Kuleba", "dmytro_kuleba", 0)])
    s, e = span(text, "trafen")
    doc.events.append(Event(s, e, component="test", type="CONSULT", mode="meet", source="sergey_lavrov",
                            target="dmytro_kuleba", date="2022-03-10", location="Antalya"))
    doc.layers.add("events")
    return doc


def test_serve_api_analyst_splits_merges_and_undoes_with_the_token(api: tuple[str, Any]) -> None:
    base, auth = api[0], {"Authorization": f"Bearer {TOKEN}"}
    doc = second_report()
    with api[1].state.stores.writer() as store:
        store.add(doc)
    try:
        [event] = get(base, "/api/v1/timeline", actor="Kuleba")["items"]
        assert event["reports"] == 2
        key = next(m["key"] for m in event["mentions"] if m["doc"] == "de_antalya_2")
        split = {"mentions": [key], "analyst": "test", "note": "a different meeting"}
        assert error_of(httpx.post(f"{base}/api/v1/timeline/{event['id']}/split", json=split), 401)
        done = httpx.post(f"{base}/api/v1/timeline/{event['id']}/split", json=split, headers=auth)
        assert done.status_code == 201, done.text
        parts = get(base, "/api/v1/timeline", actor="Kuleba")["items"]
        assert [p["reports"] for p in parts] == [1, 1]
        merged = httpx.post(f"{base}/api/v1/timeline/merge", json={"events": [p["id"] for p in parts]}, headers=auth)
        assert merged.status_code == 201, merged.text
        assert [p["reports"] for p in get(base, "/api/v1/timeline", actor="Kuleba")["items"]] == [2]
        for version in (merged.json()["version"], done.json()["version"]):
            assert httpx.post(f"{base}/api/v1/decisions/{version}/undo", json={}, headers=auth).status_code == 201
        assert [p["reports"] for p in get(base, "/api/v1/timeline", actor="Kuleba")["items"]] == [2]
        refused = httpx.post(f"{base}/api/v1/timeline/{event['id']}/split", json={"mentions": ["nope:0"]}, headers=auth)
        assert error_of(refused, 400)["code"] == "bad_decision"
        missing = httpx.post(f"{base}/api/v1/timeline/ev_none/split", json={"mentions": ["x:0"]}, headers=auth)
        assert error_of(missing, 404)["code"] == "not_found"
        assert error_of(httpx.post(f"{base}/api/v1/decisions/999/undo", json={}, headers=auth), 404)
    finally:
        with api[1].state.stores.writer() as store:
            store.delete(doc.id)


def test_serve_api_etag_answers_304_when_unchanged(api: tuple[str, Any]) -> None:
    first = httpx.get(api[0] + "/api/v1/documents/de_lawrow")
    tag = first.headers["etag"]
    again = httpx.get(api[0] + "/api/v1/documents/de_lawrow", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    other = httpx.get(api[0] + "/api/v1/documents/de_scholz", headers={"If-None-Match": tag})
    assert other.status_code == 200


def test_serve_api_json_with_security_headers_and_hostile_text_intact(api: tuple[str, Any]) -> None:
    response = httpx.get(api[0] + "/api/v1/documents/hostile")
    assert response.headers["content-type"] == "application/json"
    assert response.json()["title"] == HOSTILE_TITLE
    assert "<script>alert(2)</script>" in response.json()["text"]
    for page in ("/api/v1/documents/hostile", "/", "/documents/hostile"):
        headers = httpx.get(api[0] + page).headers
        assert headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "unsafe-inline" not in headers["content-security-policy"]


def test_serve_api_writes_need_the_token_and_ingest_analyses(api: tuple[str, Any]) -> None:
    base = api[0]
    article = {"articles": [{"id": "posted_scholz", "published": "2023-05-02", "title": "Posted",
                             "text": "Bundeskanzler Olaf Scholz sagte am Dienstag in Berlin: „Wir stehen an der "
                                     "Seite der Ukraine.“ Die Gespräche gehen weiter."}]}
    refused = httpx.post(base + "/api/v1/documents", json=article)
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "unauthorized"
    wrong = httpx.post(base + "/api/v1/documents", json=article, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    auth = {"Authorization": f"Bearer {TOKEN}"}
    done = httpx.post(base + "/api/v1/documents", json=article, headers=auth, timeout=120)
    assert done.status_code == 201, done.text
    assert done.json()["documents"][0]["id"] == "posted_scholz"
    doc = get(base, "/api/v1/documents/posted_scholz")
    assert doc["published"] == "2023-05-02"
    assert any(q["speaker"] == "olaf_scholz" for q in doc["quotes"])  # the real pipeline ran
    assert httpx.delete(base + "/api/v1/documents/posted_scholz").status_code == 401
    assert httpx.delete(base + "/api/v1/documents/posted_scholz", headers=auth).status_code == 204
    assert httpx.get(base + "/api/v1/documents/posted_scholz").status_code == 404


def test_serve_api_reads_run_on_read_only_connections(api: tuple[str, Any]) -> None:
    from lagebild.errors import StoreError

    assert get(api[0], "/api/v1/health")["readonly_reads"] is True
    with api[1].state.stores.reader() as store, pytest.raises(StoreError):
        store._query("DELETE FROM documents")
    assert get(api[0], "/api/v1/health")["documents"] == 5


def error_of(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "hint"}
    assert isinstance(body["error"]["code"], str) and body["error"]["message"]
    return dict(body["error"])


def test_serve_api_errors_have_one_shape(api: tuple[str, Any]) -> None:
    base = api[0]
    assert error_of(httpx.get(base + "/api/v1/quotes", params={"cursor": "bm9wZQ"}), 400)["code"] == "bad_cursor"
    assert error_of(httpx.get(base + "/api/v1/quotes", params={"no_such_column": "1"}), 400)["code"] == "bad_query"
    assert error_of(httpx.post(base + "/api/v1/documents", json={}), 401)["code"] == "unauthorized"
    assert error_of(httpx.get(base + "/api/v1/documents/nope"), 404)["code"] == "not_found"
    assert error_of(httpx.get(base + "/api/v1/nope"), 404)["code"] == "not_found"
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert error_of(httpx.post(base + "/api/v1/documents", json={"articles": []}, headers=auth), 422)[
        "code"] == "validation_error"
    assert error_of(httpx.get(base + "/api/v1/documents", params={"from": "10.03.2022"}), 422)["hint"]
    chunks = iter([b" " * 500_000] * 3)  # no Content-Length: the limit (1 MB) is counted while reading
    assert error_of(httpx.post(base + "/api/v1/documents", content=chunks, headers={
        **auth, "content-type": "application/json"}), 413)["code"] == "payload_too_large"


def test_serve_api_refusals_have_the_same_shape(strict: str) -> None:
    disabled = error_of(httpx.post(strict + "/api/v1/documents", json={"articles": [{"text": "x"}]}), 403)
    assert "LAGEBILD_API_TOKEN" in disabled["hint"]
    assert error_of(httpx.post(strict + "/api/v1/documents", content=b"x" * 5000,
                               headers={"content-type": "application/json"}), 413)["code"] == "payload_too_large"
    assert error_of(httpx.get(strict + "/api/v1/figures"), 500)["code"] == "store_error"
    statuses = [httpx.get(strict + "/api/v1/health").status_code for _ in range(8)]
    assert 429 in statuses
    limited = next(r for r in (httpx.get(strict + "/api/v1/health") for _ in range(3)) if r.status_code == 429)
    assert error_of(limited, 429)["code"] == "rate_limited" and int(limited.headers["retry-after"]) >= 1


def test_serve_api_other_machines_need_the_token_to_read(tmp_path: Any) -> None:
    import asyncio

    url = str(tmp_path / "remote.db")
    with open_store(url) as store:
        store.add_many(sample_documents())

    async def status(app: Any, headers: dict[str, str]) -> int:
        transport = httpx.ASGITransport(app=app, client=("192.0.2.7", 40000))  # not this machine
        async with httpx.AsyncClient(transport=transport, base_url="http://lagebild") as client:
            return (await client.get("/api/v1/documents", headers=headers)).status_code

    with_token = create_app(url, token=TOKEN, rate=0)
    assert asyncio.run(status(with_token, {})) == 401
    assert asyncio.run(status(with_token, {"Authorization": f"Bearer {TOKEN}"})) == 200
    assert asyncio.run(status(create_app(url, token="", rate=0), {})) == 403


def test_serve_api_a_foreign_host_name_needs_the_token_even_from_this_machine(api: tuple[str, Any]) -> None:
    # a web page that rebinds its DNS name to 127.0.0.1 reaches the server with its own name in Host
    foreign = httpx.get(api[0] + "/api/v1/documents", headers={"Host": "evil.example:8000"})
    assert error_of(foreign, 401)["code"] == "unauthorized"
    assert httpx.get(api[0] + "/api/v1/documents", headers={"Host": "localhost:8000"}).status_code == 200
