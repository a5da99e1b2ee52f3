"""Inputs the long fuzz run (benchmarks/fuzz_long.py) found crashing, kept as regressions: each
must become a document or that input's IngestError, never an exception that stops the batch."""

from __future__ import annotations

from pathlib import Path

from lagebild.document import Document
from lagebild.errors import IngestError
from lagebild.ingest import read_source


def test_jsonl_metadata_that_is_not_text_is_dropped_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    path.write_text('{"date": true, "text": null}\n{"title": true, "genre": [1], "author": 7, "text": "Putin sprach."}\n',
                    encoding="utf-8")
    results = list(read_source(path))
    docs = [r for r in results if isinstance(r, Document)]
    assert len(docs) == 1 and docs[0].meta.title is None and docs[0].meta.author == "7"
    assert any("not text" in w for w in docs[0].meta.warnings)
    assert sum(isinstance(r, IngestError) for r in results) == 1  # the line without text


def test_html_that_makes_htmldate_assert_is_an_ingest_error_or_a_document(tmp_path: Path) -> None:
    path = tmp_path / "svg.html"
    path.write_text("<svg><p></p><svg>", encoding="utf-8")
    results = list(read_source(path))
    assert len(results) == 1 and isinstance(results[0], IngestError | Document)
