"""A ViewBox that turns clicks and drags near a node into node gestures.

Hit-testing belongs to the view (it knows the positions and pixel sizes),
so the box only reports where the gesture happened and lets the view say
whether it hit a node; anything the view declines pans/zooms as usual.
"""
from __future__ import annotations

from typing import Callable, Optional

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt


class NetworkViewBox(pg.ViewBox):
    def __init__(self) -> None:
        super().__init__(lockAspect=True, enableMenu=False)
        self.setBackgroundColor(None)
        # on_click(view_point, modifiers) for a left click anywhere.
        self.on_click: Optional[Callable[[QPointF, Qt.KeyboardModifier], None]] = None
        # node_at(view_point) -> node index or None, used to start a node drag.
        self.node_at: Optional[Callable[[QPointF], Optional[int]]] = None
        # on_drag(node_index, view_point, finished) while a node is dragged.
        self.on_drag: Optional[Callable[[int, QPointF, bool], None]] = None
        self._dragging: Optional[int] = None

    def mouseClickEvent(self, ev) -> None:
        if ev.button() == Qt.MouseButton.LeftButton and self.on_click is not None:
            ev.accept()
            self.on_click(self.mapSceneToView(ev.scenePos()), ev.modifiers())
            return
        super().mouseClickEvent(ev)

    def mouseDragEvent(self, ev, axis=None) -> None:
        if ev.button() == Qt.MouseButton.LeftButton and self.node_at is not None and self.on_drag is not None:
            if ev.isStart():
                self._dragging = self.node_at(self.mapSceneToView(ev.buttonDownScenePos()))
            if self._dragging is not None:
                ev.accept()
                node = self._dragging
                if ev.isFinish():
                    self._dragging = None
                self.on_drag(node, self.mapSceneToView(ev.scenePos()), ev.isFinish())
                return
        super().mouseDragEvent(ev, axis)
