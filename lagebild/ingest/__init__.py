"""Ingestion: readers per source kind, metadata, genre, dedup. (Stub, replaced by the ingest work.)"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from ..document import Document, Metadata
from ..errors import IngestError
from ..settings import Settings


def apply_overrides(doc: Document, meta: dict[str, Any]) -> Document:
    for key, value in meta.items():
        if value is None:
            continue
        if key == "published":
            value = value if isinstance(value, date) else date.fromisoformat(str(value))
            doc.meta.published_source = "override"
        setattr(doc.meta, key, value)
    return doc


def document_from_text(text: str, **meta: Any) -> Document:
    doc = Document(text=text.strip(), meta=Metadata(language="de"))
    return apply_overrides(doc, meta)


def read_source(source: Path | str, settings: Settings | None = None) -> Iterator[Document | IngestError]:
    path = Path(source)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        yield IngestError(str(path), str(exc))
        return
    doc = document_from_text(text)
    doc.meta.source = str(path)
    doc.meta.export_id = path.stem
    yield doc
