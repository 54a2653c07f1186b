"""Marker shapes by actor type (circle, square, diamond, triangle, hexagon) as scene primitives.

Shape repeats what colour says so actor type still reads in greyscale print
and for readers who cannot tell the colours apart.
"""
from __future__ import annotations

import math

from desktop_app.core import palette
from desktop_app.figures.scene import Circle, Polygon, Stroke


def shape(name: str, cx: float, cy: float, r: float, fill: str,
          stroke: Stroke | None = None, fill_alpha: float = 1.0):
    """A marker of radius ``r`` (its area roughly matches a circle of that radius)."""
    outline = stroke if stroke is not None else Stroke(palette.BACKGROUND, max(0.6, r * 0.12))
    if name == "square":
        a = r * 0.89
        pts = [(cx - a, cy - a), (cx + a, cy - a), (cx + a, cy + a), (cx - a, cy + a)]
    elif name == "diamond":
        a = r * 1.25
        pts = [(cx, cy - a), (cx + a, cy), (cx, cy + a), (cx - a, cy)]
    elif name == "triangle":
        a = r * 1.35
        pts = [(cx + a * math.cos(math.radians(t)), cy + a * 0.2 - a * math.sin(math.radians(t)))
               for t in (90, 210, 330)]
    elif name == "hexagon":
        a = r * 1.1
        pts = [(cx + a * math.cos(math.radians(t)), cy + a * math.sin(math.radians(t)))
               for t in range(0, 360, 60)]
    else:
        return Circle(cx, cy, r, fill=fill, fill_alpha=fill_alpha, stroke=outline)
    return Polygon(pts, fill=fill, fill_alpha=fill_alpha, stroke=outline)
