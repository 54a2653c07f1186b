"""Run a plain ``fn(*args, task=TaskState)`` off the UI thread and hear back on it.

The core's long jobs (loading, extraction, layout) are plain functions that
report through a ``TaskState`` and know nothing of Qt.  ``run_task`` runs one
on ``QThreadPool`` and returns a ``TaskHandle`` whose signals always fire on
the UI thread, so whatever is connected to them may touch widgets:

    handle = run_task(extract_corpus, documents, workers=1)
    handle.progress.connect(lambda fraction, message: bar.setValue(int(fraction * 100)))
    handle.result.connect(state.set_corpus)
    handle.error.connect(show_error)          # receives the exception
    cancel_button.clicked.connect(handle.cancel)

Exactly one of ``result``, ``error`` or ``cancelled`` fires, then ``finished``.
A task whose caller cancelled it reports ``cancelled`` even if the function
ignored the request and returned, because the caller has moved on.
"""
from __future__ import annotations

import threading
import time
import traceback
from typing import Any, Callable, Optional

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from desktop_app.core.tasks import Cancelled, TaskState

# Progress callbacks can come thousands of times a second; the bar needs far fewer.
_PROGRESS_INTERVAL = 0.05

# Handles are kept here until they finish: nothing else may hold the only
# reference while the worker thread still posts to them.
_ACTIVE: set["TaskHandle"] = set()


class _Emitter(QObject):
    """Lives on the UI thread; the worker emits through it, so delivery is queued."""

    progress = Signal(float, str)
    outcome = Signal(str, object)


class TaskHandle(QObject):
    progress = Signal(float, str)
    result = Signal(object)
    error = Signal(object)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.task = TaskState(on_progress=self._from_worker)
        self.traceback: str = ""
        self.outcome: Optional[str] = None     # "result", "error" or "cancelled" once done
        self.value: Any = None
        self._emitter = _Emitter()
        self._emitter.progress.connect(self._relay_progress)
        self._emitter.outcome.connect(self._relay_outcome)
        self._last_sent = 0.0
        self._last_message = ""
        self._done = threading.Event()

    # -- called on the worker thread ---------------------------------------
    def _from_worker(self, fraction: float, message: str) -> None:
        now = time.monotonic()
        if message == self._last_message and fraction < 1.0 and now - self._last_sent < _PROGRESS_INTERVAL:
            return
        self._last_sent = now
        self._last_message = message
        self._emitter.progress.emit(fraction, message)

    # -- called on the UI thread ---------------------------------------------
    @Slot(float, str)
    def _relay_progress(self, fraction: float, message: str) -> None:
        if self.outcome is None:
            self.progress.emit(fraction, message)

    @Slot(str, object)
    def _relay_outcome(self, kind: str, value: object) -> None:
        if kind != "error" and self.task.cancelled:
            kind, value = "cancelled", None
        self.outcome, self.value = kind, value
        try:
            if kind == "result":
                self.result.emit(value)
            elif kind == "error":
                self.error.emit(value)
            else:
                self.cancelled.emit()
        finally:
            self.finished.emit()
            _ACTIVE.discard(self)

    def cancel(self) -> None:
        """Ask the function to stop at its next ``task.check()``; safe to call twice."""
        self.task.cancel()

    @property
    def running(self) -> bool:
        return self.outcome is None

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the worker returned (signals still need the event loop). For tests and shutdown."""
        return self._done.wait(timeout)


class _Runnable(QRunnable):
    def __init__(self, handle: TaskHandle, fn: Callable, args: tuple, kwargs: dict):
        super().__init__()
        self.setAutoDelete(True)
        self._handle, self._fn, self._args, self._kwargs = handle, fn, args, kwargs

    def run(self) -> None:
        handle = self._handle
        try:
            value = self._fn(*self._args, task=handle.task, **self._kwargs)
            kind = "result"
        except Cancelled:
            kind, value = "cancelled", None
        except BaseException as exc:  # the UI must hear of every failure, not lose it in a thread
            handle.traceback = traceback.format_exc()
            kind, value = "error", exc
        handle._done.set()
        handle._emitter.outcome.emit(kind, value)


def pool() -> QThreadPool:
    return QThreadPool.globalInstance()


def run_task(fn: Callable[..., Any], *args: Any, parent: QObject | None = None, **kwargs: Any) -> TaskHandle:
    """Start ``fn(*args, task=..., **kwargs)`` on a pool thread; connect to the handle's signals.

    Must be called from the UI thread.  Signals emitted before you connect
    cannot be missed: delivery is queued, so it waits for the event loop.
    """
    handle = TaskHandle(parent)
    _ACTIVE.add(handle)
    pool().start(_Runnable(handle, fn, args, kwargs))
    return handle


def cancel_all(wait_ms: int = 3000) -> bool:
    """Cancel every running task and wait for the pool; for application shutdown."""
    for handle in list(_ACTIVE):
        handle.cancel()
    return pool().waitForDone(wait_ms)
