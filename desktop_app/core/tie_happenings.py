"""What a tie's evidence amounts to in happenings: one count for the network view and the exports.

A tie's evidence is its events (store rows); each belongs to at most one happening
(``corpus.happenings``, with the analyst's merges and splits).  Its happening count is the number
of distinct happenings among those rows, its report count the rows themselves: twenty reports
of one bombing are one thing Kenya and Tanzania share.  A row outside any happening (number -1)
counts as a report only, as the network view counts it.
"""
from __future__ import annotations

import numpy as np


def current_happenings(corpus):
    """``corpus.happenings`` when they describe its events, else None (no grouping here: that is the workspace's)."""
    h = getattr(corpus, "happenings", None)
    return h if h is not None and getattr(h, "events", None) is corpus.events else None


def happenings_among(h, rows: np.ndarray) -> int:
    """How many distinct happenings of ``h`` the store ``rows`` belong to."""
    rows = np.asarray(rows, dtype=np.int64)
    if not len(rows):
        return 0
    hap = h.of_event[rows]
    return int(len(np.unique(hap[hap >= 0])))
