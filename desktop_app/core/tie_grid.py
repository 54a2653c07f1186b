"""Which candidate label boxes would lie across a drawn tie, answered for many boxes at once.

A label over a tie line reads badly and hides which node the tie ends at,
so the label placer prefers spots no tie crosses.  Testing every box
against every tie would cost boxes x ties (thousands x 30,000), so the
visible ties are first binned on a coarse screen grid, every cell a
segment passes through (not just its bounding box: a long diagonal tie
would otherwise claim half the screen), and each box is then tested
exactly only against the ties binned in the cells it covers.

When the visible ties are so dense that the mean gap between them is a few
pixels (a whole big network on screen), every spot crosses some tie and
the test would be pure cost: ties then stop being obstacles at all.  In a
crowded cell of an otherwise sparse picture (a dense core) the ink is
estimated from the cell's total instead of summed tie by tie, which keeps
a lookup's cost bounded (scripts/bench_network_labels.py measures).

Pure numpy on screen pixels (y down); no Qt, so the geometry is testable
on its own.
"""
from __future__ import annotations

import numpy as np

# Grid cell side in pixels: under two label heights, so a cell a box only grazes adds little work.
CELL_PX = 32.0
# Below this mean gap between visible ties (pixels) they are a fog, not obstacles.
FOG_GAP_PX = 6.0
# Above this many ties in one cell its ink is estimated rather than summed tie by tie.
CROWDED_CELL = 16


def _clip(seg: np.ndarray, left, top, right, bottom) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Liang-Barsky, vectorised: the range [t0, t1] of each segment p0 + t (p1 - p0) inside its box.

    Box bounds may be scalars or one per segment.  Returns (t0, t1, keep);
    ``keep`` is False where the segment misses its box.
    """
    x0, y0, x1, y1 = seg.T
    dx, dy = x1 - x0, y1 - y0
    t0 = np.zeros(len(seg))
    t1 = np.ones(len(seg))
    keep = np.isfinite(seg).all(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        for p, q in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
            parallel = p == 0
            keep &= ~(parallel & (q < 0))          # parallel to this edge and outside it
            r = np.where(parallel, 0.0, q / np.where(parallel, 1.0, p))
            t0 = np.where((p < 0) & ~parallel, np.maximum(t0, r), t0)
            t1 = np.where((p > 0) & ~parallel, np.minimum(t1, r), t1)
    keep &= t0 <= t1
    return t0, t1, keep


def clip_to_screen(seg: np.ndarray, width: float, height: float) -> np.ndarray:
    """Segments (x0, y0, x1, y1) cut to the screen rectangle; ones entirely off it are dropped."""
    seg = np.asarray(seg, dtype=float).reshape(-1, 4)
    # Zoomed in, most ties are off screen: a bounding-box test is far cheaper than clipping them.
    near = ((np.minimum(seg[:, 0], seg[:, 2]) <= width) & (np.maximum(seg[:, 0], seg[:, 2]) >= 0)
            & (np.minimum(seg[:, 1], seg[:, 3]) <= height) & (np.maximum(seg[:, 1], seg[:, 3]) >= 0))
    seg = seg[near]
    if len(seg) == 0:
        return seg
    t0, t1, keep = _clip(seg, 0.0, 0.0, width, height)
    x0, y0, x1, y1 = seg[keep].T
    t0, t1 = t0[keep], t1[keep]
    dx, dy = x1 - x0, y1 - y0
    return np.column_stack([x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy])


def _length(seg: np.ndarray) -> np.ndarray:
    return np.hypot(seg[:, 2] - seg[:, 0], seg[:, 3] - seg[:, 1])


class TieGrid:
    """Visible tie segments binned by the grid cells they pass through."""

    def __init__(self, seg: np.ndarray, width: float, height: float,
                 cell: float = CELL_PX, fog_gap: float = FOG_GAP_PX):
        self.cell = float(cell)
        self.nx = max(1, int(np.ceil(width / self.cell)))
        self.ny = max(1, int(np.ceil(height / self.cell)))
        self._start = np.zeros(self.nx * self.ny + 1, dtype=np.int64)
        self._ids = np.zeros(0, dtype=np.int64)
        seg = np.asarray(seg, dtype=float).reshape(-1, 4)
        area = max(width * height, 1.0)
        # A whole big network on screen is a fog already from the ties that lie wholly on
        # screen; counting those first spares clipping tens of thousands of segments.
        whole = ((seg[:, [0, 2]] >= 0) & (seg[:, [0, 2]] <= width)
                 & (seg[:, [1, 3]] >= 0) & (seg[:, [1, 3]] <= height)).all(axis=1)
        self.fog = _length(seg[whole]).sum() * fog_gap > area
        if self.fog:
            self.seg = seg[:0]
            return
        self.seg = clip_to_screen(seg, width, height)
        self.fog = _length(self.seg).sum() * fog_gap > area
        if len(self.seg) and not self.fog:
            self._bin()

    @property
    def active(self) -> bool:
        """Whether ties are obstacles at all (some are visible and they are not a fog)."""
        return len(self.seg) > 0 and not self.fog

    def _cells(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        cx = np.clip(np.floor(x / self.cell), 0, self.nx - 1).astype(np.int64)
        cy = np.clip(np.floor(y / self.cell), 0, self.ny - 1).astype(np.int64)
        return cy * self.nx + cx

    def _bin(self) -> None:
        """Every cell each segment enters: its end cells plus both sides of every grid line it crosses.

        A segment can only pass from one cell to the next by crossing a grid
        line, so the cells on either side of each crossing point, plus the
        two end cells, are exactly the cells it touches.  No per-segment
        sorting is needed.
        """
        c = self.cell
        x0, y0, x1, y1 = self.seg.T
        ids = np.arange(len(self.seg))
        seg_ids = [ids, ids]
        cells = [self._cells(x0, y0), self._cells(x1, y1)]
        for vertical_lines, (a0, a1, b0, b1) in ((True, (x0, x1, y0, y1)), (False, (y0, y1, x0, x1))):
            # Grid lines k*c strictly between the two ends along this axis.
            lo, hi = np.minimum(a0, a1), np.maximum(a0, a1)
            first = np.floor(lo / c).astype(np.int64) + 1
            count = np.maximum(np.ceil(hi / c).astype(np.int64) - first, 0)
            total = int(count.sum())
            if total == 0:
                continue
            owner = np.repeat(ids, count)
            step = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
            line = (first[owner] + step) * c
            t = (line - a0[owner]) / (a1[owner] - a0[owner])
            across = b0[owner] + t * (b1[owner] - b0[owner])
            for side in (-0.5, 0.5):
                along = line + side * c
                if vertical_lines:
                    cells.append(self._cells(along, across))
                else:
                    cells.append(self._cells(across, along))
                seg_ids.append(owner)
        # One entry per (cell, segment), ordered by cell: unique keys come out sorted.
        key = np.unique(np.concatenate(cells) * len(self.seg) + np.concatenate(seg_ids))
        cell_of, self._ids = key // len(self.seg), key % len(self.seg)
        counts = np.bincount(cell_of, minlength=self.nx * self.ny)
        self._start[1:] = np.cumsum(counts)
        # Each cell's own tie length, for the crowded cells whose ink is estimated, not summed.
        inside = self._inside(self._ids, self._cell_rects(cell_of))
        self._cell_ink = np.bincount(cell_of, weights=inside, minlength=self.nx * self.ny)

    def _cell_rects(self, cell: np.ndarray) -> np.ndarray:
        c = self.cell
        x, y = (cell % self.nx) * c, (cell // self.nx) * c
        return np.column_stack([x, y, x + c, y + c])

    def _inside(self, seg_ids: np.ndarray, rects: np.ndarray) -> np.ndarray:
        """Row by row, the length of segment ``seg_ids[i]`` inside ``rects[i]``."""
        seg = self.seg[seg_ids]
        t0, t1, keep = _clip(seg, rects[:, 0], rects[:, 1], rects[:, 2], rects[:, 3])
        return np.where(keep, np.maximum(t1 - t0, 0.0) * _length(seg), 0.0)

    def crossing(self, boxes: np.ndarray) -> np.ndarray:
        """Per box (x0, y0, x1, y1), whether any binned tie passes through it."""
        return self.ink(boxes) > 0

    def ink(self, boxes: np.ndarray) -> np.ndarray:
        """Per box (x0, y0, x1, y1), the length in pixels of tie line inside it.

        A label a tie only clips at a corner reads better than one a tie runs
        along, so when every spot is crossed the placer takes the least inked.
        Summed cell by cell over the box's part of each cell, so a tie binned
        in several cells counts once.  A cell holding more than
        ``CROWDED_CELL`` ties (the dense core of a network) is not tested tie
        by tie: its ink is estimated from its own total, in proportion to the
        part of it the box covers, which bounds the cost of a lookup.
        """
        boxes = np.asarray(boxes, dtype=float).reshape(-1, 4)
        ink = np.zeros(len(boxes))
        if not self.active or len(boxes) == 0:
            return ink
        c = self.cell
        ix0 = np.clip(np.floor(boxes[:, 0] / c), 0, self.nx - 1).astype(np.int64)
        ix1 = np.clip(np.floor(boxes[:, 2] / c), 0, self.nx - 1).astype(np.int64)
        iy0 = np.clip(np.floor(boxes[:, 1] / c), 0, self.ny - 1).astype(np.int64)
        iy1 = np.clip(np.floor(boxes[:, 3] / c), 0, self.ny - 1).astype(np.int64)
        wide = ix1 - ix0 + 1
        n_cells = wide * (iy1 - iy0 + 1)
        # (box, cell) pairs, each with the part of the cell the box covers.
        box_of = np.repeat(np.arange(len(boxes)), n_cells)
        k = np.arange(int(n_cells.sum())) - np.repeat(np.cumsum(n_cells) - n_cells, n_cells)
        cell = (iy0[box_of] + k // wide[box_of]) * self.nx + ix0[box_of] + k % wide[box_of]
        rect = self._cell_rects(cell)
        b = boxes[box_of]
        part = np.column_stack([np.maximum(rect[:, 0], b[:, 0]), np.maximum(rect[:, 1], b[:, 1]),
                                np.minimum(rect[:, 2], b[:, 2]), np.minimum(rect[:, 3], b[:, 3])])
        start = self._start[cell]
        n_seg = self._start[cell + 1] - start
        crowded = n_seg > CROWDED_CELL
        if crowded.any():
            covered = ((part[crowded, 2] - part[crowded, 0]).clip(0)
                       * (part[crowded, 3] - part[crowded, 1]).clip(0)) / (c * c)
            ink += np.bincount(box_of[crowded], weights=self._cell_ink[cell[crowded]] * covered,
                               minlength=len(boxes))
        n_seg = np.where(crowded, 0, n_seg)
        total = int(n_seg.sum())
        if total == 0:
            return ink
        # (box, cell, segment) triples through each sparse cell's slice.
        pair = np.repeat(np.arange(len(cell)), n_seg)
        j = np.arange(total) - np.repeat(np.cumsum(n_seg) - n_seg, n_seg)
        inside = self._inside(self._ids[start[pair] + j], part[pair])
        ink += np.bincount(box_of[pair], weights=inside, minlength=len(boxes))
        return ink


def segments_meet_boxes(seg: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """Row by row, whether segment i touches the inside of box i.

    A segment meets an axis-aligned box when their bounding boxes overlap and
    the box's corners are not all strictly on one side of the segment's line.
    """
    x0, y0, x1, y1 = seg.T
    bx0, by0, bx1, by1 = boxes.T
    overlap = ((np.minimum(x0, x1) < bx1) & (np.maximum(x0, x1) > bx0)
               & (np.minimum(y0, y1) < by1) & (np.maximum(y0, y1) > by0))
    dx, dy = x1 - x0, y1 - y0
    sides = [dx * (cy - y0) - dy * (cx - x0) for cx, cy in ((bx0, by0), (bx1, by0), (bx0, by1), (bx1, by1))]
    s = np.stack(sides)
    one_side = (s > 0).all(axis=0) | (s < 0).all(axis=0)
    return overlap & ~one_side
