"""Roles as first-class data: who held a post on a date, from ids, names or titles as written."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest

from lagebild.actors.loader import KnowledgeBase, load_kb
from lagebild.actors.query import find_role, holder_at

FIXTURE = Path(__file__).parent / "data" / "kb"


@lru_cache(maxsize=1)
def kb() -> KnowledgeBase:
    return load_kb([FIXTURE], shipped=False)


@pytest.mark.parametrize(("role", "day", "expected"), [
    ("Bundeskanzler", "2022-02-15", "olaf_scholz"),
    ("Bundeskanzler", "2025-08-19", "friedrich_merz"),
    ("der Kanzler", "2019-01-01", "angela_merkel"),
    ("Kremlchef", "2010-06-01", "dmitry_medvedev"),
    ("Kremlchef", "2022-02-15", "vladimir_putin"),
    ("US-Präsident", "2022-01-21", "joe_biden"),
    ("US-Präsident", "2025-08-19", "donald_trump"),
    ("US-Außenminister", "2022-01-21", "antony_blinken"),
    ("US-Außenminister", "2025-08-19", "marco_rubio"),
    ("US-Vizepräsident", "2025-08-19", "jd_vance"),
    ("russischer Außenminister", "2022-01-21", "sergey_lavrov"),
    ("Russlands Außenminister", "2022-01-21", "sergey_lavrov"),
    ("deutsche Außenministerin", "2022-01-21", "annalena_baerbock"),
    ("Nato-Generalsekretär", "2023-05-01", "jens_stoltenberg"),
    ("Nato-Generalsekretär", "2025-08-19", "mark_rutte"),
    ("EU-Kommissionspräsidentin", "2025-12-16", "ursula_von_der_leyen"),
    ("Großbritanniens Premier", "2025-12-16", "keir_starmer"),
    ("US-Sondergesandter", "2025-08-19", "steve_witkoff"),
    ("germany/head_of_government", "2022-02-15", "olaf_scholz"),
    ("President of Russia", "2009-01-01", "dmitry_medvedev"),
])
def test_kb_roles_holder_at(role: str, day: str, expected: str) -> None:
    actor = holder_at(role, day, kb=kb())
    assert actor is not None and actor.id == expected


def test_kb_roles_handover_day_goes_to_the_incoming_holder() -> None:
    assert holder_at("germany/head_of_government", date(2025, 5, 6), kb=kb()).id == "friedrich_merz"
    assert holder_at("germany/head_of_government", date(2025, 5, 5), kb=kb()).id == "olaf_scholz"


def test_kb_roles_without_date_is_the_current_holder() -> None:
    assert holder_at("US-Präsident", None, kb=kb()).id == "donald_trump"


@pytest.mark.parametrize("role", ["Präsident", "Außenminister", "Premier"])
def test_kb_roles_bare_title_without_context_is_unresolved(role: str) -> None:
    assert holder_at(role, "2022-02-15", kb=kb()) is None


def test_kb_roles_before_any_holder_is_none() -> None:
    assert holder_at("US-Sondergesandter", "2020-01-01", kb=kb()) is None


def test_kb_roles_find_role_by_name() -> None:
    assert find_role("Chancellor of Germany", kb=kb()).id == "germany/head_of_government"
