"""How the network view draws: every colour, size and width rule in one place.

Colours come from ``core.palette`` so a node on screen matches the exported
figure and the timeline lane of the same actor type.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor

from desktop_app.core import palette

# pyqtgraph symbol codes for the palette's shape names.
_SYMBOLS = {"circle": "o", "square": "s", "diamond": "d", "triangle": "t1", "hexagon": "h"}
# Characters for the legend, matching those shapes.
LEGEND_GLYPHS = {"circle": "●", "square": "■", "diamond": "◆", "triangle": "▲", "hexagon": "⬢"}

BACKGROUND = QColor(palette.BACKGROUND)
FOREGROUND = QColor(palette.FOREGROUND)
MUTED = QColor(palette.MUTED_TEXT)
SELECTION = QColor(palette.SELECTION)
HALO = QColor(palette.SELECTION_FILL)

# Node diameters in screen pixels: constant under zoom so a crowded region
# spreads apart as the user zooms in.
NODE_MIN_PX = 9.0
NODE_MAX_PX = 30.0
# Tie widths in screen pixels, bucketed so all ties draw in a few batched paths.
EDGE_WIDTHS = (1.0, 1.8, 2.8, 4.0)

# Alphas (0..255) by emphasis.
NODE_ALPHA = 255
NODE_DIM_ALPHA = int(255 * palette.DIMMED_ALPHA)
NODE_GHOST_ALPHA = 22        # outside the brushed time window: a faint trace keeps the map
# Per width bucket: a weak tie (one shared happening) is thin *and* faint, so the strong ones carry the picture.
EDGE_ALPHAS = (70, 115, 150, 185)
EDGE_DIM_ALPHA = 30
EDGE_HIGHLIGHT = QColor(palette.FOREGROUND)
# The veil over the unselected part of the network: what shows through is
# palette.DIMMED_ALPHA of the original, as in the timeline and the exports.
VEIL_ALPHA = int(255 * (1 - palette.DIMMED_ALPHA))


def symbol(actor_type: str) -> str:
    return _SYMBOLS.get(palette.actor_shape(actor_type), "o")


def type_color(actor_type: str) -> QColor:
    return QColor(palette.actor_color(actor_type))


def node_scale(n: int) -> float:
    """Shrink nodes as the network grows, so a hundred actors do not merge into one blob."""
    return float(np.clip(1.35 - 0.3 * np.log10(max(n, 1)), 0.5, 1.0))


def node_sizes(values: np.ndarray) -> np.ndarray:
    """Area grows with the value (sqrt scale) so hubs stand out without swallowing the picture."""
    if len(values) == 0:
        return np.zeros(0)
    k = node_scale(len(values))
    lo, hi = NODE_MIN_PX * max(k, 0.7), NODE_MAX_PX * k
    top = float(values.max())
    if top <= 0:
        return np.full(len(values), lo)
    sizes = lo + (hi - lo) * np.sqrt(np.clip(values, 0, None) / top)
    # Half-pixel steps: pyqtgraph renders one atlas sprite per distinct size and
    # style, and continuous sizes made a hub's selection render thousands of them.
    return np.round(sizes * 2.0) / 2.0


def edge_buckets(weight: np.ndarray) -> np.ndarray:
    """Index into EDGE_WIDTHS per tie; log-scaled because a few ties repeat very often."""
    if len(weight) == 0:
        return np.zeros(0, dtype=np.int64)
    lw = np.log1p(np.clip(weight, 0, None))
    top = float(lw.max())
    if top <= float(lw.min()):
        return np.zeros(len(weight), dtype=np.int64)
    scaled = (lw - lw.min()) / (top - lw.min())
    return np.minimum((scaled * len(EDGE_WIDTHS)).astype(np.int64), len(EDGE_WIDTHS) - 1)


def with_alpha(color: QColor, alpha: int) -> QColor:
    c = QColor(color)
    c.setAlpha(alpha)
    return c
