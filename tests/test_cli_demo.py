"""`lagebild demo`, `show` and `quotes` as a new user runs them after `make demo`."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from lagebild.cli import app

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    result = runner.invoke(app, ["demo", "--db", db, "--examples", str(EXAMPLES)], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    return db, result.output


def test_cli_demo_reports_ingested_duplicates_and_skipped(demo_db: tuple[str, str]) -> None:
    _, output = demo_db
    # five syndicated near-copies in examples/corpus (see examples/README.md)
    assert "ingested" in output and "duplicates 5" in output
    for bad in ("empty.txt", "binary.txt", "mixed.jsonl:2"):
        assert bad in output, f"{bad} should be reported as skipped"
    assert "Vladimir Putin" in output


def test_cli_quotes_by_speaker_alias_and_date(demo_db: tuple[str, str]) -> None:
    db, _ = demo_db
    result = runner.invoke(app, ["quotes", "--speaker", "Lawrow", "--from", "2022-01-01", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert lines, "the demo corpus quotes Lavrov"
    assert all("Sergey Lavrov" in line for line in lines)
    none = runner.invoke(app, ["quotes", "--speaker", "Lawrow", "--to", "2000-01-01", "--db", db])
    assert "No quotes match" in none.output


def test_cli_show_highlights_a_stored_document(demo_db: tuple[str, str]) -> None:
    db, _ = demo_db
    stem = sorted(p.stem for p in (EXAMPLES / "corpus").glob("de_*.txt"))[0]
    result = runner.invoke(app, ["show", stem, "--db", db])
    assert result.exit_code == 0, result.output
    assert "actors" in result.output and "mentions" in result.output


def test_cli_show_unknown_document_says_what_to_do(demo_db: tuple[str, str]) -> None:
    db, _ = demo_db
    result = runner.invoke(app, ["show", "no-such-document", "--db", db])
    assert result.exit_code != 0


def test_cli_demo_stance_matrix_shows_the_change_of_the_actors_in_office(demo_db: tuple[str, str]) -> None:
    import json

    db, _ = demo_db
    result = runner.invoke(app, ["stances", "--matrix", "--by", "country", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    m = json.loads(result.stdout)
    holders: dict[tuple[str, str], set[str]] = {}
    for c in m["cells"]:
        holders.setdefault((c["row"], c["period"][:4]), set()).update(c["holders"])
        assert c["evidence"] and all(e["export_id"] for e in c["evidence"]), "every cell links to its evidence"
    assert "Olaf Scholz" in holders[("germany", "2022")] and "Friedrich Merz" in holders[("germany", "2025")]
    assert "Joe Biden" in holders[("united_states", "2022")]
    assert "Donald Trump" in holders[("united_states", "2025")]


def test_cli_demo_brief_in_every_format_passes_its_check(demo_db: tuple[str, str], tmp_path: Path) -> None:
    db, _ = demo_db
    formats = ["md", "html"]
    try:
        import weasyprint  # noqa: F401
        formats.append("pdf")
    except ImportError:  # the optional pdf extra
        pass
    for fmt in formats:
        out = tmp_path / f"brief.{fmt}"
        made = runner.invoke(app, ["brief", "--from", "2025-08-01", "--to", "2025-12-31", "--format", fmt,
                                   "-o", str(out), "--db", db])
        assert made.exit_code == 0, made.output
        checked = runner.invoke(app, ["brief", "--check", str(out), "--db", db])
        assert checked.exit_code == 0, checked.output
        assert "citation precision 100.0%" in checked.output
    md = (tmp_path / "brief.md").read_text(encoding="utf-8")
    assert "## Key developments" in md and "Donald Trump" in md and "[^1]: " in md
    page = (tmp_path / "brief.html").read_text(encoding="utf-8")
    captions = [c.split("<")[0] for c in page.split("<figcaption>")[1:]]
    assert [c.split(" (")[0] for c in captions] == ["Events per week by PLOVER quad class", "Commitments by status",
                                                   "Actor network", "Stance matrix"], captions


def test_cli_demo_brief_check_fails_on_a_tampered_sentence(demo_db: tuple[str, str], tmp_path: Path) -> None:
    db, _ = demo_db
    out = tmp_path / "brief.md"
    made = runner.invoke(app, ["brief", "--from", "2025-08-01", "--to", "2025-12-31", "-o", str(out), "--db", db])
    assert made.exit_code == 0, made.output
    lines = out.read_text(encoding="utf-8").splitlines()
    i = next(i for i, line in enumerate(lines) if line.startswith("- ") and "Donald Trump" in line)
    lines[i] = lines[i].replace("Donald Trump", "Olaf Scholz", 1)
    tampered = tmp_path / "tampered.md"
    tampered.write_text("\n".join(lines) + "\n", encoding="utf-8")
    checked = runner.invoke(app, ["brief", "--check", str(tampered), "--db", db])
    assert checked.exit_code == 3
    assert "Olaf Scholz is mentioned in none of the cited spans" in checked.output


def test_cli_demo_network_graphml_loads_in_networkx(demo_db: tuple[str, str], tmp_path: Path) -> None:
    nx = pytest.importorskip("networkx")
    db, _ = demo_db
    out = tmp_path / "net.graphml"
    result = runner.invoke(app, ["network", "--format", "graphml", "-o", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out)
    labels = {d.get("label") for _, d in graph.nodes(data=True)}
    assert {"Donald Trump", "Vladimir Putin"} <= labels and graph.number_of_edges() > 10
