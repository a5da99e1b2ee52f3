"""POS, lemma and morphology from HanTa, cached by word form (HanTa is the slow part).

One HanTa tagger per language and process: ``morphology(language)`` returns the shared
instance, and every user of HanTa (the NER lexicon features included) goes through it.
Loading the German model takes ~0.2 s and ~27 MB, so a second instance is never built. The tagger
as built (model unpacked, state reachability computed) is kept in the cache directory
(``lagebild.lexicon.store_cached``), which loads in about a third of the time."""

from __future__ import annotations

import sys
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from lagebild import lexicon

CACHE_KIND = "hanta"


@dataclass(frozen=True, slots=True)
class Analysis:
    word: str
    lemma: str
    pos: str  # STTS tag for German (VVFIN, NN, NE ...), Penn tag for English
    morphemes: tuple[tuple[str, str], ...] = ()  # HanTa's (morpheme, label) analysis


class Morphology:
    """Lazy HanTa tagger for one language. ``tag(words)`` tags a sentence in context;
    ``analyze(word)`` is a context-free, cached analysis of one form."""

    def __init__(self, language: str = "de") -> None:
        self.language = language
        self._tagger: Any = None
        self._lock = threading.Lock()
        self._cache: dict[str, Analysis] = {}

    @property
    def tagger(self) -> Any:
        """The HanTa tagger, loaded on first use."""
        if self._tagger is None:
            with self._lock:
                if self._tagger is None:
                    self._tagger = _load_tagger(_model(self.language))
        return self._tagger

    def tag(self, words: list[str]) -> list[tuple[str, str, str]]:
        """(word, lemma, pos) for each word of a sentence. A word longer than MAX_WORD is tagged as
        a placeholder (HanTa's time grows with the cube of a word's length) and keeps itself as lemma."""
        tagger = self.tagger
        given = [w if len(w) <= MAX_WORD else LONG_WORD_STANDIN for w in words]
        with self._lock:
            tagged = tagger.tag_sent(given, taglevel=1)
        return [(w, lemma if len(w) <= MAX_WORD else w, pos) for w, (_, lemma, pos) in zip(words, tagged, strict=True)]

    def analyze(self, word: str) -> Analysis:
        key = word
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        if len(word) > MAX_WORD:  # HanTa's time grows with the cube of a word's length: no analysis
            return Analysis(word, word, "", ())
        shipped = self._shipped(word)
        if shipped is not None:
            if len(self._cache) < 200_000:
                self._cache[key] = shipped
            return shipped
        tagger = self.tagger
        with self._lock:
            res = tagger.analyze(word, taglevel=3)
        # taglevel 3 gives (lemma stem, [(morpheme, label), ...], pos); be defensive about its shape
        lemma, tag = word, ""
        morphemes: tuple[tuple[str, str], ...] = ()
        if isinstance(res, tuple) and len(res) >= 2:
            lemma = res[0] if isinstance(res[0], str) else word
            tag = res[-1] if isinstance(res[-1], str) else ""
            if len(res) == 3 and isinstance(res[1], list):
                morphemes = tuple((str(m), str(lab)) for m, lab in res[1])
        analysis = Analysis(word, lemma, tag, morphemes)
        if len(self._cache) < 200_000:
            self._cache[key] = analysis
        return analysis


    def knows(self, word: str) -> bool:
        """Does HanTa's lexicon or the shipped table of its analyses hold ``word`` (any case)?"""
        if self.language != "de":
            return True
        from lagebild.language.wordtags import word_tags

        if word_tags(word) is not None:
            return True
        # the table holds every form of HanTa's lexicon of two letters or more (tested), so only
        # punctuation, numbers and single letters need HanTa itself (loading it costs 0.2 s)
        return (len(word) < 2 or not word.isalpha()) and hanta_lexicon("de").holds(word)

    def pos_of(self, word: str) -> str:
        """The part of speech of ``word`` out of context: HanTa's (``analyze(word).pos``), except for a
        capitalised German form that neither HanTa's lexicon nor the shipped table holds, which is
        read as a common noun or a name from lookups (``lagebild.language.guess``) instead of by
        HanTa's morpheme search. For callers that ask only "noun or name?"."""
        if self.language == "de" and 3 <= len(word) <= MAX_WORD and word[:1].isupper() \
                and word not in self._cache and not self.knows(word):
            from lagebild.language.guess import noun_or_name

            return noun_or_name(word)[0]
        return self.analyze(word).pos

    def _shipped(self, word: str) -> Analysis | None:
        """HanTa's analysis of ``word`` from the shipped table (``wordtags``), computed by HanTa when
        the table was built: the same result without the search."""
        if self.language != "de" or not word:
            return None
        from lagebild.language.wordtags import word_tags

        known = word_tags(word)
        reading = None if known is None else (known.upper if word[:1].isupper() else known.lower)
        if reading is None:
            return None
        lemma, pos, morphemes = reading
        return Analysis(word, lemma, pos, morphemes)


# The longest German words in real text are about 60-70 characters; HanTa's analysis time grows with
# the cube of a word's length (0.18 s at 109 characters, 3.6 s at 409), so longer pieces are not analysed.
MAX_WORD = 80
LONG_WORD_STANDIN = "Wort"


def _model(language: str) -> str:
    """HanTa's model file for ``language``."""
    return "morphmodel_ger.pgz" if language == "de" else "morphmodel_en.pgz"


def _load_tagger(model: str) -> Any:
    """HanTa's tagger for ``model`` (a file shipped with HanTa), with its word searches remembered
    (``hanta_fast``: HanTa's own results): from the cache when it holds the tagger built from this
    model file and HanTa's code (keyed by their paths, sizes and times), else built and stored there."""
    from HanTa import HanoverTagger as ht

    from lagebild.language.hanta_fast import make_fast  # imports HanTa (and numpy): only when needed

    key = _hanta_key("hanta-1", model)
    if key is None:
        return make_fast(ht.HanoverTagger(model))  # let HanTa say what is missing
    tagger = lexicon.load_cached(CACHE_KIND, key)
    if type(tagger) is not ht.HanoverTagger:
        tagger = ht.HanoverTagger(model)
        lexicon.store_cached(CACHE_KIND, key, tagger, keep=2)  # HanTa's own class: the cache stays HanTa's
    return make_fast(tagger)


# -- HanTa's lexicon without HanTa --------------------------------------------------------------
LEXICON_KIND = "hanta-lexicon"
_UNKNOWN_TAG = "_UNKNOWN_"  # HanTa's placeholder tag, which gets no case weight
UNSEEN_SYMBOL = "\ue000"  # a private-use character: HanTa has never seen it
_QUOTE_LIKE = frozenset(["`", "``", "´", "´´", "'", "''"])  # what HanTa reads as '"'


@dataclass(frozen=True)
class HantaLexicon:
    """The part of HanTa's model that answers for the ~23,000 forms of its lexicon: each form's tags
    with their log-probabilities and the weight of an upper- or lower-case first letter per tag.
    ``tag_word`` gives exactly ``HanoverTagger.tag_word`` for those forms (tested) without loading
    HanTa (0.2 s, and numpy 0.1 s): kept in the cache directory as plain data, it loads in a tenth
    of the time. A form outside the lexicon (``None``) needs HanTa's search (``morphology().tagger``)."""

    forms: dict[str, tuple[tuple[str, float], ...]]
    case_weights: dict[str, tuple[float, float]]
    # HanTa's reading of a one-character symbol its lexicon lacks ("„", "–", "€"), in a sentence and
    # as a first word, and the punctuation and symbol characters below U+3000 it reads so (checked
    # one by one when built)
    symbol: tuple[tuple[tuple[str, float], ...], tuple[tuple[str, float], ...]] = ((), ())
    symbols: frozenset[str] = frozenset()

    @classmethod
    def from_tagger(cls, tagger: Any) -> HantaLexicon:
        int2tag = tagger.int2tag
        forms = {form: tuple((str(int2tag[t]), float(p)) for t, p in readings)
                 for form, readings in tagger.cache.items()}
        weights = {str(int2tag[t]): (float(tagger.LP_case_t[t][False]), float(tagger.LP_case_t[t][True]))
                   for t in int2tag if t in tagger.LP_case_t}

        def reading(char: str) -> tuple[tuple[tuple[str, float], ...], ...]:
            return tuple(tuple((str(t), float(p)) for t, p in tagger.tag_word(char, cutoff=5, casesensitive=c))
                         for c in (True, False))

        symbol = reading(UNSEEN_SYMBOL)
        symbols = frozenset(c for c in map(chr, range(33, 0x3000)) if unicodedata.category(c)[0] in "PS"
                            and cls.normalize(c) not in forms and reading(c) == symbol)
        return cls(forms, weights, symbol, symbols)  # type: ignore[arg-type]

    @staticmethod
    def normalize(word: str) -> str:
        return '"' if word in _QUOTE_LIKE else word.lower()

    def holds(self, word: str) -> bool:
        """Is ``word`` (any case) a form of HanTa's lexicon?"""
        return self.normalize(word) in self.forms

    def tag_word(self, word: str, casesensitive: bool = True) -> list[tuple[str, float]] | None:
        """HanTa's tags of ``word``, best first, with their scores; None outside the lexicon."""
        readings = self.forms.get(self.normalize(word))
        if readings is None:
            if word in self.symbols:
                return list(self.symbol[0 if casesensitive else 1])
            return None
        if casesensitive:
            upper = 1 if word[:1].isupper() else 0
            weights = self.case_weights
            readings = tuple((tag, p if tag == _UNKNOWN_TAG else p + weights[tag][upper]) for tag, p in readings)
        return sorted(readings, key=lambda r: r[1], reverse=True)


lexicon.picklable_frozen(HantaLexicon)  # cached on disk (a compiled build needs this to read it back)


def _hanta_key(kind: str, model: str) -> str | None:
    """The cache key of what is built from HanTa's code and ``model`` file (their paths, sizes and
    times, found without importing HanTa, which imports numpy); None when a file is missing."""
    import importlib.util

    spec = importlib.util.find_spec("HanTa")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the language layer needs HanTa: pip install HanTa")
    folder = Path(next(iter(spec.submodule_search_locations)))
    try:
        stamps = [f"{f}:{f.stat().st_size}:{f.stat().st_mtime_ns}" for f in (folder / "HanoverTagger.py", folder / model)]
    except OSError:
        return None
    return lexicon.content_key(kind, sys.version, *stamps)


@lru_cache(maxsize=2)
def hanta_lexicon(language: str = "de") -> HantaLexicon:
    """HanTa's lexicon of ``language`` (``HantaLexicon``), from the cache directory when it holds the
    one read from this HanTa (keyed by the paths, sizes and times of its code and model), else read
    from the tagger and stored there."""
    key = _hanta_key("hanta-lexicon-4", _model(language))
    if key is None:
        return HantaLexicon.from_tagger(morphology(language).tagger)
    cached = lexicon.load_cached(LEXICON_KIND, key)
    if isinstance(cached, HantaLexicon):
        return cached
    built = HantaLexicon.from_tagger(morphology(language).tagger)
    lexicon.store_cached(LEXICON_KIND, key, built, keep=2)
    return built


@lru_cache(maxsize=2)
def morphology(language: str = "de") -> Morphology:
    """The shared Morphology instance for a language."""
    return Morphology(language)
