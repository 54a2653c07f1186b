"""The workspace controller in a window: menus, save/open, dirty title, undo/redo, corrections, errors."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from desktop_app.core.model import Corpus
from desktop_app.core.workspace import edits
from desktop_app.gui import edit_dialogs
from desktop_app.gui import settings as app_settings
from desktop_app.gui.state import AppState
from desktop_app.gui.workspace_controller import WorkspaceController
from workspace_corpus import by_label, by_name, sample_corpus

ROOT = Path(__file__).resolve().parents[1]


class Dialogs:
    """Records every message box instead of blocking on it, and answers questions as told."""

    def __init__(self, monkeypatch):
        self.warnings: list[str] = []
        self.questions: list[str] = []
        self.answer = QMessageBox.StandardButton.Discard
        monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: self.warnings.append(text))
        monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a, **k: self.warnings.append(text))

        def question(parent, title, text, *a, **k):
            self.questions.append(text)
            return self.answer
        monkeypatch.setattr(QMessageBox, "question", question)


@pytest.fixture
def dialogs(monkeypatch, tmp_path):
    ini = tmp_path / "settings.ini"
    monkeypatch.setattr(app_settings, "settings", lambda: QSettings(str(ini), QSettings.Format.IniFormat))
    return Dialogs(monkeypatch)


def make(qtbot, tmp_path, corpus=None, window=None, **kw):
    window = window or QMainWindow()
    qtbot.addWidget(window)
    state = AppState(corpus)
    kw.setdefault("extractor", lambda docs, task=None: Corpus(documents=list(docs)))
    ctl = WorkspaceController(window, state, data_dir=tmp_path / "data", offer_recovery=False, **kw)
    return window, state, ctl


def answer_text(monkeypatch, value):
    monkeypatch.setattr(edit_dialogs, "ask_text", lambda *a, **k: value)


def test_actions_go_into_existing_menus_or_new_ones(qtbot, tmp_path, dialogs):
    window = QMainWindow()
    file_menu = window.menuBar().addMenu("&File")
    quit_action = file_menu.addAction("Quit")
    _, _, ctl = make(qtbot, tmp_path, window=window)
    menus = {m.menuAction(): m.title() for m in window.menuBar().findChildren(QMenu)}
    assert [menus[a] for a in window.menuBar().actions()] == ["&File", "&Edit"]
    texts = [a.text() for a in file_menu.actions()]
    assert texts.index("&Save") < texts.index("Quit")     # ours go above the window's own
    assert file_menu.actions()[-1] is quit_action
    assert ctl.actions["undo"].shortcuts() == [QKeySequence(QKeySequence.StandardKey.Undo)]
    assert {s.toString() for s in ctl.actions["redo"].shortcuts()} == {"Ctrl+Shift+Z", "Ctrl+Y"}


def test_save_open_round_trip_with_dirty_title(qtbot, tmp_path, dialogs, monkeypatch):
    window, state, ctl = make(qtbot, tmp_path, sample_corpus())
    assert window.windowTitle() == "Untitled[*] — Eventscope" and window.isWindowModified()
    assert ctl.save_as(str(tmp_path / "study"))
    assert window.windowTitle() == "study[*] — Eventscope" and not window.isWindowModified()
    state.selection.set_actors([by_name(state.corpus, "Mara Velk").id])
    answer_text(monkeypatch, "Mara K. Velk")
    ctl.corrections.actions["rename_actor"].trigger()
    assert by_name(state.corpus, "Mara K. Velk") and window.isWindowModified()
    assert state.selection.actors == {by_name(state.corpus, "Mara K. Velk").id}    # selection kept
    assert ctl.actions["save"].isEnabled()
    ctl.actions["save"].trigger()
    assert not window.isWindowModified()
    assert ctl.recent() == [str((tmp_path / "study.esw").resolve())]

    window2, state2, ctl2 = make(qtbot, tmp_path)
    assert ctl2.open_workspace(str(tmp_path / "study.esw"))          # in the background
    qtbot.waitUntil(lambda: ctl2.ws.path is not None, timeout=20000)
    assert state2.corpus == state.corpus and not window2.isWindowModified()
    assert ctl2.actions["undo"].text() == "&Undo Rename actor"
    assert dialogs.warnings == []


def test_undo_and_redo_through_the_actions(qtbot, tmp_path, dialogs, monkeypatch):
    window, state, ctl = make(qtbot, tmp_path, sample_corpus())
    ctl.save_as(str(tmp_path / "w.esw"))
    original = state.corpus
    council, velk = by_name(original, "Harbour Council"), by_name(original, "Mara Velk")
    state.selection.set_actors([council.id, velk.id])
    assert ctl.corrections.actions["merge_actors"].isEnabled()
    monkeypatch.setattr(edit_dialogs, "ask_choice", lambda *a, **k: "Harbour Council")
    ctl.corrections.actions["merge_actors"].trigger()
    assert len(state.corpus.actors) == 2 and window.isWindowModified()
    assert state.selection.actors == {council.id}          # the merged actor stays selected
    assert not ctl.actions["redo"].isEnabled()
    ctl.actions["undo"].trigger()
    assert state.corpus == original and not window.isWindowModified()
    assert ctl.actions["redo"].isEnabled() and ctl.actions["redo"].text() == "&Redo Merge actors"
    ctl.actions["redo"].trigger()
    assert len(state.corpus.actors) == 2 and window.isWindowModified()


def test_event_corrections_follow_the_selected_event(qtbot, tmp_path, dialogs, monkeypatch):
    window, state, ctl = make(qtbot, tmp_path, sample_corpus())
    meet = by_label(state.corpus, "meet")
    assert not ctl.corrections.actions["set_event_date"].isEnabled()
    state.selection.set_event(meet.id)
    from desktop_app.core.documents import dct_interval
    monkeypatch.setattr(edit_dialogs, "ask_date", lambda parent, cur: ("set", "2021-03-04", dct_interval("2021-03-04")))
    ctl.corrections.actions["set_event_date"].trigger()
    assert by_label(state.corpus, "meet").date.value == "2021-03-04"
    monkeypatch.setattr(edit_dialogs, "ask_note", lambda parent, title, existing: "two sources disagree")
    state.selection.set_event(meet.id)
    ctl.corrections.actions["note"].trigger()
    assert ctl.notes_of(by_label(state.corpus, "meet")) == ["two sources disagree"]
    state.selection.set_event(meet.id)
    ctl.corrections.actions["delete_event"].trigger()
    assert "meet" not in {e.label for e in state.corpus.events}
    assert [e.kind for e in ctl.ws.stack.edits] == ["set_event_date", "note", "delete_event"]


def test_broken_and_foreign_files_get_a_dialog_and_stay_untouched(qtbot, tmp_path, dialogs):
    window, state, ctl = make(qtbot, tmp_path)
    junk = tmp_path / "junk.esw"
    junk.write_bytes(b"these are not the bytes you are looking for")
    assert not ctl.open_workspace(str(junk), background=False)
    assert "not an Eventscope workspace" in dialogs.warnings[-1]
    _, _, other = make(qtbot, tmp_path, sample_corpus())
    other.save_as(str(tmp_path / "new.esw"))
    db = sqlite3.connect(tmp_path / "new.esw")
    db.execute("PRAGMA user_version = 7")
    db.commit()
    db.close()
    before = (tmp_path / "new.esw").read_bytes()
    assert ctl.open_workspace(str(tmp_path / "new.esw"))            # a background failure warns too
    qtbot.waitUntil(lambda: not ctl.opening and bool(dialogs.warnings) and "schema 7" in dialogs.warnings[-1],
                    timeout=20000)
    assert "newer Eventscope (schema 7" in dialogs.warnings[-1]
    assert (tmp_path / "new.esw").read_bytes() == before and junk.read_bytes().startswith(b"these")
    assert not ctl.import_json(str(junk))
    assert "not valid JSON" in dialogs.warnings[-1]
    assert state.corpus.documents == []                    # nothing half-loaded


def test_closing_headless_keeps_unsaved_work_for_recovery_without_asking(qtbot, tmp_path, dialogs):
    window, state, ctl = make(qtbot, tmp_path, sample_corpus())
    ctl.save_as(str(tmp_path / "w.esw"))
    state.selection.set_actors([by_name(state.corpus, "Mara Velk").id])
    ctl.push(edits.delete_actor(by_name(state.corpus, "Mara Velk")))
    window.show()
    assert window.close()
    assert dialogs.questions == []
    assert list(tmp_path.glob("w.esw.*.recovery"))


def test_closing_with_unsaved_changes_asks_first(qtbot, tmp_path, dialogs, monkeypatch):
    window, state, ctl = make(qtbot, tmp_path, sample_corpus())
    monkeypatch.setattr(WorkspaceController, "can_ask", lambda self: True)
    window.show()
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not window.close() and window.isVisible()
    assert "Save the changes to Untitled?" in dialogs.questions[-1]
    dialogs.answer = QMessageBox.StandardButton.Discard
    assert window.close()


def test_corpus_set_by_the_window_is_adopted_into_the_workspace(qtbot, tmp_path, dialogs):
    window, state, ctl = make(qtbot, tmp_path)
    state.set_corpus(sample_corpus())                      # e.g. the window's own Open Files
    assert {d.id for d in ctl.ws.documents} == {"doc-a", "doc-b"}
    assert state.corpus is ctl.ws.corpus and window.isWindowModified()
    redated = sample_corpus()
    redated.documents[1].dct, redated.documents[1].dct_precision = "2021-04-30", "day"
    state.set_corpus(redated)                              # e.g. the window's creation-time dialog
    assert [e.kind for e in ctl.ws.stack.edits] == ["set_dct"]
    assert state.corpus.documents[1].dct == "2021-04-30"
    ctl.actions["undo"].trigger()
    assert state.corpus.documents[1].dct is None
    # Each creation-time change re-extracts in the background until the workspace matches.
    qtbot.waitUntil(lambda: not ctl.busy and not ctl.ws.stale_documents(), timeout=20000)
    assert state.corpus.documents[1].dct is None


def test_add_documents_loads_dedupes_and_extracts_in_the_background(qtbot, tmp_path, dialogs):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "one.txt").write_text("The river council met on 2 May 2020.", encoding="utf-8")
    (folder / "two.txt").write_text("Nothing happened here at all today.", encoding="utf-8")
    window, state, ctl = make(qtbot, tmp_path)
    assert ctl.add_folder(str(folder))
    qtbot.waitUntil(lambda: len(state.corpus.documents) == 2 and not ctl.busy and not ctl.ws.stale_documents(),
                    timeout=20000)
    (folder / "copy.txt").write_text("The river council met on 2 May 2020.", encoding="utf-8")
    assert ctl.add_documents([str(folder / "copy.txt")])
    qtbot.waitUntil(lambda: any("already in workspace" in m for m in ctl.messages), timeout=20000)
    assert len(ctl.ws.documents) == 2


def test_exports_from_the_menu_write_files(qtbot, tmp_path, dialogs):
    import networkx as nx
    window, state, ctl = make(qtbot, tmp_path, sample_corpus())
    assert ctl.export("gexf", str(tmp_path / "n.gexf"))
    assert nx.read_gexf(tmp_path / "n.gexf").number_of_nodes() == 3
    assert ctl.export("json", str(tmp_path / "w.json"))
    _, state2, ctl2 = make(qtbot, tmp_path)
    assert ctl2.import_json(str(tmp_path / "w.json"))
    assert state2.corpus == state.corpus
    assert not ctl.export("events_csv", str(tmp_path / "missing" / "e.csv"))
    assert "cannot write" in dialogs.warnings[-1]


def test_recovery_is_offered_after_a_killed_session(qtbot, tmp_path, dialogs):
    ws_path = tmp_path / "study.esw"
    code = textwrap.dedent(f"""
        import os, sys
        sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'tests')!r}]
        from desktop_app.core.workspace import Workspace, edits
        from desktop_app.core.workspace.store import WorkspaceData
        from workspace_corpus import sample_corpus, by_name
        ws = Workspace(WorkspaceData(sample_corpus()), data_dir={str(tmp_path / 'data')!r})
        ws.save({str(ws_path)!r})
        ws.push(edits.rename_actor(by_name(ws.corpus, "Fishers Union"), "Fishers Guild"))
        ws.autosave()
        os._exit(9)
    """)
    assert subprocess.run([sys.executable, "-c", code], timeout=120).returncode == 9
    window, state, ctl = make(qtbot, tmp_path)
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert ctl.open_workspace(str(ws_path), background=False)
    assert "Recover the changes" in dialogs.questions[-1]
    assert by_name(state.corpus, "Fishers Guild") and window.isWindowModified()
    assert ctl.save()
    assert not list(tmp_path.glob("study.esw*.recovery"))


def test_autosave_writes_a_recovery_file_when_dirty(qtbot, tmp_path, dialogs, monkeypatch):
    window, state, ctl = make(qtbot, tmp_path, sample_corpus(), autosave_seconds=0.05)
    ctl.save_as(str(tmp_path / "w.esw"))
    state.selection.set_actors([by_name(state.corpus, "Mara Velk").id])
    answer_text(monkeypatch, "M. Velk")
    ctl.corrections.rename_actor()
    qtbot.waitUntil(lambda: ctl.ws.recovery_file().exists(), timeout=10000)
    ctl.save()
    assert not list(tmp_path.glob("w.esw*.recovery"))


def test_wires_into_the_real_main_window(qtbot, tmp_path, dialogs):
    from desktop_app.gui.main_window import MainWindow
    window = MainWindow(restore=False)
    window, state, ctl = make(qtbot, tmp_path, window=window)
    file_menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&File")
    texts = [a.text() for a in file_menu.actions()]
    assert "&Save" in texts and "&Open Files…" in texts
    # The window's Open Files keeps Ctrl+O; ours takes only free shortcuts.
    assert ctl.actions["open"].shortcuts() == []
    state.set_corpus(sample_corpus())
    qtbot.waitUntil(lambda: window.windowTitle() == "Untitled[*] — Eventscope", timeout=5000)
    assert window.isWindowModified() and ctl.ws.documents


def test_add_tie_and_add_event_from_a_text_selection(qtbot, tmp_path, dialogs, monkeypatch):
    window, state, ctl = make(qtbot, tmp_path, sample_corpus())
    council, velk = by_name(state.corpus, "Harbour Council"), by_name(state.corpus, "Mara Velk")
    state.selection.set_actors([council.id, velk.id])
    monkeypatch.setattr(edit_dialogs, "ask_number", lambda *a, **k: 2.0)
    ctl.corrections.actions["add_tie"].trigger()
    tie = next(t for t in state.corpus.ties if {t.source, t.target} == {council.id, velk.id})
    assert tie.weight == 2.0 and tie.events == []
    ctl.corrections.actions["add_event"].trigger()             # no document view offers a selection
    assert "Select the sentence" in dialogs.warnings[-1]

    class FakeDocumentView:
        def selected_span(self):
            text = state.corpus.documents[0].text
            start = text.index("Council chair")
            return ("doc-a", start, text.index(".", start) + 1)
    window.views = {"DocumentView": FakeDocumentView()}
    state.selection.set_actors([velk.id])
    monkeypatch.setattr(edit_dialogs, "ask_text", lambda *a, **k: "statement")
    monkeypatch.setattr(edit_dialogs, "ask_date", lambda parent, cur: ("clear",))
    ctl.corrections.actions["add_event"].trigger()
    added = by_label(state.corpus, "statement")
    assert added.text == "Council chair Mara Velk said talks would resume." and added.date is None
    assert added.actor_ids() == [velk.id]


def test_untitled_work_of_a_killed_session_is_offered_at_start_up(qtbot, tmp_path, dialogs):
    code = textwrap.dedent(f"""
        import os, sys
        sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'tests')!r}]
        from desktop_app.core.workspace import Workspace, edits
        from desktop_app.core.workspace.store import WorkspaceData
        from workspace_corpus import sample_corpus, by_name
        ws = Workspace(WorkspaceData(sample_corpus()), data_dir={str(tmp_path / 'data')!r})
        ws.push(edits.delete_actor(by_name(ws.corpus, "Mara Velk")))
        ws.autosave()
        os._exit(9)
    """)
    assert subprocess.run([sys.executable, "-c", code], timeout=120).returncode == 9
    dialogs.answer = QMessageBox.StandardButton.Yes
    window, state, ctl = make(qtbot, tmp_path)
    assert ctl.offer_untitled_recovery()
    assert {d.id for d in state.corpus.documents} == {"doc-a", "doc-b"}
    assert "Mara Velk" not in {a.name for a in state.corpus.actors}
    assert window.windowTitle() == "Untitled[*] — Eventscope" and window.isWindowModified()
    ctl.actions["undo"].trigger()                      # the recovered log is still undoable
    assert "Mara Velk" in {a.name for a in state.corpus.actors}
    assert ctl.autosave()                              # supersedes the dead session's file
    _, _, again = make(qtbot, tmp_path)
    assert again.offer_untitled_recovery() is False and again.ws.documents == []
    assert len(list((tmp_path / "data").glob("*.recovery"))) == 1


def test_set_dct_from_the_window_is_an_undoable_edit(qtbot, tmp_path, dialogs):
    window, state, ctl = make(qtbot, tmp_path, sample_corpus())
    assert not ctl.set_dct("doc-b", "the ides of March")
    assert "creation time" in dialogs.warnings[-1] and ctl.ws.stack.edits == []
    assert ctl.set_dct("doc-b", "2021-04")
    assert state.corpus.documents[1].dct == "2021-04" and state.corpus.documents[1].dct_precision == "month"
    qtbot.waitUntil(lambda: not ctl.busy and not ctl.ws.stale_documents(), timeout=20000)
    ctl.undo()
    assert state.corpus.documents[1].dct is None
    qtbot.waitUntil(lambda: not ctl.busy and not ctl.ws.stale_documents(), timeout=20000)


def test_workspace_files_among_dropped_paths_are_opened_and_the_rest_returned(qtbot, tmp_path, dialogs):
    _, _, saver = make(qtbot, tmp_path, sample_corpus())
    saver.save_as(str(tmp_path / "w.esw"))
    window, state, ctl = make(qtbot, tmp_path)
    rest = ctl.take_workspaces([str(tmp_path / "a.txt"), str(tmp_path / "w.esw"), str(tmp_path / "docs")])
    assert rest == [str(tmp_path / "a.txt"), str(tmp_path / "docs")]
    qtbot.waitUntil(lambda: ctl.ws.path is not None, timeout=20000)
    assert ctl.ws.path == tmp_path / "w.esw" and len(state.corpus.documents) == 2


def test_two_selected_actors_take_a_note_on_the_tie_between_them(qtbot, tmp_path, dialogs, monkeypatch):
    window, state, ctl = make(qtbot, tmp_path, sample_corpus())
    tie = max(state.corpus.ties, key=lambda t: t.weight)
    state.selection.set_actors([tie.source, tie.target])
    monkeypatch.setattr(edit_dialogs, "ask_note", lambda parent, title, existing: "met twice, per the union")
    ctl.corrections.actions["note"].trigger()
    assert ctl.notes_of(tie) == ["met twice, per the union"]
    assert [n.kind for n in ctl.ws.notes] == ["tie"]
    # A single actor of that pair has no such note: notes follow the item they were put on.
    assert ctl.notes_of(next(a for a in state.corpus.actors if a.id == tie.source)) == []
    ctl.actions["undo"].trigger()
    assert ctl.notes_of(tie) == []
