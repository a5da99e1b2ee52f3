"""The pipeline version: one hash over what decides an analysis, so that ``lagebild batch``
re-analyses exactly the documents whose results could differ.

It covers the package version, the component list and the component settings, and the content
(not the modification time) of every file the components read: the shipped lexicons, models and
knowledge base, the user's ``LAGEBILD_LEXICON_DIRS`` and ``LAGEBILD_KB_DIRS``. Editing one word of a
lexicon changes the version; touching a file does not. Hashing the ~5 MB of shipped files takes
~20 ms, once per run (on the driver).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from lagebild.lexicon import content_key, lexicon_dirs
from lagebild.settings import Settings

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# folders of the package whose files the components read (lexicons, models, knowledge base)
DATA_DIRS = ("lexicons", "models", "actors/data")
DATA_SUFFIXES = frozenset({".yaml", ".yml", ".json", ".tsv", ".gz", ".crfsuite", ".txt"})


def _files(folders: Iterable[Path]) -> Iterator[tuple[str, Path]]:
    """(label, path) of every data file under ``folders``, in a stable order."""
    for n, folder in enumerate(folders):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix.lower() in DATA_SUFFIXES and not path.name.startswith("."):
                yield f"{n}:{path.relative_to(folder).as_posix()}", path


@lru_cache(maxsize=64)
def _file_hash(path: Path, size: int, mtime_ns: int) -> str:
    return content_key(path.read_bytes())


def version_parts(settings: Settings) -> dict[str, str]:
    """12 hex digits per part of what decides an analysis: ``pipeline`` (the package version,
    the components and their settings), ``lexicons`` (shipped and ``LAGEBILD_LEXICON_DIRS``),
    ``models``, ``kb`` (the knowledge base: shipped, ``LAGEBILD_KB_DIRS``, the figures' units)."""
    from lagebild import __version__

    options = [f"{f}={getattr(settings, f)!r}" for f in ("languages", "speech", "figures", "clauses")]
    groups: dict[str, list[Path]] = {
        "lexicons": [PACKAGE_DIR / "lexicons", *lexicon_dirs()[1:]],
        "models": [PACKAGE_DIR / "models"],
        "kb": [PACKAGE_DIR / "actors" / "data", *settings.kb_dirs],
    }
    parts = {"pipeline": content_key(__version__, ",".join(settings.components), *options)[:12]}
    for name, folders in groups.items():
        keys: list[str] = []
        for label, path in _files(folders):
            stat = path.stat()
            keys += [label, _file_hash(path, stat.st_size, stat.st_mtime_ns)]
        if name == "kb" and settings.figures.units_path is not None and Path(settings.figures.units_path).is_file():
            keys.append(content_key(Path(settings.figures.units_path).read_bytes()))
        parts[name] = content_key(name, *keys)[:12]
    return parts


def pipeline_version(settings: Settings) -> str:
    """16 hex digits naming the analysis ``settings`` give with the files installed now (over
    ``version_parts``). Example: ``pipeline_version(Settings.from_env())`` -> ``"3f2a…"``."""
    parts = version_parts(settings)
    return content_key(*(f"{k}={v}" for k, v in sorted(parts.items())))[:16]


def describe_version(settings: Settings) -> dict[str, object]:
    """What went into the version (for the run's manifest)."""
    from lagebild import __version__

    return {"package": __version__, "components": list(settings.components), "parts": version_parts(settings),
            "options": {f.name: repr(getattr(settings, f.name)) for f in dataclasses.fields(settings)
                        if f.name in ("languages", "speech", "figures", "clauses")}}
