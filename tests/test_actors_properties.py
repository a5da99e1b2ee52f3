"""Property test: on any sequence of words from the genre, the actors layer never fails, every
mention's offsets select exactly its text, and every counted actor has a mention or is an author."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.actors.component import ActorsComponent
from lagebild.actors.loader import load_kb
from lagebild.document import Document, Metadata
from lagebild.language import tokenize

FIXTURE = Path(__file__).parent / "data" / "kb"
WORDS = ["Putin", "Putins", "ein", "Sprecher", "Hauses", "US-Unterhändlern", "der", "Kanzler", "Kreml", "in", "Moskau", "US-Präsident", "sagte", ",", ".",
         "russische", "Soldaten", "Regierung", "Experte", "Jan", "Kowalski", "von", "Institut", "für",
         "Frieden", "nach", "Kiew", "Georgia", "Meloni", "er", "sie", "Vize-Außenminister", "die", "beiden",
         "Außenminister", "Weißen", "Haus", "im", "Nato-Verbündeten", "„", "“", "Die", "Welt", "Blinken",
         "Amtskollege", "sein", "Selenskyjs", "-", "Stiftung", "Wissenschaft", "und", "Politik"]


@lru_cache(maxsize=1)
def component() -> ActorsComponent:
    return ActorsComponent(kb=load_kb([FIXTURE], shipped=False))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=0, max_size=40), st.sampled_from([None, "2022-02-15"]))
def test_actors_properties_offsets_and_consistency(words: list[str], day: str | None) -> None:
    from datetime import date

    doc = Document(" ".join(words), Metadata(language="de", published=date.fromisoformat(day) if day else None))
    tokenize(doc)
    component()(doc)
    for m in doc.mentions:
        assert doc.text[m.start:m.end] == m.text
        assert 0.0 <= m.confidence <= 1.0 and m.rule and m.component == "actors"
    mentioned = {m.actor for m in doc.mentions if m.actor}
    for aid, actor in doc.actors.items():
        assert aid == actor.id
        assert aid in mentioned or actor.role == "author"
