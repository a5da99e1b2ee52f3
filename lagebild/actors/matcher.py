from __future__ import annotations

import logging
import re
import sys
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick

from lagebild import lexicon
from lagebild.actors import words as _words_module
from lagebild.actors.loader import KnowledgeBase
from lagebild.actors.patterns import Cues, Patterns, get_cues
from lagebild.actors.words import norm

log = logging.getLogger(__name__)

_HYPHEN = re.compile(r"[-‐‑]")
_HYPHENS = frozenset("-‐‑")


class _Kind(NamedTuple):
    priority: int  # overlapping matches of one span: the higher first
    cased: bool  # a name: the capitalisation must match (German nouns are always checked)


# the kinds of automaton entry (see ``Entry.kind``)
_KINDS: dict[str, _Kind] = {
    "place": _Kind(0, True), "nonactor": _Kind(0, True), "name": _Kind(9, True), "role": _Kind(8, False),
    "office": _Kind(7, False), "metonym": _Kind(6, True), "capital": _Kind(0, True), "gov": _Kind(5, False),
    "ministry": _Kind(5, False), "counterpart": _Kind(4, False), "natnoun": _Kind(4, False),
    "pnoun": _Kind(3, False), "group": _Kind(4, False), "demonym": _Kind(2, False), "force": _Kind(1, False),
}
_NO_KIND = _Kind(0, False)

class Piece(NamedTuple):
    """A token or the part of a hyphenated token: normalised text and character offsets."""

    norm: str
    text: str
    start: int
    end: int
    token: int  # index into doc.tokens
    hyphen_before: bool = False  # joined to the previous piece by a hyphen inside one token
    hyphen_after: bool = False


def split_pieces(tokens: Sequence[tuple[str, int]]) -> list[Piece]:
    """``tokens`` = (text, start offset) pairs -> pieces split at inner hyphens."""
    pieces: list[Piece] = []
    append = pieces.append
    forms = _FORMS
    for ti, (text, start) in enumerate(tokens):
        form = forms.get(text) or _form_pieces(text)
        if len(form) == 1:  # most tokens: one piece
            append(_new_tuple(Piece, (form[0][0], text, start, start + len(text), ti, False, False)))
            continue
        last = len(form) - 1
        for k, (pnorm, ptext, a, b) in enumerate(form):
            append(_new_tuple(Piece, (pnorm, ptext, start + a, start + b, ti, k > 0, k < last)))
    return pieces


# Word forms repeat, so each distinct token text is split and normalised once: text -> its pieces as
# (normalised text, text, start, end) relative to the token. Keyed by input words, so it is emptied
# when it grows past ``_FORMS_MAX``.
_FORMS: dict[str, tuple[tuple[str, str, int, int], ...]] = {}
_FORMS_MAX = 100_000
# a Piece or Match from a complete tuple, without the keyword handling of ``Piece(...)`` (once per token)
_new_tuple = tuple.__new__


def _form_pieces(text: str) -> tuple[tuple[str, str, int, int], ...]:
    """The pieces of one token text (see ``_FORMS``): split at hyphens that have text on both sides."""
    if _HYPHENS.isdisjoint(text):
        form: tuple[tuple[str, str, int, int], ...] = ((norm(text), text, 0, len(text)),)
    else:
        parts: list[tuple[str, int]] = []
        pos = 0
        for m in _HYPHEN.finditer(text):
            if m.start() > pos and m.end() < len(text):
                parts.append((text[pos:m.start()], pos))
                pos = m.end()
        parts.append((text[pos:], pos))
        form = tuple((norm(ptext), ptext, a, a + len(ptext)) for ptext, a in parts)
    if len(_FORMS) >= _FORMS_MAX:
        _FORMS.clear()
    _FORMS[text] = form
    return form


def _words(text: str) -> list[str]:
    out: list[str] = []
    for w in text.split():
        for p in _HYPHEN.split(w):
            # the tokenizer splits the English possessive: "General's" -> "General", "'s"
            if len(p) > 2 and p[-2:] in ("'s", "’s"):
                out.extend((p[:-2], p[-2:]))
            elif p:
                out.append(p)
    return out


class Entry(NamedTuple):
    """What a key in the automaton stands for."""

    kind: str  # name | metonym | capital | demonym | office | role | pnoun | natnoun | counterpart | gov
    #            | ministry | force | group | nonactor
    target: str  # actor / office / role id, or the English name for ministries and groups
    surface: str  # the listed form (original case)
    lang: str = ""
    gender: str | None = None
    case: tuple[str, ...] = ()  # original-case words, for the capitalisation check of names
    checked: bool = False  # the capitalisation is checked (names; German nouns)


class Match(NamedTuple):
    start: int  # piece index
    end: int  # piece index, exclusive
    entries: tuple[Entry, ...]

    @property
    def kinds(self) -> set[str]:
        return {e.kind for e in self.entries}

    def first(self, *kinds: str) -> Entry | None:
        for e in self.entries:
            if e.kind in kinds:
                return e
        return None


def _noun_forms(w: str) -> set[str]:
    forms = {w, w + "s", w + "es", w + "n", w + "en"}
    if w.endswith("nis"):
        forms.add(w + "se")
        forms.add(w + "ses")
    if w.endswith("in"):
        forms.add(w + "nen")
    return forms


def _adj_forms(w: str, endings: Sequence[str]) -> set[str]:
    for end in endings:
        if w.endswith(end) and len(w) - len(end) >= 3:
            stem = w[: -len(end)]
            return {w} | {stem + e for e in endings}
    return {w}


# -- inflection rules: the first that applies gives the forms -------------------------------------

_Forms = set[tuple[str, ...]]


def _demonym_forms(orig: list[str], words: list[str], kind: str, cues: Cues) -> _Forms | None:
    """"russisch" -> russische/-en/-er/-es/-em; "Russe" -> "Russen"/"Russes"."""
    if kind != "demonym":
        return None
    if len(words) == 1 and orig[0][:1].islower():
        w = words[0]
        stem = w
        for end in cues.adjective_endings:
            if w.endswith(end) and not w.endswith("isch"):
                stem = w[: -len(end)]
                break
        return {(stem + e,) for e in cues.adjective_endings} | {(w,)}
    return {tuple(words), tuple(words[:-1] + [words[-1] + "s"])}


def _acronym_forms(orig: list[str], words: list[str], kind: str, cues: Cues) -> _Forms | None:
    """"NATO" -> "NATOs": an acronym takes the genitive -s only."""
    if len(words) == 1 and all(o.isupper() and len(o) >= 2 for o in orig if o.isalpha()):
        return {tuple(words), (words[0] + "s",)}
    return None


def _person_forms(orig: list[str], words: list[str], kind: str, cues: Cues) -> _Forms | None:
    """Persons: the genitive -s (or an apostrophe after s/x/z) on the last word."""
    if kind != "name_person":
        return None
    last = words[-1]
    forms = {last, last + "s"}
    if last.endswith(("s", "x", "z")):
        forms.add(last + "'")
    return {tuple(words[:-1] + [f]) for f in forms}


def _phrase_forms(orig: list[str], words: list[str], kind: str, cues: Cues) -> _Forms:
    """The head noun (the last word, or the word before the first connector: "Institut für
    Weltwirtschaft") takes -s/-es/-n/-en/-ses, adjectives in front of it -e/-en/-er/-es/-em."""
    head = len(words) - 1
    for i, w in enumerate(words):
        if i > 0 and w in cues.name_connectors:
            head = i - 1
            break
    options: list[set[str]] = []
    for i, (w, o) in enumerate(zip(words, orig, strict=True)):
        if i == head and kind == "name":
            # names of states and organisations take the genitive only ("Bündnisses", "Kremls"):
            # a plural -n/-en would turn "Bild" into "Bilden"
            options.append({w, w + "s", w + "es"} | ({w + "ses"} if w.endswith("nis") else set()))
        elif i == head:
            options.append(_noun_forms(w) | (_adj_forms(w, cues.adjective_endings)
                                             if kind in ("pnoun", "natnoun") else set()))
        elif i < head and (o[:1].islower() or o.endswith(cues.adjectival_suffixes)):
            options.append(_adj_forms(w, cues.adjective_endings))
        else:
            options.append({w})
    out: _Forms = {()}
    for opts in options:
        out = {prefix + (o,) for prefix in out for o in opts}
        if len(out) > 400:
            break
    return out


_INFLECTION_RULES: tuple[Callable[[list[str], list[str], str, Cues], _Forms | None], ...] = (
    _demonym_forms, _acronym_forms, _person_forms)


def inflections(surface: str, kind: str, cues: Cues | None = None) -> set[tuple[str, ...]]:
    """Normalised word tuples for the inflected forms of ``surface`` (the first inflection rule
    that applies: demonym, acronym, person, else a phrase with a head noun)."""
    return _inflect(_words(surface), kind, cues if cues is not None else get_cues())


def _inflect(orig: list[str], kind: str, cues: Cues) -> set[tuple[str, ...]]:
    words = [norm(w) for w in orig]
    if not words:
        return set()
    for rule in _INFLECTION_RULES:
        forms = rule(orig, words, kind, cues)
        if forms is not None:
            return forms
    return _phrase_forms(orig, words, kind, cues)


# -- what goes into the automaton --------------------------------------------------------------------

class Surface(NamedTuple):
    """One listed form to insert: what it stands for and how it inflects."""

    text: str
    kind: str
    target: str
    lang: str = ""
    gender: str | None = None
    infl: str | None = None  # the inflection class when it is not ``kind``


_ACTOR_INFLECTION = {"person": "name_person", "group": "name_group"}


def _actor_surfaces(kb: KnowledgeBase, pat: Patterns) -> Iterator[Surface]:
    """Names, metonyms ("Kreml"), capitals and demonyms of every KB actor."""
    for actor in kb.actors.values():
        infl = _ACTOR_INFLECTION.get(actor.type, "name")
        for n in actor.all_names():
            yield Surface(n, "name", actor.id, infl=infl)
        for lang, ms in actor.metonyms.items():
            for m in ms:
                yield Surface(m, "metonym", actor.id, lang)
        for lang, cap in actor.capital.items():
            yield Surface(cap, "capital", actor.id, lang, infl="name")
        for lang, ds in actor.demonyms.items():
            for d in ds:
                yield Surface(d, "demonym", actor.id, lang)


def _place_surfaces(kb: KnowledgeBase, pat: Patterns) -> Iterator[Surface]:
    for place in kb.places.values():
        for n in place.all_names():
            yield Surface(n, "place", place.id, infl="name")


def _title_surfaces(kb: KnowledgeBase, pat: Patterns) -> Iterator[Surface]:
    """Office titles ("Außenminister") and post titles ("Kremlchef")."""
    for kind, posts in (("office", kb.offices.values()), ("role", kb.roles.values())):
        for post in posts:
            for lang, titles in post.titles.items():
                for t in titles:
                    yield Surface(t, kind, post.id, lang, _title_gender(t, lang))


def _nouns_by_language(kind: str, by_lang: dict[str, dict[str, list[str]]]) -> Iterator[Surface]:
    """lang -> gender -> nouns; each noun stands for itself."""
    for lang, by_gender in by_lang.items():
        for gender, nouns in by_gender.items():
            for n in nouns:
                yield Surface(n, kind, n, lang, gender)


def _nouns_by_target(kind: str, by_target: dict[str, dict[str, list[str]]]) -> Iterator[Surface]:
    """target (a country or party id) -> gender -> German nouns."""
    for target, by_gender in by_target.items():
        for gender, nouns in by_gender.items():
            for n in nouns:
                yield Surface(n, kind, target, "de", gender)


def _noun_surfaces(kb: KnowledgeBase, pat: Patterns) -> Iterator[Surface]:
    """Person nouns ("Experte"), nationality and party nouns ("Amerikaner", "Republikaner"),
    counterpart nouns ("Amtskollege")."""
    yield from _nouns_by_language("pnoun", pat.person_nouns)
    yield from _nouns_by_target("natnoun", pat.nationality_nouns)
    yield from _nouns_by_language("counterpart", pat.counterpart_nouns)
    yield from _nouns_by_target("natnoun", pat.party_nouns)


def _lexicon_surfaces(kb: KnowledgeBase, pat: Patterns) -> Iterator[Surface]:
    """Government, ministry, force and group nouns; names of things that are no actors."""
    for lang, nouns in pat.government_nouns.items():
        for n in nouns:
            yield Surface(n, "gov", n, lang)
    for lang, mapping in pat.ministry_nouns.items():
        for n, english in mapping.items():
            yield Surface(n, "ministry", english, lang)
    for lang, nouns in pat.force_nouns.items():
        for n in nouns:
            yield Surface(n, "force", n, lang, infl="force")
    for kind_, names in pat.non_actor_names.items():
        for n in names:
            yield Surface(n, "nonactor", kind_, infl="name")
    for lang, mapping in pat.group_nouns.items():
        for n, english in mapping.items():
            yield Surface(n, "group", english, lang, infl="force")


# in insertion order (entries of one key keep it among equal priorities)
SURFACE_SOURCES: tuple[Callable[[KnowledgeBase, Patterns], Iterator[Surface]], ...] = (
    _actor_surfaces, _place_surfaces, _title_surfaces, _noun_surfaces, _lexicon_surfaces)


# the automaton, the entries of its keys and the compound-final person nouns (what Matcher builds)
_Built = tuple[Any, list[tuple[int, int, tuple["Entry", ...]]], dict[str, "Entry"]]

# The built automaton is kept on disk (``lagebild.lexicon.store_cached``), keyed by a hash of all it
# is built from: the listed forms with what they stand for (the knowledge base and the patterns),
# the cue words of inflection, this module's and words.py's code, pyahocorasick and Python. Loading
# it takes a third of the time of building it (0.05 s against 0.15 s for the shipped knowledge base).
CACHE_KIND = "actors-automaton"
MIN_CACHED = 1000  # fewer listed forms (a test's knowledge base) are built, never cached
_CACHE_VERSION = "1"


def _cache_key(surfaces: list[Surface], cues: Cues) -> str:
    library = Path(ahocorasick.__file__ or "")
    try:
        stamp = library.stat()
        library_id = f"{library}:{stamp.st_size}:{stamp.st_mtime_ns}"
    except OSError:
        library_id = str(library)
    inflection = (cues.adjective_endings, cues.adjectival_suffixes, tuple(sorted(cues.name_connectors)))
    return lexicon.content_key(
        _CACHE_VERSION, sys.version, library_id, Path(__file__).read_bytes(),
        Path(_words_module.__file__ or "").read_bytes(), repr(inflection), repr(surfaces))


def _load_built(key: str) -> _Built | None:
    """The cached build for ``key`` when it has the right shape, else ``None`` (built again)."""
    built = lexicon.load_cached(CACHE_KIND, key)
    if not (isinstance(built, tuple) and len(built) == 3):
        return None
    automaton, index, suffixes = built
    if not (isinstance(automaton, ahocorasick.Automaton) and isinstance(index, list)
            and isinstance(suffixes, dict) and len(automaton) == len(index)):
        return None
    return automaton, index, suffixes


def _build(surfaces: Iterable[Surface], cues: Cues) -> _Built:
    keys: dict[str, list[Entry]] = {}
    suffixes: dict[str, Entry] = {}
    for surface in surfaces:
        _add(keys, suffixes, surface, cues)
    index: list[tuple[int, int, tuple[Entry, ...]]] = []
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    add_word = automaton.add_word
    for key, entries in keys.items():
        if len(entries) > 1:
            entries.sort(key=_priority)  # stable: equal priorities keep the insertion order
        add_word(key, len(index))
        index.append((len(key), key.count(" ") - 1, tuple(entries)))
    if keys:
        automaton.make_automaton()
    return automaton, index, suffixes


def _add(keys: dict[str, list[Entry]], suffixes: dict[str, Entry], s: Surface, cues: Cues) -> None:
    """Insert the inflected forms of one listed form (and a person noun as a compound's end)."""
    orig = _words(s.text)
    if not orig:
        return
    entry = Entry(s.kind, s.target, s.text, s.lang, s.gender, tuple(orig),
                  _KINDS.get(s.kind, _NO_KIND).cased or s.lang == "de")
    for words in _inflect(orig, s.infl or s.kind, cues):
        key = " " + " ".join(words) + " "
        bucket = keys.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
    if s.kind == "pnoun" and s.lang == "de" and " " not in s.text and "-" not in s.text and len(s.text) >= 6:
        suffix_entry = Entry("pnoun", s.text, s.text, s.lang, s.gender, (s.text,))
        for (form,) in _inflect(orig, "pnoun", cues):
            suffixes.setdefault(form, suffix_entry)


class Matcher:
    """The automaton for one knowledge base and pattern lexicon (build once, reuse; kept on disk)."""

    def __init__(self, kb: KnowledgeBase, patterns: Patterns, cues: Cues | None = None) -> None:
        self.kb = kb
        self.patterns = patterns
        self.cues = cues if cues is not None else get_cues()
        surfaces = [surface for source in SURFACE_SOURCES for surface in source(kb, patterns)]
        key = _cache_key(surfaces, self.cues) if len(surfaces) >= MIN_CACHED else None
        built = _load_built(key) if key else None
        if built is None:
            built = _build(surfaces, self.cues)
            if key:
                lexicon.store_cached(CACHE_KIND, key, built)
        # per key: its length in characters, its words, its entries by kind priority (highest first);
        # inflected one-word person nouns, also found as the end of a closed compound
        # ("Russlandexperte", "Militäranalystin")
        self.automaton, self._index, self._suffixes = built
        # the last three letters of those nouns: a word ending otherwise holds none of them
        self._suffix_ends = frozenset(form[-3:] for form in self._suffixes)
        log.debug("actor automaton: %d keys", len(self._index))

    # -- matching ------------------------------------------------------------------------------------
    def scan(self, pieces: Sequence[Piece]) -> list[Match]:
        """All matches, overlaps resolved: longest first, then earliest, then entry priority."""
        if not self._index or not pieces:
            return []
        texts = norms = [p.norm for p in pieces]
        joined = " " + " ".join(texts) + " "
        if "" in texts or joined.count(" ") != len(texts) + 1:
            # an empty piece or one with a space inside (rare) would shift the words: "_" stands in
            texts = [t.replace(" ", "_") or "_" for t in texts]
            joined = " " + " ".join(texts) + " "
        # the position of the space before each piece (the keys start with a space)
        starts = list(accumulate([len(t) + 1 for t in texts], initial=0))
        n = len(pieces)
        raw: list[Match] = []
        index = self._index
        for end_char, idx in self.automaton.iter(joined):
            length, n_words, entries = index[idx]
            at = end_char - length + 1
            first = bisect_left(starts, at)
            if first >= n or starts[first] != at:
                continue
            last = first + n_words
            span = pieces[first:last]
            ok = tuple(e for e in entries if not e.checked or _case_ok(e, span))
            if ok:
                raw.append(_new_tuple(Match, (first, last, ok)))
        raw.sort(key=lambda m: (m.start - m.end, m.start))
        taken: set[int] = set()
        chosen: list[Match] = []
        for m in raw:
            covers = range(m.start, m.end)
            if taken.isdisjoint(covers):
                taken.update(covers)
                chosen.append(m)
        chosen.extend(self._compound_ends(pieces, norms, taken))
        chosen.sort(key=lambda m: m.start)
        return chosen

    def _compound_ends(self, pieces: Sequence[Piece], norms: list[str], taken: set[int]) -> Iterator[Match]:
        """"Russlandexperte": a closed compound ending in a person noun (``norms``: each piece's)."""
        ends = self._suffix_ends
        # most words are shorter or end otherwise: those tests first, over the plain strings
        for i in [i for i, n in enumerate(norms) if len(n) >= 8 and n[-3:] in ends]:
            if i in taken or not pieces[i].text[:1].isupper():
                continue
            n = norms[i]
            for k in range(2, len(n) - 5):
                entry = self._suffixes.get(n[k:])
                if entry is not None:
                    yield Match(i, i + 1, (entry,))
                    break


def _priority(entry: Entry) -> int:
    return -_KINDS.get(entry.kind, _NO_KIND).priority


def _title_gender(title: str, lang: str) -> str | None:
    if lang != "de":
        return None
    w = title.split()[-1]
    return "f" if w.endswith("in") and not w.endswith(("chin", "rin")) or w.endswith("erin") else "m"


def _case_ok(entry: Entry, pieces: Sequence[Piece]) -> bool:
    """Names keep their capitalisation: "Kluge" is not "kluge". (Names made of common words, "WELT"
    vs "Welt", are checked in context by the linker.) German nouns are capitalised: "die deutschen
    Gräuel" has no noun "Deutsche"."""
    for orig, piece in zip(entry.case, pieces, strict=False):
        text = piece.text
        if not orig[:1].isupper():
            continue
        if not text[:1].isupper():
            return False
        # short acronyms stay in capitals: "AU"/"AUs" but not "Aus", "US" but not "Us"; longer ones
        # are often written as words in German press ("Nato", "Opec")
        if 2 <= len(orig) <= 3 and orig.isupper() and orig.isalpha() and not text[: len(orig)].isupper():
            return False
    return True


def build_matcher(kb: KnowledgeBase, patterns: Patterns) -> Matcher:
    return Matcher(kb, patterns)


def keys_for(surfaces: Iterable[str], kind: str = "name") -> set[str]:
    """The normalised keys ``surfaces`` would be inserted under (for tests and the query API)."""
    out: set[str] = set()
    for s in surfaces:
        out.update(" ".join(w) for w in inflections(s, kind))
    return out
