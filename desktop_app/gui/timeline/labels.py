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
``MIN_CHARS`` letters is dropped rather than shown as "…".  Only points
block a run: a label crosses a translucent span on a light backing.  A mark
with no room on its own row, or only room for a shortened text, is then
tried on a free line up to three lines above or below inside its lane, joined
to it by a hairline; an aggregate's label (``Counted``) keeps its "+N".
"""
from __future__ import annotations

import bisect
from typing import Callable, NamedTuple

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPen

MAX_LABELLED = 600      # marks drawn in view above which no label is tried (bounds the per-frame loop)
GAP_PX = 5.0            # between a mark's right edge and its label
MIN_RUN_PX = 18.0       # a free run narrower than this holds no readable label
MIN_CHARS = 4
LABEL_TRIES = 200       # marks tried for a label per paint, most important first
MIN_COUNTED_CHARS = 10  # an aggregate's label shows at least this much of its name, else just its count
# A label left of its mark keeps this far from the mark before it, so it is not read as that one's.
LEFT_CLEAR_PX = 14.0


class Counted(NamedTuple):
    """An aggregate's label: its most salient mark's ``label`` and "+``more``" for the others; when
    even a shortened label does not fit, "×N happenings" or "×N"."""

    label: str
    more: int
    noun: str = "events"

    def fallbacks(self) -> tuple[str, str]:
        return f"×{self.more + 1} {self.noun}", f"×{self.more + 1}"


class Placed(NamedTuple):
    x: float            # left of the text, device pixels
    y: float            # centre line of the text
    text: str
    mark: int           # position of the labelled mark in the paint's arrays
    leader: tuple = ()  # (x, y) of the mark's edge when the label sits on another line: a hairline joins them


def free_runs(left: np.ndarray, right: np.ndarray, y: np.ndarray, viewport_left: float,
              viewport_right: float, solid=None) -> tuple[np.ndarray, np.ndarray]:
    """Pixels free right and left of each mark on its own row, up to the neighbouring mark (or the view's edge).

    ``solid``: bool per mark, the marks a label may not cross (points); spans are translucent and a
    label crosses them on a light backing.  None: every mark is solid.
    """
    n = len(left)
    if n < 2:
        return viewport_right - right, left - viewport_left
    if solid is not None and not np.all(solid):
        return _runs_past_spans(left, right, y, viewport_left, viewport_right, np.asarray(solid, bool))
    row = np.round(y).astype(np.int64)
    order = np.lexsort((left, row))
    same = row[order][1:] == row[order][:-1]
    nxt = np.empty(n, np.float64)
    nxt_sorted = np.r_[left[order][1:], viewport_right]
    nxt_sorted[:-1] = np.where(same, nxt_sorted[:-1], viewport_right)
    nxt[order] = nxt_sorted
    prev = np.empty(n, np.float64)
    # Right edges of the marks before, as a running maximum within the row (a long bar reaches far).
    r_sorted = right[order]
    prev_sorted = np.r_[viewport_left, r_sorted[:-1]]
    prev_sorted[1:] = np.where(same, prev_sorted[1:], viewport_left)
    prev[order] = prev_sorted
    return nxt - right, left - prev


class _Obstacles:
    """Marks a label may not cover, per text-line bucket, sorted by left edge: a label's test looks only
    at the marks near its x range (bisection), not at every mark in its line."""

    def __init__(self, left, right, y, index, line: float):
        self.rows: dict[int, tuple] = {}
        if not len(left):
            return
        bucket = np.floor(np.asarray(y, np.float64) / line).astype(np.int64)
        order = np.lexsort((left, bucket))
        b_sorted = bucket[order]
        cuts = np.flatnonzero(np.diff(b_sorted)) + 1
        for part in np.split(order, cuts):
            a0 = left[part]
            self.rows[int(bucket[part[0]])] = (a0.tolist(), right[part].tolist(), y[part].tolist(),
                                               index[part].tolist(), float((right[part] - a0).max()))

    def clash(self, b: int, x0: float, x1: float, yy: float, me: int, dy: float) -> bool:
        """Whether a mark of bucket ``b`` (not ``me``) within ``dy`` of ``yy`` overlaps ``[x0, x1]``."""
        row = self.rows.get(b)
        if row is None:
            return False
        starts, ends, ys, ks, longest = row
        j = bisect.bisect_left(starts, x1) - 1
        while j >= 0 and starts[j] > x0 - longest:
            if ends[j] > x0 and ks[j] != me and abs(ys[j] - yy) < dy:
                return True
            j -= 1
        return False

    def next_start(self, b: int, x0: float, yy: float, me: int, dy: float):
        """The left edge of the first mark of bucket ``b`` (not ``me``, within ``dy`` of ``yy``) at or past ``x0``."""
        row = self.rows.get(b)
        if row is None:
            return None
        starts, _, ys, ks, _ = row
        for j in range(bisect.bisect_left(starts, x0), len(starts)):
            if ks[j] != me and abs(ys[j] - yy) < dy:
                return starts[j]
        return None


class _Measured:
    """A font's metrics with text widths and elisions remembered: labels repeat from one paint to the
    next (a pan shows the same marks), and each measure is a call into Qt.  Same methods as
    ``QFontMetricsF`` for what the placement uses."""

    def __init__(self, metrics: QFontMetricsF):
        self.metrics = metrics
        self.widths: dict[str, float] = {}
        self.elided: dict[tuple[str, int], str] = {}

    def height(self) -> float:
        return self.metrics.height()

    def horizontalAdvance(self, text: str) -> float:  # noqa: N802  (Qt's name)
        w = self.widths.get(text)
        if w is None:
            if len(self.widths) > 50_000:
                self.widths.clear()
            w = self.widths[text] = self.metrics.horizontalAdvance(text)
        return w

    def elidedText(self, text: str, mode, room: float) -> str:  # noqa: N802  (Qt's name)
        key = (text, int(room))
        out = self.elided.get(key)
        if out is None:
            if len(self.elided) > 50_000:
                self.elided.clear()
            out = self.elided[key] = self.metrics.elidedText(text, mode, int(room))
        return out


_measured: dict[int, _Measured] = {}


def measured(metrics: QFontMetricsF) -> _Measured:
    """The cache for ``metrics`` (one per font object the views hold)."""
    if isinstance(metrics, _Measured):
        return metrics
    m = _measured.get(id(metrics))
    if m is None or m.metrics is not metrics:
        m = _measured[id(metrics)] = _Measured(metrics)
    return m


def _runs_past_spans(left, right, y, viewport_left, viewport_right, solid) -> tuple[np.ndarray, np.ndarray]:
    """``free_runs`` where only ``solid`` marks are obstacles: per row, the nearest solid mark's left edge
    at or past each mark's right edge, and the nearest solid right edge at or before its left edge."""
    row = np.round(y).astype(np.int64)
    nxt = np.full(len(left), float(viewport_right))
    prev = np.full(len(left), float(viewport_left))
    for r in np.unique(row).tolist():
        mine = np.flatnonzero(row == r)
        obst = mine[solid[mine]]
        if not len(obst):
            continue
        lefts = np.sort(left[obst])
        rights = np.sort(right[obst])
        # A point's own edges lie on the wrong side of these searches, so it is never its own obstacle.
        k = np.searchsorted(lefts, right[mine], side="left")
        has = k < len(lefts)
        nxt[mine[has]] = lefts[k[has]]
        j = np.searchsorted(rights, left[mine], side="right") - 1
        has = j >= 0
        prev[mine[has]] = rights[j[has]]
    return nxt - right, left - prev


def place(left: np.ndarray, right: np.ndarray, y: np.ndarray, priority: np.ndarray,
          text_of: Callable[[int], str], metrics: QFontMetricsF, viewport_right: float,
          viewport_left: float = 0.0, inside=None, band=None, solid=None) -> list[Placed]:
    """Greedy, most important first: labels for marks ``[left, right]`` at rows ``y`` (device pixels).

    A label goes right of its mark; when the text does not fit there but
    does fit whole inside the mark (``inside``: the visible width of a bar,
    0 for a point) it goes inside, else whole on the left (the last mark
    before the view's edge).  ``band``: (top, bottom) per mark, its lane in
    device pixels; a mark whose own row has no room (or a clash) then gets
    its label on a free line above or below, beside it, inside its lane.
    """
    n = len(left)
    if not n or n > MAX_LABELLED:
        return []
    metrics = measured(metrics)
    runs, runs_left = free_runs(left, right, y, viewport_left, viewport_right, solid)
    runs, runs_left = runs - GAP_PX, runs_left - GAP_PX
    inside = np.zeros(n) if inside is None else np.asarray(inside, np.float64) - 2 * GAP_PX
    ok = np.flatnonzero(np.maximum(np.maximum(runs, runs_left), inside) >= MIN_RUN_PX)
    order = ok[np.lexsort((left[ok], -priority[ok]))]
    line = metrics.height()
    placed: list[Placed] = []
    taken: dict[int, list[tuple[float, float, float]]] = {}   # row bucket -> (x0, x1, y) of labels
    # Marks on the neighbouring sub-rows are obstacles too: a label must not be written over them.
    keep = np.ones(n, bool) if solid is None else np.asarray(solid, bool)   # spans are crossed, not avoided
    marks = _Obstacles(left[keep], right[keep], y[keep], np.flatnonzero(keep), line)
    elide = metrics.elidedText
    tall = None if band is None else (np.asarray(band[1], np.float64) - np.asarray(band[0], np.float64)) >= 3 * line

    def own_row(i: int, defer: bool) -> str:
        """Label mark ``i`` on its own row: "placed", "deferred" (only a shortened text fits here, and its
        lane has free lines where the whole may fit) or "" (no room)."""
        full = text_of(i)
        if not full:
            return ""
        room, room_left = float(runs[i]), float(runs_left[i])
        text = full
        if isinstance(text, Counted):
            text = _counted_text(text, metrics, room, room_left - LEFT_CLEAR_PX, float(inside[i]))
        if isinstance(text, tuple):      # (long, short) alternatives, never elided: "×12 events" or "×12"
            fits = [t for t in text if metrics.horizontalAdvance(t) <= max(room, room_left, float(inside[i]))]
            if not fits:
                return ""
            text = fits[0]
        width = metrics.horizontalAdvance(text)
        if width > room and width <= inside[i]:      # a wide bar: along its inside, from its visible start
            x0 = max(float(left[i]), viewport_left) + GAP_PX
        elif width <= room or width > room_left - LEFT_CLEAR_PX:
            x0 = float(right[i]) + GAP_PX
            if width > room:
                if room < MIN_RUN_PX:
                    return ""
                text = elide(text, Qt.TextElideMode.ElideRight, room)
                if len(text) <= MIN_CHARS:
                    return ""
                width = metrics.horizontalAdvance(text)
        else:
            x0 = float(left[i]) - GAP_PX - width
        whole = full.label + f" +{full.more}" if isinstance(full, Counted) else full
        if defer and tall is not None and tall[i] and isinstance(whole, str) and text != whole:
            return "deferred"
        x1 = x0 + width
        yy = float(y[i])
        bucket = int(yy // line)
        for b in (bucket - 1, bucket, bucket + 1):
            for a0, a1, ay in taken.get(b, ()):
                if abs(ay - yy) < line and a0 < x1 and x0 < a1:
                    return ""
            if marks.clash(b, x0, x1, yy, i, line * 0.75):
                return ""
        taken.setdefault(bucket, []).append((x0, x1, yy))
        placed.append(Placed(x0, yy, text, i))
        return "placed"

    # The most important marks only: beyond a few hundred tries the lines are full and each try costs
    # text measuring on every paint (a pan at a coarse zoom repaints a few thousand marks).
    deferred = [i for i in order[:LABEL_TRIES].tolist() if own_row(i, True) == "deferred"]
    if band is not None:
        # Every mark, hemmed in on its row or cut short there, most important first: a free line of its lane.
        _place_off_row(np.lexsort((left, -priority)), left, right, y, band, text_of, metrics, viewport_right, line,
                       taken, marks, placed)
        done = {p.mark for p in placed}
        for i in deferred:
            if i not in done:
                own_row(i, False)       # no free line: the shortened text on its own row after all
    return placed


OFF_ROW_MAX_PX = 240.0   # an off-row label is at most this wide
OFF_ROW_TRIES = 80       # unlabelled marks tried off their row per paint, most important first


def _place_off_row(order, left, right, y, band, text_of, metrics, viewport_right, line, taken, marks, placed) -> None:
    """Second pass, same order: a mark still unlabelled gets its label on the line just above (else below)
    its own, starting beside it, when that line is inside its lane and free of labels and marks."""
    done = {p.mark for p in placed}
    top, bottom = np.asarray(band[0], np.float64), np.asarray(band[1], np.float64)
    tries = 0
    for i in order.tolist():
        if i in done:
            continue
        tries += 1
        if tries > OFF_ROW_TRIES:        # the most important ones only: this runs on every paint
            break
        text = text_of(i)
        if not text:
            continue
        x0 = float(right[i]) + GAP_PX
        for yy in [float(y[i]) + k * line for k in (-1, 1, -2, 2, -3, 3)]:
            if yy - line / 2 < top[i] or yy + line / 2 > bottom[i]:
                continue
            # The free run on that line: up to the first label or mark ahead of x0, or the view's edge.
            end, blocked = viewport_right, False
            b0 = int(yy // line)
            for b in (b0 - 1, b0, b0 + 1):
                for a0, a1, ay in taken.get(b, ()):
                    if abs(ay - yy) < line * 0.95:      # a whole line apart is free, not touching
                        if a0 <= x0 < a1 + GAP_PX:
                            blocked = True
                        elif a0 >= x0:
                            end = min(end, a0 - GAP_PX)
                if marks.clash(b, x0, x0 + 0.5, yy, i, line * 0.75):
                    blocked = True
                ahead = marks.next_start(b, x0, yy, i, line * 0.75)
                if ahead is not None:
                    end = min(end, ahead - GAP_PX)
            room = min(end - x0, OFF_ROW_MAX_PX)
            if blocked or room < MIN_RUN_PX * 3:
                continue
            shown = text
            if isinstance(shown, Counted):
                shown = _counted_text(shown, metrics, room, 0.0, 0.0)
            if isinstance(shown, tuple):
                fits = [t for t in shown if metrics.horizontalAdvance(t) <= room]
                if not fits:
                    continue
                shown = fits[0]
            if metrics.horizontalAdvance(shown) > room:
                shown = metrics.elidedText(shown, Qt.TextElideMode.ElideRight, room)
                if len(shown) <= MIN_COUNTED_CHARS:
                    continue
            width = metrics.horizontalAdvance(shown)
            taken.setdefault(int(yy // line), []).append((x0, x0 + width, yy))
            placed.append(Placed(x0, yy, shown, i, (float(right[i]), float(y[i]))))
            done.add(i)
            break


def _counted_text(c: Counted, metrics: QFontMetricsF, room: float, room_left: float, inside: float):
    """An aggregate's text: "Suspected bombs exploded… +8", its label shortened to fit with the count kept,
    right of the mark (or inside a wide bar) when a readable part fits there, else left of it, else the
    count alone (alternatives, as for a tuple)."""
    suffix = f" +{c.more}"
    whole = c.label + suffix
    for space in (max(room, inside), room_left):
        if metrics.horizontalAdvance(whole) <= space:
            return whole
        label = metrics.elidedText(c.label, Qt.TextElideMode.ElideRight, space - metrics.horizontalAdvance(suffix))
        if len(label) > MIN_COUNTED_CHARS:
            return label + suffix
    return c.fallbacks()


def draw(painter, placed: list[Placed], metrics: QFontMetricsF, color, stack_color, backing) -> None:
    """The placed labels; stack counts ("12 events") in ``stack_color``."""
    if not placed:
        return
    shift = (metrics.ascent() - metrics.descent()) / 2
    h = metrics.height()
    painter.setPen(QPen(stack_color, 0.8))
    for p in placed:
        if p.leader:       # an off-row label: a hairline from its mark to the label's near end
            painter.drawLine(QPointF(*p.leader), QPointF(p.x - 1, p.y + (h * 0.3 if p.y < p.leader[1] else -h * 0.3)))
    for p in placed:
        # A light backing: a label may cross a translucent span, and must stay readable over it.
        painter.fillRect(QRectF(p.x - 1, p.y - h / 2, metrics.horizontalAdvance(p.text) + 2, h), backing)
        painter.setPen(stack_color if p.text[:1] == "×" else color)
        painter.drawText(QPointF(p.x, p.y + shift), p.text)
