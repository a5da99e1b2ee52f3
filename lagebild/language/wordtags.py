"""HanTa's analyses of the German word forms outside its own lexicon, computed once and shipped.

HanTa's German model keeps about 23,000 frequent forms with their tags; every other form is read by
a search over all ways of cutting it into morphemes (``analyze_forward``, about 3 ms a word). On
distinct news articles that search was most of the clause layer's time. Its results depend only on
the form, so ``build_word_tags`` runs HanTa once over the lower-case German forms of wordfreq's
list (the ``z`` lines of ``lagebild/models/ner_de_lexicon.tsv.gz``, zipf >= 2; "ß" restored where wordfreq folded it to "ss") that HanTa does not
know (and the forms it knows), and writes ``lagebild/models/hanta_word_tags_de.tsv.gz``: per form
the candidate tags HanTa gives case-sensitively (the form written lower case inside a sentence) and
case-insensitively (a sentence's first word), best first (only for the forms HanTa does not know),
the infinitive of each verb reading, and HanTa's full analysis (lemma, tag, morphemes) of the form
written lower case and capitalised, as ``Morphology.analyze`` returns it. ``word_tags()`` reads
it (parsed once, then kept in the lexicon cache directory keyed by the file's content hash).

The results are HanTa's own (same cutoff, same order): a form in the table is tagged exactly as
HanTa would tag it, only without the search. Rebuild with ``lagebild train word-tags`` after a
HanTa upgrade.
"""

from __future__ import annotations

import gzip
import logging
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from lagebild import lexicon

__all__ = ["WORD_TAGS_PATH", "WordTags", "build_word_tags", "word_tags"]

log = logging.getLogger(__name__)

WORD_TAGS_PATH = Path(__file__).resolve().parents[1] / "models" / "hanta_word_tags_de.tsv.gz"
CUTOFF = 5.0  # HanTa lists the tags within this log-probability of the best (as lagebild.clauses.tagging)
_CACHE_KIND = "wordtags"
_SAME = "="  # the case-insensitive tags equal the case-sensitive ones


@dataclass(frozen=True, slots=True)
class WordTags:
    """HanTa's reading of one form: tags best first (parentheses kept, as HanTa writes them)."""

    cased: tuple[str, ...]  # the form written lower case inside a sentence (empty: HanTa knows the form)
    uncased: tuple[str, ...]  # the form as a sentence's first word (case ignored)
    lemmas: tuple[tuple[str, str], ...]  # (verb tag, infinitive) for each verb reading
    lower: tuple[str, str, tuple[tuple[str, str], ...]] | None  # HanTa's analysis (lemma, pos, morphemes), lower case
    upper: tuple[str, str, tuple[tuple[str, str], ...]] | None  # the same for the form capitalised


def _analysis(tagger: Any, word: str) -> str:
    """HanTa's full analysis of ``word`` (``analyze(word, taglevel=3)``) as "pos lemma m|label ..."."""
    res = tagger.analyze(word, taglevel=3)
    lemma, morphemes, pos = res
    return " ".join([pos, lemma, *(f"{m}|{lab}" for m, lab in morphemes)])


def _read_analysis(text: str) -> tuple[str, str, tuple[tuple[str, str], ...]] | None:
    parts = text.split(" ")
    if len(parts) < 2:
        return None
    return parts[1], parts[0], tuple(tuple(p.rsplit("|", 1)) for p in parts[2:])  # type: ignore[misc]


def _analyse(form: str) -> str:
    """One line of the table for ``form``: tags (only for forms HanTa does not know), verb lemmas and
    the analyses of the form in lower case and capitalised."""
    from lagebild.language.morphology import morphology

    tagger = morphology("de").tagger
    cased: list[str] = []
    uncased: list[str] = []
    if form not in tagger.cache:
        cased = [t for t, _ in tagger.tag_word(form, cutoff=CUTOFF, casesensitive=True)]
        uncased = [t for t, _ in tagger.tag_word(form, cutoff=CUTOFF, casesensitive=False)]
        readings = cased + uncased
    else:
        readings = [tagger.int2tag[t] for t, _ in tagger.cache[form]]
    lemmas = [f"{tag}={tagger.analyze(form, pos=tag, taglevel=1)[0]}"
              for tag in dict.fromkeys(readings) if tag.startswith("V")]
    second = _SAME if uncased == cased else " ".join(uncased)
    return "\t".join([form, " ".join(cased), second, " ".join(lemmas),
                      _analysis(tagger, form), _analysis(tagger, form[:1].upper() + form[1:])])


def _sharp_variants(word: str) -> set[str]:
    """``word`` with "ß" for "ss": everywhere at once, and at each place alone."""
    out = {word.replace("ss", "ß")}
    start = word.find("ss")
    while start >= 0:
        out.add(word[:start] + "ß" + word[start + 2:])
        start = word.find("ss", start + 1)
    return out


def _forms() -> list[str]:
    from lagebild.language.morphology import MAX_WORD, morphology
    from lagebild.language.ner import load_word_lexicon

    known = morphology("de").tagger.cache
    listed = set(load_word_lexicon().zipf)
    # wordfreq folds "ß" to "ss" ("schießt" is listed as "schiesst"): each form with "ss" also with
    # "ß" in one or in all of those places (HanTa reads either; a form never written is never looked up)
    sharp = {v for w in listed if "ss" in w for v in _sharp_variants(w)}
    words = listed | sharp | set(known)
    return sorted(w for w in words
                  if 1 < len(w) <= MAX_WORD and any(c.isalpha() for c in w)
                  and not any(c.isspace() or c == "|" for c in w))


def _chunk(forms: list[str]) -> list[str]:
    return [_analyse(f) for f in forms]


def build_word_tags(out: Path = WORD_TAGS_PATH, workers: int = 2, forms: Iterable[str] | None = None) -> int:
    """Write the table for ``forms`` (default: wordfreq's German forms HanTa does not know); returns
    the number of forms. ``workers`` processes share the work (HanTa is single-threaded)."""
    from concurrent.futures import ProcessPoolExecutor

    todo = sorted(forms) if forms is not None else _forms()
    size = max(1, len(todo) // (workers * 20))
    chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
    with ProcessPoolExecutor(max_workers=max(1, workers)) as pool:
        lines = [line for part in pool.map(_chunk, chunks) for line in part]
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# HanTa's tags of German word forms outside its lexicon (forms: wordfreq 'large' list, "
                 "CC BY-SA 4.0). Columns: form, tags in a sentence, tags as first word (= same), "
                 "verb tag=infinitive, analysis in lower case and capitalised (tag lemma morpheme|label ...). "
                 "Built by lagebild.language.wordtags.build_word_tags.\n")
        fh.write("\n".join(lines) + "\n")
    return len(lines)


def _lines(raw: bytes) -> Iterator[tuple[str, str]]:
    """(form, the rest of its line) for each form of the gzipped table."""
    for line in gzip.decompress(raw).decode("utf-8").split("\n"):
        if line and not line.startswith("#"):
            form, _, rest = line.partition("\t")
            yield form, rest


class _Lookup:
    """The table as a read-only SQLite file in the lexicon cache directory (built once from the
    shipped file, keyed by its content hash): a lookup reads one row from disk, so a process neither
    loads nor keeps the ~200,000 forms (about 74 MB as a dictionary). One connection per process
    (workers fork), shared by its threads under a lock. Where no cache directory can be written, the
    forms are kept in a dictionary instead."""

    def __init__(self, raw: bytes, db: Path | None) -> None:
        self._raw = raw
        self._db = db if db is not None and self._ready(raw, db) else None
        self._rows: dict[str, str] | None = None if self._db is not None else dict(_lines(raw))
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._pid = 0

    @staticmethod
    def _ready(raw: bytes, db: Path) -> bool:
        if db.is_file():
            return True
        tmp = db.with_suffix(f".{os.getpid()}.tmp")
        try:
            db.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(tmp)) as conn:
                conn.execute("CREATE TABLE forms (form TEXT PRIMARY KEY, rest TEXT NOT NULL) WITHOUT ROWID")
                conn.executemany("INSERT OR REPLACE INTO forms VALUES (?, ?)", _lines(raw))
                conn.commit()
            os.replace(tmp, db)
            lexicon.prune_cache(db.parent, keep=2, pattern="*.sqlite")
            return True
        except (OSError, sqlite3.Error) as exc:
            log.debug("word table cache %s not written (%r); kept in memory", db, exc)
            tmp.unlink(missing_ok=True)
            return False

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None or self._pid != os.getpid():
            # immutable: the file is written once under its content hash and never changed (a new table
            # is a new file), so SQLite may skip the file locks and the hot-journal check that it
            # otherwise makes for every query (system calls: about 20 -> 7 us a lookup)
            self._conn = sqlite3.connect(f"file:{self._db}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            # read through a memory map: a lookup touches shared page-cache pages instead of a
            # read() per page (about 40 -> 10 us); the pages are shared by every process
            self._conn.execute("PRAGMA mmap_size = 268435456")
            self._pid = os.getpid()
        return self._conn

    def _in_memory(self, exc: sqlite3.Error) -> dict[str, str]:
        """The database cannot be read (removed, unreadable for this user): the forms in memory."""
        log.warning("word table database %s unreadable (%s); keeping the table in memory", self._db, exc)
        self._rows = dict(_lines(self._raw))
        return self._rows

    def get(self, form: str) -> str | None:
        if self._rows is not None:
            return self._rows.get(form)
        try:
            with self._lock:
                row = self._connection().execute("SELECT rest FROM forms WHERE form = ?", (form,)).fetchone()
        except sqlite3.Error as exc:
            return self._in_memory(exc).get(form)
        return None if row is None else str(row[0])

    def items(self) -> Iterator[tuple[str, str]]:
        if self._rows is not None:
            yield from self._rows.items()
            return
        try:
            with self._lock:
                rows = self._connection().execute("SELECT form, rest FROM forms").fetchall()
        except sqlite3.Error as exc:
            rows = list(self._in_memory(exc).items())
        yield from rows


@lru_cache(maxsize=4)
def _table(path: Path) -> _Lookup:
    if not path.is_file():
        log.warning("HanTa word table %s is missing; unknown words are analysed by HanTa (slower); "
                    "rebuild it with `lagebild train word-tags`", path)
        return _Lookup(b"", None)
    raw = path.read_bytes()
    root = lexicon.cache_dir()
    db = None if root is None else root / "wordtags-db" / f"{lexicon.content_key('wordtags-sqlite-1', raw)}.sqlite"
    return _Lookup(raw, db)


@lru_cache(maxsize=100_000)
def word_tags(form: str, path: Path = WORD_TAGS_PATH) -> WordTags | None:
    """HanTa's reading of ``form`` (any case) from the shipped table, or None when it is not there."""
    rest = _table(path).get(form.lower())
    if rest is None:
        return None
    cased, uncased, lemmas, lower, upper = (rest.split("\t") + ["", "", "", "", ""])[:5]
    c = tuple(cased.split())
    pairs = tuple((a, b) for a, _, b in (p.partition("=") for p in lemmas.split()) if b)
    return WordTags(c, c if uncased == _SAME else tuple(uncased.split()), pairs,
                    _read_analysis(lower), _read_analysis(upper))


# -- endings -------------------------------------------------------------------------------------
# A lower-case form outside the table is read by its ending: for each ending of 3 to 8 letters, the
# tags HanTa gives most of the table's forms with that ending (at least 3 forms, at least 60 % of
# them), longest ending first. Measured against HanTa's own search on the lower-case forms of 150
# Wikinews articles that the table lacks: the same best tag for 71 of 79 it reads, 15 left to HanTa.
_SUFFIX_MIN, _SUFFIX_MAX, _SUFFIX_SUPPORT, _SUFFIX_SHARE = 3, 8, 3, 0.6


def _suffix_model(table: _Lookup) -> dict[str, str]:
    from collections import Counter, defaultdict

    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for form, rest in table.items():
        cased = rest.split("\t", 1)[0]
        if not cased or not form.isalpha():
            continue  # a form HanTa knows (no searched tags) or not a plain word
        for n in range(_SUFFIX_MIN, min(_SUFFIX_MAX, len(form) - 2) + 1):
            counts[form[-n:]][cased] += 1
    model = {}
    for ending, c in counts.items():
        total = sum(c.values())
        best, k = c.most_common(1)[0]
        if total >= _SUFFIX_SUPPORT and k >= _SUFFIX_SHARE * total:
            model[ending] = best
    return model


@lru_cache(maxsize=1)
def _suffixes(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    key = lexicon.content_key("wordtags-suffixes-1", path.read_bytes())
    cached = lexicon.load_cached(_CACHE_KIND, key)
    if isinstance(cached, dict):
        return cached
    model = _suffix_model(_table(path))
    lexicon.store_cached(_CACHE_KIND, key, model, keep=4)
    return model


def ending_tags(form: str, path: Path = WORD_TAGS_PATH) -> tuple[str, ...] | None:
    """HanTa's usual tags (parentheses kept) for a lower-case form outside the table, by its
    longest ending that the table's forms share; None when no ending is telling."""
    model = _suffixes(path)
    low = form.lower()
    for n in range(min(_SUFFIX_MAX, len(low) - 2), _SUFFIX_MIN - 1, -1):
        tags = model.get(low[-n:])
        if tags is not None:
            return tuple(tags.split())
    return None
