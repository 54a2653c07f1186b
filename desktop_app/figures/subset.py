"""The part of a corpus a figure shows: what passes the app's filters, through the app's own filtering.

``core.filtering.FilterIndex`` decides which events, actors and ties match
the selected actors (any/all) and the time window, exactly as the views do,
so an exported figure can never disagree with the screen.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable, Optional

from desktop_app.core.filtering import FilterIndex
from desktop_app.core.model import Actor, Corpus, Event, Tie


@dataclass(slots=True)
class Subset:
    events: list[Event]            # dated events (earliest first), then undated facts
    actors: dict[str, Actor]       # id -> actor, for every actor the corpus knows
    selected: frozenset            # the selected actor ids (may be empty)
    actor_ids: list[str] = field(default_factory=list)   # actors taking part in ``events``
    ties: list[Tie] = field(default_factory=list)        # ties among them, weighted by ``events``
    dated: list[Event] = field(default_factory=list)     # the events with a place in time
    # Event id -> (start, end) in timeaxis seconds, from the filter index (no per-event conversion).
    seconds: dict[str, tuple[float, float]] = field(default_factory=dict)

    def span(self, event: Event) -> tuple[float, float]:
        return self.seconds[event.id]


# The last corpus indexed: the dialog previews and exports one corpus many
# times, and building the index is the costliest step for big corpora.
_last_index: Optional[FilterIndex] = None


def index_for(corpus: Corpus) -> FilterIndex:
    global _last_index
    index = _last_index
    if index is None or index.corpus is not corpus or len(index.event_ids) != len(corpus.events):
        index = _last_index = FilterIndex(corpus)
    return index


def select(corpus: Corpus, actors: Iterable[str] = (), mode: str = "any",
           window: Optional[tuple[datetime, datetime]] = None) -> Subset:
    """Events with any (or all) of ``actors`` overlapping ``window``; with a window, undated facts drop out."""
    selected = frozenset(actors)
    index = index_for(corpus)
    res = index.filter(selected, mode, window)
    by_id = {e.id: e for e in corpus.events}
    events = [by_id[i] for i in (*res.events, *res.facts) if i in by_id]
    dated = [by_id[i] for i in res.events if i in by_id]
    seconds = {eid: (float(s0), float(s1)) for eid, s0, s1, ok in
               zip(index.event_ids, index.starts.tolist(), index.ends.tolist(), index.dated.tolist()) if ok}
    return Subset(events, {a.id: a for a in corpus.actors}, selected, list(res.actors), list(res.ties),
                  dated, seconds)
