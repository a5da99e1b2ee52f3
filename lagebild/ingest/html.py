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
from functools import lru_cache
from typing import Any

from lagebild.errors import ConfigError, IngestError
from lagebild.ingest.cleanup import clean_lines
from lagebild.ingest.webmeta import (
    Page,
    choose_authors,
    choose_published,
    find_outlet,
    labelled_byline_lines,
    page_domain,
    page_site_names,
    page_zone,
    read_page,
    squash,
    strip_site_suffix,
)

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

    # AssertionError: htmldate and trafilatura assert on some odd markup ("<svg><p></p><svg>")
    return (LxmlError, ValueError, TypeError, RecursionError, AssertionError)


class HtmlSetupError(ConfigError):
    """HTML ingestion cannot work in this installation: a package it needs is missing or broken.
    Raised once for the first page (it stops the run), never reported as a bad page."""


# what HTML ingestion imports: module -> the package that brings it
_HTML_MODULES = (("lxml.etree", "lxml"), ("lxml_html_clean", "lxml_html_clean"), ("lxml.html.clean", "lxml_html_clean"),
                 ("htmldate", "htmldate"), ("trafilatura", "trafilatura"))


@lru_cache(maxsize=1)
def html_setup_problem() -> str | None:
    """Why HTML pages cannot be read in this installation (a missing or broken package, named with
    the command that fixes it), or None when they can. Checked once per process."""
    import importlib

    for module, package in _HTML_MODULES:
        try:
            importlib.import_module(module)
        except Exception as exc:  # noqa: BLE001 -- any failure to import is a broken installation
            return setup_message(package, exc)
    return None


def setup_message(package: str, exc: BaseException) -> str:
    return (f"HTML pages cannot be read: the package {package!r} is missing or broken in this installation "
            f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}). This is a setup problem, "
            f"not a bad page. Fix: pip install --upgrade 'lagebild' (or: pip install {package}); "
            f"with pip older than 23.1, upgrade pip first (python -m pip install --upgrade pip).")


def check_html_setup() -> None:
    """Raise HtmlSetupError when HTML ingestion cannot work here (see ``html_setup_problem``)."""
    problem = html_setup_problem()
    if problem is not None:
        raise HtmlSetupError(problem)


def extract_html(html: str, source: str, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """Article text (paragraphs separated by blank lines) and metadata (title, author, published,
    outlet, url, and what ``webmeta`` and ``cleanup`` record) of an HTML page. Raises IngestError
    when no text can be extracted, HtmlSetupError when this installation cannot read HTML at all."""
    check_html_setup()
    try:
        return _extract(html, source, url)
    except ImportError as exc:  # a package that imports but fails on first use
        raise HtmlSetupError(setup_message(getattr(exc, "name", None) or "trafilatura", exc)) from exc


def _extract(html: str, source: str, url: str | None) -> tuple[str, dict[str, Any]]:
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
    except errors + (OverflowError, AssertionError) as exc:  # best effort (htmldate asserts on odd markup)
        log.debug("htmldate failed on %s: %s", source, exc)
        published = None
    try:
        page = read_page(tree)  # before trafilatura, which may prune the tree it is given
        # with a date already found, trafilatura's own date step runs the quick search too
        result = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params=dict(_QUICK_DATE) if published else None,
        )
    except errors as exc:
        raise IngestError(source, f"HTML could not be parsed: {exc}") from exc
    text = getattr(result, "text", None) if result is not None else None
    warnings: list[str] = []
    if not text or len(_WORDS.findall(text)) < _MIN_WORDS:
        text, warnings = _deeply_nested_text(html, tree, source, url)
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    meta = page_metadata(page, url or getattr(result, "url", None), result, published, lines)
    lines, removed = clean_lines(lines, [meta.get("title") or "", *meta.pop("title_variants", [])])
    if removed:
        meta["removed"] = removed
        meta["flags"] = ["boilerplate_removed"]
    meta["warnings"] = warnings + meta.get("warnings", [])
    return "\n\n".join(lines), {k: v for k, v in meta.items() if v not in (None, [], {})}


def page_metadata(page: Page, url: str | None, result: Any, htmldate_value: Any,
                  lines: list[str]) -> dict[str, Any]:
    """Title, published date, authors and outlet of a page, judged (see ``lagebild.ingest.webmeta``)."""
    domain = page_domain(page, url)
    names = page_site_names(page, domain)
    outlet, _rule = find_outlet(page, domain, getattr(result, "sitename", None))
    if outlet:
        names = names | {squash(outlet)}
    raw_title = getattr(result, "title", None) or (page.h1[0] if page.h1 else None)
    if raw_title and page.h1 and len(page.h1[0]) > len(raw_title) and squash(page.h1[0]).startswith(squash(raw_title)):
        raw_title = page.h1[0]  # a title cut short by a quote in a meta tag ('Sieger und "royaler Besuch"')
    title = strip_site_suffix(raw_title, names)[0] if raw_title else None
    variants = [strip_site_suffix(t, names)[0] for t in (*page.h1[:1], *page.meta("og:title")) if t]
    window = _article_window(page, lines)
    dates = choose_published(page, page_zone(domain, page.lang), htmldate_value, window)
    # a byline above the text, or a labelled one ("Autorin/Autor X") under it
    window_lines = window.split("\n")
    byline_lines = lines[:12] + window_lines[:40] + labelled_byline_lines(window_lines[40:])
    authors = choose_authors(page, getattr(result, "author", None), byline_lines, names)
    meta: dict[str, Any] = {
        "title": title,
        "title_variants": variants,
        "author": ", ".join(authors.persons) or None,
        "author_organisations": authors.organisations,
        "outlet": outlet,
        "url": url,
        "published": dates.value or getattr(result, "date", None),
        "date_sources": dates.sources,
        "warnings": dates.warnings,
    }
    if authors.dropped:
        meta["warnings"] = meta["warnings"] + [f"author field: dropped {', '.join(repr(d) for d in authors.dropped)} "
                                               "(not a person's name)"]
    return meta


def _article_window(page: Page, lines: list[str]) -> str:
    """The part of the page's text around the article: from its headline to a little past the
    extracted text's length (dated labels of teasers further down stay out)."""
    text = page.text
    start = text.find(page.h1[0][-50:]) if page.h1 and page.h1[0] else -1  # its end: a kicker is a line above
    if start < 0 and lines:
        start = text.find(lines[0][:60])
    start = max(start, 0)
    return text[start:start + sum(len(ln) + 1 for ln in lines) + 3000]


# libxml2's HTML parser keeps elements nested at most 255 deep and drops what lies deeper (a page
# of 260 nested <div>s lost all its text); told the document is huge (XML_PARSE_HUGE), 2048 deep
# elements whose content is no article text: their opening tags
_OPENING = re.compile(r"<(script|style|noscript|template|nav|footer|header|form|button)\b")
# a tag ends at the first ">" and never spans a "<" (so that "<<<<…" is linear, not quadratic)
_BLOCK_TAG = re.compile(r"</?(?:p|div|h[1-6]|li|br|blockquote|pre|tr|section|article|main)\b[^<>]*>", re.I)
_TAG = re.compile(r"<[^<>]*>")


def _deeply_nested_text(html: str, tree: Any, source: str, url: str | None) -> tuple[str, list[str]]:
    """The text of a page whose parse kept too little of it: when the page's markup, stripped,
    has more words than the parsed tree, the parser dropped what was nested too deep. Parsed again
    without the depth limit and extracted by trafilatura, else (nested deeper still) the stripped
    markup's text. Raises the IngestError of an empty page when nothing was lost."""
    flat = _stripped_text(html)
    if len(_WORDS.findall(flat)) <= len(_WORDS.findall(tree.text_content())):
        raise IngestError(source, "no article text could be extracted from the HTML (malformed or empty page)")
    note = "the page nests its elements deeper than the HTML parser's limit of 255"
    text = _huge_tree_text(html, source, url)
    if text is not None:
        return text, [note + "; parsed without that limit"]
    if len(_WORDS.findall(flat)) < _MIN_WORDS:
        raise IngestError(source, f"no article text could be extracted from the HTML ({note})")
    return flat, [note + "; text taken from its markup without boilerplate removal"]


def _huge_tree_text(html: str, source: str, url: str | None) -> str | None:
    import lxml.html
    import trafilatura

    parser = lxml.html.HTMLParser(huge_tree=True, collect_ids=False, default_doctype=False,
                                  remove_comments=True, remove_pis=True)
    try:
        deep = lxml.html.fromstring(html, parser=parser)
        result = trafilatura.bare_extraction(deep, url=url, with_metadata=False, include_comments=False,
                                             include_tables=False)
    except _parse_errors() as exc:
        log.debug("the deep page %s could not be parsed without the depth limit: %s", source, exc)
        return None
    text = getattr(result, "text", None) if result is not None else None
    return text if text and len(_WORDS.findall(text)) >= _MIN_WORDS else None


def _stripped_text(html: str) -> str:
    """The text of ``html`` without its markup (linear: no parser, no nesting): the contents of
    scripts, styles, navigation and forms dropped, block tags as line breaks, entities decoded."""
    import html as html_module

    kept: list[str] = []
    lower = html.lower()
    pos = 0
    while pos < len(html):
        start = _next_element(lower, pos)
        if start is None:
            kept.append(html[pos:])
            break
        at, name = start
        kept.append(html[pos:at])
        end = lower.find(f"</{name}", at)
        if end < 0:
            break  # an element that is never closed runs to the end of the page
        close = lower.find(">", end)
        pos = len(html) if close < 0 else close + 1
    text = _TAG.sub(" ", _BLOCK_TAG.sub("\n", "".join(kept)))
    lines = (" ".join(line.split()) for line in html_module.unescape(text).split("\n"))
    return "\n".join(line for line in lines if line)


def _next_element(lower: str, pos: int) -> tuple[int, str] | None:
    m = _OPENING.search(lower, pos)
    return (m.start(), m.group(1)) if m else None
