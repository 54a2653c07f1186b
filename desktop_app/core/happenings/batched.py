"""Grouping a large corpus a few action keys at a time, so grouping's working state stays small.

Grouping never compares events of different action keys (a happening's reports share its key),
so the keys can be grouped one batch after another, each batch's ``HappeningIndex`` (happening
states, its day, participant and document lists, all Python objects) dropped once its
happenings are read out as arrays. At a million events one index over every event held about
1 GB at its peak. The happenings are then numbered in founding order (their first report in
the order ``HappeningIndex.add`` places events), as one index over every event numbers them, so
the result is the same as grouping everything at once.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from desktop_app.core.memory import gc_paused

from .features import UNBOUNDED_LO, EventFeatures
from .grouping import HappeningIndex, document_context

BATCH = 50_000       # events grouped per index (whole action keys; a larger key is one batch)


def founding_order(f: EventFeatures, founders: np.ndarray) -> np.ndarray:
    """The order in which one index over every event founds happenings with these founding rows: the
    order ``HappeningIndex.add`` places events (earliest first, bounded dates first, document, row)."""
    unb = (f.lo[founders] <= UNBOUNDED_LO).astype(np.int64)
    return np.lexsort((founders, f.doc[founders], f.lo[founders], unb))


def group_rows(f: EventFeatures, event_ids, rows: Optional[np.ndarray] = None) -> tuple[np.ndarray, np.ndarray]:
    """The events at ``rows`` (every event when None) grouped: (happening number per event row, -1 for
    rows not given; founding row per happening), happenings numbered in founding order."""
    n = len(f)
    # Row and happening numbers as int32 while the batches run: these live beside every batch's index
    # (the peak of grouping a million events, on top of the window's views).
    rows = np.arange(n, dtype=np.int32) if rows is None else np.asarray(rows, np.int64).astype(np.int32)
    of = np.full(n, -1, np.int32)
    key = f.key_code[rows]
    lone = rows[key < 0]                # no action: a happening of its own, nothing to compare
    of[lone] = np.arange(len(lone))
    founders = [lone]
    base = len(lone)
    keyed = rows[key >= 0]
    del rows, key
    keyed = keyed[np.argsort(f.key_code[keyed], kind="stable")]
    ends = np.flatnonzero(np.diff(f.key_code[keyed])) + 1      # where each key's rows end
    start = 0
    context = document_context(f, f.doc[keyed])      # read once for every batch (per batch it was 1 s at 1M)
    # The collector stays paused across the batches: each batch's index is freed by reference
    # counting, while a collection on resuming after every batch walked its millions of objects.
    with gc_paused():
        for end in [*ends.tolist(), len(keyed)]:
            if end == start or (end - start < BATCH and end < len(keyed)):
                continue                    # the next key joins this batch
            batch = keyed[start:end]
            index = HappeningIndex(f, event_ids)
            index.add(batch, context)
            mine, first = index.of_rows(batch)
            of[batch] = mine + base
            founders.append(first)
            base += len(first)
            del index
            start = end
    founders = np.concatenate(founders).astype(np.int64)
    order = founding_order(f, founders)
    number = np.empty(len(founders), np.int64)
    number[order] = np.arange(len(founders))
    return np.where(of >= 0, number[np.clip(of, 0, None)], -1), founders[order]
