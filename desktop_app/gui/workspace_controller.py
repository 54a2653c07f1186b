"""File and Edit menus for workspaces: new/open/save, recent files, undo/redo, corrections, exports.

The main window creates one ``WorkspaceController(window, state)`` after its
own menus; the controller adds its actions to the window's File and Edit
menus (found by objectName ``menu_file``/``menu_edit`` or by title, created
when missing), shows the workspace name and an unsaved-changes mark in the
title, autosaves a recovery file, offers recovery after a crash, and asks
before closing over unsaved work.

Everything the views show is ``state.corpus``; the controller sets it to the
workspace's corrected corpus after every change.  A corpus the window sets
by other means (its own Open Files, its creation-time dialog) is adopted:
new documents join the workspace and a changed creation time becomes an
edit, so nothing bypasses the edit log.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Optional

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop_app.core.interchange import EXPORTS, InterchangeError, export, import_workspace_json
from desktop_app.core.model import Corpus, Tie
from desktop_app.core.workspace import SUFFIX, Edit, Workspace, WorkspaceError, WorkspaceLocked, edits
from desktop_app.core.workspace.recovery import abandoned_untitled
from desktop_app.core.workspace.store import WorkspaceData

from . import edit_dialogs as dialogs
from .edit_dialogs import CorrectionActions
from .happening_actions import HappeningActions
from .workers import run_task
from .workspace_menus import (RecentWorkspaces, busy_cursor, find_menu, insert_items, make_action,
                              user_data_dir as _user_data_dir)

HEADLESS_PLATFORMS = ("offscreen", "minimal")
WORKSPACE_FILTER = f"Eventscope workspace (*{SUFFIX});;All files (*)"
def _open_job(path: str, kw: dict, task=None) -> Workspace:
    """Read a workspace and replay its edits: the slow part of opening, safe off the UI thread."""
    ws = Workspace.open(path, **kw)
    ws.replayed
    ws.happenings       # restored from the file (or grouped) here, off the UI thread
    return ws


def _default_extractor(documents, task=None, previous=None) -> Corpus:
    from desktop_app.core.pipeline import extract_corpus
    return extract_corpus(documents, task=task, previous=previous)


def _default_loader(paths, task=None):   # -> (documents, errors)
    from desktop_app.core.documents import load_paths
    return load_paths(paths, task=task)


class WorkspaceController(QObject):
    workspace_replaced = Signal()     # New, Open, recovery or import put another workspace in place
    about_to_save = Signal()          # just before a save or autosave: last chance to put state in ws.meta

    def __init__(self, window: QMainWindow, state, *, extractor: Optional[Callable] = None,
                 loader: Optional[Callable] = None, data_dir: Optional[str | os.PathLike] = None,
                 autosave_seconds: float = 30.0, offer_recovery: bool = True):
        super().__init__(window)
        self.window, self.state = window, state
        self.extractor = extractor or _default_extractor
        self.loader = loader or _default_loader
        # Recovery files of untitled workspaces go to the platform's per-user data folder.
        self.data_dir = Path(data_dir) if data_dir is not None else _user_data_dir()
        self._publishing = False
        self._job = None
        # Background jobs may finish after the window is gone; they must then do nothing.
        self._gone = False
        window.destroyed.connect(self._window_gone)
        self.messages: list[str] = []          # the last user-facing notices, newest last (also in the status bar)
        self.actions: dict[str, QAction] = {}
        self.ws = self._new_workspace(WorkspaceData(state.corpus))
        if state.corpus.documents:
            self.ws.mark_unsaved()             # documents opened before the controller: not saved anywhere yet
        self._build_file_menu(find_menu(window, "menu_file", "File"))
        self.corrections = CorrectionActions(window, state, self.push, self.notes_of)
        self.happening_actions = self._happening_actions()
        self._build_edit_menu(find_menu(window, "menu_edit", "Edit"))
        state.corpus_changed.connect(self._corpus_set_elsewhere)
        window.installEventFilter(self)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(int(autosave_seconds * 1000))
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        self._refresh_chrome()
        if offer_recovery:
            QTimer.singleShot(0, self.offer_untitled_recovery)

    # -- building menus --------------------------------------------------------
    def _action(self, key: str, text: str, slot, shortcuts=()) -> QAction:
        self.actions[key] = act = make_action(self, self.window, key, text, slot, shortcuts)
        return act

    def _build_file_menu(self, menu: QMenu) -> None:
        items = [
            self._action("new", "&New Workspace", self.new_workspace, [QKeySequence.StandardKey.New]),
            self._action("open", "Open &Workspace…", self.open_workspace, [QKeySequence.StandardKey.Open]),
        ]
        self.recent_menu = QMenu("Open &Recent", self.window)
        self.recent_menu.setObjectName("menu_recent")
        self.recent_list = RecentWorkspaces(self.recent_menu, self.open_recent)
        items += [self.recent_menu.menuAction(),
                  self._action("save", "&Save", self.save, [QKeySequence.StandardKey.Save]),
                  self._action("save_as", "Save &As…", self.save_as, [QKeySequence.StandardKey.SaveAs]),
                  None,
                  self._action("add_documents", "Add &Documents…", self.add_documents),
                  self._action("add_folder", "Add Fo&lder…", self.add_folder),
                  self._action("import_json", "&Import Workspace JSON…", self.import_json)]
        self.export_menu = QMenu("Export &Data", self.window)
        self.export_menu.setObjectName("menu_export_data")
        for kind, (text, _f, _s) in EXPORTS.items():
            self.export_menu.addAction(self._action(f"export_{kind}", f"{text}…", lambda k=kind: self.export(k)))
        insert_items(menu, items + [self.export_menu.menuAction(), None])

    def _build_edit_menu(self, menu: QMenu) -> None:
        undo = self._action("undo", "&Undo", self.undo, [QKeySequence.StandardKey.Undo])
        redo = self._action("redo", "&Redo", self.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])
        items = [undo, redo, None]
        for key in self.corrections.order:
            items.append(None if key is None else self.corrections.actions[key])
        items += [None, *self.happening_actions.actions]
        insert_items(menu, items + [None])

    def _happening_actions(self) -> HappeningActions:
        """Merge/split happenings: Edit menu and the Key events panel's context menu (when the window has one)."""
        key_view = getattr(self.window, "views", {}).get("KeyEventsView")
        picked = key_view.picked_ids if key_view is not None else (lambda: [])
        acts = HappeningActions(self.window, self.state, self.push, picked)
        if key_view is not None:
            key_view.picked_changed.connect(acts.update_enabled)
            key_view.add_context_actions(acts.actions)
        return acts

    # -- the workspace in place ------------------------------------------------
    def _new_workspace(self, data: WorkspaceData, path=None) -> Workspace:
        ws = Workspace(data, path, **self._kw())
        ws.connect(self._refresh_chrome)
        return ws

    def _kw(self) -> dict:
        return {"data_dir": self.data_dir} if self.data_dir is not None else {}

    def _replace(self, ws: Workspace) -> None:
        old = self.ws
        if old is not ws:
            old.close()
        self.ws = ws
        ws.connect(self._refresh_chrome)
        self._publish(keep_selection=False)
        self.workspace_replaced.emit()
        if ws.stale_documents():
            self.extract()

    def _publish(self, keep_selection: bool = True) -> None:
        """Show the workspace's corrected corpus in every view, keeping what is still selectable."""
        sel = self.state.selection
        actors, event = set(sel.actors), sel.event
        corpus = self.ws.corpus
        self.ws.happenings          # the corrected happenings travel with the corpus (corpus.happenings)
        self._publishing = True
        try:
            self.state.set_corpus(corpus)
        finally:
            self._publishing = False
        if keep_selection:
            alive = {a.id for a in corpus.actors}
            moved = self.ws.replayed.moved
            kept = {a if a in alive else moved.get(a) for a in actors} - {None}
            kept &= alive
            ev = event if event is not None and _has_event(corpus, event) else None
            if kept or ev:
                sel.update(actors=kept, event=ev)
        self._refresh_chrome()

    def _window_gone(self, *_args) -> None:
        self._gone = True
        self.autosave_timer.stop()

    def _refresh_chrome(self) -> None:
        if self._gone:
            return
        ws = self.ws
        mode = " (read-only)" if ws.read_only and ws.path is not None else ""
        self.window.setWindowTitle(f"{ws.name}{mode}[*] — Eventscope")
        self.window.setWindowModified(ws.dirty)
        stack = ws.stack
        undo, redo = self.actions.get("undo"), self.actions.get("redo")
        if undo is not None:
            undo.setEnabled(stack.can_undo())
            undo.setText(f"&Undo {stack.undo_text()}".rstrip())
            redo.setEnabled(stack.can_redo())
            redo.setText(f"&Redo {stack.redo_text()}".rstrip())

    def _corpus_set_elsewhere(self) -> None:
        if self._publishing:
            return
        # The title follows the workspace, whoever changed the corpus.
        QTimer.singleShot(0, self._refresh_chrome)
        if self.state.corpus is self.ws.corpus:
            return
        self.adopt(self.state.corpus)

    def adopt(self, corpus: Corpus) -> None:
        """Take an extraction made outside the controller into the workspace."""
        result, needs_extraction = self.ws.adopt(corpus)
        self._notify(result.messages())
        self._publish()
        if needs_extraction:
            self.extract()

    # -- edits -------------------------------------------------------------------
    def push(self, edit: Edit) -> None:
        self.ws.push(edit)
        self._after_edit(edit)

    def undo(self) -> None:
        edit = self.ws.undo()
        if edit is not None:
            self._after_edit(edit)

    def redo(self) -> None:
        edit = self.ws.redo()
        if edit is not None:
            self._after_edit(edit)

    def _after_edit(self, edit: Edit) -> None:
        self._publish()
        skipped = self.ws.replayed.skipped
        if skipped and skipped[-1].edit is edit:
            self._notify([f"{edit.label}: {skipped[-1].reason}"])
        if edit.kind == "set_dct":
            self.extract()

    def set_dct(self, doc_id: str, value: Optional[str]) -> bool:
        """Correct a document's creation time as an undoable edit; its dates are re-read in the background."""
        doc = next((d for d in self.ws.corpus.documents if d.id == doc_id), None)
        try:
            edit = edits.set_dct_text(doc, value) if doc is not None else None
        except WorkspaceError as exc:
            self._warn(str(exc))
            return False
        if edit is not None:
            self.push(edit)
        return edit is not None

    def notes_of(self, item) -> list[str]:
        if isinstance(item, Tie):
            ends = {item.source, item.target}
            return [n.text for n in self.ws.notes if n.kind == "tie" and set(n.target) == ends]
        return [n.text for n in self.ws.notes if n.kind != "tie" and n.target == getattr(item, "id", None)]

    # -- extraction in the background ------------------------------------------
    def extract(self) -> bool:
        """Re-extract so the workspace reflects new documents and creation times; False if busy."""
        if self._job is not None and self._job.running:
            self._rerun = True
            return False
        self._rerun = False
        docs = self.ws.effective_documents()
        if not docs:
            return False
        ws = self.ws
        # The current extraction's happenings are carried, documents added, changed or removed (core.happenings.added).
        kw = {"previous": ws.extraction} if self.extractor is _default_extractor else {}
        handle = run_task(self.extractor, docs, **kw)
        self._job = handle
        status = getattr(self.window, "status", None)
        if status is not None and hasattr(status, "set_busy"):
            status.set_busy(f"Extracting {len(docs)} document(s)…")
            handle.progress.connect(getattr(status, "set_progress", lambda *_: None))
            handle.finished.connect(lambda: status.set_busy(None))
        handle.result.connect(lambda corpus: self._extracted(ws, corpus))
        handle.error.connect(lambda exc: self._warn(f"Extraction failed: {type(exc).__name__}: {exc}"))
        handle.finished.connect(self._extraction_finished)
        return True

    def _extracted(self, ws: Workspace, corpus: Corpus) -> None:
        if self._gone or ws is not self.ws:
            return                      # the analyst opened another workspace meanwhile
        try:
            ws.set_extraction(corpus)
        except WorkspaceError:
            self._rerun = True          # documents were added while it ran
            return
        self._publish()

    def _extraction_finished(self) -> None:
        self._job = None
        if self._gone:
            return
        if self._rerun or self.ws.stale_documents():
            self._rerun = False
            QTimer.singleShot(0, self.extract)

    @property
    def busy(self) -> bool:
        return self._job is not None and self._job.running

    # -- File ---------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current workspace (saved, discarded or clean)."""
        if not self.ws.dirty:
            return True
        answer = dialogs.ask_save_changes(self.window, self.ws.name)
        return self.save() if answer == "save" else answer == "discard"

    def new_workspace(self) -> bool:
        if not self.maybe_save():
            return False
        self._replace(self._new_workspace(WorkspaceData()))
        return True

    def open_workspace(self, path: Optional[str] = None, background: bool = True) -> bool:
        """Open a workspace file; in the background by default (large ones take seconds), then show it.

        Returns False when nothing was started (cancelled, or it failed at
        once); a failure in the background is reported in a warning.
        """
        if path is None:
            path = dialogs.ask_open_path(self.window, "Open workspace", self._folder(), WORKSPACE_FILTER)
            if not path:
                return False
        if not self.maybe_save():
            return False
        if not background:
            try:
                with busy_cursor():
                    ws = _open_job(path, self._kw())
            except WorkspaceLocked as exc:
                return self._open_locked(path, exc)
            except WorkspaceError as exc:
                self._warn(str(exc))
                return False
            self._opened(ws, path)
            return True
        handle = run_task(_open_job, path, self._kw())
        self._open_job = handle
        status = self.window.statusBar()
        if status is not None:
            status.showMessage(f"Opening {Path(path).name}…")
        handle.result.connect(lambda ws: self._opened(ws, path))
        handle.error.connect(lambda exc: self._open_failed(path, exc))
        return True

    def _open_failed(self, path: str, exc: BaseException) -> None:
        if isinstance(exc, WorkspaceLocked):
            self._open_locked(path, exc)
        else:
            self._warn(str(exc) if isinstance(exc, WorkspaceError)
                       else f"Could not open {path}: {type(exc).__name__}: {exc}")

    def _open_locked(self, path: str, exc: WorkspaceLocked) -> bool:
        """Another Eventscope holds ``path``: ask whether to open it read-only or as a copy."""
        choice = dialogs.ask_locked(self.window, Path(path).name,
                                    exc.holder.describe() if exc.holder is not None else None)
        if choice is None:
            return False
        try:
            with busy_cursor():
                ws = (Workspace.open_read_only(path, **self._kw()) if choice == "read_only"
                      else Workspace.open_copy(path, **self._kw()))
                ws.replayed
        except WorkspaceError as err:
            self._warn(str(err))
            return False
        self._opened(ws, path)
        return True

    @property
    def opening(self) -> bool:
        job = getattr(self, "_open_job", None)
        return job is not None and job.running

    def _opened(self, ws: Workspace, path: str) -> None:
        if self._gone:
            return
        rec = ws.pending_recovery_file()
        if rec is not None:
            ws = self._offer_recovery(rec, ws) or ws
        self._replace(ws)
        self.recent_list.remember(path)
        self._notify([f"Opened {Path(path).name}"] + ws.warnings)

    def take_workspaces(self, paths: list[str]) -> list[str]:
        """Open the first ``.esw`` among ``paths`` (command line, drops); return the rest, which are documents."""
        workspaces = [p for p in paths if Path(p).suffix.lower() == SUFFIX]
        if workspaces:
            self.open_workspace(workspaces[0])
        return [p for p in paths if Path(p).suffix.lower() != SUFFIX]

    def _offer_recovery(self, rec: Path, fallback: Optional[Workspace]) -> Optional[Workspace]:
        if not dialogs.ask_recover(self.window, fallback.name if fallback else "an untitled workspace"):
            Workspace.discard_recovery(rec)
            return None
        try:
            ws, warnings = Workspace.from_recovery(rec, **self._kw())
        except WorkspaceError as exc:
            self._warn(f"The unsaved work could not be recovered: {exc}")
            return None
        self._notify(warnings)
        return ws

    def offer_untitled_recovery(self) -> bool:
        """At start-up: offer the unsaved work of an untitled workspace whose process died."""
        data_dir = self.data_dir if self.data_dir is not None else self.ws.data_dir
        found = abandoned_untitled(data_dir)
        if not found or self.ws.documents:
            return False
        ws = self._offer_recovery(found[-1], None)
        if ws is None:
            return False
        self._replace(ws)
        return True

    def save(self) -> bool:
        if self.ws.path is None or self.ws.read_only:     # read-only: another Eventscope holds the file
            return self.save_as()
        return self._save_to(self.ws.path)

    def save_as(self, path: Optional[str] = None) -> bool:
        if path is None:
            start = str(self.ws.path) if self.ws.path else str(Path(self._folder()) / f"{self.ws.name}{SUFFIX}")
            path = dialogs.ask_save_path(self.window, "Save workspace as", start, WORKSPACE_FILTER)
            if not path:
                return False
        if Path(path).suffix == "":
            path = str(Path(path).with_suffix(SUFFIX))
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        self.about_to_save.emit()
        try:
            with busy_cursor():
                saved = self.ws.save(path)
        except WorkspaceError as exc:
            self._warn(str(exc))
            return False
        self.recent_list.remember(str(saved))
        self._refresh_chrome()
        return True

    def autosave(self) -> bool:
        self.about_to_save.emit()
        try:
            return self.ws.autosave()
        except WorkspaceError as exc:
            self._notify([f"Autosave failed: {exc}"])
            return False

    def add_documents(self, paths: Optional[list[str]] = None) -> bool:
        if paths is None:
            paths = dialogs.ask_document_paths(self.window, self._folder())
        return self._load(list(paths or []))

    def add_folder(self, folder: Optional[str] = None) -> bool:
        if folder is None:
            folder = dialogs.ask_folder(self.window, "Add a folder of documents", self._folder())
        return self._load([folder] if folder else [])

    def _load(self, paths: list[str]) -> bool:
        if not paths:
            return False
        ws = self.ws
        handle = run_task(self.loader, paths)
        handle.result.connect(lambda loaded: self._loaded(ws, loaded))
        handle.error.connect(lambda exc: self._warn(f"Could not read the documents: {exc}"))
        self._load_job = handle
        return True

    def _loaded(self, ws: Workspace, loaded) -> None:
        docs, errors = loaded
        if self._gone or ws is not self.ws:
            return
        result = ws.add_documents(docs)
        self._notify(result.messages() + [e["message"] for e in errors])
        log = getattr(self.window, "error_log", None)
        if errors and log is not None and hasattr(log, "add"):
            log.add(errors)
        if result.added:
            self._publish()
            self.extract()

    def import_json(self, path: Optional[str] = None) -> bool:
        if path is None:
            path = dialogs.ask_open_path(self.window, "Import workspace JSON", self._folder(),
                                         "JSON (*.json);;All files (*)")
            if not path:
                return False
        if not self.maybe_save():
            return False
        try:
            data = import_workspace_json(path)
        except InterchangeError as exc:
            self._warn(str(exc))
            return False
        ws = self._new_workspace(data)
        ws.mark_unsaved()
        self._replace(ws)
        return True

    def export(self, kind: str, path: Optional[str] = None) -> bool:
        text, filt, suffix = EXPORTS[kind]
        if path is None:
            start = str(Path(self._folder()) / f"{self.ws.name}-{kind.replace('_csv', '')}{suffix}")
            path = dialogs.ask_save_path(self.window, text, start, filt)
            if not path:
                return False
        try:
            export(kind, self.ws, path)
        except InterchangeError as exc:
            self._warn(str(exc))
            return False
        self._notify([f"Exported {Path(path).name}"])
        return True

    # -- recent files ----------------------------------------------------------------
    def recent(self) -> list[str]:
        return self.recent_list.paths()

    def open_recent(self, path: str) -> bool:
        if not Path(path).exists():
            self.recent_list.forget(path)
            self._warn(f"{path} is no longer there; it was removed from the recent list.")
            return False
        return self.open_workspace(path)

    def _folder(self) -> str:
        if self.ws.path is not None:
            return str(self.ws.path.parent)
        recent = self.recent()
        return str(Path(recent[0]).parent) if recent else str(Path.home())

    # -- messages and closing ------------------------------------------------------------
    def _warn(self, message: str) -> None:
        self.messages.append(message)
        dialogs.warn(self.window, message)

    def _notify(self, messages: list[str]) -> None:
        if not messages:
            return
        self.messages.extend(messages)
        bar = self.window.statusBar()
        if bar is not None:
            bar.showMessage("; ".join(messages)[:300], 10000)

    def can_ask(self) -> bool:
        """Whether someone can answer a question: a visible window on a real display."""
        from PySide6.QtGui import QGuiApplication
        return self.window.isVisible() and QGuiApplication.platformName() not in HEADLESS_PLATFORMS

    def eventFilter(self, obj, event) -> bool:
        if obj is self.window and event.type() == QEvent.Type.Close:
            self.autosave_timer.stop()
            if self.ws.dirty and not self.can_ask():
                # Nobody to ask (headless runs, scripts): keep the work as a
                # recovery file, offered at the next start, and let the window go.
                self.autosave()
                return super().eventFilter(obj, event)
            if not self.maybe_save():
                self.autosave_timer.start()
                event.ignore()
                return True
            self.ws.close()
        return super().eventFilter(obj, event)


def _has_event(corpus, event_id: str) -> bool:
    """Whether ``corpus`` still holds ``event_id``: by the store's index, not by building every event."""
    find = getattr(corpus.events, "index_of", None)
    if find is not None:
        return find(event_id) is not None
    return any(e.id == event_id for e in corpus.events)
