"""The shipped table of HanTa's analyses (``lagebild/models/hanta_word_tags_de.tsv.gz``): a form found
there gets exactly what HanTa itself computes (tags, lemmas, full analysis), so the table only saves
time; it is rebuilt when HanTa changes (these tests fail on a stale table); a missing table costs
speed, not results."""

from __future__ import annotations

import copy
import gzip
import logging
from pathlib import Path
from typing import Any

import pytest

from lagebild.language import hanta_fast
from lagebild.language.morphology import Morphology, morphology
from lagebild.language.wordtags import CUTOFF, WORD_TAGS_PATH, build_word_tags, word_tags

ROOT = Path(__file__).resolve().parents[1]


def _hanta() -> Any:
    """HanTa's own tagger class on the loaded German model (no remembered searches, no table)."""
    own = copy.copy(morphology("de").tagger)
    own.__class__ = hanta_fast.FastTagger.__mro__[1]
    return own


def _sample(step: int = 700) -> list[str]:
    with gzip.open(WORD_TAGS_PATH, "rt", encoding="utf-8") as fh:
        forms = [line.split("\t", 1)[0] for line in fh if not line.startswith("#")]
    return forms[::step] + ["lenkte", "abgestürzten", "erfolgten", "sagte", "vermittelt"]


def test_word_table_is_shipped_and_large() -> None:
    assert WORD_TAGS_PATH.is_file(), "rebuild it: lagebild train word-tags"
    assert len(_sample(1)) > 150_000


def test_word_table_gives_hantas_own_tags_and_lemmas() -> None:
    hanta = _hanta()
    checked = 0
    for form in _sample():
        got = word_tags(form)
        assert got is not None, form
        readings: list[str] = []
        if form not in hanta.cache:  # a form HanTa does not know: its search's tags, both ways
            cased = [t for t, _ in hanta.tag_word(form, cutoff=CUTOFF, casesensitive=True)]
            uncased = [t for t, _ in hanta.tag_word(form, cutoff=CUTOFF, casesensitive=False)]
            assert (list(got.cased), list(got.uncased)) == (cased, uncased), form
            readings = cased + uncased
            checked += 1
        else:
            assert got.cased == (), form  # the tagger reads known forms from HanTa's own lexicon
            readings = [hanta.int2tag[t] for t, _ in hanta.cache[form]]
        lemmas = {t: hanta.analyze(form, pos=t, taglevel=1)[0] for t in readings if t.startswith("V")}
        assert dict(got.lemmas) == lemmas, form
    assert checked > 150


def test_word_table_gives_hantas_full_analysis_in_both_cases() -> None:
    hanta = _hanta()
    for form in _sample(1400):
        got = word_tags(form)
        assert got is not None
        for written, reading in ((form, got.lower), (form[:1].upper() + form[1:], got.upper)):
            lemma, morphemes, pos = hanta.analyze(written, taglevel=3)
            assert reading == (lemma, pos, tuple((m, lab) for m, lab in morphemes)), written


def test_morphology_analysis_is_the_same_with_the_table() -> None:
    hanta = _hanta()
    fresh = Morphology("de")
    words = ["Militäranlagen", "Wapakoneta", "lenkte", "erfolgten", "Abgeordneten", "zurückgetreten", "Sardinien"]
    for word in words:
        got = fresh.analyze(word)
        lemma, morphemes, pos = hanta.analyze(word, taglevel=3)
        assert (got.lemma, got.pos, got.morphemes) == (lemma, pos, tuple(morphemes)), word


def test_missing_word_table_warns_and_is_no_error(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert word_tags("lenkte", path=tmp_path / "gone.tsv.gz") is None
    assert "lagebild train word-tags" in caplog.text


def test_built_word_table_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "table.tsv.gz"
    assert build_word_tags(out, workers=1, forms=["lenkte", "abgestürzten", "sagte"]) == 3
    for form in ("lenkte", "abgestürzten", "sagte"):
        assert word_tags(form, path=out) == word_tags(form)
    assert word_tags("Lenkte", path=out) == word_tags("lenkte", path=out)  # looked up in lower case
    assert word_tags("Regierung", path=out) is None


def test_lower_case_forms_outside_the_table_are_read_by_their_ending() -> None:
    from lagebild.clauses.unknown import unknown_tags
    from lagebild.language.wordtags import ending_tags

    assert word_tags("völkerrechtswidriges") is None  # not in the table: HanTa would search it
    assert ending_tags("völkerrechtswidriges") == ("ADJ(A)",)  # "-iges": an attributive adjective
    assert unknown_tags("völkerrechtswidriges", first=False) == ("ADJA",)
    assert ending_tags("xq") is None  # too short to tell


def test_word_table_reads_the_same_from_its_database_and_from_memory(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from lagebild.language import wordtags

    out = tmp_path / "table.tsv.gz"
    build_word_tags(out, workers=1, forms=["lenkte", "sagte"])
    monkeypatch.setenv("LAGEBILD_CACHE_DIR", str(tmp_path / "cache"))
    on_disk = word_tags("lenkte", path=out)
    assert list((tmp_path / "cache" / "wordtags-db").glob("*.sqlite")), "the table is kept as a database"
    wordtags._table.cache_clear()
    word_tags.cache_clear()
    monkeypatch.setenv("LAGEBILD_CACHE_DIR", "off")  # no cache directory: the forms stay in memory
    assert word_tags("lenkte", path=out) == on_disk is not None
    assert word_tags("regierung", path=out) is None
    wordtags._table.cache_clear()
    word_tags.cache_clear()


def test_word_table_whose_database_disappears_is_read_from_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    from lagebild.language import wordtags

    out = tmp_path / "table.tsv.gz"
    build_word_tags(out, workers=1, forms=["lenkte"])
    monkeypatch.setenv("LAGEBILD_CACHE_DIR", str(tmp_path / "cache"))
    wordtags._table(out)  # builds the database
    for db in (tmp_path / "cache" / "wordtags-db").glob("*.sqlite"):
        db.unlink()  # removed behind the process's back (a cleaned cache, another user's file)
    with caplog.at_level(logging.WARNING):
        assert word_tags("lenkte", path=out) is not None
    assert "in memory" in caplog.text
    wordtags._table.cache_clear()
    word_tags.cache_clear()


def test_word_table_holds_every_word_of_hantas_lexicon() -> None:
    # Morphology.knows loads HanTa only for punctuation, numbers and single letters
    from lagebild.language.morphology import morphology

    lexicon_words = [w for w in morphology("de").tagger.cache if len(w) >= 2 and w.isalpha()]
    assert len(lexicon_words) > 20_000
    assert [w for w in lexicon_words if word_tags(w) is None] == []


def test_hanta_lexicon_tags_forms_exactly_as_hanta_without_loading_it() -> None:
    from lagebild.language.morphology import hanta_lexicon

    own = _hanta()
    lexicon = hanta_lexicon("de")
    forms = list(own.cache)[::40] + ["„", "–", "€", "»", "…", "|"]
    checked = 0
    for form in forms:
        for word in (form, form.capitalize(), form.upper()):
            if own.normalize(word) not in own.cache and word not in lexicon.symbols:
                assert lexicon.tag_word(word) is None, word  # outside the lexicon: HanTa searches
                continue
            for cased in (True, False):
                assert lexicon.tag_word(word, cased) == [
                    (t, float(p)) for t, p in own.tag_word(word, cutoff=5, casesensitive=cased)], word
                checked += 1
    assert checked > 1000
    assert lexicon.tag_word("Wort") is not None and lexicon.tag_word("Ⓐ") is None
