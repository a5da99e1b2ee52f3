"""The Python entry point: ``lagebild.analyze(text_or_path, **meta) -> Document``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from lagebild.document import Document
from lagebild.errors import IngestError
from lagebild.pipeline import Pipeline, default_pipeline
from lagebild.settings import Settings


def _looks_like_path(value: str) -> bool:
    return "\n" not in value and len(value) < 4096 and Path(value).exists()


def analyze(text_or_path: str | Path | Document, *, pipeline: Pipeline | None = None,
            settings: Settings | None = None, **meta: Any) -> Document:
    """Analyse one article given as text, as a path to a file, or as a Document.

    Metadata keywords (``title, url, published, author, outlet, language, genre``) override
    what ingestion finds; ``published`` may be a ``date`` or an ISO string.
    Example: ``analyze("Putin traf Scholz am Montag.", published="2022-02-15")``.
    """
    from lagebild import ingest

    settings = settings or Settings.from_env()
    if isinstance(text_or_path, Document):
        doc = text_or_path
        ingest.apply_overrides(doc, meta)
    elif isinstance(text_or_path, Path) or _looks_like_path(text_or_path):
        results = list(ingest.read_source(Path(text_or_path), settings))
        docs = [r for r in results if isinstance(r, Document)]
        if not docs:
            errors = [r for r in results if isinstance(r, IngestError)]
            raise errors[0] if errors else IngestError(str(text_or_path), "no article found")
        doc = docs[0]
        ingest.apply_overrides(doc, meta)
    else:
        doc = ingest.document_from_text(str(text_or_path), **meta)
    return (pipeline or default_pipeline(settings))(doc)


def analyze_many(docs: Iterable[Document], *, pipeline: Pipeline | None = None,
                 settings: Settings | None = None, published: date | None = None) -> Iterator[Document]:
    """Analyse already-ingested documents; ``published`` overrides every document's date."""
    pipe = pipeline or default_pipeline(settings)
    for doc in docs:
        if published is not None:
            doc.meta.published = published
            doc.meta.published_source = "override"
        yield pipe(doc)
