"""Where the events are: a time range robust to a few far-off outliers.

One misdated event (an "11th century" in a 1990s news corpus) must not set
the range of a timeline or a figure: the default view would show 1000-2000
with every other event squeezed into the right-hand 1%.  ``robust_extent``
finds the core range and says how many events lie outside it on each side,
so a view can flag them at its edge ("◂ 1 earlier event") instead of
dropping them.  The screen (gui/timeline) and the figures share it so both
pick the same range.

The rule is gap-based rather than a plain quantile, so a corpus that really
spans two periods keeps both: sorted by midpoint, an outlier run is cut off
only where the gap to the rest is wider than ``gap_factor`` times the span of
the central 90% of events, and the cut-off run holds at most ``max_outlier``
(a small fraction) of all events.
"""
from __future__ import annotations

from typing import NamedTuple, Optional

import numpy as np


class Extent(NamedTuple):
    lo: float               # seconds (timeaxis) of the core range's first event start
    hi: float               # ... and its last event end
    before: int             # events entirely before ``lo`` (left out of the core range)
    after: int              # events entirely after ``hi``


def robust_extent(start, end=None, *, order=None, max_outlier: float = 0.02, gap_factor: float = 1.5,
                  min_outliers: int = 3) -> Optional[Extent]:
    """The core range of events ``[start, end]`` (float seconds) and the outliers it leaves out per side.

    ``end`` defaults to ``start`` (point events).  At most
    ``max(min_outliers, max_outlier * n)`` events are cut per side, and only
    across a gap wider than ``gap_factor`` times the central half's span, so
    an evenly spread corpus (or one of two busy periods) keeps its full
    range.  ``order``, when given, sorts the midpoints (saves the sort, which
    is most of the cost: ~0.1 s per million events).  None for no events.
    """
    start = np.asarray(start, dtype=np.float64)
    end = start if end is None else np.maximum(np.asarray(end, dtype=np.float64), start)
    ok = np.isfinite(start) & np.isfinite(end)
    if not ok.all():
        start, end, order = start[ok], end[ok], None
    n = len(start)
    if not n:
        return None
    mid = (start + end) * 0.5
    mid = mid[order] if order is not None else np.sort(mid)
    full = Extent(float(start.min()), float(end.max()), 0, 0)
    if n < 4:
        return full
    core = mid[int(0.25 * (n - 1))], mid[int(np.ceil(0.75 * (n - 1)))]
    width = max(core[1] - core[0], 86400.0)   # a one-day corpus still allows a day's gap
    limit = max(min_outliers, int(max_outlier * n))
    limit = min(limit, (n - 1) // 2)
    gaps = np.diff(mid)
    cut_lo = 0            # number of midpoints cut at the start
    if limit:
        head = gaps[:limit]
        big = np.flatnonzero(head > gap_factor * width)
        if len(big):
            cut_lo = int(big[-1]) + 1
    cut_hi = 0
    if limit:
        tail = gaps[len(gaps) - limit:]
        big = np.flatnonzero(tail > gap_factor * width)
        if len(big):
            cut_hi = limit - int(big[0])
    if not cut_lo and not cut_hi:
        return full
    lo_mid, hi_mid = mid[cut_lo], mid[n - 1 - cut_hi]
    inside = (start + end) * 0.5
    inside = (inside >= lo_mid) & (inside <= hi_mid)
    lo, hi = float(start[inside].min()), float(end[inside].max())
    return Extent(lo, hi, cut_lo, cut_hi)


def padded(lo: float, hi: float, fraction: float = 0.04, minimum: float = 86400.0) -> tuple[float, float]:
    """``[lo, hi]`` widened by ``fraction`` of its span on each side (at least ``minimum`` seconds)."""
    pad = max((hi - lo) * fraction, minimum)
    return lo - pad, hi + pad
