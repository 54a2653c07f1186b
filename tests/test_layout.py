"""The network layout: deterministic, inside the unit box, every node placed."""
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from desktop_app.core.layout import layout_positions, NX_MAX_NODES
from desktop_app.core.tasks import Cancelled, TaskState

ROOT = Path(__file__).resolve().parents[1]


def _mixed_graph():
    g = nx.karate_club_graph()
    g = nx.relabel_nodes(g, {i: f"a{i}" for i in g.nodes})
    g.add_edge("x", "y", weight=4)
    g.add_edge("y", "z")
    g.add_node("lonely")
    g.add_node("alone")
    return g


def _in_unit_box(pos):
    return all(-1e-9 <= c <= 1 + 1e-9 for xy in pos.values() for c in xy)


def test_empty_graph_gives_no_positions():
    assert layout_positions(nx.Graph()) == {}


def test_single_node_sits_in_the_box():
    g = nx.Graph()
    g.add_node("only")
    pos = layout_positions(g)
    assert set(pos) == {"only"}
    assert _in_unit_box(pos)


def test_every_node_placed_inside_unit_box_and_spanning_it():
    g = _mixed_graph()
    pos = layout_positions(g)
    assert set(pos) == set(g.nodes)
    assert _in_unit_box(pos)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    # The longer side fills the box.
    assert max(max(xs) - min(xs), max(ys) - min(ys)) == pytest.approx(1.0)


def test_no_two_nodes_share_a_position():
    pos = layout_positions(_mixed_graph())
    assert len({(round(x, 6), round(y, 6)) for x, y in pos.values()}) == len(pos)


def test_same_graph_same_positions_regardless_of_insertion_order():
    g = _mixed_graph()
    h = nx.Graph()
    h.add_nodes_from(reversed(list(g.nodes)))
    h.add_edges_from(reversed(list(g.edges(data=True))))
    assert layout_positions(g) == layout_positions(h)


def test_seed_changes_the_picture():
    g = _mixed_graph()
    assert layout_positions(g, seed=1) != layout_positions(g, seed=2)


def test_components_do_not_overlap():
    g = nx.Graph()
    nx.add_cycle(g, [f"a{i}" for i in range(8)])
    nx.add_cycle(g, [f"b{i}" for i in range(8)])
    pos = layout_positions(g)

    def box(prefix):
        pts = [p for n, p in pos.items() if n.startswith(prefix)]
        return (min(p[0] for p in pts), max(p[0] for p in pts),
                min(p[1] for p in pts), max(p[1] for p in pts))

    ax0, ax1, ay0, ay1 = box("a")
    bx0, bx1, by0, by1 = box("b")
    assert ax1 < bx0 or bx1 < ax0 or ay1 < by0 or by1 < ay0


def test_connected_neighbours_sit_closer_than_strangers():
    # Two dense cliques joined by one tie: within-clique distances are short.
    g = nx.complete_graph(6)
    h = nx.relabel_nodes(nx.complete_graph(6), {i: i + 6 for i in range(6)})
    g = nx.compose(g, h)
    g.add_edge(0, 6)
    pos = layout_positions(g)

    def d(a, b):
        return ((pos[a][0] - pos[b][0]) ** 2 + (pos[a][1] - pos[b][1]) ** 2) ** 0.5

    inside = max(d(a, b) for a in range(1, 6) for b in range(1, 6) if a != b)
    across = min(d(a, b) for a in range(1, 6) for b in range(7, 12))
    assert inside < across


@pytest.mark.parametrize("n", [40, NX_MAX_NODES + 50])
def test_small_and_big_components_are_deterministic_across_processes(n):
    # Small components take the networkx + Kamada-Kawai path, big ones igraph FR; fresh interpreters must agree.
    code = (
        "import networkx as nx, random\n"
        "from desktop_app.core.layout import layout_positions\n"
        f"g = nx.gnm_random_graph({n}, {3 * n}, seed=3)\n"
        "p = layout_positions(g)\n"
        "print(repr(sorted(p.items())[:5]))\n"
    )
    runs = [subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout for _ in range(2)]
    assert runs[0] == runs[1]
    assert runs[0].startswith("[(0, (")


def test_progress_reported_and_cancel_honoured():
    seen = []
    task = TaskState(on_progress=lambda f, m: seen.append(f))
    layout_positions(_mixed_graph(), task=task)
    assert seen[0] == 0.0 and seen[-1] == 1.0
    task = TaskState()
    task.cancel()
    with pytest.raises(Cancelled):
        layout_positions(_mixed_graph(), task=task)


def test_directed_graph_and_self_loops_are_accepted():
    g = nx.DiGraph()
    g.add_edge("a", "b")
    g.add_edge("b", "a")
    g.add_edge("c", "c")
    pos = layout_positions(g)
    assert set(pos) == {"a", "b", "c"}
    assert _in_unit_box(pos)
