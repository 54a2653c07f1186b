"""What a tie's evidence amounts to in happenings: one count for the network view and the exports.

A tie's evidence is its events (store rows); each belongs to at most one happening
(``corpus.happenings``, with the analyst's merges and splits).  Its happening count is the number
of distinct happenings among those rows, its report count the rows themselves: twenty reports
of one bombing are one thing Kenya and Tanzania share.  A row outside any happening (number -1)
counts as a report only, as the network view counts it.
"""
from __future__ import annotations

from typing import Optional

import numpy as np


def current_happenings(corpus, n_rows: Optional[int] = None):
    """``corpus.happenings`` when they describe its events, else None (no grouping here: that is the workspace's).

    ``n_rows``: the caller's event store length; happenings of another length (a store built apart
    from them) are not these rows' either.
    """
    h = getattr(corpus, "happenings", None)
    if h is None or getattr(h, "events", None) is not corpus.events:
        return None
    return None if n_rows is not None and len(h.of_event) != n_rows else h


def happenings_among(h, rows: np.ndarray) -> int:
    """How many distinct happenings of ``h`` the store ``rows`` belong to."""
    rows = np.asarray(rows, dtype=np.int64)
    if not len(rows):
        return 0
    hap = h.of_event[rows]
    return int(len(np.unique(hap[hap >= 0])))
