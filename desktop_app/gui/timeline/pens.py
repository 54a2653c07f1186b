"""Pens and brushes for marks, built once per colour and style instead of once per frame.

A zoomed-in frame draws a few dozen groups (colour x precision x relation);
making their QPen/QBrush objects anew each frame was a measurable share of a
pan step.  Keyed on the colour's RGBA value, not on a palette slot, so a
palette that changes at run time still gets the right colours.
"""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPen

from . import style


@lru_cache(maxsize=1024)
def _pen(rgba: int, width: float, pen_style: Qt.PenStyle, cap: Qt.PenCapStyle) -> QPen:
    return QPen(QColor.fromRgba(rgba), width, pen_style, cap)


@lru_cache(maxsize=1024)
def _brush(rgba: int, alpha: float, pattern: Qt.BrushStyle) -> QBrush:
    return QBrush(style.with_alpha(QColor.fromRgba(rgba), alpha), pattern)


def pen(color: QColor, width: float, pen_style=Qt.PenStyle.SolidLine, cap=Qt.PenCapStyle.SquareCap) -> QPen:
    """``QPen(color, width, pen_style, cap)``; treat the result as read-only, it is shared."""
    return _pen(color.rgba(), float(width), pen_style, cap)


def brush(color: QColor, alpha: float, pattern=Qt.BrushStyle.SolidPattern) -> QBrush:
    """``color`` at opacity ``alpha`` with ``pattern``; shared, read-only."""
    return _brush(color.rgba(), float(alpha), pattern)
