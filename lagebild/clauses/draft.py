"""A clause being built (both languages): its words, fields and place in the sentence; and the
comma-separated segments it is made of."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lagebild.clauses.tagging import Word

__all__ = ["Draft", "Segment", "keep_clauses"]


@dataclass(init=False)
class Segment:
    words: list[Word]
    index: int
    coordinated: bool = False  # opened by a coordinator ("und", "aber")
    end: str = ""  # the boundary sign after it
    quote_closed: bool = False  # a quotation mark stands right before the boundary after it
    after_quote: bool = False  # the segment before ended with a quotation mark ("„…“, sagte er")

    # written out (init=False), here and in this module's other per-item classes: mypyc compiles it,
    # and the object is built natively (@dataclass writes __init__ as interpreted code)
    def __init__(self, words: list[Word], index: int, coordinated: bool = False, end: str = "",
            quote_closed: bool = False, after_quote: bool = False) -> None:
        self.words = words
        self.index = index
        self.coordinated = coordinated
        self.end = end
        self.quote_closed = quote_closed
        self.after_quote = after_quote


@dataclass(init=False)
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

    def __init__(self, kind: str, words: list[Word], segs: list[int], rule: str,
            marker: list[Word] | None = None, relation: str = "root", parent: int | None = None,
            coordinated: bool = False, conditional: bool = False, question: bool = False,
            fin: Word | None = None, vorfeld: list[Word] | None = None, mittelfeld: list[Word] | None = None,
            right: list[Word] | None = None, nachfeld: list[Word] | None = None, shares_subject: bool = False,
            antecedent: Word | None = None, group: list[Word] | None = None, group_seg: int = 0) -> None:
        self.kind = kind
        self.words = words
        self.segs = segs
        self.rule = rule
        self.marker = [] if marker is None else marker
        self.relation = relation
        self.parent = parent
        self.coordinated = coordinated
        self.conditional = conditional
        self.question = question
        self.fin = fin
        self.vorfeld = [] if vorfeld is None else vorfeld
        self.mittelfeld = [] if mittelfeld is None else mittelfeld
        self.right = [] if right is None else right
        self.nachfeld = [] if nachfeld is None else nachfeld
        self.shares_subject = shares_subject
        self.antecedent = antecedent
        self.group = [] if group is None else group
        self.group_seg = group_seg

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
