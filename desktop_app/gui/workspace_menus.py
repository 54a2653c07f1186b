"""Menu plumbing for the workspace controller: finding the window's menus, adding actions, recent files.

Kept apart from the controller so that file reads as workspace flow; nothing
here knows about workspaces beyond a list of recent paths in QSettings.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Optional

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

from . import settings as app_settings
from .plain import as_rich

RECENT_KEY = "workspace/recent"
RECENT_MAX = 8


def find_menu(window: QMainWindow, object_name: str, title: str) -> QMenu:
    """The window's menu named ``object_name`` or titled ``title`` (ignoring '&'); created if absent."""
    bar = window.menuBar()
    # Found as the bar's child widgets: PySide6 6.10's QAction.menu() hands
    # back a wrapper that can delete the menu when it is garbage collected.
    menus = bar.findChildren(QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly)
    for menu in menus:
        if menu.objectName() == object_name:
            return menu
    for menu in menus:
        if menu.title().replace("&", "") == title and menu.menuAction() in bar.actions():
            return menu
    menu = bar.addMenu(f"&{title}")
    menu.setObjectName(object_name)
    return menu


def make_action(owner: QObject, window: QMainWindow, key: str, text: str, slot: Callable,
                shortcuts=()) -> QAction:
    """An action named ``action_<key>`` that takes only shortcuts no other action of the window uses."""
    act = QAction(text, owner)
    act.setObjectName(f"action_{key}")
    taken = {s.toString() for a in window.findChildren(QAction) if a is not act for s in a.shortcuts()}
    free = [QKeySequence(s) for s in shortcuts if QKeySequence(s).toString() not in taken]
    if free:
        act.setShortcuts(free)
    act.triggered.connect(lambda _checked=False: slot())
    return act


def insert_items(menu: QMenu, items: list) -> None:
    """Put ``items`` (None: a separator) above what the menu already holds."""
    first = menu.actions()[0] if menu.actions() else None
    for item in items:
        if item is None:
            menu.insertSeparator(first) if first else menu.addSeparator()
        elif first is not None:
            menu.insertAction(first, item)
        else:
            menu.addAction(item)


@contextmanager
def busy_cursor():
    """For work on the UI thread that takes a moment; shows that the app is working."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def user_data_dir() -> Optional[Path]:
    """The platform's per-user data folder for recovery files (QStandardPaths)."""
    from PySide6.QtCore import QStandardPaths
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "recovery" if base else None


class RecentWorkspaces:
    """The recently opened or saved workspaces (QSettings "Eventscope"), newest first, as a submenu."""

    def __init__(self, menu: QMenu, open_path: Callable[[str], object]):
        self.menu = menu
        self.open_path = open_path
        menu.aboutToShow.connect(self.fill)

    def paths(self) -> list[str]:
        value = app_settings.settings().value(RECENT_KEY, [])
        if isinstance(value, str):
            value = [value]
        return [v for v in (value or []) if isinstance(v, str)]

    def remember(self, path: str) -> None:
        path = str(Path(path).resolve())
        self._store([path] + [p for p in self.paths() if p != path])

    def forget(self, path: str) -> None:
        self._store([p for p in self.paths() if p != path])

    def _store(self, items: list[str]) -> None:
        s = app_settings.settings()
        s.setValue(RECENT_KEY, items[:RECENT_MAX])
        s.sync()

    def fill(self) -> None:
        self.menu.clear()
        items = self.paths()
        for p in items:
            act = self.menu.addAction(Path(p).name)
            act.setToolTip(as_rich(p))        # a path is any bytes the disk allows
            act.triggered.connect(lambda _c=False, p=p: self.open_path(p))
        if not items:
            self.menu.addAction("(none)").setEnabled(False)
