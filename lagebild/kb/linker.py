"""Document-level linking: automaton matches -> mentions and actors.

Reads the matches of :mod:`lagebild.kb.matcher` in text order and decides, from the few words
around each one, what it is: a name, a role resolved on the document's date, a metonym for a
government, a place, a demonym, a title introducing a (possibly unknown) person, a role noun or
pronoun that refers back. Evidence for the choices is in tests/test_actors_*.py.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from ..document import Actor, Document, Mention
from . import roles as R
from .context import ContextRules
from .coref import Antecedent, find_antecedent
from .matcher import Entry, Match, norm, split_pieces
from .state import (
    COMPONENT,
    DETERMINERS,
    NAME_WORD,
    PARTICLES,
    DocPerson,
    LinkState,
    levenshtein,
    name_like,
    similar_first_name,
    slug,
)
from .unknown import NER_MIN_CONF, UnknownActors

log = logging.getLogger(__name__)

# organisations whose names may be common words ("Die Welt", "Spiegel", "Bild"): capitals or quotes needed
_CHECK_TAGS = frozenset({"media", "ambiguous_name"})

# possessive determiners and the gender of their possessor ("ihr" is also plural: no constraint)
_POSSESSIVE = {"sein": "m", "seine": "m", "seinen": "m", "seinem": "m", "seiner": "m", "seines": "m",
               "ihr": None, "ihre": None, "ihren": None, "ihrem": None, "ihrer": None, "ihres": None,
               "his": "m", "her": "f", "their": None}

__all__ = ["COMPONENT", "Antecedent", "DocPerson", "Linker", "LinkState", "NER_MIN_CONF", "levenshtein",
           "similar_first_name", "slug"]


class Linker(ContextRules, UnknownActors):
    """Turns the automaton's matches into mentions and actors for one document at a time."""

    def link(self, doc: Document) -> None:
        pieces = split_pieces([(t.text, t.start) for t in doc.tokens])
        st = LinkState(doc, pieces, self.matcher.scan(pieces), doc.meta.published, doc.language)
        self._extend_first_names(st)
        for k in range(len(st.matches)):
            if k not in st.consumed:
                self._handle(st, k)
        self._authors(st)
        self._organisation_pass(st)
        self._surname_pass(st)
        self._ner_pass(st)
        self._resolve_pending(st)
        self._pronouns(st)
        self._finish(st)

    def _qualifier(self, st: LinkState, k: int, *, following: bool = True) -> tuple[str | None, int]:
        q, first = self._find_qualifier(st, k, following)
        return q, first

    def _qualifier_mention(self, st: LinkState, match: Match, entry: Entry, q: str) -> None:
        """"Frankreichs Präsident", "US-Präsident", "Präsident der Ukraine": the state is named too."""
        if entry.kind == "demonym":
            self._add(st, match.start, match.end, q, "demonym", "demonym:qualifier", 0.5, counts=False)
        else:
            self._add(st, match.start, match.end, q, "name", "qualifier", 0.6)

    def _find_qualifier(self, st: LinkState, k: int, following: bool) -> tuple[str | None, int]:
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
                if (hyphen or e.kind == "demonym" or genitive) and not self._subnational(st, prev):
                    st.consumed.add(k - 1)
                    self._qualifier_mention(st, prev, e, q)
                    return q, prev.start
        # English "Russia 's foreign minister"
        if m.start >= 2 and st.pieces[m.start - 1].norm in ("'s", "s") and k > 0:
            prev = st.matches[k - 1]
            if prev.end == m.start - 1:
                e = prev.first("name")
                q = self._state_of(e)
                if q and e is not None and not self._subnational(st, prev):
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

    def _name_window(self, st: LinkState, first_piece: int) -> list[int]:
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
            if out and norm(word) in PARTICLES:
                u = t
                while u < len(toks) and norm(toks[u].text) in PARTICLES and u - t < 3:
                    u += 1
                if u < len(toks) and NAME_WORD.match(toks[u].text) and toks[u].text not in self._stop:
                    out.extend(range(t, u))
                    t = u
                    continue
                break
            if not NAME_WORD.match(word) or word in self._stop or not self._same_sentence(st, p.token, t):
                break
            if not any(c.islower() for c in word) and len(word) > 3:
                break
            if not name_like(word) and t not in self._kb_person_tokens(st):
                if len(out) == 1 and norm(toks[out[0]].text) in self._first_names:
                    out.append(t)  # "Claudia Major": after a first name, a noun-like surname
                break  # "Regierungschef Viktor Orbán Sanktionen ...": a common noun ends the name
            out.append(t)
            t += 1
        while out and norm(toks[out[-1]].text) in PARTICLES:
            out.pop()
        return out

    def _kb_person_tokens(self, st: LinkState) -> set[int]:
        """Tokens inside a KB person's name ("Claudia Major": "Major" is also a common noun)."""
        if st.person_tokens is None:
            st.person_tokens = set()
            for mt in st.matches:
                e = mt.first("name")
                a = self.kb.actor(e.target) if e else None
                if a is not None and a.type == "person":
                    st.person_tokens.update(st.pieces[i].token for i in range(mt.start, mt.end))
        return st.person_tokens

    def _title_person(self, st: LinkState, k: int, title_first: int, role_text: str, *, role_id: str | None,
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
            return False  # "Verein Atlantik-Brücke" after the title: an organisation follows, no person
        words = [st.doc.tokens[t].text for t in window if st.doc.tokens[t].start < st.pieces[name_end - 1].end]
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

    def _handle(self, st: LinkState, k: int) -> None:
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

    def _handle_name(self, st: LinkState, k: int, e: Entry) -> None:
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
        if a.type != "person" and m.end + 1 < len(st.pieces) and st.pieces[m.end].norm in ("'s",) and any(
                x.start == m.end + 1 and x.first("office", "role") is not None for x in st.matches):
            return  # "Ukraine's foreign minister": the title's qualifier
        if a.type == "organisation" and _CHECK_TAGS & set(a.tags) and not self._name_ok(st, m):
            return
        if a.type == "organisation" and self._credit(st, m):
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
        if a.type == "state" and self._subnational(st, m):
            self._add(st, m.start, m.end, None, "location", f"subnational-place:{a.id}", 0.6, counts=False)
            return
        if a.type == "state" and self._location_context(st, m.start):
            # the gold lists states named only as places as optional or not at all: no actor
            self._add(st, m.start, m.end, a.id, "location", "state-as-place", 0.5, counts=False)
            return
        del p
        self._add(st, m.start, m.end, a.id, "name", "kb-name", 0.9)

    def _handle_metonym(self, st: LinkState, k: int, e: Entry) -> None:
        m = st.matches[k]
        metonym = m.first("metonym")
        if self._prev_is_name_part(st, m):
            return
        if metonym is None or self._location_context(st, m.start) or self._dateline(st, m):
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

    def _handle_demonym(self, st: LinkState, k: int, e: Entry) -> None:
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

    def _handle_gov(self, st: LinkState, k: int, e: Entry, state: str | None, first: int) -> None:
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

    def _ministry(self, st: LinkState, state: str, english: str, surface: str) -> str:
        for a in self.kb.actors.values():
            if a.type == "organisation" and (a.country == state or a.parent == state) and (
                    english.lower() in a.name.lower()):
                return a.id
        st_a = self.kb.actor(state)
        name = f"{english} ({st_a.name if st_a else state})"
        return self._doc_actor(st, name, "organisation", None, state, None, conf=0.7)

    def _handle_title(self, st: LinkState, k: int, e: Entry) -> None:
        m = st.matches[k]
        qualifier, first = self._qualifier(st, k)
        title_text = st.doc.text[st.pieces[first].start:st.pieces[m.end - 1].end]
        modified = self._modified(st, m)
        res = R.resolve(self.kb, e, qualifier, st.day, st.lang, self._named_persons(st, m.start)) \
            if not modified else None
        holder = res.actor if res else None
        if modified and st.pieces[m.start].hyphen_before:
            first = m.start - 1
            title_text = st.doc.text[st.pieces[first].start:st.pieces[m.end - 1].end]
        elif modified and first == m.start and m.start > 0 and not st.pieces[m.start - 1].hyphen_before \
                and st.pieces[m.start - 1].text[:1].islower():
            # "der stellvertretende Verteidigungsminister X": the modifier belongs to the role
            first = m.start - 1
            title_text = st.doc.text[st.pieces[first].start:st.pieces[m.end - 1].end]
        if self._title_person(st, k, first, title_text, role_id=res.role if res and res.actor else None,
                              holder=holder, country=qualifier if e.kind == "office" else None,
                              gender=e.gender):
            return
        generic = self._indefinite(st, first)
        if modified or generic or self._plural(st, m, e):
            self._add(st, first, m.end, None, "role", "title:modified-generic-or-plural", 0.3, counts=False)
            post = self.kb.role(e.target) if e.kind == "role" else None
            owner = qualifier or (post.of if post else None)
            if owner and not modified:
                # "US-Unterhändlern", "ein Sprecher des Weißen Hauses": the state acts through them
                mention = st.mentions[-1]
                mention.actor, mention.rule, mention.confidence = owner, "title:generic-or-plural->owner", 0.6
                st.counted[owner] = max(st.counted.get(owner, 0.0), 0.6)
            return
        if not qualifier and e.kind == "office" and self._possessive(st, first):
            # "über seinen Sprecher" after Putin: the spokesperson of Putin's country
            owner_res = self._possessor_post(st, first, e)
            if owner_res is not None:
                # resolved for speech attribution, but an unnamed aide is no actor of the document
                self._add(st, first, m.end, owner_res.actor, "role", "title:possessor-country", 0.6,
                          role=owner_res.role, counts=False)
            else:
                self._add(st, first, m.end, None, "role", "title:possessive-unresolved", 0.3, counts=False)
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

    def _named_persons(self, st: LinkState, piece: int) -> list[str]:
        """KB persons the document names, nearest before ``piece`` first, then those after it."""
        if st.day is not None:
            return []
        before: list[str] = []
        after: list[str] = []
        for mt in st.matches:
            e = mt.first("name")
            a = self.kb.actor(e.target) if e else None
            if a is not None and a.type == "person":
                (before if mt.start < piece else after).append(a.id)
        return list(dict.fromkeys([*reversed(before), *after]))

    def _possessive(self, st: LinkState, first_piece: int) -> bool:
        return self._token_word(st, st.pieces[first_piece].token - 1) in _POSSESSIVE

    def _possessor_post(self, st: LinkState, first_piece: int, e: Entry) -> R.Resolution | None:
        det = self._token_word(st, st.pieces[first_piece].token - 1)
        gender = _POSSESSIVE.get(det)
        start = st.pieces[first_piece].start
        ante = find_antecedent(self, st, start, {"pronoun": True, "gender": gender})
        if ante is None:
            return None
        a = self.kb.actor(ante.actor)
        country = a.country if a else (st.doc_actors[ante.actor].actor.country if ante.actor in st.doc_actors
                                        else None)
        if not country:
            return None
        res = R.resolve(self.kb, e, country, st.day, st.lang)
        return res if res.actor and res.actor != ante.actor else None

    def _handle_person_noun(self, st: LinkState, k: int, e: Entry) -> None:
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

    def _extend_first_names(self, st: LinkState) -> None:
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

    def _resolve_pending(self, st: LinkState) -> None:
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

    def _pronouns(self, st: LinkState) -> None:
        """Unambiguous personal pronouns ("er", "he", "she") -> the latest person of that gender within
        a few sentences. German "sie" (she/they/Sie) is left to ``resolve_reference`` on demand."""
        pronouns = {"de": {"er": "m"}, "en": {"he": "m", "she": "f"}}.get(st.lang, {})
        if not pronouns:
            return
        st.mentions.sort(key=lambda x: (x.start, -x.end))
        for tok in st.doc.tokens:
            gender = pronouns.get(tok.text.lower())
            if gender is None:
                continue
            ante = find_antecedent(self, st, tok.start, {"pronoun": True, "gender": gender})
            if ante is not None:
                st.mentions.append(Mention(tok.start, tok.end, COMPONENT, ante.rule, 0.5, text=tok.text,
                                           actor=ante.actor, kind="pronoun"))

    def _finish(self, st: LinkState) -> None:
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
                actor.gender = actor.gender or st.doc_actors[aid].gender
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
