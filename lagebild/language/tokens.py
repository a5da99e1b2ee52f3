"""Tokens: spaCy's blank tokenizer of the language with Lagebild's rules (``lexicons/tokenizer.yaml``).

spaCy splits a text at spaces, then strips opening and closing punctuation off each piece and splits
it at infixes; its exceptions keep abbreviations whole. We add to that (all as data in the lexicon):
a final period is always split off (so "2030." and "Kennedy." end a sentence) unless the piece is an
abbreviation or matches a ``keep_whole`` pattern (ordinals "3.", dates "21.01.2022", initials "W.",
"z.B.", "9/11"); single guillemets, "?!" runs and quotes glued to a colon or a hyphen are split.

The tokenizer is built once per process, language and set of lexicon directories (lazily, cached)
and is reentrant: spaCy's ``Tokenizer.__call__`` keeps no state between calls except its cache of
pieces, so threads share it without a lock. A piece seen before costs one dictionary lookup; an
unseen one a few regex searches over itself. spaCy strips affixes one at a time, so a long run of
them would cost the square of its length: runs of eight or more punctuation characters are one
affix (``punctuation_run``) and pieces over MAX_PIECE characters are split before spaCy sees them,
which keeps the time linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lagebild import lexicon
from lagebild.errors import ConfigError

RULE = "spacy-blank+rules"
LEXICON = "tokenizer"
_SCHEMA: dict[str, type | tuple[type, ...]] = {"de": dict, "en": dict}
_SECTION_SCHEMA: dict[str, type] = {
    "abbreviations": list, "keep_whole": dict, "split_prefixes": dict, "split_suffixes": dict,
    "split_infixes": dict, "sentence": dict}


def lexicon_language(language: str | None) -> str:
    """The lexicon section (and spaCy language) for a document language: English or German."""
    return "en" if language == "en" else "de"


def section(language: str) -> dict[str, Any]:
    """The checked ``de`` or ``en`` section of ``tokenizer.yaml``."""
    data = lexicon.load(LEXICON, _SCHEMA)[lexicon_language(language)]
    missing = [key for key in _SECTION_SCHEMA if key not in data]
    if missing:
        raise ConfigError(f"lexicon {LEXICON}.yaml: section {language!r} lacks {', '.join(missing)}")
    for key, typ in _SECTION_SCHEMA.items():
        if not isinstance(data[key], typ):
            raise ConfigError(f"lexicon {LEXICON}.yaml: {language}.{key} must be a "
                              f"{getattr(typ, '__name__', typ)}, not {type(data[key]).__name__}")
    return data


def _letter_classes() -> dict[str, str]:
    from spacy.lang.char_classes import ALPHA, ALPHA_LOWER, ALPHA_UPPER

    return {"{a}": ALPHA, "{al}": ALPHA_LOWER, "{au}": ALPHA_UPPER}


def _expand(name: str, pattern: str, classes: Mapping[str, str]) -> str:
    """The pattern with ``{a}`` ``{al}`` ``{au}`` replaced by spaCy's letter classes, checked."""
    for key, chars in classes.items():
        pattern = pattern.replace(key, chars)
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ConfigError(f"lexicon {LEXICON}.yaml: pattern {name!r} is not a valid regex: {exc}") from exc
    return pattern


@dataclass(frozen=True)
class TokenizerRules:
    """What Lagebild adds to spaCy's tokenizer of one language: abbreviations, named patterns of
    pieces kept whole, and named affix patterns (all from ``tokenizer.yaml``)."""

    language: str
    abbreviations: tuple[str, ...]
    keep_whole: tuple[tuple[str, str], ...]
    prefixes: tuple[tuple[str, str], ...]
    suffixes: tuple[tuple[str, str], ...]
    infixes: tuple[tuple[str, str], ...]

    @classmethod
    def from_lexicon(cls, language: str) -> TokenizerRules:
        data = section(language)
        classes = _letter_classes()

        def named(key: str) -> tuple[tuple[str, str], ...]:
            return tuple((str(n), _expand(str(n), str(p), classes)) for n, p in data[key].items())

        return cls(lexicon_language(language), tuple(str(a) for a in data["abbreviations"]),
                   named("keep_whole"), named("split_prefixes"), named("split_suffixes"),
                   named("split_infixes"))

    def keep_whole_match(self, abbreviations: frozenset[str]) -> Callable[[str], bool]:
        """spaCy's ``token_match``: a piece that is one of ``abbreviations`` or matches one of the
        ``keep_whole`` patterns entirely stays one token."""
        pattern = re.compile("|".join(f"(?:{p})" for _, p in self.keep_whole) or "(?!)")
        fullmatch = pattern.fullmatch

        def keep(piece: str) -> bool:
            return piece in abbreviations or fullmatch(piece) is not None

        return keep


def _sort_exceptions(tokenizer: Any, exceptions: Mapping[str, Any]) -> tuple[set[str], dict[str, Any]]:
    """spaCy's exceptions (``exceptions``; ``tokenizer`` has our affixes), sorted: the pieces they keep whole ("Dr.", "bzw.", "z.B.", ":)"), which
    join our abbreviations in ``token_match``, and the rules that split a piece without affixes
    ("don't" -> do n't), which stay special cases. A special case that contains an affix (with the
    final-period suffix: every abbreviation) makes spaCy run its special-case matcher over every
    document: 60 % of the tokenizer's time on the seeds + demo corpus. The few that split an
    affixed piece ("10a.m." -> 10 a.m.) are dropped."""
    whole: set[str] = set()
    splitting: dict[str, Any] = {}
    for key, parts in exceptions.items():
        affixed = " " in key or tokenizer.find_prefix(key) or tokenizer.find_suffix(key) or tokenizer.find_infix(key)
        if not affixed:
            splitting[key] = parts
        elif len(parts) == 1:
            whole.add(key)
    return whole, splitting


def _spacy_parts(language: str) -> tuple[Any, Any, Any]:
    """spaCy's ``Tokenizer`` class, a fresh vocabulary of ``language`` and the language's defaults
    (affixes, exceptions, URL pattern): what ``spacy.blank(language).tokenizer`` is built from,
    without building the rest of a pipeline (a fifth of the tokenizer's start-up)."""
    try:
        from spacy.tokenizer import Tokenizer
        from spacy.util import get_lang_class
        from spacy.vocab import create_vocab
    except ImportError as exc:  # a runtime dependency; say which package is missing
        raise ImportError("the language layer needs spaCy: pip install 'spacy>=3.7'") from exc
    defaults = get_lang_class(language).Defaults
    return Tokenizer, create_vocab(language, defaults), defaults


def spacy_tokenizer(language: str | None) -> Any:
    """spaCy's blank tokenizer of ``language`` ("de" for anything not English) with the rules of
    ``tokenizer.yaml``; built once per process, language and set of lexicon directories."""
    return _build_tokenizer(lexicon_language(language), lexicon.lexicon_dirs())


@lru_cache(maxsize=8)
def _build_tokenizer(language: str, dirs: tuple[Any, ...]) -> Any:
    """``dirs`` (the lexicon directories) only keys the cache: a user lexicon gets its own tokenizer.
    The tokenizer of ``spacy.blank(language)`` with our affixes added to spaCy's, spaCy's exceptions
    sorted (``_sort_exceptions``) and our ``token_match``."""
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    rules = TokenizerRules.from_lexicon(language)
    tokenizer_class, vocab, defaults = _spacy_parts(language)
    tokenizer = tokenizer_class(
        vocab, rules=None,
        prefix_search=compile_prefix_regex([*(p for _, p in rules.prefixes), *defaults.prefixes]).search,
        suffix_search=compile_suffix_regex([*(p for _, p in rules.suffixes), *defaults.suffixes]).search,
        infix_finditer=compile_infix_regex([*defaults.infixes, *(p for _, p in rules.infixes)]).finditer,
        url_match=defaults.url_match)
    whole, splitting = _sort_exceptions(tokenizer, defaults.tokenizer_exceptions)
    tokenizer.rules = splitting
    tokenizer.token_match = rules.keep_whole_match(frozenset(whole | set(rules.abbreviations)))
    return tokenizer


# A whitespace-free piece longer than this is not given to spaCy: spaCy strips prefixes and
# suffixes one at a time, each time searching and hashing the rest of the piece, so its time grows
# with the square of a piece's length. Such a piece is split into runs of letters and digits and
# single other characters (LONG_PIECE_RULE). The longest piece in the seeds, the demo corpus, the
# own test sets and UD German GSD is 28 characters; a long URL stays under 256.
MAX_PIECE = 256
LONG_PIECE_RULE = "long-piece-split"
_LONG_PIECE = re.compile(rf"(?<!\S)\S{{{MAX_PIECE + 1},}}")
_LONG_PIECE_PARTS = re.compile(r"[^\W_]+|\S")


@dataclass(frozen=True, slots=True)
class TokenSpans:
    """The tokens of a text as parallel lists: character offsets, whether whitespace follows (the
    end of the text counts as whitespace), and the rule of each token (``None``: all ``RULE``)."""

    starts: list[int]
    ends: list[int]
    space_after: list[bool]
    rules: list[str] | None = None


def token_spans(text: str, language: str | None) -> TokenSpans:
    """The tokens of ``text`` (whitespace dropped), in time linear in its length. spaCy splits at
    every whitespace character, so no token crosses a line or a paragraph."""
    tokenizer = spacy_tokenizer(lexicon_language(language))
    if not _has_long_piece(text):
        return _spacy_spans(tokenizer, text)
    starts: list[int] = []
    ends: list[int] = []
    rules: list[str] = []
    done = 0
    for piece in [*_LONG_PIECE.finditer(text), None]:
        upto = piece.start() if piece else len(text)
        part = _spacy_spans(tokenizer, text[done:upto], done)
        starts += part.starts
        ends += part.ends
        rules += [RULE] * len(part.starts)
        if piece:
            for m in _LONG_PIECE_PARTS.finditer(text, piece.start(), piece.end()):
                starts.append(m.start())
                ends.append(m.end())
                rules.append(LONG_PIECE_RULE)
            done = piece.end()
    n = len(text)
    return TokenSpans(starts, ends, [e >= n or text[e].isspace() for e in ends], rules)


def _has_long_piece(text: str) -> bool:
    """Whether ``text`` has a whitespace-free piece of more than MAX_PIECE characters. Such a piece
    holds a whole aligned block of MAX_PIECE // 2 characters without a space, so the regex runs only
    when one block lacks a space (a tenth of the time of running it on every text)."""
    step = MAX_PIECE // 2
    find = text.find
    for block in range(0, len(text) - step + 1, step):
        if find(" ", block, block + step) < 0:
            return _LONG_PIECE.search(text) is not None
    return False


# spaCy is given a long text in parts of about this many characters, cut after a space: its tokens
# never cross whitespace, so the tokens are the same, and one part's arrays stay in the processor's
# caches (the tokenizer on one call took 2.4 ms on 100k characters and 44 ms on 1M; no article of the
# seeds, the demo corpus or our gold sets is this long, so they are tokenized in one call as before)
CHUNK = 50_000


def _spacy_spans(tokenizer: Any, text: str, offset: int = 0) -> TokenSpans:
    """``_spacy_chunk`` over the parts of a long text (see CHUNK)."""
    if len(text) <= CHUNK:
        return _spacy_chunk(tokenizer, text, offset)
    starts: list[int] = []
    ends: list[int] = []
    space_after: list[bool] = []
    done = 0
    while done < len(text):
        cut = len(text)
        if cut - done > CHUNK:
            cut = text.rfind(" ", done + CHUNK // 2, done + CHUNK) + 1 or _after_space(text, done + CHUNK // 2,
                                                                                    done + CHUNK)
        part = _spacy_chunk(tokenizer, text[done:cut], offset + done)
        starts += part.starts
        ends += part.ends
        space_after += part.space_after
        done = cut
    return TokenSpans(starts, ends, space_after)


def _after_space(text: str, lo: int, hi: int) -> int:
    """The position after the last whitespace character in text[lo:hi], else the end of the text
    (a text without whitespace there goes to spaCy whole)."""
    for i in range(hi - 1, lo - 1, -1):
        if text[i].isspace():
            return i + 1
    return len(text)


def _spacy_chunk(tokenizer: Any, text: str, offset: int = 0) -> TokenSpans:
    """The spans of spaCy's tokens of ``text`` (shifted by ``offset``), read from one array of
    (start, length, is space, space follows) per token: no Python work per token."""
    rows = tokenizer(text).to_array(_array_attrs())
    if not len(rows):
        return TokenSpans([], [], [])
    # whitespace follows a token when spaCy says so (one " ") or when the next token is whitespace
    rows[:-1, 3] |= rows[1:, 2]
    rows[-1, 3] = 1
    kept = rows[rows[:, 2] == 0]
    kept[:, 0] += offset
    kept[:, 1] += kept[:, 0]
    starts, ends = kept[:, :2].T.tolist()
    return TokenSpans(starts, ends, kept[:, 3].astype(bool).tolist())


@lru_cache(maxsize=1)
def _array_attrs() -> list[int]:
    from spacy.attrs import IDX, IS_SPACE, LENGTH, SPACY

    return [IDX, LENGTH, IS_SPACE, SPACY]
