"""HTTP(S) fetching with a timeout and a size cap; every failure is an IngestError with a reason."""

from __future__ import annotations

import logging
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from lagebild.errors import IngestError

log = logging.getLogger(__name__)

USER_AGENT = "Lagebild/0.1 (+news analysis; ingestion)"
_CHUNK = 65536


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str  # lower-case media type without parameters, "" if not sent
    charset: str | None


def is_url(value: str) -> bool:
    v = value.strip().lower()
    return v.startswith("http://") or v.startswith("https://")


def fetch(url: str, timeout: float, max_bytes: int) -> Fetched:
    """GET ``url``. Raises IngestError naming the URL on a bad status, a timeout (``timeout``
    seconds for the connection and for the body), a network error, or a body larger than
    ``max_bytes``."""
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (http/https checked by callers)
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise IngestError(url, f"response is {int(length)} bytes, over the fetch limit of {max_bytes} bytes")
            chunks: list[bytes] = []
            size = 0
            deadline = time.monotonic() + timeout
            while True:
                if time.monotonic() > deadline:  # a server that drips bytes slower than the timeout
                    raise IngestError(url, f"timed out after {timeout:g} s (body still arriving)")
                chunk = resp.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise IngestError(url, f"response exceeds the fetch limit of {max_bytes} bytes")
                chunks.append(chunk)
            ctype = resp.headers.get_content_type() if resp.headers.get("Content-Type") else ""
            charset = resp.headers.get_content_charset()
            return Fetched(resp.geturl(), b"".join(chunks), ctype.lower(), charset)
    except IngestError:
        raise
    except urllib.error.HTTPError as exc:
        raise IngestError(url, f"HTTP {exc.code} {exc.reason}") from exc
    except TimeoutError as exc:
        raise IngestError(url, f"timed out after {timeout:g} s") from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise IngestError(url, f"timed out after {timeout:g} s") from exc
        raise IngestError(url, f"cannot fetch: {exc.reason}") from exc
    except (OSError, ValueError) as exc:
        raise IngestError(url, f"cannot fetch: {exc}") from exc
