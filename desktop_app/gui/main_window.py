"""The main window: timeline and network side by side, document view and event table in docks.

The window owns no analysis state: the corpus and the selection live in
``AppState`` and every view redraws from it.  The window only routes
commands (menus, drops, dialogs) to the state, to ingestion, or to a view.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow, QMessageBox, QSplitter, QWidget

from desktop_app.core import timeaxis

from . import settings as window_settings
from .dct_dialog import DctDialog
from .document_view import DocumentView
from .event_table import EventTable
from .export_dialog import ExportDialog
from .network_view import NetworkView
from .workspace_controller import WorkspaceController
from .error_log import ErrorLog, skipped_message
from .ingest import Ingestor
from .key_events import KeyEventsView
from .menus import ShortcutsDialog, about_text, build_menus, shortcut_rows
from .plain import as_rich
from .state import AppState
from .status import StatusPanel
from .table_import import ask as ask_table_mapping, resolve_tables
from .timeline import TimelineView

# (view class, where it goes); each is constructed as View(state, parent=None).
VIEWS = (
    (NetworkView, "centre"),
    (DocumentView, Qt.DockWidgetArea.RightDockWidgetArea),
    (EventTable, Qt.DockWidgetArea.BottomDockWidgetArea),
    (KeyEventsView, Qt.DockWidgetArea.BottomDockWidgetArea),
)
DOCK_TITLES = {"DocumentView": "Document", "EventTable": "Events", "KeyEventsView": "Key events"}
CENTRE_MIN_WIDTH = 320


class MainWindow(QMainWindow):
    def __init__(self, state: Optional[AppState] = None, restore: bool = True, workspaces: bool = True):
        super().__init__()
        self.setWindowTitle("Eventscope")
        self.state = state if state is not None else AppState()
        self.views: dict[str, QWidget] = {}
        self.docks: dict[str, QDockWidget] = {}
        self._build_views()
        self.status = StatusPanel(self)
        self.setStatusBar(self.status)
        self.error_log = ErrorLog(self)
        self.ingestor = Ingestor(self.state, self)
        self.ask_table_mapping = ask_table_mapping    # replaceable, so tests answer the dialog
        self.actions = build_menus(self)
        for dock in self.docks.values():
            self.docks_menu.addAction(dock.toggleViewAction())
        self._wire()
        self.workspace = self._attach_workspaces() if workspaces else None
        self.resize(1500, 900)
        self._default_state = self.saveState(window_settings.LAYOUT_VERSION)
        self._default_splitter = self.splitter.saveState()
        if restore:
            window_settings.restore_window(self)
        self.setAcceptDrops(True)
        self.refresh_status()

    # -- construction -----------------------------------------------------------
    def _build_views(self) -> None:
        self.timeline = TimelineView(self.state)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("centre-splitter")
        self.splitter.addWidget(self.timeline)
        for cls, where in VIEWS:
            name = cls.__name__
            view = cls(self.state, parent=None)
            self.views[name] = view
            if where == "centre":
                self.splitter.addWidget(view)
            else:
                dock = QDockWidget(DOCK_TITLES.get(name, name), self)
                dock.setObjectName(f"dock-{name}")   # saveState needs names
                dock.setWidget(view)
                self.addDockWidget(where, dock)
                self.docks[name] = dock
        # An explicit minimum width overrides the one a view's layout derives from its contents, so a
        # status text growing ("90 of 1,553 actors active in the time window") cannot push the
        # divider: the panel dividers move only when the user drags them.
        for i in range(self.splitter.count()):
            self.splitter.widget(i).setMinimumWidth(CENTRE_MIN_WIDTH)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        # The timeline needs the width (time runs along it); the network reads fine narrower.
        self.splitter.setSizes([900, 600][: self.splitter.count()])
        self.setCentralWidget(self.splitter)

    def _wire(self) -> None:
        # The Key events panel's top N (grouped off the UI thread) are the timeline's key events.
        key_view = self.views["KeyEventsView"]
        key_view.key_reports_changed.connect(self.timeline.set_key_reports)
        self.timeline.set_key_reports(key_view.key_reports())
        self.state.corpus_changed.connect(self._corpus_changed)
        self.state.selection_changed.connect(lambda _change: self.refresh_status())
        ing = self.ingestor
        ing.started.connect(self.status.set_busy)
        ing.progress.connect(self.status.set_progress)
        ing.finished.connect(lambda: self.status.set_busy(None))
        ing.errors.connect(self.error_log.add)
        ing.errors.connect(lambda errors: self.status.showMessage(skipped_message(errors), 15000))
        ing.failed.connect(self._job_failed)
        self.status.cancel_requested.connect(ing.cancel)

    def _attach_workspaces(self) -> WorkspaceController:
        """Workspace files, undo and corrections; the controller adds its own menu items."""
        from .saved_views import SavedViews

        controller = WorkspaceController(self, self.state)
        self.saved_views = SavedViews(self, controller)     # the view and bookmarks saved with the workspace
        return controller

    # -- state ------------------------------------------------------------------
    def _corpus_changed(self) -> None:
        # With workspaces the controller owns the title (name and unsaved-changes mark).
        if getattr(self, "workspace", None) is None:
            n = len(self.state.corpus.documents)
            self.setWindowTitle(f"Eventscope — {n} document{'s' if n != 1 else ''}" if n else "Eventscope")
        self.refresh_status()

    def refresh_status(self) -> None:
        self.status.refresh(self.state.corpus, self.state.selection)

    def _job_failed(self, message: str) -> None:
        self.status.showMessage(message, 15000)
        box = QMessageBox(QMessageBox.Icon.Warning, "Eventscope", "The job could not finish.", parent=self)
        box.setInformativeText(as_rich(message))     # an error names files: shown as text
        box.setModal(False)
        box.show()

    # -- File ---------------------------------------------------------------------
    def open_paths(self, paths: list[str], dct: Optional[str] = None) -> bool:
        """Open workspaces (``.esw``) and load documents off the UI thread.

        False (with a message) if a job is already running or nothing was left to load.
        """
        if self.ingestor.busy:
            self.status.showMessage("Still working on the previous files; wait or press Cancel.", 8000)
            return False
        paths = [str(p) for p in paths]
        if self.workspace is not None:
            paths = self.workspace.take_workspaces(paths)
        # Event tables of an unknown layout are asked about here, before the background job.
        paths, table_maps, skipped = resolve_tables(self, paths, self.ask_table_mapping)
        if skipped:
            self.status.showMessage(f"Not imported (no column mapping chosen): {', '.join(skipped)}", 8000)
        return bool(paths) and self.ingestor.open_paths(paths, dct, table_maps)

    def open_files_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Open documents", "",
                                                "Documents (*.txt *.text *.md *.markdown *.html *.htm *.xhtml "
                                                "*.pdf *.docx *.odt *.eml *.mbox);;Event tables (*.csv *.tsv *.xlsx);;"
                                                "Networks (*.graphml *.gexf);;All files (*)")
        if files:
            self.open_paths(files)

    def open_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open a folder of documents")
        if folder:
            self.open_paths([folder])

    def current_view(self) -> dict:
        """What the screen shows, for a figure of the current view (see ``export_dialog``)."""
        out: dict = {}
        lo, hi = self.timeline.visible_range()
        if hi > lo:
            out["time_range"] = (timeaxis.from_seconds(lo), timeaxis.from_seconds(hi))
        layout, data = getattr(self.timeline, "layout", None), getattr(self.timeline, "data", None)
        if layout is not None and data is not None:
            out["compact"] = bool(layout.compact)
            out["grouped"] = bool(self.timeline.grouped)     # the "Reports: grouped/expanded" toggle
            out["lane_ids"] = tuple(data.actor_ids[a] for a in layout.lane_actors if a >= 0)
            out["fold"] = self.timeline.marks.current_fold()     # the level of detail on screen
            out["key_events"] = tuple(self.timeline.key_reports)  # ... and who stands for an aggregate
            # A chosen aggregate stays folded on screen: the figure must not draw its head on its own.
            out["event_alone"] = bool(self.timeline.marks.selected_alone)
            geometry = self.timeline.marks.view_geometry()
            if geometry is not None:
                out["fold_px"] = float(geometry[2])     # ... and which spans are drawn as one
        network = self.views.get("NetworkView")
        if network is not None:
            if network.shown_by != "top":
                # The top actors are laid out on their own: that picture's frame means nothing in the whole
                # corpus's layout, and the figure frames the actors it draws instead.
                out["view_box"] = network.viewbox.viewRect()
            out["network_layout"] = "subset" if network.only_active else "whole"
            out["network_top"] = int(network.top)
        return out

    def export_dialog(self) -> None:
        dialog = ExportDialog(self.state, self.current_view(), self)
        dialog.setModal(False)
        dialog.show()

    # -- Edit -----------------------------------------------------------------------
    def current_document(self) -> Optional[str]:
        """The document of the selected event, else the one the document view shows, else the only one."""
        corpus = self.state.corpus
        ev = self.state.selection.event
        if ev is not None:
            for e in corpus.events:
                if e.id == ev:
                    return e.doc
        shown = getattr(self.views.get("DocumentView"), "doc", None)   # the document being read
        if getattr(shown, "id", None) in {d.id for d in corpus.documents}:
            return shown.id
        return corpus.documents[0].id if len(corpus.documents) == 1 else None

    def edit_dct(self) -> Optional[DctDialog]:
        if not self.state.corpus.documents:
            self.status.showMessage("Open a document first.", 6000)
            return None
        dialog = DctDialog(self.state.corpus, self.current_document(), self)
        dialog.accepted.connect(lambda: self.set_dct(dialog.doc_id(), dialog.value()))
        dialog.setModal(True)
        dialog.show()
        return dialog

    def set_dct(self, doc_id: Optional[str], value: Optional[str]) -> bool:
        """Re-resolve one document's dates against a new creation time (off the UI thread)."""
        if doc_id is None or value is None:
            return False
        if self.workspace is not None and hasattr(self.workspace, "set_dct"):
            # With workspaces the correction is an undoable edit; the controller re-reads and sets the corpus.
            return bool(self.workspace.set_dct(doc_id, value))
        if not self.ingestor.set_dct(doc_id, value):
            self.status.showMessage("Still working; try again when the current job ends.", 8000)
            return False
        return True

    def set_match_all(self, on: bool) -> None:
        self.state.selection.update(mode="all" if on else "any")

    def clear_window(self) -> None:
        self.state.selection.set_window(None)

    def clear_selection(self) -> None:
        self.state.selection.clear()

    # -- View -----------------------------------------------------------------------
    def zoom_to_fit(self) -> None:
        self.timeline.zoom_to_fit()

    def fit_key_events(self) -> None:
        if not self.timeline.fit_key_events():
            self.status.showMessage("No key events yet: they appear in the Key events panel once grouped.", 8000)

    def go_to_date(self) -> None:
        self.timeline.go_to_dialog()

    def set_compact(self, on: bool) -> None:
        self.timeline.set_compact(on)

    def reset_layout(self) -> None:
        self.restoreState(self._default_state, window_settings.LAYOUT_VERSION)
        self.splitter.restoreState(self._default_splitter)
        for dock in self.docks.values():
            dock.show()

    def show_error_log(self) -> None:
        self.error_log.show()
        self.error_log.raise_()

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(shortcut_rows(self), self)
        dialog.setModal(False)
        dialog.show()
        self.shortcuts_dialog = dialog
        return dialog

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle("About Eventscope")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(about_text())
        box.setModal(False)
        box.show()

    # -- drag and drop ----------------------------------------------------------------
    @staticmethod
    def dropped_paths(mime) -> list[str]:
        if not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]

    def dragEnterEvent(self, event) -> None:
        if self.dropped_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        paths = self.dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths)

    # -- closing ----------------------------------------------------------------------
    def closeEvent(self, event) -> None:
        window_settings.save_window(self)
        self.ingestor.cancel()
        super().closeEvent(event)
