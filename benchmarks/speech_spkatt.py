"""Quote and speaker evaluation of the speech component on SpkAtt-2023 Task 2 (German Wikinews).

Data: ../shared/data/spkatt-2023-task2-news/data/dev/task2/*.json (CC BY-NC-SA 4.0: evaluation
only; nothing here is trained on it). Each document's tokens are detokenised into a text with a
token -> character map, the pipeline (language, actors, speech) runs on it, and the quotes are
scored against the gold annotations (Message = quote, Source = speaker, Cue = cue):

- message tokens: token-level P/R/F1 of "inside a quote" (union over annotations, punctuation ignored);
- message spans: a system quote matches a gold message when their token overlap is >= 50 % of the
  longer of the two (the ``lagebild eval`` rule), one-to-one, greedy in gold order;
- speaker: a matched pair whose system speaker phrase overlaps the gold Source tokens, or whose
  speaker actor has a mention overlapping them (pronoun resolved to a name); P over all system
  quotes, R over gold messages that have a Source;
- recall of message spans per gold Form (Direct, Indirect, Reported, FreeIndirect, ...).

Usage: python benchmarks/speech_spkatt.py [--split dev] [--limit N] [--errors K] [--json OUT]
"""

from __future__ import annotations

import argparse
import glob
import json
import re
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "spkatt-2023-task2-news" / "data"
_NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "“", "”", "«", "‘", "’", "%"}
_NO_SPACE_AFTER = {"(", "[", "„", "»", "‚"}


def detokenize(sentences: list[list[str]]) -> tuple[str, dict[tuple[int, int], tuple[int, int]]]:
    """Text and (sentence, token) -> (start, end). Straight quotes alternate open/close per document."""
    parts: list[str] = []
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    pos = 0
    straight_open = False
    for si, toks in enumerate(sentences):
        glue = False  # no space before the next token
        for ti, tok in enumerate(toks):
            closing = tok in _NO_SPACE_BEFORE or (tok == '"' and straight_open)
            if parts and not glue and not closing:
                parts.append(" ")
                pos += 1
            spans[(si, ti)] = (pos, pos + len(tok))
            parts.append(tok)
            pos += len(tok)
            glue = tok in _NO_SPACE_AFTER or (tok == '"' and not straight_open)
            if tok == '"':
                straight_open = not straight_open
    return "".join(parts), spans


def _ids(refs: list[str]) -> set[tuple[int, int]]:
    out = set()
    for r in refs:
        s, t = r.split(":")
        out.add((int(s), int(t)))
    return out


def _content(ids: set[tuple[int, int]], sentences: list[list[str]]) -> set[tuple[int, int]]:
    return {i for i in ids if re.search(r"\w", sentences[i[0]][i[1]])}


class _Tally:
    """The counts of one evaluation run, document by document."""

    def __init__(self, errors: int) -> None:
        self.errors = errors
        self.tok: Counter[str] = Counter()  # tp, fp, fn for message tokens
        self.span: Counter[str] = Counter()
        self.spk: Counter[str] = Counter()
        self.by_form_gold: Counter[str] = Counter()
        self.by_form_hit: Counter[str] = Counter()
        self.by_kind_sys: Counter[str] = Counter()
        self.spk_by_form: Counter[str] = Counter()  # matched pairs with a gold Source whose speaker is right
        self.pairs_by_form: Counter[str] = Counter()
        self.err_lines: list[str] = []

    def error(self, line: str) -> None:
        if len(self.err_lines) < self.errors:
            self.err_lines.append(line)

    def document(self, doc: Any, data: dict[str, Any], sents: list[list[str]],
                 spans: dict[tuple[int, int], tuple[int, int]]) -> None:
        gold = []
        for a in data["Annotations"]:
            msg = _content(_ids(a["Message"]), sents)
            if msg:
                gold.append((msg, _ids(a["Source"]), a["Form"], a))
        sys_q = []
        for q in doc.quotes:
            toks = _content({k for k, (a, b) in spans.items() if a >= q.start and b <= q.end}, sents)
            if toks:
                sys_q.append((toks, q))
                self.by_kind_sys[q.kind] += 1
        g_union = set().union(*(g[0] for g in gold)) if gold else set()
        s_union = set().union(*(s[0] for s in sys_q)) if sys_q else set()
        self.tok["tp"] += len(g_union & s_union)
        self.tok["fp"] += len(s_union - g_union)
        self.tok["fn"] += len(g_union - s_union)
        used: set[int] = set()
        for g_toks, g_src, form, _ann in gold:
            self._gold(doc, g_toks, g_src, form, sys_q, used, sents, spans)
        for i, (_s_toks, q) in enumerate(sys_q):
            if i not in used:
                self.span["fp"] += 1
                self.spk["fp"] += 1
                self.error(f"FP {q.kind:8s} {q.rule:24s} {q.text[:100]}")

    def _gold(self, doc: Any, g_toks: set[tuple[int, int]], g_src: set[tuple[int, int]], form: str,
              sys_q: list[tuple[set[tuple[int, int]], Any]], used: set[int], sents: list[list[str]],
              spans: dict[tuple[int, int], tuple[int, int]]) -> None:
        self.by_form_gold[form] += 1
        hit = next((i for i, (s_toks, _q) in enumerate(sys_q)
                    if i not in used and len(g_toks & s_toks) >= 0.5 * max(len(g_toks), len(s_toks))), None)
        if hit is None:
            self.span["fn"] += 1
            if g_src:
                self.spk["fn"] += 1
            self.error(f"FN {form:12s} {_txt(g_toks, sents)[:110]}")
            return
        used.add(hit)
        self.span["tp"] += 1
        self.by_form_hit[form] += 1
        q = sys_q[hit][1]
        if not g_src:
            self.spk["fp"] += 1 if q.speaker else 0
            return
        self.pairs_by_form[form] += 1
        if _speaker_ok(doc, q, g_src, spans):
            self.spk["tp"] += 1
            self.spk_by_form[form] += 1
        else:
            self.spk["fn"] += 1
            self.spk["fp"] += 1
            self.error(f"SPK {form} {q.rule} gold={_txt(g_src, sents)!r} sys={q.speaker_text!r} "
                       f"({doc.actor_name(q.speaker)}) | {q.text[:70]}")


def evaluate(split: str = "dev", limit: int | None = None, errors: int = 0,
             components: tuple[str, ...] = ("language", "dating", "time", "actors", "clauses", "speech"), broad: bool = False,
             merge: str = "chain") -> dict[str, Any]:
    from lagebild.document import Document, Metadata
    from lagebild.pipeline import Pipeline
    from lagebild.speech.component import build_quotes

    # without the actors layer the pipeline refuses "speech"; run the extraction directly then
    pipe = Pipeline([c for c in components if c != "speech"])
    files = sorted(glob.glob(str(DATA / split / "task2" / "*.json")))[:limit]
    if not files:
        sys.exit(f"no SpkAtt files under {DATA / split}")
    tally = _Tally(errors)
    n_tokens = 0
    t0 = time.perf_counter()
    for f in files:
        data = json.loads(Path(f).read_text(encoding="utf-8"))
        sents = [s["Tokens"] for s in data["Sentences"]]
        n_tokens += sum(len(s) for s in sents)
        text, spans = detokenize(sents)
        m = re.search(r"\((\d{4}-\d{2}-\d{2})\)", Path(f).name)
        meta = Metadata(language="de", published=date.fromisoformat(m.group(1)) if m else None)
        doc = pipe(Document(text=text, meta=meta))
        doc.quotes = merge_chains(doc, build_quotes(doc, broad=broad), merge)
        tally.document(doc, data, sents, spans)
    elapsed = time.perf_counter() - t0
    t = tally
    result = {
        "split": split, "components": list(components), "broad": broad, "merge": merge, "documents": len(files),
        "tokens": n_tokens, "seconds": round(elapsed, 1),
        "message_tokens": _prf(t.tok), "message_spans": _prf(t.span), "speaker": _prf(t.spk),
        "recall_by_form": {k: round(t.by_form_hit[k] / v, 3) for k, v in sorted(t.by_form_gold.items())},
        "speaker_accuracy_of_matched_by_form": {k: round(t.spk_by_form[k] / v, 3)
                                                for k, v in sorted(t.pairs_by_form.items())},
        "gold_by_form": dict(t.by_form_gold), "system_by_kind": dict(t.by_kind_sys),
    }
    for line in t.err_lines:
        print(line)
    return result


def konjunktiv_check(source: str = "mkhz", limit: int | None = None) -> dict[str, Any]:
    """Word-level check of ``is_konjunktiv1`` against the REDEWIEDERGABE corpus's morphology column
    (rfpos ``VFIN.*.3.Sg.Pres.Subj``), on one source (``mkhz`` = historical newspapers and magazines).
    Lower-case tokens only (the component analyses only those); CC BY-NC-SA 4.0: evaluation only."""
    from lagebild.speech.konjunktiv import konj1_in_context

    rw = ROOT.parent / "shared" / "data" / "redewiedergabe" / "data" / "main" / "tsv"
    files = sorted(rw.glob(f"rwk_{source}_*.tsv"))[:limit]
    c: Counter[str] = Counter()
    for f in files:
        rows = [line.split("\t") for line in f.read_text(encoding="utf-8").splitlines()[1:]]
        rows = [r for r in rows if len(r) >= 5]
        words = [r[1] for r in rows]
        for k, r in enumerate(rows):
            if not words[k][:1].islower():
                continue
            # gold: a present subjunctive finite verb (3rd person, or "seien"); 1st/2nd person forms
            # coincide with the indicative except sei/seien and are out of scope
            gold = r[4].startswith("VFIN") and ".Pres.Subj" in r[4] and (".3." in r[4] or words[k] == "seien")
            pred = konj1_in_context(words, k)
            c["tp" if gold and pred else "fp" if pred else "fn" if gold else "tn"] += 1
    return {"corpus": f"redewiedergabe/{source}", "files": len(files), **_prf(c)}


_CHAIN_RULES = ("konjunktiv1-chain", "konjunktiv1-previous-subject", "konjunktiv1-recent-person", "reportative-sollen")


def merge_chains(doc: Any, quotes: list[Any], mode: str = "chain") -> list[Any]:
    """SpkAtt's convention, for scoring only: consecutive sentences of free indirect speech of one
    speaker form ONE message ("Bereits heute müssten … . Außerdem sei …"). Our export keeps one quote
    per sentence (the project gold, FORMAT.md). ``mode``: "none"; "chain" merges an uncued Konjunktiv-I
    sentence into the previous uncued one; "any" also into a cued indirect quote before it."""
    if mode == "none":
        return quotes
    import dataclasses

    out: list[Any] = []
    for q in sorted(quotes, key=lambda q: q.start):
        p = next((o for o in reversed(out) if o.kind == "indirect"), None)
        if p is not None and q.kind == "indirect" and q.rule in _CHAIN_RULES and (
                p.rule in _CHAIN_RULES or mode == "any") and q.speaker is not None and q.speaker == p.speaker:
            ps, qs = doc.sentence_at(max(p.start, p.end - 1)), doc.sentence_at(q.start)
            if ps is not None and qs is not None and qs - ps == 1 and out[-1] is p:
                out[-1] = dataclasses.replace(p, end=q.end, text=doc.text[p.start:q.end])
                continue
        out.append(q)
    return out


def _txt(ids: set[tuple[int, int]], sents: list[list[str]]) -> str:
    return " ".join(sents[s][t] for s, t in sorted(ids))


def _speaker_ok(doc: Any, q: Any, g_src: set[tuple[int, int]], spans: dict[tuple[int, int], tuple[int, int]]) -> bool:
    src_chars = [spans[k] for k in g_src if k in spans]
    cand: list[tuple[int, int]] = []
    if q.speaker_start is not None and q.speaker_end is not None:
        cand.append((q.speaker_start, q.speaker_end))
    if q.speaker:
        cand.extend((m.start, m.end) for m in doc.mentions if m.actor == q.speaker)
    return any(min(b, d) > max(a, c) for a, b in cand for c, d in src_chars)


def _prf(c: Counter) -> dict[str, float]:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": round(p, 3), "R": round(r, 3), "F1": round(f, 3), "tp": tp, "fp": fp, "fn": fn}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--errors", type=int, default=0, help="print this many error lines")
    ap.add_argument("--json", default=None, help="write the result object here")
    ap.add_argument("--components", default="language,dating,time,actors,clauses,speech",
                    help="pipeline components (without actors, speakers are phrases only)")
    ap.add_argument("--broad", action="store_true",
                    help="also emit speech-act sentences as kind 'reported' (SpkAtt annotates them; our gold does not)")
    ap.add_argument("--konjunktiv", action="store_true",
                    help="instead: word-level Konjunktiv I check on REDEWIEDERGABE newspapers (rfpos Subj)")
    ap.add_argument("--merge", default="chain", choices=("none", "chain", "any"),
                    help="SpkAtt convention adapter: merge consecutive free-indirect sentences of one speaker")
    args = ap.parse_args()
    if args.konjunktiv:
        print(json.dumps(konjunktiv_check(limit=args.limit), indent=1))
        return
    res = evaluate(args.split, args.limit, args.errors, tuple(args.components.split(",")), args.broad, args.merge)
    print(json.dumps(res, indent=1, ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
