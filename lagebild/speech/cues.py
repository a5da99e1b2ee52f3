"""Cues: reporting verbs (with their clause and speaker phrase) and source markers per sentence."""

from __future__ import annotations

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
from lagebild.speech.lexicon import Lexicon, Verb, word_set


@dataclass
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


def _subject(words: list[str], cs: int, finite: int, ce: int, cue: int,  # noqa: C901  (rebuilt on the clause layer, issue 11)
             lang: str = "de") -> tuple[tuple[int, int] | None, bool]:
    """Speaker phrase of the clause [cs, ce) whose finite verb is ``finite``; (span, inverted)."""
    # subordinate clause: "dass X sagte", "wie X mitteilte" -> the phrase after the subordinator
    start = cs
    while start < finite and (words[start] in QUOTE_MARKS or words[start].lower() in ADVERBS):
        start += 1
    if start < finite and words[start].lower() in SUBORDINATORS:
        np = np_forward(words, start + 1, finite)
        if np is None and start + 2 < finite and words[start + 1].lower() == "aus":
            np = np_forward(words, start + 2, finite)  # "wie aus Regierungskreisen verlautete"
            return (np, False) if np else (None, False)
        if lang == "en" and np and np[1] < finite and finite - np[0] <= 6 and is_cap_word(words[finite - 1]) \
                and all(w.isalpha() or "-" in w or "." in w for w in words[np[1]:finite]):
            np = (np[0], finite)  # "while Pentagon spokesman Pat Ryder said": the whole phrase up to the verb
        return (np, False) if np and is_nominative_start(words[np[0]]) else (None, False)
    # main clause: a phrase before the finite verb that ends right at it (adverbs may follow it)
    if start < finite:
        np = np_forward(words, start, finite, first_in_sentence=start == 0)
        if np:
            k = _skip_postmodifiers(words, np[1], finite)
            while k < finite and (words[k].lower() in ADVERBS or words[k].lower() in _EN_AUX):
                k += 1
            if k == finite and is_nominative_start(words[np[0]]):
                return np, False
    if start < finite and words[finite - 1].lower() in COORDINATORS:
        np = np_forward(words, start, finite, first_in_sentence=start == 0)
        if np and is_nominative_start(words[np[0]]) and np[1] < finite - 1 and words[np[1]][:1].islower():
            return np, False  # "Selenskyj verschiebt die Reise und stellt klar, …": the shared subject
    appo = _apposition_subject(words, cs, finite) if start == finite else None
    if appo is not None:
        return appo, False
    # inverted: the phrase right after the finite verb ("sagte Merz", "hatte Blinken gesagt")
    j = finite + 1
    while j < ce and (words[j].lower() in ADVERBS or words[j].lower() in ("sich", "es", "dazu", "damit")):
        j += 1
    np = np_forward(words, j, ce)
    if np and is_nominative_start(words[np[0]]) and not (
            lang == "en" and (np[1] - np[0] == 1 and words[np[0]].lower() in SUBJECT_PRONOUNS or np[1] < ce - 2)):
        # English inverts only "…, said Foreign Minister X." (a name ending the clause), never "think he"
        return np, True
    # verb-final clause ("…, auf den ihn die Europäer loben"): the first nominative phrase before it
    if finite == ce - 1 and start < finite:
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
    # English subjects with lower-case parts: "The foreign minister said", "Germany's chancellor-in-waiting
    # Friedrich Merz wrote"; after a subordinator only the phrase after it ("The trouble started when Vance argued")
    if lang == "en" and start < finite:
        sub = max((k for k in range(start, finite) if words[k].lower() in SUBORDINATORS), default=None)
        s0 = sub + 1 if sub is not None else start
        if s0 < finite and finite - s0 <= 8 and (words[s0].lower() in _EN_ARTICLES or is_cap_word(words[s0])) \
                and not any(w in (",", ";", ":") or w.lower() in _EN_NOT_NP for w in words[s0:finite]):
            return (s0, finite), False
    if lang == "en" and start < finite <= start + 3 and all(w.isalpha() and w.islower() for w in words[start:finite]):
        return (start, finite), False  # "officials said", "analysts say"
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


def find_cues(words: list[str], quoted: list[bool], lex: Lexicon) -> list[Cue]:  # noqa: C901  (rebuilt on the clause layer, issue 11)
    """Reporting-verb cues and source markers of one sentence (words outside quotes only)."""
    cues: list[Cue] = []
    n = len(words)
    lows = [w.lower() for w in words]
    triggers = lex.triggers
    for i, w in enumerate(words):
        if quoted[i] or lows[i] not in triggers:
            continue
        low = lows[i]
        # source markers --------------------------------------------------------------
        if low in lex.before_source or (i + 1 < n and f"{low} {lows[i + 1]}" in lex.before_source):
            j = i + (2 if f"{low} {lows[i + 1] if i + 1 < n else ''}" in lex.before_source else 1)
            np = np_forward(words, j, n)
            if np:
                cues.append(Cue("laut", i, j, clause_bounds(words, i, quoted), speaker=np))
            continue
        if low in lex.after_source and i > 0:
            s = i - 1
            while s > 0 and words[s - 1] not in BOUNDARIES and lows[s - 1] not in PREPOSITIONS and i - s < 8:
                s -= 1
            np = np_forward(words, s, i)
            if np and np[1] == i:
                cues.append(Cue("zufolge", i, i + 1, clause_bounds(words, i, quoted), speaker=np))
            continue
        for phrase in lex.phrases:
            if tuple(lows[i:i + len(phrase)]) == tuple(p.lower() for p in phrase):
                j = i + len(phrase)
                if j < n and lows[j] in _SOURCE_PREPOSITIONS:
                    j += 1  # "nach Angaben aus Regierungskreisen": the source after the preposition
                np = np_forward(words, j, n) if j < n else None
                if np is None and j < n and lows[j - 1] in GENITIVE_ARTICLES:
                    np = np_forward(words, j - 1, n)
                if np:
                    cues.append(Cue("angaben", i, j, clause_bounds(words, i, quoted), speaker=np))
                break
        if low == "nach" and lex.nach_nouns and i + 1 < n and not any(c.tok == i for c in cues):
            np = np_forward(words, i + 1, n)
            if np and any(words[k] in lex.nach_nouns or words[k].rsplit("-", 1)[-1] in lex.nach_nouns
                          or words[k].lower().endswith(("angaben", "berichten"))
                          for k in range(np[0], min(np[1], np[0] + 4))):
                cues.append(Cue("angaben", i, i + 1, clause_bounds(words, i, quoted), speaker=np))
                continue
        if low in lex.anaphoric:
            cues.append(Cue("anaphoric", i, i + 1, clause_bounds(words, i, quoted)))
            continue
        if low == "worten" and i >= 2 and lows[i - 2] == "mit" and not any(
                c.kind == "verb" and c.clause[0] <= i < c.clause[1] for c in cues):
            # "X schloss sich mit den Worten an: „…“": the clause's subject speaks
            cs, ce = clause_bounds(words, i, quoted)
            np0 = np_forward(words, cs, i, first_in_sentence=cs == 0)
            if np0 is not None and is_nominative_start(words[np0[0]]):
                cues.append(Cue("verb", i, i + 1, (cs, ce), verb=_WORDS_VERB, speaker=np0))
            continue
        if low in lex.so_markers and i > 0 and words[i - 1] in _DASHES and i + 1 < n and not (
                words[i + 1][:1].islower() and lows[i + 1] not in DETERMINERS and has_finite([words[i + 1]])):
            # "…, so Tusk." / "… – so die Zeitung"; not "– so wollen die USA …" (an adverb before a verb)
            np = np_forward(words, i + 1, n)
            if np and (np[1] >= n - 1 or words[np[1]] in _PHRASE_END or words[np[1]] in QUOTE_MARKS):
                cues.append(Cue("so", i, i + 1, clause_bounds(words, i, quoted), speaker=np, inverted=True))
                continue
        # reporting verbs ---------------------------------------------------------------
        if not w[:1].islower() and i > 0:
            continue
        forms = lex.lookup(w)
        if not forms:
            continue
        if i > 0 and lows[i - 1] in DETERMINERS and i + 1 < n and is_cap_word(words[i + 1]):
            continue  # a participle used as an adjective: "seine erklärten Ziele"
        if lex.language == "en" and i > 0 and lows[i - 1] in _EN_NOUN_DETERMINERS:
            if lows[i - 1] in _EN_POSSESSIVES and i + 1 < n and lows[i + 1] == "that":
                # "He repeated his claim that …": the possessor's claim, the clause's subject speaks
                np0 = _en_subject(words, lows, i, quoted)
                if np0 is not None:
                    cs, ce = clause_bounds(words, i, quoted)
                    cues.append(Cue("verb", i, i + 1, (cs, ce), verb=forms[0].verb, speaker=np0))
            continue  # a noun: "a warning", "the claim"
        cs, ce = clause_bounds(words, i, quoted)
        clause_lows = set(lows[cs:ce])
        chosen = None
        for form in forms:
            v = form.verb
            if form.needs_particle and form.kind == "participle":
                if not (i > 0 and lows[i - 1] == form.particle):
                    continue
            elif form.needs_particle and not any(
                    x == form.particle or (x.startswith("dar") and x.endswith(form.particle))  # "wies daraufhin"
                    for x in lows[i + 1:ce]) and not (i > 0 and lows[i - 1] == form.particle):  # "wie … bekannt gab"
                continue
            if v.with_words and not clause_lows.intersection(x.lower() for x in v.with_words):
                continue
            if v.without_words and clause_lows.intersection(v.without_words):
                continue
            if v.refl and not clause_lows.intersection(lex.reflexives):
                continue
            if low in v.not_forms or (v.adjacent and not any(a in lows[max(cs, i - 1):i + 2] for a in v.adjacent)):
                continue  # "heiße es" (Konjunktiv I) is itself reported speech; "heißt" needs "es" next to it
            if low in v.homographs and i + 1 < n and is_cap_word(words[i + 1]):
                continue  # "meinen Freund": the possessive
            if chosen is None or (form.needs_particle and not chosen.needs_particle) or \
                    (form.particle and form.particle in lows[i + 1:ce] and not chosen.particle):
                chosen = form
        if chosen is None:
            continue
        finite = i
        if chosen.kind == "finite" and any(f.kind in ("participle", "infinitive") and f.verb == chosen.verb
                                           for f in forms) and any(lows[k] in AUXILIARIES for k in range(cs, i)):
            # "hat … formuliert", "hat … verlauten lassen": the auxiliary is the finite verb
            chosen = next(f for f in forms if f.kind in ("participle", "infinitive") and f.verb == chosen.verb)
        if chosen.kind in ("participle", "infinitive"):
            aux = [k for k in range(cs, i) if lows[k] in AUXILIARIES and not quoted[k]]
            if aux:
                finite = aux[0]
            elif i + 1 < ce and lows[i + 1] in AUXILIARIES:
                finite = i + 1  # verb-final clause: "nachdem sie es mitgeteilt hatte"
            elif chosen.kind == "infinitive" and i > cs and lows[i - 1] == "zu":
                # "X beeilte sich zu erklären, …": the verb after the clause-initial subject is finite
                np0 = np_forward(words, cs, i, first_in_sentence=cs == 0)
                if np0 is None or np0[1] >= i - 1:
                    continue
                finite = _skip_postmodifiers(words, np0[1], i)
            else:
                continue
        passive = chosen.kind == "participle" and any(lows[k] in PASSIVE_AUX for k in range(cs, ce))
        if lex.language == "en" and low.endswith("ing") and i > 1 and words[i - 1] == ",":
            # "Zelenskyy pushed back, pointing out that …" / ", adding that …": the sentence's subject
            earlier = next((c.speaker for c in reversed(cues) if c.kind == "verb" and c.speaker), None)
            np0 = earlier or _en_subject(words, lows, i, quoted)
            if np0 is not None:
                cues.append(Cue("verb", i, i + 1, (i, ce), verb=chosen.verb, speaker=np0))
            continue
        if chosen.verb.speaker == "document":
            # "In der Erklärung heißt es, …" / "…, hieß es in einer Mitteilung": the document is the source
            src = None
            for k in range(cs, ce - 1):
                if lows[k] in ("in", "im") and k != i:
                    src = np_forward(words, k + 1, ce) if lows[k] == "in" else np_forward(words, k + 1, ce)
                    if src:
                        break
            cues.append(Cue("heisst_es", i, i + 1, (cs, ce), verb=chosen.verb, speaker=src, inverted=cs == i))
            continue
        speaker, inverted = _subject(words, cs, finite, ce, i, lex.language)
        if lex.language == "de" and speaker is not None and not inverted and speaker[1] <= finite == i:
            speaker, inverted = _object_first(words, speaker, finite, ce, lex)
        if lex.language == "de" and finite + 1 < ce and lows[finite + 1] in ("er", "wir", "ich") and (
                speaker is None or speaker[0] < finite):
            # "Die Delegation nannte er eine »Attrappe«": a nominative pronoun after the verb is the subject
            speaker, inverted = (finite + 1, finite + 2), True
        if chosen.verb.speaker == "object" and not passive:
            # "Die Zeitung zitiert den Minister mit den Worten …": the quoted one speaks
            j = (speaker[1] if speaker and speaker[0] > i else i + 1)
            while j < ce and (lows[j] in ADVERBS or lows[j] in ("dazu", "damit", "hierzu")):
                j += 1
            obj = np_forward(words, j, ce)
            if obj is not None:
                speaker, inverted = obj, False
        if passive and chosen.verb.speaker != "object":
            # "…, wurde von X als „…“ bezeichnet": the agent speaks, not the subject
            agent = next((k for k in range(cs, ce - 1) if lows[k] in ("von", "vom") and not quoted[k]), None)
            speaker = np_forward(words, agent + 1, ce) if agent is not None else None
            inverted = False
        sub = next((lows[k] for k in range(cs, finite) if lows[k] in SUBORDINATORS), None)
        cue = Cue("verb", i, i + 1, (cs, ce), verb=chosen.verb, speaker=speaker, inverted=inverted or cs == finite,
                  subordinate=sub, passive=passive,
                  reported=lex.language == "de" and words[finite][:1].islower() and is_konjunktiv1(words[finite]))
        cue.addressee = _addressee(words, lows, cue, ce)
        cues.append(cue)
    return cues


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
