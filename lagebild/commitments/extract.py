"""Reading commitments off the clause layer: named rules over clauses, quotes and the time layer.

Rules (their names go into provenance):

- ``cue_verb``: the clause's verb is a commitment verb of the lexicon ("drohte", "versprach",
  "forderte", "pledged");
- ``cue_noun``: a commitment noun with its holder ("die Zusage von Selenskyj", "Trumps Ultimatum",
  "Russland hat Forderungen erhoben");
- ``modal_plan``: a modal of intention or plan with an actor subject ("Polen will … entsenden",
  "die Garantien der USA sollen … ausgearbeitet werden");
- ``reported_future``: a future inside reported speech or a quote ("er werde … telefonieren",
  "werden wir … gehen", "said the United States would resume …").

Each commitment gets its actor(s) (one record per coordinated actor), addressee, content (the clause
and the clauses below it), condition (a conditional clause of the same sentence: "sollte Putin
keinem Waffenstillstand zustimmen"), deadline (a future date or window end of the time layer inside
the commitment or its condition), the quote it rests on and its sentence. A commitment with both a
condition and a deadline, or a conditional announcement of punishment, is an ``ultimatum``.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date

from lagebild.commitments.deadline import deadline_of
from lagebild.commitments.lexicon import CommitmentLexicon, VerbCue
from lagebild.document import Argument, Clause, Document, Mention, Quote

COMPONENT = "commitments"
MAX_CONTENT = 300
CONFIDENCE = {"cue_verb": 0.8, "cue_noun": 0.65, "modal_plan": 0.6, "reported_future": 0.55}
SUBJECT_ROLES = ("subject",)


@dataclass
class Draft:
    """A commitment before it becomes records (one per actor)."""

    kind: str
    rule: str
    clause: int | None
    start: int
    end: int
    actors: list[str]
    sentence: int
    content: tuple[int, int]
    addressee: str | None = None
    quote: int | None = None
    cue: str = ""
    condition: tuple[int, int] | None = None
    deadline: str | None = None
    notes: list[str] = field(default_factory=list)


class Extractor:
    """The commitments of one document (clauses, mentions, quotes and timexes filled)."""

    def __init__(self, doc: Document, lex: CommitmentLexicon) -> None:
        self.doc, self.lex = doc, lex
        self.clauses: list[Clause] = list(getattr(doc, "clauses", []) or [])
        self.children: dict[int, list[int]] = {}
        for i, c in enumerate(self.clauses):
            if c.parent is not None:
                self.children.setdefault(c.parent, []).append(i)
        self.mentions: list[Mention] = sorted((m for m in doc.mentions if m.actor), key=lambda m: m.start)
        self._mention_starts = [m.start for m in self.mentions]
        self.published: date | None = doc.meta.published
        self.taken: set[int] = set()  # clauses that already gave a commitment (or sit under one)

    # -- lookups -----------------------------------------------------------------------------
    def mentions_in(self, start: int, end: int, *, overlap: bool = False) -> list[Mention]:
        """Actor mentions inside [start, end) (``overlap``: also those reaching out of it), without
        a mention nested in a longer one ("UN" in "UN-Generalsekretär António Guterres")."""
        i = bisect_left(self._mention_starts, start)
        if overlap:
            while i > 0 and self.mentions[i - 1].end > start:
                i -= 1
        out: list[Mention] = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            m = self.mentions[i]
            if (overlap and m.end > start) or m.end <= end:
                out.append(m)
            i += 1
        return [m for m in out if not any(o is not m and o.start <= m.start and m.end <= o.end
                                          and (o.end - o.start) > (m.end - m.start) for o in out)]

    def quote_at(self, start: int, end: int) -> int | None:
        """The index of the (narrowest) quote that contains [start, end), or None."""
        best: tuple[int, int] | None = None
        for qi, q in enumerate(self.doc.quotes):
            if q.start <= start and end <= q.end + 1 and (best is None or q.end - q.start < best[1]):
                best = (qi, q.end - q.start)
        return best[0] if best else None

    def quote_covering_clause(self, ci: int) -> int | None:
        """The quote the clause (or its governing speech clause) belongs to: the clause lies in the
        quoted text, or a quote's cue is the clause's parent verb."""
        c = self.clauses[ci]
        qi = self.quote_at(c.start, c.end)
        if qi is not None:
            return qi
        for qi, q in enumerate(self.doc.quotes):
            if q.start <= c.start < q.end or (c.start <= q.start < c.end) or (
                    q.cue_start is not None and c.start <= q.cue_start < c.end):
                return qi
        return None

    def descendants_end(self, ci: int, depth: int = 0) -> int:
        end = self.clauses[ci].end
        if depth > 6:
            return end
        for k in self.children.get(ci, []):
            if self.clauses[k].relation in ("ccomp", "xcomp", "conj", "acl", "advcl"):
                end = max(end, self.descendants_end(k, depth + 1))
        return end

    def mark_taken(self, ci: int, depth: int = 0) -> None:
        self.taken.add(ci)
        if depth > 6:
            return
        for k in self.children.get(ci, []):
            if self.clauses[k].relation in ("ccomp", "xcomp", "conj"):
                self.mark_taken(k, depth + 1)

    # -- actors ------------------------------------------------------------------------------
    def phrase_actors(self, arg: Argument) -> list[str]:
        """The actors a noun phrase names: the last actor mention of each coordinated part
        ("Nato-Generalsekretär Mark Rutte" -> Rutte; "Frankreich und Großbritannien" -> both)."""
        found = self.mentions_in(arg.start, arg.end, overlap=True)
        if not found:
            return []
        text = self.doc.text
        parts: list[list[Mention]] = [[]]
        for m in found:
            if parts[-1]:
                gap = text[parts[-1][-1].end:m.start].casefold()
                if any(f" {w} " in f" {gap} " for w in ("und", "and", "sowie", "oder", "or")) or "," in gap:
                    parts.append([])
            parts[-1].append(m)
        out: list[str] = []
        for part in parts:
            actor = part[-1].actor
            if actor and actor not in out:
                out.append(actor)
        return out

    def attribute_actors(self, arg: Argument) -> list[str]:
        """Actors named in a phrase's attributes, not as its head ("die Sicherheitsgarantien der
        Europäer" -> Europeans; "das Normandie-Format" -> none)."""
        head = self.doc.tokens[arg.head] if 0 <= arg.head < len(self.doc.tokens) else None
        if head is not None and any(m.start <= head.start < m.end for m in self.mentions_in(arg.start, arg.end)):
            return []
        return self.phrase_actors(arg)

    def clause_actors(self, ci: int, quote: int | None) -> tuple[list[str], bool]:
        """(actors, first person) of a clause: its subject (the agent of a passive); "man"/"wir"
        inside a quote stand for the speaker."""
        c = self.clauses[ci]
        if c.voice == "passive" and c.agent is None:
            # the subject of a passive is what is done; its owners ("die Garantien der USA") may act
            return (self.attribute_actors(c.subject) if c.subject else []), False
        subj = c.agent if c.voice == "passive" else c.subject
        if subj is None:
            return [], False
        first = subj.head_text.casefold() in self.lex.first_person or subj.text.casefold() in self.lex.first_person
        actors = self.phrase_actors(subj)
        if actors:
            return actors, first
        if quote is not None and (first or subj.text.casefold() in self.lex.impersonal):
            speaker = self.doc.quotes[quote].speaker
            return ([speaker] if speaker else []), first
        return [], first

    def unplaced_actors(self, c: Clause) -> list[str]:
        """Actors named in the clause outside its objects and frames (a subject the parser missed:
        "hatte der US-Präsident … angekündigt")."""
        taken = [(a.start, a.end) for a in c.arguments if a.role != "subject"]
        for m in self.mentions_in(c.start, c.end):
            if m.actor and not any(s <= m.start < e for s, e in taken) and m.kind not in ("location",):
                return [m.actor]
        return []

    def addressee(self, c: Clause, actors: list[str]) -> str | None:
        for arg in c.arguments:
            if arg.role in ("dative", "object") or (arg.role == "frame" and (arg.preposition or "").casefold()
                                                      in self.lex.addressee_frames):
                for a in self.phrase_actors(arg):
                    if a not in actors:
                        return a
        return None

    # -- condition and deadline ----------------------------------------------------------------
    def condition(self, ci: int) -> tuple[int, int] | None:
        c = self.clauses[ci]
        for k, other in enumerate(self.clauses):
            if other.sentence != c.sentence or k == ci:
                continue
            first = self.doc.text[other.start:other.end].split(maxsplit=1)
            opener = first[0].casefold().strip(",;:") if first else ""
            if other.conditional or (opener in self.lex.condition_openers and other.start > c.start):
                end = other.end
                for j in self.children.get(k, []):
                    if self.clauses[j].relation == "conj":
                        end = max(end, self.clauses[j].end)
                return other.start, end
        return None

    def deadline(self, spans: list[tuple[int, int]]) -> str | None:
        best: str | None = None
        for t in self.doc.timexes:
            if not any(s <= t.start and t.end <= e for s, e in spans):
                continue
            value = deadline_of(t, self.published, self.lex.deadline_cues)
            if value and (best is None or value < best):
                best = value
        return best

    # -- rules -------------------------------------------------------------------------------
    def verb_cue(self, c: Clause) -> VerbCue | None:
        for cue in self.lex.verbs.get(c.lemma.casefold(), []):
            if cue.voice and c.voice != cue.voice:
                continue
            if cue.frame and not any(
                    f"{(a.preposition or '').casefold()} {a.text.casefold()}".startswith(cue.frame)
                    or a.text.casefold().startswith(cue.frame) for a in c.frames):
                continue
            if cue.needs and not self.has_complement(c, object_counts=cue.needs == "complement"):
                continue
            return cue
        return None

    def has_complement(self, c: Clause, *, object_counts: bool = True) -> bool:
        ci = self.clauses.index(c)
        if any(self.clauses[k].relation in ("ccomp", "xcomp") for k in self.children.get(ci, [])):
            return True
        if object_counts and c.object is not None:
            return True
        return any((a.preposition or "").casefold() in ("mit", "with") for a in c.frames)

    def modal_kind(self, c: Clause) -> str | None:
        if not c.modal or c.negated or c.question or c.conditional or c.kind in ("relative", "question"):
            return None
        if c.mood == "subjunctive2" or c.tense not in (None, "present", "future"):
            return None
        return self.lex.modals.get(c.modal)

    def is_future(self, c: Clause) -> bool:
        if c.question or c.conditional or c.kind in ("relative", "question"):
            return False
        if c.tense == "future":
            return True
        if self.lex.language == "de" and c.mood in ("subjunctive1", "subjunctive2") and any(
                self.doc.tokens[k].text.casefold() in self.lex.future_aux for k in c.verbs if k < len(self.doc.tokens)):
            return True
        # English reported speech: "said (that) X would do" (future in the past)
        return (self.lex.language == "en" and c.modal in ("would", "will") and c.relation == "ccomp"
                and c.parent is not None)

    def draft_actors(self, ci: int, rule: str, quote: int | None) -> tuple[list[str], bool]:
        """(actors, first person) of a commitment clause, with the fallbacks of its rule: an actor
        the parser left outside the subject (``cue_verb``); the speaker of a quote, else the named
        subject or object, for a "sollen" plan."""
        c = self.clauses[ci]
        actors, first = self.clause_actors(ci, quote)
        if not actors and rule == "cue_verb":
            actors = self.unplaced_actors(c)
        if not actors and rule == "modal_plan" and c.modal == "sollen":
            speaker = self.doc.quotes[quote].speaker if quote is not None else None
            actors = [speaker] if speaker and c.voice == "passive" or speaker and not c.subject else []
            if not actors and c.voice != "passive":
                actors = [a for arg in c.arguments if arg.role in ("subject", "object") for a in self.phrase_actors(arg)]
        return actors, first

    def future_kind(self, ci: int, first: bool, quote: int | None) -> str | None:
        """The kind of a reported future: a negated refusal verb is a threat, a first-person future
        in a quote the lexicon's ``future_first_person`` kind, else "" (the rule's default); None
        for a negated future without a condition ("werde einer Stationierung nicht zustimmen": a
        refusal, which is a stance, not a commitment)."""
        c = self.clauses[ci]
        refusal = c.lemma.casefold() in self.lex.refusals
        if c.negated and not refusal and self.condition(ci) is None:
            return None
        if c.negated and refusal:
            return "threat"
        if first and quote is not None:
            return self.lex.future_first_person
        return ""

    def clause_draft(self, ci: int, verbs_only: bool = False) -> Draft | None:
        c = self.clauses[ci]
        if ci in self.taken or not c.lemma:
            return None
        cue = self.verb_cue(c)
        if verbs_only and cue is None:
            return None
        if cue is not None:
            kind, rule = cue.kind, "cue_verb"
        elif (kind_m := self.modal_kind(c)) is not None:
            kind, rule = kind_m, "modal_plan"
        elif self.is_future(c):
            kind, rule = self.lex.future, "reported_future"
        else:
            return None
        # the quote is looked up only now: most clauses have no cue, modal or future verb
        quote = self.quote_covering_clause(ci)
        if rule == "reported_future" and quote is None and self.lex.language != "en":
            return None  # a German future outside quotes is no reported plan
        actors, first = self.draft_actors(ci, rule, quote)
        if not actors:
            return None
        if rule == "reported_future":
            kind_f = self.future_kind(ci, first, quote)
            if kind_f is None:
                return None
            kind = kind_f or kind
        start, end = c.start, self.descendants_end(ci)
        if rule == "cue_verb" and quote is not None:
            q = self.doc.quotes[quote]
            if q.cue_start is not None and c.start <= q.cue_start < c.end:
                # the verb introduces reported words ("X soll …, kündigte Trump an"): they are the content
                start, end = min(start, q.start), max(end, q.end)
                self.taken.update(k for k, o in enumerate(self.clauses) if q.start <= o.start and o.end <= q.end + 1)
        d = Draft(kind, rule, ci, start, end, actors, c.sentence, (start, end), quote=quote,
                  cue=c.lemma, addressee=self.addressee(c, actors))
        self.mark_taken(ci)
        return d

    def noun_drafts(self) -> list[Draft]:
        out: list[Draft] = []
        doc = self.doc
        lex = self.lex
        german = lex.language == "de"  # German nouns are capitalised: a lower-case word is none
        for k, tok in enumerate(doc.tokens):
            first = tok.text[:1]
            if not first.isalpha() or (german and not first.isupper()):
                continue
            kind = lex.noun_kind(tok.text)
            if kind is None:
                continue
            actor = self.noun_holder(k)
            if actor is None:
                continue
            s = doc.sentences[tok.sentence] if tok.sentence < len(doc.sentences) else None
            end = s.end if s is not None else tok.end
            out.append(Draft(kind, "cue_noun", None, tok.start, min(end, tok.end + MAX_CONTENT), [actor],
                             tok.sentence, (tok.start, min(end, tok.end + MAX_CONTENT)), cue=tok.text,
                             quote=self.quote_at(tok.start, tok.end)))
        return out

    def noun_holder(self, k: int) -> str | None:
        """The actor a commitment noun belongs to: a possessive name right before it, a genitive
        or von/of phrase right after it, or the subject of a light verb clause it is the object of."""
        doc = self.doc
        tok = doc.tokens[k]
        before = self.mentions_in(max(0, tok.start - 40), tok.start)
        if before and doc.text[before[-1].end:tok.start].strip() in ("", "'s", "’s") and (
                doc.text[before[-1].start:before[-1].end].endswith(("s", "'s", "’s"))):
            return before[-1].actor
        window = doc.tokens[k + 1:k + 6]
        if window and window[0].text.casefold() in ("des", "der", "von", "vom", "of", "from", "by"):
            after = self.mentions_in(tok.end, window[-1].end)
            if after:
                return after[0].actor
        for ci, c in enumerate(self.clauses):
            if c.start <= tok.start < c.end and c.lemma.casefold() in self.lex.light_verbs:
                obj = c.object
                if obj is not None and obj.start <= tok.start < obj.end + 1:
                    actors, _ = self.clause_actors(ci, self.quote_covering_clause(ci))
                    if actors:
                        self.mark_taken(ci)
                        return actors[0]
        return None

    # -- assembly ------------------------------------------------------------------------------
    def finish(self, d: Draft) -> Draft:
        ci = d.clause
        cond = self.condition(ci) if ci is not None else None
        d.condition = cond
        spans = [d.content] + ([cond] if cond else [])
        d.deadline = self.deadline(spans)
        content_text = self.doc.text[d.content[0]:d.content[1]]
        negated = ci is not None and self.clauses[ci].negated
        if d.rule == "reported_future" and cond and (negated or self.lex.is_punitive(content_text)):
            d.kind, d.notes = "threat", ["conditional consequence"]
        if d.kind == "threat" and cond and d.deadline:
            d.kind, d.notes = "ultimatum", ["condition+deadline"]
        elif d.kind == "plan" and cond and self.lex.is_punitive(content_text):
            d.kind, d.notes = "ultimatum", ["conditional punitive announcement"]
        return d

    def run(self) -> list[Draft]:
        drafts: list[Draft] = []
        for verbs_only in (True, False):  # cue verbs first: they take the clauses they report
            for ci in range(len(self.clauses)):
                d = self.clause_draft(ci, verbs_only)
                if d is not None:
                    drafts.append(self.finish(d))
        for d in self.noun_drafts():
            if not any(o.start <= d.start < o.end and o.kind == d.kind for o in drafts):
                drafts.append(self.finish(d))
        drafts.sort(key=lambda d: (d.start, d.end))
        return drafts


def quote_text(doc: Document, q: Quote | None) -> str:
    return doc.text[q.start:q.end] if q else ""
