"""Events whose date was written but cannot be placed, found with array operations on the corpus columns.

An event is unplaced when it carries a date without an interval, or when
it has no date and its sentence holds a time expression whose year is
unknown ("November 2" with no creation time to anchor it).  At a million
events the old per-event walk (and its per-document timex lists) cost
seconds; here the year-unknown timexes are sorted once by (document,
start) and each undated event finds the ones inside its span with two
binary searches.  Events and their "date as written" are built on demand
from the rows, so a long list costs two int arrays until someone reads it.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from desktop_app.core.store import EventStore, TimexStore
from desktop_app.core.store.times import NONE


class UnplacedEvents(Sequence):
    """Read-only sequence of the unplaced ``Event`` objects, built from store rows when read."""

    def __init__(self, store: EventStore | None = None, rows: np.ndarray | None = None):
        self.store = store
        self.rows = np.zeros(0, np.int64) if rows is None else rows

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        return self.store[int(self.rows[k])]


class UnplacedTexts(Sequence):
    """The date as written for each unplaced event: its date's words, or its year-unknown timexes joined."""

    def __init__(self, store: EventStore | None = None, timexes: TimexStore | None = None,
                 rows: np.ndarray | None = None, ptr: np.ndarray | None = None, timex_rows: np.ndarray | None = None):
        self.store, self.timexes = store, timexes
        self.rows = np.zeros(0, np.int64) if rows is None else rows
        self.ptr = np.zeros(len(self.rows) + 1, np.int64) if ptr is None else ptr
        self.timex_rows = np.zeros(0, np.int64) if timex_rows is None else timex_rows

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        k = range(len(self))[k]
        lo, hi = int(self.ptr[k]), int(self.ptr[k + 1])
        if hi > lo:
            return ", ".join(self.timexes.text(int(t)) for t in self.timex_rows[lo:hi])
        row, c, codes = int(self.rows[k]), self.store.c, self.store.codes
        return codes["text"].get(int(c["date_text"][row])) or codes["value"].values[int(c["date_value"][row])]


def year_unknown_rows(store: EventStore, timexes: TimexStore) -> tuple[UnplacedEvents, UnplacedTexts]:
    """The unplaced events of a compact corpus, in store order, with each one's date as written."""
    c = store.c
    no_interval = np.flatnonzero((c["date_value"] >= 0) & (c["date_start"] == NONE))
    ev_rows, tx_rows = _undated_with_year_unknown(store, timexes)
    with_timex, counts = np.unique(ev_rows, return_counts=True)
    rows = np.union1d(no_interval, with_timex).astype(np.int64)
    per_row = np.zeros(len(rows), np.int64)
    per_row[np.searchsorted(rows, with_timex)] = counts
    ptr = np.zeros(len(rows) + 1, np.int64)
    np.cumsum(per_row, out=ptr[1:])
    return UnplacedEvents(store, rows), UnplacedTexts(store, timexes, rows, ptr, tx_rows)


def _undated_with_year_unknown(store: EventStore, timexes: TimexStore) -> tuple[np.ndarray, np.ndarray]:
    """(event row, timex row) pairs: an undated event and a year-unknown timex inside its sentence.

    Sorted by event row, then timex row (the corpus order the list shows them in).
    """
    empty = (np.zeros(0, np.int64), np.zeros(0, np.int64))
    tc, c = timexes.c, store.c
    yu = np.flatnonzero(tc["year_unknown"] != 0)
    undated = np.flatnonzero(c["date_value"] < 0)
    if not len(yu) or not len(undated):
        return empty
    # (document, offset) packed in one int64: documents share one code table across the stores.
    tkey = (tc["doc"][yu].astype(np.int64) << 32) | tc["start"][yu].astype(np.int64)
    order = np.argsort(tkey, kind="stable")
    yu, tkey = yu[order], tkey[order]
    doc = c["doc"][undated].astype(np.int64) << 32
    lo = np.searchsorted(tkey, doc | c["start"][undated].astype(np.int64), "left")
    hi = np.searchsorted(tkey, doc | c["end"][undated].astype(np.int64), "right")
    n = hi - lo
    has = n > 0
    undated, lo, n = undated[has], lo[has], n[has]
    if not len(undated):
        return empty
    total = int(n.sum())
    first = np.repeat(np.cumsum(n) - n, n)
    pe = np.repeat(undated, n)
    pt = yu[np.repeat(lo, n) + np.arange(total) - first]
    inside = tc["end"][pt] <= c["end"][pe]
    pe, pt = pe[inside], pt[inside]
    order = np.lexsort((pt, pe))
    return pe[order], pt[order]
