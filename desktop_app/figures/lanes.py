"""Which lanes a timeline figure has and which events go in each.

One lane per actor (an event with three actors appears in three lanes, so each
actor's story reads left to right), or one band for everything.  When there
are more actors than lanes fit, the busiest actors keep their own lane and the
rest share one "other actors" lane, so no event silently disappears.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from desktop_app.core import palette
from desktop_app.core.model import Actor, Event

NO_ACTOR = "\x00none"
OTHERS = "\x00others"
BAND = "\x00band"


@dataclass(slots=True)
class Lane:
    key: str                    # Actor id, or one of the sentinels above
    label: str
    color: str
    actor_type: Optional[str]
    selected: bool = False
    events: list[Event] = field(default_factory=list)
    # Per-event mark colour; the single band colours each event by its first actor.
    colors: list[str] = field(default_factory=list)
    types: set = field(default_factory=set)   # actor types a shared lane stands for (legend)
    # Event-store rows of the lane's events, in lane order (``row_lanes``); ``events`` is then
    # filled only when the lane is drawn mark by mark.
    rows: Optional[np.ndarray] = None

    def __len__(self) -> int:
        return len(self.rows) if self.rows is not None else len(self.events)


def _first_start(events: list[Event]):
    return min(e.date.interval.start for e in events)


def event_color(event: Event, actors: dict[str, Actor]) -> str:
    return _color_of(event.actor_ids(), actors)


def _color_of(ids, actors: dict[str, Actor]) -> str:
    for aid in ids:
        a = actors.get(aid)
        if a is not None:
            return palette.actor_color(a.type)
    return palette.EVENT_DEFAULT


def single_band(events: list[Event], actors: dict[str, Actor], gap_seconds: float = 0.0,
                max_rows: int = 1, span=None) -> list[Lane]:
    """All events in one band, packed into rows so marks do not sit on top of each other.

    Each event goes to the first row where it clears the previous mark by
    ``gap_seconds`` (about one mark's width on the page); past ``max_rows``
    the least crowded row takes it. Only the first row carries the label.
    """
    if not events:
        return []
    from desktop_app.core import timeaxis

    if span is None:
        def span(e):
            return timeaxis.to_seconds(e.date.interval.start), timeaxis.to_seconds(e.date.interval.end)
    rows: list[Lane] = []
    ends: list[float] = []
    ordered = sorted(events, key=lambda e: (e.date.interval.start, e.date.interval.end, e.id))
    for e in ordered:
        s0, s1 = span(e)
        if e.date.interval.is_point:
            mid = (s0 + s1) / 2
            s0, s1 = mid - gap_seconds / 2, mid + gap_seconds / 2
        row = next((i for i, end in enumerate(ends) if end + gap_seconds <= s0), None)
        if row is None and len(rows) < max(1, max_rows):
            rows.append(Lane(BAND, "All events" if not rows else "", palette.EVENT_DEFAULT, None))
            ends.append(float("-inf"))
            row = len(rows) - 1
        elif row is None:
            row = min(range(len(rows)), key=lambda i: ends[i])
        rows[row].events.append(e)
        rows[row].colors.append(event_color(e, actors))
        ends[row] = max(ends[row], s1)
    return rows


def actor_lanes(events: list[Event], actors: dict[str, Actor], selected: frozenset,
                max_lanes: int) -> list[Lane]:
    """Lanes for the actors of ``events``, at most ``max_lanes`` (>= 1) of them.

    Selected actors always get a lane; the others are ranked by how many
    events they have. Lanes are then ordered by first event, so the figure
    reads as a story from top-left down.
    """
    per_actor: dict[str, list[Event]] = {}
    unattributed: list[Event] = []
    participants = []
    for e in events:
        ids = tuple(dict.fromkeys(e.actor_ids()))
        participants.append((e, ids))
        if not ids:
            unattributed.append(e)
        for aid in ids:
            per_actor.setdefault(aid, []).append(e)

    first = {a: _first_start(evs) for a, evs in per_actor.items()}
    ranked = sorted(per_actor, key=lambda a: (a not in selected, -len(per_actor[a]),
                                              first[a], _name(a, actors)))
    room = max(1, max_lanes - (1 if unattributed else 0))
    if len(ranked) > room:
        keep, rest = ranked[:room - 1], ranked[room - 1:]
    else:
        keep, rest = ranked, []
    keep.sort(key=lambda a: (a not in selected, first[a], _name(a, actors)))

    lanes = []
    for aid in keep:
        actor = actors.get(aid)
        atype = actor.type if actor else None
        lane = Lane(aid, _name(aid, actors), palette.actor_color(atype), atype, aid in selected)
        lane.events = per_actor[aid]
        lane.colors = [lane.color] * len(lane.events)
        lanes.append(lane)
    if rest:
        kept = set(keep)
        # Only events no kept lane shows; the others are already on the figure.
        other = [(e, ids) for e, ids in participants if ids and kept.isdisjoint(ids)]
        if other:
            lane = Lane(OTHERS, f"{len(rest)} other actors", palette.UNKNOWN_ACTOR_COLOR, None)
            lane.events = [e for e, _ in other]
            lane.colors = [_color_of(ids, actors) for _, ids in other]
            lane.types = {actors[a].type for a in rest if a in actors}
            lanes.append(lane)
    if unattributed:
        lane = Lane(NO_ACTOR, "No actor named", palette.EVENT_DEFAULT, None)
        lane.events = unattributed
        lane.colors = [palette.EVENT_DEFAULT] * len(unattributed)
        lanes.append(lane)
    return lanes


def _name(aid: str, actors: dict[str, Actor]) -> str:
    a = actors.get(aid)
    return a.name if a is not None and a.name else aid


def _distinct_pairs(store, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(position in ``rows``, actor code) once per distinct actor of each row, by position then first mention."""
    ptr = store.c["actor_ptr"]
    lo, hi = ptr[rows], ptr[rows + 1]
    lengths = (hi - lo).astype(np.int64)
    pos = np.repeat(np.arange(len(rows), dtype=np.int64), lengths)
    offsets = np.arange(int(lengths.sum()), dtype=np.int64) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    codes = store.c["actor"][np.repeat(lo, lengths) + offsets].astype(np.int64)
    n_codes = max(len(store.codes["actor"].values), 1)
    _, first = np.unique(pos * n_codes + codes, return_index=True)
    first.sort()
    return pos[first], codes[first]


def happening_pairs(store, heads: np.ndarray, reports: np.ndarray, head_of: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(position in ``heads``, actor code) for the union of the actors of each head's ``reports`` (store rows,
    ``head_of`` their head's store row): the screen's grouped lanes, where a happening sits in every lane
    one of its reports names.  Reports whose head is not among ``heads`` are left out."""
    at = np.full(len(store), -1, np.int64)
    at[heads] = np.arange(len(heads))
    target = at[head_of]
    keep = target >= 0
    pos, codes = _distinct_pairs(store, reports[keep])
    pos = target[keep][pos]
    n_codes = max(len(store.codes["actor"].values), 1)
    _, first = np.unique(pos * n_codes + codes, return_index=True)
    first = first[np.lexsort((first, pos[first]))]      # by head, then first mention
    return pos[first], codes[first]


def row_lanes(store, rows: np.ndarray, starts: np.ndarray, actors: dict[str, Actor], selected: frozenset,
              max_lanes: int, only: Optional[list[str]] = None, pairs=None) -> list[Lane]:
    """``actor_lanes`` over event-store rows (earliest first), from the columns: no Event is built.

    Same lanes, same order, same "other actors" and "no actor" lanes; each
    lane carries ``rows`` instead of ``events``.  ``only`` names exactly the
    actor lanes to draw, in that order (the lanes the screen shows); events
    none of them takes part in then share the "other actors" lane, as on screen.
    ``pairs``: (position in ``rows``, actor code) to use instead of the rows' own actors
    (``happening_pairs``: a happening is in every lane one of its reports names).
    """
    rows = np.asarray(rows, dtype=np.int64)
    if len(rows) == 0:
        return []
    pos, codes = _distinct_pairs(store, rows) if pairs is None else pairs
    values = store.codes["actor"].values
    has_actor = np.zeros(len(rows), dtype=bool)
    has_actor[pos] = True
    order = np.argsort(codes, kind="stable")          # by actor, then by position (= time order)
    codes_sorted, pos_sorted = codes[order], pos[order]
    uniq, at, count = np.unique(codes_sorted, return_index=True, return_counts=True)
    ids = [values[c] for c in uniq.tolist()]
    slot = {a: k for k, a in enumerate(ids)}
    first = starts[rows[pos_sorted[at]]]
    if only is not None:
        keep = [a for a in dict.fromkeys(only) if a in slot]
        kept = set(keep)
        rest = [a for a in ids if a not in kept]
    else:
        ranked = sorted(ids, key=lambda a: (a not in selected, -int(count[slot[a]]), float(first[slot[a]]),
                                            _name(a, actors)))
        room = max(1, max_lanes - (1 if not has_actor.all() else 0))
        if len(ranked) > room:
            keep, rest = ranked[:room - 1], ranked[room - 1:]
        else:
            keep, rest = ranked, []
        keep.sort(key=lambda a: (a not in selected, float(first[slot[a]]), _name(a, actors)))

    lanes = []
    for aid in keep:
        k = slot[aid]
        actor = actors.get(aid)
        atype = actor.type if actor else None
        lane = Lane(aid, _name(aid, actors), palette.actor_color(atype), atype, aid in selected)
        lane.rows = rows[pos_sorted[at[k]:at[k] + count[k]]]
        lanes.append(lane)
    # With the screen's lanes, events without an actor join "other actors", as on screen.
    merge = only is not None
    if rest or (merge and not has_actor.all()):
        kept_codes = np.array([uniq[slot[a]] for a in keep], dtype=np.int64)
        shown = np.zeros(len(rows), dtype=bool)
        shown[pos[np.isin(codes, kept_codes)]] = True
        other = ~shown if merge else has_actor & ~shown
        if other.any():
            lane = Lane(OTHERS, f"{len(rest)} other actors" if rest else "other events",
                        palette.UNKNOWN_ACTOR_COLOR, None)
            lane.rows = rows[other]
            lane.types = {actors[a].type for a in rest if a in actors}
            lanes.append(lane)
    if not has_actor.all() and not merge:
        lane = Lane(NO_ACTOR, "No actor named", palette.EVENT_DEFAULT, None)
        lane.rows = rows[~has_actor]
        lanes.append(lane)
    return lanes


def materialise(lane: Lane, store, actors: dict[str, Actor]) -> None:
    """Build the lane's events (and their colours) for drawing mark by mark."""
    lane.events = [store[int(r)] for r in lane.rows]
    if lane.key == OTHERS:
        lane.colors = [event_color(e, actors) for e in lane.events]
    else:
        lane.colors = [lane.color] * len(lane.events)
