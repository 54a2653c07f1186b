"""Colours and mark styles every view and every exported figure shares.

Plain data, no Qt: the timeline, the network view and the figure exporter
all read from here so that a mark means the same thing on screen, in a PNG
and in an SVG.  Colours are hex strings ("#RRGGBB").

Why Okabe-Ito: its eight colours stay distinguishable under the common
colour-vision deficiencies and in greyscale print.  Yellow (#F0E442) is kept
out of the actor colours because it vanishes on white paper; it is used only
as a highlight *behind* a dark outline.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

# The Okabe-Ito set (Okabe & Ito 2008, "Color Universal Design").
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

ACTOR_TYPE_COLORS = {
    "person": OKABE_ITO["blue"],
    "organization": OKABE_ITO["vermillion"],
    "group": OKABE_ITO["bluish_green"],
    "media": OKABE_ITO["reddish_purple"],
    "location": OKABE_ITO["orange"],
}
# An actor whose type the extractor could not tell: neutral, still visible in print.
UNKNOWN_ACTOR_COLOR = "#7F7F7F"

# Marker shapes per actor type, so type survives greyscale and colour blindness
# even without colour. Views that cannot draw shapes may ignore this.
ACTOR_TYPE_SHAPES = {
    "person": "circle",
    "organization": "square",
    "group": "diamond",
    "media": "triangle",
    "location": "hexagon",
}

BACKGROUND = "#FFFFFF"
FOREGROUND = "#1A1A1A"      # text and axes: near-black prints crisper than mid-grey
MUTED_TEXT = "#555555"      # secondary labels, footnotes
GRID = "#E3E3E3"
GRID_MAJOR = "#C8C8C8"
LANE_STRIPE = "#F5F5F5"     # alternate lane background, light enough to vanish in print
EDGE = "#8C8C8C"            # network ties
EVENT_DEFAULT = "#333333"   # an event mark with no typed actor (single-band timeline)

# The report date (when a source said it) is drawn apart from event time in a
# colour no actor type uses, so it never reads as an event.
REPORT_MARKER = OKABE_ITO["sky_blue"]
REPORT_LINK = "#9CCFEF"     # thin connector from an event to its report marker

SELECTION = OKABE_ITO["black"]          # outline of selected marks / nodes
SELECTION_FILL = OKABE_ITO["yellow"]    # halo behind selected marks
HIGHLIGHT = OKABE_ITO["yellow"]         # hover / current event
DIMMED_ALPHA = 0.25                     # unselected marks when a selection exists
BANNER_BACKGROUND = "#1A1A1A"
BANNER_FOREGROUND = "#FFFFFF"
DENSITY_EMPTY = "#FFFFFF"


@dataclass(frozen=True, slots=True)
class MarkStyle:
    """How to draw an event date of a given precision and relation.

    kind: "point" (a marker at an instant) or "bar" (a span across the interval).
    fill_alpha: opacity of the fill, 0..1; coarser spans are lighter so that
      a precise point drawn over them stays readable.
    hatch: None, or a hatch pattern name ("diagonal", "cross") for spans
      coarse enough that their position is a guess.
    outline: whether the span/marker gets an outline in the mark colour.
    open_start: the mark's left end is open (drawn as a fading or arrowed
      edge) because the event happened at or before its right end only.
    dash: None or a dash pattern name ("dashed") for the outline.
    fade: None, "end" ("since 1985": known start, no known end) or "start"
      ("until Friday": no known start): the open side fades out and ends in
      an arrow head, and the span is drawn as a bar even at day precision.
    """

    kind: str
    fill_alpha: float
    hatch: Optional[str] = None
    outline: bool = True
    open_start: bool = False
    dash: Optional[str] = None
    fade: Optional[str] = None


# An open interval's fading side: this many steps of falling opacity (screen and figures draw it
# alike, as stepped rectangles: no gradient needed in SVG, and the screen batches them per step).
FADE_STEPS = 6
OPEN_RELATIONS = {"from": "end", "until": "start"}


_POINT_PRECISIONS = frozenset(("second", "minute", "hour", "day"))
_FINE_SPANS = frozenset(("week", "month"))
_MID_SPANS = frozenset(("quarter", "season", "year"))


def mark_style(precision: Optional[str], relation: str = "on") -> MarkStyle:
    """The mark for an event date: points for day or finer, ever lighter bars for coarser.

    ``relation == "on_or_before"`` keeps the same body but opens the start
    and dashes the outline: the date is an upper bound, not the happening.
    """
    on_or_before = relation == "on_or_before"
    fade = OPEN_RELATIONS.get(relation)
    if fade is not None:
        # "since 1985" / "until Friday": a span open on one side, whatever the precision of its bound.
        alpha = 0.55 if precision in _POINT_PRECISIONS or precision in _FINE_SPANS else 0.30
        return MarkStyle("bar", alpha, None, True, open_start=fade == "start", fade=fade)
    if precision in _POINT_PRECISIONS:
        style = MarkStyle("point", 1.0)
    elif precision in _FINE_SPANS:
        style = MarkStyle("bar", 0.55)
    elif precision in _MID_SPANS:
        style = MarkStyle("bar", 0.30, hatch="diagonal")
    else:  # decade, century, millennium, or unknown: the position is a guess
        style = MarkStyle("bar", 0.15, hatch="cross")
    if on_or_before:
        style = MarkStyle(style.kind, style.fill_alpha * 0.6 if style.kind == "bar" else 0.0,
                          style.hatch, True, open_start=True, dash="dashed")
    return style


def actor_color(actor_type: Optional[str]) -> str:
    return ACTOR_TYPE_COLORS.get(actor_type or "", UNKNOWN_ACTOR_COLOR)


def actor_shape(actor_type: Optional[str]) -> str:
    return ACTOR_TYPE_SHAPES.get(actor_type or "", "circle")


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    """'#RRGGBB' -> (r, g, b); raises ValueError with the bad value on anything else."""
    c = color.lstrip("#")
    if len(c) != 6:
        raise ValueError(f"not a #RRGGBB colour: {color!r}")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def blend(color: str, alpha: float, background: str = BACKGROUND) -> str:
    """The opaque colour ``color`` at ``alpha`` over ``background``.

    Used where an output (print, some SVG viewers) handles transparency badly.
    """
    fr, fg, fb = hex_to_rgb(color)
    br, bg, bb = hex_to_rgb(background)
    a = max(0.0, min(1.0, alpha))
    mix = lambda f, b: round(f * a + b * (1 - a))  # noqa: E731
    return "#{:02X}{:02X}{:02X}".format(mix(fr, br), mix(fg, bg), mix(fb, bb))


# Precision labels for legends, finest to coarsest, grouped by how they are drawn.
PRECISION_LEGEND = (
    ("day or finer", "day", "on"),
    ("week / month", "month", "on"),
    ("quarter / season / year", "year", "on"),
    ("decade or coarser", "decade", "on"),
    ("on or before (dated by its report)", "day", "on_or_before"),
    ("since (open end)", "year", "from"),
    ("until (open start)", "year", "until"),
)
