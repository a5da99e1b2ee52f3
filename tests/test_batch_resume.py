"""A batch killed midway resumes without losing or duplicating documents.

Three ways to die: KeyboardInterrupt and SystemExit raised by a component (the runner commits
what was analysed, then re-raises) and a hard exit of the process (os._exit: nothing is
committed beyond the last full batch). Each time, re-running the same batch stores every
document exactly once.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lagebild.batch import ingest_sources
from lagebild.document import Document
from lagebild.pipeline import Pipeline
from lagebild.settings import Settings
from lagebild.store import open_store
from lagebild.store import testing as _fixtures

ROOT = Path(__file__).resolve().parents[1]
store_url = _fixtures.store_url


@pytest.fixture(scope="module")
def light() -> Pipeline:
    """The language layer only: the runner's behaviour does not depend on what components add
    (one test in test_batch_report.py runs the full default pipeline)."""
    return Pipeline(["language"], Settings.from_env())

ARTICLES = [
    "Die Außenminister der G7 trafen sich am Montag in Berlin. Sie berieten über neue Hilfen für die Ukraine "
    "und über Sanktionen gegen Russland. Eine gemeinsame Erklärung wurde am Abend veröffentlicht.",
    "Der UN-Sicherheitsrat kam am Mittwoch in New York zu einer Dringlichkeitssitzung zusammen. Mehrere "
    "Mitglieder forderten eine Waffenruhe, Russland legte sein Veto gegen den Resolutionsentwurf ein.",
    "In Istanbul begannen am Dienstag Gespräche zwischen Delegationen aus Kiew und Moskau. Die Türkei bot "
    "sich als Vermittler an, ein Durchbruch wurde zunächst nicht erwartet.",
    "Die Europäische Union beschloss ein weiteres Sanktionspaket. Es betrifft Banken, Ölimporte auf dem "
    "Seeweg und mehrere Oligarchen, deren Vermögen eingefroren werden soll.",
    "Die Internationale Atomenergiebehörde schickte Inspektoren zum Kernkraftwerk Saporischschja. Ihr "
    "Generaldirektor sprach von einer ernsten Lage an der Anlage im Süden des Landes.",
    "Polen und die baltischen Staaten kündigten an, ihre Verteidigungsausgaben deutlich zu erhöhen. Die "
    "Nato verlegte zusätzliche Truppen an die Ostflanke des Bündnisses.",
]


@pytest.fixture
def sources(tmp_path: Path) -> list[Path]:
    paths = []
    for i, text in enumerate(ARTICLES):
        path = tmp_path / "in" / f"article{i}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


class Dies:
    """A test component that kills the run on the n-th document it sees."""

    name, needs, adds = "dies", (), ("dies",)

    def __init__(self, n: int, exc: type[BaseException]) -> None:
        self.n, self.exc, self.seen = n, exc, 0

    def __call__(self, doc: Document) -> Document:
        self.seen += 1
        if self.seen == self.n:
            raise self.exc()
        return doc


def _expected_ids(sources: list[Path], settings: Settings) -> set[str]:
    from lagebild.ingest import read_source

    return {d.id for p in sources for d in read_source(p, settings) if isinstance(d, Document)}


@pytest.mark.parametrize("exc", [KeyboardInterrupt, SystemExit])
def test_batch_resume_after_interrupt(store_url: str, sources: list[Path], light: Pipeline,
                                      exc: type[BaseException]) -> None:
    settings = light.settings
    dying = Pipeline([*light.components, Dies(4, exc)], settings)
    db = store_url  # SQLite file and PostgreSQL schema
    with open_store(db) as store, pytest.raises(exc):
        ingest_sources(sources, store, settings=settings, pipeline=dying, progress=False, batch_size=2)
    with open_store(db) as store:
        # batch 1 (documents 1-2) was committed; document 3 was committed on the interrupt
        assert store.count() == 3
        report = ingest_sources(sources, store, settings=settings, pipeline=light, progress=False, batch_size=2)
        assert (report.already_stored, report.ingested, report.exit_code) == (3, 3, 0)
        assert {d.id for d in store.iter_documents()} == _expected_ids(sources, settings)
        assert store.count() == len(ARTICLES)
        again = ingest_sources(sources, store, settings=settings, pipeline=light, progress=False)
        assert (again.already_stored, again.ingested) == (len(ARTICLES), 0)


KILL_SCRIPT = """
import os, sys
from lagebild.batch import ingest_sources
from lagebild.pipeline import Pipeline
from lagebild.settings import Settings
from lagebild.store import open_store
from lagebild.store import testing as _fixtures

class HardKill:
    name, needs, adds, seen = "hard_kill", (), ("hard_kill",), 0
    def __call__(self, doc):
        self.seen += 1
        if self.seen == 4:
            os._exit(7)  # no cleanup, no commit: like kill -9
        return doc

settings = Settings.from_env()
with open_store(sys.argv[1]) as store:
    ingest_sources(sys.argv[2:], store, settings=settings, pipeline=Pipeline(["language", HardKill()], settings),
                   progress=False, batch_size=2)
"""


def test_batch_resume_after_hard_kill(tmp_path: Path, sources: list[Path], light: Pipeline) -> None:
    db = str(tmp_path / "killed.db")
    proc = subprocess.run([sys.executable, "-c", KILL_SCRIPT, db, *map(str, sources)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 7, proc.stderr
    with open_store(db) as store:
        assert store.count() == 2  # only the first full batch was committed
        report = ingest_sources(sources, store, settings=light.settings, pipeline=light, progress=False,
                                batch_size=2)
        assert (report.already_stored, report.ingested) == (2, len(ARTICLES) - 2)
        assert store.count() == len(ARTICLES)
        assert {d.id for d in store.iter_documents()} == _expected_ids(sources, light.settings)
