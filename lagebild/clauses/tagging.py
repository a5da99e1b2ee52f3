"""Part-of-speech tags for the clause rules: HanTa's tags per word form, cached, then small named
context rules.

Tagging a sentence with HanTa's Viterbi search (``Morphology.tag``) costs about 0.2 ms a word (the
unknown-word analysis and the search itself, neither cached across sentences); it would cost more
than the rest of the pipeline together. So each form is looked up once (``tag_word``: the tags
HanTa finds possible for the form, best first, cached per form) and the few ambiguities the
clause rules care about are settled by context rules over those candidates: "zu" before an
infinitive, a d-word after a comma (relative pronoun) or before a verb (demonstrative), a
preposition at the end of a clause (separable particle), a possessive before a noun, English
"to" + verb, noun/verb after a determiner or a pronoun, participle after "have"/"be". Whether an
"-en" verb is finite or an infinitive is decided later, by its place in the clause. A German form
outside HanTa's lexicon is read without HanTa's search over its morphemes (``unknown.py``: the
shipped table of HanTa's own analyses, noun-or-name lookups, endings).
``mode="viterbi"`` uses HanTa's sentence tagger instead (for comparison in the benchmark).

Tags are HanTa's with parentheses dropped: STTS for German ("VVFIN"), CLAWS5 for English ("VVD").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from lagebild.clauses.classes import C
from lagebild.clauses.unknown import plain_tag as _plain
from lagebild.clauses.unknown import unknown_tags
from lagebild.clauses.words import ClauseWords, clause_words
from lagebild.language.morphology import hanta_lexicon, morphology
from lagebild.language.wordtags import word_tags

__all__ = ["Word", "tag_words", "verb_lemma"]

_CUTOFF = 5.0  # log-probability distance from the best tag within which HanTa lists a tag
_MARK = 3  # longest opening mark ("``", "...")
_NOMINAL = frozenset({C.NOUN, C.NAME, C.ADJ, C.NUM, C.DET, C.TRUNC, C.WHDET})
_PHRASE_WORDS = frozenset({C.DET, C.ADJ, C.NOUN, C.NAME, C.NUM, C.POSS})
_OPENERS = frozenset({C.BOUND, C.SUB, C.COMP_THAT, C.WH, C.REL, C.CONJ})
_ARTICLE_TAGS = frozenset({"ART", "PPOSAT", "PDAT"})  # determiners that cannot follow an article


@dataclass(init=False, slots=True, eq=False)
class Word:
    """One token of a sentence as the clause rules see it. Two words are equal only when they are one
    object: a sentence's words differ in position anyway, and ``ws.index(w)`` or ``w in ws`` then need
    no field-by-field comparison."""

    i: int  # position in the sentence
    token: int  # index in doc.tokens
    text: str
    low: str
    tag: str
    cls: str
    cands: frozenset[str]  # every class the form can have
    tags: tuple[str, ...]  # HanTa's candidate tags, best first (parentheses dropped)
    start: int
    end: int

    # written out (init=False): mypyc compiles it, and the object is built natively (@dataclass
    # writes __init__ as interpreted code)
    def __init__(self, i: int, token: int, text: str, low: str, tag: str, cls: str, cands: frozenset[str],
            tags: tuple[str, ...], start: int, end: int) -> None:
        self.i = i
        self.token = token
        self.text = text
        self.low = low
        self.tag = tag
        self.cls = cls
        self.cands = cands
        self.tags = tags
        self.start = start
        self.end = end

    def can(self, cls: str) -> bool:
        return cls in self.cands

    def retag(self, cls: str, wc: ClauseWords) -> None:
        """Take the first candidate tag of class ``cls`` (or keep the tag when there is none)."""
        for tag in self.tags:
            if wc.word_class(tag) == cls:
                self.tag, self.cls = tag, cls
                return


@lru_cache(maxsize=200_000)
def candidate_tags(language: str, form: str, first: bool) -> tuple[str, ...]:
    """HanTa's possible tags of ``form``, best first (case-insensitive for a sentence's first word)."""
    if language == "de":
        guessed = unknown_tags(form, first)  # a form outside HanTa's lexicon: no morpheme search
        if guessed:
            return guessed
    tags = hanta_lexicon(language).tag_word(form, casesensitive=not first)  # HanTa's lexicon, no HanTa
    if tags is None:
        tags = morphology(language).tagger.tag_word(form, cutoff=_CUTOFF, casesensitive=not first)
    return tuple(_plain(t) for t, _ in tags) or ("XY",)


@lru_cache(maxsize=50_000)
def verb_lemma(language: str, form: str, tag: str) -> str:
    """The infinitive of a verb form as HanTa reads it with this tag ("kündigte" -> "kündigen")."""
    hanta_tag = f"{tag[:2]}({tag[2:]})" if language == "de" and tag[:1] == "V" else tag
    known = word_tags(form) if language == "de" else None
    lemma = dict(known.lemmas).get(hanta_tag) if known is not None else None
    if lemma is None:
        lemma = morphology(language).tagger.analyze(form, pos=hanta_tag, taglevel=1)[0]
    return str(lemma).lower()


Lexical = tuple[str, str, str, frozenset[str], tuple[str, ...]]  # lower form, tag, class, classes, tags


def _lexical(text: str, tags: Sequence[str], wc: ClauseWords, first: bool) -> Lexical:
    if wc.language == "de" and not first and text[:1].isupper():
        # a capitalised German word inside a sentence is no verb ("die Beschäftigten werden")
        nominal = [t for t in tags if not t.startswith("V")]
        tags = nominal or tags
    top = tags[0]
    return text.lower(), top, wc.word_class(top), frozenset(wc.word_class(t) for t in tags), tuple(tags)


def lexical(language: str, text: str, first: bool) -> Lexical:
    """Everything the rules start from for one form: HanTa's candidates read as classes."""
    return _lexical(text, candidate_tags(language, text, first), clause_words(language), first)


def _viterbi_tags(language: str, texts: list[str]) -> list[tuple[str, ...]]:
    tagger = morphology(language).tagger
    best = tagger.tag_sent(texts, taglevel=0)
    out = []
    for i, (text, tag) in enumerate(zip(texts, best, strict=True)):
        tags = candidate_tags(language, text, i == 0)
        top = _plain(tag)
        out.append((top, *(t for t in tags if t != top)))
    return out


# -- context rules -----------------------------------------------------------------------------
Rule = Callable[[list[Word], int, ClauseWords], str | None]


def _next(ws: list[Word], i: int) -> Word | None:
    return ws[i + 1] if i + 1 < len(ws) else None


def _prev(ws: list[Word], i: int) -> Word | None:
    return ws[i - 1] if i > 0 else None


def zu_infinitive(ws: list[Word], i: int, wc: ClauseWords) -> str | None:
    """German "zu" + infinitive ("zu kommen"), "to" + verb ("to go"): the particle and the infinitive."""
    w, nxt = ws[i], _next(ws, i)
    if not w.can("zu") or nxt is None or w.cls == "zu" and not nxt.can("inf"):
        return None
    if nxt.can("inf") and not (nxt.cls in ("noun", "name") and wc.language == "de"):
        nxt.retag("inf", wc)
        return "zu"
    return "prep" if w.can("prep") else None


def relative_after_comma(ws: list[Word], i: int, wc: ClauseWords) -> str | None:
    """A d-word after a comma (or comma + preposition) and not before a noun: a relative pronoun."""
    w = ws[i]
    if not (w.can("rel") or w.can("relat")) or w.low not in wc.relative or i == 0:
        return None
    before = ws[i - 1]
    if before.cls == "prep" and i > 1:
        before = ws[i - 2]
    if before.text != ",":
        return None
    nxt = _next(ws, i)
    if w.can("relat") and nxt is not None and nxt.cls in ("noun", "name", "adj"):
        return "relat"
    if nxt is not None and nxt.cls in _NOMINAL and nxt.tag not in _ARTICLE_TAGS:
        return None  # "…, die Regierung": an article; "…, die ihre Vorteile": a relative pronoun
    return "rel" if w.can("rel") else None


def demonstrative_before_verb(ws: list[Word], i: int, wc: ClauseWords) -> str | None:
    """German "das ist", "die wollen": a d-word tagged article before a verb is a pronoun."""
    w, nxt = ws[i], _next(ws, i)
    if w.cls != "det" or not w.can("pron") or nxt is None:
        return None
    if nxt.cls in ("fin", "bound") or (nxt.cls in ("adv", "neg") and not _nominal_after(ws, i + 1)):
        return "pron"
    return None


def _nominal_after(ws: list[Word], i: int) -> bool:
    j = i + 1
    while j < len(ws) and ws[j].cls in ("adv", "adj", "num"):
        if ws[j].cls in ("adj", "num"):
            return True
        j += 1
    return j < len(ws) and ws[j].cls in ("noun", "name")


def particle_at_clause_end(ws: list[Word], i: int, wc: ClauseWords) -> str | None:
    """A preposition right before a comma, colon or the end of the sentence is a separable particle
    ("kündigte … an.")."""
    w, nxt = ws[i], _next(ws, i)
    if not w.can("part") or w.low not in wc.particles or w.cls == "part":
        return None
    if nxt is None or nxt.cls == "bound" or (nxt.cls == "punct" and nxt.text not in "(["):
        return "part"
    return None


def determiner_before_noun(ws: list[Word], i: int, wc: ClauseWords) -> str | None:
    """"sein Sohn": a word that can be a determiner before a noun or adjective is one."""
    w, nxt = ws[i], _next(ws, i)
    if w.cls == "det" or not w.can("det") or nxt is None or w.cls not in ("inf", "pron", "fin"):
        return None
    return "det" if nxt.cls in ("noun", "name", "adj") and nxt.text[:1].isupper() == (wc.language == "de") \
        else None


def noun_after_determiner(ws: list[Word], i: int, wc: ClauseWords) -> str | None:
    """English "the need", "their plans": a noun/verb form after a determiner or adjective is a noun."""
    w, prev = ws[i], _prev(ws, i)
    if prev is None or w.cls in ("noun", "name") or not w.can("noun"):
        return None
    return "noun" if prev.cls in ("det", "adj", "poss", "num") else None


def _back(ws: list[Word], i: int) -> int:
    """The position before ``i`` skipping adverbs and negation (-1 at the start)."""
    j = i - 1
    while j >= 0 and ws[j].cls in ("neg", "adv"):
        j -= 1
    return j


def verb_after_subject(ws: list[Word], i: int, wc: ClauseWords) -> str | None:
    """English "he plans", "I highly doubt", "Xinhua reports that": a noun/verb form after a subject
    pronoun, or after a noun and before a word that starts a verb's complement, is a finite verb."""
    w, nxt = ws[i], _next(ws, i)
    j = _back(ws, i)
    if j < 0 or w.cls == "fin" or not w.can("fin") or w.cls not in ("noun", "name", "adj", "sub"):
        return None
    prev = ws[j]
    if prev.cls == "pron" and prev.low in wc.subject_pronouns:
        return "fin"
    if prev.cls not in ("noun", "name"):
        return None
    if nxt is not None and nxt.cls in (C.DET, C.ZU, C.COMP_THAT, C.PRON, C.WH):
        return "fin"
    return "fin" if _opened_without_verb(ws, j, i) else None


def _opened_without_verb(ws: list[Word], j: int, i: int) -> bool:
    """"If Russia attacks, …": the noun phrase ending at ``j`` opens the sentence or follows a
    subordinator, and no finite verb follows ``i`` before the next boundary."""
    k = j
    while k >= 0 and ws[k].cls in _PHRASE_WORDS:
        k -= 1
    if k >= 0 and ws[k].cls not in ("sub", "comp_that", "bound"):
        return False
    for w in ws[i + 1:]:
        if w.cls == "bound":
            break
        if w.cls == "fin":
            return False
    return True


def _auxiliary(w: Word) -> bool:
    return w.cls == "zu" or w.tag == "VM0" or w.tag[:2] == "VD"


def base_form(ws: list[Word], i: int, wc: ClauseWords) -> str | None:
    """English base form: an infinitive after "to", a modal or "do" ("will need", "did you see"),
    else finite ("they make mistakes", "Go ahead")."""
    w = ws[i]
    if w.cls != "inf" or not w.can("fin"):
        return None
    j = _back(ws, i)
    if j >= 0 and (_auxiliary(ws[j]) or ws[j].cls in (C.FIN, C.INF, C.PP, C.GER, C.CONJ, C.PREP)):
        return None
    k = j
    while k >= 0 and ws[k].cls in (C.PRON, C.NOUN, C.NAME, C.DET, C.ADJ, C.NUM):
        k -= 1
    if k >= 0 and k != j and _auxiliary(ws[k]):
        return None  # "Did you see": an inverted auxiliary
    return "fin"


def past_after_subject(ws: list[Word], i: int, wc: ClauseWords) -> str | None:
    """English "Bush nominated two individuals": a participle form right after the subject is the
    past tense (not before "by": "customers attracted by")."""
    w, nxt = ws[i], _next(ws, i)
    if w.cls not in ("pp", "adj") or "VVD" not in w.tags or (nxt is not None and nxt.low in wc.agent_prepositions):
        return None
    j = _back(ws, i)
    if j >= 0 and ws[j].low in wc.relative and ws[j].cls in ("wh", "comp_that"):
        return "fin"  # "the man who called"
    if j < 0 or ws[j].cls not in ("pron", "noun", "name"):
        return None
    if ws[j].cls == "pron" and ws[j].low not in wc.subject_pronouns:
        return None
    return None if _finite_before(ws, j) and w.cls == "pp" else "fin"  # "a guy named Joe": a participle after a verb


def _finite_before(ws: list[Word], j: int) -> bool:
    """Is there a finite verb between the last boundary, opener or coordinator and ``j``?"""
    for k in range(j, -1, -1):
        cls = ws[k].cls
        if cls == "fin":
            return True
        if cls in _OPENERS:
            return False
    return False


def participle_after_determiner(ws: list[Word], i: int, wc: ClauseWords) -> str | None:
    """English "the continued colonization", "that blessed lack": a past form between a determiner and
    its noun is an adjective."""
    w, nxt = ws[i], _next(ws, i)
    if w.tag not in ("VVD", "VVN") or i == 0 or ws[i - 1].cls not in ("det", "poss") or nxt is None:
        return None
    if nxt.cls not in ("noun", "adj", "name", "bound"):
        return None
    w.tag, w.cls = "AJ0", "adj"
    return "adj"


def clitic_verb(ws: list[Word], i: int, wc: ClauseWords) -> str | None:
    """English "it's", "there's", "that's": the clitic after a pronoun is "is"/"has"."""
    w = ws[i]
    if w.cls != "poss" or not w.can("fin") or i == 0:
        return None
    return "fin" if ws[i - 1].cls in ("pron", "wh", "comp_that", "det") else None


def infinitive_after_modal(ws: list[Word], i: int, wc: ClauseWords) -> str | None:
    """English "will need", "can't say", "did not go": the verb after a modal or "do" is an infinitive."""
    w = ws[i]
    if not w.can("inf") or w.cls == "inf":
        return None
    j = i - 1
    while j >= 0 and ws[j].cls in ("neg", "adv"):
        j -= 1
    if j < 0 or not (ws[j].tag == "VM0" or ws[j].tag in ("VDZ", "VDD", "VDB")):
        return None
    return "inf"


def participle_after_auxiliary(ws: list[Word], i: int, wc: ClauseWords) -> str | None:
    """English "has held", "was said": a past form after "have" or "be" is a participle."""
    w = ws[i]
    if not w.can("pp") or w.cls == "pp":
        return None
    j = i - 1
    while j >= 0 and ws[j].cls in ("neg", "adv"):
        j -= 1
    if j < 0 or ws[j].tag[:2] not in ("VH", "VB") or ws[j].cls not in ("fin", "inf", "pp", "ger"):
        return None
    return "pp"


GERMAN_RULES: tuple[tuple[str, Rule], ...] = (
    ("zu-infinitive", zu_infinitive),
    ("relative-after-comma", relative_after_comma),
    ("demonstrative-before-verb", demonstrative_before_verb),
    ("particle-at-clause-end", particle_at_clause_end),
    ("determiner-before-noun", determiner_before_noun),
)
ENGLISH_RULES: tuple[tuple[str, Rule], ...] = (
    ("to-infinitive", zu_infinitive),
    ("noun-after-determiner", noun_after_determiner),
    ("verb-after-subject", verb_after_subject),
    ("participle-after-determiner", participle_after_determiner),
    ("base-form", base_form),
    ("past-after-subject", past_after_subject),
    ("clitic-verb", clitic_verb),
    ("infinitive-after-modal", infinitive_after_modal),
    ("participle-after-auxiliary", participle_after_auxiliary),
    ("particle-at-clause-end", particle_at_clause_end),
)


# The classes a word must be able to have for a rule to settle it: each rule's first test (a word
# without any of them gets None from the rule, before the rule changes anything), so the rule is not
# called for it. A rule missing here is called for every ambiguous word.
_NEEDS: dict[Rule, frozenset[str]] = {
    zu_infinitive: frozenset({C.ZU}),
    relative_after_comma: frozenset({C.REL, C.RELAT}),
    demonstrative_before_verb: frozenset({C.DET}),
    particle_at_clause_end: frozenset({C.PART}),
    determiner_before_noun: frozenset({C.DET}),
    noun_after_determiner: frozenset({C.NOUN}),
    verb_after_subject: frozenset({C.FIN}),
    base_form: frozenset({C.FIN}),
    past_after_subject: frozenset({C.PP, C.ADJ}),
    clitic_verb: frozenset({C.FIN}),
    infinitive_after_modal: frozenset({C.INF}),
    participle_after_auxiliary: frozenset({C.PP}),
}
_ANY: frozenset[str] = frozenset(C)


@lru_cache(maxsize=4096)
def _rules_for(language: str, cands: frozenset[str]) -> tuple[Rule, ...]:
    """The context rules, in order, that can settle a word with these classes: none for a word with
    one class, else those whose needed classes it can have. Cached per set of classes (a few hundred
    sets occur), so a word costs one lookup instead of a test per rule."""
    if len(cands) < 2:
        return ()
    rules = GERMAN_RULES if language == "de" else ENGLISH_RULES
    return tuple(rule for _name, rule in rules if not _NEEDS.get(rule, _ANY).isdisjoint(cands))


# What a form starts from, and the context rules that can settle it, per language and per place
# (inside a sentence, first word): a plain dictionary by form, because a cached function with three
# arguments cost about a microsecond a word in the hashing of its key (a fifth of the tagging)
Entry = tuple[str, str, str, frozenset[str], tuple[str, ...], tuple["Rule", ...]]
_ENTRIES_MAX = 100_000  # forms per dictionary; full, it starts again (keyed by input words)
_entries: dict[tuple[str, bool], dict[str, Entry]] = {}


def _entry(language: str, text: str, first: bool) -> Entry:
    """The cached reading of one form (computed on its first occurrence)."""
    memo = _entries.setdefault((language, first), {})
    hit = memo.get(text)
    if hit is None:
        low, tag, cls, cands, tags = lexical(language, text, first)
        hit = (low, tag, cls, cands, tags, _rules_for(language, cands))
        if len(memo) >= _ENTRIES_MAX:
            memo.clear()
        memo[text] = hit
    return hit


def tag_words(texts: list[str], tokens: list[int], spans: list[tuple[int, int]], language: str,
              mode: str = "lexical") -> list[Word]:
    """The sentence's words with tags: per-form candidates and the context rules (``mode="lexical"``,
    the default), or HanTa's sentence tagger (``mode="viterbi"``)."""
    if not texts:
        return []
    wc = clause_words(language)
    lang = wc.language
    # the first word, and one after an opening mark, reads case-insensitively; a mark is short
    firsts = [len(prev) <= _MARK and _opening_mark(prev) for prev in texts[:-1]]  # the word after each
    firsts.insert(0, True)
    if mode == "viterbi":
        lex = [_lexical(t, tags, wc, f) for t, tags, f in zip(texts, _viterbi_tags(lang, texts), firsts, strict=True)]
        return [Word(i, tok, t, low, tag, cls, cands, tags, s, e)
                for i, (t, tok, (s, e), (low, tag, cls, cands, tags))
                in enumerate(zip(texts, tokens, spans, lex, strict=True))]
    inside = _entries.setdefault((lang, False), {})
    ws: list[Word] = []
    ruled: list[tuple[int, tuple[Rule, ...]]] = []  # the words some rule can settle
    for i, (t, tok, (s, e), first) in enumerate(zip(texts, tokens, spans, firsts, strict=True)):
        entry = None if first else inside.get(t)
        if entry is None:
            entry = _entry(lang, t, first)
        low, tag, cls, cands, tags, rules = entry
        ws.append(Word(i, tok, t, low, tag, cls, cands, tags, s, e))
        if rules:
            ruled.append((i, rules))
    for i, rules in ruled:  # a rule changes tags, never the classes a word can have
        w = ws[i]
        for rule in rules:
            settled = rule(ws, i, wc)
            if settled is not None:  # the first rule that decides settles the word
                if settled != w.cls:
                    w.retag(settled, wc)
                break
    return ws


@lru_cache(maxsize=4096)
def _opening_mark(prev: str) -> bool:
    """Is ``prev`` (at most three characters) an opening quotation mark, bracket or colon, after which
    a word reads case-insensitively too? Cached per form: short tokens are few."""
    return prev != "," and not any(c.isalnum() for c in prev)
