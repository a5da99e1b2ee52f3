"""The time layer's own dev articles (tests/data/time_dev: eight hand-written articles, six German, two English:
plans, chronicles, narrative chains, a retrospective; gold for td04-td08 written before their first run)
and the shared dev set (tests/data/dev, timexes only): value F1 gates. Measured 1.000 on both at 12:50 UTC
on 2026-11-22 (shared dev was 0.861 before the tense/discourse work); the gates leave room for other
layers' tokenisation changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_time_helpers import run_time
from test_time_seeds import _gold_spans

DATA = Path(__file__).parent / "data"


def _value_f1(folder: Path) -> tuple[float, list[str]]:
    tp = fp = fn = 0
    errors: list[str] = []
    for gpath in sorted(folder.glob("*.gold.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        text = (folder / gold["doc"]).read_text(encoding="utf-8")
        doc = run_time(text, gold.get("published"), gold.get("language", "de"))
        spans = _gold_spans(text, gold.get("timexes", []))
        used: set[int] = set()
        for gs, ge, gv, optional in spans:
            hit = [i for i, t in enumerate(doc.timexes) if t.start < ge and gs < t.end and t.value == gv]
            used.update(hit[:1])
            if not optional:
                if hit:
                    tp += 1
                else:
                    fn += 1
                    errors.append(f"FN {gold['doc']} {text[gs:ge]!r} {gv}")
        for i, t in enumerate(doc.timexes):
            if i in used or any(gs < t.end and t.start < ge and opt for gs, ge, _, opt in spans):
                continue
            fp += 1
            errors.append(f"FP {gold['doc']} {t.text!r} {t.value}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return (2 * precision * recall / (precision + recall) if precision + recall else 0.0), errors


@pytest.mark.parametrize(("folder", "minimum"), [("time_dev", 0.95), ("dev", 0.95)])
def test_time_devset_value_f1(folder: str, minimum: float) -> None:
    path = DATA / folder
    if not any(path.glob("*.gold.json")):
        pytest.skip(f"{path} has no gold")
    f1, errors = _value_f1(path)
    assert f1 >= minimum, f"{folder}: timex value F1 {f1:.3f}; " + "; ".join(errors)
