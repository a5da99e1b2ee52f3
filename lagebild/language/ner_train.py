"""Training Lagebild's German NER model (``lagebild train ner``) and scoring it.

Data: GermEval 2014 dev + test (the train file is not available), pooled and split by a hash of
the sentence id, see :mod:`lagebild.language.ner` for the split and the label mapping. Training
is deterministic (L-BFGS over the sentences in file order), so the same data and parameters give
the same model; only the ``trained`` date in the metadata differs.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lagebild.language.ner import FEATURE_SET, LABELS, bio_spans, gazetteer_sha256, sentence_features

log = logging.getLogger(__name__)

DATA_FILES = ("NER-de-dev.tsv", "NER-de-test.tsv")
# c1 (L1) and c2 (L2) chosen on the dev split (feature set v3, fitted on train, 150 iterations):
# dev F1 (c1, c2) = .7141 (0.05, 0.05), .7130 (0.02, 0.02), .7123 (0.05, 0.1), .7070 (0.1, 0.05),
# .7067 (0.2, 0.02); 100 iterations at (0.1, 0.05) .6998, 300 iterations (v1 features) no better than 150.
# All within ~1.5 points (dev has 765 entities); model size grows as c1 falls (1.6 MB at c1=0.2, 2.9 MB
# at 0.05). Recorded in the metadata as "dev_sweep".
DEFAULT_C1 = 0.05
DEFAULT_C2 = 0.05
DEFAULT_ITERATIONS = 150
DEV_SWEEP = {"c1=0.05 c2=0.05": 0.7141, "c1=0.02 c2=0.02": 0.7130, "c1=0.05 c2=0.1": 0.7123,
             "c1=0.1 c2=0.05": 0.7070, "c1=0.2 c2=0.02": 0.7067, "c1=0.1 c2=0.05 iter=100": 0.6998}
DEFAULT_MINFREQ = 1


@dataclass(frozen=True, slots=True)
class NerSentence:
    id: str  # "<file stem>:<ordinal>"
    words: tuple[str, ...]
    tags: tuple[str, ...]  # BIO over LABELS, deriv/part mapped to O


def map_tag(tag: str) -> str:
    """GermEval outer tag -> our BIO tag: PER/ORG/LOC/OTH kept, -deriv and -part dropped to O."""
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, typ = tag.split("-", 1)
    return f"{prefix}-{typ}" if typ in LABELS else "O"


def read_germeval(path: Path) -> Iterator[NerSentence]:
    """Sentences of one GermEval TSV file (``#`` source lines, ``idx token outer nested``)."""
    stem = path.stem
    words: list[str] = []
    tags: list[str] = []
    ordinal = 0
    with path.open(encoding="utf-8") as fh:
        for line in [*fh, "\n"]:
            line = line.rstrip("\n")
            if line.startswith("#") and not words:
                continue
            if not line.strip():
                if words:
                    yield NerSentence(f"{stem}:{ordinal}", tuple(words), tuple(tags))
                    ordinal += 1
                    words, tags = [], []
                continue
            cols = line.split("\t")
            if len(cols) < 3:
                continue
            words.append(cols[1])
            tags.append(map_tag(cols[2]))


def split_of(sentence_id: str) -> str:
    """``train`` (70 %), ``dev`` (10 %) or ``test`` (20 %), from sha1 of the sentence id."""
    bucket = int(hashlib.sha1(sentence_id.encode("utf-8")).hexdigest(), 16) % 100
    return "train" if bucket < 70 else "dev" if bucket < 80 else "test"


def load_splits(data_dir: Path) -> dict[str, list[NerSentence]]:
    splits: dict[str, list[NerSentence]] = {"train": [], "dev": [], "test": []}
    for name in DATA_FILES:
        path = data_dir / name
        if not path.is_file():
            raise FileNotFoundError(f"{path} not found (GermEval 2014, see PROVENANCE.md)")
        for sent in read_germeval(path):
            splits[split_of(sent.id)].append(sent)
    return splits


# -- the word lexicon the features read (built once by a developer, shipped) ---------------------

# german-nouns "pos" values -> the one-letter classes of ner_de_lexicon.tsv.gz, first match wins
_WIKT_CLASSES = (("Vorname", "f"), ("Nachname", "l"), ("Toponym", "t"), ("Eigenname", "p"),
                 ("Abkürzung", "a"), ("Substantiv", "n"))
MIN_ZIPF = 2.0  # words rarer than this (about 1 in 10^7 tokens) all share the class "rare"


def build_ner_lexicon(nouns_csv: Path, out: Path) -> dict[str, int]:
    """Write the lexicon the NER features use (``lagebild/models/ner_de_lexicon.tsv.gz``).

    Two kinds of lines: ``w<TAB>form<TAB>classes`` for every single-word form (all declension
    columns) of the German Wiktionary nouns in ``nouns_csv`` (the ``german_nouns/nouns.csv`` of the
    PyPI package german-nouns 1.2.5; install it with ``--no-deps``, its parser pins an old lxml),
    classes f first name, l surname, t place, p other proper name, a abbreviation, n common noun;
    and ``z<TAB>lower form<TAB>zipf`` from wordfreq's German "large" list (zipf >= 2, one decimal).
    Both sources are CC BY-SA 4.0, and so is the file written.
    """
    import csv
    import gzip
    import math

    from wordfreq import get_frequency_dict

    forms: dict[str, set[str]] = {}
    with nouns_csv.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            pos = set((row.get("pos") or "").split(","))
            cls = next((c for name, c in _WIKT_CLASSES if name in pos), "n")
            for key, value in row.items():
                if key == "pos" or (key or "").startswith("genus") or not value or " " in value:
                    continue
                forms.setdefault(value, set()).add(cls)
    zipf = {w: round(math.log10(f) + 9, 1) for w, f in get_frequency_dict("de", wordlist="large").items()}
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# Derived from German Wiktionary via german-nouns 1.2.5 and from wordfreq 3.1.1 (de, large); "
                 "CC BY-SA 4.0. Built by lagebild.language.ner_train.build_ner_lexicon.\n")
        for form in sorted(forms):
            fh.write(f"w\t{form}\t{''.join(sorted(forms[form]))}\n")
        kept = 0
        for word in sorted(zipf):
            if zipf[word] >= MIN_ZIPF and "\t" not in word and "\n" not in word:
                fh.write(f"z\t{word}\t{zipf[word]}\n")
                kept += 1
    return {"forms": len(forms), "frequencies": kept}


# -- scoring ---------------------------------------------------------------------------------------

def score_spans(gold: Iterable[Sequence[tuple[int, int, str]]],
                pred: Iterable[Sequence[tuple[int, int, str]]]) -> dict[str, dict[str, float]]:
    """Entity-level precision/recall/F1 (exact span and type, CoNLL style), overall and per type."""
    tp: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    for g_spans, p_spans in zip(gold, pred, strict=True):
        g, p = set(g_spans), set(p_spans)
        for s in g:
            n_gold[s[2]] += 1
        for s in p:
            n_pred[s[2]] += 1
        for s in g & p:
            tp[s[2]] += 1

    def prf(t: int, ng: int, np_: int) -> dict[str, float]:
        pr = t / np_ if np_ else 0.0
        rc = t / ng if ng else 0.0
        f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        return {"precision": round(pr, 4), "recall": round(rc, 4), "f1": round(f1, 4), "support": ng}

    out = {lab: prf(tp[lab], n_gold[lab], n_pred[lab]) for lab in LABELS}
    out["overall"] = prf(sum(tp.values()), sum(n_gold.values()), sum(n_pred.values()))
    return out


def evaluate_ner(model: Path, sentences: Sequence[NerSentence]) -> dict[str, Any]:
    """Scores and speed of the model at ``model`` on ``sentences``."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    t0 = time.perf_counter()
    pred = [bio_spans(tagger.tag(sentence_features(s.words))) for s in sentences]
    elapsed = time.perf_counter() - t0
    scores: dict[str, Any] = score_spans([bio_spans(s.tags) for s in sentences], pred)
    scores["sentences"] = len(sentences)
    scores["sentences_per_s"] = round(len(sentences) / elapsed, 1) if elapsed else 0.0
    return scores


# -- training --------------------------------------------------------------------------------------

def _fit(sentences: Sequence[NerSentence], out: Path, *, c1: float, c2: float, iterations: int,
         minfreq: float) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for s in sentences:
        trainer.append(sentence_features(s.words), list(s.tags))
    trainer.set_params({
        "c1": c1,
        "c2": c2,
        "max_iterations": iterations,
        "feature.minfreq": minfreq,
        "feature.possible_transitions": True,
    })
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def train_ner(data_dir: Path, out: Path, seed: int = 13, *, c1: float = DEFAULT_C1, c2: float = DEFAULT_C2,
              iterations: int = DEFAULT_ITERATIONS, minfreq: float = DEFAULT_MINFREQ,
              limit: int | None = None, final: bool = True) -> dict[str, Any]:
    """Train the CRF on the train split, score it on dev and test, write ``out`` and its
    metadata ``out.with_suffix('.json')``; return the metadata (scores included).

    ``limit`` keeps the first N training sentences (for quick tests). With ``final`` the shipped
    model is retrained on train + dev after scoring dev (test stays held out). ``seed`` is
    recorded only: L-BFGS over a fixed order is deterministic and the split is a hash.
    """
    splits = load_splits(data_dir)
    train = splits["train"][:limit] if limit else splits["train"]
    t0 = time.perf_counter()
    _fit(train, out, c1=c1, c2=c2, iterations=iterations, minfreq=minfreq)
    dev_scores = evaluate_ner(out, splits["dev"])
    fit_sentences = len(train)
    if final and not limit:
        fit_sentences += len(splits["dev"])
        _fit([*train, *splits["dev"]], out, c1=c1, c2=c2, iterations=iterations, minfreq=minfreq)
    train_seconds = time.perf_counter() - t0
    test_scores = evaluate_ner(out, splits["test"])
    meta: dict[str, Any] = {
        "model": out.name,
        "kind": "python-crfsuite linear-chain CRF, L-BFGS",
        "labels": list(LABELS),
        "tagging": "BIO",
        "data": {
            "source": "GermEval 2014 NER (NoSta-D), NER-de-dev.tsv + NER-de-test.tsv",
            "licence": "CC BY 4.0 (Benikova, Biemann, Reznicek, LREC 2014)",
            "split": "pooled; sentence id '<file stem>:<ordinal from 0>'; sha1(id) % 100: "
                     "0-69 train, 70-79 dev, 80-99 test",
            "sizes": {k: len(v) for k, v in splits.items()},
            "fitted_on": "train + dev" if final and not limit else "train",
            "fitted_sentences": fit_sentences,
            "label_mapping": "outer level only; B-/I- PER, ORG, LOC, OTH kept; *deriv and *part -> O",
        },
        "features": {
            "set": FEATURE_SET,
            "description": "lower form, shape, prefixes/suffixes 2-4, capitalisation, digits, hyphen parts, "
                           "BOS/EOS, place in a run of capitalised words, name particles, gazetteer "
                           "(lagebild/lexicons/ner_gazetteer.yaml), HanTa lexicon class, Wiktionary noun "
                           "class and wordfreq band (lagebild/models/ner_de_lexicon.tsv.gz, CC BY-SA 4.0), "
                           "neighbours +-1 (form, shape, gazetteer, lexicon classes) and +-2 (form), bigrams",
            "lexicon": "lagebild/models/ner_de_lexicon.tsv.gz: German Wiktionary via german-nouns 1.2.5 and "
                       "wordfreq 3.1.1, CC BY-SA 4.0",
        },
        "gazetteer_sha256": gazetteer_sha256(),
        "params": {"c1": c1, "c2": c2, "max_iterations": iterations, "feature.minfreq": minfreq,
                   "seed": seed},
        "dev_sweep": DEV_SWEEP,
        "scores": {"dev": dev_scores, "test": test_scores},
        "train_seconds": round(train_seconds, 1),
        "model_bytes": out.stat().st_size,
        "trained": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    out.with_suffix(".json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", "utf-8")
    log.info("NER model %s: dev F1 %.4f, test F1 %.4f", out, dev_scores["overall"]["f1"],
             test_scores["overall"]["f1"])
    return meta
