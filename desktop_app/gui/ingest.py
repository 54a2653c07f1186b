"""Loading and extracting documents off the UI thread, and correcting a document's creation time.

The work functions here are plain (``task=`` keyword, no Qt) so the worker
pool can run them; ``Ingestor`` is the Qt side that starts them, forwards
progress, and hands the new corpus to ``AppState``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QObject, Signal

from desktop_app.core.model import Corpus, Document
from desktop_app.core.tasks import TaskState

from .workers import TaskHandle, run_task


class _Stage(TaskState):
    """One stage of a longer task: maps its 0..1 onto a slice of the parent's bar, shares its cancel."""

    def __init__(self, parent: TaskState, lo: float, hi: float):
        super().__init__()
        self._parent, self._lo, self._hi = parent, lo, hi

    def set_progress(self, fraction: float, message: str = "") -> None:
        self._parent.set_progress(self._lo + (self._hi - self._lo) * max(0.0, min(1.0, fraction)), message)

    def cancel(self) -> None:
        self._parent.cancel()

    @property
    def cancelled(self) -> bool:
        return self._parent.cancelled

    def check(self) -> None:
        self._parent.check()


DUPLICATE = "duplicate"     # the ``kind`` of a skipped-file entry that only repeats an open document


@dataclass
class IngestResult:
    corpus: Corpus
    added: int                                   # documents new in this run
    errors: list[dict] = field(default_factory=list)   # files skipped in this run


def ingest(paths: list[str], existing: list[Document], dct: Optional[str] = None, table_maps: Optional[dict] = None,
           *, task: TaskState, previous: Optional[Corpus] = None) -> IngestResult:
    """Load ``paths``, keep the documents already open, and extract them all into one corpus.

    Files already open (same path, or the same content under another name) are
    not loaded twice. The pipeline caches per document, so re-extracting the
    existing ones is cheap; ``previous`` (the open corpus) keeps its happenings,
    so only the new documents' events are grouped.
    """
    from desktop_app.core.documents import load_paths
    from desktop_app.core.pipeline import extract_corpus

    docs, errors = load_paths(paths, dct_override=dct, task=_Stage(task, 0.0, 0.25), table_map=table_maps)
    known_paths = {d.path for d in existing}
    known_content = {d.sha256: d for d in existing if d.sha256}
    fresh = []
    for d in docs:
        if d.path in known_paths:
            continue
        twin = known_content.get(d.sha256) if d.sha256 else None
        if twin is not None:
            # Harmless: reported as a skipped duplicate, never as a file that could not be read.
            errors.append({"path": d.path, "kind": DUPLICATE,
                           "message": f"{Path(d.path).name}: skipped duplicate (same text as {twin.path})"})
            continue
        known_content[d.sha256] = d
        fresh.append(d)
    taken = {d.id for d in existing}
    for d in fresh:   # ids must stay unique across separate Open actions too
        base, k = d.id, 2
        while d.id in taken:
            d.id, k = f"{base}-{k}", k + 1
        taken.add(d.id)
    corpus = extract_corpus(list(existing) + fresh, task=_Stage(task, 0.25, 1.0), previous=previous)
    corpus.errors = list(errors) + list(corpus.errors)
    return IngestResult(corpus, len(fresh), list(errors) + [e for e in corpus.errors if e not in errors])


def redate(corpus: Corpus, doc_id: str, dct: Optional[str], *, task: TaskState) -> Corpus:
    """The corpus with one document's creation time replaced and its dates re-resolved."""
    from desktop_app.core.documents import parse_dct
    from desktop_app.core.pipeline import reresolve_document

    task.set_progress(0.1, f"Re-reading dates in {doc_id}")
    value, precision = parse_dct(dct) if dct else (None, None)
    new = reresolve_document(corpus, doc_id, value)
    for d in new.documents:   # keep the precision the user gave with the value
        if d.id == doc_id:
            d.dct_precision = precision
    task.set_progress(1.0, "Dates re-resolved")
    return new


class Ingestor(QObject):
    """Starts ingestion and re-dating on the worker pool; one job at a time."""

    started = Signal(str)              # what is running, for the status bar
    progress = Signal(float, str)
    finished = Signal()                # whatever the outcome
    errors = Signal(list)              # [{"path", "message"}] files skipped in the last run
    failed = Signal(str)               # the whole job failed: a message for the user

    def __init__(self, state, parent: QObject | None = None):
        super().__init__(parent)
        self.state = state
        self.handle: Optional[TaskHandle] = None

    @property
    def busy(self) -> bool:
        return self.handle is not None and self.handle.running

    def open_paths(self, paths: list[str], dct: Optional[str] = None, table_maps: Optional[dict] = None) -> bool:
        """Start loading ``paths`` (files or folders); False if a job is already running or nothing was given."""
        paths = [p for p in paths if p]
        if not paths or self.busy:
            return False
        corpus = self.state.corpus
        handle = run_task(ingest, paths, list(corpus.documents), dct, table_maps, previous=corpus)
        handle.result.connect(self._ingested)
        self._watch(handle, f"Loading {len(paths)} path(s)…")
        return True

    def set_dct(self, doc_id: str, dct: Optional[str]) -> bool:
        if self.busy:
            return False
        handle = run_task(redate, self.state.corpus, doc_id, dct)
        handle.result.connect(self.state.set_corpus)
        self._watch(handle, f"Re-resolving dates of {doc_id}…")
        return True

    def cancel(self) -> None:
        if self.handle is not None:
            self.handle.cancel()

    def _watch(self, handle: TaskHandle, what: str) -> None:
        self.handle = handle
        handle.progress.connect(self.progress)
        handle.error.connect(lambda exc: self.failed.emit(f"{type(exc).__name__}: {exc}"))
        handle.finished.connect(self._done)
        self.started.emit(what)

    def _ingested(self, result: IngestResult) -> None:
        self.state.set_corpus(result.corpus)
        if result.errors:
            self.errors.emit(result.errors)

    def _done(self) -> None:
        self.handle = None
        self.finished.emit()
