"""Which marks a selection shows, in which lane, and fast queries over them per frame.

A ``Layout`` is rebuilt when the actors (or the lane mode) change, never on
pan or zoom.  It holds its marks sorted by start with start/end materialised,
split into short marks (found by binary search) and the few long ones (year,
decade bars: found by one mask), plus every lane's midpoints in sorted order,
so a density strip is a ``searchsorted`` per lane instead of a pass over a
million marks.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .data import LONG_MARK, TimelineData

OTHER_LANE_LABEL = "other actors"
NO_ACTOR_LANE_LABEL = "no named actor"
COMPACT_LABEL = "all events"


@dataclass
class Layout:
    """What one selection shows: lanes and the marks (one per event-in-lane), sorted by start."""

    lane_actors: list[int]        # actor index per lane; -1 for the "other actors" lane
    lane_labels: list[str]
    visible: np.ndarray           # bool mask over rows: events the selection shows
    mark_row: np.ndarray          # row per mark (int32), sorted by start
    mark_lane: np.ndarray         # lane per mark
    compact: bool
    mark_start: np.ndarray = None
    mark_end: np.ndarray = None
    lane_mids: list = None        # per lane: sorted midpoints of its marks
    long_idx: np.ndarray = None   # marks longer than LONG_MARK, sorted
    short_max: float = 0.0        # no short mark is longer (a corpus-wide bound is fine)

    @property
    def lanes(self) -> int:
        return max(1, len(self.lane_labels))

    def _short_range(self, x0: float, x1: float) -> tuple[int, int]:
        lo = int(np.searchsorted(self.mark_start, x0 - self.short_max, side="left"))
        hi = int(np.searchsorted(self.mark_start, x1, side="right"))
        return lo, max(lo, hi)

    def count_in_view(self, x0: float, x1: float) -> int:
        """Marks overlapping ``[x0, x1]``; may overcount short marks ending just before ``x0``."""
        lo, hi = self._short_range(x0, x1)
        long_idx = self.long_idx
        n_long_short_range = int(np.searchsorted(long_idx, hi) - np.searchsorted(long_idx, lo))
        long_hits = int(np.count_nonzero((self.mark_start[long_idx] <= x1) & (self.mark_end[long_idx] >= x0)))
        return hi - lo - n_long_short_range + long_hits

    def in_view(self, x0: float, x1: float) -> np.ndarray:
        """Indexes of the marks overlapping ``[x0, x1]``, sorted."""
        lo, hi = self._short_range(x0, x1)
        idx = np.arange(lo, hi)
        keep = self.mark_end[lo:hi] >= x0
        if len(self.long_idx):
            keep &= (self.mark_end[lo:hi] - self.mark_start[lo:hi]) <= LONG_MARK
            long_idx = self.long_idx
            long_idx = long_idx[(self.mark_start[long_idx] <= x1) & (self.mark_end[long_idx] >= x0)]
            return np.union1d(idx[keep], long_idx)
        return idx[keep]

    def density(self, x0: float, x1: float, columns: int) -> np.ndarray:
        """Counts per (lane, column) of marks whose midpoint falls in each of ``columns`` equal bins."""
        columns = max(1, int(columns))
        edges = np.linspace(x0, x1, columns + 1)
        out = np.zeros((self.lanes, columns), dtype=np.int64)
        for lane, mids in enumerate(self.lane_mids):
            if len(mids):
                out[lane] = np.diff(np.searchsorted(mids, edges))
        return out


def _lane_mids(data: TimelineData, rows_by_mid: np.ndarray, lanes_by_mid: np.ndarray, n_lanes: int) -> list:
    # Radix sort on a small int is cheap and stable, so each lane's mids stay sorted.
    order = np.argsort(lanes_by_mid.astype(np.int16), kind="stable")
    mids = data.mid[rows_by_mid[order]]
    bounds = np.searchsorted(lanes_by_mid[order], np.arange(n_lanes + 1))
    return [mids[bounds[i]:bounds[i + 1]] for i in range(n_lanes)]


def _finish(data, lane_actors, labels, visible, rows, lanes, compact, lane_mids) -> Layout:
    # Rows fit int32 (TimelineData's pair rows are int32): half the memory of the largest mark array.
    rows = rows.astype(np.int32, copy=False)
    return Layout(lane_actors, labels, visible, rows, lanes.astype(np.int32), compact,
                  data.start[rows], data.end[rows], lane_mids,
                  np.flatnonzero(data.long_row[rows]), data.short_max)


def _selected_layout(data: TimelineData, chosen: list[int], lane_actors: list[int], mode: str,
                     visible: np.ndarray) -> Layout:
    """Lanes of selected actors, built from their own index arrays: cost follows the selection, not the corpus."""
    rows_per_lane, lane_mids = [], []
    for lane, a in enumerate(lane_actors):
        rows = data.actor_rows[data.actor_ptr[a]:data.actor_ptr[a + 1]]
        if mode == "all" and len(chosen) > 1:
            rows = rows[visible[rows]]
        rows_per_lane.append(rows)
        lane_mids.append(np.sort(data.mid[rows]))
    rows = np.concatenate(rows_per_lane) if rows_per_lane else np.zeros(0, np.int64)
    lanes = np.concatenate([np.full(len(r), i, np.int32) for i, r in enumerate(rows_per_lane)]) \
        if rows_per_lane else np.zeros(0, np.int32)
    order = np.argsort(rows, kind="stable")   # rows are in start order, so this is time order
    labels = [data.actor_names[a] for a in lane_actors]
    return _finish(data, lane_actors, labels, visible, rows[order], lanes[order], False, lane_mids)


def layout(data: TimelineData, selected: Sequence[str], mode: str, compact: bool, max_lanes: int) -> Layout:
    """Lanes for the selected actors (or the most active ones) and the marks inside them."""
    chosen = [data.actor_index[a] for a in selected if a in data.actor_index]
    if chosen:
        visible = data.rows_for_actors(chosen, mode)
        lane_actors = sorted(chosen, key=lambda a: (-int(data.activity[a]), data.actor_names[a]))
    else:
        visible = np.ones(data.n, dtype=bool)
        lane_actors = data.most_active(max_lanes)
    if chosen and not compact:
        return _selected_layout(data, chosen, lane_actors, mode, visible)
    if compact:
        rows = np.flatnonzero(visible)
        by_mid = data.row_by_mid[visible[data.row_by_mid]]
        return _finish(data, [], [COMPACT_LABEL], visible, rows, np.zeros(len(rows), np.int32), True,
                       [data.mid[by_mid]])

    lane_of_actor = np.full(len(data.actor_ids) + 1, -1, dtype=np.int32)
    for lane, a in enumerate(lane_actors):
        lane_of_actor[a] = lane
    pair_lane = lane_of_actor[data.pair_actor]
    keep = pair_lane >= 0
    if chosen:   # with no actor selected every row is visible: skip a pass over every pair
        keep &= visible[data.pair_row]
    # Pairs are sorted by row, and rows by start, so the kept marks are already in time order.
    rows, lanes = data.pair_row[keep], pair_lane[keep]
    labels = [data.actor_names[a] for a in lane_actors]
    kept_by_mid = data.pair_by_mid[keep[data.pair_by_mid]]
    mid_rows, mid_lanes = data.pair_row[kept_by_mid], pair_lane[kept_by_mid]
    # Events none of whose actors has a lane still belong on the line: an extra lane keeps them visible.
    placed = np.zeros(data.n, dtype=bool)
    placed[rows] = True
    orphan = visible & ~placed
    if orphan.any():
        # Events with no named actor ("The stock fell 7/8 Thursday") get a lane of their own,
        # apart from events whose actors have no lane, as in figures/lanes.py.
        named = np.zeros(data.n, dtype=bool)
        named[data.pair_row] = True
        for label, group in ((OTHER_LANE_LABEL, orphan & named), (NO_ACTOR_LANE_LABEL, orphan & ~named)):
            if not group.any():
                continue
            other = len(lane_actors)
            lane_actors = lane_actors + [-1]
            labels.append(label)
            orphans = np.flatnonzero(group)
            at = np.searchsorted(rows, orphans)
            rows = np.insert(rows, at, orphans)
            lanes = np.insert(lanes, at, other)
            orphan_by_mid = data.row_by_mid[group[data.row_by_mid]]
            mid_rows = np.concatenate([mid_rows, orphan_by_mid])
            mid_lanes = np.concatenate([mid_lanes, np.full(len(orphan_by_mid), other, np.int32)])
    return _finish(data, lane_actors, labels, visible, rows, lanes, False,
                   _lane_mids(data, mid_rows, mid_lanes, max(1, len(labels))))
