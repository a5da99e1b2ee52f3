"""From raw text plus whatever metadata the source gave to a Document with inferred metadata."""

from __future__ import annotations

import logging
from dataclasses import fields
from typing import Any

from lagebild.document import Document, Metadata
from lagebild.errors import IngestError
from lagebild.ingest.dates import parse_date
from lagebild.ingest.encoding import clean_text
from lagebild.ingest.genre import GENRES, classify_genre
from lagebild.ingest.language import detect_language
from lagebild.ingest.metadata import (
    clean_author,
    find_author,
    find_dateline,
    find_title,
    parse_header,
    strip_disclaimers,
)

log = logging.getLogger(__name__)

_META_FIELDS = {f.name for f in fields(Metadata)}
_LANGUAGE_NAMES = {
    "de": "de", "deu": "de", "ger": "de", "german": "de", "deutsch": "de",
    "en": "en", "eng": "en", "english": "en", "englisch": "en",
}
_GENRE_NAMES = {g: g for g in GENRES} | {
    "kommentar": "commentary", "meinung": "commentary", "opinion": "commentary",
    "bericht": "report", "nachricht": "report", "news": "report",
    "analyse": "analysis", "chronik": "chronicle", "liveblog": "chronicle", "timeline": "chronicle",
}
FLAG_DISCLAIMER = "republication_disclaimer"


def normalise_language(value: str) -> str | None:
    v = value.strip().lower().replace("_", "-")
    return _LANGUAGE_NAMES.get(v) or _LANGUAGE_NAMES.get(v.split("-")[0])


def normalise_genre(value: str) -> str | None:
    return _GENRE_NAMES.get(value.strip().lower())


def _set_given(meta: Metadata, given: dict[str, Any], origin: str) -> None:
    """Copy metadata a source gave (header, HTML, JSONL fields, feed entry) into ``meta``,
    normalising values; a value that cannot be read becomes a warning, not an error."""
    for key, value in given.items():
        if value is None or value == "" or key not in _META_FIELDS:
            continue
        if key == "published":
            d = parse_date(value)
            if d is None:
                meta.warnings.append(f"{origin}: cannot read the date {str(value)!r}; ignored")
                continue
            meta.published = d
            meta.published_source = "metadata"
        elif key == "language":
            lang = normalise_language(str(value))
            if lang is None:
                meta.warnings.append(f"{origin}: unsupported language {value!r}; detecting it instead")
                continue
            meta.language = lang
        elif key == "genre":
            genre = normalise_genre(str(value))
            if genre is None:
                meta.warnings.append(f"{origin}: unknown genre {value!r}; inferring it instead")
                continue
            meta.genre = genre
        elif key == "author":
            meta.author = clean_author(str(value))
        elif key in ("flags", "warnings", "also_published_as"):
            getattr(meta, key).extend(value if isinstance(value, list) else [value])
        else:
            setattr(meta, key, str(value).strip() if isinstance(value, str) else value)


def build_document(
    raw: str,
    *,
    source: str | None = None,
    export_id: str | None = None,
    given: dict[str, Any] | None = None,
    warnings: list[str] | None = None,
    header: bool = True,
) -> Document:
    """Clean ``raw``, read an optional header block, remove republication disclaimers (flag),
    then fill what the source did not give: title, dateline date, author, language, genre.
    Raises IngestError when no text is left."""
    name = source or "<text>"
    text = clean_text(raw)
    meta = Metadata(source=source, export_id=export_id)
    meta.warnings.extend(warnings or [])
    if header:
        fields_, text = parse_header(text)
        _set_given(meta, fields_, "header")
    _set_given(meta, given or {}, "source metadata")
    text, disclaimers = strip_disclaimers(text)
    if disclaimers:
        meta.flags.append(FLAG_DISCLAIMER)
    if not text.strip():
        raise IngestError(name, "no article text (empty after the header and disclaimers)")
    infer_metadata(text, meta)
    return Document(text=text, meta=meta)


def infer_metadata(text: str, meta: Metadata) -> Metadata:
    """Fill the fields of ``meta`` that are still empty from the text itself."""
    if meta.title is None:
        meta.title = find_title(text)
    if meta.published is None:
        found = find_dateline(text)
        if found is not None:
            meta.published = found.value
            meta.published_source = "dateline"
    if meta.author is None:
        author = find_author(text)
        if author is not None:
            meta.author = author.value
    if meta.language is None:
        meta.language = detect_language(text)
        if meta.language is None:
            meta.warnings.append("language could not be detected; German assumed")
    if meta.genre is None:
        meta.genre = classify_genre(text, meta.title).genre
    return meta


def apply_overrides(doc: Document, meta: dict[str, Any]) -> Document:
    """Set metadata the caller gave explicitly (``--published`` etc.); they win over inference.
    ``published`` may be a ``date`` or a string (ISO or spelled); it gets source ``override``."""
    for key, value in meta.items():
        if value is None:
            continue
        if key not in _META_FIELDS:
            log.warning("ignoring unknown metadata key %r for document %s", key, doc.id)
            continue
        if key == "published":
            d = parse_date(value)
            if d is None:
                raise IngestError(doc.meta.source or doc.id, f"cannot read the published date {value!r}; use YYYY-MM-DD")
            doc.meta.published = d
            doc.meta.published_source = "override"
        elif key == "language":
            doc.meta.language = normalise_language(str(value)) or str(value)
        elif key == "genre":
            doc.meta.genre = normalise_genre(str(value)) or str(value)
        else:
            setattr(doc.meta, key, value)
    return doc


def document_from_text(text: str, **meta: Any) -> Document:
    """A Document from article text (an optional header block is read); ``meta`` overrides."""
    doc = build_document(text, source=meta.get("source"))
    return apply_overrides(doc, meta)
