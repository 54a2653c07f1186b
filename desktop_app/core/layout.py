"""Deterministic force-directed positions for the actor network.

The GUI and the exporters both call ``layout_positions`` so a corpus always
draws the same picture, on screen and on paper, in any process.  Determinism
comes from three things: nodes are sorted before any engine sees them, every
engine starts from positions drawn from a seeded generator, and igraph's
global RNG is swapped for a seeded one for the duration of the call.

Engine choice is by measurement (scripts/bench_network.py): networkx's
``spring_layout`` is fine for a few hundred nodes but grows quadratically
(and above 500 nodes it needs scipy, which we do not ship), while igraph's
Fruchterman-Reingold lays out 10k nodes / 30k ties in about a second.  So
small components use networkx, whose output reads a little better there, and
big ones use igraph.  Small components are then refined with igraph's
Kamada-Kawai, which spreads the crowded core of a hub-and-spoke network so
its labels fit (compared side by side on a synthetic 112-actor corpus).
Connected components are laid out separately and
packed in rows so one dense cluster cannot push small ones to the margins.
Actors with no ties form one more block, a name-sorted list whose columns
leave room for the names to the right of their nodes, so the list's labels
neither spill onto a neighbouring component's ties nor onto each other.
"""
from __future__ import annotations

import math
import random
import threading
from typing import Hashable, Iterable, Optional

import networkx as nx
import numpy as np

from desktop_app.core.tasks import TaskState, report

Position = tuple[float, float]

# Above this many nodes in one component igraph does the work (see module doc).
NX_MAX_NODES = 150
# Gap between packed components, in layout units (about one node spacing each).
_GAP = 0.25
# The isolated actors' list: row pitch, room for the node, and the assumed
# width of one label character, all in layout units (see _isolates_block).
_ISOLATE_ROW = 0.42
_ISOLATE_NODE = 0.45
_CHAR = 0.085

# igraph has one process-wide RNG; two layouts at once must not interleave.
_IGRAPH_RNG_LOCK = threading.Lock()


def _sort_key(node: Hashable) -> tuple[str, str]:
    # Type name first so mixed int/str node ids still sort without error.
    return (type(node).__name__, str(node))


def _weight(data: dict) -> float:
    w = data.get("weight", 1.0)
    try:
        w = float(w)
    except (TypeError, ValueError):
        return 1.0
    # Log-damped so one heavily repeated tie does not collapse its pair.
    return 1.0 + math.log1p(max(w, 0.0))


def _components(graph: nx.Graph) -> list[list[Hashable]]:
    und = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    comps = [sorted(c, key=_sort_key) for c in nx.connected_components(und)]
    # Largest first, ties broken by first node so the order is stable.
    comps.sort(key=lambda c: (-len(c), _sort_key(c[0])))
    return comps


def _edges_by_component(graph: nx.Graph, comps: list[list[Hashable]]) -> list[list[tuple[int, int, float]]]:
    """Each component's edges as (i, j, weight) over its local node indexes, sorted.

    One pass over the graph's edges: a subgraph view per component cost a
    third of a second at 10,000 actors, more than a quarter of the layout.
    Parallel edges (a multigraph) add their weights; self-loops are dropped.
    """
    where: dict[Hashable, tuple[int, int]] = {}
    for k, nodes in enumerate(comps):
        for i, n in enumerate(nodes):
            where[n] = (k, i)
    seen: list[dict[tuple[int, int], float]] = [{} for _ in comps]
    for u, v, data in graph.edges(data=True):
        if u == v:
            continue  # a self-loop, possibly on a node that is a component of its own
        (k, i), (_, j) = where[u], where[v]
        key = (i, j) if i < j else (j, i)
        bucket = seen[k]
        bucket[key] = bucket.get(key, 0.0) + _weight(data)
    return [sorted((i, j, w) for (i, j), w in bucket.items()) for bucket in seen]


def _networkx_layout(nodes: list[Hashable], edges, seed: int) -> np.ndarray:
    g = nx.Graph()
    g.add_nodes_from(range(len(nodes)))
    g.add_weighted_edges_from(edges)
    start = np.random.default_rng(seed).random((len(nodes), 2))
    pos = nx.spring_layout(g, pos={i: start[i] for i in range(len(nodes))},
                           seed=seed, iterations=100, weight="weight")
    return np.array([pos[i] for i in range(len(nodes))], dtype=float)


def _refined_small_layout(nodes: list[Hashable], edges, seed: int) -> np.ndarray:
    """networkx spring layout, then Kamada-Kawai (igraph) to even out a crowded core.

    Spring layouts of hub-and-spoke news networks pull every hub into one
    blob where no label fits; Kamada-Kawai places nodes at distances that
    follow graph distance, which spreads that core.  It is quadratic, so it
    only refines small components.
    """
    import igraph

    start = _networkx_layout(nodes, edges, seed)
    g = igraph.Graph(n=len(nodes), edges=[(i, j) for i, j, _ in edges], directed=False)
    with _IGRAPH_RNG_LOCK:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            lay = g.layout_kamada_kawai(seed=start.tolist(), maxiter=50 * len(nodes))
        finally:
            igraph.set_random_number_generator(random)
    return np.asarray(lay.coords, dtype=float)


def _igraph_layout(nodes: list[Hashable], edges, seed: int) -> np.ndarray:
    import igraph

    n = len(nodes)
    g = igraph.Graph(n=n, edges=[(i, j) for i, j, _ in edges], directed=False)
    weights = [w for _, _, w in edges]
    # Centred on the origin: igraph's grid variant bins around (0, 0), and an
    # off-centre start made it ten times slower in the benchmark.
    start = ((np.random.default_rng(seed).random((n, 2)) - 0.5) * math.sqrt(n)).tolist()
    with _IGRAPH_RNG_LOCK:
        previous = random  # igraph's default generator is the random module
        igraph.set_random_number_generator(random.Random(seed))
        try:
            lay = g.layout_fruchterman_reingold(weights=weights or None, seed=start,
                                                niter=500, grid="auto")
        finally:
            igraph.set_random_number_generator(previous)
    return np.asarray(lay.coords, dtype=float)


def _normalise(coords: np.ndarray) -> np.ndarray:
    """Centre on the origin and scale so the larger extent is 1 (aspect kept)."""
    if len(coords) == 0:
        return coords
    lo, hi = coords.min(axis=0), coords.max(axis=0)
    span = float(max(hi[0] - lo[0], hi[1] - lo[1]))
    centred = coords - (lo + hi) / 2.0
    if span <= 0 or not math.isfinite(span):
        return np.zeros_like(coords)
    return centred / span


def _component_coords(nodes: list[Hashable], edges, seed: int) -> np.ndarray:
    n = len(nodes)
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[-0.5, 0.0], [0.5, 0.0]])
    raw = _refined_small_layout(nodes, edges, seed) if n <= NX_MAX_NODES else _igraph_layout(nodes, edges, seed)
    return _normalise(raw)


def _isolates_block(graph: nx.Graph, nodes: list[Hashable]) -> tuple[np.ndarray, float, float]:
    """Actors with no ties as a list in columns, each column as wide as its longest name.

    Nothing pulls isolated actors anywhere, so they are laid out for their
    labels: sorted by name, down one column then the next, the label to the
    right of each node with room for it inside the block.  Names are turned
    into layout units with an assumed character width (labels appear at a
    zoom of roughly 80 px per unit, where a character is about 7 px), so
    the estimate only has to be good enough to keep neighbours apart.
    Returns coordinates centred on the block, and its width and height.
    """
    names = [str(graph.nodes[n].get("name") or n) for n in nodes]
    order = sorted(range(len(nodes)), key=lambda i: (names[i].casefold(), _sort_key(nodes[i])))
    widths = np.array([_ISOLATE_NODE + _CHAR * len(names[i]) for i in order])
    # Rows chosen so the block comes out about square.
    rows = max(1, min(len(nodes), round(math.sqrt(len(nodes) * float(widths.mean()) / _ISOLATE_ROW))))
    cols = math.ceil(len(nodes) / rows)
    col_width = [float(widths[c * rows:(c + 1) * rows].max()) for c in range(cols)]
    col_x = np.concatenate([[0.0], np.cumsum(col_width)[:-1]])
    coords = np.empty((len(nodes), 2))
    for k, i in enumerate(order):
        coords[i] = (col_x[k // rows], -(k % rows) * _ISOLATE_ROW)
    width, height = float(sum(col_width)), rows * _ISOLATE_ROW
    # The node column sits at the block's left edge, the labels fill the rest.
    coords += (-width / 2.0, (height - _ISOLATE_ROW) / 2.0)
    coords[:, 0] += _ISOLATE_ROW / 2.0
    return coords, width, height


def _shelves(blocks: list[tuple[np.ndarray, float, float]], row_width: float):
    """Shelf-pack rectangular blocks in order into rows of at most ``row_width``.

    Returns each block's centre and the packed extent (width, height).
    """
    centres = []
    x = y = row_height = extent = 0.0
    for _, w, h in blocks:
        cw, ch = w + _GAP, h + _GAP
        if x > 0 and x + cw > row_width + 1e-9:
            x, y = 0.0, y + row_height
            row_height = 0.0
        centres.append((x + cw / 2.0, -(y + ch / 2.0)))
        x += cw
        extent = max(extent, x)
        row_height = max(row_height, ch)
    return centres, (extent, y + row_height)


def _pack(blocks: list[tuple[np.ndarray, float, float]]) -> list[np.ndarray]:
    """Place blocks (coords centred on the block, width, height) in rows, biggest first.

    Several row widths around the square root of the total area are tried
    and the one whose drawing has the shortest longer side wins: the
    drawing is scaled by its longer side, so that gives every node the most
    room.  Blocks then keep their order, so the result is deterministic.
    """
    if not blocks:
        return []
    total_area = sum((w + _GAP) * (h + _GAP) for _, w, h in blocks)
    widest = max(w for _, w, _ in blocks) + _GAP
    best = None
    for f in (0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6):
        row_width = max(math.sqrt(total_area) * f, widest)
        centres, (ew, eh) = _shelves(blocks, row_width)
        score = (max(ew, eh), ew * eh)
        if best is None or score < best[0]:
            best = (score, centres)
    return [coords + np.array(c) for (coords, _, _), c in zip(blocks, best[1])]


def layout_positions(graph: nx.Graph, seed: int = 7,
                     task: Optional[TaskState] = None) -> dict[Hashable, Position]:
    """Force-directed positions for every node of ``graph``, inside the unit box.

    Returns ``{node: (x, y)}`` with coordinates in ``[0, 1]``; the longer side
    of the drawing spans the full box and the other is centred.  The same graph
    and seed give the same positions in any process.  ``task`` receives
    progress and may cancel (raises ``tasks.Cancelled``).
    """
    if graph is None or graph.number_of_nodes() == 0:
        return {}
    report(task, 0.0, "Laying out the network")
    comps = _components(graph)
    connected = [c for c in comps if len(c) > 1]
    edges = _edges_by_component(graph, connected)
    singletons = [c[0] for c in comps if len(c) == 1]
    total = sum(len(c) for c in connected) or 1
    done = 0
    blocks: list[tuple[np.ndarray, float, float]] = []
    order: list[Hashable] = []
    for k, nodes in enumerate(connected):
        coords = _component_coords(nodes, edges[k], seed + k)
        # Area proportional to node count keeps node density even across blocks.
        side = math.sqrt(len(nodes))
        blocks.append((coords * side, side, side))
        order.extend(nodes)
        done += len(nodes)
        report(task, 0.9 * done / total, "Laying out the network")
    if singletons:
        # Isolated actors go in one tidy block, laid out for their labels, not scattered cells.
        blocks.append(_isolates_block(graph, singletons))
        order.extend(singletons)
    placed = np.vstack(_pack(blocks))
    lo, hi = placed.min(axis=0), placed.max(axis=0)
    span = float(max(hi[0] - lo[0], hi[1] - lo[1]))
    if span <= 0:
        unit = np.full_like(placed, 0.5)
    else:
        unit = (placed - (lo + hi) / 2.0) / span + 0.5
    report(task, 1.0, "Network laid out")
    return {node: (float(x), float(y)) for node, (x, y) in zip(order, unit)}


def positions_array(positions: dict[Hashable, Position], nodes: Iterable[Hashable]) -> np.ndarray:
    """Positions for ``nodes`` in that order as an (n, 2) array; unknown nodes at the centre."""
    return np.array([positions.get(n, (0.5, 0.5)) for n in nodes], dtype=float).reshape(-1, 2)
