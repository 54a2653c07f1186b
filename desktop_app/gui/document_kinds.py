"""What the document view says about each kind of document beyond its text.

A PDF's page breaks are painted over the text (a rule and "page N" where each
page starts) rather than written into it, so the text keeps the offsets every
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


def paint_page_breaks(editor, doc: Optional[Document], to_qt) -> None:
    """Draw a rule and "page N" where each page of ``doc`` starts, over the visible part of ``editor``."""
    if doc is None or not doc.pages or len(doc.pages) < 2:
        return
    vp = editor.viewport()
    top = editor.cursorForPosition(QPoint(0, 0)).position()
    bottom = editor.cursorForPosition(QPoint(vp.width() - 1, vp.height() - 1)).position()
    qt_starts = [to_qt(s) for s in doc.pages]
    first = max(1, bisect_left(qt_starts, top) - 1)
    painter = QPainter(vp)
    color = QColor(palette.MUTED_TEXT)
    painter.setPen(QPen(color, 1, Qt.PenStyle.DashLine))
    font = painter.font()
    font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
    painter.setFont(font)
    last_y = None
    for k in range(first, len(qt_starts)):
        pos = qt_starts[k]
        if pos > bottom + 1:
            break
        cursor = editor.textCursor()
        cursor.setPosition(min(pos, editor.document().characterCount() - 1))
        rect = editor.cursorRect(cursor)
        y = rect.top() - 1
        if y == last_y:       # pages without text share the next page's start
            continue
        last_y = y
        painter.drawLine(0, y, vp.width(), y)
        label = f"page {k + 1}"
        w = painter.fontMetrics().horizontalAdvance(label) + 6
        painter.fillRect(vp.width() - w - 4, y - painter.fontMetrics().height(), w, painter.fontMetrics().height(),
                         editor.palette().base())
        painter.drawText(vp.width() - w - 1, y - 3, label)
    painter.end()
