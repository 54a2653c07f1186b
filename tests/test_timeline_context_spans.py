"""A span longer than the whole view ("since 1968", "this year" seen over a few weeks) is context: a thin line
along its lane's lower edge, behind the lane's marks, taking no sub-row and no label, yet seen and clickable;
zoomed out until it fits, it is an ordinary bar again."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from desktop_app.core import timeaxis
from desktop_app.core.context_spans import context_mask
from desktop_app.core.model import PRECISIONS
from desktop_app.gui.timeline.data import from_arrays

from timeline_corpus import shown_timeline

DAY = 86400.0
YEAR_CODE = PRECISIONS.index("year")
DAY_CODE = PRECISIONS.index("day")
T = timeaxis.to_seconds(datetime(2010, 9, 1))


def _lane_with_a_year_and_days():
    """Lane "A": a year-long span over three day points a week apart and a 20-day span; lane "B": one point."""
    start = np.array([T - 120 * DAY, T + 10 * DAY, T + 17 * DAY, T + 24 * DAY, T + 12 * DAY, T + 15 * DAY])
    end = np.array([T + 245 * DAY, T + 11 * DAY, T + 18 * DAY, T + 25 * DAY, T + 32 * DAY, T + 16 * DAY])
    prec = np.array([YEAR_CODE, DAY_CODE, DAY_CODE, DAY_CODE, PRECISIONS.index("month"), DAY_CODE])
    n = len(start)
    return from_arrays(start, end, prec, np.zeros(n), np.full(n, np.nan), [f"e{i}" for i in range(n)],
                       ["a", "b"], ["A", "B"], ["group", "person"], np.arange(n), np.array([0, 0, 0, 0, 0, 1]))


@pytest.fixture
def view(qtbot):
    v = shown_timeline(qtbot)
    data = _lane_with_a_year_and_days()
    data.label_of = lambda row: f"what happened {data.event_id(row)}"
    v.set_data(data)
    return v


def _ys(v):
    return {eid: y for eid, _, _, y in v.marks_in_view()}


def _click(v, qtbot, x, y):
    p = v.plot.mapFromScene(v.viewbox.mapViewToScene(QPointF(x, y)))
    QTest.mouseClick(v.plot.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p)
    return v.state.selection.event


def test_context_rule_marks_only_spans_longer_than_the_view():
    start = np.array([0.0, 0.0, 0.0, 0.0])
    end = np.array([5.0, 11.0, 100.0, 100.0])
    point = np.array([False, False, False, True])
    assert context_mask(start, end, point, 10.0).tolist() == [False, True, True, False]
    assert not context_mask(start, end, point, 0.0).any()


def test_a_span_longer_than_the_view_lies_behind_the_lane_and_pushes_nothing_aside(view, qtbot):
    view.viewbox.setXRange(T + 5 * DAY, T + 35 * DAY, padding=0)      # a month, inside the year
    view.plot.grab()
    ys = _ys(view)
    lane = view.layout.lane_labels.index("A")
    # The year is along the lane's lower edge; the 20-day span and the days share the lane as if it were not there.
    assert ys["e0"] > lane + 0.3
    assert abs(ys["e4"] - lane) < 0.3 and abs(ys["e1"] - lane) < 0.3
    assert ys["e2"] != ys["e0"] and ys["e3"] != ys["e0"]
    packing = view.marks.packing(*view.marks.view_geometry())
    context = dict(zip([view.data.event_id(r) for r in view.layout.mark_row[packing.idx]], packing.is_context()))
    assert context["e0"] and not any(context[e] for e in ("e1", "e2", "e3", "e4"))
    # No label: it is background.  The marks in front of it keep theirs.
    labelled = {view.data.event_id(p.mark) for p in view.marks.labels}
    assert "e0" not in labelled and labelled
    # Still seen and chosen where it is drawn.
    x = T + 28 * DAY
    assert view.data.event_id(view.mark_at(QPointF(x, ys["e0"]))) == "e0"
    assert _click(view, qtbot, x, ys["e0"]) == "e0"


def test_zoomed_out_until_it_fits_the_span_is_a_bar_again(view):
    view.viewbox.setXRange(T - 200 * DAY, T + 300 * DAY, padding=0)
    view.plot.grab()
    packing = view.marks.packing(*view.marks.view_geometry())
    assert not packing.is_context().any()
    ys = _ys(view)
    lane = view.layout.lane_labels.index("A")
    assert abs(ys["e0"] - lane) < 0.4 and ys["e0"] != pytest.approx(lane + 0.45)


def test_the_paint_draws_the_context_span_where_hit_tests_find_it(view):
    view.viewbox.setXRange(T + 5 * DAY, T + 35 * DAY, padding=0)
    view.plot.grab()
    rows, ys = view.marks.painted      # device pixels
    at = {view.data.event_id(r): y for r, y in zip(rows, ys)}
    lane_px = view.marks.view_geometry()[3]
    marks = _ys(view)                   # lanes
    assert at["e0"] - at["e1"] == pytest.approx((marks["e0"] - marks["e1"]) * lane_px, abs=0.5)
    assert at["e0"] > at["e1"]


# -- the exported figure draws them the same way ----------------------------------------------
def _figure_corpus():
    from desktop_app.core.model import Actor, Corpus, Document, Event, EventDate, Interval, Participant
    doc = Document("d1", "/data/a.txt", "", dct="2010-09-08", dct_precision="day")
    actors = [Actor("p1", "Amara Okonkwo", "person")]

    def ev(i, start, end, precision, label):
        return Event(f"e{i}", "d1", 0, 5, f"Sentence {i}.", label,
                     EventDate(start.date().isoformat(), Interval(start, end, precision), "on"), [Participant("p1")])
    events = [ev(0, datetime(2010, 1, 1), datetime(2011, 1, 1), "year", "a year-long programme"),
              ev(1, datetime(2010, 9, 8), datetime(2010, 9, 9), "day", "the minister arrived"),
              ev(2, datetime(2010, 9, 15), datetime(2010, 9, 16), "day", "the talks opened"),
              ev(3, datetime(2010, 9, 10), datetime(2010, 9, 20), "week", "a ten-day strike")]
    return Corpus(documents=[doc], actors=actors, events=events, ties=[])


def test_the_figure_draws_a_span_longer_than_its_range_as_a_thin_line_with_arrows_and_no_label():
    from desktop_app.figures.compose import compose
    from desktop_app.figures.decorations import CONTEXT_LEGEND
    from desktop_app.figures.export import ensure_gui_app
    from desktop_app.figures.scene import Group, Polyline, Rect
    from desktop_app.figures.spec import FigureSpec
    ensure_gui_app()
    corpus = _figure_corpus()
    spec = FigureSpec(view="timeline", width=1600, height=900,
                      time_range=(datetime(2010, 9, 1), datetime(2010, 10, 1)), grouped=False)
    scene, _ = compose(corpus, spec)
    texts = [t.text for t in scene.texts()]
    assert not any("year-long programme" in t for t in texts)
    assert any("minister arrived" in t for t in texts)
    assert CONTEXT_LEGEND in texts
    lanes = next(g for g in scene.walk() if isinstance(g, Group) and g.name == "lanes")
    x, y, w, h = lanes.clip
    def inside(group):
        for item in group.items:
            yield from inside(item) if isinstance(item, Group) else (item,)
    rects = [n for n in inside(lanes) if isinstance(n, Rect) and n.fill and n.w >= w * 0.99]
    # The year crosses the whole plot as one thin line (no fat bar), cut by an arrow at both edges.
    assert rects and all(r.h < 4 for r in rects)
    arrows = [n for n in inside(lanes) if isinstance(n, Polyline) and len(n.points) == 3
              and min(abs(n.points[1][0] - x), abs(n.points[1][0] - (x + w))) < 0.5]
    assert len(arrows) >= 2
    # Zoomed out until the year fits, it is a bar again and carries its label.
    spec = FigureSpec(view="timeline", width=1600, height=900,
                      time_range=(datetime(2009, 10, 1), datetime(2011, 3, 1)), grouped=False)
    scene, _ = compose(corpus, spec)
    assert CONTEXT_LEGEND not in [t.text for t in scene.texts()]
