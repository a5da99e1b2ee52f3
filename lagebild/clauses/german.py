"""German clauses by topological fields.

A sentence is cut into segments at commas, colons, semicolons, dashes and brackets, and at a
coordinator between two finite verbs ("hat zugestimmt und will …"). Each segment is classified by
small named rules (``SEGMENT_RULES``): a relative clause (relative pronoun, possibly after a
preposition), a subordinate clause (subordinator), a "wie" clause, an indirect question (wh-word),
a zu-infinitive, a V1/V2 clause (a finite verb), or a fragment without a verb. The segments are
then put together (``ASSEMBLY_RULES``): a V2 segment that starts with its verb continues a clause
whose Vorfeld was cut off by an embedded clause ("Der Mann, der kam, sagte …"); subordinate
clauses before a main clause attach to it; a clause after a reporting verb is its complement
("sagte, er komme"), and a reporting V1 clause after a clause takes it as its complement
("…, sagte er"); fragments join the open clause (appositions, enumerations).

In each clause the fields are read off the verbs: a main clause's left bracket is its first finite
verb, the Vorfeld what precedes it; the right bracket is the last run of infinitives, participles,
separable particles and "zu"; the Mittelfeld lies between, the Nachfeld after. A verb-final clause
has its opener (subordinator, relative phrase) and its verbs at the end, the finite one last.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lagebild.clauses.classes import EMBEDDED, C
from lagebild.clauses.draft import Draft, Segment, keep_clauses
from lagebild.clauses.tagging import Word, verb_lemma
from lagebild.clauses.words import ClauseWords

__all__ = ["clauses_de", "segments_of"]

_VERBAL = frozenset({C.INF, C.PP, C.IZU, C.PART, C.ZU})
_BRACKETS = frozenset("()[]–—-")
_FINITE_MISREAD = frozenset({C.INF, C.PP, C.NOUN, C.ADJ, C.ADV})  # classes a finite verb's form may be read as
_SIGNS = frozenset({C.BOUND, C.PUNCT})  # the classes of boundaries and of other punctuation


# -- segments ------------------------------------------------------------------------------------
def _is_boundary(w: Word, prev: Word | None) -> bool:
    if w.cls == "bound":
        return True
    if w.cls != "punct" or w.text not in _BRACKETS:
        return False
    # a hyphen written against the word before it joins a compound ("Shell-Konzern"), it is no dash
    return not (w.text == "-" and prev is not None and prev.end == w.start)


def _finite_candidate(w: Word) -> bool:
    cls = w.cls
    return cls == "fin" or (cls in _FINITE_MISREAD and "fin" in w.cands)


def _trailing_verbs(words: list[Word]) -> list[Word]:
    """The run of verbs at the end of ``words`` (a verb-final clause's cluster)."""
    run: list[Word] = []
    for w in reversed(words):
        if w.cls in _VERBAL or _finite_candidate(w) or w.cls == "imp":
            run.append(w)
        else:
            break
    return run[::-1]


def _opens_final(words: list[Word], wc: ClauseWords) -> bool:
    """Does the segment start with a subordinator, relative or wh-word (a verb-final clause)?"""
    first = words[0]
    return first.cls in (C.SUB, C.REL, C.RELAT, C.WH, C.WHDET) or (
        first.cls in ("prep", "prepart") and len(words) > 1 and words[1].cls in ("rel", "relat"))


def _coordination_cut(words: list[Word], final: bool) -> int | None:
    """Where a coordinator starts a second clause: a finite verb on both sides of it (in a verb-final
    clause: a verb right before the coordinator and one at the end)."""
    for k, w in enumerate(words):
        if w.cls != "conj" or k == 0 or k == len(words) - 1:
            continue
        left, right = words[:k], words[k + 1:]
        if final:
            if left[-1].cls in ("fin", "inf") and left[-1].can("fin") and _finite_candidate(right[-1]):
                return k
            continue
        if not any(x.cls == "fin" for x in left):
            continue
        verbs = [x for x in right if x.cls == "fin"]
        if verbs and not (len(right) == 1 and left[-1].cls == "inf" and verbs[0].can("inf")):
            return k
    return None


def _split_coordination(seg: Segment, wc: ClauseWords) -> list[Segment]:
    out: list[Segment] = []
    rest, first = seg.words, True
    final = _opens_final(seg.words, wc)
    while True:
        cut = _coordination_cut(rest, final)
        if cut is None:
            break
        out.append(Segment(rest[:cut], 0, coordinated=seg.coordinated if first else True,
                           after_quote=seg.after_quote if first else False))
        rest, first = rest[cut:], False
    out.append(Segment(rest, 0, coordinated=seg.coordinated if first else True, end=seg.end,
                       after_quote=seg.after_quote if first else False))
    return out


def segments_of(words: list[Word], wc: ClauseWords) -> list[Segment]:
    """The sentence cut at boundary signs and at clause coordination; quotation marks dropped."""
    out: list[Segment] = []
    cur: list[Word] = []
    prev: Word | None = None
    quote = False
    for w in words:
        if w.cls not in _SIGNS:  # most words: neither a boundary nor a quotation mark
            cur.append(w)
            quote = False
        elif _is_boundary(w, prev):
            out.append(Segment(cur, len(out), end=w.text, quote_closed=quote))
            cur = []
            quote = False
        else:
            quote = w.cls == "punct" and w.text not in _BRACKETS
        prev = w
    out.append(Segment(cur, len(out)))
    for a, b in zip(out, out[1:], strict=False):
        b.after_quote = a.quote_closed
    split = [part for seg in out if seg.words for part in _split_coordination(seg, wc)]
    for seg in split:
        if seg.words and seg.words[0].cls == "conj":
            seg.coordinated = True
            seg.words = seg.words[1:]
    kept = [s for s in split if s.words]
    for n, seg in enumerate(kept):
        seg.index = n
    return kept


# -- segment rules ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Reading:
    kind: str
    marker: int  # how many words the opener takes
    rule: str
    relation: str = "root"
    complete: bool = True  # False: an opener whose verbs come in a later segment


SegmentRule = Callable[[list[Word], ClauseWords], Reading | None]
# the readings that take nothing from the words (frozen: one object serves every segment)
_MAIN = Reading("main", 0, "finite-verb")
_CONDITIONAL_V1 = Reading("subordinate", 0, "conditional-v1", "advcl")
_WIE = Reading("wie", 1, "wie-clause", "wie")
_FRAGMENT = Reading("fragment", 0, "no-verb")


def _body(words: list[Word]) -> list[Word]:
    """A verb-final clause without its Nachfeld comparison ("…, daß das Amt schlechter mißt als
    unsere Prüfer"): the words up to the last verb before a trailing "als/wie" phrase."""
    for k in range(len(words) - 1, 0, -1):
        if words[k].cls == "comp" and _finite_candidate(words[k - 1]):
            return words[:k]
    return words


def _verb_final(words: list[Word]) -> bool:
    run = _trailing_verbs(_body(words))
    return any(_finite_candidate(w) for w in run)


def _relative_before_name(words: list[Word], wc: ClauseWords) -> bool:
    """"…, die Scharping anspricht": a d-word before a name in a verb-final segment with no other
    finite verb is a relative pronoun (names seldom take an article)."""
    w = words[0]
    if w.low not in wc.relative or not w.can("rel") or len(words) < 3 or words[1].cls != "name":
        return False
    run = _trailing_verbs(words)
    if not run or any(x.cls == "fin" for x in words[:len(words) - len(run)]):
        return False
    w.retag("rel", wc)
    return True


def relative_clause(words: list[Word], wc: ClauseWords) -> Reading | None:
    """"der …", "mit dem …", "dessen Sohn …" (+ verb-final): a relative clause."""
    k = 1 if words[0].cls in ("prep", "prepart") and len(words) > 1 else 0
    if words[k].cls not in ("rel", "relat") and not (k == 0 and _relative_before_name(words, wc)):
        return None
    return Reading("relative", k + 1, "relative-pronoun", "relcl", _verb_final(words[k + 1:]))


def subordinate_clause(words: list[Word], wc: ClauseWords) -> Reading | None:
    """"dass/ob/weil/wenn …", "als ob …", "so dass …" (+ verb-final)."""
    k = 1 if words[0].low in wc.subordinator_lead and len(words) > 1 and words[1].cls == "sub" else 0
    w = words[k]
    if not (w.cls == "sub" or (w.low in wc.subordinators and w.can("sub"))) or w.low in wc.wie:
        return None
    complete = _verb_final(words[k + 1:])
    if not complete and w.cls != "sub":
        return None
    relation = "ccomp" if w.low in wc.complementizers else "advcl"
    return Reading("subordinate", k + 1, "subordinator", relation, complete)


def wie_clause(words: list[Word], wc: ClauseWords) -> Reading | None:
    """"wie er sagte", "wie es hieß": a comment clause."""
    if words[0].low not in wc.wie or len(words) < 2 or not _verb_final(words[1:]):
        return None
    return _WIE


def indirect_question(words: list[Word], wc: ClauseWords) -> Reading | None:
    """"warum/wer/welche Kandidaten …" + verb-final: an indirect question."""
    if words[0].cls not in ("wh", "whdet") or not _verb_final(words[1:]):
        return None
    k = 1
    if words[0].cls == "whdet":
        while k < len(words) and words[k].cls in (C.ADJ, C.NOUN, C.NAME, C.DET, C.NUM):
            k += 1  # "welche neuen Kandidaten"
    return Reading("question", k, "wh-word", "ccomp")


def infinitive_clause(words: list[Word], wc: ClauseWords) -> Reading | None:
    """"um zu …", "zu kommen", "anzukündigen" without a finite verb before it."""
    for k, w in enumerate(words):
        cls = w.cls
        if cls in ("zu", "izu"):
            opener = words[0].cls == "inf_sub" or (words[0].can("inf_sub") and words[0].cls == "prep")
            return Reading("infinitive", 1 if opener else 0, "zu-infinitive", "advcl" if opener else "xcomp")
        if cls == "fin" or (cls == "pp" and w.can("fin") and not _zu_follows(words, k)):
            return None  # "versucht die Krise zu lösen": a finite verb first
    return None


def _zu_follows(words: list[Word], k: int) -> bool:
    return k + 1 < len(words) and words[k + 1].cls == "zu"


def conditional_v1(words: list[Word], wc: ClauseWords) -> Reading | None:
    """"Sollte er kommen, …": a V1 condition."""
    if words[0].low in wc.conditional_v1 and words[0].cls == "fin":
        return _CONDITIONAL_V1
    return None


def verb_clause(words: list[Word], wc: ClauseWords) -> Reading | None:
    """A finite verb: a V1/V2 clause."""
    if any(_finite_candidate(w) for w in words):
        return _MAIN
    return None


SEGMENT_RULES: tuple[SegmentRule, ...] = (
    relative_clause, subordinate_clause, wie_clause, indirect_question, infinitive_clause,
    verb_clause,
)


def read_segment(seg: Segment, wc: ClauseWords, last: bool) -> Reading:
    for rule in SEGMENT_RULES:
        reading = rule(seg.words, wc)
        if reading is not None:
            if reading.kind == "main" and not last and conditional_v1(seg.words, wc) is not None:
                return _CONDITIONAL_V1
            return reading
    return _FRAGMENT


# -- assembly --------------------------------------------------------------------------------------
_EMBEDDED = EMBEDDED


@dataclass(init=False)
class Assembly:
    wc: ClauseWords
    drafts: list[Draft] = field(default_factory=list)
    main: int | None = None  # the open main clause
    orphans: list[int] = field(default_factory=list)  # subordinate clauses before any main clause
    current: int | None = None  # the clause that took the last segment
    open_final: int | None = None  # a verb-final clause whose verbs are still to come
    last: Reading | None = None  # the reading of the segment before
    after_colon: bool = False

    # written out (init=False): mypyc compiles it, and the object is built natively (@dataclass
    # writes __init__ as interpreted code)
    def __init__(self, wc: ClauseWords, drafts: list[Draft] | None = None, main: int | None = None,
            orphans: list[int] | None = None, current: int | None = None, open_final: int | None = None,
            last: Reading | None = None, after_colon: bool = False) -> None:
        self.wc = wc
        self.drafts = [] if drafts is None else drafts
        self.main = main
        self.orphans = [] if orphans is None else orphans
        self.current = current
        self.open_final = open_final
        self.last = last
        self.after_colon = after_colon


def _starts_with_verb(seg: Segment) -> bool:
    return bool(seg.words) and _finite_candidate(seg.words[0])


def _has_finite(d: Draft) -> bool:
    return any(_finite_candidate(w) for w in d.words[len(d.marker):])


def _attach_orphans(asm: Assembly, to: int) -> None:
    for k in asm.orphans:
        if k != to:
            asm.drafts[k].parent = to
    asm.orphans.clear()


def _new(asm: Assembly, draft: Draft) -> int:
    asm.drafts.append(draft)
    asm.current = len(asm.drafts) - 1
    return asm.current


def _embedded(asm: Assembly, seg: Segment, reading: Reading) -> None:
    """A subordinate, relative, wie or infinitive clause: child of the clause before it."""
    parent = asm.current
    draft = Draft(reading.kind, [], [], reading.rule, relation=reading.relation, coordinated=seg.coordinated)
    draft.add(seg)
    draft.marker = seg.words[:reading.marker]
    draft.parent = parent
    draft.conditional = reading.rule == "conditional-v1"
    if reading.relation == "ccomp" and reading.kind == "subordinate" and parent is not None \
            and _after_noun(asm.drafts[parent], seg, asm.wc):
        draft.relation = "acl"  # "die Gefahr, daß …", "Berichte, daß …": the noun's clause
    k = _new(asm, draft)
    if parent is None:
        asm.orphans.append(k)
    asm.open_final = None if reading.complete else k


def _after_noun(parent: Draft, seg: Segment, wc: ClauseWords) -> bool:
    """Does the segment follow a noun of a clause whose verb takes no complement clause?"""
    before = [w for w in parent.words if w.i < seg.words[0].i]
    if not before or before[-1].cls not in (C.NOUN, C.NAME) or before[-1].i + 2 < seg.words[0].i:
        return False
    verbs = [w for w in parent.words if w.cls in (C.FIN, C.PP, C.INF)]
    return not any(_reporting(v, wc) for v in verbs)


def _coordinated_final(asm: Assembly, seg: Segment) -> bool:
    """"weil er kam und sah", "wenn wenige einziehen und viele scheitern": a coordinated verb-final
    segment after a verb-final clause is a second clause of the same kind."""
    last, k = asm.last, asm.current
    if not seg.coordinated or last is None or last.kind not in _EMBEDDED or k is None or not _verb_final(seg.words):
        return False
    prev = asm.drafts[k]
    if prev.kind not in _EMBEDDED or (len(seg.words) > 1 and _starts_with_verb(seg)):
        return False
    draft = Draft(prev.kind, [], [], prev.rule + "+coordinated", relation="conj", parent=k, coordinated=True)
    draft.add(seg)
    _new(asm, draft)
    return True


def _continue_final(asm: Assembly, seg: Segment) -> bool:
    """"daß die SPD aus den Folgen des Wandels, der Globalisierung, … gezogen hat": a verb-final clause
    cut by a comma goes on in the next segment that is no clause of its own."""
    k = asm.open_final
    if k is None or _opens_final(seg.words, asm.wc) or (_starts_with_verb(seg) and len(seg.words) > 1):
        return False
    d = asm.drafts[k]
    d.add(seg)
    d.rule += "+continued"
    asm.current = k
    if _verb_final(seg.words):
        asm.open_final = None
    return True


def _continue_main(asm: Assembly, seg: Segment) -> bool:
    """"Der Mann, der kam, sagte …", "Die EU-Staaten, die USA und Polen hatten …": a segment with a
    verb completes an open clause that has none yet (not across a colon)."""
    if asm.main is None or seg.coordinated or asm.after_colon:
        return False
    main = asm.drafts[asm.main]
    if _has_finite(main):
        return _enumeration_ends(asm, main, seg)
    main.add(seg)
    main.rule += "+continued"
    asm.current = asm.main
    _attach_orphans(asm, asm.main)
    return True


def _enumeration_ends(asm: Assembly, main: Draft, seg: Segment) -> bool:
    """"werde die Sicherung durch Sanitäter, Pioniere, Transport- und Aufklärungsflugzeuge
    unterstützen": after an enumeration the right bracket of the open clause follows."""
    fins = [w for w in main.words if w.cls == "fin"]
    if len(fins) != 1 or _trailing_verbs(main.words) or _starts_with_verb(seg):
        return False
    run = _trailing_verbs(seg.words)
    if not run or any(w.cls == "fin" and not w.can("inf") and not w.can("pp") for w in run):
        return False
    main.add(seg)
    main.rule += "+enumeration"
    asm.current = asm.main
    return True


def _link_mains(asm: Assembly, k: int, seg: Segment) -> None:
    """How a new V1/V2 clause relates to the main clause before it."""
    new, prev_k, wc = asm.drafts[k], asm.main, asm.wc
    if prev_k is None:
        return
    prev = asm.drafts[prev_k]
    root = asm.drafts[_root_of(asm.drafts, prev_k)]
    if _starts_with_verb(seg) and root.relation == "root" and (seg.after_quote or _reporting_v1(seg, wc)):
        root.relation, root.parent = "ccomp", k  # "„…“, sagte er"; "„… und …“, sagte er"
        new.rule += "+reporting-v1"
        return
    if seg.coordinated:
        new.relation, new.parent = "conj", prev_k  # "und will …"
        new.shares_subject = _starts_with_verb(seg)
        return
    if _starts_with_verb(seg) and not asm.after_colon:
        new.relation, new.parent = "conj", prev_k  # "kann aber … werden": a subject of its own or the one before
        new.rule += "+asyndetic"
        return
    if _reports(prev, wc):
        new.relation, new.parent = "ccomp", prev_k  # "sagte, er komme"
        return
    new.relation, new.parent = "parataxis", prev_k


def _lemma(w: Word) -> str:
    return verb_lemma("de", w.text, w.tag if w.tag[:1] == "V" else "VVFIN")


def _reporting(w: Word, wc: ClauseWords) -> bool:
    return _lemma(w) in wc.complement_verbs


def _reporting_v1(seg: Segment, wc: ClauseWords) -> bool:
    """"…, sagte er", "…, räumt der Mann ein": a reporting verb (with its particle) opens the segment."""
    lemma = _lemma(seg.words[0])
    last = seg.words[-1]
    if last.cls == "part" and last.low + lemma in wc.complement_verbs:
        return True
    return lemma in wc.complement_verbs


def _root_of(drafts: list[Draft], k: int) -> int:
    """The clause a conjunct chain hangs from ("„Ich gebe … ab und bekomme …“": "gebe")."""
    steps = 0
    while drafts[k].relation == "conj" and drafts[k].parent is not None and steps < len(drafts):
        k, steps = drafts[k].parent or 0, steps + 1
    return k


def _reports(d: Draft, wc: ClauseWords) -> bool:
    """Does the clause end on a reporting verb ("sagte", "teilte … mit", "hat … angekündigt")?"""
    verbs = [w for w in d.words if w.cls in ("fin", "pp", "inf", "part")]
    if not verbs or d.words[-1] is not verbs[-1]:
        return False
    head = next((w for w in verbs if w.cls in ("pp", "inf")), verbs[0])
    last = verbs[-1]
    if last.cls == "part" and head.cls == "fin":
        return last.low + _lemma(head) in wc.complement_verbs
    return _reporting(head, wc)


def _main(asm: Assembly, seg: Segment) -> None:
    if _continue_main(asm, seg):
        return
    draft = Draft("main", [], [], "v2-clause", coordinated=seg.coordinated)
    draft.add(seg)
    k = _new(asm, draft)
    _link_mains(asm, k, seg)
    _attach_orphans(asm, k)
    asm.main = k


def _fragment(asm: Assembly, seg: Segment) -> None:
    if asm.main is None or asm.after_colon:
        asm.main = _new(asm, Draft("main", [], [], "v2-clause"))
        _attach_orphans(asm, asm.main)
    asm.drafts[asm.main].add(seg)
    asm.current = asm.main


def _place(asm: Assembly, seg: Segment, reading: Reading) -> None:
    if _continue_final(asm, seg) or _coordinated_final(asm, seg):
        return
    if reading.kind == "main":
        _main(asm, seg)
    elif reading.kind == "fragment":
        _fragment(asm, seg)
    else:
        _embedded(asm, seg, reading)


def assemble(segments: list[Segment], wc: ClauseWords) -> list[Draft]:
    asm = Assembly(wc)
    for n, seg in enumerate(segments):
        reading = read_segment(seg, wc, n == len(segments) - 1)
        _place(asm, seg, reading)
        asm.last = reading
        asm.after_colon = seg.end in (":", ";")
    return asm.drafts


# -- fields ----------------------------------------------------------------------------------------
def _right_bracket(words: list[Word], start: int) -> tuple[int, int]:
    """(first, end) of the last run of bracket verbs after ``start`` ((len, len) when there is none)."""
    end = len(words)
    k = end - 1
    while k >= start and not _bracket_verb(words[k]):
        k -= 1
    if k < start:
        return end, end
    stop = k + 1
    while k >= start and _bracket_verb(words[k]):
        k -= 1
    return k + 1, stop


def _bracket_verb(w: Word) -> bool:
    return w.cls in _VERBAL or (w.cls == "fin" and w.can("inf"))


def _main_fields(d: Draft, wc: ClauseWords) -> None:
    ws = d.words
    fin = next((w for w in ws if w.cls == "fin"), None) or next((w for w in ws if _finite_candidate(w)), None)
    if fin is None:
        return
    fin.retag("fin", wc)
    at = ws.index(fin)
    d.fin, d.vorfeld = fin, ws[:at]
    first, stop = _right_bracket(ws, at + 1)
    d.mittelfeld, d.right, d.nachfeld = ws[at + 1:first], ws[first:stop], ws[stop:]


def _final_fields(d: Draft, wc: ClauseWords) -> None:
    ws = _body(d.words[len(d.marker):])
    d.nachfeld = d.words[len(d.marker) + len(ws):]
    run = _trailing_verbs(ws)
    cut = len(ws) - len(run)
    fins = [w for w in run if w.cls == "fin"] or [w for w in run if _finite_candidate(w)]
    if d.kind != "infinitive" and fins:
        d.fin = fins[-1]
        d.fin.retag("fin", wc)
    if d.kind == "infinitive" and not run:
        first, stop = _right_bracket(ws, 0)
        d.mittelfeld, d.right, d.nachfeld = ws[:first], ws[first:stop], ws[stop:]
        return
    d.mittelfeld, d.right = ws[:cut], [w for w in run if w is not d.fin]


def fields_of(d: Draft, wc: ClauseWords) -> None:
    """Fill the draft's finite verb and fields: V1/V2 for a main clause (and a V1 condition or a
    coordinated clause without an opener), verb-final for the rest. The verbs of the right bracket
    other than the finite one read as infinitives where they can ("zu tun haben")."""
    if d.kind == "main" or (d.kind == "subordinate" and not d.marker):
        _main_fields(d, wc)
    else:
        _final_fields(d, wc)
    for w in d.right:
        if w.cls == "fin" and w.can("inf"):
            w.retag("inf", wc)


def clauses_de(words: list[Word], wc: ClauseWords) -> list[Draft]:
    """The clauses of one German sentence with their fields (arguments come later)."""
    segments = segments_of(words, wc)
    drafts = assemble(segments, wc)
    for d in drafts:
        fields_of(d, wc)
    for k in range(len(drafts)):
        _split_infinitive(drafts, k, wc)
    if words and words[-1].text == "?":
        for d in drafts:
            if d.kind == "main" and d.relation in ("root", "conj"):
                d.question = True
    for d in drafts:
        if d.kind == "relative" and d.marker:
            d.antecedent = _antecedent(words, d.marker[0].i)
    return keep_clauses(drafts, lambda d: d.fin is not None or (d.kind == "infinitive" and bool(d.right)))


def _split_infinitive(drafts: list[Draft], k: int, wc: ClauseWords) -> None:
    """"versucht zu kommen", "will nichts damit zu tun haben": a zu-infinitive in the right bracket
    under another verb is a clause of its own (xcomp); not "ist zu erwarten"."""
    d = drafts[k]
    right = d.right
    at = next((n for n, w in enumerate(right) if w.cls in ("zu", "izu")), None)
    if at is None or d.kind == "infinitive":
        return
    stop = at + 2 if right[at].cls == "zu" and at + 1 < len(right) else at + 1
    part = right[at:stop]
    governed = stop < len(right) or (d.fin is not None and wc.verb_roles.get(_lemma(d.fin)) != "sein")
    if not governed:
        return
    d.right = right[:at] + right[stop:]
    child = Draft("infinitive", list(part), [0] * len(part), "zu-infinitive+in-bracket", relation="xcomp", parent=k)
    child.right = list(part)
    drafts.append(child)


def _antecedent(words: list[Word], at: int) -> Word | None:
    """The noun a relative clause attaches to: the last noun before the comma that opens it."""
    for w in reversed(words[:at]):
        if w.cls in ("noun", "name", "pron"):
            return w
        if w.cls in ("fin", "conj"):
            return None
    return None
