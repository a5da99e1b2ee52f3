"""The event trigger lexicon (``lagebild/lexicons/events.yaml``) as small named rule objects.

Each verb or noun entry becomes a ``VerbTrigger`` or ``NounTrigger`` whose ``name`` goes into the
provenance of the events it finds ("verb:de:verhängen:SANCTION"). The file's header documents the
format; directories in ``LAGEBILD_LEXICON_DIRS`` extend it like every other lexicon.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from lagebild.errors import ConfigError
from lagebild.lexicon import lexicon_dirs, load

__all__ = ["PLOVER_TYPES", "SYMMETRIC", "EventLexicon", "NounFrames", "NounTrigger", "VerbTrigger", "event_lexicon"]

LEXICON_NAME = "events"
PLOVER_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
})
SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})
_SCHEMA: dict[str, type | tuple[type, ...]] = {
    "verbs": dict, "nouns": dict, "target_preps": dict, "location_preps": dict, "planned_modals": dict,
    "hypothetical_modals?": dict, "planned_words": dict, "negation_words": dict, "pronouns?": dict,
    "state_organs?": list, "noun_frames": dict, "place_target_types?": list, "phrase_stops": list,
    "coordinators": dict, "noun_endings": dict, "condition_openers": dict, "content_types": list,
    "reflexives": dict, "stray_particles?": dict, "possessives": dict, "group_nouns?": dict, "targetless_types": list, "border_words": dict, "border_types": list, "partitive_preps": dict, "strict_modes": list,
}
MATCHES = ("prefix", "suffix", "exact")


@dataclass(frozen=True, slots=True)
class VerbTrigger:
    """A verb reading: lemma, PLOVER type and mode, an optional object stem or frame it needs, and
    where its target sits (argument roles or prepositions, in order of preference)."""

    name: str
    lemma: str
    type: str
    mode: str | None = None
    object: tuple[str, ...] = ()
    frame: str | None = None
    target: tuple[str, ...] = ()
    intransitive: bool = False
    alone: bool = False  # with no actor in its target places, kept without a target (no fallback)


@dataclass(frozen=True, slots=True)
class NounTrigger:
    """A nominal trigger: a stem matched against the words of a sentence (``match``: prefix, suffix or
    exact; a stem with spaces matches consecutive words), and an optional preposition that must follow."""

    name: str
    stem: tuple[str, ...]
    type: str
    mode: str | None = None
    match: str = "prefix"
    frame: str | None = None
    endings: tuple[str, ...] = ()  # inflection a suffix or exact match allows (``noun_endings``)

    def matches(self, words: list[str], k: int) -> int:
        """The number of words matched at position ``k`` (0 = no match)."""
        n = len(self.stem)
        if k + n > len(words) or self.stem[-1] not in words[k + n - 1]:
            return 0  # every kind of match needs the stem's letters in the last word
        for i, part in enumerate(self.stem):
            word = words[k + i]
            if i < n - 1:
                ok = word == part
            elif self.match == "prefix":
                ok = word.startswith(part)
            else:
                base = next((word[: -len(e)] for e in self.endings if e and word.endswith(e) and word[: -len(e)].endswith(part)),
                            word)
                ok = base == part if self.match == "exact" else (base.endswith(part) and
                                                                  (base == part or len(base) > len(part) + 2))
            if not ok:
                return 0
        return n


@dataclass(frozen=True, slots=True)
class NounFrames:
    """The words after a nominal trigger that open its participant slots (``noun_frames``)."""

    partner: frozenset[str] = frozenset()
    between: frozenset[str] = frozenset()
    target: frozenset[str] = frozenset()
    owner: frozenset[str] = frozenset()
    close: frozenset[str] = frozenset()
    place_target: frozenset[str] = frozenset()


@dataclass(frozen=True)
class EventLexicon:
    verbs: dict[str, dict[str, list[VerbTrigger]]]
    nouns: dict[str, list[NounTrigger]]
    target_preps: dict[str, tuple[str, ...]]
    location_preps: dict[str, frozenset[str]]
    planned_modals: dict[str, frozenset[str]]
    hypothetical_modals: dict[str, frozenset[str]]
    planned_words: dict[str, frozenset[str]]
    negation_words: dict[str, frozenset[str]] = field(default_factory=dict)
    pronouns: dict[str, dict[str, str]] = field(default_factory=dict)  # pronoun -> m | f | any
    state_organs: tuple[str, ...] = ()  # words of organisation names that act for their state
    noun_frames: dict[str, NounFrames] = field(default_factory=dict)
    place_target_types: frozenset[str] = frozenset()
    phrase_stops: frozenset[str] = frozenset()
    coordinators: dict[str, tuple[str, ...]] = field(default_factory=dict)  # " und ", ", " ...
    condition_openers: dict[str, frozenset[str]] = field(default_factory=dict)
    content_types: frozenset[str] = frozenset()
    targetless_types: frozenset[str] = frozenset()  # kept without a target
    border_words: dict[str, frozenset[str]] = field(default_factory=dict)
    border_types: frozenset[str] = frozenset()
    partitive_preps: dict[str, frozenset[str]] = field(default_factory=dict)
    strict_modes: frozenset[str] = frozenset()
    reflexives: dict[str, frozenset[str]] = field(default_factory=dict)
    stray_particles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    possessives: dict[str, dict[str, str]] = field(default_factory=dict)  # possessive -> m | f | any
    group_nouns: dict[str, frozenset[str]] = field(default_factory=dict)  # "die Länder": the latest group

    def frames(self, language: str) -> NounFrames:
        return self.noun_frames.get(language, NounFrames())

    def verb_triggers(self, language: str, lemma: str) -> list[VerbTrigger]:
        return self.verbs.get(language, {}).get(lemma.lower(), [])


def _type(entry: dict[str, Any], where: str) -> str:
    kind = str(entry.get("type", "")).upper()
    if kind not in PLOVER_TYPES:
        raise ConfigError(f"{where}: type {entry.get('type')!r} is not one of the 16 PLOVER types "
                          f"({', '.join(sorted(PLOVER_TYPES))})")
    return kind


def _words(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.lower(),)
    return tuple(str(v).lower() for v in value)


def _verbs(data: dict[str, Any]) -> dict[str, dict[str, list[VerbTrigger]]]:
    out: dict[str, dict[str, list[VerbTrigger]]] = {}
    for lang, entries in data.items():
        table: dict[str, list[VerbTrigger]] = {}
        for entry in entries or []:
            where = f"{LEXICON_NAME}.yaml verbs.{lang}"
            if not isinstance(entry, dict) or not entry.get("lemma"):
                raise ConfigError(f"{where}: every entry needs a lemma and a type, not {entry!r}")
            kind = _type(entry, where)
            lemma = str(entry["lemma"]).lower()
            trig = VerbTrigger(f"verb:{lang}:{lemma}:{kind}", lemma, kind, entry.get("mode"),
                               _words(entry.get("object")), entry.get("frame"), _words(entry.get("target")),
                               bool(entry.get("intransitive")), bool(entry.get("alone")))
            table.setdefault(lemma, []).append(trig)
        for lemma, trigs in table.items():  # readings that need an object word come first
            table[lemma] = sorted(trigs, key=lambda t: not (t.object or t.frame))
        out[lang] = table
    return out


def _nouns(data: dict[str, Any], endings: dict[str, Any]) -> dict[str, list[NounTrigger]]:
    out: dict[str, list[NounTrigger]] = {}
    for lang, entries in data.items():
        ends = _words(endings.get(lang))
        where = f"{LEXICON_NAME}.yaml nouns.{lang}"
        trigs = []
        for entry in entries or []:
            if not isinstance(entry, dict) or not entry.get("stem"):
                raise ConfigError(f"{where}: every entry needs a stem and a type, not {entry!r}")
            match = entry.get("match", "prefix")
            if match not in MATCHES:
                raise ConfigError(f"{where}: match must be one of {', '.join(MATCHES)}, not {match!r}")
            stem = tuple(str(entry["stem"]).lower().split())
            kind = _type(entry, where)
            trigs.append(NounTrigger(f"noun:{lang}:{'_'.join(stem)}:{kind}", stem, kind, entry.get("mode"),
                                     match, entry.get("frame"), ends))
        out[lang] = trigs
    return out


def _sets(data: dict[str, Any] | None) -> dict[str, frozenset[str]]:
    return {lang: frozenset(_words(v)) for lang, v in (data or {}).items()}


def _genders(data: dict[str, Any] | None) -> dict[str, dict[str, str]]:
    return {lang: {str(k).lower(): str(v) for k, v in (v or {}).items()} for lang, v in (data or {}).items()}


def _noun_frames(data: dict[str, Any]) -> dict[str, NounFrames]:
    out = {}
    for lang, slots in data.items():
        if not isinstance(slots, dict):
            raise ConfigError(f"{LEXICON_NAME}.yaml noun_frames.{lang}: a mapping of slot -> words, not {slots!r}")
        known = [f.name for f in fields(NounFrames)]
        unknown = set(slots) - set(known)
        if unknown:
            raise ConfigError(f"{LEXICON_NAME}.yaml noun_frames.{lang}: unknown slots {sorted(unknown)} "
                              f"(known: {', '.join(known)})")
        out[lang] = NounFrames(**{k: frozenset(_words(v)) for k, v in slots.items()})
    return out


@lru_cache(maxsize=4)
def _event_lexicon(dirs: tuple[Path, ...]) -> EventLexicon:
    data = load(LEXICON_NAME, _SCHEMA)
    return EventLexicon(
        verbs=_verbs(data["verbs"]),
        nouns=_nouns(data["nouns"], data["noun_endings"]),
        target_preps={lang: _words(v) for lang, v in data["target_preps"].items()},
        location_preps=_sets(data["location_preps"]),
        planned_modals=_sets(data["planned_modals"]),
        hypothetical_modals=_sets(data.get("hypothetical_modals")),
        planned_words=_sets(data["planned_words"]),
        negation_words=_sets(data["negation_words"]),
        pronouns=_genders(data.get("pronouns")),
        possessives=_genders(data["possessives"]),
        state_organs=_words(data.get("state_organs")),
        noun_frames=_noun_frames(data["noun_frames"]),
        place_target_types=frozenset(str(t).upper() for t in data.get("place_target_types") or ()),
        phrase_stops=frozenset(str(w) for w in data["phrase_stops"]),
        coordinators={lang: (", ", *(f" {w} " for w in _words(v))) for lang, v in data["coordinators"].items()},
        condition_openers=_sets(data["condition_openers"]),
        content_types=frozenset(_type({"type": t}, f"{LEXICON_NAME}.yaml content_types") for t in data["content_types"]),
        reflexives=_sets(data["reflexives"]),
        border_words=_sets(data["border_words"]),
        partitive_preps=_sets(data["partitive_preps"]),
        strict_modes=frozenset(_words(data["strict_modes"])),
        border_types=frozenset(_type({"type": t}, f"{LEXICON_NAME}.yaml border_types") for t in data["border_types"]),
        targetless_types=frozenset(_type({"type": t}, f"{LEXICON_NAME}.yaml targetless_types")
                                   for t in data["targetless_types"]),
        stray_particles={lang: _words(v) for lang, v in (data.get("stray_particles") or {}).items()},
        group_nouns=_sets(data.get("group_nouns")),
    )


def event_lexicon() -> EventLexicon:
    """The merged event lexicon (rebuilt when ``LAGEBILD_LEXICON_DIRS`` changes)."""
    return _event_lexicon(lexicon_dirs())
