"""Issue 15, item 7: overview spreads intervals, duplicates are skipped quietly, Help lists the keys, one view base."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from desktop_app.core import timeaxis
from desktop_app.gui.document_view import DocumentView
from desktop_app.gui.error_log import ErrorLog
from desktop_app.gui.event_table import EventTable
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.state_view import StateView
from desktop_app.gui.timeline import TimelineView
from desktop_app.gui.timeline.data import from_arrays, histogram

from timeline_corpus import make_corpus

DAY = timeaxis.DAY


@pytest.fixture(autouse=True)
def private_settings(tmp_path):
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


def _data(starts, ends):
    n = len(starts)
    return from_arrays(np.asarray(starts, float), np.asarray(ends, float), np.full(n, 5), np.zeros(n),
                       np.full(n, np.nan), [f"e{i}" for i in range(n)], ["a"], ["A"], ["person"],
                       np.arange(n), np.zeros(n, int))


def test_overview_spreads_an_interval_event_over_its_span():
    month = (timeaxis.to_seconds(datetime(1990, 8, 1)), timeaxis.to_seconds(datetime(1990, 9, 1)))
    data = _data([month[0]], [month[1]])
    edges = np.linspace(month[0] - 31 * DAY, month[1] + 31 * DAY, 94)     # ~1 day per bin
    counts = histogram(data, None, edges)
    inside = (edges[:-1] >= month[0]) & (edges[1:] <= month[1])
    assert counts.sum() == pytest.approx(1.0)
    assert np.count_nonzero(counts > 1e-9) >= 30                           # spread, not a spike
    assert np.allclose(counts[inside], counts[inside][0])                  # evenly
    assert counts[~inside & ((edges[1:] <= month[0]) | (edges[:-1] >= month[1]))].max() < 1e-9


def test_overview_point_events_still_land_in_one_bin_each():
    t = timeaxis.to_seconds(datetime(2000, 1, 1))
    data = _data([t, t + 10 * DAY], [t + DAY, t + 11 * DAY])
    counts = histogram(data, None, np.linspace(t - 5 * DAY, t + 20 * DAY, 6))   # 5-day bins
    assert counts.tolist() == pytest.approx([0, 1, 0, 1, 0])


def _window(qtbot):
    w = MainWindow(restore=False, workspaces=False)
    qtbot.addWidget(w)
    w.show()
    return w


def test_a_duplicate_file_is_skipped_quietly_and_named_in_the_status_bar(qtbot, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    text = "The Interior Ministry arrested Ivan Petrov on 2 November 2007.\n"
    (folder / "one.txt").write_text(text, encoding="utf-8")
    (folder / "copy of one.txt").write_text(text, encoding="utf-8")
    w = _window(qtbot)
    w.open_paths([str(folder)])
    qtbot.waitUntil(lambda: not w.ingestor.busy and bool(w.state.corpus.documents), timeout=60000)
    qtbot.wait(50)
    assert len(w.state.corpus.documents) == 1
    assert not w.error_log.isVisible()                          # no error dialog for a harmless duplicate
    assert "skipped 1 duplicate" in w.status.currentMessage()
    assert w.error_log.counts() == (0, 1)
    assert "skipped duplicate" in w.error_log.header.text() and "could not be read" not in w.error_log.header.text()
    assert "skipped duplicate (same text as" in w.error_log.text.toPlainText()


def test_an_unreadable_file_still_shows_the_log(qtbot):
    log = ErrorLog()
    qtbot.addWidget(log)
    log.add([{"path": "a.txt", "message": "a.txt: skipped duplicate", "kind": "duplicate"}])
    assert not log.isVisible()
    log.add([{"path": "b.bin", "message": "b.bin: not text"}])
    assert log.isVisible() and log.counts() == (1, 1)
    assert log.header.text().startswith("1 file could not be read; 1 skipped duplicate")


def test_help_lists_the_keyboard_shortcuts(qtbot):
    w = _window(qtbot)
    assert "shortcuts" in w.actions
    dialog = w.show_shortcuts()
    rows = {(dialog.table.item(i, 1).text(), dialog.table.item(i, 2).text()) for i in range(dialog.table.rowCount())}
    keys = {k for k, _ in rows}
    assert {"Ctrl+0", "Ctrl+G", "Esc", "← / →", "+ / −"} <= keys
    assert any("Go to date" in what for _, what in rows)
    # every menu shortcut is listed, read from the live actions
    for act in w.actions.values():
        if not act.shortcut().isEmpty():
            assert act.shortcut().toString() in keys


def test_the_views_share_one_redraw_base(qtbot):
    from desktop_app.gui.state import AppState
    state = AppState(make_corpus())
    views = [TimelineView(state), EventTable(state), DocumentView(state)]
    for v in views:
        qtbot.addWidget(v)
        assert isinstance(v, StateView)
        assert "redrawn" not in type(v).__dict__ and "_redrawn" not in type(v).__dict__
    before = [v.redraw_count for v in views]
    seen = []
    for v in views:
        v.redrawn.connect(lambda v=v: seen.append(type(v).__name__))
    state.selection.set_actors(["a1"])
    assert [v.redraw_count for v in views] == [b + 1 for b in before]
    assert sorted(seen) == ["DocumentView", "EventTable", "TimelineView"]
