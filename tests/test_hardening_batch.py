"""No input loses anything but itself (issue 10): a document past its analysis deadline
(``LAGEBILD_MAX_SECONDS``) is skipped with its reason, in this process and in worker processes
(a worker stuck where the alarm cannot reach is killed and replaced); lone surrogates are replaced
and flagged at ingest; any error writing one document costs that document; the exit codes."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import lagebild
from lagebild.batch import analyze_sources, ingest_sources, max_seconds_from_env
from lagebild.cli import app
from lagebild.document import Document
from lagebild.errors import ConfigError, LagebildError
from lagebild.ingest import read_source
from lagebild.ingest.build import FLAG_INVALID_CHARACTERS
from lagebild.pipeline import Pipeline
from lagebild.settings import Settings
from lagebild.store import open_store
from lagebild.store.base import Store

runner = CliRunner()
DEADLINE = 3.0  # seconds; a warm document of the language layer takes milliseconds

TEXTS = [
    "Die Außenminister der G7 trafen sich am Montag in Berlin. Sie berieten über neue Hilfen für die Ukraine.",
    "Der UN-Sicherheitsrat kam am Mittwoch in New York zusammen. Russland legte sein Veto ein.",
    "In Istanbul begannen am Dienstag Gespräche zwischen Delegationen aus Kiew und Moskau.",
    "Die Europäische Union beschloss ein weiteres Sanktionspaket gegen Banken und Oligarchen.",
    "Die Atomenergiebehörde schickte Inspektoren zum Kernkraftwerk Saporischschja im Süden.",
]


@pytest.fixture(scope="module")
def light() -> Pipeline:
    """The language layer, loaded (the first document must not pay for loading under a deadline)."""
    pipeline = Pipeline(["language"], Settings.from_env())
    pipeline(Document(TEXTS[0]))
    return pipeline


@pytest.fixture
def sources(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(TEXTS):
        (folder / f"a{i}.txt").write_text(text, encoding="utf-8")
    return [folder]


class Sleeps:
    """Takes ``seconds`` on documents containing a word (an interruptible stall: a slow regex)."""

    name, needs, adds = "sleeps", (), ("sleeps",)

    def __init__(self, word: str, seconds: float) -> None:
        self.word, self.seconds = word, seconds

    def __call__(self, doc: Document) -> Document:
        if self.word in doc.text:
            time.sleep(self.seconds)
        return doc


class Hangs:
    """Stalls where no alarm reaches it (SIGALRM blocked: like a C extension that never returns
    to Python) on documents containing a word; only killing its process ends it."""

    name, needs, adds = "hangs", (), ("hangs",)

    def __init__(self, word: str) -> None:
        self.word = word

    def __call__(self, doc: Document) -> Document:
        if self.word in doc.text:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(120)
        return doc


# -- 1. the per-document deadline ------------------------------------------------------------------


@pytest.mark.parametrize("workers", [1, 2])
def test_hardening_deadline_skips_a_slow_document(tmp_path: Path, sources: list[Path], light: Pipeline,
                                                  workers: int) -> None:
    slow = Pipeline([*light.components, Sleeps("Istanbul", 60)], light.settings)
    start = time.monotonic()
    with open_store(str(tmp_path / "s.db")) as store:
        report = ingest_sources(sources, store, settings=light.settings, pipeline=slow, progress=False,
                                workers=workers, max_seconds=DEADLINE)
        assert store.count() == len(TEXTS) - 1
    assert time.monotonic() - start < 30
    (failed,) = report.failed
    assert failed.source.endswith("a2.txt") and failed.component == "sleeps"
    assert f"{DEADLINE:g} s" in failed.error and "LAGEBILD_MAX_SECONDS" in failed.error
    assert report.ingested == len(TEXTS) - 1 and report.exit_code == 1


def test_hardening_deadline_kills_a_stuck_worker(tmp_path: Path, sources: list[Path], light: Pipeline) -> None:
    stuck = Pipeline([*light.components, Hangs("Sicherheitsrat")], light.settings)
    start = time.monotonic()
    with open_store(str(tmp_path / "k.db")) as store:
        report = ingest_sources(sources, store, settings=light.settings, pipeline=stuck, progress=False,
                                workers=2, max_seconds=DEADLINE)
        assert store.count() == len(TEXTS) - 1
    assert time.monotonic() - start < 60
    (failed,) = report.failed
    assert failed.source.endswith("a1.txt") and failed.component == "worker"
    assert "LAGEBILD_MAX_SECONDS" in failed.error and "stopped" in failed.error


def test_hardening_deadline_in_analyze_sources(sources: list[Path], light: Pipeline) -> None:
    slow = Pipeline([*light.components, Sleeps("Istanbul", 60)], light.settings)
    out = list(analyze_sources(sources, light.settings, pipeline=slow, workers=1, max_seconds=DEADLINE))
    assert sum(isinstance(r, Document) for r in out) == len(TEXTS) - 1
    (failure,) = [r for r in out if not isinstance(r, Document)]
    assert "LAGEBILD_MAX_SECONDS" in failure.error  # type: ignore[union-attr]


def test_hardening_deadline_leaves_the_alarm_as_it_was(sources: list[Path], light: Pipeline) -> None:
    before = signal.getsignal(signal.SIGALRM)
    list(analyze_sources(sources, light.settings, pipeline=light, workers=1, max_seconds=5.0))
    assert signal.getsignal(signal.SIGALRM) == before and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_hardening_deadline_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LAGEBILD_MAX_SECONDS", raising=False)
    assert max_seconds_from_env() == 60.0
    monkeypatch.setenv("LAGEBILD_MAX_SECONDS", "2.5")
    assert max_seconds_from_env() == 2.5
    monkeypatch.setenv("LAGEBILD_MAX_SECONDS", "soon")
    with pytest.raises(ConfigError, match="LAGEBILD_MAX_SECONDS"):
        max_seconds_from_env()


# -- 2. surrogates, write errors, exit codes -------------------------------------------------------


def test_hardening_jsonl_surrogate_replaced_and_flagged(tmp_path: Path) -> None:
    f = tmp_path / "s.jsonl"
    lines = [{"text": TEXTS[0], "title": "T \ud83d"}, {"text": "Putin \ude00 sagte am Montag etwas in Moskau."}]
    f.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")  # \\ud83d escapes
    first, second = read_source(f, Settings())
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.meta.title == "T \ufffd" and FLAG_INVALID_CHARACTERS in first.meta.flags
    assert second.text == "Putin \ufffd sagte am Montag etwas in Moskau."
    assert FLAG_INVALID_CHARACTERS in second.meta.flags


def test_hardening_jsonl_html_with_surrogate_is_read(tmp_path: Path) -> None:
    f = tmp_path / "h.jsonl"
    html = f"<html><body><article><p>{TEXTS[3]} \udc00</p><p>{TEXTS[4]}</p></article></body></html>"
    f.write_text(json.dumps({"html": html, "title": "Sanktionen"}) + "\n", encoding="utf-8")
    (doc,) = read_source(f, Settings())
    assert isinstance(doc, Document) and "Oligarchen. \ufffd" in doc.text
    assert FLAG_INVALID_CHARACTERS in doc.meta.flags


def test_hardening_jsonl_surrogate_does_not_lose_the_batch(tmp_path: Path) -> None:
    f = tmp_path / "s.jsonl"
    lines = [{"text": TEXTS[0], "title": "T \ud83d"}, {"text": TEXTS[1], "author": "\udfff"}, {"text": TEXTS[2]}]
    f.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    result = runner.invoke(app, ["ingest", str(f), "--db", db, "--no-progress", "--workers", "1"])
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        assert store.count() == 3
        titles = {d.meta.title for d in store.iter_documents()}
    assert "T \ufffd" in titles


@pytest.mark.parametrize("text", ["Putin \ud83d sagte am Montag in Moskau etwas.", "\udfff" * 3, "a\ud800b"])
def test_hardening_analyze_surrogate_is_clean_or_a_lagebild_error(text: str) -> None:
    try:
        doc = lagebild.analyze(text, title="x\udc00")
    except LagebildError:
        return
    assert "\ufffd" in doc.text and FLAG_INVALID_CHARACTERS in doc.meta.flags
    assert doc.meta.title == "x\ufffd"
    doc.text.encode("utf-8")


class _BreaksOn:
    """A store that fails writing documents containing a word with an error no driver wrapper
    turned into a StoreError (what a lone surrogate once did)."""

    def __init__(self, store: Store, word: str) -> None:
        self._store, self._word = store, word

    def add(self, doc: Document) -> bool:
        if self._word in doc.text:
            raise UnicodeEncodeError("utf-8", self._word, 0, 1, "surrogates not allowed")
        return self._store.add(doc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def test_hardening_write_error_costs_only_its_document(tmp_path: Path, sources: list[Path], light: Pipeline) -> None:
    with open_store(str(tmp_path / "w.db")) as store:
        breaking: Any = _BreaksOn(store, "Oligarchen")
        report = ingest_sources(sources, breaking, settings=light.settings, pipeline=light, progress=False,
                                workers=1, batch_size=2)
        assert store.count() == len(TEXTS) - 1
    (failed,) = report.failed
    assert failed.source.endswith("a3.txt") and failed.component == "store" and "surrogates" in failed.error
    assert report.exit_code == 1


def test_hardening_exit_codes(tmp_path: Path, sources: list[Path]) -> None:
    db = str(tmp_path / "x.db")
    ok = runner.invoke(app, ["ingest", str(sources[0] / "a0.txt"), "--db", db, "--no-progress", "--workers", "1"])
    assert ok.exit_code == 0, ok.output
    (sources[0] / "empty.txt").write_bytes(b"")
    skipped = runner.invoke(app, ["ingest", str(sources[0] / "empty.txt"), "--db", db, "--no-progress"])
    assert skipped.exit_code == 1
    usage = runner.invoke(app, ["ingest", "--no-such-option"])
    assert usage.exit_code == 2
    store_error = runner.invoke(app, ["ingest", str(sources[0] / "a0.txt"), "--db", "ftp://x/y", "--no-progress"])
    assert store_error.exit_code == 3 and "error" in store_error.output
    config_error = runner.invoke(app, ["ingest", str(sources[0]), "--db", db, "--policy", "nope", "--no-progress"])
    assert config_error.exit_code == 3 and "nope" in config_error.output
    helptext = runner.invoke(app, ["--help"])
    assert all(code in helptext.output for code in ("0 ", "1 ", "2 ", "3 "))
    assert "Exit codes" in helptext.output


def test_hardening_crash_exits_3_with_its_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import lagebild.pipeline

    def boom() -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(lagebild.pipeline, "registered", boom)
    result = runner.invoke(app, ["components"])
    assert result.exit_code == 3
    assert "internal error: RuntimeError('boom')" in result.output and "Traceback" in result.output
