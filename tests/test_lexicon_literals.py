"""The literal test in front of lexicon regexes: the words every match must contain, and a quick
substring test that never rules out a text a pattern matches (``lagebild.lexicon.literal_test``)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.lexicon import literal_test, required_literals


@pytest.mark.parametrize("pattern, literals", [
    (r"\burheberrecht", {"urheberrecht"}),
    (r"\b(die )?rechte an (diesem|dem) (text|artikel)", {"rechte an "}),  # the optional start is no help
    (r"\b(nachdruck|Repost)\b", {"nachdruck", "repost"}),
    (r"\berneut(e|en)? veröffentlicht", {" veröffentlicht"}),
    (r"[ab]cd", {"cd"}),
    (r"a(b|c*)d", {"a"}),  # "c*" may be empty: the group needs no literal
    (r"(ab)*", None),  # matches the empty string
    (r"\d+", None),
    (r"(?-i:ab)c", {"c"}),
    (r"(?-i:ab)", None),  # a flag changed inside: its literals are not used
])
def test_required_literals_are_what_every_match_contains(pattern: str, literals: set[str] | None) -> None:
    found = required_literals(re.compile(pattern, re.IGNORECASE))
    assert (None if found is None else set(found)) == literals


def test_literal_test_only_where_every_pattern_ignores_case_and_needs_a_literal() -> None:
    assert literal_test([re.compile(r"\bzeit", re.I), re.compile(r"\d+", re.I)]) is None
    assert literal_test([re.compile(r"\bzeit")]) is None  # case-sensitive: searched as it is
    may_match = literal_test([re.compile(r"\bzeit", re.I), re.compile("©", re.I)])
    assert may_match is not None
    assert not may_match("Ein Absatz über das Wetter.")
    assert may_match("© 2024") and may_match("ZEITUNG")


PATTERNS = [re.compile(p, re.IGNORECASE) for p in (
    r"\bzeit", r"\b(kontaktieren sie uns|melden sie sich)", r"\bverstö(ß|ss)e", r"ſtraße", r"\bis\b", "µm",
)]
# letters of the patterns in both cases, with the characters re folds unlike str.lower
ALPHABET = "zeitZEITkontaktierenKONTAKTIERENsSuUmMlLdDöÖßẞıİſKµμ "


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=40), pick=st.sampled_from(range(len(PATTERNS))))
def test_literal_test_never_rules_out_a_match(text: str, pick: int) -> None:
    pattern = PATTERNS[pick]
    may_match = literal_test([pattern])
    if may_match is None:  # a literal holds a character re folds specially ("ſ", "µ"): none made
        return
    if pattern.search(text):
        assert may_match(text), (pattern.pattern, text)


@pytest.mark.parametrize("text", ["ZEİTUNG", "Zeıt", "KONTAKTİEREN SİE UNS", "VERSTÖẞE"])
def test_literal_test_lets_specially_folded_letters_through(text: str) -> None:
    pattern = PATTERNS[0] if "Z" in text else PATTERNS[1] if "K" in text else PATTERNS[2]
    may_match = literal_test([pattern])
    assert may_match is not None and pattern.search(text) and may_match(text)
