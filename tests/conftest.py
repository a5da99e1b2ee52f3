"""Shared fixtures. The seeds and gold files are read from ../shared where they stand."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "eval" / "seeds"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return SEEDS


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    if not GOLD.is_dir():
        pytest.skip("../shared/eval/seeds is not present")
    return GOLD


@pytest.fixture(scope="session")
def pipeline():
    from lagebild.pipeline import default_pipeline

    return default_pipeline()


# -- the actors layer on the shipped knowledge base (tests/test_actors_*.py) ------------------------
@pytest.fixture(scope="session")
def actors_doc():
    """``actors_doc(text, published=date | None, language="de", author=None, timexes=[(surface, value)])``:
    a hand-built document, tokenised, with the given time expressions (as the time layer would add
    them), run through one actors component on the shipped knowledge base."""
    from lagebild.actors.component import ActorsComponent
    from lagebild.document import Document, Metadata, Timex
    from lagebild.language import tokenize

    component = ActorsComponent()

    def run(text, *, published, language="de", author=None, timexes=()):
        doc = Document(text, Metadata(language=language, published=published, author=author))
        tokenize(doc)
        for surface, value in timexes:
            s = text.index(surface)
            doc.timexes.append(Timex(s, s + len(surface), "time", "test", 1.0, text=surface, value=value))
        return component(doc)

    return run
