"""Finding a row by its string id without a million-entry dict.

A ``dict`` from a million ids to rows costs over 100 MB; this keeps one
int64 hash per row, sorted, and checks the (rare) hash collisions against
the ids themselves.  Built on first use.
"""
from __future__ import annotations

from itertools import repeat
from typing import Optional, Sequence

import numpy as np


class IdIndex:
    __slots__ = ("_ids", "_hash", "_rows")

    def __init__(self, ids: Sequence[str]):
        self._ids = ids
        h = np.fromiter((hash(s) for s in ids), dtype=np.int64, count=len(ids))
        self._rows = np.argsort(h, kind="stable").astype(np.int32)     # held with the store: half of int64's
        self._hash = h[self._rows]

    def find(self, key: str) -> Optional[int]:
        if not isinstance(key, str):
            return None
        h = hash(key)
        lo = int(np.searchsorted(self._hash, h, "left"))
        hi = int(np.searchsorted(self._hash, h, "right"))
        for k in range(lo, hi):
            row = int(self._rows[k])
            if self._ids[row] == key:
                return row
        return None

    def find_many(self, keys: Sequence) -> np.ndarray:
        """Rows of many ids at once (int64, -1 for an id not held): one vectorised search over the sorted
        hashes instead of two per id, so selecting a happening's thousands of reports (an aggregate mark
        at a million events) stays one pass.  Each candidate is checked against its id, as ``find`` does."""
        keys = list(keys)
        n = len(keys)
        out = np.full(n, -1, np.int64)
        if not n or not len(self._hash):
            return out
        text = np.fromiter(map(isinstance, keys, repeat(str)), bool, count=n)
        h = np.fromiter(map(hash, keys), np.int64, count=n)      # ids are str (None at worst): hashable
        # Keys searched in hash order: sorted queries walk the sorted hashes in one direction (a random
        # order misses the cache at every step: three times slower at a million ids).
        by_hash = np.argsort(h, kind="stable")
        lo = np.empty(n, np.int64)
        lo[by_hash] = np.searchsorted(self._hash, h[by_hash], "left")
        last = len(self._hash) - 1
        found = self._hash[np.minimum(lo, last)] == h
        # More than one row with this hash (a collision, rare): ``find`` checks each.
        many = found & (lo < last) & (self._hash[np.minimum(lo + 1, last)] == h)
        cand = self._rows[np.minimum(lo, last)]
        single = np.flatnonzero(text & found & ~many)
        if len(single):
            picked = [keys[k] for k in single.tolist()]
            match = getattr(self._ids, "matches", None)
            if match is not None:       # a StringColumn compares them all as bytes in one pass
                ok = match(cand[single], picked)
            else:
                ids = self._ids
                ok = np.array([ids[r] == k for r, k in zip(cand[single].tolist(), picked)], bool)
            out[single[ok]] = cand[single[ok]]
        for i in np.flatnonzero(text & many).tolist():    # a hash collision: check each candidate
            found = self.find(keys[i])
            out[i] = -1 if found is None else found
        return out
