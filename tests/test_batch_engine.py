"""`lagebild batch` on the local engine: inputs of every kind into Parquet tables, bad input in the
errors table, incremental re-runs (skip what OUTPUT holds with this pipeline version, redo what a
changed version or --force asks for). Spark gives the same tables: tests/test_spark_engine.py."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from lagebild.batch import analyze_documents
from lagebild.settings import Settings, SpeechSettings

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
warcio = pytest.importorskip("warcio")

from lagebild.commands import batch as batch_command  # noqa: E402
from lagebild.spark import ENGINES, SPARK_MIN_DOCUMENTS, TABLES, pipeline_version, run_batch  # noqa: E402
from lagebild.spark.output import read_table  # noqa: E402

# Hand-written articles (not from ../shared): short, so that a run takes seconds.
SCHOLZ = ("Berlin, 14. März 2023. Bundeskanzler Olaf Scholz hat am Dienstag in Berlin den polnischen "
          "Ministerpräsidenten empfangen. „Wir stehen fest an der Seite der Ukraine“, sagte Scholz nach dem "
          "Treffen. Beide Regierungen wollen bis Ende April ein gemeinsames Programm für die Luftabwehr vorlegen.")
GENEVA = ("Geneva, 3 May 2023. The foreign ministers of France and Germany met in Geneva on Wednesday. "
          "\"We want a ceasefire before the summer,\" the French minister said. The talks will continue next week.")
VIENNA = ("Wien, 9. Februar 2023. Die OSZE hat am Donnerstag in Wien über die Lage in der Ostukraine beraten. "
          "Der Vorsitzende forderte einen sofortigen Waffenstillstand und den Abzug schwerer Waffen.")
NATO = ("Brüssel, 21. Juni 2023. Die Nato-Verteidigungsminister haben am Mittwoch in Brüssel neue Pläne für die "
        "Ostflanke beschlossen. Generalsekretär Jens Stoltenberg sprach von einem historischen Schritt.")
UN = ("New York, 5 October 2023. The UN Security Council met on Thursday to discuss the situation in Sudan. "
      "Several members called for humanitarian access within 30 days.")
KYIV = ("Kiew, 12. Juli 2023. Der ukrainische Präsident Wolodymyr Selenskyj hat am Mittwoch neue Gespräche "
        "angekündigt. Russland lehnte den Vorschlag nach Angaben aus Moskau ab.")
TOKYO = ("Tokio, 2. August 2023. Japan und Südkorea wollen ihre Zusammenarbeit bei der Verteidigung ausbauen. "
         "Das teilten beide Regierungen am Mittwoch mit.")
BAD_LINE = b'{"text": "Die Verhandlungen wurden unterbrochen'  # malformed JSON: never closed


def write_corpus(folder: Path) -> dict[str, Path]:
    """Every kind of input ``lagebild batch`` reads, in two folders: ``plain`` (text, HTML, JSONL with one
    malformed line) and ``more`` (Parquet, a WARC file, a copy of a text article under another name)."""
    plain, more = folder / "plain", folder / "more"
    plain.mkdir(parents=True)
    more.mkdir()
    lines = [json.dumps({"id": "scholz", "text": SCHOLZ, "published": "2023-03-14"}, ensure_ascii=False).encode(),
             BAD_LINE,
             json.dumps({"id": "geneva", "text": GENEVA, "language": "en"}).encode()]
    (plain / "a.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    (plain / "b.txt").write_text(f"Title: OSZE berät in Wien\nDate: 2023-02-09\n\n{VIENNA}\n", encoding="utf-8")
    (plain / "c.html").write_text(
        "<html><head><title>Nato beschließt Pläne</title></head><body><article><h1>Nato beschließt Pläne</h1>"
        f"<p>{NATO}</p></article></body></html>", encoding="utf-8")
    pq.write_table(pa.table({"id": ["un", "kyiv"], "text": [UN, KYIV], "published": ["2023-10-05", "2023-07-12"]}),
                   more / "d.parquet")
    write_warc(more / "e.warc.gz")
    (more / "f.txt").write_text(f"Title: OSZE berät in Wien\nDate: 2023-02-09\n\n{VIENNA}\n", encoding="utf-8")
    return {"plain": plain, "more": more}


WARC_URL = "https://example.org/2023/08/tokio"


def write_warc(path: Path) -> None:
    """A WARC file with one article page, an image and a page that was not found."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = ("<html><head><title>Japan und Südkorea</title></head><body><article><h1>Japan und Südkorea</h1>"
            f"<p>{TOKYO}</p></article></body></html>").encode()
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, status, ctype, body in ((WARC_URL, "200 OK", "text/html; charset=utf-8", page),
                                         ("https://example.org/logo.png", "200 OK", "image/png", b"\x89PNG...."),
                                         ("https://example.org/gone", "404 Not Found", "text/html", b"<p>gone</p>")):
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=http))


def table_rows(output: Path, table: str, drop: tuple[str, ...] = ("ingested_at",)) -> list[tuple[object, ...]]:
    """A table's rows without the columns in ``drop``, sorted (engines write them in any order)."""
    data = read_table(output, table).to_pylist()
    return sorted((tuple((k, v) for k, v in row.items() if k not in drop) for row in data), key=repr)


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings.from_env()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_corpus(tmp_path_factory.mktemp("corpus"))


def run_local(inputs: list[Path], output: Path, settings: Settings, **kw: object):  # type: ignore[no-untyped-def]
    return run_batch(inputs, output, settings=settings, engine="local", workers=1,
                     local_analyser=analyze_documents, **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def first_run(corpus: dict[str, Path], settings: Settings, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    output = tmp_path_factory.mktemp("out") / "tables"
    run = run_local([corpus["plain"], corpus["more"]], output, settings)
    return output, run


def test_batch_engine_writes_every_table_and_the_bad_line_to_errors(first_run) -> None:  # type: ignore[no-untyped-def]
    output, run = first_run
    assert sorted(p.name for p in output.iterdir() if p.is_dir()) == sorted(TABLES)
    docs = read_table(output, "documents").to_pylist()
    # 2 JSONL + text + HTML + 2 Parquet rows + 1 WARC page; the copy (f.txt) is not written twice
    assert len(docs) == run.documents == 7
    assert run.copies == 1
    assert {d["export_id"] for d in docs} >= {"scholz", "geneva", "un", "kyiv"}
    assert any(d["url"] == WARC_URL for d in docs)
    assert {d["pipeline_version"] for d in docs} == {run.pipeline_version}
    # every document (and so every annotation row of it) names the versions that made it
    assert {tuple(sorted(json.loads(d["versions"]))) for d in docs} == {("kb", "lexicons", "models", "pipeline")}
    errors = read_table(output, "errors").to_pylist()
    assert len(errors) == 1 and errors[0]["source"].endswith("a.jsonl:2")
    assert "malformed JSON" in errors[0]["reason"] and errors[0]["stage"] == "read"
    assert run.exit_code == 1
    for table in TABLES:
        if table != "documents":
            ids = read_table(output, table, ["row_id"]).column("row_id").to_pylist()
            assert len(ids) == len(set(ids)), table
    assert read_table(output, "mentions").num_rows > 0
    assert read_table(output, "timexes").num_rows > 0


def test_batch_engine_rerun_skips_what_output_holds(first_run, corpus, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    output, first = first_run
    before = {t: table_rows(output, t) for t in TABLES}
    again = run_local([corpus["plain"], corpus["more"]], output, settings)
    assert again.documents == 0 and again.already_done == 7
    after = {t: table_rows(output, t) for t in TABLES}
    assert after == before  # nothing doubled; the errors of the inputs read again replaced, not added


def test_batch_engine_reanalyses_when_the_pipeline_version_changes(corpus, settings: Settings,
                                                                     tmp_path: Path) -> None:
    output = tmp_path / "tables"
    first = run_local([corpus["plain"]], output, settings)
    changed = replace(settings, speech=SpeechSettings(broad=not settings.speech.broad))
    assert pipeline_version(changed) != first.pipeline_version
    second = run_local([corpus["plain"]], output, changed)
    assert second.documents == first.documents == 4 and second.already_done == 0
    docs = read_table(output, "documents").to_pylist()
    assert len(docs) == 4 and {d["pipeline_version"] for d in docs} == {second.pipeline_version}
    forced = run_local([corpus["plain"]], output, changed, force=True)
    assert forced.documents == 4 and read_table(output, "documents").num_rows == 4
    assert read_table(output, "errors").num_rows == 1


def test_batch_engine_pipeline_version_follows_lexicon_content(tmp_path: Path, settings: Settings,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "lexicons"
    extra.mkdir()
    shipped = pipeline_version(settings)
    monkeypatch.setenv("LAGEBILD_LEXICON_DIRS", str(extra))
    assert pipeline_version(settings) == shipped  # an empty user folder changes nothing
    (extra / "reporting_verbs.yaml").write_text("verbs:\n  - beteuern\n", encoding="utf-8")
    edited = pipeline_version(settings)
    assert edited != shipped
    (extra / "reporting_verbs.yaml").write_text("verbs:\n  - beteuern\n", encoding="utf-8")  # rewritten, same
    assert pipeline_version(settings) == edited


def test_batch_engine_auto_stays_local_for_few_documents(corpus, settings: Settings, tmp_path: Path) -> None:
    run = run_batch([corpus["plain"]], tmp_path / "t", settings=settings, engine="auto", workers=1,
                    local_analyser=analyze_documents)
    assert run.engine == "local" and "below" in " ".join(run.notes)
    assert (batch_command.ENGINES, batch_command.SPARK_MIN_DOCUMENTS) == (ENGINES, SPARK_MIN_DOCUMENTS)


def test_batch_engine_command_line_reports_and_exits_1_on_errors(corpus, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from lagebild.cli import app

    out = tmp_path / "cli"
    result = CliRunner().invoke(app, ["batch", str(corpus["plain"]), str(out), "--engine", "local",
                                      "--workers", "1", "--json"])
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    assert summary["documents"] == 4 and summary["errors"] == 1 and summary["engine"] == "local"
    refused = CliRunner().invoke(app, ["batch", str(out)])
    assert refused.exit_code == 2


def test_batch_engine_refuses_an_output_folder_of_other_files(corpus, settings: Settings, tmp_path: Path) -> None:
    from lagebild.errors import ConfigError

    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ConfigError, match="other files"):
        run_local([corpus["plain"]], tmp_path, settings)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_batch_engine_reprocess_changed_redoes_only_the_edited_article(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from lagebild.cli import app

    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    for name, text in (("a", VIENNA), ("b", NATO), ("c", KYIV)):
        (corpus / f"{name}.txt").write_text(text + "\n", encoding="utf-8")

    def cli(*args: str) -> dict[str, object]:
        result = CliRunner().invoke(app, [*args, "--engine", "local", "--workers", "1", "--json"])
        assert result.exit_code == 0, result.output
        summary: dict[str, object] = json.loads(result.stdout)
        return summary

    assert cli("batch", str(corpus), str(out))["documents"] == 3
    before = {d["source"]: d["id"] for d in read_table(out, "documents").to_pylist()}
    (corpus / "b.txt").write_text(NATO + " Die Beschlüsse gelten ab sofort.\n", encoding="utf-8")
    again = cli("reprocess", str(out), "--changed")
    assert (again["documents"], again["already_done"], again["replaced"]) == (1, 2, 1)
    after = {d["source"]: d["id"] for d in read_table(out, "documents").to_pylist()}
    assert sorted(after) == sorted(before)  # one row per article: the edited one's old version is gone
    assert [s for s in after if after[s] != before[s]] == [str(corpus / "b.txt")]
    everything = cli("reprocess", str(out), "--all")
    assert (everything["documents"], everything["already_done"], everything["replaced"]) == (3, 0, 0)
    assert read_table(out, "documents").num_rows == 3
