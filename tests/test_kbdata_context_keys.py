"""The knowledge-base keys ``party`` (persons) and ``requires`` (context for common-word names)."""

from __future__ import annotations

import pytest

from lagebild.actors.loader import get_kb


def test_kbdata_party_refers_to_a_party() -> None:
    kb = get_kb()
    bad = [(a.id, a.party) for a in kb.actors.values() if a.party and (
        a.type != "person" or kb.actor(a.party) is None or "party" not in kb.actor(a.party).tags)]
    assert not bad, bad


def test_kbdata_requires_ids_exist() -> None:
    kb = get_kb()
    bad = [(a.id, r) for a in kb.actors.values() for r in a.requires if r not in kb.actors and r not in kb.places]
    assert not bad, bad


@pytest.mark.parametrize(("person", "party"), [
    ("olaf_scholz", "spd"), ("friedrich_merz", "cdu"), ("markus_soeder", "csu"),
    ("annalena_baerbock", "alliance_90_the_greens"), ("christian_lindner", "fdp"),
    ("donald_trump", "republican_party"), ("joe_biden", "democratic_party"),
])
def test_kbdata_party_of_known_politicians(person: str, party: str) -> None:
    a = get_kb().actor(person)
    assert a is not None and a.party == party
