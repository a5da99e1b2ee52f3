"""HanTa's word analysis, remembered per tagger.

HanTa analyses a word it does not know (most names, compounds and numbers of a news article) with a
search over every way of cutting the word into morphemes: ``analyze_forward`` (which parts of speech
the word can have) and ``analyze_viterbi`` (the best cut for one part of speech, for the lemma). The
clause, speech and NER layers ask for the same unknown words again and again (a name is analysed by
three layers, in every sentence it occurs in), so ``FastTagger`` remembers the last results of both
searches (bounded, per tagger) and hands out copies. The searches themselves are HanTa's own code.
"""

from __future__ import annotations

from typing import Any

__all__ = ["FastTagger", "make_fast"]

MEMO = 50_000  # results remembered per search and tagger; then the memo starts again (memory stays bounded)


def _base_class() -> type:
    from HanTa.HanoverTagger import HanoverTagger

    base: type = HanoverTagger
    return base


class FastTagger(_base_class()):  # type: ignore[misc]
    """HanTa's tagger whose two word searches remember their results (same results as HanTa's)."""

    _forward_memo: dict[str, list[tuple[int, float]]] | None = None
    _viterbi_memo: dict[tuple[str, int], list[tuple[int, int]]] | None = None

    def analyze_forward(self, word: str) -> list[tuple[int, float]]:
        if self._forward_memo is None or len(self._forward_memo) >= MEMO:
            self._forward_memo = {}
        hit = self._forward_memo.get(word)
        if hit is None:
            hit = self._forward_memo[word] = list(super().analyze_forward(word))
        return list(hit)

    def analyze_viterbi(self, word: str, targetpos: int) -> list[tuple[int, int]]:
        if self._viterbi_memo is None or len(self._viterbi_memo) >= MEMO:
            self._viterbi_memo = {}
        key = (word, targetpos)
        hit = self._viterbi_memo.get(key)
        if hit is None:
            hit = self._viterbi_memo[key] = list(super().analyze_viterbi(word, targetpos))
        return list(hit)


def make_fast(tagger: Any) -> Any:
    """``tagger`` (a loaded ``HanoverTagger``) as a ``FastTagger`` (its class swapped: no copy of the model)."""
    if type(tagger) is _base_class():
        tagger.__class__ = FastTagger
    return tagger
