"""Happenings after documents are added: the known grouping kept, only the new events grouped.

Extraction merges all documents again when one is added (actor codes and event rows are
renumbered), so a grouping cannot be extended by row or by code. It is carried by event id
instead: every document of the previous corpus is still there unchanged, its events are the same
ids in the same order, so each old row maps to a new row per document (array arithmetic, no
dictionary of a million ids). The features are computed over the new corpus (its actor and
document codes), the old assignment is seeded into a ``HappeningIndex`` without grouping
(``from_groups``), and ``add`` groups the new documents' events into it. Existing happenings keep
their ids and reports; a new report may join one (or bridge two that fit each other, as ``add``
always may).

Anything else falls back to grouping everything (``None`` here): a document removed or changed
(text, creation time, publication), events of an old document that differ in number, or
happenings the analyst corrected (merges and splits live in the workspace's edits and are
replayed on the extraction's grouping, so they must not be baked into it).
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from desktop_app.core.model import Corpus, Document

from .features import event_columns, event_features
from .grouping import HappeningIndex
from .records import Happenings


def _same_input(a: Document, b: Document) -> bool:
    """Extraction reads the same thing from both (the fields its result copies from the document)."""
    if a is b:
        return True
    return (a.dct, a.dct_precision, a.publication, a.title, a.path, a.kind) == \
        (b.dct, b.dct_precision, b.publication, b.title, b.path, b.kind) and \
        (a.sha256 == b.sha256 if a.sha256 and b.sha256 else a.text == b.text)


def _grouping_of(previous: Optional[Corpus]) -> Optional[Happenings]:
    h = getattr(previous, "happenings", None) if previous is not None else None
    if h is None or getattr(h, "events", None) is not previous.events or len(h.of_event) != len(previous.events):
        return None
    if h.corrected:
        return None
    return h


def _row_map(old_store, new_store) -> Optional[np.ndarray]:
    """The new row of each old row (old documents' events in the same order), or None if one differs."""
    old_docs = old_store.codes["doc"].values
    new_docs = new_store.codes["doc"].values
    code = {d: i for i, d in enumerate(new_docs)}
    m = np.array([code.get(d, -1) for d in old_docs] or [0], np.int64)
    oc = np.asarray(old_store.c["doc"], np.int64)
    nc = np.asarray(new_store.c["doc"], np.int64)
    o_cnt = np.bincount(oc, minlength=len(old_docs))
    n_cnt = np.bincount(nc, minlength=len(new_docs))
    has = o_cnt > 0
    if np.any(m[has] < 0) or np.any(n_cnt[m[has]] != o_cnt[has]):
        return None
    o_order = np.argsort(oc, kind="stable")
    n_order = np.argsort(nc, kind="stable")
    o_start = np.cumsum(o_cnt) - o_cnt
    n_start = np.cumsum(n_cnt) - n_cnt
    d = oc[o_order]
    within = np.arange(len(oc)) - o_start[d]
    out = np.empty(len(oc), np.int64)
    out[o_order] = n_order[n_start[m[d]] + within]
    # The same events: same spans and dates (a document read again differently is not "unchanged").
    for col in ("start", "end", "date_start", "date_end"):
        if col in old_store.c and not np.array_equal(old_store.c[col], new_store.c[col][out]):
            return None
    return out


def _founders(h: Happenings) -> Optional[np.ndarray]:
    """Each happening's founding row: kept by grouping, else the member its id names (a grouping
    read from a workspace file); None when an id names none of its members (not a grouping's id)."""
    rows = h.founders
    if rows is not None and len(rows) == len(h.ids):
        return np.asarray(rows, np.int64)
    order, ptr, ids = h._order.tolist(), h._ptr.tolist(), h._event_ids
    out = np.empty(len(h.ids), np.int64)
    for k, hid in enumerate(h.ids):
        want = hid[2:] if hid.startswith("h:") else None
        for r in order[ptr[k]:ptr[k + 1]]:
            if ids[r] == want:
                out[k] = r
                break
        else:
            return None
    return out


def added_happenings(corpus: Corpus, previous: Optional[Corpus]) -> Optional[Happenings]:
    """``corpus``'s happenings grouped from ``previous``'s plus its new documents' events alone.

    None when ``corpus`` is not ``previous`` with documents added (see the module doc): the caller
    groups everything then.
    """
    h = _grouping_of(previous)
    if h is None:
        return None
    mine = {d.id: d for d in corpus.documents}
    for d in previous.documents:
        now = mine.get(d.id)
        if now is None or not _same_input(d, now):
            return None
    old_store, store = event_columns(previous), event_columns(corpus)
    new_row = _row_map(old_store, store)
    if new_row is None:
        return None
    old_founders = _founders(h)
    if old_founders is None:
        return None
    founders = new_row[old_founders]
    of_event = np.full(len(store), -1, np.int32)
    of_event[new_row] = h.of_event
    f = event_features(corpus, store)
    try:
        index = HappeningIndex.from_groups(f, store.ids, of_event, founders, h.ids)
    except ValueError:          # a stored grouping with an empty happening: not one grouping made
        return None
    index.add()
    out = Happenings(index.of_event, index.happening_ids(), store.ids, store.labels, f)
    out.events = corpus.events
    out.founders = index.founder_rows()
    out.replayed = index.replayed          # what extending cost (reports of the new events' action keys)
    return out
