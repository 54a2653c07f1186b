"""Point symbols rendered once into a small pixmap, then stamped at every mark in one call.

Drawing a dot as a point with a 9-11 px antialiased pen makes Qt's raster
engine stroke a fresh path per dot and per layer (outline, fill, hollow
centre): near the density threshold that was two thirds of a frame.  A
symbol is the same pixels wherever it lands, so it is drawn once per colour,
shape and relation (and screen pixel ratio) and copied with
``drawPixmapFragments``, the route pyqtgraph's scatter plots take.  Stamps
land on whole device pixels, so a dot may sit up to half a pixel from where
the stroked version did; nothing else about it changes.
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPixmap

from desktop_app.core.happenings.heads import badge_text

from . import style

# x, y (target centre), source left, top, width, height, scale x, y, rotation, opacity.
_FRAGMENT_FIELDS = 10


def _canvas(extent_px: float, dpr: float) -> tuple[QPixmap, float]:
    """A transparent square pixmap wide enough for a symbol ``extent_px`` across, and its centre."""
    side = int(math.ceil(extent_px)) + 4
    side += side % 2            # an even side puts the centre on a pixel corner, as device pixels are
    pix = QPixmap(int(math.ceil(side * dpr)), int(math.ceil(side * dpr)))
    pix.setDevicePixelRatio(dpr)
    pix.fill(Qt.GlobalColor.transparent)
    return pix, side / 2


@lru_cache(maxsize=256)
def _point(rgba: int, square: bool, on_or_before: bool, dpr: float, size: float = style.POINT_SIZE) -> QPixmap:
    cap = Qt.PenCapStyle.SquareCap if square else Qt.PenCapStyle.RoundCap
    # A square cap's corner reaches sqrt(2) times the half width from the centre.
    pix, c = _canvas((size + 2) * 1.5, dpr)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    centre = QPointF(c, c)
    # Outline first (a wider dark dot), then the colour: marks stay visible on any lane stripe.
    p.setPen(QPen(style.FOREGROUND, size + 2, Qt.PenStyle.SolidLine, cap))
    p.drawPoint(centre)
    p.setPen(QPen(QColor.fromRgba(rgba), size, Qt.PenStyle.SolidLine, cap))
    p.drawPoint(centre)
    if on_or_before:   # hollow: the day is a bound, not the happening
        p.setPen(QPen(style.BACKGROUND, size - 4, Qt.PenStyle.SolidLine, cap))
        p.drawPoint(centre)
    p.end()
    return pix


@lru_cache(maxsize=8)
def _diamond(dpr: float) -> QPixmap:
    pix, c = _canvas(7 * 1.5, dpr)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.translate(c, c)
    p.rotate(45)
    p.setPen(QPen(style.REPORT_MARKER.darker(150), 7, Qt.PenStyle.SolidLine, Qt.PenCapStyle.SquareCap))
    p.drawPoint(QPointF(0, 0))
    p.setPen(QPen(style.REPORT_MARKER, 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.SquareCap))
    p.drawPoint(QPointF(0, 0))
    p.end()
    return pix


def _ratio(painter: QPainter) -> float:
    device = painter.device()
    return float(device.devicePixelRatioF()) if device is not None else 1.0


def point_symbol(painter: QPainter, color: QColor, square: bool, on_or_before: bool,
                 size: float = style.POINT_SIZE) -> QPixmap:
    """The day-mark symbol in ``color`` (hollow for "on or before"), ``size`` px across, for ``painter``'s pixel ratio."""
    return _point(color.rgba(), bool(square), bool(on_or_before), _ratio(painter), float(size))


@lru_cache(maxsize=128)
def _badge(count: int, dpr: float) -> QPixmap:
    text = badge_text(count)
    font = QFont()
    font.setPixelSize(9)
    font.setBold(True)
    metrics = QFontMetricsF(font)
    w, h = max(11.0, metrics.horizontalAdvance(text) + 6), 11.0
    pix = QPixmap(int(math.ceil(w * dpr)), int(math.ceil(h * dpr)))
    pix.setDevicePixelRatio(dpr)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setPen(QPen(style.BACKGROUND, 1))
    p.setBrush(style.FOREGROUND)
    p.drawRoundedRect(QRectF(0.5, 0.5, w - 1, h - 1), 5, 5)
    p.setFont(font)
    p.setPen(style.BACKGROUND)
    p.drawText(QRectF(0, 0, w, h), Qt.AlignmentFlag.AlignCenter, text)
    p.end()
    return pix


def badge_symbol(painter: QPainter, count: int) -> QPixmap:
    """A small dark pill with ``count`` in it: how many independent sources report a happening."""
    return _badge(int(count), _ratio(painter))


def report_symbol(painter: QPainter) -> QPixmap:
    """The report-date diamond."""
    return _diamond(_ratio(painter))


def stamp(painter: QPainter, pixmap: QPixmap, xs: np.ndarray, ys: np.ndarray) -> None:
    """``pixmap`` centred on each ``(xs[i], ys[i])`` (device pixels of the unscaled painter), in one call."""
    n = len(xs)
    if not n:
        return
    dpr = pixmap.devicePixelRatioF()
    frags = np.empty((n, _FRAGMENT_FIELDS), dtype=np.float64)
    # Whole pixels, so every stamp is a plain copy; the centre sits on a pixel corner.
    frags[:, 0] = np.round(xs)
    frags[:, 1] = np.round(ys)
    frags[:, 2] = 0.0
    frags[:, 3] = 0.0
    frags[:, 4] = pixmap.width()
    frags[:, 5] = pixmap.height()
    frags[:, 6] = 1.0 / dpr
    frags[:, 7] = 1.0 / dpr
    frags[:, 8] = 0.0
    frags[:, 9] = 1.0
    # ``frags`` outlives the call, so the wrapped pointer stays valid while Qt reads it.
    ptr = shiboken6.wrapInstance(frags.ctypes.data, QPainter.PixmapFragment)
    painter.drawPixmapFragments(ptr, n, pixmap)
