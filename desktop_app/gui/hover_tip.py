"""A hover tip that stays while the pointer rests on what it describes.

``QToolTip`` hides itself on a timer and whenever its widget sees certain
events (a repaint of a busy plot, a tiny mouse move re-sending the same
text), so a tip shown from a plot's mouse-move signal vanished after a
second or two while the pointer was still on the mark.  This one is a plain
tool-tip-styled label the view shows and hides itself: it moves with the
pointer, and goes only when the pointer leaves the mark or the widget.

The text is rich text built by the caller, which escapes every untrusted
string (document text, names) with ``html.escape``.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QToolTip, QWidget

OFFSET = QPoint(14, 18)      # below-right of the pointer, so it never sits under it
MAX_WIDTH = 460


class HoverTip(QLabel):
    def __init__(self, owner: QWidget):
        super().__init__(owner, Qt.WindowType.ToolTip)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setMaximumWidth(MAX_WIDTH)
        self.setMargin(6)
        self.setPalette(QToolTip.palette())
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setStyleSheet("QLabel { border: 1px solid #888888; }")
        self._leave = _LeaveWatcher(self)
        owner.installEventFilter(self._leave)

    def show_text(self, global_pos: QPoint, text: str) -> None:
        """Show ``text`` near ``global_pos``; the same text only follows the pointer (no flicker)."""
        if not text:
            self.hide()
            return
        if text != self.text():
            self.setText(text)
            self.adjustSize()
        pos = global_pos + OFFSET
        screen = QGuiApplication.screenAt(global_pos)
        if screen is not None:   # keep it on screen near the right and bottom edges
            area = screen.availableGeometry()
            pos.setX(min(pos.x(), area.right() - self.width()))
            if pos.y() + self.height() > area.bottom():
                pos.setY(global_pos.y() - self.height() - 4)
        self.move(pos)
        if not self.isVisible():
            self.show()


class _LeaveWatcher(QObject):
    """Hides the tip when the pointer leaves its owner (no mouse-move arrives then)."""

    def __init__(self, tip: HoverTip):
        super().__init__(tip)
        self._tip = tip

    def eventFilter(self, obj, event) -> bool:
        if event.type() in (QEvent.Type.Leave, QEvent.Type.Hide, QEvent.Type.WindowDeactivate):
            self._tip.hide()
        return False
