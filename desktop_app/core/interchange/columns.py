"""What the exports need from every event, read from the store's columns.

At a million events a dict from event id to ``Event`` (what the exports used
to build to date a tie) holds every event as objects: gigabytes.  Here a
corpus's events are an ``EventStore`` (a list of events is converted once,
which costs nothing at the sizes lists are used for), ties' evidence is
turned into store rows (``EvidenceIds.rows`` directly when they index this
very store), and dates, counts and actors come from numpy columns.
"""
from __future__ import annotations

from collections import Counter
from typing import Optional, Sequence

import numpy as np

from desktop_app.core.model import PRECISIONS, Corpus, Interval
from desktop_app.core.store import EventStore, EvidenceIds, MentionStore, event_store
from desktop_app.core.store.times import from_seconds


def _store(corpus: Corpus) -> EventStore:
    ev = corpus.events
    return ev if isinstance(ev, EventStore) else event_store(ev, corpus.documents)


class EventColumns:
    def __init__(self, corpus: Corpus):
        self.store = _store(corpus)
        c = self.store.c
        self.start, self.end, self.prec = c["date_start"], c["date_end"], c["date_prec"]
        self.dated = self.prec >= 0

    def rows(self, event_ids: Sequence[str]) -> np.ndarray:
        """Store rows of ``event_ids`` in their order; ids that are no event of the corpus are left out."""
        table = getattr(event_ids, "_table", None)
        # Evidence from this very store is already rows; evidence kept from an
        # earlier store (or a plain list) is looked up by id.
        if isinstance(event_ids, EvidenceIds) and table is not None and table.ids is self.store.ids:
            return np.asarray(event_ids.rows, np.int64)
        found = [self.store.index_of(e) for e in event_ids]
        return np.array([r for r in found if r is not None], np.int64)

    def interval(self, row: int) -> Interval:
        return Interval(from_seconds(int(self.start[row])), from_seconds(int(self.end[row])),
                        PRECISIONS[int(self.prec[row])])

    def dated_rows(self, rows: np.ndarray) -> np.ndarray:
        return rows[self.dated[rows]]

    def span(self, rows: np.ndarray) -> tuple[Optional[Interval], Optional[Interval]]:
        """The earliest-starting and the latest-ending dated interval among ``rows`` (first of equals)."""
        rows = self.dated_rows(rows)
        if not len(rows):
            return None, None
        return (self.interval(int(rows[np.argmin(self.start[rows])])),
                self.interval(int(rows[np.argmax(self.end[rows])])))

    def distinct_intervals(self, rows: np.ndarray) -> list[Interval]:
        rows = self.dated_rows(rows)
        if not len(rows):
            return []
        keys = np.unique(np.stack([self.start[rows], self.end[rows], self.prec[rows].astype(np.int64)], axis=1),
                         axis=0)
        return [Interval(from_seconds(int(s)), from_seconds(int(e)), PRECISIONS[int(p)]) for s, e, p in keys.tolist()]

    def events_per_actor(self) -> Counter:
        """Actor id -> number of events it takes part in (an actor twice in one event counts once)."""
        c = self.store.c
        ptr, codes = c["actor_ptr"], c["actor"].astype(np.int64)
        n_codes = len(self.store.codes["actor"])
        if not len(codes) or not n_codes:
            return Counter()
        owner = np.repeat(np.arange(len(self.store), dtype=np.int64), np.diff(ptr))
        distinct = np.unique(owner * n_codes + codes)
        counts = np.bincount(distinct % n_codes, minlength=n_codes)
        values = self.store.codes["actor"].values
        return Counter({values[k]: int(n) for k, n in enumerate(counts.tolist()) if n})


def mention_counts(corpus: Corpus) -> tuple[Counter, Counter]:
    """(actor id -> mentions, actor id -> documents it is mentioned in), from columns when there are some."""
    ms = corpus.mentions
    if not isinstance(ms, MentionStore):
        docs: dict[str, set] = {}
        for m in ms:
            docs.setdefault(m.actor, set()).add(m.doc)
        return Counter(m.actor for m in ms), Counter({a: len(d) for a, d in docs.items()})
    actor, doc = ms.c["actor"].astype(np.int64), ms.c["doc"].astype(np.int64)
    values = ms.codes["actor"].values
    n = len(values)
    if not len(actor) or not n:
        return Counter(), Counter()
    mentions = np.bincount(actor, minlength=n)
    pairs = np.unique(doc * n + actor)
    docs = np.bincount(pairs % n, minlength=n)
    return (Counter({values[k]: int(c) for k, c in enumerate(mentions.tolist()) if c}),
            Counter({values[k]: int(c) for k, c in enumerate(docs.tolist()) if c}))
