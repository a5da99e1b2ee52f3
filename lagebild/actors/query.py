"""Questions to the knowledge base: list, show, search, who held a role on a date.

The CLI (``lagebild actors ...``) and the API call these functions; each returns plain data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from lagebild.actors.loader import KBActor, KnowledgeBase, Role, get_kb
from lagebild.actors.words import norm
from lagebild.document import Actor, Document, Metadata
from lagebild.errors import NotFoundError

if TYPE_CHECKING:  # pragma: no cover
    from lagebild.actors.linker import Linker


def _kb(kb: KnowledgeBase | None) -> KnowledgeBase:
    return kb if kb is not None else get_kb()


def list_actors(*, type: str | None = None, country: str | None = None,
                kb: KnowledgeBase | None = None) -> list[KBActor]:
    """Actors of the KB, optionally of one ``type`` and/or ``country`` (id or name), sorted by name."""
    base = _kb(kb)
    wanted_country = _resolve_id(base, country) if country else None
    out = [a for a in base.actors.values()
           if (type is None or a.type == type) and (wanted_country is None or a.country == wanted_country)]
    return sorted(out, key=lambda a: a.name.casefold())


def _resolve_id(kb: KnowledgeBase, id_or_name: str) -> str:
    if id_or_name in kb.actors:
        return id_or_name
    key = norm(id_or_name.strip())
    for a in kb.actors.values():
        if any(norm(n) == key for n in a.all_names()):
            return a.id
    raise NotFoundError(f"no actor {id_or_name!r} in the knowledge base; try `lagebild actors search`")


def find_actor(id_or_name: str, *, kb: KnowledgeBase | None = None) -> KBActor:
    """An actor by id or by any of its names/aliases (case- and accent-insensitive)."""
    base = _kb(kb)
    return base.actors[_resolve_id(base, id_or_name)]


@dataclass(frozen=True)
class Term:
    role: str
    role_name: str
    start: date | None
    end: date | None
    acting: bool


def terms_of(actor_id: str, *, kb: KnowledgeBase | None = None) -> list[Term]:
    base = _kb(kb)
    out = []
    for role in base.roles.values():
        for h in role.holders:
            if h.actor == actor_id:
                out.append(Term(role.id, role.name, h.start, h.end, h.acting))
    return sorted(out, key=lambda t: t.start or date.min)


def show_actor(id_or_name: str, *, kb: KnowledgeBase | None = None) -> dict[str, Any]:
    """Everything the KB says about one actor, with its posts and their dates."""
    base = _kb(kb)
    a = find_actor(id_or_name, kb=base)
    return {
        "id": a.id, "name": a.name, "type": a.type, "country": a.country, "wikidata": a.wikidata,
        "gender": a.gender, "names": a.names, "aliases": a.aliases, "demonyms": a.demonyms,
        "metonyms": a.metonyms, "parent": a.parent, "tags": a.tags, "file": a.source_file,
        "roles": [{"role": t.role, "name": t.role_name, "from": t.start.isoformat() if t.start else None,
                   "to": t.end.isoformat() if t.end else None, "acting": t.acting}
                  for t in terms_of(a.id, kb=base)],
    }


def search_actors(text: str, *, limit: int = 20, kb: KnowledgeBase | None = None) -> list[KBActor]:
    """Actors whose id, name or alias contains ``text`` (normalised); exact names first."""
    base = _kb(kb)
    q = norm(text.strip())
    if not q:
        return []
    scored: list[tuple[int, str, KBActor]] = []
    for a in base.actors.values():
        names = [norm(n) for n in a.all_names()] + [a.id]
        if q in names:
            scored.append((0, a.name, a))
        elif any(n.startswith(q) or f" {q}" in n for n in names):
            scored.append((1, a.name, a))
        elif any(q in n for n in names):
            scored.append((2, a.name, a))
    scored.sort(key=lambda x: (x[0], x[1]))
    return [a for _, _, a in scored[:limit]]


def _as_date(day: date | str | None) -> date | None:
    if day is None or isinstance(day, date):
        return day
    return date.fromisoformat(str(day))


def find_role(role_text_or_id: str, *, kb: KnowledgeBase | None = None) -> Role | None:
    """A post by id ("russia/head_of_state") or by its English name ("President of Russia")."""
    base = _kb(kb)
    if role_text_or_id in base.roles:
        return base.roles[role_text_or_id]
    key = norm(role_text_or_id)
    for role in base.roles.values():
        if norm(role.name) == key:
            return role
    return None


def holder_at(role_text_or_id: str, day: date | str | None, *, kb: KnowledgeBase | None = None,
              language: str = "de") -> Actor | None:
    """Who held a post on a date. ``role_text_or_id`` is a role id, a role name or a title as it
    would appear in text ("Bundeskanzler", "US-Präsident", "Kremlchef", "russischer Außenminister").
    ``day=None``: the current holder. Example: ``holder_at("Bundeskanzler", "2022-02-15")`` -> Olaf Scholz."""
    base = _kb(kb)
    when = _as_date(day)
    role = find_role(role_text_or_id, kb=base)
    if role is not None:
        h = role.holder_on(when)
        a = base.actor(h.actor) if h else None
        return _with_role(a, role.id)
    # a title as it appears in text: analyse it (no date asked: today; the linker itself never
    # guesses today's holder for an undated text)
    doc = Document(role_text_or_id.strip(), Metadata(language=language, published=when or date.today()))
    from lagebild.language.tokenize import tokenize

    tokenize(doc)
    shared_linker(base).link(doc)
    for m in doc.mentions:
        if m.kind in ("role", "title_name", "coref") and m.actor and m.role:
            return _with_role(base.actor(m.actor), m.role)
    return None


def _with_role(a: KBActor | None, role: str) -> Actor | None:
    if a is None:
        return None
    actor = a.to_actor()
    actor.role = role
    return actor


def shared_linker(kb: KnowledgeBase) -> Linker:
    """The linker for ``kb`` (automaton and rules), built once and kept with the knowledge base it
    belongs to; the actors component, ``holder_at`` and ``resolve_reference`` share it."""
    linker = kb.linker
    if linker is None:
        from lagebild.actors.linker import Linker
        from lagebild.actors.matcher import Matcher
        from lagebild.actors.patterns import get_patterns

        patterns = get_patterns()
        linker = kb.linker = Linker(kb, patterns, Matcher(kb, patterns))
    return linker
