"""From raw text plus whatever metadata the source gave to a Document with inferred metadata."""

from __future__ import annotations

import logging
import re
from dataclasses import fields
from functools import lru_cache
from typing import Any

from lagebild.document import Document, Metadata
from lagebild.errors import IngestError
from lagebild.ingest.cleanup import find_update_datelines
from lagebild.ingest.dates import parse_date
from lagebild.ingest.encoding import clean_text
from lagebild.ingest.genre import classify_genre
from lagebild.ingest.language import detect_language
from lagebild.ingest.metadata import (
    clean_author,
    find_author,
    find_dateline,
    find_title,
    parse_header,
    strip_disclaimers,
)
from lagebild.lexicon import load

log = logging.getLogger(__name__)

_META_FIELDS = {f.name for f in fields(Metadata)}
FLAG_DISCLAIMER = "republication_disclaimer"
# a text with update datelines of its own (a live blog, a ticker, a chronicle): see ``Metadata.datelines``
FLAG_LIVE_BLOG = "live_blog"
# lone surrogates (U+D800-U+DFFF): valid in a Python str and in JSON ("\\ud83d"), but no UTF-8
# encoder, hash, store driver or language detector takes them; replaced by U+FFFD (one character
# for one, so offsets hold) and the document flagged
FLAG_INVALID_CHARACTERS = "replaced_invalid_characters"
_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_invalid_text(value: str) -> tuple[str, bool]:
    """``value`` with each lone surrogate replaced by U+FFFD, and whether there was one."""
    fixed, n = _SURROGATE.subn("\ufffd", value)
    return fixed, n > 0


def _replace_invalid(value: Any, meta: Metadata) -> Any:
    """A metadata value (a string or a list of them) without lone surrogates; flags ``meta``."""
    if isinstance(value, list):
        return [_replace_invalid(v, meta) for v in value]
    if not isinstance(value, str):
        return value
    fixed, replaced = replace_invalid_text(value)
    if replaced:
        _flag_invalid(meta)
    return fixed


def _flag_invalid(meta: Metadata) -> None:
    if FLAG_INVALID_CHARACTERS not in meta.flags:
        meta.flags.append(FLAG_INVALID_CHARACTERS)
        meta.warnings.append("text or metadata had characters that cannot be encoded (lone surrogates); "
                             "replaced with U+FFFD")


@lru_cache(maxsize=2)
def _names(kind: str) -> dict[str, str]:
    """Lower-case name -> code for the ``languages`` or ``genres`` of source_names.yaml."""
    table = load("source_names", {"languages": dict, "genres": dict})[kind]
    return {str(name).lower(): str(code) for code, names in table.items() for name in names or []}


def normalise_language(value: str) -> str | None:
    """``de``/``en`` for a language name a source gives ("Deutsch", "en-US", "eng"), else None."""
    v = value.strip().lower().replace("_", "-")
    names = _names("languages")
    return names.get(v) or names.get(v.split("-")[0])


def normalise_genre(value: str) -> str | None:
    """Lagebild's genre for a genre name a source gives ("Kommentar", "news"), else None."""
    return _names("genres").get(value.strip().lower())


def _set_given(meta: Metadata, given: dict[str, Any], origin: str) -> None:
    """Copy metadata a source gave (header, HTML, JSONL fields, feed entry) into ``meta``,
    normalising values; a value that cannot be read becomes a warning, not an error."""
    for key, raw in given.items():
        if raw is None or raw == "" or key not in _META_FIELDS:
            continue
        value = _replace_invalid(raw, meta)
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
    overrides: dict[str, Any] | None = None,
    finish: bool = True,
) -> Document:
    """Clean ``raw``, read an optional header block, remove republication disclaimers (flag),
    then (``finish_document``) fill what the source did not give: title, dateline date, author,
    language, genre, and set ``overrides`` (``--published``, ``--language``), which win over
    everything and are not inferred (no language detection when the language is given).
    ``finish=False`` stops before that: the id and the source's metadata are there, the
    inference is left to ``finish_document`` (the batch runner does it in its worker processes).
    Raises IngestError when no text is left."""
    name = source or "<text>"
    meta = Metadata(source=source, export_id=export_id)
    meta.warnings.extend(warnings or [])
    raw, replaced = replace_invalid_text(raw)
    if replaced:
        _flag_invalid(meta)
    text = clean_text(raw)
    if header:
        fields_, text = parse_header(text)
        _set_given(meta, fields_, "header")
    _set_given(meta, given or {}, "source metadata")
    text, disclaimers = strip_disclaimers(text)
    if disclaimers:
        meta.flags.append(FLAG_DISCLAIMER)
    if not text.strip():
        raise IngestError(name, "no article text (empty after the header and disclaimers)")
    doc = Document(text=text, meta=meta)
    return finish_document(doc, overrides) if finish else doc


def finish_document(doc: Document, overrides: dict[str, Any] | None = None) -> Document:
    """Infer the metadata ``doc`` lacks from its text, then set ``overrides`` (what they set is
    not inferred). Raises IngestError for an override that cannot be read (a bad date)."""
    known = frozenset(k for k, v in (overrides or {}).items() if v is not None)
    # the title is inferred even when overridden: genre inference reads the inferred one
    infer_metadata(doc.text, doc.meta, skip=known - {"title"})
    return apply_overrides(doc, overrides) if overrides else doc


def infer_metadata(text: str, meta: Metadata, skip: frozenset[str] = frozenset()) -> Metadata:
    """Fill the fields of ``meta`` that are still empty from the text itself (not those in ``skip``)."""
    if meta.title is None and "title" not in skip:
        meta.title = find_title(text)
    if meta.published is None and "published" not in skip:
        found = find_dateline(text)
        if found is not None:
            meta.published = found.value
            meta.published_source = "dateline"
    if meta.author is None and "author" not in skip:
        author = find_author(text)
        if author is not None:
            meta.author = author.value
    if meta.language is None and "language" not in skip:
        meta.language = detect_language(text)
        if meta.language is None:
            meta.warnings.append("language could not be detected; German assumed")
    if meta.genre is None and "genre" not in skip:
        meta.genre = classify_genre(text, meta.title).genre
    if not meta.datelines:
        meta.datelines = [d.record() for d in find_update_datelines(text, meta.published)]
        if meta.datelines and FLAG_LIVE_BLOG not in meta.flags:
            meta.flags.append(FLAG_LIVE_BLOG)
    return meta


def apply_overrides(doc: Document, meta: dict[str, Any]) -> Document:
    """Set metadata the caller gave explicitly (``--published`` etc.); they win over inference.
    ``published`` may be a ``date`` or a string (ISO or spelled); it gets source ``override``."""
    for key, raw in meta.items():
        if raw is None:
            continue
        value = _replace_invalid(raw, doc.meta)
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
    return build_document(text, source=meta.get("source"), overrides=meta)
