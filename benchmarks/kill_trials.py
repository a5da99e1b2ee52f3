"""Kill -9 trials: an ingest killed at a random moment, then re-run, stores every article exactly once.

For each backend (SQLite file, PostgreSQL schema) and each trial:
1. ``lagebild ingest CORPUS --db STORE --policy keep --no-progress`` starts on a fresh store;
2. after a random delay (uniform over the duration of an uninterrupted run, measured first)
   its main process gets SIGKILL, as ``kill -9 PID`` would (analysis workers it leaves behind
   are killed two seconds later and counted as orphans);
3. the same command runs again to completion;
4. the store must hold every article exactly once: as many documents as articles, the content
   ids those of the corpus, each export id once, and as many index rows per table (actors,
   quotes, timexes, figures, ...) as a store filled by one uninterrupted run.

The corpus: ``--articles`` distinct articles from examples/corpus, each copy with a numbered
line (``--policy keep``: the near-duplicate check would otherwise link the copies instead of
storing them). ``--workers`` is passed on when given; by default the CLI's own default runs
(``$LAGEBILD_WORKERS``, else one analysis process per core).

Run: .venv/bin/python benchmarks/kill_trials.py [--trials 20] [--backends sqlite,postgres] [--articles 100]
     [--workers N] [--seed 0] [--out benchmarks/results/kill_trials.md]
PostgreSQL: ``LAGEBILD_TEST_PG_URL`` (default postgresql://postgres@127.0.0.1:5432/test); each
trial uses a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LAGEBILD = ROOT / ".venv" / "bin" / "lagebild"
INDEX_TABLES = ("doc_actors", "actor_names", "quotes", "timexes", "figures", "events", "stances", "commitments",
                "minhash")
RUN_TIMEOUT_S = 1800


@dataclass
class Trial:
    backend: str
    number: int
    kill_after_s: float
    attempts: int  # a run that finished before its kill is tried again with a shorter delay
    killed: bool  # False: every attempt finished before its kill
    stored_at_kill: int
    orphans: int
    rerun_exit: int
    rerun_s: float
    documents: int
    exactly_once: bool
    problems: list[str] = field(default_factory=list)


def build_corpus(folder: Path, n: int) -> list[Path]:
    """``n`` distinct articles: the demo articles in turn, each with a numbered closing line."""
    base = sorted((ROOT / "examples" / "corpus").glob("*.txt"))
    paths = []
    for i in range(n):
        src = base[i % len(base)]
        path = folder / f"{i:04d}_{src.name}"
        path.write_text(src.read_text(encoding="utf-8").rstrip() + f"\n\nMeldung Nummer {i}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def expected_ids(corpus: Path) -> set[str]:
    from lagebild.document import Document
    from lagebild.ingest import read_source
    from lagebild.settings import Settings

    return {d.id for d in read_source(corpus, Settings.from_env()) if isinstance(d, Document)}


def ingest_command(corpus: Path, db: str, workers: int | None) -> list[str]:
    cmd = [str(LAGEBILD), "ingest", str(corpus), "--db", db, "--policy", "keep", "--no-progress"]
    return cmd + (["--workers", str(workers)] if workers is not None else [])


def table_counts(db: str) -> dict[str, int]:
    from lagebild.store import open_store

    with open_store(db, create=False) as store:
        counts = {t: int(store._query(f"SELECT COUNT(*) FROM {t}")[0][0]) for t in INDEX_TABLES}
        counts["documents"] = store.count()
        counts["distinct_ids"] = int(store._query("SELECT COUNT(DISTINCT id) FROM documents")[0][0])
        counts["distinct_export_ids"] = int(store._query("SELECT COUNT(DISTINCT export_id) FROM documents")[0][0])
    return counts


def stored_ids(db: str) -> set[str]:
    from lagebild.store import open_store

    with open_store(db, create=False) as store:
        return {r[0] for r in store._query("SELECT id FROM documents")}


def count_or_zero(db: str) -> int:
    from lagebild.errors import StoreError
    from lagebild.store import open_store

    try:
        with open_store(db, create=False) as store:
            return store.count()
    except StoreError:  # killed before the store was created or migrated
        return 0


class Backend:
    """Fresh stores of one kind, and their cleanup."""

    def __init__(self, name: str, folder: Path) -> None:
        self.name, self.folder = name, folder
        self._schemas: list[str] = []
        self._n = 0

    def fresh(self) -> str:
        self._n += 1
        if self.name == "sqlite":
            return str(self.folder / f"trial{self._n}.db")
        from lagebild.store.testing import fresh_pg_url

        url, schema = fresh_pg_url()
        self._schemas.append(schema)
        return url

    def drop(self, db: str) -> None:
        if self.name == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(db + suffix).unlink(missing_ok=True)
            return
        from lagebild.store.testing import drop_schema

        schema = db.rsplit("schema=", 1)[1]
        drop_schema(schema)
        self._schemas.remove(schema)


def run_to_completion(cmd: list[str]) -> tuple[int, float, str]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    return proc.returncode, time.perf_counter() - start, proc.stderr[-2000:]


def kill_run(cmd: list[str], delay: float) -> tuple[bool, int, float]:
    """Start ``cmd``, SIGKILL its main process after ``delay`` s; (killed, orphans left behind,
    seconds the run took when it finished before the kill)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        proc.wait(timeout=delay)
        return False, 0, time.perf_counter() - start  # finished first
    except subprocess.TimeoutExpired:
        pass
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    time.sleep(2.0)
    orphans = _group_members(proc.pid)
    if orphans:
        os.killpg(proc.pid, signal.SIGKILL)  # the session leader's group: only this run's processes
    return True, orphans, delay


def _group_members(pgid: int) -> int:
    """Processes still alive in the process group ``pgid`` (Linux /proc)."""
    alive = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:  # the process ended meanwhile
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                alive += 1
    return alive


def trial(backend: Backend, number: int, corpus: Path, ids: set[str], reference: dict[str, int],
          full_s: float, rng: random.Random, workers: int | None) -> Trial:
    from lagebild.errors import StoreError

    horizon, attempts = full_s, 0
    while True:  # until a kill lands before the run ends (at most 4 attempts)
        attempts += 1
        db = backend.fresh()
        cmd = ingest_command(corpus, db, workers)
        delay = rng.uniform(0.0, horizon)
        killed, orphans, took = kill_run(cmd, delay)
        if killed or attempts == 4:
            break
        backend.drop(db)
        horizon = 0.9 * took
    try:
        at_kill = count_or_zero(db)
        code, seconds, stderr = run_to_completion(cmd)
        problems = []
        if code != 0:
            problems.append(f"rerun exit {code}: {' '.join(stderr.strip().splitlines()[-3:])}")
        try:
            counts, got = table_counts(db), stored_ids(db)
        except StoreError as exc:  # the rerun failed before it created the store
            problems.append(str(exc))
            counts, got = {"documents": 0}, set()
        if got != ids:
            problems.append(f"{len(ids - got)} articles missing, {len(got - ids)} unexpected")
        for key, value in reference.items():
            if counts.get(key) != value:
                problems.append(f"{key}: {counts.get(key)} rows, {value} after one uninterrupted run")
        return Trial(backend.name, number, delay, attempts, killed, at_kill, orphans, code, seconds,
                     counts["documents"], not problems, problems)
    finally:
        backend.drop(db)


def report(trials: list[Trial], refs: dict[str, tuple[float, dict[str, int]]], args: argparse.Namespace,
           n_articles: int, wall: float) -> str:
    workers = "CLI default ($LAGEBILD_WORKERS, else one per core)" if args.workers is None else str(args.workers)
    lines = [
        "# Kill -9 trials",
        "",
        f"`.venv/bin/python benchmarks/kill_trials.py --trials {args.trials} --articles {args.articles}"
        f"{'' if args.workers is None else f' --workers {args.workers}'} --seed {args.seed}`, "
        f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, workers: {workers}. "
        f"{n_articles} distinct articles (examples/corpus, numbered copies), `--policy keep`; "
        "each trial: SIGKILL of the ingest process at a random moment of an uninterrupted run's duration "
        "(a run that ended before its kill was tried again on a fresh store with a delay below its duration), "
        "then the same ingest to completion; checked: every article stored exactly once (documents, content "
        "ids, export ids) and as many index rows per table as one uninterrupted run.",
        "",
        "| backend | trials | stored exactly once | killed mid-run | documents committed at the kill "
        "(min / median / max) | orphaned workers | uninterrupted run | rerun (mean) |",
        "|---|---:|---:|---:|---|---:|---:|---:|",
    ]
    for name, (full_s, _) in refs.items():
        ts = [t for t in trials if t.backend == name]
        if not ts:
            continue
        at = sorted(t.stored_at_kill for t in ts if t.killed) or [0]
        lines.append(
            f"| {name} | {len(ts)} | {sum(t.exactly_once for t in ts)} of {len(ts)} | {sum(t.killed for t in ts)} | "
            f"{at[0]} / {statistics.median(at):g} / {at[-1]} | {sum(t.orphans for t in ts)} | {full_s:.1f} s | "
            f"{statistics.mean(t.rerun_s for t in ts):.1f} s |")
    lines += ["", f"Total wall time: {wall / 60:.1f} min.", "", "## Trials", "",
              "| backend | # | kill after (s) | attempts | killed | committed at kill | orphans | rerun exit | "
              "rerun (s) | documents | exactly once | problems |",
              "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---|---|"]
    for t in trials:
        lines.append(f"| {t.backend} | {t.number} | {t.kill_after_s:.1f} | {t.attempts} | "
                     f"{'yes' if t.killed else 'no (done)'} | "
                     f"{t.stored_at_kill} | {t.orphans} | {t.rerun_exit} | {t.rerun_s:.1f} | {t.documents} | "
                     f"{'yes' if t.exactly_once else 'NO'} | {'; '.join(t.problems)} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=20, help="trials per backend")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--workers", type=int, default=None, help="passed to ingest --workers (default: CLI default)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "kill_trials.md")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.perf_counter()
    trials: list[Trial] = []
    refs: dict[str, tuple[float, dict[str, int]]] = {}
    with tempfile.TemporaryDirectory(prefix="lagebild_kill_") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        build_corpus(corpus, args.articles)
        ids = expected_ids(corpus)
        if len(ids) != args.articles:
            sys.exit(f"the corpus has {len(ids)} distinct articles, not {args.articles}")
        for name in [b for b in args.backends.split(",") if b]:
            backend = Backend(name, Path(tmp))
            db = backend.fresh()
            code, full_s, stderr = run_to_completion(ingest_command(corpus, db, args.workers))
            if code != 0:
                sys.exit(f"the uninterrupted run on {name} failed (exit {code}):\n{stderr}")
            reference = table_counts(db)
            backend.drop(db)
            refs[name] = (full_s, reference)
            print(f"{name}: uninterrupted run {full_s:.1f} s, {reference['documents']} documents", flush=True)
            for i in range(1, args.trials + 1):
                t = trial(backend, i, corpus, ids, reference, full_s, rng, args.workers)
                trials.append(t)
                print(f"{name} trial {i}: kill after {t.kill_after_s:.1f} s, {t.stored_at_kill} committed, "
                      f"rerun {t.rerun_s:.1f} s, exactly once: {t.exactly_once} {'; '.join(t.problems)}", flush=True)
    text = report(trials, refs, args, len(ids), time.perf_counter() - started)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
