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

from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable, Optional

import numpy as np

from desktop_app.core.filtering import FilterIndex
from desktop_app.core.model import Actor, Corpus, Event, Tie
from desktop_app.core.store.events import EventStore, event_store


@dataclass(slots=True)
class Subset:
    store: EventStore
    rows: np.ndarray               # dated rows (earliest first), then undated facts
    dated_rows: np.ndarray         # the rows with a place in time, earliest first
    actors: dict[str, Actor]       # id -> actor, for every actor the corpus knows
    selected: frozenset            # the selected actor ids (may be empty)
    actor_ids: list[str] = field(default_factory=list)   # actors taking part in ``rows``
    ties: list[Tie] = field(default_factory=list)        # ties among them, weighted by ``rows``
    # Per store row, interval start and end in timeaxis seconds (NaN when undated).
    start: np.ndarray = field(default_factory=lambda: np.zeros(0))
    end: np.ndarray = field(default_factory=lambda: np.zeros(0))

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
_last_index: Optional[FilterIndex] = None
_last_store: Optional[tuple] = None


def index_for(corpus: Corpus) -> FilterIndex:
    global _last_index
    index = _last_index
    if index is None or index.corpus is not corpus or len(index.event_ids) != len(corpus.events):
        index = _last_index = FilterIndex(corpus)
    return index


def store_for(corpus: Corpus) -> EventStore:
    """The corpus's events as a store (a plain list is converted once and kept for the next call)."""
    global _last_store
    events = corpus.events
    if isinstance(events, EventStore):
        return events
    cached = _last_store
    if cached is None or cached[0] is not events or cached[1] != len(events):
        cached = _last_store = (events, len(events), event_store(events, corpus.documents))
    return cached[2]


def _rows_of(store: EventStore, ids: list[str]) -> np.ndarray:
    find = store.index_of
    rows = np.fromiter((-1 if (r := find(i)) is None else r for i in ids), dtype=np.int64, count=len(ids))
    return rows[rows >= 0]


def _all_rows(store: EventStore, start: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every row, in the filter's order (dated by start, stable; then facts), straight from the columns."""
    dated = store.dated
    idx = np.flatnonzero(dated)
    idx = idx[np.argsort(start[idx], kind="stable")]
    return np.concatenate([idx, np.flatnonzero(~dated)]), idx


def select(corpus: Corpus, actors: Iterable[str] = (), mode: str = "any",
           window: Optional[tuple[datetime, datetime]] = None) -> Subset:
    """Events with any (or all) of ``actors`` overlapping ``window``; with a window, undated facts drop out."""
    selected = frozenset(actors)
    index = index_for(corpus)
    res = index.filter(selected, mode, window)
    store = store_for(corpus)
    start, end = store.seconds("date")
    if not selected and window is None and len(res.events) + len(res.facts) == len(store):
        # The whole corpus: the same order from the columns, without a million id lookups.
        rows, dated = _all_rows(store, start)
    else:
        dated = _rows_of(store, res.events)
        rows = np.concatenate([dated, _rows_of(store, res.facts)])
    return Subset(store, rows, dated, {a.id: a for a in corpus.actors}, selected,
                  list(res.actors), list(res.ties), start, end)
