"""Opaque cursors, pages and ETag'd JSON responses."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from datetime import date
from typing import Any

from fastapi import Request, Response

from lagebild.serve.errors import ApiError

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_OFFSET = 100_000  # deeper than this, narrow the filters instead


def encode_cursor(offset: int) -> str:
    raw = json.dumps({"v": 1, "o": offset}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The offset a cursor stands for (0 for none); a cursor this API did not give is a 400."""
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        offset = data["o"] if isinstance(data, dict) and data.get("v") == 1 else None
    except (binascii.Error, ValueError, KeyError, UnicodeDecodeError):
        offset = None
    if not isinstance(offset, int) or isinstance(offset, bool) or not 0 <= offset <= MAX_OFFSET:
        raise ApiError(400, "the cursor is not one this API gave", "pass next_cursor from the previous page "
                       "unchanged, or leave cursor out for the first page", code="bad_cursor")
    return offset


def page(rows: list[Any], offset: int, limit: int) -> dict[str, Any]:
    """A page from ``limit + 1`` fetched rows: ``items`` and ``next_cursor`` (null on the last page)."""
    more = len(rows) > limit
    return {"items": rows[:limit], "next_cursor": encode_cursor(offset + limit) if more else None, "limit": limit}


def _default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)


def json_response(request: Request, payload: Any, status: int = 200) -> Response:
    """JSON with a strong ETag (a hash of the body); ``If-None-Match`` with it gives 304."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=_default).encode("utf-8")
    tag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": tag, "Cache-Control": "no-cache"}
    wanted = request.headers.get("if-none-match")
    if wanted and status == 200 and request.method in ("GET", "HEAD"):
        tags = {t.strip().removeprefix("W/") for t in wanted.split(",")}
        if tag in tags or "*" in tags:
            return Response(status_code=304, headers=headers)
    return Response(body, status_code=status, media_type="application/json", headers=headers)
