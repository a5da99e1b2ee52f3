"""Lagebild's own small German named-entity model: a linear-chain CRF (python-crfsuite).

No German NER model can be downloaded here, so Lagebild ships one trained on GermEval 2014
(NoSta-D, CC BY 4.0; ``../shared/data/germeval2014-ner``). Only the dev and test files of
GermEval exist, so ``lagebild.language.ner_train`` pools both and splits them deterministically:

* split: every sentence gets the id ``<file stem>:<ordinal>`` (``NER-de-dev:17``, ordinal from
  0 in file order); ``sha1(id)`` modulo 100 puts it in **train** (0–69), **dev** (70–79) or
  **test** (80–99). About 5,100 / 730 / 1,460 sentences.
* labels: the outer GermEval level only, BIO over PER, ORG, LOC, OTH. The ``-deriv`` and
  ``-part`` variants ("russische", "SPD-Chef") are mapped to ``O``: Lagebild wants names of
  persons and organisations as spans; adjectives and compounds are the knowledge base's job, and
  tagging "SPD-Chef" as ORG would make a wrong actor mention.

Features (see :func:`sentence_features`): lower-cased form, word shape, prefixes and suffixes of
2–4 characters, capitalisation, digits, hyphen parts ("US-Außenminister" → "us", "außenminister"),
sentence-initial flag, hand-written gazetteers (``lagebild/lexicons/ner_gazetteer.yaml``: first
names, person titles, organisation endings/tokens, place cues), HanTa's lexicon class for the form
(known proper noun / common noun, a cheap dictionary look-up, no tagging), the form's class in the
German Wiktionary (first name, surname, place, other name, abbreviation, common noun) and its
wordfreq frequency band (both from ``lagebild/models/ner_de_lexicon.tsv.gz``, CC BY-SA 4.0: +3.9 F1
on dev, +3.8 on test over the same model without them), and the short features of the neighbours
at ±1, the forms at ±2 and word bigrams.

Use::

    tagger = NerTagger.load()
    tagger.predict(["Der", "Politologe", "Gerhard", "Mangott", "sagte", "."])
    # [(2, 4, "PER")]
"""

from __future__ import annotations

import hashlib
import json
import logging
import marshal
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Any, ClassVar

from lagebild.document import Document, Token
from lagebild.lexicon import read_yaml
from lagebild.lexicon import words as lexicon_words

log = logging.getLogger(__name__)

LABELS = ("PER", "ORG", "LOC", "OTH")
PACKAGE = Path(__file__).resolve().parents[1]
MODEL_PATH = PACKAGE / "models" / "ner_de.crfsuite"
GAZETTEER_PATH = PACKAGE / "lexicons" / "ner_gazetteer.yaml"
# Wiktionary noun classes + wordfreq frequencies (CC BY-SA 4.0), built by lagebild.language.ner_train.build_ner_lexicon
LEXICON_PATH = PACKAGE / "models" / "ner_de_lexicon.tsv.gz"
FEATURE_SET = "v3"

# news text uses typographic quotes and dashes, GermEval mostly ASCII ones
_NORMALISE = str.maketrans({"„": '"', "“": '"', "”": '"', "«": '"', "»": '"', "‚": "'", "‘": "'",
                            "’": "'", "–": "-", "—": "-", "‑": "-"})
# a word's shape: capitals -> X, small letters -> x, digits -> d (one table, one pass)
_SHAPE = str.maketrans({**{c: "X" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ"},
                        **{c: "x" for c in "abcdefghijklmnopqrstuvwxyzäöüß"},
                        **{c: "d" for c in "0123456789"}})


@lru_cache(maxsize=1)
def _particles() -> frozenset[str]:
    """Lower-case name particles ("Ursula von der Leyen", "Osama bin Laden"), ner_features.yaml."""
    return lexicon_words("ner_features", "name_particles")


# -- gazetteers and lexicon ----------------------------------------------------------------------

@dataclass(frozen=True)
class Gazetteer:
    first_names: frozenset[str]
    person_titles: frozenset[str]
    title_suffixes: tuple[str, ...]
    org_suffixes: tuple[str, ...]
    org_tokens: frozenset[str]
    location_cues: frozenset[str]


def gazetteer_sha256(path: Path = GAZETTEER_PATH) -> str:
    """The hash of the gazetteer's word lists (parsed, canonical JSON): comments and layout do not
    count, so only a change the model would see asks for retraining."""
    data = read_yaml(path) or {}
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@lru_cache(maxsize=2)
def load_gazetteer(path: Path = GAZETTEER_PATH) -> Gazetteer:
    # the file itself, not merged with user lexicon directories: the model was trained on it
    data: dict[str, list[str]] = read_yaml(path) or {}

    def lower(key: str) -> list[str]:
        return [str(w).lower() for w in data.get(key) or []]

    return Gazetteer(
        first_names=frozenset(lower("first_names")),
        person_titles=frozenset(lower("person_titles")),
        title_suffixes=tuple(sorted(set(lower("title_suffixes")), key=len, reverse=True)),
        org_suffixes=tuple(sorted(set(lower("org_suffixes")), key=len, reverse=True)),
        org_tokens=frozenset(lower("org_tokens")),
        location_cues=frozenset(lower("location_cues")),
    )


@dataclass(frozen=True)
class WordLexicon:
    classes: dict[str, str]  # case-sensitive form -> Wiktionary classes (f, l, t, p, a, n)
    zipf: dict[str, float]  # lower-cased form -> wordfreq zipf (>= 2)


_LEXICON_CACHE_VERSION = b"lagebild-ner-lexicon-1"


@lru_cache(maxsize=2)
def load_word_lexicon(path: Path = LEXICON_PATH) -> WordLexicon:
    """The Wiktionary classes and wordfreq bands of ``path``. Parsing the gzipped TSV takes ~0.5 s;
    its dictionaries are kept in ``marshal`` form in the lexicon cache directory (keyed by the
    file's content hash, see ``lagebild.lexicon``), which loads in ~0.1 s."""
    if not path.is_file():
        log.warning("NER word lexicon %s is missing; NER quality drops (retrain or restore the file)", path)
        return WordLexicon({}, {})
    raw = path.read_bytes()
    cache = _lexicon_cache_path(raw)
    cached = _read_lexicon_cache(cache)
    if cached is not None:
        return cached
    lexicon = _parse_word_lexicon(raw)
    _write_lexicon_cache(cache, lexicon)
    return lexicon


def _parse_word_lexicon(raw: bytes) -> WordLexicon:
    import gzip

    classes: dict[str, str] = {}
    zipf: dict[str, float] = {}
    # values repeat (a few dozen distinct ones): share one object each, ~15 MB less
    class_values: dict[str, str] = {}
    zipf_values: dict[str, float] = {}
    for line in gzip.decompress(raw).decode("utf-8").split("\n"):
        kind, _, rest = line.partition("\t")
        key, _, value = rest.partition("\t")
        if kind == "w":
            classes[key] = class_values.setdefault(value, value)
        elif kind == "z":
            zipf[key] = zipf_values.setdefault(value, float(value))
    return WordLexicon(classes, zipf)


def _lexicon_cache_path(raw: bytes) -> Path | None:
    """Where the compiled lexicon lives: the lexicon cache directory of ``lagebild.lexicon``
    (``LAGEBILD_CACHE_DIR``, ``off`` disables; else ``$XDG_CACHE_HOME/lagebild`` or
    ``~/.cache/lagebild``), sub-folder ``ner``."""
    configured = os.environ.get("LAGEBILD_CACHE_DIR")
    if configured == "off":
        return None
    root = Path(configured) if configured else Path(os.environ.get("XDG_CACHE_HOME")
                                                     or Path.home() / ".cache") / "lagebild"
    return root / "ner" / f"{hashlib.sha256(_LEXICON_CACHE_VERSION + raw).hexdigest()}.marshal"


def _read_lexicon_cache(path: Path | None) -> WordLexicon | None:
    if path is None:
        return None
    try:
        classes, zipf = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None  # absent or stale: parse the TSV and rewrite it
    return WordLexicon(classes, zipf)


def _write_lexicon_cache(path: Path | None, lexicon: WordLexicon) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps((lexicon.classes, lexicon.zipf)))
        os.replace(tmp, path)
    except OSError as exc:  # a read-only home: the cache is an optimisation only
        log.debug("NER lexicon cache not written (%s): %s", path, exc)


@lru_cache(maxsize=1)
def _hanta_lexicon() -> dict[str, str]:
    """HanTa's built-in lexicon (lower-cased form -> most likely coarse class), no tagging.

    The German model keeps ~23k frequent forms with tag log-probabilities; we keep the class
    ``NE`` if a proper-noun reading exists at all, else the best tag's first two letters. Read
    through ``lagebild.language.morphology.hanta_lexicon``, without loading HanTa itself.
    """
    from lagebild.language.morphology import hanta_lexicon

    out: dict[str, str] = {}
    for form, readings in hanta_lexicon("de").forms.items():
        tags = [tag for tag, _ in readings]
        if not tags:
            continue
        if any(t.startswith("NE") for t in tags):
            out[form] = "NE"
        else:
            out[form] = tags[0][:2]
    return out


# -- features ------------------------------------------------------------------------------------

def _shape(word: str) -> str:
    """"Müller-2" -> "Xx-d": letters and digits by class, each run of one character once, 8 at most."""
    return "".join([ch for ch, _ in groupby(word.translate(_SHAPE))])[:8]


def _char_features(word: str) -> list[str]:
    """"digit" when a character of ``word`` is a digit, "punct" when none is a letter or digit."""
    feats: list[str] = []
    if any(c.isdigit() for c in word):
        feats.append("digit")
    if not any(c.isalnum() for c in word):
        feats.append("punct")
    return feats


WordInfo = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]


@lru_cache(maxsize=200_000)
def _word_info(word: str) -> WordInfo:
    """(features of the token itself, short features used when it is a neighbour, the same with the
    prefixes "-1" and "+1": built once per form, not once per neighbour)."""
    gaz = load_gazetteer()
    lex = _hanta_lexicon()
    words = load_word_lexicon()
    w = word.translate(_NORMALISE)
    low = w.lower()
    shape = _shape(w)
    title = w[:1].isupper()
    feats = [
        "w=" + low,
        "sh=" + shape,
        "p2=" + low[:2], "p3=" + low[:3], "p4=" + low[:4],
        "s2=" + low[-2:], "s3=" + low[-3:], "s4=" + low[-4:],
        "len=" + str(min(len(w), 12)),
    ]
    if title:
        feats.append("title")
    if w.isupper() and len(w) > 1:
        feats.append("upper")
    if not w.isalpha():  # most words are letters only: no digit, not punctuation
        feats += _char_features(w)
    last = low
    if "-" in w.strip("-"):
        parts = [p for p in low.split("-") if p]
        last = parts[-1]
        feats += ["hy", "hy0=" + parts[0], "hyN=" + last, "hy0sh=" + _shape(w.split("-")[0])]
        if len(parts) > 2:
            feats.append("hy3")
    ctx = ["w=" + low, "sh=" + shape]
    gz: list[str] = []
    if low in gaz.first_names:
        gz.append("g:first")
    if low in gaz.person_titles or last in gaz.person_titles:
        gz.append("g:title")
    elif last.endswith(gaz.title_suffixes) and any(last.endswith(s) and len(last) > len(s)
                                                   for s in gaz.title_suffixes):  # C-level test first
        gz.append("g:title_sfx")
    if low in gaz.org_tokens or last in gaz.org_tokens:
        gz.append("g:orgtok")
    if last.endswith(gaz.org_suffixes):
        gz.append("g:org_sfx")
    if low in gaz.location_cues:
        gz.append("g:loc_cue")
    h = lex.get(low)
    gz.append("lex=" + (h or "unk"))
    wk = words.classes.get(w) or words.classes.get(w.capitalize())
    gz += ["wk=" + c for c in wk] if wk else ["wk=none"]
    if last != low:
        wk_last = words.classes.get(last.capitalize())
        gz += ["wkN=" + c for c in wk_last] if wk_last else ["wkN=none"]
    z = words.zipf.get(low)
    gz.append("zf=" + (str(int(z)) if z is not None else "rare"))
    feats += gz
    ctx += gz
    if title:
        ctx.append("title")
    return tuple(feats), tuple(ctx), tuple(["-1" + f for f in ctx]), tuple(["+1" + f for f in ctx])


def _capital_runs(words: Sequence[str]) -> list[str]:
    """Each word's place in its run of capitalised words: ``run=<length up to 4><B|I|E>``, "" outside.
    Added +1.25 F1 on dev (0.694 -> 0.707), mostly PER and LOC boundaries."""
    out = [""] * len(words)
    i, n = 0, len(words)
    while i < n:
        if not words[i][:1].isupper():
            i += 1
            continue
        j = i
        while j < n and words[j][:1].isupper():
            j += 1
        length = str(min(j - i, 4))
        for k in range(i, j):
            out[k] = "run=" + length + ("B" if k == i else "E" if k == j - 1 else "I")
        i = j
    return out


# Tried on dev and dropped (F1 vs .7141 for this set, c1=c2=0.05): runs that bridge "für/und/der"
# between capitalised words (.7055), 3-letter suffixes of the ±1 neighbours (.7054); without p2/s2/len
# and the neighbours' HanTa class (.6958 vs .6945 for v2, but -1.4 on test).
def sentence_features(words: Sequence[str]) -> list[list[str]]:
    """The CRF feature strings for each word of one sentence."""
    info = [_word_info(w) for w in words]
    position = _position_features(words)
    before, after, around = _context_features(info)
    return [["b", *info[i][0], *position[i], *before[i], *after[i], *around[i]] for i in range(len(words))]


def _position_features(words: Sequence[str]) -> list[list[str]]:
    """Each word's run of capitalised words, name particles around it, its place in the sentence."""
    runs = _capital_runs(words)
    particles = _particles()
    particle = [w in particles for w in words]
    n = len(words)
    out: list[list[str]] = []
    for i in range(n):
        feats = [runs[i]] if runs[i] else []
        if particle[i]:
            feats.append("part")
        if i > 0 and particle[i - 1]:
            feats.append("-1part")
        if i < n - 1 and particle[i + 1]:
            feats.append("+1part")
        if i == 0:
            feats.append("BOS")
        elif i == 1:
            feats.append("pos1")
        if i == n - 1:
            feats.append("EOS")
        out.append(feats)
    return out


_Context = tuple[list[tuple[str, ...]], list[tuple[str, ...]], list[list[str]]]


def _context_features(info: list[WordInfo]) -> _Context:
    """For each word: the short features of the neighbours at -1 and at +1, then the forms at ±2
    and the word bigrams (each neighbour's parts worked out once per sentence, not once per word
    next to it)."""
    n = len(info)
    before = [("-1pad",)] + [f[2] for f in info[:-1]]
    after = [f[3] for f in info[1:]] + [("+1pad",)]
    lows = [f[1][0] for f in info]  # "w=<lower-case form>"
    titled = ["title" in f[1] for f in info]
    # the bigram of words i - 1 and i ("bg-=" for i, "bg+=" for i - 1)
    pairs = [""] + [lows[i - 1][2:] + "|" + lows[i][2:] for i in range(1, n)]
    around: list[list[str]] = []
    for i in range(n):
        feats: list[str] = []
        if i >= 2:
            feats.append("-2" + lows[i - 2])
            if titled[i - 2]:
                feats.append("-2title")
        if i + 2 < n:
            feats.append("+2" + lows[i + 2])
            if titled[i + 2]:
                feats.append("+2title")
        if i > 0:
            feats.append("bg-=" + pairs[i])
        if i < n - 1:
            feats.append("bg+=" + pairs[i + 1])
        around.append(feats)
    return before, after, around


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entity spans (start, end exclusive, label) from BIO tags, CoNLL style: an ``I-X`` that
    does not continue an ``X`` entity opens a new one."""
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, typ = tag.partition("-")
        if start >= 0 and (prefix != "I" or typ != label):
            spans.append((start, i, label))
            start, label = -1, ""
        if prefix == "B" or (prefix == "I" and start < 0):
            start, label = i, typ
    return spans


# -- the tagger ----------------------------------------------------------------------------------

class NerTagger:
    """The shipped CRF: ``predict(words)`` gives token spans, ``predict_doc(doc)`` character
    spans with a marginal confidence. Load with :meth:`NerTagger.load` (cached per path)."""

    _cache: ClassVar[dict[Path, NerTagger]] = {}
    _cache_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, path: Path) -> None:
        import pycrfsuite

        if not path.is_file():
            from lagebild.errors import ConfigError

            raise ConfigError(f"NER model {path} not found; train one with `lagebild train ner`")
        self.path = path
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        self._lock = threading.Lock()  # a crfsuite Tagger holds the current sequence
        meta_path = path.with_suffix(".json")
        self.meta: dict[str, Any] = json.loads(meta_path.read_text("utf-8")) if meta_path.is_file() else {}
        trained_set = (self.meta.get("features") or {}).get("set")
        if trained_set and trained_set != FEATURE_SET:
            log.warning("%s was trained with feature set %s, the code extracts %s; retrain with "
                        "`lagebild train ner`", path.name, trained_set, FEATURE_SET)
        expected = self.meta.get("gazetteer_sha256")
        if expected and expected != gazetteer_sha256():
            log.warning("ner_gazetteer.yaml changed since %s was trained; retrain with `lagebild train ner`",
                        path.name)

    @classmethod
    def load(cls, path: Path | None = None) -> NerTagger:
        """The tagger for ``path`` (default: the shipped model), loaded once per process."""
        key = (path or MODEL_PATH).resolve()
        with cls._cache_lock:
            tagger = cls._cache.get(key)
            if tagger is None:
                tagger = cls._cache[key] = cls(key)
        return tagger

    @property
    def version(self) -> str:
        return f"crf:{self.path.stem}:{self.meta.get('trained', 'unknown')}"

    def tag(self, words: Sequence[str]) -> list[str]:
        """BIO tags for one sentence."""
        if not words:
            return []
        xseq = sentence_features(words)
        with self._lock:
            return list(self._tagger.tag(xseq))

    def predict(self, words: Sequence[str]) -> list[tuple[int, int, str]]:
        """Entity spans over ``words``: (token start, token end exclusive, label)."""
        return bio_spans(self.tag(words))

    def predict_scored(self, words: Sequence[str]) -> list[tuple[int, int, str, float]]:
        """Like :meth:`predict`, plus each span's confidence: the lowest marginal probability of
        its tags (the B- tag and every I- tag) under the CRF."""
        if not words:
            return []
        xseq = sentence_features(words)
        with self._lock:
            self._tagger.set(xseq)
            tags = list(self._tagger.tag())
            spans = bio_spans(tags)
            return [(s, e, lab, min(self._tagger.marginal(tags[i], i) for i in range(s, e)))
                    for s, e, lab in spans]

    def predict_doc(self, doc: Document) -> list[tuple[int, int, str, float]]:
        """Entity spans of a tokenised document: (char start, char end, label, confidence),
        offsets into ``doc.text``; one CRF pass per ``doc.sentences`` entry."""
        by_sentence: dict[int, list[Token]] = {}
        for tok in doc.tokens:
            by_sentence.setdefault(tok.sentence, []).append(tok)
        out: list[tuple[int, int, str, float]] = []
        for index in sorted(by_sentence):
            toks = by_sentence[index]
            for s, e, label, conf in self.predict_scored([t.text for t in toks]):
                out.append((toks[s].start, toks[e - 1].end, label, conf))
        return out
