"""URLs, URL lists and RSS/Atom feeds over a real HTTP server on 127.0.0.1 (no mocks). Loopback is
refused unless allowed (tests/test_hardening_network.py), so every read here passes
``allow_private=True``."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from lagebild.document import Document
from lagebild.errors import IngestError
from lagebild.ingest import read_source
from lagebild.settings import Settings


def _page(title: str, body: str) -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (f"<!DOCTYPE html><html lang='de'><head><title>{title}</title>"
            f"<meta property='og:site_name' content='Testblatt'></head><body><nav>Menü Start</nav>"
            f"<article><h1>{title}</h1>{paras}</article><footer>Impressum</footer></body></html>").encode()


GENF = ("Die Außenminister der USA und Russlands haben sich am Freitag in Genf getroffen. Das Gespräch "
        "dauerte anderthalb Stunden.\n\nBeide Seiten wollen nun schriftliche Antworten austauschen, hieß es "
        "danach aus Diplomatenkreisen in der Schweiz.")
KIEW = ("Die deutsche Außenministerin ist zu ihrem Antrittsbesuch in Kiew eingetroffen. Sie sicherte der "
        "Ukraine die Unterstützung der Bundesregierung zu.\n\nAm Dienstag reist sie weiter nach Moskau, "
        "wo ein Treffen mit ihrem russischen Amtskollegen geplant ist.")
ENGLISH = ("The foreign ministers of Russia and Ukraine met in Antalya on Thursday, the first talks at that "
           "level since the invasion began.\n\nNo agreement on a ceasefire was reached, the Ukrainian minister said afterwards.")


def _rss(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Testblatt Politik</title><link>{base}/</link>
<item><title>Treffen in Genf</title><link>{base}/genf</link><pubDate>Fri, 21 Jan 2022 19:00:00 +0100</pubDate>
<author>redaktion@example.org (Lea Beispiel)</author></item>
<item><title>Besuch in Kiew</title><link>{base}/kiew</link><pubDate>Mon, 17 Jan 2022 08:00:00 +0100</pubDate></item>
<item><title>Verschwunden</title><link>{base}/missing</link></item>
</channel></rss>""".encode()


def _atom(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example World</title><id>urn:x</id><updated>2022-03-10T12:00:00Z</updated>
<entry><title>Antalya talks</title><link href="{base}/antalya"/><id>urn:1</id><updated>2022-03-10T12:00:00Z</updated>
<author><name>Sam Example</name></author></entry></feed>""".encode()


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {}

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(64):
                    self.wfile.write(b"<p>" + b"x" * 4096 + b"</p>")
            except OSError:
                pass
            return
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/feed.rss":
            status, ctype, body = 200, "application/rss+xml", _rss(base)
        elif self.path == "/feed.atom":
            status, ctype, body = 200, "application/atom+xml", _atom(base)
        else:
            status, ctype, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the client gave up (timeout test)
            pass


_Handler.routes = {
    "/genf": (200, "text/html; charset=utf-8", _page("Treffen in Genf", GENF)),
    "/kiew": (200, "text/html; charset=utf-8", _page("Besuch in Kiew", KIEW)),
    "/antalya": (200, "text/html; charset=utf-8", _page("Antalya talks", ENGLISH)),
    "/slow": (200, "text/html; charset=utf-8", _page("Langsam", GENF)),
    "/latin1": (200, "text/html; charset=iso-8859-1", _page("Kodierung", KIEW).decode("utf-8").encode("latin-1")),
    "/plain": (200, "text/plain; charset=utf-8", KIEW.encode("utf-8")),
}


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


SETTINGS = Settings(fetch_timeout=5.0, fetch_max_bytes=100_000)


def test_ingest_url_article(server: str) -> None:
    (doc,) = list(read_source(f"{server}/genf", SETTINGS, allow_private=True))
    assert isinstance(doc, Document)
    assert doc.meta.url == f"{server}/genf" and doc.meta.source == f"{server}/genf"
    assert doc.meta.title == "Treffen in Genf" and doc.meta.outlet == "Testblatt"
    assert doc.text.startswith("Die Außenminister") and "Impressum" not in doc.text


@pytest.mark.parametrize("path, needle", [("/latin1", "Außenministerin"), ("/plain", "Antrittsbesuch")])
def test_ingest_url_charsets_and_plain_text(server: str, path: str, needle: str) -> None:
    (doc,) = list(read_source(server + path, SETTINGS, allow_private=True))
    assert isinstance(doc, Document) and needle in doc.text


def test_ingest_url_list_file(server: str, tmp_path: Path) -> None:
    f = tmp_path / "liste.urls"
    f.write_text(f"# Artikel\n{server}/genf\n\n{server}/missing\nkeine-url\n{server}/kiew\n", encoding="utf-8")
    results = list(read_source(f, SETTINGS, allow_private=True))
    docs = [r for r in results if isinstance(r, Document)]
    errors = [r for r in results if isinstance(r, IngestError)]
    assert [d.meta.title for d in docs] == ["Treffen in Genf", "Besuch in Kiew"]
    assert {e.source for e in errors} == {f"{server}/missing", f"{f}:3"}
    assert any("HTTP 404" in e.reason for e in errors)


def test_ingest_txt_with_only_urls_is_a_url_list(server: str, tmp_path: Path) -> None:
    f = tmp_path / "links.txt"
    f.write_text(f"{server}/kiew\n{server}/genf\n", encoding="utf-8")
    assert [r.meta.title for r in read_source(f, SETTINGS, allow_private=True) if isinstance(r, Document)] == [
        "Besuch in Kiew", "Treffen in Genf"]


def test_ingest_rss_feed_url(server: str) -> None:
    results = list(read_source(f"{server}/feed.rss", SETTINGS, allow_private=True))
    docs = [r for r in results if isinstance(r, Document)]
    errors = [r for r in results if isinstance(r, IngestError)]
    assert [d.meta.title for d in docs] == ["Treffen in Genf", "Besuch in Kiew"]
    assert docs[0].meta.published == date(2022, 1, 21) and docs[0].meta.published_source == "metadata"
    assert docs[1].meta.published == date(2022, 1, 17)
    assert docs[0].meta.outlet == "Testblatt Politik"
    assert [e.source for e in errors] == [f"{server}/missing"]


def test_ingest_atom_feed_file(server: str, tmp_path: Path) -> None:
    f = tmp_path / "world.atom"
    f.write_bytes(_atom(server))
    (doc,) = list(read_source(f, SETTINGS, allow_private=True))
    assert isinstance(doc, Document)
    assert doc.meta.author == "Sam Example" and doc.meta.language == "en"
    assert doc.meta.published == date(2022, 3, 10) and doc.meta.outlet == "Example World"


def test_ingest_fetch_timeout(server: str) -> None:
    (err,) = list(read_source(f"{server}/slow", Settings(fetch_timeout=0.3), allow_private=True))
    assert isinstance(err, IngestError) and "timed out" in err.reason and err.source.endswith("/slow")


def test_ingest_fetch_size_cap(server: str) -> None:
    (err,) = list(read_source(f"{server}/huge", Settings(fetch_max_bytes=50_000), allow_private=True))
    assert isinstance(err, IngestError) and "fetch limit of 50000" in err.reason


def test_ingest_connection_refused_is_an_error() -> None:
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    (err,) = list(read_source(f"http://127.0.0.1:{port}/x", Settings(fetch_timeout=2.0), allow_private=True))
    assert isinstance(err, IngestError) and "cannot fetch" in err.reason


def test_ingest_url_given_as_path(server: str) -> None:
    (doc,) = list(read_source(Path(f"{server}/kiew"), SETTINGS, allow_private=True))
    assert isinstance(doc, Document) and doc.meta.url == f"{server}/kiew"
