"""Union-find over the integers 0..n-1, growing one item at a time.

Path halving keeps ``find`` near constant; a union keeps the smaller root, so each set is named
by its earliest item (the first-seen actor entry, the first-founded happening).
"""
from __future__ import annotations

import numpy as np


class UnionFind:
    def __init__(self, n: int = 0) -> None:
        self.parent = list(range(n))

    def add(self) -> int:
        """A new item in a set of its own; returns it."""
        i = len(self.parent)
        self.parent.append(i)
        return i

    def find(self, x: int) -> int:
        p = self.parent
        while p[x] != x:
            p[x] = p[p[x]]
            x = p[x]
        return x

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return ra

    def roots(self) -> list[int]:
        """Every item's root at once (pointer jumping over an array; the tree is not changed)."""
        p = np.asarray(self.parent, dtype=np.int64)
        while True:
            pp = p[p]
            if np.array_equal(pp, p):
                return p.tolist()
            p = pp
