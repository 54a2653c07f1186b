"""Table rows straight from the columns of a compact corpus, for saving.

Saving a million-event corpus through ``store[i]`` would build every event,
participant, mention and time expression as an object only to take it apart
again.  These generators read the numpy columns a slice at a time and yield
exactly the tuples ``rows.event_row`` and friends make from the objects (a
test holds them equal), so memory stays flat whatever the corpus size.
"""
from __future__ import annotations

from typing import Iterator, Optional

from desktop_app.core.model import PRECISIONS
from desktop_app.core.store import EventStore, MentionStore, TimexStore
from desktop_app.core.store.times import NONE, from_seconds

_SLICE = 8192


class _Iso:
    """ISO text of stored seconds, each distinct value converted once (a corpus repeats its days)."""

    def __init__(self):
        self._seen: dict[int, str] = {}

    def __call__(self, seconds: int) -> Optional[str]:
        if seconds == NONE:
            return None
        s = self._seen.get(seconds)
        if s is None:
            if len(self._seen) > 200_000:
                self._seen.clear()
            s = self._seen[seconds] = from_seconds(seconds).isoformat()
        return s


def _slices(n: int):
    for lo in range(0, n, _SLICE):
        yield lo, min(n, lo + _SLICE)


def _cols(store, names, lo, hi) -> list[list]:
    return [store.c[name][lo:hi].tolist() for name in names]


def _interval(iso: _Iso, start: int, end: int, prec: int) -> tuple:
    if prec < 0 or start == NONE:
        return None, None, None
    return iso(start), iso(end), PRECISIONS[prec]


_EVENT = ("doc", "start", "end", "date_value", "date_start", "date_end", "date_prec", "date_rel", "date_text",
          "date_timex", "reported", "report_source", "report_value", "report_start", "report_end", "report_prec",
          "report_text")


def event_rows(store: EventStore) -> Iterator[tuple]:
    """``rows.event_row(i, store[i])`` for every row, without building the events."""
    codes = store.codes
    docs, actors, values = codes["doc"].values, codes["actor"], codes["value"]
    relations, texts = codes["relation"].values, codes["text"]
    iso = _Iso()
    for lo, hi in _slices(len(store)):
        cols = zip(*_cols(store, _EVENT, lo, hi))
        for i, (doc, s, e, dv, ds, de, dp, dr, dt, dts, rep, rs, rv, rst, ren, rp, rt) in enumerate(cols, lo):
            if dv >= 0:
                date = (1, values.values[dv], *_interval(iso, ds, de, dp), relations[dr], texts.get(dt),
                        None if dts < 0 else dts)
            else:
                date = (0,) + (None,) * 7
            if rep:
                report = (1, actors.get(rs), values.get(rv), *_interval(iso, rst, ren, rp), texts.get(rt))
            else:
                report = (0,) + (None,) * 6
            yield (i, store.ids[i], docs[doc], s, e, store.text(i), store.labels[i]) + date + report


def participant_rows(store: EventStore) -> Iterator[tuple]:
    """``(event ord, position, actor id, role)`` as ``rows.participant_rows`` yields them."""
    actors, roles = store.codes["actor"].values, store.codes["role"]
    ptr = store.c["actor_ptr"]
    for lo, hi in _slices(len(store)):
        bounds = ptr[lo:hi + 1].tolist()
        a_lo, a_hi = bounds[0], bounds[-1]
        who = store.c["actor"][a_lo:a_hi].tolist()
        role = store.c["role"][a_lo:a_hi].tolist()
        for i in range(hi - lo):
            for pos, k in enumerate(range(bounds[i] - a_lo, bounds[i + 1] - a_lo)):
                yield (lo + i, pos, actors[who[k]], roles.get(role[k]))


def mention_rows(store: MentionStore) -> Iterator[tuple]:
    docs, actors = store.codes["doc"].values, store.codes["actor"].values
    for lo, hi in _slices(len(store)):
        for i, (doc, s, e, a) in enumerate(zip(*_cols(store, ("doc", "start", "end", "actor"), lo, hi)), lo):
            yield (docs[doc], s, e, store.text(i), actors[a])


_TIMEX = ("doc", "start", "end", "type", "value", "iv_start", "iv_end", "prec", "mod", "year_unknown", "anchored")


def timex_rows(store: TimexStore) -> Iterator[tuple]:
    codes = store.codes
    docs, types, values, mods = codes["doc"].values, codes["type"].values, codes["value"].values, codes["mod"]
    iso = _Iso()
    for lo, hi in _slices(len(store)):
        for i, (doc, s, e, ty, v, ivs, ive, p, mod, yu, an) in enumerate(zip(*_cols(store, _TIMEX, lo, hi)), lo):
            yield (docs[doc], s, e, store.text(i), types[ty], values[v], *_interval(iso, ivs, ive, p),
                   mods.get(mod), int(bool(yu)), int(bool(an)))
