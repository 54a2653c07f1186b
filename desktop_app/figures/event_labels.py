"""Event labels beside the marks of a timeline figure, where there is room, never on top of each other.

A mark alone says "something happened here"; the label says what.  Each
lane is cut into text rows; a label starts just right of its mark, in the
row the mark sits in when that row is free to the label's end, else in the
nearest free row above or below with a hairline leader back to the mark.
Labels never overlap one another or a point mark (they may cross a
translucent span, on a light backing), and never run past the plot; a label
with no room is left out rather than crammed.  Most important first: the
selected event, then events dated to the day, then those with more actors.
Texts are shortened at a word boundary with an ellipsis, never mid-word.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from desktop_app.core import palette
from desktop_app.core.model import PRECISIONS
from desktop_app.figures.metrics import TextMeasure
from desktop_app.figures.scene import MIN_TEXT, Group, Line, Rect, Stroke, Text

# Longest label, in base units (about 22 characters at the label size).
MAX_LABEL_UNITS = 13.0
# A shortened label keeps at least this many characters, or is left out.
MIN_SHORTENED = 12
# A text row is this many label sizes high (a figure's level of detail counts a lane's rows by it).
ROW_LINE = 1.3
_DAY = PRECISIONS.index("day") if "day" in PRECISIONS else 0


@dataclass(slots=True)
class MarkSpot:
    """One drawn mark: where it is and what its label would say."""

    lane: int
    x: float            # where the label starts from: a point's centre, a span's left end
    y: float            # the mark's centre line
    r: float            # half the mark's width for a point, 0 for a span
    text: str
    rank: tuple         # sort key: smaller is more important
    event_id: str = ""
    more: int = 0       # marks folded into this one: its label ends " +N"


def word_elide(text: str, size: float, max_width: float, measure: TextMeasure) -> str:
    """``text`` shortened at a word boundary to fit, with an ellipsis; '' when not even one word fits."""
    text = " ".join(text.split())
    if measure.width(text, size) <= max_width:
        return text
    words = text.split(" ")
    while len(words) > 1:
        words.pop()
        trial = " ".join(words).rstrip(",;:.-–") + "…"
        if measure.width(trial, size) <= max_width:
            return trial
    return ""


def event_rank(event, selected_event: str = "", folded: int = 0) -> tuple:
    """Which labels go first: the selected event, then aggregates (the more marks folded in, the sooner,
    as on the screen), then day-precise dates, then more actors, then earlier."""
    prec = event.date.interval.precision if event.date is not None else "century"
    finer = PRECISIONS.index(prec) if prec in PRECISIONS else len(PRECISIONS)
    return (event.id != selected_event, -folded, finer > _DAY, -len(set(event.actor_ids())), event.id)


def place(group: Group, spots: list[MarkSpot], lanes_top: float, lane_h: float, n_lanes: int,
          plot_x0: float, plot_x1: float, unit: float, measure: TextMeasure,
          blocked: Sequence[tuple] = (), selected_event: str = "") -> list[MarkSpot]:
    """Draw the labels that fit into ``group``; returns the spots that got one (for tests and the info line).

    ``blocked``: boxes (x0, y0, x1, y1) no label may cover (the outlier flags).
    ``selected_event``: its label is never left out (bold; left of the mark if the right has
    no room; over other labels only when every row on both sides is taken).
    """
    size = max(MIN_TEXT, round(unit * 0.72))
    row_h = size * ROW_LINE
    rows_per_lane = max(1, int(lane_h // row_h))
    if not spots:
        return []
    offset = (lane_h - rows_per_lane * row_h) / 2
    max_w = unit * MAX_LABEL_UNITS
    # A label takes one text row of one lane, so it can only meet what lies in that row: the
    # rows keep what is taken as x intervals (labels, and point marks, which labels never
    # cover; spans may be crossed, their fill is translucent).  A few thousand marks then
    # cost a bisection each instead of a test against every other mark.
    taken: dict[tuple[int, int], _Row] = {}
    for s in spots:
        if s.r <= 0:
            continue
        lane_top = lanes_top + s.lane * lane_h + offset
        # Rows whose label box (the row less 1 px each side) the mark's box reaches into.
        y0, y1 = s.y - s.r - 1 - lane_top, s.y + s.r + 1 - lane_top
        first = int(np.floor((y0 + 1) / row_h))
        last = int(np.ceil((y1 - 1) / row_h)) - 1
        for k in range(max(0, first), min(rows_per_lane - 1, last) + 1):
            taken.setdefault((s.lane, k), _Row()).add(s.x - s.r - 1, s.x + s.r + 1)
    placed_boxes: list[tuple[float, float, float, float]] = list(blocked)
    out: list[MarkSpot] = []
    layer = Group(name="event labels")
    named: set[str] = set()
    for spot in sorted(spots, key=lambda s: s.rank):
        if spot.event_id and spot.event_id in named:
            continue        # an event in several lanes is named once, in its first lane
        lane_top = lanes_top + spot.lane * lane_h
        must = bool(selected_event) and spot.event_id == selected_event
        # Rows by distance from the mark's own row.
        own = int(np.clip((spot.y - lane_top - offset) // row_h, 0, rows_per_lane - 1))
        order = sorted(range(rows_per_lane), key=lambda k: (abs(k - own), k))
        chosen = None
        # Right of the mark; the selected event may also go left of it, and is never left out.
        sides = ("right", "left") if must else ("right",)
        for side in sides:
            if side == "right":
                start = spot.x + spot.r + 3
                room = min(max_w, plot_x1 - start - 2)
            else:
                room = min(max_w, spot.x - spot.r - 3 - plot_x0 - 2)
            suffix = f" +{spot.more}" if spot.more else ""
            room -= measure.width(suffix, size) if suffix else 0.0
            text = word_elide(spot.text, size, room, measure) if room > size * 2 else ""
            if not text or (text.endswith("…") and len(text) < MIN_SHORTENED and not must):
                continue        # one clipped word ("U.S…") says nothing: leave the mark unlabelled
            text += suffix
            tw = measure.width(text, size)
            if side == "left":
                start = spot.x - spot.r - 3 - tw
            for k in order:
                cy = lane_top + (k + 0.5) * row_h + offset
                box = (start - 1, cy - row_h / 2 + 1, start + tw + 1, cy + row_h / 2 - 1)
                row = taken.get((spot.lane, k))
                if row is not None and row.hits(box[0], box[2]):
                    continue
                if any(_hit(box, b) for b in placed_boxes):
                    continue
                chosen = (cy, box, text, start, k)
                break
            if chosen is not None:
                break
        if chosen is None and must:
            # Crowded everywhere: the selected event's name goes in its own row regardless.
            start = spot.x + spot.r + 3
            text = (word_elide(spot.text, size, max(size * 4, min(max_w, plot_x1 - start - 2)), measure) or spot.text) \
                + (f" +{spot.more}" if spot.more else "")
            tw = measure.width(text, size)
            cy = lane_top + (own + 0.5) * row_h + offset
            chosen = (cy, (start - 1, cy - row_h / 2 + 1, start + tw + 1, cy + row_h / 2 - 1), text, start, own)
        if chosen is None:
            continue
        cy, box, text, start, k = chosen
        taken.setdefault((spot.lane, k), _Row()).add(box[0], box[2])
        left = start > spot.x
        if abs(cy - spot.y) > row_h * 0.4:
            # A leader from the mark to the start of its label, so an off-row label still says whose it is.
            edge = cy + (row_h * 0.35 if cy < spot.y else -row_h * 0.35)
            end_x = start - 1 if left else box[2]
            layer.add(Line(spot.x, spot.y + (-spot.r if cy < spot.y else spot.r), end_x, edge,
                           Stroke(palette.MUTED_TEXT, 0.6)))
        layer.add(Rect(box[0], box[1], box[2] - box[0], box[3] - box[1], fill=palette.BACKGROUND, fill_alpha=0.8))
        layer.add(Text(start, cy + measure.ascent(size) * 0.36, text, size, palette.FOREGROUND,
                       bold=must, role="event"))
        out.append(spot)
        named.add(spot.event_id)
    group.add(layer)
    return out


class _Row:
    """Taken x intervals of one text row, sorted by start; they may overlap one another."""

    __slots__ = ("starts", "ends", "longest")

    def __init__(self) -> None:
        self.starts: list[float] = []
        self.ends: list[float] = []
        self.longest = 0.0

    def add(self, a: float, b: float) -> None:
        i = bisect.bisect_left(self.starts, a)
        self.starts.insert(i, a)
        self.ends.insert(i, b)
        self.longest = max(self.longest, b - a)

    def hits(self, a: float, b: float) -> bool:
        """Whether ``[a, b]`` overlaps a taken interval (only those starting within reach are looked at)."""
        i = bisect.bisect_left(self.starts, b)
        j = i - 1
        while j >= 0 and self.starts[j] > a - self.longest:
            if self.ends[j] > a:
                return True
            j -= 1
        return False


def _hit(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
