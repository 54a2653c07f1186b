"""Lane layout and per-frame queries against brute force on random data."""
from __future__ import annotations

import numpy as np
import pytest

from desktop_app.gui.timeline.data import from_arrays
from desktop_app.gui.timeline.lanes import NO_ACTOR_LANE_LABEL, OTHER_LANE_LABEL, layout

DAY = 86400.0


def _data(seed=0, n=3000, n_actors=12):
    rng = np.random.default_rng(seed)
    start = np.floor(rng.uniform(0, 3000 * DAY, n) / DAY) * DAY
    kind = rng.choice([1.0, 7.0, 30.0, 365.0, 3650.0], n, p=[0.6, 0.1, 0.15, 0.1, 0.05])
    k = rng.integers(0, 4, n)            # 0..3 actors per event, some with none
    pair_row = np.repeat(np.arange(n), k)
    pair_actor = rng.integers(0, n_actors, len(pair_row))
    keep = np.ones(len(pair_row), bool)  # drop repeated actors within an event
    seen = set()
    for i, (r, a) in enumerate(zip(pair_row, pair_actor)):
        keep[i] = (r, a) not in seen
        seen.add((r, a))
    return from_arrays(start, start + kind * DAY, np.full(n, 3), np.zeros(n), np.full(n, np.nan),
                       [f"r{i}" for i in range(n)], [f"a{i}" for i in range(n_actors)],
                       [f"Actor {i}" for i in range(n_actors)], ["person"] * n_actors,
                       pair_row[keep], pair_actor[keep])


def _marks(data, lay):
    return sorted((data.event_id(r), lay.lane_labels[l]) for r, l in zip(lay.mark_row, lay.mark_lane))


def _expected(data, chosen, mode):
    by_row = {}
    for r, a in zip(data.pair_row, data.pair_actor):
        by_row.setdefault(int(r), set()).add(int(a))
    out = []
    for r, actors in by_row.items():
        hit = actors & chosen
        if (mode == "any" and hit) or (mode == "all" and hit == chosen):
            out += [(data.event_id(r), data.actor_names[a]) for a in hit]
    return sorted(out)


@pytest.mark.parametrize("mode", ["any", "all"])
@pytest.mark.parametrize("chosen", [{0}, {1, 5}, {2, 3, 7}])
def test_selected_lanes_hold_exactly_their_actors_events(mode, chosen):
    data = _data()
    lay = layout(data, [f"a{i}" for i in chosen], mode, False, 12)
    assert _marks(data, lay) == _expected(data, chosen, mode)
    assert np.all(np.diff(lay.mark_start) >= 0)                 # time order, for binary search


def test_default_lanes_keep_every_event_and_put_the_rest_in_other():
    data = _data(n_actors=30)
    lay = layout(data, [], "any", False, 5)
    named = np.zeros(data.n, dtype=bool)
    named[data.pair_row] = True
    assert lay.lane_labels[5:] == [OTHER_LANE_LABEL] + ([NO_ACTOR_LANE_LABEL] if not named.all() else [])
    assert set(lay.mark_row) == set(range(data.n))             # nothing is hidden
    assert np.all(np.diff(lay.mark_start) >= 0)


def test_events_with_no_named_actor_have_their_own_lane():
    data = _data(n_actors=30)
    named = np.zeros(data.n, dtype=bool)
    named[data.pair_row] = True
    assert not named.all(), "the synthetic data holds events without actors"
    lay = layout(data, [], "any", False, 5)
    lane = lay.lane_labels.index(NO_ACTOR_LANE_LABEL)
    assert set(lay.mark_row[lay.mark_lane == lane]) == set(np.flatnonzero(~named))


@pytest.mark.parametrize("x0,x1", [(100 * DAY, 130 * DAY), (0.0, 5000 * DAY), (2999 * DAY, 3001 * DAY),
                                   (-50 * DAY, -1.0)])
def test_in_view_and_count_agree_with_brute_force(x0, x1):
    data = _data(seed=3)
    lay = layout(data, [], "any", False, 12)
    brute = np.flatnonzero((lay.mark_start <= x1) & (lay.mark_end >= x0))
    assert np.array_equal(lay.in_view(x0, x1), brute)
    assert lay.count_in_view(x0, x1) >= len(brute)              # may overcount slightly, never under
    assert lay.count_in_view(x0, x1) <= len(brute) + np.count_nonzero(
        (lay.mark_start >= x0 - lay.short_max) & (lay.mark_start < x0))


def test_density_counts_every_midpoint_once():
    data = _data(seed=5)
    lay = layout(data, ["a1", "a2"], "any", False, 12)
    lo, hi = float(data.mid.min()), float(data.mid.max()) + 1
    counts = lay.density(lo, hi, 50)
    assert counts.shape == (2, 50)
    assert counts.sum() == len(lay.mark_row)


@pytest.mark.parametrize("selected,compact", [([], False), (["a1", "a2"], False), ([], True)])
def test_mark_rows_are_int32_and_index_the_same_rows(selected, compact):
    # The marks' row array is the layout's largest; int32 halves it for a 1M-report window.
    data = _data(seed=4)
    lay = layout(data, selected, "any", compact, 5)
    assert lay.mark_row.dtype == np.int32
    assert np.array_equal(lay.mark_start, data.start[lay.mark_row.astype(np.int64)])
    assert np.array_equal(lay.mark_end, data.end[lay.mark_row.astype(np.int64)])
