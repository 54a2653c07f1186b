"""The actor network as flat arrays the view can restyle in one pass.

Built once per corpus from ``core.network.build_graph``; every selection
change then only computes boolean masks over these arrays, so a 10k-node
network restyles without touching networkx.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import networkx as nx
import numpy as np

from desktop_app.core.filtering import FilterIndex
from desktop_app.core.model import Corpus, Event
from desktop_app.core.network import build_graph, centrality


@dataclass
class NetworkData:
    graph: nx.Graph
    ids: list[str]
    names: list[str]
    types: list[str]
    aliases: list[list[str]]
    event_counts: np.ndarray           # events each actor takes part in
    degree: np.ndarray                 # number of distinct partners
    src: np.ndarray                    # edge endpoints as node indexes
    dst: np.ndarray
    weight: np.ndarray
    index: dict[str, int] = field(default_factory=dict)
    edge_of: dict[tuple[int, int], int] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    filter_index: Optional[FilterIndex] = None
    betweenness: Optional[np.ndarray] = None

    @property
    def n_nodes(self) -> int:
        return len(self.ids)

    @property
    def n_edges(self) -> int:
        return len(self.src)

    def edge_key(self, a: int, b: int) -> tuple[int, int]:
        return (a, b) if a < b else (b, a)

    def node_mask(self, actor_ids) -> np.ndarray:
        mask = np.zeros(self.n_nodes, dtype=bool)
        for a in actor_ids:
            i = self.index.get(a)
            if i is not None:
                mask[i] = True
        return mask

    def neighbours_mask(self, mask: np.ndarray, edge_mask: Optional[np.ndarray] = None) -> np.ndarray:
        """Nodes tied to any node in ``mask`` through an edge in ``edge_mask`` (all edges if None)."""
        out = np.zeros(self.n_nodes, dtype=bool)
        if self.n_edges == 0:
            return out
        live = np.ones(self.n_edges, dtype=bool) if edge_mask is None else edge_mask
        touch_src = mask[self.src] & live
        touch_dst = mask[self.dst] & live
        out[self.dst[touch_src]] = True
        out[self.src[touch_dst]] = True
        return out

    def ties_mask(self, ties) -> np.ndarray:
        """Edge mask for a list of ``model.Tie`` (e.g. a filter result)."""
        mask = np.zeros(self.n_edges, dtype=bool)
        for t in ties:
            a, b = self.index.get(t.source), self.index.get(t.target)
            if a is None or b is None:
                continue
            k = self.edge_of.get(self.edge_key(a, b))
            if k is not None:
                mask[k] = True
        return mask

    def event_actor_mask(self, event_id: Optional[str]) -> np.ndarray:
        ev = self.events.get(event_id) if event_id else None
        return self.node_mask(ev.actor_ids() if ev is not None else ())

    def compute_betweenness(self, task=None) -> np.ndarray:
        # core.network samples pivots beyond 2000 nodes with a fixed seed, so sizes do not jitter.
        cent = centrality(self.graph)
        self.betweenness = np.array([cent.get(a, {}).get("betweenness", 0.0) for a in self.ids], dtype=float)
        return self.betweenness


def from_corpus(corpus: Corpus) -> NetworkData:
    graph = build_graph(corpus)
    ids = sorted(graph.nodes)
    index = {a: i for i, a in enumerate(ids)}
    attrs = graph.nodes
    src, dst, weight = [], [], []
    edge_of: dict[tuple[int, int], int] = {}
    for u, v, d in sorted(graph.edges(data=True), key=lambda e: (min(e[0], e[1]), max(e[0], e[1]))):
        a, b = index[u], index[v]
        if a == b:
            continue
        key = (a, b) if a < b else (b, a)
        if key in edge_of:
            continue
        edge_of[key] = len(src)
        src.append(a)
        dst.append(b)
        try:
            weight.append(max(float(d.get("weight", 1.0)), 0.0))
        except (TypeError, ValueError):
            weight.append(1.0)
    degree = np.zeros(len(ids), dtype=float)
    if src:
        np.add.at(degree, np.asarray(src), 1)
        np.add.at(degree, np.asarray(dst), 1)
    return NetworkData(
        graph=graph, ids=ids,
        names=[str(attrs[a].get("name") or a) for a in ids],
        types=[str(attrs[a].get("type") or "") for a in ids],
        aliases=[list(attrs[a].get("aliases") or []) for a in ids],
        event_counts=np.array([int(attrs[a].get("events") or 0) for a in ids], dtype=int),
        degree=degree,
        src=np.asarray(src, dtype=np.int64), dst=np.asarray(dst, dtype=np.int64),
        weight=np.asarray(weight, dtype=float),
        index=index, edge_of=edge_of,
        events={e.id: e for e in corpus.events},
        filter_index=FilterIndex(corpus),
    )
