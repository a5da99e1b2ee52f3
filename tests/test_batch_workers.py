"""Analysis on several worker processes: the store and the report are the same as with one, a
failing or dying document costs only itself, documents pickle, and the per-partition path."""

from __future__ import annotations

import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import process as futures_process
from pathlib import Path

import pytest

from lagebild.analyze import AnalysisFailure, analyze_partition
from lagebild.batch import (
    IN_FLIGHT_PER_WORKER,
    _Outcome,
    _Pool,
    analyze_sources,
    ingest_sources,
    resolve_workers,
)
from lagebild.document import Document
from lagebild.errors import ConfigError, IngestError
from lagebild.pipeline import Pipeline
from lagebild.settings import Settings
from lagebild.store import open_store

TEXTS = [
    "Die Außenminister der G7 trafen sich am Montag in Berlin. Sie berieten über neue Hilfen für die Ukraine.",
    "Der UN-Sicherheitsrat kam am Mittwoch in New York zusammen. Russland legte sein Veto ein.",
    "In Istanbul begannen am Dienstag Gespräche zwischen Delegationen aus Kiew und Moskau.",
    "Die Europäische Union beschloss ein weiteres Sanktionspaket gegen Banken und Oligarchen.",
    "Die Atomenergiebehörde schickte Inspektoren zum Kernkraftwerk Saporischschja im Süden.",
    "Polen und die baltischen Staaten kündigten an, ihre Verteidigungsausgaben zu erhöhen.",
    "Die Nato verlegte zusätzliche Truppen an die Ostflanke des Bündnisses, hieß es am Freitag.",
]


@pytest.fixture(scope="module")
def light() -> Pipeline:
    """The language layer only: what the runner does does not depend on the components."""
    return Pipeline(["language"], Settings.from_env())


@pytest.fixture
def sources(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    paths = []
    for i, text in enumerate(TEXTS):
        paths.append(folder / f"a{i}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    # an exact copy, a near copy and an unreadable input, so that every kind of item is settled
    (folder / "z_copy.txt").write_text(TEXTS[0], encoding="utf-8")
    (folder / "z_near.txt").write_text(TEXTS[3].replace("weiteres", "neues"), encoding="utf-8")
    (folder / "z_empty.txt").write_bytes(b"")
    return [folder]


class Raises:
    """Fails with an ordinary error on documents containing a word."""

    name, needs, adds = "raises", (), ("raises",)

    def __init__(self, word: str) -> None:
        self.word = word

    def __call__(self, doc: Document) -> Document:
        if self.word in doc.text:
            raise ValueError(f"cannot handle {self.word}")
        return doc


class Dies:
    """Ends its process without a word (a crash in a C extension, the OOM killer) on one document."""

    name, needs, adds = "dies", (), ("dies",)

    def __init__(self, word: str) -> None:
        self.word = word

    def __call__(self, doc: Document) -> Document:
        if self.word in doc.text:
            os._exit(9)
        return doc


def _stored(db: str) -> dict[str, dict]:
    with open_store(db) as store:
        return {d.id: d.to_record() for d in store.iter_documents()}


@pytest.mark.parametrize("policy", ["link", "skip"])
def test_batch_workers_give_the_same_store_and_report(tmp_path: Path, sources: list[Path], light: Pipeline,
                                                      policy: str) -> None:
    reports, stores = [], []
    for workers in (1, 2):
        db = str(tmp_path / f"w{workers}.db")
        with open_store(db) as store:
            report = ingest_sources(sources, store, settings=light.settings, pipeline=light, progress=False,
                                    workers=workers, batch_size=3, policy=policy)
        reports.append(report.as_dict())
        stores.append(_stored(db))
    assert reports[0] == reports[1]
    assert stores[0] == stores[1]
    assert reports[0]["ingested"] >= len(TEXTS) - 1 and len(reports[0]["skipped"]) == 1
    assert {d["kind"] for d in reports[0]["duplicates"]} == {"exact", "near"}


def test_batch_workers_failing_document_is_reported(tmp_path: Path, sources: list[Path], light: Pipeline) -> None:
    failing = Pipeline([*light.components, Raises("Istanbul")], light.settings)
    with open_store(str(tmp_path / "f.db")) as store:
        report = ingest_sources(sources, store, settings=light.settings, pipeline=failing, progress=False, workers=2)
        (failed,) = report.failed
        assert failed.component == "raises" and "Istanbul" in failed.error and failed.source.endswith("a2.txt")
        assert store.count() == report.ingested == len(TEXTS)  # one failed, the near copy is kept (link)


def test_batch_workers_dying_process_costs_one_document(tmp_path: Path, sources: list[Path],
                                                        light: Pipeline) -> None:
    dying = Pipeline([*light.components, Dies("Sicherheitsrat")], light.settings)
    with open_store(str(tmp_path / "d.db")) as store:
        report = ingest_sources(sources, store, settings=light.settings, pipeline=dying, progress=False, workers=2)
        (failed,) = report.failed
        assert failed.component == "worker" and failed.source.endswith("a1.txt")
        assert store.count() == report.ingested == len(TEXTS)  # one failed, the near copy is kept (link)


def test_batch_workers_analyze_sources_in_input_order(sources: list[Path], light: Pipeline) -> None:
    one = list(analyze_sources(sources, light.settings, pipeline=light, workers=1))
    two = list(analyze_sources(sources, light.settings, pipeline=light, workers=2))
    assert [type(r) for r in one] == [type(r) for r in two]
    assert [r.to_record() for r in one if isinstance(r, Document)] == \
           [r.to_record() for r in two if isinstance(r, Document)]
    assert isinstance(one[-2], IngestError)  # z_empty.txt, in its place between z_copy and z_near


def test_batch_workers_find_their_next_chunks_queued(light: Pipeline) -> None:
    # every chunk in flight waits in the executor's call queue, not in this process, so that a
    # worker done with one takes the next without waiting for this process's feeder thread
    default = futures_process.EXTRA_QUEUED_CALLS
    pool = _Pool(2, light.settings, light, None, {})
    try:
        assert pool._executor._call_queue._maxsize == 2 * IN_FLIGHT_PER_WORKER  # type: ignore[attr-defined]
    finally:
        pool.close()
    assert futures_process.EXTRA_QUEUED_CALLS == default  # other executors keep Python's setting
    with ProcessPoolExecutor(2) as other:
        assert other._call_queue._maxsize == 2 + default  # type: ignore[attr-defined]


def test_batch_workers_documents_pickle(pipeline: Pipeline) -> None:
    doc = pipeline(Document(TEXTS[1]))
    copy = pickle.loads(pickle.dumps(doc))
    assert copy.to_record() == doc.to_record() and copy.layers == doc.layers
    # what a worker sends back: the tokens travel as tuples and come back as equal Tokens
    outcome = pickle.loads(pickle.dumps(_Outcome(doc, b"sig")))
    assert isinstance(outcome.result, Document) and outcome.signature == b"sig"
    assert outcome.result.tokens == doc.tokens and outcome.result.to_record() == doc.to_record()
    assert doc.tokens, "the sent document keeps its own tokens"


def test_batch_workers_analyze_partition_maps_and_reports(light: Pipeline) -> None:
    failing = Pipeline([*light.components, Raises("Istanbul")], light.settings)
    out = list(analyze_partition([Document(t) for t in TEXTS[:3]], pipeline=failing))
    assert [type(o) for o in out] == [Document, Document, AnalysisFailure]
    failure = out[2]
    assert isinstance(failure, AnalysisFailure) and failure.component == "raises"
    assert pickle.loads(pickle.dumps(failure)) == failure


def test_batch_workers_resolve() -> None:
    settings = Settings.from_env()
    assert resolve_workers(3, settings) == 3
    assert resolve_workers(0, settings) == (os.cpu_count() or 1)
    with pytest.raises(ConfigError, match="workers"):
        resolve_workers(-1, settings)


SLOW_INGEST = """
import sys, time
from lagebild.batch import ingest_sources
from lagebild.pipeline import Pipeline
from lagebild.settings import Settings
from lagebild.store import open_store

class Slow:
    name, needs, adds = "slow", (), ("slow",)
    def __call__(self, doc):
        time.sleep(0.3)
        return doc

settings = Settings.from_env()
with open_store(sys.argv[1]) as store:
    ingest_sources(sys.argv[2:], store, settings=settings, pipeline=Pipeline([Slow()], settings),
                   progress=False, workers=2)
"""


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid and stat[0] != "Z":
                out.append(int(entry))
    return out


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_batch_workers_end_with_a_killed_parent(tmp_path: Path, sources: list[Path]) -> None:
    import signal
    import subprocess
    import sys
    import time

    root = Path(__file__).resolve().parents[1]
    proc = subprocess.Popen([sys.executable, "-c", SLOW_INGEST, str(tmp_path / "k.db"), *map(str, sources)],
                            cwd=root, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while len(workers := _children(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(workers) == 2, "the workers did not start"
    finally:
        os.kill(proc.pid, signal.SIGKILL)  # as kill -9
        proc.wait()
    deadline = time.monotonic() + 5
    while any(Path(f"/proc/{w}").exists() for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    orphans = [w for w in workers if w in _children(1) or Path(f"/proc/{w}/stat").exists()
               and Path(f"/proc/{w}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"]
    for w in orphans:
        os.kill(w, signal.SIGKILL)
    assert not orphans, "analysis workers outlived their killed parent"


def test_batch_workers_send_no_clauses_and_the_parent_rebuilds_them(pipeline: Pipeline) -> None:
    from lagebild.clauses import clauses_of

    doc = pipeline(Document(TEXTS[5]))
    assert doc.clauses and "clauses" in doc.layers
    sent = pickle.loads(pickle.dumps(_Outcome(doc, None))).result
    assert isinstance(sent, Document) and sent.clauses == [] and "clauses" not in sent.layers
    assert b"Clause" in pickle.dumps(doc) and b"Clause" not in pickle.dumps(_Outcome(doc, None))
    assert clauses_of(sent) == doc.clauses and "clauses" in sent.layers
    assert doc.clauses, "the sent document keeps its own clauses"


def test_batch_workers_stored_document_gives_the_same_events_again(pipeline: Pipeline) -> None:
    from lagebild.events.component import EventsComponent

    doc = pipeline(Document("Russland griff am Montag die Ukraine an. Die EU verurteilte Russland scharf."))
    assert doc.events
    stored = Document.from_record(doc.to_record())
    assert "clauses" not in stored.layers and "clauses" not in doc.to_record()["layers"]
    stored.events = []
    assert EventsComponent(pipeline.settings)(stored).events == doc.events


def test_batch_workers_record_holds_every_metadata_and_actor_field(pipeline: Pipeline) -> None:
    import dataclasses

    doc = pipeline(Document(TEXTS[0]))
    doc.meta.datelines.append({"start": 0, "end": 5, "date": "2022-02-16"})
    doc.meta.date_sources["jsonld_datePublished"] = "2022-02-16"
    rec = doc.to_record()
    assert rec["meta"] == dataclasses.asdict(doc.meta)
    assert rec["actors"] == [dataclasses.asdict(a) for a in doc.actors.values()] and rec["actors"]
    rec["meta"]["datelines"][0]["date"] = "changed"  # a copy: the document keeps its own values
    assert doc.meta.datelines[0]["date"] == "2022-02-16"
    assert Document.from_record(rec).meta.date_sources == doc.meta.date_sources
