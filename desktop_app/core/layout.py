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
Connected components are laid out separately, each block as big as its
drawing (a pair is a short line, not a square of empty space), and packed
in rows, or beside or under the biggest component, whichever is most
compact, so one dense cluster cannot push small ones to the margins.
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
from desktop_app.core.store.evidence import TieArrays

Position = tuple[float, float]

# Above this many nodes in one component igraph does the work (see module doc).
NX_MAX_NODES = 150
# Gap between packed components, in layout units (about one node spacing each).
_GAP = 0.25
# Room around a component's own drawing inside its block (about half a node spacing).
_SMALL_PAD = 0.35
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


def _raw_weight(data: dict) -> float:
    w = data.get("weight", 1.0)
    try:
        return float(w)
    except (TypeError, ValueError):
        return 0.0      # damps to 1, as an unreadable weight always has


def _damped(weight: np.ndarray) -> np.ndarray:
    # Log-damped so one heavily repeated tie does not collapse its pair.
    return 1.0 + np.log1p(np.maximum(weight, 0.0))


def _components(n: int, src: np.ndarray, dst: np.ndarray) -> list[np.ndarray]:
    """Connected components as ascending node-index arrays, largest first, ties by first node.

    Node indexes are in sort order (see ``layout_arrays``), so ascending
    indexes are sorted nodes and the order is stable across processes.
    """
    import igraph

    g = igraph.Graph(n=n, edges=np.column_stack([src, dst]).tolist() if len(src) else [], directed=False)
    member = np.asarray(g.connected_components().membership, dtype=np.int64)
    order = np.argsort(member, kind="stable")
    cuts = np.flatnonzero(np.diff(member[order])) + 1
    comps = np.split(order, cuts) if n else []
    comps.sort(key=lambda c: (-len(c), int(c[0])))
    return comps


def _edges_by_component(comps: list[np.ndarray], n: int, src: np.ndarray, dst: np.ndarray,
                        weight: np.ndarray) -> list[list[tuple[int, int, float]]]:
    """Each component's edges as (i, j, damped weight) over its local node indexes, sorted.

    Parallel edges (a multigraph) add their weights; self-loops are dropped.
    Vectorised: 400k ties are grouped in a few numpy passes, not a Python loop.
    """
    comp_of = np.empty(n, dtype=np.int64)
    local = np.empty(n, dtype=np.int64)
    for k, nodes in enumerate(comps):
        comp_of[nodes] = k
        local[nodes] = np.arange(len(nodes))
    keep = src != dst
    s, d, w = src[keep], dst[keep], _damped(weight[keep])
    i, j = local[s], local[d]
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    k = comp_of[s]
    out: list[list[tuple[int, int, float]]] = [[] for _ in comps]
    if len(k) == 0:
        return out
    order = np.lexsort((hi, lo, k))
    k, lo, hi, w = k[order], lo[order], hi[order], w[order]
    new = np.ones(len(k), dtype=bool)
    new[1:] = (k[1:] != k[:-1]) | (lo[1:] != lo[:-1]) | (hi[1:] != hi[:-1])
    starts = np.flatnonzero(new)
    sums = np.add.reduceat(w, starts)
    k, lo, hi = k[starts], lo[starts], hi[starts]
    bounds = np.searchsorted(k, np.arange(len(comps) + 1))
    for c in range(len(comps)):
        a, b = bounds[c], bounds[c + 1]
        out[c] = list(zip(lo[a:b].tolist(), hi[a:b].tolist(), sums[a:b].tolist()))
    return out


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


def _isolates_grid(names: list[str], keys: list) -> tuple[np.ndarray, float, float]:
    """Actors with no ties as a square grid at node spacing, in name order: for a drawing that
    will not name them (a whole-corpus figure), where the list's room for names is empty space."""
    order = sorted(range(len(keys)), key=lambda i: (names[i].casefold(), keys[i]))
    cols = max(1, math.ceil(math.sqrt(len(keys))))
    rows = math.ceil(len(keys) / cols)
    coords = np.empty((len(keys), 2))
    for k, i in enumerate(order):
        coords[i] = ((k % cols) * _ISOLATE_ROW, -(k // cols) * _ISOLATE_ROW)
    coords -= ((cols - 1) * _ISOLATE_ROW / 2.0, -(rows - 1) * _ISOLATE_ROW / 2.0)
    return coords, cols * _ISOLATE_ROW, rows * _ISOLATE_ROW


def _isolates_block(names: list[str], keys: list) -> tuple[np.ndarray, float, float]:
    """Actors with no ties as a list in columns, each column as wide as its longest name.

    Nothing pulls isolated actors anywhere, so they are laid out for their
    labels: sorted by name, down one column then the next, the label to the
    right of each node with room for it inside the block.  Names are turned
    into layout units with an assumed character width (labels appear at a
    zoom of roughly 80 px per unit, where a character is about 7 px), so
    the estimate only has to be good enough to keep neighbours apart.
    Returns coordinates centred on the block, and its width and height.
    """
    nodes = keys
    order = sorted(range(len(nodes)), key=lambda i: (names[i].casefold(), keys[i]))
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


def _pack(blocks: list[tuple[np.ndarray, float, float]], aspect: float = 1.0) -> list[np.ndarray]:
    """Place blocks (coords centred on the block, width, height), biggest first, as compactly as we can.

    Two families of arrangement are tried and the one whose drawing has the
    shortest longer side wins (the drawing is scaled by its longer side, so
    that gives every node the most room): every block in rows, and the
    biggest block with all the others packed in rows beside it or under it,
    so a large component does not leave a row's height of empty space next
    to it while the small ones trail off in long rows below.  Blocks keep
    their order, so the result is deterministic.  ``aspect`` is the width
    over the height of the frame the drawing will fill (1 for the app's
    square-ish panel, 16:9 for a slide figure): the drawing's longer side is
    measured against it.
    """
    if not blocks:
        return []
    best = None
    for centres, (ew, eh) in _arrangements(blocks, aspect):
        score = (max(ew / aspect, eh), ew * eh)
        if best is None or score < best[0]:
            best = (score, centres)
    return [coords + np.array(c) for (coords, _, _), c in zip(blocks, best[1])]


def _arrangements(blocks, aspect: float = 1.0):
    """Candidate packings: (centre per block, (width, height)) each."""
    total_area = sum((w + _GAP) * (h + _GAP) for _, w, h in blocks)
    widest = max(w for _, w, _ in blocks) + _GAP
    for f in (0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6):
        yield _shelves(blocks, max(math.sqrt(total_area * aspect) * f, widest))
    if len(blocks) < 3:
        return
    big, rest = blocks[0], blocks[1:]
    bw, bh = big[1] + _GAP, big[2] + _GAP
    rest_area = sum((w + _GAP) * (h + _GAP) for _, w, h in rest)
    rest_widest = max(w for _, w, _ in rest) + _GAP
    for f in (0.6, 0.8, 1.0, 1.25, 1.6, 2.0):
        # Beside: the rest in a column about as tall as the big block.
        row_width = max(rest_area / max(bh, 1e-9) * f, rest_widest)
        centres, (rw, rh) = _shelves(rest, row_width)
        yield ([(bw / 2, -bh / 2)] + [(x + bw, y) for x, y in centres], (bw + rw, max(bh, rh)))
        # Under: the rest in rows about as wide as the big block.
        row_width = max(bw * f, rest_widest)
        centres, (rw, rh) = _shelves(rest, row_width)
        yield ([(bw / 2, -bh / 2)] + [(x, y - bh) for x, y in centres], (max(bw, rw), bh + rh))


def _block(coords: np.ndarray, pad: float) -> tuple[np.ndarray, float, float]:
    """A component's coordinates as a block centred on its own bounding box, ``pad`` around it."""
    lo, hi = coords.min(axis=0), coords.max(axis=0)
    return coords - (lo + hi) / 2.0, float(hi[0] - lo[0]) + pad, float(hi[1] - lo[1]) + pad


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
    nodes = list(graph.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    edges = list(graph.edges(data=True))
    src = np.fromiter((index[u] for u, _, _ in edges), dtype=np.int64, count=len(edges))
    dst = np.fromiter((index[v] for _, v, _ in edges), dtype=np.int64, count=len(edges))
    weight = np.fromiter((_raw_weight(d) for _, _, d in edges), dtype=float, count=len(edges))
    names = [str(graph.nodes[n].get("name") or n) for n in nodes]
    coords = layout_arrays(nodes, names, src, dst, weight, seed=seed, task=task)
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, coords.tolist())}


def layout_arrays(nodes: list[Hashable], names: list[str], src: np.ndarray, dst: np.ndarray,
                  weight: np.ndarray, seed: int = 7, task: Optional[TaskState] = None,
                  aspect: float = 1.0, name_isolates: bool = True) -> np.ndarray:
    """``layout_positions`` for a network given as arrays: node keys, display names, tie endpoints
    (indexes into ``nodes``) and raw tie weights.  Returns an (n, 2) array in ``nodes`` order.

    The same nodes, ties and seed give the same picture whichever order they
    come in: nodes are put in sort order before anything else sees them.
    ``aspect`` (width / height of the frame to fill) and ``name_isolates``
    (leave room for the names of actors with no ties) change only how the
    components are packed, never a component's own drawing.
    """
    n = len(nodes)
    if n == 0:
        return np.zeros((0, 2))
    report(task, 0.0, "Laying out the network")
    keys = [_sort_key(x) for x in nodes]
    by_key = sorted(range(n), key=keys.__getitem__)
    rank = np.empty(n, dtype=np.int64)
    rank[np.asarray(by_key, dtype=np.int64)] = np.arange(n)
    src, dst = rank[np.asarray(src, dtype=np.int64)], rank[np.asarray(dst, dtype=np.int64)]
    weight = np.asarray(weight, dtype=float)
    comps = _components(n, src, dst)
    connected = [c for c in comps if len(c) > 1]
    edges = _edges_by_component(connected, n, src, dst, weight)
    singletons = np.array([int(c[0]) for c in comps if len(c) == 1], dtype=np.int64)
    total = sum(len(c) for c in connected) or 1
    done = 0
    blocks: list[tuple[np.ndarray, float, float]] = []
    order: list[np.ndarray] = []
    for k, members in enumerate(connected):
        coords = _component_coords(members, edges[k], seed + k)
        # Area proportional to node count keeps node density even across blocks; a block is as
        # big as the drawing really is (a pair is a short line, not a square), so small
        # components pack tightly instead of each holding a square of empty space.
        side = math.sqrt(len(members))
        blocks.append(_block(coords * side, _SMALL_PAD))
        order.append(members)
        done += len(members)
        report(task, 0.9 * done / total, "Laying out the network")
    if len(singletons):
        # Isolated actors go in one tidy block, laid out for their labels, not scattered cells.
        original = [by_key[i] for i in singletons.tolist()]
        isolates = _isolates_block if name_isolates else _isolates_grid
        blocks.append(isolates([names[i] for i in original], [keys[i] for i in original]))
        order.append(singletons)
    placed = np.vstack(_pack(blocks, aspect))
    lo, hi = placed.min(axis=0), placed.max(axis=0)
    span = float(max(hi[0] - lo[0], hi[1] - lo[1]))
    if span <= 0:
        unit = np.full_like(placed, 0.5)
    else:
        unit = (placed - (lo + hi) / 2.0) / span + 0.5
    report(task, 1.0, "Network laid out")
    out = np.empty((n, 2))
    out[np.asarray(by_key, dtype=np.int64)[np.concatenate(order)]] = unit
    return out


# Past this many ties the layout follows the strongest ones (plus a spanning
# forest, so no actor loses its component): at 400k mostly single-event ties
# the weak majority only adds noise and seconds (8.8 s against 3.0 s for
# 10k actors in scripts/bench_network.py --corpus).
LAYOUT_MAX_TIES = 30_000


def tie_arrays(actors, ties) -> tuple[list[str], list[str], np.ndarray, np.ndarray, np.ndarray]:
    """A corpus's network as arrays: (sorted actor ids, names, src, dst, weight).

    Ties between listed actors only, self-ties dropped, src < dst, sorted by
    (src, dst); a repeated pair keeps its last tie, as a graph's add_edge
    would.  No graph and no per-tie dict: 400k ties cost a few arrays.
    """
    by_id = {}
    for a in actors:
        by_id[a.id] = a
    ids = sorted(by_id)
    index = {a: i for i, a in enumerate(ids)}
    names = [str(by_id[a].name or a) for a in ids]
    get = index.get
    if isinstance(ties, TieArrays):
        # A compact corpus's ties are arrays already: no Tie object per tie.
        where = np.array([get(x, -1) for x in ties.names], dtype=np.int64)
        a, b = where[ties.source], where[ties.target]
        w = np.maximum(np.nan_to_num(ties.weight.astype(float), nan=1.0), 0.0)
    else:
        n = len(ties)
        a = np.empty(n, dtype=np.int64)
        b = np.empty(n, dtype=np.int64)
        w = np.empty(n, dtype=float)
        for k, t in enumerate(ties):
            a[k] = get(t.source, -1)
            b[k] = get(t.target, -1)
            try:
                w[k] = max(float(t.weight), 0.0)
            except (TypeError, ValueError):
                w[k] = 1.0
    ok = (a >= 0) & (b >= 0) & (a != b)
    a, b, w = a[ok], b[ok], w[ok]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    keys = lo * max(len(ids), 1) + hi
    _, first_in_reversed = np.unique(keys[::-1], return_index=True)
    pick = len(keys) - 1 - first_in_reversed       # ascending keys, last occurrence of each
    return ids, names, lo[pick], hi[pick], w[pick]


def strongest(weight: np.ndarray, k: int) -> np.ndarray:
    """Indexes of the ``k`` heaviest ties, heaviest first; equal weights keep array order."""
    order = np.argsort(-np.asarray(weight, dtype=float), kind="stable")
    return order[:max(k, 0)]


def layout_ties(n: int, src: np.ndarray, dst: np.ndarray, weight: np.ndarray,
                budget: int = LAYOUT_MAX_TIES) -> np.ndarray:
    """Which ties the layout uses: all up to ``budget``, else the strongest plus a maximum spanning forest."""
    m = len(src)
    if m <= budget:
        return np.arange(m)
    import igraph

    g = igraph.Graph(n=n, edges=np.column_stack([src, dst]).tolist(), directed=False)
    forest = np.asarray(g.spanning_tree(weights=(-np.asarray(weight, dtype=float)).tolist(),
                                        return_tree=False), dtype=np.int64)
    return np.union1d(strongest(weight, budget), forest)


def network_positions(ids: list[str], names: list[str], src: np.ndarray, dst: np.ndarray,
                      weight: np.ndarray, seed: int = 7, task: Optional[TaskState] = None,
                      aspect: float = 1.0, name_isolates: bool = True) -> np.ndarray:
    """The app's and the exporter's positions for a network given by ``tie_arrays``: (n, 2) in ``ids`` order."""
    keep = layout_ties(len(ids), src, dst, weight)
    return layout_arrays(ids, names, src[keep], dst[keep], weight[keep], seed=seed, task=task,
                         aspect=aspect, name_isolates=name_isolates)


def positions_array(positions: dict[Hashable, Position], nodes: Iterable[Hashable]) -> np.ndarray:
    """Positions for ``nodes`` in that order as an (n, 2) array; unknown nodes at the centre."""
    return np.array([positions.get(n, (0.5, 0.5)) for n in nodes], dtype=float).reshape(-1, 2)
