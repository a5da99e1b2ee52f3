"""The REST API under ``/api/v1``: thin routes over the store's reads and the batch ingest.

Lists are pages (``items``, ``next_cursor``; pass ``cursor`` for the next) with filters in the
query; every read answers with an ETag. The index-table lists (quotes, timexes, figures, events,
stances, commitments) return every column the table has, so a layer's new column appears here
without a change, and also take any column as an exact filter (``?modality=asserted``).
"""

from __future__ import annotations

import json
import tempfile
import threading
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field

from lagebild.errors import NotFoundError
from lagebild.serve.errors import ApiError
from lagebild.serve.paging import DEFAULT_LIMIT, MAX_LIMIT, decode_cursor, json_response, page
from lagebild.serve.stores import Stores
from lagebild.settings import Settings
from lagebild.store import Store
from lagebild.store.rows import RowQuery, actor_rows, document_rows, layer_rows, table_columns

# the index tables listed generically, with what each row is
LAYERS = {
    "quotes": "Quotes with their speakers (direct, indirect, reported); the date is the quote's, else the document's.",
    "timexes": "Time expressions with their normalised TIMEX3 values.",
    "figures": "Figures: numbers with units, approximations and ranges.",
    "events": "PLOVER events: type, source and target actors, date, location, modality.",
    "stances": "Stances of actors on issues, with polarity and date.",
    "commitments": "Commitments (promises, demands, ultimatums ...) with actor, content, deadline and status.",
}
MAX_SEARCH_RESULTS = 1000
SEARCH_LIMIT = 20  # hits per page: each gets a snippet, the costly part of a search (50: 2.5x the time)
MAX_ARTICLES = 100  # per ingest request

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Cursor = Annotated[str | None, Query(description="`next_cursor` of the previous page.")]
From = Annotated[date | None, Query(alias="from", description="From this date (YYYY-MM-DD), inclusive.")]
To = Annotated[date | None, Query(alias="to", description="To this date (YYYY-MM-DD), inclusive.")]
ActorQ = Annotated[str | None, Query(description="An actor id or any of its names (\"Lawrow\").")]
Text = Annotated[str | None, Query(max_length=200)]
_KNOWN = {"actor", "type", "from", "to", "language", "outlet", "document", "cursor", "limit"}


class Article(BaseModel):
    """One article to ingest (the fields of a JSONL input line)."""

    text: str = Field(min_length=1, description="The article text.")
    id: str | None = Field(None, max_length=200, description="Export id (default: posted-N).")
    title: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD.")
    author: str | None = None
    outlet: str | None = None
    language: str | None = Field(None, description="de or en (default: detected).")


class IngestRequest(BaseModel):
    articles: list[Article] = Field(min_length=1, max_length=MAX_ARTICLES)
    policy: Literal["skip", "keep", "link"] | None = Field(None, description="Duplicate policy (default link).")


def build_router(stores: Stores, settings: Settings, pipeline: Any = None) -> APIRouter:
    router = APIRouter(prefix="/api/v1")
    state = _State(stores, settings, pipeline)
    _document_routes(router, state)
    _actor_routes(router, state)
    for table, what in LAYERS.items():
        _layer_route(router, state, table, what)
    return router


class _State:
    def __init__(self, stores: Stores, settings: Settings, pipeline: Any) -> None:
        self.stores = stores
        self.settings = settings
        self._pipeline = pipeline
        self._pipeline_lock = threading.Lock()

    def pipeline(self) -> Any:
        with self._pipeline_lock:
            if self._pipeline is None:
                from lagebild.pipeline import default_pipeline

                self._pipeline = default_pipeline(self.settings)
            return self._pipeline


def resolve_document(store: Store, doc_id: str) -> str:
    """The content id of a document given by content id or export id (404 if none)."""
    if store.has(doc_id):
        return doc_id
    rows = document_rows(store, RowQuery(equals={"export_id": doc_id}, limit=1))
    if rows:
        return str(rows[0]["id"])
    return store.get(doc_id).id  # a content-id prefix, else NotFoundError


def _document_routes(router: APIRouter, state: _State) -> None:
    @router.get("/health", summary="The server and its store")
    def health(request: Request) -> Response:
        with state.stores.reader() as store:
            return json_response(request, {"status": "ok", "backend": store.backend, "documents": store.count(),
                                           "readonly_reads": store.readonly})

    @router.get("/documents", summary="Stored documents (metadata), newest first")
    def list_documents(request: Request, actor: ActorQ = None, language: Text = None, outlet: Text = None,
                       genre: Text = None, date_from: From = None, date_to: To = None, cursor: Cursor = None,
                       limit: Limit = DEFAULT_LIMIT) -> Response:
        offset = decode_cursor(cursor)
        equals = {k: v for k, v in (("language", language), ("outlet", outlet), ("genre", genre)) if v}
        with state.stores.reader() as store:
            rows = document_rows(store, RowQuery(equals, actor, date_from, date_to, offset, limit + 1))
        return json_response(request, page(rows, offset, limit))

    @router.get("/documents/{doc_id}", summary="One document with all its layers (the export object)")
    def get_document(request: Request, doc_id: str) -> Response:
        with state.stores.reader() as store:
            doc = store.get(doc_id)
            out = doc.to_json()
            out["duplicates"] = [{"id": other, "kind": kind} for other, kind in store.duplicates_of(doc.id)]
        return json_response(request, out)

    @router.delete("/documents/{doc_id}", status_code=204, summary="Delete a document (needs the token)")
    def delete_document(doc_id: str) -> Response:
        with state.stores.writer() as store:
            store.delete(resolve_document(store, doc_id))
        return Response(status_code=204)

    @router.post("/documents", status_code=201, summary="Analyse and store articles (needs the token)")
    def ingest(request: Request, body: IngestRequest) -> Response:
        report = _ingest(state, body)
        status = 201 if report["ingested"] else 200
        return json_response(request, report, status)

    @router.get("/search", summary="Full-text search over titles and texts")
    def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=1000, description=(
               'Words, "phrases", a OR b, -word, prefix*'))], language: Text = None, cursor: Cursor = None,
               limit: Limit = SEARCH_LIMIT) -> Response:
        offset = decode_cursor(cursor)
        if offset + limit > MAX_SEARCH_RESULTS:
            raise ApiError(400, f"search results are listed up to the {MAX_SEARCH_RESULTS}th",
                           "use more specific words or filters", code="bad_cursor")
        with state.stores.reader() as store:
            hits = store.search(q, limit=offset + limit + 1, language=language)
        return json_response(request, page([h.as_dict() for h in hits[offset:]], offset, limit))

    @router.get("/mentions", summary="Actor mentions of one document")
    def mentions(request: Request, document: Annotated[str, Query(description="A document id (content or export id).")],
                 actor: ActorQ = None, type: Annotated[str | None, Query(description="Mention kind: name, role ...")] = None,
                 cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT) -> Response:
        offset = decode_cursor(cursor)
        with state.stores.reader() as store:
            doc = store.get(document)
        rows = [{**m.export(doc), "actor_name": doc.actor_name(m.actor), "doc_id": doc.id,
                 "doc_export_id": doc.export_id} for m in doc.mentions
                if (actor is None or m.actor == actor) and (type is None or m.kind == type)]
        return json_response(request, page(rows[offset:offset + limit + 1], offset, limit))


def _ingest(state: _State, body: IngestRequest) -> dict[str, Any]:
    from lagebild.batch import ingest_sources

    with tempfile.TemporaryDirectory(prefix="lagebild-api-") as tmp:
        path = Path(tmp) / "posted.jsonl"
        lines = [json.dumps(a.model_dump(exclude_none=True), ensure_ascii=False) for a in body.articles]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        with state.stores.writer() as store:
            report = ingest_sources([path], store, settings=state.settings, pipeline=state.pipeline(),
                                    policy=body.policy, progress=False)
            stored = [store.get(doc_id) for doc_id in report.ingested_ids]
            docs = [{"id": d.export_id, "content_id": d.id, "title": d.meta.title} for d in stored]
        out = json.loads(json.dumps(report.as_dict(), default=str).replace(str(path), "request"))
    out["documents"] = docs
    return out


def _actor_routes(router: APIRouter, state: _State) -> None:
    @router.get("/actors", summary="Actors across the stored documents, most documents first")
    def list_actors(request: Request, q: Annotated[str | None, Query(max_length=200, description=(
                    "Part of a name or alias."))] = None, type: Text = None, cursor: Cursor = None,
                    limit: Limit = DEFAULT_LIMIT) -> Response:
        offset = decode_cursor(cursor)
        with state.stores.reader() as store:
            rows = actor_rows(store, type=type, name=q, offset=offset, limit=limit + 1)
        return json_response(request, page(rows, offset, limit))

    @router.get("/actors/{actor_id}", summary="One actor: knowledge-base entry with roles over time, counts")
    def get_actor(request: Request, actor_id: str) -> Response:
        return json_response(request, _actor(state, actor_id))


def _kb_entry(id_or_name: str) -> dict[str, Any] | None:
    from lagebild.actors.query import show_actor

    try:
        entry = show_actor(id_or_name)
    except NotFoundError:
        return None
    entry.pop("file", None)  # a path on the server
    return entry


def _actor(state: _State, actor_id: str) -> dict[str, Any]:
    with state.stores.reader() as store:
        rows = actor_rows(store, actor_id=actor_id, limit=1)
    kb = _kb_entry(actor_id)
    if not rows and kb is not None and kb["id"] != actor_id:
        with state.stores.reader() as store:
            rows = actor_rows(store, actor_id=kb["id"], limit=1)
    if not rows and kb is None:
        raise ApiError(404, f"no actor {actor_id!r} in the store or the knowledge base",
                       "list actors with /api/v1/actors?q=NAME")
    stored = rows[0] if rows else {}
    base = {"id": stored.get("id") or kb and kb["id"], "name": stored.get("name") or kb and kb["name"],
            "type": stored.get("type") or kb and kb["type"]}
    return {**(kb or {}), **base, "documents": stored.get("documents", 0), "mentions": stored.get("mentions", 0),
            "roles": (kb or {}).get("roles", []), "in_knowledge_base": kb is not None}


def _layer_route(router: APIRouter, state: _State, table: str, what: str) -> None:
    columns_cache: list[str] = []

    def handler(request: Request, actor: ActorQ = None,
                type: Annotated[str | None, Query(max_length=200, description="Type or kind.")] = None,
                date_from: From = None, date_to: To = None, language: Text = None, outlet: Text = None,
                document: Annotated[str | None, Query(description="Only this document (content or export id).")] = None,
                cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT) -> Response:
        offset = decode_cursor(cursor)
        with state.stores.reader() as store:
            if not columns_cache:
                columns_cache.extend(table_columns(store, table))
            equals: dict[str, Any] = {k: v for k, v in request.query_params.items() if k not in _KNOWN}
            equals.update({k: v for k, v in (("language", language), ("outlet", outlet)) if v})
            if type is not None:
                kind = next((c for c in ("type", "kind") if c in columns_cache), None)
                if kind is None:
                    raise ApiError(400, f"the {table} have no type or kind to filter by",
                                   f"filter by a column instead: {', '.join(columns_cache)}")
                equals[kind] = type
            if document is not None:
                equals["doc_id"] = resolve_document(store, document)
            rows = layer_rows(store, table, RowQuery(equals, actor, date_from, date_to, offset, limit + 1))
        return json_response(request, page(rows, offset, limit))

    handler.__name__ = f"list_{table}"
    router.add_api_route(f"/{table}", handler, methods=["GET"], summary=what,
                         description=what + " Any column of the table is also an exact filter (`?column=value`).")
