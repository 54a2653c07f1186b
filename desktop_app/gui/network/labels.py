"""Node labels that stay readable: a few, never overlapping, constant screen size.

Labels are placed greedily in priority order (selection first, then its
neighbours, then the biggest nodes) at the first of eight spots around the
node that overlaps no label or labelled node already placed, and only for
nodes on screen.  Among those spots one that no drawn tie runs through
wins (``tie_grid``); a label lies across a tie only where no other spot is
free.  Placement is redone on every zoom/pan, so zooming in reveals more
names instead of scaling the crowded ones.
"""
from __future__ import annotations

from typing import Optional, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetricsF

from . import style
from desktop_app.core.tie_grid import TieGrid

# Roughly one label per this many square pixels of view, so density stays readable.
_PX_PER_LABEL = 7000
MAX_LABELS = 80
_PAD = 2.0
# Candidates whose spots are checked against the ties in one vectorised lookup.
_INK_BATCH = 48


class LabelLayer:
    def __init__(self, viewbox: pg.ViewBox, point_size: float = 9.0):
        self.viewbox = viewbox
        self.font = QFont()
        self.font.setPointSizeF(point_size)
        self.bold = QFont(self.font)
        self.bold.setBold(True)
        self._metrics = QFontMetricsF(self.font)
        self._bold_metrics = QFontMetricsF(self.bold)
        self._height, self._bold_height = self._metrics.height(), self._bold_metrics.height()
        # Text widths by (text, bold): every zoom step re-measures the same few hundred names.
        self._widths: dict[tuple[str, bool], float] = {}
        self._items: list[pg.TextItem] = []
        self.shown: dict[int, str] = {}        # node index -> label text, as last placed
        # node index -> its label's box (x0, y0, x1, y1) in viewbox pixels, y down, as last placed
        self.boxes: dict[int, tuple[float, float, float, float]] = {}

    def _item(self, k: int) -> pg.TextItem:
        while len(self._items) <= k:
            item = pg.TextItem(color=style.FOREGROUND, fill=pg.mkBrush(255, 255, 255, 200))
            item.textItem.document().setDocumentMargin(1)
            item.setZValue(20)
            self.viewbox.addItem(item, ignoreBounds=True)
            self._items.append(item)
        return self._items[k]

    def clear(self) -> None:
        for item in self._items:
            item.hide()
        self.shown = {}
        self.boxes = {}

    @staticmethod
    def _hits(boxes: np.ndarray, obs: np.ndarray, skip: int = -1) -> np.ndarray:
        """Per box, whether it overlaps any obstacle rectangle (except row ``skip``)."""
        if len(obs) == 0:
            return np.zeros(len(boxes), dtype=bool)
        hit = ((obs[None, :, 0] < boxes[:, None, 2]) & (obs[None, :, 2] > boxes[:, None, 0])
               & (obs[None, :, 1] < boxes[:, None, 3]) & (obs[None, :, 3] > boxes[:, None, 1]))
        if skip >= 0:
            hit[:, skip] = False      # a node does not block its own label
        return hit.any(axis=1)

    def place(self, pos: np.ndarray, names: Sequence[str], candidates: Sequence[int],
              radius_px: np.ndarray, strong: set[int],
              ties: Optional[tuple[np.ndarray, np.ndarray]] = None, must: frozenset = frozenset()) -> None:
        """Label ``candidates`` (node indexes, best first); ``strong`` ones are bold and always labelled.

        ``strong`` nodes (the selection) come first in ``candidates`` and get a
        label even where every spot is crowded; the others only where free.
        ``ties`` are the drawn ties as (source, target) node index arrays: a
        spot no tie crosses is preferred over one a tie runs through.
        """
        vr = self.viewbox.viewRect()
        rect = self.viewbox.boundingRect()
        w_px, h_px = rect.width(), rect.height()
        self.boxes = {}
        if w_px <= 1 or h_px <= 1 or vr.width() <= 0 or vr.height() <= 0 or len(pos) == 0:
            self.clear()
            return
        sx, sy = w_px / vr.width(), h_px / vr.height()
        budget = int(min(MAX_LABELS, max(6, w_px * h_px / _PX_PER_LABEL)))
        cand = np.asarray(list(candidates), dtype=np.int64)
        if len(cand) == 0:
            self.clear()
            return
        # Screen coordinates, y down.
        px = (pos[cand, 0] - vr.left()) * sx
        py = (vr.bottom() - pos[cand, 1]) * sy
        on_screen = (px >= 0) & (px <= w_px) & (py >= 0) & (py <= h_px)
        cand, px, py = cand[on_screen], px[on_screen], py[on_screen]
        # Every candidate's node disc is an obstacle, whether or not it gets a label.
        r = radius_px[cand]
        obstacles = np.column_stack([px - r, py - r, px + r, py + r])
        spots = self._spots(cand, names, strong, px, py, r, w_px, h_px)
        inside_all = ((spots[:, :, 0] >= 0) & (spots[:, :, 2] <= w_px)
                      & (spots[:, :, 1] >= 0) & (spots[:, :, 3] <= h_px))
        # How much tie line runs through each spot: one grid per placement, looked up for a
        # batch of candidates at a time, since the loop usually stops at the budget long before the end.
        ink = np.zeros(inside_all.shape)
        grid = None
        if ties is not None and len(ties[0]):
            src, dst = ties
            # Every node to screen pixels once, then gathered per tie end.
            all_x, all_y = (pos[:, 0] - vr.left()) * sx, (vr.bottom() - pos[:, 1]) * sy
            seg = np.column_stack([all_x[src], all_y[src], all_x[dst], all_y[dst]])
            grid = TieGrid(seg, w_px, h_px)
        avoid_ties = grid is not None and grid.active
        inked = 0 if avoid_ties else len(cand)
        placed = np.empty((len(cand), 4))
        n_placed = 0
        shown: dict[int, str] = {}
        k = 0
        hubs = len(strong) + max(3, budget // 8)
        for j, node in enumerate(cand):
            is_strong = int(node) in strong
            always = is_strong or int(node) in must
            if len(shown) >= budget and not always:
                break
            if j >= inked:
                batch = slice(inked, inked + _INK_BATCH)
                lookup = ink[batch]
                lookup[inside_all[batch]] = grid.ink(spots[batch][inside_all[batch]])
                inked += _INK_BATCH
            text = names[node]
            boxes, inside = spots[j], inside_all[j]
            free_of_nodes = inside & ~self._hits(boxes, obstacles, skip=j)
            free_of_labels = inside & ~self._hits(boxes, placed[:n_placed])
            ok = free_of_nodes & free_of_labels
            if avoid_ties:
                ok = _least_inked(ok, ink[j])
            if not ok.any() and (j < hubs or always):
                # The biggest hubs sit in the densest spot; their names may cover other
                # nodes (the label has a backing) but never another label.
                ok = _least_inked(free_of_labels, ink[j]) if avoid_ties else free_of_labels
            if not ok.any():
                if not is_strong:
                    continue        # a neighbour may cover nodes (above), never another name
                # The selection is always named: take the first spot on screen even if crowded.
                ok = inside if inside.any() else np.arange(len(boxes)) == 0
            spot = int(np.argmax(ok))
            placed[n_placed] = boxes[spot]
            n_placed += 1
            item = self._item(k)
            k += 1
            item.setText(text)
            item.textItem.setFont(self.bold if is_strong else self.font)
            # Placed by its top-left corner, converted back from screen pixels to view units.
            item.setAnchor((0.0, 0.0))
            bx, by = float(boxes[spot, 0]), float(boxes[spot, 1])
            item.setPos(vr.left() + bx / sx, vr.bottom() - by / sy)
            item.show()
            shown[int(node)] = text
            self.boxes[int(node)] = tuple(float(v) for v in boxes[spot])
        for item in self._items[k:]:
            item.hide()
        self.shown = shown

    def _spots(self, cand: np.ndarray, names: Sequence[str], strong: set[int], px: np.ndarray,
               py: np.ndarray, r: np.ndarray, w_px: float, h_px: float) -> np.ndarray:
        """The eight candidate boxes (x0, y0, x1, y1) of each node, in screen pixels, best first.

        Right, left, above, below, then above/below hanging off either side.
        Above/below slide sideways to stay on screen, as long as they still cover the node.
        """
        tw = np.empty(len(cand))
        th = np.empty(len(cand))
        widths = self._widths
        for j, node in enumerate(cand):
            bold = int(node) in strong
            text = names[node]
            w = widths.get((text, bold))
            if w is None:
                w = widths[(text, bold)] = (self._bold_metrics if bold else self._metrics).horizontalAdvance(text)
            tw[j] = w + 2 * _PAD
            th[j] = (self._bold_height if bold else self._height) + _PAD
        rad = r + 1.0
        centred = np.minimum(np.maximum(px - tw / 2, 0.0), w_px - tw)
        centred = np.minimum(np.maximum(centred, px - tw + 2), px - 2)
        up, down = py - rad - th, py + rad
        mid = py - th / 2
        lx = np.column_stack([px + rad, px - rad - tw, centred, centred,
                              px + rad * 0.5, px + rad * 0.5, px - rad * 0.5 - tw, px - rad * 0.5 - tw])
        ly = np.column_stack([mid, mid, up, down, up, down, up, down])
        return np.stack([lx, ly, lx + tw[:, None], ly + th[:, None]], axis=2)


def _least_inked(ok: np.ndarray, ink: np.ndarray) -> np.ndarray:
    """Of the ``ok`` spots, those with the least tie line through them (none, where possible).

    Better across a tie than not named, and better where a tie clips a
    corner than where one runs along the text.
    """
    if not ok.any():
        return ok
    return ok & (ink == ink[ok].min())
