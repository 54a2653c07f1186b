"""Sub-rows inside a lane, so marks whose drawn extents overlap do not hide one another.

Computed for the marks in view only (never for a million marks up front),
again whenever the marks in view or the zoom change (``MarksItem.packing``
reuses the last result otherwise): marks are sorted by lane and left edge,
a running maximum of right edges splits each lane into clusters of mutually
chained overlaps, and only marks in a cluster of two or more go through the
greedy first-fit loop.  A
lone mark keeps the lane's centre line, so a sparse lane looks as before.

Greedy first fit in order of left edge uses as few rows as the deepest
overlap needs (interval graphs are perfect), so two overlapping spans take
two rows, never more.  Past ``max_rows`` a mark joins the row that frees up
first: it may then touch a neighbour, but no row is ever dropped.

Because rows are assigned to what is in view, a mark can change row when a
mark it overlapped scrolls out of view; the price of never packing a
million marks up front.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np

from desktop_app.core.folding import fold, fold_keys, lead_heads


@dataclass
class Packing:
    """Sub-row of each packed mark and how many rows its cluster uses (1 for a lone mark)."""

    idx: np.ndarray     # mark indexes (into the layout), sorted ascending
    row: np.ndarray     # sub-row per mark, 0 at the top
    rows: np.ndarray    # rows used by the mark's cluster
    # Coincident marks drawn as one: the stack's size on the mark that stands for it, 0 on the
    # marks hidden behind it (which share its row), 1 for a mark on its own.  None: no stacks.
    stack: np.ndarray = None
    head: np.ndarray = None      # per mark: position (in ``idx``) of the mark that stands for its stack
    # Bool per mark: a span longer than the view (``core.context_spans``), drawn thin behind the lane's
    # marks, outside every sub-row and aggregate.  None: no context spans.
    context: np.ndarray = None

    def stack_size(self, pos: int) -> int:
        """How many coincident marks the mark at position ``pos`` is drawn with (1: alone)."""
        if self.stack is None:
            return 1
        return int(self.stack[self.head[pos]])

    def drawn(self) -> np.ndarray:
        """Bool per mark: drawn (alone or for its stack) rather than hidden in a stack."""
        return np.ones(len(self.idx), bool) if self.stack is None else self.stack > 0

    def drawn_part(self) -> "Packing":
        """The marks drawn (alone or for their aggregate), each with its aggregate's size; ``head`` dropped."""
        keep = self.drawn()
        return Packing(self.idx[keep], self.row[keep], self.rows[keep],
                       None if self.stack is None else self.stack[keep],
                       context=None if self.context is None else self.context[keep])

    def is_context(self) -> np.ndarray:
        """Bool per mark: drawn as context behind the lane (see ``context``)."""
        return np.zeros(len(self.idx), bool) if self.context is None else self.context

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


def stacked(idx: np.ndarray, lane: np.ndarray, left: np.ndarray, right: np.ndarray, max_rows: int,
            rank=None, bucket=None, alone=None) -> Packing:
    """``pack``, with marks of one lane folded into aggregates (``core.folding``).

    ``left``/``right`` are in pixels here.  Spans whose extents round to the
    same pixels fold together; points fold by ``bucket`` (their fold key at
    this zoom, see ``core.folding.room_keys``) when given, else like spans.  The mark ``room_keys`` drew
    stands for a point aggregate, the mark of highest ``rank`` (its salience: the best-reported happening
    must not hide in an aggregate), then the first in ``idx`` order, for a span's; it is packed and the
    others take its row.
    ``alone``: bool per mark, never folded (the selected mark).
    """
    n = len(idx)
    if n < 2:
        return pack(idx, lane, left, right, max_rows)
    key = fold_keys(left, right, bucket)      # one per aggregate: a span's pixels, or a point's bucket
    rank = np.zeros(n) if rank is None else rank if bucket is None else lead_heads(rank, bucket)
    head_of, size = fold(lane, key, rank, alone)
    if size.max() < 2:
        return pack(idx, lane, left, right, max_rows)
    reps = np.flatnonzero(size > 0)
    p = pack(idx[reps], lane[reps], left[reps], right[reps], max_rows)
    pos_of_rep = np.empty(n, np.int64)
    pos_of_rep[reps] = np.arange(len(reps))
    at = pos_of_rep[head_of]
    return Packing(idx, p.row[at], p.rows[at], size, head_of)


def beside_context(idx: np.ndarray, context: np.ndarray, focus: Packing, behind: Packing) -> Packing:
    """One packing of marks ``idx``: ``focus`` packed the marks that are not ``context`` and ``behind`` the
    context spans (each in ``idx`` order), on thin lines of their own; a context span never folds."""
    if not context.any():
        return focus
    n = len(idx)
    keep = np.flatnonzero(~context)
    back = np.flatnonzero(context)
    row = np.zeros(n, np.int32)
    rows = np.ones(n, np.int32)
    row[keep], rows[keep] = focus.row, focus.rows
    row[back], rows[back] = behind.row, behind.rows
    stack = head = None
    if focus.stack is not None:
        stack = np.ones(n, focus.stack.dtype)
        stack[keep] = focus.stack
        head = np.arange(n)
        head[keep] = keep[focus.head]
    return Packing(idx, row, rows, stack, head, context)


def _first_fit(left: np.ndarray, right: np.ndarray, cluster: np.ndarray, max_rows: int):
    """The greedy loop over crowded marks only, in left-edge order, one cluster after another.

    Two heaps keep it O(log rows) per mark: rows still busy by their end,
    and rows already free by their number (first fit takes the lowest).
    Left edges only grow within a cluster, so a row once free stays free
    until it is taken.  This runs per frame on up to the density threshold
    of marks, so it sticks to plain Python floats and C heap operations.
    """
    m = len(left)
    out = [0] * m
    used = [0] * m
    lefts, rights, clusters = left.tolist(), right.tolist(), cluster.tolist()
    busy: list[tuple[float, int]] = []
    free: list[int] = []
    n_rows = 0
    current, first = -1, 0
    push, pop, pushpop = heapq.heappush, heapq.heappop, heapq.heappushpop
    for i in range(m):
        c = clusters[i]
        if c != current:
            used[first:i] = [n_rows] * (i - first)
            current, first = c, i
            busy, free, n_rows = [], [], 0
        a, b = lefts[i], rights[i]
        while busy and busy[0][0] <= a:
            push(free, pop(busy)[1])
        if free:
            r = pop(free)
            push(busy, (b, r))
        elif n_rows < max_rows:
            r = n_rows
            n_rows += 1
            push(busy, (b, r))
        else:
            # Every row is taken: share the one that frees up first.
            end, r = busy[0]
            pushpop(busy, (max(end, b), r))
        out[i] = r
    used[first:m] = [n_rows] * (m - first)
    return np.array(out, np.int32), np.array(used, np.int32)
