"""POS, lemma and morphology from HanTa, cached by word form (HanTa is the slow part).

One HanTa tagger per language and process: ``morphology(language)`` returns the shared
instance, and every user of HanTa (the NER lexicon features included) goes through it.
Loading the German model takes ~0.2 s and ~27 MB, so a second instance is never built. The tagger
as built (model unpacked, state reachability computed) is kept in the cache directory
(``lagebild.lexicon.store_cached``), which loads in about a third of the time."""

from __future__ import annotations

import sys
import threading
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
                    self._tagger = _load_tagger("morphmodel_ger.pgz" if self.language == "de" else "morphmodel_en.pgz")
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
        return (len(word) < 2 or not word.isalpha()) and word.lower() in self.tagger.cache

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


def _load_tagger(model: str) -> Any:
    """HanTa's tagger for ``model`` (a file shipped with HanTa), with its word searches remembered
    (``hanta_fast``: HanTa's own results): from the cache when it holds the tagger built from this
    model file and HanTa's code (keyed by their paths, sizes and times), else built and stored there."""
    from HanTa import HanoverTagger as ht

    from lagebild.language.hanta_fast import make_fast  # imports HanTa (and numpy): only when needed

    files = [Path(ht.__file__), Path(ht.__file__).parent / model]
    try:
        stamps = [f"{f}:{f.stat().st_size}:{f.stat().st_mtime_ns}" for f in files]
    except OSError:
        return make_fast(ht.HanoverTagger(model))  # let HanTa say what is missing
    key = lexicon.content_key("hanta-1", sys.version, *stamps)
    tagger = lexicon.load_cached(CACHE_KIND, key)
    if type(tagger) is not ht.HanoverTagger:
        tagger = ht.HanoverTagger(model)
        lexicon.store_cached(CACHE_KIND, key, tagger, keep=2)  # HanTa's own class: the cache stays HanTa's
    return make_fast(tagger)


@lru_cache(maxsize=2)
def morphology(language: str = "de") -> Morphology:
    """The shared Morphology instance for a language."""
    return Morphology(language)
