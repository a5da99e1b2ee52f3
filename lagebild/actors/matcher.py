"""One-pass mention finding: an Aho-Corasick automaton over normalised token pieces.

Text tokens are split at inner hyphens into *pieces* ("US-Außenminister" -> "us", "aussenminister"),
each normalised (casefold, accents stripped, ß -> ss) and joined with spaces. Every knowledge-base
name, metonym, demonym, office and role title and every pattern noun is inserted with its German
inflected forms generated up front (genitive -s/-es/-ses, plural/dative -n/-en, adjective endings
-e/-en/-er/-es/-em), so "Putins", "Russlands", "Kremlchefs", "Nato-Verbündeten", "russischen",
"Europäischer Union" are all found in one scan. Overlaps are resolved longest-first.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from lagebild.actors.loader import KnowledgeBase
from lagebild.actors.patterns import Patterns

log = logging.getLogger(__name__)

_HYPHEN = re.compile(r"[-‐‑]")
_ADJ_END = ("em", "en", "er", "es", "e")
_FUNCTION_WORDS = frozenset({"fur", "der", "des", "von", "of", "for", "und", "and", "the", "de", "du", "zur",
                             "zum", "fuer", "in", "am", "an", "la", "le", "al"})
_PRIORITY = {"place": 0, "nonactor": 0, "name": 9, "role": 8, "office": 7, "metonym": 6, "gov": 5, "ministry": 5, "counterpart": 4,
             "natnoun": 4, "pnoun": 3, "group": 4, "demonym": 2, "force": 1}


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Casefold, strip accents (ä -> a), ß -> ss, unify apostrophes (cached: words repeat)."""
    if text.isascii():
        return text.lower().replace("`", "'")
    s = unicodedata.normalize("NFKD", text.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("’", "'").replace("`", "'")


@dataclass(frozen=True, slots=True)
class Piece:
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
    for ti, (text, start) in enumerate(tokens):
        parts: list[tuple[str, int]] = []
        pos = 0
        for m in _HYPHEN.finditer(text):
            if m.start() > pos and m.end() < len(text):
                parts.append((text[pos:m.start()], start + pos))
                pos = m.end()
        parts.append((text[pos:], start + pos))
        for k, (ptext, pstart) in enumerate(parts):
            pieces.append(Piece(norm(ptext), ptext, pstart, pstart + len(ptext), ti, k > 0, k < len(parts) - 1))
    return pieces


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


@dataclass(frozen=True, slots=True)
class Entry:
    """What a key in the automaton stands for."""

    kind: str  # name | metonym | capital | demonym | office | role | pnoun | natnoun | counterpart | gov
    #            | ministry | force | group | nonactor
    target: str  # actor / office / role id, or the English name for ministries and groups
    surface: str  # the listed form (original case)
    lang: str = ""
    gender: str | None = None
    case: tuple[str, ...] = ()  # original-case words, for the capitalisation check of names


@dataclass(frozen=True, slots=True)
class Match:
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


def _adj_forms(w: str) -> set[str]:
    for end in _ADJ_END:
        if w.endswith(end) and len(w) - len(end) >= 3:
            stem = w[: -len(end)]
            return {w} | {stem + e for e in _ADJ_END}
    return {w}


def _is_adjectival(orig: str) -> bool:
    return orig[:1].islower() or orig.endswith(("ische", "ischer", "isches", "ische", "te", "tes", "ter", "es",
                                                "ige", "iger", "ene", "ener", "che", "cher"))


def inflections(surface: str, kind: str) -> set[tuple[str, ...]]:
    """Normalised word tuples for the inflected forms of ``surface``.

    Persons: genitive -s on the last word. Everything else: the head noun (the last word, or the
    word before the first function word: "Institut für Weltwirtschaft") takes -s/-es/-n/-en/-ses,
    adjectives in front of it take -e/-en/-er/-es/-em."""
    orig = _words(surface)
    words = [norm(w) for w in orig]
    if not words:
        return set()
    if kind == "demonym":
        if len(words) == 1 and orig[0][:1].islower():
            w = words[0]
            stem = w
            for end in _ADJ_END:
                if w.endswith(end) and not w.endswith("isch"):
                    stem = w[: -len(end)]
                    break
            return {(stem + e,) for e in _ADJ_END} | {(w,)}
        return {tuple(words), tuple(words[:-1] + [words[-1] + "s"])}
    if all(o.isupper() and len(o) >= 2 for o in orig if o.isalpha()) and len(words) == 1:
        return {tuple(words), (words[0] + "s",)}
    if kind == "name_person":
        last = words[-1]
        forms = {last, last + "s"}
        if last.endswith(("s", "x", "z")):
            forms.add(last + "'")
        return {tuple(words[:-1] + [f]) for f in forms}
    head = len(words) - 1
    for i, w in enumerate(words):
        if i > 0 and w in _FUNCTION_WORDS:
            head = i - 1
            break
    options: list[set[str]] = []
    for i, (w, o) in enumerate(zip(words, orig, strict=True)):
        if i == head and kind == "name":
            # names of states and organisations take the genitive only ("Bündnisses", "Kremls"):
            # a plural -n/-en would turn "Bild" into "Bilden"
            options.append({w, w + "s", w + "es"} | ({w + "ses"} if w.endswith("nis") else set()))
        elif i == head:
            options.append(_noun_forms(w) | (_adj_forms(w) if kind in ("pnoun", "natnoun") else set()))
        elif i < head and _is_adjectival(o):
            options.append(_adj_forms(w))
        else:
            options.append({w})
    out: set[tuple[str, ...]] = {()}
    for opts in options:
        out = {prefix + (o,) for prefix in out for o in opts}
        if len(out) > 400:
            break
    return out


class Matcher:
    """The automaton for one knowledge base and pattern lexicon (build once, reuse)."""

    def __init__(self, kb: KnowledgeBase, patterns: Patterns) -> None:
        self.kb = kb
        self.patterns = patterns
        self._keys: dict[str, list[Entry]] = {}
        # inflected one-word person nouns, also found as the end of a closed compound
        # ("Russlandexperte", "Militäranalystin")
        self._suffixes: dict[str, Entry] = {}
        self._build()
        self.automaton = ahocorasick.Automaton()
        for key, entries in self._keys.items():
            self.automaton.add_word(key, (key, tuple(entries)))
        if self._keys:
            self.automaton.make_automaton()
        log.debug("actor automaton: %d keys", len(self._keys))

    # -- building ----------------------------------------------------------------------------------
    def _add(self, surface: str, entry_kind: str, target: str, *, lang: str = "", gender: str | None = None,
             infl: str | None = None) -> None:
        orig = _words(surface)
        if not orig:
            return
        entry = Entry(entry_kind, target, surface, lang, gender, tuple(orig))
        for words in inflections(surface, infl or entry_kind):
            key = " " + " ".join(words) + " "
            bucket = self._keys.setdefault(key, [])
            if entry not in bucket:
                bucket.append(entry)

    def _build(self) -> None:
        kb, pat = self.kb, self.patterns
        for actor in kb.actors.values():
            infl = {"person": "name_person", "group": "name_group"}.get(actor.type, "name")
            for n in actor.all_names():
                self._add(n, "name", actor.id, infl=infl)
            for lang, ms in actor.metonyms.items():
                for m in ms:
                    self._add(m, "metonym", actor.id, lang=lang)
            for lang, cap in actor.capital.items():
                self._add(cap, "capital", actor.id, lang=lang, infl="name")
            for lang, ds in actor.demonyms.items():
                for d in ds:
                    self._add(d, "demonym", actor.id, lang=lang)
        for place in kb.places.values():
            for n in place.all_names():
                self._add(n, "place", place.id, infl="name")
        for office in kb.offices.values():
            for lang, titles in office.titles.items():
                for t in titles:
                    self._add(t, "office", office.id, lang=lang, gender=_title_gender(t, lang))
        for role in kb.roles.values():
            for lang, titles in role.titles.items():
                for t in titles:
                    self._add(t, "role", role.id, lang=lang, gender=_title_gender(t, lang))
        for lang, by_gender in pat.person_nouns.items():
            for gender, nouns in by_gender.items():
                for n in nouns:
                    self._add(n, "pnoun", n, lang=lang, gender=gender)
                    if lang == "de" and " " not in n and "-" not in n and len(n) >= 6:
                        entry = Entry("pnoun", n, n, lang, gender, (n,))
                        for (form,) in inflections(n, "pnoun"):
                            self._suffixes.setdefault(form, entry)
        for country, by_gender in pat.nationality_nouns.items():
            for gender, nouns in by_gender.items():
                for n in nouns:
                    self._add(n, "natnoun", country, lang="de", gender=gender)
        for lang, by_gender in pat.counterpart_nouns.items():
            for gender, nouns in by_gender.items():
                for n in nouns:
                    self._add(n, "counterpart", n, lang=lang, gender=gender)
        for party, by_gender in pat.party_nouns.items():
            for gender, nouns in by_gender.items():
                for n in nouns:
                    self._add(n, "natnoun", party, lang="de", gender=gender)
        for lang, nouns in pat.government_nouns.items():
            for n in nouns:
                self._add(n, "gov", n, lang=lang)
        for lang, mapping in pat.ministry_nouns.items():
            for n, english in mapping.items():
                self._add(n, "ministry", english, lang=lang)
        for lang, nouns in pat.force_nouns.items():
            for n in nouns:
                self._add(n, "force", n, lang=lang, infl="force")
        for kind_, names in pat.non_actor_names.items():
            for n in names:
                self._add(n, "nonactor", kind_, infl="name")
        for lang, mapping in pat.group_nouns.items():
            for n, english in mapping.items():
                self._add(n, "group", english, lang=lang, infl="force")

    # -- matching ------------------------------------------------------------------------------------
    def scan(self, pieces: Sequence[Piece]) -> list[Match]:
        """All matches, overlaps resolved: longest first, then earliest, then entry priority."""
        if not self._keys or not pieces:
            return []
        starts: dict[int, int] = {}
        parts: list[str] = []
        pos = 0
        for i, p in enumerate(pieces):
            starts[pos] = i
            text = p.norm.replace(" ", "_") or "_"
            parts.append(" " + text)
            pos += len(text) + 1
        joined = "".join(parts) + " "
        raw: list[Match] = []
        for end_char, (key, entries) in self.automaton.iter(joined):
            begin = end_char - len(key) + 1
            first = starts.get(begin)
            if first is None:
                continue
            n_words = key.count(" ") - 1
            last = first + n_words
            ok = tuple(e for e in entries if _case_ok(e, pieces[first:last]))
            if ok:
                raw.append(Match(first, last, tuple(sorted(ok, key=lambda e: -_PRIORITY.get(e.kind, 0)))))
        raw.sort(key=lambda m: (-(m.end - m.start), m.start))
        taken: set[int] = set()
        chosen: list[Match] = []
        for m in raw:
            span = range(m.start, m.end)
            if any(i in taken for i in span):
                continue
            taken.update(span)
            chosen.append(m)
        for i, p in enumerate(pieces):
            if i in taken or not p.text[:1].isupper() or len(p.norm) < 8:
                continue
            for k in range(2, len(p.norm) - 5):
                entry = self._suffixes.get(p.norm[k:])
                if entry is not None:
                    chosen.append(Match(i, i + 1, (entry,)))
                    break
        chosen.sort(key=lambda m: m.start)
        return chosen


def _title_gender(title: str, lang: str) -> str | None:
    if lang != "de":
        return None
    w = title.split()[-1]
    return "f" if w.endswith("in") and not w.endswith(("chin", "rin")) or w.endswith("erin") else "m"


def _case_ok(entry: Entry, pieces: Sequence[Piece]) -> bool:
    """Names keep their capitalisation: "Kluge" is not "kluge". (Names made of common words, "WELT"
    vs "Welt", are checked in context by the linker.)"""
    if entry.kind not in ("name", "metonym", "capital", "place", "nonactor") and entry.lang != "de":
        return True
    # German nouns are capitalised: "die deutschen Gräuel" has no noun "Deutsche"
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


@lru_cache(maxsize=8192)
def _is_common_noun(word: str) -> bool:
    """A German common noun ("Welt", "Politik"), not a name ("Kluge", "Lokshin")?

    First the Wiktionary word classes shipped with the NER model (n = noun, f/l = first/last name);
    for words it lacks, HanTa -- but only when HanTa knows the word as one noun stem, since it
    guesses NN for any unknown capitalised word ("Lokshin" -> lok+s+hin)."""
    try:
        from lagebild.language.ner import load_word_lexicon

        classes = load_word_lexicon().classes.get(word)
    except Exception:
        classes = None
    if classes is not None:
        return "n" in classes and "f" not in classes
    try:
        from lagebild.language import morphology

        a = morphology("de").analyze(word)
        return a.pos == "NN" and len(a.morphemes) <= 2 and all(lab != "FUGE" for _, lab in a.morphemes)
    except Exception:  # HanTa missing or failing: be permissive
        log.debug("HanTa unavailable for %r", word, exc_info=True)
        return False


def build_matcher(kb: KnowledgeBase, patterns: Patterns) -> Matcher:
    return Matcher(kb, patterns)


def keys_for(surfaces: Iterable[str], kind: str = "name") -> set[str]:
    """The normalised keys ``surfaces`` would be inserted under (for tests and the query API)."""
    out: set[str] = set()
    for s in surfaces:
        out.update(" ".join(w) for w in inflections(s, kind))
    return out
