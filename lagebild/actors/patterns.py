"""The actor patterns lexicon (``lagebild/lexicons/actor_patterns.yaml``) as typed data."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from lagebild.errors import ConfigError

PATTERNS_PATH = Path(__file__).resolve().parents[1] / "lexicons" / "actor_patterns.yaml"


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


def _check(data: dict[str, Any], path: Path) -> None:
    known = set(Patterns.__dataclass_fields__)
    unknown = set(data) - known
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(known))}")


def load_patterns(path: Path | str = PATTERNS_PATH) -> Patterns:
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{p}: cannot read the actor patterns: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{p}: the top level must be a mapping")
    _check(data, p)
    return Patterns(**{k: v for k, v in data.items() if v is not None})


@lru_cache(maxsize=2)
def get_patterns(path: str = str(PATTERNS_PATH)) -> Patterns:
    return load_patterns(path)
