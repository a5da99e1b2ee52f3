"""Figures in the demo corpus (examples/corpus, written for Lagebild): a regression guard."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.document import Document
from lagebild.pipeline import Pipeline

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# file -> (figure text, value, unit) that must be found
EXPECTED = {
    "de_2022-02-14_scholz_kiew.txt": [("150 Millionen Euro", 150e6, "eur"), ("fast 2 Milliarden Euro", 2e9, "eur")],
    # a range is one figure: value = lower end, value_to = upper end (units.yaml, blind2 gold)
    "de_2022-02-24_invasion.txt": [("zwischen 150.000 und 190.000 Soldaten", 150000, "soldier")],
    "de_2022-07-22_getreideabkommen.txt": [("rund 20 Millionen Tonnen", 20e6, "tonne"),
                                           ("fast 33 Millionen Tonnen", 33e6, "tonne")],
    "de_2025-06-02_istanbul_zweite_runde.txt": [("6000 gefallenen Soldaten", 6000, "soldier"),
                                                ("mehr als 40 getroffenen Flugzeugen", 40, "aircraft")],
    "de_2025-08-18_weisses_haus_europaeer.html": [("rund 90 Milliarden Dollar", 90e9, "usd")],
    "en_2022-07-22_grain_deal.txt": [("some 20 million tonnes", 20e6, "tonne"), ("about 5 million tonnes", 5e6, "tonne")],
}


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(["language", "figures"])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_figures_corpus_expected_figures(name: str, pipe: Pipeline) -> None:
    from lagebild import ingest

    path = EXAMPLES / "corpus" / name
    if not path.exists():
        pytest.skip(f"{path} is not present")
    doc = next(d for d in ingest.read_source(path) if isinstance(d, Document))
    found = {(f.text, f.unit): f.value for f in pipe(doc).figures}
    for text, value, unit in EXPECTED[name]:
        assert (text, unit) in found, sorted(found)
        assert found[(text, unit)] == pytest.approx(value)


def test_figures_corpus_rate_on_english_grain_deal(pipe: Pipeline) -> None:
    from lagebild import ingest

    path = EXAMPLES / "corpus" / "en_2022-07-22_grain_deal.txt"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    doc = next(d for d in ingest.read_source(path) if isinstance(d, Document))
    rates = {f.text: f.rate for f in pipe(doc).figures}
    assert rates["about 5 million tonnes"] == "P1M"
