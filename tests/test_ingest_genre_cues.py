"""Genre cue counts: the word-list patterns of genre_cues.yaml are counted together in one
Aho-Corasick pass; the counts must be those of the regular expressions, match for match."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.ingest import genre

CUES = genre._cues()
LISTS = [CUES.opinion, CUES.report, CUES.markers, CUES.evaluative]


def regex_count(patterns: list[re.Pattern[str]], text: str) -> int:
    """The count by each pattern's own ``findall`` (case-insensitive, on the text as written)."""
    return sum(len(p.findall(text)) for p in patterns)


_PIECES = st.sampled_from(["doch", "man", "wir", "unser", "unsere", "zum glück", "zum", "glück", "nach angaben",
                           "nach", "hieß es", "sagte", "Sagten", "WÄRE", "we", "our", "according to", "vor allem",
                           "kaum", "ap", "dpa", "_", "-", "1", "ä", "x", ".", "?", " ", "  ", "\n", "ß"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=14).map("".join))
def test_word_list_cues_count_as_their_regular_expressions(text: str) -> None:
    for patterns in LISTS:
        assert genre._hits(patterns, text, text.lower()) == regex_count(patterns, text)


def test_overlapping_and_adjacent_cue_words_count_once_each() -> None:
    text = "Man sagte, wir müssten nach Angaben der dpa-Agentur unsere Pläne ändern; zum Glück."
    for patterns in LISTS:
        assert genre._hits(patterns, text, text.lower()) == regex_count(patterns, text)
    assert genre._hits(CUES.opinion, "wir_wir wir-wir", "wir_wir wir-wir") == 2
