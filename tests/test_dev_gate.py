"""Second quality gate: scores on the held-out dev set ``tests/data/dev`` are pinned as minimums.

The dev set is ten hand-written articles (8 German, 2 English) about Russia-Ukraine diplomacy
events that none of the seeds cover (Istanbul 2022/2025, Buergenstock, Riyadh, Munich 2025,
Taurus, EU sanctions, Oval Office, The Hague). Nothing in the lexicons or rules may be written for
these sentences either: the set measures how the system generalises beyond what it was tuned on.
The minimums live in ``tests/data/dev/baseline.json``; raise them when the system improves.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from lagebild.evaluate import EvalReport, evaluate, locate

DEV = Path(__file__).parent / "data" / "dev"
BASELINE: dict[str, Any] = json.loads((DEV / "baseline.json").read_text(encoding="utf-8"))
GOLD_FILES = sorted(DEV.glob("*.gold.json"))
EPS = 1e-4
GENRES = {"commentary", "report", "analysis", "interview", "chronicle"}
ACTOR_TYPES = {"person", "state", "organisation", "group"}


@pytest.fixture(scope="module")
def report() -> EvalReport:
    return evaluate(DEV, DEV)


@pytest.mark.parametrize("layer", sorted(BASELINE["layers"]))
def test_dev_gate_layer_f1_not_below_baseline(report: EvalReport, layer: str) -> None:
    f1 = report.layer(layer).f1
    assert f1 + EPS >= BASELINE["layers"][layer], f"dev {layer} F1 {f1:.4f} fell below {BASELINE['layers'][layer]}"


@pytest.mark.parametrize("field", sorted(BASELINE["metadata"]))
def test_dev_gate_metadata_not_below_baseline(report: EvalReport, field: str) -> None:
    acc = report.metadata_accuracy(field)
    assert acc + EPS >= BASELINE["metadata"][field], f"dev {field} accuracy {acc:.2f} fell below baseline"


def test_dev_gate_set_has_both_languages() -> None:
    langs = [json.loads(f.read_text(encoding="utf-8"))["language"] for f in GOLD_FILES]
    assert len(GOLD_FILES) >= 10 and langs.count("de") >= 8 and langs.count("en") >= 2


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.name)
def test_dev_gold_items_are_anchored_in_their_article(gold_file: Path) -> None:
    """Every gold item must be findable in its article, or the gate silently counts it as a miss."""
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    text = (DEV / gold["doc"]).read_text(encoding="utf-8")
    assert gold["genre"] in GENRES
    missing = [
        (layer, item["text"])
        for layer in ("timexes", "quotes", "figures")
        for item in gold[layer]
        if locate(text, item["text"], item.get("occurrence", 1)) is None
    ]
    assert not missing, f"{gold_file.name}: gold text not in the article: {missing}"
    for actor in gold["actors"]:
        assert actor["type"] in ACTOR_TYPES, actor
        absent = [s for s in actor["surface"] if s not in text]
        assert not absent, f"{gold_file.name}: {actor['name']} surfaces not in the article: {absent}"
