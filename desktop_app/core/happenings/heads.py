"""Happenings as the views and figures draw them: per event row its happening, per happening its reports,
sources and head, and how big a mark its sources make it.

The grouping itself is ``core.happenings`` (``Corpus.happenings``); this turns
it into the arrays a view needs, computed once per grouping with numpy (no
Python loop per happening, so a million events cost a few array passes):

- ``reports`` / ``sources`` per happening: how many reports, from how many
  distinct sources (the "single source" a view must show at a glance);
- ``head`` per happening: the report that stands for it on the timeline and in
  a grouped table -- one with the date most of its placed reports give (finer
  precision first, then the earliest report row), so the one mark sits where
  the reports agree it happened;
- ``members(h)``: its reports' event rows, for selecting them all.

- ``source_growth`` / ``badge_text``: how much a happening's dot grows and
  the number it carries -- one rule for the screen and exported figures, so a
  figure shows what the screen shows.

Views never hold each other; they each read this from the shared corpus.
"""
from __future__ import annotations

import weakref
from typing import Callable, Optional

import numpy as np


SOURCE_SIZE_STEPS = 4   # a happening's dot grows 2 px per doubling of its sources, at most this many times
BADGE_MAX = 99          # source counts above this read "99+"
FOLD_CHUNKS = 8         # fold_rank counts actors over this many slices of the happenings


def source_growth(sources) -> np.ndarray:
    """How many px a happening's dot is wider than a lone report's: 2 per doubling of its sources."""
    return 2.0 * np.minimum(SOURCE_SIZE_STEPS, np.floor(np.log2(np.maximum(np.asarray(sources), 1))))


def badge_text(count: int) -> str:
    """The number beside a happening reported by two or more sources ("99+" past that); a single source has none."""
    return f"{count}" if count < BADGE_MAX else f"{BADGE_MAX}+"


class HappeningMarks:
    """Happenings over ``n`` event rows (store rows, or the synthetic generator's event indexes)."""

    def __init__(self, of_event: np.ndarray, source_of_event: np.ndarray, start: np.ndarray, end: np.ndarray,
                 precision: np.ndarray, placed: np.ndarray, label_of: Optional[Callable[[int], str]] = None,
                 id_of: Optional[Callable[[int], Optional[str]]] = None):
        # Row and happening numbers are kept as int32 (a million rows: half the bytes of int64, held as
        # long as the window shows the corpus); products of them are formed in int64 below.
        of = np.asarray(of_event, np.int32)
        n = len(of)
        # An event outside every happening is a happening of its own (a lone report).
        lone = of < 0
        self.n_grouped = int(of.max()) + 1 if n and (~lone).any() else 0
        if lone.any():
            of = of.copy()
            of[lone] = self.n_grouped + np.arange(int(lone.sum()))
        self.of_event = of
        self.count = int(of.max()) + 1 if n else 0
        self.order = np.argsort(of, kind="stable").astype(np.int32)   # rows grouped by happening, in row order
        of = of.astype(np.int64)
        self.ptr = np.zeros(self.count + 1, np.int64)
        np.cumsum(np.bincount(of, minlength=self.count), out=self.ptr[1:])
        self.reports = np.diff(self.ptr).astype(np.int32)
        src = np.asarray(source_of_event)
        width = int(src.max()) + 2 if n else 1
        # (happening, source + 1) keys built in one array and sorted in place: this runs on the UI thread
        # while a million-event window holds everything else, so each temporary counts.
        pair = of * width
        pair += src
        pair += 1
        del src
        pair = distinct(pair, in_place=True)
        pair //= width
        self.sources = np.bincount(pair, minlength=self.count).astype(np.int32)
        del pair
        self.head = self._heads(of, np.asarray(start), np.asarray(end), np.asarray(precision), np.asarray(placed, bool))
        self.is_head = np.zeros(n, bool)
        self.is_head[self.head] = True
        self._label_of, self._id_of = label_of, id_of

    def _heads(self, of, start, end, prec, placed) -> np.ndarray:
        """Per happening, the row standing for it: placed rows first, then the date most of them give,
        finer precision first, then the lowest row."""
        n = len(of)
        if not n:
            return np.zeros(0, np.int64)
        # Rows with the same (happening, placed, precision, start, end) share a date: count them.
        # One packed primary key (lexsort is stable, so equal dates keep row order).
        primary = of * 64
        np.add(primary, 32, out=primary, where=~placed)
        primary += prec
        primary += 1
        key_order = np.lexsort((end, start, primary))
        # Each sorted key read and dropped in turn, so few million-row arrays live at once (this runs
        # while the window holds a million-event corpus, its views and its happenings).
        k = primary[key_order]
        del primary
        new = np.ones(n, bool)
        new[1:] = k[1:] != k[:-1]
        for col in (start, end):
            k = col[key_order]
            new[1:] |= k[1:] != k[:-1]
        del k
        first = np.flatnonzero(new)
        del new
        size = np.diff(np.r_[first, n])
        # Candidates: each distinct date's first row; rank within a happening by placed, coarse, -count.
        rows = key_order[first]
        c_of, c_pl, c_p = of[rows], placed[rows], prec[rows]
        pick = np.lexsort((key_order[first], -size, c_p, ~c_pl, c_of))
        chosen = pick[np.r_[True, c_of[pick][1:] != c_of[pick][:-1]]]
        head = np.empty(self.count, np.int64)
        head[c_of[chosen]] = key_order[first[chosen]]
        return head

    def __len__(self) -> int:
        return self.count

    def members(self, h: int) -> np.ndarray:
        """Event rows of happening ``h``, in row order."""
        return self.order[self.ptr[h]:self.ptr[h + 1]]

    def report_ids(self, h: int) -> list[str]:
        """Event ids of every report of ``h``, its head first (the one a view shows)."""
        if self._id_of is None:
            return []
        rows = self.members(h).tolist()
        head = int(self.head[h])
        return [i for i in (self._id_of(r) for r in [head] + [r for r in rows if r != head]) if i is not None]

    def label(self, h: int) -> str:
        return self._label_of(h) if self._label_of is not None else ""

    def fold_rank(self, store) -> np.ndarray:
        """Per happening, which one stands for an aggregate mark of folded happenings (``core.folding``):
        ``folding.salience`` of its independent sources, the distinct actors its placed reports name and
        whether one of them has a report date, plus a tie-break by founding order (an earlier happening
        wins, whatever order a view or a figure lists its marks in).  Read from the event store's columns,
        the same for the screen and an exported figure, so both put the same happening at the head of an
        aggregate and label it the same.  Kept per store."""
        cached = getattr(self, "_fold_rank", None)
        if cached is not None and cached[0] is store:
            return cached[1]
        from desktop_app.core.folding import salience
        from desktop_app.core.store.times import NONE
        c = store.c
        n = min(len(self.of_event), len(c["date_start"]))
        dated = c["date_start"][:n] != NONE
        ptr, actor = c["actor_ptr"], c["actor"]
        width = int(actor[:int(ptr[n])].max()) + 1 if int(ptr[n]) else 1
        actors = np.zeros(self.count, np.int64)
        # A few happenings at a time (``order`` lists rows happening by happening): their (happening,
        # actor) keys are counted apart from the other chunks'.  This runs on the UI thread while the
        # window holds a million-event corpus, its views and its happenings; one pass over all
        # two million actor references at once was the window's peak (+100 MB, then +46 in int32).
        edges = np.unique(np.searchsorted(self.ptr, np.linspace(0, int(self.ptr[-1]), FOLD_CHUNKS + 1)))
        edges = np.unique(np.r_[0, np.minimum(edges, self.count), self.count])
        for h0, h1 in zip(edges[:-1].tolist(), edges[1:].tolist()):
            rows = self.order[self.ptr[h0]:self.ptr[h1]]
            rows = rows[rows < n]
            rows = rows[dated[rows]]
            lo = ptr[rows]
            cnt = ptr[rows + 1] - lo
            total = int(cnt.sum())
            if not total:
                continue
            ends = np.cumsum(cnt)
            codes = actor[np.repeat(lo - (ends - cnt), cnt) + np.arange(total)]
            keys = np.repeat((self.of_event[rows] - h0).astype(np.int64), cnt)     # products pass 2**31
            keys *= width
            keys += codes
            keys = distinct(keys, in_place=True)
            keys //= width
            actors[h0:h1] += np.bincount(keys, minlength=h1 - h0)[:h1 - h0]
        reported = np.zeros(self.count, bool)
        has = np.flatnonzero(dated & (c["reported"][:n] != 0) & (c["report_start"][:n] != NONE))
        reported[self.of_event[has]] = True
        # Salience steps are whole numbers: the tie-break stays below one.
        rank = salience(self.sources, actors, reported) + 0.5 * (1.0 - np.arange(self.count) / max(1, self.count))
        self._fold_rank = (store, rank)
        return rank

    def counts_text(self, h: int) -> str:
        """"16 reports from 14 sources", "1 report, single source" (plain words, no markup)."""
        n, m = int(self.reports[h]), int(self.sources[h])
        reports = f"{n:,} report{'' if n == 1 else 's'}"
        return f"{reports}, single source" if m == 1 else f"{reports} from {m:,} sources"


def distinct(keys: np.ndarray, in_place: bool = False) -> np.ndarray:
    """Sorted distinct values of an int array (a sort and a diff: numpy's hashing unique measured several
    times slower on millions of keys).  ``in_place``: ``keys`` is a temporary of the caller's, sorted where
    it is rather than copied (at a million events one copy fewer of a 16 MB array)."""
    if in_place:
        keys.sort()
        s = keys
    else:
        s = np.sort(keys)
    if len(s) < 2:
        return s
    new = np.empty(len(s), bool)
    new[0] = True
    np.not_equal(s[1:], s[:-1], out=new[1:])
    return s[new]


# -- from a corpus ----------------------------------------------------------------
_last: tuple = (lambda: None, None)


def fresh_happenings(corpus):
    """``corpus.happenings`` when they were grouped from its current events, else None."""
    h = getattr(corpus, "happenings", None)
    if h is None or getattr(h, "events", None) is not corpus.events or len(h.of_event) != len(corpus.events):
        return None
    return h


def happening_marks(corpus, store=None) -> Optional[HappeningMarks]:
    """The marks of ``corpus``'s happenings (rows = its event store's rows), None until it is grouped.

    ``store``: the compact event store the caller already holds for ``corpus`` (same rows), so a list
    corpus is not compacted once more.  Kept for the last grouping, so the timeline and the table share one.
    """
    global _last
    h = fresh_happenings(corpus)
    if h is None:
        return None
    owner, marks = _last
    if owner() is h:
        return marks
    if store is None:
        from desktop_app.core.store import compact
        store = compact(corpus).events
    from desktop_app.core.store.times import NONE
    c = store.c
    placed = c["date_start"] != NONE
    labels: dict[int, str] = {}

    def label_of(k: int) -> str:       # the happening's own label (its best report's), built when asked
        if k >= len(h):
            rows = marks.members(k)
            return store.labels[int(rows[0])] or "" if len(rows) else ""
        text = labels.get(k)
        if text is None:
            text = labels[k] = h[k].label
        return text
    marks = HappeningMarks(h.of_event, h.f.source_code, c["date_start"], c["date_end"], c["date_prec"], placed,
                           label_of, lambda r: store.ids[int(r)])
    _last = (weakref.ref(h), marks)
    return marks
