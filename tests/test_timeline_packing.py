"""Overlapping marks in one timeline lane go to sub-rows: none hides another, and each stays clickable."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from desktop_app.core import timeaxis
from desktop_app.core.model import PRECISIONS
from desktop_app.gui.timeline import style
from desktop_app.gui.timeline.data import from_arrays
from desktop_app.gui.timeline.packing import pack

from timeline_corpus import shown_timeline

DAY = 86400.0
MONTH = PRECISIONS.index("month")
DAY_CODE = PRECISIONS.index("day")


# -- the packing on its own ---------------------------------------------------------
def _brute_depth(left, right):
    """Deepest overlap of half-open intervals: the fewest rows any packing can use."""
    events = sorted([(a, 1) for a in left] + [(b, -1) for b in right], key=lambda t: (t[0], t[1]))
    depth = best = 0
    for _, step in events:
        depth += step
        best = max(best, depth)
    return best


def test_two_overlapping_spans_take_two_rows_and_disjoint_ones_keep_one():
    idx = np.arange(4)
    lane = np.array([0, 0, 0, 1])
    left = np.array([0.0, 5.0, 20.0, 6.0])
    right = np.array([10.0, 15.0, 30.0, 9.0])
    p = pack(idx, lane, left, right, max_rows=5)
    assert sorted(p.row[:2].tolist()) == [0, 1] and p.rows[:2].tolist() == [2, 2]
    assert (p.row[2], p.rows[2]) == (0, 1)      # clear of the pair: back on the centre line
    assert (p.row[3], p.rows[3]) == (0, 1)      # another lane does not crowd this one
    # touching is not overlapping
    q = pack(np.arange(2), np.zeros(2, int), np.array([0.0, 10.0]), np.array([10.0, 20.0]), 5)
    assert q.row.tolist() == [0, 0] and q.rows.tolist() == [1, 1]


@pytest.mark.parametrize("seed", range(6))
def test_packing_never_overlaps_within_a_row_and_uses_the_fewest_rows(seed):
    rng = np.random.default_rng(seed)
    n = 400
    lane = rng.integers(0, 4, n)
    left = np.round(rng.uniform(0, 1000, n))
    right = left + rng.choice([1.0, 5.0, 30.0, 200.0], n)
    idx = np.arange(n)
    p = pack(idx, lane, left, right, max_rows=1000)
    for ln in range(4):
        for r in np.unique(p.row[lane == ln]):
            sel = np.flatnonzero((lane == ln) & (p.row == r))
            order = sel[np.argsort(left[sel])]
            assert np.all(left[order][1:] >= right[order][:-1])
        # first fit by left edge is optimal on intervals: rows used == deepest overlap
        in_lane = lane == ln
        assert p.row[in_lane].max() + 1 == _brute_depth(left[in_lane], right[in_lane])
    # every mark of a cluster reports the rows that cluster uses, and fits inside them
    assert np.all(p.row < p.rows)


def test_past_the_row_cap_marks_reuse_rows_instead_of_vanishing():
    n = 10
    p = pack(np.arange(n), np.zeros(n, int), np.zeros(n), np.ones(n), max_rows=3)
    assert set(p.row.tolist()) == {0, 1, 2} and set(p.rows.tolist()) == {3}


# -- in the view ------------------------------------------------------------------
def _two_lane_data():
    """Lane "A": e0 and e1 overlap (two month bars), e2 a month later stands alone; lane "B": e3 alone."""
    t = timeaxis.to_seconds(datetime(2007, 10, 26))
    start = np.array([t, t + 6 * DAY, t + 70 * DAY, t])
    end = np.array([t + 36 * DAY, t + 36 * DAY, t + 100 * DAY, t + 36 * DAY])
    n = len(start)
    return from_arrays(start, end, np.full(n, MONTH), np.zeros(n), np.full(n, np.nan), [f"e{i}" for i in range(n)],
                       ["a", "b"], ["A", "B"], ["group", "person"], np.array([0, 1, 2, 3]), np.array([0, 0, 0, 1]))


@pytest.fixture
def view(qtbot):
    return shown_timeline(qtbot)


def _positions(v):
    out = {}
    for eid, lane, x, y in v.marks_in_view():
        out.setdefault(eid, []).append((lane, x, y))
    return out


def _apart(v, ya, yb):
    """Two marks' rows are far enough apart that their bars (stacked two high) cannot touch."""
    lane_px = v.marks.view_geometry()[3]
    return abs(ya - yb) * lane_px >= 2 * float(style.subrow_half_px(lane_px, 2))


def _assert_painted_apart(v, a, b):
    """The last paint put the two events' marks on rows at least a bar's height apart."""
    rows, ys = v.marks.painted
    ya = ys[rows == v.data.row_for(a)]
    yb = ys[rows == v.data.row_for(b)]
    assert len(ya) == 1 and len(yb) == 1
    lane_px = v.marks.view_geometry()[3]
    assert abs(float(ya[0] - yb[0])) >= 2 * float(style.subrow_half_px(lane_px, 2))


def _click(v, qtbot, x, y):
    p = v.plot.mapFromScene(v.viewbox.mapViewToScene(QPointF(x, y)))
    QTest.mouseClick(v.plot.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p)
    return v.state.selection.event


def _assert_each_mark_is_its_own(v, qtbot, ids):
    """Hover and a real click at each mark's drawn position find that very event."""
    pos = _positions(v)
    for eid in ids:
        for lane, x, y in pos[eid]:
            assert v.data.event_id(v.mark_at(QPointF(x, y))) == eid
            assert v.hover(QPointF(x, y)) and v.data.event_id(v.hover_row) == eid
            assert _click(v, qtbot, x, y) == eid


def test_overlapping_bars_in_a_lane_get_their_own_rows_and_both_are_clickable(view, qtbot):
    view.set_data(_two_lane_data())
    pos = _positions(view)
    (lane0, _, y0), = pos["e0"]
    (lane1, _, y1), = pos["e1"]
    assert lane0 == lane1 == view.layout.lane_labels.index("A")
    assert _apart(view, y0, y1)                                # drawn apart, not on top of each other
    assert abs(y0 - lane0) < 0.5 and abs(y1 - lane1) < 0.5     # still inside their lane
    (lane2, _, y2), = pos["e2"]
    assert y2 == lane2                                         # the lone bar keeps the centre line
    (lane3, _, y3), = pos["e3"]
    assert y3 == lane3                                         # same dates in another lane: no stacking
    view.grab()                                                # the paint uses the same rows
    assert view.marks.mode == "marks" and view.marks.drawn == 4
    _assert_painted_apart(view, "e0", "e1")
    _assert_each_mark_is_its_own(view, qtbot, ["e0", "e1", "e2", "e3"])


def test_non_overlapping_marks_stay_on_the_lane_line(view):
    t = timeaxis.to_seconds(datetime(2007, 1, 1))
    start = t + np.arange(6) * 40 * DAY
    data = from_arrays(start, start + DAY, np.full(6, DAY_CODE), np.zeros(6), np.full(6, np.nan),
                       [f"p{i}" for i in range(6)], ["a"], ["A"], ["person"], np.arange(6), np.zeros(6, int))
    view.set_data(data)
    ys = [y for _, _, _, y in view.marks_in_view()]
    assert len(ys) == 6 and set(ys) == {0.0}


def test_same_day_points_in_one_lane_are_stacked_too(view, qtbot):
    t = timeaxis.to_seconds(datetime(2007, 11, 2))
    start = np.array([t, t, t + 30 * DAY])
    data = from_arrays(start, start + DAY, np.full(3, DAY_CODE), np.zeros(3), np.full(3, np.nan),
                       ["p0", "p1", "p2"], ["a"], ["A"], ["person"], np.arange(3), np.zeros(3, int))
    view.set_data(data)
    # Zoomed out, the lane has lines for both same-day points: each is drawn, on its own sub-row (a day holding
    # more than the lane labels side by side folds, see test_timeline_labels) ...
    _repaint(view)
    pos = _positions(view)
    assert "p0" in pos and "p1" in pos and "p2" in pos and pos["p0"][0][2] != pos["p1"][0][2]
    # ... zoomed in until a day is wide, each gets its own row and its own click.
    _zoom_to_days(view, t - DAY, t + 3 * DAY)
    pos = _positions(view)
    assert pos["p0"][0][2] != pos["p1"][0][2]
    _assert_each_mark_is_its_own(view, qtbot, ["p0", "p1"])


def _repaint(v):
    v.plot.grab()


def _zoom_to_days(v, lo, hi):
    v.viewbox.setXRange(lo, hi, padding=0)
    _repaint(v)


def test_compact_band_stacks_overlapping_marks(view, qtbot):
    view.set_data(_two_lane_data())
    view.set_compact(True)
    assert view.layout.lane_labels == ["all events"]
    pos = _positions(view)
    ys = {eid: p[0][2] for eid, p in pos.items()}
    # e0 and e3 span the very same days: one mark until zoomed in; e1 overlaps them on its own row
    assert ("e0" in ys) != ("e3" in ys)
    assert ys.get("e0", ys.get("e3")) != ys["e1"]
    assert ys["e2"] == 0.0                                     # the later one is alone
    t = timeaxis.to_seconds(datetime(2007, 10, 26))
    _zoom_to_days(view, t - DAY, t + 12 * DAY)
    ys = {eid: p[0][2] for eid, p in _positions(view).items()}
    assert len({ys["e0"], ys["e1"], ys["e3"]}) == 3             # three overlapping bars, three rows
    _assert_each_mark_is_its_own(view, qtbot, ["e0", "e1", "e3"])


def test_rows_are_recomputed_for_the_view_and_clicks_follow(view, qtbot):
    view.set_data(_two_lane_data())
    # Zoomed into days where both bars of lane A cover the whole view: still two rows.
    t = timeaxis.to_seconds(datetime(2007, 11, 10))
    view.viewbox.setXRange(t, t + 5 * DAY, padding=0)
    pos = _positions(view)
    assert set(pos) == {"e0", "e1", "e3"}
    assert pos["e0"][0][2] != pos["e1"][0][2]
    _assert_each_mark_is_its_own(view, qtbot, ["e0", "e1", "e3"])
    # Zoomed onto the lone bar (the whole of it in view): nothing to share the lane with.
    t = timeaxis.to_seconds(datetime(2008, 1, 1))
    view.viewbox.setXRange(t, t + 40 * DAY, padding=0)
    assert [(eid, y) for eid, _, _, y in view.marks_in_view()] == [("e2", 0.0)]


# -- the seed article -------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_corpus():
    from desktop_app.core.documents import load_paths
    from desktop_app.core.pipeline import extract_corpus
    seed = Path(__file__).resolve().parents[1] / "seeds" / "000_54cc48f895b22f49.txt"
    documents, errors = load_paths([str(seed)])
    assert documents and not errors
    return extract_corpus(documents)


@pytest.mark.parametrize("compact", [False, True])
def test_seed_group_with_two_overlapping_events_shows_two_bars(seed_corpus, qtbot, compact):
    v = shown_timeline(qtbot)
    state = v.state
    state.set_corpus(seed_corpus)
    actor = next(a for a in seed_corpus.actors if a.name == "Krykbayev Group")
    state.selection.set_actors([actor.id])
    v.set_compact(compact)
    v.zoom_to_fit()
    marks = v.marks_in_view()
    assert len(marks) == 2
    assert {lane for _, lane, _, _ in marks} == {0}
    (ida, _, xa, ya), (idb, _, xb, yb) = marks
    assert ida != idb
    assert _apart(v, ya, yb)                                   # two bars, one above the other
    v.grab()
    assert v.marks.drawn == 2
    _assert_painted_apart(v, ida, idb)
    _assert_each_mark_is_its_own(v, qtbot, [ida, idb])
