"""The tense of a clause, for the direction of bare weekdays ("am Mittwoch": before or after the anchor).

``clause_tense`` returns "future", "past", "present" or None (no verb found):
- lexicon cues first (``tense`` in ``time_<lang>.yaml``): future markers incl. Konjunktiv I of reported
  plans ("werde", "solle", "wolle"), English phrases ("is due to", "is set to"), preterite forms;
- Perfekt/Plusquamperfekt: an auxiliary ("hatte", "ist", "sei") with a participle in the clause → past;
- weak future cues ("erwartet", "geplant") count only when no past marker is in the clause
  ("Wer am Freitag eine Rede erwartet hatte" is past);
- German finite verbs not in the lists are classified with HanTa's context-free analysis (cached by form):
  weak preterite suffix (-te, -ten), strong preterite stem (an ablaut variant without present umlaut or
  e→i change); other finite forms and infinitives (verb-final "weiterverhandeln", "zu kommen") → present.
When future and past cues both occur, the one nearest the time expression wins.
"""

from __future__ import annotations

import re

from lagebild.time.lexicon import TimeLexicon

__all__ = ["clause_tense", "verb_tense"]

_WORD = re.compile(r"[\wäöüÄÖÜß']+")
_PARTICIPLE_DE = re.compile(r"^(?:\w*ge\w{2,}(?:t|en)|\w{3,}iert)$")
_WEAK_PRET = frozenset({"te", "ten", "test", "tet", "ete", "eten", "etest", "etet"})
# preterite forms the umlaut / e→i test below would call present
_STRONG_PRET_EXTRA = frozenset({"ging", "gingen", "fing", "fingen", "hing", "hingen", "ließ", "ließen"})
_FUNCTION = frozenset({"die", "der", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "und",
                       "oder", "aber", "nicht", "auch", "noch", "nur", "sich", "mit", "von", "zu", "zum", "zur",
                       "im", "in", "am", "an", "auf", "aus", "bei", "nach", "vor", "für", "über", "unter", "um",
                       "ob", "dass", "wenn", "als", "wie", "so", "es", "er", "sie", "wir", "ihr", "man"})


def verb_tense(word: str, lex: TimeLexicon) -> str | None:
    """"past", "present", "infinitive", "participle" for a German verb form (HanTa), else None."""
    if lex.language != "de" or len(word) < 3 or not word[:1].islower() or word in _FUNCTION:
        return None
    if word in _STRONG_PRET_EXTRA:
        return "past"
    if word in ("weiß", "weiss"):
        return "present"
    from lagebild.language import morphology

    a = morphology("de").analyze(word)
    pos = a.pos
    if pos.endswith("(PP)"):
        return "participle"
    if pos.endswith("(INF)") or pos.endswith("(IZU)"):
        return "infinitive"
    if not pos.endswith("(FIN)"):
        return None
    suffix = next((m for m, lab in a.morphemes if lab == "SUF_FIN"), "")
    if suffix in _WEAK_PRET:
        return "past"
    if pos.startswith("VM") and word.endswith(("te", "ten", "test")):
        return "past"
    variant = any(lab.endswith("_VAR") for _, lab in a.morphemes)
    var_stem = next((m for m, lab in a.morphemes if lab.endswith("_VAR")), "")
    if pos.startswith("VV") and var_stem.endswith("t") and suffix in ("e", "en", "est", "et"):
        # mixed verbs: a changed stem plus the weak -t- ("ernannte", "brachte", "wandten", "kannte")
        return "past"
    if pos.startswith("VV") and variant and suffix in ("", "en", "st"):
        lemma = a.lemma.lower()
        vowels = [ch for ch in lemma if ch in "aeiouäöü"]
        stem_vowel = vowels[-1] if vowels else ""
        # present stems of strong verbs: umlaut ("hält", "fährt") or e→i ("gilt", "trifft", "sieht")
        umlaut = any(ch in word for ch in "äöü") and stem_vowel in "aou"
        e_to_i = "i" in word and stem_vowel == "e"
        if not (umlaut or e_to_i) or suffix == "en":
            return "past"
    return "present"


def _english_tense(words: list[str]) -> str | None:
    """Irregular preterites ("began") and present forms ("hosts", "meet") by HanTa's English tagger in
    context (a clause without lexicon cues only; "talks" is a noun or a verb depending on its neighbours)."""
    from lagebild.language import morphology

    tags = [pos for _, _, pos in morphology("en").tag(words)]
    if any(t in ("VVD", "VBD", "VHD", "VDD") for t in tags):
        return "past"
    if any(t in ("VVZ", "VVB", "VBZ", "VBB", "VHZ") for t in tags):
        return "present"
    # HanTa tags a plural present ("the talks resume") as an infinitive; "to resume" is one
    if any(t == "VVI" and (i == 0 or words[i - 1].lower() != "to") for i, t in enumerate(tags)):
        return "present"
    return None


def clause_tense(text: str, lex: TimeLexicon, at: int | None = None) -> str | None:
    """The tense of ``text`` (a clause or sentence); ``at`` is the time expression's offset in it."""
    low = text.lower()
    words = [(m.group(), m.start()) for m in _WORD.finditer(text)]
    lowered = [w.lower() for w, _ in words]
    future: list[int] = []
    past: list[int] = []
    weak = present = False
    for phrase in lex.future_phrases:
        pos = low.find(phrase)
        while pos >= 0:
            if (pos == 0 or not low[pos - 1].isalnum()) and not low[pos + len(phrase):pos + len(phrase) + 1].isalnum():
                future.append(pos)
            pos = low.find(phrase, pos + 1)
    has_participle = any(
        raw[:1].islower() and w not in lex.weak_future_cues and len(w) > 4 and (
            (lex.language == "de" and (_PARTICIPLE_DE.match(w) or verb_tense(raw, lex) == "participle"))
            or (lex.language == "en" and w.endswith(("ed", "en"))))
        for (raw, _), w in zip(words, lowered, strict=True))
    for idx, ((raw, pos), w) in enumerate(zip(words, lowered, strict=True)):
        if lex.language == "en" and idx > 0 and lowered[idx - 1] == "be" and w.endswith("ed"):
            continue  # "is to be raised", "will be signed": a passive infinitive, not a preterite
        if w in lex.future_cues:
            future.append(pos)
        elif w in lex.past_cues:
            past.append(pos)
        elif w in lex.weak_future_cues:
            weak = True
        elif w in lex.perfect_aux and has_participle:
            past.append(pos)
        elif lex.language == "en" and w.endswith("ed") and len(w) > 4 and raw[:1].islower():
            past.append(pos)
        else:
            vt = verb_tense(raw, lex)
            if vt == "past":
                past.append(pos)
            elif vt in ("present", "infinitive"):
                present = True
    if lex.language == "en" and not (future or past or weak) and words:
        english = _english_tense([w for w, _ in words])
        if english == "past":
            past.append(0)
        present = present or english == "present"
    if future and past:
        ref = at if at is not None else 0
        nearest_future = min(abs(p - ref) for p in future)
        nearest_past = min(abs(p - ref) for p in past)
        return "future" if nearest_future <= nearest_past else "past"
    if future:
        return "future"
    if past:
        return "past"
    if weak:
        return "future"
    if present:
        return "present"
    return None


def attributive_tense(after: str, lex: TimeLexicon) -> str | None:
    """"der am Montag vorgestellte Plan": a participle used as an adjective right after the expression
    dates it ("past"; "future" for plan words like "geplante"); None when the next word is no such form."""
    if lex.language != "de":
        return None
    m = _WORD.match(after.lstrip())
    if not m or not m.group()[:1].islower():
        return None
    word = m.group()
    stem = word.lower()
    if any(stem.startswith(w) for w in lex.weak_future_cues if len(w) > 5):
        return "future"
    from lagebild.language import morphology

    a = morphology("de").analyze(word)
    if a.pos.startswith("ADJ") and any(lab == "SUF_PP" for _, lab in a.morphemes):
        return "past"
    return None
