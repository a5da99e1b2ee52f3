"""Cues: reporting verbs (with their clause and speaker phrase) and source markers per sentence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lagebild.lexicon import words
from lagebild.speech.classify import has_finite
from lagebild.speech.grammar import (
    ADVERBS,
    AUXILIARIES,
    BOUNDARIES,
    COORDINATORS,
    DETERMINERS,
    GENITIVE_ARTICLES,
    PASSIVE_AUX,
    PREPOSITIONS,
    QUOTE_MARKS,
    SUBJECT_PRONOUNS,
    SUBORDINATORS,
    is_cap_word,
    is_nominative_start,
    np_forward,
)
from lagebild.speech.konjunktiv import is_konjunktiv1
from lagebild.speech.lexicon import Form, Lexicon, Verb, word_set


@dataclass(init=False)
class Cue:
    """A reporting verb or marker in a sentence; indices are into the sentence's word list."""

    kind: str  # verb | laut | zufolge | angaben | so | heisst_es
    tok: int  # the cue word
    tok_end: int  # exclusive
    clause: tuple[int, int]  # the cue's clause [start, end)
    verb: Verb | None = None
    speaker: tuple[int, int] | None = None  # speaker phrase
    inverted: bool = False  # the clause begins with the cue ("…, sagte X")
    subordinate: str | None = None  # the subordinator of the cue clause ("wie", "dass")
    addressee: tuple[int, int] | None = None
    passive: bool = False
    actor: str | None = None  # a speaker known without a phrase ("hieß es" -> the issuing body)
    reported: bool = False  # the cue's finite verb is Konjunktiv I: the cue is itself reported content
    finite: int | None = None  # the finite verb of the cue's clause (word index), where found
    rule: str = ""  # the cue rule that found it (``CUE_RULES``), for provenance

    # written out (init=False): mypyc compiles it, and the object is built natively (@dataclass
    # writes __init__ as interpreted code)
    def __init__(self, kind: str, tok: int, tok_end: int, clause: tuple[int, int], verb: Verb | None = None,
            speaker: tuple[int, int] | None = None, inverted: bool = False, subordinate: str | None = None,
            addressee: tuple[int, int] | None = None, passive: bool = False, actor: str | None = None,
            reported: bool = False, finite: int | None = None, rule: str = "") -> None:
        self.kind = kind
        self.tok = tok
        self.tok_end = tok_end
        self.clause = clause
        self.verb = verb
        self.speaker = speaker
        self.inverted = inverted
        self.subordinate = subordinate
        self.addressee = addressee
        self.passive = passive
        self.actor = actor
        self.reported = reported
        self.finite = finite
        self.rule = rule


_WORDS_VERB = Verb(key="worte", lemma="mit den Worten")


def clause_bounds(words: list[str], i: int, quoted: list[bool]) -> tuple[int, int]:
    """The clause around word ``i``: between boundary punctuation outside quotes; a parenthesis
    before the word is part of the clause ("X (Y, Z) sagte")."""
    s = i
    while s > 0:
        prev = words[s - 1]
        if prev == ")" and not quoted[s - 1]:
            depth, j = 0, s - 1
            while j >= 0:
                depth += words[j] == ")"
                depth -= words[j] == "("
                if depth == 0:
                    break
                j -= 1
            s = max(j, 0)
            continue
        if prev in BOUNDARIES and not quoted[s - 1]:
            break
        if prev in QUOTE_MARKS and s > 1 and words[s - 2] in _QUOTE_COMMA:
            break  # '"…," Putin said': the quote's own comma closes it off
        s -= 1
    return s, _clause_end(words, i, quoted)


def _clause_end(words: list[str], i: int, quoted: list[bool]) -> int:
    e = i + 1
    n = len(words)
    while e < n and not ((words[e] in BOUNDARIES or words[e] == ".") and not quoted[e]):
        e += 1
    return e


_EN_NOT_NP = word_set("speech_grammar", "not_np_words")
_EN_AUX = word_set("speech_grammar", "subject_verb_fillers")
_POSTMODIFIER_HEADS = word_set("speech_grammar", "postmodifier_heads")
_RELATIVE_PRONOUNS = word_set("speech_grammar", "relative_pronouns")
_SOURCE_PREPOSITIONS = word_set("speech_grammar", "source_prepositions")
_DOCUMENT_SOURCE = word_set("speech_sources", "document_source_prepositions")
_PLACE_PREPOSITIONS = word_set("speech_sources", "place_prepositions")
_EN_NOUN_DETERMINERS = word_set("speech_grammar", "noun_determiners")
_EN_ARTICLES = words("function_words", "en.articles")
_EN_POSSESSIVES = words("function_words", "en.possessives")
_QUOTE_COMMA = frozenset(",?!")  # a quote's own comma or mark before its closing quotation mark
_DASHES = frozenset(",–—-")
_PHRASE_END = frozenset(",.?!)")


def _skip_postmodifiers(words: list[str], k: int, limit: int) -> int:
    """Skip "von der Behörde X", "(NEMA)", "des Ministeriums" after a noun phrase."""
    while k < limit:
        w = words[k].lower()
        if w == "(":
            depth, j = 0, k
            while j < limit:
                depth += words[j] == "("
                depth -= words[j] == ")"
                j += 1
                if depth == 0:
                    break
            k = j
            continue
        if w in _POSTMODIFIER_HEADS:
            np = np_forward(words, k + 1, limit) if w not in GENITIVE_ARTICLES else np_forward(words, k, limit)
            if np is None:
                return k
            k = np[1]
            continue
        return k
    return k


# -- the subject of a cue clause: small named rules, tried in order --------------------------------------
@dataclass(frozen=True)
class SubjectArgs:
    """The clause [cs, ce) whose finite verb is ``finite``; ``start`` is the first word after quotation
    marks and adverbs."""

    words: list[str]
    cs: int
    finite: int
    ce: int
    start: int
    lang: str


SubjectHit = tuple[tuple[int, int] | None, bool]


def _after_subordinator(a: SubjectArgs) -> SubjectHit | None:
    """"dass X sagte", "wie X mitteilte": the phrase after the subordinator."""
    words, start, finite = a.words, a.start, a.finite
    if not (start < finite and words[start].lower() in SUBORDINATORS):
        return None
    np = np_forward(words, start + 1, finite)
    if np is None and start + 2 < finite and words[start + 1].lower() == "aus":
        np = np_forward(words, start + 2, finite)  # "wie aus Regierungskreisen verlautete"
        return (np, False) if np else (None, False)
    if a.lang == "en" and np and np[1] < finite and finite - np[0] <= 6 and is_cap_word(words[finite - 1]) \
            and all(w.isalpha() or "-" in w or "." in w for w in words[np[1]:finite]):
        np = (np[0], finite)  # "while Pentagon spokesman Pat Ryder said": the whole phrase up to the verb
    return (np, False) if np and is_nominative_start(words[np[0]]) else (None, False)


def _before_verb(a: SubjectArgs) -> SubjectHit | None:
    """Main clause: a phrase before the finite verb that ends right at it (adverbs may follow it)."""
    words, start, finite = a.words, a.start, a.finite
    if start >= finite:
        return None
    np = np_forward(words, start, finite, first_in_sentence=start == 0)
    if not np:
        return None
    k = _skip_postmodifiers(words, np[1], finite)
    while k < finite and (words[k].lower() in ADVERBS or words[k].lower() in _EN_AUX):
        k += 1
    return (np, False) if k == finite and is_nominative_start(words[np[0]]) else None


def _shared_subject(a: SubjectArgs) -> SubjectHit | None:
    """"Selenskyj verschiebt die Reise und stellt klar, …": the subject both verbs share."""
    words, start, finite = a.words, a.start, a.finite
    if not (start < finite and words[finite - 1].lower() in COORDINATORS):
        return None
    np = np_forward(words, start, finite, first_in_sentence=start == 0)
    if np and is_nominative_start(words[np[0]]) and np[1] < finite - 1 and words[np[1]][:1].islower():
        return np, False
    return None


def _apposition(a: SubjectArgs) -> SubjectHit | None:
    appo = _apposition_subject(a.words, a.cs, a.finite) if a.start == a.finite else None
    return (appo, False) if appo is not None else None


def _inverted(a: SubjectArgs) -> SubjectHit | None:
    """The phrase right after the finite verb ("sagte Merz", "hatte Blinken gesagt")."""
    words, ce = a.words, a.ce
    j = a.finite + 1
    while j < ce and (words[j].lower() in ADVERBS or words[j].lower() in ("sich", "es", "dazu", "damit")):
        j += 1
    np = np_forward(words, j, ce)
    if np and is_nominative_start(words[np[0]]) and not (
            a.lang == "en" and (np[1] - np[0] == 1 and words[np[0]].lower() in SUBJECT_PRONOUNS or np[1] < ce - 2)):
        # English inverts only "…, said Foreign Minister X." (a name ending the clause), never "think he"
        return np, True
    return None


def _verb_final(a: SubjectArgs) -> SubjectHit | None:
    """"…, auf den ihn die Europäer loben": the first nominative phrase before a clause-final verb."""
    words, start, finite = a.words, a.start, a.finite
    if not (finite == a.ce - 1 and start < finite):
        return None
    k = start
    while k < finite:
        if words[k].lower() in PREPOSITIONS:
            np = np_forward(words, k + 1, finite)
            k = np[1] if np else k + 1
            continue
        np = np_forward(words, k, finite, first_in_sentence=k == 0)
        if np and is_nominative_start(words[np[0]]):
            # "…, ließ Kremlsprecher Peskow wissen": a clause opened by its auxiliary is inverted
            return np, words[start].lower() in AUXILIARIES
        k += 1
    return None


def _english_phrase(a: SubjectArgs) -> SubjectHit | None:
    """"The foreign minister said", "Germany's chancellor-in-waiting Friedrich Merz wrote"; after a
    subordinator only the phrase after it; "officials said"."""
    words, start, finite = a.words, a.start, a.finite
    if a.lang != "en" or start >= finite:
        return None
    sub = max((k for k in range(start, finite) if words[k].lower() in SUBORDINATORS), default=None)
    s0 = sub + 1 if sub is not None else start
    if s0 < finite and finite - s0 <= 8 and (words[s0].lower() in _EN_ARTICLES or is_cap_word(words[s0])) \
            and not any(w in (",", ";", ":") or w.lower() in _EN_NOT_NP for w in words[s0:finite]):
        return (s0, finite), False
    if finite <= start + 3 and all(w.isalpha() and w.islower() for w in words[start:finite]):
        return (start, finite), False
    return None


SUBJECT_RULES: tuple[tuple[str, Callable[[SubjectArgs], SubjectHit | None]], ...] = (
    ("after-subordinator", _after_subordinator),
    ("before-verb", _before_verb),
    ("shared-subject", _shared_subject),
    ("apposition", _apposition),
    ("inverted", _inverted),
    ("verb-final", _verb_final),
    ("english-phrase", _english_phrase),
)


def _subject(words: list[str], cs: int, finite: int, ce: int, lang: str = "de") -> SubjectHit:
    """Speaker phrase of the clause [cs, ce) whose finite verb is ``finite``; (span, inverted)."""
    start = cs
    while start < finite and (words[start] in QUOTE_MARKS or words[start].lower() in ADVERBS):
        start += 1
    args = SubjectArgs(words, cs, finite, ce, start, lang)
    for _name, rule in SUBJECT_RULES:
        hit = rule(args)
        if hit is not None:
            return hit
    return None, start == finite


def _apposition_subject(words: list[str], cs: int, finite: int) -> tuple[int, int] | None:
    """"X, Sprecher der Y, sagte …": the sentence-initial phrase before comma-separated appositions."""
    if cs < 2 or words[cs - 1] != ",":
        return None
    # the phrase opens the sentence or follows a colon ("Aus Moskau kam die Drohung: Der Botschafter, X, sagte")
    s0 = max((k + 1 for k in range(cs) if words[k] == ":"), default=0)
    while s0 < cs and words[s0].lower() in ADVERBS:
        s0 += 1
    np = np_forward(words, s0, cs, first_in_sentence=s0 == 0)
    if np and np[1] < cs - 1 and _skip_postmodifiers(words, np[1], cs) < cs - 1 \
            and words[_skip_postmodifiers(words, np[1], cs)] == "," \
            and cs - np[1] <= 16 and is_nominative_start(words[np[0]]):
        between = words[np[1]:cs]
        relative = len(between) > 1 and between[1].lower() in _RELATIVE_PRONOUNS \
            and between.count(",") == 2
        if relative or not has_finite([w for w in between if w[:1].islower()]):
            k = _skip_postmodifiers(words, np[1], cs)
            name = words[k + 1:cs - 1]
            if 1 <= len(name) <= 4 and all(is_cap_word(w) and w.lower() not in DETERMINERS for w in name) \
                    and words[np[0]].lower() in DETERMINERS:
                # "Der russische Botschafter in Berlin, Sergej Netschajew, sagte": the named person speaks
                return k + 1, cs - 1
            return np  # appositions ("der polnische Außenminister") or one relative clause, no other clause
    return None


# -- cue rules: small named objects, tried in order for each trigger word -------------------------------
class CueScan:
    """One sentence being scanned for cues: its words (outside quotes), the lexicon, the cues so far."""

    def __init__(self, words: list[str], quoted: list[bool], lex: Lexicon) -> None:
        self.words = words
        self.quoted = quoted
        self.lex = lex
        self.lows = [w.lower() for w in words]
        self.n = len(words)
        self.cues: list[Cue] = []

    def bounds(self, i: int) -> tuple[int, int]:
        return clause_bounds(self.words, i, self.quoted)


# a rule answers None (not its word: try the next rule), [] (its word, no cue) or [cue]
RuleResult = list[Cue] | None


@dataclass(frozen=True)
class CueRule:
    """A named way to recognise a cue at word ``i``; the name goes into the quote's provenance."""

    name: str
    match: Callable[[CueScan, int], RuleResult]

    def __call__(self, scan: CueScan, i: int) -> RuleResult:
        found = self.match(scan, i)
        for cue in found or ():
            cue.rule = cue.rule or self.name
        return found


def _source_before(scan: CueScan, i: int) -> RuleResult:
    """"laut X", "according to X": the source phrase after the marker."""
    lows, n, lex = scan.lows, scan.n, scan.lex
    low = lows[i]
    pair = f"{low} {lows[i + 1]}" if i + 1 < n else ""
    if low not in lex.before_source and pair not in lex.before_source:
        return None
    j = i + (2 if pair in lex.before_source else 1)
    np = np_forward(scan.words, j, n)
    if lex.language == "en":
        # "according to a report by the Press Trust of India", "… the Tasnim news agency": the whole
        # phrase up to the next boundary (English names and nouns do not follow German capitals)
        end = next((k for k in range(j, min(n, j + 12)) if scan.words[k] in BOUNDARIES
                    or scan.words[k] in ".;" or scan.quoted[k]), None)
        np = (j, end) if end is not None and end > max(j, np[1] if np else j) else np
    return [Cue("laut", i, j, scan.bounds(i), speaker=np)] if np else []


def _source_after(scan: CueScan, i: int) -> RuleResult:
    """"X zufolge": the phrase right before the marker."""
    words, lows = scan.words, scan.lows
    if lows[i] not in scan.lex.after_source or i == 0:
        return None
    s = i - 1
    while s > 0 and words[s - 1] not in BOUNDARIES and lows[s - 1] not in PREPOSITIONS and i - s < 8:
        s -= 1
    np = np_forward(words, s, i)
    if not np or np[1] != i:
        return []
    if np[0] >= 2 and lows[np[0] - 1] in _PLACE_PREPOSITIONS:
        # "Regierungskreisen in Jerusalem zufolge": the source is the phrase before "in <place>"
        before = next((x for t in range(np[0] - 2, max(-1, np[0] - 8), -1)
                       if words[t] not in BOUNDARIES and (x := np_forward(words, t, np[0] - 1)) and x[1] == np[0] - 1),
                      None)
        np = (before[0], i) if before else np
    return [Cue("zufolge", i, i + 1, scan.bounds(i), speaker=np)]


def _source_phrase(scan: CueScan, i: int) -> RuleResult:
    """"nach Angaben X", "nach Angaben aus Regierungskreisen": a fixed source phrase."""
    words, lows, n = scan.words, scan.lows, scan.n
    for phrase in scan.lex.phrases:
        if tuple(lows[i:i + len(phrase)]) != tuple(p.lower() for p in phrase):
            continue
        j = i + len(phrase)
        if j < n and lows[j] in _SOURCE_PREPOSITIONS:
            j += 1  # "nach Angaben aus Regierungskreisen": the source after the preposition
        np = np_forward(words, j, n) if j < n else None
        if np is None and j < n and lows[j - 1] in GENITIVE_ARTICLES:
            np = np_forward(words, j - 1, n)
        return [Cue("angaben", i, j, scan.bounds(i), speaker=np)] if np else None
    return None


def _nach_source(scan: CueScan, i: int) -> RuleResult:
    """"nach US-Angaben", "nach Berichten der Zeitung": "nach" + a source noun."""
    lex, words, n = scan.lex, scan.words, scan.n
    if scan.lows[i] != "nach" or not lex.nach_nouns or i + 1 >= n or any(c.tok == i for c in scan.cues):
        return None
    np = np_forward(words, i + 1, n)
    if np and any(words[k] in lex.nach_nouns or words[k].rsplit("-", 1)[-1] in lex.nach_nouns
                  or words[k].lower().endswith(("angaben", "berichten"))
                  for k in range(np[0], min(np[1], np[0] + 4))):
        return [Cue("angaben", i, i + 1, scan.bounds(i), speaker=np)]
    return None


def _anaphoric(scan: CueScan, i: int) -> RuleResult:
    """"Demnach …": the source is the one just named."""
    return [Cue("anaphoric", i, i + 1, scan.bounds(i))] if scan.lows[i] in scan.lex.anaphoric else None


def _with_the_words(scan: CueScan, i: int) -> RuleResult:
    """"X schloss sich mit den Worten an: „…“": the clause's subject speaks."""
    lows, words = scan.lows, scan.words
    if lows[i] != "worten" or i < 2 or lows[i - 2] != "mit" or any(
            c.kind == "verb" and c.clause[0] <= i < c.clause[1] for c in scan.cues):
        return None
    cs, ce = scan.bounds(i)
    np0 = np_forward(words, cs, i, first_in_sentence=cs == 0)
    if np0 is not None and is_nominative_start(words[np0[0]]):
        return [Cue("verb", i, i + 1, (cs, ce), verb=_WORDS_VERB, speaker=np0)]
    return []


def _so_source(scan: CueScan, i: int) -> RuleResult:
    """"…, so Tusk." / "… – so die Zeitung"; not "– so wollen die USA …" (an adverb before a verb)."""
    words, lows, n = scan.words, scan.lows, scan.n
    if lows[i] not in scan.lex.so_markers or i == 0 or words[i - 1] not in _DASHES or i + 1 >= n or (
            words[i + 1][:1].islower() and lows[i + 1] not in DETERMINERS and has_finite([words[i + 1]])):
        return None
    np = np_forward(words, i + 1, n)
    if np and (np[1] >= n - 1 or words[np[1]] in _PHRASE_END or words[np[1]] in QUOTE_MARKS):
        return [Cue("so", i, i + 1, scan.bounds(i), speaker=np, inverted=True)]
    return None


def _form_fits(scan: CueScan, i: int, form: Form, cs: int, ce: int, clause_lows: set[str]) -> bool:
    """Do the clause's words allow this verb form (particle, required and excluded words, reflexive)?"""
    lows, lex, v = scan.lows, scan.lex, form.verb
    if form.needs_particle and form.kind == "participle":
        if not (i > 0 and lows[i - 1] == form.particle):
            return False
    elif form.needs_particle and not any(
            x == form.particle or (x.startswith("dar") and x.endswith(form.particle))  # "wies daraufhin"
            for x in lows[i + 1:ce]) and not (i > 0 and lows[i - 1] == form.particle):  # "wie … bekannt gab"
        return False
    if v.with_words and not clause_lows.intersection(x.lower() for x in v.with_words):
        return False
    if v.without_words and clause_lows.intersection(v.without_words):
        return False
    if v.refl and not clause_lows.intersection(lex.reflexives):
        return False
    if lows[i] in v.not_forms or (v.adjacent and not any(a in lows[max(cs, i - 1):i + 2] for a in v.adjacent)):
        return False  # "heiße es" (Konjunktiv I) is itself reported speech; "heißt" needs "es" next to it
    return not (lows[i] in v.homographs and i + 1 < scan.n and is_cap_word(scan.words[i + 1]))  # "meinen Freund"


def _choose_form(scan: CueScan, i: int, forms: list[Form], cs: int, ce: int) -> Form | None:
    """The verb form of word ``i`` that fits its clause; one with its particle present wins."""
    lows = scan.lows
    clause_lows = set(lows[cs:ce])
    chosen = None
    for form in forms:
        if not _form_fits(scan, i, form, cs, ce, clause_lows):
            continue
        if chosen is None or (form.needs_particle and not chosen.needs_particle) or \
                (form.particle and form.particle in lows[i + 1:ce] and not chosen.particle):
            chosen = form
    if chosen is not None and chosen.kind == "finite" and any(
            f.kind in ("participle", "infinitive") and f.verb == chosen.verb for f in forms) and any(
            lows[k] in AUXILIARIES for k in range(cs, i)):
        # "hat … formuliert", "hat … verlauten lassen": the auxiliary is the finite verb
        chosen = next(f for f in forms if f.kind in ("participle", "infinitive") and f.verb == chosen.verb)
    return chosen


def _finite_of(scan: CueScan, i: int, form: Form, cs: int, ce: int) -> int | None:
    """The finite verb of the cue's clause: the cue itself, its auxiliary, or (zu-infinitive) the verb
    after the clause-initial subject; None when a non-finite form has none."""
    if form.kind not in ("participle", "infinitive"):
        return i
    lows = scan.lows
    aux = [k for k in range(cs, i) if lows[k] in AUXILIARIES and not scan.quoted[k]]
    if aux:
        return aux[0]
    if i + 1 < ce and lows[i + 1] in AUXILIARIES:
        return i + 1  # verb-final clause: "nachdem sie es mitgeteilt hatte"
    if form.kind == "infinitive" and i > cs and lows[i - 1] == "zu":
        # "X beeilte sich zu erklären, …": the verb after the clause-initial subject is finite
        np0 = np_forward(scan.words, cs, i, first_in_sentence=cs == 0)
        if np0 is None or np0[1] >= i - 1:
            return None
        return _skip_postmodifiers(scan.words, np0[1], i)
    return None


def _not_a_verb(scan: CueScan, i: int) -> RuleResult:
    """A participle used as an adjective ("seine erklärten Ziele"); an English noun ("a warning", "the
    claim"), except "his claim that …" whose possessor is the clause's subject."""
    words, lows, n = scan.words, scan.lows, scan.n
    if i > 0 and lows[i - 1] in DETERMINERS and i + 1 < n and is_cap_word(words[i + 1]):
        return []
    if scan.lex.language != "en" or i == 0 or lows[i - 1] not in _EN_NOUN_DETERMINERS:
        return None
    if lows[i - 1] in _EN_POSSESSIVES and i + 1 < n and lows[i + 1] == "that":
        np0 = _en_subject(words, lows, i, scan.quoted)
        forms = scan.lex.lookup(words[i])
        if np0 is not None and forms:
            return [Cue("verb", i, i + 1, scan.bounds(i), verb=forms[0].verb, speaker=np0, rule="possessive-claim")]
    return []


def _english_ing(scan: CueScan, i: int, verb: Verb, ce: int) -> RuleResult:
    """"Zelenskyy pushed back, pointing out that …" / ", adding that …": the sentence's subject."""
    if scan.lex.language != "en" or not scan.lows[i].endswith("ing") or i <= 1 or scan.words[i - 1] != ",":
        return None
    earlier = next((c.speaker for c in reversed(scan.cues) if c.kind == "verb" and c.speaker), None)
    np0 = earlier or _en_subject(scan.words, scan.lows, i, scan.quoted)
    return [Cue("verb", i, i + 1, (i, ce), verb=verb, speaker=np0, rule="participle-clause")] if np0 else []


def _document_cue(scan: CueScan, i: int, verb: Verb, cs: int, ce: int) -> RuleResult:
    """"In der Erklärung heißt es, …" / "…, hieß es in einer Mitteilung": the document is the source."""
    if verb.speaker != "document":
        return None
    src = None
    for k in range(cs, ce - 1):
        if scan.lows[k] in _DOCUMENT_SOURCE and k != i and not scan.quoted[k]:
            src = np_forward(scan.words, k + 1, ce)  # "Aus Diplomatenkreisen hieß es, …": the source itself
            if src:
                return [Cue("heisst_es", i, i + 1, (cs, ce), verb=verb, speaker=src, inverted=cs == i,
                            rule="document-source")]
        if scan.lows[k] in ("in", "im") and k != i:
            src = np_forward(scan.words, k + 1, ce)
            if src:
                break
    return [Cue("heisst_es", i, i + 1, (cs, ce), verb=verb, speaker=src, inverted=cs == i, rule="document")]


def _verb_speaker(scan: CueScan, i: int, finite: int, verb: Verb, passive: bool, cs: int, ce: int) -> SubjectHit:
    """The speaker phrase of a reporting verb: its subject, an object that is quoted ("zitiert den
    Minister"), or the agent of a passive ("wurde von X … bezeichnet")."""
    words, lows, lex = scan.words, scan.lows, scan.lex
    speaker, inverted = _subject(words, cs, finite, ce, lex.language)
    if lex.language == "de" and speaker is not None and not inverted and speaker[1] <= finite == i:
        speaker, inverted = _object_first(words, speaker, finite, ce, lex)
    if lex.language == "de" and finite + 1 < ce and lows[finite + 1] in ("er", "wir", "ich") and (
            speaker is None or speaker[0] < finite):
        # "Die Delegation nannte er eine »Attrappe«": a nominative pronoun after the verb is the subject
        speaker, inverted = (finite + 1, finite + 2), True
    if verb.speaker == "object" and not passive:
        j = (speaker[1] if speaker and speaker[0] > i else i + 1)
        while j < ce and (lows[j] in ADVERBS or lows[j] in ("dazu", "damit", "hierzu")):
            j += 1
        obj = np_forward(words, j, ce)
        if obj is not None:
            speaker, inverted = obj, False
    if passive and verb.speaker != "object":
        agent = next((k for k in range(cs, ce - 1) if lows[k] in ("von", "vom") and not scan.quoted[k]), None)
        speaker = np_forward(words, agent + 1, ce) if agent is not None else None
        inverted = False
    return speaker, inverted


def _reporting_verb(scan: CueScan, i: int) -> RuleResult:
    """A reporting verb of the lexicon with its clause, speaker, subordinator and addressee."""
    words, lows, lex = scan.words, scan.lows, scan.lex
    if not words[i][:1].islower() and i > 0:
        return []
    forms = lex.lookup(words[i])
    if not forms:
        return []
    skipped = _not_a_verb(scan, i)
    if skipped is not None:
        return skipped
    cs, ce = scan.bounds(i)
    chosen = _choose_form(scan, i, forms, cs, ce)
    if chosen is None:
        return []
    finite = _finite_of(scan, i, chosen, cs, ce)
    if finite is None:
        return []
    passive = chosen.kind == "participle" and any(lows[k] in PASSIVE_AUX for k in range(cs, ce))
    special = _english_ing(scan, i, chosen.verb, ce)
    if special is None:
        special = _document_cue(scan, i, chosen.verb, cs, ce)
    if special is not None:
        return special
    speaker, inverted = _verb_speaker(scan, i, finite, chosen.verb, passive, cs, ce)
    sub = next((lows[k] for k in range(cs, finite) if lows[k] in SUBORDINATORS), None)
    cue = Cue("verb", i, i + 1, (cs, ce), verb=chosen.verb, speaker=speaker, inverted=inverted or cs == finite,
              subordinate=sub, passive=passive, finite=finite,
              reported=lex.language == "de" and words[finite][:1].islower() and is_konjunktiv1(words[finite]),
              rule="passive-agent" if passive else "reporting-verb")
    cue.addressee = _addressee(words, lows, cue, ce)
    return [cue]


CUE_RULES: tuple[CueRule, ...] = (
    CueRule("source-before", _source_before),
    CueRule("source-after", _source_after),
    CueRule("source-phrase", _source_phrase),
    CueRule("nach-source", _nach_source),
    CueRule("anaphoric", _anaphoric),
    CueRule("with-the-words", _with_the_words),
    CueRule("so-source", _so_source),
    CueRule("reporting-verb", _reporting_verb),
)


def sentence_cues(words: list[str], quoted: list[bool], lex: Lexicon) -> list[Cue]:
    """Reporting-verb cues and source markers of one sentence (words outside quotes only): each
    trigger word goes through ``CUE_RULES`` until one claims it."""
    scan = CueScan(words, quoted, lex)
    triggers = lex.triggers
    for i, low in enumerate(scan.lows):
        if low not in triggers or quoted[i]:
            continue
        for rule in CUE_RULES:
            found = rule(scan, i)
            if found is not None:
                scan.cues.extend(found)
                break
    return scan.cues


def _object_first(words: list[str], np: tuple[int, int], finite: int, ce: int, lex: Lexicon
                  ) -> tuple[tuple[int, int], bool]:
    """"Westliche Reaktionen nannte Peskow „inakzeptabel“": an object first, the named subject after the
    verb. Only when the phrase before the verb cannot speak and a proper name follows the verb."""
    from lagebild.speech.classify import name_like

    before = " ".join(words[np[0]:np[1]])
    head = words[np[1] - 1].lower().rsplit("-", 1)[-1]
    if not is_cap_word(words[np[1] - 1]) or head.endswith(lex.speaker_endings) or name_like(before):
        return np, False  # a person or body noun ("Die Sprecherin nannte …"), a name, or a pronoun
    after = np_forward(words, finite + 1, ce)
    if after is None or words[after[0]].lower() in DETERMINERS or not all(is_cap_word(w) for w in
                                                                             words[after[0]:after[1]]):
        return np, False
    if not name_like(" ".join(words[after[0]:after[1]])):
        return np, False
    return after, True


def _en_subject(words: list[str], lows: list[str], i: int, quoted: list[bool]) -> tuple[int, int] | None:
    """The subject of an English main clause before word ``i``: the first noun phrase or pronoun that
    does not open a fronted adverbial ("On his way to Brussels, Trump …" -> Trump)."""
    k0 = next((k for k in range(i) if lows[k] in ("he", "she", "they", "we") and not quoted[k]), None)
    starts = [0] + [k + 1 for k in range(i) if words[k] == "," and not quoted[k]]
    for a in starts:
        if a >= i or lows[a] in PREPOSITIONS or lows[a] in SUBORDINATORS or lows[a] in ("shortly", "speaking"):
            continue
        if k0 is not None and k0 < a:
            break
        np = np_forward(words, a, i, first_in_sentence=a == 0)
        if np is not None and (np[1] >= i or words[np[1]] != ","):
            return np
        break
    return (k0, k0 + 1) if k0 is not None else None


def _addressee(words: list[str], lows: list[str], cue: Cue, ce: int) -> tuple[int, int] | None:
    """The addressee phrase of a verb cue ("sagte X dem Kanzler", "erklärte gegenüber X"); ``lows``
    are the words in lower case."""
    if cue.verb is None or not cue.verb.addressee:
        return None
    frames = cue.verb.addressee
    start = cue.tok + 1
    if cue.speaker and cue.speaker[0] > cue.tok:
        start = cue.speaker[1]
    for k in range(start, ce):
        if "an" in frames and lows[k] == "an" or "gegenüber" in frames and lows[k] == "gegenüber":
            np = np_forward(words, k + 1, ce)
            if np:
                return np
        if "dat" in frames or "acc" in frames:
            if lows[k] in PREPOSITIONS:
                return None
            np = np_forward(words, k, ce)
            if np and (cue.speaker is None or np[0] >= cue.speaker[1] or np[1] <= cue.speaker[0]):
                return np
    return None
