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
LONG_MARK = 40 * 86400.0
RELATION_ON = 0
RELATION_ON_OR_BEFORE = 1


@dataclass
class TimelineData:
    """Placeable events sorted by start, plus the actors and the events that cannot be placed."""

    start: np.ndarray            # float64 seconds, sorted ascending
    end: np.ndarray              # float64 seconds, exclusive end (== start + 1 day for a day)
    precision: np.ndarray        # int8 index into PRECISIONS, UNKNOWN_PRECISION if missing
    relation: np.ndarray         # int8 RELATION_*
    report: np.ndarray           # float64 seconds of the report date, NaN if none
    ids: np.ndarray              # event id per row: str objects, or ints when ``id_prefix`` names them
    actor_ids: list[str]
    actor_names: list[str]
    actor_types: list[str]
    actor_ptr: np.ndarray        # CSR: events of actor a are actor_rows[actor_ptr[a]:actor_ptr[a+1]]
    actor_rows: np.ndarray
    pair_row: np.ndarray         # one entry per (event, actor): row index, sorted by row
    pair_actor: np.ndarray
    events: list[Optional[Event]] = field(default_factory=list)   # row -> Event, when built from a corpus
    unplaced: list[Event] = field(default_factory=list)            # dated in words but not on the line
    unplaced_text: list[str] = field(default_factory=list)         # each one's date as written
    max_length: float = 0.0
    # Synthetic data names event k "<prefix>k" without holding a million strings.
    id_prefix: Optional[str] = None

    def __post_init__(self) -> None:
        self._row_of: Optional[dict[str, int]] = None
        self._extent: Optional[tuple[float, float]] = None
        self.actor_index = {aid: i for i, aid in enumerate(self.actor_ids)}
        self.activity = np.diff(self.actor_ptr) if len(self.actor_ptr) else np.zeros(0, np.int64)
        length = self.end - self.start
        self.max_length = float(np.max(length)) if len(self.start) else 0.0
        # Rows longer than LONG_MARK are looked up by mask, the rest by binary search (see lanes.py).
        self.long_row = length > LONG_MARK
        short = length[~self.long_row]
        self.short_max = float(short.max()) if len(short) else 0.0
        self.mid = (self.start + self.end) * 0.5
        # Orders by midpoint, computed once per corpus so density strips never sort at selection time.
        self.row_by_mid = np.argsort(self.mid, kind="stable")
        self.pair_by_mid = np.argsort(self.mid[self.pair_row], kind="stable") if len(self.pair_row) else \
            np.zeros(0, np.int64)

    @property
    def n(self) -> int:
        return len(self.start)

    def event_id(self, row: int) -> str:
        return f"{self.id_prefix}{int(self.ids[row])}" if self.id_prefix is not None else str(self.ids[row])

    def row_for(self, event_id: Optional[str]) -> Optional[int]:
        """The row of an event id, or None if it is not placed on the line."""
        if event_id is None:
            return None
        if self.id_prefix is not None:
            tail = event_id[len(self.id_prefix):] if event_id.startswith(self.id_prefix) else ""
            if not tail.isdigit():
                return None
            hit = np.flatnonzero(self.ids == int(tail))
            return int(hit[0]) if len(hit) else None
        if self._row_of is None:   # built on first use: a click, not the first paint, pays for it
            self._row_of = {eid: i for i, eid in enumerate(self.ids)}
        return self._row_of.get(event_id)

    def extent(self) -> Optional[tuple[float, float]]:
        """The span covering every placed event (and report date), or None when nothing is placed."""
        if not self.n:
            return None
        if self._extent is None:   # the arrays never change after building
            lo, hi = float(self.start[0]), float(np.max(self.end))
            if not np.isnan(self.report).all():
                lo, hi = min(lo, float(np.nanmin(self.report))), max(hi, float(np.nanmax(self.report)))
            self._extent = (lo, hi)
        return self._extent

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


def histogram(data: TimelineData, mask: Optional[np.ndarray], edges: np.ndarray) -> np.ndarray:
    """Counts of event midpoints in equal-width ``edges``; one pass, no sort (np.histogram sorts)."""
    mids = data.mid if mask is None else data.mid[mask]
    bins = len(edges) - 1
    lo, hi = float(edges[0]), float(edges[-1])
    if bins < 1 or hi <= lo or not len(mids):
        return np.zeros(max(bins, 0), dtype=np.int64)
    col = ((mids - lo) * (bins / (hi - lo))).astype(np.int64)
    np.clip(col, 0, bins - 1, out=col)
    return np.bincount(col, minlength=bins)[:bins]


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
    unplaced, unplaced_text = year_unknown_events(corpus)
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
        events=list(placed), unplaced=unplaced, unplaced_text=unplaced_text, presorted=True)


def year_unknown_events(corpus: Corpus) -> tuple[list[Event], list[str]]:
    """Events whose date was written but cannot be placed, with the date as written.

    Either the event carries a date without an interval, or it has no date
    and its sentence holds a date whose year is unknown (no creation time to
    anchor "November 2"): both belong in the list, not on a made-up year.
    """
    by_doc: dict[str, list] = {}
    for t in corpus.timexes:
        if t.year_unknown:
            by_doc.setdefault(t.doc, []).append(t)
    events, texts = [], []
    for e in corpus.events:
        if e.date is not None and e.date.interval is None:
            events.append(e)
            texts.append(e.date.text or e.date.value)
        elif e.date is None:
            inside = [t for t in by_doc.get(e.doc, ()) if e.start <= t.start and t.end <= e.end]
            if inside:
                events.append(e)
                texts.append(", ".join(t.text for t in inside))
    return events, texts


def _report_seconds(event: Event) -> float:
    rep = event.report
    if rep is None or rep.interval is None:
        return math.nan
    # The middle of the report's interval, as events are drawn at theirs: same day, same x.
    return (timeaxis.to_seconds(rep.interval.start) + timeaxis.to_seconds(rep.interval.end)) / 2


def from_arrays(start, end, precision, relation, report, ids, actor_ids, actor_names, actor_types,
                pair_row, pair_actor, events=None, unplaced=None, presorted=False, id_prefix=None,
                unplaced_text=None) -> TimelineData:
    """Build from columns (the benchmark and tests use this directly); sorts by start unless told not to."""
    start = np.asarray(start, dtype=np.float64)
    end = np.maximum(np.asarray(end, dtype=np.float64), start)
    precision = np.asarray(precision, dtype=np.int8)
    relation = np.asarray(relation, dtype=np.int8)
    report = np.asarray(report, dtype=np.float64)
    pair_row = np.asarray(pair_row, dtype=np.int64)
    pair_actor = np.asarray(pair_actor, dtype=np.int64)
    ids = np.asarray(ids, dtype=np.int64) if id_prefix is not None else np.array(list(ids), dtype=object)
    if not presorted:
        order = np.argsort(start, kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        start, end, precision, relation, report = (a[order] for a in (start, end, precision, relation, report))
        ids = ids[order]
        if events:
            events = [events[i] for i in order]
        pair_row = rank[pair_row] if len(pair_row) else pair_row
    porder = np.argsort(pair_row, kind="stable")
    pair_row, pair_actor = pair_row[porder], pair_actor[porder]
    n_actors = len(actor_ids)
    by_actor = np.argsort(pair_actor, kind="stable")
    counts = np.bincount(pair_actor, minlength=n_actors) if len(pair_actor) else np.zeros(n_actors, np.int64)
    ptr = np.zeros(n_actors + 1, dtype=np.int64)
    np.cumsum(counts[:n_actors], out=ptr[1:])
    return TimelineData(start, end, precision, relation, report, ids, list(actor_ids), list(actor_names),
                        list(actor_types), ptr, pair_row[by_actor], pair_row, pair_actor,
                        events=list(events or []), unplaced=list(unplaced or []),
                        unplaced_text=list(unplaced_text or []), id_prefix=id_prefix)


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
        report = np.where(cols.report_source[rows] >= 0, (report_day[rows] + 0.5) * timeaxis.DAY, np.nan)
    else:
        report = np.full(len(rows), np.nan)
    return from_arrays(cols.start[rows], cols.end[rows], cols.precision[rows], cols.relation[rows],
                       report, rows,
                       [f"a{i}" for i in range(len(cols.actor_names))], cols.actor_names, types,
                       new_index[owner[keep]], cols.actor_idx[keep].astype(np.int64), id_prefix="e")
