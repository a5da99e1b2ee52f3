"""``resolve_reference``: which actor a pronoun or role noun at an offset refers to.

Used by the speech component for speakers ("sagte er", "so der Experte"). It reuses the actors
component's mentions when one covers the span and the same coreference logic otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lagebild.actors.coref import find_antecedent
from lagebild.actors.loader import KnowledgeBase, get_kb
from lagebild.actors.matcher import split_pieces
from lagebild.actors.query import shared_linker
from lagebild.actors.roles import resolve
from lagebild.actors.state import DocPerson, LinkState, reference_day
from lagebild.actors.words import norm
from lagebild.document import Document

if TYPE_CHECKING:  # pragma: no cover
    from lagebild.actors.linker import Linker


def resolve_reference(doc: Document, start: int, end: int, text: str | None = None, *,
                      kb: KnowledgeBase | None = None) -> str | None:
    """The actor id a reference at ``doc.text[start:end]`` refers to, or None.

    A mention of the actors layer covering the span wins; a pronoun ("er", "sie", "he") goes to the
    latest person of its gender within a few sentences; a role noun ("der Kanzler", "der Experte",
    "der Amerikaner") to the latest compatible person, else the post's holder on the document's date.
    """
    text = doc.text[start:end] if text is None else text
    for m in doc.mentions:
        if m.actor and m.start <= start and end <= m.end:
            return m.actor
    for m in doc.mentions:
        if m.actor and start <= m.start and m.end <= end and m.kind != "demonym":
            return m.actor
    base = kb if kb is not None else get_kb()
    linker = shared_linker(base)
    st = _state_for(linker, doc)
    words = text.split()
    lang = doc.language
    pronouns = linker.pat.pronouns.get(lang, {})
    if len(words) == 1 and norm(words[0]) in pronouns:
        gender = pronouns[norm(words[0])]
        info: dict[str, Any] = {"pronoun": True, "gender": gender if gender in ("m", "f") else None}
        ante = find_antecedent(linker, st, start, info)
        return ante.actor if ante else None
    pieces = split_pieces(_offsets(text, start))
    for match in linker.matcher.scan(pieces):
        e = match.entries[0]
        if e.kind in ("office", "role"):
            info = {"office": e.target if e.kind == "office" else None, "gender": e.gender}
            if e.kind == "office":
                ante = find_antecedent(linker, st, start, info)
                if ante:
                    return ante.actor
            res = resolve(base, e, None, reference_day(doc), lang)
            return res.actor
        if e.kind in ("pnoun", "natnoun", "counterpart"):
            info = {"noun": norm(e.target) if e.kind == "pnoun" else None,
                    "country": e.target if e.kind == "natnoun" else None, "gender": e.gender,
                    "counterpart": e.kind == "counterpart"}
            ante = find_antecedent(linker, st, start, info)
            return ante.actor if ante else None
    return None


def _offsets(text: str, base: int) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    pos = 0
    for w in text.split():
        i = text.index(w, pos)
        out.append((w.strip(".,;:!?\"„“”»«"), base + i))
        pos = i + len(w)
    return out


def _state_for(linker: Linker, doc: Document) -> LinkState:
    st = LinkState(doc, [], [], reference_day(doc), doc.language)
    st.mentions = list(doc.mentions)
    for aid, actor in doc.actors.items():
        if actor.source != "kb":
            st.doc_actors[aid] = DocPerson(actor, actor.gender)
        elif actor.role:
            st.roles_seen[aid] = actor.role
    return st
