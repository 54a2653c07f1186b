"""'Current view' exports exactly the screen: the timeline's lanes, its range and filter, the network as drawn."""
from __future__ import annotations

from desktop_app.figures.compose import compose
from desktop_app.gui.export_dialog import ExportDialog
from desktop_app.gui.main_window import MainWindow

from export_fixtures import realistic_corpus


def _lanes(scene):
    return [t.text for t in scene.texts() if t.role == "lane"]


def test_current_view_figure_has_the_lanes_range_and_network_the_window_shows(qtbot):
    w = MainWindow(restore=False, workspaces=False)
    qtbot.addWidget(w)
    w.resize(1400, 800)
    w.show()
    qtbot.waitExposed(w)
    w.state.set_corpus(realistic_corpus())
    w.state.selection.set_actors(["p1", "o1", "l1"])
    network = w.views["NetworkView"]
    network.set_only_active(True)
    view = w.current_view()
    screen_lanes = [lbl for lbl in w.timeline.layout.lane_labels]
    dialog = ExportDialog(w.state, view, w)
    qtbot.addWidget(dialog)
    try:
        spec = dialog.spec()
        assert spec.network_layout == "subset"
        lo, hi = w.timeline.visible_range()
        assert spec.time_range is not None
        scene, _ = compose(w.state.corpus, spec)
        assert _lanes(scene) == screen_lanes          # 3 lanes on screen, 3 in the figure
        w.timeline.set_compact(True)
        dialog2 = ExportDialog(w.state, w.current_view(), w)
        qtbot.addWidget(dialog2)
        assert dialog2.spec().lanes == "single"
        dialog2.shutdown()
    finally:
        dialog.shutdown()


def test_whole_extent_keeps_the_screens_lanes_too(qtbot):
    from desktop_app.gui.state import AppState
    state = AppState(realistic_corpus())
    dialog = ExportDialog(state, {"lane_ids": ("p2", "o2")})
    qtbot.addWidget(dialog)
    try:
        assert dialog.extent_whole.isChecked()
        scene, _ = compose(state.corpus, dialog.spec())
        names = {a.id: a.name for a in state.corpus.actors}
        assert _lanes(scene)[:2] == [names["p2"], names["o2"]]
    finally:
        dialog.shutdown()


def test_without_a_selection_the_figure_has_the_screens_busiest_lanes_and_its_other_lane(qtbot):
    w = MainWindow(restore=False, workspaces=False)
    qtbot.addWidget(w)
    w.resize(1400, 800)
    w.show()
    qtbot.waitExposed(w)
    w.state.set_corpus(realistic_corpus())
    dialog = ExportDialog(w.state, w.current_view(), w)
    qtbot.addWidget(dialog)
    try:
        scene, _ = compose(w.state.corpus, dialog.spec())
        screen = list(w.timeline.layout.lane_labels)
        figure = _lanes(scene)
        assert len(figure) == len(screen)
        assert figure[:-1] == screen[:-1] and "other" in figure[-1] and "other" in screen[-1]
    finally:
        dialog.shutdown()
