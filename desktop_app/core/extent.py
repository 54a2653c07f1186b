"""Where the events are: a time range robust to a few far-off outliers.

One misdated event (an "11th century" in a 1990s news corpus) or a thin
tail of historical references (1898, 1948, 1956 ...) must not set the range
of a timeline or a figure: the default view would show 1000-2000 with every
other event squeezed into the right-hand 1%.  ``robust_extent`` finds the
core range and says how many events lie outside it on each side, so a view
can flag them at its edge ("◂ 1 earlier event") instead of dropping them.
The screen (gui/timeline) and the figures share it so both pick one range.

Rule: the core runs between the ``tail`` and ``1 - tail`` quantiles of the
events' midpoints (interpolated, so a dozen events still have a core),
widened by ``margin`` times its span on each side; events whose midpoint
falls outside are the outliers.  An even spread, or two busy periods, lose
nothing (their extremes lie within the margin); a misdated event or a sparse
historical tail is cut.  With fewer than ``MIN_EVENTS`` events nothing is
cut: too few to tell an outlier from a second period.
"""
from __future__ import annotations

from typing import NamedTuple, Optional

import numpy as np

MIN_EVENTS = 10


class Extent(NamedTuple):
    lo: float               # seconds (timeaxis) of the core range's first event start
    hi: float               # ... and its last event end
    before: int             # events entirely before ``lo`` (left out of the core range)
    after: int              # events entirely after ``hi``


def robust_extent(start, end=None, *, order=None, tail: float = 0.05, margin: float = 0.25) -> Optional[Extent]:
    """The core range of events ``[start, end]`` (float seconds) and the outliers it leaves out per side.

    ``end`` defaults to ``start`` (point events).  ``order``, when given,
    sorts the midpoints (saves the sort, most of the cost: ~0.1 s per
    million events).  A long event inside the range (a decade, a century)
    is clipped to the range rather than stretching it.  None for no events.
    """
    start = np.asarray(start, dtype=np.float64)
    end = start if end is None else np.maximum(np.asarray(end, dtype=np.float64), start)
    ok = np.isfinite(start) & np.isfinite(end)
    if not ok.all():
        start, end, order = start[ok], end[ok], None
    n = len(start)
    if not n:
        return None
    full = Extent(float(start.min()), float(end.max()), 0, 0)
    if n < MIN_EVENTS:
        return full
    mid = (start + end) * 0.5
    mids = mid[order] if order is not None else np.sort(mid)
    q_lo, q_hi = _quantile(mids, tail), _quantile(mids, 1.0 - tail)
    reach = max(q_hi - q_lo, 86400.0) * margin      # a one-day corpus still keeps a few hours around it
    lo_cut, hi_cut = q_lo - reach, q_hi + reach
    before = int(np.searchsorted(mids, lo_cut, side="left"))
    after = int(n - np.searchsorted(mids, hi_cut, side="right"))
    if not before and not after:
        return full
    kept = (mid >= lo_cut) & (mid <= hi_cut)
    lo = max(float(start[kept].min()), lo_cut)
    hi = min(float(end[kept].max()), hi_cut)
    return Extent(lo, hi, before, after)


def _quantile(sorted_values: np.ndarray, q: float) -> float:
    """Linear-interpolated quantile of already sorted values (np.quantile would sort again)."""
    pos = q * (len(sorted_values) - 1)
    i = int(np.floor(pos))
    j = min(i + 1, len(sorted_values) - 1)
    return float(sorted_values[i] + (sorted_values[j] - sorted_values[i]) * (pos - i))


def padded(lo: float, hi: float, fraction: float = 0.04, minimum: float = 86400.0) -> tuple[float, float]:
    """``[lo, hi]`` widened by ``fraction`` of its span on each side (at least ``minimum`` seconds)."""
    pad = max((hi - lo) * fraction, minimum)
    return lo - pad, hi + pad
