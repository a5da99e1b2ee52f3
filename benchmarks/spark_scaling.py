"""Throughput of `lagebild batch`: one process vs the local worker pool vs Spark `local[N]`, on a
corpus generated from the demo corpus (examples/corpus), with Spark's start-up cost shown apart.

Spark's start-up is measured apart: the session (JVM), a first small run, and the first run of
the corpus (Python workers started and their pipelines built); the table's Spark row is a second
run of the same corpus into another folder, on the warm workers.

The corpus is one JSONL file of ``--n`` articles: the demo articles in turn, each with a line
"Archiv-Nr. N" appended (so every article has its own content id and none is skipped as a copy).
Every engine runs the same `run_batch` into its own output folder; the rates are documents and
words per second of wall time, and per core used (1; --workers; the cores of --master).

    .venv/bin/python benchmarks/spark_scaling.py --n 1000 --workers 2 --master 'local[2]'

Writes benchmarks/results/spark_scaling.md (and prints it). Needs the `spark` extra and Java.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lagebild.batch import analyze_documents  # noqa: E402
from lagebild.settings import Settings  # noqa: E402
from lagebild.spark import run_batch, spark_session  # noqa: E402

HEADER = re.compile(r"^(URL|TITLE|DATE|AUTHOR|OUTLET|LANGUAGE):\s*(.*)$", re.IGNORECASE)
FIELDS = {"url": "url", "title": "title", "date": "published", "author": "author", "outlet": "outlet",
          "language": "language"}
ARTICLES_PER_DAY = 1_000_000


def demo_articles() -> list[dict[str, str]]:
    """The plain-text demo articles as JSONL objects (the header lines as fields)."""
    out = []
    for path in sorted((ROOT / "examples" / "corpus").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        record: dict[str, str] = {}
        body_at = 0
        for i, line in enumerate(lines):
            m = HEADER.match(line)
            if not m:
                body_at = i
                break
            record[FIELDS[m.group(1).lower()]] = m.group(2).strip()
        record["text"] = "\n".join(lines[body_at:]).strip()
        out.append(record)
    return out


def write_corpus(path: Path, n: int) -> int:
    """``n`` articles into ``path`` (JSONL); returns the number of words."""
    base = demo_articles()
    words = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            article = dict(base[i % len(base)])
            article["text"] += f"\n\nArchiv-Nr. {i + 1}."
            article.pop("url", None)  # a URL is shared by the copies of one article
            words += len(article["text"].split())
            fh.write(json.dumps(article, ensure_ascii=False) + "\n")
    return words


def _cores(master: str) -> int:
    m = re.fullmatch(r"local\[(\d+)\]", master)
    return int(m.group(1)) if m else os.cpu_count() or 1


def _java_peak_mb() -> float:
    """The peak resident memory of the JVM this process started (Spark's driver and executor)."""
    peak = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
            cmdline = (status.parent / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = re.search(r"^PPid:\s+(\d+)", text, re.M)
        hwm = re.search(r"^VmHWM:\s+(\d+) kB", text, re.M)
        if ppid and hwm and int(ppid.group(1)) == os.getpid() and b"java" in cmdline:
            peak = max(peak, int(hwm.group(1)))
    return round(peak / 1024, 1)


def timed(label: str, fn: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - started
    print(f"{label}: {seconds:.1f} s", file=sys.stderr, flush=True)
    return seconds, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000, help="articles to generate")
    ap.add_argument("--workers", type=int, default=2, help="processes of the local worker pool")
    ap.add_argument("--master", default="local[2]", help="Spark master")
    ap.add_argument("--small", type=int, default=20, help="articles of the run that shows Spark's fixed cost")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "spark_scaling.md"))
    args = ap.parse_args()

    settings = Settings.from_env()
    work = Path(tempfile.mkdtemp(prefix="lagebild-spark-bench-"))
    try:
        corpus, small = work / "corpus.jsonl", work / "small.jsonl"
        words = write_corpus(corpus, args.n)
        write_corpus(small, args.small)
        load_before = os.getloadavg()
        rows: list[dict[str, Any]] = []

        def local(workers: int, out: str) -> Any:
            return run_batch([corpus], work / out, settings=settings, engine="local", workers=workers,
                             local_analyser=analyze_documents)

        seconds, run = timed("single process", lambda: local(1, "single"))
        rows.append({"engine": "single process", "cores": 1, "seconds": seconds, "docs": run.documents,
                     "memory": f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (the process)"})
        seconds, run = timed("worker pool", lambda: local(args.workers, "pool"))
        child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        rows.append({"engine": f"local worker pool ({args.workers} workers)", "cores": args.workers,
                     "seconds": seconds, "docs": run.documents, "memory": f"{child:.0f} MB per worker"})

        start, session = timed("Spark session start", lambda: spark_session(args.master))
        small_s, _ = timed("Spark, small run", lambda: run_batch([small], work / "spark-small", settings=settings,
                                                                 engine="spark", spark=session))
        cold_s, _ = timed("Spark, first run", lambda: run_batch([corpus], work / "spark-cold", settings=settings,
                                                               engine="spark", spark=session))
        seconds, run = timed("Spark, second run", lambda: run_batch([corpus], work / "spark", settings=settings,
                                                                    engine="spark", spark=session))
        rows.append({"engine": f"Spark {args.master}", "cores": _cores(args.master), "seconds": seconds,
                     "docs": run.documents, "memory": f"{run.executor_peak_rss_mb:.0f} MB per Python worker, "
                                                      f"JVM {_java_peak_mb():.0f} MB"})
        session.stop()
        load_after = os.getloadavg()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report = render(args, words, rows, (start, small_s, cold_s), load_before, load_after)
    Path(args.out).write_text(report, encoding="utf-8")
    print(report)


def render(args: Any, words: int, rows: list[dict[str, Any]], spark_s: tuple[float, float, float],
           load_before: tuple[float, ...], load_after: tuple[float, ...]) -> str:
    start, small_s, cold_s = spark_s
    lines = [
        "# `lagebild batch`: one process, the local worker pool, Spark",
        "",
        f"{args.n:,} articles generated from examples/corpus (the {len(demo_articles())} plain-text demo articles "
        f"in turn, each numbered: {words:,} words, {words / args.n:.0f} a document), one JSONL file; "
        f"machine: {os.cpu_count()} cores, load average {load_before[0]:.1f} before and {load_after[0]:.1f} "
        "after (other jobs ran on it: compare the ratios, not the absolute rates). "
        f"Command: `.venv/bin/python benchmarks/spark_scaling.py --n {args.n} --workers {args.workers} "
        f"--master '{args.master}'`.",
        "",
        "| engine | cores | documents | seconds | docs/s | docs/s per core | words/s per core | peak memory |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        rate = r["docs"] / r["seconds"]
        lines.append(f"| {r['engine']} | {r['cores']} | {r['docs']:,} | {r['seconds']:.1f} | {rate:.1f} | "
                     f"{rate / r['cores']:.1f} | {rate / r['cores'] * words / args.n:,.0f} | {r['memory']} |")
    spark_rate = rows[-1]["docs"] / rows[-1]["seconds"] / rows[-1]["cores"]
    needed = ARTICLES_PER_DAY / 86_400
    lines += [
        "",
        f"Spark start-up, not in the rows above: {start:.1f} s to start the session (the JVM); "
        f"{small_s:.1f} s for a first run of {args.small} articles (Python workers start, import lagebild, "
        f"build the pipeline); the first run of the {args.n:,} articles took {cold_s:.1f} s, the row above "
        f"is the second, with the Python workers warm ({cold_s - rows[-1]['seconds']:.1f} s less).",
        "",
        f"1 M articles a day are {needed:.1f} a second on average; at the Spark rate measured here "
        f"({spark_rate:.1f} per core) that is {needed / spark_rate:.1f} cores busy all day "
        "(see docs/scaling.md for the cluster size with headroom).",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
