"""What two workers cost beyond one, in instructions: ``lagebild ingest`` of the same articles with
``--workers 1`` and ``--workers 2`` run under valgrind's callgrind, which counts the instructions
every process executes. Unlike seconds, the counts do not drift with the load of a shared machine, so
small differences in the parallel path (what the processes send each other, what each worker has to
learn again) can be measured and compared between versions.

Each setting runs twice: on ``--n`` distinct articles and on 2 (whose count is the loading, the
warm-up and, for two workers, the forking; a forked worker's count starts from its parent's). The
difference per article is the work; ``(one worker) / max((two workers) / 2, (their parent))`` is the
most two workers can gain on two idle cores (the throughput benchmark measures what they do gain on
the machine as it is). Callgrind runs about 50 times slower than the processor: 200 articles take
about 6 minutes on 2 cores (the two settings run side by side). Needs ``valgrind`` (Debian: ``apt-get install valgrind``).

Run: .venv/bin/python benchmarks/parallel_cost.py [--n 200] [--out benchmarks/results/parallel_cost.md]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
import measured  # noqa: E402  (the package measured: its folder is the commands' working directory)

PACKAGE_DIR = measured.use()
_TOTAL = re.compile(rb"^summary:\s*(\d+)", re.MULTILINE)


def _corpus(n: int, path: Path) -> None:
    from throughput import _write_jsonl, distinct_corpus

    _write_jsonl(distinct_corpus(n), path)


def _start(src: Path, workers: int, out: Path) -> subprocess.Popen[bytes]:
    """``lagebild ingest`` of ``src`` under callgrind, one count file per process in ``out``."""
    out.mkdir(parents=True)
    cmd = ["valgrind", "--tool=callgrind", "--trace-children=yes", f"--callgrind-out-file={out}/count.%p",
           sys.executable, "-m", "lagebild.cli", "ingest", str(src), "--db", str(out / "store.db"),
           "--workers", str(workers), "--policy", "keep"]
    env = {**os.environ, "LAGEBILD_MAX_SECONDS": "0"}
    return subprocess.Popen(cmd, cwd=PACKAGE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _counts(out: Path, parent: int) -> list[int]:
    """Instructions of each process of a run, the parent (the process started) first."""
    files = sorted(out.glob("count.*"), key=lambda f: (int(f.suffix[1:]) != parent, int(f.suffix[1:])))
    if not files or files[0].name != f"count.{parent}":
        raise SystemExit(f"callgrind wrote no count for the process it ran ({out})")
    return [int(m.group(1)) for f in files if (m := _TOTAL.search(f.read_bytes())) is not None]


def _run_pair(runs: list[tuple[str, Path, int]], tmp: Path) -> dict[str, list[int]]:
    procs = {name: (_start(src, workers, tmp / name)) for name, src, workers in runs}
    counts = {}
    for name, proc in procs.items():
        _, err = proc.communicate()
        if proc.returncode != 0:
            raise SystemExit(f"{name}: lagebild ingest failed under callgrind:\n{err.decode()[-2000:]}")
        counts[name] = _counts(tmp / name, proc.pid)
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200, help="distinct articles (default 200)")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "parallel_cost.md")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        many, two = tmp / "many.jsonl", tmp / "two.jsonl"
        _corpus(args.n, many)
        _corpus(2, two)
        # the short runs first: they also write the caches (lexicons, models) a new build lacks,
        # which the long runs then read, as the short runs do in their turn
        counts = _run_pair([("w1-base", two, 1), ("w2-base", two, 2)], tmp)
        counts |= _run_pair([("w1", many, 1), ("w2", many, 2)], tmp)
    n = args.n - 2
    one = (sum(counts["w1"]) - sum(counts["w1-base"])) / n
    parent = (counts["w2"][0] - counts["w2-base"][0]) / n
    workers = (sum(counts["w2"][1:]) - sum(counts["w2-base"][1:])) / n
    both = parent + workers
    lines = [
        f"Instructions per article (callgrind), `lagebild ingest` of {args.n} distinct German Wikinews "
        f"articles into SQLite, less a run on 2. {measured.describe()}",
        "",
        "| run | per article | of which the parent | of which the workers |",
        "|---|---:|---:|---:|",
        f"| --workers 1 | {one / 1e6:,.1f} M | {one / 1e6:,.1f} M | – |",
        f"| --workers 2 | {both / 1e6:,.1f} M | {parent / 1e6:,.1f} M | {workers / 1e6:,.1f} M |",
        "",
        f"Two workers execute {both / one - 1:+.1%} of the instructions of one; on two idle cores they "
        f"can be at most {one / max(both / 2, parent):.2f}x as fast (the same instructions taking the same "
        "time; the parent, which reads and writes, runs beside them).",
    ]
    report = "\n".join(lines)
    measured.report(report, args.out)


if __name__ == "__main__":
    main()
