"""Level of detail on a timeline: at a coarse zoom the marks of one lane that would crowd each other's
labels on screen fold into one aggregate mark, as in KronoGraph; zooming in unfolds them.

The fold follows screen space, not the calendar: a lane shows as many distinct, labelled marks as its
pixels hold.  A label's room is the width of the words an aggregate's label is cut to
(``LABEL_ROOM_CHARS`` characters of the label font: ``label_room``), so a bigger font folds sooner.  A
stretch of a lane whose marks, chained within a room of each other, are no more than the lane's text
lines keeps every mark.  In a crowded stretch the level of detail follows the sources: most salient first
(``salience``: independent sources first, then actors, then a report; key events before all), a
multi-source mark is drawn on its own unless the lane's lines less one (the line kept for the
single-source aggregate) are already drawn within a room of it -- a lane that holds ``lines`` text lines
can label that many marks side by side -- and otherwise folds into the nearest of them, which then
carries its label with "+N"; single-source marks (``single_source``) never fold into a multi-source one,
nor it into them: they fold among themselves, one aggregate per room ("12 single-source happenings"), so
what one paper alone says stays apart from what several confirm and is seen as such at a glance.  Which
marks fold depends on the zoom and on the marks in view, never on where a calendar bucket starts, and a
selected mark is never folded away: it is drawn on its own.

Points fold (marks dated to a day or finer); spans keep their own interval, which an aggregate would
misstate, and fold only with spans drawn over exactly the same pixels (the caller's rule).

Core: numpy only, shared by the screen (``gui/timeline``) and the figures, so an exported figure
folds exactly as the screen does at the same scale and line count (``fold_text``/``fold_lines``).
"""
from __future__ import annotations

from typing import Optional

import numpy as np

import bisect
import re

DAY = 86400.0
# Below this many pixels per day marks fold (the screen's rule: at 48 px a day, same-day marks are
# told apart on sub-rows).
UNFOLD_DAY_PX = 48.0
# An aggregate's label is its head's label cut at a word to this many characters (the screen's and a
# figure's "Suspected bombs exploded outside… +4"); a drawn mark keeps this much room for its label on
# either side, in the label font's average character widths (``label_room``).
LABEL_ROOM_CHARS = 32
# A lane labels at most this many marks side by side: a label goes on its mark's own line or up to
# three free lines above or below it (``gui/timeline/labels``).
MAX_FOLD_LINES = 7
# Added to a key event's rank (the Key events panel's top N): it stands for its aggregate before any
# salience, on screen and in a figure alike.
KEY_BOOST = 1e7
# How a span is drawn, in screen pixels (the screen's style and a figure's fold read them here): at least
# this wide, and a "since" / "until" span's open side fades out over this many pixels.  Spans fold with
# spans drawn over the same pixels, so both must know where those pixels are.
SPAN_MIN_PX = 3
SPAN_FADE_PX = 36
_PX_LIMIT = 1 << 22      # pixels beyond this either side of 0 are all "off screen" for a fold key
_FOLD_TEXT = re.compile(r"^(\d{1,3}) lines?(?:, (\d{1,4}) px)?$")
# Calendar bucket names a saved view or an older figure spec may still hold ("week", "month" ...): they
# mean "folded", with the figure's own line count.
LEGACY_UNITS = frozenset({"2 days", "week", "month", "quarter", "year", "5 years", "decade", "century"})


def folds_at(seconds_per_px: float, unfold_day_px: float = UNFOLD_DAY_PX) -> bool:
    """Whether marks fold at this zoom: a day narrower than ``unfold_day_px`` pixels."""
    w = abs(float(seconds_per_px)) or 1.0
    return DAY / w < unfold_day_px


def label_lines(lane_px: float, line_px: float) -> int:
    """How many marks a lane ``lane_px`` high labels side by side with text lines ``line_px`` high."""
    return int(max(1, min(MAX_FOLD_LINES, abs(float(lane_px)) // max(1.0, float(line_px)))))


def label_room(char_px: float) -> float:
    """A label's room in whole pixels for a label font whose average character is ``char_px`` wide: the
    width of an aggregate's shortened label (``LABEL_ROOM_CHARS``)."""
    return float(max(1, round(LABEL_ROOM_CHARS * float(char_px))))


def fold_text(lines: int, room_px: Optional[float] = None) -> str:
    """The level of detail as a figure spec and a saved view hold it: "3 lines, 179 px" (folded, up to three
    marks labelled side by side in a label's room of 179 screen pixels), "" for every mark on its own."""
    if not lines:
        return ""
    return f"{int(lines)} lines" + (f", {int(round(room_px))} px" if room_px else "")


def fold_room(text) -> Optional[float]:
    """The label's room ``fold_text`` holds, in screen pixels; None when it holds none (an older view: the
    reader's own font decides)."""
    m = _FOLD_TEXT.match(text) if isinstance(text, str) else None
    return float(m.group(2)) if m and m.group(2) else None


def fold_lines(text) -> Optional[int]:
    """``fold_text`` read back: the line count, 0 for "" (nothing folds), None when ``text`` is not a fold
    (a legacy calendar unit is folded at the reader's own line count: None too)."""
    if text == "":
        return 0
    m = _FOLD_TEXT.match(text) if isinstance(text, str) else None
    return max(1, min(MAX_FOLD_LINES, int(m.group(1)))) if m else None


def is_fold_text(text) -> bool:
    """Whether ``text`` is a level of detail a view may hold ("", "N lines" or a legacy calendar unit)."""
    return isinstance(text, str) and (fold_lines(text) is not None or text in LEGACY_UNITS)


def single_source(sources: Optional[np.ndarray], rank: np.ndarray) -> Optional[np.ndarray]:
    """Bool per mark: a single-source happening that is no key event (``rank`` below ``KEY_BOOST``), the
    marks a crowded stretch folds into single-source aggregates; None without sources (reports, events)."""
    if sources is None:
        return None
    return (np.asarray(sources) < 2) & (np.asarray(rank, np.float64) < KEY_BOOST)


def single_text(count: int, noun: str = "happenings") -> tuple[str, str, str]:
    """A single-source aggregate's label, longest first (the screen and a figure take the first that fits):
    it is named by its count, as no one of its reports speaks for the others."""
    return f"{count} single-source {noun}", f"{count} single-source", f"×{count}"


def room_keys(lane: np.ndarray, x_px: np.ndarray, rank: np.ndarray, lines: int, room_px: float,
              alone: Optional[np.ndarray] = None, single: Optional[np.ndarray] = None) -> np.ndarray:
    """Per point, the fold key of its aggregate: the index (into these arrays) of the mark it is drawn
    with -- its own index when drawn on its own.

    Marks chained within ``room_px`` (pixels) of each other in one lane are a stretch; a stretch of at
    most ``lines`` marks is drawn whole.  In a crowded one, most salient first (``rank`` high, then the
    first), a mark is drawn when fewer than ``lines`` marks already drawn in its lane lie within
    ``room_px`` of ``x_px``; otherwise it joins the nearest of those, each of which outranks it, so
    ``fold`` makes that one the head.  ``single`` (bool per mark, ``single_source``): single-source marks
    of a crowded stretch fold only among themselves, one drawn per room, and the others among themselves
    with a line less (the single-source aggregate's).  ``alone`` marks (the selection) are drawn and take
    no room from the others' count (they never head an aggregate)."""
    n = len(x_px)
    key = np.arange(n, dtype=np.int64)
    if n < 2:
        return key
    lane = np.asarray(lane, np.int64)
    x = np.asarray(x_px, np.float64)
    lines = max(1, int(lines))
    free = np.ones(n, bool) if alone is None else ~np.asarray(alone, bool)
    # Stretches of marks chained within ``room_px`` in one lane: one with at most ``lines`` marks has no
    # mark with ``lines`` others in its room, so all of it is drawn; only crowded ones are looped over.
    by_x = np.lexsort((x, lane))
    lx, ll = x[by_x], lane[by_x]
    start = np.ones(n, bool)
    start[1:] = (ll[1:] != ll[:-1]) | (lx[1:] - lx[:-1] >= room_px)
    cluster = np.cumsum(start) - 1
    crowded = np.zeros(n, bool)
    crowded[by_x] = np.bincount(cluster)[cluster] > lines
    todo = np.flatnonzero(crowded & free)
    if not len(todo):
        return key
    cap = np.full(n, lines, np.int64)
    if single is not None:
        single = np.asarray(single, bool)
        stretch = np.empty(n, np.int64)
        stretch[by_x] = cluster
        # Single-source marks live on a lane of their own (a key no other lane has), one drawn per room; the
        # others keep a line for the single-source aggregate of their stretch.
        has_single = np.bincount(stretch, weights=single, minlength=int(cluster[-1]) + 1)[stretch] > 0
        cap = np.where(single, 1, np.where(has_single, max(1, lines - 1), lines))
        lane = np.where(single, -1 - lane, lane)
        # No one report speaks for a single-source aggregate: it stands where they crowd most (the one with
        # the most single-source neighbours in its room first), so it sits amid the stretch it folds.
        rank = np.where(single, _neighbours(lane, x, room_px, single) * (2.0 * KEY_BOOST) + rank, rank)
    _drawn_or_nearest(key, todo, lane, x, np.asarray(rank, np.float64), cap, room_px)
    return key


def _neighbours(lane: np.ndarray, x: np.ndarray, room_px: float, which: np.ndarray) -> np.ndarray:
    """Per mark, how crowded its room is with ``which`` marks of its lane: each within ``room_px`` counts
    1 - its distance / ``room_px`` (itself 1), so among marks with as many neighbours the one amid them
    scores highest."""
    idx = np.flatnonzero(which)
    out = np.zeros(len(x), np.float64)
    if not len(idx):
        return out
    # Lanes one after another on one axis, each far past the previous one's reach.
    span = float(np.ptp(x[idx])) + 2.0 * room_px + 1.0
    _, at = np.unique(lane, return_inverse=True)
    pos = (x - float(x[idx].min())) + at * span
    p = np.sort(pos[idx])
    total = np.r_[0.0, np.cumsum(p)]
    lo = np.searchsorted(p, pos - room_px, "right")
    mid = np.searchsorted(p, pos, "left")
    hi = np.searchsorted(p, pos + room_px, "left")
    # Sum of distances to the neighbours left and right of each mark, from prefix sums.
    near = pos * (mid - lo) - (total[mid] - total[lo]) + (total[hi] - total[mid]) - pos * (hi - mid)
    out[:] = (hi - lo) - near / room_px
    return out


def lead_heads(rank: np.ndarray, bucket: np.ndarray) -> np.ndarray:
    """``rank`` with each point aggregate's drawn mark (its ``room_keys`` bucket is its own index) above the
    others, so ``fold`` makes it the head: a single-source aggregate's is not its most salient report."""
    rank = np.asarray(rank, np.float64)
    return np.where(np.asarray(bucket) == np.arange(len(rank)), np.inf, rank)


def _drawn_or_nearest(key: np.ndarray, todo: np.ndarray, lane: np.ndarray, x: np.ndarray, rank: np.ndarray,
                      cap: np.ndarray, room_px: float) -> None:
    """``room_keys``'s loop over the crowded marks ``todo``, lane by lane (``cap``: the marks a room holds
    in each mark's lane), most salient first; writes the fold keys into ``key``."""
    # Most salient first within each lane (lanes one after another: each loop keeps its own sorted lists).
    order = todo[np.lexsort((todo, -rank[todo], lane[todo]))]
    cuts = np.flatnonzero(np.diff(lane[order])) + 1
    left, right = bisect.bisect_left, bisect.bisect_right
    for part in np.split(order, cuts):
        xs: list = []       # the drawn marks' x, sorted, and their indexes alongside
        ids: list = []
        lines = int(cap[part[0]])
        for i, xi in zip(part.tolist(), x[part].tolist()):
            lo = right(xs, xi - room_px)
            hi = left(xs, xi + room_px, lo)
            if hi - lo < lines:
                at = right(xs, xi, lo, hi)      # after equal ones: the first drawn stays first among them
                xs.insert(at, xi)
                ids.insert(at, i)
                continue
            # The nearest drawn mark; on a tie the left one, and among marks at one spot the first drawn.
            j = left(xs, xi, lo, hi)
            if j == hi or (j > lo and xi - xs[j - 1] <= xs[j] - xi):
                j -= 1
                while j > lo and xs[j - 1] == xs[j]:
                    j -= 1
            key[i] = ids[j]


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
    clipped: a span running off both edges looks the same whatever its true ends), or a point's
    ``bucket`` (its ``room_keys`` key; int64 min for spans); the low bit tells the two apart."""
    kl = np.clip(np.round(np.asarray(left_px, np.float64)), -_PX_LIMIT, _PX_LIMIT).astype(np.int64) + _PX_LIMIT
    kr = np.clip(np.round(np.asarray(right_px, np.float64)), -_PX_LIMIT, _PX_LIMIT).astype(np.int64) + _PX_LIMIT
    key = (kl * (2 * _PX_LIMIT + 1) + kr) * 2
    if bucket is not None:
        point = np.asarray(bucket) != np.iinfo(np.int64).min
        key = np.where(point, np.asarray(bucket, np.int64) * 2 + 1, key)
    return key
