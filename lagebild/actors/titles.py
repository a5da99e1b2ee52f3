"""Titles and role nouns: qualifiers ("US-", "Russlands", "der Ukraine"), a name after a title,
role resolution on the document's date, role nouns that refer back (see :mod:`lagebild.actors.linker`)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection

from lagebild.actors import roles as R
from lagebild.actors.context import ContextRules
from lagebild.actors.coref import find_antecedent
from lagebild.actors.matcher import Entry, Match
from lagebild.actors.mention_list import MentionList
from lagebild.actors.state import NAME_WORD, LinkState
from lagebild.actors.words import name_like, norm


class TitleRules(ContextRules):
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
        if m.start >= 2 and st.pieces[m.start - 1].norm in self.cues.qualifier_possessives and k > 0:
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
        if nxt_piece < len(st.pieces) and st.pieces[nxt_piece].norm in self.cues.qualifier_genitives:
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
        particles = self.cues.name_particles
        while t < len(toks) and len(out) < 4:
            word = toks[t].text
            if out and norm(word) in particles:
                u = t
                while u < len(toks) and norm(toks[u].text) in particles and u - t < 3:
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
        while out and norm(toks[out[-1]].text) in particles:
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
                      holder: str | None, country: str | None, gender: str | None,
                      name_from: int | None) -> bool:
        """A name after the title at match k: link it (KB, fuzzy) or create a document actor."""
        m = st.matches[k]
        window = self._name_window(st, m.end if name_from is None else name_from)
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
        _drop_mentions_inside(st, *self._span(st, first, name_end))
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

    def _handle_title(self, st: LinkState, k: int, e: Entry) -> None:
        m = st.matches[k]
        self._compound_owner(st, m, e)
        qualifier, first = self._qualifier(st, k)
        title_text = st.doc.text[st.pieces[first].start:st.pieces[m.end - 1].end]
        post = self._post_modified(st, m)
        modified = self._modified(st, m) or post > m.end
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
                              gender=e.gender, name_from=post):
            return
        q_actor = self.kb.actor(qualifier) if qualifier else None
        if q_actor is not None and "party" in q_actor.tags and not modified and not self._plural(st, m, e):
            # "der CDU-Chef", "die SPD-Vorsitzende": the latest person of that party (KB ``party``)
            mention = self._add(st, first, m.end, None, "coref", "party-title:pending", 0.5)
            st.pending.append((mention, {"noun": None, "country": qualifier, "gender": e.gender}))
            return
        generic = self._indefinite(st, first)
        if modified or generic or self._plural(st, m, e):
            self._add(st, first, m.end, None, "role", "title:modified-generic-or-plural", 0.3, counts=False)
            post_role = self.kb.role(e.target) if e.kind == "role" else None
            owner = qualifier or (post_role.of if post_role else None)
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
        if res is not None and res.role and not res.actor and e.kind == "role" and st.day is None:
            # undated and no holder named: the post is known, its holder is not (no nearest-person guess)
            self._add(st, first, m.end, None, "role", res.rule, res.confidence, role=res.role, counts=False)
            return
        # a bare office title: the latest person in the text who holds it, else the language default
        mention = self._add(st, first, m.end, None, "role", "title:pending", 0.5, role=res.role if res else None)
        st.pending.append((mention, {"office": e.target if e.kind == "office" else None, "gender": e.gender,
                                     "fallback": res.actor if res else None,
                                     "fallback_role": res.role if res else None,
                                     "fallback_rule": res.rule if res else None,
                                     "fallback_conf": res.confidence if res else 0.0,
                                     "title": st.pieces[m.end - 1].norm}))

    def _compound_owner(self, st: LinkState, m: Match, e: Entry) -> None:
        """"Nato-Generalsekretär", "EU-Außenbeauftragte", "EU-Kommissionspräsidentin": the organisation
        that opens a post's title compound is an actor of the document, as it is with an office
        title ("Nato-Sprecher"). The seed gold lists an organisation named only so as optional."""
        if e.kind != "role" or m.end - m.start < 2 or not st.pieces[m.start].hyphen_after:
            return
        role = self.kb.role(e.target)
        org = self._org_names.get(st.pieces[m.start].norm)
        if role is None or org is None or org not in R.owners(self.kb, role.of):
            return
        self._add(st, m.start, m.start + 1, org, "name", "title-compound-owner", 0.7)

    def _post_modified(self, st: LinkState, m: Match) -> int:
        """The piece after words that follow a title and change the post: "chancellor-in-waiting",
        "President-elect", "Secretary of State designate"; ``m.end`` when there are none."""
        j = m.end
        # attached pieces: "-in-waiting" (one token, or "-" tokens without spaces in English)
        while j < len(st.pieces) and (st.pieces[j].hyphen_before or st.pieces[j].start == st.pieces[j - 1].end):
            j += 1
        if j > m.end and any(st.pieces[i].norm in self._post_mods for i in range(m.end, j)):
            return j
        if m.end < len(st.pieces) and st.pieces[m.end].norm in self._post_mods \
                and st.pieces[m.end].token == st.pieces[m.end - 1].token + 1:
            return m.end + 1
        return m.end

    def _named_persons(self, st: LinkState, piece: int) -> NamedPersons | tuple[str, ...]:
        """KB persons the document names, nearest before ``piece`` first, then those after it."""
        if st.day is not None:
            return ()
        if st.person_matches is None:
            st.person_matches = {}
            for mt in st.matches:
                e = mt.first("name")
                a = self.kb.actor(e.target) if e else None
                if a is not None and a.type == "person":
                    st.person_matches.setdefault(a.id, []).append(mt.start)
        return NamedPersons(st.person_matches, piece)

    def _possessive(self, st: LinkState, first_piece: int) -> bool:
        return self._token_word(st, st.pieces[first_piece].token - 1) in self.cues.possessive_gender

    def _possessor_post(self, st: LinkState, first_piece: int, e: Entry) -> R.Resolution | None:
        det = self._token_word(st, st.pieces[first_piece].token - 1)
        gender = self.cues.possessive_gender.get(det)
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
                              gender=e.gender, name_from=None):
            return
        if self._plural(st, m, e):
            return
        det = self._token_word(st, st.pieces[first].token - 1)
        if det not in self.cues.determiners and det not in self.cues.quotative:
            return
        # "der Experte", "der russische Politiker", "des Amerikaners", "sein Amtskollege", "so der Experte"
        mention = self._add(st, first, m.end, None, "coref", "role-noun:pending", 0.5)
        st.pending.append((mention, {"noun": norm(e.target) if e.kind == "pnoun" else None,
                                     "country": country, "gender": e.gender,
                                     "counterpart": e.kind == "counterpart"}))


def _drop_mentions_inside(st: LinkState, start: int, end: int) -> None:
    """Remove the mentions inside [start, end) (the title and name now make one); the list is
    rebuilt only when there is one."""
    if any(x.end <= end for x in st.near().starting_in(start, end + 1)):
        st.mentions = MentionList(x for x in st.mentions if not (start <= x.start and x.end <= end))


class NamedPersons:
    """The KB persons a document names, in the order a title at ``piece`` prefers them: the nearest
    before it first (latest first), then those after it (earliest first); each once. Asked only for
    the first of a few candidates (a post's holders), which costs a binary search per candidate
    instead of a pass over every match."""

    def __init__(self, positions: dict[str, list[int]], piece: int) -> None:
        self.positions = positions  # person -> the first pieces of its matches, in text order
        self.piece = piece

    def first_among(self, ids: Collection[str]) -> str | None:
        best_before: tuple[int, str] | None = None
        best_after: tuple[int, str] | None = None
        for aid in ids:
            at = self.positions.get(aid)
            if not at:
                continue
            i = bisect_left(at, self.piece)
            if i > 0 and (best_before is None or at[i - 1] > best_before[0]):
                best_before = (at[i - 1], aid)
            if i < len(at) and (best_after is None or at[i] < best_after[0]):
                best_after = (at[i], aid)
        best = best_before or best_after
        return best[1] if best else None
