"""The clause layer as seen from speech: the clause of a cue, its subject/agent as the speaker, its
addressee, lemma, mood and negation (``lagebild.clauses``; ``doc.clauses``)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from lagebild.clauses import Argument, Clause, clauses_of
from lagebild.document import Document
from lagebild.speech.lexicon import word_set

# pronouns and placeholders that are no speaker of their own ("es hieß", "man sagt", "one says")
_NOT_SPEAKERS = word_set("speech_clauses", "not_speakers")
# prepositions of an addressee frame ("appellierte an X", "sagte gegenüber X", "told to X")
_ADDRESSEE_PREPOSITIONS = word_set("speech_clauses", "addressee_prepositions")


@dataclass(frozen=True)
class CueFacts:
    """What the cue's clause says about the utterance."""

    lemma: str | None = None
    mood: str | None = None
    negated: bool = False
    addressee: tuple[int, int] | None = None  # character span of the addressee phrase

    def with_lemma(self, lemma: str) -> CueFacts:
        """The same mood and negation with the cue's own lemma and no addressee (a clause that is not
        the cue's own: a source marker's or one the clause layer did not build around the verb)."""
        return CueFacts(lemma=lemma, mood=self.mood, negated=self.negated)


class ClauseIndex:
    """The document's clauses indexed by the tokens of their verb complex and by position."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.clauses: list[Clause] = clauses_of(doc) if doc.tokens else []
        self._by_token: dict[int, Clause] = {}
        for c in self.clauses:
            for t in (*c.verbs, c.verb, c.head):
                if t is not None:
                    self._by_token.setdefault(t, c)
        self._starts = [c.start for c in self.clauses]

    def of_token(self, token: int) -> Clause | None:
        """The clause whose verb complex holds ``token`` (a reporting verb)."""
        return self._by_token.get(token)

    def around(self, start: int, end: int) -> Clause | None:
        """The smallest clause that holds the characters [start, end) (a source marker: "laut X")."""
        i = bisect.bisect_right(self._starts, start)
        best: Clause | None = None
        for c in self.clauses[max(0, i - 12):i]:
            if c.start <= start and end <= c.end and (best is None or c.end - c.start < best.end - best.start):
                best = c
        return best

    @staticmethod
    def speaker_argument(clause: Clause) -> Argument | None:
        """The one who speaks in a reporting clause: the agent of a passive ("wurde von X zitiert"),
        else its subject; None for "es", "man" and relative pronouns."""
        arg = clause.argument("agent") if clause.voice == "passive" else None
        arg = arg or clause.subject
        if arg is None or arg.head_text.lower() in _NOT_SPEAKERS or arg.text.lower() in _NOT_SPEAKERS:
            return None
        return arg

    @staticmethod
    def addressee_argument(clause: Clause, frames: tuple[str, ...]) -> Argument | None:
        """The addressee of a cue clause: its dative object, an "an/gegenüber/to" frame, or (verbs whose
        lexicon entry has "acc": "forderte Moskau auf") its accusative object."""
        for a in clause.arguments:
            if a.role == "dative" or (a.role == "frame" and (a.preposition or "").lower() in _ADDRESSEE_PREPOSITIONS):
                return a
        if "acc" in frames:
            return clause.argument("object")
        return None

    def facts(self, clause: Clause | None, frames: tuple[str, ...], lemma: str | None) -> CueFacts:
        if clause is None:
            return CueFacts(lemma=lemma)
        addr = self.addressee_argument(clause, frames)
        return CueFacts(lemma=clause.lemma or lemma, mood=clause.mood, negated=clause.negated,
                        addressee=(addr.start, addr.end) if addr is not None else None)
