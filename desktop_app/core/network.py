"""The actor network: who takes part in events with whom.

Two actors are tied when they share an event or an undated fact; a tie's
weight is how many they share and its evidence is their event ids.

Places are weaker evidence of a relation than people and organizations: an
analyst expects a person, organization or group tied to the place where it
acted, but two places named in one sentence ("flights between Berlin and
Moscow", "in Munich and Hamburg") are mostly co-mention. So when actor types
are given, a place–place pair counts ``PLACE_PAIR_WEIGHT`` per shared event
instead of 1: the tie stays (with its evidence, so nothing is hidden) but
it is drawn thinner and weighs less in centrality than ties between actors.
"""
from __future__ import annotations

import math
import random
from collections import defaultdict
from itertools import combinations
from typing import Iterable, Optional

import networkx as nx
import numpy as np

from .model import Corpus, Event, Tie
from .store.events import EventStore, event_store
from .store.evidence import PLACE_PAIR_WEIGHT, event_actor_pairs




def ties_from_events(events: Iterable[Event], types: Optional[dict[str, str]] = None) -> list[Tie]:
    """Ties from shared events; ``types`` (actor id -> type) weakens place–place pairs."""
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for ev in events:
        ids = sorted(set(ev.actor_ids()))
        for a, b in combinations(ids, 2):
            shared[(a, b)].append(ev.id)
    out = []
    for (a, b), evs in sorted(shared.items()):
        per = PLACE_PAIR_WEIGHT if types and types.get(a) == types.get(b) == "location" else 1.0
        out.append(Tie(a, b, per * len(evs), evs))
    return out


def event_counts(corpus: Corpus) -> dict[str, int]:
    """Events (and facts) each actor takes part in, an actor listed twice in one event counted once.

    Read from the event store's participant columns (a list corpus is put in
    a store first), never from one ``Event`` object per event.
    """
    evs = corpus.events
    store = evs if isinstance(evs, EventStore) else event_store(evs, corpus.documents)
    values = store.codes["actor"].values
    if not len(store) or not values:
        return {}
    _, codes = event_actor_pairs(store, np.arange(len(values), dtype=np.int64))
    counts = np.bincount(codes, minlength=len(values))
    return {values[k]: int(counts[k]) for k in np.flatnonzero(counts).tolist()}


def build_graph(corpus: Corpus, actor_ids: Optional[Iterable[str]] = None,
                ties: Optional[Iterable[Tie]] = None) -> nx.Graph:
    """networkx Graph with node attrs name/type/aliases/events and edge attrs weight/events.

    ``actor_ids``/``ties`` restrict it to a sub-network (e.g. a filter result).
    An edge's ``events`` is the tie's own evidence sequence (an ``EvidenceIds``
    for a compact corpus), not a copy: 400k ties' evidence as lists of
    strings would cost hundreds of megabytes.
    """
    keep = set(actor_ids) if actor_ids is not None else None
    counts = event_counts(corpus)
    g = nx.Graph()
    for a in corpus.actors:
        if keep is not None and a.id not in keep:
            continue
        g.add_node(a.id, name=a.name, type=a.type, aliases=list(a.aliases), events=counts.get(a.id, 0))
    for t in (corpus.ties if ties is None else ties):
        if t.source in g and t.target in g:
            g.add_edge(t.source, t.target, weight=t.weight, events=t.events)
    return g


def centrality(g: nx.Graph, max_exact: int = 2000, samples: int = 256, seed: int = 0) -> dict[str, dict[str, float]]:
    """Degree (weighted and plain) and betweenness per node, for node sizing.

    Betweenness is exact up to ``max_exact`` nodes and sampled (``samples``
    pivots, fixed seed so sizes do not jitter between redraws) beyond.  The
    values are networkx's (same pivots, same scaling); igraph computes them
    when installed because networkx needs about half a minute for 256 pivots
    on a 10k-actor, 430k-tie network.
    """
    n = g.number_of_nodes()
    if n == 0:
        return {}
    deg = nx.degree_centrality(g) if n > 1 else {v: 0.0 for v in g}
    strength = dict(g.degree(weight="weight"))
    pivots = None
    if n > max_exact and min(samples, n) < n:
        pivots = random.Random(seed).sample(list(g.nodes()), min(samples, n))   # networkx's own draw
    btw = _betweenness(g, pivots, seed)
    return {v: {"degree": deg[v], "strength": float(strength[v]), "betweenness": btw[v]} for v in g}


def _betweenness(g: nx.Graph, pivots: Optional[list], seed: int) -> dict:
    try:
        import igraph
    except ImportError:
        k = None if pivots is None else len(pivots)
        return nx.betweenness_centrality(g, k=k, normalized=True, seed=seed)
    nodes = list(g.nodes())
    n = len(nodes)
    if n <= 2:
        return {v: 0.0 for v in nodes}
    pos = {v: i for i, v in enumerate(nodes)}
    h = igraph.Graph(n=n, edges=[(pos[a], pos[b]) for a, b in g.edges() if a != b])
    if pivots is None:
        raw = h.betweenness(directed=False)
        return {v: 2.0 * raw[i] / ((n - 1) * (n - 2)) for i, v in enumerate(nodes)}
    # igraph counts each source-target path once where networkx walks it from both ends: hence the 2;
    # the scales are networkx's for sampled sources with endpoints excluded.
    raw = h.betweenness(directed=False, sources=[pos[v] for v in pivots])
    k, chosen = len(pivots), set(pivots)
    on_src, off_src = 2.0 / ((k - 1) * (n - 2)) if k > 1 else math.nan, 2.0 / (k * (n - 2))
    return {v: raw[i] * (on_src if v in chosen else off_src) for i, v in enumerate(nodes)}
