"""The light tokens of the figures component (``lagebild.figures.lexicon.tokenize``): words, numbers
with a glued suffix, signs and single other characters, with document offsets; an abbreviation
takes the period after it."""

from __future__ import annotations

from lagebild.figures.lexicon import tokenize


def test_tokens_of_numbers_words_abbreviations_and_signs() -> None:
    # "US$5" gives the sign "US$" and "5" (not the word "US" and "$"); "z.B." is four tokens today,
    # a change to it shows here
    text = ". Rund 3,5 Mio. Euro (ca.. 5km) gab die U.S.. Armee, z.B. für Staats- und US$5 Mrd."
    assert [(t.text, t.start, t.end, t.kind, t.glued) for t in tokenize(text, 7)] == [
        (".", 7, 8, "other", ""), ("Rund", 9, 13, "word", ""), ("3,5", 14, 17, "num", ""),
        ("Mio.", 18, 22, "word", ""), ("Euro", 23, 27, "word", ""), ("(", 28, 29, "other", ""),
        ("ca.", 29, 32, "word", ""), (".", 32, 33, "other", ""), ("5", 34, 37, "num", "km"),
        (")", 37, 38, "other", ""), ("gab", 39, 42, "word", ""), ("die", 43, 46, "word", ""),
        ("U.S.", 47, 51, "word", ""), (".", 51, 52, "other", ""), ("Armee", 53, 58, "word", ""),
        (",", 58, 59, "other", ""), ("z", 60, 61, "word", ""), (".", 61, 62, "other", ""),
        ("B", 62, 63, "word", ""), (".", 63, 64, "other", ""), ("für", 65, 68, "word", ""),
        ("Staats-", 69, 76, "word", ""), ("und", 77, 80, "word", ""), ("US$", 81, 84, "sym", ""),
        ("5", 84, 85, "num", ""), ("Mrd.", 86, 90, "word", "")]


def test_no_tokens_in_empty_or_blank_text() -> None:
    assert tokenize("") == []
    assert tokenize(" \n\t") == []


def test_an_abbreviation_at_the_start_and_one_given_by_the_caller() -> None:
    assert [t.text for t in tokenize("Mio. Euro")] == ["Mio.", "Euro"]
    assert [t.text for t in tokenize("Abc. Def.", 0, frozenset({"def"}))] == ["Abc", ".", "Def."]
