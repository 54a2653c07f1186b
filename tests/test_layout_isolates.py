"""Isolated actors in the layout: a tidy list with room for names, apart from the tied components."""
from __future__ import annotations

import networkx as nx

from desktop_app.core import layout
from desktop_app.core.layout import layout_positions


def _graph():
    g = nx.Graph()
    nx.add_cycle(g, [f"c{i}" for i in range(10)])
    g.add_edges_from([("k0", "k1"), ("k1", "k2"), ("k2", "k3"), ("k3", "k0"), ("k0", "k2"), ("k1", "k3")])
    names = ["Zulu media group", "Alpha", "A rather long organisation name", "Bravo", "charlie", "Delta watch"]
    for i, name in enumerate(names):
        g.add_node(f"iso{i}", name=name)
    return g


def _bbox(pos, nodes):
    xs = [pos[n][0] for n in nodes]
    ys = [pos[n][1] for n in nodes]
    return min(xs), min(ys), max(xs), max(ys)


def _scale(g):
    """Layout units per unit-box unit, from the packed drawing (a 10-cycle block is sqrt(10) wide)."""
    pos = layout_positions(g)
    x0, y0, x1, y1 = _bbox(pos, [f"c{i}" for i in range(10)])
    return pos, 10 ** 0.5 / max(x1 - x0, y1 - y0)


def test_isolates_keep_clear_of_tied_components_with_room_for_their_names():
    g = _graph()
    pos, units = _scale(g)
    iso = [n for n in g if g.degree(n) == 0]
    # The isolates' area, widened on the right by each name's estimated label.
    ix0 = min(pos[n][0] for n in iso)
    iy0, iy1 = min(pos[n][1] for n in iso), max(pos[n][1] for n in iso)
    ix1 = max(pos[n][0] + len(g.nodes[n]["name"]) * layout._CHAR / units for n in iso)
    for comp in (["c%d" % i for i in range(10)], ["k0", "k1", "k2", "k3"]):
        cx0, cy0, cx1, cy1 = _bbox(pos, comp)
        apart = ix1 < cx0 or cx1 < ix0 or iy1 < cy0 or cy1 < iy0
        assert apart, comp


def test_isolates_are_listed_by_name_with_each_name_clear_of_the_next_column():
    g = _graph()
    pos, units = _scale(g)
    iso = sorted((n for n in g if g.degree(n) == 0), key=lambda n: g.nodes[n]["name"].casefold())
    xs = sorted({round(pos[n][0], 9) for n in iso})
    assert len(xs) >= 2, "six names should need more than one column"
    columns = [[n for n in iso if round(pos[n][0], 9) == x] for x in xs]
    # Read down each column, then the next one: alphabetical.
    assert [n for col in columns for n in sorted(col, key=lambda n: -pos[n][1])] == iso
    for left, right in zip(columns, columns[1:]):
        room = (pos[right[0]][0] - pos[left[0]][0]) * units
        assert all(len(g.nodes[n]["name"]) * layout._CHAR < room for n in left)
    # Rows are evenly spaced, far enough apart for a line of text each.
    ys = sorted({round(pos[n][1], 9) for n in iso})
    steps = {round((b - a) * units, 6) for a, b in zip(ys, ys[1:])}
    assert steps == {round(layout._ISOLATE_ROW, 6)}


def test_isolates_without_names_or_without_ties_anywhere_still_lay_out():
    g = nx.Graph()
    g.add_nodes_from(range(7))
    pos = layout_positions(g)
    assert set(pos) == set(range(7))
    assert len({(round(x, 9), round(y, 9)) for x, y in pos.values()}) == 7
    assert all(0 <= c <= 1 for p in pos.values() for c in p)
    assert layout_positions(g) == pos
