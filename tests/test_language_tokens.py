"""Tokens and sentences of the language layer: the tokenizer rules (ordinals, dates, abbreviations,
numbers, quotes, compounds, URLs), the sentence splitter, the data model, linear time, the user
lexicon, and agreement with SoMaJo (the tokenizer used before) on the seeds and the demo corpus."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.document import Document, Metadata
from lagebild.errors import ConfigError
from lagebild.language import LanguageComponent, split_paragraphs, tokenize
from lagebild.language.sentences import PARAGRAPH_END, QUOTE_FINAL, TERMINAL
from lagebild.language.tokens import LONG_PIECE_RULE, MAX_PIECE, RULE

ROOT = Path(__file__).resolve().parents[1]


def analyse(text: str, language: str = "de") -> Document:
    return tokenize(Document(text, Metadata(language=language)))


def words(text: str, language: str = "de") -> list[str]:
    return [t.text for t in analyse(text, language).tokens]


def sentences(text: str, language: str = "de") -> list[str]:
    doc = analyse(text, language)
    return [doc.text[s.start:s.end] for s in doc.sentences]


# -- tokens ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    # ordinals stay with their period; a year or a longer number before a full stop does not
    ("am 3. Mai", ["am", "3.", "Mai"]),
    ("Der 1. FC Köln", ["Der", "1.", "FC", "Köln"]),
    ("bis 2030.", ["bis", "2030", "."]),
    ("mehr als 1.000.", ["mehr", "als", "1.000", "."]),
    ("um 2,5.", ["um", "2,5", "."]),
    # dates, slashed numbers
    ("am 21.01.2022 in Genf", ["am", "21.01.2022", "in", "Genf"]),
    ("am 24.02. begann", ["am", "24.02.", "begann"]),
    ("seit dem 24.02.2022.", ["seit", "dem", "24.02.2022", "."]),
    ("nach 9/11 und 2022/23", ["nach", "9/11", "und", "2022/23"]),
    # numbers
    ("1.000 Soldaten und 2,5 Prozent", ["1.000", "Soldaten", "und", "2,5", "Prozent"]),
    ("100.000 Menschen", ["100.000", "Menschen"]),
    # abbreviations (spaCy's and ours) and initials
    ("Dr. Müller, Prof. Meier", ["Dr.", "Müller", ",", "Prof.", "Meier"]),
    ("z. B. und u. a. bzw. d. h.", ["z.", "B.", "und", "u.", "a.", "bzw.", "d.", "h."]),
    ("z.B. die U.S.A.", ["z.B.", "die", "U.S.A."]),
    ("Nr. 5 in St. Petersburg", ["Nr.", "5", "in", "St.", "Petersburg"]),
    ("3 Mio. Euro, 2 Mrd. Dollar, ca. 30", ["3", "Mio.", "Euro", ",", "2", "Mrd.", "Dollar", ",", "ca.", "30"]),
    ("Gen. Maj. Iwanow, vgl. Art. 5", ["Gen.", "Maj.", "Iwanow", ",", "vgl.", "Art.", "5"]),
    ("J. F. Kennedy und Wladimir W. Putin", ["J.", "F.", "Kennedy", "und", "Wladimir", "W.", "Putin"]),
    ("Papst Benedikt XVI. kam", ["Papst", "Benedikt", "XVI.", "kam"]),
    # a word that is no abbreviation gives its period back
    ("sagte Kennedy. Dann", ["sagte", "Kennedy", ".", "Dann"]),
    ("die USA. Dann", ["die", "USA", ".", "Dann"]),
    ("Version 2A6. Dann", ["Version", "2A6", ".", "Dann"]),
    # quote marks of every style are tokens of their own
    ("„Ja“", ["„", "Ja", "“"]),
    ("»Ja«", ["»", "Ja", "«"]),
    ("«Ja»", ["«", "Ja", "»"]),
    ("‹Ja›", ["‹", "Ja", "›"]),
    ("‚Ja‘", ["‚", "Ja", "‘"]),
    ("'Ja'", ["'", "Ja", "'"]),
    ('"Ja"', ['"', "Ja", '"']),
    ("sagte:„Ja“", ["sagte", ":", "„", "Ja", "“"]),
    ('das "Ja"-Lager', ["das", '"', "Ja", '"', "-Lager"]),
    # hyphenated compounds stay whole in German
    ("Der Russland-Ukraine-Krieg", ["Der", "Russland-Ukraine-Krieg"]),
    ("ein Selenskyj-Berater", ["ein", "Selenskyj-Berater"]),
    ("Nato- und EU-Staaten", ["Nato-", "und", "EU-Staaten"]),
    # URLs and e-mail addresses
    ("siehe https://www.example.com/a?b=c.", ["siehe", "https://www.example.com/a?b=c", "."]),
    ("an info@example.de.", ["an", "info@example.de", "."]),
    # terminal runs
    ("Hm?! Ja!!!", ["Hm", "?!", "Ja", "!!!"]),
    ("und dann...", ["und", "dann", "..."]),
    # brackets
    ("(siehe oben).", ["(", "siehe", "oben", ")", "."]),
])
def test_language_tokens_german_rules(text: str, expected: list[str]) -> None:
    assert words(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("It's NATO's plan.", ["It", "'s", "NATO", "'s", "plan", "."]),
    ("They don't.", ["They", "do", "n't", "."]),
    ("a large-scale attack", ["a", "large", "-", "scale", "attack"]),
    ("Mr. Smith met Gen. Milley in the U.S.", ["Mr.", "Smith", "met", "Gen.", "Milley", "in", "the", "U.S."]),
    ("Lt. Col. Smith on Jan. 5", ["Lt.", "Col.", "Smith", "on", "Jan.", "5"]),
    ("since 1997.", ["since", "1997", "."]),
    ("World War II.", ["World", "War", "II", "."]),
    ('"Yes."', ['"', "Yes", ".", '"']),
])
def test_language_tokens_english_rules(text: str, expected: list[str]) -> None:
    assert words(text, "en") == expected


# -- sentences ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("Er kam. Sie ging.", ["Er kam.", "Sie ging."]),
    # no split after ordinals, abbreviations, initials, dates
    ("Am 3. Mai kam er. Der 1. FC Köln verlor.", ["Am 3. Mai kam er.", "Der 1. FC Köln verlor."]),
    ("Dr. Müller sagte z. B. nichts. Dann ging er.", ["Dr. Müller sagte z. B. nichts.", "Dann ging er."]),
    ("J. F. Kennedy und Wladimir W. Putin trafen sich.", ["J. F. Kennedy und Wladimir W. Putin trafen sich."]),
    ("Am 21.01.2022 trafen sie sich. Dann nicht mehr.", ["Am 21.01.2022 trafen sie sich.", "Dann nicht mehr."]),
    ("Es waren 3 Mio. Euro. Das war viel.", ["Es waren 3 Mio. Euro.", "Das war viel."]),
    # a year before a full stop ends the sentence
    ("Sie läuft bis 2030. Dann nicht mehr.", ["Sie läuft bis 2030.", "Dann nicht mehr."]),
    # quote-final punctuation: the closing quote belongs to the sentence it ends
    ("»Wir gehen!« Dann ging er.", ["»Wir gehen!«", "Dann ging er."]),
    ("Er sagte: „Das ist gut.“ Dann ging er.", ["Er sagte: „Das ist gut.“", "Dann ging er."]),
    ("„Wirklich?“ Ja.", ["„Wirklich?“", "Ja."]),
    ("«Wirklich?» Ja.", ["«Wirklich?»", "Ja."]),
    ("(Siehe oben.) Dann.", ["(Siehe oben.)", "Dann."]),
    # quote-final whitespace: a closing quote after a space still closes
    ("»Wir gehen! « Dann.", ["»Wir gehen! «", "Dann."]),
    # the sentence goes on after the quote
    ("„Wir kommen!“, sagte er.", ["„Wir kommen!“, sagte er."]),
    ("„Wir kommen!“ rief er.", ["„Wir kommen!“ rief er."]),
    ("„Wir kommen!“ – sagte er.", ["„Wir kommen!“ – sagte er."]),
    ("Er kam. – Dann ging er.", ["Er kam.", "– Dann ging er."]),
    ("Er sagte ... und ging.", ["Er sagte ... und ging."]),
    # an opening quote after a sentence end starts the next sentence
    ('Er sagte: "Ja." "Nein", sagte sie.', ['Er sagte: "Ja."', '"Nein", sagte sie.']),
    ("Hm?! Ja!!! Gut.", ["Hm?!", "Ja!!!", "Gut."]),
])
def test_language_sentences_german(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize("text,expected", [
    ('"Is it true?" She asked. He said: "Yes." Then left.',
     ['"Is it true?"', "She asked.", 'He said: "Yes."', "Then left."]),
    ("Mr. Smith met Gen. Milley. They talked.", ["Mr. Smith met Gen. Milley.", "They talked."]),
    ("It was 1990. Then he left.", ["It was 1990.", "Then he left."]),
])
def test_language_sentences_english(text: str, expected: list[str]) -> None:
    assert sentences(text, "en") == expected


def test_language_sentences_never_cross_a_paragraph() -> None:
    text = "Titel ohne Punkt\n\nErster Satz. „Zweiter Satz\n\n“ Dritter"
    doc = analyse(text)
    for s in doc.sentences:
        p = doc.paragraphs[s.paragraph]
        assert p.start <= s.start <= s.end <= p.end
    assert [doc.text[s.start:s.end] for s in doc.sentences] == \
        ["Titel ohne Punkt", "Erster Satz.", "„Zweiter Satz", "“ Dritter"]


def test_language_sentences_record_the_rule_that_ended_them() -> None:
    doc = analyse("Er kam. »Wir gehen!« Dann ging er\n\nNeu.")
    assert [s.rule for s in doc.sentences] == [TERMINAL, QUOTE_FINAL, PARAGRAPH_END, PARAGRAPH_END]


# -- the data model -------------------------------------------------------------------------------
def check_layers(doc: Document) -> None:
    text = doc.text
    assert [(p.start, p.end) for p in doc.paragraphs] == split_paragraphs(text)
    previous_end = 0
    for i, t in enumerate(doc.tokens):
        assert previous_end <= t.start < t.end
        assert t.text == text[t.start:t.end] and not any(c.isspace() for c in t.text)
        assert t.component == "language" and t.rule in (RULE, LONG_PIECE_RULE)
        assert t.space_after == (t.end == len(text) or text[t.end].isspace())
        sentence = doc.sentences[t.sentence]
        assert sentence.start <= t.start and t.end <= sentence.end
        if i:
            assert t.sentence in (doc.tokens[i - 1].sentence, doc.tokens[i - 1].sentence + 1)
        previous_end = t.end
    covered = {i for t in doc.tokens for i in range(t.start, t.end)}
    assert covered == {i for i, c in enumerate(text) if not c.isspace()}
    for s in doc.sentences:
        p = doc.paragraphs[s.paragraph]
        assert p.start <= s.start < s.end <= p.end and s.component == "language"


def test_language_tokens_fill_the_three_layers() -> None:
    text = "Titel\n\nDr. Müller sagte am 3. Mai: „Wir kommen!“\nEr ging.\n\n  Eingerückt  \n"
    doc = analyse(text)
    check_layers(doc)
    assert [t.text for t in doc.tokens][:4] == ["Titel", "Dr.", "Müller", "sagte"]
    assert len(doc.paragraphs) == 4 and len(doc.sentences) == 4


def test_language_tokens_of_an_empty_text() -> None:
    doc = analyse("")
    assert doc.paragraphs == [] and doc.sentences == [] and doc.tokens == []
    doc = analyse(" \n\n \t")
    assert doc.paragraphs == [] and doc.sentences == [] and doc.tokens == []


_ALPHABET = st.sampled_from([*"aBc1. ,!?„“”»«‹›'\"()-/", "\n", "\n\n", "\xa0", "\u202f", "Dr.", "3.", "z. B.",
                             "21.01.2022", "https://x.de", "...", "?!", "))))))))))"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join), st.sampled_from(["de", "en"]))
def test_language_tokens_layers_hold_for_any_text(text: str, language: str) -> None:
    check_layers(analyse(text, language))


def test_language_tokens_are_the_same_from_many_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"Dr. Müller sagte am {i}. Mai: „Wir kommen!“ Dann ging er {i * 7}.\n\nNeu {i}." for i in range(1, 60)]

    def layers(text: str) -> list[tuple[int, int, int, bool]]:
        return [(t.start, t.end, t.sentence, t.space_after) for t in analyse(text).tokens]

    alone = [layers(t) for t in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(layers, texts * 4)) == alone * 4


def test_language_component_declares_name_needs_and_adds() -> None:
    assert LanguageComponent.name == "language"
    assert LanguageComponent.needs == ()
    assert LanguageComponent.adds == ("paragraphs", "sentences", "tokens")
    doc = LanguageComponent()(Document("Er kam. Sie ging."))
    assert len(doc.sentences) == 2


# -- linear time ----------------------------------------------------------------------------------
def _cpu_seconds(run: Callable[[], object]) -> float:
    """CPU seconds of this process, best of two runs: a busy machine does not decide the result."""
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("make", [
    lambda n: "a" + ")" * n,              # spaCy strips suffixes one at a time
    lambda n: "(" * n + "a",
    lambda n: "Ja" + "!" * n,
    lambda n: "1" * n,
    lambda n: "„“" * (n // 2),
    lambda n: "x.)" * (n // 3),
    lambda n: ("'s" * 100 + " ") * (n // 201),
], ids=["closing", "opening", "bangs", "digits", "quotes", "mixed", "short-pieces"])
def test_language_tokens_take_linear_time_on_degenerate_text(make: Callable[[int], str]) -> None:
    analyse("warm up.")
    small, large = make(20_000), make(80_000)
    t_small = _cpu_seconds(lambda: analyse(small))
    t_large = _cpu_seconds(lambda: analyse(large))
    # SoMaJo and spaCy alone took minutes here; quadratic growth would make the ratio ~16
    assert t_large < 10 and t_large < 10 * t_small + 0.5, (t_small, t_large)
    doc = analyse(large)
    check_layers(doc)


def test_language_tokens_split_an_overlong_piece_by_a_rule_of_its_own() -> None:
    piece = "a" * (MAX_PIECE + 10) + ")" + "b" * 3
    doc = analyse(f"Vor {piece} nach.")
    assert [(t.text, t.rule) for t in doc.tokens] == [
        ("Vor", RULE), ("a" * (MAX_PIECE + 10), LONG_PIECE_RULE), (")", LONG_PIECE_RULE),
        ("bbb", LONG_PIECE_RULE), ("nach", RULE), (".", RULE)]
    check_layers(doc)


@pytest.mark.parametrize("before,length,after,split", [
    ("", MAX_PIECE, "", False),
    ("", MAX_PIECE + 1, "", True),
    ("Wort\n" * 40, MAX_PIECE + 1, "\nWort" * 40, True),     # no space anywhere near it
    ("Wort " * 100, MAX_PIECE + 1, " Wort" * 100, True),
    ("x" * 127 + " ", MAX_PIECE + 1, " " + "y" * 5, True),   # starts right after a block boundary
    ("Wort " * 100, MAX_PIECE, " Wort" * 100, False),
])
def test_language_tokens_find_every_overlong_piece(before: str, length: int, after: str, split: bool) -> None:
    doc = analyse(before + "z" * length + after)
    assert any(t.rule == LONG_PIECE_RULE for t in doc.tokens) == split
    assert ("z" * length) in [t.text for t in doc.tokens]


# -- the lexicon ----------------------------------------------------------------------------------
@pytest.fixture
def user_lexicon(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Write a user tokenizer.yaml into a directory of LAGEBILD_LEXICON_DIRS (tokenizers are cached
    per set of lexicon directories)."""

    def write(content: str) -> None:
        d = tmp_path / "lexicons"
        d.mkdir(exist_ok=True)
        (d / "tokenizer.yaml").write_text(content, encoding="utf-8")
        monkeypatch.setenv("LAGEBILD_LEXICON_DIRS", str(d))
        monkeypatch.setenv("LAGEBILD_CACHE_DIR", str(tmp_path / "cache"))

    yield write


def test_language_tokens_user_abbreviations_extend_the_shipped_ones(user_lexicon: Callable[[str], None]) -> None:
    text = "Der Kdr. Meier kam."
    assert words(text) == ["Der", "Kdr", ".", "Meier", "kam", "."]
    assert len(sentences(text)) == 2
    user_lexicon("de:\n  abbreviations: [Kdr.]\n")
    assert words(text) == ["Der", "Kdr.", "Meier", "kam", "."]
    assert sentences(text) == [text]


def test_language_tokens_bad_user_pattern_is_a_clear_error(user_lexicon: Callable[[str], None]) -> None:
    user_lexicon("de:\n  keep_whole:\n    broken: '[0-9'\n")
    with pytest.raises(ConfigError, match="broken"):
        analyse("Er kam.")


# -- agreement with SoMaJo ------------------------------------------------------------------------
def _somajo_spans(text: str, language: str, models: dict[str, object]) -> tuple[set[tuple[int, int]], set[int]]:
    tokenizer = models["en" if language == "en" else "de"]
    tokens: set[tuple[int, int]] = set()
    starts: set[int] = set()
    for p_start, p_end in split_paragraphs(text):
        for sentence in tokenizer.tokenize_text([text[p_start:p_end]]):  # type: ignore[attr-defined]
            spans = [(p_start + t.character_offset[0], p_start + t.character_offset[1]) for t in sentence]
            tokens.update(spans)
            starts.add(spans[0][0])
    return tokens, starts


def _f1(ref: set[Any], sys_: set[Any], counts: list[int]) -> None:
    counts[0] += len(ref & sys_)
    counts[1] += len(ref ^ sys_)


@pytest.mark.slow
def test_language_tokens_agree_with_somajo_on_seeds_and_demo_corpus(seeds_dir: Path) -> None:
    somajo = pytest.importorskip("somajo", reason="SoMaJo is a bench/test extra: pip install -e .[test]")
    from lagebild.errors import IngestError
    from lagebild.ingest import read_source

    models: dict[str, object] = {lang: somajo.SoMaJo(model, split_camel_case=False, character_offsets=True)
                                 for lang, model in (("de", "de_CMC"), ("en", "en_PTB"))}
    tok, sent = [0, 0], [0, 0]
    paths = [*sorted(seeds_dir.glob("*.txt")), *sorted((ROOT / "examples" / "corpus").glob("*.txt"))]
    for path in paths:
        for doc in (d for d in read_source(path) if not isinstance(d, IngestError)):
            ref_tokens, ref_starts = _somajo_spans(doc.text, doc.language, models)
            ours = tokenize(doc)
            _f1(ref_tokens, {(t.start, t.end) for t in ours.tokens}, tok)
            _f1(ref_starts, {s.start for s in ours.sentences}, sent)
    assert len(paths) >= 30
    # measured 0.9994 (tokens) and 0.9993 (sentence starts) on 33 articles; see
    # benchmarks/results/tokenizer.md for the differences (mostly better ones: "mag.", "2A6", dates)
    assert 2 * tok[0] / (2 * tok[0] + tok[1]) >= 0.998
    assert 2 * sent[0] / (2 * sent[0] + sent[1]) >= 0.997


def test_language_morphology_leaves_overlong_words_unanalysed() -> None:
    """HanTa's time grows with the cube of a word's length (a 1,600-digit "word" in a quote took the
    speech layer 50 s): a word over MAX_WORD characters is not analysed and keeps itself as lemma."""
    from lagebild.language.morphology import MAX_WORD, morphology

    word = "Selenskyj" + "9" * 100
    assert len(word) > MAX_WORD
    analysis = morphology("de").analyze(word)
    assert (analysis.lemma, analysis.pos, analysis.morphemes) == (word, "", ())
    tagged = morphology("de").tag(["Er", "sagte", word])
    assert [t[0] for t in tagged] == ["Er", "sagte", word] and tagged[2][1] == word
    assert morphology("de").analyze("Verhandlungen").pos  # ordinary words are still analysed
