"""Component budget: what each step of the analysis costs per 1,000 words, against a floor.

Runs ingestion (cleaning + metadata: ``document_from_text``) and then each component of the
default pipeline one by one on every text, timing each call, and, in the same run on the same
texts, the floor: spaCy's ``blank("de")`` tokenizer with the rule-based ``sentencizer`` (tokens
and sentences, the least any analysis does). Prints words/s, articles/s and ms per 1,000 words
per step, the ratio to the floor (times slower) and the first call (lazy loading of models and
lexicons) of each step, and writes the table to ``benchmarks/results/components.md``. Times are
CPU seconds of this process (equal to wall seconds on an idle machine, and unaffected by a busy one).

Run: .venv/bin/python benchmarks/components.py [--n 300] [--out benchmarks/results/components.md]

``tests/test_benchmark_budget.py`` runs ``measure`` on the seeds and fails when a component's
ratio to the floor grows past its budget (relative, never an absolute time).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
import measured  # noqa: E402  (puts the measured package first on sys.path)

measured.use()
FLOOR = "floor: spaCy blank('de') + sentencizer"
# CPU time of this process, not wall time: other processes on a busy machine slow the wall clock of
# a long step more than that of the short floor; CPU time is the same busy or idle (single-threaded
# steps, so on an idle machine it equals the wall time)
_clock = time.process_time
INGEST = "ingest (clean text + metadata)"


@dataclass
class Step:
    name: str
    seconds: float = 0.0
    first_call: float | None = None  # seconds of the first document (lazy loading), if measured


@dataclass
class Budget:
    """Seconds per step over ``words`` words in ``articles`` articles; ``floor`` is the yardstick."""

    words: int
    articles: int
    floor: Step
    steps: list[Step] = field(default_factory=list)

    @property
    def analysis(self) -> Step:
        """The pipeline's components together (ingestion not included)."""
        return Step("analysis (all components)", sum(s.seconds for s in self.steps if s.name != INGEST))

    def ratio(self, step: Step) -> float:
        """How many times the floor's time the step takes on the same texts."""
        return step.seconds / self.floor.seconds if self.floor.seconds else float("inf")

    def ratios(self) -> dict[str, float]:
        return {s.name: self.ratio(s) for s in [*self.steps, self.analysis]}

    def table(self) -> str:
        rows = [self.floor, *self.steps, self.analysis]
        lines = ["| step | seconds | words/s | articles/s | ms / 1,000 words | × floor | first call s |",
                 "|---|---:|---:|---:|---:|---:|---:|"]
        for s in rows:
            wps = self.words / s.seconds if s.seconds else float("inf")
            aps = self.articles / s.seconds if s.seconds else float("inf")
            first = f"{s.first_call:.2f}" if s.first_call is not None else "–"
            lines.append(f"| {s.name} | {s.seconds:.2f} | {wps:,.0f} | {aps:,.1f} | "
                         f"{1000 * s.seconds / self.words * 1000:.1f} | {self.ratio(s):,.1f} | {first} |")
        return "\n".join(lines)


def floor_seconds(texts: list[str], repeats: int = 3) -> float:
    """The fastest of ``repeats`` runs of spaCy blank('de') + sentencizer over ``texts``."""
    import spacy

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp(texts[0])
    best = float("inf")
    for _ in range(repeats):
        t0 = _clock()
        for text in texts:
            nlp(text)
        best = min(best, _clock() - t0)
    return best


def measure(texts: list[str], pipeline: Any = None, floor_repeats: int = 3) -> Budget:
    """Time ingestion, each component of ``pipeline`` (default: the default pipeline) and the floor
    on ``texts``. The first text is also run once before timing; its times are the first calls."""
    from lagebild.analyze import young_collections_rarer
    from lagebild.ingest import document_from_text
    from lagebild.pipeline import default_pipeline
    from lagebild.settings import Settings

    pipeline = pipeline or default_pipeline(Settings.from_env())
    steps = {INGEST: Step(INGEST), **{c.name: Step(c.name) for c in pipeline.components}}
    # first call: lazy loading (models, lexicons, automata) happens here, outside the timed runs
    t0 = _clock()
    doc = document_from_text(texts[0])
    steps[INGEST].first_call = _clock() - t0
    for comp in pipeline.components:
        t0 = _clock()
        doc = comp(doc)
        steps[comp.name].first_call = _clock() - t0
        doc.layers.update(comp.adds)
    # what ``lagebild.analyze.run_pipeline`` does after a process's first analysis (every command
    # and worker goes through it): the loaded resources move to the collector's permanent
    # generation, so that no later collection walks them (before: a fifth of the analysis time), and
    # the youngest generation is collected less often
    gc.freeze()
    young_collections_rarer()
    for text in texts:
        t0 = _clock()
        doc = document_from_text(text)
        steps[INGEST].seconds += _clock() - t0
        for comp in pipeline.components:
            t0 = _clock()
            doc = comp(doc)
            steps[comp.name].seconds += _clock() - t0
            doc.layers.update(comp.adds)
    floor = Step(FLOOR, floor_seconds(texts, floor_repeats))
    return Budget(sum(len(t.split()) for t in texts), len(texts), floor, list(steps.values()))


def main() -> None:
    from throughput import build_corpus, distinct_corpus

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300, help="number of articles (default 300)")
    ap.add_argument("--corpus", choices=("repeated", "distinct"), default="distinct",
                    help="distinct: Wikinews articles from ../shared/data (every one new, the default); "
                         "repeated: the demo and seed articles over and over (warm caches)")
    ap.add_argument("--out", type=Path, default=None,
                    help="default benchmarks/results/components.md (distinct) or components_repeated.md")
    args = ap.parse_args()
    corpus = distinct_corpus(args.n) if args.corpus == "distinct" else build_corpus(args.n)
    kind = ("distinct German news articles (Wikinews, ../shared/data/spkatt-2023-task2-news)"
            if args.corpus == "distinct" else "demo + seed articles repeated")
    args.out = args.out or ROOT / "benchmarks" / "results" / (
        "components.md" if args.corpus == "distinct" else "components_repeated.md")
    budget = measure(corpus)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    report = "\n".join([
        f"Corpus: {budget.articles} articles, {budget.words:,} words ({kind}). "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {load} at the end.",
        measured.describe(),
        "One process; each step timed call by call on every article (CPU seconds); the floor on the same "
        "texts in the same run. × floor = the step's time / the floor's time.",
        "",
        budget.table(),
    ])
    measured.report(report, args.out)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
