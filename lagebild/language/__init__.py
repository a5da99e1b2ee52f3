"""Language layer: paragraphs, sentences and tokens (SoMaJo), morphology on demand (HanTa)."""

from __future__ import annotations

from lagebild.language.morphology import Morphology, morphology
from lagebild.language.tokenize import LanguageComponent, split_paragraphs, tokenize

__all__ = ["LanguageComponent", "Morphology", "morphology", "split_paragraphs", "tokenize"]
