"""PDF, e-mail, tables and networks dropped on the window: what the app shows for each kind."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import csv
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent

from desktop_app.core.documents import load_paths
from desktop_app.core.documents.table_mapping import TableMap
from desktop_app.core.pipeline import extract_corpus
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.table_import import TableImportDialog, remember, remembered
from document_files import ACLED_HEADER, email_message, graphml_text, layout_pages, pdf_bytes, write_mbox

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_54cc48f895b22f49.txt"


@pytest.fixture(autouse=True)
def private_settings(tmp_path):
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


@pytest.fixture
def window(qtbot):
    w = MainWindow(restore=False, workspaces=False)
    qtbot.addWidget(w)
    w.show()
    return w


def _drop(window, qtbot, *paths: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    window.dropEvent(QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: not window.ingestor.busy, timeout=60000)


def _seed_pdf(tmp_path: Path) -> Path:
    paras = [" ".join(p.split()) for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    pdf = tmp_path / "seed.pdf"
    pdf.write_bytes(pdf_bytes(layout_pages(paras, header="Eurasia Daily Monitor", lines_per_page=22, hyphenate=True)))
    shutil.copy(SEED.with_name(SEED.name + ".meta.json"), tmp_path / "seed.pdf.meta.json")
    return pdf


def _key(corpus):
    names = {a.id: a.name for a in corpus.actors}
    return (sorted((a.name, a.type) for a in corpus.actors),
            sorted((e.label, e.date.value if e.date else None, tuple(sorted(names[p.actor] for p in e.actors)))
                   for e in corpus.events))


def test_dropped_seed_pdf_gives_the_txt_events_and_shows_pages(window, qtbot, tmp_path):
    _drop(window, qtbot, _seed_pdf(tmp_path))
    corpus = window.state.corpus
    assert _key(corpus) == _key(extract_corpus(load_paths([SEED])[0]))
    view = window.views["DocumentView"]
    assert view.kind_info.isVisible() and view.kind_info.text().startswith("PDF, ")
    doc = corpus.documents[0]
    last = next(e for e in reversed(list(corpus.events)) if doc.page_at(e.start) > 1)
    window.state.selection.set_event(last.id)
    assert f"page {doc.page_at(last.start)}" in view.info.text()
    assert view.sentence_span == (last.start, last.end)
    assert view.text.toPlainText()[last.start:last.end] == last.text


def test_dropped_mbox_shows_message_headers_and_attachment_parent(window, qtbot, tmp_path):
    msgs = [email_message("Budget", "Anna Field <anna@example.org>", "Wed, 03 Mar 2021 18:20:00 +0100",
                          "The council met in Almaty on 2 March 2021."),
            email_message("Report", "desk@example.org", "Thu, 04 Mar 2021 08:00:00 +0000", "See attached.",
                          attachments=[("note.txt", b"The KNB arrested Zhaksylyk Umirzak on 1 March 2021.",
                                        "text/plain")])]
    _drop(window, qtbot, write_mbox(tmp_path / "inbox.mbox", msgs))
    ids = [d.id for d in window.state.corpus.documents]
    assert ids == ["inbox-m1", "inbox-m2", "inbox-m2-a1"]
    view = window.views["DocumentView"]
    view.show_document("inbox-m1")
    assert "From: Anna Field <anna@example.org>" in view.kind_info.text()
    assert "Subject: Budget" in view.kind_info.text()
    assert view.kind_info.textFormat() == Qt.TextFormat.PlainText
    view.show_document("inbox-m2-a1")
    assert "Attached to message inbox-m2" in view.kind_info.text()


def test_dropped_acled_csv_is_read_without_asking(window, qtbot, tmp_path):
    p = tmp_path / "acled.csv"
    with open(p, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(ACLED_HEADER)
        w.writerow(["K1", "2007-11-02", "2007", "Arrests", "National Security Committee", "Krykbayev Group",
                    "Kazakhstan", "Almaty", "", "", "Karavan", "Members were questioned."])
    window.ask_table_mapping = lambda *a: pytest.fail("a known layout must not ask")
    _drop(window, qtbot, p)
    (ev,) = list(window.state.corpus.events)
    window.state.selection.set_event(ev.id)
    assert "row 2" in window.views["DocumentView"].info.text()
    assert "ACLED layout" in window.views["DocumentView"].kind_info.text()


def test_unknown_table_layout_asks_once_and_the_answer_is_remembered(window, qtbot, tmp_path):
    p = tmp_path / "mine.csv"
    p.write_text("When,Who,Where\n2021-03-01,Blue Party,Springfield\n", encoding="utf-8")
    asked = []

    def answer(parent, path, header, rows):
        asked.append((path.name, header, rows))
        m = TableMap(date="When", actors=["Who"], place="Where")
        remember(header, m)
        return m
    window.ask_table_mapping = answer
    _drop(window, qtbot, p)
    assert asked == [("mine.csv", ["When", "Who", "Where"], [["2021-03-01", "Blue Party", "Springfield"]])]
    assert [e.date.value for e in window.state.corpus.events] == ["2021-03-01"]
    q = tmp_path / "again.csv"
    q.write_text("When,Who,Where\n2021-04-01,Red Party,Shelbyville\n", encoding="utf-8")
    _drop(window, qtbot, q)
    assert len(asked) == 1 and len(list(window.state.corpus.events)) == 2


def test_cancelled_table_dialog_skips_the_file_with_a_message(window, qtbot, tmp_path):
    p = tmp_path / "mine.csv"
    p.write_text("When,Who\n2021-03-01,Blue Party\n", encoding="utf-8")
    window.ask_table_mapping = lambda *a: None
    assert not window.open_paths([str(p)])
    assert "mine.csv" in window.status.currentMessage()


def test_import_dialog_guesses_previews_and_returns_the_mapping(qtbot, tmp_path):
    header = ["Date", "Until", "Actor A", "Actor B", "Location", "Type", "Notes"]
    rows = [["2021-03-01", "", "<b>Blue</b> Party", "Red Party", "Springfield", "Rally", "Peaceful."]]
    from desktop_app.core.documents.table_mapping import guess_mapping
    dlg = TableImportDialog(tmp_path / "t.csv", header, rows, guess_mapping(header))
    qtbot.addWidget(dlg)
    m = dlg.mapping()
    assert (m.date, m.actors, m.place, m.label, m.notes) == ("Date", ["Actor A", "Actor B"], "Location", "Type", "Notes")
    assert dlg.preview.item(0, 2).text() == "<b>Blue</b> Party"      # shown as the text it is
    dlg.combos["end_date"].setCurrentText("Until")
    dlg.actors.item(3).setCheckState(Qt.CheckState.Unchecked)
    m = dlg.mapping()
    assert m.end_date == "Until" and m.actors == ["Actor A"]
    remember(header, m)
    assert remembered(header) == m


def test_dropped_graphml_adds_actors_and_weighted_ties(window, qtbot, tmp_path):
    p = tmp_path / "net.graphml"
    p.write_text(graphml_text([("a", "Blue Party", "organisation"), ("b", "Anna Field", "person")],
                              [("a", "b", 4.0)]), encoding="utf-8")
    _drop(window, qtbot, p)
    corpus = window.state.corpus
    assert sorted((a.name, a.type) for a in corpus.actors) == [("Anna Field", "person"), ("Blue Party", "organization")]
    assert [t.weight for t in corpus.ties] == [4.0]
    assert "network: 2 actors, 1 ties" in window.views["DocumentView"].kind_info.text()
