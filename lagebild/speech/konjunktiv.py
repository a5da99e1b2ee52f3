"""German Konjunktiv I (and the Konjunktiv II that stands in for it) from word forms.

A word is Konjunktiv I when HanTa analyses it as a finite verb ending in the finite suffix
``e`` (or it is a form of "sein": sei, seien, seiest) and the conjugator (``ablaut``) confirms
that the form is a Konjunktiv I form of its lemma that is not also a present or preterite
indicative form. Separable verbs ("auseinanderliege") are conjugated without their particle.
Only lower-case tokens (or a sentence's first token) are analysed, each form once (cached).
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache

from lagebild.speech.lexicon import word_set

log = logging.getLogger(__name__)

_K = "speech_konjunktiv"
# Konjunktiv I forms that need no analysis (3rd person; the ones news text uses most).
KONJ1_CLOSED = word_set(_K, "konjunktiv1_closed")
# Konjunktiv II forms used in reported speech in place of an ambiguous Konjunktiv I.
# They count only inside a report already opened by a cue or a Konjunktiv I sentence.
KONJ2 = word_set(_K, "konjunktiv2")
# words and adjective endings with "-e" that are never Konjunktiv I (cheap pre-filter)
_NEVER = word_set(_K, "never_konjunktiv1")
_NEVER_ENDINGS = tuple(sorted(word_set(_K, "never_konjunktiv1_endings")))
_NOT_BEFORE = word_set(_K, "adjective_context")
_INDICATIVE_BEFORE = word_set(_K, "indicative_context")
_FIRST_PERSON = word_set(_K, "first_person")

_lock = threading.Lock()


@lru_cache(maxsize=50_000)
def is_konjunktiv1(word: str) -> bool:
    """True when ``word`` (one token) is a Konjunktiv I verb form distinct from the indicative."""
    w = word.lower()
    if w in KONJ1_CLOSED:
        return True
    if len(w) < 4 or not w.endswith("e") or w in _NEVER or w in KONJ2 or w.endswith(_NEVER_ENDINGS):
        return False
    return _analyse(w)


@lru_cache(maxsize=50_000)
def _analyse(w: str) -> bool:
    from lagebild.language.morphology import morphology

    ana = morphology("de").analyze(w)  # ``w`` has four letters or more: HanTa analyses any such string
    if "FIN" not in ana.pos or not ana.morphemes:
        return False
    morphemes = ana.morphemes
    if morphemes[-1] != ("e", "SUF_FIN"):
        return False
    particle = "".join(m for m, lab in morphemes if lab == "PTKVZ_SEP")
    stem = "".join(m for m, lab in morphemes[:-1] if lab != "PTKVZ_SEP")
    base_form = w[len(particle):] if particle and w.startswith(particle) else w
    if any(lab.endswith("_VAR") for _, lab in morphemes):
        # "_VAR" stems are preterite/Konjunktiv II variants (hatt-e, würd-e, dacht-e), except the
        # e-elided stem of an -eln verb: "handl-e" of "handeln" ("es handle sich um …")
        lemma = ana.lemma.lower()
        if not (lemma.endswith("el") and stem.endswith(lemma[:-2] + "l")):
            return False
        return _conjugation_check(base_form, stem[:-1] + "el")
    return _conjugation_check(base_form, stem)


@lru_cache(maxsize=20_000)
def _conjugation_check(form: str, stem: str) -> bool:
    """Konjunktiv I 3rd singular of the verb with this stem, and not an indicative form?"""
    import ablaut

    candidates = [stem + "en"]
    if stem.endswith(("er", "el")):
        candidates.insert(0, stem + "n")
    for inf in candidates:
        try:
            with _lock:
                conj = ablaut.conjugate(inf)
                k1 = [f.split(" ")[0] for f in conj.konjunktiv1]
                pres = [f.split(" ")[0] for f in conj.present]
                pret = [f.split(" ")[0] for f in conj.preterite]
        except ValueError:  # "not a German infinitive": fall back to the suffix evidence alone
            continue
        if form == k1[2]:
            # "ich sage" (present 1sg) equals the Konjunktiv I; only the 3rd singular indicative
            # and preterite forms disqualify the form
            return form != pres[2] and form not in pret
    return True


def konj1_in_context(words: list[str], k: int) -> bool:
    """``words[k]`` is a Konjunktiv I verb here: lower-case, a Konjunktiv I form, not next to "ich"
    ("ich habe", "habe ich": 1st person indicative) and not between an article and a noun (an adjective:
    "die äußere Form")."""
    w = words[k]
    if not w[:1].islower() or not is_konjunktiv1(w):
        return False
    prev = words[k - 1].lower() if k > 0 else ""
    if prev in _INDICATIVE_BEFORE:
        return False  # "ich habe", "zu Ende"
    if prev in _NOT_BEFORE and w.lower() not in KONJ1_CLOSED and k + 1 < len(words) and words[k + 1][:1].isupper():
        return False  # an adjective between article and noun: "die äußere Form" (but "Das werde Europa …")
    return not (k + 1 < len(words) and words[k + 1].lower() in _FIRST_PERSON)


@lru_cache(maxsize=50_000)
def _may_be_konj1(w: str) -> bool:
    """``w`` can be a Konjunktiv I verb at all: lower-case, and ending in "e" or a closed form.
    Answered once per word form: a sentence has ~20 words and few candidates."""
    return w[:1].islower() and (w[-1:] in ("e", "E") or w.lower() in KONJ1_CLOSED)


def has_konj1(words: list[str], quoted: list[bool]) -> bool:
    """Some word outside quotation marks is a Konjunktiv I verb in context (``konj1_in_context``).
    Words that cannot be one are passed over without the context check."""
    for k, w in enumerate(words):
        if _may_be_konj1(w) and not quoted[k] and konj1_in_context(words, k):
            return True
    return False
