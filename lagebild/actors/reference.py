"""``resolve_reference``: which actor a pronoun or role noun at an offset refers to.

Used by the speech component for speakers ("sagte er", "so der Experte"). It reuses the actors
component's mentions when one covers the span and the same coreference logic otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lagebild.actors.coref import find_antecedent
from lagebild.actors.loader import KnowledgeBase, get_kb
from lagebild.actors.matcher import split_pieces
from lagebild.actors.mention_list import MentionList
from lagebild.actors.query import shared_linker
from lagebild.actors.roles import resolve
from lagebild.actors.state import DocPerson, LinkState, reference_day
from lagebild.actors.words import norm
from lagebild.document import Document, Mention

if TYPE_CHECKING:  # pragma: no cover
    from lagebild.actors.linker import Linker


def resolve_reference(doc: Document, start: int, end: int, text: str | None = None, *,
                      kb: KnowledgeBase | None = None) -> str | None:
    """The actor id a reference at ``doc.text[start:end]`` refers to, or None.

    A mention of the actors layer covering the span wins; a pronoun ("er", "sie", "he") goes to the
    latest person of its gender within a few sentences; a role noun ("der Kanzler", "der Experte",
    "der Amerikaner") to the latest compatible person, else the post's holder on the document's date.
    For many references in one document, make one ``References`` and ask it.
    """
    return References(doc, kb=kb).resolve(start, end, text)


class References:
    """``resolve_reference`` for one document, with its mentions indexed once (building costs a
    pass over the mentions; each question a few binary searches and a short walk back)."""

    def __init__(self, doc: Document, *, kb: KnowledgeBase | None = None) -> None:
        self.doc = doc
        self.kb = kb if kb is not None else get_kb()
        self.linker = shared_linker(self.kb)
        self.st = _state_for(self.linker, doc)
        self._mentions = MentionList(doc.mentions)
        self._position = {id(m): i for i, m in enumerate(doc.mentions)}

    def _first(self, mentions: list[Mention]) -> Mention | None:
        """The first of ``mentions`` in the order of ``doc.mentions``."""
        return min(mentions, key=lambda m: self._position[id(m)], default=None)

    def resolve(self, start: int, end: int, text: str | None = None) -> str | None:
        """See ``resolve_reference``."""
        doc = self.doc
        text = doc.text[start:end] if text is None else text
        covering = self._first([m for m in self._mentions.covering(start, end) if m.actor])
        if covering is not None:
            return covering.actor
        inside = self._first([m for m in self._mentions.starting_in(start, end + 1)
                              if m.actor and m.end <= end and m.kind != "demonym"])
        if inside is not None:
            return inside.actor
        linker, st = self.linker, self.st
        words = text.split()
        lang = doc.language
        pronouns = linker.pat.pronouns.get(lang, {})
        if len(words) == 1 and norm(words[0]) in pronouns:
            gender = pronouns[norm(words[0])]
            info: dict[str, Any] = {"pronoun": True, "gender": gender if gender in ("m", "f") else None}
            ante = find_antecedent(linker, st, start, info)
            return ante.actor if ante else None
        return self._title_or_noun(start, text)

    def _title_or_noun(self, start: int, text: str) -> str | None:
        """A title ("der Kanzler": the latest holder named, else the post's holder on the date) or a
        role or nationality noun in ``text``."""
        linker, st, lang = self.linker, self.st, self.doc.language
        pieces = split_pieces(_offsets(text, start))
        for match in linker.matcher.scan(pieces):
            e = match.entries[0]
            if e.kind in ("office", "role"):
                info: dict[str, Any] = {"office": e.target if e.kind == "office" else None, "gender": e.gender}
                if e.kind == "office":
                    ante = find_antecedent(linker, st, start, info)
                    if ante:
                        return ante.actor
                res = resolve(self.kb, e, None, reference_day(self.doc), lang)
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
    st.mentions = MentionList(doc.mentions)
    for aid, actor in doc.actors.items():
        if actor.source != "kb":
            st.doc_actors[aid] = DocPerson(actor, actor.gender)
        elif actor.role:
            st.roles_seen[aid] = actor.role
    return st
