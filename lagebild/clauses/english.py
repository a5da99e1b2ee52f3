"""English clauses by verb groups.

A verb group is a finite verb with the auxiliaries' verbs after it ("had not been held", "will
need"); each group anchors one clause, and "to" + infinitive anchors an infinitive clause. Clauses
open at a subordinator ("because", "if"), a complementizer "that", a relative pronoun after a noun
("who", "which", "that"), a wh-word; a comma closes a finished embedded clause. A group that comes
when the open clause already has one starts a new clause (``NEW_CLAUSE_RULES``): after a
coordinator (sharing the subject when nothing stands between), after a reporting verb ("said he
would"), or as a reporting clause after a comma ("…," he said), which takes the clause before it
as its complement. Arguments: the subject is the noun phrase before the group (the relative
pronoun when none; the phrase after an inverted auxiliary in a question; after "there is" the
phrase after the verb), objects the phrases after it (two phrases: the first is the indirect
object), "by" + phrase the agent of a passive, other prepositional phrases frames.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lagebild.clauses.arguments import Slot
from lagebild.clauses.build import clause_record
from lagebild.clauses.classes import EMBEDDED, C
from lagebild.clauses.draft import Draft, keep_clauses
from lagebild.clauses.model import Clause
from lagebild.clauses.phrases import Phrase, chunk
from lagebild.clauses.tagging import Word, verb_lemma
from lagebild.clauses.words import ClauseWords

__all__ = ["analyse_en", "drafts_en"]

_VERBS = frozenset({"inf", "pp", "ger"})
_AUX_TAGS = ("VB", "VH", "VD", "VM")
_INVERTED_SUBJECT = 4  # words of the subject of a reporting clause ("said the prime minister")
_OBJECT_REACH = 4  # words between a reporting verb and "whether/if/what" ("told the committee whether")


def _is_aux(w: Word, wc: ClauseWords) -> bool:
    return w.tag[:2] in _AUX_TAGS or (w.cls in ("fin", "inf", "pp", "ger") and
                                      wc.verb_roles.get(verb_lemma("en", w.text, w.tag)) == "get")


def verb_group(ws: list[Word], i: int, wc: ClauseWords) -> int:
    """End (exclusive) of the verb group that starts with the finite verb at ``i``."""
    end = i + 1
    j = i + 1
    last = ws[i]
    while j < len(ws):
        w = ws[j]
        if w.cls in ("neg", "adv") and j + 1 < len(ws):
            j += 1
            continue
        if w.cls in _VERBS and _is_aux(last, wc):
            end, last = j + 1, w
            j += 1
            continue
        break
    return end


# -- the open-clause stack ------------------------------------------------------------------------
@dataclass
class State:
    words: list[Word]
    wc: ClauseWords
    drafts: list[Draft] = field(default_factory=list)
    stack: list[int] = field(default_factory=list)
    seg: int = 0  # boundaries seen so far
    conj: int | None = None  # position of a coordinator not yet used

    @property
    def top(self) -> Draft:
        return self.drafts[self.stack[-1]]

    def push(self, d: Draft) -> None:
        self.drafts.append(d)
        self.stack.append(len(self.drafts) - 1)

    def add(self, w: Word) -> None:
        self.top.words.append(w)
        self.top.segs.append(self.seg)


def _after_noun(ws: list[Word], i: int) -> bool:
    """Right after a noun (or a noun and a comma: "The strategy, which …")."""
    j = i - 1 if i > 0 and ws[i - 1].text != "," else i - 2
    return j >= 0 and ws[j].cls in ("noun", "name", "pron")


def _opener(st: State, i: int) -> tuple[str, str, str] | None:
    """(kind, relation, rule) of a clause the word at ``i`` opens, or None."""
    ws, wc = st.words, st.wc
    w = ws[i]
    if w.low in wc.relative and w.cls in ("wh", "comp_that", "rel") and _after_noun(ws, i):
        return "relative", "relcl", "relative-pronoun"
    if w.cls == "comp_that":
        return "subordinate", "ccomp", "that-clause"
    if w.cls == "sub" and w.low in wc.wie and i + 1 < len(ws) and ws[i + 1].cls in ("pron", "name", "noun"):
        return "wie", "wie", "as-clause"
    if w.cls == "sub":
        relation = "ccomp" if w.low in wc.complementizers and _after_complement_verb(st, i) else "advcl"
        return "subordinate", relation, "subordinator"
    if w.cls == "wh" and not (i == 0 and ws[-1].text == "?"):
        if _after_noun(ws, i):
            return "relative", "relcl", "relative-wh"
        if _after_complement_verb(st, i) or (i > 0 and ws[i - 1].cls == "prep"):
            return "question", "ccomp", "wh-word"
        return "subordinate", "advcl", "wh-adverbial"
    return None


def _after_complement_verb(st: State, i: int) -> bool:
    """Does the word at ``i`` follow the open clause's verb (a reporting or knowing verb), at most
    with an object between ("told him whether", "asked if")?"""
    top = st.top
    if not top.group or top.group[-1].i >= i or i - top.group[-1].i > _OBJECT_REACH:
        return False
    head = top.group[-1]
    between = st.words[head.i + 1:i]
    return verb_lemma("en", head.text, head.tag) in st.wc.complement_verbs and \
        all(w.cls in (C.PRON, C.NOUN, C.NAME, C.DET, C.ADJ, C.ADV, C.BOUND) for w in between)


def _open(st: State, i: int, reading: tuple[str, str, str]) -> None:
    kind, relation, rule = reading
    w = st.words[i]
    d = Draft(kind, [], [], rule, marker=[w], relation=relation, parent=st.stack[-1])
    if kind == "relative":
        d.antecedent = st.words[i - 1]
    if kind == "relative" and w.cls == "comp_that":
        w.cls = "rel"
    if w.cls in ("wh", "rel"):
        d.words.append(w)
        d.segs.append(st.seg)
    st.push(d)


_EMBEDDED = EMBEDDED


def _close_finished(st: State) -> None:
    """Close the embedded clauses that have their verb (a main clause stays open)."""
    while len(st.stack) > 1 and st.top.group and st.top.kind in _EMBEDDED:
        st.stack.pop()


# -- a group when the open clause has one: which new clause ----------------------------------------
NewClauseRule = Callable[[State, int], bool]


def _split(st: State, d: Draft, at: int) -> list[Word]:
    """Move the words of ``d`` from sentence position ``at`` on out of it."""
    keep = [k for k, w in enumerate(d.words) if w.i < at]
    moved = [w for w in d.words if w.i >= at]
    d.words, d.segs = [d.words[k] for k in keep], [d.segs[k] for k in keep]
    return moved


def _new_clause(st: State, rule: str, relation: str, parent: int | None, moved: list[Word]) -> Draft:
    d = Draft("main", list(moved), [st.seg] * len(moved), rule, relation=relation, parent=parent)
    return d


def coordinated(st: State, i: int) -> bool:
    """"… and said", "… but she stayed": a coordinator before the group."""
    if st.conj is None or st.conj < st.top.group[-1].i:
        return False
    parent = st.stack[-1]
    moved = _split(st, st.top, st.conj + 1)
    d = _new_clause(st, "coordinated-clause", "conj", parent, moved)
    d.coordinated, d.shares_subject = True, not moved
    st.drafts.append(d)
    st.stack[-1] = len(st.drafts) - 1
    return True


def _root_of(st: State, k: int) -> int:
    seen = 0
    while st.drafts[k].relation != "root" and st.drafts[k].parent is not None and seen < len(st.drafts):
        k, seen = st.drafts[k].parent or 0, seen + 1
    return k


def _ends_clause(ws: list[Word], end: int) -> bool:
    """After a reporting verb's group: the end, a boundary, or a short phrase before one ("…, said the
    minister.")."""
    k = end
    while k < len(ws) and k - end <= _INVERTED_SUBJECT and ws[k].cls in (C.DET, C.ADJ, C.NOUN, C.NAME, C.PRON, C.NUM):
        k += 1
    return k >= len(ws) or ws[k].cls in ("bound", "punct")


def reporting_after_comma(st: State, i: int) -> bool:
    """"…," he said / "…," said the minister: a reporting verb after a comma, with nothing after it,
    takes the sentence's clause before it as its complement."""
    top, wc = st.top, st.wc
    w = st.words[i]
    if st.seg <= top.group_seg or verb_lemma("en", w.text, w.tag) not in wc.complement_verbs:
        return False
    if not _ends_clause(st.words, verb_group(st.words, i, wc)):
        return False
    moved = [x for x, s in zip(top.words, top.segs, strict=True) if s == st.seg]
    if len(moved) > _INVERTED_SUBJECT or any(x.cls in ("fin", "inf", "pp", "ger") for x in moved):
        return False
    _split(st, top, moved[0].i if moved else i)
    st.drafts.append(_new_clause(st, "reporting-clause", "root", None, moved))
    new = len(st.drafts) - 1
    root = st.drafts[_root_of(st, st.stack[-1])]
    if root.relation == "root" and root is not st.drafts[new]:
        root.relation, root.parent = "ccomp", new
    st.stack = [new]
    return True


def complement_without_that(st: State, i: int) -> bool:
    """"said he would come": after a reporting verb, the phrase before the new group is its subject."""
    top, wc = st.top, st.wc
    head = top.group[-1]
    if verb_lemma("en", head.text, head.tag) not in wc.complement_verbs:
        return False
    after = [w for w in top.words if w.i > head.i]
    if not after or any(w.cls == "prep" for w in after):
        return False
    d = _new_clause(st, "complement-clause", "ccomp", st.stack[-1], _split(st, top, _last_phrase_start(after)))
    st.push(d)
    return True


def next_clause(st: State, i: int) -> bool:
    """Any other group: a new clause after the last phrase, side by side with the open one."""
    top = st.top
    after = [w for w in top.words if w.i > top.group[-1].i]
    start = _last_phrase_start(after) if after else i
    d = _new_clause(st, "next-clause", "parataxis", st.stack[-1], _split(st, top, start))
    st.drafts.append(d)
    st.stack[-1] = len(st.drafts) - 1  # a clause beside the open one takes its place
    return True


def _last_phrase_start(words: list[Word]) -> int:
    """Where the noun phrase at the end of ``words`` starts (adverbs after it skipped)."""
    k = len(words) - 1
    while k > 0 and words[k].cls in ("adv", "neg"):
        k -= 1
    while k > 0 and words[k - 1].cls in (C.DET, C.ADJ, C.NUM, C.NOUN, C.NAME, C.POSS) \
            and words[k - 1].i == words[k].i - 1:
        k -= 1
    return words[k].i


NEW_CLAUSE_RULES: tuple[NewClauseRule, ...] = (reporting_after_comma, complement_without_that, next_clause)


def _group(st: State, i: int) -> int:
    end = verb_group(st.words, i, st.wc)
    if st.top.group and not coordinated(st, i):
        _close_finished(st)
        if st.top.group:
            for rule in NEW_CLAUSE_RULES:
                if rule(st, i):
                    break
    st.top.group = st.words[i:end]
    st.top.group_seg = st.seg
    st.top.fin = st.words[i]
    st.conj = None
    return end


def _infinitive(st: State, i: int) -> int:
    """"to" + infinitive: an infinitive clause under the open one."""
    end = verb_group(st.words, i + 1, st.wc) if i + 1 < len(st.words) else i + 1
    top = st.top
    right_after = bool(top.group) and all(w.cls in ("adv", "neg") for w in st.words[top.group[-1].i + 1:i])
    relation = "xcomp" if right_after else "advcl"
    d = Draft("infinitive", [], [], "to-infinitive", marker=[st.words[i]], relation=relation, parent=st.stack[-1])
    d.group = st.words[i + 1:end]
    st.push(d)
    return end


def drafts_en(words: list[Word], wc: ClauseWords) -> list[Draft]:
    st = State(words, wc)
    st.push(Draft("main", [], [], "clause"))
    i = 0
    while i < len(words):
        w = words[i]
        reading = _opener(st, i)
        if reading is not None:
            _open(st, i, reading)
            i += 1
        elif w.cls == "fin":
            i = _group(st, i)
        elif w.cls == "zu" and i + 1 < len(words) and words[i + 1].cls == "inf":
            i = _infinitive(st, i)
        else:
            _token(st, i)
            i += 1
    return st.drafts


def _token(st: State, i: int) -> None:
    w = st.words[i]
    if w.cls == "bound":
        st.seg += 1
        if w.text != "," or st.top.kind != "main":
            _close_finished(st)
        elif st.top.kind == "main" and st.top.group:
            pass
        return
    if w.cls == "punct":
        return
    if w.cls == "conj":
        st.conj = i
        if st.top.group and st.top.kind != "main":
            _close_finished(st)
    st.add(w)


# -- arguments -------------------------------------------------------------------------------------
def _fields(d: Draft) -> None:
    if not d.group:
        return
    first, last = d.group[0].i, d.group[-1].i
    d.vorfeld = [w for w in d.words if w.i < first and w not in d.marker]
    d.mittelfeld = [w for w in d.words if w.i > last]
    d.right = d.group[1:] if d.fin is not None else d.group


SubjectRule = Callable[[Draft, list[Phrase], list[Phrase], ClauseWords], tuple[Phrase, str] | None]


def existential_there(d: Draft, before: list[Phrase], after: list[Phrase], wc: ClauseWords) -> tuple[Phrase, str] | None:
    """"there is a problem": the phrase after "be" is the subject (UD's reading)."""
    if not before or before[-1].head.tag != "EX0" or not after or after[0].prep is not None:
        return None
    if not d.group or before[-1].last.i + 1 != d.group[0].i:
        return None
    if not any(wc.verb_roles.get(verb_lemma("en", w.text, w.tag)) == "be" for w in d.group):
        return None
    return after[0], "existential-there"


def _adjacent(a: Phrase, b: Phrase, ws_between: int) -> bool:
    return b.first.i - a.last.i - 1 <= ws_between


def preverbal(d: Draft, before: list[Phrase], after: list[Phrase], wc: ClauseWords) -> tuple[Phrase, str] | None:
    """The noun phrase that the verb's left neighbours lead back to: from the phrase right before the
    verb (adverbs between allowed) back over its prepositional phrases ("My opinion piece on the
    implications of … for al-Qaeda has") and appositions ("Masoud Shojai, head of …, said") to the
    noun phrase they hang on; the relative pronoun when no other phrase precedes the verb."""
    if not before or not d.group:
        return None
    marker = d.marker[0] if d.marker else None
    k = len(before) - 1
    gap = d.group[0].i - before[k].last.i - 1
    if gap > sum(1 for w in d.vorfeld if w.cls in ("adv", "neg") and w.i > before[k].last.i):
        return _nearest_np(before, marker)
    while k > 0 and (before[k].prep is not None or before[k].apposition) and _adjacent(before[k - 1], before[k], 1):
        k -= 1
    p = before[k]
    if p.prep is not None:
        return _nearest_np(before, marker)
    rule = "relative-pronoun-subject" if marker is not None and p.first is marker else "preverbal-np"
    return p, rule


def _nearest_np(before: list[Phrase], marker: Word | None) -> tuple[Phrase, str] | None:
    nps = [p for p in before if p.prep is None and not p.apposition]
    if not nps:
        return None
    p = nps[-1]
    return p, "relative-pronoun-subject" if marker is not None and p.first is marker else "preverbal-np-nearest"


def inverted(d: Draft, before: list[Phrase], after: list[Phrase], wc: ClauseWords) -> tuple[Phrase, str] | None:
    """"Did he go?", "What has she said?": the phrase right after an inverted auxiliary."""
    if not (d.question or (d.fin is not None and d.fin.i == 0)) or not after or d.fin is None:
        return None
    if any(p.head.cls != "wh" for p in before if p.prep is None):
        return None
    if after[0].first.i == d.fin.i + 1 and after[0].prep is None:
        return after[0], "inverted-subject"
    return None


SUBJECT_RULES: tuple[SubjectRule, ...] = (existential_there, inverted, preverbal)


def _objects(d: Draft, nps: list[Phrase], copula: bool, passive: bool) -> list[Slot]:
    if not nps or passive:
        return []
    if copula:
        return [Slot("predicate", nps[0], "copula-predicate")]
    if len(nps) > 1 and nps[1].first.i == nps[0].last.i + 1:
        return [Slot("dative", nps[0], "double-object"), Slot("object", nps[1], "double-object")]
    return [Slot("object", nps[0], "postverbal-np")]


def arguments_en(d: Draft, copula: bool, passive: bool, wc: ClauseWords) -> list[Slot]:
    segs = dict(zip((w.i for w in d.words), d.segs, strict=True))
    pre = d.marker + d.vorfeld if d.marker and d.marker[0] in d.words else d.vorfeld
    before = chunk(pre, wc, [segs.get(w.i, d.group_seg) for w in pre])
    after = chunk(d.mittelfeld, wc, [segs.get(w.i, d.group_seg) for w in d.mittelfeld])
    slots: list[Slot] = []
    subject = None
    for rule in SUBJECT_RULES:
        found = rule(d, before, after, wc)
        if found is not None:
            subject = found[0]
            slots.append(Slot("subject", found[0], found[1]))
            break
    nps = [p for p in after if p.prep is None and p is not subject]
    if d.kind == "relative" and d.marker and subject is not None and subject.first is not d.marker[0]:
        marker_np = next((p for p in before if p.first is d.marker[0] and p.prep is None), None)
        if marker_np is not None and not nps:
            slots.append(Slot("object", marker_np, "relative-pronoun-object"))
    slots.extend(_objects(d, nps, copula, passive))
    agent = passive
    for p in [*before, *after]:
        if p.prep is None:
            continue
        if agent and p.prep in wc.agent_prepositions:
            slots.append(Slot("agent", p, "passive-by-agent"))
            agent = False
        else:
            slots.append(Slot("frame", p, "preposition+np"))
    return slots


# -- verb facts ------------------------------------------------------------------------------------
@dataclass
class GroupFacts:
    head: Word | None
    lemma: str
    passive: bool
    copula: bool
    tense: str | None
    mood: str
    modal: str | None
    rule: str


def _lemma(w: Word) -> str:
    return verb_lemma("en", w.text, w.tag)


def group_facts(d: Draft, wc: ClauseWords) -> GroupFacts:
    verbs = [w for w in d.group if w.cls in ("fin", "inf", "pp", "ger")]
    head = verbs[-1] if verbs else None
    lemmas = [_lemma(w) for w in verbs]
    roles = [wc.verb_roles.get(lem, "") for lem in lemmas]
    passive = any(r in ("be", "get") and k + 1 < len(verbs) and verbs[k + 1].cls == "pp"
                  for k, r in enumerate(roles))
    perfect = any(r == "have" and k + 1 < len(verbs) and verbs[k + 1].cls == "pp" for k, r in enumerate(roles))
    lemma = lemmas[-1] if lemmas else ""
    copula = head is not None and lemma in wc.copulas and not passive and (len(verbs) == 1 or roles[-1] == "be")
    fin = d.fin
    modal = fin.low if fin is not None and fin.tag == "VM0" else None
    tense, rule = _tense(fin, modal, perfect, wc)
    mood = "subjunctive2" if modal in wc.hypothetical_modals else "indicative"
    if fin is not None and fin.i == 0 and d.kind == "main" and not d.question and fin.tag in ("VVB", "VVI"):
        mood = "imperative"
    return GroupFacts(head, lemma, passive, copula, tense, mood, modal, rule)


def _tense(fin: Word | None, modal: str | None, perfect: bool, wc: ClauseWords) -> tuple[str | None, str]:
    if fin is None:
        return None, ""
    past = fin.tag in ("VVD", "VBD", "VHD", "VDD") or (modal is not None and modal in wc.past_modals)
    if modal is not None and modal in wc.future_modals:
        return ("future_perfect" if perfect else "future"), "will-future"
    if perfect:
        return ("pluperfect" if past else "perfect"), "have-perfect"
    return ("past" if past else "present"), "finite"


def analyse_en(words: list[Word], sentence: int, text: str, wc: ClauseWords) -> list[Clause]:
    drafts = keep_clauses(drafts_en(words, wc), lambda d: bool(d.group))
    if words and words[-1].text == "?":
        for d in drafts:
            d.question = d.kind == "main"
    out: list[Clause] = []
    done: list[list[Slot]] = []
    for d in drafts:
        _fields(d)
        facts = group_facts(d, wc)
        slots = arguments_en(d, facts.copula, facts.passive, wc)
        if d.shares_subject and d.parent is not None and d.parent < len(done) \
                and not any(s.role == "subject" for s in slots):
            subject = next((s for s in done[d.parent] if s.role == "subject"), None)
            if subject is not None:
                slots.insert(0, Slot("subject", subject.phrase, "coordination-shared-subject", shared=True))
        done.append(slots)
        clause = clause_record(d, sentence, slots, text, wc)
        clause.head = facts.head.token if facts.head is not None else None
        clause.verbs = [w.token for w in d.group]
        clause.lemma, clause.modal, clause.tense, clause.mood = facts.lemma, facts.modal, facts.tense, facts.mood
        clause.voice = "passive" if facts.passive else "active"
        clause.conditional = clause.conditional or (d.fin is not None and d.fin.i == 0 and d.fin.low in wc.conditional_v1
                                                    and not d.question)
        clause.rule = f"{clause.rule}/{facts.rule}" if facts.rule else clause.rule
        out.append(clause)
    return out
