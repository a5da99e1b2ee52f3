"""Quality gate: scores on the seed gold are pinned as minimums (tests/eval_baseline.json).

A regression fails CI. When the system improves, raise the minimums; never lower one silently.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lagebild.evaluate import EvalReport, evaluate

BASELINE = json.loads((Path(__file__).parent / "eval_baseline.json").read_text(encoding="utf-8"))
EPS = 1e-4


@pytest.fixture(scope="module")
def report(gold_dir: Path, seeds_dir: Path) -> EvalReport:
    return evaluate(gold_dir, seeds_dir)


@pytest.mark.parametrize("layer", sorted(BASELINE["layers"]))
def test_quality_gate_layer_f1_not_below_baseline(report: EvalReport, layer: str) -> None:
    f1 = report.layer(layer).f1
    assert f1 + EPS >= BASELINE["layers"][layer], f"{layer} F1 {f1:.4f} fell below {BASELINE['layers'][layer]}"


@pytest.mark.parametrize("field", sorted(BASELINE["metadata"]))
def test_quality_gate_metadata_not_below_baseline(report: EvalReport, field: str) -> None:
    acc = report.metadata_accuracy(field)
    assert acc + EPS >= BASELINE["metadata"][field], f"{field} accuracy {acc:.2f} fell below baseline"
