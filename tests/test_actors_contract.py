"""The actors component's contract: it declares every layer it reads (tokens, sentences and the
time layer's timexes), and a pipeline built with exactly those needs (``language``, ``time`` and
what they need, then ``actors``) gives what the full default pipeline gives."""

from __future__ import annotations

from datetime import date

from lagebild.actors.component import ActorsComponent
from lagebild.document import Document, Metadata
from lagebild.pipeline import Pipeline, default_pipeline, registered
from lagebild.settings import Settings

TEXT = "Der Kanzler traf am 3. März 2022 in Moskau ein."


def _declared_needs_pipeline() -> Pipeline:
    """The components of the default order that provide the actors' declared needs (transitively),
    then ``actors``: ["language", "time", "actors"] (plus whatever those two need)."""
    regs = registered()
    wanted, chosen = set(ActorsComponent.needs), {"actors"}
    for comp in reversed(Settings().components):
        if comp not in chosen and wanted & set(regs[comp].adds):
            chosen.add(comp)
            wanted |= set(regs[comp].needs)
    names = [c for c in Settings().components if c in chosen]
    assert {"language", "time", "actors"} <= set(names) and "speech" not in names
    return Pipeline(names)


def _run(pipeline: Pipeline) -> Document:
    return pipeline(Document(TEXT, Metadata(language="de", published=date(2022, 3, 5))))


def test_actors_contract_declares_the_time_layer() -> None:
    assert {"tokens", "sentences", "timexes"} <= set(ActorsComponent.needs)
    assert set(ActorsComponent.adds) == {"mentions", "actors"}


def test_actors_contract_declared_needs_give_the_full_result() -> None:
    minimal = _run(_declared_needs_pipeline())
    full = _run(default_pipeline())
    kanzler = [m for m in minimal.mentions if m.text == "Kanzler"]
    assert [m.actor for m in kanzler] == ["olaf_scholz"]
    assert minimal.actors["olaf_scholz"].name == "Olaf Scholz"
    assert [(m.start, m.end, m.actor, m.kind, m.rule) for m in minimal.mentions] == \
        [(m.start, m.end, m.actor, m.kind, m.rule) for m in full.mentions]
    assert list(minimal.actors) == list(full.actors)


def test_actors_contract_reads_the_time_layer() -> None:
    """Undated, the title resolves on the date the time layer found ("am 3. März 2022"); without
    the time layer it stays unresolved (no guess at today's holder)."""
    with_time = _declared_needs_pipeline()(Document(TEXT, Metadata(language="de")))
    assert [m.actor for m in with_time.mentions if m.text == "Kanzler"] == ["olaf_scholz"]
    without = ActorsComponent()(Pipeline(["language"])(Document(TEXT, Metadata(language="de"))))
    assert [m.actor for m in without.mentions if m.text == "Kanzler"] == [None]
