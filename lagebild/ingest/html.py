"""HTML → article text and metadata with trafilatura (text, title, author, site) and htmldate."""

from __future__ import annotations

import logging
import re
from typing import Any

from lagebild.errors import IngestError

log = logging.getLogger(__name__)

_HTML_SNIFF = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|article|p|div)\b", re.I | re.S)


# fewer words than this is no article: markup debris ("<<<>>>"), a cookie notice, a nav bar
_MIN_WORDS = 5
_WORDS = re.compile(r"[^\W\d_]{2,}")


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_SNIFF.match(data[:2048]))


def extract_html(html: str, source: str, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """Article text (paragraphs separated by blank lines) and metadata (title, author,
    published, outlet, url) of an HTML page. Raises IngestError when no text can be extracted."""
    import trafilatura
    from htmldate import find_date

    try:
        result = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura raises assorted lxml/parser errors on broken markup
        raise IngestError(source, f"HTML could not be parsed: {exc}") from exc
    text = getattr(result, "text", None) if result is not None else None
    if not text or len(_WORDS.findall(text)) < _MIN_WORDS:
        raise IngestError(source, "no article text could be extracted from the HTML (malformed or empty page)")
    title = getattr(result, "title", None)
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if title and lines and lines[0] == title.strip() and len(lines) > 1:
        lines = lines[1:]  # the headline is metadata; the body starts after it
    meta: dict[str, Any] = {
        "title": title,
        "author": getattr(result, "author", None),
        "outlet": getattr(result, "sitename", None) or getattr(result, "hostname", None),
        "url": url or getattr(result, "url", None),
    }
    try:
        published = find_date(html, original_date=True, extensive_search=False, url=url)
    except Exception as exc:  # htmldate is best effort
        log.debug("htmldate failed on %s: %s", source, exc)
        published = None
    meta["published"] = published or getattr(result, "date", None)
    return "\n\n".join(lines), meta
