"""HanTa's word analysis as the pipeline runs it (``lagebild.language.hanta_fast``, remembered): the
same tags, probabilities, lemmas and morphemes as HanTa's own code, for the words of the demo corpus
in both languages, asked once and asked again."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest

from lagebild.language import hanta_fast
from lagebild.language.morphology import morphology

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
VERB_TAGS = {"de": ("VV(FIN)", "VV(INF)", "VV(PP)", "VA(FIN)", "NN", "ADJA"), "en": ("VVD", "VVN", "VVB", "NN1")}


def _pair(language: str) -> tuple[Any, Any]:
    """HanTa's own tagger and the pipeline's, on one loaded model."""
    fast = morphology(language).tagger
    assert isinstance(fast, hanta_fast.FastTagger), "the pipeline remembers HanTa's word analysis"
    own = copy.copy(fast)
    own.__class__ = hanta_fast.FastTagger.__mro__[1]
    fresh = copy.copy(fast)  # its own memo, so every word is searched, not remembered
    fresh._forward_memo = fresh._viterbi_memo = None
    return own, fresh


def _words(language: str, n: int) -> list[str]:
    """Forms of the demo corpus HanTa has not seen in training (those it searches), longest first
    (the hardest: most ways to cut them), then every tenth of the rest, as written."""
    tagger = morphology(language).tagger
    forms: set[str] = set()
    for path in sorted(CORPUS.glob(f"{language}_*.txt")):
        forms.update(re.findall(r"\w+(?:[-.]\w+)*|[^\w\s]", path.read_text(encoding="utf-8")))
    unknown = sorted((f for f in forms if tagger.normalize(f) not in tagger.cache), key=lambda f: (-len(f), f))
    return unknown[: n // 2] + unknown[n // 2::10][: n // 2]


@pytest.mark.parametrize("language", ["de", "en"])
def test_language_hanta_tags_and_probabilities_are_hantas(language: str) -> None:
    own, fast = _pair(language)
    words = _words(language, 100)
    assert len(words) > 50
    for word in words:
        for case_sensitive in (True, False):
            assert fast.tag_word(word, cutoff=5.0, casesensitive=case_sensitive) == \
                own.tag_word(word, cutoff=5.0, casesensitive=case_sensitive), word


@pytest.mark.parametrize("language", ["de", "en"])
def test_language_hanta_lemmas_and_morphemes_are_hantas(language: str) -> None:
    own, fast = _pair(language)
    for word in _words(language, 40):
        assert fast.analyze(word, taglevel=3) == own.analyze(word, taglevel=3), word
        for pos in VERB_TAGS[language]:
            assert fast.analyze(word, pos=pos, taglevel=1) == own.analyze(word, pos=pos, taglevel=1), (word, pos)


def test_language_hanta_remembered_results_are_the_searched_ones() -> None:
    own, fast = _pair("de")
    word = "Sicherheitsgarantien"
    first = fast.tag_word(word)
    first.append(("XY", 0.0))  # a caller changing its list does not change the next answer
    assert fast.tag_word(word) == own.tag_word(word)
