"""Window geometry and dock layout kept between runs (QSettings, organisation "Eventscope")."""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "Eventscope"
APPLICATION = "Eventscope"
# Bump when docks are added or renamed: an old saved state would misplace them.
LAYOUT_VERSION = 1


def settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


def save_window(window) -> None:
    s = settings()
    s.setValue("window/geometry", window.saveGeometry())
    s.setValue("window/state", window.saveState(LAYOUT_VERSION))
    splitter = getattr(window, "splitter", None)
    if splitter is not None:
        s.setValue("window/splitter", splitter.saveState())
    s.sync()


def restore_window(window) -> bool:
    """Apply the saved geometry and layout; False when there is none (first run) or it does not fit."""
    s = settings()
    geometry, state = s.value("window/geometry"), s.value("window/state")
    restored = False
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        restored = window.restoreGeometry(geometry)
    if isinstance(state, QByteArray) and not state.isEmpty():
        restored = window.restoreState(state, LAYOUT_VERSION) and restored
    splitter_state = s.value("window/splitter")
    splitter = getattr(window, "splitter", None)
    if splitter is not None and isinstance(splitter_state, QByteArray) and not splitter_state.isEmpty():
        splitter.restoreState(splitter_state)
    return restored


def forget_window() -> None:
    s = settings()
    s.remove("window")
    s.sync()
