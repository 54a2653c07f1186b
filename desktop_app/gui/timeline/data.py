"""The timeline's numbers: events as numpy arrays, per-actor indexes, lanes and filters.

Kept free of Qt so it can be built on a worker thread and tested alone.  The
view never walks Python ``Event`` objects after this is built: selecting
actors is a few array operations over precomputed per-actor index arrays
(CSR layout), which is what keeps a redraw cheap at a million events.

Every event that can be placed is one row; an event involving k actors adds
k rows to the (event, actor) "pair" arrays, which is what lanes draw.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np

from desktop_app.core import timeaxis
from desktop_app.core.model import ACTOR_TYPES, PRECISIONS, Corpus, Event

POINT_PRECISION_MAX = PRECISIONS.index("day")   # codes <= this are drawn as points
UNKNOWN_PRECISION = len(PRECISIONS)
RELATION_ON = 0
RELATION_ON_OR_BEFORE = 1
OTHER_LANE_LABEL = "other actors"


@dataclass
class TimelineData:
    """Placeable events sorted by start, plus the actors and the events that cannot be placed."""

    start: np.ndarray            # float64 seconds, sorted ascending
    end: np.ndarray              # float64 seconds, exclusive end (== start + 1 day for a day)
    precision: np.ndarray        # int8 index into PRECISIONS, UNKNOWN_PRECISION if missing
    relation: np.ndarray         # int8 RELATION_*
    report: np.ndarray           # float64 seconds of the report date, NaN if none
    ids: list[str]               # event id per row
    actor_ids: list[str]
    actor_names: list[str]
    actor_types: list[str]
    actor_ptr: np.ndarray        # CSR: events of actor a are actor_rows[actor_ptr[a]:actor_ptr[a+1]]
    actor_rows: np.ndarray
    pair_row: np.ndarray         # one entry per (event, actor): row index, sorted by row
    pair_actor: np.ndarray
    events: list[Optional[Event]] = field(default_factory=list)   # row -> Event, when built from a corpus
    unplaced: list[Event] = field(default_factory=list)            # dated in words but not on the line
    max_length: float = 0.0

    def __post_init__(self) -> None:
        self.row_of = {eid: i for i, eid in enumerate(self.ids)}
        self.actor_index = {aid: i for i, aid in enumerate(self.actor_ids)}
        self.activity = np.diff(self.actor_ptr) if len(self.actor_ptr) else np.zeros(0, np.int64)
        self.max_length = float(np.max(self.end - self.start)) if len(self.start) else 0.0
        self.mid = (self.start + self.end) * 0.5

    @property
    def n(self) -> int:
        return len(self.start)

    def extent(self) -> Optional[tuple[float, float]]:
        """The span covering every placed event (and report date), or None when nothing is placed."""
        if not self.n:
            return None
        lo, hi = float(self.start[0]), float(np.max(self.end))
        rep = self.report[~np.isnan(self.report)]
        if len(rep):
            lo, hi = min(lo, float(rep.min())), max(hi, float(rep.max()))
        return lo, hi

    # -- filtering ---------------------------------------------------------
    def rows_for_actors(self, actors: Sequence[int], mode: str = "any") -> np.ndarray:
        """Boolean mask over rows: events with any (or all) of the given actor indexes."""
        mask = np.zeros(self.n, dtype=bool)
        if not len(actors):
            return mask
        if mode == "all" and len(actors) > 1:
            counts = np.zeros(self.n, dtype=np.int32)
            for a in actors:
                counts[self.actor_rows[self.actor_ptr[a]:self.actor_ptr[a + 1]]] += 1
            return counts == len(actors)
        for a in actors:
            mask[self.actor_rows[self.actor_ptr[a]:self.actor_ptr[a + 1]]] = True
        return mask

    def most_active(self, k: int) -> list[int]:
        order = np.argsort(-self.activity, kind="stable")
        return [int(a) for a in order[:k] if self.activity[a] > 0]


@dataclass
class Layout:
    """What one selection shows: lanes and the marks (one per event-in-lane), sorted by start."""

    lane_actors: list[int]        # actor index per lane; -1 for the "other actors" lane
    lane_labels: list[str]
    visible: np.ndarray           # bool mask over rows: events the selection shows
    mark_row: np.ndarray          # row per mark, sorted by start
    mark_lane: np.ndarray         # lane per mark
    compact: bool


def _sorted_marks(data: TimelineData, rows: np.ndarray, lanes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # Rows are already in start order, so a stable sort on row keeps marks sorted by time.
    order = np.argsort(rows, kind="stable")
    return rows[order].astype(np.int64), lanes[order].astype(np.int32)


def layout(data: TimelineData, selected: Sequence[str], mode: str, compact: bool, max_lanes: int) -> Layout:
    """Lanes for the selected actors (or the most active ones) and the marks inside them."""
    chosen = [data.actor_index[a] for a in selected if a in data.actor_index]
    if chosen:
        visible = data.rows_for_actors(chosen, mode)
        lane_actors = sorted(chosen, key=lambda a: (-int(data.activity[a]), data.actor_names[a]))
    else:
        visible = np.ones(data.n, dtype=bool)
        lane_actors = data.most_active(max_lanes)
    if compact:
        rows = np.flatnonzero(visible)
        return Layout([], ["all events"], visible, rows.astype(np.int64), np.zeros(len(rows), np.int32), True)

    lane_of_actor = np.full(len(data.actor_ids) + 1, -1, dtype=np.int32)
    for lane, a in enumerate(lane_actors):
        lane_of_actor[a] = lane
    pair_lane = lane_of_actor[data.pair_actor] if len(data.pair_actor) else np.zeros(0, np.int32)
    keep = (pair_lane >= 0) & visible[data.pair_row] if len(data.pair_row) else np.zeros(0, bool)
    rows, lanes = data.pair_row[keep], pair_lane[keep]
    labels = [data.actor_names[a] for a in lane_actors]
    # Events none of whose actors has a lane still belong on the line: an extra lane keeps them visible.
    placed = np.zeros(data.n, dtype=bool)
    placed[rows] = True
    orphans = np.flatnonzero(visible & ~placed)
    if len(orphans):
        other = len(lane_actors)
        lane_actors = lane_actors + [-1]
        labels.append(OTHER_LANE_LABEL)
        rows = np.concatenate([rows, orphans])
        lanes = np.concatenate([lanes, np.full(len(orphans), other, np.int32)])
    mark_row, mark_lane = _sorted_marks(data, rows, lanes)
    return Layout(lane_actors, labels, visible, mark_row, mark_lane, False)


def in_view(data: TimelineData, marks: Layout, x0: float, x1: float) -> np.ndarray:
    """Indexes into ``marks`` of those overlapping ``[x0, x1]`` (binary search, then one mask)."""
    starts = data.start[marks.mark_row]
    lo = int(np.searchsorted(starts, x0 - data.max_length, side="left"))
    hi = int(np.searchsorted(starts, x1, side="right"))
    idx = np.arange(lo, hi)
    if len(idx):
        idx = idx[data.end[marks.mark_row[lo:hi]] >= x0]
    return idx


def density(data: TimelineData, marks: Layout, idx: np.ndarray, x0: float, x1: float,
            columns: int, lanes: int) -> np.ndarray:
    """Counts per (lane, pixel column) of the marks ``idx``, by each event's midpoint."""
    columns = max(1, int(columns))
    lanes = max(1, int(lanes))
    if not len(idx) or x1 <= x0:
        return np.zeros((lanes, columns), dtype=np.int64)
    rows = marks.mark_row[idx]
    col = ((data.mid[rows] - x0) * (columns / (x1 - x0))).astype(np.int64)
    np.clip(col, 0, columns - 1, out=col)
    flat = marks.mark_lane[idx].astype(np.int64) * columns + col
    return np.bincount(flat, minlength=lanes * columns)[: lanes * columns].reshape(lanes, columns)


def histogram(data: TimelineData, mask: Optional[np.ndarray], edges: np.ndarray) -> np.ndarray:
    mids = data.mid if mask is None else data.mid[mask]
    return np.histogram(mids, bins=edges)[0]


def histogram_edges(extent: tuple[float, float], bins: int = 200) -> np.ndarray:
    lo, hi = extent
    if hi <= lo:
        hi = lo + timeaxis.DAY
    pad = (hi - lo) * 0.02
    return np.linspace(lo - pad, hi + pad, bins + 1)


# -- building ---------------------------------------------------------------
def _placed(event: Event) -> bool:
    return event.date is not None and event.date.interval is not None


def from_corpus(corpus: Corpus) -> TimelineData:
    """Arrays for every placeable event of ``corpus``; events dated only in words go to ``unplaced``."""
    actors = corpus.actors
    index = {a.id: i for i, a in enumerate(actors)}
    placed = [e for e in corpus.events if _placed(e)]
    unplaced = [e for e in corpus.events if e.date is not None and e.date.interval is None]
    starts = np.array([timeaxis.to_seconds(e.date.interval.start) for e in placed], dtype=np.float64)
    order = np.argsort(starts, kind="stable")
    placed = [placed[i] for i in order]
    n = len(placed)
    start = starts[order] if n else np.zeros(0)
    end = np.array([timeaxis.to_seconds(e.date.interval.end) for e in placed], dtype=np.float64)
    prec = np.array([PRECISIONS.index(e.date.interval.precision) if e.date.interval.precision in PRECISIONS
                     else UNKNOWN_PRECISION for e in placed], dtype=np.int8)
    rel = np.array([RELATION_ON_OR_BEFORE if e.date.relation == "on_or_before" else RELATION_ON
                    for e in placed], dtype=np.int8)
    report = np.array([_report_seconds(e) for e in placed], dtype=np.float64)
    pair_row, pair_actor = [], []
    for row, e in enumerate(placed):
        for aid in dict.fromkeys(e.actor_ids()):   # an actor twice in one event is one lane mark
            if aid in index:
                pair_row.append(row)
                pair_actor.append(index[aid])
    return from_arrays(
        start, end, prec, rel, report, [e.id for e in placed],
        [a.id for a in actors], [a.name for a in actors], [a.type for a in actors],
        np.array(pair_row, dtype=np.int64), np.array(pair_actor, dtype=np.int64),
        events=list(placed), unplaced=unplaced, presorted=True)


def _report_seconds(event: Event) -> float:
    rep = event.report
    if rep is None or rep.interval is None:
        return math.nan
    return timeaxis.to_seconds(rep.interval.start)


def from_arrays(start, end, precision, relation, report, ids, actor_ids, actor_names, actor_types,
                pair_row, pair_actor, events=None, unplaced=None, presorted=False) -> TimelineData:
    """Build from columns (the benchmark and tests use this directly); sorts by start unless told not to."""
    start = np.asarray(start, dtype=np.float64)
    end = np.maximum(np.asarray(end, dtype=np.float64), start)
    precision = np.asarray(precision, dtype=np.int8)
    relation = np.asarray(relation, dtype=np.int8)
    report = np.asarray(report, dtype=np.float64)
    pair_row = np.asarray(pair_row, dtype=np.int64)
    pair_actor = np.asarray(pair_actor, dtype=np.int64)
    ids = list(ids)
    if not presorted:
        order = np.argsort(start, kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        start, end, precision, relation, report = (a[order] for a in (start, end, precision, relation, report))
        ids = [ids[i] for i in order]
        if events:
            events = [events[i] for i in order]
        pair_row = rank[pair_row] if len(pair_row) else pair_row
    porder = np.lexsort((pair_actor, pair_row)) if len(pair_row) else np.zeros(0, np.int64)
    pair_row, pair_actor = pair_row[porder], pair_actor[porder]
    n_actors = len(actor_ids)
    by_actor = np.argsort(pair_actor, kind="stable")
    counts = np.bincount(pair_actor, minlength=n_actors) if len(pair_actor) else np.zeros(n_actors, np.int64)
    ptr = np.zeros(n_actors + 1, dtype=np.int64)
    np.cumsum(counts[:n_actors], out=ptr[1:])
    return TimelineData(start, end, precision, relation, report, ids, list(actor_ids), list(actor_names),
                        list(actor_types), ptr, pair_row[by_actor], pair_row, pair_actor,
                        events=list(events) if events else [None] * len(ids), unplaced=list(unplaced or []))


def from_columns(cols) -> TimelineData:
    """Build from ``core.synthetic.columns.EventColumns`` (the million-event form), without Event objects."""
    placed = cols.precision >= 0
    rows = np.flatnonzero(placed)
    n_actor_rows = np.diff(cols.actor_ptr)
    owner = np.repeat(np.arange(len(cols.start)), n_actor_rows)
    new_index = np.full(len(cols.start), -1, np.int64)
    new_index[rows] = np.arange(len(rows))
    keep = placed[owner]
    types = [ACTOR_TYPES[int(t)] for t in cols.actor_types]
    report_day = getattr(cols, "report_day", None)
    if report_day is not None:
        report = np.where(cols.report_source[rows] >= 0, report_day[rows] * timeaxis.DAY, np.nan)
    else:
        report = np.full(len(rows), np.nan)
    return from_arrays(cols.start[rows], cols.end[rows], cols.precision[rows], cols.relation[rows],
                       report, [f"e{i}" for i in rows],
                       [f"a{i}" for i in range(len(cols.actor_names))], cols.actor_names, types,
                       new_index[owner[keep]], cols.actor_idx[keep].astype(np.int64))
