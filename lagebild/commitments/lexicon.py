"""The commitments lexicon (``lexicons/commitments.yaml``) as typed, per-language cue tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from lagebild.errors import ConfigError
from lagebild.lexicon import load

NAME = "commitments"
KINDS = ("promise", "threat", "ultimatum", "plan", "demand")


@dataclass(frozen=True, slots=True)
class VerbCue:
    lemma: str
    kind: str
    frame: str | None = None  # "in aussicht": preposition + first word of the frame's noun phrase
    needs: str | None = None  # complement
    voice: str | None = None


@dataclass(frozen=True)
class CommitmentLexicon:
    language: str
    verbs: dict[str, list[VerbCue]] = field(default_factory=dict)
    nouns: dict[str, str] = field(default_factory=dict)
    light_verbs: frozenset[str] = frozenset()
    modals: dict[str, str] = field(default_factory=dict)
    future: str = "plan"
    future_first_person: str = "promise"
    first_person: frozenset[str] = frozenset()
    impersonal: frozenset[str] = frozenset()
    future_aux: frozenset[str] = frozenset()
    refusals: frozenset[str] = frozenset()
    punitive: tuple[str, ...] = ()
    condition_openers: frozenset[str] = frozenset()
    deadline_cues: frozenset[str] = frozenset()
    addressee_frames: frozenset[str] = frozenset()

    @cached_property
    def _noun_stems(self) -> tuple[str, ...]:
        return tuple(self.nouns)

    def noun_kind(self, word: str) -> str | None:
        """The kind of the first noun stem ``word`` starts with. Most words start none: one
        ``startswith`` over all stems answers that before the stems are tried in order."""
        low = word.casefold()
        if not low.startswith(self._noun_stems):
            return None
        for stem, kind in self.nouns.items():
            if low.startswith(stem):
                return kind
        return None

    def is_punitive(self, text: str) -> bool:
        low = text.casefold()
        return any(p in low for p in self.punitive)


def _kind(value: Any, where: str) -> str:
    if value not in KINDS:
        raise ConfigError(f"{NAME}.yaml: {where}: kind {value!r} is not one of {', '.join(KINDS)}")
    return str(value)


def _words(section: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(w).casefold() for w in section.get(key) or [])


@lru_cache(maxsize=4)
def load_lexicon(language: str) -> CommitmentLexicon:
    data = load(NAME)
    section = data.get(language) or data.get("de") or {}
    verbs: dict[str, list[VerbCue]] = {}
    for lemma, spec in (section.get("verbs") or {}).items():
        spec = spec or {}
        if not isinstance(spec, dict):
            raise ConfigError(f"{NAME}.yaml: {language}.verbs.{lemma} must be a mapping with `kind`")
        cue = VerbCue(str(lemma).casefold(), _kind(spec.get("kind"), f"{language}.verbs.{lemma}"),
                      spec.get("frame"), spec.get("needs"), spec.get("voice"))
        verbs.setdefault(cue.lemma, []).append(cue)
    nouns = {str(k).casefold(): _kind(v, f"{language}.nouns.{k}") for k, v in (section.get("nouns") or {}).items()}
    modals = {str(k): _kind(v, f"{language}.modals.{k}") for k, v in (section.get("modals") or {}).items()}
    return CommitmentLexicon(
        language=language, verbs=verbs, nouns=nouns, light_verbs=_words(section, "light_verbs"),
        modals=modals, future=_kind(section.get("future", "plan"), f"{language}.future"),
        future_first_person=_kind(section.get("future_first_person", "promise"), f"{language}.future_first_person"),
        first_person=_words(section, "first_person"), impersonal=_words(section, "impersonal"),
        future_aux=_words(section, "future_aux"),
        refusals=_words(section, "refusals"), punitive=tuple(sorted(_words(section, "punitive"))),
        condition_openers=_words(section, "condition_openers"), deadline_cues=_words(section, "deadline_cues"),
        addressee_frames=_words(section, "addressee_frames"),
    )
