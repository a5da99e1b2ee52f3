"""Throughput: articles/s and words/s for analyse-only and ingest-into-SQLite, with spaCy's blank
German tokenizer on the same text in the same run as the floor, and peak memory.

The corpus is built by repeating the demo articles (examples/corpus) and the seed articles
(../shared/seeds, read where they stand); each copy gets a numbered line so every article is
distinct for the store (no duplicate skipping distorts the ingest figure).

Run: .venv/bin/python benchmarks/throughput.py [--n 2000] [--out benchmarks/results/throughput.md]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def base_texts() -> list[str]:
    from lagebild.errors import IngestError
    from lagebild.ingest import read_source

    texts: list[str] = []
    for src in (ROOT / "examples" / "corpus", ROOT.parent / "shared" / "seeds"):
        if src.exists():
            texts += [d.text for d in read_source(src) if not isinstance(d, IngestError)]
    if not texts:
        raise SystemExit("no base articles found (examples/corpus, ../shared/seeds)")
    return texts


def build_corpus(n: int) -> list[str]:
    base = base_texts()
    return [f"{base[i % len(base)]}\n\nMeldung {i}." for i in range(n)]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000, help="number of articles (default 2000)")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "throughput.md")
    args = ap.parse_args()

    from lagebild.batch import ingest_sources
    from lagebild.ingest import document_from_text
    from lagebild.pipeline import default_pipeline
    from lagebild.settings import Settings
    from lagebild.store import open_store

    corpus = build_corpus(args.n)
    words = sum(len(t.split()) for t in corpus)
    rows: list[tuple[str, float, float, float]] = []

    import spacy

    nlp = spacy.blank("de")
    t0 = time.perf_counter()
    tokens = sum(len(nlp.make_doc(t)) for t in corpus)
    dt = time.perf_counter() - t0
    rows.append(("spaCy blank('de') tokenizer (floor)", dt, args.n / dt, words / dt))

    pipeline = default_pipeline(Settings.from_env())
    warm = pipeline(document_from_text(corpus[0]))  # load lazily-built resources before timing
    del warm
    t0 = time.perf_counter()
    for text in corpus:
        pipeline(document_from_text(text))
    dt = time.perf_counter() - t0
    rows.append((f"analyse only ({', '.join(pipeline.names)})", dt, args.n / dt, words / dt))

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for i, text in enumerate(corpus):
                fh.write(json.dumps({"id": f"a{i}", "text": text, "language": "de"}, ensure_ascii=False) + "\n")
        db = str(Path(tmp) / "bench.db")
        settings = Settings.from_env(db=db, duplicate_policy="keep")
        with open_store(db) as store:
            t0 = time.perf_counter()
            report = ingest_sources([str(src)], store, settings=settings, pipeline=pipeline, progress=False)
            dt = time.perf_counter() - t0
            stored = store.count()
    rows.append((f"ingest into SQLite ({report.ingested} new, {stored} stored)", dt, args.n / dt, words / dt))

    lines = [
        f"Corpus: {args.n} articles, {words:,} words, {tokens:,} spaCy tokens "
        f"(demo + seed articles repeated). Python {sys.version.split()[0]}.",
        "",
        "| run | seconds | articles/s | words/s |",
        "|---|---:|---:|---:|",
        *(f"| {name} | {sec:.1f} | {aps:,.1f} | {wps:,.0f} |" for name, sec, aps, wps in rows),
        "",
        f"Peak memory (max RSS of this process): {peak_mb():,.0f} MB.",
    ]
    report_md = "\n".join(lines)
    print(report_md)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report_md + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
