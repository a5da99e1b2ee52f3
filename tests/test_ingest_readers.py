"""Readers: text with header block, HTML, JSONL, directories, stdin, examples/bad."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from lagebild.document import Document
from lagebild.errors import IngestError
from lagebild.ingest import document_from_text, read_source
from lagebild.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "examples" / "bad"

ARTICLE = (
    "Die Außenminister Frankreichs, Deutschlands, Russlands und der Ukraine haben sich in Paris "
    "getroffen. Nach acht Stunden endete das Treffen im Normandie-Format ohne gemeinsame Erklärung.\n\n"
    "Die Berater wollen sich in zwei Wochen in Berlin wiedersehen, teilte das Auswärtige Amt mit."
)


def _docs(results: list) -> list[Document]:
    return [r for r in results if isinstance(r, Document)]


def _errors(results: list) -> list[IngestError]:
    return [r for r in results if isinstance(r, IngestError)]


def test_ingest_txt_header_block(tmp_path: Path) -> None:
    f = tmp_path / "paris-treffen.txt"
    f.write_text(
        "URL: https://example.org/paris\nTITLE: Treffen in Paris\nDATE: 2022-01-26\n"
        "AUTHOR: Von Lea Beispiel\nOUTLET: Beispielblatt\nLANGUAGE: de\n\n" + ARTICLE + "\n",
        encoding="utf-8",
    )
    (doc,) = list(read_source(f, Settings()))
    assert isinstance(doc, Document)
    m = doc.meta
    assert (m.url, m.title, m.author, m.outlet, m.language) == (
        "https://example.org/paris", "Treffen in Paris", "Lea Beispiel", "Beispielblatt", "de")
    assert m.published == date(2022, 1, 26) and m.published_source == "metadata"
    assert m.export_id == "paris-treffen" and m.source == str(f)
    assert doc.text.startswith("Die Außenminister") and "URL:" not in doc.text


@pytest.mark.parametrize("text", [
    "Autor: nur eine Zeile\nDie Regierung hat heute beraten.",  # no blank line: not a header
    "Ein Satz zuerst.\n\nURL: https://example.org",
])
def test_ingest_header_needs_top_block_and_blank_line(text: str) -> None:
    doc = document_from_text(text)
    assert doc.meta.url is None
    assert doc.text.split("\n")[0] == text.split("\n")[0]


def test_ingest_text_cleaning_keeps_paragraphs() -> None:
    raw = "Erster  Absatz\u00a0mit Leerzeichen.   \r\nzweite Zeile\r\n\r\n\r\n\r\nZweiter Absatz\u00ad.\t \n"
    doc = document_from_text(raw)
    assert doc.text == "Erster  Absatz mit Leerzeichen.\nzweite Zeile\n\nZweiter Absatz."


def test_ingest_text_is_nfc() -> None:
    doc = document_from_text("Die Gespra\u0308che in Mu\u0308nchen wurden fortgesetzt.")
    assert "Gespräche" in doc.text and "München" in doc.text


HTML_PAGE = """<!DOCTYPE html><html lang="de"><head><title>Treffen in Genf | Beispielzeitung</title>
<meta property="og:site_name" content="Beispielzeitung"><meta name="author" content="Lea Beispiel">
<meta property="article:published_time" content="2022-01-21T19:00:00+01:00"></head><body>
<nav>Startseite Politik Wirtschaft</nav><article><h1>Treffen in Genf</h1>
<p>Die Außenminister der USA und Russlands haben sich am Freitag in Genf getroffen. Das Gespräch dauerte etwa anderthalb Stunden und endete ohne greifbares Ergebnis.</p>
<p>Beide Seiten wollen nun schriftliche Antworten austauschen. In der kommenden Woche soll es weitere Kontakte geben, hieß es aus Diplomatenkreisen.</p>
<p>Die Ukraine war an dem Treffen nicht beteiligt, wurde aber nach Angaben des Außenministeriums vorab informiert.</p>
</article><footer>Impressum Datenschutz</footer></body></html>"""


def test_ingest_html_text_and_metadata(tmp_path: Path) -> None:
    f = tmp_path / "genf.html"
    f.write_text(HTML_PAGE, encoding="utf-8")
    (doc,) = list(read_source(f, Settings()))
    assert isinstance(doc, Document)
    m = doc.meta
    assert m.title == "Treffen in Genf"
    assert m.author == "Lea Beispiel"
    assert m.outlet == "Beispielzeitung"
    assert m.published == date(2022, 1, 21) and m.published_source == "metadata"
    assert m.language == "de" and m.export_id == "genf"
    assert "Impressum" not in doc.text and "Startseite" not in doc.text
    assert doc.text.startswith("Die Außenminister")
    assert "\n\n" in doc.text  # paragraphs kept


def test_ingest_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "feed-dump.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": ARTICLE, "title": "Paris", "published": "2022-01-26",
                    "author": "Lea Beispiel", "outlet": "Beispielblatt", "url": "https://example.org/1"}),
        "{not json",
        "",
        json.dumps({"text": "The talks in Paris ended after eight hours without a joint statement.", "language": "en"}),
        json.dumps(["a list"]),
        json.dumps({"text": "   "}),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(read_source(f, Settings()))
    docs, errors = _docs(results), _errors(results)
    assert [d.meta.export_id for d in docs] == ["a1", "feed-dump-4"]
    assert docs[0].meta.published == date(2022, 1, 26) and docs[0].meta.author == "Lea Beispiel"
    assert docs[0].meta.url == "https://example.org/1" and docs[0].meta.outlet == "Beispielblatt"
    assert docs[1].meta.language == "en"
    assert sorted(e.source for e in errors) == [f"{f}:2", f"{f}:5", f"{f}:6"]
    assert all(e.reason for e in errors)


def test_ingest_directory_recursive_sorted(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "zwei.txt").write_text(ARTICLE.replace("Paris", "Berlin"), encoding="utf-8")
    (tmp_path / "eins.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")  # unknown extension: not read
    (tmp_path / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    results = list(read_source(tmp_path, Settings()))
    # sorted by path: "b/zwei.txt" before "eins.txt"
    assert [r.meta.export_id for r in _docs(results)] == ["zwei", "eins"]
    assert not _errors(results)


def test_ingest_missing_path_is_an_error(tmp_path: Path) -> None:
    (err,) = list(read_source(tmp_path / "nope.txt", Settings()))
    assert isinstance(err, IngestError) and "no such file" in err.reason


def test_ingest_examples_bad_loses_nothing_good() -> None:
    results = list(read_source(BAD, Settings()))
    errors = {Path(e.source).name: e.reason for e in _errors(results)}
    assert "empty" in errors["empty.txt"]
    assert "binary" in errors["binary.txt"]
    assert "no article text" in errors["malformed.html"]
    assert "malformed JSON" in errors["mixed.jsonl:2"]
    assert "text" in errors["mixed.jsonl:4"]
    docs = {d.meta.export_id: d for d in _docs(results)}
    assert set(docs) == {"cp1252_article", "latin1_article", "bad-jsonl-good-1", "mixed-3"}
    assert "Möller" in docs["cp1252_article"].meta.author and "„Es gibt" in docs["cp1252_article"].text
    assert "€" in docs["cp1252_article"].text
    assert "Außenminister" in docs["latin1_article"].text
    assert any("cp1252" in w for w in docs["cp1252_article"].meta.warnings)
    assert any("latin-1" in w for w in docs["latin1_article"].meta.warnings)


def test_ingest_oversize_file_is_skipped(tmp_path: Path) -> None:
    big = tmp_path / "gross.txt"
    big.write_text(ARTICLE * 50, encoding="utf-8")
    small = tmp_path / "klein.txt"
    small.write_text(ARTICLE, encoding="utf-8")
    results = list(read_source(tmp_path, Settings(max_bytes=2000)))
    (err,) = _errors(results)
    assert err.source == str(big) and "over the limit of 2000" in err.reason
    assert [d.meta.export_id for d in _docs(results)] == ["klein"]


def test_ingest_stdin_monkeypatched(monkeypatch: pytest.MonkeyPatch) -> None:
    data = ("TITLE: Von der Standardeingabe\n\n" + ARTICLE).encode("cp1252")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    (doc,) = list(read_source("-", Settings()))
    assert isinstance(doc, Document)
    assert doc.meta.source == "-" and doc.meta.title == "Von der Standardeingabe"
    assert "Außenminister" in doc.text and doc.meta.warnings


def test_ingest_stdin_subprocess_jsonl() -> None:
    code = ("import sys; from lagebild.ingest import read_source\n"
            "for r in read_source('-'): print(type(r).__name__, getattr(r, 'source', ''), r.meta.export_id if hasattr(r, 'meta') else '')")
    data = (json.dumps({"text": ARTICLE}) + "\n{broken\n").encode("utf-8")
    out = subprocess.run([sys.executable, "-c", code], input=data, capture_output=True, cwd=ROOT, timeout=120, check=True)
    lines = out.stdout.decode().splitlines()
    assert lines == ["Document  stdin-1", "IngestError -:2 "]


def test_ingest_document_from_text_overrides() -> None:
    doc = document_from_text(ARTICLE, published="2022-01-27", genre="analysis", author="Max Muster")
    assert doc.meta.published == date(2022, 1, 27) and doc.meta.published_source == "override"
    assert doc.meta.genre == "analysis" and doc.meta.author == "Max Muster"


def test_ingest_empty_text_is_an_error() -> None:
    with pytest.raises(IngestError):
        document_from_text("  \n\n ")


def test_ingest_jsonl_size_limit_per_line(tmp_path: Path) -> None:
    f = tmp_path / "korpus.jsonl"
    lines = [json.dumps({"text": ARTICLE}), json.dumps({"text": ARTICLE * 30}), json.dumps({"text": ARTICLE})]
    f.write_text("\n".join(lines), encoding="utf-8")
    results = list(read_source(f, Settings(max_bytes=2000)))
    assert [d.meta.export_id for d in _docs(results)] == ["korpus-1", "korpus-3"]
    (err,) = _errors(results)
    assert err.source == f"{f}:2" and "over the limit" in err.reason


def test_ingest_jsonl_cp1252_line(tmp_path: Path) -> None:
    f = tmp_path / "alt.jsonl"
    f.write_bytes(json.dumps({"text": ARTICLE}, ensure_ascii=False).encode("cp1252") + b"\n")
    (doc,) = list(read_source(f, Settings()))
    assert isinstance(doc, Document) and "Außenminister" in doc.text and doc.meta.warnings


@given(data=st.binary(max_size=600), ext=st.sampled_from([".txt", ".html", ".jsonl", ".urls", ".rss", ".xml"]))
@hyp_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_ingest_read_source_never_raises_on_garbage(tmp_path: Path, data: bytes, ext: str) -> None:
    f = tmp_path / f"zufall{ext}"
    f.write_bytes(data)
    # URLs in garbage must not reach out: a 0.5 s timeout and no resolvable host keep it local
    for result in read_source(f, Settings(fetch_timeout=0.5)):
        assert isinstance(result, (Document, IngestError))
        if isinstance(result, IngestError):
            assert result.reason and result.source.startswith(str(f))
