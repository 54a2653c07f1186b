"""Long work as plain functions with progress and cancel.

Modelled on Orange3's ``TaskState``: the function doing the work receives a
``TaskState`` and reports progress through it and polls ``cancelled``; it
knows nothing of threads or Qt.  The GUI runs such functions on a worker
thread and forwards progress to a progress bar; the CLI and tests pass a
``TaskState`` (or ``None``) and call them directly.
"""
from __future__ import annotations

import threading
from typing import Callable, Optional


class Cancelled(Exception):
    """Raised inside a task when its caller asked it to stop."""


class TaskState:
    def __init__(self, on_progress: Optional[Callable[[float, str], None]] = None):
        self._on_progress = on_progress
        self._cancel = threading.Event()
        self.progress = 0.0
        self.message = ""

    def set_progress(self, fraction: float, message: str = "") -> None:
        self.progress = max(0.0, min(1.0, fraction))
        if message:
            self.message = message
        if self._on_progress is not None:
            self._on_progress(self.progress, self.message)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise ``Cancelled`` if the caller asked to stop; call between units of work."""
        if self._cancel.is_set():
            raise Cancelled()


def report(task: Optional[TaskState], fraction: float, message: str = "") -> None:
    """Progress for code that may run with or without a TaskState; also the cancel point."""
    if task is not None:
        task.check()
        task.set_progress(fraction, message)


class Subtask(TaskState):
    """A slice ``[lo, hi]`` of a parent task's bar that shares its cancel: a long file inside a list of files."""

    def __init__(self, parent: Optional[TaskState], lo: float, hi: float):
        super().__init__()
        self._parent, self._lo, self._hi = parent, lo, hi

    def set_progress(self, fraction: float, message: str = "") -> None:
        self.progress = max(0.0, min(1.0, fraction))
        if self._parent is not None:
            self._parent.set_progress(self._lo + (self._hi - self._lo) * self.progress, message)

    def cancel(self) -> None:
        if self._parent is not None:
            self._parent.cancel()

    @property
    def cancelled(self) -> bool:
        return self._parent is not None and self._parent.cancelled

    def check(self) -> None:
        if self._parent is not None:
            self._parent.check()


def one_line(exc: BaseException, limit: int = 120) -> str:
    """What went wrong in a task, as the one line a user is shown: the exception's first line (its class
    name when it has no message), at most ``limit`` characters; never a traceback."""
    s = str(exc).splitlines()[0] if str(exc).strip() else type(exc).__name__
    return s[:limit]
