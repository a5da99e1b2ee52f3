"""The KB loader: schema validation with clear errors, user directories merged key by key."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lagebild.actors.loader import load_kb, parse_kb_date
from lagebild.errors import ConfigError

DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "kb"


def test_kb_loader_reads_fixture() -> None:
    kb = load_kb([FIXTURE], shipped=False)
    assert kb.actor("vladimir_putin").gender == "m"
    assert kb.role("germany/head_of_government").default_for_language == ["de"]
    assert kb.actor("russia").metonyms["de"] == ["Kreml", "Moskau"]


def test_kb_loader_user_dir_overrides_key_by_key() -> None:
    kb = load_kb([FIXTURE, DATA / "kb_user"], shipped=False)
    scholz = kb.actor("olaf_scholz")
    assert "Olaf der Große" in scholz.aliases  # overridden key
    assert scholz.names["de"] == ["Olaf Scholz"]  # untouched keys keep the shipped value
    assert scholz.gender == "m"
    assert kb.actor("janis_kluge") is not None  # added entry


@pytest.mark.parametrize(("value", "end", "expected"), [
    ("2022-02-15", False, date(2022, 2, 15)),
    ("2025-01", False, date(2025, 1, 1)),
    ("2024-02", True, date(2024, 2, 29)),
    ("2019", True, date(2019, 12, 31)),
    (2019, False, date(2019, 1, 1)),
    (None, False, None),
])
def test_kb_loader_partial_dates(value: object, end: bool, expected: date | None) -> None:
    assert parse_kb_date(value, end=end) == expected


@pytest.mark.parametrize(("content", "message"), [
    ("actors:\n  - {id: x, name: X, type: planet}\n", "type 'planet'"),
    ("actors:\n  - {id: x, type: state}\n", "has no 'name'"),
    ("actors:\n  - {name: X, type: state}\n", "must be a mapping with an 'id'"),
    ("roles:\n  - {id: r, office: nowhere, of: russia}\n", "office 'nowhere' is not defined"),
    ("roles:\n  - {id: r, office: head_of_state, of: russia, holders: [{actor: nobody, from: 2020}]}\n",
     "actor 'nobody' is not a known actor id"),
    ("roles:\n  - {id: r, office: head_of_state, of: russia, holders: [{actor: vladimir_putin, from: soon}]}\n",
     "not an ISO date"),
    ("roles:\n  - {id: r, office: head_of_state, of: russia, holders: [{actor: vladimir_putin, from: 2020, to: 2019}]}\n",
     "ends"),
    ("people:\n  - {id: x}\n", "unknown top-level key"),
    ("actors: [\n", "invalid YAML"),
])
def test_kb_loader_errors_name_file_and_entry(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_kb([FIXTURE, tmp_path], shipped=False)
    assert message in str(err.value)
    assert "bad.yaml" in str(err.value)


def test_kb_loader_duplicate_id_in_one_directory(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("actors:\n  - {id: x, name: X, type: state}\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("actors:\n  - {id: x, name: Y, type: state}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="defined twice"):
        load_kb([tmp_path], shipped=False)


def test_kb_loader_missing_user_dir_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_kb([FIXTURE, tmp_path / "nope"], shipped=False)


def test_kb_loader_shipped_data_is_valid() -> None:
    kb = load_kb()
    assert kb.actor("russia") is not None
    assert len(kb.actors) >= 190
