"""HTTP(S) fetching with an overall deadline, a size cap and an address check; every failure is an
IngestError with a reason.

- One deadline per fetch (``timeout`` seconds for everything: connecting, TLS, the headers, every
  redirect and the body), kept by the wall clock: a watchdog shuts the connection down when it
  passes, so a server that sends one byte a second cannot hold a fetch longer (it held a 3 s
  timeout for 41 s when only each socket operation had a timeout). Only the name lookup (DNS) is
  outside it: the system resolver's own timeouts bound it.
- Only ``http`` and ``https``, for the URL and for every redirect (urllib follows ``ftp://``).
- Addresses: the host is resolved and every address it resolves to is checked before connecting,
  and the connection goes to a checked address (a second lookup could answer otherwise). Loopback,
  private (RFC 1918, unique-local IPv6), link-local (169.254/16, the cloud metadata address
  169.254.169.254 among them), unspecified (0.0.0.0), shared, reserved and multicast addresses are
  refused, as is every redirect to one, unless ``allow_private`` (``--allow-private``), or the
  address is in ``allowed_networks``. A feed or a page can otherwise make Lagebild fetch internal
  services.
- Proxies from the environment (``HTTP_PROXY``...) are not used: the address check must see the
  address the connection goes to.
"""

from __future__ import annotations

import http.client
import ipaddress
import logging
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from lagebild.errors import IngestError

log = logging.getLogger(__name__)

USER_AGENT = "Lagebild/0.1 (+news analysis; ingestion)"
_CHUNK = 65536
SCHEMES = ("http", "https")
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str  # lower-case media type without parameters, "" if not sent
    charset: str | None


def is_url(value: str) -> bool:
    v = value.strip().lower()
    return v.startswith("http://") or v.startswith("https://")


def address_kind(ip: IPAddress) -> str | None:
    """Why ``ip`` is not a public internet address ("loopback", "private", "link-local" ...), or
    None when it is one."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    checks = (("unspecified", ip.is_unspecified), ("loopback", ip.is_loopback),
              ("link-local (the cloud metadata address 169.254.169.254 is one)", ip.is_link_local),
              ("multicast", ip.is_multicast), ("private", ip.is_private))
    for kind, hit in checks:
        if hit:
            return kind
    return None if ip.is_global else "reserved (not a public internet address)"


class _Guard:
    """One fetch's deadline and address policy. The watchdog shuts every connection of the
    fetch down when the deadline passes, waking whatever read or handshake is blocked on it."""

    def __init__(self, url: str, timeout: float, allow_private: bool, allowed_networks: Iterable[Network]) -> None:
        self.url, self.timeout, self.allow_private = url, timeout, allow_private
        self.allowed_networks = tuple(allowed_networks)
        self.deadline = time.monotonic() + timeout
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(timeout, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Guard:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def timed_out(self, what: str = "") -> IngestError:
        return IngestError(self.url, f"timed out after {self.timeout:g} s{what}")

    def remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0 or self.expired:
            raise self.timed_out()
        return left

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shutdown(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shutdown(sock)

    # -- addresses -----------------------------------------------------------------------------
    def check_url(self, url: str, via: str = "", *, resolve: bool = True) -> None:
        """Refuse a URL that is not http(s) or (``resolve``) whose host resolves to a refused
        address (connecting checks the addresses again: that is the check that counts)."""
        parts = urllib.parse.urlsplit(url)
        if parts.scheme.lower() not in SCHEMES:
            raise IngestError(self.url, f"{via}{url[:200]}: only http and https URLs are fetched")
        if not parts.hostname:
            raise IngestError(self.url, f"{via}{url[:200]}: the URL has no host")
        if resolve:
            self.addresses(parts.hostname, parts.port or (443 if parts.scheme.lower() == "https" else 80), via)

    def addresses(self, host: str, port: int, via: str = "") -> list[tuple[Any, ...]]:
        """The resolved socket addresses of ``host``; IngestError when any of them is refused."""
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise IngestError(self.url, f"{via}cannot resolve the host {host!r}: {exc}") from exc
        for *_rest, sockaddr in infos:
            ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
            kind = address_kind(ip)
            if kind and not self.allow_private and not any(ip in net for net in self.allowed_networks):
                raise IngestError(self.url, f"{via}refusing to fetch from {host} ({ip}): a {kind} address; "
                                            "pass --allow-private (allow_private=True) to fetch from "
                                            "internal hosts")
        return [info[4] for info in infos]

    def connect(self, host: str, port: int) -> socket.socket:
        """A connection to a checked address of ``host``, watched by the deadline."""
        last: OSError | None = None
        for sockaddr in self.addresses(host, port):
            family = socket.AF_INET6 if ":" in str(sockaddr[0]) else socket.AF_INET
            sock = socket.socket(family, socket.SOCK_STREAM)
            self.watch(sock)
            try:
                sock.settimeout(self.remaining())
                sock.connect(sockaddr)
                return sock
            except OSError as exc:
                sock.close()
                last = exc
        raise last or OSError(f"no address for {host}")


def _shutdown(sock: socket.socket) -> None:
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:  # not connected yet, or closed already
        pass


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args: Any, guard: _Guard, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._guard = guard

    def connect(self) -> None:
        self.sock = self._guard.connect(self.host, self.port)


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: Any, guard: _Guard, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._guard = guard

    def connect(self) -> None:
        sock = self._guard.connect(self.host, self.port)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]
        self._guard.watch(self.sock)


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, guard: _Guard) -> None:
        super().__init__()
        self.guard = guard

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(partial(_HTTPConnection, guard=self.guard), req)  # type: ignore[arg-type]


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, guard: _Guard) -> None:
        super().__init__()
        self.guard = guard

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(partial(_HTTPSConnection, guard=self.guard), req,  # type: ignore[arg-type]
                            context=self._context)  # type: ignore[attr-defined]


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to an http(s) URL whose host passes the address check."""

    def __init__(self, guard: _Guard) -> None:
        super().__init__()
        self.guard = guard

    def http_error_302(self, req: urllib.request.Request, fp: Any, code: int, msg: str,  # type: ignore[override]
                       headers: Any) -> Any:
        # before urllib's own check, which lets ftp:// through and words the rest its way
        location = headers.get("location") or headers.get("uri")
        if location:
            target = urllib.parse.urljoin(req.full_url, location)
            self.guard.check_url(target, via=f"redirected to {target[:200]}: ", resolve=False)
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> urllib.request.Request | None:
        self.guard.check_url(newurl, via=f"redirected to {newurl[:200]}: ")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, timeout: float, max_bytes: int, *, allow_private: bool = False,
          allowed_networks: Iterable[Network] = ()) -> Fetched:
    """GET ``url``, following redirects. Raises IngestError naming the URL on a bad status, a URL
    or redirect that is not http(s) or leads to a loopback/private/link-local address (unless
    ``allow_private``, or the address is in ``allowed_networks``), the deadline (``timeout``
    seconds for all of it), a network error, or a body larger than ``max_bytes``.
    Example: ``fetch("https://example.org/a.html", timeout=10, max_bytes=5_000_000)``."""
    guard = _Guard(url, timeout, allow_private, allowed_networks)
    opener = urllib.request.OpenerDirector()
    for handler in (_HTTPHandler(guard), _HTTPSHandler(guard), _RedirectHandler(guard),
                    urllib.request.HTTPErrorProcessor(), urllib.request.HTTPDefaultErrorHandler()):
        opener.add_handler(handler)
    with guard:
        try:
            guard.check_url(url, resolve=False)
            req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
            with opener.open(req, timeout=guard.remaining()) as resp:
                return _read(resp, guard, max_bytes)
        except IngestError:
            raise
        except urllib.error.HTTPError as exc:
            raise IngestError(url, f"HTTP {exc.code} {exc.reason}") from exc
        except (OSError, http.client.HTTPException, ValueError) as exc:
            raise _reason(exc, guard) from exc


def _read(resp: Any, guard: _Guard, max_bytes: int) -> Fetched:
    length = resp.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise IngestError(guard.url, f"response is {int(length)} bytes, over the fetch limit of {max_bytes} bytes")
    chunks: list[bytes] = []
    size = 0
    while True:
        guard.remaining()  # raises once the deadline has passed (a server dripping bytes)
        chunk = resp.read1(_CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > max_bytes:
            raise IngestError(guard.url, f"response exceeds the fetch limit of {max_bytes} bytes")
        chunks.append(chunk)
    if guard.expired:  # the watchdog ended the body early: what came is not all
        raise guard.timed_out(" (body still arriving)")
    ctype = resp.headers.get_content_type() if resp.headers.get("Content-Type") else ""
    return Fetched(resp.geturl(), b"".join(chunks), ctype.lower(), resp.headers.get_content_charset())


def _reason(exc: BaseException, guard: _Guard) -> IngestError:
    cause = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if guard.expired or isinstance(cause, TimeoutError):
        return guard.timed_out()
    return IngestError(guard.url, f"cannot fetch: {cause}")
