"""HTML → article text and metadata with trafilatura (text, title, author, site) and htmldate.

The page is parsed once; trafilatura and htmldate both read that one lxml tree (trafilatura
copies it before cleaning, htmldate deep-copies before pruning, so neither sees the other's
changes). The date is htmldate's quick search (``extensive_search=False``) with the page's URL;
only when that finds nothing does the extensive search inside trafilatura's metadata step stand
in. Measured on the 109 saved pages of trafilatura's test cache (``benchmarks/html_extraction.py``):
28.2 ms a page before (two parses, the extensive date search on every page), see
``benchmarks/results/html.md`` for after.
"""

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
# htmldate's quick search; trafilatura's own (extensive) date stands in only when it finds nothing
_QUICK_DATE: dict[str, Any] = {"original_date": True, "extensive_search": False}


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_SNIFF.match(data[:2048]))


def _parse_errors() -> tuple[type[Exception], ...]:
    """What parsing and extracting a broken page can raise: lxml's errors (malformed markup,
    bad encodings), ValueError/TypeError from their argument checks, RecursionError on absurdly
    deep nesting."""
    from lxml.etree import LxmlError

    return (LxmlError, ValueError, TypeError, RecursionError)


def extract_html(html: str, source: str, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """Article text (paragraphs separated by blank lines) and metadata (title, author,
    published, outlet, url) of an HTML page. Raises IngestError when no text can be extracted."""
    import trafilatura
    from htmldate import find_date
    from trafilatura.utils import load_html

    errors = _parse_errors()
    try:
        tree = load_html(html)
    except errors as exc:
        raise IngestError(source, f"HTML could not be parsed: {exc}") from exc
    if tree is None:
        raise IngestError(source, "HTML could not be parsed (not a well-formed page)")
    try:
        published = find_date(tree, url=url, original_date=True, extensive_search=False)
    except errors + (OverflowError,) as exc:  # the date is best effort; the text may still be fine
        log.debug("htmldate failed on %s: %s", source, exc)
        published = None
    try:
        # with a date already found, trafilatura's own date step runs the quick search too
        result = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params=dict(_QUICK_DATE) if published else None,
        )
    except errors as exc:
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
        "published": published or getattr(result, "date", None),
    }
    return "\n\n".join(lines), meta
