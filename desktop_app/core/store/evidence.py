"""Ties computed from an ``EventStore`` with array operations, and their evidence kept as row numbers.

At a million events the ties' evidence lists hold millions of event ids;
as Python strings that is hundreds of megabytes.  ``EvidenceIds`` is a
read-only sequence of event ids backed by a slice of one shared int32 array
of event rows, so a tie costs two small objects however much it holds.
"""
from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import Optional

import numpy as np

from desktop_app.core.model import Tie
from desktop_app.core.store.events import EventStore

PLACE_PAIR_WEIGHT = 0.5   # kept equal to core.network.PLACE_PAIR_WEIGHT (tests check both agree)


class EvidenceIds(Sequence):
    __slots__ = ("_rows", "_ids")

    def __init__(self, rows: np.ndarray, ids: Sequence[str]):
        self._rows = rows
        self._ids = ids

    @property
    def rows(self) -> np.ndarray:
        """The event rows (indexes into the store) behind this evidence."""
        return self._rows

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._ids[int(r)] for r in self._rows[i]]
        return self._ids[int(self._rows[i])]

    def __iter__(self):
        ids = self._ids
        for r in self._rows.tolist():
            yield ids[r]

    def __eq__(self, other) -> bool:
        if isinstance(other, (list, tuple, EvidenceIds)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None

    def __add__(self, other):
        return list(self) + list(other)

    def __radd__(self, other):
        return list(other) + list(self)

    def __repr__(self) -> str:
        return repr(list(self)) if len(self) <= 8 else f"<{len(self)} event ids>"

    def __reduce__(self):
        return (EvidenceIds, (self._rows, self._ids))


def event_actor_pairs(store: EventStore, rank: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(event row, actor rank) once per distinct actor of each event, sorted by row then rank."""
    ptr = store.c["actor_ptr"]
    owner = np.repeat(np.arange(len(store), dtype=np.int64), np.diff(ptr))
    r = rank[store.c["actor"]].astype(np.int64)
    order = np.lexsort((r, owner))
    owner, r = owner[order], r[order]
    keep = np.ones(len(owner), bool)
    keep[1:] = (owner[1:] != owner[:-1]) | (r[1:] != r[:-1])
    return owner[keep], r[keep]


def ties_from_store(store: EventStore, types: Optional[dict[str, str]] = None) -> list[Tie]:
    """The same ties as ``core.network.ties_from_events`` (same order, weights, evidence), vectorised."""
    actor_values = store.codes["actor"].values
    n_codes = len(actor_values)
    by_name = np.argsort(np.array(actor_values, dtype=object), kind="stable") if n_codes else np.zeros(0, np.int64)
    rank = np.empty(n_codes, np.int64)
    rank[by_name] = np.arange(n_codes)
    owner, r = event_actor_pairs(store, rank)
    counts = np.bincount(owner, minlength=len(store)) if len(owner) else np.zeros(len(store), np.int64)
    starts = np.concatenate([[0], np.cumsum(counts)])
    pa, pb, pe = [], [], []
    for k in np.unique(counts[counts >= 2]).tolist():
        rows = np.flatnonzero(counts == k)
        block = r[starts[rows][:, None] + np.arange(k)]          # (m, k) ranks, ascending per row
        for i, j in combinations(range(k), 2):
            pa.append(block[:, i])
            pb.append(block[:, j])
            pe.append(rows)
    if not pa:
        return []
    a, b, e = np.concatenate(pa), np.concatenate(pb), np.concatenate(pe)
    order = np.lexsort((e, b, a))
    a, b, e = a[order], b[order], e[order].astype(np.int32)
    cut = np.flatnonzero((a[1:] != a[:-1]) | (b[1:] != b[:-1])) + 1
    lo = np.concatenate([[0], cut])
    hi = np.concatenate([cut, [len(a)]])
    names = [actor_values[c] for c in by_name.tolist()]         # rank -> actor id
    out = []
    for s, t, ra, rb in zip(lo.tolist(), hi.tolist(), a[lo].tolist(), b[lo].tolist()):
        x, y = names[ra], names[rb]
        per = PLACE_PAIR_WEIGHT if types and types.get(x) == types.get(y) == "location" else 1.0
        out.append(Tie(x, y, per * (t - s), EvidenceIds(e[s:t], store.ids)))
    return out


def evidence_for(ids: Sequence[str], store: EventStore):
    """``ids`` as ``EvidenceIds`` when every one is in ``store``, else unchanged."""
    if isinstance(ids, EvidenceIds):
        return ids
    rows = [store.index_of(x) for x in ids]
    if any(r is None for r in rows):
        return ids
    return EvidenceIds(np.asarray(rows, np.int32), store.ids)
