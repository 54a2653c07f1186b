"""The part of a corpus a figure shows: what passes the app's filters, through the app's own filtering.

``core.filtering.FilterIndex`` decides which events, actors and ties match
the selected actors (any/all) and the time window, exactly as the views do,
so an exported figure can never disagree with the screen.

The subset holds event-store *rows*, not Event objects: a whole million-event
corpus is a few arrays here, and a figure materialises only the events it
draws one by one (``event``/``events_of``), e.g. the few thousand marks of
a non-dense timeline.
"""
from __future__ import annotations

import threading

from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable, Optional

import numpy as np

from desktop_app.core.filtering import FilterIndex
from desktop_app.core.model import Actor, Corpus, Event, Tie
from desktop_app.core.store.events import EventStore
from desktop_app.core.store.evidence import TieArrays


@dataclass(slots=True)
class Subset:
    store: EventStore
    rows: np.ndarray               # dated rows (earliest first), then undated facts
    dated_rows: np.ndarray         # the rows with a place in time, earliest first
    actors: dict[str, Actor]       # id -> actor, for every actor the corpus knows
    selected: frozenset            # the selected actor ids (may be empty)
    actor_ids: list[str] = field(default_factory=list)   # actors taking part in ``rows``
    # Ties among them, weighted by ``rows``: as arrays (``TieArrays``) when the filter made a
    # sub-network, else None and ``ties`` is the corpus's own list.
    network: Optional[TieArrays] = None
    # Per store row, interval start and end in timeaxis seconds (NaN when undated).
    start: np.ndarray = field(default_factory=lambda: np.zeros(0))
    end: np.ndarray = field(default_factory=lambda: np.zeros(0))

    _ties: Optional[list[Tie]] = None

    @property
    def ties(self) -> list[Tie]:
        """The sub-network's ties as objects (built on first use from ``network``)."""
        if self._ties is None:
            self._ties = self.network.ties() if self.network is not None else []
        return self._ties

    def event(self, row: int) -> Event:
        return self.store[int(row)]

    def events_of(self, rows: Iterable[int]) -> list[Event]:
        """Events built for ``rows``; call only for what a figure draws one by one."""
        return [self.store[int(r)] for r in rows]

    @property
    def events(self) -> list[Event]:
        return self.events_of(self.rows)

    @property
    def dated(self) -> list[Event]:
        return self.events_of(self.dated_rows)

    def span(self, event: Event) -> tuple[float, float]:
        row = self.store.index_of(event.id)
        return float(self.start[row]), float(self.end[row])

    def row_span(self, row: int) -> tuple[float, float]:
        return float(self.start[row]), float(self.end[row])


# The last corpus indexed: the dialog previews and exports one corpus many
# times, and building the index is the costliest step for big corpora.
# The app's views share it too (their builders run on worker threads, hence the lock:
# a second caller waits for the index being built instead of building another).
_last_index: Optional[FilterIndex] = None
_index_lock = threading.Lock()


def index_for(corpus: Corpus) -> FilterIndex:
    global _last_index
    with _index_lock:
        index = _last_index
        if index is None or index.corpus is not corpus or len(index.event_ids) != len(corpus.events):
            _last_index = None      # let the previous corpus's index go before building the next
            index = _last_index = FilterIndex(corpus)
        return index


def select(corpus: Corpus, actors: Iterable[str] = (), mode: str = "any",
           window: Optional[tuple[datetime, datetime]] = None) -> Subset:
    """Events with any (or all) of ``actors`` overlapping ``window``; with a window, undated facts drop out."""
    selected = frozenset(actors)
    index = index_for(corpus)
    res = index.filter_rows(selected, mode, window)
    store = index.store          # the filter's own store: its rows are our rows
    start, end = store.seconds("date")
    rows = np.concatenate([res.dated, res.facts]).astype(np.int64)
    sub = Subset(store, rows, np.asarray(res.dated, dtype=np.int64), {a.id: a for a in corpus.actors}, selected,
                 list(res.actors), res.network, start, end)
    if res.network is None:
        sub._ties = res.ties          # the corpus's own ties, whatever sequence holds them: no copy
    return sub
