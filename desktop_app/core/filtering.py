"""Which events and which part of the network match a selection.

``FilterIndex`` is built once per corpus from the event store's columns
(actor -> sorted event-row arrays, event interval bounds as int64 seconds,
the distinct (event, actor) pairs behind the sub-network) so that each
selection change costs a few numpy set operations and one vectorised window
test, and never one Python object per event, which keeps the timeline fluid
at a million events.  A corpus of plain lists is turned into an
``EventStore`` once and then takes the same path.

    idx = FilterIndex(corpus)
    res = idx.filter({"group:x"}, mode="any", window=(datetime(2007, 1, 1), datetime(2008, 1, 1)))
    res.events, res.facts, res.actors, res.ties
    rows = idx.filter_rows({"group:x"})          # the same as store rows: no id strings built
    rows.dated, rows.facts                         # int arrays; idx.event_ids[row] is an id
    idx.find_actors("knb")          # ids whose name or alias is "knb", any case
    idx.search_actors("kryk")       # prefix/substring matches for a search box
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable, Optional, Sequence

import numpy as np

from .actors.gazetteer import fold
from .model import Corpus, Tie
from .store.events import EventStore, event_store
from .store.evidence import TieArrays, actor_ranks, event_actor_pairs, tie_arrays

Window = Optional[tuple[datetime, datetime]]


@dataclass
class FilterResult:
    events: list[str] = field(default_factory=list)    # dated event ids, earliest first
    facts: list[str] = field(default_factory=list)     # undated facts (only when no window is set)
    actors: list[str] = field(default_factory=list)    # actors taking part in those events/facts
    ties: list[Tie] = field(default_factory=list)      # ties among them, weighted by those events only


def _seconds(d: datetime) -> int:
    return int(np.datetime64(d.replace(tzinfo=None), "s").astype(np.int64))


@dataclass
class RowResult:
    """A ``FilterResult`` as store rows: what a view needs without one id string per event.

    The sub-network comes as ``network`` (a ``TieArrays``: actor ranks,
    shared-event counts, evidence rows) and its ``Tie`` objects are only
    built when ``ties`` is first read: a view that styles edges from arrays
    never pays for 100k+ objects.  With everything selected, ``network`` is
    None and ``ties`` is the corpus's own ties (a list, or the compact
    corpus's ``TieArrays``).
    """
    dated: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))   # dated rows, earliest first
    facts: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))   # undated rows (no window only)
    actors: list[str] = field(default_factory=list)
    network: Optional[TieArrays] = None
    _ties: Optional[Sequence[Tie]] = field(default=None, repr=False)

    @property
    def ties(self) -> Sequence[Tie]:
        if self._ties is None:
            self._ties = self.network.ties() if self.network is not None else []
        return self._ties


class _RowOf(Mapping):
    """Event id -> row through the store's hash index (a dict of a million ids would cost 100+ MB)."""

    def __init__(self, store: EventStore):
        self._store = store

    def __getitem__(self, event_id):
        row = self._store.index_of(event_id)
        if row is None:
            raise KeyError(event_id)
        return row

    def __len__(self) -> int:
        return len(self._store)

    def __iter__(self):
        return iter(self._store.ids)


class FilterIndex:
    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        evs = corpus.events
        store = evs if isinstance(evs, EventStore) else event_store(evs, corpus.documents)
        self.store = store
        self.event_ids = store.ids             # a lazy sequence of id strings, decoded on access
        self._pos = _RowOf(store)
        n = len(store)
        self.dated = np.asarray(store.dated, dtype=bool)
        # The store's own columns, not copies (16 MB at a million events): every reader masks them with
        # ``dated`` first (an undated row holds the store's NONE, never read).
        self.starts = np.asarray(store.c["date_start"], np.int64)
        self.ends = np.asarray(store.c["date_end"], np.int64)
        rank, self._rank_names = actor_ranks(store)
        # Distinct (row, actor rank) pairs sorted by row then rank: the sub-network reads any row subset of them.
        owner, r = event_actor_pairs(store, rank)
        self._pair_row = owner.astype(np.int32)
        self._pair_rank = r.astype(np.int32)
        del owner, r
        self._pair_ptr = np.searchsorted(self._pair_row, np.arange(n + 1)).astype(   # row -> its pairs
            np.int32 if len(self._pair_row) < 2 ** 31 else np.int64)
        by_rank = np.argsort(self._pair_rank, kind="stable")      # rows stay ascending within each actor
        rows = self._pair_row[by_rank].astype(np.int64)
        del by_rank
        counts = np.bincount(self._pair_rank, minlength=len(self._rank_names))
        ptr = np.concatenate([[0], np.cumsum(counts)])
        self.by_actor = {self._rank_names[k]: rows[ptr[k]:ptr[k + 1]] for k in np.flatnonzero(counts).tolist()}
        self._all = np.arange(n, dtype=np.int64)
        self._all_actors: Optional[list[str]] = None
        self._place_rank: Optional[np.ndarray] = None
        self._names: dict[str, set[str]] = defaultdict(set)
        for a in corpus.actors:
            for nm in [a.name, *a.aliases]:
                key = fold(nm)
                self._names[key[4:] if key.startswith("the ") else key].add(a.id)
        self._actor_names = {a.id: a.name for a in corpus.actors}

    def row_of(self, event_id: str) -> Optional[int]:
        """The store row of an event id, or None."""
        return self.store.index_of(event_id)

    # -- names -------------------------------------------------------------
    def find_actors(self, name: str) -> list[str]:
        """Actor ids called ``name`` (name or alias), case- and accent-insensitive; "the" ignored."""
        key = fold(name)
        if key.startswith("the "):
            key = key[4:]
        return sorted(self._names.get(key, ()))

    def search_actors(self, text: str, limit: int = 50) -> list[str]:
        """Ids whose name or alias starts with, then contains, ``text`` (for a search box)."""
        key = fold(text)
        if not key:
            return []
        prefix, inner = set(), set()
        for nm, ids in self._names.items():
            if nm.startswith(key):
                prefix |= ids
            elif key in nm:
                inner |= ids
        order = sorted(prefix, key=lambda a: self._actor_names.get(a, a)) + \
            sorted(inner - prefix, key=lambda a: self._actor_names.get(a, a))
        return order[:limit]

    # -- filtering -----------------------------------------------------------
    def event_indexes(self, actors: Iterable[str] = (), mode: str = "any") -> np.ndarray:
        if mode not in ("any", "all"):
            raise ValueError(f"mode must be 'any' or 'all', not {mode!r}")
        sel = [a for a in dict.fromkeys(actors)]
        if not sel:
            return self._all
        arrays = [self.by_actor.get(a, np.empty(0, dtype=np.int64)) for a in sel]
        if mode == "any":
            return np.unique(np.concatenate(arrays)) if len(arrays) > 1 else arrays[0]
        out = arrays[0]
        for arr in arrays[1:]:
            out = np.intersect1d(out, arr, assume_unique=True)
        return out

    def shows(self, event_id: str, actors: Iterable[str] = (), mode: str = "any", window: Window = None) -> bool:
        """Whether the selection (actors, mode, window) lets ``event_id`` through, as ``filter_rows`` does.

        One event, no row arrays built: the selection model asks this to drop a
        selected event that a new actor selection or time window hides.  An
        unknown id counts as shown (there is nothing to judge it by).
        """
        row = self.row_of(event_id)
        if row is None:
            return True
        sel = list(dict.fromkeys(actors))
        if sel:
            def has(a: str) -> bool:
                rows = self.by_actor.get(a)
                if rows is None or not len(rows):
                    return False
                k = int(np.searchsorted(rows, row))
                return k < len(rows) and int(rows[k]) == row
            if not (any if mode == "any" else all)(has(a) for a in sel):
                return False
        if window is not None:
            if not self.dated[row]:
                return False
            lo, hi = sorted(window)
            return bool(self.starts[row] <= _seconds(hi) and self.ends[row] > _seconds(lo))
        return True

    def filter_rows(self, actors: Iterable[str] = (), mode: str = "any", window: Window = None,
                    with_network: bool = True) -> RowResult:
        """``filter`` as store rows (``self.event_ids[row]`` is the id; ``self.store[row]`` the event)."""
        idx = self.event_indexes(actors, mode)
        dated = idx[self.dated[idx]]
        if window is not None:
            lo, hi = sorted(window)
            lo_s, hi_s = _seconds(lo), _seconds(hi)
            keep = (self.starts[dated] <= hi_s) & (self.ends[dated] > lo_s)
            dated = dated[keep]
            facts = np.empty(0, dtype=np.int64)
        else:
            facts = idx[~self.dated[idx]]
        dated = dated[np.argsort(self.starts[dated], kind="stable")]
        res = RowResult(dated, facts)
        if with_network:
            res.actors, net = self._subnetwork(np.concatenate([dated, facts]))
            if isinstance(net, TieArrays) and net is not self.corpus.ties:
                res.network = net
            else:
                res._ties = net
        return res

    def filter(self, actors: Iterable[str] = (), mode: str = "any", window: Window = None,
               with_network: bool = True) -> FilterResult:
        rows = self.filter_rows(actors, mode, window, with_network)
        ids = self.event_ids
        return FilterResult([ids[i] for i in rows.dated.tolist()], [ids[i] for i in rows.facts.tolist()],
                            rows.actors, rows.ties if with_network else [])

    def network_of_rows(self, rows: np.ndarray) -> tuple[list[str], "TieArrays | list[Tie]"]:
        """The actors and sub-network of the events at store ``rows``, as ``filter_rows`` builds them
        (for a view that chooses rows by another rule, e.g. the network's happening dates)."""
        return self._subnetwork(np.asarray(rows, dtype=np.int64))

    def _subnetwork(self, idx: np.ndarray) -> tuple[list[str], "TieArrays | list[Tie]"]:
        names = self._rank_names
        if len(idx) == len(self._all):
            if self._all_actors is None:
                self._all_actors = [names[k] for k in np.unique(self._pair_rank).tolist()]
            return list(self._all_actors), self.corpus.ties
        if len(idx) * 8 < len(self._all):
            # A small selection gathers its rows' pairs: cost follows the selection, not the corpus.
            rows = np.sort(idx)
            lo, cnt = self._pair_ptr[rows], self._pair_ptr[rows + 1] - self._pair_ptr[rows]
            at = np.repeat(lo - np.cumsum(cnt) + cnt, cnt) + np.arange(int(cnt.sum()))
        else:
            chosen = np.zeros(len(self._all), dtype=bool)
            chosen[idx] = True
            at = chosen[self._pair_row]
        owner, r = self._pair_row[at], self._pair_rank[at]
        present = np.bincount(r, minlength=len(names)) if len(r) else np.zeros(len(names), np.int64)
        actors = [names[k] for k in np.flatnonzero(present).tolist()]     # ranks ascend as ids do
        # Weight = shared selected events, place pairs weakened as in the corpus's ties, so a tie
        # does not change width just because a window or selection was set.
        if self._place_rank is None:
            types = {a.id: a.type for a in self.corpus.actors}
            self._place_rank = np.array([types.get(n) == "location" for n in names], bool)
        return actors, tie_arrays(owner, r, len(self._all), names, self.event_ids, self._place_rank)


def filter_corpus(corpus: Corpus, actors: Iterable[str] = (), mode: str = "any",
                  window: Window = None) -> FilterResult:
    """One-off filtering; build a ``FilterIndex`` instead when filtering repeatedly."""
    return FilterIndex(corpus).filter(actors, mode, window)
