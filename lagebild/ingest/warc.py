"""Record readers for batch engines: WARC files, and slices of JSONL or Parquet records.

``read_warc(path, settings)`` yields one Document per archived HTML or plain-text page of a WARC
file (``.warc``, ``.warc.gz``; read with warcio, the optional extra ``lagebild[spark]``): the
``response`` and ``resource`` records with a 2xx status and a ``text/html`` / ``text/plain`` type
(a crawl also holds requests, images, style sheets, redirects: those are passed over). A page's
source is its ``WARC-Target-URI``, which is also its URL; a page over ``LAGEBILD_MAX_BYTES`` or
one that cannot be read is an IngestError naming the file, the record's offset and the URL.

``read_jsonl_slice(lines, name, stem, first_line, settings)`` reads lines of a JSONL file that
start at line ``first_line`` exactly as ``read_source`` reads the whole file (the same sources
``name:LINE``, export ids ``stem-LINE``, the same errors): ``lagebild batch`` splits a large JSONL
file (or a Parquet file's rows, as JSON objects) into slices that different processes or Spark
executors read.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from lagebild.errors import ConfigError, IngestError
from lagebild.ingest.encoding import decode_bytes
from lagebild.ingest.readers import Result, _Reader
from lagebild.settings import Settings

log = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def is_warc(path: str | Path) -> bool:
    return str(path).lower().endswith(WARC_SUFFIXES)


def read_jsonl_slice(lines: Iterable[bytes], name: str, stem: str, first_line: int, settings: Settings,
                     overrides: dict[str, Any] | None = None, *, finish: bool = False) -> Iterator[Result]:
    """The articles of JSONL ``lines`` whose first is line ``first_line`` of the file ``name``."""
    reader = _Reader(settings, {k: v for k, v in (overrides or {}).items() if v is not None}, finish)
    # blank lines are skipped by the JSONL reader, so padding keeps its line numbers
    yield from reader.read_jsonl(itertools.chain(itertools.repeat(b"", first_line - 1), lines), name, stem)


def read_warc(path: str | Path, settings: Settings | None = None, overrides: dict[str, Any] | None = None, *,
              finish: bool = True) -> Iterator[Result]:
    """Every archived article page in the WARC file ``path`` (see the module docstring)."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError as exc:
        raise ConfigError("reading WARC files needs warcio: pip install 'lagebild[spark]'") from exc
    settings = settings or Settings.from_env()
    reader = _Reader(settings, {k: v for k, v in (overrides or {}).items() if v is not None}, finish)
    name = str(path)
    pages = 0
    try:
        with open(path, "rb") as fh:
            records = ArchiveIterator(fh, arc2warc=True)
            for record in records:
                page = _page(record, settings.max_bytes, name, records)
                if page is None:
                    continue
                pages += 1
                if isinstance(page, IngestError):
                    yield page
                    continue
                url, ctype, data = page
                yield from reader.guarded(url, _article, reader, data, url, ctype)
    except (OSError, ArchiveLoadFailed, ValueError) as exc:
        yield IngestError(name, f"cannot read the WARC file: {exc}")
        return
    if not pages:
        yield IngestError(name, "no archived HTML or text pages (response records with status 2xx) in the WARC file")


def _page(record: Any, limit: int, name: str, records: Any) -> tuple[str, str, bytes] | IngestError | None:
    """(URL, content type, payload) of an article page record, an IngestError for one that is
    too large, None for every other record."""
    if record.rec_type not in ("response", "resource"):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        ctype = record.http_headers.get_header("Content-Type") or ""
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    if ctype.lower().split(";")[0].strip() not in _PAGE_TYPES:
        return None
    data = record.content_stream().read(limit + 1)
    if len(data) > limit:
        where = f"{name}@{records.get_record_offset()}"
        return IngestError(url or where, f"archived page is over the limit of {limit} bytes (LAGEBILD_MAX_BYTES)")
    return url, ctype, data


def _charset(ctype: str) -> str | None:
    for part in ctype.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"')
    return None


def _article(reader: _Reader, data: bytes, url: str, ctype: str) -> Iterator[Result]:
    if not data.strip():
        raise IngestError(url, "empty archived page")
    if "html" in ctype.lower():
        yield reader.read_html(data, url, None, url=url, given={"url": url}, charset=_charset(ctype))
        return
    decoded = decode_bytes(data, url)
    yield reader._build(decoded.text, url, None, {"url": url}, decoded.warnings)
