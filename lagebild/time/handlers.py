"""Handlers: each turns a regex match of one rule into a ``Cand`` (a candidate whose meaning is not yet
resolved against any anchor) or rejects it (a figure, a name, a date that does not exist)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from lagebild.time.lexicon import TimeLexicon, alternation, grammar_words

S = r"[ \t\u00a0]+"  # spaces inside one line
S0 = r"[ \t\u00a0]*"
B = r"(?<![\w])"  # word start
E = r"(?![\w])"  # word end
BC = r"(?P<bc>v\.\s?Chr\.?|vor\s+Christus|n\.\s?Chr\.?|BC|BCE|AD)"
BCX = r"(?:v\.\s?Chr\.?|vor\s+Christus|n\.\s?Chr\.?)"


@dataclass(init=False)
class Cand:
    start: int
    end: int
    rule: str
    kind: str
    data: dict[str, Any] = field(default_factory=dict)
    confidence: float = 0.9

    # written out (init=False): mypyc compiles it, and the object is built natively (@dataclass
    # writes __init__ as interpreted code)
    def __init__(self, start: int, end: int, rule: str, kind: str, data: dict[str, Any] | None = None,
            confidence: float = 0.9) -> None:
        self.start = start
        self.end = end
        self.rule = rule
        self.kind = kind
        self.data = {} if data is None else data
        self.confidence = confidence




def _span(m: re.Match[str]) -> tuple[int, int]:
    if "t" in m.re.groupindex and m.start("t") >= 0:
        return m.start("t"), m.end("t")
    return m.start(), m.end()


def _cand(m: re.Match[str], rule: str, kind: str, conf: float, **data: Any) -> Cand:
    s, e = _span(m)
    return Cand(s, e, rule, kind, data, conf)


def _g(m: re.Match[str], name: str) -> str | None:
    """Group ``name``, or None when the rule has no such group (without building ``groupdict``)."""
    return m.group(name) if name in m.re.groupindex else None


def _norm(s: str | None) -> str:
    return " ".join((s or "").lower().split())


def _year(m: re.Match[str]) -> tuple[int | None, bool]:
    """The explicit year of a match (BC years negative) and whether it was two-digit."""
    y = _g(m, "year")
    if not y:
        return None, False
    bc = _norm(_g(m, "bc"))
    value = int(y)
    if bc.startswith("v") or bc.startswith("bc"):
        return -value, False
    return value, len(y) == 2


# -- handlers ---------------------------------------------------------------------------------

def _h_full_date(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    day = int(m.group("day"))
    mon_s = _g(m, "mon")
    month = lex.months.get(mon_s.lower()) if mon_s and not mon_s.isdigit() else int(mon_s or 0)
    if not month or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    year, two_digit = _year(m)
    wd_s = _g(m, "wd")
    wd = lex.weekdays.get(wd_s.lower()) if wd_s else None
    if year is None:
        return _cand(m, "date-day-month", "partial", 0.9, month=month, day=day, weekday=wd,
                     borrow=_borrow_year(text, m.end(), lex))
    return _cand(m, "date-full", "abs", 0.95, year=year, month=month, day=day, two_digit=two_digit)


def _h_numeric_date(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    day, month = int(m.group("day")), int(m.group("mon"))
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    year, two_digit = _year(m)
    return _cand(m, "date-numeric", "abs", 0.9, year=year, month=month, day=day, two_digit=two_digit)


def _h_iso_date(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    y, mo, d = int(m.group("year")), int(m.group("mon")), int(m.group("day"))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return _cand(m, "date-iso", "abs", 0.95, year=y, month=mo, day=d)


def _h_us_date(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    month = lex.months.get(m.group("mon").lower())
    day = int(m.group("day"))
    if not month or not 1 <= day <= 31:
        return None
    year, _ = _year(m)
    wd_s = _g(m, "wd")
    wd = lex.weekdays.get(wd_s.lower()) if wd_s else None
    if year is None:
        return _cand(m, "date-month-day", "partial", 0.9, month=month, day=day, weekday=wd, borrow=None)
    return _cand(m, "date-full", "abs", 0.95, year=year, month=month, day=day)


# keyed by the month names, not the language: a lexicon from other LAGEBILD_LEXICON_DIRS may add some
@lru_cache(maxsize=8)
def _month_alt(months: tuple[str, ...]) -> str:
    return alternation(list(months))


@lru_cache(maxsize=8)
def _borrow_pattern(months: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        rf"{S0}(?:/|-|–|bis|und|oder|auf|zum|to|and|through){S0}(?:(?:zum|den|dem|the){S})?"
        rf"(?:(?P<day>\d{{1,2}})\.?{S0})?(?P<mon>{_month_alt(months)}){E}(?:{S0}(?:,{S0})?(?P<year>\d{{4}}))?",
        re.IGNORECASE)


def _borrow_year(text: str, pos: int, lex: TimeLexicon) -> tuple[int | None, int | None]:
    """For "3. bis 5. März 2014" / "Mai/Juni 1940": the month and year stated just after ``pos``."""
    pat = _borrow_pattern(tuple(lex.months))
    m = pat.match(text, pos, min(len(text), pos + 40))
    if not m:
        return None, None
    month = lex.months.get(m.group("mon").lower())
    return month, int(m.group("year")) if m.group("year") else None


def _h_range_start(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    """The first day of a range: "vom 3. bis 5. März 2014" → 3 March 2014."""
    month, year = _borrow_year(text, m.end(), lex)
    if not month:
        return None
    day = int(m.group("day"))
    if not 1 <= day <= 31:
        return None
    if year is not None:
        return _cand(m, "date-range-start", "abs", 0.85, year=year, month=month, day=day)
    return _cand(m, "date-range-start", "partial", 0.8, month=month, day=day, weekday=None, borrow=(None, None))


def _h_month(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    month = lex.months.get(m.group("mon").lower())
    if not month:
        return None
    mod = lex.part_modifiers.get(_norm(_g(m, "part"))) if _g(m, "part") else None
    year, _ = _year(m)
    if year is not None:
        return _cand(m, "month-year", "abs", 0.95, year=year, month=month, mod=mod)
    yrel = _g(m, "yrel")
    borrow = _borrow_year(text, m.end(), lex)
    coordinated = re.search(rf"(?:{_month_alt(tuple(lex.months))})\s+(?:und|oder|bis|and|or|to)\s+$",
                            text[max(0, m.start() - 25):m.start()], re.IGNORECASE)
    if not (yrel or _g(m, "part") or _g(m, "prep") or borrow[0] or coordinated):
        return None  # a bare "August", "Mai" is more often a name
    if text[m.end():m.end() + 1] == "-":
        return None
    offset = None
    if yrel:
        kind = lex.modifiers.get(yrel.lower())
        offset = {"this": 0, "next": 1, "last": -1}.get(kind or "", 0)
    return _cand(m, "month", "partial", 0.85, month=month, day=None, weekday=None, mod=mod,
                 year_offset=offset, borrow=_borrow_year(text, m.end(), lex))


_FIGURE_BEFORE = re.compile(
    r"(?<![\w])(?:etwa|rund|ca\.|circa|mehr\s+als|über|fast|knapp|insgesamt|weitere[n]?|nur|zu|mindestens|"
    r"die|der|den|dem|des|mit|für|diese[n]?|alle[n]?|gut|je|pro|und|oder|bis\s+zu|some|about|around|over|"
    r"nearly|almost|the|with|of|and)\s*$", re.IGNORECASE)
_UNIT_AFTER = re.compile(r"[ \t\u00a0]+(?:km|m|kg|t|mm|cm|Mio\.?|Mrd\.?|Millionen|Milliarden|Prozent|"
                         r"Euro|Dollar|Meter|Kilometer|Tonnen|Mann)(?![\w])")


_WORD_AFTER = re.compile(r"[ \t\u00a0]+([\w.]+)")
_PREV_WORD = re.compile(r"(?:^|[\n*•.:;!?])\s*$|(\w+)\s*$")


def _figure_follows(text: str, pos: int, lex: TimeLexicon, value: int = 0, before: str = "") -> bool:
    """A counted noun follows the number ("5000 Drohnen", "1000 drones"): then it is a figure.
    A capitalised follower after a year-like number ("1917 Meutereien", "seit 1917 Kriegsschauplatz")
    still reads as a year unless the number is round or a quantity word precedes it."""
    if _UNIT_AFTER.match(text, pos):
        return True
    m = _WORD_AFTER.match(text, pos, pos + 40)
    if not m:
        return False
    word = m.group(1)
    low = word.lower().rstrip(".")
    if low in lex.year_followers or word.lower() in lex.year_followers:
        return False
    if low in lex.months or low + "." in lex.months or low in lex.seasons:
        return False
    if lex.language == "de":
        if not word[:1].isupper():
            return False
        if value % 100 == 0 or _FIGURE_BEFORE.search(before) or not 1700 <= value <= 2100:
            return True
        # "bereits 1917 Meutereien", "seit 1917 Kriegsschauplatz", a list item "* 1920 Chili-Krieg" are years;
        # "wo er 2024 Verletzte besuchte" is a figure (on WikiWarsDE this keeps 9 of the 10 years a plain
        # "capitalised word follows → figure" rule loses)
        prev = _PREV_WORD.search(before)
        if prev is None:
            return True
        return bool(prev.group(1)) and prev.group(1).lower() not in lex.year_cues
    return bool(re.fullmatch(r"[a-z]+s", word)) and low not in grammar_words("not_plurals")


_STRONG_YEAR_CUES = re.compile(r"(?<![\w])(?:jahr|jahre|jahres|jahrs|year|anno|frühjahr|sommer|herbst|winter|"
                               r"anfang|mitte|ende|beginn|early|late|mid)\s*$", re.IGNORECASE)


# the tests of ``_h_year``, compiled once: it runs on every number of every text
_BC_RANGE_AFTER = re.compile(r"[/–-]\d{1,4}\s*(?:v\.\s?Chr|vor\s+Christus)")
_DIGIT_BEFORE = re.compile(r"[\d][.,]?\s*$")
_DASH_BEFORE = re.compile(r"[–-]\s*$")
_NOT_A_YEAR_AFTER = re.compile(r"[.,]\d|\s*%|\s*(?:€|\$)|-(?:\w)")
_HEAD_BEFORE = re.compile(r"([\w-]+)[ \t\u00a0]$")
_NUMBER_LABEL_BEFORE = re.compile(r"(?:Nr\.|Nummer|Artikel|Art\.|§|Resolution|Paragraf|Paragraph|Platz|Seite|Tel\.|"
                                  r"No\.|number)\s*$", re.IGNORECASE)
_APPROX_PRE = re.compile(r"(?:um|gegen|etwa|rund|circa|ca\.|around|about)")


def _h_year(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    ystr = m.group("year")
    bc = _norm(_g(m, "bc"))
    value = int(ystr)
    pre = _norm(_g(m, "pre"))
    before = text[max(0, m.start("year") - 25):m.start("year")]
    if not bc and _BC_RANGE_AFTER.match(text[m.end():m.end() + 16]):
        bc = "v. chr."  # "264–260 v. Chr.", "449/448 v. Chr."
    strong = bool(_STRONG_YEAR_CUES.search(before)) or bool(bc)
    if not bc:
        if not 1000 <= value <= 2100 and not (strong and 1 <= value <= 2100):
            return None
        if _DIGIT_BEFORE.search(before) and not _DASH_BEFORE.search(before):
            return None
        if _NOT_A_YEAR_AFTER.match(text[m.end():m.end() + 3]):
            return None
        if not strong and _figure_follows(text, m.end(), lex, value, before):
            return None
        head = _HEAD_BEFORE.search(before)
        if not strong and not pre and head and head.group(1)[:1].isupper() \
                and head.group(1).lower().endswith(lex.product_heads):
            return None  # "Panzerhaubitzen 2000", "Typhoon 2020": a designation, not a year
        # tried: article + number + lowercase word → figure ("die 1400 hessischen Truppen"); it also took
        # "die 1967 ihren Höhepunkt", "der 1958 erschienene Essay" (WikiWarsDE: -1 false, +6 missed years)
        if _NUMBER_LABEL_BEFORE.search(before):
            return None
    year = -value if bc.startswith("v") or bc.startswith("bc") else value
    mod = None
    if pre and _APPROX_PRE.match(pre):
        mod = "APPROX"
    conf = 0.9 if (strong or pre) else 0.75
    return _cand(m, "year", "abs", conf, year=year, mod=mod)


def _h_year_end(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    """The short end of a year range: "1870/71", "1926–28" → 1871, 1928."""
    prev = text[m.start() - 5:m.start() - 1]
    if not prev.isdigit():
        return None
    ystr = m.group("year")
    value = int(prev[:4 - len(ystr)] + ystr)
    if value <= int(prev):
        return None
    return _cand(m, "year-range-end", "abs", 0.8, year=value, mod=None)


def _h_century(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    n = int(m.group("n"))
    if not 1 <= n <= 21:
        return None
    bc = _norm(_g(m, "bc"))
    mod = lex.part_modifiers.get(_norm(_g(m, "part"))) if _g(m, "part") else None
    return _cand(m, "century", "century", 0.9, n=n, bc=bool(bc.startswith("v") or bc.startswith("bc")), mod=mod)


def _h_decade(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    digits = m.group("dec")
    mod = lex.part_modifiers.get(_norm(_g(m, "part"))) if _g(m, "part") else None
    if len(digits) == 4 and not digits.endswith("0"):
        return None
    if len(digits) == 2 and not digits.endswith("0"):
        return None
    bc = _norm(_g(m, "bc"))
    return _cand(m, "decade", "decade", 0.85, digits=digits, mod=mod,
                 bc=bool(bc.startswith("v") or bc.startswith("bc")))


def _h_decade_word(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    n = lex.decade_words.get(m.group("dw").lower())
    if n is None:
        return None
    return _cand(m, "decade", "decade", 0.8, digits=f"{n}0", mod=None, bc=False)


def _h_day_only(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    day = int(m.group("day"))
    if not 1 <= day <= 31:
        return None
    return _cand(m, "day-of-anchor-month", "dayonly", 0.7, day=day)


def _h_season(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    season = lex.seasons.get(m.group("season").lower())
    if not season:
        return None
    year, _ = _year(m)
    prep = _norm(_g(m, "prep"))
    if year is None and not (prep or _g(m, "rel") or _g(m, "part")):
        return None
    if prep in ("und", "oder"):
        before = text[max(0, m.start() - 20):m.start()].lower().split()
        if not before or before[-1].rstrip(",") not in lex.seasons:
            return None
    mod = lex.part_modifiers.get(_norm(_g(m, "part"))) if _g(m, "part") else None
    rel = lex.modifiers.get(_norm(_g(m, "rel"))) if _g(m, "rel") else None
    return _cand(m, "season", "season", 0.85, season=season, year=year, mod=mod, rel=rel)


def _h_year_part(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    year, _ = _year(m)
    mod = lex.part_modifiers.get(_norm(_g(m, "part")), None)
    if year is None:
        return None
    return _cand(m, "year-part", "abs", 0.9, year=year, mod=mod)


def _h_part_compound(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    unit, mod = lex.part_compounds[m.group("pc").lower()]
    year, _ = _year(m)
    if year is not None and unit == "Y":
        return _cand(m, "year-part", "abs", 0.9, year=year, mod=mod)
    if unit == "W":
        rel = lex.modifiers.get(_norm(_g(m, "rel"))) if _g(m, "rel") else None
        if not (rel or _g(m, "prep")):
            return None
        offset = {"this": 0, "next": 1, "last": -1}.get(rel) if rel else None
        return _cand(m, "weekend", "rel", 0.8, unit="W", offset=offset, mod="WE", anaphoric=False)
    return _cand(m, "unit-part", "rel", 0.8, unit=unit, offset=0, mod=mod, anaphoric=True)


def _h_unit_part(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    """"Ende der Woche", "Mitte des Jahres", "Anfang nächsten Monats"."""
    unit = lex.unit(m.group("unit"))
    if unit not in ("W", "M", "Y"):
        return None
    mod = lex.part_modifiers.get(_norm(m.group("part")))
    det = _norm(_g(m, "det"))
    kind = lex.modifiers.get(det.split()[-1]) if det else None
    offset = {"this": 0, "next": 1, "last": -1}.get(kind or "", 0)
    anaphoric = kind is None
    return _cand(m, "unit-part", "rel", 0.85, unit=unit, offset=offset, mod=mod, anaphoric=anaphoric)


def _h_weekday(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    wd = lex.weekdays.get(m.group("wd").lower())
    if wd is None:
        return None
    before = text[max(0, m.start() - 12):m.start()]
    prep = _norm(_g(m, "prep"))
    if prep in ("am", "on") and re.search(r"(?:Welt|Bild|Tagesspiegel|Observer|Times)\s+$", before):
        return None  # "Welt am Sonntag" is a newspaper
    if prep in ("jeden", "every"):
        return _cand(m, "weekday-set", "set", 0.85, value="P1W")
    wrel = lex.modifiers.get(_norm(_g(m, "wrel"))) if _g(m, "wrel") else None
    if wrel is not None:
        # "am Mittwoch vergangener Woche", "Monday next week": that weekday of the named calendar week
        return _cand(m, "weekday-of-week", "weekday", 0.85, weekday=wd, direction=None,
                     week_offset={"last": -1, "next": 1, "this": 0}.get(wrel, 0))
    rel = lex.modifiers.get(_norm(_g(m, "rel"))) if _g(m, "rel") else None
    direction = {"last": -1, "next": 1, "this": 2}.get(rel or "")
    if direction is None and prep in grammar_words("deadline_prepositions"):
        direction = 3  # a deadline or start: on or after, unless the sentence is in the past
    if direction is None and (prep in grammar_words("since_prepositions") or re.search(r"(?:^|\W)vom\s+$", before, re.IGNORECASE)):
        # "seit Montag", "die Beschlüsse vom Montag" look back whatever the tense ("erhält seit Montag keine Daten")
        direction = 0
    return _cand(m, "weekday", "weekday", 0.85, weekday=wd, direction=direction)


def _h_deictic(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    word = _norm(m.group("w"))
    offset = lex.deictic_days.get(word)
    if offset is None:
        return None
    raw = m.group("w")
    if word == "morgen" and lex.language == "de":
        before = text[max(0, m.start("w") - 12):m.start("w")]
        if re.search(r"(?:am|jeden|des|den|dem|guten|zum|vom|heute|gestern|frühen|nächsten)\s+$", before,
                     re.IGNORECASE):
            return None
        # capitalised "Morgen" inside a sentence is the noun (the morning)
        if raw[0].isupper() and not re.search(r"(?:^|[.!?:\"„“]\s*)$", before):
            return None
    present_ref = False
    if offset == 0 and m.end("w") == m.end("t"):  # bare "heute"/"today", no "Abend" after it
        before = text[max(0, m.start("w") - 14):m.start("w")].lower()
        after = text[m.end("w"):m.end("w") + 12].lower()
        # "bis heute" / "until today" = to date, "die Welt von heute": PRESENT_REF, not annotated (FORMAT.md)
        if re.search(r"(?:^|\W)(?:bis|von|until|of)\s+$", before) and not re.match(r"\s+(?:um|bis|mitternacht|\d)", after):
            return None
        # "noch heute", "heute noch": present reference unless the clause plans something ("will noch heute
        # reisen"); decided in the resolver, which knows the tense
        present_ref = bool(re.search(r"(?:^|\W)(?:noch|auch|still)\s+$", before) or re.match(r"\s+(?:noch|still)\b", after))
    return _cand(m, "deictic-day", "deictic", 0.9, offset=offset, present_ref=present_ref)


def _h_anaphoric_day(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    offset = lex.anaphoric_days.get(_norm(m.group("w")))
    if offset is None:
        return None
    if re.match(r"[ \t\u00a0]+(?:des|dem|vom|zum)[ \t\u00a0]", text[m.end():m.end() + 6]):
        return None  # "am Morgen des 30. Juli": the date that follows says which day
    return _cand(m, "anaphoric-day", "ana", 0.85, amount=abs(offset), unit="D", sign=1 if offset >= 0 else -1)


def _amount(m: re.Match[str], lex: TimeLexicon) -> float | None:
    return lex.number(m.group("num"))


def _is_article_one(m: re.Match[str]) -> bool:
    return _norm(m.group("num")) in grammar_words("article_one")


def _h_offset(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    """"vor drei Jahren", "drei Jahre später", "in zwei Wochen", "three years ago"."""
    amount, unit = _amount(m, lex), lex.unit(m.group("unit"))
    if amount is None or unit is None or unit in ("MIN", "S"):
        return None
    direction = _norm(_g(m, "dir"))
    sign = 1 if direction in grammar_words("offset_forward") else -1
    anaphoric = direction in grammar_words("offset_anaphoric")
    if unit == "H":
        return None
    return _cand(m, "offset-ana" if anaphoric else "offset", "ana" if anaphoric else "offset", 0.85,
                 amount=amount, unit=unit, sign=sign)


_ORDINALS = {"ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4, "first": 1, "second": 2, "third": 3,
             "fourth": 4}


def _h_year_sub(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    """"im ersten Halbjahr 2025" → 2025-H1, "im dritten Quartal" → <year>-Q3, "the first half of 2025"."""
    n = _ORDINALS.get(_norm(m.group("ord")))
    part = _norm(m.group("part"))
    if n is None:
        return None
    letter = "Q" if part.startswith(("quartal", "quarter")) else "H"
    if letter == "H" and n > 2:
        return None
    year, _ = _year(m)
    if year is None and part in ("hälfte", "half"):
        return None  # "die erste Hälfte" of anything; only with a year is it a half-year
    return _cand(m, "year-sub", "yearsub", 0.85, sub=f"{letter}{n}", year=year)


def _h_duration(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    amount, unit = _amount(m, lex), lex.unit(m.group("unit"))
    if amount is None or unit is None or amount <= 0:
        return None
    pre = _norm(_g(m, "pre"))
    win = _norm(_g(m, "win"))
    if _is_article_one(m) and not (pre or win or _g(m, "post") or _g(m, "approx")) \
            and not _LENGTH_BEFORE.search(text, max(0, m.start() - 25), m.start()) \
            and not _LENGTH_AFTER.match(text, m.end()):
        return None  # "eine Woche, in der ..." names a week, not a length
    if m.group("num").isdigit() and unit in ("Y",) and 1000 <= amount and not pre:
        return None
    window = None
    if win:
        kind = lex.modifiers.get(win.split()[-1])
        if kind == "next" or win.startswith(("innerhalb", "binnen", "within")):
            window = "future"
        elif kind == "last":
            window = "past"
    if window is None and pre.startswith(("innerhalb", "binnen", "within")):
        window = "future"
    mod = None
    approx = _norm(_g(m, "approx"))
    if not approx:  # "seit mehr als drei Jahren": the qualifier sits right before the number
        found = _APPROX_IN.search(text, max(m.start(), m.start("num") - 12), m.start("num"))
        approx = _norm(found.group(0)) if found else ""
    if approx:
        mod = {"knapp": "LESS_THAN", "fast": "LESS_THAN", "nearly": "LESS_THAN", "almost": "LESS_THAN",
               "weniger als": "LESS_THAN", "less than": "LESS_THAN",
               "mehr als": "MORE_THAN", "über": "MORE_THAN", "more than": "MORE_THAN", "over": "MORE_THAN",
               "mindestens": "EQUAL_OR_MORE", "at least": "EQUAL_OR_MORE"}.get(approx, "APPROX")
    return _cand(m, "duration-window" if window else "duration", "duration", 0.85,
                 amount=amount, unit=unit, window=window, mod=mod, after=pre == "nach")


# "a"/"ein" + unit is a length only with a verb of lasting or passing: "could take a decade",
# "Ein Monat ist vergangen", "a year has passed"; elsewhere "eine Woche, in der ..." names a period
_LENGTH_BEFORE = re.compile(r"(?<!\w)(?:take|takes|took|taken|taking|last|lasts|lasted|spend|spends|spent|"
                            r"dauert|dauerte|dauern|dauerten|braucht|brauchte|brauchen)\s+$", re.IGNORECASE)
_LENGTH_AFTER = re.compile(r"\s+(?:ist|war|sind|waren|has|have|had)\s+(?:schon\s+|bereits\s+|now\s+)?"
                           r"(?:vergangen|verstrichen|vorbei|vorüber|passed|gone\s+by|elapsed)(?!\w)", re.IGNORECASE)
_COMPOUND_PART = re.compile(r"(?P<num>[\w,]+)\s+(?P<unit>[\w]+)")
_UNIT_ORDER = ("DEC", "Y", "M", "W", "D", "H", "MIN", "S")


def _h_duration_compound(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    """"ein Jahr, sechs Monate und neun Tage", "one year, six months and nine days": one duration of
    parts in falling unit order (P1Y6M9D); the article "ein"/"a" counts one here."""
    parts: list[tuple[float, str]] = []
    body = re.sub(r"(?i)(?:,\s*(?:und|and)\s+|\s+(?:und|and)\s+|,\s*)", " | ", m.group("t"))
    for chunk in body.split(" | "):
        found = _COMPOUND_PART.search(chunk.strip())
        if found is None:
            return None
        amount = 1.0 if _norm(found.group("num")) in grammar_words("compound_article_one") else \
            lex.number(found.group("num"))
        unit = lex.unit(found.group("unit"))
        if amount is None or unit is None or unit not in _UNIT_ORDER:
            return None
        parts.append((amount, unit))
    order = [_UNIT_ORDER.index(u) for _, u in parts]
    if len(parts) < 2 or any(b <= a for a, b in zip(order, order[1:], strict=False)):
        return None
    return _cand(m, "duration-compound", "duration", 0.85, amount=parts[0][0], unit=parts[0][1], parts=parts)


_APPROX_IN = re.compile(r"(?<!\w)(?:knapp|fast|rund|etwa|mehr\s+als|weniger\s+als|über|mindestens|nearly|almost|"
                        r"about|around|more\s+than|less\s+than|over|at\s+least)(?!\w)", re.IGNORECASE)


def _h_adj_duration(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    num = m.group("num").rstrip("-")
    amount = 0.5 if num.lower() == "halb" else lex.number(num)
    unit = lex.adjective_units.get(m.group("adj").lower())
    if amount is None or unit is None:
        return None
    mod = "LESS_THAN" if _norm(_g(m, "approx")) in ("knapp", "fast") else ("APPROX" if _g(m, "approx") else None)
    return _cand(m, "duration-adjective", "duration", 0.85, amount=amount, unit=unit, window=None, mod=mod)


def _h_rel_unit(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    unit = lex.unit(m.group("unit"))
    kind = lex.modifiers.get(_norm(m.group("rel")).split()[-1])
    if unit not in ("W", "M", "Y") or kind is None:
        return None
    offset = {"this": 0, "next": 1, "last": -1}[kind]
    return _cand(m, "relative-unit", "rel", 0.9, unit=unit, offset=offset, mod=None, anaphoric=False)


def _h_ana_unit(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    unit, offset = lex.anaphoric_units[m.group("w").lower()]
    return _cand(m, "anaphoric-unit", "rel", 0.85, unit=unit, offset=offset, mod=None, anaphoric=True)


def _h_same_unit(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    unit = lex.unit(m.group("unit"))
    if unit not in ("W", "M", "Y"):
        return None
    return _cand(m, "same-unit", "rel", 0.8, unit=unit, offset=0, mod=None, anaphoric=True)


def _h_set(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    value = lex.sets.get(_norm(m.group("w")))
    if value is None:
        return None
    return _cand(m, "set", "set", 0.9, value=value)


def _h_named(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    value = lex.named_dates.get(_norm(m.group("w")))
    if value is None:
        return None
    return _cand(m, "named-date", "named", 0.9, value=value)


def _h_holiday(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    md = lex.holidays.get(_norm(m.group("w")))
    if md is None:
        return None
    year, _ = _year(m)
    if year is not None:
        return _cand(m, "holiday", "abs", 0.85, year=year, month=md[0], day=md[1])
    if not _g(m, "prep"):
        return None
    return _cand(m, "holiday", "partial", 0.8, month=md[0], day=md[1], weekday=None, borrow=(None, None))


def _h_time(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    hour = int(m.group("h"))
    minute = int(_g(m, "m") or _g(m, "m2") or 0)
    ampm = _norm(_g(m, "ampm"))
    if ampm.startswith("p") and hour < 12:
        hour += 12
    if ampm.startswith("a") and hour == 12:
        hour = 0
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    return _cand(m, "clock-time", "time", 0.9, hour=hour, minute=minute)


def _h_midnight(m: re.Match[str], text: str, lex: TimeLexicon) -> Cand | None:
    # TIMEX convention (WikiWarsDE too): midnight ending a day is T24:00 of that day
    return _cand(m, "midnight", "time", 0.8, hour=24, minute=0)

