"""Sources the actors layer does not name: agencies, reports, bodies, collectives, officials, lone names
(``lagebild/speech/sources.py``, ``speakers.py``), and the clause a speaker belongs to (hand-built sentences).

Mentions are built by hand (see ``test_speech_helpers``); actors speech adds itself get ``doc:`` ids.
"""

from __future__ import annotations

from test_speech_helpers import analyse, one, quote_with

from lagebild.document import Document, Quote


def speaker_actor(doc: Document, q: Quote) -> tuple[str, str]:
    assert q.speaker is not None, q
    a = doc.actors[q.speaker]
    return a.name, a.type


def test_speech_sources_report_by_an_agency_is_spoken_by_the_agency() -> None:
    doc, quotes = analyse("Explosions were heard in Srinagar late on Saturday, according to a report by the "
                          "Press Trust of India.", lang="en")
    q = one(quotes, "indirect", "Explosions were heard")
    assert speaker_actor(doc, q) == ("Press Trust of India", "organisation")


def test_speech_sources_medium_named_before_its_noun() -> None:
    doc, quotes = analyse("The talks will resume next week, according to the Tasnim news agency.", lang="en")
    assert speaker_actor(doc, one(quotes, "indirect", "The talks will resume")) == ("Tasnim", "organisation")


def test_speech_sources_body_named_after_its_noun() -> None:
    doc, quotes = analyse("Die Reparatur dürfte nach Angaben des Netzbetreibers Fingrid bis in den Sommer dauern.")
    assert speaker_actor(doc, one(quotes, "indirect", "Die Reparatur")) == ("Fingrid", "organisation")


def test_speech_sources_agency_relaying_a_report_does_not_take_it() -> None:
    text = ("Ali Akbar Velayati, an adviser to the Supreme Leader, said on Saturday that the corridor would become "
            "a graveyard for foreign mercenaries, according to the Tasnim news agency.")
    _, quotes = analyse(text, {"Velayati": "ali_akbar_velayati"}, lang="en")
    q = one(quotes, "indirect", "the corridor would become")
    assert q.speaker == "ali_akbar_velayati"
    assert q.text == "the corridor would become a graveyard for foreign mercenaries"


def test_speech_sources_spokesperson_of_the_group_speaks_for_the_group_named_before() -> None:
    text = ("Die Hamas erklärte, die Vereinbarung sei ein Erfolg. Ein Sprecher der Gruppe kündigte an, man werde "
            "sich an alle Bedingungen halten.")
    _, quotes = analyse(text, {"Hamas": "o:hamas"})
    assert one(quotes, "indirect", "man werde sich").speaker == "o:hamas"


def test_speech_sources_possessive_source_phrase_is_the_person() -> None:
    text = "Gouverneur Krasnoselski sprach von einer Notlage. Die Kohlevorräte reichten nach seinen Worten für 50 Tage."
    _, quotes = analyse(text, {"Krasnoselski": "vadim_krasnoselsky"})
    assert one(quotes, "indirect", "Die Kohlevorräte").speaker == "vadim_krasnoselsky"


def test_speech_sources_apposition_names_the_role_holder() -> None:
    text = ("Der Ermittler Jan Ostermann war vor Ort. Man untersuche den Fall als Sachbeschädigung, sagte der Leiter "
            "der Ermittlungen, Robin Lardot, vor Journalisten in Helsinki.")
    doc, quotes = analyse(text, {"Jan Ostermann": "jan_ostermann"})
    q = one(quotes, "indirect", "Man untersuche")
    assert q.text == "Man untersuche den Fall als Sachbeschädigung"
    assert speaker_actor(doc, q) == ("Robin Lardot", "person")


def test_speech_sources_lone_surname_and_acronym_are_speakers() -> None:
    text = ("«Wenn jemand eine Täter-Opfer-Umkehr betreibt, dann ist das falsch», schrieb der AStA. "
            "Der AStA verkläre die Vorfälle, sagte Lucke.")
    doc, quotes = analyse(text)
    assert speaker_actor(doc, one(quotes, "direct", "Täter-Opfer-Umkehr")) == ("AStA", "organisation")
    assert speaker_actor(doc, one(quotes, "indirect", "verkläre")) == ("Lucke", "person")


def test_speech_sources_place_after_hiess_es_is_not_a_person() -> None:
    text = "Lukaschenko vermittelte. Der Machthaber habe den ganzen Tag verhandelt, hieß es aus Minsk."
    doc, quotes = analyse(text, {"Minsk": None})
    q = one(quotes, "indirect", "Der Machthaber habe")
    assert q.speaker is None or doc.actors.get(q.speaker) is None or doc.actors[q.speaker].type != "person"


def test_speech_sources_collective_subject_with_article_is_a_group() -> None:
    doc, quotes = analyse("Die Ermittler gehen davon aus, dass der Tanker seinen Anker über den Meeresboden "
                          "geschleift hat.")
    assert speaker_actor(doc, one(quotes, "indirect", "der Tanker")) == ("Investigators", "group")


def test_speech_sources_unnamed_official_speaks_for_the_state_of_the_demonym() -> None:
    _, quotes = analyse('"Both sides got what they needed," a senior Ukrainian official told reporters in Kyiv.',
                        lang="en")
    assert one(quotes, "direct", "Both sides got").speaker == "ukraine"


def test_speech_sources_government_circles_in_a_capital_speak_for_its_state() -> None:
    text = ("In Israel wurde das Treffen mit Skepsis aufgenommen. Regierungskreisen in Jerusalem zufolge fürchtet "
            "man ein Abkommen, das Iran die Anreicherung erlaubt.")
    _, quotes = analyse(text, {"Israel": None, "Jerusalem": None})
    assert quote_with(quotes, "fürchtet man").speaker == "israel"


def test_speech_sources_law_and_so_called_names_are_no_sources() -> None:
    _, quotes = analyse("Das gilt laut dem sogenannten „Benn-Gesetz“ nicht. Laut Verfassung darf der Präsident "
                        "nur zwei Amtszeiten regieren.")
    assert quotes == []


def test_speech_sources_title_after_called_is_not_a_quote() -> None:
    text = ('The United States will receive rights for the corridor, to be called the "Trump Route for '
            'International Peace and Prosperity."')
    _, quotes = analyse(text, lang="en")
    assert [q for q in quotes if "Trump Route" in q.text] == []


def test_speech_sources_english_parenthetical_cue_keeps_one_statement() -> None:
    text = ("Sharif spoke on Sunday. Pakistan had acted with restraint, he said in a televised address, but would "
            "respond to any new attack.")
    _, quotes = analyse(text, {"Sharif": "shehbaz_sharif"}, lang="en")
    q = one(quotes, "indirect", "Pakistan had acted")
    assert q.text.endswith("but would respond to any new attack") and q.speaker == "shehbaz_sharif"


def test_speech_sources_pronoun_skips_a_person_named_in_the_content() -> None:
    text = ("Der türkische Präsident Erdoğan, der das Abkommen mit Guterres ausgehandelt hatte, zeigte sich "
            "zuversichtlich. Er glaube, dass Putin die Brücke fortsetzen wolle, sagte er in Ankara.")
    _, quotes = analyse(text, {"Erdoğan": "recep_tayyip_erdogan", "Guterres": "antonio_guterres",
                               "Putin": "vladimir_putin"})
    assert one(quotes, "indirect", "Er glaube").speaker == "recep_tayyip_erdogan"


def test_speech_sources_plural_konjunktiv2_continues_a_direct_quote() -> None:
    text = ("Baerbock reiste nach Israel. „Jetzt muss die Hilfe kommen“, sagte sie in Berlin. Die Familien der "
            "Geiseln hätten lange genug gewartet.")
    _, quotes = analyse(text, {"Baerbock": "annalena_baerbock"})
    assert one(quotes, "indirect", "Die Familien der Geiseln").speaker == "annalena_baerbock"


def test_speech_sources_pronoun_takes_the_nearer_speaker_speech_named() -> None:
    text = ('Velayati said the corridor would become a graveyard. Moscow reacted quietly. "The group is a relic," '
            'said Nora Castell, a specialist in Washington. Azerbaijan still holds prisoners. '
            '"A declaration is not a peace," she said.')
    doc, quotes = analyse(text, {"Velayati": "ali_akbar_velayati", "Moscow": "russia"}, lang="en")
    q = one(quotes, "direct", "A declaration")
    assert speaker_actor(doc, q) == ("Nora Castell", "person")


def test_speech_sources_inner_wie_clause_reports_the_whole_sentence() -> None:
    text = "Die Hochschule habe, wie Präsident Müller am Montag sagte, alles getan."
    doc, quotes = analyse(text)
    q = one(quotes, "indirect", "Die Hochschule habe")
    assert q.text == "Die Hochschule habe, wie Präsident Müller am Montag sagte, alles getan"
    assert speaker_actor(doc, q) == ("Müller", "person")


def test_speech_sources_english_surname_is_a_person_but_officials_are_not() -> None:
    text = ('"It has been a really good day for all of us," said Burrage. Officials said the talks had failed, '
            "and the officials left.")
    doc, quotes = analyse(text, lang="en")
    assert speaker_actor(doc, one(quotes, "direct", "a really good day")) == ("Burrage", "person")
    assert one(quotes, "indirect", "the talks had failed").speaker is None


def test_speech_sources_it_said_is_the_body_named_before() -> None:
    text = "Reuters published an investigation. Police buildings were also damaged, it said."
    _, quotes = analyse(text, {"Reuters": "o:reuters"}, lang="en")
    assert one(quotes, "indirect", "Police buildings").speaker == "o:reuters"
