"""Context rules of the linker: place or actor, plural or generic titles, datelines, credits.

Each rule looks at a few tokens around a match; the evidence for each is in tests/test_actors_*.py.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from lagebild.actors.loader import KBActor
from lagebild.actors.matcher import Entry, Match
from lagebild.actors.state import NAME_WORD, LinkState
from lagebild.actors.unknown import UnknownActors
from lagebild.actors.words import hanta_noun, is_common_noun, lexicon_first_name, norm
from lagebild.lexicon import load

# typography, not words: what follows a dateline's place ("Kiew/Moskau –", "Berlin (dpa)") and
# what ends a clause around "in X"
_DATELINE_MARKS = frozenset("/–-—(:")
_CLAUSE_MARKS = frozenset(",;:–—")


def _sorted_has(values: list[int], x: int) -> bool:
    i = bisect_left(values, x)
    return i < len(values) and values[i] == x


@lru_cache(maxsize=1)
def media_cues() -> tuple[frozenset[str], frozenset[str]]:
    """The reporting words after and before a media name (``lexicons/name_context.yaml``)."""
    d = load("name_context", {"media_cues_after": list, "media_cues_before": list})
    return frozenset(norm(str(w)) for w in d["media_cues_after"]), frozenset(norm(str(w)) for w in d["media_cues_before"])


class ContextRules(UnknownActors):
    """Context rules for the linker (places, organisations, people by their context). One chain of
    classes, LinkerBase <- UnknownActors <- ContextRules <- TitleRules <- Linker, so that a compiled
    build (setup.py: mypyc, which has no multiple inheritance) can compile them."""

    def _location_context(self, st: LinkState, piece: int) -> bool:
        """A place: after a location preposition ("in Genf", "nach Kiew", "im Weißen Haus");
        "aus" only when no communication noun precedes ("Reaktionen aus Moskau" is the government)."""
        p = st.pieces[piece]
        if p.hyphen_before:
            return False
        t = p.token - 1
        word = self._token_word(st, t)
        if word in self.cues.determiners and word not in self.cues.location_not_skipped:
            t -= 1
            word = self._token_word(st, t)
        if word not in self._loc_preps:
            return False
        if word in self.cues.source_prepositions:
            # "Reaktionen aus Moskau", "Aus Moskau kam scharfe Kritik": the government speaks
            around = {self._token_word(st, t - 1)} | {self._token_word(st, p.token + i) for i in (1, 2, 3)}
            if t == 0 or st.doc.tokens[t - 1].sentence != st.doc.tokens[t].sentence:
                # fronted "Aus Moskau kam die erwartbare Drohung": the clause's subject is a speech
                # act or attitude noun a few words on
                around |= {self._token_word(st, p.token + i) for i in (4, 5)}
            return not around & self._comm
        # "die Stimmung im Kanzleramt", "im Kreml ist man besorgt": the people there, an actor
        if self._token_word(st, t - 1) in self._mood:
            return False
        after = {self._token_word(st, p.token + i) for i in (1, 2, 3)}
        if self._token_word(st, p.token + 1) in self.cues.location_coordinators and st.doc.tokens[
                min(p.token + 2, len(st.doc.tokens) - 1)].text[:1].isupper():
            # "in Washington und Berlin hielt man sich zurück": both conjuncts share the clause
            after |= {self._token_word(st, p.token + i) for i in (4, 5)}
        return not after & self.cues.impersonal_subjects

    def _modified(self, st: LinkState, m: Match) -> bool:
        p = st.pieces[m.start]
        words: list[str] = []
        if p.hyphen_before and m.start > 0:
            words.append(st.pieces[m.start - 1].norm)
        t = p.token - 1
        for _ in range(2):
            w = self._token_word(st, t)
            if w in self.cues.determiners or not w:
                break
            words.append(w)
            t -= 1
        for w in words:
            stem = w.rstrip("enrms") if len(w) > 4 else w
            if w in self._modifiers or stem in self._modifiers or any(
                    w.startswith(mod) for mod in self._modifiers if len(mod) >= 5):
                return True
        return False

    def _plural(self, st: LinkState, m: Match, entry: Entry) -> bool:
        p = st.pieces[m.start]
        t = p.token - 1
        w = self._token_word(st, t)
        if w in self._plural_cues:
            return True
        # skip one adjective: "die beiden russischen Außenminister"
        if w and st.doc.tokens[t].text[:1].islower() and self._token_word(st, t - 1) in self._plural_cues:
            return True
        if st.lang == "de" and w in self.cues.plural_article and entry.gender == "m" and not p.text.endswith("in"):
            return True
        # dative plural: "Unterhändlern", "Außenministern", "Präsidentinnen"
        last = norm(st.pieces[m.end - 1].text)
        base = norm(entry.surface.split()[-1].split("-")[-1])
        if (base.endswith(("er", "el")) and last == base + "n") or (base.endswith("in") and last == base + "nen"):
            return True
        if st.lang == "en" and last.endswith("s") and not base.endswith("s"):
            return True
        return False

    def _credit(self, st: LinkState, m: Match) -> bool:
        """An agency credit in a dateline, "Moskau (dpa) -", "(AFP/Reuters)": a source, not an actor."""
        toks = st.doc.tokens
        t0, t1 = st.pieces[m.start].token, st.pieces[m.end - 1].token
        k = t0 - 1
        while k >= 0 and toks[k].text == "/":
            k -= 2
        if k < 0 or toks[k].text != "(":
            return False
        after = toks[t1 + 1].text if t1 + 1 < len(toks) else ""
        starts = st.paragraph_starts
        i = bisect_right(starts, toks[k].start)
        para_start = starts[i - 1] if i else 0
        # tokens are in text order: those of toks[:k + 1] from the paragraph start on
        near_start = k + 1 - bisect_left(st.token_starts, para_start, 0, k + 1) <= 5
        return after in (")", "/") and near_start

    def _indefinite(self, st: LinkState, first_piece: int) -> bool:
        """"ein Sprecher", "einer der Berater": some holder, not the post's holder."""
        t = st.pieces[first_piece].token - 1
        w = self._token_word(st, t)
        if w and t >= 1 and st.doc.tokens[t].text.isalpha() and st.doc.tokens[t].text.islower() \
                and w not in self.cues.determiners and st.doc.tokens[t - 1].sentence == st.doc.tokens[t].sentence:
            w = self._token_word(st, t - 1)  # one word between: "a government spokesman"
        return w in self.cues.indefinite

    def _subnational(self, st: LinkState, m: Match) -> bool:
        """"Atlanta, Georgia", "the state of Georgia", "Georgia's governor": not the country."""
        cues = self.pat.subnational_cues
        toks = st.doc.tokens
        t0, t1 = st.pieces[m.start].token, st.pieces[m.end - 1].token
        before = toks[t0 - 1].text if t0 > 0 else ""
        if before in cues.get("before", []) and not (before in self.cues.subnational_of and t0 > 1
                                                     and toks[t0 - 2].text not in self.cues.subnational_of_heads):
            return True
        after = [toks[i].text for i in (t1 + 1, t1 + 2) if i < len(toks)]
        if after and (after[0] in cues.get("after", []) or (after[0] in ("'s", "’s") and len(after) > 1
                                                             and after[1] in cues.get("after", []))):
            return True
        if st.lang == "en" and before == "," and t0 > 1 and NAME_WORD.match(toks[t0 - 2].text) \
                and self._same_sentence(st, t0 - 2, t0) and not st.match_at_token(t0 - 2):
            return True
        return False

    def _first_name_of_other(self, st: LinkState, m: Match) -> bool:
        """"Pavel Novak": a one-word KB alias ("Pavel" for Petr Pavel) right before another
        capitalised name the KB does not know is that person's first name."""
        p = st.pieces[m.start]
        t = p.token + 1
        toks = st.doc.tokens
        if p.hyphen_after or t >= len(toks) or not self._same_sentence(st, p.token, t):
            return False
        nxt = toks[t].text
        if not NAME_WORD.match(nxt) or nxt in self._stop or not any(c.islower() for c in nxt):
            return False
        if st.match_at_token(t):
            return False
        return not is_common_noun(nxt)

    def _surname_in_other_name(self, st: LinkState, m: Match, a: KBActor) -> bool:
        """A one-word KB alias inside another person's name: "Jakob Lindner" is not Christian
        Lindner (an unknown first name right before it, or the document's author's name)."""
        p = st.pieces[m.start]
        s, e = p.start, st.pieces[m.end - 1].end
        names = {norm(n) for n in a.all_names()}
        for author in self._author_names(st.doc.meta.author):
            author = author.strip()
            if len(author.split()) < 2 or norm(author) in names:
                continue
            if self._inside_author_name(st, author, s, e):
                return True
        if p.hyphen_before or p.token == 0 or not self._same_sentence(st, p.token - 1, p.token):
            return False
        prev = st.doc.tokens[p.token - 1].text
        if not NAME_WORD.match(prev) or prev in self._stop or self._first_name_fits(a, prev):
            return False
        if st.match_at_token(p.token - 1):
            return False  # "Kanzler Scholz", "Präsident Putin": a title, not a first name
        return norm(prev) in self._first_names or lexicon_first_name(prev)

    @staticmethod
    def _inside_author_name(st: LinkState, author: str, s: int, e: int) -> bool:
        """Is [s, e) inside an occurrence of ``author`` in the text? (The occurrences are found once
        per document; they do not overlap, so only the last one starting at or before ``s`` can.)"""
        hits = st.author_hits.get(author)
        if hits is None:
            hits = st.author_hits[author] = [h.span() for h in re.finditer(re.escape(author), st.doc.text)]
        i = bisect_right(hits, (s, len(st.doc.text) + 1)) - 1
        return i >= 0 and e <= hits[i][1]

    def _date_word(self, st: LinkState, m: Match) -> bool:
        """"in May 2022", "on 4 May", "im März": a surname that is also a month or a common word
        is a date next to a number or inside a time expression the time component found."""
        word = st.pieces[m.start].text
        if norm(word) not in self.cues.months and not is_common_noun(word):
            return False
        s, e = st.pieces[m.start].start, st.pieces[m.end - 1].end
        if st.timex_overlaps(s, e):
            return True
        toks = st.doc.tokens
        t0, t1 = st.pieces[m.start].token, st.pieces[m.end - 1].token
        near = [toks[i].text.rstrip(".,") for i in (t0 - 1, t1 + 1) if 0 <= i < len(toks)]
        return any(w.isdigit() for w in near)

    def _compass(self, st: LinkState, m: Match) -> bool:
        """"im Westen und Nordwesten", "im Westen des Landes", "the west of the country": a
        direction, not the Western world. "Der Westen sollte ..." stays an actor."""
        c = self.cues
        if m.end - m.start != 1 or norm(st.pieces[m.start].text).rstrip("s") not in c.compass_directions:
            return False
        toks = st.doc.tokens
        t = st.pieces[m.start].token
        w = [norm(toks[i].text) if 0 <= i < len(toks) and toks[i].sentence == toks[t].sentence else ""
             for i in range(t - 2, t + 3)]  # w[2] is the match
        if w[1] in c.compass_prepositions or (w[1] in c.compass_articles and w[0] in c.compass_article_prepositions):
            return True
        if w[3] in c.compass_coordinators and w[4].rstrip("s") in c.compass_directions:
            return True
        if w[1] in c.compass_coordinators and w[0].rstrip("s") in c.compass_directions:
            return True
        if w[3] in c.compass_genitives or (w[3] in c.compass_genitive_articles and st.lang == "de"
                                           and t + 2 < len(toks) and toks[t + 2].text[:1].isupper()):
            return True  # "im Westen des Landes", "der Westen der Ukraine", "the west of Ukraine"
        return False

    def _descriptive_force(self, e: Entry, a: KBActor) -> bool:
        words = [norm(w) for w in e.surface.split()]
        if len(words) < 2 or words[-1] not in self._forces:
            return False
        country = self.kb.actor(a.country) if a.country else None
        stems = [norm(d)[:5] for ds in (country.demonyms.values() if country else []) for d in ds]
        return any(words[0].startswith(st_) for st_ in stems if st_)

    def _name_ok(self, st: LinkState, m: Match) -> bool:
        """A name made only of common words ("Die Welt", "Der Spiegel", "Bild") is the organisation
        only when written in capitals or set in quotes; "Die Welt erlebe ..." is the world.
        Called only for entries tagged ``media``/``ambiguous_name``, and only in German text (the
        noun lexicon is German: "Belgium" or "Mirror" in English text are names)."""
        if st.lang != "de":
            return True
        words = [p.text for p in st.pieces[m.start:m.end]]
        # both the lexicon and HanTa must call each word a common noun: "Bundestag", "Reuters" and
        # "China" are listed as nouns in the lexicon but are names to HanTa
        determiners = self.cues.determiners
        if not all(norm(w) in determiners or (is_common_noun(w) and hanta_noun(w)) for w in words):
            return True
        if all(w.isupper() for w in words if norm(w) not in determiners):
            return True
        s, e = self._span(st, m.start, m.end)
        before, after = st.doc.text[max(0, s - 1):s], st.doc.text[e:e + 1]
        return bool(before and before in "\"„“»«‚'") or bool(after and after in "\"“”«»‘'") \
            or self._media_cue(st, m)

    def _media_cue(self, st: LinkState, m: Match) -> bool:
        """A reporting word right after the name or right before it (articles skipped):
        "Der Spiegel berichtete", "laut Spiegel", "dem Spiegel zufolge" (``lexicons/name_context.yaml``)."""
        after_words, before_words = media_cues()
        toks = st.doc.tokens
        first, last = st.pieces[m.start].token, st.pieces[m.end - 1].token
        if last + 1 < len(toks) and norm(toks[last + 1].text) in after_words:
            return True
        t = first - 1
        while t >= 0 and norm(toks[t].text) in self.cues.determiners:
            t -= 1
        return t >= 0 and norm(toks[t].text) in before_words

    def _context_ok(self, st: LinkState, a: KBActor) -> bool:
        """An entry with ``requires`` named by one word that is also a common word ("Union", "Ampel",
        "Kontaktgruppe") counts only when the document also names one of the listed actors or places
        ("Union" next to "Merz" or "SPD"). Longer names ("deutsche Luftwaffe") need no context."""
        if st.context_ids is None:
            st.context_ids = {e.target for mt in st.matches for e in mt.entries
                              if e.kind in ("name", "metonym", "demonym", "role", "place")}
            st.context_ids |= {r.of for t in list(st.context_ids) if (r := self.kb.role(t)) is not None}
        return bool(st.context_ids & set(a.requires))

    def _foreign_qualified(self, st: LinkState, k: int, a: KBActor) -> bool:
        """"die russische Luftwaffe", "Russlands Luftwaffe", "die Luftwaffe der Ukraine": a national
        institution's generic name qualified by another state."""
        m = st.matches[k]
        cands = []
        if k > 0 and st.matches[k - 1].end in (m.start, m.start - 1):
            cands.append(st.matches[k - 1])
        if k + 1 < len(st.matches) and st.matches[k + 1].start in (m.end, m.end + 1):
            cands.append(st.matches[k + 1])
        for c in cands:
            e = c.first("demonym", "name")
            other = self.kb.actor(e.target) if e else None
            if other is not None and other.type == "state" and other.id != a.country:
                return True
        return False

    def _metonymy_cue(self, st: LinkState, piece: int) -> bool:
        """"in Brüssel hieß es", "in Moskau wird darüber gestritten", "In Brüssel sorgte das für
        Entsetzen": a cue word in the clause around "in X" makes X stand for its institution.
        Not after a noun ("die Korrespondentin in Brüssel", "der Gipfel in Brüssel": a place)."""
        toks = st.doc.tokens
        t_place = st.pieces[piece].token
        t_prep = t_place - 1
        if self._token_word(st, t_prep) not in self.cues.in_prepositions:
            return False
        before = toks[t_prep - 1] if t_prep > 0 else None
        if before is not None and before.sentence == toks[t_prep].sentence and before.text[:1].isupper() \
                and before.text.isalpha() and t_prep - 1 > 0 and toks[t_prep - 2].sentence == before.sentence:
            # "die Antwort in Washington", "die Sorge in Moskau": what is said or felt there
            return norm(before.text) in self._comm or norm(before.text) in self._mood
        sent = toks[t_place].sentence
        clause: dict[int, str] = {}
        for step in (-1, 1):
            t = t_prep - 1 if step < 0 else t_place + 1
            if step > 0 and t < len(toks) and toks[t].text == "," and (t_prep == 0 or toks[t_prep - 1].sentence != sent):
                t += 1  # "In Brussels, officials said ...": the fronted place heads the clause
            for _ in range(8):
                if not (0 <= t < len(toks)) or toks[t].sentence != sent or toks[t].text in _CLAUSE_MARKS:
                    break
                clause[t] = norm(toks[t].text)
                t += step
        if not set(clause.values()) & self._meto_cues and not self._government_speaks(clause):
            return False
        # "In Brüssel hat Selenskyj die Verzögerung kritisiert": a person acts there, X is the place
        for mt in [st.matches[j] for j in sorted(j for t in clause for j in st.matches_at_token.get(t, ()))]:
            if st.pieces[mt.start].token in clause:
                e = mt.first("name", "office", "role")
                a = self.kb.actor(e.target) if e is not None and e.kind == "name" else None
                t_m = st.pieces[mt.start].token
                if e is not None and e.kind != "name" and (
                        self._token_word(st, t_m - 1) in self.cues.metonymy_indefinite or (
                            st.doc.tokens[t_m - 1].text[:1].islower()
                            and self._token_word(st, t_m - 2) in self.cues.metonymy_indefinite)):
                    continue  # "In Berlin, a government spokesman said": some holder speaks for X

                if e is not None and (e.kind != "name" or (a is not None and a.type == "person")):
                    return False
        return True

    def _government_speaks(self, clause: dict[int, str]) -> bool:
        """"In Berlin, a government spokesman said ...": "government" followed closely by a
        speaker noun or a speech verb ("government buildings were hit" is no cue)."""
        order = [clause[i] for i in sorted(clause)]
        for i, w in enumerate(order):
            if w in self.cues.government_nouns and set(order[i + 1:i + 4]) & self.cues.government_speaks:
                return True
        return False

    def _acronym_as_word(self, st: LinkState, m: Match, e: Entry) -> bool:
        """An acronym of four or more letters written as a word ("Nato", "Rand"): checked like a
        name made of common words, so "am Rand des Saals" is no mention of RAND."""
        return len(e.case) == 1 and len(e.case[0]) >= 4 and e.case[0].isupper() \
            and not st.pieces[m.start].text.isupper()

    def _singular_person(self, st: LinkState, m: Match) -> bool:
        """"Der Republikaner sagte", "dem Republikaner", "eines Republikaners": a singular determiner
        before a noun that is also a party's plural name. Mid-sentence "der" may be a genitive
        plural ("die Mehrheit der Republikaner"): only sentence-initial "Der" counts."""
        t = st.pieces[m.start].token - 1
        det = self._token_word(st, t)
        if det in self.cues.singular:
            return True
        return det in self.cues.singular_sentence_initial and (
            t == 0 or st.doc.tokens[t - 1].sentence != st.doc.tokens[t].sentence)

    def _dateline(self, st: LinkState, m: Match) -> bool:
        """"Kiew/Moskau – ...", "Berlin (dpa) -": a place heading the article or paragraph."""
        toks = st.doc.tokens
        t = st.pieces[m.start].token
        starts = st.paragraph_starts
        k = t
        while k >= 2 and toks[k - 1].text == "/":
            k -= 2
        if not _sorted_has(starts, toks[k].start):
            return False
        nxt = toks[t + 1].text if t + 1 < len(toks) else ""
        if nxt == "," and t + 2 < len(toks) and toks[t + 2].sentence == toks[t].sentence:
            # "Brüssel, 4. April 2023", "Kyiv, March 3": place and date opening the paragraph
            after = toks[t + 2].text.rstrip(".")
            return after.isdigit() or norm(after) in self.cues.months or toks[t + 2].start in st.timex_starts
        return nxt in _DATELINE_MARKS

    def _prev_is_name_part(self, st: LinkState, m: Match) -> bool:
        """"George Washington", "Washington Post": a capitalised word glued to the place name."""
        p = st.pieces[m.start]
        if p.hyphen_before or p.token == 0:
            return False
        prev = st.doc.tokens[p.token - 1]
        if not self._same_sentence(st, p.token - 1, p.token):
            return False
        sentence_start = p.token - 1 == 0 or st.doc.tokens[p.token - 2].sentence != prev.sentence
        if sentence_start or not NAME_WORD.match(prev.text) or prev.text in self._stop:
            return False
        return norm(prev.text) in self._first_names

