"""Document-level linking: automaton matches -> mentions and actors.

Reads the matches of :mod:`lagebild.actors.matcher` in text order and decides, from the few words
around each one, what it is: a name, a role resolved on the document's date, a metonym for a
government, a place, a demonym, a title introducing a (possibly unknown) person, a role noun or
pronoun that refers back. Evidence for the choices is in tests/test_actors_*.py.
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from collections.abc import Callable, Iterable
from functools import lru_cache

from lagebild.actors.coref import Antecedent, find_antecedent, noun_stem, recent
from lagebild.actors.loader import KBActor
from lagebild.actors.matcher import Entry, Match, split_pieces
from lagebild.actors.state import COMPONENT, LinkState, reference_day
from lagebild.actors.titles import TitleRules
from lagebild.actors.words import norm
from lagebild.document import Actor, Document, Mention
from lagebild.lexicon import load

log = logging.getLogger(__name__)

# organisations whose names may be common words ("Die Welt", "Spiegel", "Bild"): capitals or quotes needed
_CHECK_TAGS = frozenset({"media", "ambiguous_name"})

__all__ = ["Linker"]


class Linker(TitleRules):
    """Turns the automaton's matches into mentions and actors for one document at a time."""

    def link(self, doc: Document) -> None:
        pieces = split_pieces([(t.text, t.start) for t in doc.tokens])
        st = LinkState(doc, pieces, self.matcher.scan(pieces), reference_day(doc), doc.language)
        self._extend_first_names(st)
        for k in range(len(st.matches)):
            if k not in st.consumed:
                self._handle(st, k)
        self._authors(st)
        self._organisation_pass(st)
        self._surname_pass(st)
        self._ner_pass(st)
        if self._first_name_pass(st):  # persons the model missed; their later surnames join them
            self._surname_pass(st)
        self._surname_consistency(st)
        self._subnational_consistency(st)
        self._resolve_pending(st)
        self._pronouns(st)
        self._finish(st)

    def _handle(self, st: LinkState, k: int) -> None:
        m = st.matches[k]
        e = m.entries[0]
        if e.kind in ("office", "role"):
            self._handle_title(st, k, e)
        elif e.kind == "name" and m.first("natnoun") is not None and self._singular_person(st, m):
            # "Der Republikaner drohte": one member of the party, not the party
            self._handle_person_noun(st, k, m.first("natnoun"))  # type: ignore[arg-type]
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
        elif e.kind == "nonactor":
            # "Storm Shadow", "Truth Social": a weapon or platform; covers its span, names no actor
            st.covered.update(range(m.start, m.end))
        elif e.kind == "group":
            name = e.target
            aid = self._doc_actor(st, name, "group", None, None, None, conf=0.6)
            specific = self._specific(st, m.start) or self._agentive(st, m.start, m.end)
            self._add(st, m.start, m.end, aid, "name", "group-noun", 0.6, counts=specific)

    def _handle_name(self, st: LinkState, k: int, e: Entry) -> None:
        """A KB name: the first of ``NAME_RULES`` that decides it (each records its name as the
        mention's rule, or skips the match), else a plain name mention ("kb-name")."""
        m = st.matches[k]
        a = self.kb.actor(e.target)
        if a is None:
            return
        for rule in NAME_RULES:
            if rule(self, st, k, m, e, a):
                return
        self._add(st, m.start, m.end, a.id, "name", "kb-name", 0.9)

    def _handle_metonym(self, st: LinkState, k: int, e: Entry) -> None:
        m = st.matches[k]
        metonym = m.first("metonym")
        if self._prev_is_name_part(st, m):
            return
        if metonym is None or self._dateline(st, m) or (
                self._location_context(st, m.start) and not self._metonymy_cue(st, m.start)):
            self._add(st, m.start, m.end, None, "location", f"place:{e.target}", 0.7, counts=False)
            return
        rule = "metonym:clause-cue" if self._location_context(st, m.start) else "metonym"
        nxt = self._next_match(st, k)
        if nxt is not None and nxt.first("office", "role", "gov") is not None and st.pieces[nxt.start].hyphen_before:
            return  # "Kreml-Chef": a qualifier
        if st.pieces[m.end - 1].hyphen_after:
            # "Minsk-Prozess", "Moskau-Reise": a place in a compound, no actor
            self._add(st, m.start, m.end, None, "location", f"place-compound:{e.target}", 0.5, counts=False)
            return
        self._add(st, m.start, m.end, metonym.target, "metonym", rule, 0.85 if rule == "metonym" else 0.7)

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
            force = nxt.first("force")
            if ne.kind == "name" and force is not None and (a_n := self.kb.actor(ne.target)) is not None \
                    and "national_default" in a_n.tags and a_n.country != state:
                ne = force  # "die russische Luftwaffe": Russia's forces, not the German Air Force
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
            if p + 1 < len(st.pieces) and st.pieces[p].norm in self.cues.in_prepositions:
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
        nxt = st.matches[k + 1] if k + 1 < len(st.matches) and st.matches[k + 1].start == last else None
        ne = nxt.first("name") if nxt is not None else None
        named = self.kb.actor(ne.target) if ne is not None else None
        if nxt is not None and named is not None and named.type == "organisation" and named.country == state:
            # apposition: "der türkische Geheimdienst MIT", "das russische Verteidigungsministerium" + name
            st.consumed.add(k + 1)
            self._add(st, first, nxt.end, named.id, "name", "ministry+name", 0.85)
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

    def _surname_consistency(self, st: LinkState) -> None:
        """The document's own full names decide its bare surnames: "Blair" after "James Blair" (and
        no "Tony Blair" anywhere in it) is James Blair, not the KB's Tony Blair. A one-word KB person
        mention moves to the person the document names in full with that surname (rule
        "surname-coref:document"); a KB person left without mentions is no actor of the document."""
        full: dict[str, set[str]] = {}
        for mm in st.mentions:
            words = mm.text.split()
            if mm.actor and len(words) >= 2 and mm.kind in ("name", "title_name") \
                    and self.actor_type(st, mm.actor) == "person":
                full.setdefault(norm(words[-1]), set()).add(mm.actor)
        moved: set[str] = set()
        for mm in st.mentions:
            words = mm.text.split()
            if not mm.actor or len(words) != 1 or mm.kind != "name" or self.kb.actor(mm.actor) is None:
                continue
            key = norm(words[0])
            others = full.get(key) or (full.get(key[:-1]) if key.endswith("s") else None) or set()
            if len(others) == 1 and mm.actor not in others:
                (target,) = others
                moved.add(mm.actor)
                mm.actor, mm.rule, mm.confidence = target, "surname-coref:document", 0.8
        for aid in moved:
            if not any(mm.actor == aid for mm in st.mentions):
                st.counted.pop(aid, None)
                st.roles_seen.pop(aid, None)

    def _subnational_consistency(self, st: LinkState) -> None:
        """One name, one referent per document: when "Georgia" is once the US state ("Atlanta,
        Georgia", "the state of Georgia"), its other bare mentions in the document are the state too
        ("Georgia's voters"), not the country (rule "subnational-place:document")."""
        local = {(m.text, m.rule.split(":", 1)[1]) for m in st.mentions
                 if m.rule.startswith("subnational-place:") and ":" in m.rule}
        if not local:
            return
        moved: set[str] = set()
        for mm in st.mentions:
            if mm.actor and (mm.text, mm.actor) in local and mm.kind == "name":
                moved.add(mm.actor)
                mm.rule, mm.actor, mm.kind, mm.confidence = f"subnational-place:document:{mm.actor}", None, \
                    "location", 0.6
        for aid in moved:
            if not any(mm.actor == aid for mm in st.mentions):
                st.counted.pop(aid, None)
                st.roles_seen.pop(aid, None)

    def _resolve_pending(self, st: LinkState) -> None:
        st.mentions.sort(key=lambda x: (x.start, -x.end))
        for mention, info in st.pending:
            ante = self._same_title_antecedent(st, mention.start, info, mention.text) or find_antecedent(
                self, st, mention.start, info)
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

    def _same_title_antecedent(self, st: LinkState, offset: int, info: dict[str, object],
                               text: str = "") -> Antecedent | None:
        """"Die Bundespräsidentin" after "die Schweizer Bundespräsidentin Viola Amherd": a bare title
        refers to the latest person the text introduced with the same title word (gender fitting),
        before any holder of a post the title could name (the German president by default)."""
        title = info.get("title")
        if not isinstance(title, str):
            return None
        stem = noun_stem(title, self.cues.noun_stem_suffixes)
        gender = info.get("gender")
        # "the vice president" is not "President Joe Biden": a modifier of the title must be there too
        modifiers = {norm(w) for w in text.replace("-", " ").split() if norm(w) in self._modifiers}
        for mm in recent(st, offset):
            if mm.start >= offset or not mm.actor or mm.kind != "title_name":
                continue
            if self.actor_type(st, mm.actor) != "person":
                continue
            g = st.doc_actors[mm.actor].gender if mm.actor in st.doc_actors else (
                a.gender if (a := self.kb.actor(mm.actor)) else None)
            if gender and g and g != gender:
                continue
            words = {noun_stem(p, self.cues.noun_stem_suffixes) for w in mm.text.split() for p in w.split("-")}
            if stem in words and modifiers <= {norm(p) for w in mm.text.split() for p in w.split("-")}:
                return Antecedent(mm.actor, mm.role, "coref:same-title", 0.8)
        return None

    def _pronouns(self, st: LinkState) -> None:
        """Unambiguous personal pronouns ("er", "he", "she") -> the latest person of that gender within
        a few sentences. German "sie" (she/they/Sie) is left to ``resolve_reference`` on demand."""
        pronouns = self.cues.pronouns.get(st.lang, {})
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
        if len(words) > 1 and norm(words[0]) in self.cues.determiners:
            yield " ".join(words[1:])
        before = doc.text[max(0, mm.start - 12):mm.start].split()
        if before and norm(before[-1]) in self.cues.determiners:
            yield f"{before[-1]} {mm.text}"


# -- the rules for a KB name, in order: the first that returns True decides ----------------------------

NameRule = Callable[[Linker, LinkState, int, Match, Entry, KBActor], bool]


def _qualifier_of_title(lk: Linker, st: LinkState, k: int, m: Match, e: Entry, a: KBActor) -> bool:
    """"US-Präsident", "Russlands Außenminister", "Ukraine's foreign minister": the name qualifies
    the title that follows and is handled with it."""
    if a.type == "person":
        return False
    nxt = lk._next_match(st, k)
    if nxt is not None and nxt.first("office", "role", "gov", "ministry", "pnoun", "natnoun") is not None and (
            st.pieces[nxt.start].hyphen_before or st.pieces[m.end - 1].text.endswith("s")):
        return True
    if not (m.end + 1 < len(st.pieces) and st.pieces[m.end].norm in lk.cues.possessive_clitics):
        return False
    j = bisect_left(st.match_starts, m.end + 1)  # matches do not overlap: one at most starts there
    return j < len(st.matches) and st.matches[j].start == m.end + 1 and \
        st.matches[j].first("office", "role") is not None


def _common_word_name(lk: Linker, st: LinkState, k: int, m: Match, e: Entry, a: KBActor) -> bool:
    """"die Welt erlebe", "am Rand des Saals" (RAND): common words, no capitals or quotes."""
    return a.type in ("organisation", "group") and bool(
        _CHECK_TAGS & set(a.tags) or lk._acronym_as_word(st, m, e)) and not lk._name_ok(st, m)


def _out_of_context(lk: Linker, st: LinkState, k: int, m: Match, e: Entry, a: KBActor) -> bool:
    """"Union", "Ampel": only in a document about German politics (the entry's ``requires``)."""
    return bool(a.requires) and (m.end - m.start == 1 or e.surface in a.aliases) \
        and (not lk._context_ok(st, a) or lk._indefinite(st, m.start))


def _foreign_institution(lk: Linker, st: LinkState, k: int, m: Match, e: Entry, a: KBActor) -> bool:
    """"die russische Luftwaffe" is not the German Air Force (the demonym rule handles it)."""
    return "national_default" in a.tags and lk._foreign_qualified(st, k, a)


def _agency_credit(lk: Linker, st: LinkState, k: int, m: Match, e: Entry, a: KBActor) -> bool:
    """"Moskau (dpa) -": a source, not an actor."""
    return a.type == "organisation" and lk._credit(st, m)


def _compass_direction(lk: Linker, st: LinkState, k: int, m: Match, e: Entry, a: KBActor) -> bool:
    """"im Westen des Landes": a direction."""
    return a.type == "group" and lk._compass(st, m)


def _generic_group(lk: Linker, st: LinkState, k: int, m: Match, e: Entry, a: KBActor) -> bool:
    """"im Baltikum", "wenn der Westen nicht standhält": a generic group is an actor only as an
    acting subject; otherwise an uncounted mention."""
    if a.type == "group" and "generic" in a.tags and (
            lk._location_context(st, m.start) or not lk._agentive(st, m.start, m.end)):
        lk._add(st, m.start, m.end, a.id, "name", "generic-group", 0.4, counts=False)
        return True
    return False


def _state_forces(lk: Linker, st: LinkState, k: int, m: Match, e: Entry, a: KBActor) -> bool:
    """"russische Truppen", "ukrainische Armee": the state's forces -> the state (affiliation)."""
    if a.type == "organisation" and a.country and lk._descriptive_force(e, a):
        lk._add(st, m.start, m.end, a.country, "demonym", "demonym+forces", 0.6)
        return True
    return False


def _organisation_members(lk: Linker, st: LinkState, k: int, m: Match, e: Entry, a: KBActor) -> bool:
    """"Nato-Verbündete", "EU-Staaten": the members act as the organisation."""
    if a.type == "group" and st.pieces[m.start].hyphen_after:
        org = lk._org_names.get(st.pieces[m.start].norm)
        if org:
            lk._add(st, m.start, m.end, org, "name", "org-members", 0.75)
            return True
    return False


def _person_name(lk: Linker, st: LinkState, k: int, m: Match, e: Entry, a: KBActor) -> bool:
    """A KB person, unless one word of it is part of another name or a date ("Jakob Lindner",
    "in May 2022")."""
    if a.type != "person":
        return False
    if m.end - m.start == 1 and (lk._first_name_of_other(st, m) or lk._surname_in_other_name(st, m, a)
                                 or lk._date_word(st, m)):
        return True
    lk._add(st, m.start, m.end, a.id, "name", "kb-name", 0.95 if m.end - m.start > 1 else 0.9)
    return True


def _compound_modifier(lk: Linker, st: LinkState, k: int, m: Match, e: Entry, a: KBActor) -> bool:
    """"Nato-Verbündeten", "US-Militär", "Russland-Experte": the first part of a compound."""
    if st.pieces[m.end - 1].hyphen_after:
        lk._add(st, m.start, m.end, a.id, "name", "compound-modifier", 0.7)
        return True
    return False


def _subnational_place(lk: Linker, st: LinkState, k: int, m: Match, e: Entry, a: KBActor) -> bool:
    """"Atlanta, Georgia": a sub-national place of the same name, no actor."""
    if a.type == "state" and lk._subnational(st, m):
        lk._add(st, m.start, m.end, None, "location", f"subnational-place:{a.id}", 0.6, counts=False)
        return True
    return False


def _state_as_place(lk: Linker, st: LinkState, k: int, m: Match, e: Entry, a: KBActor) -> bool:
    """"in Polen": the gold lists states named only as places as optional or not at all: no actor."""
    if a.type == "state" and lk._location_context(st, m.start):
        lk._add(st, m.start, m.end, a.id, "location", "state-as-place", 0.5, counts=False)
        return True
    return False


def _caps_text_acronym(lk: Linker, st: LinkState, k: int, m: Match, e: Entry, a: KBActor) -> bool:
    """"RUSSIA IS CLOSELY MONITORING": in all-capitals text a word is a word, not an acronym; a
    match is kept only when the KB knows the word in ordinary spelling too ("RUSSIA" = "Russia",
    "NATO" = "Nato"), not when its only spelling is capitals ("IS" -> Islamic State)."""
    surface = st.doc.text[st.pieces[m.start].start:st.pieces[m.end - 1].end]
    if not surface.isupper() or not _in_caps_text(st, st.pieces[m.start].token, st.pieces[m.end - 1].token):
        return False
    key = surface.casefold()
    if any(n.casefold() == key and not n.isupper() for n in a.all_names()):
        return False
    st.covered.update(range(m.start, m.end))
    return True


def _in_caps_text(st: LinkState, first: int, last: int) -> bool:
    """At least two words in capitals among the two tokens either side of tokens [first, last]."""
    toks = st.doc.tokens
    near = [t for t in (*range(max(0, first - 2), first), *range(last + 1, min(len(toks), last + 3)))
            if toks[t].sentence == toks[first].sentence]
    return sum(1 for t in near if len(toks[t].text) >= 2 and toks[t].text.isalpha() and toks[t].text.isupper()) >= 2


def _inside_longer_name(lk: Linker, st: LinkState, k: int, m: Match, e: Entry, a: KBActor) -> bool:
    """"Department of Foreign Affairs" is not the magazine "Foreign Affairs", "Merkel Jagd- und
    Sportwaffen" not Angela Merkel: a KB name after "<Capitalised> of/for" or before a truncated
    compound ("Jagd-") is a part of another name; it covers its span and names no actor."""
    toks = st.doc.tokens
    first, last = st.pieces[m.start].token, st.pieces[m.end - 1].token
    inside = False
    if a.type != "state" and first >= 2 and toks[first - 1].text in _inside_name_connectors() \
            and toks[first - 2].text[:1].isupper() and toks[first - 2].sentence == toks[first].sentence \
            and norm(toks[first - 2].text) not in lk.cues.determiners:
        inside = True
    if last + 1 < len(toks) and toks[last + 1].text.endswith("-") and toks[last + 1].text[:1].isupper() \
            and toks[last + 1].start == toks[last].end + 1:
        inside = True
    if inside:
        st.covered.update(range(m.start, m.end))
    return inside


@lru_cache(maxsize=1)
def _inside_name_connectors() -> frozenset[str]:
    return frozenset(str(w) for w in load("name_context", {"inside_name_connectors": list})["inside_name_connectors"])


def _office_elsewhere(lk: Linker, st: LinkState, k: int, m: Match, e: Entry, a: KBActor) -> bool:
    """"das Präsidialamt in Seoul" is not Ukraine's: an organisation of one state named by a
    generic word and placed "in" a capital or state of another (or an unknown place) names no KB actor."""
    if a.type != "organisation" or not a.country or m.end - m.start != 1 or len(e.surface.split()) > 1:
        return False
    p = m.end
    if not (p + 1 < len(st.pieces) and st.pieces[p].norm in lk.cues.in_prepositions
            and st.pieces[p + 1].text[:1].isupper()):
        return False
    j = bisect_left(st.match_starts, p + 1)
    nxt = st.matches[j] if j < len(st.matches) and st.matches[j].start == p + 1 else None
    place = lk._state_of(nxt.first("metonym", "capital", "name", "place")) if nxt is not None else None
    if nxt is not None and (place is None or place == a.country):
        return False
    st.covered.update(range(m.start, m.end))
    return True


NAME_RULES: tuple[NameRule, ...] = (
    _caps_text_acronym, _inside_longer_name, _office_elsewhere, _qualifier_of_title, _common_word_name, _out_of_context, _foreign_institution, _agency_credit,
    _compass_direction, _generic_group, _state_forces, _organisation_members, _person_name,
    _compound_modifier, _subnational_place, _state_as_place)
