"""HanTa's word analysis, faster and remembered per tagger.

HanTa analyses a word it does not know (most names, compounds and numbers of a news article) with a
search over every way of cutting the word into morphemes: ``analyze_forward`` (which parts of speech
the word can have) and ``analyze_viterbi`` (the best cut for one part of speech, for the lemma). The
clause, speech and NER layers ask for the same unknown words again and again (a name is analysed by
three layers, in every sentence it occurs in), so ``FastTagger`` remembers the last results of both
searches (bounded, per tagger) and hands out copies.

The searches are HanTa's algorithm, rewritten for speed. HanTa scores a piece of the word again for
every state and every following tag (``lp_m_t``: several dictionary lookups and string slices each
time). Here each piece is looked up once per word, from tables built once per tagger (``_Model``),
and a piece the lexicon lacks is scored only for the open tags that follow. The states, their order
and every sum are HanTa's, in HanTa's order, so the results are the same to the last bit (tested
against HanTa's own methods).
"""

from __future__ import annotations

from operator import add
from typing import Any

from numpy import logaddexp

__all__ = ["FastTagger", "make_fast"]

MEMO = 50_000  # results remembered per search and tagger; then the memo starts again (memory stays bounded)
ENDINGS = 50_000  # word endings whose scores are remembered; then that memo starts again

# HanTa's constants (HanoverTagger.py): the special states of its morpheme automaton, its bounds
EMPTY, START, UNKNOWN, END_UNKNOWN = 0, 1, 3, -3
LOWERBOUND = -1e6  # HanTa drops every path below this log-probability
WHOLE_WORD_PENALTY = 4.6  # HanTa's penalty for reading the whole word as one unknown morpheme
TOP_STATES = 3  # HanTa expands only the best states of a row (and those within 1 of the fourth best)

State = tuple[int, int]  # (tag before, tag)
Step = tuple[int, float, State]  # (next tag, or its place among the open tags; transition log-prob; next state)
Steps = tuple[dict[State, list[Step]], dict[State, list[Step]]]  # per state: all steps, the steps to open tags
Scores = dict[int, float]  # log-probability of one piece of the word per morpheme tag
Guess = tuple[list[float], list[float]]  # per open tag: intercept + hapax + length, and the ending's score
Piece = tuple[Scores | None, Guess | None]  # a piece's scores, or (lexicon lacks it) its guess alone
Back = list[dict[State, tuple[State, int]]]  # per row: the state and row each state was reached from


def _base_class() -> type:
    from HanTa.HanoverTagger import HanoverTagger

    base: type = HanoverTagger
    return base


class _Model:
    """The tables of one tagger's model that HanTa's two searches read, arranged for speed.

    HanTa scores a piece of a word as a morpheme with tag t by its log-probability in the lexicon
    or, for an open tag (noun, name, ...) and a piece the lexicon lacks, by a guess: intercept +
    hapax + length + the score of its longest ending the tag knows (up to four letters)."""

    def __init__(self, tagger: Any) -> None:
        self.known: dict[str, Scores] = {}  # piece -> its log-probability per tag
        for tag, morphemes in tagger.LP_m_t.items():
            for morpheme, lp in morphemes.items():
                self.known.setdefault(morpheme, {})[tag] = lp
        self.open_tags = [tag for tag in tagger.LP_hapax_t if tag in tagger.LP_s_t]
        heads = [tagger.Int_t + tagger.LP_hapax_t[tag] for tag in self.open_tags]
        # per piece length (longer than 24: 24) and open tag: HanTa's first sums of a guess
        self.lengths = [[head + tagger.LP_len_t[tag][n] for tag, head in zip(self.open_tags, heads, strict=True)]
                        for n in range(25)]
        self.suffixes: list[dict[str, float]] = [tagger.LP_s_t[tag] for tag in self.open_tags]
        place = {tag: k for k, tag in enumerate(self.open_tags)}
        every = {state: [(tag, lp, (state[1], tag)) for tag, lp in steps]
                 for state, steps in tagger.LP_trans_nonfinal.items()}
        self.steps: Steps = (every, {state: [(place[tag], lp, new) for tag, lp, new in steps if tag in place]
                                     for state, steps in every.items()})
        self.final = {state: [(tag, lp, (state[1], tag)) for tag, lp in steps]
                      for state, steps in tagger.LP_trans_final.items()}
        self.reachability: dict[int, frozenset[int]] = tagger.reachability
        self._targets: dict[int, tuple[Steps, dict[State, float]]] = {}
        self._endings: dict[str, list[float]] = {}

    def pieces(self, word: str, start: int, strict: bool) -> list[Piece]:
        """HanTa's scores of word[start:end] for end = start + 1 .. len(word): per piece the scores
        per tag (HanTa's ``lp_m_t``, the tags it gives -inf left out; None: no tag), or for a piece
        the lexicon lacks only its guess (for the open tags). Strict: lexicon morphemes only."""
        known = self.known
        wlen = len(word)
        out: list[Piece] = []
        for end in range(start + 1, wlen + 1):
            piece = word[start:end]
            lexical = known.get(piece)
            size = end - start
            if strict or (wlen >= 4 and size <= 2):  # HanTa guesses no short piece of a long word
                out.append((lexical, None))
                continue
            guess = (self.lengths[min(size, 24)], self._ending_scores(piece))
            if lexical is None and size < wlen:
                out.append((None, guess))
            else:
                out.append((self._scores(guess, lexical, size == wlen), None))
        return out

    def _scores(self, guess: Guess, lexical: Scores | None, whole: bool) -> Scores:
        """A piece's scores per tag: the guesses (less HanTa's penalty for the whole word), unless
        the lexicon has the piece with that tag."""
        scores = dict(zip(self.open_tags, map(add, *guess), strict=True))
        if whole:
            scores = {tag: lp - WHOLE_WORD_PENALTY for tag, lp in scores.items()}
        if lexical:
            scores.update(lexical)
        return scores

    def _ending_scores(self, piece: str) -> list[float]:
        """Per open tag, the score of the longest ending of ``piece`` it knows (up to four letters,
        shorter than the piece; else the empty ending). Remembered by the last four letters and
        whether the piece is longer, on which it alone depends."""
        key = piece if len(piece) <= 4 else "+" + piece[-4:]  # five letters: never a piece of four or fewer
        hit = self._endings.get(key)
        if hit is None:
            if len(self._endings) >= ENDINGS:
                self._endings = {}
            endings = [piece[-n:] for n in (4, 3, 2, 1) if len(piece) > n]
            hit = self._endings[key] = [next((suffixes[e] for e in endings if e in suffixes), suffixes[""])
                                        for suffixes in self.suffixes]
        return hit

    def target(self, targetpos: int) -> tuple[Steps, dict[State, float]]:
        """For a search towards one part of speech: the steps to tags from which it can be reached,
        and per state the log-probability of ending there (HanTa's first final step to that tag)."""
        hit = self._targets.get(targetpos)
        if hit is None:
            reach = self.reachability.get(targetpos, frozenset())
            every, to_open = self.steps
            steps = ({state: [s for s in ss if s[0] in reach] for state, ss in every.items()},
                     {state: [s for s in ss if self.open_tags[s[0]] in reach] for state, ss in to_open.items()})
            ends = {}
            for state, followers in self.final.items():
                lpt = next((lp for tag, lp, _ in followers if tag == targetpos), None)
                if lpt is not None:
                    ends[state] = lpt
            hit = self._targets[targetpos] = (steps, ends)
        return hit


def _rowbound(row: dict[State, float]) -> float:
    """HanTa's bound on a row: only states within 1 of the fourth best go on."""
    if len(row) > TOP_STATES:
        return sorted(row.values(), reverse=True)[TOP_STATES] - 1
    return LOWERBOUND


def _table(model: _Model, word: str, steps: Steps, strict: bool, back: Back | None = None) -> list[dict[State, float]]:
    """The rows of HanTa's table of ``word`` up to the last letter: per row (letters read) the best
    log-probability of each state over ``steps``; with ``back``, each state's back pointer too."""
    wlen = len(word)
    every, to_open = steps
    first: dict[State, float] = {(EMPTY, START): 0}  # HanTa's int 0: the sums come out the same
    table = [first] + [{} for _ in range(wlen + 1)]
    for i in range(wlen + 1):
        row = table[i]
        bound = _rowbound(row)
        pieces: list[Piece] | None = None
        for state, lp in row.items():
            if lp < bound:
                continue
            followers = every.get(state)
            if not followers:
                continue
            if pieces is None:
                pieces = model.pieces(word, i, strict)
            _expand(table, back, (state, i), lp, followers, to_open[state], pieces)
    return table


def _expand(table: list[dict[State, float]], back: Back | None, origin: tuple[State, int], lp: float,
            followers: list[Step], open_followers: list[Step], pieces: list[Piece]) -> None:
    """Follow one state (``origin``: it and its row) with each piece that starts there."""
    start = origin[1]
    sums = [(tag, lp + lpt, new) for tag, lpt, new in followers]
    sums_open = [(k, lp + lpt, new) for k, lpt, new in open_followers]
    for j, (scores, guess) in enumerate(pieces, start + 1):
        if guess is not None:
            if sums_open:
                _add_guessed(table[j], None if back is None else back[j], origin, sums_open, guess)
        elif scores:
            _add_scored(table[j], None if back is None else back[j], origin, sums, scores)


def _add_scored(row: dict[State, float], back: dict[State, tuple[State, int]] | None, origin: tuple[State, int],
                sums: list[Step], scores: Scores) -> None:
    """Put a piece after a state into the row where the piece ends: the best path to each state
    (HanTa's lp + transition + morpheme, summed in that order)."""
    get = scores.get
    for tag, lp, new in sums:
        lpm = get(tag)
        if lpm is None:
            continue
        lp1 = lp + lpm
        if lp1 > LOWERBOUND:
            old = row.get(new)
            if old is None or lp1 > old:
                row[new] = lp1
                if back is not None:
                    back[new] = origin


def _add_guessed(row: dict[State, float], back: dict[State, tuple[State, int]] | None, origin: tuple[State, int],
                 sums: list[Step], guess: Guess) -> None:
    """``_add_scored`` for a piece the lexicon lacks: its guess for each open tag that follows. (The
    best-path update is written out in both loops: they run for every state, piece and tag, and a
    call per step would cost more than the update.)"""
    lengths, endings = guess
    for k, lp, new in sums:
        lp1 = lp + (lengths[k] + endings[k])
        if lp1 > LOWERBOUND:
            old = row.get(new)
            if old is None or lp1 > old:
                row[new] = lp1
                if back is not None:
                    back[new] = origin


def forward(model: _Model, word: str, strict: bool) -> list[tuple[int, float]]:
    """HanTa's ``analyze_forward``: the parts of speech of ``word`` with their log-probabilities."""
    table = _table(model, word, model.steps, strict)
    last = table[-1]
    for state, lp in table[-2].items():
        for _tag, lpt, new in model.final.get(state, ()):
            lp1 = lp + lpt
            if lp1 > LOWERBOUND and (new not in last or lp1 > last[new]):
                last[new] = lp1
    results: dict[int, Any] = {}
    for state, lp in last.items():
        if lp == -float("inf"):
            continue
        pos = -state[1]
        results[pos] = logaddexp(results[pos], lp) if pos in results else lp
    ranked = sorted(results.items(), key=lambda item: item[1], reverse=True)
    return ranked or [(UNKNOWN, 0)]


def viterbi(model: _Model, word: str, targetpos: int) -> list[tuple[int, int]]:
    """HanTa's ``analyze_viterbi``: the best cut of ``word`` into (tag, end) for one part of speech;
    lexicon morphemes only first, guessed ones too when those give no path."""
    wlen = len(word)
    steps, ends = model.target(targetpos)
    for strict in (True, False):
        back: Back = [{} for _ in range(wlen + 2)]
        table = _table(model, word, steps, strict, back)
        last, last_back = table[-1], back[-1]
        for state, lp in table[-2].items():
            lpt = ends.get(state)
            if lpt is None:
                continue
            lp1 = lp + lpt
            new = (state[1], targetpos)
            if lp1 > LOWERBOUND and (new not in last or lp1 > last[new]):
                last[new] = lp1
                last_back[new] = (state, wlen)
        if last:
            break
    return _best_path(table[-1], back)


def _best_path(last: dict[State, float], back: Back) -> list[tuple[int, int]]:
    """The path to the best final state, read back as HanTa does ((tag, end) per morpheme)."""
    pmax = -float("inf")
    best: State = (EMPTY, EMPTY)
    for state, lp in last.items():
        if lp > pmax:
            pmax, best = lp, state
    i = len(back) - 1
    if best == (EMPTY, EMPTY):
        return [(UNKNOWN, i - 1), (END_UNKNOWN, i)]
    path = [(best, i)]
    state = best
    while i > 0:
        state, i = back[i][state]
        path.append((state, i))
    return [(s[1], end) for s, end in reversed(path[:-1])]


class FastTagger(_base_class()):  # type: ignore[misc]
    """HanTa's tagger with faster word searches that remember their results (same results as HanTa's)."""

    _forward_memo: dict[str, list[tuple[int, float]]] | None = None
    _viterbi_memo: dict[tuple[str, int], list[tuple[int, int]]] | None = None
    _model: _Model | None = None

    def _tables(self) -> _Model:
        if self._model is None:
            self._model = _Model(self)
        return self._model

    def analyze_forward(self, word: str) -> list[tuple[int, float]]:
        if self._debug:  # HanTa prints its tables
            return list(super().analyze_forward(word))
        if self._forward_memo is None or len(self._forward_memo) >= MEMO:
            self._forward_memo = {}
        hit = self._forward_memo.get(word)
        if hit is None:
            hit = self._forward_memo[word] = forward(self._tables(), word, self.strict)
        return list(hit)

    def analyze_viterbi(self, word: str, targetpos: int) -> list[tuple[int, int]]:
        if self._debug:
            return list(super().analyze_viterbi(word, targetpos))
        if self._viterbi_memo is None or len(self._viterbi_memo) >= MEMO:
            self._viterbi_memo = {}
        key = (word, targetpos)
        hit = self._viterbi_memo.get(key)
        if hit is None:
            hit = self._viterbi_memo[key] = viterbi(self._tables(), word, targetpos)
        return list(hit)


def make_fast(tagger: Any) -> Any:
    """``tagger`` (a loaded ``HanoverTagger``) as a ``FastTagger`` (its class swapped: no copy of the model)."""
    if type(tagger) is _base_class():
        tagger.__class__ = FastTagger
    return tagger
