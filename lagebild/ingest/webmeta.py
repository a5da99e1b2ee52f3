"""Metadata of a web page read from its markup: JSON-LD, meta tags, the canonical link, dated
labels in its text ("Stand: 28.04.2023", "Datum 28.04.2023"), a byline ("Von A, B und C, NDR").

What trafilatura and htmldate give is a start; on real news pages it is often wrong in ways a
table and a few named rules fix (issue 16):

- the **outlet** is a name from ``lexicons/outlets.yaml`` (domain -> name), else the page's
  ``og:site_name`` or JSON-LD publisher when they read as a name (not a Facebook URL, not a handle
  "Handelsblatt_De"), else the domain;
- the **published** date is the article's own first-publication time stamp (JSON-LD
  ``datePublished`` of the article object, ``article:published_time`` …), taken in the outlet's
  time zone (``2024-08-26T23:27Z`` is 27 August in Berlin), else htmldate's; checked against the
  dated labels of the page's text (a "Stand:" update line before the stamp means the stamp is an
  update; a labelled date beats htmldate's guess). Every source's value is kept in
  ``date_sources``, a disagreement becomes a warning naming both;
- the **authors** are persons only: author fields are split, organisations and agencies ("DER
  SPIEGEL", "dpa", "Guardian staff reporter") go to ``author_organisations``, junk (URLs, handles,
  places, initials) is dropped and named in ``author_dropped``; the JSON-LD persons of the article
  win, then the meta tags, then the byline in the text;
- the **title** loses its site suffix ("– DER SPIEGEL", "| ZEIT ONLINE", "| Spain | The Guardian",
  "| DW | 28.04.2023").
"""

from __future__ import annotations

import html as html_lib
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from lagebild.ingest.dates import find_dates, parse_date
from lagebild.lexicon import load

log = logging.getLogger(__name__)

_NOT_A_NAME = re.compile(r"https?:|www\.|\.(com|de|net|org|co\.uk|at|ch)\b|[@_/\\\d{}<>=]", re.I)
# a URL title-cased into words by an extractor ("Www Washingtontimes Com")
_URL_PIECE = re.compile(r"\b(?:www|https?|com|html?|net|org)\b|\sde$", re.I)
_NAME_PART = re.compile(r"^[A-ZÄÖÜÉÁÓÚÇŠŽČŁØÅÆ][\w'’.-]*$|^(von|van|der|de|den|la|le|zu|da|di|del|al|el|bin|ter|du|des|dos)$")
_PREFIX = re.compile(r"^(?:(?:von|by|text|autor(?:in)?|autoren|author|authors|written by|a commentary by|"
                     r"ein kommentar von|eine analyse von|eine kolumne von|ein interview von|ein gastbeitrag von)"
                     r"\s*:?\s+)", re.I)
_CODE = re.compile(r"\s*\([^()]{0,12}\)")  # an author's short code: "David Vonplon (dvp)"
_INNER_BY = re.compile(r"\s(?:Von|von|By|by)\s+(?=[A-ZÄÖÜ])")
_SPLIT = re.compile(r"\s*(?:;|,|\||\s+und\s+|\s+and\s+|\s+&\s+|\s+/\s+|\s+·\s+)\s*")
_IN_PLACE = re.compile(r"^(?P<who>.+?)\s+(?:in|aus|from)\s+[A-ZÄÖÜ][\w-]+(?:\s+[A-ZÄÖÜ][\w-]+)?$")
_TITLE_SEP = re.compile(r"\s+(?:[|–—·•»]|-|::)\s+")
# dated labels in a page's text: what kind of date each is
_DATE_LABEL = re.compile(
    r"\b(?P<label>Stand|Datum|Veröffentlicht(?:\s+am)?|Erstveröffentlichung|Erstmals\s+veröffentlicht(?:\s+am)?|"
    r"Aktualisiert(?:\s+am)?|Zuletzt\s+aktualisiert(?:\s+am)?|Published(?:\s+on)?|First\s+published(?:\s+on)?|"
    r"Updated(?:\s+on)?|Last\s+updated(?:\s+on)?)\b\s*:?\s*(?:\w+,\s+)?(?=\d|[A-Z])", re.I)
_CTIME = re.compile(r"^\w{3} (?P<m>\w{3}) (?P<d>\d\d?) (?P<t>\d\d:\d\d:\d\d) (?P<z>[A-Z]{2,5} )?(?P<y>\d{4})$")


@dataclass(frozen=True)
class _Markup:
    article_types: frozenset[str]
    published_tags: tuple[str, ...]
    author_tags: tuple[str, ...]
    site_tags: tuple[str, ...]
    date_labels: dict[str, str]
    skip_tags: frozenset[str]
    block_tags: frozenset[str]
    site_tails: tuple[str, ...]
    company_forms: frozenset[str]
    title_sections: frozenset[str]
    name_titles: frozenset[str]


@lru_cache(maxsize=1)
def markup() -> _Markup:
    """What to read in a page's markup (``lexicons/web_pages.yaml``)."""
    d = load("web_pages", {"article_types": list, "published_tags": list, "author_tags": list, "site_tags": list,
                           "date_labels": dict, "text_skip_tags": list, "text_block_tags": list,
                           "site_name_tails": list, "company_forms": list, "title_sections": list,
                           "name_titles": list})
    return _Markup(frozenset(str(t).lower() for t in d["article_types"]), tuple(map(str, d["published_tags"])),
                   tuple(map(str, d["author_tags"])), tuple(map(str, d["site_tags"])),
                   {str(k).casefold(): str(v) for k, v in d["date_labels"].items()},
                   frozenset(map(str, d["text_skip_tags"])), frozenset(map(str, d["text_block_tags"])),
                   tuple(str(t).casefold() for t in d["site_name_tails"]),
                   frozenset(str(w).casefold() for w in d["company_forms"]),
                   frozenset(str(w).casefold() for w in d["title_sections"]),
                   frozenset(str(w).casefold() for w in d["name_titles"]))


@dataclass(frozen=True)
class _Site:
    name: str
    aliases: tuple[str, ...]
    zone: str | None


@dataclass(frozen=True)
class _Outlets:
    sites: dict[str, _Site]
    zones_by_tld: dict[str, str]
    agencies: frozenset[str]
    org_words: frozenset[str]
    all_names: frozenset[str]


def squash(s: str) -> str:
    """A name compared blind to case, spaces and punctuation ("NDR.de" = "Ndr De")."""
    return re.sub(r"[\W_]+", "", s.casefold())


@lru_cache(maxsize=1)
def outlets() -> _Outlets:
    data = load("outlets", {"sites": dict, "zones_by_tld?": dict, "agencies?": list, "org_words?": list})
    sites: dict[str, _Site] = {}
    for domain, entry in data["sites"].items():
        e = entry if isinstance(entry, dict) else {"name": str(entry)}
        sites[str(domain).lower()] = _Site(str(e.get("name") or domain), tuple(str(a) for a in e.get("aliases") or []),
                                           e.get("zone"))
    names = {squash(n) for s in sites.values() for n in (s.name, *s.aliases)} | {squash(d) for d in sites}
    agencies = frozenset(squash(a) for a in data.get("agencies") or [])
    return _Outlets(sites, {str(k): str(v) for k, v in (data.get("zones_by_tld") or {}).items()}, agencies,
                    frozenset(w.casefold() for w in data.get("org_words") or []), frozenset(names | agencies))


def domain_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.lower().removeprefix("www.") if host else None


def site_for(domain: str | None) -> tuple[str, _Site] | None:
    """The table's entry for ``domain`` or the domain it is a subdomain of ("www1.wdr.de")."""
    if not domain:
        return None
    table = outlets().sites
    parts = domain.split(".")
    for i in range(len(parts) - 1):
        key = ".".join(parts[i:])
        if key in table:
            return key, table[key]
    return None


# -- reading the page ---------------------------------------------------------------------------


@dataclass
class Page:
    """What the page's markup says about itself (values as found, not yet judged)."""

    metas: dict[str, list[str]] = field(default_factory=dict)
    article: dict[str, Any] = field(default_factory=dict)  # the JSON-LD object of the article
    publisher: str | None = None
    canonical: str | None = None
    lang: str | None = None
    h1: list[str] = field(default_factory=list)
    title: str | None = None  # the <title> element's text
    text: str = ""  # the page's whole visible text, one line per block (for dated labels, bylines)

    def meta(self, *keys: str) -> list[str]:
        return [v for k in keys for v in self.metas.get(k, []) if v.strip()]


def read_page(tree: Any) -> Page:
    """The metadata a parsed page (an lxml tree) carries: meta tags, the JSON-LD article, the
    canonical link, the first headings and the page's text."""
    page = Page()
    for m in tree.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        content = m.get("content")
        if key and content:
            page.metas.setdefault(key, []).append(" ".join(content.split()))
    objs = _jsonld(tree)
    articles = [o for o in objs if _is_article(o)] or [o for o in objs if "datePublished" in o]
    page.article = articles[0] if articles else {}
    pub = page.article.get("publisher")
    if isinstance(pub, dict) and isinstance(pub.get("name"), str):
        page.publisher = pub["name"].strip()
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            page.canonical = link.get("href")
            break
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    page.lang = (root.get("lang") or "").lower() or None
    page.h1 = [" ".join(h.text_content().split()) for h in tree.iter("h1")][:3]
    title = next(iter(tree.iter("title")), None)
    page.title = " ".join(title.text_content().split()) if title is not None else None
    page.text = _visible_text(tree)
    return page


def _jsonld(tree: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text, strict=False)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack and len(out) < 200:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                out.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
    return out


def _is_article(obj: dict[str, Any]) -> bool:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.lower() in markup().article_types for k in kinds)


_MAX_TEXT = 400_000


def _visible_text(tree: Any) -> str:
    """The page's text, a line per block element (scripts and styles left out), at most 400k characters."""
    parts: list[str] = []
    size = 0
    skip, block = markup().skip_tags, markup().block_tags
    body = next(iter(tree.iter("body")), tree)
    for el in body.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in skip:
            continue
        if el.text and el.getparent() is not None and el.getparent().tag not in skip:
            parts.append(el.text)
        if tag in block:
            parts.append("\n")
        if el.tail and (el.getparent() is None or el.getparent().tag not in skip):
            parts.append(el.tail)
        size += len(el.text or "") + len(el.tail or "")
        if size > _MAX_TEXT:
            break
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


# -- outlet ---------------------------------------------------------------------------------------


def page_domain(page: Page, url: str | None) -> str | None:
    for candidate in (url, page.canonical, *page.meta("og:url")):
        d = domain_of(candidate)
        if d and "." in d:
            return d
    return None


def _reads_as_name(value: str) -> bool:
    return bool(value) and len(value) <= 60 and not _NOT_A_NAME.search(value.replace(".de", "").replace(".com", ""))


def _reads_as_outlet(value: str) -> bool:
    """A site name as pages give it: not a URL, a handle or a path ("20 Minuten" and "n-tv.de" are)."""
    return bool(value) and len(value) <= 60 and not value.startswith("@") and not value.strip().isdigit() \
        and not re.search(r"https?:|www\.|[@_/\\{}<>=]", value)


def _outlet_name(value: str) -> str:
    """``value`` without entities and a company tail ("Freie Presse - Chemnitzer Verlag und Druck
    GmbH &amp; Co. KG" -> "Freie Presse")."""
    value = " ".join(html_lib.unescape(value).split())
    segments = [seg.strip() for seg in _TITLE_SEP.split(value) if seg.strip()]
    forms = markup().company_forms
    named = [seg for seg in segments if not any(w.strip(".,").casefold() in forms for w in seg.split())]
    return named[0] if named and len(segments) > 1 else value


def find_outlet(page: Page, domain: str | None, fallback: str | None) -> tuple[str | None, str]:
    """The outlet's name and the rule that gave it."""
    hit = site_for(domain)
    if hit is not None:
        return hit[1].name, "outlet_table"
    core = squash(domain.split(".")[-2]) if domain and "." in domain else ""
    for value in page.meta("og:site_name"):  # the site's own name spelled out ("Global News" on globalnews.ca)
        value = _outlet_name(value)
        if core and squash(value) == core and _reads_as_outlet(value) and not value.islower():
            return _known_spelling(value), "og_site_name"
    named = _title_site(page, domain)
    if named is not None:
        return named, "title_suffix"
    for value, rule in [*((v, "og_site_name") for v in page.meta("og:site_name")),
                        (page.publisher or "", "jsonld_publisher"), (fallback or "", "trafilatura_sitename")]:
        value = _outlet_name(value.strip()) if value.strip() else ""
        if value and _reads_as_outlet(value):
            return _known_spelling(value), rule
    return (domain, "domain") if domain else (None, "none")


def _title_site(page: Page, domain: str | None) -> str | None:
    """The site's name as the page's title ends with it, when it holds the domain's name
    ("… | heise online" on heise.de; og:site_name there is a section, "Security")."""
    if not domain or not page.title or domain.count(".") < 1:
        return None
    core = squash(domain.split(".")[-2])
    segments = _TITLE_SEP.split(page.title)
    last = segments[-1].strip() if len(segments) > 1 else ""
    if len(core) >= 3 and core in squash(last) and len(last) <= 40 and _reads_as_name(last.replace(".", " ")):
        return last
    return None


def _known_spelling(value: str) -> str:
    """The table's name for a known alias ("FAZ.NET" -> "Frankfurter Allgemeine Zeitung")."""
    key = squash(value)
    for site in outlets().sites.values():
        if key in {squash(n) for n in (site.name, *site.aliases)}:
            return site.name
    return value


# -- dates ----------------------------------------------------------------------------------------


def parse_stamp(value: str) -> datetime | date | None:
    """A time stamp as pages write it: ISO 8601 (with or without zone, "+0200", a space for the
    "T", fractions), "Fri Apr 28 19:20:36 CEST 2023", or a plain date."""
    s = value.strip()
    if not s:
        return None
    iso = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", s.replace(" ", "T", 1).replace("Z", "+00:00"))
    iso = re.sub(r"(\.\d{1,6})\d*", r"\1", iso)
    try:
        return datetime.fromisoformat(iso)
    except ValueError:
        pass
    m = _CTIME.match(s)
    if m:
        try:
            return datetime.strptime(f"{m['m']} {m['d']} {m['y']} {m['t']}", "%b %d %Y %H:%M:%S")
        except ValueError:
            return None
    return parse_date(s)


def local_date(stamp: datetime | date, zone: str | None) -> date:
    """The date of ``stamp`` in ``zone`` (an aware time stamp moved there; a naive one as it is)."""
    if not isinstance(stamp, datetime):
        return stamp
    if stamp.tzinfo is None or not zone:
        return stamp.date()
    try:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
    except ImportError:  # pragma: no cover - Python < 3.9
        return stamp.date()
    try:
        return stamp.astimezone(ZoneInfo(zone)).date()
    except (ZoneInfoNotFoundError, ValueError, OverflowError):
        return stamp.date()


def page_zone(domain: str | None, lang: str | None) -> str | None:
    hit = site_for(domain)
    if hit is not None:
        return hit[1].zone
    tables = outlets().zones_by_tld
    if domain and domain.rsplit(".", 1)[-1] in tables:
        return tables[domain.rsplit(".", 1)[-1]]
    return tables.get("de") if (lang or "").startswith("de") else None


def structured_published(page: Page) -> tuple[datetime | date, str] | None:
    """The article's first-publication time stamp from JSON-LD or a meta tag, and where it was."""
    value = page.article.get("datePublished")
    if isinstance(value, str):
        stamp = parse_stamp(value)
        if stamp is not None:
            return stamp, "jsonld_datePublished"
    for tag in markup().published_tags:
        for v in page.meta(tag):
            stamp = parse_stamp(v)
            if stamp is not None:
                return stamp, f"meta_{tag}"
    return None


def labelled_dates(text: str) -> list[tuple[str, date, str]]:
    """(kind, date, label) for each dated label in the page's text: "Stand: 28.04.2023" (update),
    "Datum 28.04.2023" (published), "First published on …" (first). The first of each kind."""
    seen: dict[str, tuple[str, date, str]] = {}
    for m in _DATE_LABEL.finditer(text):
        head = text[m.end():m.end() + 40]
        dates = find_dates(head)
        if not dates or dates[0][1] > 2:
            continue
        label = " ".join(m.group("label").split())
        kind = markup().date_labels.get(label.split()[0].casefold(), "published")
        seen.setdefault(kind, (kind, dates[0][0], label))
    return list(seen.values())


@dataclass
class DateChoice:
    value: date | None
    source: str | None
    sources: dict[str, str]
    warnings: list[str]


def choose_published(page: Page, zone: str | None, htmldate_value: Any, window: str | None = None) -> DateChoice:
    """The first-publication date: the article's time stamp in the outlet's zone, else a labelled
    date of the text (``window``: the part of the page's text around the article, else all of
    it), else htmldate's; each source's value recorded, disagreements warned."""
    sources: dict[str, str] = {}
    warnings: list[str] = []
    found = structured_published(page)
    guess = parse_date(htmldate_value)
    if guess is not None:
        sources["htmldate"] = guess.isoformat()
    modified = page.article.get("dateModified")
    if isinstance(modified, str) and parse_stamp(modified) is not None:
        sources["jsonld_dateModified"] = local_date(parse_stamp(modified) or date.min, zone).isoformat()
    labels = labelled_dates(page.text if window is None else window)
    for kind, d, label in labels:
        sources[f"text_{kind}({label})"] = d.isoformat()
    value: date | None = None
    source: str | None = None
    if found is not None:
        value, source = local_date(found[0], zone), found[1]
        sources[source] = value.isoformat()
    elif guess is not None:
        value, source = guess, "htmldate"
    by_kind = {kind: (d, label) for kind, d, label in labels}
    value, source = _check_against_text(value, source, by_kind, warnings)
    return DateChoice(value, source, sources, warnings)


def _check_against_text(value: date | None, source: str | None, by_kind: dict[str, tuple[date, str]],
                        warnings: list[str]) -> tuple[date | None, str | None]:
    labelled = by_kind.get("first") or by_kind.get("published")
    update = by_kind.get("update")
    if value is None:
        pick = labelled or update
        return (pick[0], f"text_label({pick[1]})") if pick else (None, None)
    if labelled is not None and abs(labelled[0] - value) > timedelta(days=1) and source == "htmldate":
        warnings.append(f"published date: the page's text says {labelled[1]} {labelled[0]}, htmldate found "
                        f"{value}; the text's date taken")
        return labelled[0], f"text_label({labelled[1]})"
    if update is not None and value > update[0]:
        # a first publication after the last update: the stamp is an update (or wrong)
        warnings.append(f"published date: {source} says {value}, after the text's {update[1]} {update[0]}; "
                        f"the text's date taken")
        return update[0], f"text_label({update[1]})"
    if labelled is not None and labelled[0] != value:
        warnings.append(f"published date: {source} says {value}, the page's text {labelled[1]} {labelled[0]}; "
                        f"{source} kept")
    return value, source


# -- authors --------------------------------------------------------------------------------------


@dataclass
class Authors:
    persons: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    rule: str | None = None

    def add(self, other: Authors) -> None:
        for name in other.organisations:
            if squash(name) not in {squash(o) for o in self.organisations}:
                self.organisations.append(name)
        self.dropped += [d for d in other.dropped if d not in self.dropped]


def classify_part(part: str, site_names: frozenset[str] = frozenset()) -> tuple[str, str]:
    """("person" | "organisation" | "junk", the cleaned part) for one piece of an author field."""
    p = _PREFIX.sub("", _CODE.sub("", " ".join(part.split()))).strip(" ,;:|-–()")
    words = p.split()
    while len(words) > 2 and words[0].strip(".").casefold() in markup().name_titles:
        words.pop(0)  # "Dr. Max Kolter", "Prof. Dr. med. Anna Beispiel"
    p = " ".join(words)
    inner = _INNER_BY.split(p)
    if len(inner) > 1:  # "Capital Von Jemima Kelly": a section or outlet glued before the byline
        p = inner[-1].strip()
    m = _IN_PLACE.match(p)
    if m and _org_like(m.group("who"), site_names):
        p = m.group("who")  # "Associated Press in Valencia"
    if not p:
        return "junk", part
    if _org_like(p, site_names):
        return "organisation", p
    if _NOT_A_NAME.search(p) or _URL_PIECE.search(p):
        return "junk", p
    words = p.split()
    if 2 <= len(words) <= 5 and all(_NAME_PART.match(w) for w in words) and any(len(w.strip(".")) > 2 for w in words):
        return "person", p.title() if p.isupper() else p
    return "junk", p


def _org_like(p: str, site_names: frozenset[str]) -> bool:
    o = outlets()
    key = squash(p)
    if key in o.all_names or key in site_names:
        return True
    words = [w.casefold().strip(".,") for w in p.split()]
    if any(w in o.org_words for w in words):
        return True
    return p.isupper() and len(p.replace(" ", "")) <= 6 and len(words) <= 2  # "NDR", "WDR", "SZ"


def split_authors(values: list[str], rule: str, site_names: frozenset[str] = frozenset()) -> Authors:
    out = Authors(rule=rule)
    for value in values:
        for part in _SPLIT.split(value):
            if not part.strip():
                continue
            kind, cleaned = classify_part(part, site_names)
            target = out.persons if kind == "person" else out.organisations if kind == "organisation" else out.dropped
            if squash(cleaned) not in {squash(t) for t in target}:
                target.append(cleaned)
    return out


def _jsonld_authors(article: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(person names, organisation names) of the JSON-LD article's ``author``."""
    raw = article.get("author")
    items = raw if isinstance(raw, list) else [raw] if raw else []
    persons: list[str] = []
    orgs: list[str] = []
    for item in items:
        if isinstance(item, str):
            persons.append(item)
            continue
        if not isinstance(item, dict):
            continue
        name = item.get("name") or item.get("byline")
        if not isinstance(name, str) or not name.strip():
            continue
        kind = item.get("@type")
        kinds = [k.lower() for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)]
        (orgs if any("organization" in k for k in kinds) else persons).append(name)
    return persons, orgs


_BYLINE_LINE = re.compile(r"^(?:von|by|autorin/autor|autor(?:in)?|autoren|author|authors|text)\s*:?\s+"
                          r"(?P<rest>[A-ZÄÖÜ].{2,160})$", re.I)


_BYLINE_LABEL = re.compile(r"^(?:von|by|autorin/autor|autor(?:in)?|autoren|author|authors)\s*:?$", re.I)


def labelled_byline_lines(lines: list[str]) -> list[str]:
    """The lines of ``lines`` that may be a labelled byline ("Autorin/Autor" and the line after it)."""
    out: list[str] = []
    for i, line in enumerate(lines):
        if line[:6].casefold() in ("autor:", "autori", "autor ", "author", "autore"):
            out += lines[i:i + 2]
    return out


def text_byline(lines: list[str], site_names: frozenset[str] = frozenset()) -> Authors | None:
    """The authors of the first byline line ("Von A, B und C, NDR", "By A | Fox News") among ``lines``."""
    for i, line in enumerate(lines):
        if _BYLINE_LABEL.match(line) and i + 1 < len(lines):
            line = f"{line.rstrip(':')} {lines[i + 1]}"  # "von" and the names in elements of their own
        m = _BYLINE_LINE.match(line)
        if not m or len(line.split()) > 20:
            continue
        rest = re.split(r"\s+(?:\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}:\d\d|Stand:|Veröffentlicht|Aktualisiert|Updated|"
                        r"Published|Facebook|Twitter)", m.group("rest"))[0]
        found = split_authors([rest], "text_byline", site_names)
        if found.persons:
            return found
    return None


def choose_authors(page: Page, trafilatura_author: str | None, text_lines: list[str],
                   site_names: frozenset[str]) -> Authors:
    """Persons from the JSON-LD article, else the meta tags, else trafilatura's author field, else
    the byline in the text; organisations and dropped junk gathered from all of them."""
    ld_persons, ld_orgs = _jsonld_authors(page.article)
    candidates = [
        split_authors(ld_persons, "jsonld_author", site_names),
        split_authors([v for v in page.meta(*markup().author_tags) if not v.lower().startswith("http")], "meta_author",
                      site_names),
        split_authors([trafilatura_author] if trafilatura_author else [], "trafilatura_author", site_names),
    ]
    byline = text_byline(text_lines, site_names)
    if byline is not None:
        candidates.append(byline)
    chosen = next((c for c in candidates if c.persons), Authors(rule=None))
    for c in candidates:
        chosen.add(c)
    for org in ld_orgs:
        chosen.add(Authors(organisations=[classify_part(org, site_names)[1]]))
    persons = {squash(p) for p in chosen.persons}
    chosen.dropped = [d for d in chosen.dropped if squash(d) not in persons]
    return chosen


# -- title ----------------------------------------------------------------------------------------


def strip_site_suffix(title: str, site_names: frozenset[str]) -> tuple[str, str | None]:
    """``title`` without a trailing site name and what follows it ("… | tagesschau.de",
    "… - Landespolitik - Nachrichten - WDR", "… | Spain | The Guardian", "… | DW | 28.04.2023").
    Returns the title and the rule that cut it (None when nothing was cut)."""
    seps = list(_TITLE_SEP.finditer(title))
    if not seps:
        return title, None
    bounds = [0, *(m.end() for m in seps)]
    segments = [title[b:(seps[i].start() if i < len(seps) else len(title))] for i, b in enumerate(bounds)]
    names = outlets().all_names | site_names
    cut = next((i for i in range(1, len(segments)) if _site_like(squash(segments[i]), names)
                or _is_date_only(segments[i])), None)
    if cut is None:
        return title, None
    sep = seps[cut - 1].group().strip()
    # section names between the headline and the site, with the site's separator ("| Spain |")
    # (or a section named in ``title_sections``, whatever its separator: "… - National | Globalnews.ca")
    while cut > 1 and len(" ".join(segments[:cut - 1]).split()) >= 3 and (
            (seps[cut - 2].group().strip() == sep and len(segments[cut - 1].split()) <= 2)
            or segments[cut - 1].strip().casefold() in markup().title_sections):
        cut -= 1
    return title[:seps[cut - 1].start()].strip(), "site_suffix"


def _site_like(key: str, names: frozenset[str]) -> bool:
    return key in names or any(key.endswith(t) and key[:-len(t)] in names for t in markup().site_tails if len(key) > len(t) + 1)


def _is_date_only(segment: str) -> bool:
    dates = find_dates(segment)
    return bool(dates) and dates[0][1] == 0 and dates[0][2] >= len(segment.strip()) - 1


def page_site_names(page: Page, domain: str | None) -> frozenset[str]:
    names = {squash(v) for v in page.meta(*markup().site_tags) if v}
    if page.publisher:
        names.add(squash(page.publisher))
    if domain:
        names |= {squash(domain), squash(domain.split(".")[0])}
        hit = site_for(domain)
        if hit is not None:
            names |= {squash(n) for n in (hit[1].name, *hit[1].aliases)}
    return frozenset(n for n in names if n)
