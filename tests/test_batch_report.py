"""What a batch run reports: ingested, already stored, duplicates, skipped inputs, failed documents."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rich.console import Console

from lagebild.batch import BatchReport, Duplicate, Failed, Skipped, format_report, ingest_sources
from lagebild.document import RECOMPUTED_LAYERS, Document
from lagebild.errors import ConfigError
from lagebild.pipeline import Pipeline
from lagebild.settings import Settings
from lagebild.store import open_store

TEXTS = {
    "gipfel": "Beim Gipfel in Vilnius sagte die Nato der Ukraine weitere Unterstützung zu. Ein Beitrittsdatum "
              "nannten die Staats- und Regierungschefs jedoch nicht.",
    "getreide": "Die Vereinten Nationen und die Türkei vermittelten ein Abkommen über Getreideexporte aus "
                "ukrainischen Häfen am Schwarzen Meer. Russland stieg später wieder aus.",
    "english": "Foreign ministers of the Group of Seven met in Japan on Tuesday and pledged to keep up "
               "pressure on Moscow. They also discussed support for Kyiv's reconstruction.",
}


@pytest.fixture(scope="module")
def light() -> Pipeline:
    """The language layer only: the runner's behaviour does not depend on what components add
    (one test in test_batch_report.py runs the full default pipeline)."""
    return Pipeline(["language"], Settings.from_env())


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


class FailsOn:
    """A test component that raises an ordinary error on documents containing a word."""

    name, needs, adds = "fails_on", (), ("fails_on",)

    def __init__(self, word: str) -> None:
        self.word = word

    def __call__(self, doc: Document) -> Document:
        if self.word in doc.text:
            raise ValueError(f"cannot handle {self.word}")
        return doc


def test_batch_report_counts_and_exit_code(tmp_path: Path, light: Pipeline) -> None:
    paths = [_write(tmp_path / "in", name, text) for name, text in TEXTS.items()]
    copy = _write(tmp_path / "in", "gipfel_copy", TEXTS["gipfel"])
    missing = tmp_path / "in" / "missing.txt"
    failing = Pipeline([*light.components, FailsOn("Getreide")], light.settings)
    with open_store(str(tmp_path / "b.db")) as store:
        report = ingest_sources([*paths, copy, missing], store, settings=light.settings, pipeline=failing,
                                progress=False)
        assert report.ingested == 2
        assert report.duplicates == [Duplicate(str(copy), "exact", Document(TEXTS["gipfel"]).id)]
        assert [s.source for s in report.skipped] == [str(missing)]
        assert report.skipped[0].reason
        (failed,) = report.failed
        assert failed.component == "fails_on" and "Getreide" in failed.error and failed.source.endswith("getreide.txt")
        assert report.exit_code == 1
        assert store.count() == 2
        # the failed document was not stored, so a fixed pipeline picks it up on the next run
        rerun = ingest_sources(paths, store, settings=light.settings, pipeline=light, progress=False)
        assert (rerun.ingested, rerun.already_stored, rerun.exit_code) == (1, 2, 0)


def test_batch_report_default_pipeline_and_published_override(tmp_path: Path, pipeline: Pipeline) -> None:
    path = _write(tmp_path / "in", "english", TEXTS["english"])
    with open_store(str(tmp_path / "c.db")) as store:
        first = ingest_sources([path], store, settings=pipeline.settings, pipeline=pipeline, progress=False,
                               published=date(2023, 4, 18))
        assert (first.ingested, first.failed) == (1, [])
        report = ingest_sources([path], store, settings=pipeline.settings, pipeline=pipeline, progress=False)
        assert (report.already_stored, report.failed) == (1, [])
        (doc,) = store.iter_documents()
        assert doc.meta.published == date(2023, 4, 18)
        assert doc.meta.published_source == "override"
        # analysed by every component of the default pipeline, stored with all layers but the ones
        # rebuilt where they are needed (the clauses)
        assert doc.layers >= {layer for c in pipeline.components for layer in c.adds} - RECOMPUTED_LAYERS
        assert not doc.layers & RECOMPUTED_LAYERS


def test_batch_report_rejects_unknown_policy(tmp_path: Path, light: Pipeline) -> None:
    with open_store(str(tmp_path / "d.db")) as store, pytest.raises(ConfigError, match="skip, keep, link"):
        ingest_sources([], store, settings=light.settings, pipeline=light, policy="merge")


def test_batch_report_near_duplicate_across_runs(tmp_path: Path, light: Pipeline) -> None:
    pytest.importorskip("lagebild.ingest.dedup")
    first = _write(tmp_path / "a", "getreide", TEXTS["getreide"])
    near = _write(tmp_path / "b", "getreide2", TEXTS["getreide"].replace("später wieder aus", "im Juli 2023 aus"))
    db = str(tmp_path / "e.db")
    with open_store(db) as store:
        ingest_sources([first], store, settings=light.settings, pipeline=light, progress=False)
        assert len(list(store.signatures())) == 1
    with open_store(db) as store:  # a new run: the deduplicator is seeded from the stored signatures
        report = ingest_sources([near], store, settings=light.settings, pipeline=light, progress=False,
                                policy="skip")
        assert [(d.source, d.of) for d in report.duplicates] == [(str(near), Document(TEXTS["getreide"]).id)]
        assert store.count() == 1


def test_batch_report_format_lists_problems() -> None:
    report = BatchReport(ingested=3, already_stored=1,
                         duplicates=[Duplicate("b.txt", "near", "abc")],
                         skipped=[Skipped("broken.html", "no article text found")],
                         failed=[Failed("c.txt", "123", "speech", "ValueError('x')")])
    console = Console(record=True, width=120)
    console.print(format_report(report))
    text = console.export_text()
    assert "ingested 3" in text and "already stored 1" in text
    assert "broken.html" in text and "no article text found" in text and "speech" in text
    assert report.exit_code == 1
    assert BatchReport(ingested=2).exit_code == 0
    assert report.as_dict()["skipped"] == [{"source": "broken.html", "reason": "no article text found"}]


def test_batch_report_progress_forced(tmp_path: Path, light: Pipeline, capsys: pytest.CaptureFixture) -> None:
    path = _write(tmp_path / "in", "gipfel", TEXTS["gipfel"])
    with open_store(str(tmp_path / "f.db")) as store:
        report = ingest_sources([path], store, settings=light.settings, pipeline=light, progress="always")
    assert report.ingested == 1
    assert capsys.readouterr().out == ""  # the bar goes to stderr only


def test_batch_report_link_policy_records_copies(tmp_path: Path, light: Pipeline) -> None:
    pytest.importorskip("lagebild.ingest.dedup")
    orig = _write(tmp_path / "a", "gipfel", TEXTS["gipfel"])
    same = _write(tmp_path / "b", "gipfel", TEXTS["gipfel"])  # the same text from another source
    near = _write(tmp_path / "c", "gipfel", TEXTS["gipfel"].replace("jedoch nicht", "aber nicht"))
    orig_id = Document(TEXTS["gipfel"]).id
    with open_store(str(tmp_path / "g.db")) as store:
        ingest_sources([orig], store, settings=light.settings, pipeline=light, progress=False, policy="link")
        report = ingest_sources([same, near], store, settings=light.settings, pipeline=light, progress=False,
                                policy="link")
        assert report.already_stored == 1
        assert [(d.source, d.kind, d.of) for d in report.duplicates] == [(str(near), "near", orig_id)]
        assert store.count() == 2
        copy = next(d for d in store.iter_documents() if d.id != orig_id)
        assert copy.meta.duplicate_of == orig_id
        assert set(store.get(orig_id).meta.also_published_as) == {str(same), copy.id}
        assert store.duplicates_of(orig_id) == [(copy.id, "near")]


class BadOffsets:
    """A buggy test component: writes a figure whose offset no database integer holds."""

    name, needs, adds = "bad_offsets", (), ("figures",)

    def __call__(self, doc: Document) -> Document:
        from lagebild.document import Figure

        if "Getreide" in doc.text:
            doc.figures.append(Figure(2**70, 2**70 + 1, text="?", value=1.0))
        return doc


def test_batch_report_store_failure_of_one_document_spares_the_batch(tmp_path: Path, light: Pipeline) -> None:
    paths = [_write(tmp_path / "in", name, text) for name, text in TEXTS.items()]
    buggy = Pipeline([*light.components, BadOffsets()], light.settings)
    with open_store(str(tmp_path / "h.db")) as store:
        report = ingest_sources(paths, store, settings=light.settings, pipeline=buggy, progress=False)
        assert (report.ingested, report.already_stored) == (2, 0)
        (failed,) = report.failed
        assert failed.component == "store" and failed.source.endswith("getreide.txt")
        assert store.count() == 2 and report.exit_code == 1


def test_batch_report_store_failure_with_batch_size_one(tmp_path: Path, light: Pipeline) -> None:
    path = _write(tmp_path / "in", "getreide", TEXTS["getreide"])
    buggy = Pipeline([*light.components, BadOffsets()], light.settings)
    with open_store(str(tmp_path / "i.db")) as store:
        report = ingest_sources([path], store, settings=light.settings, pipeline=buggy, progress=False, batch_size=1)
        assert [f.component for f in report.failed] == ["store"] and store.count() == 0
