"""In-document coreference for role nouns, nationality nouns, counterpart nouns and pronouns.

A reference resolves to the latest compatible person mentioned before it: same gender (when both
are known), same country (when the reference names one), holding the office on the document's
date (for "der Kanzler", "der Außenminister") or given the role in this document (for "der
Experte"). Distance limits keep weak references local; strong constraints search back over up to
LOOKBACK mentions (the mentions come from ``LinkState.near()``, an index by position).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

from lagebild.actors.state import LinkerBase as Linker
from lagebild.actors.state import LinkState as _State
from lagebild.actors.words import norm
from lagebild.document import Mention

# sentences back a reference may reach: generic nouns and pronouns are local, "der Kanzler" is not
GENERIC_WINDOW = 4
PRONOUN_WINDOW = 3
NATIONALITY_WINDOW = 12
# mentions back any reference may reach (the latest first), so that a text of a thousand unresolvable
# references costs a thousand short searches, not a million long ones. On the seeds, the demo corpus
# and our gold sets an antecedent was found at most 18 mentions back (a search that found none read 55)
LOOKBACK = 500


@dataclass(frozen=True, slots=True)
class Antecedent:
    actor: str
    role: str | None
    rule: str
    confidence: float


def _gender(linker: Linker, st: _State, aid: str) -> str | None:
    if aid in st.doc_actors:
        return st.doc_actors[aid].gender
    a = linker.kb.actor(aid)
    return a.gender if a else None


def _country(linker: Linker, st: _State, aid: str) -> str | None:
    if aid in st.doc_actors:
        return st.doc_actors[aid].actor.country
    a = linker.kb.actor(aid)
    return a.country if a else None


def _party(linker: Linker, st: _State, aid: str) -> str | None:
    a = linker.kb.actor(aid) if aid not in st.doc_actors else None
    return a.party if a else None


def _role_text(linker: Linker, st: _State, aid: str) -> str:
    if aid in st.doc_actors:
        return st.doc_actors[aid].actor.role or ""
    return st.roles_seen.get(aid, "")


def noun_stem(noun: str, suffixes: Sequence[str]) -> str:
    """A role noun without its inflection or feminine ending (one of ``suffixes``, the first that
    fits: "Expertinnen", "Experten" -> "expert")."""
    n = norm(noun)
    for suffix in suffixes:
        if n.endswith(suffix) and len(n) - len(suffix) >= 4:
            return n[: -len(suffix)]
    return n


def _role_fits(linker: Linker, noun: str, role_text: str) -> bool:
    """"der Experte" fits "Russland-Experte"; "die Expertin" fits "Politologin" (same family)."""
    if not role_text:
        return False
    stem = noun_stem(noun, linker.cues.noun_stem_suffixes)
    if stem in role_text:
        return True
    for stems in linker.family_stems():
        if stem in stems and any(s_ in role_text for s_ in stems):
            return True
    return False


def _sentence(st: _State, offset: int) -> int:
    idx = st.doc.sentence_at(offset)
    return idx if idx is not None else 0


class _Verdict(enum.Enum):
    SKIP = "skip"  # this candidate does not fit: try the one before it
    STOP = "stop"  # too far back: no antecedent


@dataclass
class _Reference:
    """A reference to resolve: its position and the constraints its words put on the antecedent."""

    linker: Linker
    st: _State
    offset: int
    here: int  # sentence index
    office: str | None
    noun: str | None
    country: str | None
    gender: str | None
    pronoun: bool
    role: str | None  # the post the title names (for undated documents)
    seen_unknown_country: bool = False

    def country_of(self, aid: str) -> str | None:
        """The candidate's country; a party member's party when the reference names that party
        ("der SPD-Politiker", "der Republikaner": KB ``party``)."""
        if self.country and self.country == _party(self.linker, self.st, aid):
            return self.country
        return _country(self.linker, self.st, aid)


_Rule = Callable[[_Reference, "Mention", int], "Antecedent | _Verdict | None"]


def _office_holder(ref: _Reference, mm: Mention, distance: int) -> Antecedent | _Verdict | None:
    """"der Kanzler": a person who holds the office on the document's date."""
    if not ref.office:
        return None
    assert mm.actor is not None
    roles = [r for r in ref.linker.kb.roles_held(mm.actor, ref.st.day) if r.office == ref.office]
    if ref.st.day is None and ref.role:
        # undated: any past holder of any such office fits ("der Kanzler" after a former
        # Dutch prime minister); keep to the post the title names
        roles = [r for r in roles if r.id == ref.role]
    if not roles or (ref.country and roles[0].of != ref.country):
        return _Verdict.SKIP
    return Antecedent(mm.actor, roles[0].id, "coref:office-holder", 0.8)


def _pronoun(ref: _Reference, mm: Mention, distance: int) -> Antecedent | _Verdict | None:
    """"er", "she": the subject of the sentence of the latest fitting person, a few sentences back."""
    if not ref.pronoun:
        return None
    if distance > PRONOUN_WINDOW:
        return _Verdict.STOP
    assert mm.actor is not None
    return _subject_preference(ref.linker, ref.st, ref.offset, mm.start, mm.actor, ref.gender)


def _role_noun(ref: _Reference, mm: Mention, distance: int) -> Antecedent | _Verdict | None:
    """"der Experte": the latest person given that role (or a role of its family); "der
    SPD-Politiker": the latest person of that party."""
    if not ref.noun or ref.noun in ref.linker.cues.generic_person_nouns:
        return None
    assert mm.actor is not None
    c = ref.country_of(mm.actor)
    if ref.country and c == ref.country and _is_party(ref.linker, ref.country):
        return Antecedent(mm.actor, None, "coref:party", 0.7)
    if not _role_fits(ref.linker, ref.noun, norm(_role_text(ref.linker, ref.st, mm.actor))):
        return _Verdict.SKIP
    if ref.country and c and c != ref.country:
        return _Verdict.SKIP
    return Antecedent(mm.actor, None, "coref:role-noun", 0.75)


def _country_or_nearest(ref: _Reference, mm: Mention, distance: int) -> Antecedent | _Verdict | None:
    """Generic ("der russische Politiker") and nationality nouns ("der Amerikaner"): the latest
    person of that country within a window; without a country the nearest person."""
    window = NATIONALITY_WINDOW if ref.noun is None else GENERIC_WINDOW
    if distance > window:
        return _Verdict.STOP
    assert mm.actor is not None
    if not ref.country:
        return Antecedent(mm.actor, None, "coref:nearest-person", 0.6)
    c = ref.country_of(mm.actor)
    if c == ref.country:
        return Antecedent(mm.actor, None, "coref:country", 0.7)
    if c is None and not ref.seen_unknown_country and distance <= 2 and ref.noun:
        return Antecedent(mm.actor, None, "coref:nearest-person", 0.5)
    ref.seen_unknown_country = True
    return _Verdict.SKIP


# in order; the first that gives a verdict decides for a candidate (the last always does)
_RULES: tuple[_Rule, ...] = (_office_holder, _pronoun, _role_noun, _country_or_nearest)


def _fits(ref: _Reference, mm: Mention) -> bool:
    """A person mentioned before the reference, of a compatible gender."""
    if mm.start >= ref.offset or not mm.actor or mm.kind in ("demonym", "location"):
        return False
    if ref.linker.actor_type(ref.st, mm.actor) != "person":
        return False
    g = _gender(ref.linker, ref.st, mm.actor)
    return not (ref.gender and g and g != ref.gender)


def find_antecedent(linker: Linker, st: _State, offset: int, info: dict[str, Any]) -> Antecedent | None:
    """The person a reference at ``offset`` (with the constraints in ``info``) refers back to:
    the latest candidate the first applicable rule of ``_RULES`` accepts."""
    if info.get("counterpart"):
        return _counterpart(linker, st, offset, info.get("country"))
    ref = _Reference(linker, st, offset, _sentence(st, offset), info.get("office"), info.get("noun"),
                     info.get("country"), info.get("gender"), bool(info.get("pronoun")), info.get("fallback_role"))
    window = _window(ref)
    for mm in recent(st, offset):
        if window is not None and (idx := st.doc.sentence_at(mm.start)) is not None and ref.here - idx > window:
            return None  # every mention from here back is too far for the rule that decides this reference
        if not _fits(ref, mm):
            continue
        distance = ref.here - _sentence(st, mm.start)
        for rule in _RULES:
            verdict = rule(ref, mm, distance)
            if verdict is None:
                continue
            if verdict is _Verdict.STOP:
                return None
            if isinstance(verdict, Antecedent):
                return verdict
            break  # SKIP
    return None


def recent(st: _State, offset: int) -> Iterator[Mention]:
    """The mentions before ``offset``, the latest first, at most LOOKBACK of them."""
    return islice(st.near().before(offset), LOOKBACK)


def _window(ref: _Reference) -> int | None:
    """The sentences back the rule that decides ``ref`` lets it reach (see ``_RULES``): pronouns and
    references without an office or a specific role noun stop there; the others have no limit."""
    if ref.office:
        return None
    if ref.pronoun:
        return PRONOUN_WINDOW
    if ref.noun and ref.noun not in ref.linker.cues.generic_person_nouns:
        return None
    return NATIONALITY_WINDOW if ref.noun is None else GENERIC_WINDOW


def _subject_preference(linker: Linker, st: _State, offset: int, latest: int, latest_actor: str,
                        gender: str | None) -> Antecedent:
    """Among the compatible persons of the sentence holding the latest one, the first mentioned
    (German main clauses put the subject first: "Trump rief Putin an. Er drohte ..." -> Trump)."""
    sent = _sentence(st, latest)
    best = None
    if st.doc.sentence_at(latest) is not None:  # the mentions of that sentence, in text order
        s = st.doc.sentences[sent]
        pool: Iterable[Mention] = st.near().starting_in(s.start, s.end)
    else:
        pool = sorted(st.mentions, key=lambda x: x.start)
    for mm in pool:
        if mm.start >= offset or not mm.actor or mm.kind in ("demonym", "location") or _sentence(st, mm.start) != sent:
            continue
        if linker.actor_type(st, mm.actor) != "person":
            continue
        g = _gender(linker, st, mm.actor)
        if gender and g and g != gender:
            continue
        best = mm
        break
    actor = best.actor if best is not None and best.actor else latest_actor
    return Antecedent(actor, None, "coref:pronoun", 0.6)


def _counterpart(linker: Linker, st: _State, offset: int, country: str | None) -> Antecedent | None:
    """"sein russischer Amtskollege": the same office as the person just named, in ``country``."""
    if not country:
        return None
    for mm in recent(st, offset):
        if mm.start >= offset or not mm.actor:
            continue
        for role in linker.kb.roles_held(mm.actor, st.day):
            for cand in linker.kb.roles_for_office(role.office):
                if cand.of == country:
                    holder = cand.holder_on(st.day)
                    if holder:
                        return Antecedent(holder.actor, cand.id, "coref:counterpart", 0.75)
        if linker.actor_type(st, mm.actor) == "person":
            return None
    return None


def _is_party(linker: Linker, actor_id: str) -> bool:
    a = linker.kb.actor(actor_id)
    return a is not None and "party" in a.tags
