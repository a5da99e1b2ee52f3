"""One options object with shipped defaults; the environment overrides them key by key.

Environment variables: ``LAGEBILD_DB`` (store URL or SQLite path), ``LAGEBILD_KB_DIRS``
(extra knowledge-base directories, ``os.pathsep``-separated, their YAML overrides the shipped
entries by id), ``LAGEBILD_LEXICON_DIRS`` (extra lexicon directories, merged over the shipped
lexicons; read by ``lagebild.lexicon``), ``LAGEBILD_MAX_BYTES`` (largest input accepted),
``LAGEBILD_FETCH_TIMEOUT``, ``LAGEBILD_WORKERS``, ``LAGEBILD_MAX_SECONDS`` (analysis processes; 0 = one per core).

Per-component options are typed dataclasses (``Settings.speech``, ``Settings.figures``,
``Settings.dedup``, ``Settings.clauses``); ``lagebild.settings.describe()`` lists every option with its default.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

DEFAULT_DB = "lagebild.db"


@dataclass(frozen=True)
class SpeechSettings:
    broad: bool = False  # also SpkAtt-style reported speech acts and zu-infinitive contents


@dataclass(frozen=True)
class ClausesSettings:
    tagger: str = "lexical"  # lexical (HanTa per word form + context rules) | viterbi (HanTa's sentence tagger)


@dataclass(frozen=True)
class FiguresSettings:
    units_path: Path | None = None  # a units lexicon to use instead of the shipped units.yaml


@dataclass(frozen=True)
class DedupSettings:
    minhash_num_perm: int = 128  # MinHash permutations for near-duplicate detection


@dataclass(frozen=True)
class Settings:
    db: str = DEFAULT_DB
    kb_dirs: tuple[Path, ...] = ()
    max_bytes: int = 5_000_000  # inputs larger than this are skipped with a reason
    fetch_timeout: float = 10.0  # seconds per HTTP request
    fetch_max_bytes: int = 5_000_000
    duplicate_policy: str = "link"  # skip | keep | link
    near_duplicate_threshold: float = 0.5  # MinHash Jaccard estimate (see lagebild/ingest/dedup.py)
    languages: tuple[str, ...] = ("de", "en")
    components: tuple[str, ...] = ("language", "dating", "time", "actors", "figures", "clauses", "speech",
                                     "events", "stances", "commitments")
    workers: int = 0  # analysis processes for ingest/analyze; 0 = one per core
    max_seconds: float = 60.0  # deadline of one document's analysis; 0 = none (LAGEBILD_MAX_SECONDS)
    allow_private: bool = False  # fetch URLs on loopback/private/link-local addresses too (--allow-private)
    speech: SpeechSettings = field(default_factory=SpeechSettings)
    figures: FiguresSettings = field(default_factory=FiguresSettings)
    clauses: ClausesSettings = field(default_factory=ClausesSettings)
    dedup: DedupSettings = field(default_factory=DedupSettings)

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        s = cls()
        env = os.environ
        if env.get("LAGEBILD_DB"):
            s = replace(s, db=env["LAGEBILD_DB"])
        if env.get("LAGEBILD_KB_DIRS"):
            s = replace(s, kb_dirs=tuple(Path(p) for p in env["LAGEBILD_KB_DIRS"].split(os.pathsep) if p))
        if env.get("LAGEBILD_MAX_BYTES"):
            s = replace(s, max_bytes=int(env["LAGEBILD_MAX_BYTES"]))
        if env.get("LAGEBILD_FETCH_TIMEOUT"):
            s = replace(s, fetch_timeout=float(env["LAGEBILD_FETCH_TIMEOUT"]))
        if env.get("LAGEBILD_MAX_SECONDS", "").strip():
            from lagebild.errors import ConfigError

            try:
                s = replace(s, max_seconds=float(env["LAGEBILD_MAX_SECONDS"]))
            except ValueError:
                raise ConfigError("LAGEBILD_MAX_SECONDS must be a number of seconds (0 = no limit), "
                                  f"not {env['LAGEBILD_MAX_SECONDS']!r}") from None
        if env.get("LAGEBILD_WORKERS"):
            s = replace(s, workers=int(env["LAGEBILD_WORKERS"]))
        clean = {k: v for k, v in overrides.items() if v is not None}
        return replace(s, **clean) if clean else s


def describe(obj: Any = None, prefix: str = "") -> dict[str, Any]:
    """Every option as ``{"dotted.name": default}``, nested component settings included."""
    obj = obj if obj is not None else Settings()
    out: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            out.update(describe(value, f"{prefix}{f.name}."))
        else:
            out[f"{prefix}{f.name}"] = value
    return out
