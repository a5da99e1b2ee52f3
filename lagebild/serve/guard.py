"""What stands before every request: security headers, the request-size limit, a rate limit and
the token check for writes (and for reads from other machines).

Pure ASGI middleware (no ``BaseHTTPMiddleware``): it answers with the API's JSON error shape
itself, before any route runs.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from lagebild.serve.errors import CODES, error_body

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# No inline script or style anywhere; nothing from other origins; the UI cannot be framed.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
TOKEN_ENV = "LAGEBILD_API_TOKEN"
ENABLE_WRITES_HINT = (f"start the server with {TOKEN_ENV} set (e.g. `{TOKEN_ENV}=$(openssl rand -hex 24) "
                      "lagebild serve`) and send it as `Authorization: Bearer <token>`")


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host in ("localhost", "testclient"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def host_name(host_header: str) -> str:
    """The name in a Host header, without port or IPv6 brackets: ``[::1]:8000`` -> ``::1``."""
    value = host_header.strip().lower()
    if value.startswith("["):
        return value[1:].partition("]")[0]
    return value.rpartition(":")[0] if value.count(":") == 1 else value


def bearer(headers: dict[str, str]) -> str | None:
    value = headers.get("authorization", "")
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def check_token(expected: str | None, headers: dict[str, str], *, write: bool) -> tuple[int, str, str] | None:
    """None when the request may go on, else (status, message, hint). Without a configured token
    writes are refused (403) and so are reads from other machines."""
    if not expected:
        what = "writes (ingest, delete) are disabled" if write else "reads from other machines are disabled"
        return 403, f"{what}: no API token is configured", ENABLE_WRITES_HINT
    given = bearer(headers)
    if given is None:
        return 401, "this request needs the API token", "send `Authorization: Bearer <token>` (the value of " \
                                                       f"{TOKEN_ENV} the server was started with)"
    if not hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8", "replace")):
        return 401, "the API token is wrong", f"send the value of {TOKEN_ENV} the server was started with"
    return None


class RateLimiter:
    """A token bucket per client address: ``rate`` requests a second on average, bursts up to
    ``burst``. ``rate`` 0 turns it off."""

    def __init__(self, rate: float, burst: int | None = None, max_clients: int = 10_000) -> None:
        self.rate = rate
        self.burst = float(burst if burst is not None else max(1, int(rate * 2)))
        self.max_clients = max_clients
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, client: str) -> float:
        """0 when the request may go on, else the seconds until it may."""
        if self.rate <= 0:
            return 0.0
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if len(self._buckets) >= self.max_clients and client not in self._buckets:
                self._buckets.clear()  # bounded memory; forgetting buckets only lets clients in
            if tokens >= 1.0:
                self._buckets[client] = (tokens - 1.0, now)
                return 0.0
            self._buckets[client] = (tokens, now)
            return (1.0 - tokens) / self.rate


class Guard:
    """ASGI middleware: security headers on every response; ``/api`` requests rate-limited per
    client; request bodies over ``max_body`` bytes refused (413, also when sent chunked);
    writes need the token; reads need it unless the client is on this machine and names it in
    ``Host`` (``local_names``: localhost and the loopback addresses, plus the address served on)."""

    def __init__(self, app: ASGIApp, *, token: str | None, max_body: int, limiter: RateLimiter,
                 local_names: frozenset[str] = LOCAL_NAMES) -> None:
        self.app = app
        self.local_names = local_names
        self.token = token
        self.max_body = max_body
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *((k, v) for k, v in SECURITY_HEADERS if k not in names)]
            await send(message)

        refusal = self._refusal(scope)
        if refusal is not None:
            await _json_error(send_with_headers, *refusal)
            return
        if scope["method"] in WRITE_METHODS:
            body = await self._read_body(scope, receive)
            if body is None:
                await _json_error(send_with_headers, 413, f"the request body is over the limit of {self.max_body} bytes",
                                  "send fewer or shorter articles per request (LAGEBILD_MAX_BYTES sets the limit)")
                return
            receive = _replay(body)
        await self.app(scope, receive, send_with_headers)

    def _refusal(self, scope: Scope) -> tuple[int, str, str | None, dict[str, str]] | None:
        path: str = scope.get("path", "")
        client = (scope.get("client") or ("", 0))[0]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if path.startswith("/api/"):
            wait = self.limiter.allow(client or "?")
            if wait:
                return (429, f"too many requests from {client or 'this client'}", f"retry in {wait:.1f} s",
                        {"retry-after": str(max(1, round(wait)))})
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_body:
            return (413, f"the request body is over the limit of {self.max_body} bytes",
                    "send fewer or shorter articles per request (LAGEBILD_MAX_BYTES sets the limit)", {})
        write = scope["method"] in WRITE_METHODS
        # open reads: a client on this machine asking for this machine by name (a web page that
        # rebinds its own DNS name to 127.0.0.1 sends its own name in Host and needs the token)
        local = is_loopback(client) and host_name(headers.get("host", "")) in self.local_names
        if write or not local:
            problem = check_token(self.token, headers, write=write)
            if problem is not None:
                status, message, hint = problem
                extra = {"www-authenticate": "Bearer"} if status == 401 else {}
                return status, message, hint, extra
        return None

    async def _read_body(self, scope: Scope, receive: Receive) -> bytes | None:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return None
            chunks.append(chunk)
            if not message.get("more_body"):
                break
        return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def _json_error(send: Send, status: int, message: str, hint: str | None = None,
                      headers: dict[str, str] | None = None) -> None:
    body = json.dumps(error_body(CODES.get(status, "error"), message, hint), ensure_ascii=False).encode("utf-8")
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
