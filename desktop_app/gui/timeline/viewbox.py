"""The main plot's ViewBox: wheel zooms time around the cursor, drag pans, Shift+drag brushes.

It only interprets gestures; what a gesture means for the selection is the
view's business, reached through the callbacks it sets.  A brush reports
once, when the drag ends, so one gesture is one selection update.
"""
from __future__ import annotations

from typing import Callable, Optional

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QPen

from . import style


class TimelineViewBox(pg.ViewBox):
    def __init__(self):
        super().__init__(enableMenu=False)
        self.setMouseEnabled(x=True, y=False)
        self.invertY(True)
        self.brush_mode = False
        self.on_click: Optional[Callable[[QPointF], None]] = None
        self.on_double_click: Optional[Callable[[QPointF], None]] = None
        self.on_brush: Optional[Callable[[float, float], None]] = None
        self._preview = pg.LinearRegionItem(movable=False, brush=QBrush(style.WINDOW_FILL), pen=QPen(style.MUTED))
        self._preview.setZValue(20)
        self._preview.hide()
        self.addItem(self._preview, ignoreBounds=True)

    def _brushing(self, ev) -> bool:
        return self.brush_mode or bool(ev.modifiers() & Qt.KeyboardModifier.ShiftModifier)

    def mouseDragEvent(self, ev, axis=None):
        # The gesture's kind is fixed when it starts: letting go of Shift mid-drag must not turn a brush into a pan.
        if ev.isStart():
            self._brush_gesture = ev.button() == Qt.MouseButton.LeftButton and self._brushing(ev)
        if not getattr(self, "_brush_gesture", False):
            self._preview.hide()
            super().mouseDragEvent(ev, axis)
            return
        ev.accept()
        a = self.mapSceneToView(ev.buttonDownScenePos()).x()
        b = self.mapSceneToView(ev.scenePos()).x()
        lo, hi = min(a, b), max(a, b)
        if ev.isFinish():
            self._preview.hide()
            if hi > lo and self.on_brush is not None:
                self.on_brush(lo, hi)
        else:
            self._preview.setRegion((lo, hi))
            self._preview.show()

    def mouseClickEvent(self, ev):
        if ev.button() == Qt.MouseButton.LeftButton and self.on_click is not None:
            ev.accept()
            # A double click arrives after its first click, which already selected what is under it.
            handler = self.on_double_click if ev.double() else self.on_click
            if handler is not None:
                handler(self.mapSceneToView(ev.scenePos()))
            return
        super().mouseClickEvent(ev)
