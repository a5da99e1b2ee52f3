"""Test support: run an app with uvicorn on a free loopback port in a thread.

    >>> with running(create_app("demo.db")) as base:     # "http://127.0.0.1:PORT"
    ...     urllib.request.urlopen(base + "/api/v1/health")
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from lagebild.document import Commitment, Document, Event, Stance
from lagebild.store.testing import make_document, span

STARTUP_S = 20.0


@contextmanager
def running(app: Any) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 (a port the OS picks) until the block ends; yields the base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def picture_document() -> Document:
    """A German article with events, stances and commitments besides the usual layers."""
    text = ("Außenminister Sergej Lawrow traf am 10. März 2022 in Antalya den ukrainischen Außenminister "
            "Dmytro Kuleba. Russland lehne einen NATO-Beitritt der Ukraine ab, sagte Lawrow. "
            "Kuleba versprach, bis zum 1. April 2022 einen Vorschlag vorzulegen.")
    doc = make_document(
        text, language="de", title="Treffen in Antalya", published=date(2022, 3, 10), export_id="de_antalya",
        actors={"sergey_lavrov": ("Sergey Lavrov", "person", ["Sergej Lawrow", "Lawrow"]),
                "dmytro_kuleba": ("Dmytro Kuleba", "person", ["Kuleba"])},
        mentions=[("Sergej Lawrow", "sergey_lavrov", 0), ("Dmytro Kuleba", "dmytro_kuleba", 0)],
        quotes=[("Russland lehne einen NATO-Beitritt der Ukraine ab", "indirect", "sergey_lavrov")],
        timexes=[("am 10. März 2022", "2022-03-10"), ("bis zum 1. April 2022", "2022-04-01")])
    s, e = span(text, "traf")
    doc.events.append(Event(s, e, component="test", type="CONSULT", mode="meet", source="sergey_lavrov",
                            target="dmytro_kuleba", date="2022-03-10", location="Antalya"))
    s, e = span(text, "lehne einen NATO-Beitritt der Ukraine ab")
    doc.stances.append(Stance(s, e, component="test", actor="sergey_lavrov", issue="nato_membership_ukraine",
                              polarity="oppose", date="2022-03-10"))
    s, e = span(text, "versprach")
    doc.commitments.append(Commitment(s, e, component="test", kind="promise", actor="dmytro_kuleba",
                                      content="einen Vorschlag vorlegen", deadline="2022-04-01", status="open"))
    doc.layers.update({"events", "stances", "commitments"})
    return doc


@contextmanager
def backend_url(backend: str, folder: Any) -> Iterator[str]:
    """The URL of a new, empty store on ``backend`` (``sqlite``: a file in ``folder``;
    ``postgres``: a fresh schema on the test server, dropped afterwards). PostgreSQL unreachable:
    the test skips, or fails under ``LAGEBILD_REQUIRE_POSTGRES=1``."""
    import os

    import pytest

    from lagebild.store.testing import drop_schema, fresh_pg_url, pg_unavailable

    if backend == "sqlite":
        yield str(folder / "serve.db")
        return
    reason = pg_unavailable()
    if reason and os.environ.get("LAGEBILD_REQUIRE_POSTGRES") == "1":
        pytest.fail(reason + " (LAGEBILD_REQUIRE_POSTGRES=1)")
    if reason:
        pytest.skip(reason)
    url, schema = fresh_pg_url()
    try:
        yield url
    finally:
        drop_schema(schema)
