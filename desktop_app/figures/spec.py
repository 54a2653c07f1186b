"""What a figure should show and at what size: the options the dialog and the CLI fill in.

Sizes are in figure units (CSS pixels, 1/96 inch) and ``scale`` multiplies
them for PNG output.  Presets:

- ``slide``: 1920 x 1080 units, a 16:9 slide at 1x; PNG is 1920x1080 px
  (3840x2160 at 2x).
- ``a4``: A4 landscape, 1123 x 794 units (297 x 210 mm at 96 per inch), so
  type sizes read as on paper; PNG defaults to scale 3.125, i.e.
  3508 x 2480 px = 300 dpi, and the SVG declares ``297mm x 210mm``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Optional

from desktop_app.core.top_actors import DEFAULT_TOP

VIEWS = ("timeline", "network", "both")


@dataclass(frozen=True, slots=True)
class Preset:
    name: str
    width: float
    height: float
    default_scale: float
    physical_size: Optional[tuple[str, str]]
    description: str


PRESETS = {
    "slide": Preset("slide", 1920, 1080, 1.0, None, "16:9 slide, 1920x1080 px"),
    "a4": Preset("a4", 1123, 794, 3508 / 1123, ("297mm", "210mm"),
                 "A4 landscape, 3508x2480 px at 300 dpi"),
}
# Aliases the brief and the dialog use.
PRESETS["slide-16:9"] = PRESETS["slide"]
PRESETS["a4-landscape"] = PRESETS["a4"]

MIN_SIDE = 200
MAX_SIDE = 20000
MAX_PIXELS = 200_000_000   # PNG pixel budget: ~800 MB of ARGB; refuse before QImage fails


class SpecError(ValueError):
    """An option the user gave that no figure can be made from; the message says which and why."""


@dataclass(frozen=True)
class FigureSpec:
    view: str = "timeline"
    width: float = 1920
    height: float = 1080
    scale: float = 1.0
    physical_size: Optional[tuple[str, str]] = None
    # Filters, as the selection model holds them.
    actors: frozenset = field(default_factory=frozenset)   # Actor ids
    mode: str = "any"
    window: Optional[tuple[datetime, datetime]] = None
    # The current view; None means the whole extent of what passes the filters.
    time_range: Optional[tuple[datetime, datetime]] = None
    view_box: Optional[tuple[float, float, float, float]] = None  # layout coords x0, y0, x1, y1
    lanes: str = "actors"        # "actors": one lane per actor; "single": one band
    max_lanes: Optional[int] = None
    # The screen's own lanes (actor ids, top to bottom) for a "current view" figure; None: the
    # screen's rule (the selected actors, else the busiest).
    lane_ids: Optional[tuple[str, ...]] = None
    event: Optional[str] = None  # the selected event: its label goes first
    # The screen's level of detail for a "current view" figure: "N lines" (core.folding.fold_text: marks
    # crowding a label's room past N fold, N the lanes' text lines on screen), "" when it shows every mark;
    # None (or an older calendar unit such as "week"): the figure's own scale and lanes decide, by the
    # screen's rule in text heights.
    fold: Optional[str] = None
    # The key events on screen (event ids of the Key events panel's top N): each stands for its aggregate
    # first, as the screen's level of detail does.
    key_events: tuple = ()
    # The screen's seconds per pixel for a "current view" figure: spans it draws over the same pixels are one
    # mark there, and so in the figure; None: the figure's own scale, by the screen's rule.
    fold_px: Optional[float] = None
    event_labels: bool = True    # label timeline marks where there is room
    # The timeline's "Reports: grouped" toggle: one mark per happening (at its head report, sized and
    # numbered by its independent sources) when the corpus's happenings are known; False: one per report.
    grouped: bool = True
    # "whole": nodes where the whole-corpus layout puts them (the screen's default);
    # "subset": the filtered sub-network laid out on its own (the screen's "only active").
    network_layout: str = "whole"
    # A network bigger than this shows its most connected actors, laid out on their own (the screen's
    # "Top N", ``core.top_actors``); 0: every actor.
    network_top: int = DEFAULT_TOP
    title: str = ""
    legend: bool = True
    footnote: bool = True
    banner: str = ""
    scale_bar: bool = True
    density_threshold: int = 5000
    layout_seed: int = 7

    def validated(self) -> "FigureSpec":
        if self.view not in VIEWS:
            raise SpecError(f"unknown view {self.view!r}; choose one of {', '.join(VIEWS)}")
        if self.mode not in ("any", "all"):
            raise SpecError(f"unknown mode {self.mode!r}; choose 'any' or 'all'")
        if self.network_layout not in ("whole", "subset"):
            raise SpecError(f"unknown network layout {self.network_layout!r}; choose 'whole' or 'subset'")
        if not isinstance(self.network_top, int) or self.network_top < 0:
            raise SpecError(f"network top {self.network_top!r} must be a whole number of actors (0: all)")
        if self.lanes not in ("actors", "single"):
            raise SpecError(f"unknown lane layout {self.lanes!r}; choose 'actors' or 'single'")
        for side, name in ((self.width, "width"), (self.height, "height")):
            if not (MIN_SIDE <= side <= MAX_SIDE):
                raise SpecError(f"figure {name} {side:g} is out of range; use {MIN_SIDE}..{MAX_SIDE}")
        if not (0.25 <= self.scale <= 10):
            raise SpecError(f"scale {self.scale:g} is out of range; use 1, 2 or 3 (0.25..10 allowed)")
        if self.pixel_size()[0] * self.pixel_size()[1] > MAX_PIXELS:
            w, h = self.pixel_size()
            raise SpecError(f"{w}x{h} px is too large to render; lower the size or the scale")
        for rng, name in ((self.window, "time window"), (self.time_range, "time range")):
            if rng is not None and not rng[0] < rng[1]:
                raise SpecError(f"the {name} must end after it starts ({rng[0]} .. {rng[1]})")
        if self.view_box is not None:
            x0, y0, x1, y1 = self.view_box
            if not (x1 > x0 and y1 > y0):
                raise SpecError("the network view box must have a positive width and height")
        return self

    @property
    def dpi(self) -> float:
        """PNG resolution: figure units are 1/96 inch, so 96 per unit of scale."""
        return 96.0 * self.scale

    def pixel_size(self) -> tuple[int, int]:
        return round(self.width * self.scale), round(self.height * self.scale)


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[xX×]\s*(\d+(?:\.\d+)?)\s*$")


def parse_size(text: str) -> tuple[float, float]:
    """'1600x900' -> (1600.0, 900.0); SpecError naming the expected form otherwise."""
    m = _SIZE.match(text or "")
    if not m:
        raise SpecError(f"bad size {text!r}; write WIDTHxHEIGHT in pixels, e.g. 1600x900")
    w, h = float(m.group(1)), float(m.group(2))
    for side in (w, h):
        if not (MIN_SIDE <= side <= MAX_SIDE):
            raise SpecError(f"bad size {text!r}; each side must be {MIN_SIDE}..{MAX_SIDE} pixels")
    return w, h


def with_preset(spec: FigureSpec, name: str, scale: Optional[float] = None) -> FigureSpec:
    """The spec at a named preset's size (and its default scale unless ``scale`` is given)."""
    preset = PRESETS.get(name)
    if preset is None:
        names = sorted({p.name for p in PRESETS.values()})
        raise SpecError(f"unknown preset {name!r}; choose one of {', '.join(names)}")
    return replace(spec, width=preset.width, height=preset.height,
                   scale=preset.default_scale if scale is None else scale,
                   physical_size=preset.physical_size)
