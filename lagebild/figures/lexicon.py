"""The unit lexicon of the figures component: light tokens and ``units.yaml`` compiled for lookup.

``load_units()`` reads ``lagebild/lexicons/units.yaml`` through ``lagebild.lexicon`` (so a
``units.yaml`` in a directory of ``LAGEBILD_LEXICON_DIRS`` extends it) into a ``UnitLexicon``:
unit nouns (German case-sensitive with generated dative plurals and compound suffixes, English
lower-case with generated plurals), currency signs, qualifiers, rates, nouns of time, reference
words and year contexts. ``load_units(path)`` reads another file of the same shape instead of the
shipped one (``Settings.figures.units_path``). ``tokenize`` cuts text into the tokens the finder
reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, NamedTuple, cast

from lagebild.errors import ConfigError
from lagebild.figures.words import FigureWords, figure_words
from lagebild.lexicon import LEXICON_DIR, lexicon_dirs, load, picklable_frozen, read_yaml

__all__ = ["Tok", "UnitLexicon", "load_units", "tokenize"]  # and UNITS_PATH, the shipped file

UNITS_PATH = LEXICON_DIR / "units.yaml"
_SCHEMA: dict[str, type | tuple[type, ...]] = {
    "units": dict, "compound_only?": dict, "symbols?": dict, "currencies?": list, "demonyms?": dict,
    "english_fallback?": bool, "english_fallback_exclude?": list, "german_fallback?": bool,
    "german_fallback_exclude?": list, "qualifiers?": dict, "rates?": dict,
    "time_nouns?": dict, "reference_words?": dict, "year_context?": dict, "number_one_qualifiers?": dict,
    "vague_plurals?": dict,
}

# digits with separators (+ glued suffix such as "bn", "km"), currency and percent signs, words
# (dotted acronyms such as "U.S.", hyphenated words, or a trailing hyphen as in "Staats- und
# Regierungschefs"), anything else
_TOKEN = re.compile(
    r"(?P<num>\d+(?:[.,\u00a0\u202f\u2009]\d+)*)(?P<glued>[^\W\d_]+)?"
    r"|(?P<sym>US\$|[$€£₽₴%²³/])"  # before words: "US$" is one sign, not the word "US" and "$"
    r"|(?P<word>(?:[A-Z]\.){2,}|[^\W\d_]+(?:[-'’][^\W\d_]+)*-?)"
    r"|(?P<other>\S)"
)


class Tok(NamedTuple):
    text: str
    start: int
    end: int
    kind: str  # num | word | sym | other
    glued: str = ""


# ``Tok(...)`` runs the named tuple's ``__new__``, a Python function; the tokenizer makes one Tok per
# word of every paragraph and builds the tuple directly instead (a fifth of its time)
_new_tok = cast(Callable[[tuple[str, int, int, str, str]], Tok], partial(tuple.__new__, Tok))


def tokenize(text: str, offset: int = 0, abbreviations: frozenset[str] | None = None) -> list[Tok]:
    """Light tokens for figure finding, with offsets into the document (``offset`` added).
    ``abbreviations`` keep their period ("Mio.", "ca."; figures.yaml by default)."""
    abbrevs = figure_words().abbreviations if abbreviations is None else abbreviations
    toks: list[Tok] = []
    append = toks.append
    skip_to = 0
    n = len(text)
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        if start < skip_to:
            continue  # the period of an abbreviation already taken
        kind = m.lastgroup
        if kind == "num" or kind == "glued":
            append(_new_tok((m.group("num"), offset + start, offset + end, "num", m.group("glued") or "")))
            continue
        piece = m.group()
        if kind == "word" and end < n and text[end] == "." and piece.lower() in abbrevs:
            piece += "."
            end += 1
            skip_to = end
        append(_new_tok((piece, offset + start, offset + end, kind or "other", "")))
    return toks


@dataclass(frozen=True)
class UnitLexicon:
    """units.yaml compiled for lookup. ``exact`` maps a form (German case-sensitive, English
    lower-case) to its unit; ``suffixes`` are German forms that may end a compound, longest first."""

    exact: dict[str, dict[str, str]] = field(default_factory=lambda: {"de": {}, "en": {}})
    multi: dict[str, dict[tuple[str, ...], str]] = field(default_factory=lambda: {"de": {}, "en": {}})
    suffixes: list[tuple[str, str]] = field(default_factory=list)
    symbols: dict[str, str] = field(default_factory=dict)
    currencies: frozenset[str] = frozenset()
    english_fallback: bool = True
    fallback_exclude: frozenset[str] = frozenset()
    german_fallback: bool = True
    german_fallback_exclude: frozenset[str] = frozenset()
    demonym_unit: str = "person"
    small_group_unit: str = "leader"
    small_group_max: float = 30
    small_group_forms: frozenset[str] = frozenset()
    demonyms: dict[str, set[str]] = field(default_factory=lambda: {"de": set(), "en": set()})
    qualifiers: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    rates_after: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    rates_before: dict[str, str] = field(default_factory=dict)
    time_nouns: dict[str, set[str]] = field(default_factory=dict)
    compound_only: dict[str, dict[str, str]] = field(default_factory=dict)
    reference_words: dict[str, set[str]] = field(default_factory=dict)
    year_context: dict[str, set[str]] = field(default_factory=dict)
    one_qualifiers: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)
    emit_vague_plurals: bool = False
    vague_before: dict[str, set[str]] = field(default_factory=dict)
    measure_prefixes: tuple[tuple[str, str], ...] = ()
    # ``suffixes`` as a mapping and their lengths, longest first: ``lookup`` asks the mapping once per
    # length instead of testing every suffix (hundreds) against each capitalised word
    _suffix_units: dict[str, str] = field(init=False, repr=False, compare=False)
    _suffix_lengths: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        units: dict[str, str] = {}
        for suffix, unit in self.suffixes:
            units.setdefault(suffix, unit)
        object.__setattr__(self, "_suffix_units", units)
        object.__setattr__(self, "_suffix_lengths", tuple(sorted({len(s) for s in units}, reverse=True)))

    def lookup(self, words: list[str], language: str) -> tuple[str, int] | None:
        """The unit of the noun (phrase) starting at ``words[0]`` and how many words it spans."""
        lang = "en" if language == "en" else "de"
        for size in (3, 2):
            if len(words) >= size:
                key = tuple(w if lang == "de" else w.lower() for w in words[:size])
                unit = self.multi[lang].get(key)
                if unit:
                    return unit, size
        w = words[0]
        unit = self.exact[lang].get(w if lang == "de" else w.lower())
        if unit is None and lang == "de" and len(w) > 1 and w.isupper():
            unit = self.exact[lang].get(w.capitalize())  # a German noun in capitals: "5000 SOLDATEN"
        if unit:
            return unit, 1
        if lang == "de" and w[:1].isupper():
            low = w.lower()
            for size in self._suffix_lengths:  # the longest suffix that fits wins
                s_unit = self._suffix_units.get(low[-size:]) if size <= len(low) else None
                # a compound: at least three letters, or a hyphen, before the suffix (a word that
                # is the suffix alone is not one)
                if s_unit is not None and (len(low) - size >= 3 or (len(low) > size and low[-size - 1] == "-")):
                    return self._measure_prefix(low[:-size], s_unit), 1
        return None

    def _measure_prefix(self, head: str, unit: str) -> str:
        """"Kubikmillimeter", "Quadratmeilen": a Kubik-/Quadrat- prefix before a length unit makes a
        volume/area unit; the bare length unit would be wrong (18 km³ are not 18 km)."""
        head = head.rstrip("-")
        for prefix, dim in self.measure_prefixes:
            if head.endswith(prefix) and not unit.startswith(tuple(d for _, d in self.measure_prefixes)):
                return dim + unit
        return unit

    def is_demonym(self, word: str, language: str) -> bool:
        lang = "en" if language == "en" else "de"
        return (word if lang == "de" else word.lower()) in self.demonyms[lang]


picklable_frozen(UnitLexicon)  # pickled with the figures component (a compiled build needs this)


# -- compiling units.yaml: one small function per section ---------------------------------------
@dataclass(frozen=True)
class _Forms:
    """How forms are generated from a listed unit noun (figures.yaml)."""

    de: FigureWords
    en: FigureWords

    def german(self, form: str) -> list[str]:
        out = [form]
        if form[-1:] in self.de.dative_n_after and not form.endswith("en"):
            out.append(form + "n")
        return out

    def english(self, form: str) -> list[str]:
        out = [form]
        last = form.split()[-1]
        if not last.endswith("s") and last[-1:].isalpha() and last.lower() not in self.en.invariant_plurals:
            if last.endswith("y") and last[-2:-1] not in "aeiou":
                plural = last[:-1] + "ies"
            elif last.endswith(("ch", "sh", "x")):
                plural = last + "es"
            else:
                plural = last + "s"
            out.append(" ".join([*form.split()[:-1], plural]))
        return out

    def phrase_key(self, phrase: str) -> tuple[str, ...]:
        return tuple(t.text.lower() for t in tokenize(phrase, 0, self.de.abbreviations))


def _table(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise ConfigError(f"units lexicon: key {key!r} must be a mapping")
    return value


def _units(data: Mapping[str, Any], forms: _Forms) -> dict[str, Any]:
    exact: dict[str, dict[str, str]] = {"de": {}, "en": {}}
    multi: dict[str, dict[tuple[str, ...], str]] = {"de": {}, "en": {}}
    suffixes: dict[str, str] = {}

    def add(lang: str, raw: str, unit: str) -> None:
        exact_only = raw.endswith("=") and len(raw) > 1
        form = raw[:-1] if exact_only else raw
        for f in forms.german(form) if lang == "de" else forms.english(form):
            toks = [t.text for t in tokenize(f, 0, forms.de.abbreviations)]
            if len(toks) > 1:
                multi[lang].setdefault(tuple(toks if lang == "de" else [t.lower() for t in toks]), unit)
                continue
            exact[lang].setdefault(f if lang == "de" else f.lower(), unit)
            if lang == "de" and not exact_only and f[:1].isupper():
                suffixes.setdefault(f.lower(), unit)

    for unit, langs in _table(data, "units").items():
        for lang in ("de", "en"):
            for raw in (langs or {}).get(lang, []) or []:
                add(lang, str(raw), unit)
    return {"exact": exact, "multi": multi, "suffixes": sorted(suffixes.items(), key=lambda kv: -len(kv[0]))}


def _signs(data: Mapping[str, Any], forms: _Forms) -> dict[str, Any]:
    return {
        "symbols": {str(k): str(v) for k, v in _table(data, "symbols").items()},
        "currencies": frozenset(data.get("currencies") or []),
        "english_fallback": bool(data.get("english_fallback", True)),
        "fallback_exclude": frozenset(str(w).lower() for w in data.get("english_fallback_exclude") or []),
        "german_fallback": bool(data.get("german_fallback", True)),
        "german_fallback_exclude": frozenset(str(w).lower() for w in data.get("german_fallback_exclude") or []),
        "compound_only": {lang: {str(k).lower(): str(v) for k, v in (table or {}).items()}
                          for lang, table in _table(data, "compound_only").items()},
    }


def _demonyms(data: Mapping[str, Any], forms: _Forms) -> dict[str, Any]:
    dem = _table(data, "demonyms")
    demonyms: dict[str, set[str]] = {"de": set(), "en": set()}
    for lang in ("de", "en"):
        for raw in dem.get(lang, []) or []:
            raw = str(raw)
            form = raw.rstrip("=") if len(raw) > 1 else raw
            if lang == "en":  # English demonyms count only in the plural: "Russian troops" is an adjective
                demonyms[lang].update(f.lower() for f in forms.english(form)[1:])
                continue
            more = [form + "innen"] if form.endswith("er") else []  # "Ukrainerinnen und Ukrainer"
            demonyms[lang].update([*forms.german(form), *more])
    return {
        "demonyms": demonyms,
        "demonym_unit": dem.get("unit", "person"),
        "small_group_unit": dem.get("small_group_unit", "leader"),
        "small_group_max": float(dem.get("small_group_max", 30)),
        "small_group_forms": frozenset(str(f).lower() for f in dem.get("small_group_forms", [])),
    }


def _phrases(data: Mapping[str, Any], forms: _Forms) -> dict[str, Any]:
    qualifiers = {}
    for lang, table in _table(data, "qualifiers").items():
        items = [(forms.phrase_key(str(k)), str(v)) for k, v in table.items()]
        qualifiers[lang] = sorted(items, key=lambda kv: -len(kv[0]))
    rates = _table(data, "rates")
    after = ((forms.phrase_key(str(k)), str(v)) for k, v in (rates.get("after") or {}).items())
    return {
        "qualifiers": qualifiers,
        "rates_after": sorted(after, key=lambda kv: -len(kv[0])),
        "rates_before": {str(k).lower(): str(v) for k, v in (rates.get("before") or {}).items()},
        "one_qualifiers": {lang: {forms.phrase_key(str(w)) for w in words or []}
                           for lang, words in _table(data, "number_one_qualifiers").items()},
    }


def _word_sets(data: Mapping[str, Any], forms: _Forms) -> dict[str, Any]:
    vague = _table(data, "vague_plurals")
    out: dict[str, Any] = {
        "emit_vague_plurals": bool(vague.get("emit", False)),
        "vague_before": {lang: {str(w).lower().split()[-1] for w in words or []}
                         for lang, words in (vague.get("vague_before") or {}).items()},
        "measure_prefixes": forms.de.measure_prefixes,
    }
    for key in ("time_nouns", "reference_words", "year_context"):
        out[key] = {lang: {str(w).lower() for w in words} for lang, words in _table(data, key).items()}
    return out


_SECTIONS: tuple[Callable[[Mapping[str, Any], _Forms], dict[str, Any]], ...] = (
    _units, _signs, _demonyms, _phrases, _word_sets)


def _compile(data: Mapping[str, Any]) -> UnitLexicon:
    forms = _Forms(figure_words("de"), figure_words("en"))
    fields: dict[str, Any] = {}
    for section in _SECTIONS:
        fields.update(section(data, forms))
    return UnitLexicon(**fields)


def _check(data: Any, where: Path) -> Mapping[str, Any]:
    """The schema check ``lagebild.lexicon.load`` applies, for a units file given by path."""
    if not isinstance(data, dict):
        raise ConfigError(f"units lexicon {where} must be a YAML mapping, not {type(data).__name__}")
    for key, typ in _SCHEMA.items():
        name = key.rstrip("?")
        if name not in data:
            if key.endswith("?"):
                continue
            raise ConfigError(f"units lexicon {where}: missing key {name!r}")
        if not isinstance(data[name], typ):
            raise ConfigError(f"units lexicon {where}: key {name!r} must be a {getattr(typ, '__name__', typ)}, "
                              f"not {type(data[name]).__name__}")
    return data


@lru_cache(maxsize=4)
def _shipped(dirs: tuple[Path, ...]) -> UnitLexicon:
    return _compile(load("units", _SCHEMA))


@lru_cache(maxsize=4)
def _from_file(path: Path, stamp: tuple[int, int], dirs: tuple[Path, ...]) -> UnitLexicon:
    return _compile(_check(read_yaml(path), path))


def load_units(path: Path | None = None) -> UnitLexicon:
    """Compile ``units.yaml`` (shipped, merged with the user lexicon directories) into a
    UnitLexicon; ``path``: another file of the same shape that replaces the shipped one (taken as
    it is). Cached per process; a changed file at ``path`` is read again."""
    if path is None or Path(path).resolve() == UNITS_PATH:
        return _shipped(lexicon_dirs())
    resolved = Path(path).resolve()
    try:
        st = resolved.stat()
    except OSError as exc:
        raise ConfigError(f"units lexicon {resolved} cannot be read: {exc}; "
                          "fix Settings.figures.units_path") from exc
    return _from_file(resolved, (st.st_mtime_ns, st.st_size), lexicon_dirs())
