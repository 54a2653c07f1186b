"""Ties that count happenings, not reports, and happening dates for the time window.

Twenty reports of one embassy bombing are one thing Kenya and Tanzania share, not twenty. A tie's
evidence is its events (store rows); each row belongs to one happening (``corpus.happenings``,
core/happenings, with the analyst's merges and splits), so a tie's happening count is the number
of distinct happenings among its evidence rows, and its report count the rows themselves.  The
view's tie weight is the corpus weight scaled by happenings / reports, which keeps the corpus's
own weighting (place-place pairs count half) and leaves ties without evidence (imported,
hand-made) as they were.

The brushed time window keeps a tie when one of its happenings is dated inside it: every report
of a happening takes the happening's best date (a report dated a day off, or undated, still
counts on the day the happening is placed), a lone report keeps its own date.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Optional

import numpy as np

from desktop_app.core.store.evidence import TieArrays

_EPOCH = date(1970, 1, 1)
DAY = 86400


def current_happenings(corpus):
    """``corpus.happenings`` when they describe its events, else None (no grouping here: that is the workspace's)."""
    h = getattr(corpus, "happenings", None)
    return h if h is not None and getattr(h, "events", None) is corpus.events else None


def tie_counts(corpus, store, index: dict[str, int], edge_indexes
               ) -> Optional[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(happenings, reports, view edge) per corpus tie, or None without happenings.

    ``edge_indexes(a, b)``: the view's edge index of node pairs (``NetworkData.edge_indexes``).
    A pair listed twice keeps its last tie, as ``core.layout.tie_arrays`` does.
    """
    h = current_happenings(corpus)
    if h is None or len(h.of_event) != len(store):
        return None
    ties = corpus.ties
    if isinstance(ties, TieArrays) and ties.table.ids is store.ids:
        where = np.array([index.get(x, -1) for x in ties.names], dtype=np.int64)
        a, b = where[ties.source], where[ties.target]
        rows = np.asarray(ties.table.rows, dtype=np.int64)
        ptr = np.asarray(ties.table.ptr, dtype=np.int64)
    else:
        ties = list(ties)
        a = np.array([index.get(t.source, -1) for t in ties], dtype=np.int64)
        b = np.array([index.get(t.target, -1) for t in ties], dtype=np.int64)
        found = [[store.index_of(e) for e in t.events] for t in ties]
        found = [[r for r in fs if r is not None] for fs in found]
        ptr = np.concatenate([[0], np.cumsum([len(fs) for fs in found])]).astype(np.int64)
        rows = np.array([r for fs in found for r in fs], dtype=np.int64)
    n_ties = len(a)
    reports = np.diff(ptr)
    owner = np.repeat(np.arange(n_ties, dtype=np.int64), reports)
    hap = h.of_event[rows].astype(np.int64) if len(rows) else np.zeros(0, np.int64)
    ok = hap >= 0
    pairs = np.unique(owner[ok] * max(len(h), 1) + hap[ok])
    happenings = np.bincount(pairs // max(len(h), 1), minlength=n_ties) if len(pairs) else np.zeros(n_ties, np.int64)
    edge = edge_indexes(a, b) if n_ties else np.zeros(0, np.int64)
    return happenings[:n_ties], reports, edge


def edge_counts(counts, n_edges: int) -> tuple[np.ndarray, np.ndarray]:
    """``tie_counts`` per view edge: (happenings, reports); an edge no tie reached has 0 and 0."""
    happenings, reports, edge = counts
    out_h = np.zeros(n_edges, np.int64)
    out_r = np.zeros(n_edges, np.int64)
    ok = edge >= 0
    out_h[edge[ok]] = happenings[ok]       # a pair listed twice: the last tie, as in the weights
    out_r[edge[ok]] = reports[ok]
    return out_h, out_r


def happening_spans(h, fi) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(dated, start, end) per event row in seconds: a report of a dated happening takes its date."""
    dated = fi.dated.copy()
    starts, ends = fi.starts.copy(), fi.ends.copy()
    sizes = h.size()
    for k in np.flatnonzero(sizes > 1).tolist():
        d = h[k].date
        if d is None:
            continue
        rows = h.rows(k)
        starts[rows] = _seconds(d.start)
        ends[rows] = _seconds(d.end) + DAY
        dated[rows] = True
    return dated, starts, ends


def rows_in_window(spans, window) -> np.ndarray:
    dated, starts, ends = spans
    lo, hi = sorted(window)
    lo_s, hi_s = _dt_seconds(lo), _dt_seconds(hi)
    return np.flatnonzero(dated & (starts <= hi_s) & (ends > lo_s))


def _seconds(iso_day: str) -> int:
    return (date.fromisoformat(iso_day) - _EPOCH).days * DAY


def _dt_seconds(d: datetime) -> int:
    return int(np.datetime64(d.replace(tzinfo=None), "s").astype(np.int64))
