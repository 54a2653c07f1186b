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

from collections import defaultdict
from itertools import combinations
from typing import Iterable, Optional

import networkx as nx

from .model import Corpus, Event, Tie


PLACE_PAIR_WEIGHT = 0.5


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


def build_graph(corpus: Corpus, actor_ids: Optional[Iterable[str]] = None,
                ties: Optional[Iterable[Tie]] = None) -> nx.Graph:
    """networkx Graph with node attrs name/type/aliases/events and edge attrs weight/events.

    ``actor_ids``/``ties`` restrict it to a sub-network (e.g. a filter result).
    """
    keep = set(actor_ids) if actor_ids is not None else None
    counts: dict[str, int] = defaultdict(int)
    for ev in corpus.events:
        for aid in set(ev.actor_ids()):
            counts[aid] += 1
    g = nx.Graph()
    for a in corpus.actors:
        if keep is not None and a.id not in keep:
            continue
        g.add_node(a.id, name=a.name, type=a.type, aliases=list(a.aliases), events=counts.get(a.id, 0))
    for t in (corpus.ties if ties is None else ties):
        if t.source in g and t.target in g:
            g.add_edge(t.source, t.target, weight=t.weight, events=list(t.events))
    return g


def centrality(g: nx.Graph, max_exact: int = 2000, samples: int = 256, seed: int = 0) -> dict[str, dict[str, float]]:
    """Degree (weighted and plain) and betweenness per node, for node sizing.

    Betweenness is exact up to ``max_exact`` nodes and sampled (``samples``
    pivots, fixed seed so sizes do not jitter between redraws) beyond.
    """
    if g.number_of_nodes() == 0:
        return {}
    deg = nx.degree_centrality(g) if g.number_of_nodes() > 1 else {n: 0.0 for n in g}
    strength = dict(g.degree(weight="weight"))
    if g.number_of_nodes() <= max_exact:
        btw = nx.betweenness_centrality(g, normalized=True)
    else:
        btw = nx.betweenness_centrality(g, k=min(samples, g.number_of_nodes()), normalized=True, seed=seed)
    return {n: {"degree": deg[n], "strength": float(strength[n]), "betweenness": btw[n]} for n in g}
