"""Actors the knowledge base does not know: authors, bylines, organisations by their form,
surnames after a full name, and names only the NER model finds (source "model")."""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING

from lagebild.actors.state import COMPONENT, NAME_WORD, LinkerBase, LinkState, name_word
from lagebild.actors.words import is_common_noun, lexicon_first_name, norm, part_of_speech, toponym
from lagebild.document import Mention, Token
from lagebild.errors import ConfigError
from lagebild.lexicon import load

if TYPE_CHECKING:  # pragma: no cover
    from lagebild.actors.loader import KnowledgeBase
    from lagebild.actors.matcher import Matcher
    from lagebild.actors.patterns import Patterns
    from lagebild.language.ner import NerTagger

log = logging.getLogger(__name__)

# NER spans below this marginal confidence are ignored: on the seeds and the dev set no person
# the patterns miss scored lower, and spurious spans did (names in quotes, headings)
NER_MIN_CONF = 0.6


@lru_cache(maxsize=1)
def rank_abbreviations() -> frozenset[str]:
    """Military and civil ranks abbreviated before a name ("Brig.", "Gen.", "Lt."): ``name_context.yaml``."""
    return frozenset(str(w) for w in load("name_context", {"rank_abbreviations": list})["rank_abbreviations"])


class UnknownActors(LinkerBase):
    def __init__(self, kb: KnowledgeBase, patterns: Patterns, matcher: Matcher) -> None:
        super().__init__(kb, patterns, matcher)
        self._ner: NerTagger | None = None
        self._ner_loaded = False
        self._org_head_of = _org_head_forms(self._org_heads)

    def _authors(self, st: LinkState) -> None:
        names = [a.strip() for a in self._author_names(st.doc.meta.author) if a.strip()]
        for name in names:
            if len(name.split()) < 2 or len(name) > 60 or norm(name) in self._other_names:
                continue  # "Deutsche Welle" in an author field is the outlet, not a person
            if not all(NAME_WORD.match(w) or norm(w) in self.cues.name_particles for w in name.split()):
                continue
            aid = self._kb_person_by_name(name) or self._doc_actor(st, name, "person", "author", None, None,
                                                                   conf=0.9)
            found = False
            for mt in re.finditer(re.escape(name), st.doc.text):
                if not st.near().holding(mt.start()):
                    st.mentions.append(Mention(mt.start(), mt.end(), COMPONENT, "author", 0.9, text=name,
                                               actor=aid, kind="name"))
                    self._cover_chars(st, mt.start(), mt.end())
                    found = True
            st.counted[aid] = max(st.counted.get(aid, 0.0), 0.9 if found else 0.8)
            st.roles_seen.setdefault(aid, "author")
        self._bylines(st)

    def _cover_chars(self, st: LinkState, s: int, e: int) -> None:
        """Cover the pieces inside characters [s, e) (pieces are in text order)."""
        i = bisect_left(st.piece_starts, s)
        while i < len(st.pieces) and st.pieces[i].start < e:
            if st.pieces[i].end <= e:
                st.covered.add(i)
            i += 1

    def _organisation_pass(self, st: LinkState) -> None:
        """Organisations the KB lacks, by their form: "(Kieler) Institut für Weltwirtschaft",
        "Stiftung für Wissenschaft und Politik", "Carnegie-Stiftung" (head noun from the lexicon)."""
        covered_tok = {st.pieces[i].token for i in st.covered}  # before this pass
        toks = st.doc.tokens
        heads = self._org_head_of
        i = 0
        # only a token that ends in a head noun can be one (``_organisation_at``): those in text order
        for t in [t for t, n in enumerate(st.token_norms()) if n.rpartition("-")[2] in heads]:
            if t < i or t in covered_tok or not toks[t].text[:1].isupper():
                continue
            end = self._organisation_at(st, t, covered_tok)
            i = end if end is not None else t + 1

    def _organisation_at(self, st: LinkState, i: int, covered_tok: set[int]) -> int | None:
        """An organisation whose head noun is the capitalised token ``i``: add it, return the token
        after it."""
        t = st.doc.tokens[i]
        n = norm(t.text)
        head = self._org_head(n)
        if head is None:
            return None
        if "-" in n and n.split("-")[0] and t.text.split("-")[0][:1].isupper():
            j = i + 1  # "Carnegie-Stiftung": complete in itself
        else:
            j = self._org_name_run(st, i, covered_tok)
            if j == i + 1 and head in self.cues.org_city_heads:
                j = self._city_name_after(st, i, covered_tok)
            if j == i + 1 and not (head in self.cues.org_city_heads and self._city_adjective_before(st, i, covered_tok)):
                return None
        first, adj_stem = self._org_start(st, i, covered_tok)
        self._org_mention(st, i, first, j, head, adj_stem)
        return j

    def _org_head(self, n: str) -> str | None:
        """The organisation head noun (base form) a normalised token ends in, genitive -s/-es stripped."""
        return self._org_head_of.get(n.rpartition("-")[2])

    def _org_name_run(self, st: LinkState, i: int, covered_tok: set[int]) -> int:
        """The end token of the name after head ``i``: connectors and the (proper) nouns they join
        ("für Wissenschaft und Politik", "of Strategic Studies"); ``i + 1`` when none follows."""
        toks = st.doc.tokens
        connectors = self.cues.org_connectors
        sentence = toks[i].sentence
        j = i + 1
        proper_needed = True
        while j + 1 < len(toks) and norm(toks[j].text) in connectors and toks[j].sentence == sentence:
            k = j + 1
            while k < len(toks) and toks[k].text[:1].islower() and norm(toks[k].text) not in connectors \
                    and toks[k].text.isalpha() and k - j < 3:
                k += 1
            conn = norm(toks[j].text)
            if conn not in self.cues.org_coordinators:
                proper_needed = conn not in self.cues.org_open_connectors
            if not (k < len(toks) and toks[k].text[:1].isupper() and toks[k].text.replace("-", "").isalpha()
                    and k not in covered_tok and toks[k].text not in self._stop
                    and not (proper_needed and is_common_noun(toks[k].text))):
                break
            j = self._org_name_tail(st, k + 1, sentence, proper_needed, covered_tok)
        return j

    def _org_name_tail(self, st: LinkState, j: int, sentence: int, proper_needed: bool,
                       covered_tok: set[int]) -> int:
        """German adjective + noun after "für" ("Institut für Internationale Politik"); English
        names run on in capitals ("Institute for Strategic Studies")."""
        toks = st.doc.tokens
        if st.lang == "de" and not proper_needed:
            while self._org_name_word(st, j, sentence, covered_tok) and part_of_speech(toks[j - 1].text).startswith("ADJ") \
                    and part_of_speech(toks[j].text) == "NN":
                j += 1
        elif st.lang == "en":
            while self._org_name_word(st, j, sentence, covered_tok):
                j += 1
        return j

    def _org_name_word(self, st: LinkState, j: int, sentence: int, covered_tok: set[int]) -> bool:
        toks = st.doc.tokens
        return j < len(toks) and toks[j].sentence == sentence and toks[j].text[:1].isupper() \
            and toks[j].text.isalpha() and j not in covered_tok and toks[j].text not in self._stop

    def _org_start(self, st: LinkState, i: int, covered_tok: set[int]) -> tuple[int, str | None]:
        """The first token of the name (a city adjective, a place or an adjective before the head)
        and, for "vom Deutschen Institut", the adjective's stem ("Deutsch")."""
        toks = st.doc.tokens
        prev: Token | None = toks[i - 1] if i > 0 else None
        if prev is None or prev.sentence != toks[i].sentence:
            return i, None
        free = (i - 1) not in covered_tok
        if prev.text[:1].isupper() and prev.text.endswith("er") and prev.text not in self._stop and free:
            return i - 1, None  # "Kieler", "Berliner"
        opens = i >= 2 and toks[i - 2].sentence == toks[i].sentence  # not sentence-initial
        if st.lang == "en" and opens and NAME_WORD.match(prev.text) and prev.text not in self._stop \
                and (free or self._place_token(st, i - 1)):
            return i - 1, None  # "Stockholm Institute for ...", "Brookings Institution"
        if st.lang == "de" and opens and prev.text[:1].isupper() and prev.text.isalpha() and free \
                and prev.text not in self._stop:
            stem = self._adjective_stem(prev.text)
            if stem != prev.text and stem.endswith(self.cues.org_adjective_stems):
                return i - 1, stem  # "vom Deutschen Institut für ..." -> "Deutsches Institut"
        return i, None

    def _adjective_stem(self, word: str) -> str:
        for end in self.cues.adjective_endings:
            if word.endswith(end):
                return word[: -len(end)]
        return word

    def _org_mention(self, st: LinkState, i: int, first: int, j: int, head: str, adj_stem: str | None) -> None:
        toks = st.doc.tokens
        n = norm(toks[i].text)
        s_, e_ = toks[first].start, toks[j - 1].end
        surface = st.doc.text[s_:e_]
        # the head in its base form ("des Instituts" -> "Institut")
        base = [w if norm(w) != n else w[: len(w) - (len(n.split("-")[-1]) - len(head))] for w in surface.split()]
        if adj_stem is not None:
            base[0] = adj_stem + self.cues.org_adjective_endings.get(head, self.cues.org_adjective_ending_default)
        aid = self._doc_actor(st, " ".join(base), "organisation", None, None, None, conf=0.7)
        st.mentions.append(Mention(s_, e_, COMPONENT, "organisation-pattern", 0.7, text=surface, actor=aid,
                                   kind="name"))
        self._cover_chars(st, s_, e_)
        st.counted[aid] = max(st.counted.get(aid, 0.0), 0.7)
        if first < i:
            st.alias_extra.setdefault(aid, []).append(st.doc.text[toks[i].start:e_])

    def _city_name_after(self, st: LinkState, i: int, covered_tok: set[int]) -> int:
        """"Universität Innsbruck", "University Oxford": one proper noun (no common noun, no KB
        actor) right after the head names the place of the institution; returns the end token."""
        toks = st.doc.tokens
        k = i + 1
        if k < len(toks) and toks[k].sentence == toks[i].sentence and toks[k].text[:1].isupper() \
                and toks[k].text.isalpha() and toks[k].text not in self._stop \
                and (toponym(toks[k].text) or not is_common_noun(toks[k].text)) \
                and (k not in covered_tok or self._place_token(st, k)):
            return k + 1
        return i + 1

    def _city_adjective_before(self, st: LinkState, i: int, covered_tok: set[int]) -> bool:
        """"die Innsbrucker Universität", "der Kiewer Hochschule": a city adjective in -er before it."""
        prev = st.doc.tokens[i - 1] if i > 0 else None
        return prev is not None and prev.sentence == st.doc.tokens[i].sentence and prev.text[:1].isupper() \
            and prev.text.endswith("er") and len(prev.text) > 4 and prev.text not in self._stop \
            and any(toponym(prev.text[:-2] + end) for end in ("", "en"))  # Kiew-er, Münchn-er

    def _place_token(self, st: LinkState, t: int) -> bool:
        return any(mm.kind == "location" for mm in st.near().holding(st.doc.tokens[t].start))

    def _kb_person_by_name(self, name: str) -> str | None:
        return self._person_names.get(norm(name))

    def _bylines(self, st: LinkState) -> None:
        """"Es kommentiert: Michaela Küfner", "Ein Kommentar von ...", "... ist Russland-Korrespondent"."""
        doc = st.doc
        cues = [c.split() for cs in self.pat.byline_cues.values() for c in cs]
        starts = [t.start for t in doc.tokens]
        for par in doc.paragraphs:
            toks = list(range(bisect_left(starts, par.start), bisect_left(starts, par.end)))
            if not toks or len(toks) > 12:
                continue
            words = [norm(doc.tokens[i].text) for i in toks]
            for cue in cues:
                for pos in range(len(words) - len(cue) + 1):
                    if words[pos:pos + len(cue)] != cue:
                        continue
                    rest = toks[pos + len(cue):]
                    if 2 <= len(rest) <= 3 and all(NAME_WORD.match(doc.tokens[i].text) and
                                                   doc.tokens[i].text not in self._stop for i in rest):
                        name = doc.text[doc.tokens[rest[0]].start:doc.tokens[rest[-1]].end]
                        self._byline_person(st, name, doc.tokens[rest[0]].start, doc.tokens[rest[-1]].end)
        # "Max Beispiel ist Russland-Korrespondent."
        for k, m in enumerate(st.matches):
            e = m.first("pnoun")
            if e is None or k in st.consumed:
                continue
            t = st.pieces[m.start].token - 1
            copulas = self.cues.byline_copulas
            while t >= 0 and (norm(doc.tokens[t].text) in self.cues.determiners or doc.tokens[t].text[:1].islower()) \
                    and norm(doc.tokens[t].text) not in copulas:
                t -= 1
            if t < 2 or norm(doc.tokens[t].text) not in copulas:
                continue
            name_toks = [t - 2, t - 1]
            sent = doc.tokens[t].sentence
            if any(doc.tokens[i].sentence != sent or not NAME_WORD.match(doc.tokens[i].text)
                   or doc.tokens[i].text in self._stop for i in name_toks):
                continue
            if t - 3 >= 0 and doc.tokens[t - 3].sentence == sent:
                continue  # the name must open the sentence
            s, e_ = doc.tokens[name_toks[0]].start, doc.tokens[name_toks[1]].end
            if st.near().overlapping(s, e_):
                continue
            self._byline_person(st, doc.text[s:e_], s, e_, role=doc.tokens[st.pieces[m.start].token].text)

    def _byline_person(self, st: LinkState, name: str, s: int, e: int, role: str = "author") -> None:
        if st.near().overlapping(s, e):
            return
        aid = self._kb_person_by_name(name) or self._fuzzy_person(name.split(), None) or self._doc_actor(
            st, name, "person", role, None, None, conf=0.85)
        st.mentions.append(Mention(s, e, COMPONENT, "byline", 0.85, text=name, actor=aid, kind="name"))
        self._cover_chars(st, s, e)
        st.counted[aid] = max(st.counted.get(aid, 0.0), 0.85)

    def _surname_pass(self, st: LinkState) -> None:
        """After "Janis Kluge" (or any full name), "Kluge" / "Kluges" alone is the same person."""
        firsts: dict[str, tuple[str, int]] = {}
        for mm in sorted(st.mentions, key=lambda x: x.start):
            if not mm.actor:
                continue
            name = self._actor_name(st, mm.actor)
            typ = self.actor_type(st, mm.actor)
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
        pieces = st.pieces
        # the pieces whose form (or the form without a final letter) is a surname: those few in text order
        for i in [i for i, p in enumerate(pieces) if p.norm in firsts or p.norm[:-1] in firsts]:
            p = pieces[i]
            if i in st.covered or p.hyphen_before or not p.text[:1].isupper():
                continue
            key = p.norm
            hit = firsts.get(key) or (firsts.get(key[:-1]) if key.endswith("s") else None)
            if hit and hit[1] < p.start:
                self._add(st, i, i + 1, hit[0], "name", "surname-coref", 0.85)

    def _first_name_pass(self, st: LinkState) -> bool:
        """Persons nobody listed, named without a title: a known first name (``words.first_names``:
        the gazetteer's and ``lexicons/first_names.yaml``) followed by one or two capitalised name
        words in the same sentence ("Deniz Yücel sagte", "Danielle Wallace reported") is a person
        of the document (rule "first-name+surname"). Runs after the model; True when it found one."""
        taken = _taken(st)
        toks = st.doc.tokens
        found = False
        i = 0
        for t in self._name_starts(st):
            if t < i:
                continue
            i = t
            hit = self._first_name_span(st, i)
            if hit is None or taken.overlaps(toks[i].start, toks[hit[0] - 1].end):
                i += 1
                continue
            end, rule = hit
            s, e = toks[i].start, toks[end - 1].end
            name = st.doc.text[s:e]
            aid = self._kb_person_by_name(name) or self._doc_actor(st, name, "person", None, None, None, conf=0.75)
            st.mentions.append(Mention(s, e, COMPONENT, rule, 0.75, text=name, actor=aid, kind="name"))
            self._cover_chars(st, s, e)
            taken.add(s, e)
            st.counted[aid] = max(st.counted.get(aid, 0.0), 0.75)
            found = True
            i = end
        return found

    def _name_starts(self, st: LinkState) -> list[int]:
        """The tokens where ``_first_name_span`` may find a name, in text order: a known first name
        or the token after a rank (not the last token)."""
        firsts = self._first_names
        texts = st.token_texts()
        ranks = rank_abbreviations()
        starts = {t for t, n in enumerate(st.token_norms()) if n in firsts}
        starts.update(t + 1 for t, text in enumerate(texts) if text in ranks)
        return sorted(t for t in starts if t < len(texts) - 1)

    def _first_name_span(self, st: LinkState, i: int) -> tuple[int, str] | None:
        """The token after "First Last" (or "First Middle Last") starting at token ``i`` and the
        rule, or None. After a military rank's abbreviation ("Brig. Gen. Pat Ryder", "Lt. Col.
        Smith") any capitalised name is a person (rule "rank+name")."""
        toks = st.doc.tokens
        first = toks[i].text
        if not NAME_WORD.match(first) or first.isupper() or first in self._stop or first in rank_abbreviations():
            return None
        ranked = i > 0 and self._same_sentence(st, i - 1, i) and toks[i - 1].text in rank_abbreviations()
        if ranked:
            if st.lang != "en" and is_common_noun(first):
                return None
        elif norm(first) not in self._first_names:
            return None
        elif i > 0 and self._same_sentence(st, i - 1, i) and NAME_WORD.match(toks[i - 1].text) \
                and norm(toks[i - 1].text) not in self.cues.determiners and i - 1 != self._sentence_start(st, i):
            return None  # inside a longer capitalised run: not where a name starts
        end = i + 1
        while end < len(toks) and end - i <= 3 and self._surname_word(st, i, end):
            end += 1
        if ranked:
            return end, "rank+name"
        return (end, "first-name+surname") if end - i >= 2 else None

    def _surname_word(self, st: LinkState, i: int, j: int) -> bool:
        w = st.doc.tokens[j].text
        if not NAME_WORD.match(w) or w.isupper() or w in self._stop or not self._same_sentence(st, i, j):
            return False
        if norm(w) in self.cues.determiners or st.doc.tokens[j].start != st.doc.tokens[j - 1].end + 1:
            return False  # "Yücel, sagte": a comma or other gap ends the name
        if norm(w) in self._org_heads:
            return False  # "Howard University", "Stiftung": an organisation's head noun, no surname
        return not (st.lang != "en" and is_common_noun(w))

    @staticmethod
    def _sentence_start(st: LinkState, i: int) -> int:
        k = i
        while k > 0 and st.doc.tokens[k - 1].sentence == st.doc.tokens[i].sentence:
            k -= 1
        return k

    def _ner_pass(self, st: LinkState) -> None:
        """Persons only the NER model finds (no title, not in the KB): actors with source "model"."""
        tagger = self._ner_tagger()
        if tagger is None:
            return
        taken = _taken(st)
        spans = self._ner_spans(st, tagger, taken)
        for s, e, label, conf in spans:
            if label != "PER" or conf < NER_MIN_CONF:
                continue
            if taken.overlaps(s, e):
                continue
            text = st.doc.text[s:e]
            words = text.split()
            if len(words) < 2 or not all(self._free_name_word(w) for w in words):
                continue
            fuzzy = self._fuzzy_person(words, None)
            if fuzzy is None and not self._person_evidence(st, s, words):
                continue  # "Storm Shadow", "Truth Social": capitalised pairs without person evidence
            aid = fuzzy or self._doc_actor(st, text, "person", None, None, None, source="model", conf=0.5)
            st.mentions.append(Mention(s, e, COMPONENT, "ner-crf", round(0.5 * conf, 3), text=text, actor=aid,
                                       kind="name"))
            st.counted[aid] = max(st.counted.get(aid, 0.0), 0.5)
            taken.add(s, e)

    def _person_evidence(self, st: LinkState, start: int, words: list[str]) -> bool:
        """A model-only person needs a known first name ("Ingo Gerhartz") or a title or person noun
        right before it ("Luftwaffeninspekteur X", "der Oligarch X"); on the seeds and the dev set
        every true model-only person has one, the false ones (products, platforms) have none."""
        return self._known_first_name(words[0]) or self._title_before(st, start)

    def _known_first_name(self, word: str) -> bool:
        return norm(word) in self._first_names or lexicon_first_name(word)

    def _title_before(self, st: LinkState, start: int) -> bool:
        """A title or person noun ends right before character ``start`` (white space between)."""
        before = bisect_right(st.match_ends, start)  # the matches end in text order
        if before:
            last = st.matches[before - 1]
            gap = st.doc.text[st.pieces[last.end - 1].end:start]
            if gap.strip() == "" and last.first("office", "role", "pnoun", "natnoun") is not None:
                return True
        return False

    def _ner_tagger(self) -> NerTagger | None:
        """The shipped NER model, loaded once per linker; None (patterns only) when it is missing."""
        if not self._ner_loaded:
            from lagebild.language.ner import NerTagger

            try:
                self._ner = NerTagger.load()
            except ConfigError as exc:
                log.warning("%s: persons only the NER model finds are not linked", exc)
            self._ner_loaded = True
        return self._ner

    def _ner_spans(self, st: LinkState, tagger: NerTagger, taken: _Taken) -> list[tuple[int, int, str, float]]:
        """Tag only sentences with two adjacent capitalised words that no mention covers and the
        name stoplist lacks (the only places a new person name of two words or more can be: the
        spans kept are checked so): a third of the seed sentences, same output. Of those, only
        sentences with a span ``_ner_pass`` could keep (``taken``: what the mentions hold)."""
        covered_tok = {st.pieces[i].token for i in st.covered}
        toks = st.doc.tokens
        paired = self._free_name_pairs(st, covered_tok)
        by_sentence: dict[int, list[int]] = {}
        for i, t in enumerate(toks):
            by_sentence.setdefault(t.sentence, []).append(i)
        out: list[tuple[int, int, str, float]] = []
        for sentence, idx in by_sentence.items():
            if sentence not in paired:
                continue
            if not self._may_name_person(st, idx, covered_tok) or not self._may_hold_person(st, idx, taken):
                continue
            words = [toks[i].text for i in idx]
            for s, e, label, conf in tagger.predict_scored(words):
                out.append((toks[idx[s]].start, toks[idx[e - 1]].end, label, conf))
        return out

    def _free_name_pairs(self, st: LinkState, covered_tok: set[int]) -> set[int]:
        """The sentences with two adjacent tokens that no mention covers, both name words off the
        stoplist."""
        toks = st.doc.tokens
        stop = self._stop
        free = [name_word(text) and text not in stop for text in st.token_texts()]  # ``_free_name_word``
        return {toks[i].sentence for i in range(len(toks) - 1)
                if free[i] and free[i + 1] and toks[i].sentence == toks[i + 1].sentence
                and i not in covered_tok and i + 1 not in covered_tok}

    def _may_name_person(self, st: LinkState, idx: list[int], covered_tok: set[int]) -> bool:
        """Could a span over the tokens ``idx`` (one sentence) pass ``_ner_pass``: a free name
        word with a known first name or a title before it as its first word, or a KB surname as
        its last word (``_person_evidence``, ``_fuzzy_person``)? Cheaper than tagging: half the
        sentences with two free capitalised words have none of these.

        A kept span holds white space (two words at least), so its first word runs from a token's
        start to the end of the white-space-free chunk of text there, and its last word from the
        start of a chunk to a token's end; the span's first and last tokens are free (no mention)."""
        toks = st.doc.tokens
        text = st.doc.text
        chunks = [m.span() for m in _CHUNK.finditer(text, toks[idx[0]].start, toks[idx[-1]].end)]
        starts = [a for a, _ in chunks]
        ends = [b for _, b in chunks]
        for i in idx:
            if i in covered_tok:
                continue
            s, e = toks[i].start, toks[i].end
            k = bisect_right(ends, s)  # the chunk that holds s (or follows it)
            if k < len(chunks) and not text[s].islower():  # a lower-case initial: no name word
                first = text[max(s, starts[k]):ends[k]]
                if self._free_name_word(first) and (self._known_first_name(first) or self._title_before(st, s)):
                    return True
            k = bisect_left(starts, e) - 1  # the chunk that holds e - 1
            if k >= 0 and not text[starts[k]].islower():
                last = text[starts[k]:min(ends[k], e)]
                if self._free_name_word(last) and self._surname_candidates(last):
                    return True
        return False

    def _may_hold_person(self, st: LinkState, idx: list[int], taken: _Taken) -> bool:
        """Sharper than ``_may_name_person`` (and dearer, so asked after it): do tokens ``idx[a..b]``
        (one sentence) make a span ``_ner_pass`` could keep? It overlaps nothing taken, its text
        has two words at least, all free name words, and evidence for a person: a known first name
        or a title before its first word, or a KB surname as its last. A sixth of the sentences
        ``_may_name_person`` lets through have none; each costs a CRF pass."""
        toks, text = st.doc.tokens, st.doc.text
        for a in range(len(idx)):
            s = toks[idx[a]].start
            if not text[s:s + 1].islower() and self._person_span_from(st, idx, a, taken):
                return True
        return False

    def _person_span_from(self, st: LinkState, idx: list[int], a: int, taken: _Taken) -> bool:
        """``_may_hold_person`` for the spans that start at token ``idx[a]``."""
        toks, text = st.doc.tokens, st.doc.text
        s = toks[idx[a]].start
        for b in idx[a:]:
            e = toks[b].end
            if taken.overlaps(s, e):
                return False  # so does every longer span
            words = text[s:e].split()
            if len(words) < 2:
                continue
            if not all(self._free_name_word(w) for w in words[:-1]):
                return False  # a longer span has these words too
            if self._free_name_word(words[-1]) and (
                    self._known_first_name(words[0]) or self._title_before(st, s) or self._surname_candidates(words[-1])):
                return True
        return False

    def _free_name_word(self, word: str) -> bool:
        """``word`` can be a word of a model-only person name (``_ner_pass``)."""
        return name_word(word) and word not in self._stop


def _org_head_forms(heads: set[str]) -> dict[str, str]:
    """Each form an organisation's head noun takes at the end of a token -> its base form: the noun
    and its genitive in -s/-es; of several readings the form itself first, then without -s, then
    without -es."""
    out: dict[str, str] = {}
    for form in {h + end for h in heads for end in ("", "s", "es")}:
        bases = [form] + ([form[:-1]] if form.endswith("s") else []) + ([form[:-2]] if form.endswith("es") else [])
        head = next((b for b in bases if b in heads), None)
        if head is not None:
            out[form] = head
    return out


# what ``str.split()`` keeps: both split at ``str.isspace`` characters
_CHUNK = re.compile(r"\S+")


def _taken(st: LinkState) -> _Taken:
    """The characters the mentions and the covered pieces hold."""
    taken = _Taken(len(st.doc.text))
    for a, b in [(mm.start, mm.end) for mm in st.mentions] + [(st.pieces[i].start, st.pieces[i].end)
                                                             for i in st.covered]:
        taken.add(a, b)
    return taken


class _Taken:
    """Character spans already taken, for overlap tests in time linear in the span's length (the
    spans of one document; an empty span [a, a) overlaps what holds ``a`` strictly inside)."""

    def __init__(self, length: int) -> None:
        self._chars = bytearray(length + 1)
        self._empty: list[int] = []

    def add(self, start: int, end: int) -> None:
        if end > start:
            self._chars[start:end] = b"\x01" * (end - start)
        else:
            self._empty.append(start)

    def overlaps(self, start: int, end: int) -> bool:
        """Is there a taken (a, b) with ``a < end and start < b``?"""
        return self._chars.find(1, start, end) >= 0 or any(start < a < end for a in self._empty)
