"""Sanity checks for the shipped knowledge-base data (lagebild/actors/data/*.yaml).

These tests read the YAML directly (no dependency on the KB loader) so that data errors are
reported against the data files themselves.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "lagebild" / "actors" / "data"
TOP_LEVEL_KEYS = {"actors", "offices", "roles", "places"}
ACTOR_TYPES = {"person", "state", "organisation", "group"}
ID_RE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
ROLE_ID_RE = re.compile(r"^[a-z0-9_]+/[a-z0-9_]+$")
WIKIDATA_RE = re.compile(r"^Q[1-9][0-9]*$")
DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@lru_cache(maxsize=1)
def load_all() -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """All entries per top-level key, each paired with the file it came from."""
    out: dict[str, list[tuple[str, dict[str, Any]]]] = {k: [] for k in TOP_LEVEL_KEYS}
    for path in sorted(DATA_DIR.glob("*.yaml")):
        with path.open(encoding="utf-8") as fh:
            doc = yaml.safe_load(fh) or {}
        assert isinstance(doc, dict), path.name
        unknown = set(doc) - TOP_LEVEL_KEYS
        assert not unknown, f"{path.name}: unknown top-level keys {unknown}"
        for key, entries in doc.items():
            assert isinstance(entries, list), f"{path.name}: {key} is not a list"
            out[key].extend((path.name, e) for e in entries)
    return out


def actors() -> dict[str, dict[str, Any]]:
    return {a["id"]: a for _, a in load_all()["actors"]}


def roles() -> dict[str, dict[str, Any]]:
    return {r["id"]: r for _, r in load_all()["roles"]}


def parse_date(value: Any) -> dt.date | None:
    """Lower bound of a YYYY / YYYY-MM / YYYY-MM-DD value (str or date); None for open."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    s = str(value)
    assert DATE_RE.match(s), f"bad date {value!r}"
    parts = [int(p) for p in s.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def parse_date_latest(value: Any) -> dt.date:
    """Upper bound of a YYYY / YYYY-MM / YYYY-MM-DD value: '2025-05' -> 2025-05-31."""
    if isinstance(value, dt.date):
        return value
    parts = [int(p) for p in str(value).split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        nxt = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


def all_surfaces(actor: dict[str, Any]) -> set[str]:
    forms = {actor["name"], *actor.get("aliases", [])}
    for lang_forms in (actor.get("names") or {}).values():
        forms.update(lang_forms)
    return forms


def holder_on(role_id: str, day: str) -> list[str]:
    d = parse_date(day)
    assert d is not None
    found = []
    for h in roles()[role_id]["holders"]:
        start, end = parse_date(h["from"]), parse_date(h.get("to"))
        if (start is None or start <= d) and (end is None or d < end):
            found.append(h["actor"])
    return found


# --- structure -------------------------------------------------------------------------------

def test_files_present_and_parse() -> None:
    data = load_all()
    assert len(data["actors"]) >= 500
    assert data["offices"] and data["roles"]


def test_actor_ids_unique_and_well_formed() -> None:
    ids = Counter(a["id"] for _, a in load_all()["actors"])
    dupes = [i for i, n in ids.items() if n > 1]
    assert not dupes, dupes
    bad = [i for i in ids if not ID_RE.match(i)]
    assert not bad, bad


def test_actor_required_fields() -> None:
    problems: list[tuple[Any, ...]] = []
    for fname, a in load_all()["actors"]:
        if a.get("type") not in ACTOR_TYPES:
            problems.append((fname, a["id"], "type"))
        if not a.get("name"):
            problems.append((fname, a["id"], "name"))
        names = a.get("names") or {}
        if not names.get("de") or not names.get("en"):
            problems.append((fname, a["id"], "names de/en"))
        for lang_forms in names.values():
            if not all(isinstance(n, str) and n.strip() == n and n for n in lang_forms):
                problems.append((fname, a["id"], "empty or padded name"))
        if not all(isinstance(x, str) and x for x in a.get("aliases", [])):
            problems.append((fname, a["id"], "alias not a string"))
        if a.get("type") == "person" and a.get("gender") not in ("m", "f"):
            problems.append((fname, a["id"], "gender"))
    assert not problems, problems


def test_references_resolve() -> None:
    acts = actors()
    problems: list[tuple[Any, ...]] = []
    for _, a in load_all()["actors"]:
        country = a.get("country")
        if country is not None and acts.get(country, {}).get("type") != "state":
            problems.append((a["id"], "country", country))
        parent = a.get("parent")
        if parent is not None and parent not in acts:
            problems.append((a["id"], "parent", parent))
    assert not problems, problems


def test_wikidata_ids_well_formed_and_unique() -> None:
    qids = [a["wikidata"] for _, a in load_all()["actors"] if "wikidata" in a]
    bad = [q for q in qids if not isinstance(q, str) or not WIKIDATA_RE.match(q)]
    assert not bad, bad
    dupes = [q for q, n in Counter(qids).items() if n > 1]
    assert not dupes, dupes


# --- states ----------------------------------------------------------------------------------

def states() -> list[dict[str, Any]]:
    return [a for a in actors().values() if a["type"] == "state"]


def test_every_un_member_present() -> None:
    un = [s for s in states() if "un_member" in s.get("tags", [])]
    assert len(un) == 193


def test_states_have_iso_german_name_demonym_capital() -> None:
    problems: list[tuple[Any, ...]] = []
    for s in states():
        iso = s.get("iso")
        if not (isinstance(iso, str) and re.fullmatch(r"[A-Z]{2}", iso)):
            problems.append((s["id"], "iso", iso))
        if not s["names"].get("de"):
            problems.append((s["id"], "de name"))
        if not (s.get("demonyms") or {}).get("de"):
            problems.append((s["id"], "de demonym"))
        cap = s.get("capital") or {}
        if not cap.get("de") or not cap.get("en"):
            problems.append((s["id"], "capital"))
        if s.get("country") != s["id"]:
            problems.append((s["id"], "country must be itself"))
    assert not problems, problems
    isos = Counter(s["iso"] for s in states())
    assert not [i for i, n in isos.items() if n > 1]


@pytest.mark.parametrize(
    ("state_id", "surface"),
    [
        ("belarus", "Weißrussland"),
        ("belarus", "Belarus"),
        ("moldova", "Moldawien"),
        ("moldova", "Republik Moldau"),
        ("united_kingdom", "Großbritannien"),
        ("united_kingdom", "Vereinigtes Königreich"),
        ("united_states", "Vereinigte Staaten"),
        ("united_states", "USA"),
        ("netherlands", "Holland"),
        ("czech_republic", "Tschechien"),
        ("turkey", "Türkiye"),
        ("north_macedonia", "Nordmazedonien"),
        ("ivory_coast", "Elfenbeinküste"),
    ],
)
def test_state_name_variants(state_id: str, surface: str) -> None:
    assert surface in all_surfaces(actors()[state_id])


@pytest.mark.parametrize(
    ("state_id", "metonym"),
    [
        ("russia", "Kreml"),
        ("russia", "Moskau"),
        ("ukraine", "Kiew"),
        ("ukraine", "Kyjiw"),
        ("united_states", "Weißes Haus"),
        ("united_states", "Washington"),
        ("germany", "Bundeskanzleramt"),
        ("germany", "Bundesregierung"),
        ("france", "Élysée"),
        ("united_kingdom", "Downing Street"),
        ("china", "Peking"),
        ("belarus", "Minsk"),
        ("hungary", "Budapest"),
    ],
)
def test_government_metonyms(state_id: str, metonym: str) -> None:
    assert metonym in actors()[state_id].get("metonyms", {}).get("de", [])


@pytest.mark.parametrize(
    ("state_id", "stem"),
    [("russia", "russisch"), ("ukraine", "ukrainisch"), ("united_states", "US-amerikanisch"),
     ("united_states", "amerikanisch"), ("germany", "deutsch"), ("united_kingdom", "britisch"),
     ("poland", "polnisch"), ("france", "französisch"), ("belarus", "belarussisch")],
)
def test_demonym_stems(state_id: str, stem: str) -> None:
    assert stem in actors()[state_id]["demonyms"]["de"]


# --- people ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("actor_id", "surface"),
    [
        ("volodymyr_zelenskyy", "Selenskyj"),
        ("volodymyr_zelenskyy", "Selenskij"),
        ("volodymyr_zelenskyy", "Zelensky"),
        ("volodymyr_zelenskyy", "Zelenskyy"),
        ("volodymyr_zelenskyy", "Zelenskiy"),
        ("volodymyr_zelenskyy", "Selenski"),
        ("sergey_lavrov", "Lawrow"),
        ("sergey_lavrov", "Lavrov"),
        ("sergei_ryabkov", "Rjabkow"),
        ("dmitry_peskov", "Peskow"),
        ("sergei_shoigu", "Schoigu"),
        ("dmitry_medvedev", "Medwedew"),
        ("andriy_yermak", "Jermak"),
        ("rustem_umerov", "Umerow"),
        ("andrii_sybiha", "Sybiga"),
        ("vitali_klitschko", "Klitschko"),
        ("yuri_ushakov", "Uschakow"),
        ("kirill_dmitriev", "Dmitrijew"),
        ("vladimir_medinsky", "Medinski"),
        ("maria_zakharova", "Sacharowa"),
        ("valerii_zaluzhnyi", "Saluschnyj"),
        ("oleksandr_syrskyi", "Syrskyj"),
        ("david_arakhamia", "Arachamija"),
        ("ursula_von_der_leyen", "von der Leyen"),
        ("antony_blinken", "Anthony Blinken"),
    ],
)
def test_person_surface_variants(actor_id: str, surface: str) -> None:
    assert surface in all_surfaces(actors()[actor_id])


def test_most_persons_have_surname_alias() -> None:
    # persons are found by surname alone; deliberate exceptions: surnames that are common
    # German words (Fischer, Klein, Major, Richter) and East Asian names
    persons = [a for a in actors().values() if a["type"] == "person"]
    with_alias = [a for a in persons if a.get("aliases")]
    assert len(with_alias) / len(persons) > 0.85


# --- offices and roles -----------------------------------------------------------------------

def test_offices_have_german_and_english_titles() -> None:
    offices = [o for _, o in load_all()["offices"]]
    ids = Counter(o["id"] for o in offices)
    assert not [i for i, n in ids.items() if n > 1]
    for o in offices:
        assert o["titles"].get("de") and o["titles"].get("en"), o["id"]


def test_roles_reference_known_offices_and_actors() -> None:
    office_ids = {o["id"] for _, o in load_all()["offices"]}
    acts = actors()
    role_ids = Counter(r["id"] for _, r in load_all()["roles"])
    assert not [i for i, n in role_ids.items() if n > 1]
    problems: list[tuple[Any, ...]] = []
    for _, r in load_all()["roles"]:
        if not ROLE_ID_RE.match(r["id"]):
            problems.append((r["id"], "id"))
        if r["office"] not in office_ids:
            problems.append((r["id"], "office", r["office"]))
        if r["of"] not in acts or acts[r["of"]]["type"] == "person":
            problems.append((r["id"], "of", r["of"]))
        for lang in r.get("default_for_language", []):
            if lang not in ("de", "en"):
                problems.append((r["id"], "default_for_language", lang))
        for h in r["holders"]:
            if acts.get(h["actor"], {}).get("type") != "person":
                problems.append((r["id"], "holder", h["actor"]))
    assert not problems, problems


def test_holder_dates_valid_and_not_overlapping() -> None:
    problems: list[tuple[Any, ...]] = []
    for _, r in load_all()["roles"]:
        spans = []
        for h in r["holders"]:
            start, end = parse_date(h["from"]), parse_date(h.get("to"))
            if start is None:
                problems.append((r["id"], h["actor"], "no from"))
                continue
            if end is not None and end < start:
                problems.append((r["id"], h["actor"], "to before from"))
            spans.append((start, end, h["actor"], bool(h.get("acting")), parse_date_latest(h["from"])))
        if r.get("multiple"):
            continue
        spans.sort(key=lambda s: s[0])
        for prev, nxt in zip(spans, spans[1:], strict=False):
            if prev[3] or nxt[3]:
                continue
            # month-precision starts ("2025-05") may share the month with the previous end
            if prev[1] is None or nxt[4] < prev[1]:
                problems.append((r["id"], prev[2], nxt[2], "overlap"))
    assert not problems, problems


def test_default_for_language_unique_per_office() -> None:
    # two posts of the same office must not both claim the bare title in one language
    seen: dict[tuple[str, str], str] = {}
    for _, r in load_all()["roles"]:
        for lang in r.get("default_for_language", []):
            key = (r["office"], lang)
            assert key not in seen, (r["id"], seen.get(key))
            seen[key] = r["id"]


@pytest.mark.parametrize(
    ("role_id", "day", "expected"),
    [
        ("germany/head_of_government", "2022-02-15", "olaf_scholz"),
        ("germany/head_of_government", "2025-12-16", "friedrich_merz"),
        ("germany/head_of_government", "2019-06-01", "angela_merkel"),
        ("germany/foreign_minister", "2022-01-21", "annalena_baerbock"),
        ("germany/foreign_minister", "2025-08-19", "johann_wadephul"),
        ("united_states/head_of_state", "2022-01-21", "joe_biden"),
        ("united_states/head_of_state", "2025-08-19", "donald_trump"),
        ("united_states/head_of_state", "2018-07-16", "donald_trump"),
        ("united_states/foreign_minister", "2022-01-21", "antony_blinken"),
        ("united_states/foreign_minister", "2025-08-19", "marco_rubio"),
        ("united_states/vice_president", "2025-08-19", "jd_vance"),
        ("russia/head_of_state", "2010-01-01", "dmitry_medvedev"),
        ("russia/head_of_state", "2022-02-15", "vladimir_putin"),
        ("russia/foreign_minister", "2015-05-05", "sergey_lavrov"),
        ("russia/defence_minister", "2023-03-01", "sergei_shoigu"),
        ("russia/defence_minister", "2024-12-01", "andrei_belousov"),
        ("ukraine/head_of_state", "2016-03-01", "petro_poroshenko"),
        ("ukraine/head_of_state", "2022-02-15", "volodymyr_zelenskyy"),
        ("ukraine/foreign_minister", "2022-02-15", "dmytro_kuleba"),
        ("ukraine/foreign_minister", "2025-03-01", "andrii_sybiha"),
        ("ukraine/army_chief", "2023-05-01", "valerii_zaluzhnyi"),
        ("ukraine/army_chief", "2024-06-01", "oleksandr_syrskyi"),
        ("nato/secretary_general", "2022-01-21", "jens_stoltenberg"),
        ("nato/secretary_general", "2025-08-19", "mark_rutte"),
        ("european_commission/commission_president", "2025-08-19", "ursula_von_der_leyen"),
        ("european_union/high_representative", "2025-08-19", "kaja_kallas"),
        ("united_kingdom/head_of_government", "2025-12-16", "keir_starmer"),
        ("united_kingdom/head_of_government", "2023-03-01", "rishi_sunak"),
        ("france/head_of_state", "2025-12-16", "emmanuel_macron"),
        ("poland/head_of_government", "2025-12-16", "donald_tusk"),
        ("poland/head_of_government", "2022-02-15", "mateusz_morawiecki"),
        ("italy/head_of_government", "2025-08-19", "giorgia_meloni"),
        ("italy/head_of_government", "2022-02-15", "mario_draghi"),
        ("finland/head_of_state", "2025-08-19", "alexander_stubb"),
        ("finland/head_of_state", "2022-02-15", "sauli_niinisto"),
        ("united_nations/secretary_general", "2022-02-15", "antonio_guterres"),
        # hand-overs of 2025/2026
        ("ukraine/chief_negotiator", "2025-11-25", "andriy_yermak"),
        ("ukraine/chief_negotiator", "2025-12-05", "rustem_umerov"),
        ("ukraine/chief_of_staff", "2026-03-01", "kyrylo_budanov"),
        ("ukraine/defence_minister", "2025-10-01", "denys_shmyhal"),
        ("ukraine/defence_minister", "2026-02-01", "mykhailo_fedorov"),
        ("hungary/head_of_government", "2026-06-01", "peter_magyar"),
        ("hungary/head_of_government", "2025-06-01", "viktor_orban"),
        ("netherlands/head_of_government", "2026-03-01", "rob_jetten"),
        ("czech_republic/head_of_government", "2026-01-10", "andrej_babis"),
        ("germany/intelligence_chief", "2025-10-01", "martin_jaeger"),
    ],
)
def test_role_holder_on_date(role_id: str, day: str, expected: str) -> None:
    found = [h for h in holder_on(role_id, day)]
    assert found == [expected], found


# --- places ----------------------------------------------------------------------------------

def test_places_are_not_actors() -> None:
    acts = actors()
    places = [p for _, p in load_all()["places"]]
    ids = Counter(p["id"] for p in places)
    assert not [i for i, n in ids.items() if n > 1]
    for p in places:
        assert p["id"] not in acts, p["id"]
        assert "type" not in p, p["id"]
        assert p.get("names", {}).get("de") and p["names"].get("en"), p["id"]
        if p.get("country") is not None:
            assert acts[p["country"]]["type"] == "state", p["id"]
