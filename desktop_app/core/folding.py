"""Level of detail on a timeline: at a coarse zoom the marks of one lane that fall in one calendar
bucket fold into one aggregate mark, as in KronoGraph; zooming in unfolds them.

The bucket is a calendar unit (2 days, a Monday-based week, a month, a quarter, a year, five years,
a decade, a century), the finest one at least ``min_px`` wide at the current zoom, counted from fixed
calendar boundaries: which marks fold together depends on the zoom only, never on where the view
starts, so a pan does not reshuffle them.  The aggregate stands where its most salient mark is
(``salience``: independent sources first, then actors, then a report), carries that mark's label
with "+N" for the others, and a selected mark is never folded away: it is drawn on its own.

Points fold (marks dated to a day or finer); spans keep their own interval, which a bucket would
misstate, and fold only with spans drawn over exactly the same pixels (the caller's rule).

Core: numpy only, shared by the screen (``gui/timeline``) and the figures, so an exported figure
folds exactly as the screen does at the same scale.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

DAY = 86400.0
WEEK = 7 * DAY
# 1970-01-01 (second 0) was a Thursday: Monday-based weeks start four days later.
_MONDAY = 4 * DAY
# Bucket units, finest first, with their nominal length in seconds (to compare with the zoom).
UNITS = (("2 days", 2 * DAY), ("week", WEEK), ("month", 30.436875 * DAY), ("quarter", 91.310625 * DAY),
         ("year", 365.2425 * DAY), ("5 years", 1826.2125 * DAY), ("decade", 3652.425 * DAY),
         ("century", 36524.25 * DAY))
# Below this many pixels per day marks fold (the screen's rule: at 48 px a day, same-day marks are
# told apart on sub-rows), and a bucket is at least FOLD_MIN_PX wide, room for a short label.
UNFOLD_DAY_PX = 48.0
FOLD_MIN_PX = 80.0
# Added to a key event's rank (the Key events panel's top N): it stands for its aggregate before any
# salience, on screen and in a figure alike.
KEY_BOOST = 1e7
# How a span is drawn, in screen pixels (the screen's style and a figure's fold read them here): at least
# this wide, and a "since" / "until" span's open side fades out over this many pixels.  Spans fold with
# spans drawn over the same pixels, so both must know where those pixels are.
SPAN_MIN_PX = 3
SPAN_FADE_PX = 36
_PX_LIMIT = 1 << 22      # pixels beyond this either side of 0 are all "off screen" for a fold key


def fold_unit(seconds_per_px: float, min_px: float = FOLD_MIN_PX,
              unfold_day_px: float = UNFOLD_DAY_PX) -> Optional[str]:
    """The bucket marks fold into at this zoom, or None when a day is wide enough to show each mark."""
    w = abs(float(seconds_per_px)) or 1.0
    if DAY / w >= unfold_day_px:
        return None
    for name, length in UNITS:
        if length / w >= min_px:
            return name
    return UNITS[-1][0]


def buckets(seconds: np.ndarray, unit: str) -> np.ndarray:
    """The calendar bucket (an int64 number, increasing with time) of each time in ``seconds``."""
    s = np.asarray(seconds, dtype=np.float64)
    if unit == "2 days":
        return np.floor(s / (2 * DAY)).astype(np.int64)
    if unit == "week":
        return np.floor((s - _MONDAY) / WEEK).astype(np.int64)
    # Calendar units through numpy's datetime64 (seconds from 1970, as ``core.timeaxis`` counts).
    finite = np.isfinite(s)
    t = np.where(finite, s, 0.0).astype(np.int64).astype("datetime64[s]")
    if unit in ("month", "quarter"):
        months = t.astype("datetime64[M]").astype(np.int64)
        out = months if unit == "month" else np.floor_divide(months, 3)
    else:
        years = t.astype("datetime64[Y]").astype(np.int64)
        out = years if unit == "year" else np.floor_divide(years, {"5 years": 5, "decade": 10}.get(unit, 100))
    return np.where(finite, out, np.iinfo(np.int64).min)


def salience(sources: Optional[np.ndarray], actors: np.ndarray, reported: np.ndarray) -> np.ndarray:
    """Which mark stands for (and labels) an aggregate: more independent sources, then more actors,
    then one with a report date."""
    out = np.asarray(actors, dtype=np.float64) * 2.0 + np.asarray(reported, dtype=np.float64)
    if sources is not None:
        out = out + np.asarray(sources, dtype=np.float64) * 100.0
    return out


def fold(lane: np.ndarray, bucket: np.ndarray, rank: np.ndarray, alone: Optional[np.ndarray] = None
         ) -> tuple[np.ndarray, np.ndarray]:
    """Group marks by (lane, bucket); returns (head, size): per mark the index of the mark standing for
    its aggregate (the highest ``rank``, then the first), and per mark the aggregate's size on its head,
    0 on the marks folded into it.  ``alone``: bool per mark, marks drawn on their own whatever the zoom
    (the selection)."""
    n = len(lane)
    if n == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int32)
    lane = np.asarray(lane, dtype=np.int64)
    key_bucket = np.asarray(bucket, dtype=np.int64).copy()
    if alone is not None and np.any(alone):
        # A unique bucket of its own: below every real one, so it never meets another mark.
        where = np.flatnonzero(alone)
        key_bucket[where] = np.iinfo(np.int64).min + 1 + np.arange(len(where))
    order = np.lexsort((np.arange(n), -np.asarray(rank, dtype=np.float64), key_bucket, lane))
    new = np.ones(n, bool)
    new[1:] = (lane[order][1:] != lane[order][:-1]) | (key_bucket[order][1:] != key_bucket[order][:-1])
    group_sorted = np.cumsum(new) - 1
    heads_sorted = order[new]
    head = np.empty(n, np.int64)
    head[order] = heads_sorted[group_sorted]
    size = np.zeros(n, np.int32)
    size[heads_sorted] = np.bincount(group_sorted)
    return head, size


def span_extent_px(start, end, since, until, seconds_per_px: float) -> tuple[np.ndarray, np.ndarray]:
    """Left and right edges, in pixels from second 0, of spans drawn at ``seconds_per_px``: at least
    SPAN_MIN_PX wide, a "since" span (``since``) fading out past its end and an "until" span fading in
    before its start.  The screen's rule; a figure folds its spans with it."""
    w = abs(float(seconds_per_px)) or 1.0
    start, end = np.asarray(start, np.float64), np.asarray(end, np.float64)
    left = np.minimum(start, end - SPAN_MIN_PX * w) - np.where(until, SPAN_FADE_PX * w, 0.0)
    right = end + np.where(since, SPAN_FADE_PX * w, 0.0)
    return left / w, right / w


def fold_keys(left_px, right_px, bucket: Optional[np.ndarray] = None) -> np.ndarray:
    """One int64 key per mark, equal for marks that fold together: a span's exact pixels (off-screen ends
    clipped: a span running off both edges looks the same whatever its true ends), or a point's calendar
    ``bucket`` (``bucket`` holds int64 min for spans); the low bit tells the two apart."""
    kl = np.clip(np.round(np.asarray(left_px, np.float64)), -_PX_LIMIT, _PX_LIMIT).astype(np.int64) + _PX_LIMIT
    kr = np.clip(np.round(np.asarray(right_px, np.float64)), -_PX_LIMIT, _PX_LIMIT).astype(np.int64) + _PX_LIMIT
    key = (kl * (2 * _PX_LIMIT + 1) + kr) * 2
    if bucket is not None:
        point = np.asarray(bucket) != np.iinfo(np.int64).min
        key = np.where(point, np.asarray(bucket, np.int64) * 2 + 1, key)
    return key
