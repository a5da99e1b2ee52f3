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
__all__ = ["Document", "Pipeline", "Settings", "analyze", "analyze_many", "default_pipeline", "__version__"]
