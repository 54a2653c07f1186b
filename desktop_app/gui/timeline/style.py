"""The timeline's colours and sizes, taken from ``core.palette`` in one place."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from desktop_app.core import palette
from desktop_app.core.folding import SPAN_FADE_PX, SPAN_MIN_PX
from desktop_app.core.happenings.heads import BADGE_MAX  # noqa: F401  (a source count above it reads "99+")
from desktop_app.core.model import ACTOR_TYPES, PRECISIONS

from .data import UNKNOWN_PRECISION

# Colour codes: one per actor type, then "unknown type".
TYPE_CODES = {t: i for i, t in enumerate(ACTOR_TYPES)}
UNKNOWN_TYPE = len(ACTOR_TYPES)
TYPE_COLORS = [QColor(palette.actor_color(t)) for t in ACTOR_TYPES] + [QColor(palette.UNKNOWN_ACTOR_COLOR)]
TYPE_SQUARE = [palette.actor_shape(t) == "square" for t in ACTOR_TYPES] + [False]
DEFAULT_COLOR_CODE = UNKNOWN_TYPE

FOREGROUND = QColor(palette.FOREGROUND)
MUTED = QColor(palette.MUTED_TEXT)
LANE_STRIPE = QColor(palette.LANE_STRIPE)
GRID = QColor(palette.GRID)
REPORT_MARKER = QColor(palette.REPORT_MARKER)
REPORT_LINK = QColor(palette.REPORT_LINK)
SELECTION = QColor(palette.SELECTION)
SELECTION_FILL = QColor(palette.SELECTION_FILL)
BACKGROUND = QColor(palette.BACKGROUND)
# Behind a mark's label, which may cross a translucent span.
LABEL_BACKING = QColor(BACKGROUND.red(), BACKGROUND.green(), BACKGROUND.blue(), 205)

# The overview: every event in grey, the filtered subset in a colour actor types do not use.
OVERVIEW_ALL = QColor("#BBBBBB")
OVERVIEW_SUBSET = QColor(palette.OKABE_ITO["black"])
WINDOW_FILL = QColor(palette.OKABE_ITO["yellow"])
WINDOW_FILL.setAlpha(70)
VIEW_REGION_FILL = QColor(palette.OKABE_ITO["sky_blue"])
VIEW_REGION_FILL.setAlpha(60)
VIEW_REGION_EDGE = QColor(palette.OKABE_ITO["blue"])

POINT_SIZE = 9          # px, a day-precise event
HALO_SIZE = 17          # px, behind the selected event
BAR_HEIGHT = 0.42       # of a lane
REPORT_OFFSET = 0.34    # report diamonds sit this far below their event, in lanes
OPEN_LEAD_PX = 26       # the dashed lead-in of an "on or before" mark
FADE_PX = SPAN_FADE_PX  # the fading open side of a "since" / "until" span (36; a figure folds by it)
OPEN_FILL_ALPHA = 0.5   # its known part
EXPANDED_GAP_PX = 6     # a selected happening's report rings sit this far below its mark
MIN_BAR_PX = SPAN_MIN_PX    # 3

MAX_BAR_HALF_PX = 13
MAX_REPORT_OFFSET_PX = 19

# Overlapping marks in one lane share it as sub-rows (see packing.py): together they fill at
# most this share of the lane, so lane labels stay where they are and stripes keep a margin.
SUBROW_BAND = 0.84
SUBROW_GAP_PX = 2.0
MIN_SUBROW_PX = 7.0     # below this a row could not show a point symbol: cap the rows instead


# A span longer than the view (``core.context_spans``): a thin line this far below the lane's centre
# (in lanes), behind its marks, with arrow heads where it goes on past the view.
CONTEXT_Y = 0.45
CONTEXT_HALF_PX = 1.5
CONTEXT_ALPHA = 0.55
CONTEXT_ARROW_PX = 3.5
CONTEXT_PITCH_PX = 3.5      # several context spans in a lane: thin lines this far apart, upwards
CONTEXT_MAX_ROWS = 3


def context_offset_px(lane_px: float, row):
    """Where a context span on thin line ``row`` lies, from its lane's centre (device pixels)."""
    return CONTEXT_Y * lane_px - np.asarray(row) * CONTEXT_PITCH_PX * np.sign(lane_px)


def bar_half_px(lane_px: float) -> float:
    """Half a bar's height: a fixed share of the lane, but no fatter than a label line when lanes are tall."""
    return min(abs(lane_px) * BAR_HEIGHT, MAX_BAR_HALF_PX)


def max_subrows(lane_px: float) -> int:
    return max(1, int(SUBROW_BAND * abs(lane_px) // MIN_SUBROW_PX))


def subrow_pitch_px(lane_px: float, rows):
    """Distance between sub-row centres for clusters of ``rows`` rows (an int or an array)."""
    full = 2 * bar_half_px(lane_px) + SUBROW_GAP_PX
    return np.minimum(full, SUBROW_BAND * abs(lane_px) / np.maximum(rows, 1))


def subrow_half_px(lane_px: float, rows):
    """Half a bar's height in a sub-row: the lane's bar height for a lone mark, thinner when stacked."""
    pitch = subrow_pitch_px(lane_px, rows)
    return np.minimum(bar_half_px(lane_px), np.maximum(1.5, (pitch - SUBROW_GAP_PX) / 2))


def bar_scale(code: int) -> float:
    """Coarser bars are drawn thinner, so a month nested in its year (or two overlapping
    spans in one lane) still shows as two bars instead of one blur."""
    if code <= PRECISIONS.index("month"):
        return 1.0
    if code <= PRECISIONS.index("year"):
        return 0.72
    return 0.5


def report_offset_px(lane_px: float) -> float:
    return min(abs(lane_px) * REPORT_OFFSET, MAX_REPORT_OFFSET_PX)


_HATCHES = {None: Qt.BrushStyle.SolidPattern, "diagonal": Qt.BrushStyle.BDiagPattern,
            "cross": Qt.BrushStyle.DiagCrossPattern}


def precision_style(code: int, on_or_before: bool) -> palette.MarkStyle:
    precision = PRECISIONS[code] if code < UNKNOWN_PRECISION else None
    return palette.mark_style(precision, "on_or_before" if on_or_before else "on")


def hatch(name) -> Qt.BrushStyle:
    return _HATCHES.get(name, Qt.BrushStyle.SolidPattern)


def with_alpha(color: QColor, alpha: float) -> QColor:
    c = QColor(color)
    c.setAlphaF(max(0.0, min(1.0, alpha)))
    return c
