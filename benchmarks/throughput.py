"""Throughput: words/s and articles/s per component and in total, in one process and on all
cores, with the floor (spaCy blank German tokenizer + sentencizer on the same texts, same run)
and peak memory.

Runs, in this order, on one corpus:
1. per step in one process (``benchmarks/components.py``): ingestion, each component, the floor;
2. analyse only (read a JSONL file, analyse, no store) with ``--workers 1`` and ``--workers N``;
3. ingest into SQLite (read, analyse, deduplicate, store) with ``--workers 1`` and ``--workers N``.
N is ``--workers`` (default: one per core). The parent process has the pipeline and the
near-duplicate hasher's library loaded before 2. and 3., so forked workers start warm: the runs
measure the steady state, not start-up (``benchmarks/startup.py`` measures that).

The corpus (``--corpus``): by default the 850 distinct German Wikinews articles of the SpkAtt 2023
news task (../shared/data, read where they stand: every article brings words no cache has seen, as
a day of real press does); or ``repeated``, the demo articles (examples/corpus) and the seed
articles (../shared/seeds) over and over, each copy with a numbered line so every article is
distinct for the store (warm caches: an upper bound).

Run: .venv/bin/python benchmarks/throughput.py [--corpus distinct|repeated] [--n N] [--workers N] [--out benchmarks/results/throughput.md]
(``make bench``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
import measured  # noqa: E402  (puts the measured package first on sys.path)

measured.use()


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


SPKATT_NEWS = ROOT.parent / "shared" / "data" / "spkatt-2023-task2-news" / "data"


def distinct_corpus(n: int) -> list[str]:
    """``n`` distinct German news articles (Wikinews 2004-2008, the SpkAtt 2023 news task's train and
    dev files, CC BY: read where they stand, never copied), title + text, detokenised. Unlike the
    repeated corpus, every article brings words no cache has seen."""
    import json

    from speech_spkatt import detokenize

    files = sorted((SPKATT_NEWS / "train" / "task2").glob("*.json")) + sorted((SPKATT_NEWS / "dev" / "task2").glob("*.json"))
    if not files:
        raise SystemExit(f"no articles under {SPKATT_NEWS} (the shared data folder)")
    texts = []
    for f in files[:n]:
        title = f.stem.split(" - ", 1)[-1].rsplit(" (", 1)[0]
        text, _ = detokenize([s["Tokens"] for s in json.loads(f.read_text(encoding="utf-8"))["Sentences"]])
        texts.append(f"{title}\n\n{text}")
    return texts


def peak_mb() -> tuple[float, float]:
    """Max RSS of this process and of the largest finished child process (workers), in MB."""
    return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)


def cpu_seconds() -> tuple[float, float]:
    """User + system CPU time so far of this process, and of it with its finished children (the
    workers)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    mine = own.ru_utime + own.ru_stime
    return mine, mine + kids.ru_utime + kids.ru_stime


def _write_jsonl(corpus: list[str], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(corpus):
            fh.write(json.dumps({"id": f"a{i}", "text": text, "language": "de"}, ensure_ascii=False) + "\n")


def analyse_only(src: Path, workers: int) -> tuple[float, int]:
    from lagebild.batch import analyze_sources
    from lagebild.document import Document
    from lagebild.settings import Settings

    t0 = time.perf_counter()
    n = sum(isinstance(r, Document) for r in analyze_sources([src], Settings.from_env(), workers=workers))
    return time.perf_counter() - t0, n


def timed(run: Any, *args: Any) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds of this process and its workers, CPU seconds of this process
    alone, articles) of ``run(*args)``."""
    own0, all0 = cpu_seconds()
    wall, n = run(*args)
    own1, all1 = cpu_seconds()
    return wall, all1 - all0, own1 - own0, n


def ingest(src: Path, tmp: Path, workers: int) -> tuple[float, int]:
    from lagebild.batch import ingest_sources
    from lagebild.settings import Settings
    from lagebild.store import open_store

    db = str(tmp / f"bench{workers}.db")
    settings = Settings.from_env(db=db, duplicate_policy="keep")
    with open_store(db) as store:
        t0 = time.perf_counter()
        report = ingest_sources([str(src)], store, settings=settings, progress=False, workers=workers)
        dt = time.perf_counter() - t0
        if store.count() != report.ingested:
            raise SystemExit(f"stored {store.count()} of {report.ingested} ingested documents")
    return dt, report.ingested


def in_child(run: Any, *args: Any) -> tuple[float, float, float, int, float]:
    """``timed(run, *args)`` and the peak memory of the largest worker, in a child forked from this
    process as it is now: every end-to-end run starts from the same state (the pipeline loaded, the
    word caches as empty as a fresh process has them), not warmed by the runs before it."""
    rd, wr = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, report through the pipe, leave without running the parent's exit code
        os.close(rd)
        code = 1
        try:
            os.write(wr, json.dumps([*timed(run, *args), peak_mb()[1]]).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(wr)
    data = b""
    while chunk := os.read(rd, 65536):
        data += chunk
    os.close(rd)
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        raise SystemExit(f"the benchmark run {run.__name__}{args} failed in its child process")
    wall, cpu, own, n, child_mb = json.loads(data)
    return wall, cpu, own, n, child_mb


def _median_run(reps: list[tuple[float, float, float, int, float]]) -> tuple[float, float, float, int]:
    """The repeat with the median wall time: (wall, CPU all, CPU this process, articles)."""
    wall, cpu, own, n, _ = sorted(reps)[len(reps) // 2]
    return wall, cpu, own, n


def _speedup(runs: dict[str, list[tuple[float, float, float, int, float]]], kind: str, workers: int) -> str:
    """The speed-up of ``workers`` workers over one for ``kind``: per interleaved pair (a run with one
    worker and the run with N right after it, so both met the same machine), their median, the CPU
    per article it took, and the bound on an idle machine: one process takes as long as its CPU
    time, N workers at least max(all CPU / N, the parent's CPU), whatever else ran meanwhile."""
    ones, many = runs[f"{kind}, --workers 1"], runs[f"{kind}, --workers {workers}"]
    pairs = sorted(a[0] / b[0] for a, b in zip(ones, many, strict=True))
    cpu = sorted(b[1] / a[1] for a, b in zip(ones, many, strict=True))
    bound = sorted(a[1] / max(b[1] / workers, b[2]) for a, b in zip(ones, many, strict=True))
    return (f"{kind}: {pairs[len(pairs) // 2]:.2f}x the articles/s with {workers} workers (median of the "
            f"interleaved pairs: {', '.join(f'{x:.2f}' for x in pairs)}); CPU per article "
            f"{cpu[len(cpu) // 2]:.2f}x; on an idle machine at most {bound[len(bound) // 2]:.2f}x")


def main() -> None:
    from components import measure

    from lagebild.batch import resolve_workers
    from lagebild.settings import Settings

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=0,
                    help="number of articles (default: all 850 distinct ones, or 2000 repeated ones)")
    ap.add_argument("--corpus", choices=("distinct", "repeated"), default="distinct",
                    help="distinct: Wikinews articles from ../shared/data, every one new (the default); "
                         "repeated: the demo and seed articles over and over (warm caches)")
    ap.add_argument("--workers", type=int, default=0, help="processes for the parallel runs (0 = one per core)")
    ap.add_argument("--repeats", type=int, default=3, help="runs of each end-to-end row; the median is shown (default 3)")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "throughput.md")
    args = ap.parse_args()
    n_workers = resolve_workers(args.workers, Settings.from_env())

    corpus = distinct_corpus(args.n or 10**6) if args.corpus == "distinct" else build_corpus(args.n or 2000)
    args.n = len(corpus)
    kind = ("distinct German news articles: Wikinews, ../shared/data/spkatt-2023-task2-news"
            if args.corpus == "distinct" else "demo + seed articles repeated")
    words = sum(len(t.split()) for t in corpus)
    # the pipeline loaded (and gc-frozen, as every command does) on a sentence outside the corpus,
    # so that the forked end-to-end runs measure analysis, not start-up, with caches still cold
    from lagebild.analyze import analyze

    analyze("Bundeskanzler Olaf Scholz traf am Montag in Berlin den französischen Präsidenten.")
    # and the near-duplicate hasher's library (datasketch, which imports scipy: about 0.5 s), which
    # `lagebild ingest` loads before its first document whatever the number of workers: start-up too
    from lagebild.ingest.dedup import Deduplicator

    Deduplicator(num_perm=Settings.from_env().dedup.minhash_num_perm).signature("Ein Satz, der nur das Laden auslöst.")
    runs: dict[str, list[tuple[float, float, float, int, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        src = tmp / "corpus.jsonl"
        _write_jsonl(corpus, src)
        # interleaved repeats (1 worker, N workers, 1, N, ...): on a shared machine the CPU speed
        # drifts by 10-20 % from minute to minute; each row is the median of its repeats
        for rep in range(args.repeats):
            for workers in dict.fromkeys((1, n_workers)):
                runs.setdefault(f"analyse only, --workers {workers}", []).append(in_child(analyse_only, src, workers))
            for workers in dict.fromkeys((1, n_workers)):
                db_dir = tmp / f"run{rep}"
                db_dir.mkdir(exist_ok=True)
                runs.setdefault(f"ingest into SQLite, --workers {workers}", []).append(in_child(ingest, src, db_dir, workers))
    rows = [(name, *_median_run(reps)) for name, reps in runs.items()]
    child = max(r[4] for reps in runs.values() for r in reps)
    budget = measure(corpus)
    parent = peak_mb()[0]
    speedups = [_speedup(runs, kind, n_workers) for kind in ("analyse only", "ingest into SQLite") if n_workers > 1]
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    lines = [
        f"Corpus: {args.n} articles, {words:,} words ({kind}). "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {load} at the end "
        "(other processes on the machine slow the parallel runs most).",
        measured.describe(),
        "",
        "Per step, one process (benchmarks/components.py; × floor = the step's time / the floor's time):",
        "",
        budget.table(),
        "",
        "End to end (reading a JSONL file; the floor as above):",
        "",
        "| run | seconds | CPU s (all) | CPU s (this process) | articles/s | words/s | × floor |",
        "|---|---:|---:|---:|---:|---:|---:|",
        *(f"| {name} ({n} articles) | {sec:.1f} | {cpu:.1f} | {own:.1f} | {args.n / sec:,.1f} | "
          f"{words / sec:,.0f} | {sec / budget.floor.seconds:,.0f} |" for name, sec, cpu, own, n in rows),
        "",
        *(f"Speed-up {s}." for s in speedups),
        f"Peak memory (max RSS): this process {parent:,.0f} MB, largest worker process {child:,.0f} MB.",
    ]
    report_md = "\n".join(lines)
    measured.report(report_md, args.out)


if __name__ == "__main__":
    main()
