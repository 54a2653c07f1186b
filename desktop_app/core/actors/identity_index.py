"""The identity step's arrays: which entries make each record, and which names each document writes.

The identity step (``identity.py``) decides which document actors are one;
this module only holds the bookkeeping it needs over every document-level
entry (1.5M of them for 1M events) as numpy arrays, so that grouping entries,
finding a record's documents and the names written beside it cost a few
vector operations rather than Python loops over every entry.
"""
from __future__ import annotations

import itertools
import math
from typing import Iterable, Sequence

import numpy as np


def intern(values: Sequence) -> tuple[np.ndarray, list]:
    """Each value's number (0, 1, ... in first-seen order) and the distinct values in that order."""
    seen: dict = {}
    # setdefault keeps the counter value of a value's first appearance: increasing, not contiguous.
    raw = np.fromiter(map(seen.setdefault, values, itertools.count()), dtype=np.int64, count=len(values))
    lut = np.zeros(len(values) + 1, dtype=np.int64)
    lut[np.fromiter(seen.values(), dtype=np.int64, count=len(seen))] = np.arange(len(seen))
    return lut[raw], list(seen)


def distinct(a: np.ndarray) -> np.ndarray:
    """Sorted distinct values (np.unique's hash path is many times slower on a million integers)."""
    if a.size < 2:
        return a.copy()
    a = np.sort(a)
    keep = np.empty(a.size, dtype=bool)
    keep[0] = True
    np.not_equal(a[1:], a[:-1], out=keep[1:])
    return a[keep]


def ranges(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The concatenation of range(s, e) for each pair, without a Python loop."""
    lengths = ends - starts
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.cumsum(lengths) - lengths
    return np.repeat(starts - offsets, lengths) + np.arange(total, dtype=np.int64)


class Records:
    """Entries grouped into records: record ``r`` is entries ``order[ptr[r]:ptr[r + 1]]``.

    ``entries`` holds one representative Entry per record; ``doc_at`` the
    document number of each position of ``order``; ``doc_names`` the documents.
    """

    def __init__(self, entries: list, order: np.ndarray, ptr: np.ndarray, doc_at: np.ndarray,
                 doc_names: list[str], lone: Sequence[tuple[int, int]] = ()) -> None:
        self.entries = entries
        # Runs of records [a, b) of one lone surname or pending word, one record per document:
        # their name, type and roles are the same, so most checks are made once per run.
        self.lone = list(lone)
        self.order = order
        self.ptr = ptr
        self.doc_at = doc_at
        self.doc_names = doc_names
        self.sizes: list[int] = np.diff(ptr).tolist()

    def members(self, r: int) -> list[int]:
        return self.order[self.ptr[r]:self.ptr[r + 1]].tolist()

    def doc_count(self, recs: list[int]) -> int:
        """How many documents the records' entries come from."""
        return len(self.docs(recs))

    def docs(self, recs: Iterable[int]) -> np.ndarray:
        """The documents (numbers, sorted, distinct) the given records' entries come from."""
        recs = list(recs)
        if len(recs) == 1:
            return distinct(self.doc_at[self.ptr[recs[0]]:self.ptr[recs[0] + 1]])
        r = np.asarray(recs, dtype=np.int64)
        return distinct(self.doc_at[ranges(self.ptr[r], self.ptr[r + 1])])

    def expand(self, rank: np.ndarray, n_groups: int) -> list[list[int]]:
        """Each record's group number -> groups of entry numbers (records in order, entries in theirs)."""
        at = np.repeat(rank, np.diff(self.ptr))
        flat = self.order[np.argsort(at, kind="stable")].tolist()
        out, p = [], 0
        for c in np.bincount(at, minlength=n_groups).tolist():
            out.append(flat[p:p + c])
            p += c
        return out


def collapse_plan(entries: list) -> tuple[np.ndarray, np.ndarray, list, np.ndarray, list[str]]:
    """Entries grouped by signature (name, type, pending, roles), in first-seen order.

    Returns ``order`` (entry numbers, signature by signature, each in entry
    order), ``starts`` (where each signature's run begins, plus the end), the
    signatures, each entry's document number, and the document names.
    """
    sig_of, sigs = intern([(e.name, e.type, e.pending, tuple(e.roles)) if e.roles else (e.name, e.type, e.pending)
                           for e in entries])
    doc_of, doc_names = intern([e.doc for e in entries])
    order = np.argsort(sig_of, kind="stable")
    starts = np.zeros(len(sigs) + 1, dtype=np.int64)
    np.cumsum(np.bincount(sig_of, minlength=len(sigs)), out=starts[1:])
    return order, starts, sigs, doc_of, doc_names


class DocNames:
    """Which name keys each document writes, how many documents write each key, and its weight.

    Keys are numbered in sorted order, so sorting numbers sorts the keys.
    """

    def __init__(self, recs: Records, rec_key: Sequence[int], n_keys: int) -> None:
        self.n_keys = n_keys
        at_key = np.repeat(np.asarray(rec_key, dtype=np.int64), np.diff(recs.ptr))
        keep = at_key >= 0
        pairs = distinct(recs.doc_at[keep].astype(np.int64) * max(1, n_keys) + at_key[keep])
        doc = pairs // max(1, n_keys)
        self.key = pairs % max(1, n_keys)
        self.ptr = np.searchsorted(doc, np.arange(len(recs.doc_names) + 1))
        self.df: list[int] = np.bincount(self.key, minlength=n_keys).tolist()
        n_docs = max(1, int(np.count_nonzero(np.diff(self.ptr))))
        # Rarer names beside say more.
        self.weight = [math.log(n_docs / v) + 0.1 if v else 0.0 for v in self.df]
        self._doc_cache: dict[int, frozenset] = {}

    def of_doc(self, d: int) -> frozenset:
        got = self._doc_cache.get(d)
        if got is None:
            got = self._doc_cache[d] = frozenset(self.key[self.ptr[d]:self.ptr[d + 1]].tolist())
        return got

    def of_docs(self, docs: np.ndarray) -> frozenset:
        """Every key written in any of the documents."""
        if len(docs) == 1:
            return self.of_doc(int(docs[0]))
        return frozenset(distinct(self.key[ranges(self.ptr[docs], self.ptr[docs + 1])]).tolist())

    def score(self, keys: Iterable[int]) -> float:
        # fsum: the same total whatever order a set yields its keys in.
        return math.fsum(map(self.weight.__getitem__, keys))
