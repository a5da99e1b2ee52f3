"""Sentences: where a sentence ends inside one paragraph, decided on its tokens.

A sentence ends after a token made only of terminal characters ("." "!" "?" "?!" "..." "…"),
together with the closing quotes and brackets and further terminal tokens that follow it
(»Wir gehen!« / „Wirklich?“ / (siehe oben.)), unless a veto rule says the text goes on: the next
token starts with a lower-case letter ("Er sagte ... und ging", „Ja!“ rief er), is punctuation
that never starts a sentence („Wir kommen!“, sagte er) or is a dash after a closing quote
(„Wir kommen!“ – sagte er). Abbreviations ("Dr.", "z. B."), ordinals
("am 3. Mai") and initials ("W. Putin") are single tokens from the tokenizer, never a lone ".",
so they end no sentence. A paragraph end always ends a sentence; sentences never cross one.

Each boundary carries the name of the rule that made it (``Sentence.rule``): ``terminal`` after
terminal punctuation, ``quote-final`` when closing quotes or brackets followed it,
``paragraph-end`` for the last sentence of a paragraph, ``length-cap`` where a sentence reached
MAX_SENTENCE_TOKENS tokens without an end (``cap_lengths``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lagebild.language.tokens import lexicon_language, section
from lagebild.lexicon import lexicon_dirs

TERMINAL = "terminal"
QUOTE_FINAL = "quote-final"
PARAGRAPH_END = "paragraph-end"
LENGTH_CAP = "length-cap"
# No sentence is longer than this many tokens: the layers above read a sentence with loops over its
# words and cues, so a text without sentence ends ("sagte er, " for 1 MB, words without punctuation)
# would cost the square of its length. The longest sentences seen: seeds 52 tokens, the demo corpus and
# our gold sets 42, UD German GSD 63, Redewiedergabe (27,814 sentences of 1840-1920 fiction and news) 196;
# so 250 never cuts a written sentence, and a run-on text costs at most 250 tokens per sentence.
MAX_SENTENCE_TOKENS = 250


@dataclass(frozen=True)
class SentenceRules:
    """The characters and tokens the splitter reads, per language (``tokenizer.yaml``, ``sentence``)."""

    terminal_chars: str
    closing: frozenset[str]
    continuation: frozenset[str]
    dashes: frozenset[str]

    def is_terminal(self, word: str) -> bool:
        return word[-1] in self.terminal_chars and not word.strip(self.terminal_chars)


@dataclass(frozen=True)
class Veto:
    """A reason not to end a sentence before ``word``, the token after a sentence end; ``quoted``
    says whether a closing quote or bracket ended it."""

    name: str
    applies: Callable[[str, bool, SentenceRules], bool]


VETOES: tuple[Veto, ...] = (
    Veto("next-lowercase", lambda word, quoted, rules: word[0].islower()),
    Veto("next-continues", lambda word, quoted, rules: word in rules.continuation),
    # „Wir kommen!“ – sagte er.
    Veto("dash-after-quote", lambda word, quoted, rules: quoted and word in rules.dashes),
)


def sentence_rules(language: str | None) -> SentenceRules:
    """The splitter's data for ``language`` ("de" for anything not English), from ``tokenizer.yaml``."""
    return _sentence_rules(lexicon_language(language), lexicon_dirs())


@lru_cache(maxsize=8)
def _sentence_rules(language: str, dirs: tuple[Path, ...]) -> SentenceRules:
    """``dirs`` (the lexicon directories) only keys the cache."""
    data = section(language)["sentence"]
    return SentenceRules(str(data["terminal_chars"]), *(frozenset(str(c) for c in data[key])
                                                        for key in ("closing", "continuation", "dashes")))


def _closes(j: int, words: Sequence[str], starts: Sequence[int], ends: Sequence[int],
            rules: SentenceRules) -> bool:
    """Token ``j`` is a closing quote or bracket of the sentence before it: glued to the token
    before, or standing free (quote-final whitespace: »Wir gehen! «); an opening quote is glued
    to the word after it and stands apart from the one before."""
    if words[j] not in rules.closing:
        return False
    glued_left = starts[j] == ends[j - 1]
    glued_right = j + 1 < len(words) and starts[j + 1] == ends[j]
    return glued_left or not glued_right


def sentence_starts(words: Sequence[str], starts: Sequence[int], ends: Sequence[int], rules: SentenceRules,
                    paragraph_starts: Collection[int] = frozenset()) -> list[tuple[int, str]]:
    """``(first token, rule)`` of every sentence that starts inside a paragraph, for tokens given
    as texts and offsets; ``rule`` names what ended the sentence before. ``paragraph_starts`` holds
    the index of the first token of every paragraph: a sentence end never reaches over one (the
    caller starts a sentence there)."""
    out: list[tuple[int, str]] = []
    n = len(words)
    terminal_chars = rules.terminal_chars
    reached = 0
    for i in [i for i, word in enumerate(words) if word[-1] in terminal_chars]:
        if i < reached or words[i].strip(terminal_chars):
            continue
        j = i + 1
        rule = TERMINAL
        while j < n and j not in paragraph_starts:
            if rules.is_terminal(words[j]):
                j += 1
            elif _closes(j, words, starts, ends, rules):
                rule = QUOTE_FINAL
                j += 1
            else:
                break
        reached = j
        quoted = rule == QUOTE_FINAL
        if j < n and j not in paragraph_starts and not any(veto.applies(words[j], quoted, rules) for veto in VETOES):
            out.append((j, rule))
    return out


def cap_lengths(words: Sequence[str], heads: Sequence[int], rules: SentenceRules,
                max_tokens: int = MAX_SENTENCE_TOKENS) -> list[int]:
    """The first tokens of the sentences to add so that none of the sentences starting at ``heads``
    (sorted first-token indices) is longer than ``max_tokens`` tokens: a sentence that reaches the cap
    ends after the last clause mark (a token that never starts a sentence: "," ";" ":") in the second
    half of its window, else right at the cap. Each added start ends the sentence before it by the
    rule LENGTH_CAP."""
    out: list[int] = []
    stops = [*heads[1:], len(words)] if heads else []
    half = max(1, max_tokens // 2)
    for first, stop in zip(heads, stops, strict=True):
        while stop - first > max_tokens:
            cut = next((k + 1 for k in range(first + max_tokens - 1, first + half - 1, -1)
                        if words[k] in rules.continuation), first + max_tokens)
            out.append(cut)
            first = cut
    return out
