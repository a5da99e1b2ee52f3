"""Scaling: each component's time on 100k and 1M characters of hostile and ordinary patterns.

Every component of the default pipeline must be linear (or n log n) in the length of the text, so
that no input can stall an ingest: the time at 1M characters may be at most ``MAX_RATIO`` (15) times
the time at 100k (linear is 10, n log n about 12). Each pattern is cut to the size, wrapped in a
``Document`` (German, no date: the dating step finds one) and run through the components of the
default pipeline one by one; each component is timed on its own, on the document the ones before it
made. Times are CPU seconds of this process (unaffected by other processes on a busy machine), with
Python's cyclic garbage collector paused during each timed call (and run between calls): it runs a full
collection each time the surviving objects grew by a quarter, which is linear over time but makes one
document's time jump at the thresholds ("sagte er, " at 1M characters, language: 0.25 s of tokenizing
plus 0.4 s in three full collections, none at 100k) and would make a linear component look quadratic.
Ingestion is not part of this (``lagebild/ingest`` has its own limits). Linear code still grows a
little faster than the text from 100k to 1M characters, where its data stop fitting the processor's
caches: spaCy's tokenizer alone took 2.4 ms, 44 ms and 134 ms on 100k, 1M and 3M characters (18x,
then 3.1x); so the fastest component, language, shows ratios of 12-16 on a busy machine.

Patterns (``PATTERNS``): the seed articles (``../shared/seeds``, read where they stand; else
``examples/corpus``) repeated, as they are and as one line without newlines; the same words with no
punctuation at all; one word repeated; "sagte er, " quote chains; cued and uncued quotes; „…“
quote-mark floods, double and single, balanced and unclosed; digit strings "123.123.…"; figures
"5.000 Soldaten, "; dates "am 3. März 2022, "; many names (the document's author among them); dated
headings with quotes, each its own paragraph. Every document has an author in its metadata.

Run: .venv/bin/python benchmarks/scaling.py [--sizes 100000 1000000] [--patterns real one_line ...]
[--timeout 600] [--repeats 3] [--out benchmarks/results/scaling.md]. Each size of each pattern runs in
a fresh process (so one slow case cannot hold up the rest; over ``--timeout`` seconds it is recorded
as such), after a warm-up document that loads the lexicons and models; the least time of
``--repeats`` runs counts. ``tests/test_scaling_components.py``
runs the same measurement from 10k to 100k characters in CI.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
CORPUS = ROOT / "examples" / "corpus"
MAX_RATIO = 15.0  # time at 10x the characters may be at most this many times the time (linear: 10)
FLOOR_SECONDS = 0.05  # below this at the larger size a ratio is noise (a few ms at the smaller one)
_clock = time.process_time
_NO_PUNCT = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


def _corpus_text(path: Path) -> str:
    """The article of an examples/corpus file: the text after its header lines (``KEY: value``)."""
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    return body if all(re.match(r"[A-Z]+: ", line) for line in head.splitlines()) else head + "\n\n" + body


REAL_UNIT = 10_000  # characters of real text that repeat (10k, 100k and 1M hold the same mix)


def real_text() -> str:
    """About REAL_UNIT characters of the seed articles (or, without ../shared, the demo corpus): their
    paragraphs taken in turn, one from each article, so that every article contributes."""
    if SEEDS.is_dir() and any(SEEDS.glob("*.txt")):
        texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    else:
        texts = [_corpus_text(p) for p in sorted(CORPUS.glob("*.txt"))]
    paragraphs = [[q.strip() for q in t.split("\n\n") if q.strip()] for t in texts]
    out: list[str] = []
    size = 0
    for k in range(max(map(len, paragraphs), default=0)):
        for paras in paragraphs:
            if k < len(paras) and size + len(paras[k]) + 2 <= REAL_UNIT:
                out.append(paras[k])
                size += len(paras[k]) + 2
    return "\n\n".join(out) + "\n\n"


def _repeat(unit: str, n: int) -> str:
    """``unit`` repeated to ``n`` characters, cut after the last whole space before ``n``."""
    text = unit * (n // len(unit) + 1)
    cut = text.rfind(" ", 0, n)
    return text[: cut if cut > n // 2 else n]


def _one_line(n: int) -> str:
    return _repeat(_SPACES.sub(" ", real_text()), n)


def _no_punct(n: int) -> str:
    return _repeat(_SPACES.sub(" ", _NO_PUNCT.sub(" ", real_text())), n)


NAMES = ("Olaf Scholz, Wladimir Putin, Emmanuel Macron, Joe Biden, Wolodymyr Selenskyj, Sergej Lawrow, "
         "Annalena Baerbock, Antony Blinken, Jens Stoltenberg, Hans Müller, die Nato, Russland, Kiew, "
         "der Kanzler, Moskau, die EU, Frau Schmidt, Herr Meier, ")
PATTERNS: dict[str, Callable[[int], str]] = {
    "real": lambda n: _repeat(real_text(), n),
    "one_line": _one_line,
    "no_punct": _no_punct,
    "frieden": lambda n: _repeat("Frieden ", n),
    "sagte_er": lambda n: _repeat("sagte er, ", n),
    "quotes": lambda n: _repeat("„Wir wollen Frieden“, sagte Putin. ", n),
    "quote_marks": lambda n: _repeat("„Frieden „Krieg“ “ „ ", n),
    "single_marks": lambda n: _repeat("‹Frieden ‚Krieg ›Waffen ", n),
    "uncued_quotes": lambda n: _repeat("„Wir wollen Frieden und keinen Krieg“ – ", n),
    "digits": lambda n: _repeat("123.", n),
    "figures": lambda n: _repeat("5.000 Soldaten, ", n),
    "dates": lambda n: _repeat("am 3. März 2022, ", n),
    "names": lambda n: _repeat(NAMES, n),
    "headings": lambda n: _repeat("+++ Montag, 7. März: „Wir wollen Frieden“ +++\n\n", n),
}
AUTHOR = "Hans Müller"  # named in NAMES: the author rules look for the name in the text


def component_seconds(text: str, pipeline: object = None) -> dict[str, float]:
    """CPU seconds of each component of ``pipeline`` (default: the default pipeline) on ``text``."""
    from lagebild.document import Document, Metadata
    from lagebild.pipeline import Pipeline
    from lagebild.settings import Settings

    pipe = pipeline if pipeline is not None else Pipeline(list(Settings().components))
    doc = Document(text, Metadata(language="de", author=AUTHOR))
    out: dict[str, float] = {}
    for comp in pipe.components:  # type: ignore[attr-defined]
        gc.collect()
        gc.disable()
        try:
            t0 = _clock()
            doc = comp(doc)
            out[comp.name] = _clock() - t0
        finally:
            gc.enable()
        doc.layers.update(comp.adds)
    return out


def warm_up(pipeline: object) -> None:
    """Load every lexicon and model once (the first document pays for it), then move everything loaded
    to the garbage collector's permanent generation (``gc.freeze``), so that the collection before
    each timed call reads the new objects only (a full collection of the loaded models took ~0.1 s)."""
    component_seconds(real_text()[:5000], pipeline)
    gc.collect()
    gc.freeze()


@dataclass
class Row:
    pattern: str
    seconds: dict[int, dict[str, float] | None] = field(default_factory=dict)  # size -> component -> s


def ratio(small: float, large: float) -> float:
    return large / small if small > 0 else float("inf")


def best_of(repeats: int, text: str, pipeline: object) -> dict[str, float]:
    """The least CPU seconds of each component over ``repeats`` runs on ``text`` (other work on a busy
    machine only adds time: one run of the seeds at 1M characters varied by up to 40%)."""
    runs = [component_seconds(text, pipeline) for _ in range(max(1, repeats))]
    return {name: min(r[name] for r in runs) for name in runs[0]}


def _measure_in_process(pattern: str, size: int, repeats: int) -> dict[str, float]:
    from lagebild.pipeline import Pipeline
    from lagebild.settings import Settings

    pipe = Pipeline(list(Settings().components))
    warm_up(pipe)
    return best_of(repeats, PATTERNS[pattern](size), pipe)


def measure(pattern: str, size: int, timeout: float, repeats: int = 3) -> dict[str, float] | None:
    """Component seconds in a fresh process (the best of ``repeats`` runs); None when it ran past
    ``timeout`` seconds."""
    cmd = [sys.executable, __file__, "--one", pattern, str(size), "--repeats", str(repeats)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return None
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _pairs(sizes: list[int]) -> list[tuple[int, int]]:
    return list(zip(sizes, sizes[1:], strict=False))


def table(rows: list[Row], sizes: list[int], components: list[str], timeout: float) -> str:
    """Seconds per size and the ratio of each size to the one before, per pattern and component."""
    head = " | ".join(f"{s:,} s" for s in sizes)
    ratios = " | ".join(f"{b // a}x chars: x time" for a, b in _pairs(sizes))
    lines = [f"| pattern | component | {head} | {ratios} |", "|---|---|" + "---:|" * (2 * len(sizes) - 1)]
    for row in rows:
        for comp in components:
            cells = []
            for s in sizes:
                got = row.seconds.get(s)
                cells.append(f"> {timeout:.0f} (killed)" if got is None else f"{got.get(comp, 0.0):.3f}")
            for a, b in _pairs(sizes):
                sa, sb = row.seconds.get(a), row.seconds.get(b)
                cells.append("–" if sa is None or sb is None else f"{ratio(sa.get(comp, 0.0), sb.get(comp, 0.0)):.1f}")
            lines.append(f"| {row.pattern} | {comp} | {' | '.join(cells)} |")
    return "\n".join(lines)


def over_limit(rows: list[Row], sizes: list[int], components: list[str]) -> list[str]:
    """Components whose time grew more than MAX_RATIO times from one size to the next (ten times
    the characters), among those that took FLOOR_SECONDS or more at the larger size; or were killed."""
    out = []
    for row in rows:
        for a, b in _pairs(sizes):
            sa, sb = row.seconds.get(a), row.seconds.get(b)
            if sb is None:
                out.append(f"{row.pattern} at {b:,} (killed)")
                continue
            for comp in components:
                if sa is not None and sb[comp] >= FLOOR_SECONDS and ratio(sa[comp], sb[comp]) > MAX_RATIO * b / a / 10:
                    out.append(f"{row.pattern}/{comp} {a:,}->{b:,}: {ratio(sa[comp], sb[comp]):.1f}x")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--patterns", nargs="+", default=list(PATTERNS), choices=list(PATTERNS))
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds per pattern and size")
    ap.add_argument("--repeats", type=int, default=3, help="runs per pattern and size; the least time counts")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "scaling.md")
    ap.add_argument("--one", nargs=2, metavar=("PATTERN", "SIZE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.one:
        print(json.dumps(_measure_in_process(args.one[0], int(args.one[1]), args.repeats)))
        return
    from lagebild.settings import Settings

    components = list(Settings().components)
    rows: list[Row] = []
    for pattern in args.patterns:
        row = Row(pattern)
        for size in args.sizes:
            row.seconds[size] = measure(pattern, size, args.timeout, args.repeats)
            got = row.seconds[size]
            shown = "killed" if got is None else " ".join(f"{k} {v:.2f}" for k, v in got.items())
            print(f"{pattern:12} {size:>9,}: {shown}", flush=True)
        rows.append(row)
    over = over_limit(rows, args.sizes, components)
    text = (f"# Scaling: component CPU seconds by pattern and size\n\n"
            f"`benchmarks/scaling.py --sizes {' '.join(map(str, args.sizes))}`: one fresh process per "
            f"pattern and size, CPU seconds of each component on the document the ones before it made, "
            f"the least of {args.repeats} runs "
            f"(garbage collector paused during each call). Limit: from one size to the next (ten times the "
            f"characters) at most {MAX_RATIO:.0f}x the time, for every component that takes "
            f"{FLOOR_SECONDS} s or more at the larger size.\n\n"
            f"{table(rows, args.sizes, components, args.timeout)}\n\n"
            f"Over the limit: {', '.join(over) or 'none'}.\n")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
