"""The overview strip: density of every event on a fixed scale, the filtered subset over it,
and the main view's visible range as a draggable region."""
from __future__ import annotations

from typing import Optional

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QPen

from . import style
from .axis import TimeAxisItem
from .data import TimelineData, bin_spans, histogram_edges, spread_counts

BINS = 240


class OverviewStrip(pg.PlotWidget):
    # The user dragged the visible-range region: the main view should show (lo, hi).
    range_dragged = Signal(float, float)

    def __init__(self, parent=None):
        self.axis = TimeAxisItem("bottom", max_major=10)
        super().__init__(parent, axisItems={"bottom": self.axis}, background=style.BACKGROUND)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setMenuEnabled(False)
        pi = self.getPlotItem()
        pi.hideAxis("left")
        pi.setContentsMargins(0, 0, 0, 0)
        self.setFixedHeight(92)
        self.edges: Optional[np.ndarray] = None
        self.all_counts = np.zeros(0)
        self.subset_counts = np.zeros(0)
        self._all = pg.PlotDataItem(stepMode="center", fillLevel=0, pen=pg.mkPen(style.OVERVIEW_ALL),
                                    brush=QBrush(style.OVERVIEW_ALL))
        self._subset = pg.PlotDataItem(stepMode="center", fillLevel=0, pen=pg.mkPen(style.OVERVIEW_SUBSET, width=1),
                                       brush=QBrush(style.with_alpha(style.OVERVIEW_SUBSET, 0.55)))
        self._window = pg.LinearRegionItem(movable=False, brush=QBrush(style.WINDOW_FILL), pen=QPen(style.MUTED))
        self._window.setZValue(5)
        self._window.hide()
        self.region = pg.LinearRegionItem(brush=QBrush(style.VIEW_REGION_FILL),
                                          pen=pg.mkPen(style.VIEW_REGION_EDGE, width=1.5))
        self.region.setZValue(10)
        for item in (self._all, self._subset, self._window, self.region):
            self.addItem(item)
        self._syncing = False
        self._shown: Optional[tuple[float, float]] = None     # the strip's x range
        self.region.sigRegionChanged.connect(self._region_moved)

    def set_data(self, data: TimelineData) -> None:
        """All events, binned once; this scale stays put while filters change."""
        # Where the events are (core.extent): a misdated outlier must not squeeze them into one bin.
        robust = data.robust_extent()
        ext = (robust.lo, robust.hi) if robust is not None else None
        if ext is None:
            self.edges = None
            self._all.setData([], [])
            self._subset.setData([], [])
            return
        self.edges = histogram_edges(ext, BINS)
        self._spans = bin_spans(data, self.edges)     # per event, once: each filter is two bincounts
        self.all_counts = spread_counts(self._spans, BINS)
        self._all.setData(self.edges, self.all_counts)
        top = max(1, int(self.all_counts.max()))
        self._shown = (float(self.edges[0]), float(self.edges[-1]))
        full = data.extent()
        pad = (full[1] - full[0]) * 0.02
        self._full = (min(full[0] - pad, self._shown[0]), max(full[1] + pad, self._shown[1]))
        self.setXRange(*self._shown, padding=0)
        self.setYRange(0, top * 1.05, padding=0)

    def set_subset(self, data: TimelineData, mask: Optional[np.ndarray]) -> None:
        """The filtered events over the whole; None when nothing is filtered (no overlay)."""
        if self.edges is None or mask is None:
            self.subset_counts = np.zeros(0)
            self._subset.setData([], [])
            return
        self.subset_counts = spread_counts(self._spans, BINS, mask)
        self._subset.setData(self.edges, self.subset_counts)

    def set_window(self, window: Optional[tuple[float, float]]) -> None:
        if window is None:
            self._window.hide()
        else:
            self._window.setRegion(window)
            self._window.show()

    def show_visible(self, lo: float, hi: float) -> None:
        self._syncing = True
        try:
            if self.edges is not None:
                # The view went off to an outlier: show every event's range until it comes back.
                # Two states, switched only when the view's middle crosses the strip's edge, so a
                # pan does not re-lay the strip out (that cost a few ms per frame).
                a, b = float(self.edges[0]), float(self.edges[-1])
                want = (a, b) if a <= (lo + hi) / 2 <= b else self._full
                if want != self._shown:
                    self._shown = want
                    self.setXRange(*want, padding=0)
            self.region.setRegion((lo, hi))
        finally:
            self._syncing = False

    def _region_moved(self) -> None:
        if self._syncing:
            return
        lo, hi = self.region.getRegion()
        if hi > lo:
            self.range_dragged.emit(float(lo), float(hi))
