"""Write a ``Scene`` as SVG 1.1 text: real shapes, and every label a ``<text>`` a presenter can edit.

Hand-written rather than QSvgGenerator so that nothing is rasterised and the
file is small and readable; groups carry Inkscape labels ("lane …",
"legend", "time axis") so the parts are easy to find in an editor.  The
font is named as the shipped family with generic fallbacks; it is not
embedded, so text stays text.
"""
from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from desktop_app.figures.fonts import CSS_FAMILY
from desktop_app.core.palette import blend
from desktop_app.figures.png_backend import HATCH_ALPHA, HATCH_SPACING, HATCH_WIDTH
from desktop_app.figures.scene import Circle, Group, Line, Polygon, Polyline, Rect, Scene, Stroke, Text

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _n(v: float) -> str:
    s = f"{v:.2f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def _text(s: str) -> str:
    return escape(_INVALID_XML.sub("", s))


def _attr(s: str) -> str:
    return quoteattr(_INVALID_XML.sub("", s))


def _stroke_attrs(stroke: Stroke | None) -> str:
    if stroke is None:
        return ' stroke="none"'
    out = f' stroke="{stroke.color}" stroke-width="{_n(stroke.width)}"'
    if stroke.alpha < 1:
        out += f' stroke-opacity="{_n(stroke.alpha)}"'
    if stroke.dash:
        out += f' stroke-dasharray="{" ".join(_n(d) for d in stroke.dash)}"'
    return out


def _fill_attrs(fill: str | None, alpha: float) -> str:
    if fill is None:
        return ' fill="none"'
    return f' fill="{fill}"' + (f' fill-opacity="{_n(alpha)}"' if alpha < 1 else "")


class _Writer:
    def __init__(self) -> None:
        self.body: list[str] = []
        self.defs: list[str] = []
        self._clips = 0
        self._patterns: dict[tuple[str, str], str] = {}

    def pattern(self, kind: str, color: str) -> str:
        key = (kind, color)
        if key not in self._patterns:
            pid = f"hatch{len(self._patterns) + 1}"
            s = _n(HATCH_SPACING)
            # "/" lines x + y = k*s, the same family the PNG painter draws, anchored at the origin.
            lines = [f'<path d="M-1 1L1 -1M0 {s}L{s} 0M{_n(HATCH_SPACING - 1)} {_n(HATCH_SPACING + 1)}'
                     f'L{_n(HATCH_SPACING + 1)} {_n(HATCH_SPACING - 1)}"/>']
            if kind == "cross":
                lines.append(f'<path d="M-1 -1L1 1M0 0L{s} {s}M{_n(HATCH_SPACING - 1)} {_n(-1)}'
                             f'L{_n(HATCH_SPACING + 1)} 1M-1 {_n(HATCH_SPACING - 1)}L1 {_n(HATCH_SPACING + 1)}"/>')
            self.defs.append(
                f'<pattern id="{pid}" patternUnits="userSpaceOnUse" width="{s}" height="{s}">'
                f'<g stroke="{blend(color, HATCH_ALPHA)}" stroke-width="{_n(HATCH_WIDTH)}" fill="none">'
                f'{"".join(lines)}</g>'
                f'</pattern>')
            self._patterns[key] = pid
        return self._patterns[key]

    def group(self, g: Group, indent: str = "") -> None:
        out = self.body
        attrs = ""
        if g.name:
            attrs += f" inkscape:label={_attr(g.name)}"
        if g.clip is not None:
            self._clips += 1
            cid = f"clip{self._clips}"
            x, y, w, h = g.clip
            self.defs.append(f'<clipPath id="{cid}"><rect x="{_n(x)}" y="{_n(y)}" '
                             f'width="{_n(w)}" height="{_n(h)}"/></clipPath>')
            attrs += f' clip-path="url(#{cid})"'
        out.append(f"<g{attrs}>")
        for item in g.items:
            kind = type(item)
            if kind is Rect:
                self.rect(item)
            elif kind is Circle:
                out.append(f'<circle cx="{_n(item.cx)}" cy="{_n(item.cy)}" r="{_n(item.r)}"'
                           f'{_fill_attrs(item.fill, item.fill_alpha)}{_stroke_attrs(item.stroke)}/>')
            elif kind is Line:
                out.append(f'<line x1="{_n(item.x1)}" y1="{_n(item.y1)}" x2="{_n(item.x2)}" '
                           f'y2="{_n(item.y2)}"{_stroke_attrs(item.stroke)}/>')
            elif kind is Polyline:
                pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in item.points)
                out.append(f'<polyline points="{pts}" fill="none"{_stroke_attrs(item.stroke)}/>')
            elif kind is Polygon:
                pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in item.points)
                out.append(f'<polygon points="{pts}"{_fill_attrs(item.fill, item.fill_alpha)}'
                           f'{_stroke_attrs(item.stroke)}/>')
            elif kind is Text:
                self.text(item)
            elif kind is Group:
                self.group(item)
        out.append("</g>")

    def rect(self, r: Rect) -> None:
        geo = f'x="{_n(r.x)}" y="{_n(r.y)}" width="{_n(r.w)}" height="{_n(r.h)}"'
        if r.fill is not None or r.stroke is None:
            self.body.append(f"<rect {geo}{_fill_attrs(r.fill, r.fill_alpha)} stroke=\"none\"/>")
        if r.hatch:
            pid = self.pattern(r.hatch, r.hatch_color or r.fill or "#000000")
            self.body.append(f'<rect {geo} fill="url(#{pid})" stroke="none"/>')
        if r.stroke is not None:
            self.body.append(f'<rect {geo} fill="none"{_stroke_attrs(r.stroke)}/>')

    def text(self, t: Text) -> None:
        attrs = f'x="{_n(t.x)}" y="{_n(t.y)}" font-size="{_n(round(t.size))}"'
        if t.bold:
            attrs += ' font-weight="bold"'
        if t.anchor != "start":
            attrs += f' text-anchor="{t.anchor}"'
        attrs += f' fill="{t.color}" class="{t.role}"'
        self.body.append(f"<text {attrs}>{_text(t.text)}</text>")


def render_svg(scene: Scene) -> str:
    w = _Writer()
    w.group(scene.root)
    width, height = (_n(scene.width), _n(scene.height)) if scene.physical_size is None else scene.physical_size
    head = [
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" '
        f'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" version="1.1" '
        f'width="{width}" height="{height}" viewBox="0 0 {_n(scene.width)} {_n(scene.height)}" '
        f'font-family={_attr(CSS_FAMILY)}>',
    ]
    if scene.title:
        head.append(f"<title>{_text(scene.title)}</title>")
    head.append(f'<rect x="0" y="0" width="{_n(scene.width)}" height="{_n(scene.height)}" '
                f'fill="{scene.background}"/>')
    defs = ["<defs>", *w.defs, "</defs>"] if w.defs else []
    return "\n".join([*head, *defs, *w.body, "</svg>", ""])
