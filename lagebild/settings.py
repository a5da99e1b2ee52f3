"""One options object with shipped defaults; the environment overrides them key by key.

Environment variables: ``LAGEBILD_DB`` (store URL or SQLite path), ``LAGEBILD_KB_DIRS``
(extra knowledge-base directories, ``os.pathsep``-separated, their YAML overrides the shipped
entries by id), ``LAGEBILD_MAX_BYTES`` (largest input accepted), ``LAGEBILD_FETCH_TIMEOUT``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

DEFAULT_DB = "lagebild.db"


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
    components: tuple[str, ...] = ("language", "time", "actors", "figures", "speech")  # time first: it infers a missing document date that role resolution needs
    extra: dict[str, Any] = field(default_factory=dict)

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
        clean = {k: v for k, v in overrides.items() if v is not None}
        return replace(s, **clean) if clean else s
