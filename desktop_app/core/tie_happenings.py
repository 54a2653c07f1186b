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


def happenings_per_tie(h, rows: np.ndarray, ptr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(happenings, reports) per tie whose evidence rows are ``rows[ptr[k]:ptr[k + 1]]``.

    One pass over every tie's evidence at once (the network view and the network figure both count
    this way, so a figure's tie widths are the screen's).
    """
    rows = np.asarray(rows, dtype=np.int64)
    ptr = np.asarray(ptr, dtype=np.int64)
    n_ties = max(0, len(ptr) - 1)
    reports = np.diff(ptr)
    owner = np.repeat(np.arange(n_ties, dtype=np.int64), reports)
    hap = h.of_event[rows].astype(np.int64) if len(rows) else np.zeros(0, np.int64)
    ok = hap >= 0
    n_h = max(len(h), 1)
    # Distinct (tie, happening) pairs by sorting (np.unique's hash path took 0.6 s at 160k rows).
    pairs = np.sort(owner[ok] * n_h + hap[ok])
    if len(pairs):
        pairs = pairs[np.concatenate([[True], pairs[1:] != pairs[:-1]])]
    happenings = np.bincount(pairs // n_h, minlength=n_ties)[:n_ties] if len(pairs) else np.zeros(n_ties, np.int64)
    return happenings, reports


def weight_by_happenings(weight: np.ndarray, happenings: np.ndarray, reports: np.ndarray) -> np.ndarray:
    """Tie weights that count happenings: the corpus weight scaled by happenings / reports, which keeps its
    own weighting (place-place pairs count half) and leaves ties without evidence (imported, hand-made) as
    they are."""
    weight = np.asarray(weight, dtype=np.float64)
    return np.where(reports > 0, weight * happenings / np.maximum(reports, 1), weight)


def shared_text(happenings: int, reports: int) -> str:
    """What a tie shares, happenings first and reports second: "3 happenings (41 reports)"."""
    return (f"{happenings:,} happening{'s' if happenings != 1 else ''} "
            f"({reports:,} report{'s' if reports != 1 else ''})")
