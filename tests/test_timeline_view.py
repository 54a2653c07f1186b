"""The timeline view, driven through the selection model and its own gesture handlers, headless."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from PySide6.QtTest import QTest

from desktop_app.core import timeaxis
from desktop_app.gui.state import AppState
from desktop_app.gui.timeline import TimelineView
from desktop_app.gui.timeline.data import from_arrays

from timeline_corpus import make_corpus, shown_timeline


@pytest.fixture
def view(qtbot):
    v = shown_timeline(qtbot)
    v.state.set_corpus(make_corpus())
    return v


def shown_ids(v):
    return {v.data.event_id(r) for r in v.layout.mark_row}


def lane_of(v, name):
    return v.layout.lane_labels.index(name)


def mark_pos(v, event_id, lane_name):
    """The view point of an event's mark in a lane (its midpoint)."""
    row = v.data.row_for(event_id)
    return QPointF(float(v.data.mid[row]), float(lane_of(v, lane_name)))


def widget_point(v, view_point):
    scene = v.viewbox.mapViewToScene(view_point)
    return v.plot.mapFromScene(scene)


def test_every_placed_event_is_shown_with_the_most_active_actors_as_lanes(view):
    assert shown_ids(view) == {"e1", "e2", "e3", "e4", "e5", "e6", "e7"}
    assert view.layout.lane_labels == ["Beta Ministry", "Gamma Group", "Alpha Person"]
    # an event sits in the lane of every actor it involves
    e1 = view.data.row_for("e1")
    assert sorted(view.layout.mark_lane[view.layout.mark_row == e1]) == [0, 2]


def test_selecting_actors_shows_only_their_events_and_lanes(view):
    view.state.selection.set_actors(["a1"])
    assert shown_ids(view) == {"e1", "e2"}
    assert view.layout.lane_labels == ["Alpha Person"]
    view.state.selection.set_actors(["a1", "a3"])
    assert shown_ids(view) == {"e1", "e2", "e3", "e4", "e6"}
    assert set(view.layout.lane_labels) == {"Alpha Person", "Gamma Group"}
    view.state.selection.update(mode="all", actors=["a1", "a2"])
    assert shown_ids(view) == {"e1"}


def test_overview_keeps_the_whole_and_overlays_the_subset(view):
    whole = view.overview.all_counts.copy()
    assert whole.sum() == pytest.approx(7) and view.overview.subset_counts.size == 0
    view.state.selection.set_actors(["a1"])
    assert np.array_equal(view.overview.all_counts, whole)      # fixed scale
    assert view.overview.subset_counts.sum() == 2


def test_year_unknown_events_are_listed_not_placed(view):
    assert view.data.row_for("e8") is None
    assert view.unplaced_count == 1
    assert view.unplaced_list.count() == 1
    assert "November 2" in view.unplaced_list.item(0).text()
    assert "year unknown (1)" in view.unplaced_label.text()
    assert view.unplaced_panel.isVisibleTo(view)
    # the undated fact (no date at all) is neither placed nor listed as year-unknown
    assert view.data.row_for("e9") is None


def test_clicking_a_year_unknown_entry_selects_it(view, qtbot):
    item = view.unplaced_list.item(0)
    view.unplaced_list.itemClicked.emit(item)
    assert view.state.selection.event == "e8"


def test_hover_text_says_what_when_how_precisely_who_and_where_from(view):
    view.zoom_to_fit()
    view.viewbox.setXRange(timeaxis.to_seconds(datetime(2007, 10, 25)), timeaxis.to_seconds(datetime(2007, 11, 15)),
                           padding=0)
    text = view.hover(mark_pos(view, "e1", "Alpha Person"))
    assert view.hover_row == view.data.row_for("e1")
    assert "event 1" in text
    assert "Date as written: “November 2”" in text
    assert "Normalized: 2007-11-02" in text
    assert "Precision: day" in text
    assert "Alpha Person" in text and "Beta Ministry" in text
    assert "reported by Delta News" in text and "A test story" in text
    # a month-precision bar reports its interval and precision
    text = view.hover(QPointF(timeaxis.to_seconds(datetime(2007, 11, 20)), lane_of(view, "Gamma Group")))
    assert "Precision: month" in text and "2007-11-01 – 2007-11-30" in text
    # off any mark: nothing
    assert view.hover(QPointF(timeaxis.to_seconds(datetime(2007, 11, 20)), lane_of(view, "Alpha Person"))) == ""


def test_on_or_before_is_marked_in_the_hover(view):
    view.viewbox.setXRange(timeaxis.to_seconds(datetime(2007, 11, 1)), timeaxis.to_seconds(datetime(2007, 11, 12)),
                           padding=0)
    text = view.hover(mark_pos(view, "e5", "Beta Ministry"))
    assert "on or before" in text


def test_clicking_a_mark_selects_its_event_and_empty_space_clears(view, qtbot):
    view.viewbox.setXRange(timeaxis.to_seconds(datetime(2007, 10, 30)), timeaxis.to_seconds(datetime(2007, 11, 8)),
                           padding=0)
    qtbot.wait(10)
    p = widget_point(view, mark_pos(view, "e2", "Alpha Person"))
    QTest.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p)
    assert view.state.selection.event == "e2"
    assert view.marks.selected_row == view.data.row_for("e2")
    empty = widget_point(view, QPointF(timeaxis.to_seconds(datetime(2007, 11, 7)), lane_of(view, "Alpha Person")))
    QTest.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, empty)
    assert view.state.selection.event is None


def _drag(widget, a: QPoint, b: QPoint, modifier):
    """A real drag: QTest.mouseMove cannot carry a held modifier, so the moves are sent by hand."""
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, modifier, a)
    for i in range(1, 11):
        p = QPointF(a + (b - a) * (i / 10))
        move = QMouseEvent(QEvent.Type.MouseMove, p, QPointF(widget.mapToGlobal(p.toPoint())),
                           Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton, modifier)
        QApplication.sendEvent(widget, move)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, modifier, b)


def test_shift_drag_brushes_a_window_with_one_update_and_one_redraw(view, qtbot):
    view.viewbox.setXRange(timeaxis.to_seconds(datetime(2007, 10, 1)), timeaxis.to_seconds(datetime(2007, 12, 1)),
                           padding=0)
    qtbot.wait(10)
    emitted = []
    view.state.selection_changed.connect(emitted.append)
    before = view.redraw_count
    a = widget_point(view, QPointF(timeaxis.to_seconds(datetime(2007, 11, 1)), 0.0))
    b = widget_point(view, QPointF(timeaxis.to_seconds(datetime(2007, 11, 8)), 0.0))
    _drag(view.plot.viewport(), a, b, Qt.KeyboardModifier.ShiftModifier)
    window = view.state.selection.window
    assert window is not None
    assert abs(window[0] - datetime(2007, 11, 1)).total_seconds() < 86400 / 2
    assert abs(window[1] - datetime(2007, 11, 8)).total_seconds() < 86400 / 2
    assert len(emitted) == 1 and emitted[0].fields == {"window"}
    assert view.redraw_count == before + 1
    assert view.window_region.isVisible()
    # Esc clears it: again one update, one redraw
    view.clear_window()
    assert view.state.selection.window is None
    assert len(emitted) == 2 and view.redraw_count == before + 2
    assert not view.window_region.isVisible()


def test_plain_drag_pans_and_does_not_touch_the_selection(view, qtbot):
    view.viewbox.setXRange(timeaxis.to_seconds(datetime(2007, 10, 1)), timeaxis.to_seconds(datetime(2007, 12, 1)),
                           padding=0)
    qtbot.wait(10)
    emitted = []
    view.state.selection_changed.connect(emitted.append)
    before_range, before_redraws = view.visible_range(), view.redraw_count
    a = widget_point(view, QPointF(timeaxis.to_seconds(datetime(2007, 11, 1)), 0.0))
    _drag(view.plot.viewport(), a, a + QPoint(200, 0), Qt.KeyboardModifier.NoModifier)
    after = view.visible_range()
    assert after[0] < before_range[0]                 # dragged right: earlier dates come into view
    assert abs((after[1] - after[0]) - (before_range[1] - before_range[0])) < 1.0
    assert emitted == [] and view.redraw_count == before_redraws


def test_unchanged_value_emits_nothing_and_draws_nothing(view):
    emitted = []
    view.state.selection_changed.connect(emitted.append)
    view.state.selection.set_event("e1")
    count = view.redraw_count
    view.state.selection.set_event("e1")
    assert len(emitted) == 1 and view.redraw_count == count


def test_window_from_elsewhere_is_drawn_on_both_strips(view):
    view.state.selection.set_window((datetime(2007, 11, 1), datetime(2007, 11, 7)))
    lo, hi = view.window_region.getRegion()
    assert timeaxis.from_seconds(lo) == datetime(2007, 11, 1)
    assert timeaxis.from_seconds(hi) == datetime(2007, 11, 7)
    assert view.overview._window.isVisible()


def test_compact_mode_is_one_band_with_every_event_once(view):
    view.set_compact(True)
    assert view.layout.lane_labels == ["all events"]
    assert sorted(view.data.event_id(r) for r in view.layout.mark_row) == ["e1", "e2", "e3", "e4", "e5", "e6", "e7"]
    view.set_compact(False)
    assert len(view.layout.lane_labels) == 3


def test_zoom_to_fit_covers_every_event(view):
    view.viewbox.setXRange(0, 1000, padding=0)
    view.zoom_to_fit()
    lo, hi = view.visible_range()
    assert lo <= view.data.start.min() and hi >= view.data.end.max()


def test_events_without_lane_actors_go_to_an_other_lane(qtbot):
    state = AppState()
    v = TimelineView(state, max_lanes=1)
    qtbot.addWidget(v)
    state.set_corpus(make_corpus())
    assert v.layout.lane_labels == ["Beta Ministry", "other actors"]
    assert shown_ids(v) == {"e1", "e2", "e3", "e4", "e5", "e6", "e7"}


def _synthetic(n, n_actors=5, seed=1):
    rng = np.random.default_rng(seed)
    start = np.sort(rng.uniform(timeaxis.to_seconds(datetime(1990, 1, 1)), timeaxis.to_seconds(datetime(2020, 1, 1)), n))
    start = np.floor(start / 86400) * 86400
    actor = rng.integers(0, n_actors, n)
    return from_arrays(start, start + 86400, np.full(n, 3), np.zeros(n), np.full(n, np.nan), [f"s{i}" for i in range(n)],
                       [f"x{i}" for i in range(n_actors)], [f"Actor {i}" for i in range(n_actors)],
                       ["person"] * n_actors, np.arange(n), actor)


def test_density_above_threshold_and_marks_when_zoomed_in(qtbot):
    state = AppState()
    v = TimelineView(state, threshold=5000)
    qtbot.addWidget(v)
    v.resize(1000, 400)
    v.show()
    v.set_data(_synthetic(20000))
    assert v.display_mode() == "density"
    v.grab()
    assert v.marks.mode == "density" and v.marks.drawn == 20000
    mid = float(v.data.start[10000])
    v.viewbox.setXRange(mid, mid + 30 * 86400, padding=0)
    assert v.display_mode() == "marks"
    v.grab()
    assert v.marks.mode == "marks" and 0 < v.marks.drawn <= 5000


def test_bad_ranges_and_empty_corpus_do_not_crash(qtbot):
    state = AppState()
    v = TimelineView(state)
    qtbot.addWidget(v)
    v.show()
    v.zoom_to_fit()
    assert v.display_mode() == "empty"
    v.grab()
    state.set_corpus(make_corpus())
    v.viewbox.setXRange(timeaxis.MIN_SECONDS - 1e12, timeaxis.MAX_SECONDS + 1e12)
    v.grab()
    assert v.hover(QPointF(0, 99)) == ""


def test_wheel_zooms_around_the_cursor(view, qtbot):
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QWheelEvent
    view.viewbox.setXRange(timeaxis.to_seconds(datetime(2007, 10, 1)), timeaxis.to_seconds(datetime(2007, 12, 1)),
                           padding=0)
    qtbot.wait(10)
    anchor = timeaxis.to_seconds(datetime(2007, 11, 10))
    p = widget_point(view, QPointF(anchor, 1.0))
    before = view.visible_range()
    wheel = QWheelEvent(QPointF(p), QPointF(view.plot.viewport().mapToGlobal(p)), QPoint(0, 0), QPoint(0, 240),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.plot.viewport(), wheel)
    after = view.visible_range()
    assert after[1] - after[0] < (before[1] - before[0]) * 0.9          # zoomed in
    # the date under the cursor stays under the cursor
    share_before = (anchor - before[0]) / (before[1] - before[0])
    share_after = (anchor - after[0]) / (after[1] - after[0])
    assert abs(share_before - share_after) < 0.02


def test_brush_button_makes_a_plain_drag_brush(view, qtbot):
    view.viewbox.setXRange(timeaxis.to_seconds(datetime(2007, 10, 1)), timeaxis.to_seconds(datetime(2007, 12, 1)),
                           padding=0)
    view.brush_button.setChecked(True)
    qtbot.wait(10)
    a = widget_point(view, QPointF(timeaxis.to_seconds(datetime(2007, 11, 3)), 0.0))
    b = widget_point(view, QPointF(timeaxis.to_seconds(datetime(2007, 11, 20)), 0.0))
    _drag(view.plot.viewport(), a, b, Qt.KeyboardModifier.NoModifier)
    lo, hi = view.state.selection.window
    assert lo.date().isoformat() in ("2007-11-02", "2007-11-03") and hi.date().isoformat() in ("2007-11-19", "2007-11-20")


def test_dragging_the_overview_region_pans_the_main_view(view):
    lo, hi = timeaxis.to_seconds(datetime(2007, 11, 1)), timeaxis.to_seconds(datetime(2007, 11, 15))
    view.overview.region.setRegion((lo, hi))
    a, b = view.visible_range()
    assert abs(a - lo) < 1 and abs(b - hi) < 1
    # and the other way: the main view's range is shown on the overview
    view.viewbox.setXRange(lo - 86400, hi + 86400, padding=0)
    r0, r1 = view.overview.region.getRegion()
    assert abs(r0 - (lo - 86400)) < 1 and abs(r1 - (hi + 86400)) < 1


def test_click_is_one_update_and_one_redraw(view, qtbot):
    view.viewbox.setXRange(timeaxis.to_seconds(datetime(2007, 10, 30)), timeaxis.to_seconds(datetime(2007, 11, 8)),
                           padding=0)
    qtbot.wait(10)
    emitted = []
    view.state.selection_changed.connect(emitted.append)
    before = view.redraw_count
    p = widget_point(view, mark_pos(view, "e2", "Alpha Person"))
    QTest.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p)
    assert [c.fields for c in emitted] == [{"event"}]
    assert view.redraw_count == before + 1
    QTest.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p)
    assert len(emitted) == 1 and view.redraw_count == before + 1     # same event again: nothing


def test_pan_and_zoom_do_not_redraw_from_the_model(view):
    before = view.redraw_count
    view.viewbox.setXRange(timeaxis.to_seconds(datetime(2007, 10, 30)), timeaxis.to_seconds(datetime(2007, 11, 8)))
    view.zoom_to_fit()
    assert view.redraw_count == before


def test_the_old_layout_is_released_before_the_next_is_built(view, monkeypatch):
    # Built beside the old one, a 1M-report window's grouped layout set the memory peak.
    import gc
    import weakref
    from desktop_app.gui.timeline import view as view_module
    old = weakref.ref(view.layout)
    real, old_alive = view_module.layout, []

    def spy(*args, **kwargs):
        gc.collect()
        old_alive.append(old() is not None)
        return real(*args, **kwargs)

    monkeypatch.setattr(view_module, "layout", spy)
    view.state.selection.set_actors(["a1"])
    assert old_alive == [False]
    assert view.marks.layout is view.layout and shown_ids(view) == {"e1", "e2"}
