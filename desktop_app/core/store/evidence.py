"""Ties computed from an ``EventStore`` with array operations, and their evidence kept as row numbers.

At a million events the ties' evidence lists hold millions of event ids;
as Python strings that is hundreds of megabytes.  ``EvidenceIds`` is a
read-only sequence of event ids backed by a slice of one shared int32 array
of event rows (``EvidenceTable``), so a tie costs two small objects however
much it holds.
"""
from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import Optional

import numpy as np

from desktop_app.core.memory import gc_paused
from desktop_app.core.model import Tie
from desktop_app.core.store.events import EventStore
from desktop_app.core.store.sequence import ColumnSequence

# A place-place pair counts this much per shared event (see core.network, which uses it too).
PLACE_PAIR_WEIGHT = 0.5


class EvidenceTable:
    """Every tie's evidence rows in one int32 array (``rows[ptr[k]:ptr[k + 1]]`` belong to tie ``k``).

    One shared table rather than an array per tie: at 400k ties, a numpy
    array each costs over 100 bytes of header alone, and pickling them one by
    one multiplies that.
    """

    __slots__ = ("rows", "ptr", "ids")

    def __init__(self, rows: np.ndarray, ptr: np.ndarray, ids: Sequence[str]):
        self.rows, self.ptr, self.ids = rows, ptr, ids

    def __reduce__(self):
        return (EvidenceTable, (self.rows, self.ptr, self.ids))


class EvidenceIds(ColumnSequence):
    """The event ids behind one tie, read from an ``EvidenceTable`` on demand."""

    __slots__ = ("_table", "_k")

    def __init__(self, table, k):
        """``EvidenceIds(table, k)`` for tie ``k`` of a shared table, or ``EvidenceIds(rows, ids)`` alone."""
        if not isinstance(table, EvidenceTable):
            rows = np.asarray(table, np.int32)
            table, k = EvidenceTable(rows, np.array([0, len(rows)], np.int64), k), 0
        self._table = table
        self._k = k

    @property
    def rows(self) -> np.ndarray:
        """The event rows (indexes into the store) behind this evidence."""
        t = self._table
        return t.rows[t.ptr[self._k]:t.ptr[self._k + 1]]

    def __len__(self) -> int:
        t = self._table
        return int(t.ptr[self._k + 1] - t.ptr[self._k])

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._table.ids[int(r)] for r in self.rows[i]]
        return self._table.ids[int(self.rows[i])]

    def __iter__(self):
        ids = self._table.ids
        for r in self.rows.tolist():
            yield ids[r]

    def __repr__(self) -> str:
        return repr(list(self)) if len(self) <= 8 else f"<{len(self)} event ids>"

    def __reduce__(self):
        return (EvidenceIds, (self._table, self._k))


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


def actor_ranks(store: EventStore) -> tuple[np.ndarray, list[str]]:
    """(rank of each actor code in the ids' string order, actor id of each rank): sorted ranks sort ids."""
    actor_values = store.codes["actor"].values
    n_codes = len(actor_values)
    by_name = np.argsort(np.array(actor_values, dtype=object), kind="stable") if n_codes else np.zeros(0, np.int64)
    rank = np.empty(n_codes, np.int64)
    rank[by_name] = np.arange(n_codes)
    return rank, [actor_values[c] for c in by_name.tolist()]


def ties_from_store(store: EventStore, types: Optional[dict[str, str]] = None) -> "TieArrays":
    """The same ties as ``core.network.ties_from_events`` (same order, weights, evidence), vectorised,
    as a ``TieArrays`` sequence."""
    rank, names = actor_ranks(store)
    owner, r = event_actor_pairs(store, rank)
    return ties_from_pairs(owner, r, len(store), names, store.ids, types)


def ties_from_pairs(owner: np.ndarray, r: np.ndarray, n_rows: int, names: list[str], ids: Sequence[str],
                    types: Optional[dict[str, str]] = None) -> "TieArrays":
    """Ties from distinct (event row, actor rank) pairs sorted by row then rank (``event_actor_pairs``,
    or any row subset of it): one per pair of ranks sharing a row, ordered by (source, target) id,
    weight = rows shared (place pairs weakened when ``types`` is given), evidence = those rows ascending."""
    place = np.array([bool(types) and types.get(n) == "location" for n in names], bool) if types else None
    return tie_arrays(owner, r, n_rows, names, ids, place)


class TieArrays(ColumnSequence):
    """Ties as arrays: tie ``k`` joins actors ``names[source[k]]`` and ``names[target[k]]``, shares
    ``count[k]`` events, weighs ``weight[k]`` (``count`` with place-place pairs weakened as corpus ties
    are, when actor places were given), and its evidence rows are
    ``table.rows[table.ptr[k]:table.ptr[k + 1]]``.

    It is also a read-only ``Sequence[Tie]`` whose items are built on demand, which is how a compact
    corpus holds its ties: 400k ``Tie`` objects with their evidence cost about 200 MB, these arrays a
    few dozen.  Adding a list to it gives a list (edits build new lists; they never mutate it).
    """

    __slots__ = ("names", "source", "target", "count", "table", "weight")

    def __init__(self, names: list[str], source: np.ndarray, target: np.ndarray, count: np.ndarray,
                 table: EvidenceTable, weight: Optional[np.ndarray] = None):
        self.names, self.source, self.target, self.count, self.table = names, source, target, count, table
        self.weight = np.asarray(count, np.float64) if weight is None else weight

    def __len__(self) -> int:
        return len(self.source)

    def _item(self, k: int) -> Tie:
        return Tie(self.names[self.source[k]], self.names[self.target[k]], float(self.weight[k]),
                   EvidenceIds(self.table, k))

    def __iter__(self):
        return iter(self.ties())

    def __repr__(self) -> str:
        return f"<TieArrays of {len(self)} ties>"

    def __reduce__(self):
        return (TieArrays, (self.names, self.source, self.target, self.count, self.table, self.weight))

    def ties(self) -> list[Tie]:
        """``Tie`` objects with the arrays' weights and evidence."""
        names, table, out = self.names, self.table, []
        with gc_paused():
            for k, (w, ra, rb) in enumerate(zip(self.weight.tolist(), self.source.tolist(), self.target.tolist())):
                out.append(Tie(names[ra], names[rb], w, EvidenceIds(table, k)))
        return out


def pack_ties(ties, store: EventStore):
    """``ties`` (any sequence of ``Tie``) as ``TieArrays`` over ``store``, order kept; returned unchanged
    when some tie's evidence names an event the store does not hold (e.g. a hand-made tie is fine: it
    has no evidence, but an id from another corpus is not)."""
    if isinstance(ties, TieArrays) and ties.table.ids is store.ids:
        return ties
    ties = list(ties)
    codes: dict[str, int] = {}
    names: list[str] = []
    src = np.empty(len(ties), np.int32)
    dst = np.empty(len(ties), np.int32)
    weight = np.empty(len(ties), np.float64)
    rows, ptr = [], np.zeros(len(ties) + 1, np.int64)
    for k, t in enumerate(ties):
        for arr, who in ((src, t.source), (dst, t.target)):
            c = codes.get(who)
            if c is None:
                c = codes[who] = len(names)
                names.append(who)
            arr[k] = c
        weight[k] = t.weight
        ev = t.events
        if isinstance(ev, EvidenceIds) and ev._table.ids is store.ids:
            r = ev.rows
        else:
            found = [store.index_of(x) for x in ev]
            if any(f is None for f in found):
                return ties
            r = np.asarray(found, np.int32)
        rows.append(r)
        ptr[k + 1] = ptr[k] + len(r)
    table = EvidenceTable(np.concatenate(rows).astype(np.int32) if rows else np.zeros(0, np.int32), ptr, store.ids)
    return TieArrays(names, src, dst, np.diff(ptr), table, weight)


def tie_arrays(owner: np.ndarray, r: np.ndarray, n_rows: int, names: list[str], ids: Sequence[str],
               place: Optional[np.ndarray] = None) -> TieArrays:
    """``ties_from_pairs`` without building the ties.  Costs O(pairs given), not O(store), so a small
    selection's sub-network is cheap.  ``place[rank]`` marks locations, whose pairs weigh
    ``PLACE_PAIR_WEIGHT`` per shared event as in the corpus's own ties."""
    first = np.concatenate([[0], np.flatnonzero(owner[1:] != owner[:-1]) + 1]) if len(owner) else np.zeros(0, int)
    run = np.diff(np.concatenate([first, [len(owner)]]))      # each row's run of pairs
    pa, pb, pe = [], [], []
    for k in np.unique(run[run >= 2]).tolist():
        at = first[run == k]
        rows = owner[at]
        block = r[at[:, None] + np.arange(k)]          # (m, k) ranks, ascending per row
        for i, j in combinations(range(k), 2):
            pa.append(block[:, i])
            pb.append(block[:, j])
            pe.append(rows)
    if not pa:
        none = np.zeros(0, np.int64)
        return TieArrays(names, none, none, none, EvidenceTable(np.zeros(0, np.int32), np.zeros(1, np.int64), ids))
    a, b, e = _sorted_triples(np.concatenate(pa), np.concatenate(pb), np.concatenate(pe), len(names), n_rows)
    cut = np.flatnonzero((a[1:] != a[:-1]) | (b[1:] != b[:-1])) + 1
    lo = np.concatenate([[0], cut])
    ptr = np.concatenate([lo, [len(a)]]).astype(np.int64)
    count = np.diff(ptr)
    weight = count.astype(np.float64)
    if place is not None and len(a):
        weight[place[a[lo]] & place[b[lo]]] *= PLACE_PAIR_WEIGHT
    return TieArrays(names, a[lo], b[lo], count, EvidenceTable(e, ptr, ids), weight)


def _sorted_triples(a: np.ndarray, b: np.ndarray, e: np.ndarray, n_ranks: int, n_rows: int):
    """(a, b, e) ordered by a, then b, then e; e as int32 rows."""
    if n_ranks * n_ranks * max(n_rows, 1) < 2 ** 62:
        # One int64 key sorts several times faster than a three-key lexsort plus gathers.
        key = (a.astype(np.int64) * n_ranks + b) * n_rows + e
        key.sort()
        ab = key // n_rows
        return ab // n_ranks, ab % n_ranks, (key % n_rows).astype(np.int32)
    order = np.lexsort((e, b, a))
    return a[order], b[order], e[order].astype(np.int32)
