"""Numpy arrays handed to QPainter's batch calls (drawRects, drawLines) without a Python object per item.

PySide's list overloads of ``drawRects``/``drawLines`` need one QRectF or
QLineF wrapper per mark, built in a Python loop: at a couple of thousand
marks in view that loop, not the drawing, was most of a frame.  QRectF and
QLineF are four packed doubles, so a C-contiguous ``(n, 4)`` float64 array
has their memory layout; the pointer-and-count overloads read it directly
(the same route pyqtgraph takes for its bar graphs).
"""
from __future__ import annotations

import numpy as np
import shiboken6
from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QPainter


def _packed(columns) -> np.ndarray:
    out = np.empty((len(columns[0]), len(columns)), dtype=np.float64)
    for i, c in enumerate(columns):
        out[:, i] = c
    return out


class Batch:
    """``(n, 4)`` doubles seen by Qt as ``n`` QRectF or QLineF; wrapped once, drawn as often as needed."""

    def __init__(self, klass, array: np.ndarray):
        self.array = np.ascontiguousarray(array, dtype=np.float64)
        self.n = len(self.array)
        # The batch holds ``array``, so the pointer stays valid for as long as the batch lives.
        self.ptr = shiboken6.wrapInstance(self.array.ctypes.data, klass) if self.n else None


def rects(x, y, w, h) -> Batch:
    """Rectangles from columns x, y, width, height."""
    return Batch(QRectF, _packed((x, y, w, h)))


def lines(x1, y1, x2, y2) -> Batch:
    """Line segments from columns x1, y1, x2, y2."""
    return Batch(QLineF, _packed((x1, y1, x2, y2)))


def interleave(*batches: Batch) -> Batch:
    """Line batches merged item by item (a1, b1, a2, b2...): the order a per-item loop drew them in."""
    merged = np.stack([b.array for b in batches], axis=1).reshape(-1, 4)
    return Batch(QLineF, merged)


def draw_rects(painter: QPainter, batch: Batch) -> None:
    """Every rectangle of ``batch`` with the current pen and brush, in one call."""
    if batch.n:
        painter.drawRects(batch.ptr, batch.n)


def draw_lines(painter: QPainter, batch: Batch) -> None:
    """Every segment of ``batch`` with the current pen, in one call."""
    if batch.n:
        painter.drawLines(batch.ptr, batch.n)


def first_of_each(*keys: np.ndarray) -> np.ndarray:
    """Index of the first occurrence of each distinct row of ``keys`` (columns), in key order.

    What ``np.unique(np.stack(keys, 1), axis=0, return_index=True)[1]`` gives,
    without its structured-dtype sort, which cost more than drawing the marks.
    """
    n = len(keys[0]) if keys else 0
    if n < 2:
        return np.arange(n)
    # lexsort's last key is the primary one; the position last-but-first keeps the earliest of ties first.
    order = np.lexsort((np.arange(n),) + tuple(reversed(keys)))
    new = np.ones(n, bool)
    same = np.ones(n - 1, bool)
    for k in keys:
        s = k[order]
        same &= s[1:] == s[:-1]
    new[1:] = ~same
    return order[new]
