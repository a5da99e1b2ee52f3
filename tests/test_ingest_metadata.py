"""Metadata from the text: author bylines, datelines, genre cues, disclaimers, language."""

from __future__ import annotations

import re
from datetime import date

import pytest

from lagebild.ingest import document_from_text
from lagebild.ingest.genre import classify_genre
from lagebild.ingest.language import detect_language
from lagebild.ingest.metadata import (
    _any_of,
    disclaimer_kind,
    find_author,
    find_author_line,
    parse_header,
    strip_disclaimers,
)

BODY = (
    "Die Außenminister der Nato-Staaten haben in Riga über die Lage an der ukrainischen Grenze beraten. "
    "Das Bündnis will seine Präsenz im Osten verstärken, teilte ein Sprecher mit.\n\n"
    "Russland bestreitet, einen Angriff zu planen. Moskau fordert Garantien, dass die Ukraine nicht "
    "Mitglied der Nato wird."
)


@pytest.mark.parametrize("line, name, rule", [
    ("Von Anna Beispiel", "Anna Beispiel", "von_name"),
    ("von Hans-Peter Müller, Brüssel", "Hans-Peter Müller", "von_name"),
    ("Ein Kommentar von Jonas Weber", "Jonas Weber", "genre_von"),
    ("Eine Analyse von Maria von der Heide", "Maria von der Heide", "genre_von"),
    ("Es kommentiert: Karl Otto Brandt", "Karl Otto Brandt", "es_kommentiert"),
    ("Avatar_nordlicht von Petra Sommer", "Petra Sommer", "junk_byline"),
    ("By John Smith", "John Smith", "von_name"),
    ("Autorin: Eva Klein", "Eva Klein", "author_label"),
    ("Max Muster ist Moskau-Korrespondent der Zeitung.", "Max Muster", "bio_de"),
    ("Lena Graf ist Korrespondentin in Kiew und berichtet seit 2019 aus der Ukraine.", "Lena Graf", "bio_de"),
    ("Sam Jones is the paper's Moscow correspondent.", "Sam Jones", "bio_en"),
])
def test_ingest_author_bylines(line: str, name: str, rule: str) -> None:
    hit = find_author_line(line, "all")
    assert hit is not None and hit[0] == name and hit[1] == rule
    assert line[hit[3]:hit[4]] == name


@pytest.mark.parametrize("line", [
    "Ein Besuch von Olaf Scholz",  # a heading, not a byline
    "Von Montag an gelten neue Regeln",
    "Die Rede von Präsident Macron wurde mit Spannung erwartet, weil er neue Vorschläge angekündigt hatte.",
    "Von Berlin aus",
])
def test_ingest_author_not_from_ordinary_lines(line: str) -> None:
    assert find_author_line(line, "all") is None


def test_ingest_author_bio_only_at_the_end() -> None:
    text = "Max Muster ist Moskau-Korrespondent der Zeitung.\n\n" + "\n\n".join([BODY] * 6)
    assert find_author(text) is None
    text = "\n\n".join([BODY] * 6) + "\n\nMax Muster ist Moskau-Korrespondent der Zeitung."
    assert find_author(text).value == "Max Muster"  # type: ignore[union-attr]


@pytest.mark.parametrize("top, expected", [
    ("21. Januar 2022, 19:00 Uhr", date(2022, 1, 21)),
    ("Stand: 03.02.2022 14:12 Uhr", date(2022, 2, 3)),
    ("Jan 21, 2022", date(2022, 1, 21)),
    ("Updated 4 March 2022", date(2022, 3, 4)),
    ("KIEW, 21.01.2022 (dpa) - Die ukrainische Regierung hat am Morgen weitere Gespräche gefordert und dabei auf die Lage an der Grenze verwiesen.", date(2022, 1, 21)),
])
def test_ingest_dateline(top: str, expected: date) -> None:
    doc = document_from_text("Überschrift der Meldung\n\n" + top + "\n\n" + BODY)
    assert doc.meta.published == expected and doc.meta.published_source == "dateline"


def test_ingest_no_dateline_in_running_text() -> None:
    text = BODY + "\n\n" + "Das Abkommen wurde am 5. September 2014 in Minsk unterzeichnet, hielt aber nie lange und wurde mehrfach gebrochen, wie Beobachter der OSZE regelmäßig berichteten."
    doc = document_from_text(text)
    assert doc.meta.published is None and doc.meta.published_source is None


@pytest.mark.parametrize("text, genre", [
    ("Ein Kommentar von Jonas Weber\n\n" + BODY, "commentary"),
    ("Meinung\n\n" + BODY, "commentary"),
    (BODY + "\n\nEs kommentiert: Karl Otto Brandt\n\n" + BODY, "commentary"),
    ("Analyse: Warum Moskau auf Zeit spielt\n\n" + BODY, "analysis"),
    ("Das Interview führte Anna Beispiel\n\n" + BODY, "interview"),
    ("Opinion\n\n" + "The talks in Geneva ended without result.", "commentary"),
    (BODY, "report"),
])
def test_ingest_genre_label_cues(text: str, genre: str) -> None:
    assert classify_genre(text).genre == genre


def test_ingest_genre_chronicle_from_dated_headings() -> None:
    days = ["Montag, 7. Februar", "Dienstag, 8. Februar", "Mittwoch, 9. Februar"]
    text = "\n\n".join(f"+++ {d}: Gespräche gehen weiter +++\n\n{BODY}" for d in days)
    assert classify_genre(text).genre == "chronicle"
    plain = "\n\n".join(f"{d}\n\n{BODY}" for d in days)
    assert classify_genre(plain).genre == "chronicle"


def test_ingest_genre_interview_from_turns() -> None:
    turns = []
    for i in range(3):
        turns.append(f"Frage: Wie bewerten Sie die Gespräche in Runde {i + 1}?")
        turns.append("Weber: Sie waren schwierig, aber es gibt Bewegung bei der Rüstungskontrolle.")
    assert classify_genre("\n\n".join(turns)).genre == "interview"


def test_ingest_genre_analysis_from_bio() -> None:
    text = "\n\n".join([BODY] * 3) + "\n\nMax Muster ist Moskau-Korrespondent der Zeitung."
    assert classify_genre(text).genre == "analysis"


_ANALYTIC = (
    "Der Gipfel in Brüssel endete am Freitag ohne gemeinsame Erklärung. Die Regierung in Budapest "
    "blockierte erneut, wie ihr Sprecher mitteilte.\n\n"
    "Tatsächlich ist der Streit älter als der Krieg. Im Kern geht es um Geld aus dem Haushalt der Union, "
    "das vor allem für Infrastruktur gedacht war. Ob ein Kompromiss bis zum Sommer gelingt, ist offen.\n\n"
    "Die Lage bleibt schwierig, die Mehrheiten sind kaum noch zu organisieren."
)
_PLAIN = (
    "Der Gipfel in Brüssel endete am Freitag ohne gemeinsame Erklärung. Die Regierung in Budapest "
    "blockierte erneut, wie ihr Sprecher mitteilte.\n\nDie Minister wollen im Juni erneut beraten. "
    "Laut Diplomaten liegt ein neuer Entwurf vor. Die Sitzung dauerte sechs Stunden."
)


@pytest.mark.parametrize(("body", "genre"), [(_ANALYTIC, "analysis"), (_PLAIN, "report")])
def test_ingest_genre_analysis_from_analytic_voice(body: str, genre: str) -> None:
    text = "Streit um Hilfen: Ein Gipfel ohne Ergebnis\n\nVon Erika Beispiel\n\n" + body
    assert classify_genre(text).genre == genre


def test_ingest_genre_commentary_from_tone() -> None:
    opinion = (
        "Man muss es so deutlich sagen: Der Westen hätte früher handeln müssen. Doch statt Klarheit gab es "
        "allzu viel Zögern. Wäre die Abschreckung glaubwürdig gewesen, sähe die Lage heute anders aus. "
        "Wir sollten uns nichts vormachen. Es wäre naiv, auf schnelle Einsicht in Moskau zu hoffen. "
        "Immerhin reden die Beteiligten noch miteinander. Das ist schlicht das Gebot der Stunde."
    )
    assert classify_genre(opinion).genre == "commentary"


@pytest.mark.parametrize("disclaimer", [
    "Haftungsausschluss: Das Urheberrecht dieses Textes liegt beim Verfasser. Die Veröffentlichung hier dient nur der Information.",
    "Disclaimer: This article is republished for information purposes only; copyright remains with the original author.",
    "Dieser Artikel erschien zuerst bei der Beispielzeitung.",
])
def test_ingest_disclaimer_removed_and_flagged(disclaimer: str) -> None:
    doc = document_from_text(BODY + "\n\n" + disclaimer + "\nZweite Zeile des Hinweises.")
    assert "republication_disclaimer" in doc.meta.flags
    assert doc.text == BODY


def test_ingest_disclaimer_absent_leaves_text() -> None:
    text, hits = strip_disclaimers(BODY + "\n\nDer Haftungsausschluss in Verträgen war Thema.")
    assert hits == [] and text.endswith("Thema.")


def test_ingest_disclaimer_families_found_by_the_combined_prefilter() -> None:
    # "urheberrechtsverletzung" shows two families (rights and takedown) at one place
    para = "Bei einer Urheberrechtsverletzung wenden Sie sich an den ursprünglichen Autor."
    assert disclaimer_kind(para) == "original_author,rights,takedown"
    assert disclaimer_kind("Ein Absatz über das Wetter in Berlin.") is None


def test_ingest_any_of_tells_whether_some_pattern_matches() -> None:
    patterns = [re.compile(p, re.IGNORECASE) for p in [r"\bcopy", r"\b(a)\1x", "©", r"\bzeit"]]
    any_of = _any_of(patterns)
    # "İ" and "ı" match "i" in a case-insensitive pattern, though "İ".lower() is two characters
    for text in ["COPYRIGHT", "aax", "aa", "© 2024", "Zeitung", "Mahlzeit", "", "ZEİTUNG", "Zeıt", "Zelt"]:
        assert any_of(text) == any(p.search(text) for p in patterns), text


def test_ingest_parse_header_fields() -> None:
    fields, body = parse_header("TITLE: Ein Titel\nDATE: 21.01.2022\nLANGUAGE: Deutsch\nGENRE: Kommentar\n\nText.")
    assert fields == {"title": "Ein Titel", "published": "21.01.2022", "language": "Deutsch", "genre": "Kommentar"}
    assert body == "Text."
    doc = document_from_text("TITLE: Ein Titel\nDATE: 21.01.2022\nLANGUAGE: Deutsch\nGENRE: Kommentar\n\n" + BODY)
    assert (doc.meta.language, doc.meta.genre, doc.meta.published) == ("de", "commentary", date(2022, 1, 21))


def test_ingest_bad_header_date_is_a_warning() -> None:
    doc = document_from_text("DATE: irgendwann\n\n" + BODY)
    assert doc.meta.published is None and any("irgendwann" in w for w in doc.meta.warnings)


@pytest.mark.parametrize("text, lang", [
    (BODY, "de"),
    ("Russia and Ukraine agreed on Friday to open grain export corridors through the Black Sea, officials said.", "en"),
])
def test_ingest_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang
    assert document_from_text(text).meta.language == lang


@pytest.mark.parametrize("top", [
    "Am 24. Februar 2022 begann der Angriff.",
    "Seit dem 21.02.2022 gilt die Anerkennung der Gebiete durch Moskau.",
])
def test_ingest_short_sentence_with_date_is_no_dateline(top: str) -> None:
    doc = document_from_text(top + "\n\n" + BODY)
    assert doc.meta.published is None


def test_ingest_byline_and_date_on_one_line() -> None:
    doc = document_from_text("Von Anna Beispiel | 21.01.2022, 19:00 Uhr\n\n" + BODY)
    assert doc.meta.published == date(2022, 1, 21) and doc.meta.author == "Anna Beispiel"


def test_ingest_genre_labelled_lines_without_questions_not_interview() -> None:
    lines = [f"{city}: Die Lage ist nach Angaben der Behörden ruhig geblieben." for city in
             ("Berlin", "Moskau", "Kiew", "Warschau", "Paris")]
    assert classify_genre("\n\n".join(lines)).genre != "interview"


@pytest.mark.parametrize("text, title", [
    ("Gespräche in Genf ohne Ergebnis\n\n" + BODY, "Gespräche in Genf ohne Ergebnis"),
    ("Berlin, 11. Februar 2022, 08:15 Uhr\n\nNeun Stunden ohne Ergebnis\n\n" + BODY, "Neun Stunden ohne Ergebnis"),
    (BODY, None),  # the first line is a sentence
])
def test_ingest_title_from_first_lines(text: str, title: str | None) -> None:
    assert document_from_text(text).meta.title == title


def test_ingest_unlabelled_disclaimer_with_three_cue_families() -> None:
    notice = ("Die Rechte an diesem Beitrag liegen beim ursprünglichen Verfasser; bei einer "
              "Rechtsverletzung entfernen wir ihn.")
    doc = document_from_text(BODY + "\n\n" + notice)
    assert doc.text == BODY and doc.meta.flags == ["republication_disclaimer"]


def test_ingest_copyright_in_article_body_is_kept() -> None:
    middle = "Der Streit um das Urheberrecht an den Aufnahmen beschäftigt die Gerichte seit Jahren."
    paras = [BODY] * 3 + [middle] + [BODY] * 4
    doc = document_from_text("\n\n".join(paras))
    assert middle in doc.text and not doc.meta.flags


@pytest.mark.parametrize("line, name", [
    ("Ein Kommentar von Jonas Weber, Berlin", "Jonas Weber"),
    ("Von Anna Beispiel und Max Muster", "Anna Beispiel und Max Muster"),
    ("Lena Graf berichtet für die Zeitung aus Kiew.", "Lena Graf"),
])
def test_ingest_author_more_bylines(line: str, name: str) -> None:
    hit = find_author_line(line, "all")
    assert hit is not None and hit[0] == name


def test_ingest_genre_teaser_label_at_the_end_ignored() -> None:
    text = "\n\n".join([BODY] * 4) + "\n\nMehr zum Thema\n\nKommentar: Warum die Nato jetzt handeln muss"
    assert classify_genre(text).genre == "report"


def test_ingest_author_upper_case_byline() -> None:
    hit = find_author_line("VON ANNA BEISPIEL", "top")
    assert hit is not None and hit[0] == "Anna Beispiel"


def test_long_text_with_clear_function_word_majority_is_decided_without_lingua() -> None:
    import subprocess
    import sys

    code = ("from lagebild.ingest import language as L\n"
            "text = ('Die Regierung in Berlin hat am Montag erklärt, dass sie die Gespräche mit der '"
            "'Ukraine und den Partnern in der EU fortsetzen will, weil es keine Alternative gebe. ') * 3\n"
            "print(L.detect_language(text), L._detector.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["de", "0"]


def test_text_with_few_letters_is_decided_by_the_vote_without_lingua() -> None:
    # 120 characters or more, but under 120 letters: lingua would load every n-gram model for it
    import subprocess
    import sys

    text = ("Gipfel 2025: 27 EU-Staaten (Mittwoch, 12.03.) - Genf, Br\u00fcssel, Kiew: 3:2, 1:0, 4:4 ... "
            "und dann? Vertagung bis 01.04.2025; Sanktionen gegen Moskau, 19:30 Uhr.")
    assert len(text) >= 120 > sum(c.isalpha() for c in text)
    code = ("from lagebild.ingest import language as L\n"
            f"print(L.detect_language({text!r}), L._detector.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["de", "0"]


def test_long_text_without_clear_majority_goes_to_lingua() -> None:
    from lagebild.ingest.language import detect_language, majority_language

    mixed = ("The talks in Geneva ended without a deal, the minister said on Monday. " * 2
             + "Die Gespräche in Genf endeten ohne Einigung, sagte der Minister am Montag. " * 2)
    assert majority_language(mixed) is None
    assert detect_language(mixed) in {"de", "en"}
    english = "The talks in Geneva ended without a deal, and the ministers said that they would meet again. " * 3
    assert majority_language(english) == "en"
