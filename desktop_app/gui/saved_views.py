"""Saved views in the window: the view open at save time comes back on open; named bookmarks.

``SavedViews(window, controller)`` reads what the main window shows (the
selection, the timeline's time range, the centre splitter's sizes and the
view options) into a ``core.workspace.views.SavedView`` and back.  The
current view goes into the workspace's meta just before every save and
autosave (``controller.about_to_save``) and is applied when a workspace is
opened (``controller.workspace_replaced``).  *View > Bookmarks* adds a named
view, goes to one and deletes one; bookmarks are saved with the workspace.

Restoring is forgiving: actors or an event the corpus no longer has are
left out, and an option a view does not have is skipped.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QMenu

from desktop_app.core import timeaxis
from desktop_app.core.workspace.views import (SavedView, read_bookmarks, read_view, write_bookmarks,
                                              write_view)

from . import edit_dialogs as dialogs
from .workspace_controller import _has_event
from .workspace_menus import find_menu

# How long after opening the window's docks may still be settling (see ``apply``).
SETTLE_MS = 200
# A pan or wheel zoom is many range changes: the view is compared with the saved one once it rests.
VIEW_CHECK_MS = 400
# View options a saved view carries: name -> (object attribute path, setter name).
_OPTIONS = {
    "compact": ("timeline", "compact", "set_compact"),
    "only_active": ("network", "only_active", "set_only_active"),
    "network_top": ("network", "top", "set_top"),                # the network's "Top N actors"
    "key_events": ("timeline", "key_events", "set_key_events"),
    "key_events_top": ("key_events", "top_n", "set_top_n"),      # the Key events panel's Top N
    "timeline_grouped": ("timeline", "grouped", "set_grouped"),  # "Reports: grouped/expanded"
    "table_grouped": ("table", "grouped", "set_grouped"),        # the table's "Group by happening"
}
# What a view saved before an option existed means by leaving it out: the window's defaults
# (one mark per happening, one table row per report), not whatever the window shows now.
_OPTION_DEFAULTS = {"timeline_grouped": True, "table_grouped": False}
_TARGETS = {"key_events": "KeyEventsView", "network": "NetworkView", "table": "EventTable"}


class SavedViews(QObject):
    bookmarks_changed = Signal()

    def __init__(self, window, controller):
        super().__init__(window)
        self.window, self.controller = window, controller
        self.bookmarks: list[SavedView] = read_bookmarks(controller.ws.meta)
        self.menu = QMenu("&Bookmarks", window)
        self.menu.setObjectName("menu_bookmarks")
        find_menu(window, "menu_view", "View").addMenu(self.menu)
        self._rebuild_menu()
        self._shares: Optional[list[float]] = None      # restored panel shares, until the divider is dragged
        window.splitter.installEventFilter(self)
        window.installEventFilter(self)
        window.splitter.splitterMoved.connect(lambda *_: setattr(self, "_shares", None))
        controller.about_to_save.connect(self.store)
        controller.workspace_replaced.connect(self.restore)
        # A view change (selection, zoom, brush, options) marks the workspace modified, so closing
        # asks before the view is lost and autosave keeps it; the panel layout alone does not.
        self._clean: Optional[SavedView] = None       # the view as last saved or opened
        self._settling = False
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(VIEW_CHECK_MS)
        self._check_timer.timeout.connect(self.check_view)
        window.state.selection_changed.connect(lambda *_: self._check_timer.start())
        window.timeline.viewbox.sigXRangeChanged.connect(lambda *_: self._check_timer.start())
        key_events = window.views.get("KeyEventsView")
        if key_events is not None:
            key_events.top.valueChanged.connect(lambda *_: self._check_timer.start())
        table = window.views.get("EventTable")
        for toggle in (window.timeline.group_button, getattr(table, "group_box", None)):
            if toggle is not None:
                toggle.toggled.connect(lambda *_: self._check_timer.start())
        self._settled()

    # -- reading and applying the window ----------------------------------------
    def _target(self, which: str):
        if which == "timeline":
            return self.window.timeline
        return self.window.views.get(_TARGETS[which])

    def capture(self, name: str = "") -> SavedView:
        sel = self.window.state.selection
        lo, hi = self.window.timeline.visible_range()
        options = {}
        for key, (which, attr, _setter) in _OPTIONS.items():
            value = getattr(self._target(which), attr, None)
            if isinstance(value, (bool, int)):
                options[key] = value
        # An empty timeline's range is pyqtgraph's default, not a place the analyst looked at.
        shown = hi > lo and getattr(self.window.timeline, "data", None) is not None
        return SavedView(name, sorted(sel.actors), sel.mode, sel.window, sel.event,
                         (float(lo), float(hi)) if shown else None,
                         list(self.window.splitter.sizes()), options)

    def apply(self, view: SavedView) -> None:
        corpus = self.window.state.corpus
        known = {a.id for a in corpus.actors}
        event = view.event if view.event and _has_event(corpus, view.event) else None
        for key, value in {**_OPTION_DEFAULTS, **view.options}.items():
            which, attr, setter = _OPTIONS.get(key, (None, None, None))
            target = self._target(which) if which else None
            if target is not None and hasattr(target, setter) and isinstance(value, (bool, int)):
                if getattr(target, attr, None) != value:     # an unchanged option redraws nothing
                    getattr(target, setter)(value)
        self.window.state.selection.update(actors=[a for a in view.actors if a in known], mode=view.mode,
                                           window=view.window, event=event)
        self._set_geometry(view)
        # Views that fit themselves once their data is drawn, and docks that resize to the
        # document they now show, do so over the next passes: apply again after them.
        for delay in (0, SETTLE_MS):
            QTimer.singleShot(delay, lambda: self._set_geometry(view))

    def _set_geometry(self, view: SavedView) -> None:
        sizes = view.splitter
        splitter = self.window.splitter
        if sizes and len(sizes) == splitter.count() and sum(sizes) > 0:
            # Shares, not pixels: the window or a dock may be another size now, and may still be
            # settling (a dock widening for the document it shows). The shares hold through such
            # resizes until the analyst drags the divider.
            self._shares = [v / sum(sizes) for v in sizes]
            self._apply_shares()
        if view.time_range is not None:
            lo, hi = view.time_range
            self.window.timeline.viewbox.setXRange(lo, hi, padding=0)

    def _apply_shares(self) -> None:
        splitter = self.window.splitter
        if self._shares is None or len(self._shares) != splitter.count():
            return
        total = sum(splitter.sizes())
        if total > 0:
            splitter.setSizes([round(total * f) for f in self._shares])

    def eventFilter(self, obj, event) -> bool:
        if obj is self.window and event.type() == QEvent.Type.Close:
            # Installed after the workspace controller's filter, so this runs first: a view changed
            # a moment ago counts before it decides whether to ask about unsaved work.
            self._check_timer.stop()
            self.check_view()
            return False
        if obj is self.window.splitter and event.type() == QEvent.Type.Resize and self._shares is not None:
            QTimer.singleShot(0, self._apply_shares)     # after the splitter has laid out its new size
        return False

    # -- the workspace ---------------------------------------------------------------
    def store(self) -> None:
        """Put the current view and the bookmarks into the workspace's meta (called before each save)."""
        meta = self.controller.ws.meta
        self._check_timer.stop()
        self.check_view()            # a change made just now is flagged before ``_clean`` moves on
        view = self.capture()
        write_view(meta, view)
        write_bookmarks(meta, self.bookmarks)
        self._clean = view

    @staticmethod
    def _what_counts(view: Optional[SavedView]):
        # Not the splitter: resizing the window moves it without the analyst changing the view.
        if view is None:
            return None
        return (view.actors, view.mode, view.window, view.event, view.time_range, view.options)

    def check_view(self) -> bool:
        """Mark the workspace modified if the view differs from the one saved or opened; True if it was marked."""
        ws = self.controller.ws
        if self._settling or ws.view_dirty or not len(self.window.state.corpus.documents):
            return False
        if self._what_counts(self.capture()) == self._what_counts(self._clean):
            return False
        ws.mark_view_changed()
        return True

    def _settled(self) -> None:
        """The view now shown is the workspace's own (just opened): changes are counted from here."""
        self._settling = False
        self._check_timer.stop()
        self._clean = self.capture()

    def restore(self) -> None:
        """A workspace was opened: its bookmarks, and the view it was saved with."""
        meta = self.controller.ws.meta
        self.bookmarks = read_bookmarks(meta)
        self._rebuild_menu()
        view = read_view(meta)
        if view is not None:
            self.apply(view)
        # Opening fits and restores the view over the next passes (see ``apply``): that is not a change.
        self._settling = True
        QTimer.singleShot(SETTLE_MS + VIEW_CHECK_MS, self._settled)

    # -- bookmarks --------------------------------------------------------------------
    def add_bookmark(self, name: Optional[str] = None) -> Optional[SavedView]:
        if name is None:
            name = dialogs.ask_text(self.window, "Add bookmark", "Name of this view:", self._suggest())
        name = (name or "").strip()
        if not name:
            return None
        view = self.capture(name)
        self.bookmarks = [b for b in self.bookmarks if b.name != name] + [view]
        self._changed()
        return view

    def go_to(self, name: str) -> bool:
        for b in self.bookmarks:
            if b.name == name:
                self.apply(b)
                return True
        return False

    def delete(self, name: str) -> bool:
        kept = [b for b in self.bookmarks if b.name != name]
        if len(kept) == len(self.bookmarks):
            return False
        self.bookmarks = kept
        self._changed()
        return True

    def _changed(self) -> None:
        write_bookmarks(self.controller.ws.meta, self.bookmarks)
        self.controller.ws.mark_unsaved()      # a bookmark is part of the workspace: Save keeps it
        self._rebuild_menu()
        self.bookmarks_changed.emit()

    def _suggest(self) -> str:
        sel = self.window.state.selection
        names = {a.id: a.name for a in self.window.state.corpus.actors}
        parts = [names.get(a, a) for a in sorted(sel.actors)][:3]
        if sel.window is not None:
            parts.append(f"{sel.window[0]:%Y-%m-%d} – {sel.window[1]:%Y-%m-%d}")
        else:
            lo, hi = self.window.timeline.visible_range()
            if hi > lo:
                parts.append(f"{timeaxis.from_seconds(lo):%Y-%m-%d} – {timeaxis.from_seconds(hi):%Y-%m-%d}")
        return ", ".join(parts) or f"View {len(self.bookmarks) + 1}"

    def _rebuild_menu(self) -> None:
        self.menu.clear()
        add = self.menu.addAction("&Add bookmark…")
        add.setShortcut("Ctrl+B")
        add.setStatusTip("Remember the selection, time range, brush and panel layout under a name")
        add.triggered.connect(lambda: self.add_bookmark())
        if self.bookmarks:
            self.menu.addSeparator()
            for b in self.bookmarks:
                act = self.menu.addAction(b.name)
                act.setStatusTip("Go back to this view")
                act.triggered.connect(lambda _=False, n=b.name: self.go_to(n))
            delete = self.menu.addMenu("&Delete")
            for b in self.bookmarks:
                act = delete.addAction(b.name)
                act.triggered.connect(lambda _=False, n=b.name: self.delete(n))
