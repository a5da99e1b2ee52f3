"""Role resolution: a title (office or post) plus a qualifier and a date -> the post and its holder.

"der Kanzler" on 2022-02-15 -> germany/head_of_government -> Olaf Scholz; on 2025-08-19 ->
Friedrich Merz. A qualifier (the country or organisation) comes from a hyphen prefix ("US-"),
a genitive ("Russlands"), a demonym ("der russische") or a following genitive ("der Ukraine").
Without one, a post marked ``default_for_language`` for the document's language is used.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from lagebild.actors.loader import KBActor, KnowledgeBase, Role
from lagebild.actors.matcher import Entry, norm


@dataclass(frozen=True, slots=True)
class Resolution:
    role: str | None  # role id
    actor: str | None  # holder actor id
    rule: str
    confidence: float


class NamedOrder(Protocol):
    """The persons a document names in the order a title prefers them (nearest first), asked only
    for the first of some candidates (``lagebild.actors.titles.NamedPersons``)."""

    def first_among(self, ids: Collection[str]) -> str | None: ...


def first_named(mentioned: Sequence[str] | NamedOrder, ids: Collection[str]) -> str | None:
    """The first of ``mentioned`` that is one of ``ids``."""
    if isinstance(mentioned, Sequence):
        return next((aid for aid in mentioned if aid in ids), None)
    return mentioned.first_among(ids)


def candidate_roles(kb: KnowledgeBase, entry: Entry, qualifier: str | None, lang: str) -> list[Role]:
    """The posts a title can name, narrowed by the qualifier or the language default."""
    if entry.kind == "role":
        role = kb.role(entry.target)
        if role is None:
            return []
        if qualifier and qualifier not in owners(kb, role.of):
            # "Russlands Kremlchef" is fine; "US-Kremlchef" is not this post
            return []
        return [role]
    if entry.kind != "office":
        return []
    roles = kb.roles_for_office(entry.target)
    if qualifier:
        exact = [r for r in roles if r.of == qualifier]
        return exact or [r for r in roles if qualifier in owners(kb, r.of)]
    # a post that is the default for the language ("Kanzler" in German text) -- unless the post lists
    # its own titles and this office title is not among them ("Premier" is not the German chancellor)
    return [r for r in roles if lang in r.default_for_language
            and (not r.titles or any(norm(t) == norm(entry.surface) for ts in r.titles.values() for t in ts))]


def owners(kb: KnowledgeBase, actor_id: str) -> set[str]:
    """The actor, its country and its parent bodies: a qualifier naming any of them fits
    ("EU-Kommissionspräsidentin" -> the post of the European Commission, part of the EU)."""
    out = {actor_id}
    a = kb.actor(actor_id)
    for _ in range(4):
        if a is None:
            break
        if a.country:
            out.add(a.country)
        if not a.parent or a.parent in out:
            break
        out.add(a.parent)
        a = kb.actor(a.parent)
    return out


def resolve(kb: KnowledgeBase, entry: Entry, qualifier: str | None, day: date | None, lang: str,
            mentioned: Sequence[str] | NamedOrder = ()) -> Resolution:
    """Resolve one title mention on ``day``.

    Without a date: a holder of the post (at any time) that the document names (``mentioned``,
    nearest first) wins, else the post stays unresolved (no guess at today's holder).
    A feminine title never resolves to a man.
    """
    roles = candidate_roles(kb, entry, qualifier, lang)
    if len(roles) != 1:
        return Resolution(None, None, "role:ambiguous" if roles else "role:no-post", 0.0)
    role = roles[0]
    how = "qualifier" if qualifier else ("post-title" if entry.kind == "role" else "language-default")
    if day is None:
        holders = {h.actor for h in role.holders if _gender_fits(kb, h.actor, entry.gender)}
        aid = first_named(mentioned, holders)
        if aid is not None:
            return Resolution(role.id, aid, f"role:{how}:no-date-named-holder", 0.6)
        # no date and no named holder: today's holder would be a guess ("der Kanzler" in an undated
        # piece about 2024 is not the chancellor of today) -- leave the post unresolved
        return Resolution(role.id, None, "role:no-date-no-named-holder", 0.3)
    holder = role.holder_on(day)
    if holder is None:
        return Resolution(role.id, None, "role:no-holder-on-date", 0.3)
    if not _gender_fits(kb, holder.actor, entry.gender):
        return Resolution(role.id, None, "role:gender-mismatch", 0.3)
    return Resolution(role.id, holder.actor, f"role:{how}", 0.9 if not holder.acting else 0.8)


def _gender_fits(kb: KnowledgeBase, actor_id: str, gender: str | None) -> bool:
    """A feminine title ("Kanzlerin") names a woman; a masculine one may be generic ("Bundeskanzler"
    for Angela Merkel in a query), so it does not exclude anyone."""
    if gender != "f":
        return True
    a = kb.actor(actor_id)
    return a is None or a.gender in (None, "f")


def offices_held(kb: KnowledgeBase, actor_id: str, day: date | None) -> set[str]:
    return {r.office for r in kb.roles_held(actor_id, day)}


def holds_office(kb: KnowledgeBase, actor_id: str, office: str, day: date | None) -> bool:
    return office in offices_held(kb, actor_id, day)


def holder_actor(kb: KnowledgeBase, role_id: str, day: date | None) -> KBActor | None:
    return kb.holder_at(role_id, day)
