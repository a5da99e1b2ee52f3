"""Shared state and helpers of the document linker (see :mod:`lagebild.actors.linker`)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from lagebild.actors.loader import KBActor, KnowledgeBase
from lagebild.actors.matcher import Entry, Match, Matcher, Piece
from lagebild.actors.mention_list import MentionList, ordered
from lagebild.actors.patterns import Patterns
from lagebild.actors.words import first_names, is_common_noun, norm
from lagebild.document import Actor, Document, Mention

COMPONENT = "actors"
# "Choe Son-hui", "Kim Jong-un": a lowercase syllable after a hyphen belongs to Korean/Chinese given names.
NAME_WORD = re.compile(r"^[A-ZÄÖÜÀ-Þ][\w'’.]*(?:-[A-ZÄÖÜ][\w'’.]*|-[a-z]{2,4})?$")


@lru_cache(maxsize=65536)
def name_word(text: str) -> bool:
    """``NAME_WORD`` matches ``text`` (cached: the rules ask for every token, and words repeat)."""
    return NAME_WORD.match(text) is not None


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", norm(text)).strip("-") or "x"



def levenshtein(a: str, b: str) -> int:
    if a == b:
        return 0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]



def similar_first_name(a: str, b: str) -> bool:
    """Transliteration or spelling variants: "Anthony"/"Antony", "Georgia"/"Giorgia", "Alex"/"Alexander"."""
    a, b = norm(a), norm(b)
    if not a or not b or a[0] != b[0]:
        return False
    if a.startswith(b) or b.startswith(a):
        return min(len(a), len(b)) >= 3
    return levenshtein(a, b) <= (1 if min(len(a), len(b)) <= 4 else 2)



@dataclass
class DocPerson:
    """A person or organisation only this document knows."""

    actor: Actor
    gender: str | None = None



_EXPLICIT_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_ISO_DAY = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def reference_day(doc: Document) -> date | None:
    """The date titles are resolved on: the publication date, else (an undated article) the latest
    date the text names with an explicit year ("im Oktober 2024", "am 9. Oktober 2022"), else None
    (then a title resolves only to a holder the text names, never to today's office-holder)."""
    if doc.meta.published is not None:
        return doc.meta.published
    best: date | None = None
    for tx in doc.timexes:
        if tx.type != "date" or not _EXPLICIT_YEAR.search(tx.text or ""):
            continue
        m = _ISO_DAY.match(tx.value or "")
        if not m:
            continue
        try:
            d = date(int(m.group(1)), int(m.group(2) or 7), int(m.group(3) or 1))
        except ValueError:
            continue
        best = d if best is None or d > best else best
    return best


@dataclass
class LinkState:
    """Everything the linker knows about one document while linking it."""

    doc: Document
    pieces: list[Piece]
    matches: list[Match]
    day: date | None
    lang: str
    mentions: list[Mention] = field(default_factory=MentionList)  # a MentionList (see ``near``)
    counted: dict[str, float] = field(default_factory=dict)
    doc_actors: dict[str, DocPerson] = field(default_factory=dict)
    consumed: set[int] = field(default_factory=set)  # match indices already used
    covered: set[int] = field(default_factory=set)  # piece indices inside a mention
    pending: list[tuple[Mention, dict[str, object]]] = field(default_factory=list)  # coref to resolve
    roles_seen: dict[str, str] = field(default_factory=dict)  # actor -> role id or text in this doc
    alias_extra: dict[str, list[str]] = field(default_factory=dict)  # actor -> name surfaces seen
    person_tokens: set[int] | None = None  # tokens inside KB person-name matches (computed once)
    context_ids: set[str] | None = None  # actor/role ids any match names (for ``requires``)
    piece_tokens: list[int] = field(init=False, default_factory=list)  # the token of each piece (for bisect)
    piece_starts: list[int] = field(init=False, default_factory=list)  # the first character of each piece
    # the matches (in text order, without overlaps) by their first piece, by the first character after
    # them, and by the token of their first piece: rules that look for a match near a position find it
    # with a binary search or a dictionary instead of a pass over every match
    match_starts: list[int] = field(init=False, default_factory=list)
    match_ends: list[int] = field(init=False, default_factory=list)
    matches_at_token: dict[int, list[int]] = field(init=False, default_factory=dict)
    author_hits: dict[str, list[tuple[int, int]]] = field(init=False, default_factory=dict)  # author -> spans
    person_matches: dict[str, list[int]] | None = None  # KB person -> first pieces of its matches (computed once)
    # the document's paragraph starts (sorted; [0] without paragraphs), token starts and time expressions
    # by start, for the rules that ask about them once per match
    paragraph_starts: list[int] = field(init=False, default_factory=list)
    token_starts: list[int] = field(init=False, default_factory=list)
    timex_starts: set[int] = field(init=False, default_factory=set)
    _timex_spans: list[tuple[int, int]] = field(init=False, default_factory=list)
    _timex_longest: int = field(init=False, default=0)
    _token_texts: list[str] | None = field(init=False, default=None)
    _token_norms: list[str] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        # every init=False field is set here (a compiled build, mypyc, does not apply their defaults)
        self.matches_at_token, self.author_hits = {}, {}
        self._token_texts = self._token_norms = None
        self.mentions = ordered(self.mentions)
        self.paragraph_starts = sorted({p.start for p in self.doc.paragraphs} or {0})
        self.token_starts = [t.start for t in self.doc.tokens]
        self.timex_starts = {tx.start for tx in self.doc.timexes}
        self._timex_spans = sorted((tx.start, tx.end) for tx in self.doc.timexes)
        self._timex_longest = max((e - s for s, e in self._timex_spans), default=0)
        self.piece_tokens = [p.token for p in self.pieces]
        self.piece_starts = [p.start for p in self.pieces]
        self.match_starts = [m.start for m in self.matches]
        self.match_ends = [self.pieces[m.end - 1].end for m in self.matches]
        for j, m in enumerate(self.matches):
            self.matches_at_token.setdefault(self.pieces[m.start].token, []).append(j)

    def token_texts(self) -> list[str]:
        """The text of each token (computed once: several passes run over all tokens)."""
        if self._token_texts is None:
            self._token_texts = [t.text for t in self.doc.tokens]
        return self._token_texts

    def token_norms(self) -> list[str]:
        """The normalised text of each token (``norm``, computed once)."""
        if self._token_norms is None:
            self._token_norms = list(map(norm, self.token_texts()))
        return self._token_norms

    def near(self) -> MentionList:
        """The mentions with position queries (a list assigned to ``mentions`` becomes one)."""
        near = ordered(self.mentions)
        self.mentions = near
        return near

    def timex_overlaps(self, start: int, end: int) -> bool:
        """Does a time expression share a character with [start, end) (``tx.start < end and start < tx.end``)?"""
        i = bisect_left(self._timex_spans, (start - self._timex_longest, start - self._timex_longest))
        while i < len(self._timex_spans) and self._timex_spans[i][0] < end:
            if start < self._timex_spans[i][1]:
                return True
            i += 1
        return False

    def match_at_token(self, token: int) -> bool:
        """Does a match start at ``token``?"""
        return token in self.matches_at_token



class LinkerBase:
    """The knowledge base, patterns and automaton, plus the small helpers every rule uses."""

    def __init__(self, kb: KnowledgeBase, patterns: Patterns, matcher: Matcher) -> None:
        self.kb = kb
        self.pat = patterns
        self.matcher = matcher
        self.cues = matcher.cues
        self._loc_preps = {norm(w) for ws in patterns.location_prepositions.values() for w in ws}
        self._comm = {norm(w) for ws in patterns.communication_nouns.values() for w in ws}
        self._mood = {norm(w) for ws in patterns.mood_nouns.values() for w in ws}
        self._forces = {norm(w) for ws in patterns.force_nouns.values() for w in ws}
        self._agent_verbs = {norm(w) for ws in patterns.agent_verbs.values() for w in ws}
        self._org_heads = {norm(w) for ws in patterns.organisation_heads.values() for w in ws}
        self._org_names = {norm(n): a.id for a in kb.actors.values() if a.type == "organisation"
                           for n in a.all_names() if " " not in n and "-" not in n}
        self._modifiers = {norm(w) for ws in patterns.office_modifiers.values() for w in ws}
        self._plural_cues = {norm(w) for ws in patterns.plural_cues.values() for w in ws}
        self._stop = set(patterns.name_stoplist)
        self._surnames = self._surname_index()
        self._person_names = {norm(n): a.id for a in kb.actors.values() if a.type == "person"
                              for n in a.all_names()}
        self._other_names = {norm(n) for a in kb.actors.values() if a.type != "person" for n in a.all_names()}
        self._first_names = first_names()
        self._meto_cues = {norm(w) for ws in patterns.metonymy_cues.values() for w in ws}
        self._post_mods = {norm(w) for ws in patterns.post_modifiers.values() for w in ws}
        # "Anna Muster, Max Beispiel und Eva Muster & Co": the names of an author field
        separators = "|".join(rf"\b{re.escape(w)}\b" for w in self.cues.author_separators)
        self._author_split = re.compile(rf"\s*(?:,|{separators}|&)\s*")
        self._family_stems: list[list[str]] | None = None

    def family_stems(self) -> list[list[str]]:
        """The stems of each family of role nouns (``noun_families``), computed once per linker."""
        if self._family_stems is None:
            from lagebild.actors.coref import noun_stem

            suffixes = self.cues.noun_stem_suffixes
            self._family_stems = [[noun_stem(w, suffixes) for w in members]
                                  for members in self.pat.noun_families.values()]
        return self._family_stems

    def _author_names(self, author: str | None) -> list[str]:
        """The parts of an author field split at commas, "und"/"and" and "&" (not stripped)."""
        return self._author_split.split(author or "")

    def _span(self, st: LinkState, first: int, last: int) -> tuple[int, int]:
        return st.pieces[first].start, st.pieces[last - 1].end

    def _verb_lemma(self, st: LinkState, token: int) -> str:
        """The normalised lemma of a token when it is a verb ("" otherwise)."""
        if not self._same_sentence(st, token, token):
            return ""
        word = st.doc.tokens[token].text
        if not word.isalpha():
            return ""
        if st.lang == "en":
            w = word.lower()
            for suffix in ("ed", "s", ""):
                if suffix and w.endswith(suffix) and w[: -len(suffix)] in self._agent_verbs:
                    return w[: -len(suffix)]
            return w
        from lagebild.language.morphology import morphology

        a = morphology("de").analyze(word)
        return norm(a.lemma) if a.pos.startswith("V") else ""

    def _agentive(self, st: LinkState, first: int, last: int) -> bool:
        """The mention (pieces first..last-1) is the subject of an act or speech verb right next to it:
        "der Westen fordert", "Nun warnt der Westen", "die Verbündeten der Ukraine liefern"."""
        t0, t1 = st.pieces[first].token, st.pieces[last - 1].token
        after = [t1 + 1]
        if self._token_word(st, t1 + 1) in self.cues.agentive_adverbs:
            after.append(t1 + 2)
        before = t0 - 1
        if self._token_word(st, before) in self.cues.determiners:
            before -= 1
        cands = [t for t in after if self._same_sentence(st, t0, t)]
        if self._same_sentence(st, t0, before):
            cands.append(before)
        # HanTa's context-free lemma is the stem ("forder", "warn"): add the infinitive endings
        stems = [self._verb_lemma(st, t) for t in cands]
        return any(x and (x in self._agent_verbs or x + "n" in self._agent_verbs or x + "en" in self._agent_verbs)
                   for x in stems)

    def _specific(self, st: LinkState, first: int) -> bool:
        """A plural group noun with a definite article or possessive ("die Separatisten", "ihre
        Söldner"), not a bare or counted plural ("einige Tausend Söldner", "100 Wagner-Söldner")."""
        if st.pieces[first].hyphen_before:
            return False
        t = st.pieces[first].token - 1
        for _ in range(3):
            if not self._same_sentence(st, t, st.pieces[first].token):
                return False
            w = self._token_word(st, t)
            if w in self.cues.determiners:
                return w not in self.cues.not_specific
            if w in self.cues.passive_agent:
                return True  # the agent of a passive: "eine von Oligarchen aufgeteilte Wirtschaft"
            if not st.doc.tokens[t].text[:1].islower():
                return False
            t -= 1
        return False

    def _token_word(self, st: LinkState, token: int) -> str:
        if 0 <= token < len(st.doc.tokens):
            return norm(st.doc.tokens[token].text)
        return ""

    def _same_sentence(self, st: LinkState, t1: int, t2: int) -> bool:
        toks = st.doc.tokens
        return 0 <= t1 < len(toks) and 0 <= t2 < len(toks) and toks[t1].sentence == toks[t2].sentence

    def _add(self, st: LinkState, first: int, last: int, actor: str | None, kind: str, rule: str, conf: float,
             *, role: str | None = None, counts: bool = True, start: int | None = None,
             end: int | None = None) -> Mention:
        s, e = self._span(st, first, last)
        s = s if start is None else start
        e = e if end is None else end
        m = Mention(s, e, COMPONENT, rule, round(conf, 3), text=st.doc.text[s:e], actor=actor, kind=kind, role=role)
        st.mentions.append(m)
        st.covered.update(range(first, last))
        if actor and counts:
            st.counted[actor] = max(st.counted.get(actor, 0.0), conf)
        if actor and role and actor not in st.roles_seen:
            st.roles_seen[actor] = role
        return m

    def _state_of(self, entry: Entry | None) -> str | None:
        if entry is None:
            return None
        a = self.kb.actor(entry.target)
        if a is None:
            return None
        return a.id if a.type in ("state", "organisation", "group") else None

    def _prev_piece_match(self, st: LinkState, k: int) -> Match | None:
        if k > 0 and st.matches[k - 1].end == st.matches[k].start:
            return st.matches[k - 1]
        return None

    def _next_match(self, st: LinkState, k: int) -> Match | None:
        if k + 1 < len(st.matches) and st.matches[k + 1].start == st.matches[k].end:
            return st.matches[k + 1]
        return None

    def _piece_range_of_tokens(self, st: LinkState, t_first: int, t_last: int) -> tuple[int, int]:
        first = bisect_left(st.piece_tokens, t_first)
        last = bisect_right(st.piece_tokens, t_last)
        return first, last

    def _matches_in(self, st: LinkState, first: int, last: int) -> list[int]:
        """The matches inside pieces [first, last) (the matches are in text order, without overlaps)."""
        out: list[int] = []
        j = bisect_left(st.match_starts, first)
        while j < len(st.matches) and st.matches[j].start < last:
            if st.matches[j].end <= last:
                out.append(j)
            j += 1
        return out

    def _first_name_fits(self, a: KBActor, first: str) -> bool:
        firsts = {n.split()[0] for n in a.all_names() if len(n.split()) >= 2}
        return any(similar_first_name(first, f) for f in firsts) or not firsts

    def _single_name_ok(self, word: str) -> bool:
        """One word after a title is a surname ("Außenminister Lawrow"), not a common noun and not
        a bare first name ("Sicherheitsexpertin Claudia" followed by an unknown word)."""
        return len(word) >= 3 and not is_common_noun(word) and norm(word) not in self._first_names

    def _surname_candidates(self, word: str) -> list[str]:
        """The KB persons whose surname ``word`` is, also with a genitive -s ("Scholz", "Scholz'")."""
        last = norm(word)
        return self._surnames.get(last) or self._surnames.get(last[:-1] if last.endswith("s") else last, [])

    def _fuzzy_person(self, words: list[str], holder: str | None) -> str | None:
        """Misspelt or differently transliterated KB persons: same surname, similar first name."""
        if not words:
            return None
        cands = self._surname_candidates(words[-1])
        fits = [c for c in cands if len(words) == 1 or self._first_name_fits(self.kb.actors[c], words[0])]
        if holder and holder in fits:
            return holder
        if len(fits) == 1:
            return fits[0]
        return None

    def _doc_actor(self, st: LinkState, name: str, typ: str, role: str | None, country: str | None,
                   gender: str | None, *, source: str = "document", conf: float = 0.8) -> str:
        aid = f"doc:{slug(name)}"
        if aid not in st.doc_actors:
            st.doc_actors[aid] = DocPerson(Actor(id=aid, name=name, type=typ, country=country, role=role,
                                                 source=source, confidence=conf), gender)
        else:
            dp = st.doc_actors[aid]
            dp.actor.role = dp.actor.role or role
            dp.gender = dp.gender or gender
        return aid

    def _actor_name(self, st: LinkState, aid: str) -> str | None:
        if aid in st.doc_actors:
            return st.doc_actors[aid].actor.name
        a = self.kb.actor(aid)
        return a.name if a else None

    def actor_type(self, st: LinkState, aid: str) -> str | None:
        """The type of a KB or document actor ("person", "state", ...)."""
        if aid in st.doc_actors:
            return st.doc_actors[aid].actor.type
        a = self.kb.actor(aid)
        return a.type if a else None

    def _surname_index(self) -> dict[str, list[str]]:
        idx: dict[str, list[str]] = {}
        for a in self.kb.actors.values():
            if a.type != "person":
                continue
            for n in a.all_names():
                parts = n.split()
                if parts:
                    key = norm(parts[-1])
                    if a.id not in idx.setdefault(key, []):
                        idx[key].append(a.id)
        return idx


