"""Readers per source kind. ``read_source`` yields Documents and, for every input it cannot
read, an IngestError naming the file/URL/line and the reason; it never raises for bad input.

Source kinds: a file (``.txt``/``.text`` text with an optional header block,
``.html``/``.htm``, ``.jsonl``/``.ndjson``, ``.urls``, ``.rss``/``.atom``/``.xml`` feeds), a
directory (recursive, sorted, known extensions only), ``-`` for standard input, an http(s)
URL (an article page or a feed). A URL list is a ``.urls`` file, or a ``.txt`` file whose
every non-empty line (``#`` comments aside) is an http(s) URL.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from lagebild.document import Document
from lagebild.errors import IngestError
from lagebild.ingest.build import FLAG_INVALID_CHARACTERS, build_document, replace_invalid_text
from lagebild.ingest.encoding import decode_bytes
from lagebild.ingest.feeds import looks_like_feed, read_feed
from lagebild.ingest.fetch import fetch, is_url
from lagebild.ingest.html import extract_html, looks_like_html
from lagebild.ingest.metadata import HEADER_KEYS
from lagebild.settings import Settings

log = logging.getLogger(__name__)

TEXT_EXT = {".txt", ".text"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson"}
URLS_EXT = {".urls"}
FEED_EXT = {".rss", ".atom", ".xml"}
KNOWN_EXT = TEXT_EXT | HTML_EXT | JSONL_EXT | URLS_EXT | FEED_EXT
Result = Document | IngestError
_MANGLED_URL = re.compile(r"^https?:/(?!/)", re.I)
# the metadata a JSONL line may give: the fields a header block may give (title, url, published,
# author, outlet, language, genre), the id aside
_JSONL_FIELDS = tuple(f for f in dict.fromkeys(HEADER_KEYS.values()) if f != "export_id")


def read_source(source: Path | str, settings: Settings | None = None,
                overrides: dict[str, Any] | None = None, *, finish: bool = True,
                allow_private: bool = False) -> Iterator[Result]:
    """Every article in ``source`` (file, directory, ``-`` for stdin, URL). ``overrides``
    (``published``, ``language``, ...) are set on every document and win over what the source
    says; what they set is not inferred (a given language is not detected). ``finish=False``
    leaves the metadata inference and the overrides to ``finish_document`` (see
    ``build_document``). URLs (given, in URL lists, in feeds, redirects) on loopback, private and
    link-local addresses are refused unless ``allow_private`` (see ``lagebild.ingest.fetch``)."""
    settings = settings or Settings.from_env()
    reader = _Reader(settings, {k: v for k, v in (overrides or {}).items() if v is not None}, finish,
                     allow_private)
    name = str(source)
    if isinstance(source, Path) and _MANGLED_URL.match(name) and not source.exists():
        name = name.replace(":/", "://", 1)  # Path("https://x/a") collapses the "//"
    if name == "-":
        yield from reader.guarded("-", reader.read_stdin)
    elif is_url(name):
        yield from reader.guarded(name, reader.read_url, name, {})
    else:
        yield from reader.read_path(Path(source))


# What reading one input can raise besides IngestError: OSError (a file vanished, no permission,
# a directory where a file was expected), ValueError (UnicodeError included: bytes or dates
# a parser rejects, an impossible date in a feed entry). Each becomes that input's IngestError.
_READ_ERRORS = (OSError, ValueError)


class _Reader:
    def __init__(self, settings: Settings, overrides: dict[str, Any] | None = None, finish: bool = True,
                 allow_private: bool = False) -> None:
        self.settings = settings
        self.overrides = overrides or {}
        self.finish = finish
        self.allow_private = allow_private

    # -- plumbing ------------------------------------------------------------------------------
    def guarded(self, name: str, func: Any, *args: Any) -> Iterator[Result]:
        """Run a reader; a failure on one input becomes that input's IngestError."""
        try:
            yield from func(*args)
        except IngestError as exc:
            yield exc
        except _READ_ERRORS as exc:  # a bad input must never stop the batch
            log.warning("cannot read %s: %r", name, exc)
            yield IngestError(name, f"cannot read: {os_reason(exc) if isinstance(exc, OSError) else exc}")

    def _build(self, text: str, source: str, export_id: str | None, given: dict[str, Any],
               warnings: list[str], header: bool = True) -> Document:
        return build_document(text, source=source, export_id=export_id, given=given,
                              warnings=warnings, header=header, overrides=self.overrides, finish=self.finish)

    # -- paths ---------------------------------------------------------------------------------
    def read_path(self, path: Path) -> Iterator[Result]:
        try:
            is_dir, is_file = path.is_dir(), path.is_file()
        except OSError as exc:  # a folder on the way that may not be read, a name too long
            yield IngestError(str(path), f"cannot read: {os_reason(exc)}")
            return
        if is_dir:
            yield from self.read_folder(path)
        elif is_file:
            yield from self.guarded(str(path), self.read_file, path)
        else:
            yield IngestError(str(path), _not_a_file(path))

    def read_folder(self, folder: Path) -> Iterator[Result]:
        """Every file with a known extension under ``folder`` (not in hidden folders, symbolic
        links to folders not followed), sorted; a folder that cannot be listed, and a link that
        leads nowhere or in a circle, are reported, not silently passed over."""
        names, errors = _walk(folder)
        yield from errors
        if not names and not errors:
            yield IngestError(str(folder), f"directory has no readable files ({', '.join(sorted(KNOWN_EXT))})")
        for f in names:
            if f.is_file():
                yield from self.guarded(str(f), self.read_file, f)
            elif f.is_symlink():
                yield IngestError(str(f), _not_a_file(f))

    def _read_bytes(self, path: Path) -> bytes:
        size = path.stat().st_size
        if size > self.settings.max_bytes:
            raise IngestError(str(path), f"file is {size} bytes, over the limit of {self.settings.max_bytes} "
                                         "bytes (LAGEBILD_MAX_BYTES)")
        if size == 0:
            raise IngestError(str(path), "empty file")
        return path.read_bytes()

    def read_file(self, path: Path) -> Iterator[Result]:
        ext = path.suffix.lower()
        name = str(path)
        if name.lower().endswith((".warc", ".warc.gz")):  # web archives: lagebild/ingest/warc.py
            from lagebild.ingest.warc import read_warc

            yield from read_warc(path, self.settings, self.overrides, finish=self.finish)
            return
        if ext in JSONL_EXT:
            # a JSONL corpus may be large: streamed, the size limit applies to each line
            if path.stat().st_size == 0:
                raise IngestError(name, "empty file")
            with path.open("rb") as fh:
                yield from self.read_jsonl(fh, name, path.stem)
            return
        data = self._read_bytes(path)
        if ext in HTML_EXT:
            yield self.read_html(data, name, path.stem)
        elif ext in URLS_EXT:
            yield from self.read_url_list(data, name)
        elif ext in FEED_EXT:
            yield from read_feed(data, name, self._article_from_url, self._feed_text)
        else:
            yield from self.read_bytes(data, name, path.stem)

    def read_bytes(self, data: bytes, name: str, export_id: str | None) -> Iterator[Result]:
        """Content sniffing for inputs without a telling extension (stdin, unknown suffix, .txt)."""
        if looks_like_html(data):
            yield self.read_html(data, name, export_id)
            return
        if looks_like_feed(data):
            yield from read_feed(data, name, self._article_from_url, self._feed_text)
            return
        decoded = decode_bytes(data, name)
        if _is_url_list(decoded.text):
            yield from self.read_url_list(data, name)
            return
        yield self._build(decoded.text, name, export_id, {}, decoded.warnings)

    # -- formats -------------------------------------------------------------------------------
    def read_html(self, data: bytes, name: str, export_id: str | None,
                  url: str | None = None, given: dict[str, Any] | None = None,
                  charset: str | None = None) -> Document:
        decoded = decode_bytes(data, name) if charset is None else _decode_declared(data, name, charset)
        text, meta = extract_html(decoded.text, name, url=url)
        merged = {k: v for k, v in (given or {}).items() if v}
        for k, v in meta.items():
            merged.setdefault(k, v)
        # the page's own text decides the date only when neither the page nor the feed gave one
        return self._build(text, name, export_id, merged, decoded.warnings, header=False)

    def read_jsonl(self, lines: Iterable[bytes], name: str, stem: str) -> Iterator[Result]:
        """One article per line; a bad line is an IngestError ``name:LINE``, the rest is kept."""
        limit = self.settings.max_bytes
        any_line = False
        for lineno, raw in enumerate(lines, 1):
            if not raw.strip():
                continue
            any_line = True
            where = f"{name}:{lineno}"
            if len(raw) > limit:
                yield IngestError(where, f"line is {len(raw)} bytes, over the limit of {limit} bytes (LAGEBILD_MAX_BYTES)")
                continue
            try:
                decoded = decode_bytes(raw, where)
                obj = json.loads(decoded.text)
            except IngestError as exc:
                yield exc
                continue
            except json.JSONDecodeError as exc:
                yield IngestError(where, f"malformed JSON line: {exc.msg} (column {exc.colno})")
                continue
            if not isinstance(obj, dict):
                yield IngestError(where, "a JSONL line must be an object with a \"text\" field")
                continue
            yield from self.guarded(where, self._jsonl_article, obj, where, stem, lineno, decoded.warnings)
        if not any_line:
            yield IngestError(name, "empty file (no JSON lines)")

    def _jsonl_article(self, obj: dict[str, Any], where: str, stem: str, lineno: int,
                       warnings: list[str]) -> Iterator[Result]:
        text = obj.get("text")
        html = obj.get("html")
        has_text = isinstance(text, str) and bool(text.strip())
        if not has_text and not (isinstance(html, str) and html.strip()):
            raise IngestError(where, "line has no non-empty \"text\" (or \"html\") field")
        # metadata must be text: a number becomes its digits, anything else (true, lists, objects)
        # is dropped with a warning instead of failing the article
        given: dict[str, Any] = {k: _jsonl_meta(obj.get(k), k, warnings) for k in _JSONL_FIELDS}
        given["published"] = given["published"] or _jsonl_meta(obj.get("date"), "date", warnings)
        export_id = str(obj["id"]) if obj.get("id") not in (None, "") else f"{stem}-{lineno}"
        if has_text:
            yield self._build(str(text), where, export_id, given, list(warnings), header=False)
            return
        markup, replaced = replace_invalid_text(str(html))  # a lone surrogate does not encode
        if replaced:
            given["flags"] = [FLAG_INVALID_CHARACTERS]
        yield self.read_html(markup.encode("utf-8"), where, export_id, url=given.get("url"), given=given)

    def read_url_list(self, data: bytes, name: str) -> Iterator[Result]:
        decoded = decode_bytes(data, name)
        urls = [ln.strip() for ln in decoded.text.splitlines() if ln.strip() and not ln.strip().startswith("#")]
        if not urls:
            yield IngestError(name, "URL list has no URLs")
        for lineno, url in enumerate(urls, 1):
            if not is_url(url):
                yield IngestError(f"{name}:{lineno}", f"not an http(s) URL: {url[:80]!r}")
                continue
            yield from self.guarded(url, self.read_url, url, {})

    def read_url(self, url: str, given: dict[str, Any]) -> Iterator[Result]:
        s = self.settings
        got = fetch(url, timeout=s.fetch_timeout, max_bytes=s.fetch_max_bytes, allow_private=self.allow_private)
        if not got.data.strip():
            raise IngestError(url, "empty response")
        if looks_like_feed(got.data, got.content_type) and not looks_like_html(got.data):
            yield from read_feed(got.data, url, self._article_from_url, self._feed_text)
            return
        given = {"url": got.url, **{k: v for k, v in given.items() if v}}
        if "html" in got.content_type or looks_like_html(got.data):
            yield self.read_html(got.data, url, None, url=got.url, given=given, charset=got.charset)
            return
        decoded = _decode_declared(got.data, url, got.charset) if got.charset else decode_bytes(got.data, url)
        yield self._build(decoded.text, url, None, given, decoded.warnings)

    def _article_from_url(self, url: str, given: dict[str, Any]) -> Iterator[Result]:
        if not is_url(url):
            yield IngestError(url, "feed entry link is not an http(s) URL")
            return
        yield from self.guarded(url, self.read_url, url, given)

    def _feed_text(self, text: str, source: str, given: dict[str, Any], warnings: list[str]) -> Document:
        return self._build(text, source, None, given, warnings, header=False)

    # -- stdin ---------------------------------------------------------------------------------
    def read_stdin(self, stream: BinaryIO | None = None) -> Iterator[Result]:
        stream = stream or sys.stdin.buffer
        limit = self.settings.max_bytes
        data = stream.read(limit + 1)
        if len(data) > limit:
            raise IngestError("-", f"standard input is over the limit of {limit} bytes (LAGEBILD_MAX_BYTES)")
        if not data.strip():
            raise IngestError("-", "empty input on standard input")
        if _looks_like_jsonl(data):
            yield from self.read_jsonl(data.splitlines(), "-", "stdin")
            return
        yield from self.read_bytes(data, "-", "stdin")


def os_reason(exc: OSError) -> str:
    """Why an operating-system call failed, in words, without a traceback ("permission denied")."""
    if isinstance(exc, PermissionError):
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop"
    return exc.strerror.lower() if exc.strerror else str(exc)


def _not_a_file(path: Path) -> str:
    """Why ``path`` (not a file, not a folder) cannot be read."""
    try:
        if not path.is_symlink():
            return "not a regular file or directory" if path.exists() else "no such file or directory"
        target = os.readlink(path)
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop (the link leads back to itself): skipped"
        if exc.errno == errno.ENOENT:
            return f"a broken symbolic link (its target {target} does not exist): skipped"
        return f"cannot read: {os_reason(exc)}"
    return "a symbolic link to something that is not a regular file or directory: skipped"


def _walk(folder: Path) -> tuple[list[Path], list[IngestError]]:
    """The files with a known extension under ``folder`` (sorted, hidden names skipped, links to
    folders not followed: as ``Path.rglob``), and a reason for each folder that cannot be listed."""
    found: list[Path] = []
    errors: list[IngestError] = []

    def unreadable(exc: OSError) -> None:
        errors.append(IngestError(str(exc.filename or folder), f"cannot read the folder: {os_reason(exc)}"))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(root, f) for f in files if not f.startswith(".") and Path(f).suffix.lower() in KNOWN_EXT]
    return sorted(found), errors


def _decode_declared(data: bytes, name: str, charset: str) -> Any:
    """Bytes with a charset the server declared: trust it if it decodes, else detect."""
    from lagebild.ingest.encoding import Decoded

    try:
        text = data.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return decode_bytes(data, name)
    warnings = [] if charset.lower().replace("_", "-") in ("utf-8", "utf8") else [f"decoded as declared {charset}"]
    return Decoded(text, charset, warnings)


def _is_url_list(text: str) -> bool:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    return bool(lines) and all(is_url(ln) and " " not in ln for ln in lines)


def _looks_like_jsonl(data: bytes) -> bool:
    lines = [ln for ln in data.splitlines() if ln.strip()]
    return bool(lines) and all(ln.lstrip().startswith(b"{") for ln in lines)


def _jsonl_meta(value: Any, key: str, warnings: list[str]) -> str | None:
    """A JSONL metadata value as text: strings as they are, numbers as their digits, anything else
    (booleans, lists, objects) dropped with a warning."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    warnings.append(f"JSONL field {key!r} is not text ({type(value).__name__}); ignored")
    return None
