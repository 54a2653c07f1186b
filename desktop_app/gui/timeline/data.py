"""The timeline's numbers: events as numpy arrays, per-actor indexes, lanes and filters.

Kept free of Qt so it can be built on a worker thread and tested alone.  The
view never walks Python ``Event`` objects after this is built: selecting
actors is a few array operations over precomputed per-actor index arrays
(CSR layout), which is what keeps a redraw cheap at a million events.

Every event that can be placed is one row; an event involving k actors adds
k rows to the (event, actor) "pair" arrays, which is what lanes draw.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Sequence as PySequence
from typing import Optional, Sequence

import numpy as np

from desktop_app.core import timeaxis
from desktop_app.core.extent import robust_extent
from desktop_app.core.memory import release_free_memory
from desktop_app.core.model import ACTOR_TYPES, PRECISIONS, Corpus, Event
from desktop_app.core.store import EventStore, compact
from desktop_app.core.store.times import NONE

from ..shared_index import remember_row, row_of, rows_of
from .unplaced import year_unknown_rows

POINT_PRECISION_MAX = PRECISIONS.index("day")   # codes <= this are drawn as points
UNKNOWN_PRECISION = len(PRECISIONS)
LONG_MARK = 40 * 86400.0
RELATION_ON = 0
RELATION_ON_OR_BEFORE = 1
RELATION_FROM = 2        # "since 1985": a known start, open toward the present
RELATION_UNTIL = 3       # "until Friday": a known end, open toward the past
_RELATION_CODES = {"on_or_before": RELATION_ON_OR_BEFORE, "from": RELATION_FROM, "until": RELATION_UNTIL}


@dataclass
class TimelineData:
    """Placeable events sorted by start, plus the actors and the events that cannot be placed."""

    start: np.ndarray            # float64 seconds, sorted ascending
    end: np.ndarray              # float64 seconds, exclusive end (== start + 1 day for a day)
    precision: np.ndarray        # int8 index into PRECISIONS, UNKNOWN_PRECISION if missing
    relation: np.ndarray         # int8 RELATION_*
    report: np.ndarray           # float64 seconds of the report date, NaN if none
    ids: np.ndarray              # event id per row: store rows (int) with ``store``, ints with ``id_prefix``, else str
    actor_ids: list[str]
    actor_names: list[str]
    actor_types: list[str]
    actor_ptr: np.ndarray        # CSR: events of actor a are actor_rows[actor_ptr[a]:actor_ptr[a+1]]
    actor_rows: np.ndarray
    pair_row: np.ndarray         # one entry per (event, actor): row index, sorted by row
    pair_actor: np.ndarray
    events: Sequence[Optional[Event]] = field(default_factory=list)   # row -> Event (on demand with ``store``)
    unplaced: Sequence[Event] = field(default_factory=list)            # dated in words but not on the line
    unplaced_text: Sequence[str] = field(default_factory=list)         # each one's date as written
    max_length: float = 0.0
    # Synthetic data names event k "<prefix>k" without holding a million strings.
    id_prefix: Optional[str] = None
    # Built from a corpus: ``ids`` are rows of this store, which names and builds each event on demand.
    store: Optional[EventStore] = None
    # The happenings of the events (``core.happenings.heads.HappeningMarks`` over ``ids``), when grouped.
    happenings: Optional[object] = None
    # On a happenings view of another TimelineData (``grouped.py``): one row per happening.
    group: Optional[object] = None

    def __post_init__(self) -> None:
        self._row_of: Optional[dict[str, int]] = None
        self._row_of_store: Optional[np.ndarray] = None
        if self.store is not None:
            self.events = _RowEvents(self.store, self.ids)
        self._extent: Optional[tuple[float, float]] = None
        self._robust = None
        self.label_of = None    # optional row -> label function (the benchmark's synthetic labels)
        # Per row on a happenings view (``grouped.py``): its reports and distinct sources; None otherwise.
        self.reports: Optional[np.ndarray] = None
        self.sources: Optional[np.ndarray] = None
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
        self.row_by_mid = np.argsort(self.mid, kind="stable").astype(np.int32)
        self.pair_by_mid = np.argsort(self.mid[self.pair_row], kind="stable").astype(np.int32) \
            if len(self.pair_row) else np.zeros(0, np.int32)

    @property
    def n(self) -> int:
        return len(self.start)

    def event_id(self, row: int) -> str:
        if self.store is not None:
            i = int(self.ids[row])
            eid = self.store.ids[i]
            remember_row(self.store, eid, i)
            return eid
        return f"{self.id_prefix}{int(self.ids[row])}" if self.id_prefix is not None else str(self.ids[row])

    def event(self, row: int) -> Optional[Event]:
        """The ``Event`` drawn at ``row`` (built on demand), or None for synthetic data."""
        if self.store is not None:
            return self.store[int(self.ids[row])]
        return self.events[row] if 0 <= row < len(self.events) else None

    def label(self, row: int) -> str:
        """What happened at ``row`` in a few words (the event's label), '' for synthetic data."""
        if self.group is not None:
            return self.group.label(row)
        if self.store is not None:
            return self.store.labels[int(self.ids[row])] or ""
        if self.label_of is not None:
            return self.label_of(row)
        event = self.events[row] if 0 <= row < len(self.events) else None
        return (event.label or event.text[:60]) if event is not None else ""

    def is_point(self, rows) -> np.ndarray:
        """Rows drawn as a point: day or finer, and not open on one side ("since", "until" are spans)."""
        return (self.precision[rows] <= POINT_PRECISION_MAX) & (self.relation[rows] < RELATION_FROM)

    def robust_extent(self):
        """``core.extent.Extent`` of the placed events: the core range and the outliers left out per side."""
        if self._robust is None and self.n:
            self._robust = robust_extent(self.start, self.end, order=self.row_by_mid)
        return self._robust

    def row_for(self, event_id: Optional[str]) -> Optional[int]:
        """The row of an event id, or None if it is not placed on the line."""
        if event_id is None:
            return None
        if self.group is not None:      # any report of a happening finds the happening's row
            return self.group.row_for(event_id)
        if self.store is not None:
            i = row_of(self.store, event_id)
            if i is None:
                return None
            if self._row_of_store is None:   # built on first use: a click, not the first paint, pays for it
                self._row_of_store = np.full(len(self.store), -1, np.int32)
                self._row_of_store[self.ids] = np.arange(self.n, dtype=np.int32)
            row = int(self._row_of_store[i])
            return row if row >= 0 else None
        if self.id_prefix is not None:
            tail = event_id[len(self.id_prefix):] if event_id.startswith(self.id_prefix) else ""
            if not tail.isdigit():
                return None
            hit = np.flatnonzero(self.ids == int(tail))
            return int(hit[0]) if len(hit) else None
        if self._row_of is None:   # built on first use: a click, not the first paint, pays for it
            self._row_of = {eid: i for i, eid in enumerate(self.ids)}
        return self._row_of.get(event_id)

    def rows_for(self, event_ids) -> np.ndarray:
        """Rows of many event ids in one batch (int64, -1 for ids not placed): ``row_for`` for a selection
        of thousands of reports (an aggregate mark at a million events) without a lookup per id."""
        ids = list(event_ids)
        if self.group is not None:      # any report of a happening finds the happening's row
            return self.group.rows_for(ids)
        if self.store is not None:
            i = rows_of(self.store, ids)
            if self._row_of_store is None:
                self._row_of_store = np.full(len(self.store), -1, np.int32)
                self._row_of_store[self.ids] = np.arange(self.n, dtype=np.int32)
            return np.where(i >= 0, self._row_of_store[np.maximum(i, 0)], -1).astype(np.int64)
        return np.array([-1 if r is None else r for r in map(self.row_for, ids)], np.int64)

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


class _RowEvents(PySequence):
    """``data.events`` for a corpus: row -> Event, built from the store when read (never all at once)."""

    def __init__(self, store: EventStore, rows: np.ndarray):
        self._store, self._rows = store, rows

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, row):
        if isinstance(row, slice):
            return [self[i] for i in range(*row.indices(len(self)))]
        return self._store[int(self._rows[row])]


def bin_spans(data: TimelineData, edges: np.ndarray) -> Optional[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Per row: first bin, one past the last bin, and the share of the event each of its bins gets.

    Rows outside the edges get weight 0 (outliers are not piled on the edge
    bins).  Computed once per data set and edges; ``spread_counts`` then
    bins any subset with two weighted bincounts.
    """
    bins = len(edges) - 1
    lo, hi = float(edges[0]), float(edges[-1])
    if bins < 1 or hi <= lo or not data.n:
        return None
    scale = bins / (hi - lo)
    c0 = ((data.start - lo) * scale).astype(np.int64)
    # The interval is half-open: an event ending exactly on a bin edge does not reach into that bin.
    c1 = np.ceil((data.end - lo) * scale).astype(np.int64) - 1
    np.clip(c0, 0, bins - 1, out=c0)
    np.clip(c1, 0, bins - 1, out=c1)
    np.maximum(c1, c0, out=c1)
    w = 1.0 / (c1 - c0 + 1)
    w[(data.end <= lo) | (data.start >= hi)] = 0.0
    return c0, c1 + 1, w


def spread_counts(spans, bins: int, mask: Optional[np.ndarray] = None) -> np.ndarray:
    """Events per bin from ``bin_spans``, each spread evenly over its bins (a difference array, one cumsum)."""
    if spans is None:
        return np.zeros(max(bins, 0), dtype=np.float64)
    c0, c1, w = spans if mask is None else (a[mask] for a in spans)
    diff = np.bincount(c0, w, minlength=bins + 1)[:bins + 1] - np.bincount(c1, w, minlength=bins + 1)[:bins + 1]
    return np.cumsum(diff)[:bins]


def histogram(data: TimelineData, mask: Optional[np.ndarray], edges: np.ndarray) -> np.ndarray:
    """Events per equal-width bin of ``edges``, an interval event spread evenly over the bins it spans.

    "August 1990" or "the past week" is a span, not a spike at its midpoint:
    each event adds 1 in all, split over its bins (still one pass, no sort;
    np.histogram sorts).  Views binning many subsets on fixed edges keep the
    ``bin_spans`` and call ``spread_counts``.
    """
    return spread_counts(bin_spans(data, edges), len(edges) - 1, mask)


def histogram_edges(extent: tuple[float, float], bins: int = 200) -> np.ndarray:
    lo, hi = extent
    if hi <= lo:
        hi = lo + timeaxis.DAY
    pad = (hi - lo) * 0.02
    return np.linspace(lo - pad, hi + pad, bins + 1)


# -- building ---------------------------------------------------------------
def from_corpus(corpus: Corpus) -> TimelineData:
    """Arrays for every placeable event of ``corpus``; events dated only in words go to ``unplaced``.

    Read from the corpus columns (a list corpus is made compact first), so a
    million events cost array operations, never a million ``Event`` objects;
    rows keep their store row and build an ``Event`` only when asked.
    """
    corpus = compact(corpus)
    store, c = corpus.events, corpus.events.c
    rows = np.flatnonzero(c["date_start"] != NONE)
    start = c["date_start"][rows].astype(np.float64)
    order = np.argsort(start, kind="stable")
    rows, start = rows[order].astype(np.int64), start[order]
    end = c["date_end"][rows].astype(np.float64)
    prec = c["date_prec"][rows]
    prec = np.where(prec < 0, UNKNOWN_PRECISION, prec).astype(np.int8)
    rel = relation_codes(store.codes["relation"], c["date_rel"][rows])
    has_report = (c["reported"][rows] != 0) & (c["report_start"][rows] != NONE)
    # The middle of the report's interval, as events are drawn at theirs: same day, same x.
    report = np.where(has_report, (c["report_start"][rows].astype(np.float64)
                                   + c["report_end"][rows].astype(np.float64)) / 2, np.nan)
    pair_row, pair_actor = _pairs(store, rows, corpus.actors)
    unplaced, unplaced_text = year_unknown_rows(store, corpus.timexes)
    actors = corpus.actors
    data = from_arrays(start, end, prec, rel, report, rows,
                       [a.id for a in actors], [a.name for a in actors], [a.type for a in actors],
                       pair_row, pair_actor, unplaced=unplaced, unplaced_text=unplaced_text, presorted=True,
                       store=store)
    # The sorts above freed tens of megabytes of temporaries per million events, which glibc would keep.
    del start, end, prec, rel, report, rows, pair_row, pair_actor
    release_free_memory()
    return data


def relation_codes(codes, stored: np.ndarray) -> np.ndarray:
    """The timeline's RELATION_* per row from the store's relation codes."""
    lut = np.zeros(max(len(codes), 1), np.int8)
    for name, code in _RELATION_CODES.items():
        k = codes.find(name)
        if k >= 0:
            lut[k] = code
    return lut[stored] if len(stored) else np.zeros(0, np.int8)


def _pairs(store, rows: np.ndarray, actors) -> tuple[np.ndarray, np.ndarray]:
    """(timeline row, actor index) per participant of each row; an actor twice in one event is one lane mark."""
    ptr, codes = store.c["actor_ptr"], store.c["actor"]
    count = ptr[rows + 1] - ptr[rows]
    total = int(count.sum())
    if not total:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    first = np.cumsum(count) - count            # each row's first pair
    pair_row = np.repeat(np.arange(len(rows), dtype=np.int64), count)
    pair_code = codes[np.repeat(ptr[rows] - first, count) + np.arange(total)]
    repeated = _repeated(pair_code, first, count)
    lut = np.full(len(store.codes["actor"]) + 1, -1, np.int64)
    for i, a in enumerate(actors):
        k = store.codes["actor"].find(a.id)
        if k >= 0:
            lut[k] = i
    pair_actor = lut[pair_code]
    keep = (pair_actor >= 0) & ~repeated
    return pair_row[keep], pair_actor[keep]


def _repeated(code: np.ndarray, first: np.ndarray, count: np.ndarray) -> np.ndarray:
    """Pairs whose actor already came earlier in the same event (events have a handful of actors:
    compare the k columns of all k-actor events at once rather than sorting every pair)."""
    out = np.zeros(len(code), bool)
    for k in np.unique(count[count >= 2]).tolist():
        base = first[count == k]
        if k > 16:   # rare crowds: one sort per event
            for b in base.tolist():
                seen = code[b:b + k]
                _, at = np.unique(seen, return_index=True)
                dup = np.ones(k, bool)
                dup[at] = False
                out[b:b + k] = dup
            continue
        block = code[base[:, None] + np.arange(k)]
        for j in range(1, k):
            out[base + j] = (block[:, :j] == block[:, j:j + 1]).any(axis=1)
    return out


def year_unknown_events(corpus: Corpus) -> tuple[Sequence[Event], Sequence[str]]:
    """Events whose date was written but cannot be placed, with the date as written.

    Either the event carries a date without an interval, or it has no date
    and its sentence holds a date whose year is unknown (no creation time to
    anchor "November 2"): both belong in the list, not on a made-up year.
    """
    corpus = compact(corpus)
    return year_unknown_rows(corpus.events, corpus.timexes)


def from_arrays(start, end, precision, relation, report, ids, actor_ids, actor_names, actor_types,
                pair_row, pair_actor, events=None, unplaced=None, presorted=False, id_prefix=None,
                unplaced_text=None, store: Optional[EventStore] = None) -> TimelineData:
    """Build from columns (the benchmark and tests use this directly); sorts by start unless told not to."""
    start = np.asarray(start, dtype=np.float64)
    end = np.maximum(np.asarray(end, dtype=np.float64), start)
    precision = np.asarray(precision, dtype=np.int8)
    relation = np.asarray(relation, dtype=np.int8)
    report = np.asarray(report, dtype=np.float64)
    # Row and actor numbers as int32: at a million events the pair arrays are millions long (and an
    # int64 copy of each, as this made before, was 30 MB more at the peak of a grouped timeline's build).
    pair_row = np.asarray(pair_row, dtype=np.int32)
    pair_actor = np.asarray(pair_actor, dtype=np.int32)
    if store is not None:
        ids = np.asarray(ids, dtype=np.int32)
    else:
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
    if len(pair_row) > 1 and not np.all(pair_row[1:] >= pair_row[:-1]):
        porder = np.argsort(pair_row, kind="stable")
        pair_row, pair_actor = pair_row[porder], pair_actor[porder]
    pair_row, pair_actor = pair_row.astype(np.int32, copy=False), pair_actor.astype(np.int32, copy=False)
    n_actors = len(actor_ids)
    # A stable sort of 16-bit keys is a radix sort: several times faster than on int64.
    by_actor = np.argsort(pair_actor.astype(np.int16) if n_actors < 2 ** 15 else pair_actor, kind="stable")
    counts = np.bincount(pair_actor, minlength=n_actors) if len(pair_actor) else np.zeros(n_actors, np.int64)
    ptr = np.zeros(n_actors + 1, dtype=np.int64)
    np.cumsum(counts[:n_actors], out=ptr[1:])
    return TimelineData(start, end, precision, relation, report, ids, list(actor_ids), list(actor_names),
                        list(actor_types), ptr, pair_row[by_actor], pair_row, pair_actor,
                        events=list(events or []), unplaced=unplaced if unplaced is not None else [],
                        unplaced_text=unplaced_text if unplaced_text is not None else [], id_prefix=id_prefix,
                        store=store)


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
