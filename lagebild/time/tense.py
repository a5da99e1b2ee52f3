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
from collections.abc import Callable
from dataclasses import dataclass, field

from lagebild.time.lexicon import TimeLexicon

__all__ = ["clause_tense", "verb_tense"]

_WORD = re.compile(r"[\wäöüÄÖÜß']+")
_PARTICIPLE_DE = re.compile(r"^(?:\w*ge\w{2,}(?:t|en)|\w{3,}iert)$")

def verb_tense(word: str, lex: TimeLexicon) -> str | None:
    """"past", "present", "infinitive", "participle" for a German verb form (HanTa), else None."""
    if lex.language != "de" or len(word) < 3 or not word[:1].islower() or word in lex.not_verbs:
        return None
    if word in lex.strong_preterites:
        return "past"
    if word in lex.present_forms:
        return "present"
    from lagebild.language.morphology import morphology

    a = morphology("de").analyze(word)
    pos = a.pos
    if pos.endswith("(PP)"):
        return "participle"
    if pos.endswith("(INF)") or pos.endswith("(IZU)"):
        return "infinitive"
    if not pos.endswith("(FIN)"):
        return None
    suffix = next((m for m, lab in a.morphemes if lab == "SUF_FIN"), "")
    if suffix in lex.weak_preterite_suffixes:
        return "past"
    if pos.startswith("VM") and word.endswith(lex.modal_preterite_endings):
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


def _english_tense(words: list[str], lex: TimeLexicon) -> str | None:
    """Irregular preterites ("began") and present forms ("hosts", "meet") by HanTa's English tagger in
    context (a clause without lexicon cues only; "talks" is a noun or a verb depending on its neighbours)."""
    from lagebild.language.morphology import morphology

    tags = [pos for _, _, pos in morphology("en").tag(words)]
    if any(t in lex.past_tags for t in tags):
        return "past"
    if any(t in lex.present_tags for t in tags):
        return "present"
    # HanTa tags a plural present ("the talks resume") as an infinitive; "to resume" is one
    if any(t in lex.infinitive_tags and (i == 0 or words[i - 1].lower() not in lex.infinitive_markers)
           for i, t in enumerate(tags)):
        return "present"
    return None


@dataclass
class _Evidence:
    """What the words of a clause say about its tense: offsets of future and past cues, and whether a
    weak future cue or a present form occurs."""

    future: list[int] = field(default_factory=list)
    past: list[int] = field(default_factory=list)
    weak: bool = False
    present: bool = False

    def add(self, verdict: str, pos: int) -> None:
        if verdict == "future":
            self.future.append(pos)
        elif verdict == "past":
            self.past.append(pos)
        elif verdict == "weak":
            self.weak = True
        elif verdict == "present":
            self.present = True

    def tense(self, at: int | None) -> str | None:
        if self.future and self.past:
            ref = at if at is not None else 0
            nearest_future = min(abs(p - ref) for p in self.future)
            nearest_past = min(abs(p - ref) for p in self.past)
            return "future" if nearest_future <= nearest_past else "past"
        if self.future:
            return "future"
        if self.past:
            return "past"
        if self.weak:
            return "future"
        return "present" if self.present else None


@dataclass(frozen=True)
class _Word:
    raw: str
    low: str
    prev: str  # the lower-cased word before, "" at the start


# Each rule reads one word of the clause and says "future", "past", "weak" (a weak future cue),
# "present", "skip" (the word says nothing) or None (the next rule decides). The first answer counts.
WordRule = Callable[[_Word, TimeLexicon, bool], str | None]


def _passive_infinitive(w: _Word, lex: TimeLexicon, has_participle: bool) -> str | None:
    """"is to be raised", "will be signed": a passive infinitive, not a preterite."""
    english = lex.language == "en" and w.prev in lex.passive_infinitive_aux
    return "skip" if english and lex.preterite_ending and w.low.endswith(lex.preterite_ending) else None


def _future_cue(w: _Word, lex: TimeLexicon, has_participle: bool) -> str | None:
    return "future" if w.low in lex.future_cues else None


def _past_cue(w: _Word, lex: TimeLexicon, has_participle: bool) -> str | None:
    return "past" if w.low in lex.past_cues else None


def _weak_future_cue(w: _Word, lex: TimeLexicon, has_participle: bool) -> str | None:
    return "weak" if w.low in lex.weak_future_cues else None


def _perfect(w: _Word, lex: TimeLexicon, has_participle: bool) -> str | None:
    """Perfekt / Plusquamperfekt: an auxiliary with a participle in the clause."""
    return "past" if w.low in lex.perfect_aux and has_participle else None


def _english_preterite(w: _Word, lex: TimeLexicon, has_participle: bool) -> str | None:
    english = lex.language == "en" and bool(lex.preterite_ending)
    return "past" if english and w.low.endswith(lex.preterite_ending) and len(w.low) > 4 \
        and w.raw[:1].islower() else None


def _verb_form(w: _Word, lex: TimeLexicon, has_participle: bool) -> str | None:
    vt = verb_tense(w.raw, lex)
    return "past" if vt == "past" else "present" if vt in ("present", "infinitive") else "skip"


WORD_RULES: tuple[WordRule, ...] = (_passive_infinitive, _future_cue, _past_cue, _weak_future_cue, _perfect,
                                    _english_preterite, _verb_form)


def _phrase_positions(low: str, phrases: tuple[str, ...]) -> list[int]:
    """Offsets of the multi-word future markers ("is due to") that stand as whole words in ``low``."""
    out: list[int] = []
    for phrase in phrases:
        pos = low.find(phrase)
        while pos >= 0:
            if (pos == 0 or not low[pos - 1].isalnum()) and not low[pos + len(phrase):pos + len(phrase) + 1].isalnum():
                out.append(pos)
            pos = low.find(phrase, pos + 1)
    return out


def _is_participle(raw: str, low: str, lex: TimeLexicon) -> bool:
    if not raw[:1].islower() or low in lex.weak_future_cues or len(low) <= 4:
        return False
    if lex.language == "de":
        return bool(_PARTICIPLE_DE.match(low) or verb_tense(raw, lex) == "participle")
    return lex.language == "en" and low.endswith(lex.participle_endings)


def clause_tense(text: str, lex: TimeLexicon, at: int | None = None) -> str | None:
    """The tense of ``text`` (a clause or sentence); ``at`` is the time expression's offset in it."""
    words = [(m.group(), m.start()) for m in _WORD.finditer(text)]
    lowered = [w.lower() for w, _ in words]
    evidence = _Evidence(future=_phrase_positions(text.lower(), lex.future_phrases))
    has_participle = any(_is_participle(raw, low, lex) for (raw, _), low in zip(words, lowered, strict=True))
    for idx, ((raw, pos), low) in enumerate(zip(words, lowered, strict=True)):
        word = _Word(raw, low, lowered[idx - 1] if idx > 0 else "")
        verdict = next((v for rule in WORD_RULES if (v := rule(word, lex, has_participle)) is not None), None)
        if verdict is not None:
            evidence.add(verdict, pos)
    if lex.language == "en" and not (evidence.future or evidence.past or evidence.weak) and words:
        english = _english_tense([w for w, _ in words], lex)
        if english == "past":
            evidence.past.append(0)
        evidence.present = evidence.present or english == "present"
    return evidence.tense(at)


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
    from lagebild.language.morphology import morphology

    a = morphology("de").analyze(word)
    if a.pos.startswith("ADJ") and any(lab == "SUF_PP" for _, lab in a.morphemes):
        return "past"
    return None
