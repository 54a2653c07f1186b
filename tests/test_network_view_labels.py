"""Network labels keep off tie lines: the tie grid's geometry, the placer's choice, and the seed article."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF

from desktop_app.gui.network.labels import LabelLayer
from desktop_app.core.tie_grid import TieGrid, clip_to_screen, segments_meet_boxes

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_54cc48f895b22f49.txt"


def _brute_ink(seg: np.ndarray, box, width: float, height: float) -> float:
    """Tie length inside ``box`` by dense sampling: slow, independent of the grid's clipping."""
    x0, y0, x1, y1 = (min(max(box[0], 0), width), min(max(box[1], 0), height),
                      min(max(box[2], 0), width), min(max(box[3], 0), height))
    total = 0.0
    t = np.linspace(0.0, 1.0, 4001)
    for a, b, c, d in seg:
        xs, ys = a + t * (c - a), b + t * (d - b)
        inside = (xs > x0) & (xs < x1) & (ys > y0) & (ys < y1)
        total += inside.mean() * float(np.hypot(c - a, d - b))
    return total


@pytest.mark.parametrize("seed", range(6))
def test_tie_grid_finds_exactly_the_boxes_a_tie_crosses(seed):
    rng = np.random.default_rng(seed)
    w, h = 900.0, 600.0
    # Ties partly off screen, some vertical, some horizontal, some long diagonals.
    seg = rng.uniform(-200, 1100, (40, 4)) * [1, 0.7, 1, 0.7]
    seg[:5, 2] = seg[:5, 0]
    seg[5:10, 3] = seg[5:10, 1]
    corner = rng.uniform(0, [w, h], (300, 2))
    boxes = np.column_stack([corner, corner + rng.uniform(2, 160, (300, 2)) * [1, 0.2]])
    grid = TieGrid(seg, w, h, fog_gap=0.0)
    assert grid.active
    crossed = grid.crossing(boxes)
    on_screen = clip_to_screen(seg, w, h)
    for k, box in enumerate(boxes):
        expected = bool(segments_meet_boxes(on_screen, np.repeat(box[None], len(on_screen), 0)).any())
        assert crossed[k] == expected, k
    ink = grid.ink(boxes)
    for k in np.flatnonzero(crossed)[:25]:
        assert ink[k] == pytest.approx(_brute_ink(seg, boxes[k], w, h), rel=0.02, abs=0.5)
    assert 10 < crossed.sum() < len(boxes)      # the data really exercises both answers


def test_a_crowded_cell_is_estimated_from_its_own_ink():
    # Thirty short parallel ties evenly filling one grid cell of a big screen: not a fog overall,
    # but more than a crowded cell's worth, so the lookup estimates instead of testing each.
    from desktop_app.core import tie_grid

    ys = np.linspace(96.5, 127.5, 30)
    seg = np.column_stack([np.full(30, 96.0), ys, np.full(30, 128.0), ys])
    grid = TieGrid(seg, 1000.0, 800.0, cell=32.0)
    assert grid.active and 30 > tie_grid.CROWDED_CELL
    box = np.array([[100.0, 100.0, 120.0, 120.0]])
    exact = _brute_ink(seg, box[0], 1000.0, 800.0)
    assert grid.ink(box)[0] == pytest.approx(exact, rel=0.1)
    assert grid.ink(np.array([[300.0, 300.0, 340.0, 320.0]]))[0] == 0.0


def test_clip_keeps_the_on_screen_part_and_drops_ties_off_screen():
    seg = np.array([[-100.0, 50.0, 100.0, 50.0],      # enters from the left
                    [10.0, -10.0, 10.0, -50.0],       # above the screen
                    [20.0, 20.0, 40.0, 40.0]])        # inside
    out = clip_to_screen(seg, 200.0, 100.0)
    assert out.tolist() == [[0.0, 50.0, 100.0, 50.0], [20.0, 20.0, 40.0, 40.0]]


def test_a_fog_of_ties_is_not_an_obstacle():
    rng = np.random.default_rng(1)
    dense = rng.uniform(0, 400, (3000, 4))
    grid = TieGrid(dense, 400.0, 400.0)
    assert grid.fog and not grid.active
    assert not grid.crossing(np.array([[10.0, 10.0, 90.0, 30.0]])).any()
    sparse = TieGrid(dense[:3], 400.0, 400.0)
    assert sparse.active


@pytest.fixture
def layer(qtbot):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.show()
    qtbot.waitExposed(widget)
    vb = widget.getViewBox()
    vb.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
    qtbot.wait(20)
    layer = LabelLayer(vb)
    layer.widget = widget
    return layer


def _scene_segment(layer, pos, a, b):
    vb = layer.viewbox
    return (vb.mapViewToScene(QPointF(*pos[a])), vb.mapViewToScene(QPointF(*pos[b])))


def _crosses(rect, p, q) -> bool:
    """Whether the scene segment p-q passes through the inside of ``rect`` (dense sampling)."""
    inner = rect.adjusted(0.5, 0.5, -0.5, -0.5)
    for t in np.linspace(0.0, 1.0, 2001):
        if inner.contains(QPointF(p.x() + t * (q.x() - p.x()), p.y() + t * (q.y() - p.y()))):
            return True
    return False


def _label_rect(layer):
    (item,) = [it for it in layer._items if it.isVisible()]
    return item.sceneBoundingRect()


def test_a_label_moves_off_the_side_a_tie_runs_on(layer):
    pos = np.array([[0.4, 0.5], [0.9, 0.5], [0.05, 0.95]])
    names = ["Node with a long enough name", "Right end", "Far"]
    radius = np.full(3, 5.0)
    # No tie: the first choice is to the right of the node.
    layer.place(pos, names, [0], radius, set())
    free_box = layer.boxes[0]
    node_x = (0.4 - layer.viewbox.viewRect().left()) * layer.viewbox.boundingRect().width()
    assert free_box[0] > node_x
    # A tie running right from the node: the label goes to the free left side instead.
    layer.place(pos, names, [0], radius, set(), ties=(np.array([0]), np.array([1])))
    box = layer.boxes[0]
    assert box[2] < node_x
    p, q = _scene_segment(layer, pos, 0, 1)
    assert not _crosses(_label_rect(layer), p, q)
    # The same geometry in the placer's own pixels.
    vr, br = layer.viewbox.viewRect(), layer.viewbox.boundingRect()
    sx, sy = br.width() / vr.width(), br.height() / vr.height()
    seg = np.array([[(0.4 - vr.left()) * sx, (vr.bottom() - 0.5) * sy, (0.9 - vr.left()) * sx, (vr.bottom() - 0.5) * sy]])
    assert not segments_meet_boxes(seg, np.array([box])).any()


def test_where_every_spot_is_crossed_the_label_still_shows_where_least_tie_runs(layer):
    # Ties leave the node in every direction; the label must still be shown.
    angles = np.linspace(0, 2 * np.pi, 16, endpoint=False)
    pos = np.vstack([[0.5, 0.5], np.column_stack([0.5 + 0.3 * np.cos(angles), 0.5 + 0.3 * np.sin(angles)])])
    names = ["Hub"] + [f"n{i}" for i in range(16)]
    src, dst = np.zeros(16, dtype=np.int64), np.arange(1, 17)
    layer.place(pos, names, [0], np.full(17, 4.0), set(), ties=(src, dst))
    assert layer.shown == {0: "Hub"}
    vr, br = layer.viewbox.viewRect(), layer.viewbox.boundingRect()
    sx, sy = br.width() / vr.width(), br.height() / vr.height()
    seg = np.column_stack([(pos[src, 0] - vr.left()) * sx, (vr.bottom() - pos[src, 1]) * sy,
                           (pos[dst, 0] - vr.left()) * sx, (vr.bottom() - pos[dst, 1]) * sy])
    grid = TieGrid(seg, br.width(), br.height())
    spots = layer._spots(np.array([0]), names, set(), seg[:1, 0], seg[:1, 1], np.array([4.0]),
                         br.width(), br.height())[0]
    chosen = grid.ink(np.array([layer.boxes[0]]))[0]
    assert chosen > 0
    assert chosen == pytest.approx(grid.ink(spots).min())


def test_placement_is_deterministic(layer):
    rng = np.random.default_rng(4)
    pos = rng.uniform(0.05, 0.95, (60, 2))
    names = [f"Actor number {i}" for i in range(60)]
    src = rng.integers(0, 60, 90)
    dst = (src + rng.integers(1, 59, 90)) % 60
    ties = (src, dst)
    layer.place(pos, names, list(range(60)), np.full(60, 4.0), set(), ties)
    first = dict(layer.boxes)
    layer.place(pos, names, list(range(60)), np.full(60, 4.0), set(), ties)
    assert layer.boxes == first
    other = LabelLayer(layer.viewbox)
    other.place(pos, names, list(range(60)), np.full(60, 4.0), set(), ties)
    assert other.boxes == first
    assert len(first) >= 6


@pytest.fixture(scope="module")
def seed_corpus():
    from desktop_app.core.documents import load_paths
    from desktop_app.core.pipeline import extract_corpus

    documents, errors = load_paths([str(SEED)])
    assert documents and not errors
    return extract_corpus(documents)


@pytest.mark.parametrize("size", [(450, 540), (900, 700)])
def test_seed_article_isolated_actors_are_named_off_every_tie(qtbot, seed_corpus, size):
    from desktop_app.gui.network.view import NetworkView
    from desktop_app.gui.state import AppState

    view = NetworkView(AppState(seed_corpus))
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.zoom_to_fit()
    qtbot.wait(20)
    view._place_labels()
    data = view.data
    isolated = [i for i in range(data.n_nodes) if data.degree[i] == 0]
    assert isolated, "the seed article has actors with no ties"
    assert set(isolated) <= set(view.labels.shown)
    vr, br = view.viewbox.viewRect(), view.viewbox.boundingRect()
    sx, sy = br.width() / vr.width(), br.height() / vr.height()
    pos = view.pos
    seg = np.column_stack([(pos[data.src, 0] - vr.left()) * sx, (vr.bottom() - pos[data.src, 1]) * sy,
                           (pos[data.dst, 0] - vr.left()) * sx, (vr.bottom() - pos[data.dst, 1]) * sy])
    for i in isolated:
        box = np.repeat(np.array([view.labels.boxes[i]]), len(seg), 0)
        assert not segments_meet_boxes(seg, box).any(), data.names[i]
    # And no two labels overlap.
    boxes = list(view.labels.boxes.values())
    for a in range(len(boxes)):
        for b in range(a + 1, len(boxes)):
            p, q = boxes[a], boxes[b]
            assert not (p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3])
