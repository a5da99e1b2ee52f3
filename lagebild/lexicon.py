"""Loading the ingest lexicons (YAML under lagebild/lexicons/) once per process."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from lagebild.errors import ConfigError

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"


@lru_cache(maxsize=8)
def load_yaml(name: str) -> dict[str, Any]:
    path = LEXICON_DIR / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"lexicon {path} cannot be read: {exc}; fix or restore the file") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"lexicon {path} must be a YAML mapping")
    return data


def compile_patterns(patterns: list[str], flags: int = re.IGNORECASE | re.MULTILINE) -> list[re.Pattern[str]]:
    out = []
    for p in patterns:
        try:
            out.append(re.compile(p, flags))
        except re.error as exc:
            raise ConfigError(f"invalid regex {p!r} in an ingest lexicon: {exc}") from exc
    return out
