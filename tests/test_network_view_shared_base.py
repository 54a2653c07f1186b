"""Issue 15, item 7 and 3: the network shares the views' redraw base, peels Esc like the timeline, and its tip stays."""
from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QPointF, Qt

from desktop_app.gui.key_events import KeyEventsView
from desktop_app.gui.network.view import NetworkView
from desktop_app.gui.state import AppState
from desktop_app.gui.state_view import StateView

from views_corpus import NAMES, make_corpus

BLUE, ANA = NAMES["Blue Party"], NAMES["Ana Sørensen"]


@pytest.fixture
def view(qtbot):
    v = NetworkView(AppState(make_corpus()))
    qtbot.addWidget(v)
    v.resize(900, 700)
    v.show()
    qtbot.waitExposed(v)
    v.zoom_to_fit()
    qtbot.wait(20)   # let the view box apply its range before pixels are mapped
    return v


def test_network_and_key_events_views_use_the_shared_state_view_base(view, qtbot):
    assert isinstance(view, StateView)
    assert isinstance(KeyEventsView(view.state), StateView)
    seen = []
    view.redrawn.connect(lambda: seen.append(1))
    start = view.redraw_count
    view.state.selection.set_actors([BLUE])
    assert view.redraw_count == start + 1 and seen == [1]


def test_escape_peels_event_then_window_then_actors_like_the_timeline(view, qtbot):
    sel = view.state.selection
    window = (datetime(2019, 1, 1), datetime(2021, 1, 1))
    sel.update(actors=[BLUE], window=window, event="ev-meet")
    view.plot.setFocus()
    view.activateWindow()
    qtbot.keyClick(view.plot, Qt.Key.Key_Escape)
    assert sel.event is None and sel.window == window and sel.actors == {BLUE}
    qtbot.keyClick(view.plot, Qt.Key.Key_Escape)
    assert sel.window is None and sel.actors == {BLUE}
    qtbot.keyClick(view.plot, Qt.Key.Key_Escape)
    assert sel.actors == frozenset()


def _scene_point(view, actor_id):
    x, y = view.pos[view.data.index[actor_id]]
    return view.viewbox.mapViewToScene(QPointF(float(x), float(y)))


def test_node_hover_shows_a_persistent_tip_with_escaped_names_and_hides_off_the_node(view, qtbot):
    node = view.data.index[ANA]
    view.data.names[node] = "<i>Ana</i>"        # untrusted text must not be interpreted
    point = _scene_point(view, ANA)
    view._mouse_moved(point)
    assert view.tip.isVisible()
    assert "&lt;i&gt;Ana&lt;/i&gt;" in view.tip.text()
    # Small moves while resting on the node keep the tip (QToolTip hid itself on a timer).
    view._mouse_moved(point + QPointF(1, 1))
    view._mouse_moved(point)
    assert view.tip.isVisible() and view.hover_node == node
    far = view.viewbox.mapViewToScene(QPointF(1e3, 1e3))
    view._mouse_moved(far)
    assert not view.tip.isVisible() and view.hover_node is None
