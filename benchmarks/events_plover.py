"""PLOVER type accuracy of the events layer on the English PLOVER gold-standard records.

The records (``../shared/data/plover-gsr/gold_standard_records/PLOVER_GSR_CAMEO.txt``, CC BY-SA 4.0,
Open Event Data Alliance; read where they stand, nothing is copied) are 322 English sentences, edited
examples from the CAMEO manual, each coded with one PLOVER event. They use an older type set; we map
DEMAND -> REQUEST, DISAPPROVE -> ACCUSE, FIGHT -> ASSAULT (the current manual's 16 types) and leave
out INVESTIGATE (no longer a type).

Three numbers per record: **events** — the type of the first event the component emits (which needs
an actor in the knowledge base as source and, for most types, a target: "Moroccan diplomats" is not
one, so many sentences give no event); **events incl. those without a target** — the same with the
events the component leaves out for want of a target (``targetless_types`` in the lexicon); **triggers** — the first verbal reading or nominal trigger of the lexicon, whatever fills its
slots (the lexicon's coverage alone). Reported: coverage (a type was predicted), accuracy over all
records (no prediction = wrong), accuracy where predicted, and macro-F1 over the 16 types.

``--speed`` measures instead what the new layers cost: CPU time (best of three) of the events,
stances and commitments components per 1,000 words, on every third article of the example corpus (``examples/corpus``), and
their share of the whole default pipeline's time on the same documents (the share is the number to
compare across machines; the absolute times depend on the machine).

Run: .venv/bin/python benchmarks/events_plover.py [--out benchmarks/results/events_plover.md] [--speed]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GSR = ROOT.parent / "shared" / "data" / "plover-gsr" / "gold_standard_records" / "PLOVER_GSR_CAMEO.txt"
MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT"}
SKIP = {"INVESTIGATE", "DOCUMENT"}


def records() -> list[tuple[str, str]]:
    data = json.loads(GSR.read_text(encoding="utf-8"))
    return [(r["text"], MAP.get(r["event"], r["event"])) for r in data
            if r.get("language") == "en" and r["event"] not in SKIP and r.get("text")]


def macro_f1(pairs: list[tuple[str, str | None]]) -> tuple[float, dict[str, float]]:
    types = sorted({g for g, _ in pairs})
    per: dict[str, float] = {}
    for t in types:
        tp = sum(1 for g, p in pairs if g == t and p == t)
        fp = sum(1 for g, p in pairs if g != t and p == t)
        fn = sum(1 for g, p in pairs if g == t and p != t)
        per[t] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return sum(per.values()) / len(per), per


def summary(name: str, pairs: list[tuple[str, str | None]]) -> tuple[str, dict[str, float]]:
    n = len(pairs)
    predicted = [(g, p) for g, p in pairs if p is not None]
    right = sum(1 for g, p in pairs if g == p)
    f1, per = macro_f1(pairs)
    row = (f"| {name} | {n} | {len(predicted) / n:.1%} | {right / n:.1%} | "
           f"{(right / len(predicted)) if predicted else 0:.1%} | {f1:.2f} |")
    return row, per


NEW_LAYERS = ("events", "stances", "commitments")
CORPUS = ROOT / "examples" / "corpus"
SAMPLE = 3  # every third article: a run stays under a minute


def speed() -> str:
    """CPU seconds per component over the example corpus (best of three runs), per 1,000 words."""
    from lagebild import ingest
    from lagebild.document import Document
    from lagebild.pipeline import default_pipeline

    pipe = default_pipeline()
    paths = sorted(CORPUS.glob("*.txt"))[::SAMPLE]
    docs = [d for p in paths for d in ingest.read_source(p) if isinstance(d, Document)]
    words = sum(len(d.text.split()) for d in docs)
    best: dict[str, float] = {}
    for _ in range(3):
        spent: dict[str, float] = {}
        for doc in docs:
            for comp in pipe.components:
                t0 = time.process_time()
                doc = comp(doc)
                spent[comp.name] = spent.get(comp.name, 0.0) + time.process_time() - t0
                doc.layers.update(comp.adds)
        best = {k: min(v, best.get(k, v)) for k, v in spent.items()}
    total = sum(best.values())
    rows = [f"| {name} | {best.get(name, 0.0) * 1000 / words * 1000:.1f} | {best.get(name, 0.0) / total:.1%} |"
            for name in NEW_LAYERS]
    new = sum(best.get(n, 0.0) for n in NEW_LAYERS)
    return "\n".join([
        f"Speed of the new layers: {len(docs)} articles of examples/corpus (every {SAMPLE}rd), {words} words; CPU time, best of three.",
        "",
        "| component | ms per 1,000 words | share of the pipeline |", "|---|---:|---:|", *rows,
        f"| all three | {new * 1000 / words * 1000:.1f} | {new / total:.1%} |",
        f"| whole default pipeline | {total * 1000 / words * 1000:.1f} | 100% |",
    ])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=None, help="also write the table to this Markdown file")
    ap.add_argument("--speed", action="store_true", help="measure the cost of the new layers instead")
    args = ap.parse_args()
    if args.speed:
        table = speed()
        print(table)
        if args.out:
            args.out.write_text(table + "\n", encoding="utf-8")
        return
    if not GSR.exists():
        sys.exit(f"{GSR} is not present (../shared/data/plover-gsr)")
    from lagebild.document import Document, Metadata
    from lagebild.events.extract import extract_events, trigger_types
    from lagebild.events.lexicon import event_lexicon
    from lagebild.pipeline import default_pipeline

    pipe, lex = default_pipeline(), event_lexicon()
    ev_pairs: list[tuple[str, str | None]] = []
    tr_pairs: list[tuple[str, str | None]] = []
    all_pairs: list[tuple[str, str | None]] = []
    for text, gold in records():
        doc = pipe(Document(text, Metadata(language="en", published=date(2000, 1, 1))))
        ev_pairs.append((gold, doc.events[0].type if doc.events else None))
        drafts = extract_events(doc, lex, keep_targetless=True)
        all_pairs.append((gold, drafts[0].type if drafts else None))
        trig = trigger_types(doc, lex)
        tr_pairs.append((gold, trig[0][0] if trig else None))
    ev_row, ev_per = summary("events (component)", ev_pairs)
    tr_row, tr_per = summary("triggers (lexicon only)", tr_pairs)
    all_row, all_per = summary("events incl. those without a target", all_pairs)
    counts = Counter(g for g, _ in ev_pairs)
    lines = [
        "PLOVER gold-standard records (English, CAMEO-manual examples), types mapped to the current 16.",
        "",
        "| prediction | records | coverage | accuracy (all) | accuracy (where predicted) | macro-F1 |",
        "|---|---:|---:|---:|---:|---:|",
        ev_row, all_row, tr_row, "",
        "| type | records | F1 events | F1 incl. without target | F1 triggers |", "|---|---:|---:|---:|---:|",
        *[f"| {t} | {counts[t]} | {ev_per[t]:.2f} | {all_per[t]:.2f} | {tr_per[t]:.2f} |" for t in sorted(counts)],
    ]
    report = "\n".join(lines)
    print(report)
    if args.out:
        args.out.write_text(report + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
