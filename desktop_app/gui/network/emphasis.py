"""What each node and tie looks like for a selection: the rules, apart from the drawing.

Node levels: GHOST (outside the brushed time window), DIMMED (a selection
exists and this actor is neither in it nor next to it), PLAIN, FOCUS
(selected, or an actor of the selected event).  Tie levels are the
``edges`` module's HIDDEN / DIM / NORMAL / HIGHLIGHT.
"""
from __future__ import annotations

from typing import Iterable, Optional, Sequence

import numpy as np

from .data import NetworkData
from .edges import DIM, HIDDEN, HIGHLIGHT, NORMAL

GHOST, DIMMED, PLAIN, FOCUS = 0, 1, 2, 3


def levels(data: NetworkData, actors: Iterable[str], window, event: Optional[str],
           reports: Sequence[str] = ()) -> tuple[np.ndarray, np.ndarray]:
    """(node level per node, tie level per tie) for a selection's actors, time window and event.

    ``reports``: every report of a selected happening (``SelectionModel.reports``).  The
    happening is what was chosen, so every actor any of its reports names is in focus, not only
    the shown report's; a tie is highlighted when one of the reports names both its ends.
    """
    n, m = data.n_nodes, data.n_edges
    if window is not None:
        in_window, net = data.window_network(window)
        active = data.node_mask(in_window)
        edge_active = data.ties_mask(net) if isinstance(net, list) else data.network_mask(net)
    else:
        active, edge_active = np.ones(n, dtype=bool), np.ones(m, dtype=bool)
    selected = data.node_mask(actors)
    told = [event, *(r for r in reports if r != event)]
    named = data.nodes_named(told)          # per report, the nodes it names
    event_actors = np.zeros(n, dtype=bool)
    for nodes in named:
        event_actors[nodes] = True
    focus = (selected | event_actors) & active
    neighbours = data.neighbours_mask(selected, edge_active) & active & ~focus
    level = np.full(n, PLAIN, dtype=np.int64)
    if focus.any():
        level[:] = DIMMED
        level[neighbours] = PLAIN
        level[focus] = FOCUS
    level[~active] = GHOST
    edge_level = np.full(m, NORMAL, dtype=np.int64)
    if m and focus.any():
        edge_level[:] = DIM
        # The selected actors' own ties, and the ties among the selected event's actors.
        hot = selected[data.src] | selected[data.dst]
        hot |= data.ties_within(named)      # the ties among one report's actors, for each report
        edge_level[hot] = HIGHLIGHT
    edge_level[~edge_active] = HIDDEN
    return level, edge_level


def tie_budget(edge_level: np.ndarray, order: np.ndarray, max_ties: int) -> tuple[np.ndarray, np.ndarray, int]:
    """Cap the drawn ties at ``max_ties``, strongest first (``order``: tie indexes, heaviest first).

    Returns (tie levels with the ties past the cap HIDDEN unless HIGHLIGHT,
    the mask of live ties within the cap, the number of live ties).  A
    highlighted tie (the selection's own) is never hidden by the cap.
    """
    live = edge_level > HIDDEN
    total = int(np.count_nonzero(live))
    if total <= max_ties:
        return edge_level, live, total
    chosen = order[live[order]][:max_ties]
    in_budget = np.zeros(len(edge_level), dtype=bool)
    in_budget[chosen] = True
    out = np.where(in_budget | (edge_level == HIGHLIGHT), edge_level, HIDDEN)
    return out, in_budget, total
