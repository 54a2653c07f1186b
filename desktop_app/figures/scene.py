"""The backend-neutral figure: a flat list of drawing primitives in figure units.

Layout code builds a ``Scene``; the PNG backend paints it with QPainter and
the SVG backend writes it as text.  Because both read the same primitives,
a PNG and an SVG of one figure show the same marks in the same places.

Units are CSS pixels at 1x (1/96 inch); the y axis points down.  Colours are
``#RRGGBB`` strings with a separate alpha so that both backends (and print)
treat transparency the same way.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Union

Point = tuple[float, float]

# Smallest text any figure uses, in figure units (px at 96 dpi): 10 px is
# 7.5 pt on an A4 page, the floor for print; footnotes may go one smaller.
MIN_TEXT = 10.0


@dataclass(slots=True)
class Stroke:
    color: str
    width: float = 1.0
    alpha: float = 1.0
    dash: Optional[tuple[float, ...]] = None   # on/off lengths in figure units


@dataclass(slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: Optional[str] = None
    fill_alpha: float = 1.0
    stroke: Optional[Stroke] = None
    # "diagonal" (/) or "cross" (/ and \) hatch lines in the stroke colour (or fill colour)
    hatch: Optional[str] = None
    hatch_color: Optional[str] = None


@dataclass(slots=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: Stroke


@dataclass(slots=True)
class Polyline:
    points: list[Point]
    stroke: Stroke


@dataclass(slots=True)
class Polygon:
    points: list[Point]
    fill: Optional[str] = None
    fill_alpha: float = 1.0
    stroke: Optional[Stroke] = None


@dataclass(slots=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: Optional[str] = None
    fill_alpha: float = 1.0
    stroke: Optional[Stroke] = None


@dataclass(slots=True)
class Text:
    x: float
    y: float                    # baseline
    text: str
    size: float                 # font size in figure units (px)
    color: str
    anchor: str = "start"       # "start", "middle", "end"
    bold: bool = False
    role: str = "label"         # what it is, for tests and for SVG classes: label, title, axis, legend ...

    def __post_init__(self) -> None:
        # Labels are one line: newlines and tabs from extracted names would
        # render differently in each backend (or as boxes), so fold them to spaces.
        self.text = " ".join(self.text.split())


@dataclass(slots=True)
class Group:
    """Primitives drawn together, optionally clipped to a rectangle.

    ``name`` becomes the SVG group's class so a presenter can find the lanes,
    the axis or the legend in an editor.
    """

    items: list["Item"] = field(default_factory=list)
    clip: Optional[tuple[float, float, float, float]] = None   # x, y, w, h
    name: str = ""

    def add(self, item: "Item") -> "Item":
        self.items.append(item)
        return item


Item = Union[Rect, Line, Polyline, Polygon, Circle, Text, Group]


@dataclass(slots=True)
class Scene:
    width: float
    height: float
    background: str
    root: Group = field(default_factory=Group)
    # How the SVG states its physical size ("297mm"), when the preset has one.
    physical_size: Optional[tuple[str, str]] = None
    title: str = ""

    def add(self, item: Item) -> Item:
        return self.root.add(item)

    def walk(self):
        """Every primitive, depth first, groups included."""
        stack = [self.root]
        while stack:
            node = stack.pop()
            yield node
            if isinstance(node, Group):
                stack.extend(reversed(node.items))

    def texts(self) -> list[Text]:
        return [n for n in self.walk() if isinstance(n, Text)]
