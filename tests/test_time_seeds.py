"""Quality gate on the seed articles (a dev set): timex value F1 must stay at or above 0.85.
Match = overlapping text and the same value; optional gold items count neither way (FORMAT.md)."""

from __future__ import annotations

import json
from pathlib import Path

from test_time_helpers import run_time

MIN_VALUE_F1 = 0.85  # the brief's bar; 1.000 measured at 12:10 UTC on 2026-11-22


def _gold_spans(text: str, items: list[dict]) -> list[tuple[int, int, str, bool]]:
    out = []
    for it in items:
        pos = -1
        for _ in range(int(it.get("occurrence", 1))):
            pos = text.find(it["text"], pos + 1)
        if pos >= 0:
            out.append((pos, pos + len(it["text"]), it["value"], bool(it.get("optional"))))
    return out


def test_time_seeds_value_f1(seeds_dir: Path, gold_dir: Path) -> None:
    tp = fp = fn = 0
    for gpath in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        text = (seeds_dir / gold["doc"]).read_text(encoding="utf-8")
        doc = run_time(text, gold["published"], gold.get("language", "de"))
        spans = _gold_spans(text, gold.get("timexes", []))
        used: set[int] = set()
        for gs, ge, gv, optional in spans:
            hit = [i for i, t in enumerate(doc.timexes) if t.start < ge and gs < t.end and t.value == gv]
            used.update(hit)
            if not optional:
                tp, fn = (tp + 1, fn) if hit else (tp, fn + 1)
        for i, t in enumerate(doc.timexes):
            if i in used:
                continue
            if any(gs < t.end and t.start < ge and opt for gs, ge, _, opt in spans):
                continue
            fp += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    assert f1 >= MIN_VALUE_F1, f"timex value F1 {f1:.3f} (P {precision:.3f}, R {recall:.3f})"


def test_time_seeds_offsets_are_exact(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = run_time(text, "2022-02-15")
        for t in doc.timexes:
            assert text[t.start:t.end] == t.text
            assert t.type in ("date", "time", "duration", "set")
