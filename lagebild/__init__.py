"""Lagebild: a sourced, time-aware situation picture from news about diplomacy and conflict.

    >>> import lagebild
    >>> doc = lagebild.analyze("Kremlchef Wladimir Putin traf am Montag Bundeskanzler Olaf Scholz.",
    ...                        published="2022-02-15")
    >>> doc.to_json()["actors"]
"""

from __future__ import annotations

from lagebild.analyze import analyze, analyze_many
from lagebild.document import Document
from lagebild.pipeline import Pipeline, default_pipeline
from lagebild.settings import Settings

__version__ = "0.1.0"
__all__ = ["Document", "Pipeline", "Settings", "analyze", "analyze_many", "compiled_modules", "default_pipeline",
           "__version__"]


def compiled_modules() -> list[str]:
    """The modules this install runs compiled to C (``pip install .`` compiles the hot ones with mypyc,
    see ``setup.py``); empty for pure Python (an editable install, or no C compiler at install time).
    Read from the package's files, without importing them."""
    from importlib.machinery import EXTENSION_SUFFIXES
    from pathlib import Path

    root = Path(__file__).resolve().parent
    found = set()
    for suffix in EXTENSION_SUFFIXES:
        for path in root.rglob("*" + suffix):
            stem = path.name[: -len(suffix)]
            if path.with_name(stem + ".py").exists():  # a compiled module beside its source
                found.add(".".join(("lagebild", *path.relative_to(root).parent.parts, stem)))
    return sorted(found)
