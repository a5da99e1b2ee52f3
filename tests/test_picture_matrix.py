"""The stance matrix (``lagebild stances --matrix``): actor × issue over time, shifts flagged, cells
linked to their evidence, commentators apart; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date

from picture_reports import url_of
from typer.testing import CliRunner

from lagebild.cli import app
from lagebild.document import Document, Stance
from lagebild.picture.matrix import stance_matrix
from lagebild.store import testing as _fixtures
from lagebild.store.base import Store
from lagebild.store.testing import make_document, span

store = _fixtures.store  # both backends
pg_session_url = _fixtures.pg_session_url
runner = CliRunner()

PEOPLE = {
    "olaf_scholz": ("Olaf Scholz", "person", ["Scholz"]),
    "friedrich_merz": ("Friedrich Merz", "person", ["Merz"]),
    "joe_biden": ("Joe Biden", "person", ["Biden"]),
    "donald_trump": ("Donald Trump", "person", ["Trump"]),
    "germany": ("Germany", "state", ["Deutschland"]),
}


def _doc(text: str, published: date, export_id: str,
         stances: list[tuple[str, str, str, str, str]]) -> Document:
    """``stances``: (evidence surface, actor, issue, polarity, holder kind)."""
    used = {actor for _, actor, _, _, _ in stances}
    doc = make_document(text, published=published, export_id=export_id, title=text.split(".")[0],
                        actors={a: PEOPLE[a] for a in sorted(used) if a in PEOPLE})
    for surface, actor, issue, polarity, holder in stances:
        s, e = span(text, surface)
        doc.stances.append(Stance(s, e, component="test", rule="hand-made", actor=actor, issue=issue,
                                  polarity=polarity, date=published.isoformat(), holder_kind=holder,
                                  evidence=surface))
    doc.layers.add("stances")
    return doc


SCHOLZ_2022 = _doc("Scholz lehnt Waffenlieferungen an die Ukraine weiterhin ab.", date(2022, 2, 14), "de_scholz",
                   [("Scholz lehnt Waffenlieferungen an die Ukraine weiterhin ab", "olaf_scholz",
                     "weapons deliveries to Ukraine", "oppose", "own")])
BIDEN_2022 = _doc("Biden lehnt Sicherheitsgarantien für die Ukraine ab.", date(2022, 3, 1), "de_biden",
                  [("Biden lehnt Sicherheitsgarantien für die Ukraine ab", "joe_biden",
                    "security guarantees for Ukraine", "oppose", "own")])
MERZ_2025 = _doc("Merz will Waffen liefern, wenn Russland die Waffenruhe bricht.", date(2025, 8, 18), "de_merz",
                 [("Merz will Waffen liefern, wenn Russland die Waffenruhe bricht", "friedrich_merz",
                   "weapons deliveries to Ukraine", "conditional", "own")])
TRUMP_2025 = _doc("Trump bietet der Ukraine Sicherheitsgarantien an. Ein Fehler, meint unser Kommentator.",
                  date(2025, 8, 19), "de_trump",
                  [("Trump bietet der Ukraine Sicherheitsgarantien an", "donald_trump",
                    "security guarantees for Ukraine", "support", "own"),
                   ("Ein Fehler, meint unser Kommentator", "doc:author", "security guarantees for Ukraine",
                    "oppose", "commentator")])
ALL = (SCHOLZ_2022, BIDEN_2022, MERZ_2025, TRUMP_2025)


def test_picture_matrix_shows_the_change_of_the_actors_in_office() -> None:
    m = stance_matrix(ALL, by="country")
    germany = m.cell("germany", "weapons deliveries to Ukraine", "2022")
    assert germany is not None and germany.polarity == "oppose" and germany.holders == ["Olaf Scholz"]
    later = m.cell("germany", "weapons deliveries to Ukraine", "2025")
    assert later is not None and later.polarity == "conditional" and later.holders == ["Friedrich Merz"]
    texts = [s.text for s in m.shifts]
    assert "Germany moves from oppose to conditional on weapons deliveries to Ukraine (2022 → 2025)" in texts
    assert any(t.startswith("United States moves from oppose to support on security guarantees") for t in texts)


def test_picture_matrix_cells_link_to_their_evidence() -> None:
    m = stance_matrix(ALL, by="country")
    c = m.cell("united_states", "security guarantees for Ukraine", "2025")
    assert c is not None
    (ev,) = c.evidence
    assert ev["export_id"] == "de_trump"
    assert TRUMP_2025.text[ev["start"]:ev["end"]] == "Trump bietet der Ukraine Sicherheitsgarantien an"


def test_picture_matrix_keeps_the_commentator_apart() -> None:
    m = stance_matrix(ALL, by="country")
    assert all(c.polarity != "oppose" for c in m.cells.values() if c.period == "2025" and c.row == "united_states")
    assert m.commentary is not None
    (opinion,) = m.commentary.cells.values()
    assert opinion.polarity == "oppose" and opinion.row == "doc:author"


def test_picture_matrix_by_actor_flags_the_first_position() -> None:
    m = stance_matrix(ALL, by="actor", period="month")
    assert m.cell("olaf_scholz", "weapons deliveries to Ukraine", "2022-02") is not None
    assert not [s for s in m.shifts if s.kind == "shift"], "different people are different rows"


def test_picture_matrix_cli_json_and_filter(store: Store) -> None:
    store.add_many(ALL)
    result = runner.invoke(app, ["stances", "--matrix", "--actor", "Deutschland", "--json", "--db", url_of(store)])
    assert result.exit_code == 0, result.output
    m = json.loads(result.stdout)
    assert set(m["rows"]) == {"germany"}
    assert [s["text"] for s in m["shifts"]] == [
        "Germany moves from oppose to conditional on weapons deliveries to Ukraine (2022 → 2025)"]
    table = runner.invoke(app, ["stances", "--matrix", "--db", url_of(store)])
    assert table.exit_code == 0 and "commentators' opinions" in table.stdout
    bad = runner.invoke(app, ["stances", "--matrix", "--period", "decade", "--db", url_of(store)])
    assert bad.exit_code == 2
