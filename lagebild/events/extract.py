"""Events read off the clause layer, and off nominal triggers.

One pass per document (``extract_events``):

1. **Verbal triggers.** For every clause whose lemma has a reading in the lexicon (and whose object
   or frames carry the words that reading needs), the source is the subject's actor (the agent's in
   a passive), the target the first actor found in the places the reading names (dative, object,
   a prepositional frame), else — at lower confidence — another actor in the clause. Coordinated
   subjects or objects ("Merz, Macron und Starmer telefonierten mit Trump") give one event per actor.
2. **Nominal triggers** ("der Gipfel zwischen Biden und Xi", "Gespräche mit Selenskyj", "russische
   Angriffe auf Kiew"): participants from "zwischen/between X und Y", "mit/with X", an actor
   adjective or genitive next to the noun, "gegen/auf/against X"; for a meeting noun with one
   partner, the clause's subject is the other side.
3. **Date**: a date timex in the clause, else the sentence's only date, else the article's date
   for a past-tense report (granularity "document"); none for planned, hypothetical and
   pluperfect events. **Location**: a place mention in a "in/nach/at" frame of the clause.
   **Modality** from the clause: question, negated, hypothetical (Konjunktiv II, would/could,
   conditional), planned (future tense, wollen/sollen/will), reported (inside a quote, which is
   linked, or Konjunktiv I), else asserted.
4. The same event (type, source, target; either order for symmetric types) found twice in a
   document is kept once, with the more specific date.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import accumulate, chain

from lagebild.actors import KnowledgeBase
from lagebild.clauses.component import clauses_of
from lagebild.document import Argument, Clause, Document, Event, Mention, Timex
from lagebild.events.lexicon import SYMMETRIC, EventLexicon, NounTrigger, VerbTrigger

__all__ = ["COMPONENT", "extract_events", "trigger_types"]

COMPONENT = "events"
MAX_PER_TRIGGER = 6
QUOTES_SPACE = " \"'“”„»«‘’"
MAX_MENTION = 120  # characters: no mention is longer
WINDOW = 10  # words after a nominal trigger searched for its participants


@dataclass
class Draft:
    """An event before deduplication."""

    type: str
    mode: str | None
    source: str | None
    target: str | None
    clause: Clause
    trigger_start: int
    trigger_end: int
    rule: str
    confidence: float
    nominal: bool = False


def _or_none(actors: list[str]) -> list[str | None]:
    return list(actors) if actors else [None]


def _granularity(value: str) -> str | None:
    """day | month | year for a calendar date value; None for weeks, seasons and references
    ("2022-W04", "2022-SP", "PRESENT_REF"), which do not date an event."""
    parts = value[:10].split("-")
    if not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        return None
    return {1: "year", 2: "month", 3: "day"}.get(len(parts))


class _Doc:
    """Indexes of one document for the rules: mentions by position, timexes, quotes, clauses."""

    def __init__(self, doc: Document, lex: EventLexicon, kb: KnowledgeBase | None = None) -> None:
        self.doc, self.lex, self.lang, self.kb = doc, lex, doc.language, kb
        self.mentions = sorted((m for m in doc.mentions if m.actor or m.kind == "location"), key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.dates = [t for t in doc.timexes if t.type in ("date", "time") and _granularity(t.value[:10])]
        self.clause_index = {id(c): i for i, c in enumerate(doc.clauses)}
        self.child_clauses: dict[int, list[Clause]] = {}
        for c in doc.clauses:
            if c.parent is not None:
                self.child_clauses.setdefault(c.parent, []).append(c)
        self.verb_tokens = {k for c in doc.clauses for k in c.verbs} | {c.head for c in doc.clauses if c.head is not None}

    # -- actors ---------------------------------------------------------------------------------
    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions inside [start, end), without those nested in a longer one ("Russian" in
        "Russian counterpart Sergei Lavrov")."""
        lo = bisect.bisect_left(self.starts, start - MAX_MENTION)
        inside = []
        for m in self.mentions[lo:]:
            if m.start >= end:
                break
            if m.end > start:  # overlapping: "Secretary of State Antony | Blinken |", "die Regierung | in Peking"
                inside.append(m)
        return [m for m in inside if not any(o is not m and o.start <= m.start and m.end <= o.end
                                               and (o.end - o.start) > (m.end - m.start) for o in inside)]

    def canon(self, actor_id: str) -> str:
        """A state organ (ministry, army, government office) acts for its state: the state's id when
        the document knows that state (``state_organs`` in the lexicon)."""
        actor = self.doc.actors.get(actor_id)
        if actor is None or actor.type != "organisation" or not actor.country or actor.country not in self.doc.actors:
            return actor_id
        name = actor.name.lower()
        return actor.country if any(w in name for w in self.lex.state_organs) else actor_id

    def place_actor(self, m: Mention) -> str | None:
        """The actor of a mention; for a capital named as a place ("landet in Kiew"), its state."""
        if m.actor or m.kind != "location" or self.kb is None or self.doc.text[m.end:m.end + 1] == "-":
            return m.actor  # "Minsk-Prozess": a compound names no place
        return self.kb.capital_of(m.text)

    def is_state_place(self, m: Mention) -> bool:
        """A place mention that is a state or its capital ("nach Ukraine", "to Ukraine", "in Kiew"):
        a target, never a source."""
        aid = self.place_actor(m)
        actor = self.doc.actors.get(aid or "")
        return bool(aid) and (actor is None or actor.type == "state")

    def actors_in(self, start: int, end: int, *, all_of: bool = True, places: bool = False) -> list[str]:
        out: list[str] = []
        for m in self.mentions_in(start, end):
            aid = self.place_actor(m) if places else m.actor
            if aid and (m.kind != "location" or (places and self.is_state_place(m))):
                actor = self.canon(aid)
                if actor not in out:
                    out.append(actor)
        return out if all_of else out[:1]

    def arg_actors(self, arg: Argument | None, *, places: bool = False) -> list[str]:
        """The actors an argument names: all of them when it is coordinated, else the one at its head
        or the first (``places``: a state named as a place counts, for targets)."""
        if arg is None:
            return []
        text = self.doc.text[arg.start:arg.end]
        found = self.actors_in(arg.start, arg.end, places=places)
        if len(found) <= 1 or any(c in text for c in self.lex.coordinators.get(self.lang, (", ",))):
            return found
        head = self.doc.tokens[arg.head] if 0 <= arg.head < len(self.doc.tokens) else None
        if head is not None:
            for m in self.mentions_in(arg.start, arg.end):
                if m.actor and m.start <= head.start < m.end and m.kind != "location":
                    return [self.canon(m.actor)]
        return found[:1]

    def children(self, clause: Clause) -> list[Clause]:
        index = self.clause_index.get(id(clause))
        return self.child_clauses.get(index, []) if index is not None else []

    def plural_verb(self, arg: Argument) -> bool:
        """German "sie" with a plural finite verb ("bekennen sie sich") is "they", not "she"."""
        clause = next((c for c in self.doc.clauses if any(a is arg for a in c.arguments)), None)
        if clause is None or clause.verb is None:
            return False
        return self.doc.tokens[clause.verb].text.lower().endswith("en")

    def pronoun_actor(self, arg: Argument) -> list[str]:
        """A personal pronoun the actors layer left unresolved ("drohte er Putin"): the latest person
        of that gender named before it, up to two sentences back ("er"/"he" male, "she" female)."""
        word = self.doc.text[arg.start:arg.end].lower()
        gender = self.lex.pronouns.get(self.lang, {}).get(word)
        if gender == "plural" or (self.lang == "de" and word == "sie" and self.plural_verb(arg)) \
                or word in self.lex.group_nouns.get(self.lang, ()):  # "die Länder": the latest group
            return self.group_before(arg.start)
        if gender is None:
            return []
        return self.person_before(arg.start, gender)

    def group_before(self, offset: int) -> list[str]:
        """"sie"/"they" with a plural verb: the latest group named before it ("die Europäer …
        Darin bekennen sie sich …"), up to two sentences back."""
        floor = self.doc.sentences[max(0, (self.doc.sentence_at(offset) or 0) - 2)].start
        lo = bisect.bisect_left(self.starts, floor)
        hi = bisect.bisect_left(self.starts, offset)
        for m in reversed(self.mentions[lo:hi]):
            actor = self.doc.actors.get(m.actor or "")
            if actor is not None and actor.type == "group":
                return [actor.id]
        return []

    def person_before(self, offset: int, gender: str) -> list[str]:
        """The latest person of that gender (m | f | any) named before ``offset``, up to two
        sentences back."""
        floor = self.doc.sentences[max(0, (self.doc.sentence_at(offset) or 0) - 2)].start
        lo = bisect.bisect_left(self.starts, floor)
        hi = bisect.bisect_left(self.starts, offset)
        for m in reversed(self.mentions[lo:hi]):
            actor = self.doc.actors.get(m.actor or "")
            if actor is None or actor.type != "person":
                continue
            if gender in ("m", "f") and actor.gender not in (None, gender):
                continue
            return [actor.id]
        return []

    def location(self, clause: Clause) -> str | None:
        preps = self.lex.location_preps.get(self.lang, frozenset())
        for arg in clause.frames:
            if (arg.preposition or "").lower() not in preps:
                continue
            for m in self.mentions_in(arg.start, arg.end):
                if m.kind == "location":
                    return self.doc.actor_name(m.actor) if m.actor else m.text
        return None

    # -- date -----------------------------------------------------------------------------------
    def date_in(self, start: int, end: int) -> Timex | None:
        found = [t for t in self.dates if t.start >= start and t.end <= end]
        return found[0] if found else None

    def sentence_date(self, sentence: int) -> Timex | None:
        s = self.doc.sentences[sentence]
        found = [t for t in self.dates if t.start >= s.start and t.end <= s.end]
        values = {t.value[:10] for t in found}
        return found[0] if len(values) == 1 else None

    def event_date(self, clause: Clause, modality: str) -> tuple[str | None, str | None]:
        if modality in ("planned", "hypothetical", "question"):
            t = self.date_in(clause.start, clause.end)
            return (t.value[:10], _granularity(t.value[:10])) if t else (None, None)
        t = self.date_in(clause.start, clause.end) or self.sentence_date(clause.sentence)
        if t is not None:
            return t.value[:10], _granularity(t.value[:10])
        return None, None

    # -- modality -------------------------------------------------------------------------------
    def quote_at(self, offset: int) -> int | None:
        for i, q in enumerate(self.doc.quotes):
            if q.start <= offset < q.end:
                return i
        return None

    def is_condition(self, clause: Clause) -> bool:
        """A conditional clause: marked so by the clause layer, or opened by a condition word of the
        lexicon ("…, sollte dieser keinem Waffenstillstand zustimmen")."""
        if clause.conditional:
            return True
        first = self.doc.text[clause.start:clause.end].split(maxsplit=1)
        return bool(first) and first[0].lower().strip(",;:\"„“") in self.lex.condition_openers.get(self.lang, ())

    def negated_agree(self, clause: Clause) -> bool:
        """A negated agreement verb is a refusal, asserted as such (see ``_verbal``)."""
        return any(t.type == "AGREE" for t in self.lex.verb_triggers(self.lang, clause.lemma))

    def is_question(self, clause: Clause) -> bool:
        if clause.question:
            return True
        sentence = self.doc.sentences[clause.sentence]
        return clause.kind == "main" and clause.relation == "root" and \
            self.doc.text[sentence.start:sentence.end].rstrip(QUOTES_SPACE).endswith("?")

    def modality(self, clause: Clause, *, nominal: bool = False) -> str:
        lang = self.lang
        modal = (clause.modal or "").lower()
        parent = self.doc.clauses[clause.parent] if clause.parent is not None else None
        if self.is_question(clause):
            return "question"
        if clause.negated and not nominal and not self.negated_agree(clause):
            return "negated"
        if clause.conditional or clause.mood == "subjunctive2" or (parent is not None and self.is_condition(parent)):
            return "hypothetical"
        if modal and modal in self.lex.hypothetical_modals.get(lang, frozenset()) and clause.mood != "indicative":
            return "hypothetical"
        if clause.tense in ("future", "future_perfect") or (modal and modal in self.lex.planned_modals.get(lang, ())):
            return "planned"
        if clause.mood == "subjunctive1":
            return "reported"
        return "asserted"


# -- verbal triggers ------------------------------------------------------------------------------
def _words_in(d: _Doc, args: list[Argument]) -> str:
    return " ".join(d.doc.text[a.start:a.end].lower() for a in args)


def _readings(d: _Doc, clause: Clause) -> list[VerbTrigger]:
    lemma = clause.lemma.lower()
    trigs = d.lex.verb_triggers(d.lang, lemma)
    if not trigs and " " not in lemma and clause.head is not None:  # "sich einigen" -> lemma "einigen"
        trigs = d.lex.verb_triggers(d.lang, d.doc.tokens[clause.head].text.lower())
    for particle in d.lex.stray_particles.get(d.lang, ()):
        if not trigs and lemma.startswith(particle):  # "mitdrohen": "mit" belongs to the object
            trigs = d.lex.verb_triggers(d.lang, lemma[len(particle):])
    return trigs


def _reading(d: _Doc, clause: Clause) -> VerbTrigger | None:
    """The first reading of the clause's lemma whose object words and frame are there (a frame is a
    preposition of the clause or the subordinator of a complement clause under it)."""
    trigs = _readings(d, clause)
    if not trigs:
        return None
    preps = {(a.preposition or "").lower() for a in clause.frames}
    preps |= {(c.marker or "").lower() for c in d.children(clause) if c.relation in ("ccomp", "xcomp")}
    for trig in trigs:
        if trig.frame and trig.frame.lower() not in preps:
            continue
        if trig.intransitive and clause.object is not None:
            continue
        if trig.object:
            objs = [a for a in clause.arguments if a.role in ("object", "dative", "subject", "frame")]
            text = _words_in(d, objs)
            if not any(stem in text for stem in trig.object):
                continue
        return trig
    return None


def _subject_actors(d: _Doc, clause: Clause) -> list[str]:
    """The actors of the subject (the agent of a passive); for a quantity with a partitive frame
    right after it ("eine Reihe von europäischen Spitzenpolitikern", "a number of states"), the
    frame's."""
    arg = clause.agent if clause.voice == "passive" else clause.subject
    found = d.arg_actors(arg)
    if not found and arg is not None:
        preps = d.lex.partitive_preps.get(d.lang, frozenset())
        nxt = [a for a in clause.frames if (a.preposition or "").lower() in preps and 0 <= a.start - arg.end <= 1]
        if nxt:
            found = d.arg_actors(nxt[0])
    return found


def _sources(d: _Doc, clause: Clause) -> list[str]:
    arg = clause.agent if clause.voice == "passive" else clause.subject
    found = _subject_actors(d, clause)
    if not found and clause.kind == "relative" and clause.antecedent is not None and arg is not None \
            and arg.head == arg.start and arg.end - arg.start <= 5:  # "Selenskyj, der … zusammengekommen war"
        tok = d.doc.tokens[clause.antecedent]
        found = d.actors_in(tok.start, tok.end)[:1]
    if not found and arg is not None:
        found = d.pronoun_actor(arg)
    if not found and arg is None and clause.kind == "infinitive" and clause.parent is not None \
            and clause.voice == "active":  # "Merz kam, um Selenskyj zu unterstützen": the subject above acts
        found = _sources(d, d.doc.clauses[clause.parent])
    return found


def _place_args(d: _Doc, clause: Clause, place: str) -> list[Argument]:
    """The arguments a target place of the lexicon names: a role, a preposition or ``complement``."""
    if place == "complement":
        return [c.subject for c in d.children(clause) if c.relation == "ccomp" and c.subject is not None]
    if place in ("object", "dative"):
        role = "subject" if (place == "object" and clause.voice == "passive") else place
        return [a for a in clause.arguments if a.role == role]
    return [a for a in clause.frames if (a.preposition or "").lower() == place and not _noun_attached(d, clause, a)]


def _noun_attached(d: _Doc, clause: Clause, arg: Argument) -> bool:
    """A partner frame right after a frame ending in a meeting noun belongs to that noun ("hat sich nach
    Gesprächen mit Selenskyj auf eine Erklärung geeinigt": Selenskyj is a partner of the talks, not
    of the agreement)."""
    if (arg.preposition or "").lower() not in d.lex.frames(d.lang).partner:
        return False
    before = [a for a in clause.frames if a is not arg and 0 <= arg.start - a.end <= 1]
    for a in before:
        words = [t.text.lower() for t in d.doc.tokens_in(a.start, a.end)]
        if words and any(trig.type in SYMMETRIC and trig.matches(words, len(words) - 1)
                         for trig in d.lex.nouns.get(d.lang, [])):
            return True
    return False


def _named_target(d: _Doc, clause: Clause, trig: VerbTrigger, sources: list[str]) -> list[str]:
    """Target actors in the places the reading names, in its order, then the language's defaults."""
    order = list(trig.target) or ["dative", "object"]
    if not trig.alone:  # a reading that stands alone takes its target only from the places it names
        order += [p for p in ("dative", "object", *d.lex.target_preps.get(d.lang, ())) if p not in order]
    for place in order:
        for arg in _place_args(d, clause, place):
            found = _bound_pronoun(d, clause, arg) or d.arg_actors(arg, places=True) or d.pronoun_actor(arg)
            found = [a for a in found if a not in sources]
            if found:
                return found
    return []


def _bound_pronoun(d: _Doc, clause: Clause, arg: Argument) -> list[str]:
    """An object pronoun in a relative clause whose main clause has a pronoun subject of the same
    gender is that subject ("Also geht er den Weg, auf den ihn die Europäer loben": "ihn" is "er")."""
    if clause.kind != "relative" or clause.parent is None:
        return []
    genders = d.lex.pronouns.get(d.lang, {})
    gender = genders.get(d.doc.text[arg.start:arg.end].lower())
    parent = d.doc.clauses[clause.parent]
    subject = parent.subject
    if gender is None or subject is None or genders.get(d.doc.text[subject.start:subject.end].lower()) != gender:
        return []
    return _sources(d, parent)


def _below_target(d: _Doc, clause: Clause, sources: list[str]) -> list[str]:
    """A target in a clause below: the object of an infinitive ("threatened to make Spain pay",
    "drohte, X zu …"), the subject of a relative clause on the object ("ließ den Fortschritt
    abblitzen, für den X ein Risiko eingegangen war")."""
    obj = clause.object
    for child in d.children(clause):
        args: list[Argument | None] = []
        if child.relation == "xcomp":
            args = [a for a in child.arguments if a.role in ("object", "dative")]
        elif child.kind == "relative" and child.antecedent is not None and obj is not None \
                and obj.start <= d.doc.tokens[child.antecedent].start < obj.end:
            args = [child.subject]
        for arg in args:
            found = [a for a in d.arg_actors(arg) if a not in sources]
            if found:
                return found
    return []


def _targets(d: _Doc, clause: Clause, trig: VerbTrigger, sources: list[str]) -> tuple[list[str], bool]:
    """Target actors from the places the reading names; (actors, found in a named place)."""
    named = _border_target(d, clause, trig, sources) or _named_target(d, clause, trig, sources)
    if named:
        return named, True
    if trig.mode in d.lex.strict_modes or trig.alone:
        return [], False
    below = _below_target(d, clause, sources)
    if below:
        return below, False
    # fallback: another actor in the clause, outside the subject and the agent, not an adjective
    skip = [a for a in clause.arguments if a.role in ("subject", "agent")]
    for m in d.mentions_in(clause.start, clause.end):
        aid = d.place_actor(m)
        if not aid or m.kind == "demonym" or (m.kind == "location" and not d.is_state_place(m)) \
                or _past_border(d, m):  # "an der Grenze zur Ukraine": where troops stand, not a target
            continue
        actor = d.canon(aid)
        if actor in sources or any(a.start <= m.start < a.end for a in skip):
            continue
        return [actor], False
    return [], False


def _is_content(d: _Doc, clause: Clause) -> bool:
    """The clause is what a demand or threat above it asks for or announces (``content_types``)."""
    if clause.parent is None or clause.relation not in ("ccomp", "xcomp"):
        return False
    trig = _reading(d, d.doc.clauses[clause.parent])
    return trig is not None and trig.type in d.lex.content_types


def _reflexive(d: _Doc, clause: Clause) -> bool:
    """No object, or a reflexive one ("trafen sich"): coordinated subjects act on each other."""
    obj = clause.object
    return obj is None or d.doc.text[obj.start:obj.end].lower() in d.lex.reflexives.get(d.lang, ())


def _border_target(d: _Doc, clause: Clause, trig: VerbTrigger, sources: list[str]) -> list[str]:
    """For a deployment (``border_types``): the state on the other side of a border the clause names
    ("an der Grenze zur Ukraine", "near the border with Ukraine") is the target, not the place."""
    words = d.lex.border_words.get(d.lang, frozenset())
    if trig.type not in d.lex.border_types or not words:
        return []
    toks = d.doc.tokens_in(clause.start, clause.end)
    for i, tok in enumerate(toks):
        if tok.text.lower() in words or any(tok.text.lower().endswith(w) for w in words):
            after = toks[i + 1:i + 4]
            if after:
                found = [a for a in d.actors_in(after[0].start, after[-1].end, places=True) if a not in sources]
                if found:
                    return found[:1]
    return []


def _past_border(d: _Doc, m: Mention) -> bool:
    """The mention names the state beyond a border ("an der Grenze zur Ukraine")."""
    words = d.lex.border_words.get(d.lang, frozenset())
    before = d.doc.tokens_in(max(0, m.start - 40), m.start)[-3:]
    return any(t.text.lower().endswith(w) for t in before for w in words)


def _verbal(d: _Doc, clause: Clause) -> list[Draft]:
    trig = _reading(d, clause)
    if trig is None or clause.head is None or d.is_condition(clause) or _is_content(d, clause):
        return []  # the condition of a conditional ("sollte Putin nicht zustimmen") is no event
    sources = _sources(d, clause)
    if not sources:
        return []
    targets, named = _targets(d, clause, trig, sources)
    head = d.doc.tokens[clause.head]
    conf = 0.8 if named else 0.6
    rule = trig.name if named else trig.name + ("+alone" if trig.alone and not targets else "+clause_actor")
    pairs: list[tuple[str | None, str | None]]
    if not targets and trig.type in SYMMETRIC and len(sources) > 1 and _reflexive(d, clause) \
            and trig.mode not in d.lex.strict_modes:  # "… trafen sich"
        pairs = [(sources[0], other) for other in sources[1:]]
    else:
        pairs = [(s, t) for s in sources for t in _or_none(targets)]
    kind, mode = trig.type, trig.mode
    if kind == "AGREE" and clause.negated:  # "werde … nicht zustimmen": a refusal (PLOVER REJECT)
        kind, mode, rule = "REJECT", None, rule + "+negated"
    return [Draft(kind, mode, s, t, clause, head.start, head.end, rule, conf)
            for s, t in pairs[:MAX_PER_TRIGGER] if s != t]


# -- nominal triggers -----------------------------------------------------------------------------
def _innermost(clauses: list[Clause], start: int) -> Clause | None:
    best = None
    for c in clauses:
        if c.start <= start < c.end and (best is None or c.end - c.start < best.end - best.start):
            best = c
    return best


def _participants(d: _Doc, toks: list[int], k: int, n: int, trig: NounTrigger) -> Participants:
    """(partners from zwischen/mit/between/with, owners from an adjective before or a genitive after,
    targets from gegen/auf/against/on) of the nominal trigger at sentence position k (n words); the
    words come from ``noun_frames`` of the lexicon."""
    doc = d.doc
    frames = d.lex.frames(d.lang)
    place_target = trig.type in d.lex.place_target_types
    partners: list[str] = []
    owners: list[str] = _owner_before(d, toks, k)
    targets: list[str] = []
    mutual: list[str] = []
    bucket: list[str] | None = owners
    for j in range(k + n, min(len(toks), k + n + WINDOW)):
        tok = doc.tokens[toks[j]]
        word = tok.text.lower()
        if tok.text in d.lex.phrase_stops or toks[j] in d.verb_tokens:
            break
        if word in frames.partner:
            bucket = partners
        elif word in frames.between:
            bucket = mutual
        elif word in frames.target or (place_target and word in frames.place_target and not targets):
            bucket = targets
        elif word in frames.owner and bucket is owners:
            continue
        elif word in frames.close:
            bucket = None
        elif bucket is not None:
            for m in d.mentions_in(tok.start, tok.end + 1):
                places = bucket is targets and place_target and d.is_state_place(m)
                if m.actor and (m.kind != "location" or places) and m.actor not in bucket and not _in_compound(d, m):
                    bucket.append(m.actor)
        if bucket is owners and j > k + n + 4:
            bucket = None
    possessive = bool(owners) and k > 0 and doc.tokens[toks[k - 1]].text.lower() in d.lex.possessives.get(d.lang, {})
    return Participants(partners, owners, targets, mutual, possessive)


def _in_compound(d: _Doc, m: Mention) -> bool:
    """A name inside a hyphenated compound ("NATO-Truppen", "Ukraine-Gespräche") modifies that
    compound, not the trigger before it."""
    return d.doc.text[m.end:m.end + 1] == "-"


def _owner_before(d: _Doc, toks: list[int], k: int) -> list[str]:
    """The owner of a nominal trigger named before it: an actor adjective or a name in lower case
    ("russische Angriffe"), or a possessive pronoun ("nach seinem Treffen mit Lawrow": the latest
    person of its gender)."""
    doc = d.doc
    first = doc.tokens[toks[k]]
    owners: list[str] = []
    for m in d.mentions_in(doc.tokens[toks[max(0, k - 2)]].start, first.start):
        if m.actor and m.kind not in ("location", "pronoun") and (m.kind == "demonym" or m.text[:1].islower()):
            owners = [m.actor]
    if not owners and k > 0:
        gender = d.lex.possessives.get(d.lang, {}).get(doc.tokens[toks[k - 1]].text.lower())
        if gender is not None:
            owners = d.person_before(doc.tokens[toks[k - 1]].start, gender)
    return owners


@dataclass
class Participants:
    """The actors around a nominal trigger: ``partners`` after mit/with (each one meets the owner),
    ``owners`` (an adjective or possessive before, a genitive after), ``targets`` after gegen/auf/
    against/on, ``mutual`` after zwischen/between (they meet each other)."""

    partners: list[str]
    owners: list[str]
    targets: list[str]
    mutual: list[str]
    possessive: bool = False  # the owner is a possessive pronoun's


def _headed_by_actor(d: _Doc, arg: Argument | None) -> bool:
    """The argument's head word is (part of) an actor mention: "Russland", "der Kanzler"; not
    "ein Einmarsch Russlands"."""
    if arg is None or not 0 <= arg.head < len(d.doc.tokens):
        return False
    head = d.doc.tokens[arg.head]
    toks = d.doc.tokens_in(arg.start, arg.end)
    second = toks[min(1, len(toks) - 1)].start if toks else arg.start  # the name opens the phrase
    return any(m.actor and m.start <= head.start < m.end and m.start <= second
               for m in d.mentions_in(arg.start, arg.end))


def _nominal_pairs(d: _Doc, trig: NounTrigger, clause: Clause, start: int,
                   found: Participants) -> list[tuple[str | None, str | None]]:
    """Source-target pairs of a nominal trigger. Symmetric types: the actors after zwischen/between
    meet each other; the partners after mit/with meet the owner, else the clause's subject (when the
    noun is not in the subject: "X hat sich nach Gesprächen mit Y und Z geeinigt")."""
    partners, owners, targets = found.partners, found.owners, found.targets
    subject = clause.subject
    in_subject = subject is not None and subject.start <= start < subject.end
    subj = [] if in_subject else _subject_actors(d, clause)
    if found.possessive and subj and _headed_by_actor(d, subject):  # "Russland hat mit seinem Aufmarsch …"
        owners = subj[:1]
    if trig.type in SYMMETRIC:
        if len(found.mutual) >= 2:
            return [(found.mutual[0], other) for other in found.mutual[1:]]
        side = (owners or subj)[:1]
        people = side + [p for p in partners + found.mutual if p not in side]
        if len(people) < 2:
            return []
        return [(people[0], other) for other in people[1:]]
    sources = owners
    if not sources:
        return []
    return [(s, t) for s in sources for t in _or_none(targets)]


_STEM_INDEX: dict[int, tuple[list[NounTrigger], re.Pattern[str], int]] = {}


def _stem_index(triggers: list[NounTrigger]) -> tuple[re.Pattern[str], int]:
    """One pattern for the last stem word of every noun trigger, and the most words a trigger spans:
    a position whose next words hold none of those stems starts no trigger (each trigger's own first
    test), so the triggers are not tried there one by one."""
    hit = _STEM_INDEX.get(id(triggers))
    if hit is None or hit[0] is not triggers:
        parts = sorted({t.stem[-1] for t in triggers}, key=len, reverse=True)
        pattern = re.compile("|".join(map(re.escape, parts)) or "(?!)")
        hit = _STEM_INDEX[id(triggers)] = (triggers, pattern, max((len(t.stem) for t in triggers), default=1))
    return hit[1], hit[2]


def _trigger_starts(stems: re.Pattern[str], words: list[str], span: int) -> list[int]:
    """The positions, in order, whose next ``span`` words hold a trigger's last stem: only there can a
    noun trigger start. One search over the sentence's words joined by newlines finds the words with a
    stem (no stem holds a newline, so a match stays inside one word), not one search per word."""
    text = "\n".join(words)
    found = stems.finditer(text)
    first = next(found, None)
    if first is None:
        return []
    offsets = list(accumulate(len(w) + 1 for w in words))  # where the word after each one starts
    starts: set[int] = set()
    for m in chain((first,), found):
        hit = bisect.bisect_right(offsets, m.start())
        starts.update(range(max(0, hit - span + 1), hit + 1))
    return sorted(starts)


def _nominal(d: _Doc, sentence: int, toks: list[int]) -> list[Draft]:
    doc = d.doc
    words = [doc.tokens[i].text.lower() for i in toks]
    out: list[Draft] = []
    triggers = d.lex.nouns.get(d.lang, [])
    stems, span = _stem_index(triggers)
    for k in _trigger_starts(stems, words, span):
        idx = toks[k]
        if idx in d.verb_tokens or (d.lang == "de" and not doc.tokens[idx].text[:1].isupper()):
            continue
        for trig in triggers:
            n = trig.matches(words, k)
            if not n:
                continue
            if trig.frame and trig.frame not in words[k + n:k + n + 2]:
                continue
            start, end = doc.tokens[idx].start, doc.tokens[toks[k + n - 1]].end
            clause = _innermost(doc.clauses, start)
            if clause is None:
                break
            pairs = _nominal_pairs(d, trig, clause, start, _participants(d, toks, k, n, trig))
            out += [Draft(trig.type, trig.mode, s, t, clause, start, end, trig.name, 0.6, nominal=True)
                    for s, t in pairs[:MAX_PER_TRIGGER] if s != t]
            break
    return out


# -- assembling -----------------------------------------------------------------------------------
def _nominal_modality(d: _Doc, draft: Draft) -> str:
    toks = d.doc.tokens_in(max(0, draft.trigger_start - 40), draft.trigger_start)[-2:]
    before = {t.text.lower() for t in toks}
    if before & d.lex.negation_words.get(d.lang, frozenset()):
        return "negated"
    if before & d.lex.planned_words.get(d.lang, frozenset()):
        return "planned"
    mod = d.modality(draft.clause, nominal=True)
    return mod if mod in ("hypothetical", "planned", "reported", "question") else "asserted"


def _event(d: _Doc, draft: Draft) -> Event:
    clause = draft.clause
    modality = _nominal_modality(d, draft) if draft.nominal else d.modality(clause)
    quote = d.quote_at(draft.trigger_start)
    if quote is not None and modality == "asserted":
        modality = "reported"
    when, granularity = d.event_date(clause, modality)
    if draft.nominal and granularity == "document":
        when, granularity = None, None  # a noun alone does not say when
    return Event(
        start=clause.start, end=clause.end, component=COMPONENT, rule=draft.rule, confidence=draft.confidence,
        type=draft.type, mode=draft.mode, source=draft.source, target=draft.target, date=when,
        date_granularity=granularity, location=d.location(clause), modality=modality,
        trigger=d.doc.text[draft.trigger_start:draft.trigger_end], trigger_start=draft.trigger_start,
        trigger_end=draft.trigger_end, sentence=clause.sentence, quote=quote,
    )


def _key(e: Event) -> tuple[str, str | None, str | None]:
    if e.type in SYMMETRIC and (e.source or "") > (e.target or ""):
        return e.type, e.target, e.source
    return e.type, e.source, e.target


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per (type, source, target) and date: an undated duplicate of a dated event, or an
    article-dated one of an event the text dates itself, is dropped."""
    kept: list[Event] = []
    rank = {None: 0, "document": 1}
    for e in events:
        same = [k for k in kept if _key(k) == _key(e)
                and (k.date == e.date or rank.get(k.date_granularity, 2) < 2 or rank.get(e.date_granularity, 2) < 2)]
        if not same:
            kept.append(e)
            continue
        k = same[0]
        if rank.get(e.date_granularity, 2) > rank.get(k.date_granularity, 2):
            kept[kept.index(k)] = e
    return kept


RESPONSES = frozenset({"REJECT", "AGREE", "ACCUSE", "THREATEN"})  # reactions to what another actor did
LOOKBACK = 3  # sentences


def _discourse_targets(events: list[Event]) -> None:
    """A reaction without a target in its clause ("Russland lehnte das ab", "Iran rejected the
    warning") is aimed at whoever acted on its source just before: the source of the nearest earlier
    event (up to three sentences back) whose target is this source; for a rejection or an agreement,
    else the source of the nearest earlier event of another actor in the sentence before."""
    for i, e in enumerate(events):
        if e.target is not None or e.type not in RESPONSES or e.source is None or e.sentence is None \
                or e.rule.endswith("+alone"):
            continue
        earlier = [p for p in reversed(events[:i]) if p.sentence is not None
                   and e.sentence - p.sentence <= LOOKBACK and p.source not in (None, e.source)]
        hit = next((p for p in earlier if p.target == e.source), None)
        if hit is None and e.type in ("REJECT", "AGREE"):
            hit = next((p for p in earlier if e.sentence - (p.sentence or 0) <= 1), None)
        if hit is not None:
            e.target, e.rule, e.confidence = hit.source, e.rule + "+discourse", min(e.confidence, 0.5)


def extract_events(doc: Document, lex: EventLexicon, *, keep_targetless: bool = False,
                   kb: KnowledgeBase | None = None) -> list[Event]:
    """The document's events (needs tokens, sentences, clauses, mentions, timexes, quotes).
    ``keep_targetless``: also the events whose target was not found (benchmarks of the typing).
    ``kb``: the knowledge base whose capitals stand for their states as targets ("landet in Kiew")."""
    clauses_of(doc)  # rebuilt here when the document came from a store or another process
    d = _Doc(doc, lex, kb)
    drafts: list[Draft] = []
    for clause in doc.clauses:
        drafts += _verbal(d, clause)
    by_sentence: dict[int, list[int]] = {}
    for i, t in enumerate(doc.tokens):
        by_sentence.setdefault(t.sentence, []).append(i)
    for sentence, toks in by_sentence.items():
        drafts += _nominal(d, sentence, toks)
    drafts.sort(key=lambda x: (x.trigger_start, x.nominal))
    events = [_event(d, x) for x in drafts]
    _discourse_targets(events)
    return _dedupe([e for e in events if keep_targetless or e.target is not None or e.type in lex.targetless_types
                    or e.rule.endswith("+alone")])


def trigger_types(doc: Document, lex: EventLexicon) -> list[tuple[str, str]]:
    """(PLOVER type, rule) of every verbal reading and nominal trigger in the document, in text order,
    whether or not actors fill its slots (for benchmarks of the lexicon alone)."""
    clauses_of(doc)
    d = _Doc(doc, lex)
    found: list[tuple[int, str, str]] = []
    for clause in doc.clauses:
        trig = _reading(d, clause)
        if trig is not None and clause.head is not None:
            found.append((doc.tokens[clause.head].start, trig.type, trig.name))
    for idx, tok in enumerate(doc.tokens):
        if idx in d.verb_tokens:
            continue
        words = [tok.text.lower()]
        for ntrig in lex.nouns.get(d.lang, []):
            if len(ntrig.stem) == 1 and ntrig.matches(words, 0):
                found.append((tok.start, ntrig.type, ntrig.name))
                break
    return [(t, r) for _, t, r in sorted(found)]
