"""What the document view says about each kind of document beyond its text.

A PDF's page breaks are painted, not written into the text (a dashed rule
where each page starts, "p. N" in a margin beside it), so the text keeps the offsets every
mention and event points at. An e-mail shows its headers and attachments, an
attachment names its message, a Word file its running header and footer, a
table its column mapping, and an event says which page or row it is on.
All of it is plain text: it comes from the files.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Optional

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from desktop_app.core import palette
from desktop_app.core.model import Document

_ROW = re.compile(r"Row (\d+) of ")


def _ranges(nums) -> str:
    return ", ".join(str(n) for n in nums[:20]) + (" …" if len(nums) > 20 else "")


def describe(doc: Optional[Document]) -> str:
    """Plain-text lines shown above a document's text; empty for plain text files."""
    if doc is None:
        return ""
    lay = doc.layout or {}
    lines: list[str] = []
    if doc.kind == "email":
        for k, v in (lay.get("headers") or {}).items():
            lines.append(f"{k}: {v}")
        if lay.get("attachments"):
            lines.append("Attachments: " + ", ".join(lay["attachments"]))
    elif doc.kind == "pdf" and doc.pages:
        line = f"PDF, {len(doc.pages)} pages"
        if lay.get("no_text_pages"):
            line += f"; no text layer on page(s) {_ranges(lay['no_text_pages'])}"
        lines.append(line)
    elif doc.kind in ("docx", "odt"):
        if lay.get("headers"):
            lines.append("Header: " + " / ".join(lay["headers"]))
        if lay.get("footers"):
            lines.append("Footer: " + " / ".join(lay["footers"]))
    elif doc.kind == "table":
        mapping = lay.get("mapping") or {}
        shown = "; ".join(f"{k.replace('_', ' ')} ← {', '.join(v) if isinstance(v, list) else v}"
                          for k, v in mapping.items())
        preset = f" ({lay['preset']} layout)" if lay.get("preset") else ""
        lines.append(f"Event table, {len(lay.get('rows') or [])} rows{preset}: {shown}")
    elif doc.kind == "network":
        lines.append(f"{lay.get('format', '')} network: {len(lay.get('nodes') or [])} actors, "
                     f"{len(lay.get('ties') or [])} ties")
    if doc.parent:
        lines.append(f"Attached to message {doc.parent}")
    if doc.dct and doc.source in ("first-date-line", "message-date"):
        why = "the first date line of the text" if doc.source == "first-date-line" else "its message's Date"
        lines.append(f"Creation time {doc.dct} taken from {why}")
    return "\n".join(lines)


def where(doc: Optional[Document], start: int, end: int) -> str:
    """"page 3" or "row 12" for a span, or "" when the document has neither."""
    if doc is None:
        return ""
    if doc.pages:
        return f"page {doc.page_at(start)}"
    if doc.kind == "table":
        m = _ROW.match(doc.text[start:end])
        if m:
            return f"row {m.group(1)}"
    return ""


def page_marks(editor, doc: Optional[Document], to_qt) -> list[tuple[int, int]]:
    """``(y in the viewport, page number)`` of every page start on screen; none for a document without pages."""
    if doc is None or not doc.pages or len(doc.pages) < 2:
        return []
    vp = editor.viewport()
    top = editor.cursorForPosition(QPoint(0, 0)).position()
    bottom = editor.cursorForPosition(QPoint(vp.width() - 1, vp.height() - 1)).position()
    qt_starts = [to_qt(s) for s in doc.pages]
    last_pos = editor.document().characterCount() - 1
    out: list[tuple[int, int]] = []
    for k in range(max(1, bisect_left(qt_starts, top) - 1), len(qt_starts)):
        if qt_starts[k] > bottom + 1:
            break
        cursor = editor.textCursor()
        cursor.setPosition(min(qt_starts[k], last_pos))
        y = editor.cursorRect(cursor).top() - 1
        if out and out[-1][0] == y:     # a page without text shares the next page's start
            out[-1] = (y, k + 1)
            continue
        out.append((y, k + 1))
    return out


def paint_page_rules(editor, marks: list[tuple[int, int]]) -> None:
    """A dashed rule across the text where each page starts."""
    if not marks:
        return
    painter = QPainter(editor.viewport())
    painter.setPen(QPen(QColor(palette.MUTED_TEXT), 1, Qt.PenStyle.DashLine))
    for y, _ in marks:
        painter.drawLine(0, y, editor.viewport().width(), y)
    painter.end()


class PageGutter(QWidget):
    """The margin left of a PDF's text, with "p. N" beside the line where page N starts (Qt's line-number-area pattern)."""

    def __init__(self, editor, marks):
        super().__init__(editor)
        self.editor, self.marks = editor, marks

    def width_needed(self) -> int:
        return self.fontMetrics().horizontalAdvance("p. 9999") + 8

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().window())
        painter.setPen(QColor(palette.MUTED_TEXT))
        h = self.fontMetrics().height()
        offset = self.editor.viewport().y() - self.y()
        for y, page in self.marks():
            painter.drawText(0, y + offset, self.width() - 4, h, Qt.AlignmentFlag.AlignRight, f"p. {page}")
        painter.end()
