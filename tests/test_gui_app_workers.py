"""Worker threads: results, errors, progress and cancel all arrive on the UI thread."""
from __future__ import annotations

import os
import threading
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QThread

from desktop_app.core.tasks import report
from desktop_app.gui.workers import run_task


def _square(x, task):
    report(task, 0.5, "half")
    return x * x, threading.get_ident()


def test_result_arrives_on_the_ui_thread(qtbot):
    ui = threading.get_ident()
    seen = []
    handle = run_task(_square, 7)
    handle.result.connect(lambda v: seen.append((v, threading.get_ident())))
    with qtbot.waitSignal(handle.finished, timeout=5000):
        pass
    (value, worker_thread), callback_thread = seen[0]
    assert value == 49
    assert worker_thread != ui        # the work ran elsewhere
    assert callback_thread == ui      # the answer came home
    assert handle.outcome == "result" and not handle.running


def test_progress_is_forwarded(qtbot):
    progress = []
    handle = run_task(_square, 3)
    handle.progress.connect(lambda f, m: progress.append((f, m)))
    with qtbot.waitSignal(handle.finished, timeout=5000):
        pass
    assert (0.5, "half") in progress


def _boom(task):
    raise ValueError("bad input file")


def test_exception_is_delivered_not_lost(qtbot):
    errors = []
    handle = run_task(_boom)
    handle.error.connect(errors.append)
    with qtbot.waitSignal(handle.finished, timeout=5000):
        pass
    assert isinstance(errors[0], ValueError) and "bad input file" in str(errors[0])
    assert "ValueError" in handle.traceback


def _slow(started, task):
    started.set()
    for i in range(500):
        report(task, i / 500)
        time.sleep(0.01)
    return "finished anyway"


def test_cancel_stops_the_function_and_reports_cancelled(qtbot):
    started = threading.Event()
    results, cancelled = [], []
    handle = run_task(_slow, started)
    handle.result.connect(results.append)
    handle.cancelled.connect(lambda: cancelled.append(True))
    assert started.wait(5)
    handle.cancel()
    with qtbot.waitSignal(handle.finished, timeout=5000):
        pass
    assert cancelled == [True] and results == []
    assert handle.task.progress < 1.0


def _ignores_cancel(gate, task):
    gate.wait(5)
    return 1


def test_cancel_wins_even_if_the_function_returns(qtbot):
    gate = threading.Event()
    results, cancelled = [], []
    handle = run_task(_ignores_cancel, gate)
    handle.result.connect(results.append)
    handle.cancelled.connect(lambda: cancelled.append(True))
    handle.cancel()
    gate.set()
    with qtbot.waitSignal(handle.finished, timeout=5000):
        pass
    assert results == [] and cancelled == [True]
