"""The timeline panel of a figure: lanes with labels, marks, a time axis and a scale bar.

``build_timeline`` lays the panel out inside a given rectangle and returns
what it drew, so the composer can add a legend and footnote that describe
exactly the marks on the page.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Optional

from desktop_app.core import palette, timeaxis
import numpy as np

from desktop_app.core.model import PRECISIONS, Event
from desktop_app.core.tasks import TaskState, report
from desktop_app.figures import lanes as lanes_mod
from desktop_app.figures.metrics import TextMeasure
from desktop_app.figures.scene import MIN_TEXT, Group, Line, Rect, Stroke, Text
from desktop_app.figures.subset import Subset
from desktop_app.figures.timeline_marks import TimeMap, bin_weights, density_marks, lane_marks
from desktop_app.figures import glyphs


@dataclass(slots=True)
class TimelineResult:
    group: Group
    rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # store rows with a mark
    styles: set = field(default_factory=set)            # (precision, relation) pairs drawn
    actor_types: set = field(default_factory=set)
    density_peak: float = 0.0                           # > 0 when drawn as density
    time_range: Optional[tuple[datetime, datetime]] = None
    message: str = ""                                   # why the panel is empty, if it is


# Spans this vague would stretch a whole-extent figure over decades and squash
# every precise event into a sliver; they are still drawn, running off the edge.
_VAGUE = frozenset(("decade", "century", "millennium"))
_VAGUE_CODES = np.array([PRECISIONS.index(p) for p in sorted(_VAGUE)], dtype=np.int8)


def whole_extent(events: list[Event]) -> Optional[tuple[datetime, datetime]]:
    """The time span of ``events`` (and their report dates) with a margin.

    Decade-or-coarser dates count only when nothing finer is there.
    """
    focus = [e for e in events if e.date.interval.precision not in _VAGUE] or events
    starts = [e.date.interval.start for e in focus]
    ends = [e.date.interval.end for e in focus]
    for e in focus:
        rep = e.report.interval if e.report else None
        if rep is not None:
            starts.append(rep.start)
            ends.append(rep.end)
    if not starts:
        return None
    t0, t1 = timeaxis.to_seconds(min(starts)), timeaxis.to_seconds(max(ends))
    pad = max((t1 - t0) * 0.04, timeaxis.DAY)
    return timeaxis.from_seconds(t0 - pad), timeaxis.from_seconds(t1 + pad)


def extent_of_rows(subset: Subset, rows) -> Optional[tuple[datetime, datetime]]:
    """``whole_extent`` from the columns: the span of ``rows`` and their report dates, with a margin."""
    rows = np.asarray(rows, dtype=np.int64)
    if len(rows) == 0:
        return None
    vague = np.isin(subset.store.c["date_prec"][rows], _VAGUE_CODES)
    focus = rows[~vague] if not vague.all() else rows
    s0, s1 = subset.start[focus], subset.end[focus]
    r0, r1 = subset.store.seconds("report")
    r0, r1 = r0[focus], r1[focus]
    lo = min(float(np.nanmin(s0)), float(np.nanmin(r0))) if np.isfinite(r0).any() else float(np.nanmin(s0))
    hi = max(float(np.nanmax(s1)), float(np.nanmax(r1))) if np.isfinite(r1).any() else float(np.nanmax(s1))
    pad = max((hi - lo) * 0.04, timeaxis.DAY)
    return timeaxis.from_seconds(lo - pad), timeaxis.from_seconds(hi + pad)


def _clip(rng, window):
    """The extent, cut to the filter window: a windowed figure shows the window, not spans running past it."""
    if rng is None or window is None:
        return rng
    lo, hi = max(rng[0], window[0]), min(rng[1], window[1])
    return (lo, hi) if lo < hi else rng


def build_timeline(subset: Subset, box: tuple[float, float, float, float], unit: float,
                   measure: TextMeasure, *, time_range=None, lanes: str = "actors",
                   max_lanes: Optional[int] = None, density_threshold: int = 5000,
                   scale_bar: bool = True, window=None, task: Optional[TaskState] = None) -> TimelineResult:
    x, y, w, h = box
    group = Group(name="timeline")
    result = TimelineResult(group)
    rng = time_range or _clip(extent_of_rows(subset, subset.dated_rows), window)
    if rng is None:
        result.message = "No dated events pass the current filters."
        _empty(group, box, unit, result.message)
        return result
    t0, t1 = timeaxis.to_seconds(rng[0]), timeaxis.to_seconds(rng[1])
    result.time_range = rng
    dated = subset.dated_rows
    visible = dated[(subset.start[dated] < t1) & (subset.end[dated] > t0)]

    small = max(MIN_TEXT, round(unit * 0.85))
    axis_h = small * 3.4 + (small * 1.4 if scale_bar else 0)
    min_lane = max(small * 1.6, unit * 1.5)
    fit = max(1, int((h - axis_h) // min_lane))
    cap = fit if max_lanes is None else max(1, min(fit, max_lanes))
    if lanes == "single":
        # Pack rows at the mark size the page will have; the label column is fixed here.
        plot_w = max(1.0, w - (measure.width("All events", unit) + unit * 2.4) - unit)
        gap = (t1 - t0) * unit * 1.2 / plot_w
        if len(visible) > density_threshold:
            # Packing rows mark by mark is pointless for a density band: one band, all rows.
            band = lanes_mod.Lane(lanes_mod.BAND, "All events", palette.EVENT_DEFAULT, None)
            band.rows = visible
            lane_list = [band]
        else:
            lane_list = lanes_mod.single_band(subset.events_of(visible), subset.actors, gap, cap, subset.span)
    else:
        lane_list = lanes_mod.row_lanes(subset.store, visible, subset.start, subset.actors, subset.selected, cap)
    if not lane_list:
        result.message = "No events fall inside this time range."
        lane_list = []

    label_w = _label_width(lane_list, measure, unit, w)
    px0, px1 = x + label_w, x + w - max(unit, measure.width("0000", small) / 2)
    lane_h = min((h - axis_h) / max(1, len(lane_list)), unit * 4.0)
    tm = TimeMap(t0, t1, px0, px1)
    lanes_bottom = y + lane_h * len(lane_list)

    _stripes_and_labels(group, lane_list, x, y, w, label_w, lane_h, unit, measure, px1)
    _grid(group, tm, y, lanes_bottom, small, measure)

    marks = Group(clip=(px0, y, px1 - px0, max(1.0, lanes_bottom - y)), name="lanes")
    group.add(marks)
    n_marks = sum(len(l) for l in lane_list)
    dense = n_marks > density_threshold
    if not dense:
        for lane in lane_list:
            if lane.rows is not None and not lane.events:
                lanes_mod.materialise(lane, subset.store, subset.actors)
    counts = [_lane_counts(l, tm, subset) for l in lane_list] if dense else []
    if dense:
        result.density_peak = max((float(c.max()) for c in counts if c.size), default=0.0)
    for i, lane in enumerate(lane_list):
        report(task, 0.2 + 0.6 * i / max(1, len(lane_list)), "drawing the timeline")
        top = y + i * lane_h
        if dense:
            g = density_marks(lane, tm, top, lane_h, counts[i], result.density_peak)
        else:
            g, styles = lane_marks(lane, tm, top, lane_h, unit, subset.span)
            result.styles |= styles
        g.name = f"lane {lane.label}"
        marks.add(g)
        if lane.actor_type:
            result.actor_types.add(lane.actor_type)
        elif lane.types:
            result.actor_types |= lane.types
        elif lane.key == lanes_mod.BAND:
            result.actor_types |= _band_types(subset, _lane_rows(lane, subset))
    result.rows = first_seen(np.concatenate([_lane_rows(l, subset) for l in lane_list])
                             if lane_list else np.zeros(0, dtype=np.int64))

    _axis(group, tm, lanes_bottom, small, measure)
    if scale_bar:
        _scale_bar(group, tm, lanes_bottom + small * 3.4, small, measure)
    if result.message:
        _empty(group, (px0, y, px1 - px0, h - axis_h), unit, result.message)
    return result


def _lane_rows(lane, subset: Subset) -> np.ndarray:
    if lane.rows is not None:
        return np.asarray(lane.rows, dtype=np.int64)
    find = subset.store.index_of
    return np.array([find(e.id) for e in lane.events], dtype=np.int64)


def _lane_counts(lane, tm: TimeMap, subset: Subset) -> np.ndarray:
    """The lane's density bins from the columns (``timeline_marks.bin_weights``), 3 px wide."""
    rows = _lane_rows(lane, subset)
    nbins = max(1, int((tm.x1 - tm.x0) / 3.0))
    return bin_weights(subset.start[rows], subset.end[rows], tm.t0, tm.t1, nbins)


def _band_types(subset: Subset, rows: np.ndarray) -> set:
    """Actor types of the events in ``rows``, from the participants' columns."""
    from desktop_app.figures.lanes import _distinct_pairs

    _, codes = _distinct_pairs(subset.store, rows)
    values = subset.store.codes["actor"].values
    ids = (values[c] for c in np.unique(codes).tolist())
    return {subset.actors[a].type for a in ids if a in subset.actors}


def first_seen(rows: np.ndarray) -> np.ndarray:
    """Distinct rows in order of first appearance."""
    _, at = np.unique(rows, return_index=True)
    return rows[np.sort(at)]


def _label_width(lane_list, measure: TextMeasure, unit: float, w: float) -> float:
    widest = max((measure.width(l.label, unit, l.selected) for l in lane_list), default=0.0)
    return min(widest + unit * 2.4, w * 0.26)


def _stripes_and_labels(group, lane_list, x, y, w, label_w, lane_h, unit, measure, px1) -> None:
    labels = Group(name="lane labels")
    size = min(unit, max(MIN_TEXT - 1, round(lane_h * 0.62)))
    for i, lane in enumerate(lane_list):
        top = y + i * lane_h
        if i % 2 == 0 and lane.key != lanes_mod.BAND:   # a packed band is one lane: no stripes
            group.add(Rect(x, top, px1 - x, lane_h, fill=palette.LANE_STRIPE))
        if lane.selected:
            group.add(Rect(x, top, 3.0, lane_h, fill=palette.SELECTION))
        cy = top + lane_h / 2
        gx = x + unit * 0.7
        if lane.actor_type:
            labels.add(glyphs.shape(palette.actor_shape(lane.actor_type), gx, cy, size * 0.42,
                                    lane.color))
        text = measure.elide(lane.label, size, label_w - unit * 1.6, lane.selected)
        if text:
            labels.add(Text(x + unit * 1.4, cy + measure.ascent(size) * 0.36, text, size,
                            palette.FOREGROUND, bold=lane.selected, role="lane"))
    group.add(labels)


def _max_major(tm: TimeMap, small: float, measure: TextMeasure) -> int:
    label_w = measure.width("28 Sep 2007", small)
    return max(2, int((tm.x1 - tm.x0) / (label_w * 1.3)))


def _grid(group, tm: TimeMap, top: float, bottom: float, small: float, measure) -> None:
    grid = Group(name="grid")
    for tick in timeaxis.ticks(tm.t0, tm.t1, _max_major(tm, small, measure)):
        gx = tm.x(tick.seconds)
        major = tick.level == timeaxis.MAJOR
        grid.add(Line(gx, top, gx, bottom, Stroke(palette.GRID_MAJOR if major else palette.GRID,
                                                  0.8 if major else 0.5)))
    group.add(grid)


def _axis(group, tm: TimeMap, y: float, small: float, measure: TextMeasure) -> None:
    axis = Group(name="time axis")
    fg = Stroke(palette.FOREGROUND, 1.0)
    axis.add(Line(tm.x0, y, tm.x1, y, fg))
    max_major = _max_major(tm, small, measure)
    right_edge = tm.x1 + small * 2
    last_end = -1e18
    for tick in timeaxis.ticks(tm.t0, tm.t1, max_major):
        gx = tm.x(tick.seconds)
        if tick.level != timeaxis.MAJOR:
            axis.add(Line(gx, y, gx, y + small * 0.35, Stroke(palette.FOREGROUND, 0.6)))
            continue
        axis.add(Line(gx, y, gx, y + small * 0.7, fg))
        tw = measure.width(tick.label, small)
        lx = min(max(gx, tm.x0 - small + tw / 2), right_edge - tw / 2)
        if lx - tw / 2 < last_end + small * 0.6:
            continue  # never let two labels touch; the tick stays
        last_end = lx + tw / 2
        axis.add(Text(lx, y + small * 1.85, tick.label, small, palette.FOREGROUND,
                      anchor="middle", role="axis"))
    context = timeaxis.context_label(tm.t0, tm.t1, max_major)
    labels = [t.label for t in timeaxis.ticks(tm.t0, tm.t1, max_major) if t.level == timeaxis.MAJOR]
    # A bare-year context ("2006" under a "2007 … Jul … 2008" axis) only repeats
    # the axis and reads as a mislabelled tick; keep it where it adds the month.
    if context and not (context.isdigit() and any(l.isdigit() for l in labels)):
        axis.add(Text(tm.x0, y + small * 3.1, context, small, palette.MUTED_TEXT, role="axis"))
    group.add(axis)


def _scale_bar(group, tm: TimeMap, y: float, small: float, measure: TextMeasure) -> None:
    step = timeaxis.choose_step(tm.t1 - tm.t0, 7)
    length = tm.x(tm.t0 + step.seconds) - tm.x0
    if length < small or length > (tm.x1 - tm.x0) * 0.5:
        return
    label = ("≈ " if step.unit in ("month", "year") and step.count < 10 else "") + step.name
    x1 = tm.x1
    x0 = x1 - length
    bar = Group(name="scale bar")
    s = Stroke(palette.FOREGROUND, 1.4)
    bar.add(Line(x0, y, x1, y, s))
    bar.add(Line(x0, y - small * 0.35, x0, y + small * 0.35, s))
    bar.add(Line(x1, y - small * 0.35, x1, y + small * 0.35, s))
    bar.add(Text(x0 - small * 0.5, y + small * 0.35, label, small, palette.FOREGROUND,
                 anchor="end", role="scale"))
    group.add(bar)


def _empty(group, box, unit, message) -> None:
    x, y, w, h = box
    group.add(Text(x + w / 2, y + h / 2, message, unit, palette.MUTED_TEXT, anchor="middle", role="message"))

