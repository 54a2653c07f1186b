"""The main window's menus and shortcuts, in one table so they are easy to read and to test."""
from __future__ import annotations

import platform
import sys
from importlib import metadata

from PySide6.QtCore import qVersion
from PySide6.QtGui import QAction, QKeySequence

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
    a["fit"] = _action(w, view, "Zoom to &fit", w.zoom_to_fit, "Ctrl+0")
    a["compact"] = _action(w, view, "&Compact lanes", w.set_compact, "Ctrl+L", checkable=True,
                           tip="One band for all events instead of one lane per actor")
    view.addSeparator()
    w.docks_menu = view.addMenu("&Panels")
    a["skipped"] = _action(w, view, "S&kipped files…", w.show_error_log)
    view.addSeparator()
    a["reset_layout"] = _action(w, view, "&Reset layout", w.reset_layout)

    help_ = bar.addMenu("&Help")
    help_.setObjectName("menu_help")
    a["about"] = _action(w, help_, "&About Eventscope", w.show_about)
    return a
