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

from datetime import datetime
from typing import Optional

import numpy as np

from desktop_app.core.happenings.features import UNBOUNDED_HI, UNBOUNDED_LO
from desktop_app.core.store.evidence import TieArrays
from desktop_app.core.tie_happenings import current_happenings, happenings_per_tie

DAY = 86400


def tie_counts(corpus, store, index: dict[str, int], edge_indexes
               ) -> Optional[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(happenings, reports, view edge) per corpus tie, or None without happenings.

    ``edge_indexes(a, b)``: the view's edge index of node pairs (``NetworkData.edge_indexes``).
    A pair listed twice keeps its last tie, as ``core.layout.tie_arrays`` does.
    """
    h = current_happenings(corpus, len(store))
    if h is None:
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
    happenings, reports = happenings_per_tie(h, rows, ptr)
    edge = edge_indexes(a, b) if n_ties else np.zeros(0, np.int64)
    return happenings, reports, edge


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
    """(dated, start, end) per event row in seconds: a report of a dated happening takes its date.

    The happening's date as ``Happening.date`` gives it (records.py), in arrays rather than one
    record per happening (a record each took 4 s at 100k events): the day most of its day-precise
    reports give (ties: the earliest report's), else the intersection of its reports' intervals.
    """
    dated = fi.dated.copy()
    starts, ends = fi.starts.copy(), fi.ends.copy()
    f, of = h.f, h.of_event.astype(np.int64)
    n_h = len(h)
    size = np.bincount(of[of >= 0], minlength=n_h)
    many = (of >= 0) & (size[np.maximum(of, 0)] > 1)
    lo_day = np.full(n_h, UNBOUNDED_LO, np.int64)
    hi_day = np.full(n_h, UNBOUNDED_HI, np.int64)
    has_precise = np.zeros(n_h, bool)
    rows = np.flatnonzero(many & f.precise)
    if len(rows):
        hap, lo, hi = of[rows], f.lo[rows].astype(np.int64), f.hi[rows].astype(np.int64)
        # Earliest report first within each (happening, date): its rank breaks ties between dates.
        rank = np.empty(len(f), np.int64)
        rank[np.lexsort((np.arange(len(f)), f.reported))] = np.arange(len(f))
        order = np.lexsort((rank[rows], hi, lo, hap))
        hap, lo, hi, first = hap[order], lo[order], hi[order], rank[rows][order]
        new = np.ones(len(hap), bool)
        new[1:] = (hap[1:] != hap[:-1]) | (lo[1:] != lo[:-1]) | (hi[1:] != hi[:-1])
        at = np.flatnonzero(new)
        count = np.diff(np.append(at, len(hap)))
        g_hap, g_lo, g_hi, g_first = hap[at], lo[at], hi[at], first[at]
        best = np.lexsort((g_first, -count, g_hap))        # per happening: most reports, then earliest
        g_hap, g_lo, g_hi = g_hap[best], g_lo[best], g_hi[best]
        lead = np.ones(len(g_hap), bool)
        lead[1:] = g_hap[1:] != g_hap[:-1]
        lo_day[g_hap[lead]], hi_day[g_hap[lead]] = g_lo[lead], g_hi[lead]
        has_precise[g_hap[lead]] = True
    rows = np.flatnonzero(many & ~has_precise[np.maximum(of, 0)])
    if len(rows):
        np.maximum.at(lo_day, of[rows], f.lo[rows].astype(np.int64))
        np.minimum.at(hi_day, of[rows], f.hi[rows].astype(np.int64))
    ok = (lo_day > UNBOUNDED_LO) & (hi_day < UNBOUNDED_HI) & (lo_day < hi_day)
    take = np.flatnonzero(many & ok[np.maximum(of, 0)])
    starts[take] = lo_day[of[take]] * DAY
    ends[take] = hi_day[of[take]] * DAY
    dated[take] = True
    return dated, starts, ends


def rows_in_window(spans, window) -> np.ndarray:
    dated, starts, ends = spans
    lo, hi = sorted(window)
    lo_s, hi_s = _dt_seconds(lo), _dt_seconds(hi)
    return np.flatnonzero(dated & (starts <= hi_s) & (ends > lo_s))


def _dt_seconds(d: datetime) -> int:
    return int(np.datetime64(d.replace(tzinfo=None), "s").astype(np.int64))
