"""Panning a zoomed-in timeline: every mark in view is drawn exactly once, where hit-testing finds it.

The marks item reuses sub-rows while the marks in view stay the same and
hands its bars and lines to Qt as numpy arrays; these tests pin down that
neither shortcut changes what is drawn or what a click finds.
"""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime

import numpy as np
import pytest
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from desktop_app.core import timeaxis
from desktop_app.core.context_spans import context_mask
from desktop_app.core.model import PRECISIONS
from desktop_app.gui.timeline import marks as marks_module, style
from desktop_app.gui.timeline.data import from_arrays
from desktop_app.gui.timeline.packing import pack

from timeline_corpus import shown_timeline
from desktop_app.gui.timeline.primitives import draw_lines, draw_rects, first_of_each, lines, rects

DAY = 86400.0
DAY_CODE = PRECISIONS.index("day")
MONTH = PRECISIONS.index("month")


def _spread_data(days: int = 400):
    """Three lanes of one dated point per day (staggered by lane), and a month bar every 45 days per lane.

    At a month's zoom no two points in a lane are within a click's tolerance,
    so every mark has exactly one right answer to "what is under it".
    """
    t0 = timeaxis.to_seconds(datetime(2010, 1, 1))
    start, end, prec, actor = [], [], [], []
    for lane in range(3):
        for d in range(days):
            s = t0 + d * DAY + lane * 3600.0
            start.append(s)
            end.append(s + DAY)
            prec.append(DAY_CODE)
            actor.append(lane)
        for d in range(5, days, 45):
            s = t0 + (d + lane * 7) * DAY
            start.append(s)
            end.append(s + 30 * DAY)
            prec.append(MONTH)
            actor.append(lane)
    n = len(start)
    return from_arrays(np.array(start), np.array(end), np.array(prec), np.zeros(n), np.full(n, np.nan),
                       [f"e{i}" for i in range(n)], ["a", "b", "c"], ["A", "B", "C"],
                       ["group", "person", "organization"], np.arange(n), np.array(actor))


@pytest.fixture
def view(qtbot):
    return shown_timeline(qtbot)


def _expected_rows(v):
    """The marks in view that are drawn: alone, or standing for the marks folded into them."""
    x0, x1 = v.visible_range()
    return np.sort(v.layout.mark_row[v.marks.drawn_only(v.layout.in_view(x0, x1))])


def _check_frame(v):
    """The last paint drew each mark in view once, at the sub-row hover and click use."""
    assert v.marks.mode == "marks"
    rows, ys = v.marks.painted
    assert np.array_equal(np.sort(rows), _expected_rows(v))     # each in-view mark exactly once
    assert len(np.unique(rows)) == len(rows)                     # one lane per event here: no repeats
    drawn_y = {int(r): v.viewbox.mapSceneToView(QPointF(0.0, float(y))).y() for r, y in zip(rows, ys)}
    marks = v.marks_in_view()
    assert len(marks) == len(rows)
    x0, x1 = v.visible_range()
    checked = 0
    for eid, lane, x, y in marks:
        row = v.data.row_for(eid)
        assert drawn_y[row] == pytest.approx(y, abs=1e-6)       # painted where hit-testing thinks it is
        if v.data.precision[row] <= DAY_CODE and not (x0 < x < x1):
            continue   # a day whose dot lies just off screen: there is nothing of it to click
        assert v.data.event_id(v.mark_at(QPointF(x, y))) == eid  # and a click there finds it
        checked += 1
    assert checked >= len(marks) - 2 * 3   # at most one such day per lane at each edge


def test_panning_keeps_every_mark_in_view_drawn_once_and_hit_testable(view):
    data = _spread_data()
    view.set_data(data)
    t = timeaxis.to_seconds(datetime(2010, 3, 1))
    view.viewbox.setXRange(t, t + 30 * DAY, padding=0)
    view.grab()
    _check_frame(view)
    for step in (0.07, 0.13, -0.21, 0.5, -0.03, 0.31):
        (x0, x1), _ = view.viewbox.viewRange()
        d = (x1 - x0) * step
        view.viewbox.setXRange(x0 + d, x1 + d, padding=0)
        view.grab()
        _check_frame(view)


def test_rows_are_reused_only_while_the_same_marks_are_in_view(view, monkeypatch):
    calls = []

    def counting_pack(*args, **kwargs):
        calls.append(1)
        return pack(*args, **kwargs)

    monkeypatch.setattr(marks_module, "pack", counting_pack)
    view.set_data(_spread_data())
    t = timeaxis.to_seconds(datetime(2010, 6, 1, 6))   # hours clear of every mark's start and end
    view.viewbox.setXRange(t, t + 20 * DAY, padding=0)
    view.grab()
    before = _expected_rows(view)
    packed = len(calls)
    # A nudge far smaller than the gap between marks brings none in or out: the rows are reused.
    view.viewbox.setXRange(t + 60.0, t + 20 * DAY + 60.0, padding=0)
    view.grab()
    assert np.array_equal(_expected_rows(view), before)
    assert len(calls) == packed
    _check_frame(view)
    # A pan that changes the marks in view packs again, and hit-testing follows the new rows.
    view.viewbox.setXRange(t + 10 * DAY, t + 30 * DAY, padding=0)
    view.grab()
    assert len(calls) > packed
    _check_frame(view)
    # The rows after a pan are those a fresh packing of this very view gives.
    x0, x1, px_w, lane_px = view.marks.view_geometry()
    idx = view.layout.in_view(x0, x1)
    # Month bars are longer than this 20-day view: context behind the lane, outside the sub-rows.
    rows = view.layout.mark_row[idx]
    context = context_mask(view.marks.data.start[rows], view.marks.data.end[rows], view.marks.data.is_point(rows), x1 - x0)
    assert context.any() and not context.all()
    focus = idx[~context]
    left, right = view.marks.extents(focus, abs(px_w))
    fresh = pack(focus, view.layout.mark_lane[focus], left, right, style.max_subrows(lane_px))
    got = view.marks.packing(x0, x1, px_w, lane_px)
    assert np.array_equal(got.is_context(), context)
    assert np.array_equal(got.row[~context], fresh.row) and np.array_equal(got.rows[~context], fresh.rows)


def test_zooming_keeps_every_mark_in_view_drawn_once(view):
    view.set_data(_spread_data())
    t = timeaxis.to_seconds(datetime(2010, 9, 1))
    view.viewbox.setXRange(t, t + 40 * DAY, padding=0)
    for _ in range(4):
        (x0, x1), _ = view.viewbox.viewRange()
        c, h = (x0 + x1) / 2, (x1 - x0) / 2 * 0.8
        view.viewbox.setXRange(c - h, c + h, padding=0)
        view.grab()
        _check_frame(view)


# -- the array primitives on their own ------------------------------------------------
def test_first_of_each_matches_numpy_unique_rows():
    rng = np.random.default_rng(3)
    cols = [rng.integers(0, 4, 300).astype(np.float64) for _ in range(3)] + [rng.integers(0, 3, 300).astype(np.int8)]
    expected = np.unique(np.stack([c.astype(np.float64) for c in cols], axis=1), axis=0, return_index=True)[1]
    assert np.array_equal(first_of_each(*cols), expected)
    assert first_of_each(np.array([5.0])).tolist() == [0]
    assert first_of_each(np.zeros(0)).tolist() == []


def _canvas():
    img = QImage(200, 120, QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    return img


def test_array_batches_draw_exactly_what_lists_of_qt_objects_draw(qtbot):
    x = np.array([10.0, 40.5, 90.25, 150.0])
    y = np.array([10.0, 30.0, 55.5, 80.0])
    w = np.array([20.0, 35.0, 12.5, 40.0])
    h = np.array([8.0, 12.0, 20.0, 6.0])
    by_list, by_array = _canvas(), _canvas()
    for img, arrays in ((by_list, False), (by_array, True)):
        p = QPainter(img)
        p.setPen(QPen(QColor("navy"), 1.2, Qt.PenStyle.DashLine))
        p.setBrush(QColor(200, 40, 40, 120))
        if arrays:
            draw_rects(p, rects(x, y, w, h))
            draw_lines(p, lines(x, y, x + w, y + h))
        else:
            p.drawRects([QRectF(*r) for r in zip(x, y, w, h)])
            p.drawLines([QLineF(a, b, a + c, b + d) for a, b, c, d in zip(x, y, w, h)])
        p.end()
    assert by_array == by_list
    assert by_array != _canvas()   # something was drawn at all
    empty = _canvas()
    p = QPainter(empty)
    draw_rects(p, rects(np.zeros(0), np.zeros(0), np.zeros(0), np.zeros(0)))   # nothing to draw is fine
    p.end()
    assert empty == _canvas()


@pytest.mark.parametrize("ratio", [1.0, 2.0])
@pytest.mark.parametrize("square,on_or_before", [(False, False), (True, False), (False, True)])
def test_a_stamped_symbol_is_the_stroked_symbol_at_whole_pixels(qtbot, square, on_or_before, ratio):
    from desktop_app.gui.timeline.sprites import point_symbol, stamp

    def canvas():
        img = QImage(int(80 * ratio), int(60 * ratio), QImage.Format.Format_ARGB32_Premultiplied)
        img.setDevicePixelRatio(ratio)
        img.fill(QColor("white"))
        return img

    color = style.TYPE_COLORS[1]
    cap = Qt.PenCapStyle.SquareCap if square else Qt.PenCapStyle.RoundCap
    size = style.POINT_SIZE
    stroked, stamped = canvas(), canvas()
    p = QPainter(stroked)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    for c, w in [(style.FOREGROUND, size + 2), (color, size)] + ([(style.BACKGROUND, size - 4)] if on_or_before else []):
        p.setPen(QPen(c, w, Qt.PenStyle.SolidLine, cap))
        p.drawPoint(QPointF(30, 20))
    p.end()
    p = QPainter(stamped)
    stamp(p, point_symbol(p, color, square, on_or_before), np.array([30.2]), np.array([19.8]))
    p.end()
    assert stamped != canvas()
    a = np.frombuffer(stroked.constBits(), np.uint8).astype(int)
    b = np.frombuffer(stamped.constBits(), np.uint8).astype(int)
    assert np.abs(a - b).max() <= 2     # same pixels, up to rounding in the blend
