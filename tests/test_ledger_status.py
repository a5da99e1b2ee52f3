"""The commitments ledger across a real store (SQLite and PostgreSQL): statuses as of a date, each
with the evidence (document and span) that set it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lagebild import ingest
from lagebild.cli import app
from lagebild.document import Document, Metadata
from lagebild.picture.ledger import commitments_ledger, rate
from lagebild.store import open_store
from lagebild.store import testing as _fixtures

store = _fixtures.store
pg_session_url = _fixtures.pg_session_url

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"
DEMO_PAIR = ("de_2025-08-20_fristen_nach_gipfel.txt", "de_2025-08-30_fristen_verstrichen.txt")

# Two short articles written for these tests: a promise with a deadline, a plan, a threat; and a later
# report that says what became of them.
FIRST = ("Die EU-Kommission will bis zum 15. März ein neues Sanktionspaket gegen Russland vorlegen, "
         "sagte Kommissionspräsidentin Ursula von der Leyen am Montag. Innerhalb von zwei Wochen soll ein "
         "Treffen zwischen Kremlchef Wladimir Putin und dem ukrainischen Präsidenten Wolodymyr Selenskyj "
         "stattfinden, kündigte US-Präsident Donald Trump an. Die Europäer und die USA sollen bis Ende März "
         "schriftliche Sicherheitsgarantien für die Ukraine ausarbeiten.")
LATER = ("Die EU-Kommission hat am Freitag ihr neues Sanktionspaket gegen Russland vorgelegt. Das angekündigte "
         "Treffen zwischen Putin und Selenskyj kam nicht zustande.")


def analysed(text: str, published: str) -> Document:
    import lagebild

    return lagebild.analyze(text, published=date.fromisoformat(published))


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    return [analysed(FIRST, "2025-03-03"), analysed(LATER, "2025-03-21")]


def entry_for(entries, actor: str):
    found = [e for e in entries if e.commitment.actor == actor]
    assert found, [(e.commitment.actor, e.commitment.kind) for e in entries]
    return found[0]


def test_ledger_rates_kept_broken_overdue_with_evidence_on_both_backends(store, documents):
    store.add_many(documents)
    entries = commitments_ledger(store, as_of=date(2025, 4, 15))
    kept = entry_for(entries, "european_commission")
    assert kept.status == "kept"
    assert kept.evidence[0].doc_id == documents[1].id and "vorgelegt" in kept.evidence[0].text
    broken = entry_for(entries, "donald_trump")
    assert broken.status == "broken" and "nicht zustande" in broken.evidence[0].text
    overdue = entry_for(entries, "europeans")
    assert overdue.status == "overdue" and overdue.commitment.deadline == "2025-03-31"
    assert overdue.evidence[0].doc_id == documents[0].id  # the commitment and its passed deadline
    ev = broken.evidence[0]
    stored = store.get(ev.doc_id)
    assert stored.text[ev.start:ev.end].startswith("Das angekündigte Treffen")


def test_ledger_before_the_later_report_is_pending_or_due(documents):
    early = rate(documents, as_of=date(2025, 3, 10))  # the later article is not out yet
    assert entry_for(early, "european_commission").status == "pending"
    assert entry_for(early, "donald_trump").status == "pending"
    due = rate(documents, as_of=date(2025, 3, 15))
    assert entry_for(due, "european_commission").status == "due"


def test_ledger_a_later_commitment_of_the_same_actor_supersedes_an_earlier_one():
    docs = [analysed("Die EU-Kommission will im Mai ein neues Sanktionspaket gegen russische Banken "
                     "und Ölhändler vorlegen.", "2025-04-01"),
            analysed("Die EU-Kommission will erst im Juni ein neues Sanktionspaket gegen russische Banken "
                     "und Ölhändler vorlegen.", "2025-05-20")]
    entries = rate(docs, as_of=date(2025, 5, 25))
    first = [e for e in entries if e.doc_id == docs[0].id]
    assert first and first[0].status == "superseded"
    assert first[0].evidence[0].doc_id == docs[1].id


def test_ledger_marks_the_seeds_unkept_threat_broken(seeds_dir, tmp_path):
    """The seed of 19 August 2025 holds Trump's threat of "schweren Konsequenzen" and, later, the
    report that nothing happened; the seeds are read where they stand."""
    db = str(tmp_path / "seeds.db")
    with open_store(db) as st:
        for path in sorted(seeds_dir.glob("*.txt")):
            docs = [d for d in ingest.read_source(path) if isinstance(d, Document)]
            st.add_many(analysed_doc(d) for d in docs)
        entries = commitments_ledger(st, as_of=date(2025, 12, 31), actor="Trump", status="broken")
    threats = [e for e in entries if e.commitment.kind == "threat"]
    assert threats, entries
    assert "Konsequenzen" in threats[0].commitment.content
    assert "geschah: nichts" in threats[0].evidence[0].text


def analysed_doc(doc: Document) -> Document:
    from lagebild.pipeline import default_pipeline

    return default_pipeline()(doc)


@pytest.fixture(scope="module")
def demo_pair_db(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    result = CliRunner().invoke(app, ["ingest", *(str(EXAMPLES / n) for n in DEMO_PAIR), "--db", db])
    assert result.exit_code == 0, result.output
    return db


def test_ledger_cli_lists_overdue_commitments_as_of_a_date(demo_pair_db):
    result = CliRunner().invoke(app, ["commitments", "--status", "overdue", "--as-of", "2025-09-01",
                                      "--db", demo_pair_db, "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert rows and all(r["status"] == "overdue" for r in rows)
    assert {r["actor"] for r in rows} >= {"europeans", "united_states"}
    assert all(r["deadline"] < "2025-09-01" and r["status_evidence"] for r in rows)
    table = CliRunner().invoke(app, ["commitments", "--as-of", "2025-09-01", "--db", demo_pair_db])
    assert table.exit_code == 0 and "broken" in table.output and "kept" in table.output


def test_ledger_cli_refuses_an_unknown_status_and_reports_no_match(demo_pair_db):
    bad = CliRunner().invoke(app, ["commitments", "--status", "forgotten", "--db", demo_pair_db])
    assert bad.exit_code == 2
    none = CliRunner().invoke(app, ["commitments", "--actor", "Nobody Known", "--db", demo_pair_db])
    assert none.exit_code == 1 and "No commitments match" in none.output


def test_ledger_ignores_articles_after_the_as_of_date(documents):
    entries = rate(documents + [Document("x", Metadata(published=date(2030, 1, 1)))], as_of=date(2025, 4, 15))
    assert all(e.made is None or e.made <= "2025-04-15" for e in entries)


def test_ledger_a_later_event_of_the_actor_keeps_a_plan_without_shared_words():
    """"Selenskyj will am Montag nach Washington reisen" is kept by a later meeting with Selenskyj on
    one side ("Trump empfing Selenskyj am Montag"), dated by the deadline: a deed of a compatible
    PLOVER type by the same actor, though the report shares no word with the plan."""
    plan = analysed("Selenskyj kündigte am Samstag an, am Montag nach Washington zu reisen.", "2025-08-16")
    later = analysed("US-Präsident Donald Trump empfing Wolodymyr Selenskyj am Montag im Weißen Haus.",
                     "2025-08-19")
    entry = entry_for(rate([plan, later], as_of=date(2025, 9, 1)), "volodymyr_zelenskyy")
    assert entry.status == "kept", [(e.rule, e.text) for e in entry.evidence]
    assert entry.evidence[0].rule == "event_CONSULT" and entry.evidence[0].doc_id == later.id
    alone = entry_for(rate([plan], as_of=date(2025, 9, 1)), "volodymyr_zelenskyy")
    assert alone.status == "overdue"


def test_ledger_a_demand_is_kept_only_by_the_side_it_is_made_of():
    """A report that the demander itself handed over papers does not meet its demand; a report that
    others answered it does."""
    demand = analysed("Russland verlangt schriftliche Sicherheitsgarantien für seine Westgrenze.", "2021-12-17")
    own = analysed("Moskau hat seine Vorschläge für schriftliche Sicherheitsgarantien vorgelegt.", "2021-12-20")
    answer = analysed("Die USA und die Nato haben Russland ihre schriftlichen Antworten zu den Sicherheitsgarantien "
                      "vorgelegt.", "2022-01-26")
    entry = entry_for(rate([demand, own], as_of=date(2022, 2, 1)), "russia")
    assert entry.commitment.kind == "demand" and entry.status == "pending", [(e.rule, e.text) for e in entry.evidence]
    entry = entry_for(rate([demand, own, answer], as_of=date(2022, 2, 1)), "russia")
    assert entry.status == "kept" and entry.evidence[0].doc_id == answer.id
