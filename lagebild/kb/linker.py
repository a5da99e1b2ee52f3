"""Document-level linking: automaton matches -> mentions and actors.

Reads the matches of :mod:`lagebild.kb.matcher` in text order and decides, from the few words
around each one, what it is: a name, a role resolved on the document's date, a metonym for a
government, a place, a demonym, a title introducing a (possibly unknown) person, a role noun or
pronoun that refers back. Evidence for the choices is in tests/test_actors_*.py.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ..document import Actor, Document, Mention
from . import roles as R
from .coref import Antecedent, find_antecedent
from .loader import KBActor, KnowledgeBase
from .matcher import Entry, Match, Matcher, Piece, norm, split_pieces
from .patterns import Patterns

log = logging.getLogger(__name__)

COMPONENT = "actors"
DETERMINERS = frozenset({"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
                         "eines", "sein", "seine", "seinen", "seinem", "seiner", "seines", "ihr", "ihre",
                         "ihren", "ihrem", "ihrer", "ihres", "dessen", "deren", "the", "a", "an", "his", "her",
                         "its", "their"})
_NAME_WORD = re.compile(r"^[A-ZÄÖÜÀ-Þ][\w'’.]*(?:-[A-ZÄÖÜ][\w'’.]*)?$")
_PARTICLES = frozenset({"von", "van", "de", "der", "den", "da", "di", "du", "le", "la", "bin", "al", "ibn", "ter"})
_GENERIC_PERSON = frozenset({"politiker", "politikerin", "official", "politician"})


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


@dataclass
class _State:
    doc: Document
    pieces: list[Piece]
    matches: list[Match]
    day: date | None
    lang: str
    mentions: list[Mention] = field(default_factory=list)
    counted: dict[str, float] = field(default_factory=dict)
    doc_actors: dict[str, DocPerson] = field(default_factory=dict)
    consumed: set[int] = field(default_factory=set)  # match indices already used
    covered: set[int] = field(default_factory=set)  # piece indices inside a mention
    pending: list[tuple[Mention, dict[str, object]]] = field(default_factory=list)  # coref to resolve
    roles_seen: dict[str, str] = field(default_factory=dict)  # actor -> role id or text in this doc
    alias_extra: dict[str, list[str]] = field(default_factory=dict)  # actor -> name surfaces seen


class Linker:
    def __init__(self, kb: KnowledgeBase, patterns: Patterns, matcher: Matcher) -> None:
        self.kb = kb
        self.pat = patterns
        self.matcher = matcher
        self._loc_preps = {norm(w) for ws in patterns.location_prepositions.values() for w in ws}
        self._comm = {norm(w) for ws in patterns.communication_nouns.values() for w in ws}
        self._mood = {norm(w) for ws in patterns.mood_nouns.values() for w in ws}
        self._forces = {norm(w) for ws in patterns.force_nouns.values() for w in ws}
        self._org_heads = {norm(w) for ws in patterns.organisation_heads.values() for w in ws}
        self._org_names = {norm(n): a.id for a in kb.actors.values() if a.type == "organisation"
                           for n in a.all_names() if " " not in n and "-" not in n}
        self._modifiers = {norm(w) for ws in patterns.office_modifiers.values() for w in ws}
        self._plural_cues = {norm(w) for ws in patterns.plural_cues.values() for w in ws}
        self._stop = set(patterns.name_stoplist)
        self._surnames = self._surname_index()
        self._first_names = _first_names()

    # -- public --------------------------------------------------------------------------------
    def link(self, doc: Document) -> None:
        pieces = split_pieces([(t.text, t.start) for t in doc.tokens])
        st = _State(doc, pieces, self.matcher.scan(pieces), doc.meta.published, doc.language)
        self._extend_first_names(st)
        for k in range(len(st.matches)):
            if k not in st.consumed:
                self._handle(st, k)
        self._authors(st)
        self._organisation_pass(st)
        self._surname_pass(st)
        self._ner_pass(st)
        self._resolve_pending(st)
        self._finish(st)

    # -- helpers -------------------------------------------------------------------------------
    def _span(self, st: _State, first: int, last: int) -> tuple[int, int]:
        return st.pieces[first].start, st.pieces[last - 1].end

    def _token_word(self, st: _State, token: int) -> str:
        if 0 <= token < len(st.doc.tokens):
            return norm(st.doc.tokens[token].text)
        return ""

    def _same_sentence(self, st: _State, t1: int, t2: int) -> bool:
        toks = st.doc.tokens
        return 0 <= t1 < len(toks) and 0 <= t2 < len(toks) and toks[t1].sentence == toks[t2].sentence

    def _add(self, st: _State, first: int, last: int, actor: str | None, kind: str, rule: str, conf: float,
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

    def _location_context(self, st: _State, piece: int) -> bool:
        """A place: after a location preposition ("in Genf", "nach Kiew", "im Weißen Haus");
        "aus" only when no communication noun precedes ("Reaktionen aus Moskau" is the government)."""
        p = st.pieces[piece]
        if p.hyphen_before:
            return False
        t = p.token - 1
        word = self._token_word(st, t)
        if word in DETERMINERS and word not in ("sein", "seine", "ihr", "ihre"):
            t -= 1
            word = self._token_word(st, t)
        if word not in self._loc_preps:
            return False
        if word in ("aus", "from"):
            # "Reaktionen aus Moskau", "Aus Moskau kam scharfe Kritik": the government speaks
            around = {self._token_word(st, t - 1)} | {self._token_word(st, p.token + i) for i in (1, 2, 3)}
            return not around & self._comm
        # "die Stimmung im Kanzleramt", "im Kreml ist man besorgt": the people there, an actor
        if self._token_word(st, t - 1) in self._mood:
            return False
        after = {self._token_word(st, p.token + i) for i in (1, 2, 3)}
        return "man" not in after

    def _prev_piece_match(self, st: _State, k: int) -> Match | None:
        if k > 0 and st.matches[k - 1].end == st.matches[k].start:
            return st.matches[k - 1]
        return None

    def _next_match(self, st: _State, k: int) -> Match | None:
        if k + 1 < len(st.matches) and st.matches[k + 1].start == st.matches[k].end:
            return st.matches[k + 1]
        return None

    def _state_of(self, entry: Entry | None) -> str | None:
        if entry is None:
            return None
        a = self.kb.actor(entry.target)
        if a is None:
            return None
        return a.id if a.type in ("state", "organisation", "group") else None

    def _qualifier(self, st: _State, k: int, *, following: bool = True) -> tuple[str | None, int]:
        q, first = self._find_qualifier(st, k, following)
        return q, first

    def _qualifier_mention(self, st: _State, match: Match, entry: Entry, q: str) -> None:
        """"Frankreichs Präsident", "US-Präsident", "Präsident der Ukraine": the state is named too."""
        if entry.kind == "demonym":
            self._add(st, match.start, match.end, q, "demonym", "demonym:qualifier", 0.5, counts=False)
        else:
            self._add(st, match.start, match.end, q, "name", "qualifier", 0.6)

    def _find_qualifier(self, st: _State, k: int, following: bool) -> tuple[str | None, int]:
        """The country/organisation a title at match k is qualified by, and the first piece of the
        whole phrase: "US-", "Russlands", "der russische"; or after it: "der Ukraine"."""
        m = st.matches[k]
        prev = self._prev_piece_match(st, k)
        if prev is not None and k - 1 not in st.consumed:
            e = prev.first("name", "metonym", "demonym")
            q = self._state_of(e)
            if q and e is not None:
                p_last = st.pieces[prev.end - 1]
                hyphen = st.pieces[m.start].hyphen_before
                genitive = p_last.text.endswith(("s", "'s", "’s")) and not e.surface.endswith("s")
                if hyphen or e.kind == "demonym" or genitive:
                    st.consumed.add(k - 1)
                    self._qualifier_mention(st, prev, e, q)
                    return q, prev.start
        # English "Russia 's foreign minister"
        if m.start >= 2 and st.pieces[m.start - 1].norm in ("'s", "s") and k > 0:
            prev = st.matches[k - 1]
            if prev.end == m.start - 1:
                e = prev.first("name")
                q = self._state_of(e)
                if q and e is not None:
                    st.consumed.add(k - 1)
                    self._qualifier_mention(st, prev, e, q)
                    return q, prev.start
        # following genitive: "Präsident Russlands", "Außenminister der USA"
        if not following:
            return None, m.start
        nxt_piece = m.end
        if nxt_piece < len(st.pieces) and st.pieces[nxt_piece].norm in ("der", "des", "of", "the"):
            nxt_piece += 1
        for j in range(k + 1, min(k + 3, len(st.matches))):
            nm = st.matches[j]
            if nm.start == nxt_piece:
                e = nm.first("name")
                q = self._state_of(e)
                text = st.pieces[nm.end - 1].text
                if q and e is not None and (nxt_piece > m.end or text.endswith("s")):
                    st.consumed.add(j)
                    self._qualifier_mention(st, nm, e, q)
                    return q, m.start
            if nm.start > nxt_piece:
                break
        return None, m.start

    def _modified(self, st: _State, m: Match) -> bool:
        p = st.pieces[m.start]
        words: list[str] = []
        if p.hyphen_before and m.start > 0:
            words.append(st.pieces[m.start - 1].norm)
        t = p.token - 1
        for _ in range(2):
            w = self._token_word(st, t)
            if w in DETERMINERS or not w:
                break
            words.append(w)
            t -= 1
        for w in words:
            stem = w.rstrip("enrms") if len(w) > 4 else w
            if w in self._modifiers or stem in self._modifiers or any(
                    w.startswith(mod) for mod in self._modifiers if len(mod) >= 5):
                return True
        return False

    def _plural(self, st: _State, m: Match, entry: Entry) -> bool:
        p = st.pieces[m.start]
        t = p.token - 1
        w = self._token_word(st, t)
        if w in self._plural_cues:
            return True
        # skip one adjective: "die beiden russischen Außenminister"
        if w and st.doc.tokens[t].text[:1].islower() and self._token_word(st, t - 1) in self._plural_cues:
            return True
        if st.lang == "de" and w == "die" and entry.gender == "m" and not p.text.endswith("in"):
            return True
        # dative plural: "Unterhändlern", "Außenministern", "Präsidentinnen"
        last = norm(st.pieces[m.end - 1].text)
        base = norm(entry.surface.split()[-1].split("-")[-1])
        if (base.endswith(("er", "el")) and last == base + "n") or (base.endswith("in") and last == base + "nen"):
            return True
        if st.lang == "en" and last.endswith("s") and not base.endswith("s"):
            return True
        return False

    def _name_window(self, st: _State, first_piece: int) -> list[int]:
        """Token indices of a capitalised name right after a title (up to 4 words, particles allowed)."""
        if first_piece >= len(st.pieces):
            return []
        p = st.pieces[first_piece]
        if p.hyphen_before:
            return []
        toks = st.doc.tokens
        out: list[int] = []
        t = p.token
        while t < len(toks) and len(out) < 4:
            word = toks[t].text
            if out and norm(word) in _PARTICLES:
                u = t
                while u < len(toks) and norm(toks[u].text) in _PARTICLES and u - t < 3:
                    u += 1
                if u < len(toks) and _NAME_WORD.match(toks[u].text) and toks[u].text not in self._stop:
                    out.extend(range(t, u))
                    t = u
                    continue
                break
            if not _NAME_WORD.match(word) or word in self._stop or not self._same_sentence(st, p.token, t):
                break
            if not any(c.islower() for c in word) and len(word) > 3:
                break
            out.append(t)
            t += 1
        while out and norm(toks[out[-1]].text) in _PARTICLES:
            out.pop()
        return out

    def _piece_range_of_tokens(self, st: _State, t_first: int, t_last: int) -> tuple[int, int]:
        first = next(i for i, p in enumerate(st.pieces) if p.token == t_first)
        last = max(i for i, p in enumerate(st.pieces) if p.token == t_last) + 1
        return first, last

    def _matches_in(self, st: _State, first: int, last: int) -> list[int]:
        return [j for j, m in enumerate(st.matches) if m.start >= first and m.end <= last]

    # -- persons introduced by a title ----------------------------------------------------------
    def _title_person(self, st: _State, k: int, title_first: int, role_text: str, *, role_id: str | None,
                      holder: str | None, country: str | None, gender: str | None) -> bool:
        """A name after the title at match k: link it (KB, fuzzy) or create a document actor."""
        m = st.matches[k]
        window = self._name_window(st, m.end)
        if not window:
            return False
        first, last = self._piece_range_of_tokens(st, window[0], window[-1])
        inside = self._matches_in(st, first, last)
        person: str | None = None
        name_end = last
        for j in inside:
            e = st.matches[j].first("name")
            a = self.kb.actor(e.target) if e else None
            if a is not None and a.type == "person" and st.matches[j].end == last or (
                    a is not None and a.type == "person" and st.matches[j].start == first):
                person, name_end = a.id, st.matches[j].end
                break
        if person is None and any((e := st.matches[j].first("name", "metonym")) is not None and (
                (a := self.kb.actor(e.target)) is not None and a.type != "person") for j in inside):
            return False  # "... Freundschaftsverein Atlantik-Brücke": an organisation follows, no person
        words = [st.doc.tokens[t].text for t in window]
        if person is not None:
            kb_a = self.kb.actor(person)
            extra = [w for w in words if w not in " ".join(kb_a.all_names()).split()] if kb_a else []
            if extra and kb_a is not None and not self._first_name_fits(kb_a, extra[0]):
                person = None  # "Hunter Biden" is not Joe Biden
        if person is None:
            person = self._fuzzy_person(words, holder)
        if person is None:
            if len(window) == 1 and not self._single_name_ok(words[0]):
                return False
            person = self._doc_actor(st, " ".join(words), "person", role_text, country, gender)
        for j in self._matches_in(st, first, name_end):
            st.consumed.add(j)
        span_s, span_e = self._span(st, first, name_end)
        st.mentions = [x for x in st.mentions if not (span_s <= x.start and x.end <= span_e)]
        roles_of = self.kb.roles_held(person, st.day) if self.kb.actor(person) else []
        office = st.matches[k].first("office", "role")
        rid = role_id
        if office is not None and rid is None:
            for r in roles_of:
                if r.office == office.target or r.id == office.target:
                    rid = r.id
        self._add(st, title_first, name_end, person, "title_name", "title+name", 0.95, role=rid)
        # the name alone as an alias surface
        n_s, n_e = self._span(st, first, name_end)
        if person not in st.doc_actors:
            st.roles_seen.setdefault(person, rid or role_text)
        st.alias_extra.setdefault(person, []).append(st.doc.text[n_s:n_e])
        return True

    def _first_name_fits(self, a: KBActor, first: str) -> bool:
        firsts = {n.split()[0] for n in a.all_names() if len(n.split()) >= 2}
        return any(similar_first_name(first, f) for f in firsts) or not firsts

    def _single_name_ok(self, word: str) -> bool:
        from .matcher import _is_common_noun

        return len(word) >= 3 and not _is_common_noun(word)

    def _fuzzy_person(self, words: list[str], holder: str | None) -> str | None:
        """Misspelt or differently transliterated KB persons: same surname, similar first name."""
        if not words:
            return None
        last = norm(words[-1])
        cands = self._surnames.get(last) or self._surnames.get(last[:-1] if last.endswith("s") else last, [])
        fits = [c for c in cands if len(words) == 1 or self._first_name_fits(self.kb.actors[c], words[0])]
        if holder and holder in fits:
            return holder
        if len(fits) == 1:
            return fits[0]
        return None

    def _doc_actor(self, st: _State, name: str, typ: str, role: str | None, country: str | None,
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

    # -- one match --------------------------------------------------------------------------------
    def _handle(self, st: _State, k: int) -> None:
        m = st.matches[k]
        e = m.entries[0]
        if e.kind in ("office", "role"):
            self._handle_title(st, k, e)
        elif e.kind == "name":
            a = self.kb.actor(e.target)
            meto = m.first("metonym")
            if meto is not None and a is not None and a.type != "person":
                # "Bundeskanzleramt", "Kreml": the building's organisation is the government -> the state
                self._handle_metonym(st, k, meto)
            else:
                self._handle_name(st, k, e)
        elif e.kind in ("metonym", "capital"):
            self._handle_metonym(st, k, e)
        elif e.kind == "demonym":
            self._handle_demonym(st, k, e)
        elif e.kind in ("pnoun", "natnoun", "counterpart"):
            self._handle_person_noun(st, k, e)
        elif e.kind in ("gov", "ministry"):
            self._handle_gov(st, k, e, None, m.start)
        elif e.kind == "place":
            self._add(st, m.start, m.end, None, "location", f"place:{e.target}", 0.7, counts=False)
        elif e.kind == "group":
            name = e.target
            aid = self._doc_actor(st, name, "group", None, None, None, conf=0.6)
            self._add(st, m.start, m.end, aid, "name", "group-noun", 0.6)

    def _handle_name(self, st: _State, k: int, e: Entry) -> None:
        m = st.matches[k]
        a = self.kb.actor(e.target)
        if a is None:
            return
        nxt = self._next_match(st, k)
        if a.type != "person" and nxt is not None and nxt.first(
                "office", "role", "gov", "ministry", "pnoun", "natnoun") is not None and (
                st.pieces[nxt.start].hyphen_before or st.pieces[m.end - 1].text.endswith("s")):
            return  # a qualifier: handled with the title that follows
        p = st.pieces[m.start]
        if a.type in ("organisation", "state") and not self._name_ok(st, m):
            return
        if a.type == "organisation" and a.country and self._descriptive_force(e, a):
            # "russische Truppen", "ukrainische Armee": the state's forces -> the state (affiliation)
            self._add(st, m.start, m.end, a.country, "demonym", "demonym+forces", 0.6)
            return
        if a.type == "group" and st.pieces[m.start].hyphen_after:
            org = self._org_names.get(st.pieces[m.start].norm)
            if org:
                # "Nato-Verbündete", "EU-Staaten": the members act as the organisation
                self._add(st, m.start, m.end, org, "name", "org-members", 0.75)
                return
        if a.type == "person":
            if m.end - m.start == 1 and self._first_name_of_other(st, m):
                return
            conf = 0.95 if m.end - m.start > 1 else 0.9
            self._add(st, m.start, m.end, a.id, "name", "kb-name", conf)
            return
        if st.pieces[m.end - 1].hyphen_after:
            # "Nato-Verbündeten", "US-Militär", "Russland-Experte": the first part of a compound
            self._add(st, m.start, m.end, a.id, "name", "compound-modifier", 0.7)
            return
        if a.type == "state" and self._location_context(st, m.start):
            # the gold lists states named only as places as optional or not at all: no actor
            self._add(st, m.start, m.end, a.id, "location", "state-as-place", 0.5, counts=False)
            return
        del p
        self._add(st, m.start, m.end, a.id, "name", "kb-name", 0.9)

    def _first_name_of_other(self, st: _State, m: Match) -> bool:
        """"Pavel Lokshin": a one-word KB alias ("Pavel" for Petr Pavel) right before another
        capitalised name the KB does not know is that person's first name."""
        p = st.pieces[m.start]
        t = p.token + 1
        toks = st.doc.tokens
        if p.hyphen_after or t >= len(toks) or not self._same_sentence(st, p.token, t):
            return False
        nxt = toks[t].text
        if not _NAME_WORD.match(nxt) or nxt in self._stop or not any(c.islower() for c in nxt):
            return False
        if any(st.pieces[x.start].token == t for x in st.matches):
            return False
        return not _common(nxt)

    def _descriptive_force(self, e: Entry, a: KBActor) -> bool:
        words = [norm(w) for w in e.surface.split()]
        if len(words) < 2 or words[-1] not in self._forces:
            return False
        country = self.kb.actor(a.country) if a.country else None
        stems = [norm(d)[:5] for ds in (country.demonyms.values() if country else []) for d in ds]
        return any(words[0].startswith(st_) for st_ in stems if st_)

    def _name_ok(self, st: _State, m: Match) -> bool:
        """A name made only of common words ("Die Welt", "Der Spiegel", "Bild") is the organisation
        only when written in capitals or set in quotes; "Die Welt erlebe ..." is the world."""
        from .matcher import _is_common_noun

        words = [p.text for p in st.pieces[m.start:m.end]]
        if not all(norm(w) in DETERMINERS or _is_common_noun(w) for w in words):
            return True
        if all(w.isupper() for w in words if norm(w) not in DETERMINERS):
            return True
        s, e = self._span(st, m.start, m.end)
        before, after = st.doc.text[max(0, s - 1):s], st.doc.text[e:e + 1]
        return bool(before and before in "\"„“»«‚'") or bool(after and after in "\"“”«»‘'")

    def _handle_metonym(self, st: _State, k: int, e: Entry) -> None:
        m = st.matches[k]
        metonym = m.first("metonym")
        if self._prev_is_name_part(st, m):
            return
        if metonym is None or self._location_context(st, m.start):
            self._add(st, m.start, m.end, None, "location", f"place:{e.target}", 0.7, counts=False)
            return
        nxt = self._next_match(st, k)
        if nxt is not None and nxt.first("office", "role", "gov") is not None and st.pieces[nxt.start].hyphen_before:
            return  # "Kreml-Chef": a qualifier
        if st.pieces[m.end - 1].hyphen_after:
            # "Minsk-Prozess", "Moskau-Reise": a place in a compound, no actor
            self._add(st, m.start, m.end, None, "location", f"place-compound:{e.target}", 0.5, counts=False)
            return
        self._add(st, m.start, m.end, metonym.target, "metonym", "metonym", 0.85)

    def _prev_is_name_part(self, st: _State, m: Match) -> bool:
        """"George Washington", "Washington Post": a capitalised word glued to the place name."""
        p = st.pieces[m.start]
        if p.hyphen_before or p.token == 0:
            return False
        prev = st.doc.tokens[p.token - 1]
        if not self._same_sentence(st, p.token - 1, p.token):
            return False
        sentence_start = p.token - 1 == 0 or st.doc.tokens[p.token - 2].sentence != prev.sentence
        if sentence_start or not _NAME_WORD.match(prev.text) or prev.text in self._stop:
            return False
        return norm(prev.text) in self._first_names

    def _handle_demonym(self, st: _State, k: int, e: Entry) -> None:
        m = st.matches[k]
        nxt = self._next_match(st, k)
        if nxt is None and k + 1 < len(st.matches):
            # one adjective in between: "die russische politische Führung"
            cand = st.matches[k + 1]
            if cand.start == m.end + 1 and st.pieces[m.end].text[:1].islower():
                nxt = cand
        state = e.target
        if nxt is not None:
            ne = nxt.entries[0]
            if ne.kind in ("office", "role", "pnoun", "natnoun", "counterpart"):
                return  # a qualifier of the title, handled there
            if ne.kind in ("gov", "ministry"):
                self._handle_gov(st, k + 1, ne, state, m.start)
                return
            if ne.kind == "force":
                st.consumed.add(k + 1)
                self._add(st, m.start, nxt.end, state, "demonym", "demonym+forces", 0.6)
                return
            if ne.kind == "group":
                st.consumed.add(k + 1)
                a = self.kb.actor(state)
                adj = (a.demonyms.get("en") or [a.name])[0] if a else ""
                name = f"{adj} {ne.target.lower()}".strip()
                aid = self._doc_actor(st, name, "group", None, state, None, conf=0.6)
                self._add(st, m.start, nxt.end, aid, "name", "demonym+group-noun", 0.6)
                return
        self._add(st, m.start, m.end, state, "demonym", "demonym", 0.5, counts=False)

    def _handle_gov(self, st: _State, k: int, e: Entry, state: str | None, first: int) -> None:
        """"deutsche Regierung", "US-Regierung", "Regierung in Moskau", "russisches Außenministerium"."""
        m = st.matches[k]
        last = m.end
        if state is None:
            state, first = self._qualifier(st, k)
        if state is None:
            # "die Regierung in Moskau", "die Führung in Kiew"
            p = m.end
            if p + 1 < len(st.pieces) and st.pieces[p].norm in ("in", "im"):
                for j in range(k + 1, min(k + 3, len(st.matches))):
                    nm = st.matches[j]
                    if nm.start == p + 1:
                        ne = nm.first("metonym", "capital", "name")
                        if ne is not None and self._state_of(ne) is not None:
                            state = self._state_of(ne)
                            last = nm.end
                            st.consumed.add(j)
                        break
        if state is None:
            return
        st.consumed.add(k)
        if e.kind == "gov":
            self._add(st, first, last, state, "metonym", "government-noun", 0.85)
            return
        org = self._ministry(st, state, e.target, st.doc.text[st.pieces[first].start:st.pieces[last - 1].end])
        self._add(st, first, last, org, "name", "ministry", 0.8)

    def _ministry(self, st: _State, state: str, english: str, surface: str) -> str:
        for a in self.kb.actors.values():
            if a.type == "organisation" and (a.country == state or a.parent == state) and (
                    english.lower() in a.name.lower()):
                return a.id
        st_a = self.kb.actor(state)
        name = f"{english} ({st_a.name if st_a else state})"
        return self._doc_actor(st, name, "organisation", None, state, None, conf=0.7)

    def _handle_title(self, st: _State, k: int, e: Entry) -> None:
        m = st.matches[k]
        qualifier, first = self._qualifier(st, k)
        title_text = st.doc.text[st.pieces[first].start:st.pieces[m.end - 1].end]
        modified = self._modified(st, m)
        res = R.resolve(self.kb, e, qualifier, st.day, st.lang) if not modified else None
        holder = res.actor if res else None
        if modified and st.pieces[m.start].hyphen_before:
            first = m.start - 1
            title_text = st.doc.text[st.pieces[first].start:st.pieces[m.end - 1].end]
        if self._title_person(st, k, first, title_text, role_id=res.role if res and res.actor else None,
                              holder=holder, country=qualifier if e.kind == "office" else None,
                              gender=e.gender):
            return
        if modified or self._plural(st, m, e):
            self._add(st, first, m.end, None, "role", "title:modified-or-plural", 0.3, counts=False)
            if qualifier and not modified:
                # "US-Unterhändlern", "die russischen Diplomaten": the state acts through them
                st.counted[qualifier] = max(st.counted.get(qualifier, 0.0), 0.6)
                st.alias_extra.setdefault(qualifier, []).append(st.mentions[-1].text)
            return
        if res is not None and res.actor and (qualifier or e.kind == "role"):
            self._add(st, first, m.end, res.actor, "role", res.rule, res.confidence, role=res.role)
            return
        # a bare office title: the latest person in the text who holds it, else the language default
        mention = self._add(st, first, m.end, None, "role", "title:pending", 0.5, role=res.role if res else None)
        st.pending.append((mention, {"office": e.target if e.kind == "office" else None, "gender": e.gender,
                                     "fallback": res.actor if res else None,
                                     "fallback_role": res.role if res else None,
                                     "fallback_rule": res.rule if res else None,
                                     "fallback_conf": res.confidence if res else 0.0}))

    def _handle_person_noun(self, st: _State, k: int, e: Entry) -> None:
        m = st.matches[k]
        qualifier, first = self._qualifier(st, k, following=False)
        role_text = st.doc.text[st.pieces[first].start:st.pieces[m.end - 1].end]
        country = qualifier if e.kind != "natnoun" else e.target
        if e.kind == "pnoun" and qualifier and st.pieces[m.start].hyphen_before:
            country = None  # "Russland-Experte" is an expert on Russia, not a Russian
        if self._title_person(st, k, first, role_text, role_id=None, holder=None, country=country,
                              gender=e.gender):
            return
        if self._plural(st, m, e):
            return
        det = self._token_word(st, st.pieces[first].token - 1)
        if det not in DETERMINERS and det not in ("so",):
            return
        # "der Experte", "der russische Politiker", "des Amerikaners", "sein Amtskollege"
        if m.first("pnoun") is not None and not st.pieces[m.end - 1].text.endswith(("e", "en", "er", "in", "s")):
            pass
        mention = self._add(st, first, m.end, None, "coref", "role-noun:pending", 0.5)
        st.pending.append((mention, {"noun": norm(e.target) if e.kind == "pnoun" else None,
                                     "country": country, "gender": e.gender,
                                     "counterpart": e.kind == "counterpart"}))

    # -- passes --------------------------------------------------------------------------------
    def _extend_first_names(self, st: _State) -> None:
        """"Georgia Meloni" (a misspelt first name that is also a country): a KB surname right after
        a capitalised word that fits the person's first name is one name."""
        for k, m in enumerate(st.matches):
            e = m.first("name")
            a = self.kb.actor(e.target) if e else None
            if a is None or a.type != "person" or m.end - m.start != 1 or k == 0:
                continue
            prev = st.matches[k - 1]
            if prev.end != m.start or prev.end - prev.start != 1 or st.pieces[m.start].hyphen_before:
                continue
            if prev.first("office", "role", "pnoun", "natnoun", "counterpart") is not None:
                continue
            word = st.pieces[prev.start].text
            if self._first_name_fits(a, word) and self._same_sentence(st, st.pieces[prev.start].token,
                                                                       st.pieces[m.start].token):
                st.consumed.update({k - 1, k})
                self._add(st, prev.start, m.end, a.id, "name", "first-name-variant", 0.85)

    def _authors(self, st: _State) -> None:
        author = st.doc.meta.author
        names = [a.strip() for a in re.split(r"\s*(?:,|\bund\b|\band\b|&)\s*", author or "") if a.strip()]
        for name in names:
            if len(name.split()) < 2 or len(name) > 60:
                continue
            aid = self._kb_person_by_name(name) or self._doc_actor(st, name, "person", "author", None, None,
                                                                   conf=0.9)
            found = False
            for mt in re.finditer(re.escape(name), st.doc.text):
                if not any(mm.start <= mt.start() < mm.end for mm in st.mentions):
                    st.mentions.append(Mention(mt.start(), mt.end(), COMPONENT, "author", 0.9, text=name,
                                               actor=aid, kind="name"))
                    self._cover_chars(st, mt.start(), mt.end())
                    found = True
            st.counted[aid] = max(st.counted.get(aid, 0.0), 0.9 if found else 0.8)
        self._bylines(st)

    def _cover_chars(self, st: _State, s: int, e: int) -> None:
        st.covered.update(i for i, p in enumerate(st.pieces) if s <= p.start and p.end <= e)

    def _organisation_pass(self, st: _State) -> None:
        """Organisations the KB lacks, by their form: "(Kieler) Institut für Weltwirtschaft",
        "Stiftung für Wissenschaft und Politik", "Carnegie-Stiftung" (head noun from the lexicon)."""
        toks = st.doc.tokens
        covered_tok = {st.pieces[i].token for i in st.covered}
        connectors = {"fur", "der", "des", "und", "of", "for", "and", "the", "zur", "zum", "on"}
        i = 0
        while i < len(toks):
            t = toks[i]
            if i in covered_tok or not t.text[:1].isupper():
                i += 1
                continue
            n = norm(t.text)
            last_part = n.split("-")[-1]
            forms = [last_part] + ([last_part[:-1]] if last_part.endswith("s") else []) + (
                [last_part[:-2]] if last_part.endswith("es") else [])
            head = next((h for h in forms if h in self._org_heads), None)
            if head is None:
                i += 1
                continue
            first, j = i, i + 1
            if "-" in n and n.split("-")[0] and t.text.split("-")[0][:1].isupper() and last_part == n.split("-")[-1]:
                j = i + 1  # "Carnegie-Stiftung": complete in itself
            else:
                proper_needed = True
                while j + 1 < len(toks) and norm(toks[j].text) in connectors and toks[j].sentence == t.sentence:
                    k = j + 1
                    while k < len(toks) and toks[k].text[:1].islower() and norm(toks[k].text) not in connectors \
                            and toks[k].text.isalpha() and k - j < 3:
                        k += 1
                    conn = norm(toks[j].text)
                    if conn not in ("und", "and"):
                        proper_needed = conn not in ("fur", "for", "of", "on")
                    if k < len(toks) and toks[k].text[:1].isupper() and toks[k].text.replace("-", "").isalpha() \
                            and k not in covered_tok and toks[k].text not in self._stop \
                            and not (proper_needed and _common(toks[k].text)):
                        j = k + 1
                    else:
                        break
                if j == i + 1:
                    i += 1
                    continue
            prev = toks[i - 1] if i > 0 else None
            if prev is not None and prev.sentence == t.sentence and prev.text[:1].isupper() \
                    and prev.text.endswith("er") and prev.text not in self._stop and (i - 1) not in covered_tok:
                first = i - 1  # "Kieler", "Berliner"
            s_, e_ = toks[first].start, toks[j - 1].end
            surface = st.doc.text[s_:e_]
            words = surface.split()
            base = [w if norm(w) != n else w[: len(w) - (len(n.split("-")[-1]) - len(head))] for w in words]
            name = " ".join(base)
            aid = self._doc_actor(st, name, "organisation", None, None, None, conf=0.7)
            st.mentions.append(Mention(s_, e_, COMPONENT, "organisation-pattern", 0.7, text=surface, actor=aid,
                                       kind="name"))
            self._cover_chars(st, s_, e_)
            st.counted[aid] = max(st.counted.get(aid, 0.0), 0.7)
            if first < i:
                st.alias_extra.setdefault(aid, []).append(st.doc.text[t.start:e_])
            i = j

    def _kb_person_by_name(self, name: str) -> str | None:
        n = norm(name)
        for a in self.kb.actors.values():
            if a.type == "person" and any(norm(x) == n for x in a.all_names()):
                return a.id
        return None

    def _bylines(self, st: _State) -> None:
        """"Es kommentiert: Michaela Küfner", "Ein Kommentar von ...", "... ist Russland-Korrespondent"."""
        doc = st.doc
        cues = [c.split() for cs in self.pat.byline_cues.values() for c in cs]
        for par in doc.paragraphs:
            toks = [i for i, t in enumerate(doc.tokens) if par.start <= t.start < par.end]
            if not toks or len(toks) > 12:
                continue
            words = [norm(doc.tokens[i].text) for i in toks]
            for cue in cues:
                for pos in range(len(words) - len(cue) + 1):
                    if words[pos:pos + len(cue)] != cue:
                        continue
                    rest = toks[pos + len(cue):]
                    if 2 <= len(rest) <= 3 and all(_NAME_WORD.match(doc.tokens[i].text) and
                                                   doc.tokens[i].text not in self._stop for i in rest):
                        name = doc.text[doc.tokens[rest[0]].start:doc.tokens[rest[-1]].end]
                        self._byline_person(st, name, doc.tokens[rest[0]].start, doc.tokens[rest[-1]].end)
        # "Pavel Lokshin ist Russland-Korrespondent."
        for k, m in enumerate(st.matches):
            e = m.first("pnoun")
            if e is None or k in st.consumed:
                continue
            t = st.pieces[m.start].token - 1
            while t >= 0 and (norm(doc.tokens[t].text) in DETERMINERS or doc.tokens[t].text[:1].islower()) \
                    and norm(doc.tokens[t].text) not in ("ist", "war"):
                t -= 1
            if t < 2 or norm(doc.tokens[t].text) not in ("ist", "war"):
                continue
            name_toks = [t - 2, t - 1]
            sent = doc.tokens[t].sentence
            if any(doc.tokens[i].sentence != sent or not _NAME_WORD.match(doc.tokens[i].text)
                   or doc.tokens[i].text in self._stop for i in name_toks):
                continue
            if t - 3 >= 0 and doc.tokens[t - 3].sentence == sent:
                continue  # the name must open the sentence
            s, e_ = doc.tokens[name_toks[0]].start, doc.tokens[name_toks[1]].end
            if any(mm.start < e_ and s < mm.end for mm in st.mentions):
                continue
            self._byline_person(st, doc.text[s:e_], s, e_, role=doc.tokens[st.pieces[m.start].token].text)

    def _byline_person(self, st: _State, name: str, s: int, e: int, role: str = "author") -> None:
        if any(mm.start < e and s < mm.end for mm in st.mentions):
            return
        aid = self._kb_person_by_name(name) or self._fuzzy_person(name.split(), None) or self._doc_actor(
            st, name, "person", role, None, None, conf=0.85)
        st.mentions.append(Mention(s, e, COMPONENT, "byline", 0.85, text=name, actor=aid, kind="name"))
        self._cover_chars(st, s, e)
        st.counted[aid] = max(st.counted.get(aid, 0.0), 0.85)

    def _surname_pass(self, st: _State) -> None:
        """After "Janis Kluge" (or any full name), "Kluge" / "Kluges" alone is the same person."""
        firsts: dict[str, tuple[str, int]] = {}
        for mm in sorted(st.mentions, key=lambda x: x.start):
            if not mm.actor:
                continue
            name = self._actor_name(st, mm.actor)
            typ = self._actor_type(st, mm.actor)
            if typ != "person" or not name:
                continue
            parts = name.split()
            surfaces = [mm.text.split()[-1]] if len(mm.text.split()) >= 2 else []
            if len(parts) >= 2:
                surfaces.append(parts[-1])
            for sname in surfaces:
                key = norm(sname)
                if len(key) >= 3 and key not in firsts:
                    firsts[key] = (mm.actor, mm.start)
        if not firsts:
            return
        for i, p in enumerate(st.pieces):
            if i in st.covered or p.hyphen_before or not p.text[:1].isupper():
                continue
            key = p.norm
            hit = firsts.get(key) or (firsts.get(key[:-1]) if key.endswith("s") else None)
            if hit and hit[1] < p.start:
                self._add(st, i, i + 1, hit[0], "name", "surname-coref", 0.85)

    def _ner_pass(self, st: _State) -> None:
        """Persons only the NER model finds (no title, not in the KB): actors with source "model"."""
        try:
            from ..components.ner import NerTagger

            tagger = NerTagger.load()
        except Exception:  # no model shipped yet, or crfsuite missing: patterns only
            log.debug("NER model unavailable; skipping the model fallback", exc_info=True)
            return
        try:
            spans = tagger.predict_doc(st.doc)
        except Exception:
            log.warning("NER model failed on %s", st.doc.id, exc_info=True)
            return
        taken = [(mm.start, mm.end) for mm in st.mentions]
        for s, e, label, conf in spans:
            if label != "PER" or conf < NER_MIN_CONF:
                continue
            if any(a < e and s < b for a, b in taken):
                continue
            text = st.doc.text[s:e]
            words = text.split()
            if len(words) < 2 or not all(_NAME_WORD.match(w) for w in words) or any(w in self._stop for w in words):
                continue
            aid = self._fuzzy_person(words, None) or self._doc_actor(st, text, "person", None, None, None,
                                                                     source="model", conf=0.5)
            st.mentions.append(Mention(s, e, COMPONENT, "ner-crf", round(0.5 * conf, 3), text=text, actor=aid,
                                       kind="name"))
            st.counted[aid] = max(st.counted.get(aid, 0.0), 0.5)
            taken.append((s, e))

    def _resolve_pending(self, st: _State) -> None:
        st.mentions.sort(key=lambda x: (x.start, -x.end))
        for mention, info in st.pending:
            ante = find_antecedent(self, st, mention.start, info)
            if ante is not None:
                mention.actor = ante.actor
                mention.kind = "coref"
                mention.rule = ante.rule
                mention.confidence = ante.confidence
                mention.role = mention.role or ante.role
                st.counted[ante.actor] = max(st.counted.get(ante.actor, 0.0), min(0.8, ante.confidence))
            elif info.get("fallback"):
                mention.actor = str(info["fallback"])
                mention.rule = str(info["fallback_rule"])
                mention.confidence = float(info["fallback_conf"])  # type: ignore[arg-type]
                mention.role = str(info["fallback_role"])
                st.roles_seen.setdefault(mention.actor, mention.role)
                st.counted[mention.actor] = max(st.counted.get(mention.actor, 0.0), mention.confidence)
            else:
                mention.rule = mention.rule.replace(":pending", ":unresolved")
                mention.confidence = 0.3

    def _finish(self, st: _State) -> None:
        doc = st.doc
        doc.mentions = sorted(st.mentions, key=lambda x: (x.start, -x.end))
        surfaces: dict[str, list[str]] = {}
        for mm in doc.mentions:
            if mm.actor:
                surfaces.setdefault(mm.actor, []).extend(self._surface_variants(doc, mm))
        for aid, extra in st.alias_extra.items():
            surfaces.setdefault(aid, []).extend(extra)
        actors: dict[str, Actor] = {}
        for aid, conf in sorted(st.counted.items(), key=lambda kv: -kv[1]):
            if aid in st.doc_actors:
                actor = st.doc_actors[aid].actor
                actor.confidence = max(conf, 0.0)
            else:
                kb_a = self.kb.actor(aid)
                if kb_a is None:
                    continue
                actor = kb_a.to_actor()
                actor.confidence = conf
                actor.role = st.roles_seen.get(aid)
            for s in surfaces.get(aid, []):
                if s and s != actor.name and s not in actor.aliases:
                    actor.aliases.append(s)
            actors[aid] = actor
        # the order of first mention
        order = {mm.actor: i for i, mm in reversed(list(enumerate(doc.mentions))) if mm.actor}
        doc.actors = dict(sorted(actors.items(), key=lambda kv: order.get(kv[0], 10**9)))

    def _surface_variants(self, doc: Document, mm: Mention) -> Iterable[str]:
        yield mm.text
        words = mm.text.split()
        if len(words) > 1 and norm(words[0]) in DETERMINERS:
            yield " ".join(words[1:])
        before = doc.text[max(0, mm.start - 12):mm.start].split()
        if before and norm(before[-1]) in DETERMINERS:
            yield f"{before[-1]} {mm.text}"

    # -- lookups used by coref -------------------------------------------------------------------
    def _actor_name(self, st: _State, aid: str) -> str | None:
        if aid in st.doc_actors:
            return st.doc_actors[aid].actor.name
        a = self.kb.actor(aid)
        return a.name if a else None

    def _actor_type(self, st: _State, aid: str) -> str | None:
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


# NER spans below this marginal confidence are ignored (see report: swept on the seeds)
NER_MIN_CONF = 0.6


def _common(word: str) -> bool:
    from .matcher import _is_common_noun

    return _is_common_noun(word)


def _first_names() -> frozenset[str]:
    try:
        from ..components.ner import load_gazetteer

        gaz = load_gazetteer()
        return frozenset(norm(w) for w in getattr(gaz, "first_names", ()))
    except Exception:
        return frozenset()


__all__ = ["Antecedent", "Linker", "levenshtein", "similar_first_name", "slug"]
