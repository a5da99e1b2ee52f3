"""HanTa's two word searches as ``hanta_fast`` runs them (its own implementation of HanTa's
algorithm): the same parts of speech, log-probabilities (to the last bit, same types) and cuts into
morphemes as HanTa's own ``analyze_forward`` and ``analyze_viterbi``, for words of every kind."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from lagebild.language import hanta_fast
from lagebild.language.morphology import morphology

WORDS = {
    "de": ["Bundesverteidigungsministerium", "Sicherheitsgarantien", "Donaudampfschifffahrt", "Kremlchef",
           "Selenskyj", "Scholz", "Wladimir", "Baerbock", "Nord-Stream-Pipeline", "CDU-Vorsitzender", "Ukraine-Krieg",
           "2022", "3,5", "17.", "1990er", "Übergriffe", "Größenordnung", "Äußerungen", "Öl", "NATO", "UNO-Sicherheitsrat",
           "abgestürzten", "vermittelte", "herausgefordert", "ab", "Xy", "zz", "qu", "a", "Krrk", "grün-weiß", "ß", "",
           "Oberbürgermeisterkandidatin", "Fußballweltmeisterschaft", "McDonald's", "E-Mail", "Hamas", "Tsipras"],
    "en": ["Zelensky", "counteroffensive", "unbelievably", "NATO", "2022", "re-elected", "Kyiv", "antidisestablishment",
           "walked", "x", "", "O'Brien"],
}


def _hanta(language: str) -> Any:
    """HanTa's own tagger class on the loaded model (its searches, not ``hanta_fast``'s)."""
    own = copy.copy(morphology(language).tagger)
    own.__class__ = hanta_fast.FastTagger.__mro__[1]
    return own


def _same(fast: list[Any], own: list[Any]) -> bool:
    """Equal lists whose numbers are equal to the bit and of the same type (HanTa's numpy sums)."""
    return repr(fast) == repr(own) and [type(x) for pair in fast for x in pair] == [type(x) for pair in own for x in pair]


@pytest.mark.parametrize("language", ["de", "en"])
def test_hanta_fast_search_gives_hantas_results(language: str) -> None:
    own = _hanta(language)
    model = hanta_fast._Model(own)  # fresh tables, nothing remembered
    some_tags = sorted(t for t in own.LP_wtag if isinstance(t, int) and t > 3)[::7]
    for word in WORDS[language]:
        for form in {word, word.lower()}:  # the pipeline asks lower case (HanTa lower-cases first)
            forward = hanta_fast.forward(model, form, own.strict)
            hantas = own.analyze_forward(form)
            assert _same(forward, hantas), (form, forward, hantas)
            for target in sorted({-t for t, _ in hantas} | {-t for t in some_tags}):
                cut, hantas_cut = hanta_fast.viterbi(model, form, target), own.analyze_viterbi(form, target)
                assert cut == hantas_cut, (form, target, cut, hantas_cut)


def test_hanta_fast_tagger_uses_its_own_search() -> None:
    fast = copy.copy(morphology("de").tagger)
    fast._forward_memo = fast._viterbi_memo = None
    own = _hanta("de")
    assert fast.analyze_forward("kremlsprecherin") == own.analyze_forward("kremlsprecherin")
    assert type(fast).analyze_forward is not type(own).analyze_forward
