"""Finding a row by its string id without a million-entry dict.

A ``dict`` from a million ids to rows costs over 100 MB; this keeps one
int64 hash per row, sorted, and checks the (rare) hash collisions against
the ids themselves.  Built on first use.
"""
from __future__ import annotations

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
