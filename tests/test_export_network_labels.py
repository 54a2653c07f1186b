"""Exported network labels keep off ties where a free spot exists, as the app's view does."""
from __future__ import annotations

from types import SimpleNamespace

import networkx as nx
import numpy as np
import pytest

from desktop_app.core.tie_grid import TieGrid, segments_meet_boxes
from desktop_app.figures import network_figure
from desktop_app.figures.export import ensure_gui_app
from desktop_app.figures.metrics import TextMeasure
from desktop_app.figures.network_figure import _labels, build_network
from desktop_app.figures.scene import Group, Line, Rect, Text
from desktop_app.figures.subset import select
from export_fixtures import realistic_corpus

BOX = (0.0, 0.0, 800.0, 600.0)


@pytest.fixture(scope="module")
def measure():
    ensure_gui_app()
    return TextMeasure()


def _placed(group: Group) -> dict[str, tuple[float, float, float, float]]:
    """Label text -> its backing box, from the group ``_labels`` filled."""
    layer = next(g for g in group.items if isinstance(g, Group) and g.name == "actor labels")
    rects = [i for i in layer.items if isinstance(i, Rect)]
    texts = [i for i in layer.items if isinstance(i, Text)]
    assert len(rects) == len(texts)
    return {t.text: (r.x, r.y, r.x + r.w, r.y + r.h) for r, t in zip(rects, texts)}


def _two_nodes(measure, ties):
    graph = nx.Graph()
    graph.add_edge("a", "b")
    subset = SimpleNamespace(selected=frozenset(), actors={})
    xy = {"a": (300.0, 300.0), "b": (520.0, 300.0)}
    radius = {"a": 8.0, "b": 8.0}
    group = Group()
    n = _labels(group, graph, subset, xy, radius, {"a": 1, "b": 1}, BOX, 14, measure, ties)
    return n, _placed(group), xy


def test_a_label_goes_off_the_tie_when_a_free_spot_exists(measure):
    # Without ties both labels take their first spot, to the right of the node;
    # a's right-hand spot is exactly where the tie to b runs.
    n, blind, xy = _two_nodes(measure, ())
    assert n == 2
    tie = np.array([[*xy["a"], *xy["b"]]])
    assert segments_meet_boxes(tie, np.array([blind["a"]]))[0], "the setup must put a's first spot on the tie"

    n, aware, _ = _two_nodes(measure, [(*xy["a"], *xy["b"])])
    assert n == 2                                     # avoiding ties never costs a label
    boxes = np.array([aware["a"], aware["b"]])
    assert not segments_meet_boxes(np.repeat(tie, 2, axis=0), boxes).any()
    # Still next to its own node, not pushed somewhere unrelated.
    for name in ("a", "b"):
        x0, y0, x1, y1 = aware[name]
        cx, cy = xy[name]
        assert min(abs(x0 - cx), abs(x1 - cx), abs(y0 - cy), abs(y1 - cy)) < 20 or x0 <= cx <= x1


def test_when_every_spot_is_crossed_the_label_takes_the_least_inked(measure):
    # Sixteen ties leave a's centre evenly spread, so every spot has some tie through it.
    cx, cy = 300.0, 300.0
    ends = [(cx + 300 * np.cos(t), cy + 300 * np.sin(t)) for t in np.linspace(0, 2 * np.pi, 16, endpoint=False)]
    ties = [(cx, cy, ex, ey) for ex, ey in ends]
    graph = nx.Graph()
    graph.add_node("a")
    subset = SimpleNamespace(selected=frozenset(), actors={})
    group = Group()
    assert _labels(group, graph, subset, {"a": (cx, cy)}, {"a": 8.0}, {"a": 0}, BOX, 14, measure, ties) == 1
    box = _placed(group)["a"]
    size = next(t.size for t in group.items[0].items if isinstance(t, Text))
    grid = TieGrid(np.array(ties), BOX[2], BOX[3])
    spots = [rect for *_, rect in network_figure._spots((cx, cy), 8.0, measure.ascent(size), measure.width("a", size))]
    # Boxes are judged grown by half the widest tie stroke, which paints that far off its line.
    grow = network_figure._tie_width(14, 1.0) / 2 * np.array([-1, -1, 1, 1])
    ink = grid.ink(np.array(spots) + grow)
    assert ink.min() > 0                              # really no free spot
    assert ink[0] > ink.min()                         # so the first spot is not simply the answer
    assert grid.ink(np.array([box]) + grow)[0] == pytest.approx(ink.min())


def _crossed(group: Group) -> tuple[int, int]:
    """(labels a drawn tie passes through, labels) in a network panel."""
    marks = next(g for g in group.items if isinstance(g, Group) and g.name == "network marks")
    ties = next(g for g in marks.items if g.name == "ties")
    seg = np.array([[ln.x1, ln.y1, ln.x2, ln.y2] for ln in ties.items if isinstance(ln, Line)]).reshape(-1, 4)
    boxes = np.array(list(_placed(marks).values())).reshape(-1, 4)
    hit = segments_meet_boxes(np.repeat(seg, len(boxes), axis=0), np.tile(boxes, (len(seg), 1)))
    return int(hit.reshape(len(seg), len(boxes)).any(axis=0).sum()), len(boxes)


def test_exported_network_crosses_fewer_labels_with_ties_as_obstacles(measure, monkeypatch):
    corpus = realistic_corpus()
    subset = select(corpus)
    aware = build_network(subset, (0, 0, 900, 700), 14, measure, corpus)
    crossed_aware, n_aware = _crossed(aware.group)
    monkeypatch.setattr(network_figure, "_tie_ink", lambda rects, ties, box, reach=0.0: np.zeros(len(rects)))
    blind = build_network(subset, (0, 0, 900, 700), 14, measure, corpus)
    crossed_blind, n_blind = _crossed(blind.group)
    assert n_aware == n_blind == aware.labelled == blind.labelled
    assert crossed_blind > 0, "the fixture should give tie-blind placement something to avoid"
    assert crossed_aware < crossed_blind
