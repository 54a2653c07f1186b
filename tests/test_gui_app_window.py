"""The application shell: ingestion off the UI thread, skipped files, status counts, DCT correction, layout memory."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop_app.gui import settings as window_settings
from desktop_app.gui.dct_dialog import DctDialog, check_dct
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.menus import about_text

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def private_settings(tmp_path):
    # Never read or write the user's real layout.
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


@pytest.fixture
def window(qtbot):
    # Without the workspace controller: it asks "save changes?" on close, which would block a headless run.
    w = MainWindow(restore=False, workspaces=False)
    qtbot.addWidget(w)
    w.show()
    return w


def wait_ingested(qtbot, w, timeout=60000):
    qtbot.waitUntil(lambda: not w.ingestor.busy, timeout=timeout)


@pytest.fixture
def story_folder(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "story.txt").write_text(
        "The Interior Ministry arrested Ivan Petrov on November 2. "
        "Officials said the Karaganda Group had met on October 28.\n", encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00\xff" * 10)
    return folder


def test_menus_and_shortcuts_exist(window):
    a = window.actions
    for name in ("open_files", "open_folder", "export", "quit", "dct", "fit", "compact", "reset_layout", "about"):
        assert name in a
    assert a["fit"].shortcut().toString() == "Ctrl+0"
    assert a["compact"].isCheckable()
    titles = [m.title().replace("&", "") for m in window.menuBar().findChildren(type(window.docks_menu))
              if m.parent() is window.menuBar()]
    assert {"File", "Edit", "View", "Help"} <= set(titles)


def test_every_view_is_in_the_window(window):
    assert set(window.views) == {"NetworkView", "DocumentView", "EventTable", "KeyEventsView"}
    assert set(window.docks) == {"DocumentView", "EventTable", "KeyEventsView"}


def test_about_lists_every_version():
    text = about_text()
    for lib in ("Eventscope", "Python", "Qt", "PySide6", "pyqtgraph", "networkx", "dateparser"):
        assert f"<td>{lib}</td>" in text


def test_seed_loads_off_thread_and_krykbayev_has_two_events(window, qtbot):
    assert window.open_paths([str(SEEDS)])
    assert window.status.progress.isVisibleTo(window)         # a job is shown while it runs
    wait_ingested(qtbot, window)
    corpus = window.state.corpus
    assert len(corpus.documents) == 1 and corpus.events
    assert not window.status.progress.isVisibleTo(window)
    assert "1 document · " in window.status.counts.text()
    actor = next(a for a in corpus.actors if "Krykbayev" in a.name)
    window.state.selection.set_actors([actor.id])
    shown = {window.timeline.data.event_id(r) for r in window.timeline.layout.mark_row}
    assert len(shown) == 2
    assert window.timeline.layout.lane_labels == [actor.name]
    assert "2 of " in window.status.counts.text() and "1 actor selected" in window.status.counts.text()


def test_bad_files_are_listed_and_skipped_and_year_unknown_is_visible(window, qtbot, story_folder):
    window.open_paths([str(story_folder)])
    wait_ingested(qtbot, window)
    assert [d.id for d in window.state.corpus.documents] == ["story"]
    assert window.error_log.isVisible()
    assert any("broken.txt" in e["path"] for e in window.error_log.entries)
    assert "broken.txt" in window.error_log.text.toPlainText()
    # no creation time: the dates have no year, so they are listed, not placed, and the status says so
    assert "year unknown" in window.status.warning.text()
    assert window.timeline.unplaced_count == 2
    assert window.timeline.data.n == 0
    # nothing placeable: the timeline says why instead of drawing an empty axis around 1970
    assert window.timeline.empty_label.isVisibleTo(window) and not window.timeline.plot.isVisibleTo(window)
    assert "creation time" in window.timeline.empty_label.text()


def test_setting_the_dct_re_resolves_and_redraws(window, qtbot, story_folder):
    window.open_paths([str(story_folder)])
    wait_ingested(qtbot, window)
    with qtbot.waitSignal(window.state.corpus_changed, timeout=60000):
        assert window.set_dct("story", "2007-11-09")
    wait_ingested(qtbot, window)
    assert window.state.corpus.documents[0].dct == "2007-11-09"
    assert window.timeline.unplaced_count == 0
    assert window.timeline.data.n == 2
    assert window.timeline.plot.isVisibleTo(window) and not window.timeline.empty_label.isVisibleTo(window)
    assert window.status.warning.text() == ""
    from desktop_app.core import timeaxis
    years = {timeaxis.from_seconds(s).year for s in window.timeline.data.start}
    assert years == {2007}


def test_dct_dialog_refuses_bad_input_and_names_the_formats(qtbot, story_folder, window):
    window.open_paths([str(story_folder)])
    wait_ingested(qtbot, window)
    dialog = window.edit_dct()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.doc_id() == "story"          # the only document is the current one
    dialog.edit.setText("next Tuesday")
    assert not ok.isEnabled()
    assert "2007-11-09" in dialog.message.text() and "2007-11" in dialog.message.text()
    dialog.edit.setText("2007-02-30")
    assert not ok.isEnabled()
    dialog.edit.setText("2007-11")
    assert ok.isEnabled() and dialog.value() == "2007-11"
    dialog.reject()


def test_check_dct_accepts_the_documented_forms():
    assert check_dct("2007-11-09")[0] == "2007-11-09"
    assert check_dct("2007-11")[0] == "2007-11"
    assert check_dct("2007")[0] == "2007"
    value, message = check_dct("yesterday")
    assert value is None and "2007-11-09" in message


def test_cancel_leaves_the_corpus_as_it_was(window, qtbot):
    window.open_paths([str(SEEDS)])
    window.status.cancel.click()
    wait_ingested(qtbot, window)
    assert window.state.corpus.documents == []
    assert not window.status.cancel.isVisibleTo(window)


def test_a_second_job_waits_for_the_first(window, qtbot):
    assert window.open_paths([str(SEEDS)])
    assert not window.open_paths([str(SEEDS)])
    wait_ingested(qtbot, window)


def test_dropping_files_loads_them(window, qtbot):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(SEEDS))])
    assert window.dropped_paths(mime) == [str(SEEDS)]
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.ingestor.busy
    wait_ingested(qtbot, window)
    assert len(window.state.corpus.documents) == 1
    text_only = QMimeData()
    text_only.setText("not a file")
    assert window.dropped_paths(text_only) == []


def test_opening_the_same_folder_twice_does_not_duplicate(window, qtbot):
    window.open_paths([str(SEEDS)])
    wait_ingested(qtbot, window)
    window.open_paths([str(SEEDS)])
    wait_ingested(qtbot, window)
    assert len(window.state.corpus.documents) == 1


def test_geometry_and_layout_are_remembered(qtbot):
    first = MainWindow(restore=False, workspaces=False)
    qtbot.addWidget(first)
    first.show()
    first.resize(720, 500)      # inside the offscreen screen, which restoreGeometry clamps to
    qtbot.wait(10)
    expected = (first.width(), first.height())   # the minimum size may have widened it
    first.close()               # closing saves
    assert QSettings("Eventscope", "Eventscope").value("window/state") is not None
    second = MainWindow(restore=True, workspaces=False)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == expected
    window_settings.forget_window()
    third = MainWindow(restore=True, workspaces=False)
    qtbot.addWidget(third)
    assert (third.width(), third.height()) == (1500, 900)     # the first-run default again


def test_view_actions_reach_the_timeline(window, qtbot):
    window.open_paths([str(SEEDS)])
    wait_ingested(qtbot, window)
    window.actions["compact"].setChecked(True)
    assert window.timeline.compact and window.timeline.layout.lane_labels == ["all events"]
    window.timeline.viewbox.setXRange(0, 10, padding=0)
    window.actions["fit"].trigger()
    lo, hi = window.timeline.visible_range()
    # Fit frames where the events are (core.extent): the seed's open-started "since the 1990s"
    # event lies outside that core and is flagged at the edge, not fitted.
    from desktop_app.core.extent import robust_extent
    data = window.timeline.data
    core = robust_extent(data.start, data.end)
    assert lo <= core.lo and hi >= core.hi and hi - lo < 10 * (core.hi - core.lo + 86400)
    window.actions["match_all"].setChecked(True)
    assert window.state.selection.mode == "all"


def test_run_returns_an_error_code_for_a_bad_dct(capsys):
    from desktop_app.gui.app import run
    assert run([str(SEEDS)], dct="the other day") == 2
    assert "2007-11-09" in capsys.readouterr().err


_RUN_SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop_app.gui import app as app_module
from desktop_app.gui.main_window import MainWindow

def check_then_quit():
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    if windows and not windows[-1].ingestor.busy and windows[-1].state.corpus.documents:
        w = windows[-1]
        print("documents", len(w.state.corpus.documents))
        print("title", w.windowTitle())
        print("skipped", [e["path"] for e in w.error_log.entries])
        print("workspace", w.workspace is not None)
        if w.workspace is not None:   # answer its "save changes?" with Discard: no one is there to click
            w.workspace.maybe_save = lambda: True
        QApplication.quit()
    else:
        QTimer.singleShot(50, check_then_quit)

app_module.make_app()      # timers need the application that run() will then reuse
QTimer.singleShot(50, check_then_quit)
print("code", app_module.run(sys.argv[1:]))
"""


def test_run_opens_the_window_and_loads_the_paths(tmp_path):
    # In its own process: run() owns the event loop, and quitting it inside the test session
    # would leave Qt's posted events undelivered for every later test.
    import subprocess
    import sys
    # Settings and workspace recovery files go to the test's folder, never the user's.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"))
    out = subprocess.run([sys.executable, "-c", _RUN_SCRIPT, str(SEEDS), "/no/such/file.txt"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert "code 0" in out.stdout, out.stderr
    assert "documents 1" in out.stdout
    assert "title " in out.stdout and "Eventscope" in out.stdout.split("title ", 1)[1].splitlines()[0]
    assert "/no/such/file.txt" in out.stdout      # a missing path is reported, not fatal
    assert "workspace True" in out.stdout


def test_export_opens_the_export_dialog_with_the_visible_range(window, qtbot):
    window.open_paths([str(SEEDS)])
    wait_ingested(qtbot, window)
    view = window.current_view()
    lo, hi = view["time_range"]
    # the seed's events run from "since the 1990s" (an open start) to November 2007
    assert lo < hi and lo.year <= 2007 <= hi.year
    window.actions["export"].trigger()
    from desktop_app.gui.export_dialog import ExportDialog
    dialogs = [d for d in window.findChildren(ExportDialog) if d.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].current_view["time_range"] == (lo, hi)
    dialogs[0].reject()


def test_dct_targets_the_document_of_the_selected_event(window, qtbot, story_folder):
    (story_folder / "second.txt").write_text("The Karaganda Group met Ivan Petrov on March 3.\n", encoding="utf-8")
    window.open_paths([str(story_folder)])
    wait_ingested(qtbot, window)
    assert len(window.state.corpus.documents) == 2
    event = next(e for e in window.state.corpus.events if e.doc == "second")
    window.state.selection.set_event(event.id)
    assert window.current_document() == "second"


def test_workspace_controller_is_attached_when_present(qtbot, tmp_path, monkeypatch):
    from desktop_app.gui import workspace_controller
    # Headless: no recovery question (a modal box would wait forever), no files in the user's folders.
    monkeypatch.setattr(workspace_controller.WorkspaceController, "offer_untitled_recovery", lambda self: None)
    monkeypatch.setattr(workspace_controller, "_user_data_dir", lambda: tmp_path / "recovery")
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    assert w.workspace is not None
    titles = [a.text().replace("&", "") for a in w.findChild(type(w.docks_menu), "menu_file").actions()]
    assert "Open Files…" in titles and any("Workspace" in t for t in titles)
    # our own Open keeps Ctrl+O; theirs must not steal it
    assert w.actions["open_files"].shortcut().toString() == "Ctrl+O"


def test_with_workspaces_a_dct_correction_is_an_undoable_edit(qtbot, tmp_path, monkeypatch, story_folder):
    from desktop_app.gui import workspace_controller
    monkeypatch.setattr(workspace_controller.WorkspaceController, "offer_untitled_recovery", lambda self: None)
    monkeypatch.setattr(workspace_controller.WorkspaceController, "maybe_save", lambda self: True)
    monkeypatch.setattr(workspace_controller, "_user_data_dir", lambda: tmp_path / "recovery")
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    w.open_paths([str(story_folder)])
    wait_ingested(qtbot, w)
    assert w.timeline.unplaced_count == 2
    assert w.set_dct("story", "2007-11-09")
    qtbot.waitUntil(lambda: w.timeline.data is not None and w.timeline.data.n == 2, timeout=60000)
    assert w.timeline.unplaced_count == 0 and w.status.warning.text() == ""
    assert next(d for d in w.state.corpus.documents if d.id == "story").dct == "2007-11-09"


def test_a_workspace_among_opened_paths_opens_as_a_workspace(qtbot, tmp_path, monkeypatch, story_folder):
    from desktop_app.core.documents import load_paths
    from desktop_app.core.pipeline import extract_corpus
    from desktop_app.core.workspace import Workspace
    from desktop_app.gui import workspace_controller
    monkeypatch.setattr(workspace_controller.WorkspaceController, "offer_untitled_recovery", lambda self: None)
    monkeypatch.setattr(workspace_controller.WorkspaceController, "maybe_save", lambda self: True)
    monkeypatch.setattr(workspace_controller, "_user_data_dir", lambda: tmp_path / "recovery")
    docs, _ = load_paths([SEEDS])
    ws = Workspace()
    ws.add_documents(docs)
    ws.reextract(extract_corpus)
    path = tmp_path / "study.esw"
    ws.save(str(path))
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    w.open_paths([str(path)])
    qtbot.waitUntil(lambda: len(w.state.corpus.documents) == 1, timeout=60000)
    assert w.state.corpus.documents[0].id == "000_54cc48f895b22f49"
    assert "study" in w.windowTitle()


def test_the_same_text_under_another_path_is_not_opened_twice(window, qtbot, tmp_path):
    copy = tmp_path / "copy"
    copy.mkdir()
    for f in SEEDS.iterdir():
        (copy / f.name).write_bytes(f.read_bytes())
    window.open_paths([str(SEEDS)])
    wait_ingested(qtbot, window)
    window.open_paths([str(copy)])
    wait_ingested(qtbot, window)
    assert [d.path for d in window.state.corpus.documents] == [str(SEEDS / "000_54cc48f895b22f49.txt")]
    assert any("skipped duplicate" in e["message"] for e in window.error_log.entries)
