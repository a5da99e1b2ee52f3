"""Coverage of the shipped knowledge base: the bodies, outlets, groups and places that German
reporting on Russia-Ukraine diplomacy names must be present with their usual German forms."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "lagebild" / "actors" / "data"


@lru_cache(maxsize=1)
def _sections() -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {"actors": [], "places": []}
    for path in sorted(DATA_DIR.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key in out:
            out[key].extend(doc.get(key) or [])
    return out


def actors() -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in _sections()["actors"]}


def all_surfaces(entry: dict[str, Any]) -> set[str]:
    return {entry["name"], *entry.get("aliases", []), *(n for ns in entry["names"].values() for n in ns)}


@pytest.mark.parametrize(
    ("actor_id", "surface"),
    [
        # EU, NATO, UN and other international bodies
        ("european_union", "EU"),
        ("european_commission", "EU-Kommission"),
        ("european_council", "Europäischer Rat"),
        ("council_of_the_european_union", "Rat der EU"),
        ("european_parliament", "Europaparlament"),
        ("european_external_action_service", "EAD"),
        ("european_central_bank", "EZB"),
        ("nato", "Nato"),
        ("nato_russia_council", "Nato-Russland-Rat"),
        ("united_nations", "UNO"),
        ("united_nations_security_council", "UN-Sicherheitsrat"),
        ("united_nations_general_assembly", "UN-Vollversammlung"),
        ("unhcr", "UN-Flüchtlingshilfswerk"),
        ("iaea", "Internationale Atomenergiebehörde"),
        ("international_criminal_court", "Internationaler Strafgerichtshof"),
        ("international_court_of_justice", "Internationaler Gerichtshof"),
        ("osce", "OSZE"),
        ("osce_special_monitoring_mission", "OSZE-Beobachtermission"),
        ("g7", "G7"),
        ("g20", "G20"),
        ("brics", "Brics"),
        ("csto", "OVKS"),
        ("council_of_europe", "Europarat"),
        ("imf", "IWF"),
        ("world_bank", "Weltbank"),
        ("normandy_format", "Normandie-Format"),
        ("trilateral_contact_group", "Minsker Kontaktgruppe"),
        ("coalition_of_the_willing", "Koalition der Willigen"),
        # ministries, armed forces, services
        ("ministry_of_foreign_affairs_russia", "russisches Außenministerium"),
        ("ministry_of_defence_ukraine", "ukrainisches Verteidigungsministerium"),
        ("ministry_of_defence_ukraine", "Ukrainian Ministry of Defence"),
        ("united_states_department_of_state", "State Department"),
        ("united_states_department_of_state", "US-Außenministerium"),
        ("united_states_department_of_defense", "Pentagon"),
        ("federal_foreign_office", "Auswärtiges Amt"),
        ("federal_ministry_of_defence", "Verteidigungsministerium in Berlin"),
        ("armed_forces_of_ukraine", "ukrainische Armee"),
        ("russian_armed_forces", "russische Armee"),
        ("bundeswehr", "Bundeswehr"),
        ("united_states_armed_forces", "US-Militär"),
        ("federal_security_service", "FSB"),
        ("security_service_of_ukraine", "SBU"),
        ("main_directorate_of_intelligence_ukraine", "HUR"),
        ("central_intelligence_agency", "CIA"),
        ("federal_intelligence_service", "BND"),
        ("wagner_group", "Wagner-Gruppe"),
        ("gazprom", "Gazprom"),
        ("nord_stream_ag", "Nord Stream AG"),
        # think tanks and institutes
        ("german_institute_for_international_and_security_affairs", "Stiftung Wissenschaft und Politik"),
        ("german_institute_for_international_and_security_affairs", "Stiftung für Wissenschaft und Politik"),
        ("kiel_institute_for_the_world_economy", "Kieler Institut für Weltwirtschaft"),
        ("kiel_institute_for_the_world_economy", "IfW Kiel"),
        ("german_council_on_foreign_relations", "DGAP"),
        ("european_council_on_foreign_relations", "ECFR"),
        ("chatham_house", "Chatham House"),
        ("royal_united_services_institute", "RUSI"),
        ("institute_for_the_study_of_war", "ISW"),
        ("international_institute_for_strategic_studies", "IISS"),
        ("sipri", "Sipri"),
        ("atlantic_council", "Atlantic Council"),
        ("brookings_institution", "Brookings"),
        ("rand_corporation", "RAND"),
        ("center_for_strategic_and_international_studies", "CSIS"),
        ("levada_center", "Lewada-Zentrum"),
        ("koerber_stiftung", "Körber-Stiftung"),
        ("atlantik_bruecke", "Atlantik-Brücke"),
        ("munich_security_conference", "Münchner Sicherheitskonferenz"),
        # media
        ("ard", "ARD"),
        ("zdf", "ZDF"),
        ("tagesschau", "Tagesschau"),
        ("deutsche_welle", "DW"),
        ("der_spiegel", "Spiegel"),
        ("die_zeit", "Die Zeit"),
        ("frankfurter_allgemeine_zeitung", "FAZ"),
        ("sueddeutsche_zeitung", "Süddeutsche Zeitung"),
        ("die_welt", "WELT"),
        ("bild", "Bild-Zeitung"),
        ("die_tageszeitung", "taz"),
        ("handelsblatt", "Handelsblatt"),
        ("redaktionsnetzwerk_deutschland", "RND"),
        ("deutsche_presse_agentur", "dpa"),
        ("agence_france_presse", "AFP"),
        ("reuters", "Reuters"),
        ("associated_press", "AP"),
        ("bloomberg", "Bloomberg"),
        ("the_new_york_times", "New York Times"),
        ("the_washington_post", "Washington Post"),
        ("the_wall_street_journal", "Wall Street Journal"),
        ("cnn", "CNN"),
        ("fox_news", "Fox News"),
        ("bbc", "BBC"),
        ("the_guardian", "Guardian"),
        ("financial_times", "Financial Times"),
        ("the_economist", "Economist"),
        ("politico", "Politico"),
        ("axios", "Axios"),
        ("tass", "Tass"),
        ("ria_novosti", "RIA Nowosti"),
        ("rt", "RT"),
        ("interfax", "Interfax"),
        ("kyiv_independent", "Kyiv Independent"),
        ("ukrainska_pravda", "Ukrainska Pravda"),
        ("ukrinform", "Ukrinform"),
        ("meduza", "Meduza"),
        ("novaya_gazeta", "Nowaja Gaseta"),
        ("der_prignitzer", "Der Prignitzer"),
        ("maerkische_oderzeitung", "MOZ"),
        # groups
        ("western_world", "der Westen"),
        ("europeans", "Europäer"),
        ("pro_russian_separatists", "prorussische Separatisten"),
        ("taliban", "Taliban"),
        ("hamas", "Hamas"),
        ("hezbollah", "Hisbollah"),
        ("houthis", "Huthi-Rebellen"),
    ],
)
def test_actor_has_surface(actor_id: str, surface: str) -> None:
    assert surface in all_surfaces(actors()[actor_id])


@pytest.mark.parametrize("actor_id", ["western_world", "europeans", "ukrainian_oligarchs", "russian_oligarchs",
                                      "pro_russian_separatists", "taliban", "hamas", "hezbollah", "houthis",
                                      "normandy_format", "trilateral_contact_group", "baltic_states"])
def test_groups_are_groups(actor_id: str) -> None:
    assert actors()[actor_id]["type"] == "group"


@pytest.mark.parametrize(
    ("place_id", "surface"),
    [("crimea", "Krim"), ("donbas", "Donbass"), ("donetsk", "Donezk"), ("luhansk", "Luhansk"),
     ("zaporizhzhia", "Saporischschja"), ("kherson", "Cherson"), ("kyiv", "Kyjiw"), ("geneva", "Genf")],
)
def test_places(place_id: str, surface: str) -> None:
    places = {p["id"]: p for p in _sections()["places"]}
    assert surface in all_surfaces(places[place_id])


def test_actor_count_per_type() -> None:
    counts = Counter(a["type"] for a in actors().values())
    assert counts["person"] >= 400
    assert counts["organisation"] >= 150
    assert counts["state"] == 197
    assert counts["group"] >= 15


def test_key_people_have_gender_and_german_names() -> None:
    for aid in ["vladimir_putin", "volodymyr_zelenskyy", "olaf_scholz", "friedrich_merz", "annalena_baerbock",
                "ursula_von_der_leyen", "kaja_kallas", "giorgia_meloni", "maria_zakharova"]:
        a = actors()[aid]
        assert a["gender"] in ("m", "f")
        assert a["names"]["de"]


@pytest.mark.parametrize(
    ("actor_id", "qid"),
    [("vladimir_putin", "Q7747"), ("angela_merkel", "Q567"), ("donald_trump", "Q22686"), ("joe_biden", "Q6279"),
     ("xi_jinping", "Q15031"), ("emmanuel_macron", "Q3052772"), ("russia", "Q159"), ("ukraine", "Q212"),
     ("germany", "Q183"), ("united_states", "Q30"), ("nato", "Q7184"), ("european_union", "Q458")],
)
def test_wikidata_ids_of_well_known_actors(actor_id: str, qid: str) -> None:
    assert actors()[actor_id].get("wikidata") == qid
