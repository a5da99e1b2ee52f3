"""Long fuzz run: every reader and the default pipeline on many generated inputs (issue 10).

The generators and properties are those of ``tests/test_fuzz_readers_components.py`` (the
bounded run in CI); here each target gets ``--inputs / 5`` inputs, no shrinking, and a failure
is counted instead of stopping the run. A crash is an exception other than a deliberate
``LagebildError`` (a component's bare exception inside a ComponentError counts), or an
annotation outside the text / not equal to its span. Crashes are deduplicated by target,
exception type and the innermost ``lagebild/`` frame; each keeps its count and its shortest input.
Known crashes (``KNOWN_CRASHES`` there: reported to their owners) are marked.

Run: .venv/bin/python benchmarks/fuzz_long.py [--inputs 20000] [--seed 0] [--targets .txt,.html,.jsonl,.rss,pipeline]
     [--out benchmarks/results/fuzz.md]
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

TARGETS = (".txt", ".html", ".jsonl", ".rss", "pipeline")


@dataclass
class Crash:
    target: str
    kind: str  # exception type, or "offsets"
    site: str
    known: str | None
    count: int = 0
    example: Any = None
    message: str = ""


@dataclass
class Tally:
    inputs: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    slowest: dict[str, tuple[float, Any]] = field(default_factory=dict)  # target -> (seconds, the input)
    crashes: dict[tuple[str, str, str], Crash] = field(default_factory=dict)

    def record(self, target: str, kind: str, site: str, known: str | None, example: Any, message: str) -> None:
        crash = self.crashes.setdefault((target, kind, site), Crash(target, kind, site, known))
        crash.count += 1
        if crash.example is None or len(example) < len(crash.example):
            crash.example, crash.message = example, message


def run_target(target: str, n: int, seed: int, tally: Tally) -> None:
    import test_fuzz_readers_components as fz
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hseed

    cfg = fz.Settings.from_env()
    pipeline = None
    if target == "pipeline":
        from lagebild.pipeline import Pipeline

        pipeline = Pipeline(cfg.components, cfg)
        strategy = fz.fuzz_text()
        fz.check_pipeline(" ".join(fz.CORPUS_SENTENCES[:5]), pipeline)  # loads the models: not timed
    else:
        strategy = fz.READERS[target]
        fz.check_reader(b"<p>Ein Text.</p>" if target == ".html" else b"Ein Text.", target, cfg)  # warm-up
    tally.inputs[target] = 0

    def one(example: Any) -> None:
        tally.inputs[target] += 1
        start = time.perf_counter()
        try:
            if pipeline is not None:
                fz.check_pipeline(example, pipeline)
            else:
                fz.check_reader(example, target, cfg)
        except AssertionError as failure:
            cause = failure.__cause__
            if cause is None:  # an offsets problem
                tally.record(target, "offsets", str(failure)[:60], None, example, str(failure)[:300])
            else:
                root = fz.root_cause(cause)
                known = fz.known(cause)
                tally.record(target, type(root).__name__, fz.crash_site(root), known.name if known else None,
                             example, repr(root)[:300])
        elapsed = time.perf_counter() - start
        if elapsed > tally.slowest.get(target, (0.0, None))[0]:
            tally.slowest[target] = (elapsed, example)

    # tolerated known crashes are still counted here: check_* return silently on them, so
    # count them by re-checking what check_* swallowed
    fz_known = fz.known

    def counting_known(exc: BaseException) -> Any:
        k = fz_known(exc)
        if k is not None:
            root = fz.root_cause(exc)
            tally.record(target, type(root).__name__, fz.crash_site(root), k.name, current[0], repr(root)[:300])
        return k

    current: list[Any] = [None]
    fz.known = counting_known

    @hseed(seed)
    @settings(max_examples=n, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(example=strategy)
    def run(example: Any) -> None:
        current[0] = example
        one(example)

    start = time.perf_counter()
    try:
        run()
    finally:
        fz.known = fz_known
        tally.seconds[target] = time.perf_counter() - start


def report(tally: Tally, args: argparse.Namespace) -> str:
    total = sum(tally.inputs.values())
    lines = [
        "# Long fuzz run (readers and components)",
        "",
        f"`.venv/bin/python benchmarks/fuzz_long.py --inputs {args.inputs} --seed {args.seed}` on "
        f"{platform.python_implementation()} {platform.python_version()}, {time.strftime('%Y-%m-%d')}. "
        "Generators and properties: `tests/test_fuzz_readers_components.py` (the bounded CI run). "
        "A crash is any exception but a deliberate `LagebildError`, or an annotation outside its text.",
        "",
        "| target | inputs | seconds | slowest input (s, length) | crashes (distinct) |",
        "|---|---:|---:|---|---:|",
    ]
    for target in tally.inputs:
        distinct = [c for c in tally.crashes.values() if c.target == target]
        slow = tally.slowest.get(target, (0.0, ""))
        lines.append(f"| {target} | {tally.inputs[target]} | {tally.seconds.get(target, 0):.0f} | "
                     f"{slow[0]:.2f} s, {len(slow[1] or '')} | {sum(c.count for c in distinct)} ({len(distinct)}) |")
    lines += ["", f"Total: {total} inputs, {sum(c.count for c in tally.crashes.values())} crashing inputs, "
                  f"{len(tally.crashes)} distinct crashes.", ""]
    lines += ["## Slowest input per target (after a warm-up that loads the models)", ""]
    for target, (seconds, example) in tally.slowest.items():
        lines.append(f"- {target}: {seconds:.2f} s, `{_md(_short(example, 3000))}`")
    lines.append("")
    if tally.crashes:
        lines += ["## Crashes (by target, type and innermost lagebild frame)", "",
                  "| target | exception | where | inputs | known (reported) | shortest input | message |",
                  "|---|---|---|---:|---|---|---|"]
        for c in sorted(tally.crashes.values(), key=lambda c: (-c.count, c.target)):
            example = _short(c.example, 120)
            lines.append(f"| {c.target} | {c.kind} | `{c.site}` | {c.count} | {c.known or 'NEW'} | "
                         f"`{_md(example)}` | {_md(c.message[:160])} |")
    return "\n".join(lines) + "\n"


def _short(value: Any, n: int) -> str:
    text = repr(value)
    return text if len(text) <= n else text[: n - 3] + "..."


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("`", "'").replace("\n", "\\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=20_000, help="inputs in all, split over the targets")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "fuzz.md")
    args = parser.parse_args()
    targets = [t for t in args.targets.split(",") if t]
    unknown = [t for t in targets if t not in TARGETS]
    if unknown:
        parser.error(f"unknown targets {unknown}; use {', '.join(TARGETS)}")

    import logging
    import warnings

    warnings.filterwarnings("ignore")

    logging.disable(logging.CRITICAL)  # fuzzed input makes every reader warn
    from lagebild.errors import IngestError
    from lagebild.ingest import readers

    def no_fetch(url: str, *a: object, **k: object) -> object:
        raise IngestError(url, "offline (fuzz run)")

    readers.fetch = no_fetch  # type: ignore[assignment]
    tally = Tally()
    for target in targets:
        run_target(target, max(1, args.inputs // len(targets)), args.seed, tally)
        print(f"{target}: {tally.inputs[target]} inputs, {tally.seconds[target]:.0f} s, "
              f"{sum(c.count for c in tally.crashes.values() if c.target == target)} crashing", flush=True)
    text = report(tally, args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
