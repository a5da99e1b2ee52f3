"""Tokens and sentences: the language layer's tokenizer against SoMaJo (its predecessor) and gold.

1. Agreement with SoMaJo (de_CMC / en_PTB, run per paragraph as the language layer ran it before)
   on the seeds (../shared/seeds), the demo corpus (examples/corpus) and the own test sets
   (tests/data/*), all read through ``lagebild.ingest`` like ``lagebild eval`` reads them:
   token-span F1 (exact character offsets) and sentence-start F1, once over all sentence starts
   and once over the starts inside a paragraph (a paragraph start is a sentence start for both).
2. Against gold: UD German GSD dev + test and UD English EWT dev + test (../shared/data, read where
   they stand). GSD sentences are grouped ten to a paragraph into pseudo-articles; EWT keeps its
   documents and paragraphs. Token-span F1 uses the surface tokens (a contraction such as "zum" is
   one token); the same scores are given for SoMaJo.
3. Speed in the same run, on the news articles of 1. and on all texts: words/s of
   ``lagebild.language.tokenize`` (on ready ``Document`` objects), of spaCy's blank German pipeline
   with the ``sentencizer`` (the floor) and of SoMaJo; after one warm-up pass each, the best of
   ``--repeat`` interleaved passes (SoMaJo: one pass).

SoMaJo is a benchmark and test dependency only (``pip install -e .[bench]``).

Usage: .venv/bin/python benchmarks/tokenizer_agreement.py [--repeat 5] [--out benchmarks/results/tokenizer.md]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lagebild.document import Document, Metadata  # noqa: E402
from lagebild.language.tokenize import split_paragraphs, tokenize  # noqa: E402

SHARED = ROOT.parent / "shared"
GSD = SHARED / "data" / "ud-german-gsd"
EWT = SHARED / "data" / "ud-english-ewt"
GSD_SENTENCES_PER_ARTICLE = 10

Spans = set[tuple[int, int]]


@dataclass
class Article:
    name: str
    text: str
    language: str
    gold_tokens: Spans | None = None
    gold_starts: set[int] | None = None


@dataclass
class Analysis:
    tokens: Spans
    starts: set[int]


@dataclass
class Agreement:
    """Counts for token spans, all sentence starts and sentence starts inside a paragraph."""

    counts: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0, 0] for k in ("tok", "sent", "inner")})
    only_ref: Counter[str] = field(default_factory=Counter)
    only_sys: Counter[str] = field(default_factory=Counter)

    def add(self, kind: str, ref: set[Any], sys_: set[Any]) -> None:
        c = self.counts[kind]
        c[0] += len(ref & sys_)
        c[1] += len(sys_ - ref)
        c[2] += len(ref - sys_)

    def f1(self, kind: str) -> float:
        tp, fp, fn = self.counts[kind]
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


# -- corpora ------------------------------------------------------------------------------------
def ingested(sources: Iterable[Path]) -> list[Article]:
    from lagebild.errors import IngestError
    from lagebild.ingest import read_source

    out = []
    for src in sources:
        for path in sorted(src.glob("*.txt")) if src.is_dir() else [src]:
            for i, doc in enumerate(d for d in read_source(path) if not isinstance(d, IngestError)):
                out.append(Article(f"{path.parent.name}/{path.name}#{i}", doc.text, doc.language))
    return out


def conllu_sentences(path: Path) -> Iterator[tuple[bool, bool, str, list[str]]]:
    """(new document?, new paragraph?, text, surface tokens) per sentence of a CoNLL-U file."""
    newdoc = newpar = False
    text = ""
    forms: list[str] = []
    skip_to = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc"):
            newdoc = True
        elif line.startswith("# newpar"):
            newpar = True
        elif line.startswith("# text = "):
            text = line[len("# text = "):]
        elif not line.strip():
            if forms:
                yield newdoc, newpar, text, forms
            newdoc = newpar = False
            forms, skip_to = [], 0
        elif not line.startswith("#"):
            cols = line.split("\t")
            tid = cols[0]
            if "." in tid:
                continue
            if "-" in tid:
                forms.append(cols[1])
                skip_to = int(tid.split("-")[1])
            elif int(tid) > skip_to:
                forms.append(cols[1])
    if forms:
        yield newdoc, newpar, text, forms


def align(text: str, forms: list[str], offset: int) -> list[tuple[int, int]] | None:
    spans = []
    pos = 0
    for form in forms:
        at = text.find(form, pos)
        if at < 0:
            return None
        spans.append((offset + at, offset + at + len(form)))
        pos = at + len(form)
    return spans


class _Builder:
    """Collects sentences into pseudo-articles with gold token spans and sentence starts."""

    def __init__(self, prefix: str, language: str) -> None:
        self.prefix, self.language = prefix, language
        self.articles: list[Article] = []
        self.parts: list[str] = []
        self.tokens: Spans = set()
        self.starts: set[int] = set()
        self.length = 0

    def sentence(self, text: str, forms: list[str], new_paragraph: bool) -> None:
        sep = "\n\n" if new_paragraph and self.parts else (" " if self.parts else "")
        spans = align(text, forms, self.length + len(sep))
        if spans is None or not text.strip():
            return
        self.parts.append(sep + text)
        self.length += len(sep) + len(text)
        self.tokens.update(spans)
        self.starts.add(spans[0][0])

    def close(self) -> None:
        if self.parts:
            self.articles.append(Article(f"{self.prefix}#{len(self.articles)}", "".join(self.parts), self.language,
                                         self.tokens, self.starts))
        self.parts, self.tokens, self.starts, self.length = [], set(), set(), 0


def ud_articles(files: Iterable[Path], prefix: str, language: str, by_document: bool) -> list[Article]:
    builder = _Builder(prefix, language)
    count = 0
    for path in files:
        if not path.exists():
            continue
        for newdoc, newpar, text, forms in conllu_sentences(path):
            if (by_document and newdoc) or (not by_document and count and count % GSD_SENTENCES_PER_ARTICLE == 0):
                builder.close()
            builder.sentence(text, forms, by_document and newpar)
            count += 1
        builder.close()
    return builder.articles


# -- the tokenizers ------------------------------------------------------------------------------
def new_analysis(article: Article) -> Analysis:
    doc = tokenize(Document(article.text, Metadata(language=article.language)))
    return Analysis({(t.start, t.end) for t in doc.tokens}, {s.start for s in doc.sentences})


class SoMaJoReference:
    """The language layer's tokenizer before this one: SoMaJo per paragraph."""

    def __init__(self) -> None:
        from somajo import SoMaJo

        self.models = {lang: SoMaJo(model, split_camel_case=False, character_offsets=True)
                       for lang, model in (("de", "de_CMC"), ("en", "en_PTB"))}

    def __call__(self, article: Article) -> Analysis:
        tokenizer = self.models["en" if article.language == "en" else "de"]
        tokens: Spans = set()
        starts: set[int] = set()
        for p_start, p_end in split_paragraphs(article.text):
            for sentence in tokenizer.tokenize_text([article.text[p_start:p_end]]):
                spans = [(p_start + t.character_offset[0], p_start + t.character_offset[1]) for t in sentence]
                if spans:
                    tokens.update(spans)
                    starts.add(spans[0][0])
        return Analysis(tokens, starts)


def remembered(analyse: Callable[[Article], Analysis]) -> Callable[[Article], Analysis]:
    """``analyse`` run once per article (SoMaJo is compared with the new tokenizer and with gold)."""
    seen: dict[str, Analysis] = {}

    def run(article: Article) -> Analysis:
        if article.name not in seen:
            seen[article.name] = analyse(article)
        return seen[article.name]

    return run


def compare(articles: list[Article], ref: Callable[[Article], Analysis], sys_: Callable[[Article], Analysis],
            paragraph_starts: bool = True) -> Agreement:
    agreement = Agreement()
    for article in articles:
        r, s = ref(article), sys_(article)
        agreement.add("tok", r.tokens, s.tokens)
        agreement.add("sent", r.starts, s.starts)
        paras = {p for p, _ in split_paragraphs(article.text)} if paragraph_starts else set()
        agreement.add("inner", r.starts - paras, s.starts - paras)
        agreement.only_ref.update(article.text[a:b] for a, b in r.tokens - s.tokens)
        agreement.only_sys.update(article.text[a:b] for a, b in s.tokens - r.tokens)
    return agreement


def gold(article: Article) -> Analysis:
    assert article.gold_tokens is not None and article.gold_starts is not None
    return Analysis(article.gold_tokens, article.gold_starts)


# -- speed ---------------------------------------------------------------------------------------
def speed(articles: list[Article], repeat: int, somajo: SoMaJoReference | None) -> dict[str, Any]:
    import spacy

    texts = [a.text for a in articles]
    docs = [Document(a.text, Metadata(language=a.language)) for a in articles]
    words = sum(len(t.split()) for t in texts)
    floor = spacy.blank("de")
    floor.add_pipe("sentencizer")

    def run_floor() -> None:
        for text in texts:
            floor(text)

    def run_new() -> None:
        for doc in docs:
            tokenize(doc)

    runs = {"spaCy blank('de') + sentencizer (floor)": run_floor, "lagebild tokenize (new)": run_new}
    for language in ("de", "en"):  # build the tokenizers outside the timing, as the floor's is
        tokenize(Document("Gebaut.", Metadata(language=language)))
    first: dict[str, float] = {}
    for name, run in runs.items():  # warm-up: fills spaCy's caches of pieces and strings
        t0 = time.perf_counter()
        run()
        first[name] = time.perf_counter() - t0
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            t0 = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - t0)
    out: dict[str, Any] = {"articles": len(texts), "words": words, "repeat": repeat, "runs": {}}
    for name in runs:
        best = min(times[name])
        out["runs"][name] = {"best_s": round(best, 4), "median_s": round(statistics.median(times[name]), 4),
                             "first_pass_s": round(first[name], 4), "words_per_s": round(words / best)}
    if somajo is not None:
        t0 = time.perf_counter()
        for article in articles:
            somajo(article)
        took = time.perf_counter() - t0
        out["runs"]["SoMaJo per paragraph (before)"] = {"best_s": round(took, 4), "median_s": round(took, 4),
                                                        "first_pass_s": round(took, 4),
                                                        "words_per_s": round(words / took)}
    floor_s = out["runs"]["spaCy blank('de') + sentencizer (floor)"]["best_s"]
    for run in out["runs"].values():
        run["x_floor"] = round(run["best_s"] / floor_s, 2)
    return out


# -- report --------------------------------------------------------------------------------------
def row(name: str, n: int, a: Agreement) -> str:
    return (f"| {name} | {n} | {a.f1('tok'):.4f} | {a.f1('sent'):.4f} | {a.f1('inner'):.4f} "
            f"| {sum(a.counts['tok'][1:])} | {sum(a.counts['inner'][1:])} |")


def report(results: dict[str, Any], examples: dict[str, Agreement]) -> str:
    lines = ["# Tokenizer: agreement with SoMaJo, scores on gold, speed", "",
             "Written by `benchmarks/tokenizer_agreement.py` (run it to refresh). Token F1: exact character",
             "spans; sentence F1: sentence start offsets, all of them and only those inside a paragraph",
             "(a paragraph start is a sentence start for every tokenizer here). Python "
             f"{sys.version.split()[0]}.", "",
             "## Agreement of the new tokenizer with SoMaJo", "",
             "| corpus | articles | token F1 | sentence-start F1 | inner sentence-start F1 "
             "| token spans differing | inner starts differing |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    lines += results["agreement"]
    lines += ["", "## Against gold (UD)", "",
              "| tokenizer on corpus | articles | token F1 | sentence-start F1 | inner sentence-start F1 "
              "| token spans differing | inner starts differing |",
              "|---|---:|---:|---:|---:|---:|---:|"]
    lines += results["gold"]
    lines += ["", "Known convention differences with the gold, not errors of either tokenizer: UD German GSD",
              "splits hyphenated compounds (\"US-Präsident\" -> US - Präsident) and \"!!!\" into single marks;",
              "UD English EWT keeps contractions as one surface token (\"don't\", \"I'm\"), which both",
              "tokenizers split the Penn Treebank way (do n't). GSD pseudo-articles join unpunctuated review",
              "lines and headlines into one paragraph, so their sentence starts cannot be found by anyone."]
    for group, sp in results["speed"].items():
        lines += ["", f"## Speed: {group}", "",
                  f"{sp['articles']} articles, {sp['words']:,} words; best of {sp['repeat']} interleaved passes "
                  "after a warm-up pass (SoMaJo: one pass).", "",
                  "| run | best s | median s | first pass s | words/s | × floor |", "|---|---:|---:|---:|---:|---:|"]
        for name, r in sp["runs"].items():
            lines.append(f"| {name} | {r['best_s']} | {r['median_s']} | {r['first_pass_s']} | "
                         f"{r['words_per_s']:,} | {r['x_floor']} |")
    lines += ["", "## Most frequent differences with SoMaJo (seeds, demo corpus, own sets)", ""]
    for name, a in examples.items():
        only_ref = ", ".join(f"`{w}` {n}" for w, n in a.only_ref.most_common(15)) or "none"
        only_sys = ", ".join(f"`{w}` {n}" for w, n in a.only_sys.most_common(15)) or "none"
        lines += [f"- {name}: tokens only SoMaJo has: {only_ref}", f"- {name}: tokens only the new one has: {only_sys}"]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "tokenizer.md")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = ap.parse_args()

    own = ingested([SHARED / "seeds", ROOT / "examples" / "corpus"])
    own_sets = ingested(sorted(p for p in (ROOT / "tests" / "data").iterdir() if p.is_dir()))
    gsd = ud_articles([GSD / "de_gsd-ud-dev.conllu", GSD / "de_gsd-ud-test.conllu"], "gsd", "de", by_document=False)
    ewt = ud_articles([EWT / "en_ewt-ud-dev.conllu", EWT / "en_ewt-ud-test.conllu"], "ewt", "en", by_document=True)

    try:
        somajo: SoMaJoReference | None = SoMaJoReference()
    except ImportError:
        somajo = None
        print("SoMaJo is not installed (pip install -e .[bench]): agreement rows are left out", file=sys.stderr)

    somajo_once = remembered(somajo) if somajo is not None else None
    results: dict[str, Any] = {"agreement": [], "gold": []}
    examples: dict[str, Agreement] = {}
    if somajo_once is not None:
        for name, arts in (("seeds + demo corpus", own), ("own test sets (tests/data)", own_sets),
                           ("UD German GSD (pseudo-articles)", gsd), ("UD English EWT", ewt)):
            if arts:
                a = compare(arts, somajo_once, new_analysis)
                results["agreement"].append(row(name, len(arts), a))
                if name.startswith(("seeds", "own")):
                    examples[name] = a
    for name, arts in (("UD German GSD", gsd), ("UD English EWT", ewt)):
        if not arts:
            continue
        results["gold"].append(row(f"new on {name}", len(arts), compare(arts, gold, new_analysis)))
        if somajo_once is not None:
            results["gold"].append(row(f"SoMaJo on {name}", len(arts), compare(arts, gold, somajo_once)))
    results["speed"] = {
        "news articles (seeds, demo corpus, own test sets)": speed([*own, *own_sets], args.repeat, somajo),
        "all corpora above (news + UD pseudo-articles)": speed([*own, *own_sets, *gsd, *ewt], args.repeat, somajo),
    }

    text = report(results, examples)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
