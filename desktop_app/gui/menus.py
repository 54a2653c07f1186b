"""The main window's menus and shortcuts, in one table so they are easy to read and to test."""
from __future__ import annotations

import platform
import sys
from importlib import metadata

from PySide6.QtCore import qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTableWidget, QTableWidgetItem, QVBoxLayout

import desktop_app


def versions() -> list[tuple[str, str]]:
    """What the About box lists: every library a bug report needs."""
    def dist(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"
    import PySide6
    return [
        ("Eventscope", desktop_app.__version__),
        ("Python", platform.python_version()),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("pyqtgraph", dist("pyqtgraph")),
        ("networkx", dist("networkx")),
        ("dateparser", dist("dateparser")),
        ("numpy", dist("numpy")),
    ]


def about_text() -> str:
    rows = "".join(f"<tr><td>{k}</td><td>&nbsp;{v}</td></tr>" for k, v in versions())
    return ("<h3>Eventscope</h3><p>Dated events and actor networks from news and analysis articles, "
            "every mark backed by its sentence. Works offline.</p>"
            f"<table>{rows}</table><p>Licence: GPL-3.0-or-later.</p>"
            f"<p><small>{sys.platform}</small></p>")


def _action(window, menu, text, slot, shortcut=None, checkable=False, tip=None) -> QAction:
    act = QAction(text, window)
    if shortcut is not None:
        act.setShortcut(QKeySequence(shortcut))
    act.setCheckable(checkable)
    if tip:
        act.setStatusTip(tip)
    (act.toggled if checkable else act.triggered).connect(slot)
    menu.addAction(act)
    return act


def build_menus(w) -> dict[str, QAction]:
    """Menus for main window ``w``; returns the actions by name."""
    bar = w.menuBar()
    a: dict[str, QAction] = {}
    file = bar.addMenu("&File")
    file.setObjectName("menu_file")      # other modules add their items to these menus by name
    a["open_files"] = _action(w, file, "&Open Files…", w.open_files_dialog, QKeySequence.StandardKey.Open)
    a["open_folder"] = _action(w, file, "Open &Folder…", w.open_folder_dialog, "Ctrl+Shift+O")
    file.addSeparator()
    a["export"] = _action(w, file, "&Export…", w.export_dialog, "Ctrl+E",
                          tip="Save the timeline and/or network as PNG or SVG")
    file.addSeparator()
    a["quit"] = _action(w, file, "&Quit", w.close, QKeySequence.StandardKey.Quit)

    edit = bar.addMenu("&Edit")
    edit.setObjectName("menu_edit")
    a["dct"] = _action(w, edit, "Document &creation time…", w.edit_dct, "Ctrl+D",
                       tip="Set or correct when the document was written; its dates are re-read")
    edit.addSeparator()
    a["match_all"] = _action(w, edit, "Events with &all selected actors", w.set_match_all, "Ctrl+Shift+A",
                             checkable=True, tip="Off: events with any selected actor")
    a["clear_window"] = _action(w, edit, "Clear time &window", w.clear_window)
    a["clear_selection"] = _action(w, edit, "Clear &selection", w.clear_selection, "Ctrl+Shift+Space")

    view = bar.addMenu("&View")
    view.setObjectName("menu_view")
    a["fit"] = _action(w, view, "Zoom to &fit", w.zoom_to_fit, "Ctrl+0",
                       tip="Fit the time window, else the selected actors' events, else every event")
    a["fit_key"] = _action(w, view, "Fit to &key events", w.fit_key_events, "Ctrl+K",
                           tip="Fit the key events (the Key events panel's top N; the selected actors' ones if any)")
    a["goto"] = _action(w, view, "&Go to date…", w.go_to_date, "Ctrl+G",
                        tip="Show a year, month or day on the timeline: 1990, Aug 1990, 1990-08-02")
    a["compact"] = _action(w, view, "&Compact lanes", w.set_compact, "Ctrl+L", checkable=True,
                           tip="One band for all events instead of one lane per actor")
    view.addSeparator()
    w.docks_menu = view.addMenu("&Panels")
    a["skipped"] = _action(w, view, "S&kipped files…", w.show_error_log)
    view.addSeparator()
    a["reset_layout"] = _action(w, view, "&Reset layout", w.reset_layout)

    help_ = bar.addMenu("&Help")
    help_.setObjectName("menu_help")
    a["shortcuts"] = _action(w, help_, "&Keyboard shortcuts…", w.show_shortcuts, "Ctrl+/")
    help_.addSeparator()
    a["about"] = _action(w, help_, "&About Eventscope", w.show_about)
    return a


def shortcut_rows(w) -> list[tuple[str, str, str]]:
    """(where, keys, what) for Help ▸ Keyboard shortcuts: every menu action with a shortcut, then the views' keys.

    Read from the live menus, so the list cannot drift from what the keys do.
    """
    rows = []
    for menu_action in w.menuBar().actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        where = menu_action.text().replace("&", "")
        for act in _all_actions(menu):
            keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keys:
                rows.append((where, keys, act.text().replace("&", "").rstrip("…")))
    for keys, what in _timeline_keys():
        rows.append(("Timeline", keys, what))
    rows += [("Network", "Esc", "Clear the selected event, then the time window, then the actors"),
             ("Network", "Ctrl+click", "Add or remove an actor from the selection")]
    return rows


def _timeline_keys():
    from .timeline.view import KEYS
    return KEYS


def _all_actions(menu):
    for act in menu.actions():
        if act.menu() is not None:
            yield from _all_actions(act.menu())
        elif not act.isSeparator():
            yield act


class ShortcutsDialog(QDialog):
    """Help ▸ Keyboard shortcuts: a plain table, non-modal."""

    def __init__(self, rows: list[tuple[str, str, str]], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels(["Where", "Keys", "What it does"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                self.table.setItem(i, j, QTableWidgetItem(text))     # items show plain text
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.hide)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)
        lay.addWidget(buttons)
        self.resize(720, 520)
