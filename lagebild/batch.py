"""The batch runner: read sources, skip what is stored, check duplicates, analyse, store.

Documents are written in transactions of ``batch_size``; a run that is killed loses at most
the documents of the unfinished batch, and a re-run skips every stored document by its content
id *before* analysing it, so resuming neither loses nor duplicates anything. On
KeyboardInterrupt/SystemExit the documents analysed so far are committed before re-raising.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal, NamedTuple

from lagebild.document import Document
from lagebild.errors import ComponentError, ConfigError, IngestError, StoreError
from lagebild.pipeline import Pipeline, default_pipeline
from lagebild.settings import Settings
from lagebild.store.base import Store

log = logging.getLogger(__name__)

POLICIES = ("skip", "keep", "link")


class Duplicate(NamedTuple):
    source: str
    kind: str  # exact | near (as the deduplicator reports it)
    of: str  # content id of the document it duplicates


class Skipped(NamedTuple):
    source: str
    reason: str


class Failed(NamedTuple):
    source: str
    doc_id: str
    component: str
    error: str


@dataclass
class BatchReport:
    """What one run did. ``exit_code`` is 0 when nothing was skipped or failed, else 1."""

    ingested: int = 0
    already_stored: int = 0
    duplicates: list[Duplicate] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    failed: list[Failed] = field(default_factory=list)
    ingested_ids: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.skipped or self.failed else 0

    @property
    def read(self) -> int:
        """Documents read (ingested, known, duplicate or failed; not the unreadable inputs)."""
        return self.ingested + self.already_stored + len(self.duplicates) + len(self.failed)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ingested": self.ingested,
            "already_stored": self.already_stored,
            "duplicates": [d._asdict() for d in self.duplicates],
            "skipped": [s._asdict() for s in self.skipped],
            "failed": [f._asdict() for f in self.failed],
            "ingested_ids": list(self.ingested_ids),
            "exit_code": self.exit_code,
        }


class _Dedup:
    """The ingest deduplicator (MinHash, ``lagebild.ingest.dedup``) seeded from the store; without
    that module only exact duplicates (same content id) are caught."""

    def __init__(self, settings: Settings, store: Store, policy: str) -> None:
        self.policy = policy
        self.impl: Any = None
        self._apply: Any = None
        try:
            from lagebild.ingest import dedup
        except ImportError:
            log.warning("lagebild.ingest.dedup is not available; only exact duplicates are detected")
            return
        self.impl = dedup.Deduplicator(settings.near_duplicate_threshold, **_num_perm(settings))
        self._apply = dedup.apply_policy
        for doc_id, signature in store.signatures():
            self.impl.add(doc_id, "", signature=signature)

    def check(self, doc: Document) -> Any:
        return self.impl.check(doc.id, doc.text) if self.impl is not None else None

    def keep(self, doc: Document, match: Any) -> bool:
        if self._apply is not None:
            return bool(self._apply(doc, match, self.policy))
        return self.policy != "skip"

    def remember(self, doc: Document) -> bytes | None:
        if self.impl is None:
            return None
        signature: bytes = self.impl.signature(doc.text)
        self.impl.add(doc.id, doc.text, signature=signature)
        return signature


def _num_perm(settings: Settings) -> dict[str, Any]:
    return {"num_perm": settings.dedup.minhash_num_perm}


@dataclass
class _Pending:
    doc_id: str
    doc: Document | None  # None: a duplicate that is only linked to its original, not stored
    signature: bytes | None = None
    link_to: str | None = None
    label: str | None = None  # how the original lists this duplicate (URL, source)
    kind: str = "duplicate"


class _Writer:
    """Buffers analysed documents and writes them in one transaction per batch."""

    def __init__(self, store: Store, report: BatchReport, batch_size: int) -> None:
        self.store, self.report, self.batch_size = store, report, max(1, batch_size)
        self.pending: list[_Pending] = []

    def append(self, item: _Pending) -> None:
        self.pending.append(item)
        if len(self.pending) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        failed = failed_docs = 0
        try:
            added = self._write(self.pending)
        except StoreError as exc:
            # one bad document must not cost the batch: write them one by one, report the bad
            log.warning("writing a batch of %d failed (%s); retrying one by one", len(self.pending), exc)
            added = []
            for item in self.pending:
                try:
                    added += self._write([item])
                except StoreError as one:
                    failed += 1
                    failed_docs += item.doc is not None
                    if failed == len(self.pending):
                        self.store.count()  # raises when the store itself is the problem (server gone)
                    source = (item.doc.meta.source if item.doc else None) or item.label or item.doc_id
                    self.report.failed.append(Failed(source, item.doc_id, "store", str(one)))
        # counted only after the commit: a rolled-back batch is not reported as ingested
        stored_or_known = sum(1 for p in self.pending if p.doc is not None) - failed_docs
        self.report.ingested += len(added)
        self.report.already_stored += stored_or_known - len(added)
        self.report.ingested_ids.extend(added)
        log.info("stored %d documents (%d in total this run)", len(added), self.report.ingested)
        self.pending.clear()

    def _write(self, items: list[_Pending]) -> list[str]:
        added: list[str] = []
        with self.store.transaction():
            for item in items:
                if item.doc is not None and self.store.add(item.doc):
                    added.append(item.doc_id)
                if item.signature is not None:
                    self.store.add_signature(item.doc_id, item.signature)
                if item.link_to:
                    self.store.link_duplicate(item.doc_id, item.link_to, item.kind, label=item.label)
        return added


def ingest_sources(sources: Iterable[str | Path], store: Store, *, settings: Settings,
                   pipeline: Pipeline | None = None, policy: str | None = None,
                   published: date | None = None, progress: bool | Literal["always"] = True,
                   batch_size: int = 50) -> BatchReport:
    """Ingest files, directories, URLs, feeds (whatever ``lagebild.ingest.read_source`` reads)
    into ``store``. Duplicate ``policy``: skip | keep | link (default ``settings.duplicate_policy``).
    ``published`` overrides every document's date. ``progress`` shows a bar when stderr is a
    terminal (``"always"`` forces it). Example:
    ``ingest_sources(["articles/"], open_store("x.db"), settings=Settings.from_env())``.
    """
    from lagebild import ingest

    policy = policy or settings.duplicate_policy
    if policy not in POLICIES:
        raise ConfigError(f"unknown duplicate policy {policy!r}; use one of {', '.join(POLICIES)}")
    report = BatchReport()
    dedup = _Dedup(settings, store, policy)
    pipe = pipeline or default_pipeline(settings)
    writer = _Writer(store, report, batch_size)
    seen: set[str] = set()
    source_list = list(sources)

    def candidates(bar: _Bar) -> Iterator[tuple[Document, str | None, str]]:
        """Readable, new, non-duplicate (or kept) documents, in order."""
        for src in source_list:
            bar.source(str(src))
            for item in ingest.read_source(src, settings):
                if isinstance(item, IngestError):
                    log.warning("skipped %s: %s", item.source, item.reason)
                    report.skipped.append(Skipped(item.source, item.reason))
                    continue
                doc = item
                label = doc.meta.source or str(src)
                bar.doc()
                if published is not None:
                    ingest.apply_overrides(doc, {"published": published})
                where = doc.meta.url or label
                if doc.id in seen:
                    report.duplicates.append(Duplicate(label, "exact", doc.id))
                    if policy == "link":
                        writer.append(_Pending(doc.id, None, link_to=doc.id, label=where, kind="exact"))
                    continue
                if store.has(doc.id):
                    report.already_stored += 1
                    if policy == "link":  # the same text from another source: remember where
                        writer.append(_Pending(doc.id, None, link_to=doc.id, label=where, kind="exact"))
                    continue
                try:
                    match = dedup.check(doc)
                except Exception as exc:  # a dedup bug must not end the batch: report the document
                    log.exception("duplicate check failed on %s", label)
                    report.failed.append(Failed(label, doc.id, "dedup", repr(exc)))
                    continue
                link_to, kind = None, "duplicate"
                if match is not None:
                    report.duplicates.append(Duplicate(label, str(match.kind), str(match.of)))
                    if not dedup.keep(doc, match):
                        if policy == "link":
                            writer.append(_Pending(doc.id, None, link_to=str(match.of), label=where,
                                                   kind=str(match.kind)))
                        continue
                    if policy == "link":
                        link_to, kind = str(match.of), str(match.kind)
                seen.add(doc.id)
                yield doc, link_to, kind
            bar.source_done()

    with _progress_bar(progress, len(source_list)) as bar:
        try:
            for doc, link_to, kind in candidates(bar):
                try:
                    doc = pipe(doc)
                except ComponentError as err:
                    log.error("skipped document %s: %s", doc.meta.source or doc.id, err)
                    report.failed.append(Failed(doc.meta.source or doc.id, doc.id, err.component, str(err.cause)))
                    continue
                try:
                    signature = dedup.remember(doc)
                except Exception as exc:
                    log.exception("MinHash signature failed on %s", doc.meta.source or doc.id)
                    report.failed.append(Failed(doc.meta.source or doc.id, doc.id, "dedup", repr(exc)))
                    continue
                writer.append(_Pending(doc.id, doc, signature, link_to, kind=kind))
        except (KeyboardInterrupt, SystemExit):
            log.warning("interrupted: committing the %d documents analysed so far", len(writer.pending))
            writer.flush()
            raise
        writer.flush()
    return report


class _Bar:
    """Progress over sources, with a count of documents; silent when disabled."""

    def __init__(self, progress: Any, total: int) -> None:
        self.progress = progress
        self.task = progress.add_task("reading", total=total) if progress is not None else None
        self.docs = 0

    def source(self, name: str) -> None:
        if self.progress is not None:
            self.progress.update(self.task, description=f"{Path(name).name[:40]} · {self.docs} docs")

    def doc(self) -> None:
        self.docs += 1

    def source_done(self) -> None:
        if self.progress is not None:
            self.progress.update(self.task, advance=1, description=f"{self.docs} docs")


@contextmanager
def _progress_bar(progress: bool | Literal["always"], total: int) -> Iterator[_Bar]:
    from rich.console import Console

    console = Console(stderr=True, force_terminal=True if progress == "always" else None)
    if not progress or not console.is_terminal:
        yield _Bar(None, total)
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=True) as bar:
        yield _Bar(bar, total)


def format_report(report: BatchReport, *, limit: int = 20) -> Any:
    """A rich renderable summarising the run (the CLI prints it to stderr)."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    parts: list[Any] = [Text.assemble(
        ("ingested ", ""), (str(report.ingested), "bold green"),
        (f", already stored {report.already_stored}, duplicates {len(report.duplicates)}, ", ""),
        (f"skipped {len(report.skipped)}", "bold yellow" if report.skipped else ""), (", ", ""),
        (f"failed {len(report.failed)}", "bold red" if report.failed else ""),
    )]
    sections: list[tuple[str, tuple[str, ...], list[tuple[str, ...]]]] = [
        ("duplicates", ("source", "kind", "of"), [tuple(d) for d in report.duplicates]),
        ("skipped", ("source", "reason"), [tuple(s) for s in report.skipped]),
        ("failed", ("source", "component", "error"), [(f.source, f.component, f.error) for f in report.failed]),
    ]
    for title, columns, rows in sections:
        if not rows:
            continue
        table = Table(title=title, title_justify="left")
        for column in columns:  # fold, never truncate: a user must see which file and why
            table.add_column(column, overflow="fold")
        for row in rows[:limit]:
            table.add_row(*(Text(str(v)) for v in row))
        parts.append(table)
        if len(rows) > limit:
            parts.append(Text(f"… and {len(rows) - limit} more {title}"))
    return Group(*parts)
