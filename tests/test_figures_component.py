"""The figures component in the pipeline: offsets, provenance, and the score on the seed gold."""

from __future__ import annotations

import json

import pytest

from lagebild.document import Document, Metadata
from lagebild.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(["language", "figures"])


def test_figures_component_offsets_and_provenance(pipe: Pipeline) -> None:
    text = ("Washington sagte weitere 300 Millionen Dollar zu.\n\n"
            "Nach Angaben aus Kiew flogen in der Nacht bis zu 120 Drohnen auf die Hauptstadt.")
    doc = pipe(Document(text, Metadata(language="de")))
    assert [(f.text, f.unit) for f in doc.figures] == [("300 Millionen Dollar", "usd"), ("bis zu 120 Drohnen", "drone")]
    for f in doc.figures:
        assert doc.text[f.start:f.end] == f.text
        assert f.component == "figures" and f.rule
    assert "figures" in doc.layers
    exported = doc.to_json()["figures"][0]
    assert exported["value"] == 300000000 and exported["unit"] == "usd"


def test_figures_component_english_document(pipe: Pipeline) -> None:
    doc = pipe(Document("The EU pledged €18 billion for 2025.", Metadata(language="en")))
    assert [(f.text, f.value, f.unit) for f in doc.figures] == [("€18 billion", 18e9, "eur")]


def test_figures_component_rerun_replaces_layer(pipe: Pipeline) -> None:
    doc = pipe(Document("Es kamen 40 Panzer.", Metadata(language="de")))
    doc = pipe(doc)
    assert len(doc.figures) == 1


def test_figures_component_pickles_after_use() -> None:
    """A spawned batch worker receives the pipeline pickled; the finders' caches stay behind."""
    import pickle

    from lagebild.figures.component import FiguresComponent

    component = FiguresComponent()
    doc = Document("Es kamen 40 Panzer.", Metadata(language="de"))
    component(doc)
    copy = pickle.loads(pickle.dumps(component))
    assert [f.text for f in copy(Document("Es kamen 40 Panzer.", Metadata(language="de"))).figures] == ["40 Panzer"]


def test_figures_component_whole_values_stay_integers_in_every_build(pipe: Pipeline) -> None:
    # a compiled record (mypyc) turns an int given to a float field into a float: 16 would export as 16.0
    doc = pipe(Document("Die Reform betrifft 16 Bereiche und zwischen 4.000 und 5.000 Soldaten.",
                        Metadata(language="de")))
    assert [(f.value, f.value_to) for f in doc.figures] == [(16, None), (4000, 5000)]
    assert [type(f.value) for f in doc.figures] == [int, int] and type(doc.figures[1].value_to) is int
    assert '"value": 16,' in json.dumps(doc.to_json()["figures"][0], sort_keys=True)
