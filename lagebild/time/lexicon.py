"""The time lexicons (``lagebild/lexicons/time_<lang>.yaml``, ``time_grammar.yaml``) as lookup tables.

Read through the one loader (``lagebild.lexicon``): the directories in ``LAGEBILD_LEXICON_DIRS`` are
merged over the shipped files, and the tables are rebuilt when that setting changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from lagebild.lexicon import LEXICON_DIR, lexicon_dirs, load, words

__all__ = ["LastSearch", "TimeLexicon", "alternation", "factored_alternation", "grammar_words", "load_lexicon"]

_SCHEMA: dict[str, type | tuple[type, ...]] = {
    "months": dict, "weekdays": dict, "language?": str, "day_parts?": list, "numbers?": dict,
    "units?": dict, "tense?": dict, "year_followers?": list, "year_cues?": list, "product_heads?": list,
}


def alternation(words: list[str] | set[str] | dict[str, Any]) -> str:
    """A regex alternation of the words, longest first, whitespace flexible."""
    items = sorted({w for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


def factored_alternation(words: list[str] | set[str] | dict[str, Any]) -> str:
    """The alternation of ``alternation`` with the beginnings that words share written once
    ("sieb(?:zig|en)|acht"): the same matches, preferred in the same order. At every position it
    tries, the regex engine makes one attempt per alternative of a case-insensitive alternation;
    factored, one per distinct first letter and then per letter only where the text goes on like
    one of the words (the rules of ``patterns.py`` scan a third of every text)."""
    items = sorted({w for w in words}, key=len, reverse=True)
    return "|".join(_factor([[_FLEXIBLE_SPACE if ch == " " else ch for ch in w] for w in items]))


_FLEXIBLE_SPACE = r"\s+"


def _factor(alternatives: list[list[str]]) -> list[str]:
    """``alternatives`` (characters, or the flexible space, in order of preference) as regex
    alternatives. Those that begin with the same character share it. Grouping reorders the
    alternatives, which keeps their preference only where two of different groups never match at
    the same place: when two first characters can match the same text (case-insensitively, or a
    space and the flexible space) the alternatives stay as they are. A flexible space is never
    shared (it can match in more than one way, and sharing it would change the order in which
    those are tried)."""
    groups: dict[tuple[int, str], list[list[str]]] = {}
    for i, alt in enumerate(alternatives):
        key = (i, alt[0]) if alt and alt[0] == _FLEXIBLE_SPACE else (-1, alt[0] if alt else "")
        groups.setdefault(key, []).append(alt[1:])
    if len(groups) == len(alternatives) or _may_overlap([first for _, first in groups]):
        return ["".join(_unit(u) for u in alt) for alt in alternatives]
    out = []
    for (_, first), rests in groups.items():
        shared = _factor(rests)
        out.append(_unit(first) + (shared[0] if len(shared) == 1 else f"(?:{'|'.join(shared)})"))
    return out


def _unit(unit: str) -> str:
    return unit if unit == _FLEXIBLE_SPACE else re.escape(unit)


def _may_overlap(firsts: list[str]) -> bool:
    """Whether two of these first units (characters, the flexible space, "" for a word that ends)
    could match the same text. A word that ends here is the shortest, so it comes last and stays
    last: it needs no test."""
    chars = [f for f in firsts if f and f != _FLEXIBLE_SPACE]
    spaces = firsts.count(_FLEXIBLE_SPACE)
    if spaces > 1 or (spaces and any(re.fullmatch(r"\s", ch) for ch in chars)):
        return True
    return any(re.fullmatch(re.escape(a), b, re.IGNORECASE) or re.fullmatch(re.escape(b), a, re.IGNORECASE)
               for i, a in enumerate(chars) for b in chars[i + 1:])


class LastSearch:
    """The candidates found in the last text searched with a lexicon, kept by that lexicon (one
    entry: the dating and the time component search the same document in turn, and a text searched
    with another lexicon is never looked up here). Thread-safe: an entry is replaced whole."""

    __slots__ = ("_entry",)

    def __init__(self) -> None:
        self._entry: tuple[str, tuple[Any, ...]] | None = None

    def get(self, text: str) -> tuple[Any, ...] | None:
        entry = self._entry
        return entry[1] if entry is not None and (entry[0] is text or entry[0] == text) else None

    def put(self, text: str, found: tuple[Any, ...]) -> None:
        self._entry = (text, found)


@dataclass
class TimeLexicon:
    language: str
    months: dict[str, int]
    weekdays: dict[str, int]
    day_parts: list[str]
    numbers: dict[str, float]
    units: dict[str, str]  # form -> unit code
    adjective_units: dict[str, str]
    adjective_endings: list[str]
    deictic_days: dict[str, int]
    anaphoric_days: dict[str, int]
    modifiers: dict[str, str]  # word -> this | next | last
    anaphoric_units: dict[str, tuple[str, int]]
    part_modifiers: dict[str, str]
    part_compounds: dict[str, tuple[str, str]]
    seasons: dict[str, str]
    sets: dict[str, str]
    named_dates: dict[str, str]
    holidays: dict[str, tuple[int, int]]
    future_cues: frozenset[str]
    past_cues: frozenset[str]
    perfect_aux: frozenset[str]
    year_followers: frozenset[str]
    year_cues: list[str] = field(default_factory=list)
    product_heads: tuple[str, ...] = ()
    decade_words: dict[str, int] = field(default_factory=dict)
    # future cues that a past auxiliary in the same clause overrides ("erwartet hatte")
    weak_future_cues: frozenset[str] = frozenset()
    # multi-word future markers ("is due to", "is set to"), matched on the lower-cased clause
    future_phrases: tuple[str, ...] = ()
    # stative verbs: "noch heute" with one of them means "nowadays" (PRESENT_REF), not a date
    statives: frozenset[str] = frozenset()
    # the verb-form classifier (lagebild.time.tense), see ``tense`` in time_<lang>.yaml
    not_verbs: frozenset[str] = frozenset()
    weak_preterite_suffixes: frozenset[str] = frozenset()
    modal_preterite_endings: tuple[str, ...] = ()
    strong_preterites: frozenset[str] = frozenset()
    present_forms: frozenset[str] = frozenset()
    passive_infinitive_aux: frozenset[str] = frozenset()
    participle_endings: tuple[str, ...] = ()
    preterite_ending: str = ""
    past_tags: frozenset[str] = frozenset()
    present_tags: frozenset[str] = frozenset()
    infinitive_tags: frozenset[str] = frozenset()
    infinitive_markers: frozenset[str] = frozenset()
    # the last text's candidates (``lagebild.time.patterns.find_candidates``)
    last_search: LastSearch = field(default_factory=LastSearch, compare=False, repr=False)

    def number(self, word: str) -> float | None:
        """The value of a number written in digits ("24", "1,5") or words ("dreieinhalb")."""
        w = " ".join(word.lower().split())
        if re.fullmatch(r"\d+(?:[.,]\d+)?", w):
            return float(w.replace(",", "."))
        return self.numbers.get(w)

    def unit(self, word: str) -> str | None:
        return self.units.get(word.lower())


def _compose_numbers(data: dict[str, Any]) -> dict[str, float]:
    numbers = {str(k): float(v) for k, v in (data.get("numbers") or {}).items()}
    ones = data.get("ones_for_compounds") or {}
    tens = data.get("tens_for_compounds") or {}
    for o_word, o in ones.items():
        for t_word, t in tens.items():
            numbers.setdefault(f"{o_word}und{t_word}", float(o + t))
    for word, value in list(numbers.items()):
        if value == int(value) and 2 <= value <= 12 and " " not in word and not word.startswith("ein"):
            numbers.setdefault(f"{word}einhalb", value + 0.5)
    return numbers


def _lower_set(values: Any) -> frozenset[str]:
    return frozenset(str(w).lower() for w in values or [])


def load_lexicon(language: str = "de") -> TimeLexicon:
    """The lexicon for ``language`` (``de`` or ``en``; others fall back to ``de``), built once per
    setting of ``LAGEBILD_LEXICON_DIRS``."""
    return _build(language, lexicon_dirs())


@lru_cache(maxsize=8)
def _build(language: str, dirs: tuple[Path, ...]) -> TimeLexicon:
    name = f"time_{language}" if (LEXICON_DIR / f"time_{language}.yaml").exists() else "time_de"
    data = load(name, _SCHEMA)
    units = {form.lower(): code for code, forms in (data.get("units") or {}).items() for form in forms}
    modifiers = {w.lower(): kind for kind, words in (data.get("relative_modifiers") or {}).items() for w in words}
    tense = data.get("tense") or {}
    return TimeLexicon(
        language=data.get("language", language),
        months={k.lower(): int(v) for k, v in data["months"].items()},
        weekdays={k.lower(): int(v) for k, v in data["weekdays"].items()},
        day_parts=[str(w) for w in data.get("day_parts") or []],
        numbers=_compose_numbers(data),
        units=units,
        adjective_units={k: str(v) for k, v in (data.get("adjective_units") or {}).items()},
        adjective_endings=[str(e) for e in data.get("adjective_endings") or [""]],
        deictic_days={k: int(v) for k, v in (data.get("deictic_days") or {}).items()},
        anaphoric_days={k: int(v) for k, v in (data.get("anaphoric_days") or {}).items()},
        modifiers=modifiers,
        anaphoric_units={k: (str(v[0]), int(v[1])) for k, v in (data.get("anaphoric_units") or {}).items()},
        part_modifiers={k: str(v) for k, v in (data.get("part_modifiers") or {}).items()},
        part_compounds={k: (str(v[0]), str(v[1])) for k, v in (data.get("part_compounds") or {}).items()},
        seasons={k: str(v) for k, v in (data.get("seasons") or {}).items()},
        sets={k: str(v) for k, v in (data.get("sets") or {}).items()},
        named_dates={str(k): str(v) for k, v in (data.get("named_dates") or {}).items()},
        holidays={k: (int(v[0]), int(v[1])) for k, v in (data.get("holidays") or {}).items()},
        future_cues=_lower_set(tense.get("future")),
        past_cues=_lower_set(tense.get("past")),
        perfect_aux=_lower_set(tense.get("perfect_aux")),
        year_followers=_lower_set(data.get("year_followers")),
        year_cues=[str(w).lower() for w in data.get("year_cues") or []],
        product_heads=tuple(str(w).lower() for w in data.get("product_heads") or []),
        decade_words={str(k).lower(): int(v) for k, v in (data.get("decade_words") or {}).items()},
        weak_future_cues=_lower_set(tense.get("weak_future")),
        statives=_lower_set(tense.get("statives")),
        future_phrases=tuple(" ".join(str(w).lower().split()) for w in tense.get("future_phrases") or []),
        not_verbs=_lower_set(tense.get("not_verbs")),
        weak_preterite_suffixes=frozenset(str(w) for w in tense.get("weak_preterite_suffixes") or []),
        modal_preterite_endings=tuple(str(w) for w in tense.get("modal_preterite_endings") or []),
        strong_preterites=_lower_set(tense.get("strong_preterites")),
        present_forms=_lower_set(tense.get("present_forms")),
        passive_infinitive_aux=_lower_set(tense.get("passive_infinitive_aux")),
        participle_endings=tuple(str(w) for w in tense.get("participle_endings") or []),
        preterite_ending=str(tense.get("preterite_ending") or ""),
        past_tags=frozenset(str(t) for t in tense.get("past_tags") or []),
        present_tags=frozenset(str(t) for t in tense.get("present_tags") or []),
        infinitive_tags=frozenset(str(t) for t in tense.get("infinitive_tags") or []),
        infinitive_markers=_lower_set(tense.get("infinitive_markers")),
    )


def grammar_words(key: str) -> frozenset[str]:
    """The German and English words of list ``key`` in ``time_grammar.yaml`` (the rules that read them
    work on both languages)."""
    return _grammar_words(key, lexicon_dirs())


@lru_cache(maxsize=64)
def _grammar_words(key: str, dirs: tuple[Path, ...]) -> frozenset[str]:
    return words("time_grammar", f"{key}.de", f"{key}.en")
