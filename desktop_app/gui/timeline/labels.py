"""Labels beside event marks wherever there is room, placed greedily without collisions.

Run per paint on the marks in view only, and only when few enough are in
view that labels could be read (``MAX_LABELLED``): at a million events a
frame either draws density (no labels) or a few hundred marks, so the loop
below stays a small fraction of the 16 ms pan budget.

Placement: a label sits right of its mark, on the mark's own (sub-)row, in
the free run up to the next mark of that row (numpy finds every run at once).
Candidates go most important first -- key events (a hook the view sets),
then stacks of coincident marks (their count must be seen), then events
with more actors and a report -- and a label is kept only if it does not
touch one already placed on a neighbouring row less than a text line away.
Too long a text is elided to its run; one that would keep fewer than
``MIN_CHARS`` letters is dropped rather than shown as "…".
"""
from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFontMetricsF

MAX_LABELLED = 600      # marks in view above which no label is tried (they could not be read)
GAP_PX = 5.0            # between a mark's right edge and its label
MIN_RUN_PX = 18.0       # a free run narrower than this holds no readable label
MIN_CHARS = 4


class Placed(NamedTuple):
    x: float            # left of the text, device pixels
    y: float            # centre line of the text
    text: str
    mark: int           # position of the labelled mark in the paint's arrays


def free_runs(left: np.ndarray, right: np.ndarray, y: np.ndarray, viewport_right: float) -> np.ndarray:
    """Pixels free right of each mark on its own row, up to the next mark (or the view's edge)."""
    n = len(left)
    run = np.full(n, viewport_right, np.float64) - right
    if n < 2:
        return run
    row = np.round(y).astype(np.int64)
    order = np.lexsort((left, row))
    same = row[order][1:] == row[order][:-1]
    nxt = np.full(n, viewport_right, np.float64)
    nxt_sorted = np.r_[left[order][1:], viewport_right]
    nxt_sorted[:-1] = np.where(same, nxt_sorted[:-1], viewport_right)
    nxt[order] = nxt_sorted
    return nxt - right


def place(left: np.ndarray, right: np.ndarray, y: np.ndarray, priority: np.ndarray,
          text_of: Callable[[int], str], metrics: QFontMetricsF, viewport_right: float) -> list[Placed]:
    """Greedy, most important first: labels for marks ``[left, right]`` at rows ``y`` (device pixels)."""
    n = len(left)
    if not n or n > MAX_LABELLED:
        return []
    runs = free_runs(left, right, y, viewport_right) - GAP_PX
    ok = np.flatnonzero(runs >= MIN_RUN_PX)
    if not len(ok):
        return []
    order = ok[np.lexsort((left[ok], -priority[ok]))]
    line = metrics.height()
    placed: list[Placed] = []
    taken: dict[int, list[tuple[float, float, float]]] = {}   # row bucket -> (x0, x1, y) of labels
    elide = metrics.elidedText
    for i in order.tolist():
        text = text_of(i)
        if not text:
            continue
        room = float(runs[i])
        if isinstance(text, tuple):      # (long, short) alternatives, never elided: "×12 events" or "×12"
            fits = [t for t in text if metrics.horizontalAdvance(t) <= room]
            if not fits:
                continue
            text = fits[0]
        width = metrics.horizontalAdvance(text)
        if width > room:
            text = elide(text, Qt.TextElideMode.ElideRight, room)
            if len(text) <= MIN_CHARS:
                continue
            width = metrics.horizontalAdvance(text)
        x0 = float(right[i]) + GAP_PX
        x1 = x0 + width
        yy = float(y[i])
        bucket = int(yy // line)
        clash = False
        for b in (bucket - 1, bucket, bucket + 1):
            for a0, a1, ay in taken.get(b, ()):
                if abs(ay - yy) < line and a0 < x1 and x0 < a1:
                    clash = True
                    break
            if clash:
                break
        if clash:
            continue
        taken.setdefault(bucket, []).append((x0, x1, yy))
        placed.append(Placed(x0, yy, text, i))
    return placed


def draw(painter, placed: list[Placed], metrics: QFontMetricsF, color, stack_color) -> None:
    """The placed labels; stack counts ("12 events") in ``stack_color``."""
    if not placed:
        return
    shift = (metrics.ascent() - metrics.descent()) / 2
    for p in placed:
        painter.setPen(stack_color if p.text[:1] == "×" else color)
        painter.drawText(QPointF(p.x, p.y + shift), p.text)
