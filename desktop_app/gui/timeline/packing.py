"""Sub-rows inside a lane, so marks whose drawn extents overlap do not hide one another.

Computed per frame for the marks in view only (never for a million marks up
front): marks are sorted by lane and left edge, a running maximum of right
edges splits each lane into clusters of mutually chained overlaps, and only
marks in a cluster of two or more go through the greedy first-fit loop.  A
lone mark keeps the lane's centre line, so a sparse lane looks as before.

Greedy first fit in order of left edge uses as few rows as the deepest
overlap needs (interval graphs are perfect), so two overlapping spans take
two rows, never more.  Past ``max_rows`` a mark joins the row that frees up
first: it may then touch a neighbour, but no row is ever dropped.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Packing:
    """Sub-row of each packed mark and how many rows its cluster uses (1 for a lone mark)."""

    idx: np.ndarray     # mark indexes (into the layout), sorted ascending
    row: np.ndarray     # sub-row per mark, 0 at the top
    rows: np.ndarray    # rows used by the mark's cluster

    def offsets(self, pitch: float) -> np.ndarray:
        """Each mark's distance from its lane's centre line when rows are ``pitch`` apart."""
        return (self.row - (self.rows - 1) * 0.5) * pitch

    def lookup(self, marks: np.ndarray) -> np.ndarray:
        """Positions in ``idx`` of the given mark indexes; -1 for marks not packed here."""
        if not len(self.idx):
            return np.full(len(marks), -1, np.int64)
        pos = np.searchsorted(self.idx, marks)
        pos = np.minimum(pos, len(self.idx) - 1)
        return np.where(self.idx[pos] == marks, pos, -1)


def pack(idx: np.ndarray, lane: np.ndarray, left: np.ndarray, right: np.ndarray, max_rows: int) -> Packing:
    """Assign sub-rows to marks ``idx`` (sorted) drawn over ``[left, right]`` in lane ``lane``.

    Extents are in any unit shared by all marks (seconds, pixels); touching
    extents do not overlap.
    """
    n = len(idx)
    row = np.zeros(n, np.int32)
    rows = np.ones(n, np.int32)
    if n < 2:
        return Packing(idx, row, rows)
    left = np.asarray(left, np.float64)
    right = np.maximum(np.asarray(right, np.float64), left)
    order = np.lexsort((idx, left, lane))
    base = float(left.min())
    # Shifting each lane past the previous one's span lets one running maximum serve every lane.
    width = float(right.max()) - base + 1.0
    shift = lane[order].astype(np.float64) * width
    l_s = left[order] - base + shift
    r_s = right[order] - base + shift
    reach = np.maximum.accumulate(r_s)
    starts = np.ones(n, bool)
    starts[1:] = l_s[1:] >= reach[:-1]
    cluster = np.cumsum(starts) - 1
    size = np.bincount(cluster)
    crowded = np.flatnonzero(size[cluster] > 1)
    if len(crowded):
        r_out, n_out = _first_fit(l_s[crowded], r_s[crowded], cluster[crowded], max(1, int(max_rows)))
        sorted_row = np.zeros(n, np.int32)
        sorted_rows = np.ones(n, np.int32)
        sorted_row[crowded] = r_out
        sorted_rows[crowded] = n_out
        row[order] = sorted_row
        rows[order] = sorted_rows
    return Packing(idx, row, rows)


def _first_fit(left: np.ndarray, right: np.ndarray, cluster: np.ndarray, max_rows: int):
    """The greedy loop over crowded marks only, in left-edge order, one cluster after another."""
    m = len(left)
    out = np.zeros(m, np.int32)
    used = np.zeros(m, np.int32)
    lefts, rights, clusters = left.tolist(), right.tolist(), cluster.tolist()
    ends: list[float] = []
    current, first = -1, 0
    for i in range(m):
        if clusters[i] != current:
            used[first:i] = len(ends)
            current, first, ends = clusters[i], i, []
        a = lefts[i]
        r = next((k for k, e in enumerate(ends) if e <= a), -1)
        if r < 0:
            if len(ends) < max_rows:
                ends.append(rights[i])
                r = len(ends) - 1
            else:
                r = min(range(len(ends)), key=ends.__getitem__)
        ends[r] = max(ends[r], rights[i])
        out[i] = r
    used[first:m] = len(ends)
    return out, used
