"""Metadata from the text itself: header block, title, dateline, author byline, republication
disclaimers. Patterns live in lagebild/lexicons/{bylines,disclaimers}.yaml."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lagebild.ingest.dates import find_dates
from lagebild.lexicon import compile_patterns, literal_test, load_yaml

log = logging.getLogger(__name__)

HEADER_KEYS = {
    "url": "url",
    "title": "title",
    "date": "published",
    "published": "published",
    "author": "author",
    "outlet": "outlet",
    "language": "language",
    "lang": "language",
    "genre": "genre",
    "id": "export_id",
}
_HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z]+)[ \t]*:[ \t]*(?P<value>.*)$")


@dataclass(frozen=True)
class Found:
    """A metadata value read from the text, with the rule that found it and where."""

    value: Any
    rule: str
    confidence: float
    start: int
    end: int


def parse_header(text: str) -> tuple[dict[str, str], str]:
    """Split an optional header block (``URL:``, ``TITLE:``, ``DATE:``, ``AUTHOR:``, ``OUTLET:``,
    ``LANGUAGE:``, ``GENRE:``, ``ID:`` lines, then a blank line) from the body.

    Returns the header fields under Metadata names (``DATE`` → ``published``) and the body.
    A text whose first line is not such a line has no header and comes back unchanged.
    """
    lines = text.split("\n")
    fields: dict[str, str] = {}
    i = 0
    while i < len(lines):
        m = _HEADER_LINE.match(lines[i].strip())
        if not m or m.group("key").lower() not in HEADER_KEYS:
            break
        value = m.group("value").strip()
        if value:
            fields[HEADER_KEYS[m.group("key").lower()]] = value
        i += 1
    if i == 0 or (i < len(lines) and lines[i].strip()):
        # no header, or the block is not closed by a blank line: it is text ("Autor: ..." inside)
        return {}, text
    return fields, "\n".join(lines[i:]).strip()


# -- disclaimers -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Disclaimers:
    head: int
    tail: int
    min_families: int
    min_with_label: int
    labels: list[re.Pattern[str]]
    families: dict[str, list[re.Pattern[str]]]
    notices: list[tuple[str, re.Pattern[str]]]
    # whether any family pattern can match a paragraph at all (see _any_of)
    any_family: Callable[[str], bool]


def _any_of(patterns: list[re.Pattern[str]]) -> Callable[[str], bool]:
    """A test whether any of ``patterns`` matches somewhere in a text: one search of the alternation
    of those that begin alike (the regex engine checks their common start, a word boundary, once per
    position instead of once per pattern), at half the time of searching with each. It only decides
    that none matches; which ones do is still asked of each pattern. Patterns that refer to groups
    by number, or carry inline flags, are searched on their own."""
    by_start: dict[tuple[str, int], list[str]] = {}
    alone: list[re.Pattern[str]] = []
    for p in patterns:
        if _REFERS_TO_GROUP.search(p.pattern):
            alone.append(p)
        else:
            by_start.setdefault((p.pattern[:2], p.flags), []).append(p.pattern)
    searches = [p.search for p in alone]
    for (_, flags), texts in by_start.items():
        try:
            searches.append(re.compile("|".join(f"(?:{t})" for t in texts), flags).search)
        except re.error:  # a pattern with inline flags cannot stand inside another
            searches += [re.compile(t, flags).search for t in texts]
    # first, whether the text holds a word one of them needs (a substring test: the two take a third
    # of the time of the search alone on Wikinews paragraphs, most of which hold none)
    may_match = literal_test(patterns)
    if may_match is None:
        return lambda text: any(search(text) is not None for search in searches)
    return lambda text: may_match(text) and any(search(text) is not None for search in searches)


# a reference to a group by number or name (whose meaning would change inside a combined pattern)
_REFERS_TO_GROUP = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


@lru_cache(maxsize=1)
def _disclaimers() -> _Disclaimers:
    d = load_yaml("disclaimers.yaml")
    notices = d.get("notices", [])
    families = {k: compile_patterns(v, re.IGNORECASE) for k, v in d.get("families", {}).items()}
    return _Disclaimers(
        head=int(d.get("head_paragraphs", 2)),
        tail=int(d.get("tail_paragraphs", 3)),
        min_families=int(d.get("min_families", 3)),
        min_with_label=int(d.get("min_families_with_label", 1)),
        labels=compile_patterns(d.get("labels", []), re.IGNORECASE),
        families=families,
        notices=[(e["id"], p) for e, p in zip(notices, compile_patterns([e["regex"] for e in notices],
                                                                          re.IGNORECASE), strict=True)],
        any_family=_any_of([p for pats in families.values() for p in pats]),
    )


def disclaimer_kind(paragraph: str) -> str | None:
    """Why ``paragraph`` is a republication notice ("label+rights,takedown", a notice id), or None."""
    c = _disclaimers()
    para = " ".join(paragraph.split())
    for pid, pat in c.notices:
        if pat.match(para):
            return pid
    # most paragraphs show no family at all: one combined search says so
    families = sorted(name for name, pats in c.families.items()
                      if any(p.search(para) for p in pats)) if c.any_family(para) else []
    labelled = any(p.match(para) for p in c.labels)
    if (labelled and len(families) >= c.min_with_label) or len(families) >= c.min_families:
        return ("label+" if labelled else "") + ",".join(families)
    return None


def strip_disclaimers(text: str) -> tuple[str, list[str]]:
    """Remove republication disclaimers (whole paragraphs among the first and last few).
    Returns the text without them and why each removed paragraph was one."""
    c = _disclaimers()
    paras = re.split(r"\n[ \t]*\n", text)
    n = len(paras)
    hits: list[str] = []
    keep: list[str] = []
    for i, para in enumerate(paras):
        kind = disclaimer_kind(para) if (i < c.head or i >= n - c.tail) and para.strip() else None
        if kind is None:
            keep.append(para)
        else:
            hits.append(kind)
    if not hits:
        return text, []
    return "\n\n".join(keep).strip(), hits


# -- lines -----------------------------------------------------------------------------------


def _lines(text: str) -> list[tuple[str, int, int]]:
    """Non-empty lines as (stripped text, start, end) with offsets of the stripped text."""
    out = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            s = pos + (len(raw) - len(raw.lstrip()))
            out.append((stripped, s, s + len(stripped)))
        pos += len(raw) + 1
    return out


_SENTENCE_END = re.compile(r"[.!?:;…]$")


_TITLE_SCAN_LINES = 3


def find_title(text: str) -> str | None:
    """The first line that reads as a headline (short, no sentence-final punctuation, more text
    after it), looking past a dateline or byline line above it."""
    lines = _lines(text)
    for line, _s, _e in lines[:_TITLE_SCAN_LINES]:
        if find_author_line(line, "top") is not None or (find_dates(line) and len(line.split()) <= _DATELINE_MAX_WORDS):
            continue  # a byline or dateline line sits above the headline
        if len(line) > 150 or len(line.split()) < 2 or _SENTENCE_END.search(line) or line is lines[-1][0]:
            return None
        return line
    return None


# -- dateline --------------------------------------------------------------------------------

# a dateline sits within the first lines; a line of at most this many words is a dateline line
_TOP_LINES = 8
_DATELINE_MAX_WORDS = 14
# "KIEW, 21.01.2022 (dpa) -", "Berlin, 21. Januar 2022 -": a place, a date, then the story
_LEAD_DATELINE = re.compile(r"^[A-ZÄÖÜ][\w./ -]{1,40},\s+(den\s+)?$")


_TIME = re.compile(r"\b\d{1,2}[:.]\d\d\b")
_DATELINE_OTHER_WORDS = 4


@lru_cache(maxsize=1)
def _dateline_words() -> frozenset[str]:
    return frozenset(str(w).casefold() for w in load_yaml("bylines.yaml").get("dateline_words", []))


def _is_dateline_line(line: str, ds: int, de: int) -> bool:
    if len(line.split()) > _DATELINE_MAX_WORDS:
        return False
    rest = _TIME.sub(" ", line[:ds] + " " + line[de:])
    words = [w for w in re.findall(r"[^\W\d_]+", rest) if w.casefold() not in _dateline_words()]
    # beside a date stand names (a place, a byline), not the lower-case words of a sentence
    lower = [w for w in words if w[0].islower()]
    return len(words) <= _DATELINE_OTHER_WORDS and len(lower) <= 1


def find_dateline(text: str) -> Found | None:
    """The publication date printed near the top ("21. Januar 2022, 19:00 Uhr", "21.01.2022",
    "Jan 21, 2022", "Berlin, 21.01.2022 (dpa) –"). A date inside a short sentence is not one."""
    for line, start, _end in _lines(text)[:_TOP_LINES]:
        dates = find_dates(line)
        if not dates:
            continue
        d, ds, de = dates[0]
        if _is_dateline_line(line, ds, de):
            return Found(d, "dateline_line", 0.9, start + ds, start + de)
        if ds == 0 or _LEAD_DATELINE.match(line[:ds]):
            return Found(d, "dateline_lead", 0.8, start + ds, start + de)
    return None


# -- author ----------------------------------------------------------------------------------

_NAME_WORD = r"[A-ZÄÖÜÉÁÓÚÇŠŽČŁ][\w'’.-]*[\w'’]"
_PARTICLE = r"(?:von der|von|van der|van|de la|de|del|da|di|zu|al|el|bin|ter|le|la)"
NAME = rf"(?P<name>{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{1,3}}(?:\s+(?:und|and|&)\s+{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{1,3}})?)"


@dataclass(frozen=True)
class _Byline:
    id: str
    where: str
    confidence: float
    regex: re.Pattern[str]


@lru_cache(maxsize=1)
def _bylines() -> tuple[list[_Byline], frozenset[str]]:
    data = load_yaml("bylines.yaml")
    out = []
    for e in data.get("patterns", []):
        rx = compile_patterns([r"^(?:" + e["regex"].replace("{NAME}", NAME) + r")[\s.,;:]*$"], 0)[0]
        out.append(_Byline(e["id"], e.get("where", "any"), float(e.get("confidence", 0.8)), rx))
    return out, frozenset(data.get("not_name", []))


_BOTTOM_LINES = 8
_TOP_BYLINE_LINES = 12
# a byline or bio is a short line; a long paragraph that happens to match is article text
_BYLINE_MAX_WORDS = 14
_BIO_MAX_WORDS = 60
# ... and a short line in characters too: at most this many per word allowed (the longest byline
# or bio line in the seeds, the own test sets and the demo corpus has 142 characters). Without it a
# long line without spaces ("123." * 25000 is one "word") went to the byline patterns, whose
# backtracking is quadratic on it (63 s at 100k characters).
_MAX_CHARS_PER_WORD = 20


def find_author_line(line: str, where: str = "any") -> tuple[str, str, float, int, int] | None:
    """(name, rule id, confidence, start, end of the name in ``line``) when ``line`` is a byline."""
    patterns, not_name = _bylines()
    for b in patterns:
        if b.where not in ("any", where) and where != "all":
            continue
        limit = _BIO_MAX_WORDS if b.id.startswith("bio") else _BYLINE_MAX_WORDS
        if len(line) > limit * _MAX_CHARS_PER_WORD or len(line.split()) > limit:
            continue
        m = b.regex.match(line)
        if not m:
            continue
        name = m.group("name")
        if any((w.title() if w.isupper() else w) in not_name for w in re.split(r"\s+", name)):
            continue
        if name.isupper():  # "VON ANNA BEISPIEL"
            name = name.title()
        return name, b.id, b.confidence, m.start("name"), m.end("name")
    return None


def find_author(text: str) -> Found | None:
    """The author from a byline ("Von X", "Ein Kommentar von X", "Es kommentiert: X", an avatar
    handle before "von X") near the top, anywhere for explicit cues, or a bio at the end
    ("X ist Russland-Korrespondent")."""
    lines = _lines(text)
    n = len(lines)
    best: Found | None = None
    for i, (line, start, _end) in enumerate(lines):
        where = "top" if i < _TOP_BYLINE_LINES else "bottom" if i >= n - _BOTTOM_LINES else "middle"
        if where == "middle":
            hit = find_author_line(line, "any")
        elif i < _TOP_BYLINE_LINES and i >= n - _BOTTOM_LINES:
            hit = find_author_line(line, "all")
        else:
            hit = find_author_line(line, where)
        if hit is None:
            continue
        name, rule, conf, s, e = hit
        if best is None or conf > best.confidence:
            best = Found(name, rule, conf, start + s, start + e)
    return best


def clean_author(value: str) -> str | None:
    """Normalise an author string from HTML metadata: drop "Von"/"By", collapse spaces."""
    v = re.sub(r"^(?i:von|by)\s+", "", " ".join(value.split())).strip(" ,;|")
    return v or None
