"""Language identification with lingua, restricted to the languages Lagebild handles."""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

_lock = threading.Lock()
# lingua needs no more than a few hundred characters to tell German from English;
# the prefix keeps long inputs cheap.
_SAMPLE_CHARS = 3000


@lru_cache(maxsize=4)
def _detector(languages: tuple[str, ...]) -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in languages]
    return LanguageDetectorBuilder.from_languages(*langs).build()


def detect_language(text: str, languages: tuple[str, ...] = ("de", "en")) -> str | None:
    """ISO 639-1 code of the text's language among ``languages``; None for no letters."""
    sample = text[:_SAMPLE_CHARS]
    if not any(c.isalpha() for c in sample):
        return None
    with _lock:
        detector = _detector(tuple(sorted(set(languages))))
    lang = detector.detect_language_of(sample)
    if lang is None:
        return None
    return str(lang.iso_code_639_1.name).lower()
