"""Surface patterns for time expressions, built from a TimeLexicon.

Each rule is a compiled regex plus a handler that turns a match into a ``Cand`` (a candidate with
an unresolved meaning) or rejects it. ``find_candidates`` runs every rule over the text and keeps
the longest non-overlapping matches. Resolution against anchors lives in ``anchor.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick

from lagebild.lexicon import is_word_char, lexicon_dirs
from lagebild.time.handlers import (
    BC,
    BCX,
    S0,
    B,
    Cand,
    E,
    S,
    _h_adj_duration,
    _h_ana_unit,
    _h_anaphoric_day,
    _h_century,
    _h_day_only,
    _h_decade,
    _h_decade_word,
    _h_deictic,
    _h_duration,
    _h_duration_compound,
    _h_full_date,
    _h_holiday,
    _h_iso_date,
    _h_midnight,
    _h_month,
    _h_named,
    _h_numeric_date,
    _h_offset,
    _h_part_compound,
    _h_range_start,
    _h_rel_unit,
    _h_same_unit,
    _h_season,
    _h_set,
    _h_time,
    _h_unit_part,
    _h_us_date,
    _h_weekday,
    _h_year,
    _h_year_end,
    _h_year_part,
    _h_year_sub,
)
from lagebild.time.lexicon import TimeLexicon, factored_alternation, grammar_words, load_lexicon

__all__ = ["Cand", "Rule", "find_candidates", "rules_for"]

Handler = Callable[[re.Match[str], str, TimeLexicon], Cand | None]


@dataclass
class Rule:
    """One named pattern and its handler. The pattern is compiled on first use: a document triggers
    only some of the rules, and compiling all of them was a tenth of ``lagebild analyze one.txt``."""

    name: str
    pattern: str
    handler: Handler
    triggers: tuple[str, ...] = ()  # word categories one of which every match contains (see _trigger_words)
    flags: int = re.IGNORECASE
    # a plain pattern that part of every match matches (r"\d\.\d" for "12.03.2008"), or None: a window
    # without it is skipped. Most gates begin with a digit or a space, which the regex engine finds by a
    # fast scan, while the rule tries its alternations at every word; most digit windows hold no match of
    # most rules, and scanning them was half the time of the search
    gate: str | None = None
    _compiled: re.Pattern[str] | None = field(default=None, repr=False, compare=False)
    _gate: re.Pattern[str] | None = field(default=None, repr=False, compare=False)

    @property
    def regex(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    @property
    def gate_regex(self) -> re.Pattern[str] | None:
        """The gate, compiled with the rule's flags (so it matches wherever the rule's own words do)."""
        if self._gate is None and self.gate is not None:
            self._gate = re.compile(self.gate, self.flags)
        return self._gate



# -- rule construction --------------------------------------------------------------------------

def _words(words: list[str] | set[str] | dict[str, Any]) -> str:
    return factored_alternation(words)


def rules_for(language: str) -> tuple[Rule, ...]:
    """The compiled rules for ``language``, in priority order (earlier wins among equal-length matches),
    built once per setting of ``LAGEBILD_LEXICON_DIRS``."""
    return _rules_for(language, lexicon_dirs())


@lru_cache(maxsize=8)
def _rules_for(language: str, dirs: tuple[Path, ...]) -> tuple[Rule, ...]:
    lex = load_lexicon(language)
    mon = _words(lex.months)
    if language == "en":  # "may", "march" are words: English month names only when capitalised
        mon = "(?-i:" + "|".join(sorted({re.escape(k[:1].upper() + k[1:]) for k in lex.months},
                                        key=len, reverse=True)) + ")"
    wd = _words(lex.weekdays)
    parts = _words(lex.day_parts)
    num = r"\d+(?:,\d+)?|" + _words(lex.numbers)
    unit = _words(lex.units)
    mods = lex.modifiers
    this_next_last = _words(mods)
    next_last = _words({w for w, k in mods.items() if k in ("next", "last")})
    partmod = _words(lex.part_modifiers)
    seasons = _words(lex.seasons)
    year4 = r"(?P<year>\d{4})"
    approx = r"(?P<approx>knapp|fast|rund|etwa|ca\.|circa|gut|mehr\s+als|weniger\s+als|über|mindestens|beinahe|" \
             r"nahezu|nearly|almost|about|around|roughly|more\s+than|less\s+than|over|at\s+least|some)"
    R: list[Rule] = []

    def add(name: str, pattern: str, handler: Handler, flags: int = re.IGNORECASE, gate: str | None = None) -> None:
        R.append(Rule(name, pattern, handler, _TRIGGERS[name], flags, gate))

    add("named", rf"(?<![\w/])(?P<w>{_words(lex.named_dates)})(?![\w/])", _h_named)
    if language == "de":
        add("date-full",
            rf"{B}(?P<t>(?:(?P<wd>{wd}){S0},?{S0}(?:(?:den|dem){S})?)?(?P<day>\d{{1,2}})\.{S0}(?P<mon>{mon})"
            rf"(?:{S0},?{S0}(?P<year>\d{{4}}|\d{{1,3}}(?={S}{BCX}))(?:{S}{BC})?)?){E}?", _h_full_date,
            gate=rf"\d\.{S0}(?:{mon})")
        add("date-numeric",
            rf"(?<![\d.])(?P<t>(?:(?P<wd>{wd}),?{S})?(?P<day>\d{{1,2}})\.(?P<mon>\d{{1,2}})\."
            rf"(?P<year>\d{{4}}|\d{{2}}))(?![\d])", _h_numeric_date, gate=r"\d\.\d")
        range_link = r"(?:bis|und|–|-|/|auf|zum)"
        add("date-range-start",
            rf"(?<![\d.])(?P<t>(?P<day>\d{{1,2}})\.)(?={S0}{range_link}{S0}(?:(?:zum|den|dem){S})?"
            rf"\d{{1,2}}\.)",
            _h_range_start, gate=rf"\d\.{S0}{range_link}")
        add("month",
            rf"{B}(?P<t>(?:(?P<part>{partmod}){S}(?:des{S})?|(?P<prep>im|in|seit|bis|ab|vom|von|zum|für|Monat|"
            rf"bis\s+zum|bis\s+in\s+den|im\s+Laufe\s+des|Ende\s+des|im\s+Monat){S})?(?P<mon>{mon})"
            rf"(?:{S0},?{S0}(?:des\s+Jahres{S})?(?P<year>\d{{4}}|\d{{1,3}}(?={S}{BCX}))(?:{S}{BC})?|"
            rf"{S}(?P<yrel>{this_next_last}){S}Jahres)?){E}", _h_month)
        add("century",
            rf"{B}(?P<t>(?:(?P<part>{partmod}){S}(?:des|dem){S})?(?:(?:im|des|dem|das|ins){S})?(?P<n>\d{{1,2}})\."
            rf"{S0}(?:Jahrhunderts?|Jahrhunderten|Jh\.)(?:{S}{BC})?)", _h_century,
            gate=rf"\d\.{S0}(?:Jahrhundert|Jh\.)")
        add("decade",
            rf"{B}(?P<t>(?:(?P<part>{partmod}){S}der{S})?(?:(?:die|den|der|in\s+den){S})?(?P<dec>\d{{2,4}})er"
            rf"(?:-?\s?Jahren?|-Jahre[n]?)?(?:{S}{BC})?){E}", _h_decade, gate=r"\der")
        add("decade-word",
            rf"{B}(?P<t>(?:(?:die|den|der|in\s+den){S})?(?P<dw>{_words(lex.decade_words)})(?:{S}|-)?Jahren?){E}",
            _h_decade_word)
        add("day-only", rf"{B}(?P<t>am{S}(?P<day>\d{{1,2}})\.)(?={S}(?:[a-zäöü]|des{S}Monats)|{S0}[,;)])",
            _h_day_only, 0, gate=rf"am{S}\d")
        add("season",
            rf"{B}(?P<t>(?:(?P<part>{partmod}){S}(?:des{S})?)?(?:(?P<prep>im|in\s+diesem|des|den|diesen|"
            rf"dieses|im\s+Laufe\s+des|seit\s+dem|bis\s+zum|vom|vor\s+dem|nach\s+dem|während\s+des|"
            rf"und|oder){S})?(?:(?P<rel>{this_next_last}){S})?"
            rf"(?P<season>{seasons})(?:{S}(?:des\s+Jahres{S})?(?P<year>\d{{4}}|\d{{1,3}}(?={S}{BCX}))"
            rf"(?:{S}{BC})?)?){E}", _h_season)
        add("year-part",
            rf"{B}(?P<t>(?P<part>{partmod}){S}(?:(?:des|dieses){S}Jahres{S})?(?P<year>\d{{4}}|\d{{1,3}}(?={S}{BCX}))"
            rf"(?:{S}{BC})?){E}", _h_year_part)
        add("part-compound",
            rf"{B}(?P<t>(?:(?P<prep>am|zum|zu|übers|über\s+das|das|dieses|zum|bis\s+zum){S})?(?:(?P<rel>{this_next_last})"
            rf"{S})?(?P<pc>{_words(lex.part_compounds)})(?:{S}{year4})?){E}", _h_part_compound)
        add("year-sub",
            rf"{B}(?P<t>(?:(?:im|in\s+der|seit\s+dem|bis\s+zum|für\s+das|das|die|der){S})?(?P<ord>ersten|zweiten|dritten|"
            rf"vierten){S}(?P<part>Halbjahr(?:es|s)?|Jahreshälfte|Hälfte|Quartal(?:s)?)(?:{S}(?:des{S}Jahres{S}|"
            rf"(?:des|dieses){S}Jahres)?(?P<year>\d{{4}}))?){E}", _h_year_sub)
        add("unit-part",
            rf"{B}(?P<t>(?P<part>{partmod}){S}(?P<det>(?:des|der|dieses|dieser|diesen|des\s+laufenden|"
            rf"der\s+laufenden|des\s+kommenden|der\s+kommenden|des\s+nächsten|der\s+nächsten|des\s+vergangenen|"
            rf"der\s+vergangenen|{next_last})){S}(?P<unit>Woche|Monats|Jahres)){E}", _h_unit_part,
            gate=r"[ \t\u00a0](?:Woche|Monats|Jahres)")
        add("weekday",
            rf"{B}(?P<t>(?:(?P<prep>am|an\s+diesem|an\s+dem|diesen|jeden|bis|ab|seit){S})?(?:(?P<rel>{this_next_last}){S})?"
            rf"(?P<wd>{wd})(?:(?:{parts})|{S}(?:früh|morgen|abend|nachmittag|vormittag)(?!\w))?"
            rf"(?:{S}(?:der{S})?(?P<wrel>{this_next_last}){S}Woche)?){E}", _h_weekday)
        deictic_parts = r"(?:abend|morgen|früh|nachmittag|vormittag|mittag|nacht)"
        add("deictic",
            rf"{B}(?P<t>(?P<w>{_words(lex.deictic_days)})(?:{S}{deictic_parts})?){E}", _h_deictic)
        add("anaphoric-day", rf"{B}(?P<t>(?:noch{S})?(?P<w>{_words(lex.anaphoric_days)})){E}", _h_anaphoric_day)
        add("offset-ago",
            rf"{B}(?P<t>(?P<dir>vor){S}(?:(?:rund|etwa|knapp|fast|gut|genau|exakt|nunmehr|mehr\s+als|über|"
            rf"ziemlich\s+genau|fast\s+genau){S})?(?P<num>{num}){S}(?P<unit>{unit})){E}", _h_offset,
            gate=rf"vor{S}")
        add("offset-in",
            rf"{B}(?P<t>(?P<dir>in){S}(?:(?:rund|etwa|knapp|gut|genau){S})?(?P<num>{num}){S}(?P<unit>{unit})){E}"
            rf"(?!{S}(?:Haft|Gefangenschaft|Folge|Amt))", _h_offset, gate=rf"in{S}")
        ana_dir = r"später|danach|darauf|zuvor|vorher|davor|früher"
        add("offset-ana",
            rf"{B}(?P<t>(?P<num>{num}){S}(?P<unit>{unit}){S}(?P<dir>{ana_dir}))"
            rf"{E}", _h_offset, gate=rf"[ \t\u00a0](?:{ana_dir})")
        dur_pre = (r"(?P<pre>seit|für|nach|über|während|innerhalb\s+von|innerhalb|binnen|in|von|bis\s+zu|"
                   r"insgesamt|ganze|nur|erst|bereits|schon|noch|nunmehr|mittlerweile|inzwischen)")
        add("duration-window",
            rf"{B}(?P<t>(?:(?:in|innerhalb|binnen|während|für|über|im\s+Laufe){S}(?:der|den|des|von){S}|"
            rf"(?:die|der|den|in\s+den|in\s+der){S})(?P<win>{this_next_last}|ersten){S}(?:(?P<approx0>rund|etwa|knapp)"
            rf"{S})?(?P<num>{num}){S}(?P<unit>{unit})){E}", _h_duration)
        add("duration-compound",
            rf"{B}(?P<t>(?P<num>{num}|ein|eine|einen){S}(?P<unit>{unit})(?:(?:,{S}(?:und{S})?|{S}und{S})"
            rf"(?:{num}|ein|eine|einen){S}(?:{unit})){{1,4}}){E}", _h_duration_compound)
        add("duration",
            rf"{B}(?P<t>(?:{dur_pre}{S}(?:(?:nunmehr|mittlerweile|inzwischen|bereits|schon|gut|fast|knapp|rund|"
            rf"etwa|mehr\s+als|über|mindestens){S})*)?(?:{approx}{S})?(?P<num>{num}){S}"
            rf"(?:(?:ganze[n]?|volle[n]?|weitere[n]?|lange[n]?|aufeinanderfolgenden){S})?(?P<unit>{unit})"
            rf"(?:{S}(?P<post>lang|hindurch|andauernden?))?){E}"
            rf"(?!{S}(?:später|danach|darauf|zuvor|vorher|davor|früher)(?!\w))", _h_duration)
        adj_num = r"\d+-|halb|" + _words({w for w in lex.numbers if " " not in w})
        add("duration-adjective",
            rf"{B}(?P<t>(?:{approx}{S})?(?P<num>{adj_num})(?P<adj>{_words(lex.adjective_units)})"
            rf"(?:e|en|er|es|em)?){E}", _h_adj_duration)
        add("relative-unit",
            rf"{B}(?P<t>(?:(?:in|im|an|am){S}(?:der|dem|den){S}|(?:in|im){S})?(?P<rel>{this_next_last}){S}"
            rf"(?P<unit>Woche|Monat|Monats|Jahr|Jahres)){E}", _h_rel_unit)
        add("anaphoric-unit", rf"{B}(?P<t>(?:(?:im|in\s+der|in\s+dem|des){S})?(?P<w>{_words(lex.anaphoric_units)})){E}",
            _h_ana_unit)
        add("same-unit",
            rf"{B}(?P<t>(?:im|in\s+der|in\s+dem|am|an\s+dem)?{S0}(?:selben|gleichen|derselben|desselben|demselben)"
            rf"{S}(?P<unit>Jahr|Jahres|Monat|Monats|Woche)){E}", _h_same_unit, gate="selben|gleichen")
        # "jede Woche des Zögerns kostet": with a genitive the phrase names one period, not a frequency
        add("set", rf"{B}(?P<t>(?P<w>{_words(lex.sets)})){E}(?!{S}(?:des|der|eines|einer){S})", _h_set)
        add("holiday",
            rf"{B}(?P<t>(?:(?P<prep>an|zu|am|bis|vor|nach|seit){S})?(?P<w>{_words(lex.holidays)})"
            rf"(?:{S}{year4})?){E}", _h_holiday)
        add("clock-time",
            rf"{B}(?P<t>(?:(?:um|gegen|ab|bis|vor|nach|kurz\s+vor|kurz\s+nach){S})?(?P<h>\d{{1,2}})(?:[:.](?P<m>\d{{2}}))?"
            rf"{S}Uhr(?:{S}(?P<m2>\d{{1,2}})(?!\d|\.\d))?(?:{S}(?:morgens|abends|früh|nachts|MEZ|MESZ|"
            rf"Ortszeit))?){E}", _h_time, gate=rf"\d{S}Uhr")
        add("midnight", rf"{B}(?P<t>(?:(?:um|gegen|bis|ab|nach|kurz\s+vor|kurz\s+nach){S})?Mitternacht){E}",
            _h_midnight)
        add("year",
            rf"{B}(?P<t>(?:(?P<pre>im\s+Jahre?|das\s+Jahr|Jahr|Jahre|seit|um|gegen|etwa|rund|circa|ca\.){S})?"
            rf"(?P<year>\d{{1,4}})(?:{S}(?P<bc>v\.\s?Chr\.?|n\.\s?Chr\.?|vor\s+Christus))?)(?![\w]|/(?!\d))", _h_year)
        add("year-range-end", r"(?<=\d{4}[/–-])(?P<t>(?P<year>\d{2}))(?![\w/]|\.\d)", _h_year_end,
            gate=r"\d\d(?<=[/–-]\d\d)")  # like the rule's, its lookbehind sees the text before the window
    else:
        add("date-full",
            rf"{B}(?P<t>(?:(?P<wd>{wd}),?{S})?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?{S}(?:of{S})?(?P<mon>{mon})"
            rf"(?:,?{S}(?P<year>\d{{4}}))?){E}", _h_full_date, gate=rf"\d(?:st|nd|rd|th)?{S}(?:of{S})?{mon}")
        add("date-us",
            rf"{B}(?P<t>(?:(?P<wd>{wd}),?{S})?(?P<mon>{mon}){S0}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
            rf"(?:,?{S}(?P<year>\d{{4}}))?){E}", _h_us_date, gate=rf"{mon}{S0}\d")
        add("month",
            rf"{B}(?P<t>(?:(?P<part>{partmod}){S0}(?:of{S})?|(?P<prep>in|since|until|by|from|of|through|for){S})?"
            rf"(?P<mon>{mon})(?:,?{S}(?P<year>\d{{4}}))?){E}", _h_month)
        add("century",
            rf"{B}(?P<t>(?:(?P<part>{partmod}){S0}(?:the{S})?)?(?:the{S})?(?P<n>\d{{1,2}})(?:st|nd|rd|th){S}"
            rf"century(?:{S}{BC})?)", _h_century, gate=rf"\d(?:st|nd|rd|th){S}century")
        add("decade", rf"{B}(?P<t>(?:(?P<part>{partmod}){S0})?(?:the{S})?(?P<dec>\d{{4}}|'\d0)s){E}", _h_decade,
            gate=r"\ds")
        add("season",
            rf"{B}(?P<t>(?:(?P<part>{partmod}){S0})?(?:(?P<prep>in|this|last|next|the|during|since|by){S})?"
            rf"(?:(?P<rel>{this_next_last}){S})?(?P<season>{seasons})(?:{S}(?:of{S})?(?P<year>\d{{4}}))?){E}",
            _h_season)
        add("year-part", rf"{B}(?P<t>(?P<part>{partmod}){S0}(?P<year>\d{{4}})){E}", _h_year_part)
        add("year-sub",
            rf"{B}(?P<t>(?:(?:in|during|since|by){S})?(?:the{S})?(?P<ord>first|second|third|fourth){S}"
            rf"(?P<part>half|quarter)(?:{S}of{S}(?:the{S}year{S})?(?P<year>\d{{4}}))?){E}", _h_year_sub)
        add("unit-part",
            rf"{B}(?P<t>(?P<part>the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)"
            rf"{S}(?P<det>the|this|next|last|the\s+coming){S}(?P<unit>week|month|year)){E}", _h_unit_part,
            gate=r"[ \t\u00a0](?:week|month|year)")
        add("weekday",
            rf"{B}(?P<t>(?:(?P<prep>on|by|until|since|from|every){S})?(?:(?P<rel>{this_next_last}){S})?(?P<wd>{wd})"
            rf"(?:{S}(?:{parts}))?(?:{S}(?:of{S})?(?P<wrel>{this_next_last}){S}week)?){E}", _h_weekday)
        add("deictic", rf"{B}(?P<t>(?P<w>{_words(lex.deictic_days)})){E}", _h_deictic)
        add("anaphoric-day", rf"{B}(?P<t>(?:on{S})?(?P<w>{_words(lex.anaphoric_days)})){E}", _h_anaphoric_day)
        add("offset-ago",
            rf"{B}(?P<t>(?:(?:about|some|nearly|almost|around|more\s+than|over|exactly){S})?(?P<num>{num}){S}"
            rf"(?P<unit>{unit}){S}(?P<dir>ago)){E}", _h_offset, gate=r"[ \t\u00a0]ago")
        add("offset-in", rf"{B}(?P<t>(?P<dir>in){S}(?P<num>{num}){S}(?P<unit>{unit})(?:'?{S}time)?){E}", _h_offset,
            gate=rf"in{S}")
        ana_dir = r"later|earlier|before|afterwards"
        add("offset-ana",
            rf"{B}(?P<t>(?P<num>{num}){S}(?P<unit>{unit}){S}(?P<dir>{ana_dir})){E}",
            _h_offset, gate=rf"[ \t\u00a0](?:{ana_dir})")
        add("duration-window",
            rf"{B}(?P<t>(?:(?:in|within|during|over|for){S}(?:the{S})?)(?P<win>{this_next_last}|first){S}"
            rf"(?P<num>{num}){S}(?P<unit>{unit})){E}", _h_duration)
        add("duration-compound",
            rf"{B}(?P<t>(?P<num>{num}|an?){S}(?P<unit>{unit})(?:(?:,{S}(?:and{S})?|{S}and{S})"
            rf"(?:{num}|an?){S}(?:{unit})){{1,4}}){E}", _h_duration_compound)
        add("duration",
            rf"{B}(?P<t>(?:(?P<pre>for|within|over|after|since|during|in){S})?(?:{approx}{S})?(?P<num>{num})"
            rf"[ \t\u00a0-]+(?P<unit>{unit})(?:{S}(?P<post>long))?){E}", _h_duration)
        add("relative-unit",
            rf"{B}(?P<t>(?:(?:in|during|over){S})?(?P<rel>{this_next_last}){S}(?P<unit>week|month|year)){E}",
            _h_rel_unit)
        # "every week of delay costs lives": with "of" the phrase names one period, not a frequency
        add("set", rf"{B}(?P<t>(?P<w>{_words(lex.sets)})){E}(?!{S}of{S})", _h_set)
        add("clock-time",
            rf"{B}(?P<t>(?:(?:at|around|by|until|from){S})?(?P<h>\d{{1,2}})(?::(?P<m>\d{{2}}))?{S0}"
            rf"(?P<ampm>a\.?m\.?|p\.?m\.?)(?:{S}(?:local\s+time|GMT|UTC|CET))?)(?!\w)", _h_time,
            gate=rf"\d{S0}[ap]\.?m")
        add("clock-time-24", rf"{B}(?P<t>(?:(?:at|around|by|until|from){S})(?P<h>\d{{1,2}}):(?P<m>\d{{2}})){E}",
            _h_time, gate=r"\d:\d\d")
        add("midnight", rf"{B}(?P<t>(?:(?:at|by|until|after|before|around){S})?midnight){E}", _h_midnight)
        add("year",
            rf"{B}(?P<t>(?:(?P<pre>in|since|until|by|from|before|after|around|between|the\s+year){S})?"
            rf"(?P<year>\d{{1,4}})(?:{S}(?P<bc>BC|BCE|AD|CE))?)(?![\w/])", _h_year)
    add("date-iso", r"(?<![\d-])(?P<t>(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2}))(?![\d])", _h_iso_date,
        gate=r"\d-\d\d-\d\d")
    return tuple(R)


# Each rule runs only in windows around the words that every one of its matches contains: scanning
# the whole text with ~35 case-insensitive alternations ran at ~1,500 sentences/s on WikiWarsDE.
_TRIGGERS: dict[str, tuple[str, ...]] = {
    "named": ("digit", "named"), "date-full": ("digit",), "date-us": ("digit",), "date-numeric": ("digit",),
    "date-range-start": ("digit",), "date-iso": ("digit",), "month": ("month",), "century": ("digit",),
    "decade": ("digit",), "decade-word": ("decade",), "day-only": ("digit",), "season": ("season",),
    "year-part": ("digit",), "part-compound": ("partcomp",), "unit-part": ("unit",), "weekday": ("weekday",),
    "deictic": ("deictic",), "anaphoric-day": ("anaday",), "offset-ago": ("unit",), "offset-in": ("unit",),
    "offset-ana": ("unit",), "duration-window": ("unit",), "duration": ("unit",),
    "duration-compound": ("unit",),
    "duration-adjective": ("adjunit",), "relative-unit": ("unit",), "same-unit": ("unit",),
    "anaphoric-unit": ("anaunit",), "set": ("set",), "holiday": ("holiday",), "clock-time": ("digit",),
    "clock-time-24": ("digit",), "year-sub": ("yearsub",), "midnight": ("midnight",), "year": ("digit",), "year-range-end": ("digit",),
}
WINDOW = 90  # characters searched either side of a trigger word; the longest rule match is ~70
_TOKEN = re.compile(r"\w+")


def _last_words(phrases: dict[str, Any] | list[str]) -> set[str]:
    return {re.findall(r"\w+", p.lower())[-1] for p in phrases if re.findall(r"\w+", p)}


def _trigger_words(lex: TimeLexicon) -> dict[str, set[str]]:
    weekdays = set(lex.weekdays)
    return {
        "named": _last_words(lex.named_dates),
        "month": {m.rstrip(".") for m in lex.months},
        "weekday": weekdays | {w + p for w in weekdays for p in lex.day_parts},
        "unit": set(lex.units),
        "season": set(lex.seasons),
        "decade": set(lex.decade_words),
        "deictic": _last_words(lex.deictic_days),
        "anaday": _last_words(lex.anaphoric_days),
        "anaunit": _last_words(lex.anaphoric_units),
        "set": _last_words(lex.sets),
        "holiday": _last_words(lex.holidays),
        "partcomp": set(lex.part_compounds),
        "midnight": set(grammar_words("midnight_triggers")),
        "yearsub": set(grammar_words("year_part_triggers")),
    }


@lru_cache(maxsize=8)
def _trigger_index(language: str, dirs: tuple[Path, ...]) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...],
                                                                   tuple[int, ...]]:
    """word → rules it triggers; the rules a number triggers; the rules an adjectival duration triggers
    (``dirs``: the lexicon directories the rules were built from)."""
    lex = load_lexicon(language)
    words = _trigger_words(lex)
    index: dict[str, list[int]] = {}
    digit: list[int] = []
    adj: list[int] = []
    for i, rule in enumerate(_rules_for(language, dirs)):
        for cat in rule.triggers:
            if cat == "digit":
                digit.append(i)
            elif cat == "adjunit":
                adj.append(i)
            else:
                for w in words[cat]:
                    index.setdefault(w, []).append(i)
    return {w: tuple(v) for w, v in index.items()}, tuple(digit), tuple(adj)


@lru_cache(maxsize=8)
def _trigger_lookup(language: str, dirs: tuple[Path, ...]) -> Callable[[str], tuple[int, ...]]:
    """The rules a word (as written in the text) triggers, remembered per word form: the window
    search asks this for every word of every document, and most word forms recur."""
    index, digit_rules, adj_rules = _trigger_index(language, dirs)
    adj_stems = tuple(load_lexicon(language).adjective_units)

    @lru_cache(maxsize=1 << 16)
    def rules_of(word: str) -> tuple[int, ...]:
        lowered = word.lower()
        ids: tuple[int, ...] = index.get(lowered, ())
        if lowered[0].isdigit():
            return ids + digit_rules
        if adj_stems and len(lowered) >= 5 and any(stem in lowered for stem in adj_stems):
            return ids + adj_rules
        return ids

    return rules_of


_DIGIT_TOKEN = re.compile(r"\d\w*")


@lru_cache(maxsize=8)
def _trigger_automaton(language: str, dirs: tuple[Path, ...]) -> ahocorasick.Automaton | None:
    """The trigger words and the adjective stems in one automaton (value: length, whether a stem), or
    None where it would not find what the look-up of every word finds: an empty stem is in every word,
    and a word with a sigma is lower-cased differently inside a text. Words with a character outside
    ``\\w`` never equal a token and are left out."""
    index, _, _ = _trigger_index(language, dirs)
    adj_stems = tuple(load_lexicon(language).adjective_units)
    if any(not stem or "σ" in stem or "ς" in stem for stem in adj_stems) or any("σ" in w or "ς" in w for w in index):
        return None
    automaton = ahocorasick.Automaton()
    for word in index:
        if _TOKEN.fullmatch(word):
            automaton.add_word(word, (len(word), False))
    for stem in adj_stems:
        if _TOKEN.fullmatch(stem):
            automaton.add_word(stem, (len(stem), True))
    if len(automaton) == 0:
        return None
    automaton.make_automaton()
    return automaton


def _trigger_tokens(text: str, language: str, dirs: tuple[Path, ...]) -> list[tuple[int, int]] | None:
    """The spans of the tokens that may trigger a rule, in text order: those that begin with a digit,
    equal a trigger word or hold an adjective stem. One digit scan and one automaton pass over the
    lower-cased text find them; looking up every word was a fifth of the search. None where that would
    miss a token: a text whose lower case has another length ("İ"), or with a digit that is not a
    decimal digit ("²" begins a token the digit scan does not see)."""
    automaton = _trigger_automaton(language, dirs)
    lowered = text.lower()
    if automaton is None or len(lowered) != len(text):
        return None
    if not text.isascii() and any(ch.isdigit() and not ch.isdecimal() for ch in set(text)):
        return None
    n = len(text)
    ends: dict[int, int] = {}  # token start -> token end
    for m in _DIGIT_TOKEN.finditer(text):
        if m.start() == 0 or not is_word_char(text[m.start() - 1]):
            ends[m.start()] = m.end()
    for last, (length, stem) in automaton.iter(lowered):
        start, end = last + 1 - length, last + 1
        if stem:  # the stem may sit anywhere in its token
            while start > 0 and is_word_char(text[start - 1]):
                start -= 1
            while end < n and is_word_char(text[end]):
                end += 1
        elif (start > 0 and is_word_char(text[start - 1])) or (end < n and is_word_char(text[end])):
            continue
        ends[start] = end
    return sorted(ends.items())


def _windows(text: str, language: str, n_rules: int) -> list[list[tuple[int, int]]]:
    dirs = lexicon_dirs()
    rules_of = _trigger_lookup(language, dirs)
    tokens = _trigger_tokens(text, language, dirs)
    if tokens is None:
        tokens = [m.span() for m in _TOKEN.finditer(text)]
    n = len(text)
    windows: list[list[tuple[int, int]]] = [[] for _ in range(n_rules)]
    for start, end in tokens:
        ids = rules_of(text[start:end])
        if not ids:
            continue
        lo, hi = max(0, start - WINDOW), min(n, end + WINDOW)
        for i in ids:
            spans = windows[i]
            if spans and lo <= spans[-1][1]:
                spans[-1] = (spans[-1][0], hi)
            else:
                spans.append((lo, hi))
    return windows


def find_candidates(text: str, language: str = "de", full_scan: bool = False) -> list[Cand]:
    """All candidates, longest-first without overlaps, in text order. ``full_scan`` runs every rule
    over the whole text instead of around trigger words (same result, slower; for tests). The
    lexicon keeps the last text's candidates (``TimeLexicon.last_search``): the dating and the time
    component search the same document in turn. Callers get copies, so none sees another's changes."""
    lang = "en" if language == "en" else "de"
    memo = load_lexicon(lang).last_search  # the lexicon of this language and LAGEBILD_LEXICON_DIRS
    found = None if full_scan else memo.get(text)
    if found is not None:
        return [_copy(c) for c in found]
    keep = _find_candidates(text, lang, full_scan)
    if not full_scan:
        memo.put(text, tuple(_copy(c) for c in keep))
    return keep


def _copy(cand: Cand) -> Cand:
    return Cand(cand.start, cand.end, cand.rule, cand.kind, dict(cand.data), cand.confidence)


def _find_candidates(text: str, lang: str, full_scan: bool) -> list[Cand]:
    lex = load_lexicon(lang)
    rules = rules_for(lang)
    windows = [[(0, len(text))] for _ in rules] if full_scan else _windows(text, lang, len(rules))
    found: list[tuple[int, int, int, Cand]] = []
    for prio, rule in enumerate(rules):
        spans = windows[prio]
        if not spans:
            continue
        finditer, handler = rule.regex.finditer, rule.handler
        gate = None if full_scan else rule.gate_regex
        for lo, hi in spans:
            if gate is not None and gate.search(text, lo, hi) is None:
                continue
            for m in finditer(text, lo, hi):
                if m.end() == m.start():
                    continue
                cand = handler(m, text, lex)
                if cand is None or cand.end <= cand.start:
                    continue
                while cand.end > cand.start and text[cand.end - 1].isspace():
                    cand.end -= 1
                found.append((cand.start, -(cand.end - cand.start), prio, cand))
    found.sort(key=lambda x: (x[1], x[2], x[0]))
    # the characters of the candidates kept so far: an overlap test costs the candidate's length,
    # not the number of candidates kept (a text of 60,000 dates took minutes)
    taken = bytearray(len(text))
    keep: list[Cand] = []
    for _, _, _, cand in found:
        if taken.find(1, cand.start, cand.end) >= 0:
            continue
        taken[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
        keep.append(cand)
    keep.sort(key=lambda c: c.start)
    return keep
