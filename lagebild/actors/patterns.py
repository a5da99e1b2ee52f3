"""The actors lexicons as typed data: ``actor_patterns.yaml`` (the nouns the rules look for) and
``actors.yaml`` (the cue words of the rules), both read through :mod:`lagebild.lexicon` so a file
of the same name in ``LAGEBILD_LEXICON_DIRS`` extends them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from lagebild import lexicon
from lagebild.actors.words import norm
from lagebild.errors import ConfigError

PATTERNS_NAME = "actor_patterns.yaml"
CUES_NAME = "actors.yaml"
PATTERNS_PATH = lexicon.LEXICON_DIR / PATTERNS_NAME


@dataclass(frozen=True)
class Patterns:
    person_nouns: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # lang -> gender -> nouns
    nationality_nouns: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # country -> gender
    counterpart_nouns: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    noun_families: dict[str, list[str]] = field(default_factory=dict)
    office_modifiers: dict[str, list[str]] = field(default_factory=dict)
    plural_cues: dict[str, list[str]] = field(default_factory=dict)
    government_nouns: dict[str, list[str]] = field(default_factory=dict)
    ministry_nouns: dict[str, dict[str, str]] = field(default_factory=dict)
    force_nouns: dict[str, list[str]] = field(default_factory=dict)
    group_nouns: dict[str, dict[str, str]] = field(default_factory=dict)
    organisation_heads: dict[str, list[str]] = field(default_factory=dict)
    location_prepositions: dict[str, list[str]] = field(default_factory=dict)
    communication_nouns: dict[str, list[str]] = field(default_factory=dict)
    mood_nouns: dict[str, list[str]] = field(default_factory=dict)
    subnational_cues: dict[str, list[str]] = field(default_factory=dict)
    byline_cues: dict[str, list[str]] = field(default_factory=dict)
    pronouns: dict[str, dict[str, str]] = field(default_factory=dict)
    name_stoplist: list[str] = field(default_factory=list)
    non_actor_names: dict[str, list[str]] = field(default_factory=dict)  # kind -> names (weapons, platforms)
    metonymy_cues: dict[str, list[str]] = field(default_factory=dict)  # lang -> words
    post_modifiers: dict[str, list[str]] = field(default_factory=dict)  # lang -> words after a title
    party_nouns: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # party id -> gender -> nouns
    agent_verbs: dict[str, list[str]] = field(default_factory=dict)  # lang -> verb lemmas (generic groups)


_PATTERN_SCHEMA: dict[str, type | tuple[type, ...]] = {
    f"{f.name}?": (list if f.name == "name_stoplist" else dict) for f in fields(Patterns)}


def _check_strings(node: Any, where: str) -> None:
    """Every word is a string: YAML 1.1 reads a bare ``On``/``no`` as a boolean."""
    if isinstance(node, dict):
        for k, v in node.items():
            _check_strings(v, f"{where}.{k}")
    elif isinstance(node, list):
        bad = [x for x in node if not isinstance(x, str)]
        if bad:
            raise ConfigError(f"{where}: {bad!r} must be words (quote them: YAML reads On/No/Yes as booleans)")


def patterns_from(data: Mapping[str, Any], where: str) -> Patterns:
    """``Patterns`` from a parsed ``actor_patterns`` mapping (``ConfigError`` names a wrong key)."""
    known = {f.name for f in fields(Patterns)}
    unknown = set(data) - known - {"meta"}
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(known))}")
    _check_strings(dict(data), where)
    return Patterns(**{k: v for k, v in data.items() if k in known and v is not None})


def load_patterns(path: Path | str | None = None) -> Patterns:
    """The actor patterns: the shipped lexicon merged with ``LAGEBILD_LEXICON_DIRS``, or one file."""
    if path is None:
        return patterns_from(lexicon.load(PATTERNS_NAME, _PATTERN_SCHEMA), PATTERNS_NAME)
    data = lexicon.read_yaml(Path(path)) or {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the top level must be a mapping")
    return patterns_from(data, str(path))


@lru_cache(maxsize=4)
def _patterns(dirs: tuple[Path, ...]) -> Patterns:
    return load_patterns()


def get_patterns() -> Patterns:
    """The actor patterns for the current lexicon directories, loaded once."""
    return _patterns(lexicon.lexicon_dirs())


# -- the cue words of the rules (actors.yaml) --------------------------------------------------------

@dataclass(frozen=True)
class Cues:
    """The cue words of the rules, normalised (see ``actors.yaml`` for what each one is for)."""

    determiners: frozenset[str]
    indefinite: frozenset[str]
    singular: frozenset[str]
    singular_sentence_initial: frozenset[str]
    possessive_gender: dict[str, str | None]
    months: frozenset[str]
    name_particles: frozenset[str]
    name_connectors: frozenset[str]
    author_separators: tuple[str, ...]
    adjective_endings: tuple[str, ...]
    adjectival_suffixes: tuple[str, ...]
    noun_stem_suffixes: tuple[str, ...]
    possessive_clitics: frozenset[str]
    agentive_adverbs: frozenset[str]
    not_specific: frozenset[str]
    passive_agent: frozenset[str]
    location_not_skipped: frozenset[str]
    source_prepositions: frozenset[str]
    location_coordinators: frozenset[str]
    impersonal_subjects: frozenset[str]
    in_prepositions: frozenset[str]
    plural_article: frozenset[str]
    compass_directions: frozenset[str]
    compass_prepositions: frozenset[str]
    compass_article_prepositions: frozenset[str]
    compass_articles: frozenset[str]
    compass_coordinators: frozenset[str]
    compass_genitives: frozenset[str]
    compass_genitive_articles: frozenset[str]
    metonymy_indefinite: frozenset[str]
    government_nouns: frozenset[str]
    government_speaks: frozenset[str]
    subnational_of: frozenset[str]
    subnational_of_heads: frozenset[str]
    qualifier_genitives: frozenset[str]
    qualifier_possessives: frozenset[str]
    quotative: frozenset[str]
    pronouns: dict[str, dict[str, str]]
    generic_person_nouns: frozenset[str]
    org_connectors: frozenset[str]
    org_open_connectors: frozenset[str]
    org_coordinators: frozenset[str]
    org_city_heads: frozenset[str]
    org_adjective_stems: tuple[str, ...]
    org_adjective_endings: dict[str, str]
    org_adjective_ending_default: str
    byline_copulas: frozenset[str]


# the sections of actors.yaml; ``cues_from`` checks every key inside them
_CUE_SCHEMA: dict[str, type | tuple[type, ...]] = {
    "determiners": dict, "names": dict, "inflection": dict, "agentive": dict, "specific_group": dict,
    "location": dict, "plural": dict, "compass": dict, "metonymy": dict, "subnational": dict, "qualifier": dict,
    "role_noun": dict, "pronouns": dict, "coref": dict, "organisation": dict, "bylines": dict}


class _Reader:
    """Dotted keys of one lexicon mapping -> normalised word collections (``ConfigError`` names the key)."""

    def __init__(self, data: Mapping[str, Any], where: str) -> None:
        self.data = data
        self.where = where

    def node(self, key: str) -> Any:
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise ConfigError(f"lexicon {self.where}: missing key {key!r}")
            node = node[part]
        return node

    def words(self, key: str, *, normalise: bool = True) -> tuple[str, ...]:
        words = self.node(key)
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise ConfigError(f"lexicon {self.where}: {key!r} must be a list of words "
                              "(quote words YAML reads as booleans: \"on\", \"no\")")
        return tuple(norm(w) if normalise else w for w in words)

    def word_set(self, key: str, *, normalise: bool = True) -> frozenset[str]:
        return frozenset(self.words(key, normalise=normalise))

    def mapping(self, key: str) -> dict[str, Any]:
        value = self.node(key)
        if not isinstance(value, dict):
            raise ConfigError(f"lexicon {self.where}: {key!r} must be a mapping")
        return {norm(str(k)): v for k, v in value.items()}


def _function_words(*keys: str) -> frozenset[str]:
    return frozenset(norm(w) for w in lexicon.words("function_words", *keys))


def cues_from(data: Mapping[str, Any], where: str = CUES_NAME) -> Cues:
    r = _Reader(data, where)
    articles = _function_words("de.articles", "de.possessives", "en.articles", "en.possessives")
    return Cues(
        determiners=articles - r.word_set("determiners.not_determiners"),
        indefinite=r.word_set("determiners.indefinite"),
        singular=r.word_set("determiners.singular"),
        singular_sentence_initial=r.word_set("determiners.singular_sentence_initial"),
        possessive_gender=r.mapping("determiners.possessive_gender"),
        months=_function_words("de.months", "en.months", "de.month_abbreviations", "en.month_abbreviations"),
        name_particles=r.word_set("names.particles"),
        name_connectors=r.word_set("names.connectors"),
        author_separators=r.words("names.author_separators"),
        adjective_endings=r.words("inflection.adjective_endings"),
        adjectival_suffixes=r.words("inflection.adjectival_suffixes", normalise=False),
        noun_stem_suffixes=r.words("inflection.noun_stem_suffixes"),
        possessive_clitics=r.word_set("inflection.possessive_clitics"),
        agentive_adverbs=r.word_set("agentive.adverbs"),
        not_specific=r.word_set("specific_group.not_specific"),
        passive_agent=r.word_set("specific_group.passive_agent"),
        location_not_skipped=r.word_set("location.not_skipped"),
        source_prepositions=r.word_set("location.source_prepositions"),
        location_coordinators=r.word_set("location.coordinators"),
        impersonal_subjects=r.word_set("location.impersonal_subjects"),
        in_prepositions=r.word_set("location.in"),
        plural_article=r.word_set("plural.plural_article"),
        compass_directions=r.word_set("compass.directions"),
        compass_prepositions=r.word_set("compass.prepositions"),
        compass_article_prepositions=r.word_set("compass.article_prepositions"),
        compass_articles=r.word_set("compass.articles"),
        compass_coordinators=r.word_set("compass.coordinators"),
        compass_genitives=r.word_set("compass.genitives"),
        compass_genitive_articles=r.word_set("compass.genitive_articles"),
        metonymy_indefinite=r.word_set("metonymy.indefinite"),
        government_nouns=r.word_set("metonymy.government_nouns"),
        government_speaks=r.word_set("metonymy.government_speaks"),
        subnational_of=r.word_set("subnational.of", normalise=False),
        subnational_of_heads=r.word_set("subnational.of_heads", normalise=False),
        qualifier_genitives=r.word_set("qualifier.genitive_articles"),
        qualifier_possessives=r.word_set("qualifier.possessives"),
        quotative=r.word_set("role_noun.quotative"),
        pronouns={str(lang): {norm(str(w)): str(g) for w, g in (ws or {}).items()}
                  for lang, ws in r.mapping("pronouns").items()},
        generic_person_nouns=r.word_set("coref.generic_nouns"),
        org_connectors=r.word_set("organisation.connectors"),
        org_open_connectors=r.word_set("organisation.open_connectors"),
        org_coordinators=r.word_set("organisation.coordinators"),
        org_city_heads=r.word_set("organisation.city_heads"),
        org_adjective_stems=r.words("organisation.adjective_stems", normalise=False),
        org_adjective_endings={k: str(v) for k, v in r.mapping("organisation.adjective_endings").items()},
        org_adjective_ending_default=str(r.node("organisation.adjective_ending_default")),
        byline_copulas=r.word_set("bylines.copulas"),
    )


@lru_cache(maxsize=4)
def _cues(dirs: tuple[Path, ...]) -> Cues:
    return cues_from(lexicon.load(CUES_NAME, _CUE_SCHEMA))


def get_cues() -> Cues:
    """The rules' cue words for the current lexicon directories, loaded once."""
    return _cues(lexicon.lexicon_dirs())
