"""The desktop app, driven like a user would, never touches the network.

The main window is built with the socket guard installed, loads the seed
corpus on its worker thread, goes through a few selections (actors, match
all, a time window, one event) and exports the current view as PNG and SVG
through the Export dialog; the guard's record must stay empty throughout.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest_network import blocked_network

SEEDS = Path(__file__).resolve().parents[1] / "seeds"



@pytest.fixture
def headless_dialogs(monkeypatch, tmp_path):
    """Answer every modal question the window may ask ("save changes?") without a user."""
    from PySide6.QtWidgets import QMessageBox
    asked = []
    B = QMessageBox.StandardButton

    def question(parent, title, text, *a, **k):
        asked.append(text)
        return B.Discard if "Save" in text or "save" in text else B.No

    monkeypatch.setattr(QMessageBox, "question", question)
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda parent, title, text, *a, **k: asked.append(text) or B.Ok)
    # Recovery files and settings of this run stay in the test's folder.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return asked


def test_main_window_ingest_select_and_export_offline(qtbot, tmp_path, headless_dialogs):
    from desktop_app.gui.main_window import MainWindow

    with blocked_network() as guard:
        window = MainWindow(restore=False)
        qtbot.addWidget(window)
        window.show()
        assert window.open_paths([str(SEEDS)])
        qtbot.waitUntil(lambda: not window.ingestor.busy and bool(window.state.corpus.documents), timeout=180_000)
        corpus = window.state.corpus
        assert corpus.timexes and corpus.events and corpus.actors

        state = window.state
        linked = [e for e in corpus.events if len(e.actors) >= 2] or corpus.events
        actors = linked[0].actor_ids()[:2]
        assert state.selection.update(actors=actors[:1])
        qtbot.wait(50)
        if len(actors) == 2:
            assert state.selection.update(actors=actors, mode="all")
            qtbot.wait(50)
        dated = sorted((e for e in corpus.events if e.dated), key=lambda e: e.date.interval.start)
        if dated:
            state.selection.update(window=(dated[0].date.interval.start, dated[-1].date.interval.end))
            qtbot.wait(50)
        state.selection.update(event=linked[0].id)
        qtbot.wait(50)
        assert state.selection.event == linked[0].id

        assert "export" in window.actions and window.actions["export"].isEnabled()
        from desktop_app.gui.export_dialog import ExportDialog
        for suffix in (".png", ".svg"):
            dlg = ExportDialog(state, window.current_view())
            qtbot.addWidget(dlg)
            out = tmp_path / f"view{suffix}"
            dlg.path.setText(str(out))
            assert dlg.start_export()
            with qtbot.waitSignal(dlg._export_handle.finished, timeout=120_000):
                pass
            data = out.read_bytes()
            assert data.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in data[:2000]
        window.close()

    assert guard.attempts == [], guard.attempts
