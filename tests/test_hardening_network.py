"""Fetching is bounded and stays on the public internet (issue 10), over a real HTTP server on
127.0.0.1 (no mocks): one wall-clock deadline per fetch (a server dripping bytes once held a 3 s
timeout for 41 s), only http and https (redirects to ftp:// and file:// were followed), and no
loopback, private, link-local (the 169.254.169.254 metadata address) or unspecified address, as a
URL or as a redirect, unless ``allow_private``."""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lagebild.cli import app
from lagebild.document import Document
from lagebild.errors import IngestError
from lagebild.ingest import read_source
from lagebild.ingest.fetch import address_kind, fetch
from lagebild.settings import Settings

ARTICLE = ("<!DOCTYPE html><html lang='de'><head><title>Treffen in Genf</title></head><body><article>"
           "<h1>Treffen in Genf</h1><p>Die Außenminister der USA und Russlands haben sich am Freitag in Genf "
           "getroffen. Das Gespräch dauerte anderthalb Stunden.</p><p>Beide Seiten wollen nun schriftliche "
           "Antworten austauschen, hieß es danach aus Diplomatenkreisen.</p></article></body></html>").encode()
LOOPBACK_ONLY = [ipaddress.ip_network("127.0.0.1/32")]  # the test server, and nothing else internal


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        port = self.server.server_address[1]
        redirects = {
            "/to-ftp": "ftp://example.org/file.txt",
            "/to-file": "file:///etc/passwd",
            "/to-metadata": "http://169.254.169.254/latest/meta-data/",
            "/to-private": "http://10.0.0.1/admin",
            "/to-loopback": f"http://127.0.0.2:{port}/genf",
            "/to-zero": f"http://0.0.0.0:{port}/genf",
            "/to-ula": "http://[fd00::1]/",
            "/to-localhost": f"http://localhost:{port}/genf",
            "/to-genf": "/genf",
        }
        try:
            if self.path in redirects:
                self.send_response(302)
                self.send_header("Location", redirects[self.path])
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif self.path == "/genf":
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(ARTICLE)))
                self.end_headers()
                self.wfile.write(ARTICLE)
            elif self.path == "/drip":  # a body of 100 bytes, one every 0.1 s
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", "100")
                self.end_headers()
                self._drip(b"x" * 100)
            elif self.path == "/drip-headers":  # even the status line comes one byte every 0.1 s
                self._drip(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Padding: " + b"y" * 80 + b"\r\n\r\nok")
        except OSError:  # the client gave up
            pass

    def _drip(self, data: bytes) -> None:
        for byte in data:
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(0.1)


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


def test_hardening_network_loopback_refused_by_default(server: str) -> None:
    (err,) = list(read_source(f"{server}/genf", SETTINGS))
    assert isinstance(err, IngestError) and "loopback" in err.reason and "--allow-private" in err.reason
    (doc,) = list(read_source(f"{server}/genf", SETTINGS, allow_private=True))
    assert isinstance(doc, Document) and doc.meta.title == "Treffen in Genf"


def test_hardening_network_localhost_and_url_lists_refused(server: str, tmp_path: Path) -> None:
    port = server.rsplit(":", 1)[1]
    f = tmp_path / "liste.urls"
    f.write_text(f"http://localhost:{port}/genf\n{server}/genf\n", encoding="utf-8")
    errors = list(read_source(f, SETTINGS))
    assert len(errors) == 2 and all(isinstance(e, IngestError) and "loopback" in e.reason for e in errors)


@pytest.mark.parametrize("url, kind", [
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://10.1.2.3/", "private"),
    ("http://192.168.0.1/", "private"),
    ("http://172.16.5.4/", "private"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://[::1]/", "loopback"),
    ("http://[::ffff:127.0.0.1]/", "loopback"),
    ("http://[fd12::1]/", "private"),
    ("http://[fe80::1]/", "link-local"),
])
def test_hardening_network_internal_addresses_refused_without_connecting(url: str, kind: str) -> None:
    start = time.monotonic()
    with pytest.raises(IngestError, match=kind) as info:
        fetch(url, timeout=5.0, max_bytes=1000)
    assert "--allow-private" in info.value.reason and time.monotonic() - start < 2


@pytest.mark.parametrize("path, reason", [
    ("/to-ftp", "only http and https"),
    ("/to-file", "only http and https"),
    ("/to-metadata", "link-local"),
    ("/to-private", "private"),
    ("/to-loopback", "loopback"),
    ("/to-zero", "unspecified"),
    ("/to-ula", "private"),
])
def test_hardening_network_redirects_checked(server: str, path: str, reason: str) -> None:
    with pytest.raises(IngestError, match=reason) as info:
        fetch(server + path, timeout=5.0, max_bytes=100_000, allowed_networks=LOOPBACK_ONLY)
    assert "redirected to" in info.value.reason


def test_hardening_network_ftp_redirect_refused_even_when_private_allowed(server: str) -> None:
    with pytest.raises(IngestError, match="only http and https"):
        fetch(f"{server}/to-ftp", timeout=5.0, max_bytes=100_000, allow_private=True)


def test_hardening_network_allowed_redirect_followed(server: str) -> None:
    got = fetch(f"{server}/to-genf", timeout=5.0, max_bytes=100_000, allowed_networks=LOOPBACK_ONLY)
    assert got.url == f"{server}/genf" and got.data == ARTICLE


@pytest.mark.parametrize("url", ["ftp://example.org/x", "file:///etc/passwd", "gopher://x/"])
def test_hardening_network_only_http_and_https(url: str) -> None:
    with pytest.raises(IngestError, match="only http and https"):
        fetch(url, timeout=1.0, max_bytes=1000, allow_private=True)


@pytest.mark.parametrize("path", ["/drip", "/drip-headers"])
def test_hardening_network_deadline_is_wall_clock(server: str, path: str) -> None:
    start = time.monotonic()
    with pytest.raises(IngestError, match="timed out after 1 s"):
        fetch(server + path, timeout=1.0, max_bytes=100_000, allow_private=True)
    assert time.monotonic() - start < 2.5  # the whole drip takes 10 s


def test_hardening_network_address_kinds() -> None:
    public = ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "8.8.8.8"]
    assert all(address_kind(ipaddress.ip_address(a)) is None for a in public)
    assert address_kind(ipaddress.ip_address("100.64.0.1")) is not None  # carrier-grade NAT
    assert address_kind(ipaddress.ip_address("224.0.0.1")) == "multicast"


def test_hardening_network_cli_allow_private(server: str, tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "n.db")
    refused = runner.invoke(app, ["ingest", f"{server}/genf", "--db", db, "--no-progress", "--workers", "1"])
    assert refused.exit_code == 1 and "allow-private" in refused.output
    allowed = runner.invoke(app, ["ingest", f"{server}/genf", "--db", db, "--no-progress", "--workers", "1",
                                  "--allow-private"])
    assert allowed.exit_code == 0, allowed.output
