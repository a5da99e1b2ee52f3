"""RSS/Atom feeds: each entry's link is fetched as an article; the entry gives metadata."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from lagebild.document import Document
from lagebild.errors import IngestError

log = logging.getLogger(__name__)

_FEED_SNIFF = re.compile(rb"<(rss|feed|rdf:RDF)\b", re.I)
_TAG = re.compile(r"<[^>]+>")
# an entry's own content stands in for its page only when the page cannot be fetched and the
# content is a real article body, not a teaser
_MIN_ENTRY_CONTENT = 400


def looks_like_feed(data: bytes, content_type: str = "") -> bool:
    if any(t in content_type for t in ("rss", "atom")):
        return True
    head = data[:4096]
    return bool(_FEED_SNIFF.search(head)) and not re.search(rb"<html\b", head, re.I)


def _entry_meta(entry: Any, feed_title: str | None) -> dict[str, Any]:
    published: date | None = None
    for key in ("published_parsed", "updated_parsed"):
        st = entry.get(key)
        if st:
            published = date(st.tm_year, st.tm_mon, st.tm_mday)
            break
    return {
        "title": entry.get("title"),
        "url": entry.get("link"),
        "published": published,
        "author": _entry_author(entry),
        "outlet": feed_title,
    }


def _entry_author(entry: Any) -> str | None:
    """The author's name; an e-mail address alone ("noreply@...") is no author."""
    detail = entry.get("author_detail") or {}
    name = detail.get("name") or entry.get("author")
    if not name or "@" in name:
        return None
    return str(name)


def _entry_content(entry: Any) -> str:
    parts = [c.get("value", "") for c in entry.get("content", [])] or [entry.get("summary", "")]
    html = "\n".join(parts)
    html = re.sub(r"(?i)</p\s*>|<br\s*/?>", "\n\n", html)
    return _TAG.sub("", html)


def read_feed(
    data: bytes,
    source: str,
    fetch_article: Callable[[str, dict[str, Any]], Iterator[Document | IngestError]],
    build_text: Callable[[str, str, dict[str, Any], list[str]], Document],
) -> Iterator[Document | IngestError]:
    """Parse a feed and yield one Document (or IngestError) per entry. ``fetch_article(url,
    meta)`` reads an entry's page; ``build_text(text, source, meta, warnings)`` makes a Document
    from the entry's own content when the page cannot be had."""
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        reason = parsed.get("bozo_exception")
        yield IngestError(source, f"not a readable RSS/Atom feed or no entries ({reason or 'empty feed'})")
        return
    feed_title = parsed.get("feed", {}).get("title")
    for i, entry in enumerate(entries, 1):
        meta = _entry_meta(entry, feed_title)
        link = meta.get("url")
        name = link or f"{source}#entry{i}"
        failure: IngestError | None = None
        if link:
            results = list(fetch_article(link, meta))
            if all(isinstance(r, Document) for r in results):
                yield from results
                continue
            failure = next(r for r in results if isinstance(r, IngestError))
        content = _entry_content(entry).strip()
        if len(content) >= _MIN_ENTRY_CONTENT:
            note = f"article page not fetched ({failure.reason}); text from the feed entry" if failure else "text from the feed entry"
            try:
                yield build_text(content, name, meta, [note])
            except IngestError as exc:
                yield exc
        else:
            yield failure or IngestError(name, "feed entry has neither a link nor article text")
