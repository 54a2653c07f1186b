"""Untrusted text (document text, names, labels, titles, notes, file names) shown as text, never as markup.

Qt guesses: a QLabel, a tooltip or a QMessageBox in its default AutoText
mode renders anything that *looks* like HTML as HTML, so a label
``<img src="/tmp/fifo">`` from an imported file made Qt open the FIFO and
hang.  Widgets we own are set to ``Qt.PlainText`` (``plain``); where Qt
offers no format switch (tooltips, the static QMessageBox functions) the
text is escaped and wrapped so it is always parsed as rich text whose only
content is the escaped string (``as_rich``).
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt


def as_rich(text: object) -> str:
    """``text`` as HTML that shows exactly ``text``: for tooltips and message boxes."""
    body = html.escape("" if text is None else str(text), quote=False).replace("\n", "<br>")
    return f"<qt>{body}</qt>"


def plain(widget):
    """Make a QLabel (or anything with ``setTextFormat``) show its text literally; returns it."""
    widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget
