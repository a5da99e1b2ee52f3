"""Exact and near-duplicate detection (MinHash LSH over word shingles) and the duplicate policy.

Exact: the same content hash (``content_id``) or the same normalised word sequence.
Near: MinHash signatures of word shingles, candidates from an LSH index, kept when the
estimated Jaccard similarity reaches ``threshold``.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass

from lagebild.document import Document, content_id

log = logging.getLogger(__name__)

# Shingle size, chosen by measurement on the five dev seeds (exact Jaccard of shingle sets;
# 8-20 paragraphs each, the shortest a ~300-word commentary):
#   variant of an article                       3-grams     4-grams     5-grams
#   longest paragraph dropped                   0.64-0.92   0.63-0.92   0.62-0.92
#   two longest paragraphs dropped              0.42-0.85   0.41-0.84   0.40-0.84
#   first half only                             0.27-0.57   0.27-0.57   0.26-0.57
#   every 20th word changed (light edit)        0.74        0.67        0.60
#   every 10th word changed                     0.54        0.43        0.33
#   two different articles, same event and day  0.005       0.003       0.001  (max over pairs 0.008)
# 3-grams keep lightly edited syndicated copies above the 0.5 threshold while different
# articles on one event stay below 0.01; dropping paragraphs costs all sizes alike.
# (At J=0.5 the 128-permutation estimate has a standard error of ~0.045.)
SHINGLE = 3
# LSH finds candidates at a lower threshold than the verification so that pairs near the
# threshold are not lost to banding (false-negative rate of the band/row choice).
_LSH_SLACK = 0.15
_SCHEME = "affine32"  # datasketch >= 2.0 default; persisted signatures must share one scheme
_SEED = 1  # fixed so signatures from different processes/stores are comparable
_WORD = re.compile(r"\w+", re.UNICODE)


def normalise_words(text: str) -> list[str]:
    """Case-folded NFC word tokens without punctuation: what two copies of an article share."""
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold())


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    words = normalise_words(text)
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


@dataclass(frozen=True)
class DuplicateMatch:
    kind: str  # "exact" | "near"
    of: str  # id of the document already seen
    similarity: float


def word_hash(text: str) -> str:
    """The key under which a copy with other spacing, case or punctuation is an exact duplicate."""
    return "w:" + hashlib.sha256(" ".join(normalise_words(text)).encode("utf-8")).hexdigest()[:16]


class Deduplicator:
    """Remembers documents (``add``) and tells whether a new one duplicates one of them."""

    def __init__(self, threshold: float = 0.5, num_perm: int = 128) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh: object | None = None
        self._perms: object | None = None
        self._cache: tuple[str, object] | None = None  # (text, LeanMinHash) of the last check
        self._word_key: tuple[str, str] | None = None  # (text, word hash) of the last check
        self._sigs: dict[str, object] = {}  # doc id -> LeanMinHash
        self._exact: dict[str, str] = {}  # content hash / word hash -> doc id

    def _index(self):  # type: ignore[no-untyped-def]
        if self._lsh is None:
            from datasketch import MinHashLSH

            self._lsh = MinHashLSH(threshold=max(0.05, self.threshold - _LSH_SLACK), num_perm=self.num_perm)
        return self._lsh

    def _minhash(self, text: str):  # type: ignore[no-untyped-def]
        from datasketch import LeanMinHash, MinHash

        # building the random permutations costs ~7 ms per MinHash: make them once, share them
        if self._perms is None:
            self._perms = MinHash(num_perm=self.num_perm, seed=_SEED, scheme=_SCHEME).permutations
        m = MinHash(num_perm=self.num_perm, seed=_SEED, permutations=self._perms, scheme=_SCHEME)
        m.update_batch([s.encode("utf-8") for s in shingles(text)])
        return LeanMinHash(m)

    def _minhash_cached(self, text: str):  # type: ignore[no-untyped-def]
        """check() then add() of the same text (the batch runner's order) hash it once."""
        if self._cache is not None and self._cache[0] == text:
            return self._cache[1]
        lean = self._minhash(text)
        self._cache = (text, lean)
        return lean

    def signature(self, text: str) -> bytes:
        """The MinHash of ``text`` as bytes (datasketch LeanMinHash serialisation) for a store."""
        return self._signature_of(self._minhash_cached(text))

    @staticmethod
    def _signature_of(lean) -> bytes:  # type: ignore[no-untyped-def]
        buf = bytearray(lean.bytesize())
        lean.serialize(buf)
        return bytes(buf)

    def _load(self, signature: bytes):  # type: ignore[no-untyped-def]
        from datasketch import LeanMinHash

        return LeanMinHash.deserialize(bytearray(signature))

    def _word_hash(self, text: str) -> str:
        """The hash of the text's normalised words; check() then add() of one text (the batch
        runner's order) compute it once (it was a seventh of the writing process's time)."""
        if self._word_key is not None and self._word_key[0] == text:
            return self._word_key[1]
        key = word_hash(text)
        self._word_key = (text, key)
        return key

    def __len__(self) -> int:
        return len(self._sigs)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._sigs

    def add(self, doc_id: str, text: str, signature: bytes | None = None) -> None:
        """Remember a document; pass its stored ``signature`` to skip recomputing it (``text``
        may then be empty: the document is found as a near duplicate, not by exact hash)."""
        if doc_id in self._sigs:
            return
        lean = self._load(signature) if signature is not None else self._minhash_cached(text)
        self._sigs[doc_id] = lean
        if text.strip():  # a store seeds signatures without texts: no exact keys then
            self._exact.setdefault(content_id(text), doc_id)
            self._exact.setdefault(self._word_hash(text), doc_id)
        self._index().insert(doc_id, lean)

    def check(self, doc_id: str, text: str, signature: bytes | None = None) -> DuplicateMatch | None:
        """The best earlier document ``text`` duplicates, or None. A document already added
        under ``doc_id`` is an exact duplicate of itself (re-ingestion). ``signature`` (from
        ``signature(text)``, e.g. computed in a worker process) saves hashing the text again."""
        if doc_id in self._sigs:
            return DuplicateMatch("exact", doc_id, 1.0)
        for key in (content_id(text), self._word_hash(text)):
            if key in self._exact:
                return DuplicateMatch("exact", self._exact[key], 1.0)
        if not self._sigs:
            return None
        mh = self._load(signature) if signature is not None else self._minhash_cached(text)
        best: DuplicateMatch | None = None
        for cand in self._index().query(mh):
            sim = float(mh.jaccard(self._sigs[cand]))
            if sim >= self.threshold and (best is None or sim > best.similarity):
                best = DuplicateMatch("near", cand, sim)
        return best


POLICIES = ("skip", "keep", "link")


def apply_policy(doc: Document, match: DuplicateMatch | None, policy: str) -> bool:
    """Whether to store ``doc`` given its duplicate ``match``; for ``link`` mark the copy.

    skip: a duplicate is not stored. keep: it is stored as an independent document.
    link: a near copy is stored with ``meta.duplicate_of`` set to the earlier document and that
    id in ``meta.also_published_as``; an exact copy (same content id) is not stored again — the
    batch runner should add this copy's URL/source to the stored document with ``link_source``.
    """
    if policy not in POLICIES:
        raise ValueError(f"unknown duplicate policy {policy!r}; use one of {', '.join(POLICIES)}")
    if match is None:
        return True
    if policy == "skip":
        log.info("skipping %s: %s duplicate of %s (%.2f)", doc.id, match.kind, match.of, match.similarity)
        return False
    if policy == "keep":
        return True
    if match.of == doc.id:
        return False
    doc.meta.duplicate_of = match.of
    if match.of not in doc.meta.also_published_as:
        doc.meta.also_published_as.append(match.of)
    flag = f"{match.kind}_duplicate"
    if flag not in doc.meta.flags:
        doc.meta.flags.append(flag)
    return True


def link_source(original: Document, copy: Document) -> None:
    """Record on ``original`` that ``copy`` (same article elsewhere) was also published at its
    URL or source; used for exact copies under the ``link`` policy."""
    where = copy.meta.url or copy.meta.source
    if where and where not in original.meta.also_published_as and where != (original.meta.url or original.meta.source):
        original.meta.also_published_as.append(where)
