"""Evaluation of the shipped German NER model (lagebild/models/ner_de.crfsuite).

1. GermEval 2014 held-out test split (see lagebild/language/ner.py for the split): entity-level
   precision/recall/F1 (exact span + type, CoNLL style), overall and per type.
2. Speed: sentences/s of ``NerTagger.predict`` (tags only) and ``predict_scored`` (with marginal
   confidences), single thread, after one warm-up pass (feature cache filled) and cold.
3. Genre check on the seed articles (../shared/seeds, read where they stand, a DEV set): of the
   gold actors of type person / organisation, how many have a surface form that a PER / ORG span
   equals (recall), and how many PER / ORG spans equal some gold surface of any actor (precision,
   approximate: gold lists every actor, but surfaces are not exhaustive).

Usage: .venv/bin/python benchmarks/ner_eval.py [--model PATH] [--errors] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lagebild.language.ner import MODEL_PATH, NerTagger, bio_spans  # noqa: E402
from lagebild.language.ner_train import load_splits, score_spans  # noqa: E402

SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "germeval2014-ner"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "eval" / "seeds"
GOLD_TYPES = {"person": "PER", "organisation": "ORG"}


def germeval(tagger: NerTagger, data: Path) -> dict[str, Any]:
    test = load_splits(data)["test"]
    t0 = time.perf_counter()
    pred = [tagger.predict(list(s.words)) for s in test]
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    for s in test:
        tagger.predict(list(s.words))
    warm = time.perf_counter() - t0
    t0 = time.perf_counter()
    for s in test:
        tagger.predict_scored(list(s.words))
    scored = time.perf_counter() - t0
    scores: dict[str, Any] = score_spans([bio_spans(s.tags) for s in test], pred)
    scores["speed"] = {
        "sentences": len(test),
        "tokens": sum(len(s.words) for s in test),
        "predict_cold_sent_per_s": round(len(test) / cold, 1),
        "predict_warm_sent_per_s": round(len(test) / warm, 1),
        "predict_scored_warm_sent_per_s": round(len(test) / scored, 1),
    }
    return scores


def seeds(tagger: NerTagger, show_errors: bool) -> dict[str, Any]:
    from lagebild.document import Document
    from lagebild.language import tokenize

    found = {"PER": [0, 0], "ORG": [0, 0]}  # gold actors found, gold actors
    correct = {"PER": [0, 0], "ORG": [0, 0]}  # spans matching a gold surface, spans
    for gold_path in sorted(GOLD.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        text_path = SEEDS / gold["doc"]
        if not text_path.is_file():
            continue
        doc = tokenize(Document(text_path.read_text("utf-8")))
        spans = tagger.predict_doc(doc)
        surfaces = {s.casefold() for a in gold["actors"] for s in [a["name"], *a.get("surface", [])]}
        by_label: dict[str, set[str]] = {"PER": set(), "ORG": set()}
        for start, end, label, _ in spans:
            if label in by_label:
                by_label[label].add(doc.text[start:end].casefold())
        for label, texts in by_label.items():
            correct[label][1] += len(texts)
            hits = texts & surfaces
            correct[label][0] += len(hits)
            if show_errors and texts - hits:
                print(f"{gold['doc']} {label} not a gold surface: {sorted(texts - hits)}")
        for actor in gold["actors"]:
            gold_label = GOLD_TYPES.get(actor["type"])
            if gold_label is None:
                continue
            found[gold_label][1] += 1
            names = {s.casefold() for s in actor.get("surface", [])} | {actor["name"].casefold()}
            if names & by_label[gold_label]:
                found[gold_label][0] += 1
            elif show_errors:
                print(f"{gold['doc']} {gold_label} missed actor: {actor['name']} {actor.get('surface')}")
    return {
        label: {
            "actor_recall": round(found[label][0] / found[label][1], 3) if found[label][1] else None,
            "actors": found[label][1],
            "span_precision": round(correct[label][0] / correct[label][1], 3) if correct[label][1] else None,
            "spans": correct[label][1],
        }
        for label in found
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=MODEL_PATH)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--errors", action="store_true", help="print seed misses and extra spans")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args()
    t0 = time.perf_counter()
    tagger = NerTagger.load(args.model)
    tagger.predict(["Berlin"])  # loads the lexicons
    result: dict[str, Any] = {"model": str(args.model), "load_s": round(time.perf_counter() - t0, 2)}
    result["germeval_test"] = germeval(tagger, args.data)
    if GOLD.is_dir() and SEEDS.is_dir():
        result["seeds"] = seeds(tagger, args.errors)
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
