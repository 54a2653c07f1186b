"""The network view, driven through the selection model and through its own gestures."""
from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

from desktop_app.gui.network.view import DIMMED, FOCUS, GHOST, PLAIN, NetworkView
from desktop_app.gui.network_view import NetworkView as ShellName
from desktop_app.gui.state import AppState

from views_corpus import NAMES, make_corpus

BLUE, HARBOUR, NORTH = NAMES["Blue Party"], NAMES["Harbour Union"], NAMES["Northport"]
ANA, EAST, GUILD = NAMES["Ana Sørensen"], NAMES["Eastbank"], NAMES["River Guild"]
LONE, ECLUSE = NAMES["Quiet Observer"], NAMES["Écluse Media"]


@pytest.fixture
def state():
    return AppState(make_corpus())


@pytest.fixture
def view(qtbot, state):
    v = NetworkView(state)
    qtbot.addWidget(v)
    v.resize(900, 700)
    v.show()
    qtbot.waitExposed(v)
    v.zoom_to_fit()
    qtbot.wait(20)   # let the view box apply its range before pixels are mapped
    return v


def _node(view, actor_id) -> int:
    return view.data.index[actor_id]


def _widget_point(view, actor_id) -> QPoint:
    """Where a node is drawn, in the plot widget's pixel coordinates."""
    x, y = view.pos[_node(view, actor_id)]
    scene = view.viewbox.mapViewToScene(QPointF(float(x), float(y)))
    return view.plot.mapFromScene(scene)


def _empty_point(view) -> QPoint:
    """A spot in the plot far from every node."""
    rect = view.plot.viewport().rect()
    best, best_d = None, -1.0
    for fx in np.linspace(0.05, 0.95, 19):
        for fy in np.linspace(0.05, 0.95, 19):
            p = QPoint(int(rect.width() * fx), int(rect.height() * fy))
            vp = view.viewbox.mapSceneToView(view.plot.mapToScene(p))
            d = float(np.min(np.hypot(view.pos[:, 0] - vp.x(), view.pos[:, 1] - vp.y())))
            if d > best_d:
                best, best_d = p, d
    return best


def test_shell_import_name_is_the_view():
    assert ShellName is NetworkView


def test_every_actor_is_a_node_and_every_tie_an_edge(view, state):
    assert set(view.data.ids) == {a.id for a in state.corpus.actors}
    assert view.data.n_edges == len(state.corpus.ties)
    assert view.shown_actors() == set(view.data.ids)
    assert len(view.shown_ties()) == len(state.corpus.ties)
    assert view.nodes.data.shape[0] == len(state.corpus.actors)


def test_mouse_click_on_node_selects_it_and_ctrl_click_toggles(view, state, qtbot):
    qtbot.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, pos=_widget_point(view, BLUE))
    assert state.selection.actors == {BLUE}
    qtbot.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     pos=_widget_point(view, EAST))
    assert state.selection.actors == {BLUE, EAST}
    qtbot.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     pos=_widget_point(view, BLUE))
    assert state.selection.actors == {EAST}
    # A plain click on another node replaces the selection.
    qtbot.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, pos=_widget_point(view, ANA))
    assert state.selection.actors == {ANA}


def test_click_on_empty_space_clears_actors_but_keeps_the_window(view, state, qtbot):
    window = (datetime(2020, 1, 1), datetime(2020, 12, 31))
    state.selection.update(actors=[BLUE, ANA], window=window)
    qtbot.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, pos=_empty_point(view))
    assert state.selection.actors == frozenset()
    assert state.selection.window == window


def test_escape_clears_actors(view, state, qtbot):
    state.selection.set_actors([BLUE])
    view.plot.setFocus()
    view.activateWindow()
    qtbot.keyClick(view.plot, Qt.Key.Key_Escape)
    assert state.selection.actors == frozenset()


def test_selection_highlights_neighbours_and_dims_the_rest(view, state):
    state.selection.set_actors([BLUE])
    assert view.actors_at_level(FOCUS) == {BLUE}
    # Blue Party shares events with Harbour Union, Northport, Ana and River Guild.
    assert view.actors_at_level(PLAIN) == {HARBOUR, NORTH, ANA, GUILD}
    assert view.actors_at_level(DIMMED) == {EAST, LONE, ECLUSE}
    # Ties of the selected actor are highlighted, the others dimmed.
    from desktop_app.gui.network.edges import DIM, HIGHLIGHT
    ids = view.data.ids
    for k in range(view.data.n_edges):
        pair = {ids[view.data.src[k]], ids[view.data.dst[k]]}
        assert view.edge_level[k] == (HIGHLIGHT if BLUE in pair else DIM), pair
    # The selection and its neighbours are named; dimmed actors are not.
    labelled = set(view.labelled())
    assert BLUE in labelled
    assert not labelled & {EAST, LONE, ECLUSE}


def test_time_window_shows_only_actors_and_ties_active_in_it(view, state):
    # March 2020 holds the meeting and the criticism only.
    state.selection.set_window((datetime(2020, 3, 1), datetime(2020, 3, 31)))
    assert view.shown_actors() == {BLUE, HARBOUR, NORTH, ANA}
    assert view.shown_ties() == {tuple(sorted(p)) for p in
                                 [(BLUE, HARBOUR), (BLUE, NORTH), (HARBOUR, NORTH), (ANA, BLUE)]}
    assert view.actors_at_level(GHOST) == {EAST, GUILD, LONE, ECLUSE}
    assert "4 of 8 actors active in the time window" in view.status.text()
    # Ghosts cannot be clicked; positions do not move when the window changes.
    before = view.pos.copy()
    x, y = view.pos[_node(view, EAST)]
    assert view.node_at(QPointF(float(x), float(y))) is None
    state.selection.set_window(None)
    assert np.array_equal(before, view.pos)
    assert view.shown_actors() == set(view.data.ids)


def test_selected_event_highlights_its_actors(view, state):
    state.selection.set_event("ev-deal")
    assert view.actors_at_level(FOCUS) == {HARBOUR, EAST}
    from desktop_app.gui.network.edges import HIGHLIGHT
    hot = {tuple(sorted((view.data.ids[view.data.src[k]], view.data.ids[view.data.dst[k]])))
           for k in np.flatnonzero(view.edge_level == HIGHLIGHT)}
    assert hot == {tuple(sorted((HARBOUR, EAST)))}


def test_one_selection_change_one_redraw(view, state):
    seen = []
    view.redrawn.connect(lambda: seen.append(1))
    start = view.redraw_count
    state.selection.update(actors=[BLUE], event="ev-meet", window=(datetime(2019, 1, 1), datetime(2021, 1, 1)))
    assert view.redraw_count == start + 1 and len(seen) == 1
    state.selection.set_actors([BLUE])          # no change: no redraw
    assert view.redraw_count == start + 1
    state.selection.update(mode="all")          # the network does not depend on the mode
    assert view.redraw_count == start + 1


def test_hover_describes_the_actor(view, qtbot):
    point = view.viewbox.mapViewToScene(QPointF(*map(float, view.pos[_node(view, ANA)])))
    view._mouse_moved(point)
    assert view.hover_node == _node(view, ANA)
    text = view.hover_text
    assert "Ana Sørensen" in text and "person" in text and "A. Sorensen" in text
    assert "Events: 1" in text and "Ties: 1" in text


def test_dragging_a_node_moves_it_and_its_ties_without_a_selection_redraw(view, qtbot):
    node = _node(view, NORTH)
    count = view.redraw_count
    # Mid-drag the point moves in place; the release redoes the layers and labels.
    view._dragged(node, QPointF(0.2, 0.3), False)
    assert (view.nodes.data["x"][node], view.nodes.data["y"][node]) == pytest.approx((0.2, 0.3))
    assert view.edges.boundingRect().contains(QPointF(0.2, 0.3))
    view._dragged(node, QPointF(0.123, 0.456), True)
    assert tuple(view.pos[node]) == pytest.approx((0.123, 0.456))
    drawn = list(view.nodes.data["data"]).index(node)
    assert (view.nodes.data["x"][drawn], view.nodes.data["y"][drawn]) == pytest.approx((0.123, 0.456))
    assert view.edges.boundingRect().contains(QPointF(0.123, 0.456))
    assert view.redraw_count == count


def test_mouse_drag_moves_the_node_under_the_cursor(view, qtbot):
    node = _node(view, NORTH)
    start = _widget_point(view, NORTH)
    end = start + QPoint(40, 25)
    vp = view.plot.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    for k in range(1, 6):
        qtbot.mouseMove(vp, start + (end - start) * (k / 5))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=end)
    moved = _widget_point(view, NORTH)
    assert abs(moved.x() - end.x()) <= 3 and abs(moved.y() - end.y()) <= 3
    assert view.pos[node] is not None


def test_size_toggle_uses_betweenness(view):
    degree_sizes = view._radius.copy()
    view.set_size_mode("betweenness")
    assert view.data.betweenness is not None
    # Harbour Union bridges the two documents' clusters: top betweenness, largest node.
    assert int(np.argmax(view.data.betweenness)) in {_node(view, HARBOUR), _node(view, BLUE)}
    assert not np.allclose(degree_sizes, view._radius)
    with pytest.raises(ValueError):
        view.set_size_mode("nonsense")


def test_labels_do_not_overlap(view):
    items = [it for it in view.labels._items if it.isVisible()]
    assert len(items) >= 3
    rects = [it.sceneBoundingRect() for it in items]
    for i in range(len(rects)):
        for j in range(i + 1, len(rects)):
            assert not rects[i].intersects(rects[j]), (items[i].textItem.toPlainText(), items[j].textItem.toPlainText())


def test_labels_keep_screen_size_under_zoom(view):
    item = next(it for it in view.labels._items if it.isVisible())
    before = item.sceneBoundingRect().height()
    view.viewbox.scaleBy((0.5, 0.5))
    after = next(it for it in view.labels._items if it.isVisible()).sceneBoundingRect().height()
    assert after == pytest.approx(before, rel=0.05)


def test_same_corpus_same_positions_in_two_views(qtbot, state):
    a, b = NetworkView(state), NetworkView(AppState(make_corpus()))
    qtbot.addWidget(a)
    qtbot.addWidget(b)
    assert np.array_equal(a.pos, b.pos)


def test_empty_corpus_shows_a_message_not_a_crash(qtbot):
    v = NetworkView(AppState())
    qtbot.addWidget(v)
    assert v.data.n_nodes == 0
    assert "No actors" in v.status.text()
    v.click_node(None)
    assert v.node_at(QPointF(0.5, 0.5)) is None


def test_corpus_replaced_rebuilds_the_network(view, state):
    corpus = make_corpus()
    corpus.actors = corpus.actors[:3]
    state.set_corpus(corpus)
    assert set(view.data.ids) == {a.id for a in corpus.actors}
    assert view.pos.shape == (3, 2)


def test_legend_names_the_types_present(view):
    text = view.legend.text()
    for t in ("person", "organization", "group", "media", "location"):
        assert t in text


def test_a_long_count_line_wraps_and_never_squeezes_the_legend(qtbot, state):
    host = QWidget()        # a narrow panel, as the network dock beside the timeline often is
    qtbot.addWidget(host)
    v = NetworkView(state)
    QHBoxLayout(host).addWidget(v)
    host.setFixedWidth(460)
    host.show()
    qtbot.waitExposed(host)
    v.status.setText("|  150 of 1,508 actors · 720 ties · 10 neighbours unnamed here: 'Only active' names them")
    qtbot.wait(50)          # let the layout settle
    assert v.legend.width() >= v.legend.sizeHint().width()
    assert v.status.geometry().top() >= v.legend.geometry().bottom()     # the counts wrap on a line of their own
    assert v.status.width() > v.legend.width()


def test_big_networks_lay_out_off_the_ui_thread(qtbot, state, monkeypatch):
    import desktop_app.gui.network.view as view_module
    from desktop_app.core.layout import layout_positions, positions_array

    monkeypatch.setattr(view_module, "SYNC_MAX_NODES", 2)
    v = NetworkView(state)
    qtbot.addWidget(v)
    # Nothing drawn yet: the layout is running on a worker and the status says so.
    assert v.pos is None and "Laying out" in v.status.text()
    qtbot.waitUntil(lambda: v.pos is not None, timeout=20000)
    expected = positions_array(layout_positions(v.data.graph), v.data.ids)
    assert np.array_equal(v.pos, expected)
    # Selecting still works once laid out, and betweenness also runs on a worker.
    state.selection.set_actors([BLUE])
    assert v.actors_at_level(FOCUS) == {BLUE}
    v.set_size_mode("betweenness")
    qtbot.waitUntil(lambda: v.data.betweenness is not None, timeout=20000)
    qtbot.waitUntil(lambda: "Computing" not in v.status.text(), timeout=20000)
    assert "8 actors" in v.status.text()


def test_a_corpus_replaced_during_a_background_layout_wins(qtbot, state, monkeypatch):
    import desktop_app.gui.network.view as view_module

    monkeypatch.setattr(view_module, "SYNC_MAX_NODES", 2)
    v = NetworkView(state)
    qtbot.addWidget(v)
    smaller = make_corpus()
    smaller.actors = smaller.actors[:4]
    state.set_corpus(smaller)
    qtbot.waitUntil(lambda: v.pos is not None and len(v.pos) == 4, timeout=20000)
    qtbot.wait(200)      # a stale result from the first layout must not overwrite this one
    assert v.pos.shape == (4, 2) and set(v.data.ids) == {a.id for a in smaller.actors}


def test_an_edit_that_keeps_the_structure_keeps_the_picture(view, state):
    node = _node(view, NORTH)
    view._dragged(node, QPointF(0.9, 0.1), True)
    before = dict(zip(view.data.ids, map(tuple, view.pos)))
    renamed = make_corpus()
    renamed.actors[0].name = "Blue Party (renamed)"
    state.set_corpus(renamed)
    assert dict(zip(view.data.ids, map(tuple, view.pos))) == before
    assert view.data.names[view.data.index[BLUE]] == "Blue Party (renamed)"
    # A structural change lays the network out afresh.
    merged = make_corpus()
    merged.events = merged.events[:2]
    from desktop_app.core.network import ties_from_events
    merged.ties = ties_from_events(merged.events)
    state.set_corpus(merged)
    assert tuple(view.pos[_node(view, NORTH)]) != pytest.approx((0.9, 0.1))


def test_betweenness_sizing_survives_a_new_corpus(view, state):
    view.set_size_mode("betweenness")
    state.set_corpus(make_corpus())
    assert view.size_mode == "betweenness" and view.data.betweenness is not None
    assert np.array_equal(view._size_values(), view.data.betweenness)
