"""Untrusted text is shown as text in every view, dialog and tooltip (issue 16, failure 3).

Before: the document view put an event label into a QLabel in AutoText mode, so a label
``<img src="/tmp/fifo">`` from an imported JSON made Qt open the FIFO and the app hung.  Here every
field a corpus carries (actor names and aliases, event labels and dates as written, document text,
titles, publications, paths, notes, skipped-file messages, typed search text) holds HTML; the whole
window is built and driven, and no label renders it and no tooltip or message box carries it raw.
"""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dataclasses import replace

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from desktop_app.core.model import Corpus
from desktop_app.core.workspace import Workspace, edits
from desktop_app.core.workspace.store import WorkspaceData
from desktop_app.gui import edit_dialogs
from desktop_app.gui.document_view import DocumentView
from desktop_app.gui.event_table import EventTable
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.network.view import NetworkView
from desktop_app.gui.timeline.describe import describe
from workspace_corpus import sample_corpus

IMG = '<img src="/nonexistent/eventscope-probe.png">'
BOLD = "<b>x</b>"
P = IMG + BOLD
RAW = (IMG, BOLD)


def hostile_corpus() -> Corpus:
    c = sample_corpus()
    docs = [replace(d, text=d.text + " " + P, title=P + " title", publication=P + " pub", path=P + ".txt",
                    sha256=None) for d in c.documents]
    actors = [replace(a, name=P + a.name, aliases=[P + x for x in a.aliases] + [P]) for a in c.actors]
    events = [replace(e, label=P + e.label, date=replace(e.date, text=P + (e.date.text or "")) if e.date else None)
              for e in c.events]
    return Corpus(docs, c.timexes, actors, c.mentions, events, c.ties, [{"path": P + ".bin", "message": P}])


def _labels(root: QWidget) -> list[QLabel]:
    return [w for w in root.findChildren(QLabel)]


def assert_no_label_renders_markup(root: QWidget) -> int:
    """Every label showing the payload is PlainText; a rich label never holds it unescaped. Returns how many showed it."""
    showing = 0
    for label in _labels(root):
        text = label.text()
        if any(r in text for r in RAW):
            showing += 1
            assert label.textFormat() == Qt.TextFormat.PlainText, (label.objectName(), text[:120])
    return showing


def assert_escaped(text) -> None:
    if text:
        assert not any(r in str(text) for r in RAW), str(text)[:200]


@pytest.fixture(autouse=True)
def private_settings(tmp_path):
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def boxes(monkeypatch):
    seen = []
    for name in ("warning", "information", "question", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda parent, title, text, *a, _n=name, **k: seen.append(text)
                            or QMessageBox.StandardButton.No)
    return seen


def test_every_view_shows_hostile_text_as_text(qtbot, tmp_path, boxes):
    corpus = hostile_corpus()
    w = MainWindow(restore=False, workspaces=False)
    qtbot.addWidget(w)
    w.show()
    w.state.set_corpus(corpus)
    w.error_log.add(corpus.errors)
    qtbot.wait(50)
    actor = corpus.actors[0]
    w.state.selection.set_actors([actor.id])
    event = corpus.events[0]
    w.state.selection.set_event(event.id)
    doc_view = w.findChildren(DocumentView)[0]
    doc_view.show_event(event.id)
    qtbot.wait(50)

    # The case: the event label in the document view's info line.
    assert P in doc_view.info.text() and doc_view.info.textFormat() == Qt.TextFormat.PlainText
    assert P in doc_view.title.text() and doc_view.title.textFormat() == Qt.TextFormat.PlainText
    assert assert_no_label_renders_markup(w) >= 2
    assert_no_label_renders_markup(w.error_log)
    assert P in w.error_log.text.toPlainText()          # a QPlainTextEdit: never markup

    # Tooltips: the document's mentions and time expressions, every event-table cell, the timeline's
    # marks, the network's nodes, the undated list, every widget's own tooltip.
    doc = corpus.documents[0]
    for m in [m for m in corpus.mentions if m.doc == doc.id]:
        tip = doc_view.tooltip_at(m.start)
        assert tip and "&lt;img" in tip                # the actor's name, escaped
        assert_escaped(tip)
    for t in [t for t in corpus.timexes if t.doc == doc.id]:
        assert_escaped(doc_view.tooltip_at(t.start))
    table = w.findChildren(EventTable)[0]
    model = table.model
    assert model.rowCount() > 0
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            assert_escaped(model.data(model.index(row, col), Qt.ItemDataRole.ToolTipRole))
    timeline = w.timeline
    if timeline.data is not None:
        for row in range(timeline.data.n):
            tip = describe(timeline.data, row, corpus)
            assert P not in tip
            assert_escaped(tip)
    for k in range(timeline.unplaced_list.count()):
        assert_escaped(timeline.unplaced_list.item(k).toolTip())
    net = w.findChildren(NetworkView)[0]
    if net.data is not None:
        for node in range(net.data.n_nodes):
            assert_escaped(net.describe(node))
    for widget in w.findChildren(QWidget):
        assert_escaped(widget.toolTip())

    # Dialogs: the creation-time dialog, the actor search echoing typed text, the export dialog.
    dct = w.edit_dct()
    dct.edit.setText(P)
    assert assert_no_label_renders_markup(dct) >= 1
    dct.close()
    net.search.edit.setText(P)                          # "no actor called ..." repeats it
    net.search.edit.returnPressed.emit()
    assert_no_label_renders_markup(w)
    assert boxes == [] or all(not any(r in b for r in RAW) for b in boxes)


def test_correction_dialogs_and_message_boxes_show_names_as_text(qtbot, tmp_path, boxes, monkeypatch):
    # The input dialogs every correction opens carry actor names and notes in their label.
    dialog = edit_dialogs.input_dialog(None, "Rename actor", f"New name for {P}:")
    labels = dialog.findChildren(QLabel)
    assert labels and all(l.textFormat() == Qt.TextFormat.PlainText for l in labels)
    assert any(P in l.text() for l in labels)
    dialog.deleteLater()
    # Message boxes get the text escaped inside <qt>, which Qt always parses as rich text.
    edit_dialogs.warn(None, f"cannot save {P}.esw")
    edit_dialogs.ask_save_changes(None, P)
    edit_dialogs.ask_recover(None, P)
    assert len(boxes) == 3
    for b in boxes:
        assert b.startswith("<qt>") and GuiQt.mightBeRichText(b)
        assert_escaped(b)
        assert "&lt;img" in b


def test_correction_dialogs_show_names_and_notes_as_text(qtbot, tmp_path, boxes, monkeypatch):
    from PySide6.QtWidgets import QMainWindow
    from desktop_app.gui.state import AppState
    from desktop_app.gui.workspace_controller import WorkspaceController
    corpus = hostile_corpus()
    window = QMainWindow()
    qtbot.addWidget(window)
    ctl = WorkspaceController(window, AppState(None), data_dir=tmp_path / "data", offer_recovery=False,
                              extractor=lambda docs, task=None: Corpus(documents=list(docs)))
    ws = Workspace(WorkspaceData(corpus), data_dir=tmp_path / "data")
    ws.push(edits.note(corpus, corpus.actors[0], P))
    ctl._replace(ws)
    labels = []
    monkeypatch.setattr(edit_dialogs, "input_dialog", lambda parent, title, label, _real=edit_dialogs.input_dialog:
                        labels.append(_real(parent, title, label)) or _Cancelled())
    ctl.state.selection.set_actors([ctl.state.corpus.actors[0].id])
    ctl.corrections.rename_actor()
    ctl.corrections.add_alias()
    ctl.corrections.add_note()                          # the label lists the notes so far
    assert len(labels) == 3
    for d in labels:
        assert all(l.textFormat() == Qt.TextFormat.PlainText for l in d.findChildren(QLabel))
    assert any(any(r in l.text() for r in RAW) for d in labels for l in d.findChildren(QLabel))


class _Cancelled:
    """Stands in for an input dialog the analyst cancels (exec() would block a headless run)."""

    def __getattr__(self, name):
        return lambda *a, **k: None

    def exec(self):
        return 0

    def textValue(self):
        return ""
