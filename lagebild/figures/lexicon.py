"""The unit lexicon of the figures component: light tokens and ``units.yaml`` compiled for lookup.

``load_units()`` reads ``lagebild/lexicons/units.yaml`` (or another file of the same shape) into
a ``UnitLexicon``: unit nouns (German case-sensitive with generated dative plurals and compound
suffixes, English lower-case with generated plurals), currency signs, qualifiers, rates, nouns of
time, reference words and year contexts. ``tokenize`` cuts text into the tokens the finder reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

__all__ = ["UNITS_PATH", "Tok", "UnitLexicon", "load_units", "tokenize"]

UNITS_PATH = Path(__file__).resolve().parents[1] / "lexicons" / "units.yaml"

# digits with separators (+ glued suffix such as "bn", "km"), words (dotted acronyms such as
# "U.S.", hyphenated words, or a trailing hyphen as in "Staats- und Regierungschefs"), currency and
# percent signs, anything else
_TOKEN = re.compile(
    r"(?P<num>\d+(?:[.,\u00a0\u202f\u2009]\d+)*)(?P<glued>[^\W\d_]+)?"
    r"|(?P<word>(?:[A-Z]\.){2,}|[^\W\d_]+(?:[-'’][^\W\d_]+)*-?)"
    r"|(?P<sym>US\$|[$€£₽₴%²³/])"
    r"|(?P<other>\S)"
)
# abbreviations that keep their period ("Mio.", "ca.")
_ABBREV = {"mio", "mrd", "tsd", "bio", "ca", "rd", "nr", "art", "abs", "no", "bzw", "a.m", "p.m", "jan", "feb",
           "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


class Tok(NamedTuple):
    text: str
    start: int
    end: int
    kind: str  # num | word | sym | other
    glued: str = ""


def tokenize(text: str, offset: int = 0) -> list[Tok]:
    """Light tokens for figure finding, with offsets into the document (``offset`` added)."""
    toks: list[Tok] = []
    skip_to = 0
    for m in _TOKEN.finditer(text):
        start, end = m.start(), m.end()
        if start < skip_to:
            continue  # the period of an abbreviation already taken
        if m.group("num") is not None:
            glued = m.group("glued") or ""
            toks.append(Tok(m.group("num"), offset + start, offset + end, "num", glued))
            continue
        kind = m.lastgroup or "other"
        piece = m.group(0)
        if kind == "word" and end < len(text) and text[end] == "." and piece.lower() in _ABBREV:
            piece += "."
            end += 1
            skip_to = end
        toks.append(Tok(piece, offset + start, offset + end, kind))
    return toks


@dataclass
class UnitLexicon:
    """units.yaml compiled for lookup. ``exact`` maps a form (German case-sensitive, English
    lower-case) to its unit; ``suffixes`` are German forms that may end a compound."""

    exact: dict[str, dict[str, str]] = field(default_factory=lambda: {"de": {}, "en": {}})
    multi: dict[str, dict[tuple[str, ...], str]] = field(default_factory=lambda: {"de": {}, "en": {}})
    suffixes: list[tuple[str, str]] = field(default_factory=list)
    symbols: dict[str, str] = field(default_factory=dict)
    currencies: frozenset[str] = frozenset()
    english_fallback: bool = True
    fallback_exclude: frozenset[str] = frozenset()
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
        if unit:
            return unit, 1
        if lang == "de" and w[:1].isupper():
            low = w.lower()
            for suffix, s_unit in self.suffixes:
                if low.endswith(suffix) and (len(low) - len(suffix) >= 3 or low[-len(suffix) - 1] == "-"):
                    return self._measure_prefix(low[:-len(suffix)], s_unit), 1
        return None

    _MEASURE_PREFIXES = (("kubik", "cubic_"), ("quadrat", "square_"))

    def _measure_prefix(self, head: str, unit: str) -> str:
        """"Kubikmillimeter", "Quadratmeilen": a Kubik-/Quadrat- prefix before a length unit makes a
        volume/area unit; the bare length unit would be wrong (18 km³ are not 18 km)."""
        head = head.rstrip("-")
        for prefix, dim in self._MEASURE_PREFIXES:
            if head.endswith(prefix) and not unit.startswith(("cubic_", "square_")):
                return dim + unit
        return unit

    def is_demonym(self, word: str, language: str) -> bool:
        lang = "en" if language == "en" else "de"
        return (word if lang == "de" else word.lower()) in self.demonyms[lang]


def _german_forms(form: str) -> list[str]:
    out = [form]
    if form[-1:] in ("e", "r", "l") and not form.endswith("en"):
        out.append(form + "n")
    return out


def _english_forms(form: str) -> list[str]:
    out = [form]
    last = form.split()[-1]
    if not last.endswith("s") and last[-1:].isalpha() and last.lower() not in ("aircraft", "people", "dead",
                                                                              "injured", "wounded", "children"):
        if last.endswith("y") and last[-2:-1] not in "aeiou":
            plural = last[:-1] + "ies"
        elif last.endswith(("ch", "sh", "x")):
            plural = last + "es"
        else:
            plural = last + "s"
        out.append(" ".join([*form.split()[:-1], plural]))
    return out


def _phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(t.text.lower() for t in tokenize(phrase))


def load_units(path: Path | None = None) -> UnitLexicon:
    """Compile ``units.yaml`` (or another file of the same shape) into a UnitLexicon."""
    data: dict[str, Any] = yaml.safe_load((path or UNITS_PATH).read_text(encoding="utf-8")) or {}
    lex = UnitLexicon()
    suffixes: dict[str, str] = {}

    def add(lang: str, raw: str, unit: str) -> None:
        raw = str(raw)
        exact_only = raw.endswith("=") and len(raw) > 1
        form = raw[:-1] if exact_only else raw
        forms = _german_forms(form) if lang == "de" else _english_forms(form)
        for f in forms:
            toks = [t.text for t in tokenize(f)]
            if len(toks) > 1:
                key = tuple(toks if lang == "de" else [t.lower() for t in toks])
                lex.multi[lang].setdefault(key, unit)
                continue
            lex.exact[lang].setdefault(f if lang == "de" else f.lower(), unit)
            if lang == "de" and not exact_only and f[:1].isupper():
                suffixes.setdefault(f.lower(), unit)

    for unit, langs in (data.get("units") or {}).items():
        for lang in ("de", "en"):
            for raw in (langs or {}).get(lang, []) or []:
                add(lang, raw, unit)
    lex.suffixes = sorted(suffixes.items(), key=lambda kv: -len(kv[0]))
    lex.symbols = {str(k): str(v) for k, v in (data.get("symbols") or {}).items()}
    lex.currencies = frozenset(data.get("currencies") or [])
    lex.english_fallback = bool(data.get("english_fallback", True))
    lex.fallback_exclude = frozenset(str(w).lower() for w in data.get("english_fallback_exclude") or [])
    dem = data.get("demonyms") or {}
    lex.demonym_unit = dem.get("unit", "person")
    lex.small_group_unit = dem.get("small_group_unit", "leader")
    lex.small_group_max = float(dem.get("small_group_max", 30))
    lex.small_group_forms = frozenset(str(f).lower() for f in dem.get("small_group_forms", []))
    for lang in ("de", "en"):
        for raw in dem.get(lang, []) or []:
            raw = str(raw)
            form = raw.rstrip("=") if len(raw) > 1 else raw
            # English demonyms count only in the plural: "Russian troops" is an adjective
            forms = _german_forms(form) if lang == "de" else _english_forms(form)[1:]
            if lang == "de" and form.endswith("er"):
                forms += [form + "innen"]  # "Ukrainerinnen und Ukrainer"
            lex.demonyms[lang].update(f if lang == "de" else f.lower() for f in forms)
    for lang, table in (data.get("qualifiers") or {}).items():
        items = [(_phrase_key(str(k)), str(v)) for k, v in table.items()]
        lex.qualifiers[lang] = sorted(items, key=lambda kv: -len(kv[0]))
    rates = data.get("rates") or {}
    lex.rates_after = sorted(((_phrase_key(str(k)), str(v)) for k, v in (rates.get("after") or {}).items()),
                             key=lambda kv: -len(kv[0]))
    lex.rates_before = {str(k).lower(): str(v) for k, v in (rates.get("before") or {}).items()}
    for lang, table in (data.get("compound_only") or {}).items():
        lex.compound_only[lang] = {str(k).lower(): str(v) for k, v in (table or {}).items()}
    for lang, words in (data.get("number_one_qualifiers") or {}).items():
        lex.one_qualifiers[lang] = {_phrase_key(str(w)) for w in words or []}
    vague = data.get("vague_plurals") or {}
    lex.emit_vague_plurals = bool(vague.get("emit", False))
    for lang, words in (vague.get("vague_before") or {}).items():
        lex.vague_before[lang] = {str(w).lower().split()[-1] for w in words or []}
    for key in ("time_nouns", "reference_words", "year_context"):
        table = data.get(key) or {}
        getattr(lex, key).update({lang: {str(w).lower() for w in words} for lang, words in table.items()})
    return lex
