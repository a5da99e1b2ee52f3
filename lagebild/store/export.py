"""Export stored documents: json (one streamed array), jsonl (one per line) or csv (one row each).

json/jsonl objects are ``Document.to_json()`` (ARCHITECTURE.md, "Stable interfaces"), the
text byte-faithful (JSON escapes only what JSON must). csv has the metadata columns, the actors
as ``;``-joined names and a count per layer; a cell a spreadsheet would evaluate as a formula
(starting with ``=``, ``+``, ``-``, ``@``, tab or CR) gets a leading ``'`` (``csv_cell``).

Writing to a file: ``write_export`` (the store is never an output: see ``check_output_path``;
the file is replaced atomically). Other writers of files (``brief -o`` ...) call
``check_output_path`` first.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any, TextIO

from lagebild.document import EXPORTED_LAYERS, Document
from lagebild.errors import ConfigError
from lagebild.store import PG_SCHEMES, sqlite_path
from lagebild.store.base import Store

FORMATS = ("json", "jsonl", "csv")
SQLITE_HEADER = b"SQLite format 3\x00"
_STORE_FILES = ("", "-wal", "-shm", "-journal")  # a SQLite store and the files beside it
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
# OWASP, "CSV injection": a cell starting with one of these is evaluated by spreadsheets
_FORMULA_START = "=+-@\t\r"
CSV_COLUMNS = ("id", "content_id", "title", "url", "language", "published", "author", "outlet", "genre",
               "source", "duplicate_of", "actors", *(f"n_{layer}" for layer in ("actors", *EXPORTED_LAYERS)))


def csv_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: ``'`` before a value it would evaluate
    (``=HYPERLINK(...)``, ``+1+1``, ``-2+3``, ``@SUM(A1)``); other values unchanged."""
    if isinstance(value, str) and value[:1] and value[0] in _FORMULA_START:
        return "'" + value
    return value


def csv_row(doc: Document) -> dict[str, Any]:
    """The CSV row of a document, every cell through ``csv_cell``."""
    m = doc.meta
    row: dict[str, Any] = {
        "id": doc.export_id, "content_id": doc.id, "title": m.title, "url": m.url, "language": m.language,
        "published": m.published.isoformat() if m.published else None, "author": m.author,
        "outlet": m.outlet, "genre": m.genre, "source": m.source, "duplicate_of": m.duplicate_of,
        "actors": ";".join(a.name for a in doc.actors.values()), "n_actors": len(doc.actors),
    }
    for layer in EXPORTED_LAYERS:
        row[f"n_{layer}"] = len(getattr(doc, layer))
    return {column: csv_cell(value) for column, value in row.items()}


def export(store: Store, fmt: str, out: TextIO, **filters: Any) -> int:
    """Write the stored documents (``filters`` as ``Store.iter_documents``) to ``out``; returns
    how many. Streams: memory stays flat however large the store.
    Example: ``export(store, "jsonl", sys.stdout, language="de")``."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    n = 0
    docs = store.iter_documents(**filters)
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for doc in docs:
            writer.writerow(csv_row(doc))
            n += 1
        return n
    if fmt == "json":
        out.write("[")
    for doc in docs:
        text = json.dumps(doc.to_json(), ensure_ascii=False)
        if fmt == "json":
            out.write(("\n" if n == 0 else ",\n") + text)
        else:
            out.write(text + "\n")
        n += 1
    if fmt == "json":
        out.write("\n]\n" if n else "]\n")
    return n


def check_output_path(path: str | Path, store_url: str | Path | None = None) -> Path:
    """The resolved file to write an output (export, briefing) to, or a ``ConfigError`` saying
    why not: ``path`` is a URL (``postgresql://``, ``sqlite://`` ...), the store at ``store_url``
    itself (after resolving symlinks and ``..``, a hard link, or its ``-wal``/``-shm``/``-journal``
    file), any existing SQLite database (its ``SQLite format 3`` header), a directory, or in a
    folder that does not exist.

    Example (a command writing ``-o``)::

        target = check_output_path(output, settings.db)  # before opening or writing anything
    """
    text = str(path)
    if _URL.match(text):
        if text.startswith((*PG_SCHEMES, "sqlite://")):
            raise ConfigError(f"refusing to write to the database URL {text}: an export goes to a file; "
                              f"give a file path such as export.jsonl")
        raise ConfigError(f"{text} is a URL; give a file path to write to")
    target = Path(text).expanduser().resolve()
    if target.is_dir():
        raise ConfigError(f"{path} is a directory; give a file name in it, e.g. {Path(text) / 'export.jsonl'}")
    if not target.parent.is_dir():
        raise ConfigError(f"cannot write {path}: the folder {target.parent} does not exist; create it first")
    if store_url is not None and _is_store_file(target, store_url):
        raise ConfigError(f"{path} is the store {store_url} (or one of its files); refusing to overwrite it: "
                          f"write to another file")
    if target.is_file() and _is_sqlite(target):
        raise ConfigError(f"{path} is a SQLite database; refusing to overwrite it with an export: "
                          f"write to another file")
    return target


def _is_store_file(target: Path, store_url: str | Path) -> bool:
    db = sqlite_path(store_url)
    if db is None or db == ":memory:":
        return False
    store = Path(db).expanduser().resolve()
    for suffix in _STORE_FILES:
        side = Path(str(store) + suffix)
        if target == side or (target.exists() and side.exists() and os.path.samefile(target, side)):
            return True
    return False


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except PermissionError:  # not readable: not ours to judge, the write will say
        return False


def write_export(store: Store, fmt: str, out_path: str | Path, *, store_url: str | Path | None = None,
                 **filters: Any) -> int:
    """Export to the file ``out_path`` (``filters`` as ``Store.iter_documents``); returns how
    many documents. Refuses what ``check_output_path`` refuses (``store_url`` defaults to
    ``store.url``). Writes a temporary file in the same folder and renames it over
    ``out_path`` only when complete: a crash or Ctrl-C leaves an existing file as it was. A
    replaced file keeps its permissions. (A device or FIFO such as ``/dev/stdout`` is written
    directly.)

    Example (``lagebild export -o``)::

        with open_store(settings.db, create=False) as store:
            n = write_export(store, "jsonl", "corpus.jsonl", store_url=settings.db, language="de")
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    target = check_output_path(out_path, store.url if store_url is None else store_url)
    if target.exists() and not target.is_file():
        with target.open("w", encoding="utf-8", newline="") as fh:
            return export(store, fmt, fh, **filters)
    mode = target.stat().st_mode & 0o7777 if target.exists() else _default_mode()
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise ConfigError(f"cannot write {out_path}: {exc.strerror} ({target.parent})") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            n = export(store, fmt, fh, **filters)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return n


def _default_mode() -> int:
    """The mode a new file gets (0o666 less the umask); mkstemp's own is 0o600."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask
