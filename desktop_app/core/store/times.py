"""Intervals as int64 seconds and back, exactly.

Seconds count from the naive 1970-01-01 on the proleptic Gregorian calendar
(the scale of ``core.timeaxis``), so ``seconds.astype(float)`` is already the
timeline's x and a stored interval comes back as the same ``datetime``.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Optional

from desktop_app.core.model import PRECISIONS, Interval

EPOCH = datetime(1970, 1, 1)
NONE = -(2 ** 63)          # no interval


def to_seconds(d: datetime) -> int:
    delta = d.replace(tzinfo=None) - EPOCH
    return delta.days * 86400 + delta.seconds


def from_seconds(s: int) -> datetime:
    return EPOCH + timedelta(seconds=int(s))


def precision_code(p: Optional[str]) -> int:
    return PRECISIONS.index(p) if p in PRECISIONS else -1


class IntervalCache:
    """Builds ``Interval`` objects from stored columns, one object per distinct value (they are frozen)."""

    __slots__ = ("_seen",)

    def __init__(self):
        self._seen: dict[tuple[int, int, int], Interval] = {}

    def __call__(self, start: int, end: int, prec: int) -> Optional[Interval]:
        if prec < 0 or start == NONE:
            return None
        key = (start, end, prec)
        iv = self._seen.get(key)
        if iv is None:
            if len(self._seen) > 100_000:     # bounded: a browse through a huge corpus must not grow it forever
                self._seen.clear()
            iv = self._seen[key] = Interval(from_seconds(start), from_seconds(end), PRECISIONS[prec])
        return iv
