"""The marks inside one timeline lane: points, spans, on-or-before marks, report markers, or density.

Day-or-finer dates are points at the middle of their day; coarser dates are
spans over their whole interval, lighter and hatched as they get vaguer (see
``palette.mark_style``).  A date known only as "on or before" keeps its body
but is drawn open on the left.  When the source's report date differs from
the event date, a small sky-blue marker sits at the report date on the
lane's lower edge, joined to the event by a hairline, so report time is
never mistaken for event time.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, NamedTuple, Optional

import numpy as np

from desktop_app.core import folding, palette, timeaxis
from desktop_app.core.context_spans import context_mask
from desktop_app.core.happenings.heads import badge_text, source_growth
from desktop_app.core.model import Event
from desktop_app.figures.event_labels import MarkSpot, event_rank
from desktop_app.figures.lanes import Lane
from desktop_app.figures.scene import MIN_TEXT, Circle, Group, Line, Polygon, Polyline, Rect, Stroke, Text

DASH = (4.0, 3.0)


@dataclass(slots=True)
class TimeMap:
    """Seconds -> x across the plot, linear."""

    t0: float
    t1: float
    x0: float
    x1: float

    def x(self, seconds: float) -> float:
        return self.x0 + (seconds - self.t0) * (self.x1 - self.x0) / (self.t1 - self.t0)

    def xs(self, seconds: np.ndarray) -> np.ndarray:
        return self.x0 + (seconds - self.t0) * (self.x1 - self.x0) / (self.t1 - self.t0)


@dataclass(slots=True)
class Folding:
    """The level of detail a figure draws (``core.folding``): a lane's points crowding a label's room past
    ``lines`` marks fold into the nearest more salient one (highest ``rank``), which carries "+N" in its
    label, and single-source happenings into single-source aggregates ("12 single-source happenings");
    the ``alone`` event (the selection) is never folded."""

    lines: int
    rank: Callable[[Event], float]
    alone: str = ""
    # Seconds per screen pixel the marks are measured at: the screen's for a current-view figure (so the
    # same points and spans fold as there), else the figure's own scale in screen pixels.
    seconds_per_px: float = 0.0
    # A label's room in those screen pixels (``folding.label_room``): the screen's for a current-view figure.
    room_px: float = 0.0


class Folded(NamedTuple):
    """How one lane is drawn: positions (in its events) of the marks drawn, {position: marks folded into
    it}, and the positions heading a single-source aggregate."""

    drawn: list
    more: dict
    single: frozenset = frozenset()


def fold_lane(events: list[Event], span: "Span", fold: Optional[Folding],
              sources: Optional[Callable[[Event], int]] = None) -> Folded:
    """The lane's marks as the screen folds them (``sources``: a happening's independent sources, grouped)."""
    if fold is None or len(events) < 2:
        return Folded(list(range(len(events))), {})
    spans = np.array([span(e) for e in events], dtype=float).reshape(-1, 2)
    point = np.array([palette.mark_style(e.date.interval.precision, e.date.relation).kind == "point"
                      for e in events])
    rank = np.array([fold.rank(e) for e in events])
    alone = np.array([bool(fold.alone) and e.id == fold.alone for e in events])
    single = folding.single_source(None if sources is None else np.array([sources(e) for e in events]), rank)
    px = abs(fold.seconds_per_px) or 1.0
    # Points fold by screen room (``folding.room_keys``), spans with spans drawn over the same screen pixels.
    bucket = np.full(len(events), np.iinfo(np.int64).min)
    pts = np.flatnonzero(point)
    bucket[pts] = pts[folding.room_keys(np.zeros(len(pts), np.int64), spans[pts].mean(axis=1) / px, rank[pts],
                                        fold.lines, fold.room_px, alone[pts],
                                        None if single is None else single[pts])]
    relation = [e.date.relation for e in events]
    left, right = folding.span_extent_px(spans[:, 0], spans[:, 1], np.array([r == "from" for r in relation]),
                                         np.array([r == "until" for r in relation]), px)
    key = folding.fold_keys(left, right, bucket)
    _, size = folding.fold(np.zeros(len(events), np.int64), key, folding.lead_heads(rank, bucket), alone)
    drawn = np.flatnonzero(size > 0)
    more = {int(i): int(size[i]) - 1 for i in drawn if size[i] > 1}
    # Points fold by kind (``room_keys``): a single-source head stands for single-source points only.
    return Folded(drawn.tolist(), more, frozenset(i for i in more if single is not None and single[i] and point[i]))


def _span(event: Event) -> tuple[float, float]:
    iv = event.date.interval
    return timeaxis.to_seconds(iv.start), timeaxis.to_seconds(iv.end)


Span = Callable[[Event], tuple[float, float]]


def _report_seconds(event: Event):
    rep = event.report
    if rep is None or rep.interval is None:
        return None
    s0, s1 = timeaxis.to_seconds(rep.interval.start), timeaxis.to_seconds(rep.interval.end)
    return (s0 + s1) / 2


def lane_marks(lane: Lane, tm: TimeMap, top: float, height: float, unit: float,
               span: Span = _span, spots: Optional[list] = None, lane_index: int = 0,
               selected_event: str = "", sources: Optional[Callable[[Event], int]] = None,
               fold: Optional[Folding] = None, label_of: Optional[Callable[[Event], str]] = None
               ) -> tuple[Group, set]:
    """Every event of ``lane`` as its own mark, or folded (``fold``) as the screen's level of detail draws
    it; returns the group and the mark styles used.

    ``sources``: on a grouped timeline each event stands for a happening, and
    this gives its number of independent sources: the dot grows 2 units per
    doubling and two or more carry the count in a badge, as on the screen.

    ``unit`` is the figure's base text size, which sets mark sizes so a
    slide and an A4 page keep the same proportions.  When ``spots`` is a
    list, each mark's label spot (``event_labels.MarkSpot``) is appended to it.
    ``label_of``: the words a mark carries (grouped: its happening's label, as on
    screen), else the event's own label.
    """
    group = Group(name="marks")
    bars, points, reports, badges = [], [], [], []
    styles: set = set()
    mid = top + height / 2
    bar_h = max(4.0, min(height * 0.5, unit * 1.1))
    r = max(2.5, min(height * 0.26, unit * 0.42))
    # Spans longer than the whole plot are context (``core.context_spans``, as on screen): thin lines along
    # the lane's lower edge, behind its marks, cut by arrows at the plot's edges; no sub-row, fold or label.
    spans = np.array([span(e) for e in lane.events], dtype=float).reshape(-1, 2)
    point = np.array([palette.mark_style(e.date.interval.precision, e.date.relation).kind == "point"
                      for e in lane.events], bool)
    context = context_mask(spans[:, 0], spans[:, 1], point, tm.t1 - tm.t0)
    focus = np.flatnonzero(~context)
    drawn, folded, single = fold_lane([lane.events[k] for k in focus], span, fold, sources)
    drawn = [int(focus[k]) for k in drawn]
    folded = {int(focus[k]): n for k, n in folded.items()}
    single = frozenset(int(focus[k]) for k in single)
    _context_lines(group, [(tm.x(spans[k, 0]), tm.x(spans[k, 1]), lane.colors[k]) for k in np.flatnonzero(context)],
                   tm, top + height, height, unit)
    if context.any():
        styles.add(("context", "context"))      # the legend says what the thin lines are
    # Points whose dots would overlap sit on sub-rows, as on screen (``gui/timeline/packing``): a day's
    # happenings drawn on their own are each seen, not piled on one spot.
    kinds = {k: palette.mark_style(lane.events[k].date.interval.precision, lane.events[k].date.relation)
             for k in drawn}
    dots = [k for k in drawn if kinds[k].kind == "point"]
    n_of = {k: (sources(lane.events[k]) if sources is not None else 1) for k in drawn}
    point_y = _stack_points([tm.x(sum(span(lane.events[k])) / 2) for k in dots],
                            [r + float(source_growth(n_of[k])) / 2 for k in dots], mid, height)
    point_y = dict(zip(dots, point_y))
    for k in drawn:
        event, color = lane.events[k], lane.colors[k]
        s0, s1 = span(event)
        style = kinds[k]
        styles.add((event.date.interval.precision if style.kind == "bar" else "day", event.date.relation))
        xa, xb = tm.x(s0), tm.x(s1)
        n = n_of[k]
        grow = float(source_growth(n)) / 2 if style.kind == "point" else 0.0
        mark_y = point_y.get(k, mid)
        if style.kind == "point":
            points.append((tm.x((s0 + s1) / 2), mark_y, color, style, r + grow))
            mark_x = points[-1][0]
        else:
            bars.append((xa, xb, color, style))
            mark_x = xb
        if n >= 2:
            badges.append((mark_x + (r + grow) * 0.7 if style.kind == "point" else mark_x,
                           mark_y - (r + grow) * 0.7 if style.kind == "point" else mid - bar_h / 2, n))
        label = label_of(event) if label_of is not None else event.label
        more = folded.get(k, 0)
        if k in single:
            # A single-source aggregate is named by its count, as on screen; no "+N" after it.
            label, more = folding.single_text(more + 1, "happenings" if label_of is not None else "events")[0], 0
        if spots is not None and label:
            # A label starts past the mark's right edge; past its badge too, so it never covers the number.
            reach = r + grow if style.kind == "point" else 0.0
            if n >= 2:
                reach = max(reach, (r + grow) * 0.7 + badge_box(n, unit)[1])
            spots.append(MarkSpot(lane_index, mark_x, mark_y, reach, label,
                                  event_rank(event, selected_event, folded.get(k, 0)), event.id, more))
        rep = _report_seconds(event)
        if rep is not None and not (s0 <= rep < s1):
            reports.append((mark_x, mark_y, tm.x(rep)))
    for (xa, xb, color, style), bar_y, h in _stack_bars(bars, mid, bar_h, height, unit):
        draw_bar(group, xa, xb, bar_y, h, color, style)
    if reports:
        styles.add(("report", "report"))
        ry = top + height - max(2.0, height * 0.12)
        size = max(3.0, min(height * 0.16, unit * 0.38))
        for mark_x, mark_y, rx in reports:
            if abs(rx - mark_x) > size:
                group.add(Line(mark_x, mark_y, rx, ry - size, Stroke(palette.REPORT_LINK, 0.8)))
            group.add(Polygon([(rx - size, ry - size * 1.6), (rx + size, ry - size * 1.6), (rx, ry)],
                              fill=palette.REPORT_MARKER, stroke=Stroke(palette.FOREGROUND, 0.5)))
    # Points of one day share a spot: bigger dots first and the best-sourced badge last, so the
    # best-reported happening's number is the one left readable on top.
    for x, y, color, style, radius in sorted(points, key=lambda p: -p[4]):
        draw_point(group, x, y, radius, color, style)
    for x, y, n in sorted(badges, key=lambda b: b[2]):
        draw_badge(group, x, y, n, unit)
    if badges:
        styles.add(("badge", "badge"))       # the legend says what the numbers are
    return group, styles


def _context_lines(group: Group, lines: list, tm: TimeMap, bottom: float, height: float, unit: float) -> None:
    """Context spans ``(xa, xb, colour)`` as the screen draws them: a thin translucent line near the lane's
    lower edge (a few lines upwards when there are several), a short tick where one ends inside the plot
    and an outward arrow head where it goes on past the plot's edge."""
    if not lines:
        return
    h = max(1.2, unit * 0.16)
    pitch = h * 2.4
    tip = max(2.5, unit * 0.3)
    rows = max(1, min(3, int(height * 0.3 // pitch)))
    for i, (xa, xb, color) in enumerate(sorted(lines, key=lambda l: (l[0], -l[1]))):
        y = bottom - height * 0.05 - h / 2 - (i % rows) * pitch
        a, b = max(xa, tm.x0), min(xb, tm.x1)
        group.add(Rect(a, y - h / 2, b - a, h, fill=color, fill_alpha=0.55))
        stroke = Stroke(color, 1.2)
        for x, cut, sign in ((a, xa < tm.x0, 1), (b, xb > tm.x1, -1)):
            if cut:
                group.add(Polyline([(x + sign * tip, y - tip), (x, y), (x + sign * tip, y + tip)], stroke))
            else:
                group.add(Line(x, y - tip, x, y + tip, stroke))


def _stack_points(xs: list, radii: list, mid: float, height: float) -> list:
    """The y of each point: its lane's centre line, or a sub-row when its dot would overlap another's.

    Dots chained by overlaps form a cluster; within it greedy first fit in order of x takes as few rows
    as the deepest overlap needs (at most what the lane's height holds, then the row that frees first),
    centred on the lane, so a lone dot keeps the centre line (the screen's packing, in figure units)."""
    n = len(xs)
    if n < 2:
        return [mid] * n
    order = sorted(range(n), key=lambda i: xs[i])
    pitch_full = 2 * max(radii) + 2
    max_rows = max(1, int(height * 0.8 // pitch_full))
    out = [mid] * n
    cluster: list = []
    reach = float("-inf")

    def place(members: list) -> None:
        ends: list = []
        rows = {}
        for i in members:
            left, right = xs[i] - radii[i] - 1, xs[i] + radii[i] + 1
            row = next((k for k, end in enumerate(ends) if end <= left), None)
            if row is None and len(ends) < max_rows:
                ends.append(right)
                row = len(ends) - 1
            elif row is None:
                row = min(range(len(ends)), key=lambda k: ends[k])
            ends[row] = max(ends[row], right)
            rows[i] = row
        used = len(ends)
        pitch = min(pitch_full, height * 0.8 / used)
        for i, row in rows.items():
            out[i] = mid + (row - (used - 1) / 2) * pitch

    for i in order:
        left = xs[i] - radii[i] - 1
        if cluster and left >= reach:
            place(cluster)
            cluster = []
        cluster.append(i)
        reach = max(reach, xs[i] + radii[i] + 1) if len(cluster) > 1 else xs[i] + radii[i] + 1
    place(cluster)
    return out


def badge_box(count: int, unit: float) -> tuple[float, float, float]:
    """(text size, width, height) of the source badge for ``count``."""
    size = max(MIN_TEXT, round(unit * 0.6))
    h = size * 1.25
    return size, max(h, len(badge_text(count)) * size * 0.62 + size * 0.6), h  # digits are ~0.6 em wide


def draw_badge(group: Group, x: float, y: float, count: int, unit: float) -> None:
    """A dark pill with the number of independent sources, its left-centre at (x, y) (the screen's badge)."""
    size, w, h = badge_box(count, unit)
    text = badge_text(count)
    group.add(Rect(x, y - h / 2, w, h, fill=palette.FOREGROUND, stroke=Stroke(palette.BACKGROUND, 0.8)))
    group.add(Text(x + w / 2, y + size * 0.36, text, size, palette.BACKGROUND, anchor="middle", bold=True,
                   role="badge"))


def _stack_bars(bars, mid: float, bar_h: float, height: float, unit: float):
    """Overlapping spans in one lane go on up to three thinner sub-rows instead of hiding each other.

    Greedy first fit by left edge; when every sub-row is taken the span joins
    the one that frees up first. Within a sub-row, wider spans are drawn first.
    """
    if not bars:
        return []
    max_rows = max(1, min(3, int(height * 0.75 // max(4.0, unit * 0.55))))
    rows: list[list] = []
    ends: list[float] = []
    for bar in sorted(bars, key=lambda b: (b[0], -b[1])):
        xa, xb = bar[0], max(bar[1], bar[0] + 2.0)
        row = next((i for i, end in enumerate(ends) if end + 1.0 <= xa), None)
        if row is None and len(rows) < max_rows:
            rows.append([])
            ends.append(float("-inf"))
            row = len(rows) - 1
        elif row is None:
            row = min(range(len(rows)), key=lambda i: ends[i])
        rows[row].append(bar)
        ends[row] = max(ends[row], xb)
    n = len(rows)
    gap = 1.5 if n > 1 else 0.0
    h = min(bar_h, (height * 0.75 - gap * (n - 1)) / n)
    top = mid - (n * h + (n - 1) * gap) / 2
    out = []
    for r, row in enumerate(rows):
        for bar in sorted(row, key=lambda b: -(b[1] - b[0])):
            out.append((bar, top + r * (h + gap), h))
    return out


def draw_bar(group: Group, xa: float, xb: float, y: float, h: float, color: str, style) -> None:
    if xb - xa < 2.0:  # keep a vague date visible even when zoomed far out
        c = (xa + xb) / 2
        xa, xb = c - 1.0, c + 1.0
    if style.fade is not None:
        draw_open_span(group, xa, xb, y, h, color, style)
        return
    group.add(Rect(xa, y, xb - xa, h, fill=color, fill_alpha=style.fill_alpha,
                   hatch=style.hatch, hatch_color=color))
    stroke = Stroke(color, 1.2, dash=DASH if style.dash else None)
    if style.open_start:
        # Open on the left: the event happened at or before the right end, start unknown.
        group.add(Polyline([(xa, y), (xb, y), (xb, y + h), (xa, y + h)], stroke))
    else:
        group.add(Rect(xa, y, xb - xa, h, stroke=stroke))


def fade_length(h: float) -> float:
    """How far an open side fades out, for a bar ``h`` high (the screen uses the same proportion)."""
    return max(8.0, h * 2.0)


def draw_open_span(group: Group, xa: float, xb: float, y: float, h: float, color: str, style) -> None:
    """"since 1985" (``style.fade == "end"``) or "until Friday" ("start"): the known part as a bar
    closed on its known side, the open side fading out in steps and ending in an arrow head."""
    steps, length = palette.FADE_STEPS, fade_length(h)
    step = length / steps
    group.add(Rect(xa, y, xb - xa, h, fill=color, fill_alpha=style.fill_alpha))
    ahead = style.fade == "end"
    for k in range(steps):
        alpha = style.fill_alpha * (steps - k) / (steps + 1)
        x = xb + k * step if ahead else xa - (k + 1) * step
        group.add(Rect(x, y, step, h, fill=color, fill_alpha=alpha))
    stroke = Stroke(color, 1.2)
    bound = xa if ahead else xb
    group.add(Line(bound, y, bound, y + h, Stroke(color, 2.0)))
    tip = xb + length if ahead else xa - length
    back = tip - h * 0.6 if ahead else tip + h * 0.6
    group.add(Polyline([(back, y - h * 0.1), (tip, y + h / 2), (back, y + h * 1.1)], stroke))


def draw_point(group: Group, x: float, y: float, r: float, color: str, style) -> None:
    if style.open_start:
        # Hollow dot with a leftward arrow: "on or before this day".
        tail = x - r - r * 2.6
        group.add(Line(tail, y, x - r, y, Stroke(color, 1.4)))
        group.add(Polyline([(tail + r * 0.9, y - r * 0.8), (tail, y), (tail + r * 0.9, y + r * 0.8)],
                           Stroke(color, 1.4)))
        group.add(Circle(x, y, r, fill=palette.BACKGROUND, stroke=Stroke(color, 1.8)))
    else:
        group.add(Circle(x, y, r, fill=color, stroke=Stroke(palette.BACKGROUND, 0.8)))


# -- density -----------------------------------------------------------------
LEVELS = 8


def density_counts(lane: Lane, tm: TimeMap, bin_px: float, span: Span = _span) -> np.ndarray:
    """Per-bin event weight of one lane (see ``bin_weights``), bins ``bin_px`` wide."""
    nbins = max(1, int((tm.x1 - tm.x0) / bin_px))
    bounds = np.array([span(e) for e in lane.events], dtype=float).reshape(-1, 2)
    return bin_weights(bounds[:, 0], bounds[:, 1], tm.t0, tm.t1, nbins)


def density_marks(lane: Lane, tm: TimeMap, top: float, height: float, counts: np.ndarray,
                  peak: float) -> Group:
    """The lane's binned counts as shaded bars, shaded against ``peak`` (the figure's busiest bin).

    One scale for every lane, so a darker bar means more events wherever it
    is; log shading keeps a few events visible next to a burst of thousands.
    Adjacent bins with the same shade merge into one rectangle, which keeps
    the SVG small.
    """
    group = Group(name="density")
    nbins = counts.size
    if peak <= 0 or nbins == 0:
        return group
    shade = np.log1p(counts) / np.log1p(peak)
    level = np.where(counts > 0, np.clip(np.ceil(shade * LEVELS), 1, LEVELS), 0).astype(int)
    width = (tm.x1 - tm.x0) / nbins
    y, h = top + height * 0.15, height * 0.7
    i = 0
    while i < nbins:
        lv = level[i]
        j = i + 1
        while j < nbins and level[j] == lv:
            j += 1
        if lv:
            group.add(Rect(tm.x0 + i * width, y, (j - i) * width, h, fill=lane.color,
                           fill_alpha=0.12 + 0.88 * lv / LEVELS))
        i = j
    return group


def bin_weights(starts: np.ndarray, ends: np.ndarray, t0: float, t1: float, nbins: int) -> np.ndarray:
    """Per-bin sum of each interval's weight of one, spread evenly over the bins it covers."""
    span = (t1 - t0) / nbins
    a = np.floor((starts - t0) / span)
    b = np.ceil((ends - t0) / span)          # exclusive
    b = np.maximum(b, a + 1)
    visible = (b > 0) & (a < nbins)
    a, b = a[visible], b[visible]
    weight = 1.0 / (b - a)
    a = np.clip(a, 0, nbins).astype(int)
    b = np.clip(b, 0, nbins).astype(int)
    diff = np.zeros(nbins + 1)
    np.add.at(diff, a, weight)
    np.add.at(diff, b, -weight)
    return np.cumsum(diff[:-1])
