"""Every component's time grows linearly with the text (issue 10): each component of the default
pipeline on 10k and 100k characters of ordinary and hostile patterns (``benchmarks/scaling.py``,
which runs 100k and 1M), asserting the growth ratio, never an absolute time. Also the structures
that keep them linear answer exactly what the loops they replaced did: the sentence length cap,
the mention index of the actors layer, the date index of ``governing_date``, the candidate overlap
test of the time layer."""

from __future__ import annotations

import gc
import os
import random
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.actors.mention_list import MentionList
from lagebild.document import Document, Mention, Metadata, Paragraph, Sentence, Timex
from lagebild.language import tokenize
from lagebild.language.sentences import LENGTH_CAP, MAX_SENTENCE_TOKENS
from lagebild.pipeline import Pipeline
from lagebild.settings import Settings
from lagebild.time.anchor import parse_value
from lagebild.time.component import DateIndex, governing_date

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from scaling import FLOOR_SECONDS, MAX_RATIO, PATTERNS, best_of, component_seconds, warm_up  # noqa: E402

SMALL, LARGE = 10_000, 100_000  # (the benchmark: 100k and 1M)


@pytest.fixture(scope="module")
def scaling_pipeline() -> Iterator[Pipeline]:
    pipe = Pipeline(list(Settings().components))
    warm_up(pipe)  # also freezes what is loaded (gc.freeze): undone after these tests
    yield pipe
    gc.unfreeze()


SMALL_FLOOR = 0.01  # seconds


@pytest.mark.skipif(not os.environ.get("LAGEBILD_SCALING"), reason="timing ratio, flaky on a shared CI machine: "
                    "set LAGEBILD_SCALING=1 (benchmarks/scaling.py is the measurement)")
@pytest.mark.parametrize("pattern", list(PATTERNS))
def test_scaling_components_grow_linearly(pattern: str, scaling_pipeline: Pipeline) -> None:
    small = best_of(3, PATTERNS[pattern](SMALL), scaling_pipeline)
    large = best_of(2, PATTERNS[pattern](LARGE), scaling_pipeline)
    # a small-size time under SMALL_FLOOR is mostly timer noise on a shared machine: compare with the
    # floor instead (a quadratic step of 5 ms at the small size still costs 0.5 s at the large one)
    base = {name: max(small[name], SMALL_FLOOR) for name in small}
    over = {name: f"{small[name]:.3f} s -> {large[name]:.3f} s ({large[name] / base[name]:.0f}x)"
            for name in large if large[name] >= FLOOR_SECONDS and large[name] > MAX_RATIO * base[name]}
    assert not over, f"{pattern}: 10x the characters cost more than {MAX_RATIO:.0f}x the time: {over}"


def test_scaling_components_time_every_component(scaling_pipeline: Pipeline) -> None:
    seconds = component_seconds(PATTERNS["real"](SMALL), scaling_pipeline)
    assert list(seconds) == list(Settings().components) and all(s >= 0 for s in seconds.values())


@pytest.mark.parametrize("pattern", list(PATTERNS))
def test_scaling_patterns_have_the_size_asked_for(pattern: str) -> None:
    text = PATTERNS[pattern](SMALL)
    assert SMALL // 2 < len(text) <= SMALL


# -- the sentence length cap ----------------------------------------------------------------------
def analyse(text: str) -> Document:
    return tokenize(Document(text, Metadata(language="de")))


def test_scaling_run_on_text_is_cut_into_sentences_of_bounded_length() -> None:
    doc = analyse("sagte er, " * 2000)  # 6,000 tokens and not one sentence end
    counts = [sum(1 for t in doc.tokens if t.sentence == i) for i in range(len(doc.sentences))]
    assert max(counts) <= MAX_SENTENCE_TOKENS and len(doc.sentences) >= 6000 // MAX_SENTENCE_TOKENS
    # cut after the last comma in the window, so each piece ends with one
    assert all(doc.text[s.end - 1] == "," for s in doc.sentences[:-1])
    assert [s.rule for s in doc.sentences[:-1]] == [LENGTH_CAP] * (len(doc.sentences) - 1)


def test_scaling_text_without_punctuation_is_cut_at_the_cap() -> None:
    doc = analyse("Frieden " * 1000)
    assert [sum(1 for t in doc.tokens if t.sentence == i) for i in range(len(doc.sentences))] == \
        [MAX_SENTENCE_TOKENS] * (1000 // MAX_SENTENCE_TOKENS)


def test_scaling_written_sentences_are_never_cut(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        doc = analyse(path.read_text(encoding="utf-8"))
        assert LENGTH_CAP not in {s.rule for s in doc.sentences}, path.name


# -- the mention index of the actors layer --------------------------------------------------------
def _brute(mentions: list[Mention]) -> dict[str, Any]:
    return {
        "before": lambda o: sorted([m for m in mentions if m.start < o], key=lambda m: -m.start),
        "starting_in": lambda a, b: sorted([m for m in mentions if a <= m.start < b], key=lambda m: m.start),
        "overlapping": lambda a, b: sorted([m for m in mentions if m.start < b and a < m.end], key=lambda m: m.start),
        "holding": lambda o: sorted([m for m in mentions if m.start <= o < m.end], key=lambda m: m.start),
        "covering": lambda a, b: sorted([m for m in mentions if m.start <= a and b <= m.end], key=lambda m: m.start),
    }


_OPS = st.lists(st.tuples(st.sampled_from(["append", "append", "append", "sort", "pop", "query"]),
                          st.integers(0, 60), st.integers(1, 8)), max_size=40)


@settings(max_examples=200, deadline=None)
@given(_OPS)
def test_scaling_mention_index_answers_like_a_scan(ops: list[tuple[str, int, int]]) -> None:
    mentions = MentionList()
    for op, start, length in ops:
        if op == "append":
            mentions.append(Mention(start, start + length, text=str(len(mentions))))
        elif op == "sort" and mentions:
            mentions.sort(key=lambda m: (m.start, -m.end))
        elif op == "pop" and mentions:
            mentions.pop(start % len(mentions))
        brute = _brute(list(mentions))
        for a in (start - 3, start, start + length):
            assert list(mentions.before(a)) == brute["before"](a)
            assert mentions.holding(a) == brute["holding"](a)
            for b in (a, a + 1, a + length + 4):
                assert mentions.starting_in(a, b) == brute["starting_in"](a, b)
                assert mentions.overlapping(a, b) == brute["overlapping"](a, b)
                assert mentions.covering(a, b) == brute["covering"](a, b)


# -- the date index of governing_date -------------------------------------------------------------
def _governing_by_scan(doc: Document, start: int, end: int) -> str | None:
    """``governing_date`` as it was before the index: a pass over every timex and paragraph."""
    def para(offset: int) -> int | None:
        return next((i for i, p in enumerate(doc.paragraphs) if p.start <= offset < p.end), None)

    si = doc.sentence_at(start)
    if si is not None:
        sent = doc.sentences[si]
        inside = [t for t in doc.timexes if t.type in ("date", "time") and sent.start <= t.start < sent.end
                  and parse_value(t.value) is not None]
        if inside:
            def rank(t: Timex) -> tuple[int, int]:
                gran = parse_value(t.value)
                return (0 if gran and gran[1] == "D" else 1), min(abs(t.start - start), abs(t.end - end))
            best = min(inside, key=rank)
            return best.value[:10] if best.type == "time" else best.value
    here, local, heading = para(start), None, None
    for t in doc.timexes:
        if t.start >= start:
            break
        parsed = parse_value(t.value)
        day = t.value[:10] if t.type in ("date", "time") and parsed and parsed[1] == "D" else None
        p = para(t.start) if day else None
        if day is None or p is None:
            continue
        if here is not None and here - p <= 1:
            local = day
        if doc.paragraphs[p].end - doc.paragraphs[p].start <= 120:
            heading = day
    return local or heading or (doc.meta.published.isoformat() if doc.meta.published else None)


def test_scaling_governing_date_index_agrees_with_a_scan(seeds_dir: Path, pipeline: Pipeline) -> None:
    rng = random.Random(10)
    for path in sorted(seeds_dir.glob("*.txt")):
        doc = pipeline(Document(path.read_text(encoding="utf-8"), Metadata(language="de")))
        index = DateIndex(doc)
        for start in sorted(rng.sample(range(len(doc.text)), 150)):
            assert index.governing(start, start + 3) == _governing_by_scan(doc, start, start + 3)
            assert governing_date(doc, start, start + 3, index) == index.governing(start, start + 3)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 190), st.integers(1, 9), st.sampled_from(
    ["2022-01-03", "2022-01", "2021", "2022-W05", "P3D", "2022-02-24T10:00"]),
    st.sampled_from(["date", "time", "duration"])), max_size=12), st.integers(0, 199))
def test_scaling_governing_date_index_agrees_with_a_scan_on_hand_built_documents(
        timexes: list[tuple[int, int, str, str]], start: int) -> None:
    """Timexes in any order (as tests build them), paragraphs short and long, gaps between them."""
    doc = Document("x" * 200, Metadata(published=date(2022, 1, 25)))
    doc.paragraphs = [Paragraph(0, 50), Paragraph(52, 180), Paragraph(182, 200)]
    doc.sentences = [Sentence(0, 30), Sentence(31, 50), Sentence(52, 120), Sentence(121, 180), Sentence(182, 200)]
    doc.timexes = [Timex(s, s + n, text="x", type=typ, value=v) for s, n, v, typ in timexes]
    assert DateIndex(doc).governing(start, start + 1) == _governing_by_scan(doc, start, start + 1)


# -- the candidate overlap test of the time layer ------------------------------------------------
def test_scaling_time_candidates_are_the_same_as_with_a_full_scan() -> None:
    from lagebild.time.patterns import find_candidates

    text = ("Am 3. März 2022 und am Montag, dem 4. März, sowie vom 1. bis 5. April 2023, seit 2014, "
            "in drei Wochen, im Frühjahr 2022 und heute. ") * 20
    fast = find_candidates(text, "de")
    full = find_candidates(text, "de", full_scan=True)
    assert [(c.start, c.end, c.rule) for c in fast] == [(c.start, c.end, c.rule) for c in full]
    ends = [c.end for c in fast]
    assert all(a <= b.start for a, b in zip(ends, fast[1:], strict=False))  # no overlaps
