"""Lookups the views share: one ``FilterIndex`` per corpus, and the event ids they named lately.

At a million events an index costs seconds and tens of megabytes; each
view building its own doubled both.  The one index is the last corpus's,
as ``figures.subset.index_for`` keeps it for exports (keyed by the corpus
object): the table, the status bar, the network view and exports share it.
"""
from __future__ import annotations

import weakref
from typing import Optional

import numpy as np

from desktop_app.core.filtering import FilterIndex
from desktop_app.core.model import Corpus
from desktop_app.figures.subset import index_for


def filter_index_for(corpus: Corpus) -> FilterIndex:
    """The index of ``corpus``: the one figure exports keep too, so a preview does not build another."""
    return index_for(corpus)


def filter_index(state) -> FilterIndex:
    """The shared index of ``state.corpus``."""
    return filter_index_for(state.corpus)


# Event ids the views handed out lately (a row clicked in the table, a mark in the timeline), by store row.
# The store's own id index hashes every id the first time it is asked (seconds at a million events); the
# id a view just named comes straight back as the selection, so the first click need not pay for that.
# The store is held weakly: a replaced corpus must not stay in memory for this.
_RECENT_LIMIT = 4096
_recent: tuple = (lambda: None, {})


def remember_row(store, event_id: str, row: int) -> None:
    global _recent
    owner, rows = _recent
    if owner() is not store or len(rows) >= _RECENT_LIMIT:
        rows = {}
        _recent = (weakref.ref(store), rows)
    rows[event_id] = row


def row_of(store, event_id) -> Optional[int]:
    """The store row of ``event_id`` (None when absent): a recently named id first, else the store's index."""
    if not isinstance(event_id, str):
        return None
    owner, rows = _recent
    if owner() is store:
        row = rows.get(event_id)
        if row is not None:
            return row
    return store.index_of(event_id)


def rows_of(store, event_ids) -> np.ndarray:
    """Store rows of many event ids in one batch (int64, -1 when absent): the store's vectorised lookup
    (``EventStore.indexes_of``) rather than ``row_of`` per id; a list of ``Event`` is searched once."""
    ids = list(event_ids)
    find_many = getattr(store, "indexes_of", None)
    if find_many is not None:
        return find_many(ids)
    find = getattr(store, "index_of", None)
    if find is None:
        where = {e.id: i for i, e in enumerate(store)}
        find = where.get
    return np.array([-1 if r is None else r for r in (find(e) if isinstance(e, str) else None for e in ids)],
                    np.int64)
