"""The network panel of a figure: actors as typed nodes sized by degree, ties by weight, labels that do not collide.

The graph is the sub-network of what passes the filters (``core.filtering``
and ``core.network``, as in the app), so it shows the same slice of the
corpus as the timeline beside it.  Positions come from
``core.layout.layout_positions`` of the whole corpus network (deterministic),
exactly as the app's network view computes them; y points up as in that
view, so a view box copied from the screen frames the same nodes.  Labels
keep off ties as the view's do (``core.tie_grid``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from desktop_app.core import palette, top_actors
from desktop_app.core.layout import network_positions, strongest, tie_arrays
from desktop_app.core.model import Corpus
from desktop_app.core.tasks import TaskState, report
from desktop_app.core.store.evidence import TieArrays, pack_ties
from desktop_app.core.tie_grid import TieGrid
from desktop_app.core.tie_happenings import current_happenings, happenings_per_tie, weight_by_happenings
from desktop_app.figures import glyphs
from desktop_app.figures.metrics import TextMeasure
from desktop_app.figures.scene import MIN_TEXT, Circle, Group, Line, Rect, Stroke, Text
from desktop_app.figures.subset import Subset


MAX_LABELS = 300
MAX_TIES = 8000
# A figure framed on the drawn nodes inside the screen's view spans at least this share of that view.
MIN_FRAME = 0.1
# Label spots tried around each node (``_spots``).
_N_SPOTS = 8


@dataclass(slots=True)
class NetworkResult:
    group: Group
    rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # store rows behind the ties
    actor_types: set = field(default_factory=set)
    nodes: int = 0
    labelled: int = 0
    omitted_ties: int = 0
    message: str = ""
    by_happenings: bool = False     # tie widths count happenings (else events)
    ties: list = field(default_factory=list)   # (actor, actor, happenings, reports) per drawn tie


# The last full-corpus layout: previews and exports of one corpus reuse it.
_last_layout: Optional[tuple] = None


class _Net:
    """The filtered sub-network as arrays: node ids, degree, ties (src, dst, weight) over them.

    ``happenings`` / ``reports`` per tie when the corpus's happenings are known: the weight then
    counts happenings, as the network view's does (``core.tie_happenings``)."""

    def __init__(self, ids, names, src, dst, weight, happenings=None, reports=None):
        self.ids, self.names, self.src, self.dst, self.weight = ids, names, src, dst, weight
        self.happenings, self.reports = happenings, reports
        self.degree = np.zeros(len(ids), dtype=np.int64)
        if len(src):
            self.degree += np.bincount(src, minlength=len(ids)) + np.bincount(dst, minlength=len(ids))

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self):
        return iter(self.ids)


def _sub_network(subset: Subset, happenings=None) -> _Net:
    """Nodes: the subset's actors the corpus lists (as ``core.network.build_graph`` keeps them); ties among them.

    ``happenings`` (``corpus.happenings`` over the subset's store rows): tie widths count the
    happenings two actors share, not their reports, as on the screen.
    """
    listed = [subset.actors[a] for a in dict.fromkeys(subset.actor_ids) if a in subset.actors]
    net = subset.network
    if net is None:
        packed = pack_ties(subset.ties, subset.store) if happenings is not None else None
        if not isinstance(packed, TieArrays):
            return _Net(*tie_arrays(listed, subset.ties))
        net = packed
    # The filter's sub-network as arrays: no Tie object per tie.
    ids, names, _, _, _ = tie_arrays(listed, ())
    index = {a: i for i, a in enumerate(ids)}
    node_of_rank = np.array([index.get(n, -1) for n in net.names], dtype=np.int64)
    a, b = node_of_rank[net.source], node_of_rank[net.target]
    ok = (a >= 0) & (b >= 0) & (a != b)
    # ``weight``: shared events with place-place pairs weakened, as the corpus's own ties weigh.
    a, b, w = a[ok], b[ok], np.asarray(net.weight, dtype=float)[ok]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    order = np.lexsort((hi, lo))
    w = w[order]
    n_h = n_r = None
    if happenings is not None:
        n_h, n_r = happenings_per_tie(happenings, net.table.rows, net.table.ptr)
        n_h, n_r = n_h[ok][order], n_r[ok][order]
        w = weight_by_happenings(w, n_h, n_r)
    return _Net(ids, names, lo[order], hi[order], w, n_h, n_r)


def _positions(corpus: Corpus, graph, seed: int, task, aspect: float = 1.0, name_isolates: bool = True) -> dict:
    """Positions from the layout of the *whole* corpus network, as the app's view draws it.

    The view lays out every actor once and dims what the filters leave out,
    so a filtered figure must place each node where the screen has it; that
    is also what makes a view box copied from the screen frame the same nodes.
    """
    global _last_layout
    cached = _last_layout
    key = (len(corpus.events), len(corpus.actors), len(corpus.ties), seed, round(aspect, 3), name_isolates)
    if cached is None or cached[0] is not corpus or cached[1] != key:
        ids, names, src, dst, weight = tie_arrays(corpus.actors, corpus.ties)
        coords = network_positions(ids, names, src, dst, weight, seed=seed, task=task, aspect=aspect,
                                   name_isolates=name_isolates)
        full = {n: (float(x), float(y)) for n, (x, y) in zip(ids, coords.tolist())}
        cached = _last_layout = (corpus, key, full)
    full = cached[2]
    return {n: full[n] for n in graph if n in full}


def _fresh_positions(net: _Net, seed: int, task, aspect: float = 1.0) -> dict:
    """The sub-network laid out on its own, as the screen's "only active actors" view does."""
    coords = network_positions(net.ids, net.names, net.src, net.dst, net.weight, seed=seed, task=task,
                               aspect=aspect)
    return {n: (float(x), float(y)) for n, (x, y) in zip(net.ids, coords.tolist())}


def build_network(subset: Subset, box: tuple[float, float, float, float], unit: float,
                  measure: TextMeasure, corpus: Corpus, *, view_box=None, seed: int = 7, fresh: bool = False,
                  top: int = 0, task: Optional[TaskState] = None) -> NetworkResult:
    """The filtered sub-network (``core.network.build_graph``) laid out by ``core.layout``.

    ``fresh``: lay the sub-network out on its own (and frame all of it)
    instead of keeping each node where the whole corpus's layout has it.
    ``top``: a network of more actors shows its ``top`` most connected (``core.top_actors``) and the
    selected ones, laid out on their own with a few ties each, as the screen's "Top N" does; 0: all.
    """
    x, y, w, h = box
    group = Group(name="network")
    result = NetworkResult(group)
    net = _sub_network(subset, current_happenings(corpus, len(subset.store)))
    result.by_happenings = net.happenings is not None
    if len(net) == 0:
        result.message = "No actors pass the current filters."
        group.add(Text(x + w / 2, y + h / 2, result.message, unit, palette.MUTED_TEXT,
                       anchor="middle", role="message"))
        return result
    all_actors = len(net)
    if not fresh:
        net, topped = _top_of(net, subset, top)
        fresh = topped
    else:
        topped = False
    report(task, 0.1, "laying out the network")
    # A figure framed on everything fills its panel: components are packed to the panel's shape
    # (a component's own drawing never changes), and when too many actors for their names to fit,
    # actors with no ties form a compact grid rather than a list with room for names.
    aspect = max(0.3, min(3.5, w / max(h, 1.0)))
    if fresh:
        pos, view_box = _fresh_positions(net, seed, task, aspect), None
    elif view_box is None:
        pos = _positions(corpus, net, seed, task, aspect, name_isolates=len(net) <= MAX_LABELS)
    else:
        pos = _positions(corpus, net, seed, task)     # the screen's own picture, framed as on screen
    graph = net.ids
    degree = dict(zip(net.ids, net.degree.tolist()))
    max_deg = max(degree.values()) or 1
    r_min, r_max = unit * 0.32, unit * (1.1 if len(graph) < 80 else 0.7)
    # In a crowded network the nodes must shrink with the room each one has,
    # or they bury each other (and every tie) under a carpet of symbols.
    room = 0.3 * math.sqrt(w * h / len(graph))
    r_min, r_max = max(1.2, min(r_min, room * 0.6)), max(2.0, min(r_max, room * 1.6))
    radius = {n: r_min + (r_max - r_min) * math.sqrt(degree[n] / max_deg) for n in graph}

    # Frame: the drawn nodes' extent with room for the biggest node; with the screen's view box, the
    # drawn nodes inside it: the screen dims what the filters leave out, a figure leaves it out, so
    # framing the whole screen would leave the filtered cluster small in an empty panel.
    vb = _drawn_extent(pos, view_box)
    margin = r_max + unit * 0.5
    inner = (x + margin, y + margin, max(1.0, w - 2 * margin), max(1.0, h - 2 * margin))
    to_xy = _mapper(vb, inner)
    xy = {n: to_xy(*pos[n]) for n in graph}

    clip = Group(clip=(x, y, w, h), name="network marks")
    group.add(clip)
    edges = Group(name="ties")
    # Heaviest first, equal weights by endpoint ids (ties are sorted by (src, dst) ids).
    top = strongest(net.weight, len(net.weight))
    max_ties = min(MAX_TIES, top_actors.TIES_PER_SHOWN_ACTOR * len(net)) if topped else MAX_TIES
    if len(top) > max_ties:
        # Past this many lines a tie layer is a grey fog (and a huge SVG):
        # keep the strongest ties and say how many were left out.
        result.omitted_ties = len(top) - max_ties
        top = top[:max_ties]
    ids = net.ids
    ranked = [(ids[a], ids[b], wt) for a, b, wt in
              zip(net.src[top].tolist(), net.dst[top].tolist(), net.weight[top].tolist())]
    if net.happenings is not None:
        result.ties = [(ids[a], ids[b], int(nh), int(nr)) for a, b, nh, nr in
                       zip(net.src[top].tolist(), net.dst[top].tolist(), net.happenings[top].tolist(),
                           net.reports[top].tolist())]
    w_max = max((wt for _, _, wt in ranked), default=1.0) or 1.0
    ties = [(*xy[a], *xy[b]) for a, b, _ in ranked]
    for a, b, wt in reversed(ranked):   # strongest drawn last, on top
        (ax, ay), (bx, by) = xy[a], xy[b]
        width = _tie_width(unit, wt / w_max)
        edges.add(Line(ax, ay, bx, by, Stroke(palette.EDGE, width, alpha=0.7)))
    clip.add(edges)
    report(task, 0.6, "drawing the network")

    nodes = Group(name="actors")
    order = sorted(graph, key=lambda n: (degree[n], str(n)))   # hubs drawn last, on top
    for n in order:
        actor = subset.actors.get(n)
        atype = actor.type if actor else None
        if atype:
            result.actor_types.add(atype)
        cx, cy = xy[n]
        if n in subset.selected:
            nodes.add(Circle(cx, cy, radius[n] * 1.45 + 2, fill=palette.SELECTION_FILL,
                             stroke=Stroke(palette.SELECTION, 1.5)))
        nodes.add(glyphs.shape(palette.actor_shape(atype), cx, cy, radius[n],
                               palette.actor_color(atype),
                               stroke=Stroke(palette.FOREGROUND if n in subset.selected
                                             else palette.BACKGROUND, min(1.2, radius[n] * 0.25))))
    clip.add(nodes)
    result.labelled = _labels(clip, graph, subset, xy, radius, degree, (x, y, w, h), unit, measure,
                              ties, _must_label(net, subset))
    result.nodes = len(graph)
    rows = subset.rows
    ptr = subset.store.c["actor_ptr"]
    result.rows = rows[ptr[rows + 1] > ptr[rows]]     # events with an actor: the ties' evidence
    notes = []
    if topped:
        notes.append(f"Showing the {len(net):,} most connected of {all_actors:,} actors.")
    if result.omitted_ties:
        notes.append(f"Showing the {max_ties:,} strongest of {max_ties + result.omitted_ties:,} ties.")
    if notes:
        note = " ".join(notes)
        result.message = note
        group.add(Text(x + w, y + h - 2, note, max(MIN_TEXT, round(unit * 0.72)), palette.MUTED_TEXT,
                       anchor="end", role="note"))
    return result


def _top_of(net: _Net, subset: Subset, top: int) -> tuple[_Net, bool]:
    """``net`` cut to its ``top`` most connected actors and the selected ones (``core.top_actors``), and
    whether it was cut."""
    always = np.array([a in subset.selected for a in net.ids], dtype=bool) if len(net) else None
    keep = top_actors.top_mask(len(net), net.src, net.dst, net.weight, top, always)
    if keep is None or keep.all():
        return net, False
    nodes = np.flatnonzero(keep)
    new_of_old = np.full(len(net), -1, dtype=np.int64)
    new_of_old[nodes] = np.arange(len(nodes))
    tie = keep[net.src] & keep[net.dst]
    cut = _Net([net.ids[i] for i in nodes.tolist()], [net.names[i] for i in nodes.tolist()],
               new_of_old[net.src[tie]], new_of_old[net.dst[tie]], net.weight[tie],
               None if net.happenings is None else net.happenings[tie],
               None if net.reports is None else net.reports[tie])
    return cut, True


def _drawn_extent(pos: dict, view_box=None) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of the nodes in ``pos``; only of those inside ``view_box`` when one is given
    (the view box itself when none is)."""
    xy = np.array(list(pos.values()), dtype=float).reshape(-1, 2)
    if view_box is not None:
        vx0, vy0, vx1, vy1 = view_box
        inside = (xy[:, 0] >= vx0) & (xy[:, 0] <= vx1) & (xy[:, 1] >= vy0) & (xy[:, 1] <= vy1)
        if not inside.any():
            return tuple(view_box)
        xy = xy[inside]
    (x0, y0), (x1, y1) = xy.min(axis=0), xy.max(axis=0)
    if view_box is not None:
        # Two or three drawn nodes are not blown up to fill the panel: a frame spans at least
        # MIN_FRAME of the screen's, around them.
        for lo, hi, span, k in ((x0, x1, vx1 - vx0, 0), (y0, y1, vy1 - vy0, 1)):
            grow = max(0.0, span * MIN_FRAME - (hi - lo)) / 2
            if k == 0:
                x0, x1 = lo - grow, hi + grow
            else:
                y0, y1 = lo - grow, hi + grow
    return float(x0), float(y0), float(x1), float(y1)


def _mapper(vb, inner):
    vx0, vy0, vx1, vy1 = vb
    ix, iy, iw, ih = inner
    sw, sh = max(vx1 - vx0, 1e-9), max(vy1 - vy0, 1e-9)
    k = min(iw / sw, ih / sh)          # keep the layout's aspect: distances mean something
    ox = ix + (iw - sw * k) / 2
    oy = iy + (ih - sh * k) / 2

    def to_xy(px: float, py: float) -> tuple[float, float]:
        return ox + (px - vx0) * k, oy + (vy1 - py) * k   # y up, as on screen
    return to_xy


# Always named, whatever the crowding: the selection, its neighbours (up to this many, most
# connected first) and this many of the biggest hubs.
MUST_NEIGHBOURS = 40
MUST_HUBS = 8


def _must_label(net: _Net, subset) -> set:
    """Actors whose label is never dropped: the selected ones, their neighbours and the biggest hubs."""
    ids = net.ids
    index = {a: i for i, a in enumerate(ids)}
    sel = np.zeros(len(ids), dtype=bool)
    for a in subset.selected:
        if a in index:
            sel[index[a]] = True
    must = set(np.flatnonzero(sel).tolist())
    if sel.any() and len(net.src):
        near = np.zeros(len(ids), dtype=bool)
        near[net.dst[sel[net.src]]] = True
        near[net.src[sel[net.dst]]] = True
        near &= ~sel
        cand = np.flatnonzero(near)
        cand = cand[np.lexsort((cand, -net.degree[cand]))][:MUST_NEIGHBOURS]
        must |= set(cand.tolist())
    hubs = np.lexsort((np.arange(len(ids)), -net.degree))[:MUST_HUBS]
    must |= {int(i) for i in hubs if net.degree[i] > 0}
    return {ids[i] for i in must}


def _labels(group, graph, subset, xy, radius, degree, box, unit, measure, ties=(), must=frozenset()) -> int:
    """Label the best-connected actors first, each at a spot that overlaps no node or label placed.

    ``must`` actors (the selection, its neighbours, the biggest hubs) come
    first and are always named: where no spot is free of nodes their label
    covers nodes (on its backing), and where none is free of labels either,
    it takes the spot that overlaps the fewest.
    Among the free spots one no drawn tie crosses wins, else the one with the
    least tie line through it (a corner clipped reads better than a tie run
    along the text); ``ties`` are the drawn segments (x0, y0, x1, y1).  A
    label over a tie hides which node the tie ends at, but an actor left
    unnamed is worse, so ties only choose among spots, never rule one out.
    """
    bx, by, bw, bh = box
    size = max(MIN_TEXT, round(unit * (0.85 if len(graph) < 60 else 0.72)))
    asc = measure.ascent(size)
    ranked = sorted(graph, key=lambda n: (n not in subset.selected, n not in must, -degree[n], str(n)))
    # Past a few hundred labels a figure is unreadable anyway; the cap keeps placement fast.
    ranked = ranked[:max(MAX_LABELS, len(must))]
    # Labels avoid the nodes that may get a label; in a big network the many
    # small nodes would leave no room at all, and the label halo keeps text
    # readable over them.
    taken = [(xy[n][0] - radius[n], xy[n][1] - radius[n], xy[n][0] + radius[n], xy[n][1] + radius[n])
             for n in ranked]
    spots = [_spots(xy[n], radius[n], asc, measure.width(_name(subset, n), size, n in subset.selected))
             for n in ranked]
    # A stroke paints half its width either side of the tie's line, so one passing just
    # outside a box still runs into its text: boxes are tested grown by that much.
    ink = _tie_ink([rect for node_spots in spots for *_, rect in node_spots], ties, box,
                   reach=_tie_width(unit, 1.0) / 2)
    ink = ink.reshape(len(ranked), _N_SPOTS)
    layer = Group(name="actor labels")
    placed = 0
    for i, n in enumerate(ranked):
        cx, cy = xy[n]
        best = None
        for k, (lx, ly, anchor, rect) in enumerate(spots[i]):
            # Strictly less: of equally inked spots the earlier (better-reading) one stays,
            # and the costly overlap test is skipped for spots that could not win.
            if best is not None and ink[i, k] >= ink[i, best[0]]:
                continue
            if rect[0] < bx or rect[2] > bx + bw or rect[1] < by or rect[3] > by + bh:
                continue
            if any(_hit(rect, t) for t in taken if not _own(t, cx, cy, radius[n])):
                continue
            best = (k, lx, ly, anchor, rect)
            if ink[i, k] == 0:
                break
        if best is None and n in must:
            best = _forced_spot(spots[i], taken, len(ranked), box)
        if best is None:
            continue
        _, lx, ly, anchor, rect = best
        taken.append(rect)
        layer.add(Rect(rect[0], rect[1], rect[2] - rect[0], rect[3] - rect[1],
                       fill=palette.BACKGROUND, fill_alpha=0.75))
        layer.add(Text(lx, ly, _name(subset, n), size, palette.FOREGROUND, anchor=anchor,
                       bold=n in subset.selected, role="node"))
        placed += 1
    group.add(layer)
    return placed


def _forced_spot(node_spots, taken, n_nodes: int, box):
    """For a label that must appear: the in-box spot overlapping the fewest labels, then nodes.

    ``taken`` holds the node discs (the first ``n_nodes``) then the labels placed so far.
    """
    bx, by, bw, bh = box
    best, best_cost = None, None
    for k, (lx, ly, anchor, rect) in enumerate(node_spots):
        inside = not (rect[0] < bx or rect[2] > bx + bw or rect[1] < by or rect[3] > by + bh)
        labels = sum(1 for t in taken[n_nodes:] if _hit(rect, t))
        nodes = sum(1 for t in taken[:n_nodes] if _hit(rect, t))
        cost = (not inside, labels, nodes, k)
        if best_cost is None or cost < best_cost:
            best, best_cost = (k, lx, ly, anchor, rect), cost
    return best


def _name(subset, n) -> str:
    actor = subset.actors.get(n)
    return actor.name if actor and actor.name else str(n)


def _spots(centre, radius, asc, tw) -> list[tuple[float, float, str, tuple]]:
    """The eight label spots around a node, best first: (x, y, text anchor, backing box)."""
    cx, cy = centre
    r = radius + 2
    d = r * 0.75
    out = []
    for lx, ly, anchor in ((cx + r, cy + asc * 0.35, "start"), (cx - r, cy + asc * 0.35, "end"),
                           (cx, cy - r - 2, "middle"), (cx, cy + r + asc, "middle"),
                           (cx + d, cy - d - 1, "start"), (cx + d, cy + d + asc, "start"),
                           (cx - d, cy - d - 1, "end"), (cx - d, cy + d + asc, "end")):
        left = lx if anchor == "start" else lx - tw if anchor == "end" else lx - tw / 2
        out.append((lx, ly, anchor, (left - 1, ly - asc - 1, left + tw + 1, ly + asc * 0.3 + 1)))
    return out


def _tie_width(unit: float, share: float) -> float:
    """Stroke width of a tie carrying ``share`` of the heaviest tie's weight."""
    return 0.7 + unit * 0.35 * math.sqrt(share)


def _tie_ink(rects, ties, box, reach: float = 0.0) -> np.ndarray:
    """Per label box grown by ``reach``, the length of drawn tie inside it (all zero when ties are a fog or absent)."""
    ink = np.zeros(len(rects))
    if len(ties) == 0 or len(rects) == 0:
        return ink
    bx, by, bw, bh = box
    # TieGrid works on a screen whose origin is the panel's corner.
    shift = np.array([bx, by, bx, by])
    grid = TieGrid(np.asarray(ties, dtype=float) - shift, bw, bh)
    if not grid.active:
        return ink
    return grid.ink(np.asarray(rects, dtype=float) - shift + np.array([-reach, -reach, reach, reach]))


def _hit(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _own(t, cx, cy, r) -> bool:
    return abs(t[0] - (cx - r)) < 1e-6 and abs(t[1] - (cy - r)) < 1e-6
