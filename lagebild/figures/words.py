"""The words the figures finder reads around a number (``lagebild/lexicons/figures.yaml``).

``figure_words(language)`` compiles the lexicon for one language: that language's lists
(``de``/``en``; empty for a list the language does not have, so a German rule finds nothing in an
English text) plus the ``shared`` lists read in every language, and the months of
``function_words.yaml``. Cached per process and set of lexicon directories.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from lagebild.errors import ConfigError
from lagebild.lexicon import lexicon_dirs, load, words

__all__ = ["FigureWords", "figure_words"]

LEXICON = "figures"
_SCHEMA: dict[str, type | tuple[type, ...]] = {"de": dict, "en": dict, "shared": dict}


def _from(section: str) -> Any:
    """A word set read from ``section`` ("language" or "shared") under the field's name."""
    return field(metadata={"section": section})


@dataclass(frozen=True)
class FigureWords:
    """figures.yaml compiled for one language (see the file for what each list is for)."""

    language: str
    # the language's lists
    one_words: frozenset[str] = _from("language")
    prepositions: frozenset[str] = _from("language")
    determiners: frozenset[str] = _from("language")
    stop: frozenset[str] = _from("language")
    adverbs: frozenset[str] = _from("language")
    partitive: frozenset[str] = _from("language")
    partitive_von: frozenset[str] = _from("language")
    partitive_with_determiner: frozenset[str] = _from("language")
    partitive_determiners: frozenset[str] = _from("language")
    qualifiers_of_after_noun: frozenset[str] = _from("language")
    dative_n_after: frozenset[str] = _from("language")
    definite_pair_before: frozenset[str] = _from("language")
    invariant_plurals: frozenset[str] = _from("language")
    # shared lists
    coordination: frozenset[str] = _from("shared")
    clock_words: frozenset[str] = _from("shared")
    glued_units: frozenset[str] = _from("shared")
    range_words: frozenset[str] = _from("shared")
    range_and: frozenset[str] = _from("shared")
    range_open: frozenset[str] = _from("shared")
    bare_scales: frozenset[str] = _from("shared")
    rate_bridge: frozenset[str] = _from("shared")
    # compiled from lists
    adjective: re.Pattern[str] | None = None  # an inflected adjective or participle (None: no endings)
    uncounted_plural_endings: tuple[str, ...] = ()
    coordination_gap: re.Pattern[str] = re.compile(r"(?!)")
    conversion_gap: re.Pattern[str] = re.compile(r"(?!)")
    abbreviations: frozenset[str] = frozenset()  # shared + the English month abbreviations
    months: frozenset[str] = frozenset()  # function_words.yaml
    measure_prefixes: tuple[tuple[str, str], ...] = ()


def _list(sec: Mapping[str, Any], key: str, where: str) -> list[str]:
    value = sec.get(key, [])
    if not isinstance(value, list):
        raise ConfigError(f"lexicon {LEXICON}: key {where}.{key} must be a list of words")
    return [str(w) for w in value]


def _set(sec: Mapping[str, Any], key: str, where: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _list(sec, key, where))


def _adjective(endings: list[str]) -> re.Pattern[str] | None:
    if not endings:
        return None
    alternation = "|".join(re.escape(e) for e in endings)
    return re.compile(rf"^[a-zäöüß][a-zäöüß-]*(?:{alternation})$")


def _shared(shared: Mapping[str, Any]) -> dict[str, Any]:
    gap = "|".join(re.escape(w) for w in _list(shared, "coordination_gap", "shared"))
    conversion = "|".join(_list(shared, "conversion_gap", "shared"))
    try:
        conversion_gap = re.compile(r"^\s*(?:\(|\[|,|–|-|—)?\s*(?:" + conversion + r")?\s*(?:\(|\[)?\s*$", re.I)
    except re.error as exc:
        raise ConfigError(f"lexicon {LEXICON}: shared.conversion_gap is not a valid pattern list: {exc}") from exc
    prefixes = shared.get("measure_prefixes", {})
    if not isinstance(prefixes, dict):
        raise ConfigError(f"lexicon {LEXICON}: key shared.measure_prefixes must be a mapping")
    month_abbrevs = words("function_words", "en.month_abbreviations")
    return {
        "coordination_gap": re.compile(rf"^\s*(?:{gap})\s*$", re.I),
        "conversion_gap": conversion_gap,
        "abbreviations": _set(shared, "abbreviations", "shared") | month_abbrevs,
        "months": words("function_words", "de.months", "en.months") | {f"{a}." for a in month_abbrevs},
        "measure_prefixes": tuple((str(k).lower(), str(v)) for k, v in prefixes.items()),
    }


@lru_cache(maxsize=8)
def _figure_words(language: str, dirs: tuple[Path, ...]) -> FigureWords:
    data = load(LEXICON, _SCHEMA)
    own = data[language] if language in data else {}
    if not isinstance(own, dict):
        raise ConfigError(f"lexicon {LEXICON}: key {language!r} must be a mapping")
    shared = data["shared"]
    sets: dict[str, Any] = {f.name: _set(own, f.name, language) if f.metadata["section"] == "language"
            else _set(shared, f.name, "shared") for f in fields(FigureWords) if "section" in f.metadata}
    return FigureWords(
        language,
        **sets,
        adjective=_adjective(_list(own, "adjective_endings", language)),
        uncounted_plural_endings=tuple(_list(own, "uncounted_plural_endings", language)),
        **_shared(shared),
    )


def figure_words(language: str = "de") -> FigureWords:
    """The finder's words for ``language`` ("en", else German)."""
    return _figure_words("en" if language == "en" else "de", lexicon_dirs())
