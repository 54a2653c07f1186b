"""Node labels that stay readable: a few, never overlapping, constant screen size.

Labels are placed greedily in priority order (selection first, then its
neighbours, then the biggest nodes) at the first of four spots around the
node that overlaps no label or labelled node already placed, and only for
nodes on screen.  Placement is redone on every zoom/pan, so zooming in
reveals more names instead of scaling the crowded ones.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetricsF

from . import style

# Roughly one label per this many square pixels of view, so density stays readable.
_PX_PER_LABEL = 7000
MAX_LABELS = 80
_PAD = 2.0


class LabelLayer:
    def __init__(self, viewbox: pg.ViewBox, point_size: float = 9.0):
        self.viewbox = viewbox
        self.font = QFont()
        self.font.setPointSizeF(point_size)
        self.bold = QFont(self.font)
        self.bold.setBold(True)
        self._metrics = QFontMetricsF(self.font)
        self._bold_metrics = QFontMetricsF(self.bold)
        self._items: list[pg.TextItem] = []
        self.shown: dict[int, str] = {}        # node index -> label text, as last placed

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
              radius_px: np.ndarray, strong: set[int]) -> None:
        """Label ``candidates`` (node indexes, best first); ``strong`` ones are bold and always labelled.

        ``strong`` nodes (the selection) come first in ``candidates`` and get a
        label even where every spot is crowded; the others only where free.
        """
        vr = self.viewbox.viewRect()
        rect = self.viewbox.boundingRect()
        w_px, h_px = rect.width(), rect.height()
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
        placed = np.empty((len(cand), 4))
        n_placed = 0
        shown: dict[int, str] = {}
        k = 0
        hubs = len(strong) + max(3, budget // 8)
        for j, node in enumerate(cand):
            is_strong = int(node) in strong
            if len(shown) >= budget and not is_strong:
                break
            text = names[node]
            metrics = self._bold_metrics if is_strong else self._metrics
            tw, th = metrics.horizontalAdvance(text) + 2 * _PAD, metrics.height() + _PAD
            rad = float(r[j]) + 1.0
            x0, y0 = float(px[j]), float(py[j])
            # Right, left, above, below, then above/below hanging off either side;
            # boxes as (x0, y0, x1, y1) in screen pixels.
            # Above/below slide sideways to stay on screen, as long as they still cover the node.
            centred = min(max(x0 - tw / 2, 0.0), w_px - tw)
            centred = min(max(centred, x0 - tw + 2), x0 - 2)
            up, down = y0 - rad - th, y0 + rad
            lx = np.array([x0 + rad, x0 - rad - tw, centred, centred,
                           x0 + rad * 0.5, x0 + rad * 0.5, x0 - rad * 0.5 - tw, x0 - rad * 0.5 - tw])
            ly = np.array([y0 - th / 2, y0 - th / 2, up, down, up, down, up, down])
            boxes = np.column_stack([lx, ly, lx + tw, ly + th])
            inside = (boxes[:, 0] >= 0) & (boxes[:, 2] <= w_px) & (boxes[:, 1] >= 0) & (boxes[:, 3] <= h_px)
            free_of_nodes = inside & ~self._hits(boxes, obstacles, skip=j)
            free_of_labels = inside & ~self._hits(boxes, placed[:n_placed])
            ok = free_of_nodes & free_of_labels
            if not ok.any() and j < hubs:
                # The biggest hubs sit in the densest spot; their names may cover other
                # nodes (the label has a backing) but never another label.
                ok = free_of_labels
            if not ok.any():
                if not is_strong:
                    continue
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
        for item in self._items[k:]:
            item.hide()
        self.shown = shown
