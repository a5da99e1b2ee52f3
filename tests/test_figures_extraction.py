"""Figures found in hand-written German and English sentences (own wording, real public facts)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from lagebild.document import Figure
from lagebild.figures.component import FigureFinder, extract_figures, load_units

LEX = load_units()


def figs(text: str, language: str = "de") -> list[Figure]:
    found = extract_figures(text, language, LEX)
    for f in found:
        assert text[f.start:f.end] == f.text
        assert f.component == "figures" and f.rule and 0 < f.confidence <= 1
    return found


def one(text: str, language: str = "de") -> Figure:
    found = figs(text, language)
    assert len(found) == 1, [(f.text, f.value, f.unit) for f in found]
    return found[0]


# (sentence, expected span, value, unit)
GERMAN = [
    ("Moskau zog 130.000 Soldaten an der Grenze zusammen.", "130.000 Soldaten", 130000, "soldier"),
    ("Die Nato verlegte 5000 zusätzliche Soldaten nach Osten.", "5000 zusätzliche Soldaten", 5000, "soldier"),
    ("Kiew meldete 1,5 Millionen Binnenvertriebene.", "1,5 Millionen Binnenvertriebene", 1.5e6, "refugee"),
    ("Washington kündigte 350 Millionen Dollar Militärhilfe an.", "350 Millionen Dollar", 350e6, "usd"),
    ("Die EU stellt 50 Mrd. Euro bereit.", "50 Mrd. Euro", 50e9, "eur"),
    ("Es geht um 2 Mio. US-Dollar.", "2 Mio. US-Dollar", 2e6, "usd"),
    ("Der Fonds umfasst 300 Milliarden Rubel.", "300 Milliarden Rubel", 300e9, "rub"),
    ("Die Ukraine zahlt 40 Milliarden Hrywnja.", "40 Milliarden Hrywnja", 40e9, "uah"),
    ("London gibt 2,3 Milliarden Pfund.", "2,3 Milliarden Pfund", 2.3e9, "gbp"),
    ("Die Rüstungsausgaben stiegen um 24 Prozent.", "24 Prozent", 24, "percent"),
    ("Die Inflation lag bei 8,5 %.", "8,5 %", 8.5, "percent"),
    ("Beim Austausch kamen 390 Kriegsgefangene frei.", "390 Kriegsgefangene", 390, "prisoner"),
    ("In Istanbul sprachen zwei Delegationen miteinander.", "zwei Delegationen", 2, "delegation"),
    ("Die Ukraine bekam 31 Kampfpanzer vom Typ Abrams.", "31 Kampfpanzer", 31, "tank"),
    ("Norwegen sagte zwölf neue Kampfjets zu.", "zwölf neue Kampfjets", 12, "aircraft"),
    ("Mehr als 90 Staaten kamen auf den Bürgenstock.", "Mehr als 90 Staaten", 90, "country"),
    ("Die Getreideschiffe brachten 33 Millionen Tonnen Getreide aus dem Land.",
     "33 Millionen Tonnen", 33e6, "tonne"),
    ("Die Front ist rund 1000 Kilometer lang.", "rund 1000 Kilometer", 1000, "kilometer"),
    ("Dreieinhalb Millionen Menschen verließen das Land.", "Dreieinhalb Millionen Menschen", 3.5e6, "person"),
    ("Anderthalb Milliarden Euro flossen in die Energieversorgung.", "Anderthalb Milliarden Euro", 1.5e9, "eur"),
    ("Hunderttausend Reservisten wurden einberufen.", "Hunderttausend Reservisten", 100000, "soldier"),
    ("Russland schickte zwei Dutzend Kampfflugzeuge.", "zwei Dutzend Kampfflugzeuge", 24, "aircraft"),
    ("Eine halbe Million Haushalte war ohne Strom.", "Eine halbe Million Haushalte", 500000, "household"),
    ("Drei der größten Banken des Landes fielen aus.", "Drei der größten Banken", 3, "bank"),
    ("Die Regierung brachte vier Gesetzentwürfe ein.", "vier Gesetzentwürfe", 4, "bill"),
    ("Am Abend trafen zwanzig eilig gecharterte Maschinen ein.", "zwanzig eilig gecharterte Maschinen", 20,
     "aircraft"),
    ("Sie beobachteten 60.000 entlang der Grenze zu Belarus zusammengezogene Soldaten.",
     "60.000 entlang der Grenze zu Belarus zusammengezogene Soldaten", 60000, "soldier"),
    ("Der Angriff galt 150 iranischen Drohnen und Marschflugkörpern.",
     "150 iranischen Drohnen", 150, "drone"),
    ("Sechs Europäer saßen im Oval Office am Tisch.", "Sechs Europäer", 6, "leader"),
    ("Der Plan sieht eine Armee von 600.000 Mann vor.", "600.000 Mann", 600000, "soldier"),
    ("Die Gespräche führten zu einem 28-Punkte-Plan.", "28-Punkte-Plan", 28, "point"),
    ("Mehr als 50 Staats- und Regierungschefs reisten an.", "Mehr als 50 Staats- und Regierungschefs", 50,
     "leader"),
]


@pytest.mark.parametrize(("text", "span", "value", "unit"), GERMAN)
def test_figures_german_patterns(text: str, span: str, value: float, unit: str) -> None:
    found = [f for f in figs(text) if f.text == span]
    assert found, [(f.text, f.value, f.unit) for f in figs(text)]
    assert found[0].value == pytest.approx(value, rel=1e-6)
    assert found[0].unit == unit


def test_figures_coordinated_nouns_of_one_unit_share_the_span() -> None:
    f = one("Nachts kamen 90 ballistische Raketen und Marschflugkörper.")
    assert f.text == "90 ballistische Raketen und Marschflugkörper" and f.unit == "missile"


# (sentence, language, span, qualifier)
QUALIFIERS = [
    ("Rund 40.000 Menschen flohen.", "de", "Rund 40.000 Menschen", "about"),
    ("Etwa 70 Drohnen wurden abgeschossen.", "de", "Etwa 70 Drohnen", "about"),
    ("Ca. 300 Panzer standen bereit.", "de", "Ca. 300 Panzer", "about"),
    ("Knapp 2000 Soldaten kehrten zurück.", "de", "Knapp 2000 Soldaten", "almost"),
    ("Fast 600.000 Haushalte waren ohne Strom.", "de", "Fast 600.000 Haushalte", "almost"),
    ("Beinahe 100 Raketen schlugen ein.", "de", "Beinahe 100 Raketen", "almost"),
    ("Die Drohnen fliegen bis zu 2000 Kilometer weit.", "de", "bis zu 2000 Kilometer", "up_to"),
    ("Mehr als 8000 Zivilisten wurden getötet.", "de", "Mehr als 8000 Zivilisten", "more_than"),
    ("Über 30 Staaten unterstützen den Plan.", "de", "Über 30 Staaten", "more_than"),
    ("Mindestens 14 Tote meldeten die Behörden.", "de", "Mindestens 14 Tote", "at_least"),
    ("Weniger als 200 Gefangene kamen frei.", "de", "Weniger als 200 Gefangene", "less_than"),
    ("More than 100,000 Russian troops massed at the border.", "en", "More than 100,000 Russian troops",
     "more_than"),
    ("Nearly 300,000 households lost power.", "en", "Nearly 300,000 households", "almost"),
    ("Up to 700 drones were launched.", "en", "Up to 700 drones", "up_to"),
    ("Some 5,000 long-range drones hit the country.", "en", "Some 5,000 long-range drones", "about"),
    ("At least 12 civilians died.", "en", "At least 12 civilians", "at_least"),
]


@pytest.mark.parametrize(("text", "language", "span", "qualifier"), QUALIFIERS)
def test_figures_approximations(text: str, language: str, span: str, qualifier: str) -> None:
    f = one(text, language)
    assert (f.text, f.qualifier, f.approximate) == (span, qualifier, True)


def test_figures_exact_amounts_are_not_approximate() -> None:
    f = one("Die Ukraine erhielt 18 Haubitzen.")
    assert f.approximate is False and f.qualifier is None


def test_figures_plural_quantifiers_are_approximate_when_enabled() -> None:
    # vague plurals are not emitted by default (units.yaml vague_plurals.emit: false, no gold counts them)
    assert figs("Dutzende Drohnen trafen die Hauptstadt.") == []
    lex = replace(load_units(), emit_vague_plurals=True)
    f = FigureFinder(lex, "de").find("Dutzende Drohnen trafen die Hauptstadt.")[0]
    assert f.approximate and f.unit == "drone" and f.value == 24
    g = FigureFinder(lex, "de").find("Tausende Menschen demonstrierten.")[0]
    assert g.approximate and g.unit == "person"


@pytest.mark.parametrize(("text", "language", "rate"), [
    ("Russland setzt bis zu 800 Drohnen pro Tag ein.", "de", "P1D"),
    ("Die Armee verschießt täglich 10.000 Granaten.", "de", "P1D"),
    ("Moskau verdient monatlich 15 Milliarden Dollar mit Öl.", "de", "P1M"),
    ("Kiew braucht 40 Milliarden Euro pro Jahr.", "de", "P1Y"),
    ("Die Hilfe beträgt jährlich 5 Milliarden Euro.", "de", "P1Y"),
    ("Russia fires up to 500 drones a day.", "en", "P1D"),
    ("Ukraine needs $3 billion per month.", "en", "P1M"),
])
def test_figures_rates(text: str, language: str, rate: str) -> None:
    assert one(text, language).rate == rate


def test_figures_coordinated_figures_share_a_leading_rate() -> None:
    found = figs("Der Gegner feuert monatlich 4000 Drohnen und 150 Raketen ab.")
    assert [f.rate for f in found] == ["P1M", "P1M"]


def test_figures_conversion_in_brackets_is_linked() -> None:
    found = figs("Die USA gaben 1 Milliarde Dollar (rund 920 Millionen Euro) frei.")
    assert [(f.text, f.unit) for f in found] == [("1 Milliarde Dollar", "usd"), ("rund 920 Millionen Euro", "eur")]
    assert found[0].same_as == 1 and found[1].same_as == 0


def test_figures_no_link_between_unrelated_amounts() -> None:
    found = figs("Die USA gaben 1 Milliarde Dollar, die EU gab später 2 Milliarden Euro.")
    assert len(found) == 2 and all(f.same_as is None for f in found)


ENGLISH = [
    ("The Pentagon announced a $400 million package.", "$400 million", 400e6, "usd"),
    ("The EU agreed a €50bn facility.", "€50bn", 50e9, "eur"),
    ("Kyiv asked for 2,000 more air defence missiles.", "2,000 more air defence missiles", 2000, "missile"),
    ("Russia kept 190,000 troops near Ukraine.", "190,000 troops", 190000, "soldier"),
    ("Two hundred thousand people fled in a week.", "Two hundred thousand people", 200000, "person"),
    ("One and a half million refugees reached Poland.", "One and a half million refugees", 1.5e6, "refugee"),
    ("A dozen tanks crossed the river.", "A dozen tanks", 12, "tank"),
    ("Two of the largest banks were hit by a cyberattack.", "Two of the largest banks", 2, "bank"),
    ("Eight European leaders flew to Washington.", "Eight European leaders", 8, "leader"),
    ("Inflation rose to 7.5 per cent.", "7.5 per cent", 7.5, "percent"),
    ("The grain corridor moved 33 million tonnes of food.", "33 million tonnes", 33e6, "tonne"),
    ("Russia lost 15 helicopters.", "15 helicopters", 15, "helicopter"),
]


@pytest.mark.parametrize(("text", "span", "value", "unit"), ENGLISH)
def test_figures_english_patterns(text: str, span: str, value: float, unit: str) -> None:
    found = [f for f in figs(text, "en") if f.text == span]
    assert found, [(f.text, f.value, f.unit) for f in figs(text, "en")]
    assert found[0].value == pytest.approx(value, rel=1e-6) and found[0].unit == unit


def test_figures_english_conversion() -> None:
    found = figs("Washington pledged $200 million (about €180 million) in aid.", "en")
    assert [f.unit for f in found] == ["usd", "eur"] and found[1].same_as == 0


# sentences that hold numbers but no figure
NEGATIVE_DE = [
    "Am 21. Januar 2022 trafen sich die Minister in Genf.",
    "Lawrow ist seit 2004 Außenminister.",
    "Die Ukraine wurde im Jahr 1991 unabhängig.",
    "Die Pressekonferenz begann um 19:00 Uhr.",
    "Seit 30 Jahren wird darüber gestritten.",
    "Die Verhandlungen dauerten zehn Tage und das Telefonat 90 Minuten.",
    "Innerhalb von 48 Stunden sollte eine Antwort kommen.",
    "Die Waffenruhe soll 30 Tage halten.",
    "Artikel 5 des Nordatlantikvertrags gilt nur für Mitglieder.",
    "Eine Artikel-5-ähnliche Garantie wurde diskutiert.",
    "Nach 9/11 rief die Nato den Bündnisfall aus.",
    "Die G7 und die G20 berieten über Nord Stream 2.",
    "Die Niederlande liefern F-16 an Kiew.",
    "Scholz sprach vom ersten Schritt in der zweiten Runde.",
    "Ein Vertreter sagte, einer der Punkte sei offen.",
    "Die beiden Präsidenten trafen sich in Anchorage.",
    "Bei Fragen wählen Sie 030 2270 0 oder +49 30 18 272 0.",
    "Die Resolution 2202 bestätigte das Minsker Abkommen.",
    "Vor dreieinhalb Jahren begann der Krieg.",
    "Er war 1972 in den diplomatischen Dienst eingetreten.",
    "Der 69-Jährige reiste am 15. Februar nach Moskau.",
    "Die Zahl stieg auf 500.",
]


@pytest.mark.parametrize("text", NEGATIVE_DE)
def test_figures_german_negatives(text: str) -> None:
    assert figs(text) == []


NEGATIVE_EN = [
    "On 24 February 2022 Russian forces crossed the border.",
    "In 2014 Russian troops seized Crimea.",
    "The call lasted 90 minutes and talks went on for 12 hours.",
    "Article 5 applies only to NATO members.",
    "The G7 met after 9/11 was mentioned; F-16 jets arrived.",
    "Talks resumed at 10:30 in Istanbul.",
    "One official said it was a first step.",
    "For the second time, leaders of both sides met.",
]


@pytest.mark.parametrize("text", NEGATIVE_EN)
def test_figures_english_negatives(text: str) -> None:
    assert figs(text, "en") == []


def test_figures_year_followed_directly_by_a_unit_is_a_figure() -> None:
    f = one("An der Übung nahmen 2000 Soldaten teil.")
    assert (f.value, f.unit) == (2000, "soldier")


@pytest.mark.parametrize("text", [
    "Der Westen schätzte zwischen 120.000 und 170.000 Soldaten an der Grenze.",
    "Im Gespräch waren 120.000 bis 170.000 Soldaten.",
])
def test_figures_ranges_give_both_ends_the_unit(text: str) -> None:
    found = figs(text)  # one figure per range: value = lower end, value_to = upper end
    assert [(f.value, f.value_to, f.unit, f.qualifier) for f in found] == [
        (120000, 170000, "soldier", "range")]


def test_figures_ueber_after_a_noun_is_not_a_qualifier() -> None:
    f = one("Berlin gewährt einen Kredit über 150 Millionen Euro.")
    assert (f.text, f.approximate) == ("150 Millionen Euro", False)


@pytest.mark.parametrize(("text", "span", "value", "unit"), [
    ("Der Schaden wird auf 67 000 Euro geschätzt.", "67 000 Euro", 67000, "eur"),
    ("Insgesamt 1 200 000 Menschen sind betroffen.", "1 200 000 Menschen", 1200000, "person"),
    ("Moskau wies 40 Diplomaten aus.", "40 Diplomaten", 40, "diplomat"),
    ("Die Mission hatte 500 OSZE-Beobachter im Land.", "500 OSZE-Beobachter", 500, "observer"),
    ("Die Rakete fliegt mit 3000 Stundenkilometern.", "3000 Stundenkilometern", 3000, "km_per_hour"),
])
def test_figures_more_german_units_and_space_groups(text: str, span: str, value: float, unit: str) -> None:
    f = one(text)
    assert (f.text, f.value, f.unit) == (span, value, unit)


def test_figures_ratio_is_not_counted_as_its_numerator_unit() -> None:
    f = one("Die Drohnen erreichen bis zu 200 km/h.")
    assert f.unit == "km_per_hour"
    assert figs("Dort leben 80 Einwohner/km² im Schnitt.") == []


def test_figures_range_shares_a_trailing_rate() -> None:
    found = figs("Russland fördert 9 bis 10 Millionen Barrel pro Tag.")
    assert [(f.value, f.value_to, f.unit, f.rate) for f in found] == [(9e6, 10e6, "barrel", "P1D")]


@pytest.mark.parametrize(("text", "span", "unit"), [
    ("Rebels seized up to 16 foreign civilian advisers.", "up to 16 foreign civilian advisers", "adviser"),
    ("Police detained 300 protesters in Minsk.", "300 protesters", "protester"),
    ("The agency trained more than 500 computer hackers capable of attacks.",
     "more than 500 computer hackers", "hacker"),
    ("Nearly 2,000 Belarusians crossed the border.", "Nearly 2,000 Belarusians", "person"),
])
def test_figures_english_heads_and_fallback_nouns(text: str, span: str, unit: str) -> None:
    f = one(text, "en")
    assert (f.text, f.unit) == (span, unit)


@pytest.mark.parametrize("text", [
    "The 2024 elections were postponed.",
    "The two sides met again.",
    "One official said the talks were useful.",
])
def test_figures_english_fallback_negatives(text: str) -> None:
    assert figs(text, "en") == []


@pytest.mark.parametrize(("text", "language", "span", "unit"), [
    ("Die Niederlande sagten sechs F-16-Kampfjets zu.", "de", "sechs F-16-Kampfjets", "aircraft"),
    ("Polen lieferte 14 Leopard-2-Panzer.", "de", "14 Leopard-2-Panzer", "tank"),
    ("Germany sent 18 Leopard 2 tanks.", "en", "18 Leopard 2 tanks", "tank"),
])
def test_figures_type_names_inside_the_counted_phrase(text: str, language: str, span: str, unit: str) -> None:
    f = one(text, language)
    assert (f.text, f.unit) == (span, unit)


def test_figures_several_thousand_is_vague() -> None:
    assert figs("Belarus verlegte mehrere tausend Soldaten an die Grenze.") == []


def test_figures_rate_adverb_of_another_word_is_not_taken() -> None:
    f = one("Die jährlich stattfindende Konferenz begrüßte 50 Staaten.")
    assert f.rate is None


def test_figures_elided_unit_is_taken_from_the_figure_before() -> None:
    found = figs("Die EU stellte 90 Milliarden Euro bereit, davon etwa 60 Milliarden für Waffen.")
    assert [(f.text, f.unit) for f in found] == [("90 Milliarden Euro", "eur"), ("etwa 60 Milliarden", "eur")]
    assert found[1].rule.endswith("ellipsis") and found[1].confidence < found[0].confidence


def test_figures_no_elided_unit_across_sentences() -> None:
    found = figs("Die EU stellte 90 Milliarden Euro bereit. Später kamen 60 Milliarden hinzu.")
    assert [f.text for f in found] == ["90 Milliarden Euro"]


def test_figures_feminine_and_masculine_demonyms_coordinate() -> None:
    f = one("Etwa 4,3 Millionen Ukrainerinnen und Ukrainer leben in der EU.")
    assert (f.text, f.value, f.unit) == ("Etwa 4,3 Millionen Ukrainerinnen und Ukrainer", 4.3e6, "person")


@pytest.mark.parametrize(("text", "language", "span", "value"), [
    ("Russland hält ein Drittel der Region besetzt.", "de", "ein Drittel", 1 / 3),
    ("Zwei Drittel der Befragten sind dafür.", "de", "Zwei Drittel", 2 / 3),
    ("Moscow controls about a fifth of the country.", "en", "about a fifth", 0.2),
])
def test_figures_fractions(text: str, language: str, span: str, value: float) -> None:
    f = one(text, language)
    assert (f.text, f.unit) == (span, "fraction") and f.value == pytest.approx(value, rel=1e-4)


@pytest.mark.parametrize(("text", "span", "unit"), [
    ("In der Nacht flogen 90 Kamikazedrohnen auf Kiew.", "90 Kamikazedrohnen", "drone"),
    ("Litauen erwartet 4800 Nato-Soldaten.", "4800 Nato-Soldaten", "soldier"),
    ("Es gab 12 Luftangriffe.", "12 Luftangriffe", "attack"),
    ("Es kamen 26 EU-Staaten überein.", "26 EU-Staaten", "country"),
])
def test_figures_compound_unit_nouns(text: str, span: str, unit: str) -> None:
    f = one(text)
    assert (f.text, f.unit) == (span, unit)


@pytest.mark.parametrize("text", [
    "Der Kameramann filmte zwei Stunden.",  # "Mann" only as a whole word
    "Die Sowjets hatten 1979 Truppen geschickt.",  # a year-like number that is not round is a year
    "Die Klassen 8b und 8c sammelten Spenden.",
    "Das Budget umfasst 2 Mrd.",  # no unit
])
def test_figures_more_german_negatives(text: str) -> None:
    assert figs(text) == []
