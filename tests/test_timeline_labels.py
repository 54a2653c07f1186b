"""Issue 15, item 2: marks carry labels where there is room, coincident marks stack with a count, the tip stays."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QMouseEvent
from PySide6.QtWidgets import QApplication

from desktop_app.core import timeaxis
from desktop_app.gui.timeline import labels as mark_labels
from desktop_app.gui.timeline.data import from_arrays

from timeline_corpus import make_corpus, shown_timeline

DAY = timeaxis.DAY
DAY_CODE = 3   # PRECISIONS index of "day"


def _points(days, lane_of, names=("A", "B")):
    t = timeaxis.to_seconds(datetime(2007, 11, 1))
    start = t + np.asarray(days, float) * DAY
    n = len(start)
    data = from_arrays(start, start + DAY, np.full(n, DAY_CODE), np.zeros(n), np.full(n, np.nan),
                       [f"p{i}" for i in range(n)], [f"a{k}" for k in range(len(names))], list(names),
                       ["person"] * len(names), np.arange(n), np.asarray(lane_of))
    data.label_of = lambda row: f"happening number {row}"
    return data, t


def _move(widget, p):
    """A plain mouse move, sent as the window system would (QTest.mouseMove does not reach the scene offscreen)."""
    pf = QPointF(p)
    QApplication.sendEvent(widget, QMouseEvent(QEvent.Type.MouseMove, pf, QPointF(widget.mapToGlobal(p)),
                                               Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                                               Qt.KeyboardModifier.NoModifier))


def _paint(v):
    v.plot.grab()
    return v.marks.labels


def test_sparse_marks_get_their_labels_on_their_own_rows(qtbot):
    v = shown_timeline(qtbot)
    data, t = _points([0, 10, 20], [0, 0, 1])
    v.set_data(data)
    placed = _paint(v)
    assert sorted(p.text for p in placed) == ["happening number 0", "happening number 1", "happening number 2"]
    # a label starts right of its own mark, or (the last one, at the view's right edge) ends left of it
    metrics = QFontMetricsF(v.marks.label_font)
    sides = []
    for p in placed:
        mark_px = v.plot.mapFromScene(v.viewbox.mapViewToScene(QPointF(float(data.mid[p.mark]), 0))).x()
        right_of = p.x > mark_px
        assert right_of or p.x + metrics.horizontalAdvance(p.text) < mark_px
        sides.append(right_of)
    assert sides.count(True) >= 2


def test_labels_never_overlap_one_another_or_run_into_the_next_mark(qtbot):
    v = shown_timeline(qtbot)
    data, t = _points(np.arange(0, 30, 1.5), np.zeros(20, int), names=("A",))
    v.set_data(data)
    # A day 64 px wide: every mark stands on its own (no folding), a day and a half apart.
    v.viewbox.setXRange(t - DAY, t - DAY + v.plot.width() / 64 * DAY, padding=0)
    placed = _paint(v)
    assert len(placed) >= 6
    assert any(p.text.endswith("…") for p in placed)           # cut to the room there is
    metrics = QFontMetricsF(v.marks.label_font)
    boxes = sorted((p.x, p.x + metrics.horizontalAdvance(p.text), p.y) for p in placed)
    for (a0, a1, ay), (b0, b1, by) in zip(boxes, boxes[1:]):
        assert not (abs(ay - by) < metrics.height() and b0 < a1)
    # no label reaches the next mark on its row (a label on a free line above or below passes over it)
    mark_px = sorted(v.plot.mapFromScene(v.viewbox.mapViewToScene(QPointF(float(m), 0))).x() for m in data.mid)
    mark_y = float(v.marks.painted[1][0])
    for x0, x1, yy in boxes:
        nxt = [m for m in mark_px if m > x0]
        assert abs(yy - mark_y) >= metrics.height() * 0.9 or not nxt or x1 < nxt[0] - 3


def test_more_important_events_are_labelled_first():
    metrics = QFontMetricsF(QFont())
    # two marks on one row, each with room for a label, but the two labels' rows are too close to both fit
    left = np.array([0.0, 0.0])
    right = np.array([10.0, 10.0])
    y = np.array([50.0, 50.0 + metrics.height() / 2])
    texts = ["minor one", "key one"]
    placed = mark_labels.place(left, right, y, np.array([1.0, 5.0]), lambda i: texts[i], metrics, 800.0)
    assert [p.text for p in placed] == ["key one"]
    placed = mark_labels.place(left, right, y, np.array([9.0, 5.0]), lambda i: texts[i], metrics, 800.0)
    assert [p.text for p in placed] == ["minor one"]


def test_key_events_hook_puts_their_labels_first(qtbot):
    v = shown_timeline(qtbot)
    data, t = _points([0, 0.6], [0, 0], names=("A",))
    v.set_data(data)
    v.viewbox.setXRange(t - 2 * DAY, t + 3 * DAY, padding=0)
    v.marks.key_rows = np.array([False, True])
    placed = _paint(v)
    assert placed and placed[0].mark == 1


def test_coincident_marks_are_one_stack_with_a_count_until_zoomed_in(qtbot):
    from desktop_app.core.folding import fold_lines
    v = shown_timeline(qtbot)
    n = 12                                   # more on one day than the lane labels side by side
    data, t = _points([0] * n + [40], [0] * (n + 1), names=("A",))
    v.set_data(data)
    v.viewbox.setXRange(t - 5 * DAY, t + 45 * DAY, padding=0)     # about 24 px a day
    placed = _paint(v)
    lines = fold_lines(v.marks.current_fold())
    assert lines and lines < n
    # The lane keeps as many of the day's marks as it has lines; the first drawn is named with "+N" for the
    # others, which are not drawn.
    assert any(p.text.startswith("happening number") and p.text.endswith(f" +{n - lines}") for p in placed)
    ys = {eid: y for eid, lane, x, y in v.marks_in_view()}
    assert len([f"p{i}" for i in range(n) if f"p{i}" in ys]) == lines
    # zoomed in until a day is wide: a row each, no stack label
    v.viewbox.setXRange(t - DAY, t + 3 * DAY, padding=0)
    placed = _paint(v)
    ys = {eid: y for eid, lane, x, y in v.marks_in_view()}
    assert len({ys[f"p{i}"] for i in range(n)}) == n
    assert not any(p.text.startswith("×") or " +" in p.text for p in placed)


def test_labels_of_a_corpus_come_from_its_events(qtbot):
    v = shown_timeline(qtbot)
    v.state.set_corpus(make_corpus())
    v.viewbox.setXRange(timeaxis.to_seconds(datetime(2007, 10, 25)), timeaxis.to_seconds(datetime(2007, 11, 20)),
                        padding=0)
    placed = _paint(v)
    assert {p.text for p in placed} & {"event 1", "event 2", "event 5"}


def test_no_label_is_tried_when_too_many_marks_are_in_view(qtbot):
    v = shown_timeline(qtbot)
    n = mark_labels.MAX_LABELLED + 50
    data, t = _points(np.linspace(0, 300, n), np.arange(n) % 2)
    v.set_data(data)
    # Zoomed in so far that nothing folds: too many single marks to label.
    v.viewbox.setXRange(t, t + v.plot.width() / 60 * DAY, padding=0)
    v.marks.threshold = 10 * n
    data2, _ = _points(np.linspace(0, v.plot.width() / 60, n), np.arange(n) % 2)
    v.set_data(data2, fit=False)
    assert _paint(v) == [] and v.marks.mode == "marks"
    # Zoomed out the same marks fold into a few aggregates, and those are labelled.
    v.viewbox.setXRange(t - 30 * DAY, t + 60 * DAY, padding=0)
    assert _paint(v) != []


def test_hover_tip_stays_while_the_pointer_rests(qtbot):
    v = shown_timeline(qtbot)
    v.state.set_corpus(make_corpus())
    v.viewbox.setXRange(timeaxis.to_seconds(datetime(2007, 10, 25)), timeaxis.to_seconds(datetime(2007, 11, 20)),
                        padding=0)
    v.plot.grab()
    eid, lane, x, y = next(m for m in v.marks_in_view() if m[0] == "e2")
    p = v.plot.mapFromScene(v.viewbox.mapViewToScene(QPointF(x, y)))
    _move(v.plot.viewport(), p)
    qtbot.waitUntil(v.tip.isVisible, timeout=2000)
    assert "event 2" in v.tip.text()
    qtbot.wait(2500)                 # longer than the ~1.5 s after which QToolTip vanished
    assert v.tip.isVisible()
    # moving off every mark hides it
    _move(v.plot.viewport(), p + type(p)(0, 200))
    qtbot.waitUntil(lambda: not v.tip.isVisible(), timeout=2000)


def test_a_label_is_not_written_over_a_mark_on_the_neighbouring_sub_row():
    metrics = QFontMetricsF(QFont())
    # mark 0 has room on its row; mark 1 sits on the sub-row just below, right where 0's label would go
    left = np.array([0.0, 40.0])
    right = np.array([10.0, 50.0])
    y = np.array([50.0, 50.0 + metrics.height() / 3])
    texts = ["a long label for the first mark", "x"]
    placed = mark_labels.place(left, right, y, np.array([5.0, 0.0]), lambda i: texts[i], metrics, 800.0)
    assert all(p.mark != 0 for p in placed)
    # with the neighbour far below, the label is placed
    y[1] = 50.0 + 3 * metrics.height()
    placed = mark_labels.place(left, right, y, np.array([5.0, 0.0]), lambda i: texts[i], metrics, 800.0)
    assert any(p.mark == 0 for p in placed)


def test_hovering_a_stack_says_how_many_events_it_holds(qtbot):
    from desktop_app.core.folding import fold_lines
    v = shown_timeline(qtbot)
    n = 12
    data, t = _points([0] * n + [40], [0] * (n + 1), names=("A",))
    v.set_data(data)
    v.viewbox.setXRange(t - 5 * DAY, t + 45 * DAY, padding=0)     # about 24 px a day
    v.plot.grab()
    lines = fold_lines(v.marks.current_fold())
    heads = [m for m in v.marks_in_view() if m[0] != f"p{n}"]
    texts = [v.hover(QPointF(x, y)) for _, _, x, y in heads]
    assert sum(t.startswith(f"<i>{n - lines + 1} events folded into this mark") for t in texts) == 1, texts
    eid, lane, x, y = next(m for m in v.marks_in_view() if m[0] == f"p{n}")
    assert "folded" not in v.hover(QPointF(x, y))


def test_a_label_crosses_a_translucent_span_but_never_a_point():
    metrics = QFontMetricsF(QFont())
    # a point at 0..10, a wide span right after it on the same row, another point at 400
    left = np.array([0.0, 20.0, 400.0])
    right = np.array([10.0, 300.0, 410.0])
    y = np.array([50.0, 50.0, 50.0])
    texts = ["the point's own rather long label", "", ""]
    solid = np.array([True, False, True])
    placed = mark_labels.place(left, right, y, np.array([5.0, 0.0, 0.0]), lambda i: texts[i], metrics, 800.0,
                               solid=solid)
    assert [p.text for p in placed] == [texts[0]]
    assert placed[0].x + metrics.horizontalAdvance(placed[0].text) < 400.0
    # Every mark solid (as before spans were crossed): the span blocks the label.
    placed = mark_labels.place(left, right, y, np.array([5.0, 0.0, 0.0]), lambda i: texts[i], metrics, 800.0)
    assert not any(p.mark == 0 and p.text == texts[0] for p in placed)


def test_a_mark_hemmed_in_on_its_row_is_labelled_on_a_free_line_of_its_lane():
    metrics = QFontMetricsF(QFont())
    line = metrics.height()
    # three points 14 px apart: the middle one has no room on its own row, on either side
    left = np.array([100.0, 114.0, 128.0])
    right = left + 10.0
    y = np.full(3, 100.0)
    texts = ["", "the middle mark", ""]
    band_tall = (np.full(3, 100.0 - 3 * line), np.full(3, 100.0 + 3 * line))
    placed = mark_labels.place(left, right, y, np.array([0.0, 5.0, 0.0]), lambda i: texts[i], metrics, 800.0,
                               band=band_tall, solid=np.ones(3, bool))
    hit = [p for p in placed if p.mark == 1]
    assert hit and abs(hit[0].y - 100.0) == pytest.approx(line) and hit[0].x > right[1]
    # A lane too thin for another line: no label rather than one spilling into the next lane.
    band_thin = (np.full(3, 100.0 - line / 2), np.full(3, 100.0 + line / 2))
    placed = mark_labels.place(left, right, y, np.array([0.0, 5.0, 0.0]), lambda i: texts[i], metrics, 800.0,
                               band=band_thin, solid=np.ones(3, bool))
    assert not any(p.mark == 1 for p in placed)
