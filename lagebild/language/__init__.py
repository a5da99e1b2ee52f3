"""Language layer: paragraphs, sentences and tokens, morphology on demand (HanTa), the NER model."""

from __future__ import annotations

from lagebild.language.morphology import Morphology as Morphology
from lagebild.language.morphology import morphology as morphology
from lagebild.language.tokenize import LanguageComponent as LanguageComponent
from lagebild.language.tokenize import split_paragraphs as split_paragraphs
from lagebild.language.tokenize import tokenize as tokenize
