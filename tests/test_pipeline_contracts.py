"""Component contracts are honest: each component, run with exactly the layers it declares it
needs, gives the same result as in the full default pipeline."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from lagebild import Document, Pipeline
from lagebild.document import Metadata
from lagebild.errors import PipelineError
from lagebild.pipeline import registered
from lagebild.settings import Settings

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SAMPLE = (
    "Der Kanzler traf am 3. März 2022 in Moskau ein. „Wir wollen Frieden“, sagte er am Abend. "
    "Außenminister Lawrow erklärte, Russland sei zu Gesprächen bereit. Die Nato verlegt 5000 Soldaten "
    "nach Litauen; die Kosten liegen bei rund 1,2 Milliarden Euro. Am Freitag will Scholz nach Kiew reisen."
)


def _minimal(name: str) -> list[str]:
    """The smallest sub-list of the default order that provides ``name``'s needs, then ``name``."""
    regs = registered()
    order = list(Settings().components)
    chosen = {name}
    wanted = set(regs[name].needs)
    changed = True
    while changed:
        changed = False
        for comp in order:
            if comp not in chosen and wanted & set(regs[comp].adds):
                chosen.add(comp)
                wanted |= set(regs[comp].needs)
                changed = True
    return [c for c in order if c in chosen]


def _layer(doc: Document, layer: str) -> Any:
    if layer == "document_date":
        return (doc.meta.published, doc.meta.published_source)
    return getattr(doc, layer)


def _docs() -> list[Document]:
    docs = [Document(SAMPLE, meta=Metadata(language="de")),
            Document(SAMPLE, meta=Metadata(language="de", published=date(2022, 3, 5)))]
    if SEEDS.exists():
        import lagebild.ingest as ingest

        docs += [d for d in ingest.read_source(SEEDS) if isinstance(d, Document)][:3]
    return docs


@pytest.mark.parametrize("name", list(Settings().components))
def test_component_with_only_its_declared_needs_matches_full_pipeline(name: str) -> None:
    order = list(Settings().components)
    full = Pipeline(order[:order.index(name) + 1])  # the default pipeline up to this component: a later
    minimal = Pipeline(_minimal(name))  # one may extend the layer (speech adds the speakers it names)
    for doc in _docs():
        a = full(Document(doc.text, meta=copy.deepcopy(doc.meta)))
        b = minimal(Document(doc.text, meta=copy.deepcopy(doc.meta)))
        for layer in registered()[name].adds:
            assert _layer(b, layer) == _layer(a, layer), (name, layer, _minimal(name))


def test_actors_alone_refuses_or_resolves_role_by_date() -> None:
    text = "Der Kanzler traf am 3. März 2022 in Moskau ein."
    try:
        pipe = Pipeline(["language", "actors"])
    except PipelineError as err:
        assert "timexes" in str(err) and "'time'" in str(err)
        return
    doc = pipe(Document(text))
    assert any(m.actor == "olaf_scholz" for m in doc.mentions)


def test_every_registered_component_declares_its_contract_on_the_class() -> None:
    for name, reg in registered().items():
        cls = reg.factory
        assert cls is not None and getattr(cls, "name") == name  # noqa: B009
        assert tuple(getattr(cls, "needs")) == reg.needs and tuple(getattr(cls, "adds")) == reg.adds  # noqa: B009
