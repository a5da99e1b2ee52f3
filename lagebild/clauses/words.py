"""The clause layer's lexicon (``lagebild/lexicons/clauses.yaml``) as one read-only object per
language, composed with the shared function words (``function_words.yaml``: subordinators,
articles)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lagebild.clauses.classes import C
from lagebild.errors import ConfigError
from lagebild.lexicon import load, words

LEXICON = "clauses"
_SCHEMA: dict[str, type | tuple[type, ...]] = {"de": dict, "en": dict}
_LANGUAGE_SCHEMA: dict[str, type] = {
    "tag_classes": dict, "verb_roles": dict, "copulas": list, "complementizers": list,
    "conditional_subordinators": list, "wie_words": list, "conditional_v1": list,
    "relative_pronouns": list, "negation": list, "complement_verbs": list,
}


def _set(node: Mapping[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in node.get(key) or ())


def _cases(node: Mapping[str, Any], key: str) -> dict[str, frozenset[str]]:
    return {str(k).lower(): frozenset(v) for k, v in (node.get(key) or {}).items()}


@dataclass(frozen=True)
class ClauseWords:
    """Word and tag classes of one language (see the lexicon's header for the tag classes)."""

    language: str
    tag_classes: Mapping[str, str]
    verb_roles: Mapping[str, str]
    copulas: frozenset[str]
    subordinators: frozenset[str]
    complementizers: frozenset[str]
    conditional: frozenset[str]
    wie: frozenset[str]
    conditional_v1: frozenset[str]
    relative: frozenset[str]
    negation: frozenset[str]
    particles: frozenset[str]
    contracted: Mapping[str, str]
    agent_prepositions: frozenset[str]
    case_forms: Mapping[str, frozenset[str]]
    determiner_stems: tuple[str, ...]
    determiner_endings: Mapping[str, frozenset[str]]
    adjective_endings: Mapping[str, frozenset[str]]
    adjective_ending_order: tuple[str, ...]  # longest first
    np_coordinators: frozenset[str]
    singular_forms: frozenset[str]
    es_subject_verbs: frozenset[str]
    subordinator_lead: frozenset[str]
    plural_forms: frozenset[str]
    complement_verbs: frozenset[str]
    subject_pronouns: frozenset[str]
    object_pronouns: frozenset[str]
    hypothetical_modals: frozenset[str]
    past_modals: frozenset[str]
    future_modals: frozenset[str]

    def word_class(self, tag: str) -> str:
        return self.tag_classes.get(tag, "other")


@lru_cache(maxsize=4)
def clause_words(language: str) -> ClauseWords:
    """The clause lexicon of ``language`` ("de" or "en"; anything else reads the English lists)."""
    lang = "de" if language == "de" else "en"
    data = load(LEXICON, _SCHEMA)
    node = data[lang]
    missing = [k for k in _LANGUAGE_SCHEMA if not isinstance(node.get(k), _LANGUAGE_SCHEMA[k])]
    if missing:
        raise ConfigError(f"lexicon {LEXICON}.yaml: {lang} lacks or mistypes {', '.join(missing)}")
    stems = tuple(sorted(_set(node, "determiner_stems"), key=len, reverse=True))
    unknown = sorted({str(v) for v in node["tag_classes"].values()} - {c.value for c in C})
    if unknown:
        raise ConfigError(f"lexicon {LEXICON}.yaml: {lang}.tag_classes uses unknown classes {unknown}; "
                          f"use one of {', '.join(c.value for c in C)}")
    return ClauseWords(
        language=lang,
        tag_classes={str(k): str(v) for k, v in node["tag_classes"].items()},
        verb_roles={str(k): str(v) for k, v in node["verb_roles"].items()},
        copulas=_set(node, "copulas"),
        subordinators=words("function_words", f"{lang}.subordinators") | _set(node, "complementizers"),
        complementizers=_set(node, "complementizers"),
        conditional=_set(node, "conditional_subordinators"),
        wie=_set(node, "wie_words"),
        conditional_v1=_set(node, "conditional_v1"),
        relative=_set(node, "relative_pronouns"),
        negation=_set(node, "negation"),
        particles=_set(node, "separable_particles"),
        contracted={str(k): str(v) for k, v in (node.get("contracted_prepositions") or {}).items()},
        agent_prepositions=_set(node, "agent_prepositions"),
        case_forms=_cases(node, "case_forms"),
        determiner_stems=stems,
        determiner_endings=_cases(node, "determiner_endings"),
        adjective_endings=_cases(node, "adjective_endings"),
        adjective_ending_order=tuple(sorted(_cases(node, "adjective_endings"), key=len, reverse=True)),
        np_coordinators=_set(node, "phrase_coordinators"),
        singular_forms=_set(node, "singular_forms"),
        es_subject_verbs=_set(node, "es_subject_verbs"),
        subordinator_lead=_set(node, "subordinator_lead"),
        plural_forms=_set(node, "plural_forms"),
        complement_verbs=_set(node, "complement_verbs"),
        subject_pronouns=_set(node, "subject_pronouns"),
        object_pronouns=_set(node, "object_pronouns"),
        hypothetical_modals=_set(node, "hypothetical_modals"),
        past_modals=_set(node, "past_modals"),
        future_modals=_set(node, "future_modals"),
    )
