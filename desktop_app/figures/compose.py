"""Compose one figure from a corpus and a ``FigureSpec``: banner, title, panels, legend, footnote.

The result is a ``Scene`` that either backend can draw. Text sizes follow the
figure's size (a base unit of about 1/70 of its shorter side) so a slide and
an A4 page both read at arm's length.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from desktop_app.core import palette, timeaxis
import numpy as np

from desktop_app.core.model import PRECISIONS, Corpus
from desktop_app.core.store import times
from desktop_app.core.tasks import TaskState, report
from desktop_app.core.tie_happenings import current_happenings
from desktop_app.figures import decorations
from desktop_app.figures.metrics import TextMeasure
from desktop_app.figures.network_figure import build_network
from desktop_app.figures.scene import Group, Line, Scene, Stroke
from desktop_app.figures.spec import FigureSpec
from desktop_app.figures.subset import select
from desktop_app.figures.timeline_figure import build_timeline, first_seen


@dataclass(slots=True)
class FigureInfo:
    """What went into a figure, for the dialog's status line and for tests."""

    events: int = 0            # events with a mark on the figure (timeline) or a tie (network)
    dense: bool = False        # the timeline was drawn as density
    nodes: int = 0
    labelled_nodes: int = 0
    event_labels: int = 0      # timeline marks with a label beside them
    messages: list[str] = field(default_factory=list)


def base_unit(width: float, height: float) -> float:
    return float(max(10, min(22, round(min(width, height) / 70))))


def _subtitle(corpus: Corpus, spec: FigureSpec, time_range) -> str:
    names = {a.id: a.name for a in corpus.actors}
    parts = []
    if spec.actors:
        chosen = sorted(names.get(a, a) for a in spec.actors)
        joiner = " and " if spec.mode == "all" and len(chosen) > 1 else ", "
        lead = "Events involving all of: " if spec.mode == "all" and len(chosen) > 1 else "Events involving: "
        parts.append(lead + joiner.join(chosen))
    rng = spec.window
    if rng is not None:
        # The CLI opens a one-sided window with the calendar's ends; say "from"/"until" then.
        lo = None if rng[0].year <= 1 else _day(rng[0])
        hi = None if rng[1].year >= 9999 else _day(rng[1])
        if lo and hi:
            parts.append(f"filtered to {lo} – {hi}")
        elif lo or hi:
            parts.append(f"filtered to events from {lo}" if lo else f"filtered to events until {hi}")
    if time_range is not None and spec.view != "network":
        parts.append(f"shown {_day(time_range[0])} – {_day(time_range[1])}")
    return " · ".join(parts)


def _day(d) -> str:
    return f"{d.day} {timeaxis._MONTHS[d.month - 1]} {d.year}"


def compose(corpus: Corpus, spec: FigureSpec, measure: Optional[TextMeasure] = None,
            task: Optional[TaskState] = None) -> tuple[Scene, FigureInfo]:
    spec = spec.validated()
    measure = measure or TextMeasure()
    info = FigureInfo()
    W, H = spec.width, spec.height
    unit = base_unit(W, H)
    margin = round(unit * 1.3)
    scene = Scene(W, H, palette.BACKGROUND, physical_size=spec.physical_size, title=spec.title)
    report(task, 0.05, "filtering events")
    subset = select(corpus, spec.actors, spec.mode, spec.window)

    top, bottom = 0.0, H
    frame = Group(name="frame")
    if spec.banner:
        top += decorations.banner(frame, spec.banner, 0, 0, W, unit, measure)
        bh = decorations.banner(Group(), spec.banner, 0, 0, W, unit, measure)
        decorations.banner(frame, spec.banner, 0, H - bh, W, unit, measure)
        bottom -= bh
    top += margin * 0.8
    bottom -= margin * 0.6
    inner_w = W - 2 * margin

    subtitle_range = spec.time_range if spec.view != "network" else None
    top += decorations.title_block(frame, spec.title, _subtitle(corpus, spec, subtitle_range),
                                   margin, top, inner_w, unit, measure)

    # Room for legend and footnote is reserved from what the filters let
    # through (a superset of what the panels will draw), so the panels are
    # built once; the legend and footnote then describe only what was drawn.
    happenings = _happenings(corpus, subset, spec) if spec.view != "network" else None
    est_types, est_styles, est_peak = _estimate_legend(subset, spec, happenings)
    foot_h = (decorations.footnote(Group(), decorations.sources_text_rows(corpus, subset.store, subset.rows),
                                   margin, 0, inner_w, unit, measure, draw=False)
              if spec.footnote else 0.0)
    network = spec.view != "timeline"
    ties_by = "happenings" if network and current_happenings(corpus, len(subset.store)) is not None else "events"
    legend_h = (decorations.legend(Group(), margin, 0, inner_w, unit, measure, est_types, est_styles, est_peak,
                                   network, ties_by) if spec.legend else 0.0)
    gaps = (unit * 0.8 if foot_h else 0) + (unit * 0.9 if legend_h else 0)
    panel_bottom = bottom - foot_h - legend_h - gaps
    panels, results = _panels(corpus, subset, spec, margin, top, inner_w, panel_bottom - top,
                              unit, measure, task, happenings)
    tl, nw = results

    drawn = []
    actor_types = set()
    styles, peak = set(), 0.0
    for r in results:
        if r is None:
            continue
        drawn.append(r.rows)
        actor_types |= r.actor_types
    drawn_rows = first_seen(np.concatenate(drawn)) if drawn else np.zeros(0, dtype=np.int64)
    if tl is not None:
        styles, peak = tl.styles, tl.density_peak
        info.dense = peak > 0
        info.messages += [tl.message] if tl.message else []
        info.event_labels = tl.labelled
        outside = [f"{n:,} {w}" for n, w in ((tl.before, "earlier"), (tl.after, "later")) if n]
        if outside:
            info.messages.append(" and ".join(outside) + " event" + ("s" if tl.before + tl.after > 1 else "")
                                 + " outside the time range, flagged at its edge")
    if nw is not None:
        info.nodes, info.labelled_nodes = nw.nodes, nw.labelled
        info.messages += [nw.message] if nw.message else []
    info.events = len(drawn_rows)
    foot_text = decorations.sources_text_rows(corpus, subset.store, drawn_rows) if spec.footnote else ""

    report(task, 0.85, "adding legend and sources")
    y = panel_bottom
    if legend_h:
        y += unit * 0.9
        frame.add(Line(margin, y - unit * 0.45, W - margin, y - unit * 0.45, Stroke(palette.GRID, 1.0)))
        y += decorations.legend(frame, margin, y, inner_w, unit, measure, actor_types, styles, peak,
                                network and nw is not None and nw.nodes > 0,
                                "happenings" if nw is not None and nw.by_happenings else "events")
    if foot_h and foot_text:
        y += unit * 0.8
        decorations.footnote(frame, foot_text, margin, y, inner_w, unit, measure)

    scene.add(panels)
    scene.add(frame)
    report(task, 0.9, "figure composed")
    return scene, info


def _estimate_legend(subset, spec: FigureSpec, happenings=None):
    types = {subset.actors[a].type for a in subset.actor_ids if a in subset.actors}
    c, codes, rows = subset.store.c, subset.store.codes, subset.dated_rows
    relations = codes["relation"].values
    # One small int per (precision, relation) pair: a unique over 1M rows without a 2-column copy.
    pair = c["date_prec"][rows].astype(np.int32) * 256 + c["date_rel"][rows].astype(np.int32)
    styles = {(PRECISIONS[k // 256], relations[k % 256]) for k in np.unique(pair).tolist()}
    if len(rows) and bool((c["report_start"][rows] != times.NONE).any()):
        styles.add(("report", "report"))
    marks = int(np.maximum(c["actor_ptr"][rows + 1] - c["actor_ptr"][rows], 1).sum())
    peak = float(max(marks, 1)) if spec.view != "network" and marks > spec.density_threshold else 0.0
    if happenings is not None and len(rows) and bool((happenings.sources[happenings.of_event[rows]] >= 2).any()):
        styles.add(("badge", "badge"))       # a happening told by two sources or more may be numbered
    if spec.view == "network":
        styles = set()
    return types, styles, peak


def _happenings(corpus, subset, spec: FigureSpec):
    """The corpus's happenings over the figure's rows when the timeline is grouped (the screen's default),
    else None: one mark per report, as the screen's "Reports: expanded"."""
    if not spec.grouped:
        return None
    from desktop_app.core.happenings.heads import happening_marks
    return happening_marks(corpus, subset.store)


def _lane_ids(spec: FigureSpec):
    return list(spec.lane_ids) if spec.lane_ids is not None else None


def _panels(corpus, subset, spec: FigureSpec, x, y, w, h, unit, measure, task, happenings=None):
    group = Group(name="panels")
    h = max(h, unit * 4)
    tl = nw = None
    if spec.view == "both":
        gap = unit * 2.0
        tw = (w - gap) * 0.6
        tl = build_timeline(subset, (x, y, tw, h), unit, measure, time_range=spec.time_range,
                            lanes=spec.lanes, max_lanes=spec.max_lanes,
                            density_threshold=spec.density_threshold, scale_bar=spec.scale_bar,
                            window=spec.window, lane_ids=_lane_ids(spec), event_labels=spec.event_labels,
                            selected_event=spec.event or "", happenings=happenings, fold=spec.fold,
                            key_events=spec.key_events, fold_px=spec.fold_px,
                            task=task)
        group.add(tl.group)
        sep = x + tw + gap / 2
        group.add(Line(sep, y, sep, y + h, Stroke(palette.GRID_MAJOR, 1.0)))
        nw = build_network(subset, (x + tw + gap, y, w - tw - gap, h), unit, measure, corpus,
                           view_box=spec.view_box, seed=spec.layout_seed, fresh=spec.network_layout == "subset",
                           top=spec.network_top, task=task)
        group.add(nw.group)
    elif spec.view == "timeline":
        tl = build_timeline(subset, (x, y, w, h), unit, measure, time_range=spec.time_range,
                            lanes=spec.lanes, max_lanes=spec.max_lanes,
                            density_threshold=spec.density_threshold, scale_bar=spec.scale_bar,
                            window=spec.window, lane_ids=_lane_ids(spec), event_labels=spec.event_labels,
                            selected_event=spec.event or "", happenings=happenings, fold=spec.fold,
                            key_events=spec.key_events, fold_px=spec.fold_px,
                            task=task)
        group.add(tl.group)
    else:
        nw = build_network(subset, (x, y, w, h), unit, measure, corpus,
                           view_box=spec.view_box, seed=spec.layout_seed, fresh=spec.network_layout == "subset",
                           top=spec.network_top, task=task)
        group.add(nw.group)
    return group, (tl, nw)
