"""The part of a corpus a figure shows: events passing the current filters, and their actors.

The selection semantics are the app's (selected actors, any/all, a time
window); when ``desktop_app.core.filtering`` provides them this module uses
it so the figure and the views cannot disagree, and otherwise applies the
same rules itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, Optional

from desktop_app.core.model import Actor, Corpus, Event


@dataclass(slots=True)
class Subset:
    events: list[Event]            # every event passing the filters, dated or not
    actors: dict[str, Actor]       # id -> actor, for every actor the corpus knows
    selected: frozenset            # the selected actor ids (may be empty)

    @property
    def dated(self) -> list[Event]:
        return [e for e in self.events if e.dated]


def _overlaps(event: Event, window: tuple[datetime, datetime]) -> bool:
    iv = event.date.interval if event.date else None
    if iv is None:
        return False
    return iv.start < window[1] and iv.end > window[0]


def _matches(event: Event, selected: frozenset, mode: str) -> bool:
    if not selected:
        return True
    ids = set(event.actor_ids())
    return selected <= ids if mode == "all" else bool(selected & ids)


def _core_filter(corpus: Corpus, selected: frozenset, mode: str, window) -> Optional[list[Event]]:
    try:
        from desktop_app.core import filtering
    except ImportError:
        return None
    fn = getattr(filtering, "filter_events", None)
    if fn is None:
        return None
    try:
        return list(fn(corpus.events, actors=selected, mode=mode, window=window))
    except TypeError:
        # A different signature than the one this module was written against:
        # fall back to the shared rules below rather than fail an export.
        return None


def select(corpus: Corpus, actors: Iterable[str] = (), mode: str = "any",
           window: Optional[tuple[datetime, datetime]] = None) -> Subset:
    """Events with any (or all) of ``actors``, overlapping ``window`` when one is given.

    With a window, undated events drop out: they have no place in time to
    fall inside it.
    """
    selected = frozenset(actors)
    by_id = {a.id: a for a in corpus.actors}
    events = _core_filter(corpus, selected, mode, window)
    if events is None:
        events = [e for e in corpus.events
                  if _matches(e, selected, mode) and (window is None or _overlaps(e, window))]
    return Subset(events, by_id, selected)


def resolve_names(corpus: Corpus, names: Iterable[str]) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """Actor names (or aliases) -> ids; also the names not found, each with close matches.

    Case and surrounding space are ignored. Close matches come from difflib
    over every name and alias, so a typo gets a useful suggestion.
    """
    import difflib

    index: dict[str, str] = {}
    labels: dict[str, str] = {}
    for a in corpus.actors:
        for n in (a.name, *a.aliases, a.id):
            key = " ".join(n.split()).casefold()
            index.setdefault(key, a.id)
            labels.setdefault(key, n)
    found, missing = [], []
    for name in names:
        key = " ".join(name.split()).casefold()
        if key in index:
            if index[key] not in found:
                found.append(index[key])
            continue
        close = difflib.get_close_matches(key, list(index), n=5, cutoff=0.6)
        missing.append((name, [labels[c] for c in close]))
    return found, missing
