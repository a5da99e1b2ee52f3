"""Quality gate on the seed articles (../shared, skipped when absent): quotes with the right
speaker and speaker-blind quote spans, scored by ``lagebild.evaluate`` as ``lagebild eval`` does.

Minimums are the brief's targets, below the scores measured when the gate was set (speaker 0.993, blind 1.000 on
2026-11-22 with the actors layer of that day); never lower them silently.
"""

from __future__ import annotations

import json
from pathlib import Path

MIN_SPEAKER_F1 = 0.75
MIN_BLIND_F1 = 0.85


def test_speech_seeds_quote_scores(seeds_dir: Path, gold_dir: Path) -> None:
    from lagebild.analyze import analyze
    from lagebild.evaluate import score_document

    tp = {"quotes": 0, "quotes_speaker_blind": 0}
    fp = dict(tp)
    fn = dict(tp)
    for gold_file in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        doc = analyze((seeds_dir / gold["doc"]).read_text(encoding="utf-8"),
                      published=gold.get("published"))
        score = score_document(doc.to_json(), gold)
        for layer in tp:
            c = score.layers[layer]
            tp[layer] += c.tp
            fp[layer] += c.fp
            fn[layer] += c.fn

    def f1(layer: str) -> float:
        return 2 * tp[layer] / max(1, 2 * tp[layer] + fp[layer] + fn[layer])

    assert f1("quotes_speaker_blind") >= MIN_BLIND_F1
    assert f1("quotes") >= MIN_SPEAKER_F1
