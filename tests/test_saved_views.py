"""Saved views: selection, time range, brush, panel layout and options come back with the workspace; bookmarks."""
from __future__ import annotations

import json
from datetime import datetime

import pytest

from desktop_app.core.workspace import Workspace, read_workspace
from desktop_app.core.workspace.views import (SavedView, read_bookmarks, read_view, write_bookmarks,
                                              write_view)
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.saved_views import SETTLE_MS

from views_corpus import NAMES, make_corpus

BLUE, NORTH = NAMES["Blue Party"], NAMES["Northport"]
WINDOW = (datetime(2020, 3, 3), datetime(2020, 3, 5))


def test_a_view_round_trips_through_the_meta_table_and_old_files_have_none():
    meta: dict = {}
    assert read_view(meta) is None and read_bookmarks(meta) == []     # an older workspace
    view = SavedView("", [BLUE], "all", WINDOW, "e1", (1.0e9, 1.1e9), [700, 500], {"compact": True})
    write_view(meta, view)
    write_bookmarks(meta, [SavedView("Blue in March", [BLUE])])
    assert read_view(meta) == view
    assert [b.name for b in read_bookmarks(meta)] == ["Blue in March"]


def test_an_unreadable_saved_view_is_dropped_not_an_error():
    assert read_view({"view": "{not json"}) is None
    assert read_view({"view": json.dumps({"window": ["yesterday", 3], "actors": [1, "a"]})}) is None
    assert read_bookmarks({"bookmarks": json.dumps([{"name": ""}, 5, {"name": "ok", "mode": "odd"}])})[0].mode == "any"


def test_the_view_is_stored_in_the_workspace_file(tmp_path):
    ws = Workspace(data_dir=tmp_path / "rec")
    write_view(ws.meta, SavedView(actors=[BLUE], time_range=(1.0, 2.0)))
    ws.save(tmp_path / "a.esw")
    assert read_view(read_workspace(tmp_path / "a.esw").meta).actors == [BLUE]


@pytest.fixture
def window_factory(qtbot, tmp_path, monkeypatch):
    from desktop_app.gui import workspace_controller
    monkeypatch.setattr(workspace_controller.WorkspaceController, "offer_untitled_recovery", lambda self: None)
    monkeypatch.setattr(workspace_controller.WorkspaceController, "maybe_save", lambda self: True)
    monkeypatch.setattr(workspace_controller, "_user_data_dir", lambda: tmp_path / "recovery")

    def make():
        w = MainWindow(restore=False)
        qtbot.addWidget(w)
        w.resize(1900, 900)      # room for both panels' minimum widths beside the docks
        w.show()
        qtbot.waitExposed(w)
        return w
    return make


def test_reopening_a_workspace_restores_selection_zoom_brush_layout_and_options(qtbot, tmp_path, window_factory):
    first = window_factory()
    first.state.set_corpus(make_corpus())
    sel = first.state.selection
    sel.update(actors=[BLUE], window=WINDOW)
    first.timeline.viewbox.setXRange(1.58e9, 1.59e9, padding=0)
    first.splitter.setSizes([800, 700])
    first.timeline.set_compact(True)
    first.views["KeyEventsView"].set_top_n(7)
    wanted_range = first.timeline.visible_range()
    wanted_sizes = first.splitter.sizes()
    path = tmp_path / "study.esw"
    assert first.workspace.save_as(str(path))

    second = window_factory()
    assert second.workspace.open_workspace(str(path), background=False)
    qtbot.wait(SETTLE_MS + 150)
    assert second.state.selection.actors == {BLUE}
    assert second.state.selection.window == WINDOW
    assert second.timeline.visible_range() == pytest.approx(wanted_range, rel=1e-6)
    got = second.splitter.sizes()
    assert got[0] / sum(got) == pytest.approx(wanted_sizes[0] / sum(wanted_sizes), abs=0.01)
    assert second.timeline.compact
    assert second.views["KeyEventsView"].top_n == 7       # the key-events setting


def test_bookmarks_are_added_gone_back_to_deleted_and_saved(qtbot, tmp_path, window_factory):
    w = window_factory()
    w.state.set_corpus(make_corpus())
    views = w.saved_views
    w.state.selection.update(actors=[BLUE], window=WINDOW)
    views.add_bookmark("Blue in March")
    w.state.selection.clear()
    w.state.selection.set_actors([NORTH])
    views.add_bookmark("Northport")
    assert [a.text() for a in views.menu.actions() if a.text() in ("Blue in March", "Northport")] == \
        ["Blue in March", "Northport"]
    assert views.go_to("Blue in March")
    assert w.state.selection.actors == {BLUE} and w.state.selection.window == WINDOW
    assert views.delete("Northport") and [b.name for b in views.bookmarks] == ["Blue in March"]
    path = tmp_path / "marks.esw"
    assert w.workspace.save_as(str(path))
    other = window_factory()
    other.workspace.open_workspace(str(path), background=False)
    assert [b.name for b in other.saved_views.bookmarks] == ["Blue in March"]
    assert other.saved_views.go_to("Blue in March")
    assert other.state.selection.actors == {BLUE}


def test_bookmarks_live_in_the_view_menu(window_factory):
    w = window_factory()
    view_menu = w.findChild(type(w.docks_menu), "menu_view")
    assert w.saved_views.menu.menuAction() in view_menu.actions()
    assert w.saved_views.menu.actions()[0].text() == "&Add bookmark…"


def test_an_empty_window_saves_no_time_range(window_factory):
    w = window_factory()
    assert w.saved_views.capture().time_range is None


def _saved_and_reopened(qtbot, tmp_path, window_factory):
    first = window_factory()
    first.state.set_corpus(make_corpus())
    first.state.selection.update(actors=[BLUE])
    path = tmp_path / "look.esw"
    assert first.workspace.save_as(str(path))
    w = window_factory()
    assert w.workspace.open_workspace(str(path), background=False)
    qtbot.waitUntil(lambda: not w.saved_views._settling, timeout=5000)
    return w, path


def test_opening_a_saved_workspace_is_not_a_view_change(qtbot, tmp_path, window_factory):
    w, _ = _saved_and_reopened(qtbot, tmp_path, window_factory)
    assert not w.saved_views.check_view()
    assert not w.workspace.ws.dirty and not w.isWindowModified()


def test_changing_only_the_selection_marks_the_workspace_modified_and_save_clears_it(qtbot, tmp_path,
                                                                                    window_factory):
    w, path = _saved_and_reopened(qtbot, tmp_path, window_factory)
    w.state.selection.set_actors([NORTH])
    qtbot.waitUntil(lambda: w.workspace.ws.dirty, timeout=5000)      # after the view rests
    assert w.workspace.ws.view_dirty and w.isWindowModified()
    assert w.workspace.save()
    assert not w.workspace.ws.dirty
    assert read_view(read_workspace(path).meta).actors == [NORTH]


def test_zooming_or_brushing_marks_the_workspace_modified(qtbot, tmp_path, window_factory):
    w, _ = _saved_and_reopened(qtbot, tmp_path, window_factory)
    lo, hi = w.timeline.visible_range()
    w.timeline.viewbox.setXRange(lo, lo + (hi - lo) / 4, padding=0)
    assert w.saved_views.check_view() and w.workspace.ws.dirty
    assert w.workspace.save() and not w.workspace.ws.dirty
    w.state.selection.set_window(WINDOW)
    assert w.saved_views.check_view() and w.workspace.ws.dirty


def test_a_view_change_is_kept_by_autosave_and_comes_back_with_the_recovery(qtbot, tmp_path, window_factory):
    from desktop_app.core.workspace.recovery import recovered_data
    w, path = _saved_and_reopened(qtbot, tmp_path, window_factory)
    w.state.selection.set_actors([NORTH])
    assert w.workspace.autosave()                 # only the view changed: still written
    rec = read_workspace(w.workspace.ws.recovery_file())
    data, of, _ = recovered_data(rec)
    assert of == str(path.resolve()) and read_view(data.meta).actors == [NORTH]


def test_reopening_restores_the_timeline_expanded_and_the_table_grouped_by_happening(qtbot, tmp_path,
                                                                                    window_factory):
    first = window_factory()
    first.state.set_corpus(make_corpus())
    first.timeline.set_grouped(False)
    first.views["EventTable"].set_grouped(True)
    path = tmp_path / "grouping.esw"
    assert first.workspace.save_as(str(path))
    assert read_view(read_workspace(path).meta).options["timeline_grouped"] is False
    second = window_factory()
    assert second.timeline.grouped and not second.views["EventTable"].grouped   # the defaults
    assert second.workspace.open_workspace(str(path), background=False)
    qtbot.waitUntil(lambda: not second.saved_views._settling, timeout=5000)
    assert not second.timeline.grouped and not second.timeline.group_button.isChecked()
    assert second.views["EventTable"].grouped and second.views["EventTable"].group_box.isChecked()


def test_a_view_saved_before_the_grouping_toggles_opens_grouped_on_the_timeline_and_flat_in_the_table(
        window_factory):
    w = window_factory()
    w.state.set_corpus(make_corpus())
    w.timeline.set_grouped(False)
    w.views["EventTable"].set_grouped(True)
    older = SavedView.from_dict({"actors": [BLUE], "options": {"compact": False}})   # no grouping fields
    w.saved_views.apply(older)
    assert w.timeline.grouped and not w.views["EventTable"].grouped


def test_flipping_a_grouping_toggle_marks_the_workspace_modified(qtbot, tmp_path, window_factory):
    w, _ = _saved_and_reopened(qtbot, tmp_path, window_factory)
    w.views["EventTable"].set_grouped(True)
    qtbot.waitUntil(lambda: w.workspace.ws.dirty, timeout=5000)
