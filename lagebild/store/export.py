"""Export stored documents: json (one streamed array), jsonl (one per line) or csv (one row each).

json/jsonl objects are ``Document.to_json()`` (ARCHITECTURE.md, "Stable interfaces").
csv has the metadata columns, the actors as ``;``-joined names and a count per layer.
"""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from lagebild.document import EXPORTED_LAYERS, Document
from lagebild.errors import ConfigError
from lagebild.store.base import Store

FORMATS = ("json", "jsonl", "csv")
CSV_COLUMNS = ("id", "content_id", "title", "url", "language", "published", "author", "outlet", "genre",
               "source", "duplicate_of", "actors", *(f"n_{layer}" for layer in ("actors", *EXPORTED_LAYERS)))


def csv_row(doc: Document) -> dict[str, Any]:
    m = doc.meta
    row: dict[str, Any] = {
        "id": doc.export_id, "content_id": doc.id, "title": m.title, "url": m.url, "language": m.language,
        "published": m.published.isoformat() if m.published else None, "author": m.author,
        "outlet": m.outlet, "genre": m.genre, "source": m.source, "duplicate_of": m.duplicate_of,
        "actors": ";".join(a.name for a in doc.actors.values()), "n_actors": len(doc.actors),
    }
    for layer in EXPORTED_LAYERS:
        row[f"n_{layer}"] = len(getattr(doc, layer))
    return row


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
