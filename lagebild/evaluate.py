"""Scoring exported documents against gold files (``../shared/eval/FORMAT.md``).

Gold items are anchored by surface text (plus ``occurrence``); we locate them in the
exported ``text`` and compare with the system's spans. Per layer we count TP/FP/FN with
one-to-one greedy matching; ``optional`` gold items neither count as misses nor, when
matched, as false positives.

Protocol for the document date: like TempEval, the layers are scored with the gold
``published`` date as the document creation time (``use_gold_date=True``), because a bare
text file often prints no date at all; the metadata score always uses the date the system
inferred on its own, before that override.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from lagebild.errors import EvalError

LAYERS = ("actors", "timexes", "quotes", "quotes_speaker_blind", "figures", "events", "commitments", "stances")
METADATA = ("published", "author", "genre")
GOLD_KEY = {"quotes_speaker_blind": "quotes"}  # the gold list a scored layer reads
SYMMETRIC_EVENTS = {"CONSULT", "COOPERATE", "AGREE"}


def norm(text: str | None) -> str:
    """Case- and accent-insensitive comparison key ("Selenskyj" == "selenskyj", "Küfner" == "Kufner")."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().replace("-", " ").split())


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class DocScore:
    doc: str
    layers: dict[str, Counts] = field(default_factory=dict)
    metadata: dict[str, bool] = field(default_factory=dict)
    metadata_values: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field -> (system, gold)
    errors: dict[str, list[str]] = field(default_factory=dict)  # layer -> readable FP/FN lines


@dataclass
class EvalReport:
    docs: list[DocScore]

    def layer(self, name: str) -> Counts:
        total = Counts()
        for d in self.docs:
            if name in d.layers:
                total.add(d.layers[name])
        return total

    def annotated(self, name: str) -> bool:
        """Whether any gold file of the run annotates this layer (lists it, even empty)."""
        return any(name in d.layers for d in self.docs)

    def metadata_accuracy(self, name: str) -> float:
        values = [d.metadata[name] for d in self.docs if name in d.metadata]
        return sum(values) / len(values) if values else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": len(self.docs),
            "layers": {name: self.layer(name).as_dict() for name in LAYERS if self.annotated(name)},
            "metadata": {name: round(self.metadata_accuracy(name), 4) for name in METADATA},
            "per_document": {
                d.doc: {
                    "layers": {k: v.as_dict() for k, v in d.layers.items()},
                    "metadata": {k: {"ok": d.metadata[k], "system": _s(d.metadata_values[k][0]),
                                     "gold": _s(d.metadata_values[k][1])} for k in d.metadata},
                }
                for d in self.docs
            },
        }


def _s(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


# -- locating gold items in the exported text -------------------------------------------------------
def locate(text: str, surface: str, occurrence: int = 1) -> tuple[int, int] | None:
    """Character span of the ``occurrence``-th exact match of ``surface``; falls back to a
    whitespace- and quote-insensitive search when cleaning changed the text."""
    pos = -1
    for _ in range(max(occurrence, 1)):
        pos = text.find(surface, pos + 1)
        if pos < 0:
            break
    if pos >= 0:
        return pos, pos + len(surface)
    # fallback: collapse whitespace in both and map back
    import re

    pattern = r"\s+".join(re.escape(part) for part in surface.split())
    matches = list(re.finditer(pattern, text))
    if len(matches) >= occurrence:
        m = matches[occurrence - 1]
        return m.start(), m.end()
    return None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


# -- matching -----------------------------------------------------------------------------------
def _match(gold: list[dict[str, Any]], system: list[dict[str, Any]],
           ok: Callable[[dict[str, Any], dict[str, Any]], bool],
           describe_gold: Callable[[dict[str, Any]], str],
           describe_sys: Callable[[dict[str, Any]], str]) -> tuple[Counts, list[str]]:
    """Greedy one-to-one matching; required gold first so optional items cannot steal a match."""
    counts = Counts()
    used: set[int] = set()
    errors: list[str] = []
    order = sorted(range(len(gold)), key=lambda i: bool(gold[i].get("optional")))
    for gi in order:
        g = gold[gi]
        hit = next((si for si, s in enumerate(system) if si not in used and ok(g, s)), None)
        if hit is not None:
            used.add(hit)
            if not g.get("optional"):
                counts.tp += 1
        elif not g.get("optional"):
            counts.fn += 1
            errors.append(f"FN {describe_gold(g)}")
    for si, s in enumerate(system):
        if si not in used:
            counts.fp += 1
            errors.append(f"FP {describe_sys(s)}")
    return counts, errors


def _actor_keys(actor: dict[str, Any] | None) -> set[str]:
    if not actor:
        return set()
    return {norm(actor.get("name"))} | {norm(a) for a in actor.get("aliases") or []} - {""}


class _DocScorer:
    """Scores one exported document against its gold object, one method per layer."""

    def __init__(self, export: dict[str, Any], gold: dict[str, Any]) -> None:
        self.export, self.gold, self.text = export, gold, export["text"]
        self.score = DocScore(doc=gold.get("doc", export.get("id", "?")))
        self.actors = {a["id"]: a for a in export.get("actors", [])}

    def actor_is(self, actor_id: str | None, gold_name: str | None) -> bool:
        if gold_name is None:
            return actor_id is None
        # an id the export's actor list lacks (a place id like "ukraine") is compared as a name
        return (norm(gold_name) in _actor_keys(self.actors.get(actor_id or ""))
                or norm((actor_id or "").replace("_", " ")) == norm(gold_name))

    def anchored(self, layer: str) -> tuple[list[dict[str, Any]], list[str]]:
        """Gold items with their span in the text, and a miss line for each one not found."""
        found, lost = [], []
        for g in self.gold.get(layer, []):
            span = locate(self.text, g["text"], g.get("occurrence", 1))
            if span is not None:
                found.append({**g, "_span": span})
            elif not g.get("optional"):
                lost.append(f"GOLD-NOT-FOUND {g['text']!r}")
        return found, lost

    def record(self, layer: str, counts: Counts, errors: list[str], lost: list[str] | None = None) -> None:
        if GOLD_KEY.get(layer, layer) not in self.gold:
            return  # a layer the gold file leaves out is not annotated there: nothing to score
        lost = lost or []
        counts.fn += len(lost)  # a gold item the text does not contain is a miss
        self.score.layers[layer], self.score.errors[layer] = counts, [*lost, *errors]

    def actors_layer(self) -> None:
        """Actors: document-level sets."""
        def actor_ok(g: dict[str, Any], s: dict[str, Any]) -> bool:
            keys = {norm(g["name"])} | {norm(x) for x in g.get("surface", [])}
            return bool(keys & _actor_keys(s))

        self.record("actors", *_match(self.gold.get("actors", []), list(self.actors.values()), actor_ok,
                                      lambda g: g["name"], lambda s: f"{s['name']} ({s['id']})"))

    def timexes_layer(self) -> None:
        """Timexes: overlapping text and the same value."""
        gt, lost = self.anchored("timexes")
        self.record("timexes", *_match(
            gt, self.export.get("timexes", []),
            lambda g, s: _overlap(g["_span"], (s["start"], s["end"])) > 0 and g["value"] == s["value"],
            lambda g: f"{g['text']!r} {g['type']} {g['value']}",
            lambda s: f"{s['text']!r} {s['type']} {s['value']}"), lost)

    def quotes_layer(self) -> None:
        """Quotes: >= 50 % overlap (of the longer span) and the same speaker; speaker-blind separately."""
        gq, lost = self.anchored("quotes")
        sq = self.export.get("quotes", [])

        def q_overlap(g: dict[str, Any], s: dict[str, Any]) -> bool:
            a, b = g["_span"], (s["start"], s["end"])
            return _overlap(a, b) >= 0.5 * max(a[1] - a[0], b[1] - b[0])

        def spk(s: dict[str, Any]) -> str:
            return str(s.get("speaker_name") or s.get("speaker"))

        self.record("quotes", *_match(
            gq, sq, lambda g, s: q_overlap(g, s) and self.actor_is(s.get("speaker"), g.get("speaker")),
            lambda g: f"{g['kind']} [{g.get('speaker')}] {g['text']!r}",
            lambda s: f"{s['kind']} [{spk(s)}] {s['text']!r}"), lost)
        self.record("quotes_speaker_blind", *_match(gq, sq, q_overlap, lambda g: f"{g['kind']} {g['text']!r}",
                                                    lambda s: f"{s['kind']} {s['text']!r}"), lost)

    def figures_layer(self) -> None:
        """Figures: overlapping text, equal value (±0.5 %) and unit."""
        gf, lost = self.anchored("figures")

        def fig_ok(g: dict[str, Any], s: dict[str, Any]) -> bool:
            gv, sv = float(g["value"]), float(s.get("value") or 0)
            close = abs(gv - sv) <= 0.005 * abs(gv) if gv else sv == 0
            return _overlap(g["_span"], (s["start"], s["end"])) > 0 and close and _same_unit(g, s)

        self.record("figures", *_match(gf, self.export.get("figures", []), fig_ok,
                                       lambda g: f"{g['text']!r} {g['value']} {g.get('unit')}",
                                       lambda s: f"{s['text']!r} {s.get('value')} {s.get('unit')}"), lost)

    def event_ok(self, g: dict[str, Any], s: dict[str, Any]) -> bool:
        """FORMAT.md: the same type, matching source and target (either order for CONSULT, COOPERATE,
        AGREE; a gold ``null`` matches only a system ``null``), and, where both give one, the same date.
        Evidence, mode, location and modality are not scored."""
        if g["type"] != s.get("type"):
            return False
        same = self.actor_is(s.get("source"), g.get("source")) and self.actor_is(s.get("target"), g.get("target"))
        if not same and g["type"] in SYMMETRIC_EVENTS:
            same = (self.actor_is(s.get("target"), g.get("source"))
                    and self.actor_is(s.get("source"), g.get("target")))
        if g.get("date") and s.get("date") and str(g["date"]) != str(s["date"]):
            return False
        return same

    def events_layer(self) -> None:
        self.record("events", *_match(
            self.gold.get("events", []), self.export.get("events", []), self.event_ok,
            lambda g: f"{g['type']} {g.get('source')} -> {g.get('target')} {g.get('date')}",
            lambda s: f"{s.get('type')} {s.get('source')} -> {s.get('target')} {s.get('date')}"))

    def commitments_layer(self) -> None:
        """Commitments: same kind and actor, the same deadline date where both give one."""
        def ok(g: dict[str, Any], s: dict[str, Any]) -> bool:
            if g.get("kind") != s.get("kind") or not self.actor_is(s.get("actor"), g.get("actor")):
                return False
            return not (g.get("deadline") and s.get("deadline") and str(g["deadline"])[:10] != str(s["deadline"])[:10])

        self.record("commitments", *_match(
            self.gold.get("commitments", []), self.export.get("commitments", []), ok,
            lambda g: f"{g.get('kind')} [{g.get('actor')}] {g.get('deadline')} {g.get('evidence', '')[:60]!r}",
            lambda s: f"{s.get('kind')} [{s.get('actor')}] {s.get('deadline')} {s.get('content', '')[:60]!r}"))

    def stances_layer(self) -> None:
        """Stances: same actor and polarity, and the issue names share >= 50 % of their words or the
        evidence spans agree (one contains the other, or 60 % of the shorter one's words are shared)."""
        def words(text: str | None) -> set[str]:
            return set(norm(text).replace("/", " ").replace("(", " ").replace(")", " ").split())

        def agree(a: str, b: str, share: float) -> bool:
            wa, wb = words(a), words(b)
            if not wa or not wb:
                return False
            return norm(a) in norm(b) or norm(b) in norm(a) or len(wa & wb) >= share * min(len(wa), len(wb))

        def ok(g: dict[str, Any], s: dict[str, Any]) -> bool:
            if g.get("polarity") != s.get("polarity") or not self.actor_is(s.get("actor"), g.get("actor")):
                return False
            span = self.text[s["start"]:s["end"]] if isinstance(s.get("start"), int) else ""
            evidence = [e for e in (span, s.get("evidence") or "") if e]
            return agree(g.get("issue", ""), s.get("issue", ""), 0.5) or any(
                agree(g.get("evidence", ""), e, 0.6) for e in evidence)

        self.record("stances", *_match(
            self.gold.get("stances", []), self.export.get("stances", []), ok,
            lambda g: f"{g.get('polarity')} [{g.get('actor')}] {g.get('issue')}",
            lambda s: f"{s.get('polarity')} [{s.get('actor')}] {s.get('issue')}"))

    def metadata(self) -> None:
        meta_sys = self.export.get("_system_metadata") or self.export
        for name in METADATA:
            sys_v, gold_v = meta_sys.get(name), self.gold.get(name)
            if sys_v is not None and gold_v is not None:
                ok = norm(str(sys_v)) == norm(str(gold_v))
            else:
                ok = sys_v == gold_v
            self.score.metadata[name] = ok
            self.score.metadata_values[name] = (sys_v, gold_v)

    def run(self) -> DocScore:
        for step in (self.actors_layer, self.timexes_layer, self.quotes_layer, self.figures_layer,
                     self.events_layer, self.commitments_layer, self.stances_layer, self.metadata):
            step()
        return self.score


def score_document(export: dict[str, Any], gold: dict[str, Any]) -> DocScore:
    """Score one exported document (``Document.to_json()``) against its gold object."""
    return _DocScorer(export, gold).run()


# -- running ------------------------------------------------------------------------------------
def load_gold(gold_dir: Path) -> list[dict[str, Any]]:
    files = sorted(gold_dir.glob("*.gold.json"))
    if not files:
        raise EvalError(f"no *.gold.json files in {gold_dir}; see ../shared/eval/FORMAT.md for the format")
    out = []
    for f in files:
        try:
            out.append(json.loads(f.read_text(encoding="utf-8")))
        except json.JSONDecodeError as exc:
            raise EvalError(f"{f}: not valid JSON ({exc})") from exc
    return out


def export_for_gold(gold: dict[str, Any], docs_dir: Path, *, use_gold_date: bool = True) -> dict[str, Any]:
    """Analyse the article a gold file names and return its export, with the system's own metadata
    kept under ``_system_metadata`` (see the module docstring for the date protocol)."""
    from lagebild import ingest
    from lagebild.errors import IngestError
    from lagebild.pipeline import default_pipeline

    path = docs_dir / gold["doc"]
    if not path.exists():
        raise EvalError(f"gold file names {gold['doc']!r} but {path} does not exist; is DOCS_DIR right?")
    results = list(ingest.read_source(path))
    docs = [r for r in results if not isinstance(r, IngestError)]
    if not docs:
        raise EvalError(f"{path}: could not be read: {results[0] if results else 'no article'}")
    doc = docs[0]
    pipeline = default_pipeline()
    doc = pipeline(doc)
    system_meta = {"published": doc.meta.published.isoformat() if doc.meta.published else None,
                   "author": doc.meta.author, "genre": doc.meta.genre}
    gold_date = gold.get("published")
    if use_gold_date and gold_date and gold_date != system_meta["published"]:
        again = [r for r in ingest.read_source(path) if not isinstance(r, IngestError)][0]
        again.meta.published = date.fromisoformat(gold_date)
        again.meta.published_source = "override"
        doc = pipeline(again)
    export = doc.to_json()
    export["_system_metadata"] = system_meta
    return export


def evaluate(gold_dir: Path, docs_dir: Path, *, use_gold_date: bool = True,
             progress: Callable[[Iterable[dict[str, Any]]], Iterable[dict[str, Any]]] | None = None) -> EvalReport:
    golds = load_gold(gold_dir)
    items: Iterable[dict[str, Any]] = progress(golds) if progress else golds
    scores = [score_document(export_for_gold(g, docs_dir, use_gold_date=use_gold_date), g) for g in items]
    return EvalReport(scores)


def evaluate_exports(gold_dir: Path, exports: list[dict[str, Any]]) -> EvalReport:
    """Score a ready export (e.g. from ``lagebild export``); documents are matched by id = file stem."""
    by_id = {e["id"]: e for e in exports}
    scores = []
    for g in load_gold(gold_dir):
        stem = Path(g["doc"]).stem
        if stem not in by_id:
            raise EvalError(f"no exported document with id {stem!r} for gold {g['doc']}")
        scores.append(score_document(by_id[stem], g))
    return EvalReport(scores)


_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def _same_unit(g: dict[str, Any], s: dict[str, Any]) -> bool:
    """The gold unit, or (FORMAT.md: "where no English noun is known, the German lemma of the counted
    noun is accepted") a system unit that is the lemma of a word of the gold figure's text: "helm" for
    "5000 Helme", "hafen" for "drei Häfen" (umlauts folded, at least four letters)."""
    gu, su = g.get("unit"), s.get("unit")
    if gu == su:
        return True
    if not su or len(su) < 4 or not su.isalpha() or not su.islower():
        return False
    return any(w.startswith(su.translate(_FOLD)) for w in str(g.get("text", "")).lower().translate(_FOLD).split())

