"""Lines of a web page's extracted text that are not article text, removed by named rules, and the
datelines of live-blog updates.

Removal (``clean_lines``): trafilatura's own boilerplate removal runs first; what it lets through
on real news pages is caught here, line by line, each removal recorded as ``{"rule", "text"}``:

- ``repeated_headline``: the first lines repeating the title (or the page's h1, or its og:title);
- ``kicker``: a short line without sentence punctuation just above the repeated headline, or the
  first part of a "Kicker: Headline" title standing alone on the first line;
- the rules of ``lexicons/boilerplate.yaml`` (``comment_counter`` "5 Kommentare / Weitere",
  ``cms_debris`` "This portlet should not exist anymore", ``related_heading`` "Mehr zum Thema", …),
  each matching a whole short line;
- ``all_caps_teaser``: a short line entirely in capitals ("RUSSIA IS CLOSELY MONITORING").

Live-blog datelines (``find_update_datelines``): a short line that is an update's own date and
time ("Update, 28.4.2020", "27.08.2024, 11:29 Uhr", "+++ 14:05 Uhr +++", "12:32 Uhr") is recorded
with its offsets in the final text, its date (a time-only line takes the date of the dateline
before it, else the article's date) and time. ``anchor_at(datelines, offset, default)`` gives the
date that a relative expression at ``offset`` ("am Montag") is relative to: the date of the last
dateline before it, else ``default`` (the published date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from lagebild.ingest.dates import find_dates
from lagebild.lexicon import compile_patterns, load

_SENTENCE_END = re.compile(r"[.!?;…\"“”»«]$")
_KICKER_MAX_WORDS = 6
_EXCERPT = 120


@dataclass(frozen=True)
class _Rule:
    name: str
    max_words: int
    regex: re.Pattern[str]


@dataclass(frozen=True)
class _Boilerplate:
    rules: tuple[_Rule, ...]
    caps_name: str
    caps_min: int
    caps_max: int


@lru_cache(maxsize=1)
def _boilerplate() -> _Boilerplate:
    data = load("boilerplate", {"rules": list, "all_caps?": dict})
    rules = []
    for r in data["rules"]:
        rx = compile_patterns([r"^(?:" + str(r["regex"]) + r")$"], re.IGNORECASE, where="boilerplate.yaml")[0]
        rules.append(_Rule(str(r["name"]), int(r.get("max_words", 8)), rx))
    caps = data.get("all_caps") or {}
    return _Boilerplate(tuple(rules), str(caps.get("name", "all_caps_teaser")), int(caps.get("min_words", 3)),
                        int(caps.get("max_words", 14)))


def boilerplate_rule(line: str) -> str | None:
    """The name of the rule that makes ``line`` boilerplate, or None."""
    b = _boilerplate()
    text = " ".join(line.split())
    n = len(text.split())
    for rule in b.rules:
        if n <= rule.max_words and rule.regex.match(text):
            return rule.name
    letters = [c for c in text if c.isalpha()]
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    if b.caps_min <= len(words) <= b.caps_max and len(letters) >= 10 and all(c.isupper() for c in letters):
        return b.caps_name
    return None


def _same(a: str, b: str) -> bool:
    return _norm(a) == _norm(b) and bool(_norm(a))


def _norm(s: str) -> str:
    return re.sub(r"[\W_]+", " ", s.casefold()).strip()


def _is_kicker(line: str) -> bool:
    return len(line.split()) <= _KICKER_MAX_WORDS and not _SENTENCE_END.search(line.rstrip(":"))


def _headline_lines(lines: list[str], titles: list[str]) -> list[tuple[int, str]]:
    """(index, rule) of the headline (and its kicker) repeated at the start of ``lines``."""
    heads = [t for t in titles if t]
    out: list[tuple[int, str]] = []
    for i, line in enumerate(lines[:3]):
        if any(_same(line, t) for t in heads):
            out.append((i, "repeated_headline"))
            if i == 1 and _is_kicker(lines[0]):
                out.append((0, "kicker"))
            break
        # "Kicker: Headline" title with the kicker and the headline on lines of their own
        if i + 1 < len(lines) and any(_same(f"{line} {lines[i + 1]}", t) for t in heads):
            out += [(i, "kicker"), (i + 1, "repeated_headline")]
            break
        if any(_norm(line).endswith(" " + _norm(t)) and len(line.split()) - len(t.split()) <= _KICKER_MAX_WORDS
               for t in heads):
            out.append((i, "repeated_headline"))  # "Kicker - Headline" on one line
            break
        if any(_norm(t).endswith(" " + _norm(line)) and len(line.split()) >= 3 for t in heads):
            out.append((i, "repeated_headline"))  # the headline without the title's kicker
            if i == 1 and _is_kicker(lines[0]) and any(_norm(t).startswith(_norm(lines[0])) for t in heads):
                out.append((0, "kicker"))
            break
    return out


_BYLINE = re.compile(r"^(?:von|by)\s+[A-ZÄÖÜ][\w'’.-]+\s+[A-ZÄÖÜ]", re.I)
_BYLINE_MAX_WORDS = 14
_BYLINE_LINES = 5


def _byline_lines(lines: list[str]) -> list[tuple[int, str]]:
    """(index, "byline") of a byline line ("von Manuela Conrad", "By Aaron Kliegman | Fox News")
    among the first lines: the authors are metadata (read by ``webmeta``), not article text."""
    return [(i, "byline") for i, line in enumerate(lines[:_BYLINE_LINES])
            if _BYLINE.match(line) and len(line.split()) <= _BYLINE_MAX_WORDS and not _SENTENCE_END.search(line)]


def clean_lines(lines: list[str], titles: list[str]) -> tuple[list[str], list[dict[str, Any]]]:
    """``lines`` without the repeated headline, its kicker, a byline and boilerplate lines, and a
    record ``{"rule": name, "text": the line (at most 120 characters)}`` for each line removed. A
    text that would lose every line keeps them all."""
    drop = dict(_byline_lines(lines))
    drop.update(_headline_lines(lines, titles))
    for i, line in enumerate(lines):
        if i not in drop:
            rule = boilerplate_rule(line)
            if rule is not None:
                drop[i] = rule
    if len(drop) >= len(lines):
        return lines, []
    kept = [line for i, line in enumerate(lines) if i not in drop]
    removed = [{"rule": drop[i], "text": lines[i][:_EXCERPT]} for i in sorted(drop)]
    return kept, removed


# -- live-blog datelines ---------------------------------------------------------------------------

_DATELINE_MAX_WORDS = 8
_CLOCK = r"(?P<h>[01]?\d|2[0-3])[:.](?P<min>[0-5]\d)\s*(?:Uhr|h|Uhr\s+MES?Z|CES?T|GMT|UTC|BST|ET|EST|EDT|a\.?m\.?|p\.?m\.?)?"
_UPDATE_LINE = re.compile(
    r"^(?:\+{2,3}\s*)?(?:(?:update[d]?|aktualisierung|aktualisiert|eilmeldung|breaking|neu)\b[\s,:.–-]*)?"
    r"(?P<rest>.*?)(?:\s*\+{2,3})?$",
    re.I)
_CLOCK_ONLY = re.compile(rf"^(?:um\s+|at\s+)?{_CLOCK}$", re.I)
_CLOCK_ANYWHERE = re.compile(rf"\b{_CLOCK}", re.I)
_UPDATE_WORD = re.compile(r"^(?:\+{2,3}\s*)?(?:update[d]?|aktualisierung|aktualisiert)\b", re.I)
# "12.31 Uhr: Headline", "+++ 14:05 +++ Headline", "09:12 - Headline": an update's time, then its heading
_CLOCK_HEADING = re.compile(rf"^(?:\+{{2,3}}\s*)?{_CLOCK}\s*(?::|–|-|\+{{2,3}}|\|)\s*\S", re.I)
_HEADING_MAX_WORDS = 30


@lru_cache(maxsize=1)
def _dateline_words() -> frozenset[str]:
    return frozenset(str(w).casefold() for w in load("web_pages", {"dateline_words": list})["dateline_words"])


@dataclass(frozen=True)
class Dateline:
    start: int
    end: int
    date: date | None
    time: str | None
    rule: str

    def record(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "date": self.date.isoformat() if self.date else None,
                "time": self.time, "rule": self.rule}


def _dateline(line: str) -> tuple[date | None, str | None, str] | None:
    """(date, "HH:MM", rule) when ``line`` is an update's dateline, else None."""
    heading = _CLOCK_HEADING.match(line.strip())
    if heading and len(line.split()) <= _HEADING_MAX_WORDS:
        return None, f"{int(heading['h']):02d}:{heading['min']}", "update_time_heading"
    if len(line.split()) > _DATELINE_MAX_WORDS:
        return None
    m = _UPDATE_LINE.match(line.strip())
    rest = (m.group("rest") if m else line).strip(" ,:–-")
    dates = find_dates(rest)
    undated = rest[:dates[0][1]] + " " * (dates[0][2] - dates[0][1]) + rest[dates[0][2]:] if dates else rest
    clock = _CLOCK_ANYWHERE.search(undated)  # not the "4.20" of "28.4.2020"
    time = f"{int(clock['h']):02d}:{clock['min']}" if clock else None
    if dates:
        d, s, e = dates[0]
        other = re.sub(r"[\W\d_]+", " ", (rest[:s] + " " + rest[e:])).split()
        other = [w for w in other if w.casefold() not in _dateline_words()]
        if len(other) <= 1 and (time or _UPDATE_WORD.match(line.strip())):
            return d, time, "update_date_time" if time else "update_date"
        if not other:
            return d, None, "update_day"  # "Dienstag, 27. August 2024": the day the updates below belong to
        return None
    if _CLOCK_ONLY.match(rest) and (rest != line.strip() or "uhr" in rest.casefold() or ":" in rest):
        return None, time, "update_time"
    return None


def find_update_datelines(text: str, published: date | None) -> list[Dateline]:
    """The datelines of live-blog updates in ``text`` (lines of their own, see the module doc);
    fewer than two is no live blog and gives none."""
    found: list[Dateline] = []
    pos = 0
    current = published
    for raw in text.split("\n"):
        line = raw.strip()
        if line:
            hit = _dateline(line)
            if hit is not None:
                d, time, rule = hit
                current = d or current
                start = pos + raw.index(line)
                found.append(Dateline(start, start + len(line), current, time, rule))
        pos += len(raw) + 1
    return found if len(found) >= 2 else []


def anchor_at(datelines: list[dict[str, Any]], offset: int, default: date | None) -> date | None:
    """The date an expression at ``offset`` is relative to: the date of the last update dateline
    (records as ``Metadata.datelines`` holds them) starting before it, else ``default``."""
    best = default
    for d in datelines:
        if int(d.get("start", 0)) <= offset and d.get("date"):
            best = date.fromisoformat(str(d["date"]))
        elif int(d.get("start", 0)) > offset:
            break
    return best
