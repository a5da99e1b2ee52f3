"""Tokens: the rules of spaCy's blank tokenizer of the language with Lagebild's (``lexicons/tokenizer.yaml``),
applied by our own splitter.

spaCy splits a text at spaces, then strips opening and closing punctuation off each piece and splits
it at infixes; its exceptions keep abbreviations whole. We add to that (all as data in the lexicon):
a final period is always split off (so "2030." and "Kennedy." end a sentence) unless the piece is an
abbreviation or matches a ``keep_whole`` pattern (ordinals "3.", dates "21.01.2022", initials "W.",
"z.B.", "9/11"); single guillemets, "?!" runs and quotes glued to a colon or a hyphen are split.

``Splitter`` runs spaCy's algorithm on those rules in Python: it gives spaCy's tokens exactly
(tested on real articles and generated text) but needs no spaCy at run time. The rules are read
from spaCy once (``reference_tokenizer``) and cached on disk as plain data keyed by spaCy's version
and the lexicons' content; importing spaCy took half of ``lagebild analyze one.txt``. A piece seen
before costs one dictionary lookup; an unseen one a few regex searches over itself (about twice as
fast as spaCy on new text, six times on text seen before). Most unseen pieces need no affix search: a
word or number of plain letters or digits is one token, and a suffix is searched only after a
piece's leading letters or digits; both are proven from the rules' patterns when the rules are read (``plain_pattern``,
``lead_pattern``), which halves the time on new text. Affixes are stripped one at a time, so a
long run of them would cost the square of its length: runs of eight or more punctuation
characters are one affix (``punctuation_run``) and pieces over MAX_PIECE characters are split
before the splitter sees them, which keeps the time linear in the length of the text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Any

from lagebild import lexicon
from lagebild.errors import ConfigError

log = logging.getLogger(__name__)

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

    def keep_whole_pattern(self) -> str:
        """One pattern of all ``keep_whole`` patterns (one that never matches when there are none)."""
        return "|".join(f"(?:{p})" for _, p in self.keep_whole) or "(?!)"

    def keep_whole_match(self, abbreviations: frozenset[str]) -> Callable[[str], bool]:
        """spaCy's ``token_match`` (and the splitter's): a piece that is one of ``abbreviations`` or
        matches one of the ``keep_whole`` patterns entirely stays one token."""
        return keep_whole_match(self.keep_whole_pattern(), abbreviations)


def keep_whole_match(pattern: str, whole: frozenset[str]) -> Callable[[str], bool]:
    """Whether a piece stays one token: it is one of ``whole`` or ``pattern`` matches it entirely."""
    fullmatch = re.compile(pattern).fullmatch

    def keep(piece: str) -> bool:
        return piece in whole or fullmatch(piece) is not None

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


def reference_tokenizer(language: str | None) -> Any:
    """spaCy's blank tokenizer of ``language`` ("de" for anything not English) with the rules of
    ``tokenizer.yaml``: what ``Splitter`` reproduces, and the source of its rules (imports spaCy;
    built once per process, language and set of lexicon directories)."""
    return _build_tokenizer(lexicon_language(language), lexicon.lexicon_dirs())[0]


@lru_cache(maxsize=8)
def _build_tokenizer(language: str, dirs: tuple[Any, ...]) -> tuple[Any, TokenizerRules, frozenset[str], dict[str, Any]]:
    """``dirs`` (the lexicon directories) only keys the cache: a user lexicon gets its own tokenizer.
    The tokenizer of ``spacy.blank(language)`` with our affixes added to spaCy's, spaCy's exceptions
    sorted (``_sort_exceptions``) and our ``token_match``; with the rules, the pieces kept whole and
    the special cases it was built with."""
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
    kept = frozenset(whole | set(rules.abbreviations))
    tokenizer.rules = splitting
    tokenizer.token_match = rules.keep_whole_match(kept)
    return tokenizer, rules, kept, splitting


# -- the splitter: spaCy's tokenizer algorithm on the same rules, without spaCy at run time --------

SPLIT_RULES_KIND = "tokenizer-rules"
_SPLIT_RULES_VERSION = "split-rules-4"


@dataclass(frozen=True)
class SplitRules:
    """Everything ``Splitter`` needs, as plain data (pattern texts and flags, sets, lengths): read
    once from the reference tokenizer and cached on disk, so that a process does not import spaCy."""

    prefix: tuple[str, int]
    suffix: tuple[str, int]
    infix: tuple[str, int]
    url: tuple[str, int]
    keep_whole: str
    whole: frozenset[str]
    specials: dict[str, tuple[int, ...]]  # piece -> the end of each of its tokens
    plain: str  # the pieces that are one token unless special (``plain_pattern``)
    suffix_lead: str  # the leading runs of a piece no suffix starts in (``lead_pattern``)
    infix_starts: str  # the characters an infix may start at ("": any; ``infix_starts_pattern``)

    @classmethod
    def from_reference(cls, built: tuple[Any, TokenizerRules, frozenset[str], dict[str, Any]]) -> SplitRules:
        tokenizer, rules, whole, splitting = built

        def pattern(bound: Any) -> tuple[str, int]:
            compiled = bound.__self__
            return str(compiled.pattern), int(compiled.flags)

        specials: dict[str, tuple[int, ...]] = {}
        for piece, parts in splitting.items():
            texts = [str(next(v for k, v in part.items() if k in (65, "ORTH", "orth"))) for part in parts]
            if "".join(texts) == piece and all(texts):
                specials[piece] = tuple(accumulate(len(t) for t in texts))
        affixes = pattern(tokenizer.prefix_search), pattern(tokenizer.suffix_search), pattern(tokenizer.infix_finditer)
        return cls(*affixes, pattern(tokenizer.url_match), rules.keep_whole_pattern(), whole, specials,
                   *shortcuts(affixes))


lexicon.picklable_frozen(SplitRules)  # cached on disk (a compiled build needs this to read it back)

# what the splitter reads when the patterns cannot be checked: no plain pieces, no leading runs,
# infixes tried everywhere (the full searches, as spaCy does them)
NO_SHORTCUTS = ("(?!)", "(?!)", "")


def shortcuts(affixes: tuple[tuple[str, int], ...]) -> tuple[str, str, str]:
    """The patterns of the splitter's fast paths for these prefix, suffix and infix patterns
    (``plain_pattern``, ``lead_pattern``, ``infix_starts_pattern``). The check reads the patterns
    with the parser of Python's ``re`` module, whose internals are not a public interface: where
    they differ from the ones this was written for (another Python), the splitter does without
    the fast paths; its tokens are the same, found more slowly."""
    try:
        return plain_pattern(affixes), lead_pattern(affixes[1]), infix_starts_pattern(affixes[2])
    except (ImportError, AttributeError, TypeError, ValueError, IndexError, re.error) as exc:
        log.warning("tokenizer fast paths off: the patterns could not be checked (%r)", exc)
        return NO_SHORTCUTS


def _rules_key(language: str, dirs: tuple[Any, ...]) -> str:
    """A content hash of what the rules are built from: spaCy's version (its affixes and exceptions)
    and the ``tokenizer.yaml`` of every lexicon directory."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        spacy_version = version("spacy")
    except PackageNotFoundError:
        spacy_version = "absent"
    parts: list[bytes | str] = [_SPLIT_RULES_VERSION, language, spacy_version]
    for directory in dirs:
        path = directory / f"{LEXICON}.yaml"
        parts += [str(path), path.read_bytes() if path.is_file() else b""]
    return lexicon.content_key(*parts)


def split_rules(language: str, dirs: tuple[Any, ...]) -> SplitRules:
    """The rules of ``language`` for these lexicon directories: from the disk cache, else from the
    reference tokenizer (spaCy, about 1 s), then cached."""
    key = _rules_key(language, dirs)
    cached = lexicon.load_cached(SPLIT_RULES_KIND, key)
    if isinstance(cached, SplitRules):
        return cached
    rules = SplitRules.from_reference(_build_tokenizer(language, dirs))
    lexicon.store_cached(SPLIT_RULES_KIND, key, rules)
    return rules


# -- plain pieces: what the rules' patterns cannot match, proven once when the rules are read ------

# The alphabets a plain piece may be written in: the letters of the Latin scripts, and digits. An
# alphabet counts only where no affix pattern of the rules can match text made of it
# (``plain_pattern``); the suffix and infix searches cost about a microsecond per character.
PLAIN_ALPHABETS = ("".join(c for c in map(chr, range(0x250)) if c.isalpha()), "0123456789")


@lru_cache(maxsize=1)
def _re_internals() -> tuple[Any, Any, Any, tuple[Any, ...], tuple[Any, ...]]:
    """``re``'s parser, compiler and constants (private modules of Python 3.11 and later), imported
    only when rules are built (``shortcuts`` falls back where they differ), with the operations that
    test one character and the repeats."""
    from re import _compiler, _constants, _parser  # type: ignore[attr-defined]

    k = _constants
    return (_parser, _compiler, k, (k.LITERAL, k.NOT_LITERAL, k.ANY, k.IN),
            (k.MAX_REPEAT, k.MIN_REPEAT, k.POSSESSIVE_REPEAT))


def may_match_over(pattern: str, flags: int, alphabets: Iterable[str]) -> list[bool]:
    """For each alphabet, whether ``pattern`` might match (anywhere, even empty) in a text made only
    of its characters. False only where every way through the pattern needs a character outside
    the alphabet, in what it consumes or in a lookaround that must hold; anything the check does not
    know (anchors, negative lookarounds, back references, inline flags) counts as a possible match."""
    parsed = _re_internals()[0].parse(pattern, flags)
    tests: dict[Any, Callable[[str], Any]] = {}
    return [_sequence_may_match(parsed, _Check(parsed.state, alphabet, tests)) for alphabet in alphabets]


@dataclass(frozen=True)
class _Check:
    """What one check reads: the parsed pattern's state (flags, groups), the alphabet, and the
    compiled character tests met so far (a pattern repeats the same letter class many times)."""

    state: Any
    alphabet: str
    tests: dict[Any, Callable[[str], Any]]
    behind: bool = True  # whether the text before a match is of the alphabet too (else: any text)

    def one_character(self, op: Any, av: Any) -> bool:
        """Whether one of the alphabet's characters passes the test ``op``/``av`` (a literal, a
        class, any character), compiled alone with the pattern's flags."""
        key = (op, tuple(av) if isinstance(av, list) else av)
        search = self.tests.get(key)
        if search is None:
            parser, compiler = _re_internals()[:2]
            search = compiler.compile(parser.SubPattern(self.state, [(op, av)]), self.state.flags).search
            self.tests[key] = search
        return search(self.alphabet) is not None


def _sequence_may_match(items: Iterable[tuple[Any, Any]], check: _Check) -> bool:
    return all(_item_may_match(op, av, check) for op, av in items)


def _item_may_match(op: Any, av: Any, check: _Check) -> bool:
    """One element of a pattern as ``re``'s parser gives it: a character test must pass for a
    character of the alphabet; a group, branch, repeat or lookahead/lookbehind needs what its parts
    need."""
    _, _, k, one_character, repeats = _re_internals()
    if op in one_character:
        return check.one_character(op, av)
    if op is k.BRANCH:
        return any(_sequence_may_match(branch, check) for branch in av[1])
    if op is k.SUBPATTERN:
        _, add_flags, del_flags, items = av
        return bool(add_flags or del_flags) or _sequence_may_match(items, check)
    if op in repeats:
        least, _, items = av
        return least == 0 or _sequence_may_match(items, check)
    if op is k.ASSERT:
        return _sequence_may_match(av[1], check)
    if op is k.ATOMIC_GROUP:
        return _sequence_may_match(av, check)
    return True


def _may_start_over(items: Iterable[tuple[Any, Any]], check: _Check) -> bool:
    """Whether a match of ``items`` might begin with a character of the alphabet when all the text
    before the match is of the alphabet too: its first consuming element decides, and a lookbehind
    before it must hold on text of the alphabet. Anything that may match empty counts as True."""
    k = _re_internals()[2]
    for op, av in items:
        if op is k.ASSERT and av[0] < 0:
            if check.behind and not _sequence_may_match(av[1], check):
                return False
        elif op not in (k.AT, k.ASSERT, k.ASSERT_NOT):
            return _first_may_start(op, av, check)
    return True


def _first_may_start(op: Any, av: Any, check: _Check) -> bool:
    _, _, k, one_character, repeats = _re_internals()
    if op in one_character:
        return check.one_character(op, av)
    if op is k.BRANCH:
        return any(_nonempty_may_start(branch, check) for branch in av[1])
    if op is k.SUBPATTERN:
        return bool(av[1] or av[2]) or _nonempty_may_start(av[3], check)
    if op in repeats:
        return av[0] == 0 or _nonempty_may_start(av[2], check)
    if op is k.ATOMIC_GROUP:
        return _nonempty_may_start(av, check)
    return True


def _nonempty_may_start(items: Any, check: _Check) -> bool:
    """``_may_start_over`` of a part that never matches empty (else True: what follows it decides)."""
    return items.getwidth()[0] == 0 or _may_start_over(items, check)


def _runs(alphabets: Iterable[str]) -> str:
    """A pattern of runs of one of ``alphabets`` (one that never matches when there are none)."""
    return "|".join(f"[{re.escape(alphabet)}]+" for alphabet in alphabets) or "(?!)"


def lead_pattern(suffix: tuple[str, int]) -> str:
    """A pattern of the leading runs of a piece where no match of the ``suffix`` pattern can start:
    runs of one alphabet of PLAIN_ALPHABETS that no match begins with (``_may_start_over``). The
    search for a suffix starts after the run ("Regierung," is searched from the comma): it tries
    every position of the piece, and all of them but the last few are letters or digits."""
    parsed = _re_internals()[0].parse(*suffix)
    tests: dict[Any, Callable[[str], Any]] = {}
    return _runs(alphabet for alphabet in PLAIN_ALPHABETS
                 if not _may_start_over(parsed, _Check(parsed.state, alphabet, tests)))


def infix_starts_pattern(infix: tuple[str, int]) -> str:
    """A pattern of the characters where a match of the ``infix`` pattern may start, whatever comes
    before: all but those of the alphabets of PLAIN_ALPHABETS that no match begins with. Empty
    where the pattern may match empty: then the splitter searches every position as spaCy does."""
    parsed = _re_internals()[0].parse(*infix)
    if parsed.getwidth()[0] == 0:
        return ""
    tests: dict[Any, Callable[[str], Any]] = {}
    never = {c for alphabet in PLAIN_ALPHABETS
             if not _may_start_over(parsed, _Check(parsed.state, alphabet, tests, behind=False)) for c in alphabet}
    return f"[^{re.escape(''.join(sorted(never)))}]" if never else "(?s:.)"


def plain_pattern(affixes: Iterable[tuple[str, int]]) -> str:
    """A pattern of the pieces that are one token unless they are special cases: runs of one
    alphabet of PLAIN_ALPHABETS that none of the ``affixes`` (the prefix, suffix and infix patterns
    with their flags) can match. Such a piece is neither stripped nor split, so the splitter need
    not search it. The check of the patterns is the proof: rules that would split a plain word
    leave its alphabet out. It costs about 50 ms, so it is made once with the rules and cached."""
    matching = [may_match_over(pattern, flags, PLAIN_ALPHABETS) for pattern, flags in affixes]
    return _runs(alphabet for alphabet, *may in zip(PLAIN_ALPHABETS, *matching, strict=True) if not any(may))


# pieces whose tokens a splitter remembers (a piece seen before costs one dictionary lookup); about
# 150 bytes each. German news has about 60,000 distinct pieces in 1,000 articles.
MAX_CACHED_PIECES = 300_000


class Splitter:
    """spaCy's tokenizer algorithm over whitespace-free pieces, on the rules of the reference
    tokenizer (``SplitRules``): strip prefixes and suffixes one at a time (stopping at a piece kept
    whole or a special case), then split the rest at infixes unless it is kept whole or a URL.
    Written for Lagebild; agreement with spaCy is tested token for token
    (``tests/test_language_splitter.py``). Reentrant: its only state is a cache of pieces, which
    threads may fill at the same time (each entry depends on its piece only)."""

    def __init__(self, rules: SplitRules) -> None:
        self._prefix = re.compile(*rules.prefix).search
        self._suffix = re.compile(*rules.suffix).search
        infix = re.compile(*rules.infix)
        self._infix, self._infix_at = infix.finditer, infix.match
        self._infix_starts = re.compile(rules.infix_starts).finditer if rules.infix_starts else None
        self._url = re.compile(*rules.url).match
        self._keep = keep_whole_match(rules.keep_whole, rules.whole)
        self._specials = rules.specials
        self._plain = re.compile(rules.plain).fullmatch
        self._lead = re.compile(rules.suffix_lead).match
        self.cache: dict[str, tuple[int, ...]] = {}

    def ends(self, piece: str) -> tuple[int, ...]:
        """The end of each token of ``piece`` (a whitespace-free text), relative to its start."""
        hit = self.cache.get(piece)
        if hit is not None:
            return hit
        if self._plain(piece) is not None and piece not in self._specials:
            hit = (len(piece),)  # most pieces: a word or a number without punctuation
        else:
            prefixes: list[int] = []
            suffixes: list[int] = []
            core = self._strip(piece, prefixes, suffixes)
            hit = tuple(accumulate([*prefixes, *self._core(core), *reversed(suffixes)]))
        if len(self.cache) < MAX_CACHED_PIECES:
            self.cache[piece] = hit
        return hit

    @staticmethod
    def _affix(search: Callable[[str], Any], text: str) -> int:
        match = search(text)
        return match.end() - match.start() if match is not None else 0

    def _suffix_length(self, text: str) -> int:
        """The length of the suffix of ``text`` (0: none), searched from the end of its lead."""
        lead = self._lead(text)
        match = self._suffix(text, lead.end() if lead is not None else 0)
        return match.end() - match.start() if match is not None else 0

    def _strip(self, text: str, prefixes: list[int], suffixes: list[int]) -> str:
        """Prefixes and suffixes off ``text`` (their lengths into the lists), the rest returned."""
        specials, plain = self._specials, self._plain
        last = 0
        while text and len(text) != last:
            if text in specials or plain(text) is not None or self._keep(text):
                break  # a plain text has no affix: the same end as a search that finds none
            last = len(text)
            pre = self._affix(self._prefix, text)
            if pre and text[pre:] in specials:
                prefixes.append(pre)
                return text[pre:]
            suf = self._suffix_length(text[pre:])
            if suf and text[:-suf] in specials:
                suffixes.append(suf)
                return text[:-suf]
            if pre and suf and pre + suf <= len(text):
                text = text[pre:-suf]
                prefixes.append(pre)
                suffixes.append(suf)
            elif pre:
                text = text[pre:]
                prefixes.append(pre)
            elif suf:
                text = text[:-suf]
                suffixes.append(suf)
        return text

    def _core(self, text: str) -> list[int]:
        """The lengths of the tokens of what is left after the affixes."""
        if not text:
            return []
        known = self._specials.get(text) or self.cache.get(text)
        if known is not None:
            return [e - s for s, e in zip((0, *known), known, strict=False)]
        if self._plain(text) is not None:
            return [len(text)]
        lengths = self._infix_lengths(text)
        if len(lengths) > 1 and (self._keep(text) or self._url(text) is not None):
            return [len(text)]  # kept whole or a URL: its infixes split nothing
        return lengths

    def _infix_lengths(self, text: str) -> list[int]:
        """The lengths of the pieces of ``text`` split at its infixes ([len(text)] where it has none)."""
        lengths: list[int] = []
        start = 0
        for infix_start, infix_end in self._infix_spans(text):
            if infix_start == 0:  # an infix at the very start splits nothing
                continue
            if infix_start != start:
                lengths.append(infix_start - start)
            if infix_start != infix_end:
                lengths.append(infix_end - infix_start)
            start = infix_end
        if start < len(text):
            lengths.append(len(text) - start)
        return lengths

    def _infix_spans(self, text: str) -> list[tuple[int, int]]:
        """The infixes of ``text`` as ``finditer`` finds them: each the first match at or after the
        end of the one before. Where no infix may start at a letter (``infix_starts_pattern``), only
        the other characters are tried, the few of a word such as "Air-France-Piloten"."""
        if self._infix_starts is None:
            return [match.span() for match in self._infix(text)]
        spans: list[tuple[int, int]] = []
        end = 0
        for candidate in self._infix_starts(text):
            at = candidate.start()
            match = self._infix_at(text, at) if at >= end else None
            if match is not None:
                spans.append(match.span())
                end = match.end()
        return spans


def splitter(language: str | None) -> Splitter:
    """The splitter of ``language`` ("de" for anything not English) for the current lexicon
    directories; built once per process (from the disk cache of its rules: no spaCy import)."""
    return _splitter(lexicon_language(language), lexicon.lexicon_dirs())


@lru_cache(maxsize=8)
def _splitter(language: str, dirs: tuple[Any, ...]) -> Splitter:
    return Splitter(split_rules(language, dirs))


# A whitespace-free piece longer than this is not given to the splitter: it strips prefixes and
# suffixes one at a time, each time searching the rest of the piece, so its time grows with the
# square of a piece's length. Such a piece is split into runs of letters and digits and
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
    """The tokens of ``text`` (whitespace dropped), in time linear in its length. Tokens never
    cross whitespace, so no token crosses a line or a paragraph."""
    split = splitter(language)
    if not _has_long_piece(text):
        return _piece_spans(split, text, 0, len(text))
    starts: list[int] = []
    ends: list[int] = []
    space_after: list[bool] = []
    rules: list[str] = []
    done = 0
    for piece in [*_LONG_PIECE.finditer(text), None]:
        upto = piece.start() if piece else len(text)
        part = _piece_spans(split, text, done, upto)
        starts += part.starts
        ends += part.ends
        space_after += part.space_after
        rules += [RULE] * len(part.starts)
        if piece:
            for m in _LONG_PIECE_PARTS.finditer(text, piece.start(), piece.end()):
                starts.append(m.start())
                ends.append(m.end())
                space_after.append(m.end() == piece.end())
                rules.append(LONG_PIECE_RULE)
            done = piece.end()
    return TokenSpans(starts, ends, space_after, rules)


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


def _piece_spans(split: Splitter, text: str, lo: int, hi: int) -> TokenSpans:
    """The tokens of text[lo:hi]: per whitespace-free piece one dictionary lookup once it has been
    seen (most pieces are one token). ``str.split`` cuts at the whitespace of ``\\s`` and is a
    quarter faster than a regex; each piece is found after the one before (only whitespace lies
    between them, so its first occurrence there is the piece itself)."""
    starts: list[int] = []
    ends: list[int] = []
    space_after: list[bool] = []
    cached = split.cache.get
    ends_of = split.ends
    add_start, add_end, add_space = starts.append, ends.append, space_after.append
    find = text.find
    end = lo
    for piece in (text if lo == 0 and hi == len(text) else text[lo:hi]).split():
        start = find(piece, end)
        end = start + len(piece)
        parts = cached(piece) or ends_of(piece)
        if len(parts) == 1:
            add_start(start)
            add_end(end)
            add_space(True)
            continue
        previous = start
        for part_end in parts:
            add_start(previous)
            previous = start + part_end
            add_end(previous)
            add_space(False)
        space_after[-1] = True
    return TokenSpans(starts, ends, space_after)
