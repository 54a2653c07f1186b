"""Merging and splitting happenings from the app: Edit menu and Key events context menu, undo/redo,
kept through saving and re-extraction."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu

from desktop_app.core.pipeline import extract_corpus
from happening_reports import dated_event, report_docs
from desktop_app.gui import settings as app_settings
from desktop_app.gui.happening_actions import MERGE_TEXT, SPLIT_TEXT
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.state import AppState
from desktop_app.gui.workspace_controller import WorkspaceController

def _extract(docs, task=None):
    return extract_corpus(list(docs))


@pytest.fixture
def app(qtbot, tmp_path, monkeypatch):
    ini = tmp_path / "settings.ini"
    monkeypatch.setattr(app_settings, "settings", lambda: QSettings(str(ini), QSettings.Format.IniFormat))
    state = AppState(extract_corpus(report_docs()))
    window = MainWindow(state, restore=False, workspaces=False)
    qtbot.addWidget(window)
    ctl = WorkspaceController(window, state, extractor=_extract, data_dir=tmp_path / "data", offer_recovery=False)
    key = window.views["KeyEventsView"]
    qtbot.waitUntil(lambda: key.tree.topLevelItemCount() == 2, timeout=10000)
    return window, state, ctl, key


def _event(state, doc):
    return dated_event(state.corpus, doc)


def _happening_of(state, event_id):
    h = state.corpus.happenings
    return h.id_of_event(state.corpus.events.index_of(event_id))


def _wait_rows(qtbot, key, n):
    qtbot.waitUntil(lambda: key.tree.topLevelItemCount() == n, timeout=10000)


def test_both_gestures_are_in_the_edit_menu_and_the_key_events_context_menu(app):
    window, _, ctl, key = app
    edit = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&Edit")
    texts = [a.text() for a in edit.actions()]
    assert MERGE_TEXT in texts and SPLIT_TEXT in texts
    assert [a.text() for a in key.tree.actions()] == [MERGE_TEXT, SPLIT_TEXT]


def test_merge_two_happenings_picked_in_key_events_then_undo_and_redo(qtbot, app):
    _, state, ctl, key = app
    merge = ctl.happening_actions.merge
    assert not merge.isEnabled()
    key.tree.setCurrentItem(key.tree.topLevelItem(0))
    assert not merge.isEnabled()                 # one happening: nothing to merge
    key.tree.topLevelItem(1).setSelected(True)
    assert merge.isEnabled()
    merge.trigger()
    _wait_rows(qtbot, key, 1)
    a, c = _event(state, "a"), _event(state, "c")
    assert _happening_of(state, a.id) == _happening_of(state, c.id)
    assert key.tree.topLevelItem(0).text(3) == "3"
    assert "Merge happenings" in ctl.actions["undo"].text()
    ctl.undo()
    _wait_rows(qtbot, key, 2)
    assert _happening_of(state, a.id) != _happening_of(state, c.id)
    ctl.redo()
    _wait_rows(qtbot, key, 1)


def test_a_selected_report_merges_into_the_happening_picked_in_key_events(qtbot, app):
    _, state, ctl, key = app
    big = next(i for i in range(2) if key.tree.topLevelItem(i).text(3) == "2")
    key.tree.setCurrentItem(key.tree.topLevelItem(big))
    state.selection.set_event(_event(state, "c").id)        # e.g. clicked on the timeline
    assert ctl.happening_actions.merge.isEnabled()
    ctl.happening_actions.merge.trigger()
    _wait_rows(qtbot, key, 1)


def test_split_the_selected_report_out_then_undo(qtbot, app):
    _, state, ctl, key = app
    split = ctl.happening_actions.split
    b = _event(state, "b")
    state.selection.set_event(_event(state, "c").id)
    assert not split.isEnabled()                 # a lone report has nothing to leave
    state.selection.set_event(b.id)
    assert split.isEnabled()
    split.trigger()
    _wait_rows(qtbot, key, 3)
    assert _happening_of(state, b.id) != _happening_of(state, _event(state, "a").id)
    assert "Split happening" in ctl.actions["undo"].text()
    ctl.undo()
    _wait_rows(qtbot, key, 2)
    assert _happening_of(state, b.id) == _happening_of(state, _event(state, "a").id)


def test_corrections_survive_re_extraction_and_a_saved_reopened_workspace(qtbot, tmp_path, app):
    _, state, ctl, key = app
    state.selection.set_event(_event(state, "b").id)
    ctl.happening_actions.split.trigger()
    _wait_rows(qtbot, key, 3)
    assert ctl.extract()
    qtbot.waitUntil(lambda: not ctl.busy, timeout=20000)
    _wait_rows(qtbot, key, 3)
    path = tmp_path / "study.esw"
    assert ctl.save_as(str(path))
    assert ctl.open_workspace(str(path), background=False)
    _wait_rows(qtbot, key, 3)
    b, a = _event(state, "b"), _event(state, "a")
    assert _happening_of(state, b.id) != _happening_of(state, a.id)


def test_a_workspace_with_damaged_happenings_opens_with_one_line_in_the_status_bar(qtbot, tmp_path, app):
    import sqlite3
    window, state, ctl, key = app
    path = tmp_path / "damaged.esw"
    assert ctl.save_as(str(path))
    db = sqlite3.connect(path)
    db.execute("UPDATE happening_of SET happening = 999 WHERE event = 0")
    db.commit()
    db.close()
    assert ctl.open_workspace(str(path), background=False)
    _wait_rows(qtbot, key, 2)                    # grouped again: nothing lost
    line = next(m for m in ctl.messages if "happenings" in m)
    assert "grouped again" in line and "\n" not in line and "Traceback" not in line
    assert line in window.statusBar().currentMessage()


def test_a_merge_made_in_the_app_redraws_the_grouped_timeline_with_one_mark_fewer(qtbot, app):
    # The merge is a workspace edit; the timeline only reads the published corpus's happenings, so
    # this guards the path edit -> corrected happenings -> selection model -> timeline redraw.
    window, state, ctl, key = app
    timeline = window.timeline
    assert timeline.grouped
    qtbot.waitUntil(lambda: timeline.data is not None and timeline.data.group is not None, timeout=10000)
    before = timeline.data.n
    key.tree.setCurrentItem(key.tree.topLevelItem(0))
    key.tree.topLevelItem(1).setSelected(True)
    ctl.happening_actions.merge.trigger()
    _wait_rows(qtbot, key, 1)
    qtbot.waitUntil(lambda: timeline.data is not None and timeline.data.group is not None
                    and timeline.data.n == before - 1, timeout=10000)
    ctl.undo()
    qtbot.waitUntil(lambda: timeline.data is not None and timeline.data.group is not None
                    and timeline.data.n == before, timeout=10000)
