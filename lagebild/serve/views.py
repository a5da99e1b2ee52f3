"""The picture across articles under ``/api/v1``: the timeline (as known on a date), the actor
network, the commitments ledger, the stance matrix and the checked briefing. Thin routes over :mod:`lagebild.picture`.

The merged events are read from the store when they are current; on a read-only connection a
stale picture is recomputed once per change of the store (``picture_inputs``) and kept for the
app's lifetime, not per request.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel, Field

from lagebild.errors import LagebildError, NotFoundError, StoreError
from lagebild.serve.errors import ApiError
from lagebild.serve.paging import DEFAULT_LIMIT, decode_cursor, json_response, page
from lagebild.serve.stores import Stores

AsOf = Annotated[date | None, Query(description="As known on this date: only articles published by then (YYYY-MM-DD).")]
From = Annotated[date | None, Query(alias="from", description="Events on or after this date (YYYY-MM-DD).")]
To = Annotated[date | None, Query(alias="to", description="Events on or before this date (YYYY-MM-DD).")]
ActorQ = Annotated[str | None, Query(max_length=200, description="An actor id or name (\"Lawrow\").")]
Cursor = Annotated[str | None, Query(description="`next_cursor` of the previous page.")]
Limit = Annotated[int, Query(ge=1, le=200, description="Items per page.")]
VIEWS = ("timeline", "network", "ledger", "matrix", "briefing")  # each also a page of the UI
Status = Literal["pending", "due", "overdue", "kept", "broken", "superseded"]


class MergedEvents:
    """The store's merged events, recomputed only when what they derive from changed."""

    def __init__(self, stores: Stores) -> None:
        self.stores = stores
        self._lock = threading.Lock()
        self._key: str | None = None
        self._events: list[dict[str, Any]] = []

    def get(self) -> list[dict[str, Any]]:
        from lagebild.picture.merge import update_picture

        with self.stores.reader() as store:
            key = store.picture_inputs()
            with self._lock:
                if key == self._key:
                    return self._events
            events = update_picture(store)  # the stored picture when current, else computed (not stored)
        with self._lock:
            self._key, self._events = key, events
        return events


class Decision(BaseModel):
    """Who decided and why (kept with the decision; nothing is ever deleted)."""

    analyst: str | None = Field(None, max_length=200)
    note: str | None = Field(None, max_length=2000)


class SplitRequest(Decision):
    mentions: list[str] = Field(min_length=1, max_length=1000, description=(
        "Report keys (`doc_id:idx`, the `key` of the event's `mentions`) that become an event of their own."))


class MergeRequest(Decision):
    events: list[str] = Field(min_length=2, max_length=100, description="Ids of the merged events to merge into one.")


def _decide(stores: Stores, merged: MergedEvents, decide: Any) -> dict[str, Any]:
    """Run one analyst decision on a writer; a decision the picture refuses is a 400."""
    with stores.writer() as store:
        try:
            version = decide(store)
        except (StoreError, NotFoundError):
            raise
        except LagebildError as exc:
            raise ApiError(400, str(exc), "see GET /api/v1/timeline for event ids and report keys",
                           code="bad_decision") from exc
    merged.get()  # the picture as it is after the decision
    return {"version": version}


def build_views(stores: Stores) -> APIRouter:
    router = APIRouter(prefix="/api/v1")
    merged = MergedEvents(stores)

    @router.get("/timeline", summary="Merged events by event date with their sources, as known on a date")
    def timeline(request: Request, actor: ActorQ = None, type: Annotated[str | None, Query(
                 max_length=100, description="A PLOVER type (CONSULT) or quad class (verbal_conflict).")] = None,
                 date_from: From = None, date_to: To = None, as_of: AsOf = None, cursor: Cursor = None,
                 limit: Limit = DEFAULT_LIMIT) -> Response:
        from lagebild.picture.timeline import timeline as timeline_of

        offset = decode_cursor(cursor)
        entries = timeline_of(merged.get(), actor=actor, type=type, date_from=date_from, date_to=date_to, as_of=as_of)
        return json_response(request, page(entries[offset:offset + limit + 1], offset, limit))

    @router.get("/network", summary="The actor network: who interacts with whom, by PLOVER quad class")
    def network(request: Request, date_from: From = None, date_to: To = None, as_of: AsOf = None) -> Response:
        from lagebild.picture.network import build_network

        net = build_network(merged.get(), date_from=date_from, date_to=date_to, as_of=as_of)
        return json_response(request, net.as_dict())

    @router.get("/ledger", summary="The commitments ledger: each commitment's status as of a date, with evidence")
    def ledger(request: Request, actor: ActorQ = None, status: Status | None = None,
               kind: Annotated[str | None, Query(max_length=100, description="promise, threat, ultimatum ...")] = None,
               as_of: AsOf = None, cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT) -> Response:
        from lagebild.picture.ledger import commitments_ledger

        offset = decode_cursor(cursor)
        with stores.reader() as store:
            entries = commitments_ledger(store, as_of=as_of, status=status, actor=actor, kind=kind)
        rows = [e.as_dict() for e in entries[offset:offset + limit + 1]]
        return json_response(request, page(rows, offset, limit))

    @router.get("/matrix", summary="The stance matrix: actor (or country) x issue per period, shifts flagged")
    def matrix(request: Request, actor: ActorQ = None, issue: Annotated[str | None, Query(
               max_length=100, description="An issue id (nato_membership_ukraine).")] = None,
               by: Literal["country", "actor"] = "country", period: Literal["year", "quarter", "month"] = "year",
               date_from: From = None, date_to: To = None) -> Response:
        from lagebild.picture.matrix import stance_matrix

        with stores.reader() as store:
            m = stance_matrix(store.iter_documents(include_duplicates=False), by=by, period=period, actor=actor,
                              issue=issue, date_from=date_from, date_to=date_to)
        return json_response(request, m.as_dict())

    @router.get("/briefing", summary="The checked briefing: every sentence compiled from stored records, with citations")
    def briefing(request: Request, actor: ActorQ = None, issue: Annotated[str | None, Query(
                 max_length=100, description="Only articles with a position on this issue (ceasefire).")] = None,
                 date_from: From = None, date_to: To = None, as_of: AsOf = None) -> Response:
        from dataclasses import asdict

        from lagebild.picture.brief import compile_brief

        with stores.reader() as store:
            result = compile_brief(store, date_from=date_from, date_to=date_to, as_of=as_of, actor=actor, issue=issue)
        b = result.briefing
        return json_response(request, {
            "title": b.title, "header": b.header, "footer": b.footer,
            "sections": [{"key": s.key, "title": s.title, "claims": [asdict(c) for c in s.claims]} for s in b.sections],
            "citations": {str(n): asdict(c) for n, c in b.citations.items()},
            "written": result.written, "dropped": len(result.dropped)})

    _decision_routes(router, stores, merged)
    return router


def _decision_routes(router: APIRouter, stores: Stores, merged: MergedEvents) -> None:
    from lagebild.picture.merge import merge_events, split_event, undo_decision

    @router.post("/timeline/{event_id}/split", status_code=201,
                 summary="Split reports off a merged event (an analyst decision; needs the token)")
    def split(request: Request, event_id: str, body: SplitRequest) -> Response:
        out = _decide(stores, merged, lambda store: split_event(store, event_id, body.mentions, analyst=body.analyst,
                                                                 note=body.note))
        return json_response(request, out, 201)

    @router.post("/timeline/merge", status_code=201,
                 summary="Merge events into one (an analyst decision; needs the token)")
    def merge(request: Request, body: MergeRequest) -> Response:
        out = _decide(stores, merged, lambda store: merge_events(store, body.events, analyst=body.analyst,
                                                                  note=body.note))
        return json_response(request, out, 201)

    @router.post("/decisions/{version}/undo", status_code=201,
                 summary="Take back a split or merge (recorded as a new decision; needs the token)")
    def undo(request: Request, version: Annotated[int, Path(ge=1, le=2**31 - 1)], body: Decision) -> Response:
        out = _decide(stores, merged, lambda store: undo_decision(store, version, analyst=body.analyst,
                                                                   note=body.note))
        return json_response(request, out, 201)
