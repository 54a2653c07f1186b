"""The timeline panel of a figure: lanes with labels, marks, a time axis and a scale bar.

``build_timeline`` lays the panel out inside a given rectangle and returns
what it drew, so the composer can add a legend and footnote that describe
exactly the marks on the page.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Optional

from desktop_app.core import folding, palette, timeaxis
from desktop_app.core.extent import padded, robust_extent
import numpy as np

from desktop_app.core.model import PRECISIONS, Event
from desktop_app.core.tasks import TaskState, report
from desktop_app.figures import lanes as lanes_mod
from desktop_app.figures.metrics import TextMeasure
from desktop_app.figures.scene import MIN_TEXT, Group, Line, Rect, Stroke, Text
from desktop_app.figures.subset import Subset
from desktop_app.figures.timeline_marks import Folding, TimeMap, bin_weights, density_marks, lane_marks
from desktop_app.figures import event_labels as event_label_layout
from desktop_app.figures import glyphs


# The screen's timeline labels are about this many pixels high; a figure folds marks by the screen's
# pixel rule scaled from that to its own label size.
SCREEN_LABEL_PX = 12.0


@dataclass(slots=True)
class TimelineResult:
    group: Group
    rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # store rows with a mark
    styles: set = field(default_factory=set)            # (precision, relation) pairs drawn
    actor_types: set = field(default_factory=set)
    density_peak: float = 0.0                           # > 0 when drawn as density
    time_range: Optional[tuple[datetime, datetime]] = None
    message: str = ""                                   # why the panel is empty, if it is
    labelled: int = 0                                   # events with a label beside their mark
    before: int = 0                                     # filtered events entirely before the range
    after: int = 0                                      # ... and after it


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
    """The span of ``rows`` where the events are, with a margin (``robust_extent_of_rows`` without the counts)."""
    found = robust_extent_of_rows(subset, rows)
    return None if found is None else found[0]


def robust_extent_of_rows(subset: Subset, rows) -> Optional[tuple[tuple[datetime, datetime], int, int]]:
    """(range, events left out before it, after it) for ``rows``, with a margin.

    The range is ``core.extent.robust_extent`` of the events (the timeline's
    own rule), so one misdated event in the 11th century, or one 1998 event
    among eleven of August 1990, does not stretch the axis; the events left
    out are counted so the figure can flag them at its edge.  Decade-or-coarser
    dates count only when nothing finer is there; a report date inside the
    core range widens it (the report marker must be on the page), one outside
    does not.
    """
    rows = np.asarray(rows, dtype=np.int64)
    if len(rows) == 0:
        return None
    vague = np.isin(subset.store.c["date_prec"][rows], _VAGUE_CODES)
    focus = rows[~vague] if not vague.all() else rows
    s0, s1 = subset.start[focus], subset.end[focus]
    found = robust_extent(s0, s1)
    if found is None:
        return None
    lo, hi = found.lo, found.hi
    r0, r1 = subset.store.seconds("report")
    r0, r1 = r0[focus], r1[focus]
    near = np.isfinite(r0) & (r1 >= lo - (hi - lo) * 0.1) & (r0 <= hi + (hi - lo) * 0.1)
    if near.any():
        lo, hi = min(lo, float(r0[near].min())), max(hi, float(r1[near].max()))
    lo, hi = padded(lo, hi, 0.04, timeaxis.DAY)
    return (timeaxis.from_seconds(lo), timeaxis.from_seconds(hi)), found.before, found.after


def _clip(rng, window):
    """The extent, cut to the filter window: a windowed figure shows the window, not spans running past it."""
    if rng is None or window is None:
        return rng
    lo, hi = max(rng[0], window[0]), min(rng[1], window[1])
    return (lo, hi) if lo < hi else rng


def build_timeline(subset: Subset, box: tuple[float, float, float, float], unit: float,
                   measure: TextMeasure, *, time_range=None, lanes: str = "actors",
                   max_lanes: Optional[int] = None, density_threshold: int = 5000,
                   scale_bar: bool = True, window=None, lane_ids: Optional[list[str]] = None,
                   event_labels: bool = True, selected_event: str = "", happenings=None,
                   fold: Optional[str] = None, key_events=(), fold_px: Optional[float] = None,
                   task: Optional[TaskState] = None) -> TimelineResult:
    """The timeline panel in ``box``.

    Lanes follow the screen's rule: ``lane_ids`` when given (the lanes the
    screen shows), else with a selection one lane per selected actor, else
    the busiest actors up to what fits.  The time range is ``time_range``,
    else where the events are (``robust_extent_of_rows``); events outside it
    are counted at the plot's edges, never silently dropped.

    ``happenings`` (``core.happenings.heads.HappeningMarks`` over the store's
    rows): draw as the screen's grouped timeline -- one mark per happening
    one of whose reports passes the filters, at the head's date, its dot grown
    and numbered by its independent sources.

    ``fold``: the level of detail (``core.folding``): "N lines" folds a lane's
    points whose labels would crowd a label's room past N marks into one mark
    labelled "+N" (the screen's own fold, ``folding.fold_text``); "" folds
    nothing; None (or a legacy calendar unit) folds at the figure's own scale and
    its own lanes' text lines, by the screen's rule.
    ``key_events``: event ids of the key events (the screen's Key events panel):
    each stands for its aggregate first, as on screen.  ``fold_px``: the screen's
    seconds per pixel (a current-view figure): marks are measured in the screen's
    pixels, so the same points and spans fold into one mark as they do there.
    """
    x, y, w, h = box
    dated = subset.dated_rows
    sources_of = label_of = None
    if happenings is not None:
        # A happening is drawn when any of its reports passes the filters (the screen's rule: an
        # actor selection shows a happening in the lane of any report that names the actor), at its
        # head report's date, even when the head itself names someone else.
        heads = np.unique(happenings.head[happenings.of_event[dated]]) if len(dated) else dated
        heads = heads[~np.isnan(subset.start[heads])]
        dated = heads[np.argsort(subset.start[heads], kind="stable")]
        row_sources = happenings.sources[happenings.of_event]
        find = subset.store.index_of

        def sources_of(event: Event) -> int:
            return int(row_sources[find(event.id)])

        def label_of(event: Event) -> str:
            # The happening's own label, as the screen's grouped marks carry (not its head report's).
            return " ".join(happenings.label(int(happenings.of_event[find(event.id)])).split()) or event.label
    group = Group(name="timeline")
    result = TimelineResult(group)
    rng = time_range
    if rng is None:
        found = robust_extent_of_rows(subset, dated)
        rng = _clip(found[0], window) if found is not None else None
    if rng is None:
        result.message = "No dated events pass the current filters."
        _empty(group, box, unit, result.message)
        return result
    t0, t1 = timeaxis.to_seconds(rng[0]), timeaxis.to_seconds(rng[1])
    result.time_range = rng
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
        only = list(lane_ids) if lane_ids is not None else _selected_lanes(subset, visible)
        if only is not None and len(only) > cap:
            only = only[:max(1, cap - 1)]        # the rest go to "other actors", as when no lane was named
        pairs = None
        if happenings is not None:
            reports = subset.dated_rows
            pairs = lanes_mod.happening_pairs(subset.store, visible, reports,
                                              happenings.head[happenings.of_event[reports]])
        lane_list = lanes_mod.row_lanes(subset.store, visible, subset.start, subset.actors, subset.selected, cap,
                                        only=only, pairs=pairs)
    if not lane_list:
        result.message = "No events fall inside this time range."
        lane_list = []

    label_w = _label_width(lane_list, measure, unit, w)
    px0, px1 = x + label_w, x + w - max(unit, measure.width("0000", small) / 2)
    # A few lanes may grow taller, so their events' labels can stack beside the marks.
    tallest = unit * (4.0 if len(lane_list) > 4 or not event_labels else 24.0)
    lane_h = min((h - axis_h) / max(1, len(lane_list)), tallest)
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
    spots: Optional[list] = [] if event_labels and not dense else None
    folding = None if dense else _folding(subset, tm, unit, fold, selected_event, happenings, key_events, fold_px,
                                          lane_h, measure)
    for i, lane in enumerate(lane_list):
        report(task, 0.2 + 0.6 * i / max(1, len(lane_list)), "drawing the timeline")
        top = y + i * lane_h
        if dense:
            g = density_marks(lane, tm, top, lane_h, counts[i], result.density_peak)
        else:
            g, styles = lane_marks(lane, tm, top, lane_h, unit, subset.span, spots, i, selected_event, sources_of,
                                   folding, label_of)
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
    flags = _outlier_flags(group, subset, dated, t0, t1, px0, px1, y, small, measure, result)
    if spots:
        inside = [s for s in spots if px0 <= s.x <= px1]
        result.labelled = len(event_label_layout.place(marks, inside, y, lane_h, len(lane_list), px0, px1,
                                                       unit, measure, blocked=flags,
                                                       selected_event=selected_event))

    _axis(group, tm, lanes_bottom, small, measure)
    if scale_bar:
        _scale_bar(group, tm, lanes_bottom + small * 3.4, small, measure)
    if result.message:
        _empty(group, (px0, y, px1 - px0, h - axis_h), unit, result.message)
    return result


def _folding(subset: Subset, tm: TimeMap, unit: float, fold: Optional[str], selected_event: str, happenings,
             key_events=(), fold_px: Optional[float] = None, lane_h: float = 0.0,
             measure: Optional[TextMeasure] = None) -> Optional[Folding]:
    """How this figure folds marks (``timeline_marks.Folding``), or None when it shows every one."""
    # The screen's rule in text heights: its labels are about SCREEN_LABEL_PX high, so a figure unit is
    # 1/em screen pixels.
    label_size = max(MIN_TEXT, round(unit * 0.72))
    em = label_size / SCREEN_LABEL_PX
    own_px = (tm.t1 - tm.t0) / max(1.0, tm.x1 - tm.x0) * em      # seconds per screen pixel, at this scale
    lines = folding.fold_lines(fold)
    if lines is None:
        # The figure's own scale and its own lanes: text rows as ``event_labels.place`` cuts them.
        if not folding.folds_at(own_px):
            return None
        lines = folding.label_lines(lane_h, max(MIN_TEXT, round(unit * 0.72)) * event_label_layout.ROW_LINE)
    if not lines:
        return None
    # Marks are measured in the screen's pixels (a current-view figure), else in this figure's own.
    seconds_per_px = fold_px if fold_px else own_px
    # A label's room: the screen's (its label font's, as the fold text carries it), else this figure's label
    # font's in the same screen pixels.
    room = folding.fold_room(fold) if fold_px else None
    if room is None:
        measure = measure or TextMeasure()
        room = folding.label_room(measure.char_width(label_size) / em)
    alone = selected_event
    if happenings is not None and selected_event:
        # Grouped, the selected report's happening is what is selected: its mark stays on its own.
        row = subset.store.index_of(selected_event)
        if row is not None:
            alone = str(subset.store.ids[int(happenings.head[happenings.of_event[row]])])

    key = set(key_events or ())
    find = subset.store.index_of
    if happenings is not None:
        # A happening's rank over all its reports, the screen's own rule (``HappeningMarks.fold_rank``); a
        # key event (the Key events panel's top N on screen) stands for its aggregate first, as on screen.
        ranks = happenings.fold_rank(subset.store)
        key_h = {int(happenings.of_event[r]) for r in (find(e) for e in key) if r is not None}

        def rank(event: Event) -> float:
            h = int(happenings.of_event[find(event.id)])
            return float(ranks[h]) + (folding.KEY_BOOST if h in key_h else 0.0)
        return Folding(lines, rank, alone, seconds_per_px, room)

    def rank(event: Event) -> float:
        return float(folding.salience(None, np.array([len(set(event.actor_ids()))]),
                                      np.array([event.report is not None]))[0]) + (folding.KEY_BOOST if event.id in key else 0.0)
    return Folding(lines, rank, alone, seconds_per_px, room)


def _selected_lanes(subset: Subset, visible: np.ndarray) -> Optional[list[str]]:
    """With a selection, the screen's lanes: the selected actors, busiest first (None without one)."""
    if not subset.selected:
        return None
    from desktop_app.figures.lanes import _distinct_pairs

    _, codes = _distinct_pairs(subset.store, visible)
    values = subset.store.codes["actor"].values
    counts: dict[str, int] = {}
    for c, k in zip(*np.unique(codes, return_counts=True)):
        counts[values[int(c)]] = int(k)

    def name(a):
        actor = subset.actors.get(a)
        return actor.name if actor is not None and actor.name else a
    return sorted(subset.selected, key=lambda a: (-counts.get(a, 0), name(a)))


def _outlier_flags(group, subset: Subset, dated: np.ndarray, t0: float, t1: float, px0: float, px1: float,
                   y: float, small: float, measure: TextMeasure, result) -> list:
    """'◂ 1 earlier event' / '2 later events ▸' at the plot's top corners for what the range leaves out.

    Returns the flags' boxes, which event labels keep clear of.
    """
    before = int(np.count_nonzero(subset.end[dated] <= t0))
    after = int(np.count_nonzero(subset.start[dated] >= t1))
    result.before, result.after = before, after
    size = max(MIN_TEXT, round(small * 0.95))
    boxes = []
    for count, word, x, anchor in ((before, "earlier", px0 + 2, "start"), (after, "later", px1 - 2, "end")):
        if not count:
            continue
        text = f"{count:,} {word} event{'s' if count != 1 else ''}"
        text = f"◂ {text}" if word == "earlier" else f"{text} ▸"
        tw = measure.width(text, size)
        left = x if anchor == "start" else x - tw
        group.add(Rect(left - 2, y + 1, tw + 4, size * 1.35, fill=palette.BACKGROUND, fill_alpha=0.85))
        boxes.append((left - 2, y + 1, left + tw + 2, y + 1 + size * 1.35))
        group.add(Text(x, y + 1 + size * 1.05, text, size, palette.MUTED_TEXT, anchor=anchor, role="outliers"))
    return boxes


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
    seconds, label = timeaxis.scale_length(timeaxis.choose_step(tm.t1 - tm.t0, 7))
    length = tm.x(tm.t0 + seconds) - tm.x0
    if length < small or length > (tm.x1 - tm.x0) * 0.5:
        return
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

