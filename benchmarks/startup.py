"""Start-up: wall time of short commands, as a ratio to ``python -c "import lagebild"`` in the same run.

Measures, each ``--repeat`` times in turn (wall median, min, max; CPU time, which a busy machine
disturbs less; peak memory of the process):
``python -c "import lagebild"`` (the yardstick), ``lagebild --help``, ``lagebild actors at
Bundeskanzler 2022-02-15``, ``lagebild search`` (an empty store) and ``lagebild analyze <one seed>``
(the first seed in ../shared/seeds, else the first demo article), and prints each median as a
multiple of the yardstick. ``lagebild`` runs as ``python -m lagebild.cli`` in the measured package's
folder (this checkout, or the build ``benchmarks/measured.py`` names), so that package is measured.
The ratio travels between machines; the seconds do not. Lexicon and NER-lexicon caches
(``LAGEBILD_CACHE_DIR``) are warm after the first repetition, as for a user.
The package's bytecode is compiled first, as ``pip install`` leaves an installed package (a
development environment with ``PYTHONDONTWRITEBYTECODE`` set would otherwise compile every module
from source on every start: about 0.2 s of ``analyze`` on the 2-core VM).

Run: .venv/bin/python benchmarks/startup.py [--repeat 5] [--out benchmarks/results/startup.md]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
import measured  # noqa: E402  (the package measured: its folder is the commands' working directory)

PACKAGE_DIR = measured.use()


def _article() -> Path:
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    demo = sorted((ROOT / "examples" / "corpus").glob("*.txt"))
    if not (seeds or demo):
        raise SystemExit("no article to analyse (../shared/seeds, examples/corpus)")
    return (seeds or demo)[0]


def _lagebild() -> list[str]:
    """The command line of the measured package (what the ``lagebild`` script runs, from its folder)."""
    return [sys.executable, "-m", "lagebild.cli"]


def run_once(cmd: list[str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak memory in MB) of one run of ``cmd``; fails loudly on a
    non-zero exit."""
    with tempfile.TemporaryFile() as errors:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=PACKAGE_DIR, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):  # 1: "nothing found" answers (search in an empty store)
            errors.seek(0)
            raise SystemExit(f"{' '.join(cmd)} exited with {code}:\n{errors.read().decode('utf-8', 'replace')}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _empty_store(db: str) -> None:
    """Create an empty store at ``db`` in a child process (this one measures, it imports nothing)."""
    subprocess.run([sys.executable, "-c", "import sys; from lagebild.store import open_store; "
                    "open_store(sys.argv[1]).close()", db], cwd=PACKAGE_DIR, check=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5, help="runs of each command (default 5)")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "startup.md")
    args = ap.parse_args()
    article = _article()
    lagebild = _lagebild()
    import compileall

    compileall.compile_dir(PACKAGE_DIR / "lagebild", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "empty.db")
        _empty_store(db)  # read commands do not create a store (only ``ingest`` does)
        commands = {
            'python -c "import lagebild"': [sys.executable, "-c", "import lagebild"],
            "lagebild --help": [*lagebild, "--help"],
            "lagebild actors at Bundeskanzler 2022-02-15": [*lagebild, "actors", "at", "Bundeskanzler", "2022-02-15"],
            "lagebild search Waffenruhe (empty store)": [*lagebild, "search", "Waffenruhe", "--db", db],
            f"lagebild analyze {article.name}": [*lagebild, "analyze", str(article)],
        }
        runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
        for _ in range(args.repeat):  # interleaved, so that a busy moment hits every command alike
            for name, cmd in commands.items():
                runs[name].append(run_once(cmd))
    base = statistics.median(w for w, _, _ in runs['python -c "import lagebild"'])
    base_cpu = statistics.median(c for _, c, _ in runs['python -c "import lagebild"'])
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    lines = [
        f"{args.repeat} runs each, interleaved; Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
        f"load average {load} at the end.",
        measured.describe(),
        "",
        "| command | median s | min s | max s | × import | CPU s (median) | CPU × import | peak MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, results in runs.items():
        walls = [w for w, _, _ in results]
        median, cpu = statistics.median(walls), statistics.median(c for _, c, _ in results)
        lines.append(f"| {name} | {median:.2f} | {min(walls):.2f} | {max(walls):.2f} | {median / base:.1f} | "
                     f"{cpu:.2f} | {cpu / base_cpu:.1f} | {max(m for _, _, m in results):,.0f} |")
    report = "\n".join(lines)
    measured.report(report, args.out)


if __name__ == "__main__":
    main()
