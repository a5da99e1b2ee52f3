"""A clause being built (both languages): its words, fields and place in the sentence; and the
comma-separated segments it is made of."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lagebild.clauses.tagging import Word

__all__ = ["Draft", "Segment", "keep_clauses"]


@dataclass
class Segment:
    words: list[Word]
    index: int
    coordinated: bool = False  # opened by a coordinator ("und", "aber")
    end: str = ""  # the boundary sign after it
    quote_closed: bool = False  # a quotation mark stands right before the boundary after it
    after_quote: bool = False  # the segment before ended with a quotation mark ("„…“, sagte er")


@dataclass
class Draft:
    """A clause being built: its words (embedded clauses excluded) and its place in the sentence."""

    kind: str
    words: list[Word]
    segs: list[int]
    rule: str
    marker: list[Word] = field(default_factory=list)
    relation: str = "root"
    parent: int | None = None
    coordinated: bool = False
    conditional: bool = False
    question: bool = False
    fin: Word | None = None
    vorfeld: list[Word] = field(default_factory=list)
    mittelfeld: list[Word] = field(default_factory=list)
    right: list[Word] = field(default_factory=list)
    nachfeld: list[Word] = field(default_factory=list)
    shares_subject: bool = False  # a coordinated clause that starts with its verb
    antecedent: Word | None = None  # a relative clause's noun
    group: list[Word] = field(default_factory=list)  # English: the verb group (auxiliaries ... main verb)
    group_seg: int = 0  # English: the comma-separated part the verb group stands in

    def add(self, seg: Segment) -> None:
        self.words.extend(seg.words)
        self.segs.extend([seg.index] * len(seg.words))


def keep_clauses(drafts: list[Draft], keep: Callable[[Draft], bool]) -> list[Draft]:
    """The drafts that are clauses, parents renumbered (a dropped draft's child goes to its parent)."""
    index: dict[int, int] = {}
    kept: list[Draft] = []
    for k, d in enumerate(drafts):
        if keep(d):
            index[k] = len(kept)
            kept.append(d)
    for d in kept:
        parent, steps = d.parent, 0
        while parent is not None and parent not in index and steps < len(drafts):
            parent, steps = drafts[parent].parent, steps + 1
        d.parent = index.get(parent) if parent is not None else None
        if d.parent is not None and kept[d.parent] is d:
            d.parent = None
        if d.parent is None and d.relation != "root" and d.kind == "main":
            d.relation = "root"
    return kept
