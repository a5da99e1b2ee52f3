"""``lagebild brief``: every sentence compiled from stored records with its citations, and
``lagebild brief --check`` failing on a briefing with one sentence tampered with; on SQLite and
PostgreSQL, with hand-made reports (tests/picture_reports.py) so that no layer's accuracy matters."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from picture_reports import ACTORS, ALL, report, store_reports, url_of
from typer.testing import CliRunner

from lagebild.cli import app
from lagebild.document import Document, Sentence
from lagebild.picture.brief import compile_brief
from lagebild.picture.brief_model import parse_markdown
from lagebild.store import testing as _fixtures
from lagebild.store.base import Store
from lagebild.store.testing import make_document

store = _fixtures.store  # both backends
pg_session_url = _fixtures.pg_session_url
runner = CliRunner()

JANUARY = ["--from", "2022-01-01", "--to", "2022-01-31"]

# an event record whose actor the sentence does not name: the briefing must not state it
UNSUPPORTED = report(
    "Kiew. Die Ukraine meldete am Dienstag schweren Beschuss im Osten.",
    published=date(2022, 1, 18), outlet="Demo Wire", language="de", export_id="de_beschuss",
    events=[("Beschuss", "ASSAULT", "vladimir_putin", "ukraine", None, None)])


def _lawrow() -> Document:
    text = ("Moskau. Lawrow sagte am Freitag: „Wir werden 5000 Soldaten von der Grenze abziehen.“ "
            "Beobachter blieben skeptisch.")
    doc = make_document(text, published=date(2022, 1, 21), export_id="de_lawrow", title="Lawrow kündigt Abzug an",
                        actors={"sergey_lavrov": ACTORS["sergey_lavrov"]},
                        mentions=[("Lawrow", "sergey_lavrov", 0)],
                        quotes=[("Wir werden 5000 Soldaten von der Grenze abziehen.", "direct", "sergey_lavrov")],
                        timexes=[("am Freitag", "2022-01-21")],
                        figures=[("5000 Soldaten", 5000.0, "soldier", False)])
    cut = text.index("Beobachter")
    doc.sentences = [Sentence(0, 6, component="test"), Sentence(7, cut - 1, component="test"),
                     Sentence(cut, len(text), component="test")]
    doc.quotes[0].speaker_start, doc.quotes[0].speaker_end = 8, 14
    doc.layers.add("sentences")
    return doc


def _brief(store: Store, tmp_path: Path, *args: str, name: str = "brief.md") -> tuple[Path, str]:
    out = tmp_path / name
    result = runner.invoke(app, ["brief", *JANUARY, *args, "-o", str(out), "--db", url_of(store)])
    assert result.exit_code == 0, result.output
    return out, result.output


def _check(store: Store, path: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["brief", "--check", str(path), "--db", url_of(store)])
    return result.exit_code, result.output


def _tamper(path: Path, old: str, new: str) -> Path:
    """The briefing with ``old`` replaced in the first sentence (bullet line) that holds it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    i = next(i for i, line in enumerate(lines) if line.startswith("- ") and old in line)
    lines[i] = lines[i].replace(old, new, 1)
    tampered = path.with_name("tampered" + path.suffix)
    tampered.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tampered


def test_brief_every_sentence_cites_document_sentence_and_span(store: Store, tmp_path: Path) -> None:
    store_reports(store)
    store.add(_lawrow())
    path, _ = _brief(store, tmp_path)
    claims, citations, bad = parse_markdown(path.read_text(encoding="utf-8"))
    assert not bad and claims
    assert "Reported on 2022-01-10, Russia met or consulted with United States (3 independent sources)." in \
        [c.text for c in claims], "the Geneva talks: one event, the syndicated copy not counted"
    for claim in claims:
        assert claim.refs and all(n in citations for n in claim.refs), claim.text
    for c in citations.values():
        doc = store.get(c.doc_id)
        assert " ".join(doc.text[c.start:c.end].split()).replace("„", "'").replace("“", "'") == c.span
        assert c.date == doc.meta.published.isoformat() and c.sentence >= 1
    text = path.read_text(encoding="utf-8")
    assert "Lawrow" not in [c.text for c in claims]
    assert any(c.text == "Reported on 2022-01-21, Sergey Lavrov said: “Wir werden 5000 Soldaten von der Grenze "
               "abziehen”." for c in claims)
    assert any("“5000 Soldaten” (reported on 2022-01-21)" in c.text for c in claims)
    assert re.search(r"^\[\^\d+\]: de_lawrow \(document [0-9a-f]+\), “Lawrow kündigt Abzug an”, 2022-01-21, "
                     r"sentence 2, characters 7–\d+: “Lawrow sagte am Freitag: 'Wir werden", text, re.M)
    assert _check(store, path)[0] == 0


@pytest.mark.parametrize(("old", "new"), [
    ("Reported on 2022-01-12", "Reported on 2022-01-13"),  # a date
    ("threatened Ukraine", "threatened China"),  # an actor
    ("(3 independent sources)", "(4 independent sources)"),  # a count
    ("5000 Soldaten von der Grenze", "6000 Soldaten von der Grenze"),  # a quote
])
def test_brief_check_fails_on_a_tampered_sentence(store: Store, tmp_path: Path, old: str, new: str) -> None:
    store_reports(store)
    store.add(_lawrow())
    path, _ = _brief(store, tmp_path)
    code, output = _check(store, _tamper(path, old, new))
    assert code == 3
    assert "unsupported: " in output and "check FAILED" in output


def test_brief_check_fails_on_a_footnote_whose_span_is_not_at_its_offsets(store: Store, tmp_path: Path) -> None:
    store_reports(store)
    path, _ = _brief(store, tmp_path)
    text = path.read_text(encoding="utf-8")
    moved = re.sub(r"(\[\^1\]: .*characters )(\d+)–", lambda m: f"{m[1]}{int(m[2]) + 1}–", text, count=1)
    assert moved != text
    (tmp_path / "moved.md").write_text(moved, encoding="utf-8")
    code, output = _check(store, tmp_path / "moved.md")
    assert code == 3 and "is not at characters" in output


def test_brief_drops_a_sentence_its_citations_do_not_support(store: Store, tmp_path: Path) -> None:
    store_reports(store, (*ALL, UNSUPPORTED))
    path, output = _brief(store, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert "Vladimir Putin" not in text and "de_beschuss" not in text
    assert "1 of 4 candidate sentences dropped" in " ".join(output.split())
    result = compile_brief(store, date_from=date(2022, 1, 1), date_to=date(2022, 1, 31))
    (claim, problems), = result.dropped
    assert claim.text.startswith("Reported on 2022-01-18, Vladimir Putin attacked Ukraine")
    assert "Vladimir Putin is mentioned in none of the cited spans" in problems


def test_brief_as_of_leaves_out_what_was_published_later(store: Store, tmp_path: Path) -> None:
    store_reports(store)
    path, _ = _brief(store, tmp_path, "--as-of", "2022-01-10")
    text = path.read_text(encoding="utf-8")
    assert "Russia met or consulted with United States (2 independent sources)" in text
    assert "de_genf_bilanz" not in text and "de_nato_rat" not in text and "de_genf_nachdruck" not in text
    assert _check(store, path)[0] == 0


def test_brief_html_has_plots_and_passes_its_check(store: Store, tmp_path: Path) -> None:
    store_reports(store)
    path, _ = _brief(store, tmp_path, "--format", "html", name="brief.html")
    page = path.read_text(encoding="utf-8")
    assert "<svg" in page and "Events per week" in page
    assert _check(store, path)[0] == 0
    tampered = path.with_name("tampered.html")
    tampered.write_text(page.replace("threatened Ukraine", "threatened China", 1), encoding="utf-8")
    assert _check(store, tampered)[0] == 3


def test_brief_pdf_carries_its_sentences_and_passes_its_check(store: Store, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    store_reports(store)
    path, _ = _brief(store, tmp_path, "--format", "pdf", name="brief.pdf")
    assert path.read_bytes().startswith(b"%PDF")
    assert _check(store, path)[0] == 0


def test_brief_states_no_planned_event_as_a_development(store: Store, tmp_path: Path) -> None:
    planned = report("Moskau. Lawrow will die Ukraine am Freitag in Minsk treffen.", published=date(2022, 1, 19),
                     outlet="Demo Wire", language="de", export_id="de_geplant",
                     events=[("treffen", "CONSULT", "sergey_lavrov", "ukraine", None, "Minsk")])
    planned.events[0].modality = "planned"
    store_reports(store, (*ALL, planned))
    path, _ = _brief(store, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert "Sergey Lavrov" not in text and "de_geplant" not in text
    assert "NATO met or consulted with Russia" in text


def test_brief_actor_keeps_what_involves_that_actor(store: Store, tmp_path: Path) -> None:
    store_reports(store)
    path, _ = _brief(store, tmp_path, "--actor", "Kiew")
    claims, _, _ = parse_markdown(path.read_text(encoding="utf-8"))
    assert [c.text for c in claims] == ["Reported on 2022-01-10, Russia threatened Ukraine."]
    assert _check(store, path)[0] == 0
