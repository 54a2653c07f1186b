"""Issue 15, item 3: one coherent selection -- every control shows it, empty results say why, counts agree."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime

import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtTest import QTest

from desktop_app.core import timeaxis
from desktop_app.core.selection import SelectionModel
from desktop_app.gui.actor_search import ActorSearch
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.shared_index import filter_index_for
from desktop_app.gui.state import AppState
from desktop_app.gui.status import shown_count

from timeline_corpus import make_corpus, shown_timeline


@pytest.fixture(autouse=True)
def private_settings(tmp_path):
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


@pytest.fixture
def view(qtbot):
    v = shown_timeline(qtbot)
    v.state.set_corpus(make_corpus())
    return v


def test_search_box_shows_the_selection_made_elsewhere_and_empties_when_it_goes(qtbot):
    state = AppState(make_corpus())
    box = ActorSearch(state)
    qtbot.addWidget(box)
    assert box.choose("Alpha") == "a1"
    state.selection.set_actors(["a2"])                 # e.g. a click on another node
    assert box.edit.text() == "Beta Ministry  ·  organization"
    state.selection.set_actors(["a2", "a3"])
    assert box.edit.text() == "" and "2 actors selected" in box.edit.placeholderText()
    state.selection.clear()
    assert box.edit.text() == ""


def test_clearing_the_search_box_clears_the_actor_selection(qtbot):
    state = AppState(make_corpus())
    box = ActorSearch(state)
    qtbot.addWidget(box)
    box.show()
    box.choose("Gamma")
    assert state.selection.actors == {"a3"}
    box.edit.setFocus()
    box.edit.selectAll()
    QTest.keyClick(box.edit, Qt.Key.Key_Backspace)        # the user empties the box
    assert state.selection.actors == frozenset()
    # Enter on the box showing the selection keeps it
    state.selection.set_actors(["a1"])
    assert box.choose(box.edit.text()) == "a1" and state.selection.actors == {"a1"}


def test_an_empty_result_names_the_window_that_hides_the_events_and_offers_to_clear_it(view):
    view.state.selection.set_window((datetime(2007, 1, 1), datetime(2007, 2, 1)))
    view.state.selection.set_actors(["a1"])
    assert view.reason_bar.isVisibleTo(view)
    assert view.reason == "The time window 2007-01 hides Alpha Person's 2 events."
    assert view.reason_button.text() == "Clear window"
    view.reason_button.click()
    assert view.state.selection.window is None and view.state.selection.actors == {"a1"}
    assert not view.reason_bar.isVisibleTo(view)


def test_an_all_actors_match_with_no_event_says_so(view):
    view.state.selection.update(actors=["a1", "a3"], mode="all")
    assert "all 2 selected actors" in view.reason
    view.reason_button.click()
    assert view.state.selection.mode == "any" and not view.reason


def test_timeline_header_and_status_bar_count_the_same_events(view, qtbot):
    sel = view.state.selection
    index = filter_index_for(view.state.corpus)
    for actors, window in ((["a2"], None), (["a2"], (datetime(2007, 11, 3), datetime(2007, 11, 10))),
                           ([], (datetime(2007, 10, 30), datetime(2007, 11, 6))), (["a1", "a3"], None)):
        sel.update(actors=actors, window=window)
        # at once, with the redraw: no moment where the header shows the previous selection's count
        assert view.shown_count() == shown_count(index, sel)
        assert view.mode_label.text().startswith(f"{shown_count(index, sel)} of ")


def test_escape_clears_the_event_then_the_window_then_the_actors(view, qtbot):
    sel = view.state.selection
    sel.update(actors=["a1"], window=(datetime(2007, 11, 1), datetime(2007, 11, 30)), event="e1")
    view.plot.setFocus()
    cleared = []
    for _ in range(4):
        QTest.keyClick(view.plot, Qt.Key.Key_Escape)
        cleared.append((sel.event, sel.window is None, tuple(sel.actors)))
    assert cleared == [(None, False, ("a1",)), (None, True, ("a1",)), (None, True, ()), (None, True, ())]


def test_clear_one_order_in_the_model():
    m = SelectionModel()
    m.update(actors=["x"], window=(datetime(2000, 1, 1), datetime(2000, 2, 1)), event="e")
    assert [m.clear_one() for _ in range(4)] == ["event", "window", "actors", None]


def test_clicking_empty_space_clears_the_selected_event(view, qtbot):
    view.state.selection.set_event("e2")
    view.viewbox.setXRange(timeaxis.to_seconds(datetime(2007, 10, 1)), timeaxis.to_seconds(datetime(2008, 3, 1)),
                           padding=0)
    view.plot.grab()
    empty = view.plot.mapFromScene(view.viewbox.mapViewToScene(
        QPointF(timeaxis.to_seconds(datetime(2008, 2, 15)), 0.0)))
    QTest.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, empty)
    assert view.state.selection.event is None
    assert view.marks.selected_row is None


@pytest.mark.parametrize("span, expect", [(10 * timeaxis.YEAR, ("1990-08-01", "1990-09-01")),
                                          (60 * timeaxis.DAY, ("1990-08-01", "1990-08-30")),
                                          (25 * timeaxis.YEAR, ("1991-01-01", "1991-01-01"))])
def test_brush_edges_snap_to_the_nearest_boundary_of_the_zoom_unit(view, span, expect):
    mid = timeaxis.to_seconds(datetime(1990, 8, 15))
    view.viewbox.setXRange(mid - span / 2, mid + span / 2, padding=0)
    view.brush(timeaxis.to_seconds(datetime(1990, 7, 31, 22, 31)), timeaxis.to_seconds(datetime(1990, 8, 30, 3, 12)))
    lo, hi = view.state.selection.window
    got = (lo.date().isoformat(), hi.date().isoformat())
    if expect[0] == expect[1]:       # years: never an empty window -- a whole year
        assert (lo.month, lo.day, hi.month, hi.day) == (1, 1, 1, 1) and hi.year == lo.year + 1
    else:
        assert got == expect
    assert (lo.hour, lo.minute, hi.hour, hi.minute) == (0, 0, 0, 0)


def test_panel_dividers_do_not_move_while_panning_and_selecting(qtbot):
    w = MainWindow(restore=False, workspaces=False)
    qtbot.addWidget(w)
    w.resize(1400, 850)
    w.show()
    qtbot.waitExposed(w)
    w.state.set_corpus(make_corpus())
    qtbot.wait(100)
    before = w.splitter.sizes()
    for k, text in enumerate(["Nov 2007", "2007", "1995", "2007-11-02"]):
        w.timeline.go_to(text)
        w.state.selection.set_actors([["a1"], ["a2", "a3"], [], ["a4"]][k])
        qtbot.wait(100)
        assert w.splitter.sizes() == before
    # a view's own status text growing long must not push the divider either
    from PySide6.QtWidgets import QLabel
    for label in w.views["NetworkView"].findChildren(QLabel) + w.timeline.findChildren(QLabel):
        if label.isVisible() and label.text() and not label.wordWrap():
            label.setText(label.text() + " — and a much longer status text than any view shows" * 3)
    qtbot.wait(100)
    assert w.splitter.sizes() == before


def test_a_narrow_timeline_cuts_the_headers_hint_never_its_count(view, qtbot):
    view.mode_label.setFixedWidth(40)
    view.mode_label.setText("5,792 happenings · 6,332 events · density: zoom in for single events")
    # Left-aligned, the cut falls at the end; right-aligned it showed "2 happenings" for 5,792.
    assert view.mode_label.alignment() & Qt.AlignmentFlag.AlignLeft
    view.state.selection.update(actors=["a2"])
    qtbot.waitUntil(lambda: view.mode_label.toolTip() == view.mode_label.text())
