"""Time expressions found and normalised: German and English, hand-built sentences."""

from __future__ import annotations

import pytest
from test_time_helpers import find, run_time

# (text, published, expression, type, value); 2025-08-19 is a Tuesday, 2022-01-21 a Friday
GERMAN = [
    ("Der Vertrag wurde am 21. Januar 2022 unterzeichnet.", "2025-08-19", "21. Januar 2022", "date", "2022-01-21"),
    ("Die Frist endete am 21.01.2022 um Mitternacht.", "2025-08-19", "21.01.2022", "date", "2022-01-21"),
    ("Die Note ging am 3. Feb. 2022 in Moskau ein.", "2025-08-19", "3. Feb. 2022", "date", "2022-02-03"),
    ("Der Gipfel in Helsinki fand am 16. Sept. 2018 statt.", "2025-08-19", "16. Sept. 2018", "date", "2018-09-16"),
    ("Im Januar 2022 stiegen die Gaspreise.", "2025-08-19", "Januar 2022", "date", "2022-01"),
    ("Die Stadt wurde im Jahr 1654 gegründet.", "2025-08-19", "im Jahr 1654", "date", "1654"),
    ("Er arbeitet seit 2017 als Korrespondent in Moskau.", "2025-08-19", "seit 2017", "date", "2017"),
    ("Die Anschläge von 9/11 veränderten die Nato.", "2025-08-19", "9/11", "date", "2001-09-11"),
    ("Die Sitzung beginnt um 19:00 Uhr im Kanzleramt.", "2025-08-19", "19:00 Uhr", "time", "2025-08-19T19:00"),
    ("Die Frist endet heute um Mitternacht.", "2025-08-19", "um Mitternacht", "time", "2025-08-19T24:00"),
    ("Die Minister trafen sich um 19 Uhr in Genf.", "2022-01-21", "um 19 Uhr", "time", "2022-01-21T19:00"),
    ("Der Präsident reiste am Montag nach Paris.", "2025-08-19", "am Montag", "date", "2025-08-18"),
    ("Vergangenen Freitag telefonierten die beiden.", "2025-08-19", "Vergangenen Freitag", "date", "2025-08-15"),
    ("Am vergangenen Freitag landete er in Alaska.", "2025-08-19", "Am vergangenen Freitag", "date", "2025-08-15"),
    ("Am kommenden Freitag wird der Rat tagen.", "2025-08-19", "Am kommenden Freitag", "date", "2025-08-22"),
    ("Am Donnerstag wird die Delegation erwartet.", "2025-08-19", "Am Donnerstag", "date", "2025-08-21"),
    ("Heute beraten die Außenminister in Brüssel.", "2025-08-19", "Heute", "date", "2025-08-19"),
    ("Gestern hatte die Regierung neue Hilfen angekündigt.", "2025-08-19", "Gestern", "date", "2025-08-18"),
    ("Morgen reist die Kanzlerin nach Warschau.", "2025-08-19", "Morgen", "date", "2025-08-20"),
    ("Der Minister war am Vortag in Kiew gewesen.", "2025-08-19", "am Vortag", "date", "2025-08-18"),
    ("Die Regierung trat tags darauf zurück.", "2025-08-19", "tags darauf", "date", "2025-08-20"),
    ("In dieser Woche tagt der Sicherheitsrat.", "2022-01-21", "In dieser Woche", "date", "2022-W03"),
    ("Diese Woche ist entscheidend.", "2022-01-21", "Diese Woche", "date", "2022-W03"),
    ("Kommende Woche soll weiter verhandelt werden.", "2022-01-21", "Kommende Woche", "date", "2022-W04"),
    ("Eine Antwort wird in der nächsten Woche erwartet.", "2022-01-21", "in der nächsten Woche", "date",
     "2022-W04"),
    ("Vergangene Woche scheiterte die Abstimmung.", "2022-01-21", "Vergangene Woche", "date", "2022-W02"),
    ("Anfang Februar soll die Konferenz stattfinden.", "2022-01-21", "Anfang Februar", "date", "2022-02"),
    ("Das Parlament stimmt Ende der Woche ab.", "2022-01-21", "Ende der Woche", "date", "2022-W03"),
    ("In diesem Jahr fielen die Hilfen geringer aus.", "2025-12-16", "In diesem Jahr", "date", "2025"),
    ("Im vergangenen Jahr sank die Produktion.", "2025-12-16", "Im vergangenen Jahr", "date", "2024"),
    ("Im Sommer 1942 erreichte die Front den Kaukasus.", "2011-02-16", "Sommer 1942", "date", "1942-SU"),
    ("Im 19. Jahrhundert wuchs die Stadt stark.", "2025-08-19", "19. Jahrhundert", "date", "18"),
    ("In den 1990er Jahren zerfiel die Union.", "2025-08-19", "1990er Jahren", "date", "199"),
    ("Mitte 2023 begann die Offensive.", "2025-08-19", "Mitte 2023", "date", "2023"),
    ("Der Krieg begann vor dreieinhalb Jahren.", "2025-08-19", "vor dreieinhalb Jahren", "date", "2022-02"),
    ("Vor drei Jahren war das undenkbar.", "2025-08-19", "Vor drei Jahren", "date", "2022"),
    ("Vor zwei Wochen wurde der Plan vorgestellt.", "2025-08-19", "Vor zwei Wochen", "date", "2025-W32"),
    ("In zwei Wochen soll ein Gipfel folgen.", "2025-08-19", "In zwei Wochen", "date", "2025-09-02"),
    ("Die Regierung ist seit 30 Jahren im Amt.", "2025-08-19", "seit 30 Jahren", "duration", "P30Y"),
    ("Die Gespräche laufen seit nunmehr zwei Wochen.", "2025-08-19", "seit nunmehr zwei Wochen", "duration",
     "P2W"),
    ("Die Sitzung dauerte fünf Stunden.", "2025-08-19", "fünf Stunden", "duration", "PT5H"),
    ("Das Telefonat dauerte 40 Minuten.", "2025-08-19", "40 Minuten", "duration", "PT40M"),
    ("Nach einer knapp zweistündigen Debatte stimmte der Rat ab.", "2025-08-19", "knapp zweistündigen",
     "duration", "PT2H"),
    ("Eine 30-tägige Waffenruhe wurde vereinbart.", "2025-08-19", "30-tägige", "duration", "P30D"),
    ("Die Besatzung dauerte dreieinhalb Jahre.", "2025-08-19", "dreieinhalb Jahre", "duration", "P3Y6M"),
    ("Er saß neun Jahre im Gefängnis.", "2025-08-19", "neun Jahre", "duration", "P9Y"),
    ("Die Truppen müssen innerhalb von 24 Stunden abziehen.", "2025-08-19", "innerhalb von 24 Stunden",
     "duration", "PT24H"),
    ("Die ersten sieben Monate seiner Amtszeit waren turbulent.", "2025-08-19", "ersten sieben Monate",
     "duration", "P7M"),
    ("In den letzten zwei Jahren stiegen die Preise.", "2025-08-19", "In den letzten zwei Jahren", "duration",
     "P2Y"),
    ("In den kommenden zehn Tagen sollen Gespräche folgen.", "2025-08-19", "In den kommenden zehn Tagen",
     "duration", "P10D"),
    ("Innerhalb der nächsten zwei Wochen soll ein Treffen stattfinden.", "2025-08-19",
     "Innerhalb der nächsten zwei Wochen", "duration", "P2W"),
    ("Anderthalb Jahre lang wurde verhandelt.", "2025-08-19", "Anderthalb Jahre lang", "duration", "P1Y6M"),
    ("Der Verband erhält monatlich neue Mittel.", "2025-08-19", "monatlich", "set", "P1M"),
    ("Die Armee verliert pro Tag zahlreiche Fahrzeuge.", "2025-08-19", "pro Tag", "set", "P1D"),
    ("Die Lage wird täglich neu bewertet.", "2025-08-19", "täglich", "set", "P1D"),
    ("Der Bericht erscheint wöchentlich.", "2025-08-19", "wöchentlich", "set", "P1W"),
    ("Die Beiträge werden jährlich angepasst.", "2025-08-19", "jährlich", "set", "P1Y"),
    ("Er begann seine Laufbahn 1972 im Außenministerium.", "2025-08-19", "1972", "date", "1972"),
    ("Von 1939 bis 1945 dauerte der Krieg.", "2025-08-19", "1939", "date", "1939"),
    ("Der Angriff erfolgte am 1. September 1939 um 4:45 Uhr.", "2011-02-16", "4:45 Uhr", "time",
     "1939-09-01T04:45"),
    ("Im Winter 1916/1917 hungerte die Stadt.", "2011-02-16", "1917", "date", "1917"),
    ("Die Schlacht fand 490 v. Chr. statt.", "2011-02-16", "490 v. Chr.", "date", "BC0490"),
]

ENGLISH = [
    ("The summit took place on January 21, 2022 in Geneva.", "2025-08-19", "January 21, 2022", "date", "2022-01-21"),
    ("The treaty was signed on 21 January 2022.", "2025-08-19", "21 January 2022", "date", "2022-01-21"),
    ("The president spoke on Monday.", "2025-08-19", "on Monday", "date", "2025-08-18"),
    ("Last Friday he flew to Alaska.", "2025-08-19", "Last Friday", "date", "2025-08-15"),
    ("He had arrived the day before.", "2025-08-19", "the day before", "date", "2025-08-18"),
    ("The war began three and a half years ago.", "2025-08-19", "three and a half years ago", "date", "2022-02"),
    ("Talks will continue in the next ten days.", "2025-08-19", "in the next ten days", "duration", "P10D"),
    ("The alliance has existed for 30 years.", "2025-08-19", "for 30 years", "duration", "P30Y"),
    ("Aid is paid monthly.", "2025-08-19", "monthly", "set", "P1M"),
    ("The army loses dozens of vehicles per day.", "2025-08-19", "per day", "set", "P1D"),
    ("Yesterday the council voted.", "2025-08-19", "Yesterday", "date", "2025-08-18"),
    ("Next week the ministers meet again.", "2025-08-19", "Next week", "date", "2025-W35"),
    ("In March 2014 Russia annexed Crimea.", "2025-08-19", "March 2014", "date", "2014-03"),
]


@pytest.mark.parametrize(("text", "published", "surface", "ttype", "value"), GERMAN)
def test_time_patterns_german(text: str, published: str, surface: str, ttype: str, value: str) -> None:
    doc = run_time(text, published)
    t = find(doc, surface)
    assert t is not None, f"nothing found for {surface!r}"
    assert (t.type, t.value) == (ttype, value)
    assert doc.text[t.start:t.end] == t.text
    assert t.component == "time" and t.rule and 0 < t.confidence <= 1


@pytest.mark.parametrize(("text", "published", "surface", "ttype", "value"), ENGLISH)
def test_time_patterns_english(text: str, published: str, surface: str, ttype: str, value: str) -> None:
    doc = run_time(text, published, language="en")
    t = find(doc, surface)
    assert t is not None, f"nothing found for {surface!r}"
    assert (t.type, t.value) == (ttype, value)


@pytest.mark.parametrize(("text", "surface", "end"), [
    ("In den kommenden zehn Tagen sollen Garantien vorliegen.", "kommenden zehn Tagen", "2025-08-29"),
    ("Innerhalb der nächsten zwei Wochen soll ein Treffen stattfinden.", "nächsten zwei Wochen", "2025-09-02"),
    ("Die Truppen müssen innerhalb von 24 Stunden abziehen.", "24 Stunden", "2025-08-20"),
    ("Binnen einer Woche soll die Antwort kommen.", "einer Woche", "2025-08-26"),
])
def test_time_patterns_window_end(text: str, surface: str, end: str) -> None:
    t = find(run_time(text, "2025-08-19"), surface)
    assert t is not None and t.type == "duration"
    assert t.window_end == end
    assert t.anchor == "2025-08-19"


@pytest.mark.parametrize("text", [
    "Friedrich Merz traf den Präsidenten in Berlin.",
    "Die Regierung will mit den Partnern so rasch wie möglich reden.",
    "Die Armee setzte 5000 Drohnen ein.",
    "Mehr als 1000 Drohnen wurden abgeschossen.",
    "An der Grenze stehen 100.000 Soldaten.",
    "Derzeit ist die Lage ruhig, aktuell gibt es keine Angriffe.",
    "Jetzt muss gehandelt werden, nun ist die Zeit.",
    "Die Welt am Sonntag berichtete über den Plan.",
    "Er kam am Morgen des Vortags nicht, sagte August Müller.",
])
def test_time_patterns_no_false_positives(text: str) -> None:
    doc = run_time(text, "2025-08-19")
    bad = [t.text for t in doc.timexes if t.text in ("Merz", "die", "mit", "so", "5000", "1000", "100.000",
                                                    "Derzeit", "aktuell", "Jetzt", "nun", "Sonntag",
                                                    "am Sonntag", "August")]
    assert bad == []


def test_time_patterns_figures_are_not_years() -> None:
    doc = run_time("Die Nato verlegte 2000 Soldaten und 1500 Fahrzeuge.", "2025-08-19")
    assert doc.timexes == []


@pytest.mark.parametrize("language", ["de", "en"])
def test_time_patterns_trigger_windows_match_full_scan(language: str) -> None:
    from lagebild.time.patterns import find_candidates

    text = " ".join(t for t, *_ in (GERMAN if language == "de" else ENGLISH))
    fast = [(c.start, c.end, c.rule) for c in find_candidates(text, language)]
    full = [(c.start, c.end, c.rule) for c in find_candidates(text, language, full_scan=True)]
    assert fast == full


def _values(text: str, language: str = "de") -> list[tuple[str, str]]:
    doc = run_time(text, "2024-03-18", language)
    return [(t.text, t.value) for t in doc.timexes]


@pytest.mark.parametrize(("text", "language"), [
    ("Berlin lieferte vier Panzerhaubitzen 2000 an Kiew.", "de"),
    ("Das Heer erhielt weitere Leopard 2000 nicht.", "de"),
    ("The air force ordered new Typhoon 2020 jets.", "en"),
])
def test_time_patterns_product_designation_is_not_a_year(text: str, language: str) -> None:
    assert _values(text, language) == []


@pytest.mark.parametrize(("text", "value"), [
    ("Die Wahl 2024 verlief ohne Zwischenfälle.", "2024"),
    ("Im Jahr 2000 wurde er Präsident.", "2000"),
])
def test_time_patterns_years_after_ordinary_nouns_stay(text: str, value: str) -> None:
    assert [v for _, v in _values(text)] == [value]


def test_time_patterns_season_genitive_with_es() -> None:
    assert _values("Die Lage des Frühjahres 1917 blieb angespannt.") == [("des Frühjahres 1917", "1917-SP")]


_GATE_TEXTS = {
    "de": [t for t, *_ in GERMAN] + [
        "Am 3. bis 5. März 2014 und vom 12.03.2008 bis 2010-04-01 tagte man um 14.30 Uhr.",
        "Im 19. Jahrhundert, in den 1990er Jahren und 1870/71 kam es am 4. zu Kämpfen.",
        "Vor drei Jahren, in zwei Wochen, drei Tage später, Ende der Woche, im selben Jahr.",
    ],
    "en": [t for t, *_ in ENGLISH] + [
        "On 3rd of March 2014, on March 5, 2014 and on 2010-04-01 they met at 5 p.m. and at 10:30.",
        "In the 19th century and in the 1990s and the '80s, three years ago, in two weeks.",
        "Three days later, at the end of the week, at 7pm local time.",
    ],
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_time_patterns_every_match_holds_its_gate(language: str) -> None:
    """A rule's gate must match within each of its matches (and the text its lookarounds read):
    a window without the gate is skipped."""
    from lagebild.time.patterns import rules_for

    for rule in rules_for(language):
        gate = rule.gate_regex
        if gate is None:
            continue
        for text in _GATE_TEXTS[language]:
            for m in rule.regex.finditer(text):
                found = gate.search(text, m.start(), min(len(text), m.end() + 40))
                assert found is not None and found.start() < max(m.end(), m.start() + 1), (rule.name, m.group())


@pytest.mark.parametrize(("text", "exact"), [
    ("Der 12-tägige Streik endete 9/11 Tage später, am Montagabend des 3. MAI 2020.", True),
    ("Am 3. Mai 2020 fiel in İstanbul Regen.", False),  # "İ" lower-cases to two characters
    ("Die 2²-Regel galt ab 12. Mai 2021.", False),  # "²" is a digit but not a decimal digit
])
def test_time_patterns_trigger_tokens_as_the_word_loop(text: str, exact: bool) -> None:
    """The automaton finds the tokens that a look-up of every word finds, or declines the text."""
    from lagebild.time.lexicon import load_lexicon
    from lagebild.time.patterns import _TOKEN, _trigger_lookup, _trigger_tokens, find_candidates

    stems = tuple(load_lexicon("de").adjective_units)
    found = _trigger_tokens(text, "de", stems)
    assert (found is not None) == exact
    rules_of = _trigger_lookup("de", stems)
    every = [m.span() for m in _TOKEN.finditer(text) if rules_of(m.group())]
    if found is not None:
        assert [span for span in found if rules_of(text[span[0]:span[1]])] == every
    assert find_candidates(text, "de", full_scan=True) == find_candidates(text, "de")
