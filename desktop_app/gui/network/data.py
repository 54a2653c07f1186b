"""The actor network as flat arrays the view can restyle in one pass.

Built once per corpus straight from the actor table, the tie list and the
event store's columns: no networkx graph, no dict over ties and no Event
object per event, so a million-event corpus with 400k ties costs a few
arrays.  Every selection change then only computes boolean masks over
these arrays.  A networkx graph is made on demand for the rare job that
needs one (sampled betweenness), without the ties' evidence lists.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import networkx as nx
import numpy as np

from desktop_app.core.filtering import FilterIndex
from desktop_app.core.layout import tie_arrays
from desktop_app.core.model import Corpus
from desktop_app.core.network import centrality
from desktop_app.core.store.events import EventStore, event_store
from desktop_app.core.store.evidence import event_actor_pairs
from desktop_app.gui.shared_index import filter_index_for, rows_of

from desktop_app.core.tie_happenings import current_happenings, shared_text, weight_by_happenings

from .happening_ties import edge_counts, happening_spans, rows_in_window, tie_counts


@dataclass
class NetworkData:
    ids: list[str]
    names: list[str]
    types: list[str]
    aliases: list[list[str]]
    event_counts: np.ndarray           # events each actor takes part in
    degree: np.ndarray                 # number of distinct partners
    src: np.ndarray                    # edge endpoints as node indexes, src < dst, sorted by (src, dst)
    dst: np.ndarray
    weight: np.ndarray
    index: dict[str, int] = field(default_factory=dict)
    store: Optional[EventStore] = None
    filter_index: Optional[FilterIndex] = None
    evidence: list[list[str]] = field(default_factory=list)   # why each actor is one (identity step)
    betweenness: Optional[np.ndarray] = None
    # Store actor code -> node index (-1 for an actor the actor table does not list).
    node_of_code: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    # Per tie: distinct happenings and reports behind it (``happening_ties``); None when the corpus
    # has no happenings, and then ``weight`` counts reports as the corpus ties do.
    happening_count: Optional[np.ndarray] = None
    report_count: Optional[np.ndarray] = None
    happenings: Optional[object] = None          # core.happenings.Happenings over ``store``'s rows
    _spans: Optional[tuple] = None
    _graph: Optional[nx.Graph] = None

    @property
    def n_nodes(self) -> int:
        return len(self.ids)

    @property
    def n_edges(self) -> int:
        return len(self.src)

    @property
    def edge_keys(self) -> np.ndarray:
        """One sortable int64 per tie (src * n + dst); ascending, since ties are sorted by (src, dst)."""
        return self.src * max(self.n_nodes, 1) + self.dst

    @property
    def graph(self) -> nx.Graph:
        """The network as a networkx graph (weights only), built on first use."""
        if self._graph is None:
            g = nx.Graph()
            for i, a in enumerate(self.ids):
                g.add_node(a, name=self.names[i], type=self.types[i], events=int(self.event_counts[i]))
            ids = self.ids
            g.add_weighted_edges_from((ids[a], ids[b], w) for a, b, w in
                                      zip(self.src.tolist(), self.dst.tolist(), self.weight.tolist()))
            self._graph = g
        return self._graph

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

    def edge_indexes(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Tie index of each node pair (either order), -1 where the two are not tied."""
        a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
        out = np.full(len(a), -1, dtype=np.int64)
        if self.n_edges == 0 or len(a) == 0:
            return out
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        ok = (lo >= 0) & (lo != hi)
        keys = self.edge_keys
        want = lo[ok] * max(self.n_nodes, 1) + hi[ok]
        at = np.minimum(np.searchsorted(keys, want), len(keys) - 1)
        out[np.flatnonzero(ok)] = np.where(keys[at] == want, at, -1)
        return out

    def ties_mask(self, ties) -> np.ndarray:
        """Edge mask for a list of ``model.Tie`` (e.g. a filter result)."""
        mask = np.zeros(self.n_edges, dtype=bool)
        get = self.index.get
        pairs = np.array([(get(t.source, -1), get(t.target, -1)) for t in ties], dtype=np.int64).reshape(-1, 2)
        k = self.edge_indexes(pairs[:, 0], pairs[:, 1])
        mask[k[k >= 0]] = True
        return mask

    def network_mask(self, net) -> np.ndarray:
        """Edge mask for a filter's sub-network given as arrays (``core.store.evidence.TieArrays``)."""
        mask = np.zeros(self.n_edges, dtype=bool)
        get = self.index.get
        node_of_rank = np.array([get(n, -1) for n in net.names], dtype=np.int64)
        k = self.edge_indexes(node_of_rank[net.source], node_of_rank[net.target])
        mask[k[k >= 0]] = True
        return mask

    def window_network(self, window):
        """(active actors, active sub-network) for a brushed window, by happening date when there are
        happenings (every report of a happening dated inside it counts), else by each event's date."""
        if self.happenings is None:
            res = self.filter_index.filter_rows((), "any", window)
            return res.actors, (res.network if res.network is not None else res.ties)
        if self._spans is None:
            self._spans = happening_spans(self.happenings, self.filter_index)
        return self.filter_index.network_of_rows(rows_in_window(self._spans, window))

    def tie_text(self, k: int) -> str:
        """A tie in words, plain text: "Kenya – Tanzania: 3 happenings (41 reports)"."""
        ends = f"{self.names[int(self.src[k])]} – {self.names[int(self.dst[k])]}"
        if self.happening_count is not None and self.report_count[k] > 0:
            return f"{ends}: {shared_text(int(self.happening_count[k]), int(self.report_count[k]))}"
        w = float(self.weight[k])
        return f"{ends}: weight {w:g}"

    def event_actor_mask(self, *event_ids: Optional[str]) -> np.ndarray:
        """The nodes any of ``event_ids`` names (all the reports of a selected happening, or one event)."""
        mask = np.zeros(self.n_nodes, dtype=bool)
        for nodes in self.nodes_named(event_ids):
            mask[nodes] = True
        return mask

    def nodes_named(self, event_ids) -> list[np.ndarray]:
        """Per known event of ``event_ids``, the nodes it names (unknown ids and actors left out)."""
        if self.store is None or not len(self.node_of_code):
            return []
        out = []
        for row in rows_of(self.store, [e for e in event_ids if e]).tolist():   # one batch lookup
            if row >= 0:
                nodes = self.node_of_code[self.store.actor_codes(row)]
                out.append(nodes[nodes >= 0])
        return out

    def ties_within(self, node_sets: list[np.ndarray]) -> np.ndarray:
        """Edge mask of the ties whose two ends one of ``node_sets`` holds both of (the ties one report names):
        one lookup for all of them, so an aggregate's thousands of reports cost one pass."""
        mask = np.zeros(self.n_edges, dtype=bool)
        pairs = [np.array(np.meshgrid(n, n)).reshape(2, -1) for n in node_sets if len(n) > 1]
        if pairs:
            a, b = np.concatenate(pairs, axis=1)
            k = self.edge_indexes(a, b)
            mask[k[k >= 0]] = True
        return mask

    def compute_betweenness(self, task=None) -> np.ndarray:
        # core.network samples pivots beyond 2000 nodes with a fixed seed, so sizes do not jitter.
        cent = centrality(self.graph)
        self.betweenness = np.array([cent.get(a, {}).get("betweenness", 0.0) for a in self.ids], dtype=float)
        return self.betweenness


def events_as_store(corpus: Corpus) -> EventStore:
    """The corpus's events as columns; a plain list (tests, old callers) is converted once."""
    events = corpus.events
    if isinstance(events, EventStore):
        return events
    return event_store(events, corpus.documents)


def _event_counts(store: EventStore, index: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """(events per node, node index per store actor code), each event counted once per distinct actor."""
    values = store.codes["actor"].values
    node_of_code = np.array([index.get(a, -1) for a in values], dtype=np.int64)
    counts = np.zeros(len(index), dtype=np.int64)
    if len(store) and len(values):
        _, codes = event_actor_pairs(store, np.arange(len(values), dtype=np.int64))
        nodes = node_of_code[codes]
        counts += np.bincount(nodes[nodes >= 0], minlength=len(index))
    return counts, node_of_code


def from_corpus(corpus: Corpus) -> NetworkData:
    ids, names, src, dst, weight = tie_arrays(corpus.actors, corpus.ties)
    by_id = {a.id: a for a in corpus.actors}
    index = {a: i for i, a in enumerate(ids)}
    degree = np.zeros(len(ids), dtype=float)
    if len(src):
        degree += np.bincount(src, minlength=len(ids)) + np.bincount(dst, minlength=len(ids))
    store = events_as_store(corpus)
    counts, node_of_code = _event_counts(store, index)
    happening_count = report_count = None
    data_index = NetworkData(ids=ids, names=names, types=[], aliases=[], event_counts=counts, degree=degree,
                             src=src, dst=dst, weight=weight)
    per_tie = tie_counts(corpus, store, index, data_index.edge_indexes)
    if per_tie is not None:
        happening_count, report_count = edge_counts(per_tie, len(src))
        # Ties count happenings; the corpus's own weighting (place pairs halved) and ties without
        # evidence (imported, hand-made) are kept.
        weight = weight_by_happenings(weight, happening_count, report_count)
    return NetworkData(
        ids=ids, names=names,
        types=[str(by_id[a].type or "") for a in ids],
        aliases=[list(by_id[a].aliases or []) for a in ids],
        evidence=[list(getattr(by_id[a], "evidence", None) or []) for a in ids],
        event_counts=counts,
        degree=degree,
        src=src, dst=dst, weight=weight,
        index=index, store=store,
        filter_index=filter_index_for(corpus),     # the index the table, status bar and exports share
        node_of_code=node_of_code,
        happening_count=happening_count, report_count=report_count,
        happenings=current_happenings(corpus) if per_tie is not None else None,
    )


def subnetwork(data: NetworkData, keep: np.ndarray) -> NetworkData:
    """The nodes in mask ``keep`` and the ties among them, as a network of its own.

    For "show only the active actors": the result is laid out afresh, while
    the filter index, the event store and each actor's size (degree and
    betweenness in the whole corpus) are the whole network's, so filtering
    and sizes mean the same as in the full picture.
    """
    keep = np.asarray(keep, dtype=bool)
    nodes = np.flatnonzero(keep)
    new_of_old = np.full(data.n_nodes, -1, dtype=np.int64)
    new_of_old[nodes] = np.arange(len(nodes))
    tie = keep[data.src] & keep[data.dst] if data.n_edges else np.zeros(0, dtype=bool)
    ids = [data.ids[i] for i in nodes.tolist()]
    node_of_code = data.node_of_code
    if len(node_of_code):
        node_of_code = np.where(node_of_code >= 0, new_of_old[np.maximum(node_of_code, 0)], -1)
    return NetworkData(
        ids=ids, names=[data.names[i] for i in nodes.tolist()], types=[data.types[i] for i in nodes.tolist()],
        aliases=[data.aliases[i] for i in nodes.tolist()], event_counts=data.event_counts[nodes],
        degree=data.degree[nodes], src=new_of_old[data.src[tie]], dst=new_of_old[data.dst[tie]],
        weight=data.weight[tie], index={a: i for i, a in enumerate(ids)}, store=data.store,
        filter_index=data.filter_index,
        betweenness=None if data.betweenness is None else data.betweenness[nodes],
        node_of_code=node_of_code,
        happening_count=None if data.happening_count is None else data.happening_count[tie],
        report_count=None if data.report_count is None else data.report_count[tie],
        happenings=data.happenings, _spans=data._spans,
    )
