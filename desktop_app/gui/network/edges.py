"""All ties as a handful of batched paths, one per (emphasis, width) group.

Thirty thousand QGraphicsLineItems would make every repaint walk thirty
thousand items; one painter path per group keeps a repaint to a few
``drawPath`` calls.  Pens are cosmetic, so a tie keeps its pixel width
under zoom.
"""
from __future__ import annotations

from typing import Optional

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPainterPath, QPen

from . import style

# Emphasis levels, drawn in this order so highlighted ties end on top.
HIDDEN, DIM, NORMAL, HIGHLIGHT = 0, 1, 2, 3
# Above this many ties antialiasing costs more than it adds at typical zoom.
ANTIALIAS_MAX_EDGES = 4000


def _pen(level: int, bucket: int) -> QPen:
    width = style.EDGE_WIDTHS[bucket]
    if level == HIGHLIGHT:
        color = style.with_alpha(style.EDGE_HIGHLIGHT, 220)
        width += 0.6
    elif level == DIM:
        color = style.with_alpha(style.MUTED, style.EDGE_DIM_ALPHA)
    else:
        color = style.with_alpha(style.MUTED, style.EDGE_ALPHAS[bucket])
    pen = QPen(color)
    pen.setWidthF(width)
    pen.setCosmetic(True)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


class EdgesItem(pg.GraphicsObject):
    """``cached``: paint through a viewport-sized pixmap, for the tie layers that rarely change.

    The base layer only changes with the corpus or the time window, yet every
    repaint (a hover, a selection's front layer, the veil) used to redraw its
    thirty thousand lines; with the cache a repaint blits one pixmap and the
    lines are drawn again only when the ties or the view's transform change.
    Qt's own DeviceCoordinateCache was tried first: it caches the item's whole
    device rectangle, which zoomed in is many times the viewport, and made a
    zoom step cost 300-450 ms at 10k actors.
    """

    def __init__(self, cached: bool = False) -> None:
        super().__init__()
        self._groups: list[tuple[QPen, QPainterPath]] = []
        self._bounds = QRectF()
        self._antialias = True
        self.paint_count = 0
        self.cache_fills = 0
        self._cached = False
        self._pixmap: Optional[QImage] = None
        self._pixmap_key = None
        self.set_cached(cached)

    def set_edges(self, pos: np.ndarray, src: np.ndarray, dst: np.ndarray,
                  level: np.ndarray, bucket: np.ndarray) -> None:
        """Rebuild the paths; ``level``/``bucket`` are per-edge arrays (HIDDEN edges are skipped)."""
        self.prepareGeometryChange()
        self._pixmap_key = None
        self._groups = []
        self._antialias = len(src) <= ANTIALIAS_MAX_EDGES
        if len(src):
            for lv in (DIM, NORMAL, HIGHLIGHT):
                for b in range(len(style.EDGE_WIDTHS)):
                    sel = np.flatnonzero((level == lv) & (bucket == b))
                    if len(sel) == 0:
                        continue
                    x = np.empty(2 * len(sel))
                    y = np.empty(2 * len(sel))
                    x[0::2], x[1::2] = pos[src[sel], 0], pos[dst[sel], 0]
                    y[0::2], y[1::2] = pos[src[sel], 1], pos[dst[sel], 1]
                    self._groups.append((_pen(lv, b), pg.arrayToQPath(x, y, connect="pairs", finiteCheck=False)))
        if len(pos):
            lo, hi = pos.min(axis=0), pos.max(axis=0)
            # Padded: a degenerate (flat) box would make Qt skip the paint.
            self._bounds = QRectF(float(lo[0]), float(lo[1]), float(hi[0] - lo[0]),
                                  float(hi[1] - lo[1])).adjusted(-0.01, -0.01, 0.01, 0.01)
        else:
            self._bounds = QRectF()
        self.update()

    def set_cached(self, on: bool) -> None:
        self._cached = bool(on)
        self._pixmap = self._pixmap_key = None
        self.update()

    def group_count(self) -> int:
        return len(self._groups)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter, option, widget: Optional[object] = None) -> None:
        self.paint_count += 1
        if not self._cached or widget is None or not self._groups:
            self._draw(painter)
            return
        t = painter.worldTransform()
        dpr = float(widget.devicePixelRatioF())
        key = (t.m11(), t.m12(), t.m21(), t.m22(), t.dx(), t.dy(), widget.width(), widget.height(), dpr)
        if key != self._pixmap_key:
            # Premultiplied: the raster engine's native format (a plain transparent
            # QPixmap drew the same lines ten times slower here).
            w, h = max(1, round(widget.width() * dpr)), max(1, round(widget.height() * dpr))
            pixmap = self._pixmap
            if pixmap is None or pixmap.width() != w or pixmap.height() != h:
                pixmap = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)   # reused while the size holds
            pixmap.setDevicePixelRatio(dpr)
            pixmap.fill(Qt.GlobalColor.transparent)
            p = QPainter(pixmap)
            # An explicit clip lets the raster engine cull off-screen segments: without
            # it the same paths took 200+ ms instead of ~15 ms (measured at 30k ties).
            p.setClipRect(0, 0, widget.width(), widget.height())
            p.setTransform(t)
            self._draw(p)
            p.end()
            self._pixmap, self._pixmap_key = pixmap, key
            self.cache_fills += 1
        painter.save()
        painter.resetTransform()
        painter.drawImage(0, 0, self._pixmap)
        painter.restore()

    def _draw(self, painter) -> None:
        painter.setRenderHint(painter.RenderHint.Antialiasing, self._antialias)
        for pen, path in self._groups:
            painter.setPen(pen)
            painter.drawPath(path)
