"""Paint a ``Scene`` with QPainter into a QImage (for PNG).

The painter is scaled by the figure's scale, so a 2x PNG is the same figure
with twice the pixels, not a different layout.  Hatching is drawn as lines
in figure coordinates anchored at the origin, exactly as the SVG pattern
is, so the two outputs agree.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen, QPolygonF

from desktop_app.core.palette import blend
from desktop_app.figures.metrics import TextMeasure, make_font
from desktop_app.figures.scene import Circle, Group, Line, Polygon, Polyline, Rect, Scene, Stroke, Text

HATCH_SPACING = 6.0
HATCH_WIDTH = 0.9
HATCH_ALPHA = 0.8


def _color(hex_color: str, alpha: float = 1.0) -> QColor:
    c = QColor(hex_color)
    c.setAlphaF(max(0.0, min(1.0, alpha)))
    return c


def _pen(stroke: Stroke | None) -> QPen:
    if stroke is None:
        return QPen(Qt.PenStyle.NoPen)
    pen = QPen(_color(stroke.color, stroke.alpha))
    pen.setWidthF(stroke.width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    if stroke.dash:
        # Qt measures dashes in pen widths; the scene in figure units.
        pen.setDashPattern([d / max(stroke.width, 1e-3) for d in stroke.dash])
    return pen


def _brush(fill: str | None, alpha: float) -> QBrush:
    return QBrush(Qt.BrushStyle.NoBrush) if fill is None else QBrush(_color(fill, alpha))


def render_image(scene: Scene, scale: float = 1.0, dpi: float | None = None) -> QImage:
    w, h = max(1, round(scene.width * scale)), max(1, round(scene.height * scale))
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    if image.isNull():
        raise MemoryError(f"cannot allocate a {w}x{h} image; lower the size or the scale")
    image.fill(QColor(scene.background))
    if dpi:
        dots = round(dpi / 0.0254)
        image.setDotsPerMeterX(dots)
        image.setDotsPerMeterY(dots)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.scale(w / scene.width, h / scene.height)
        _Painter(painter).group(scene.root)
    finally:
        painter.end()
    return image


class _Painter:
    def __init__(self, painter: QPainter):
        self.p = painter
        self.measure = TextMeasure()
        self._fonts: dict = {}

    def group(self, g: Group) -> None:
        if g.clip is not None:
            self.p.save()
            self.p.setClipRect(QRectF(*g.clip), Qt.ClipOperation.IntersectClip)
        for item in g.items:
            kind = type(item)
            if kind is Rect:
                self.rect(item)
            elif kind is Circle:
                self.p.setPen(_pen(item.stroke))
                self.p.setBrush(_brush(item.fill, item.fill_alpha))
                self.p.drawEllipse(QPointF(item.cx, item.cy), item.r, item.r)
            elif kind is Line:
                self.p.setPen(_pen(item.stroke))
                self.p.drawLine(QPointF(item.x1, item.y1), QPointF(item.x2, item.y2))
            elif kind is Polyline:
                self.p.setPen(_pen(item.stroke))
                self.p.drawPolyline(QPolygonF([QPointF(x, y) for x, y in item.points]))
            elif kind is Polygon:
                self.p.setPen(_pen(item.stroke))
                self.p.setBrush(_brush(item.fill, item.fill_alpha))
                self.p.drawPolygon(QPolygonF([QPointF(x, y) for x, y in item.points]))
            elif kind is Text:
                self.text(item)
            elif kind is Group:
                self.group(item)
        if g.clip is not None:
            self.p.restore()

    def rect(self, r: Rect) -> None:
        box = QRectF(r.x, r.y, r.w, r.h)
        if r.fill is not None:
            self.p.fillRect(box, _color(r.fill, r.fill_alpha))
        if r.hatch:
            self._hatch(box, r.hatch, r.hatch_color or r.fill or "#000000")
        if r.stroke is not None:
            self.p.setPen(_pen(r.stroke))
            self.p.setBrush(Qt.BrushStyle.NoBrush)
            self.p.drawRect(box)

    def _hatch(self, box: QRectF, kind: str, color: str) -> None:
        self.p.save()
        self.p.setClipRect(box, Qt.ClipOperation.IntersectClip)
        # Opaque pre-blended colour: crossing lines must not darken where they overlap,
        # which is also how an SVG pattern tile renders.
        self.p.setPen(_pen(Stroke(blend(color, HATCH_ALPHA), HATCH_WIDTH)))
        s = HATCH_SPACING
        x0, x1, y0, y1 = box.left(), box.right(), box.top(), box.bottom()
        # "/" lines are x + y = k*s; "\" lines are x - y = k*s (same family as the SVG pattern).
        for k in range(math.floor((x0 + y0) / s), math.ceil((x1 + y1) / s) + 1):
            c = k * s
            self.p.drawLine(QPointF(c - y0, y0), QPointF(c - y1, y1))
        if kind == "cross":
            for k in range(math.floor((x0 - y1) / s), math.ceil((x1 - y0) / s) + 1):
                c = k * s
                self.p.drawLine(QPointF(c + y0, y0), QPointF(c + y1, y1))
        self.p.restore()

    def text(self, t: Text) -> None:
        key = (round(t.size), t.bold)
        font = self._fonts.get(key)
        if font is None:
            font = self._fonts[key] = make_font(t.size, t.bold)
        self.p.setFont(font)
        self.p.setPen(QPen(_color(t.color)))
        x = t.x
        if t.anchor != "start":
            width = self.measure.width(t.text, t.size, t.bold)
            x -= width if t.anchor == "end" else width / 2
        self.p.drawText(QPointF(x, t.y), t.text)


def save_png(image: QImage, path: str) -> None:
    if not image.save(path, "PNG"):
        raise OSError(f"cannot write {path}: the PNG encoder failed")
