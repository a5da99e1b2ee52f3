"""In-document coreference for role nouns, nationality nouns, counterpart nouns and pronouns.

A reference resolves to the latest compatible person mentioned before it: same gender (when both
are known), same country (when the reference names one), holding the office on the document's
date (for "der Kanzler", "der Außenminister") or given the role in this document (for "der
Experte"). Distance limits keep weak references local; strong constraints search the whole text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lagebild.actors.matcher import norm

if TYPE_CHECKING:  # pragma: no cover
    from lagebild.actors.state import LinkerBase as Linker
    from lagebild.actors.state import LinkState as _State

# sentences back a reference may reach: generic nouns and pronouns are local, "der Kanzler" is not
GENERIC_WINDOW = 4
PRONOUN_WINDOW = 3
NATIONALITY_WINDOW = 12
# nouns any politician of the country fits ("the Hungarian leader" after "Prime Minister Orbán")
_GENERIC = frozenset({"politiker", "politikerin", "politician", "official", "leader", "strongman"})


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


def _stem(noun: str) -> str:
    n = norm(noun)
    for suffix in ("innen", "in", "en", "e", "n", "s"):
        if n.endswith(suffix) and len(n) - len(suffix) >= 4:
            return n[: -len(suffix)]
    return n


def _role_fits(linker: Linker, noun: str, role_text: str) -> bool:
    """"der Experte" fits "Russland-Experte"; "die Expertin" fits "Politologin" (same family)."""
    if not role_text:
        return False
    if _stem(noun) in role_text:
        return True
    for members in linker.pat.noun_families.values():
        stems = [_stem(w) for w in members]
        if _stem(noun) in stems and any(s_ in role_text for s_ in stems):
            return True
    return False


def _sentence(st: _State, offset: int) -> int:
    idx = st.doc.sentence_at(offset)
    return idx if idx is not None else 0


def find_antecedent(linker: Linker, st: _State, offset: int, info: dict[str, Any]) -> Antecedent | None:
    """The person a reference at ``offset`` (with the constraints in ``info``) refers back to."""
    office = info.get("office")
    noun = info.get("noun")
    country = info.get("country")
    gender = info.get("gender")
    pronoun = bool(info.get("pronoun"))
    here = _sentence(st, offset)
    if info.get("counterpart"):
        return _counterpart(linker, st, offset, country)
    seen_unknown_country = False
    for mm in sorted(st.mentions, key=lambda x: -x.start):
        if mm.start >= offset or not mm.actor or mm.kind in ("demonym", "location"):
            continue
        if linker._actor_type(st, mm.actor) != "person":
            continue
        distance = here - _sentence(st, mm.start)
        g = _gender(linker, st, mm.actor)
        if gender and g and g != gender:
            continue
        if office:
            roles = [r for r in linker.kb.roles_held(mm.actor, st.day) if r.office == office]
            want = info.get("fallback_role")
            if st.day is None and want:
                # undated: any past holder of any such office fits ("der Kanzler" after a former
                # Dutch prime minister); keep to the post the title names
                roles = [r for r in roles if r.id == want]
            if not roles:
                continue
            if country and roles[0].of != country:
                continue
            return Antecedent(mm.actor, roles[0].id, "coref:office-holder", 0.8)
        if pronoun:
            if distance > PRONOUN_WINDOW:
                return None
            return _subject_preference(linker, st, offset, mm.start, mm.actor, gender)
        c = _country(linker, st, mm.actor)
        if country and country == _party(linker, st, mm.actor):
            c = country  # "der SPD-Politiker", "der Republikaner": a person of that party (KB ``party``)
        if noun and noun not in _GENERIC:
            if country and c == country and _is_party(linker, country):
                return Antecedent(mm.actor, None, "coref:party", 0.7)
            if _role_fits(linker, noun, norm(_role_text(linker, st, mm.actor))):
                if country and c and c != country:
                    continue
                return Antecedent(mm.actor, None, "coref:role-noun", 0.75)
            continue
        # generic ("der russische Politiker") and nationality nouns ("der Amerikaner")
        window = NATIONALITY_WINDOW if noun is None else GENERIC_WINDOW
        if distance > window:
            return None
        if country:
            if c == country:
                return Antecedent(mm.actor, None, "coref:country", 0.7)
            if c is None and not seen_unknown_country and distance <= 2 and noun:
                return Antecedent(mm.actor, None, "coref:nearest-person", 0.5)
            seen_unknown_country = True
            continue
        return Antecedent(mm.actor, None, "coref:nearest-person", 0.6)
    return None


def _subject_preference(linker: Linker, st: _State, offset: int, latest: int, latest_actor: str,
                        gender: str | None) -> Antecedent:
    """Among the compatible persons of the sentence holding the latest one, the first mentioned
    (German main clauses put the subject first: "Trump rief Putin an. Er drohte ..." -> Trump)."""
    sent = _sentence(st, latest)
    best = None
    for mm in sorted(st.mentions, key=lambda x: x.start):
        if mm.start >= offset or not mm.actor or mm.kind in ("demonym", "location") or _sentence(st, mm.start) != sent:
            continue
        if linker._actor_type(st, mm.actor) != "person":
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
    for mm in sorted(st.mentions, key=lambda x: -x.start):
        if mm.start >= offset or not mm.actor:
            continue
        for role in linker.kb.roles_held(mm.actor, st.day):
            for cand in linker.kb.roles_for_office(role.office):
                if cand.of == country:
                    holder = cand.holder_on(st.day)
                    if holder:
                        return Antecedent(holder.actor, cand.id, "coref:counterpart", 0.75)
        if linker._actor_type(st, mm.actor) == "person":
            return None
    return None


def _is_party(linker: Linker, actor_id: str) -> bool:
    a = linker.kb.actor(actor_id)
    return a is not None and "party" in a.tags
