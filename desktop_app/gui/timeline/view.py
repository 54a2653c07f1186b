"""The timeline view: lanes of event marks over a calendar axis, an overview strip, and the undated list.

It reads the corpus and the selection from ``AppState`` and writes the
selection back (clicked event, brushed window); it redraws only when
``selection_changed`` or ``corpus_changed`` fire, once per change.
"""
from __future__ import annotations

from typing import Optional

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QSplitter, QToolButton,
                               QToolTip, QVBoxLayout, QWidget)

from desktop_app.core import timeaxis
from desktop_app.core.selection import SelectionChange

from . import style
from ..plain import as_rich, plain
from .axis import LaneAxisItem, TimeAxisItem
from .data import TimelineData, from_corpus
from .lanes import Layout, layout
from .describe import describe
from .marks import DEFAULT_THRESHOLD, MarksItem
from .overview import OverviewStrip
from .viewbox import TimelineViewBox

DEFAULT_MAX_LANES = 12
UNPLACED_LISTED = 1000
LEGEND = ("●  day or finer    ▬  week / month    ▨  quarter / year (hatched: approximate)    "
          "┅◁  on or before    ◆  date reported")


class TimelineView(QWidget):
    # After each redraw from the model; tests and the status bar listen.
    redrawn = Signal()

    def __init__(self, state, parent=None, threshold: int = DEFAULT_THRESHOLD, max_lanes: int = DEFAULT_MAX_LANES):
        super().__init__(parent)
        self.state = state
        self.max_lanes = max_lanes
        self.compact = False
        self.redraw_count = 0
        self.data: Optional[TimelineData] = None
        self.layout: Optional[Layout] = None
        self.hover_row: Optional[int] = None
        self.hover_text = ""
        self._build(threshold)
        self._show_empty_state()
        state.corpus_changed.connect(self._on_corpus_changed)
        state.selection_changed.connect(self._on_selection_changed)
        if state.corpus.events:
            self._on_corpus_changed()

    # -- construction --------------------------------------------------------
    def _build(self, threshold: int) -> None:
        self.time_axis = TimeAxisItem("bottom")
        self.lane_axis = LaneAxisItem()
        self.viewbox = TimelineViewBox()
        self.plot = pg.PlotWidget(viewBox=self.viewbox, axisItems={"bottom": self.time_axis, "left": self.lane_axis},
                                  background=style.BACKGROUND)
        self.plot.hideButtons()
        self.plot.getPlotItem().showGrid(x=True, y=False, alpha=0.25)
        self.lane_axis.setWidth(190)
        self.marks = MarksItem(threshold)
        self.viewbox.addItem(self.marks)
        self.window_region = pg.LinearRegionItem(movable=False, brush=pg.mkBrush(style.WINDOW_FILL),
                                                 pen=pg.mkPen(style.MUTED))
        self.window_region.setZValue(-5)
        self.window_region.hide()
        self.viewbox.addItem(self.window_region, ignoreBounds=True)
        self.viewbox.setLimits(xMin=timeaxis.MIN_SECONDS, xMax=timeaxis.MAX_SECONDS, minXRange=60.0)
        self.viewbox.on_click = self._clicked
        self.viewbox.on_brush = self.brush
        self.viewbox.sigXRangeChanged.connect(self._range_changed)
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)

        self.overview = OverviewStrip()
        self.overview.range_dragged.connect(self._overview_dragged)

        self.fit_button = self._tool("Fit", "Zoom to fit every event (F)", self.zoom_to_fit)
        self.compact_button = self._tool("Compact", "One band for all events instead of one lane per actor",
                                         self.set_compact, checkable=True)
        self.brush_button = self._tool("Brush", "Drag to choose a time window (or Shift+drag)",
                                       self._set_brush_mode, checkable=True)
        self.clear_button = self._tool("Clear window", "Forget the time window (Esc)", self.clear_window)
        self.context_label = plain(QLabel())
        self.context_label.setStyleSheet(f"color: {style.FOREGROUND.name()}; font-weight: bold;")
        self.mode_label = plain(QLabel())
        self.mode_label.setStyleSheet(f"color: {style.MUTED.name()};")
        bar = QHBoxLayout()
        for w in (self.fit_button, self.compact_button, self.brush_button, self.clear_button):
            bar.addWidget(w)
        bar.addSpacing(12)
        bar.addWidget(self.context_label)
        bar.addStretch(1)
        bar.addWidget(self.mode_label)
        legend = QLabel(LEGEND)
        legend.setStyleSheet(f"color: {style.MUTED.name()};")
        legend.setWordWrap(True)   # a long legend must not set the window's minimum width

        self.unplaced_label = QLabel()
        self.unplaced_label.setWordWrap(True)
        self.unplaced_list = QListWidget()
        self.unplaced_list.setWordWrap(True)   # the sentence says what the date belongs to; keep it readable
        self.unplaced_list.setSpacing(3)
        self.unplaced_list.setAlternatingRowColors(True)
        self.unplaced_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.unplaced_list.itemClicked.connect(self._unplaced_clicked)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(4, 0, 0, 0)
        side_layout.addWidget(self.unplaced_label)
        side_layout.addWidget(self.unplaced_list)
        self.unplaced_panel = side
        side.hide()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(2)
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet(f"color: {style.MUTED.name()}; font-size: 14px;")
        left_layout.addWidget(self.empty_label, 1)
        left_layout.addWidget(self.plot, 1)
        left_layout.addWidget(self.overview)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([900, 190])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(2, 2, 2, 2)
        outer.addLayout(bar)
        outer.addWidget(self.splitter, 1)
        outer.addWidget(legend)
        for key, slot in (("F", self.zoom_to_fit), ("Escape", self.clear_window)):
            sc = QShortcut(QKeySequence(key), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(60)
        self._status_timer.timeout.connect(self._update_mode_label)

    def _tool(self, text, tip, slot, checkable=False) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.setCheckable(checkable)
        (b.toggled if checkable else b.clicked).connect(slot if checkable else (lambda *_: slot()))
        return b

    # -- data ---------------------------------------------------------------
    def set_data(self, data: TimelineData) -> None:
        """Show prepared arrays (the benchmark's synthetic corpus, or a corpus built off-thread)."""
        self.data = data
        self.overview.set_data(data)
        self._show_unplaced()
        self._show_empty_state()
        self._redraw(fit=True)

    def _on_corpus_changed(self) -> None:
        self.set_data(from_corpus(self.state.corpus))

    def _on_selection_changed(self, change: SelectionChange) -> None:
        if self.data is None:
            return
        self._redraw(fit=False, fields=change.fields)

    # -- drawing ----------------------------------------------------------------
    def _redraw(self, fit: bool, fields=frozenset({"actors", "mode", "window", "event"})) -> None:
        sel = self.state.selection
        data = self.data
        if fields & {"actors", "mode"} or self.layout is None:
            self.layout = layout(data, sorted(sel.actors), sel.mode, self.compact, self.max_lanes)
            self.marks.set_content(data, self.layout, self._lane_colors(), self._row_colors())
            self.lane_axis.set_lanes(self.layout.lane_labels)
            self.overview.set_subset(data, self.layout.visible if sel.actors else None)
            self._fit_lanes()
        if "window" in fields:
            self._show_window(sel.window)
        if "event" in fields:
            self.marks.set_selected_row(data.row_for(sel.event))
            self._select_unplaced(sel.event)
        if fit:
            self.zoom_to_fit()
        self.redraw_count += 1
        self._status_timer.start()
        self.redrawn.emit()

    def _lane_colors(self) -> list[int]:
        out = []
        for a in self.layout.lane_actors:
            t = self.data.actor_types[a] if a >= 0 else None
            out.append(style.TYPE_CODES.get(t, style.UNKNOWN_TYPE))
        return out

    def _row_colors(self) -> np.ndarray:
        """Colour per row for the compact band: the type of the event's first actor."""
        data = self.data
        codes = np.full(data.n, style.DEFAULT_COLOR_CODE, dtype=np.int8)
        if self.compact and len(data.pair_row):
            # pair_row is sorted, so each row's first pair is where the row number changes.
            first = np.flatnonzero(np.diff(data.pair_row, prepend=-1))
            rows = data.pair_row[first]
            type_code = np.array([style.TYPE_CODES.get(t, style.UNKNOWN_TYPE) for t in data.actor_types] or [0],
                                 dtype=np.int8)
            codes[rows] = type_code[data.pair_actor[first]]
        return codes

    def _fit_lanes(self) -> None:
        lanes = max(1, len(self.layout.lane_labels))
        self.viewbox.setYRange(-0.6, lanes - 0.4, padding=0)

    def _show_window(self, window) -> None:
        if window is None:
            self.window_region.hide()
            self.overview.set_window(None)
            return
        lo, hi = timeaxis.to_seconds(window[0]), timeaxis.to_seconds(window[1])
        self.window_region.setRegion((lo, hi))
        self.window_region.show()
        self.overview.set_window((lo, hi))

    def zoom_to_fit(self) -> None:
        ext = self.data.extent() if self.data is not None else None
        if ext is None:
            return
        lo, hi = ext
        pad = max((hi - lo) * 0.04, timeaxis.DAY)
        self.viewbox.setXRange(lo - pad, hi + pad, padding=0)

    def set_compact(self, compact: bool) -> None:
        """One band for all events, or a lane per actor; a view option, not a selection."""
        if compact == self.compact:
            return
        self.compact = compact
        self.compact_button.setChecked(compact)
        if self.data is not None:
            self.layout = None
            self._redraw(fit=False, fields=frozenset({"actors"}))

    def visible_range(self) -> tuple[float, float]:
        (x0, x1), _ = self.viewbox.viewRange()
        return x0, x1

    def display_mode(self) -> str:
        """"marks", "density" or "empty" for the current range (computed, no paint needed)."""
        return self.marks.expected_mode(*self.visible_range())

    def _range_changed(self, *_):
        lo, hi = self.visible_range()
        self.overview.show_visible(lo, hi)
        self.context_label.setText(self.time_axis.context() if hi > lo else "")
        self._status_timer.start()

    def _update_mode_label(self) -> None:
        if self.data is None or self.layout is None:
            self.mode_label.setText("")
            return
        mode = self.display_mode()
        shown = int(self.layout.visible.sum())
        text = f"{shown:,} of {self.data.n:,} dated events"
        if mode == "density":
            text += " · density: zoom in for single events"
        self.mode_label.setText(text)

    # -- gestures -----------------------------------------------------------------
    def _overview_dragged(self, lo: float, hi: float) -> None:
        self.viewbox.setXRange(lo, hi, padding=0)

    def _set_brush_mode(self, on: bool) -> None:
        self.viewbox.brush_mode = on

    def brush(self, lo: float, hi: float) -> None:
        """A brushed time range becomes the selection window (one gesture, one update)."""
        self.state.selection.set_window((timeaxis.from_seconds(lo), timeaxis.from_seconds(hi)))

    def clear_window(self) -> None:
        self.state.selection.set_window(None)

    def mark_at(self, pos: QPointF) -> Optional[int]:
        """Row of the mark under a point in view (data) coordinates."""
        px_w, _ = self.viewbox.viewPixelSize()
        return self.marks.mark_at(pos.x(), pos.y(), px_w)

    def marks_in_view(self) -> list[tuple[str, int, float, float]]:
        """``(event id, lane, x, y)`` of each mark drawn one by one: a view point on the mark, sub-row included.

        x is the mark's middle, pulled inside the visible range for a span that
        starts or ends off screen; empty in density mode (no single marks).
        """
        if self.data is None or self.layout is None or self.display_mode() != "marks":
            return []
        x0, x1 = self.visible_range()
        idx = self.layout.in_view(x0, x1)
        rows = self.layout.mark_row[idx]
        xs = np.clip(self.data.mid[rows], x0, x1)
        ys = self.marks.mark_y(idx)
        return [(self.data.event_id(r), int(lane), float(x), float(y))
                for r, lane, x, y in zip(rows, self.layout.mark_lane[idx], xs, ys)]

    def _clicked(self, pos: QPointF) -> None:
        if self.data is None:
            return
        row = self.mark_at(pos)
        self.state.selection.set_event(self.data.event_id(row) if row is not None else None)

    def hover(self, pos: QPointF) -> str:
        """Update the hover state for a view point; returns the tooltip text ('' off any mark)."""
        row = self.mark_at(pos) if self.data is not None else None
        self.hover_row = row
        self.hover_text = describe(self.data, row, self.state.corpus) if row is not None else ""
        return self.hover_text

    def _mouse_moved(self, scene_pos) -> None:
        if not self.viewbox.sceneBoundingRect().contains(scene_pos):
            return
        text = self.hover(self.viewbox.mapSceneToView(scene_pos))
        if text:
            global_pos = self.plot.mapToGlobal(self.plot.mapFromScene(scene_pos))
            QToolTip.showText(global_pos, text, self.plot)
        else:
            QToolTip.hideText()

    def _show_empty_state(self) -> None:
        """With nothing to place, say why instead of drawing an axis around 1970."""
        empty = self.data is None or self.data.n == 0
        if self.data is not None and self.data.unplaced:
            n = len(self.data.unplaced)
            text = (f"No event can be placed on the time line yet: {n} date{'s' if n != 1 else ''} "
                    "lack a year. Set the document's creation time (Edit ▸ Document creation time…).")
        elif self.state.corpus.documents:
            text = "No dated events in these documents."
        else:
            text = "Open files or a folder (File ▸ Open, or drop them here) to see their events in time."
        self.empty_label.setText(text)
        self.empty_label.setVisible(empty)
        self.plot.setVisible(not empty)
        self.overview.setVisible(not empty)

    # -- undated / year unknown ---------------------------------------------------
    def _show_unplaced(self) -> None:
        events = self.data.unplaced
        self.unplaced_list.clear()
        # Each entry builds its Event and a word-wrapped item: a huge corpus lists the first ones only.
        shown = min(len(events), UNPLACED_LISTED)
        for k in range(shown):
            e, written = events[k], self.data.unplaced_text[k]
            item = QListWidgetItem(f"“{written}” — {e.label or e.text[:60]}")
            item.setData(Qt.ItemDataRole.UserRole, e.id)
            item.setToolTip(as_rich(e.text))      # a sentence that looks like HTML is still shown as text
            self.unplaced_list.addItem(item)
        more = f", first {shown:,} listed" if shown < len(events) else ""
        self.unplaced_label.setText(
            f"<b>Undated / year unknown ({len(events)}{more})</b><br>"
            "<small>Not placed on the line. Set the document's creation time to anchor them.</small>")
        self.unplaced_panel.setVisible(bool(events))

    @property
    def unplaced_count(self) -> int:
        return len(self.data.unplaced) if self.data is not None else 0

    def _unplaced_clicked(self, item: QListWidgetItem) -> None:
        self.state.selection.set_event(item.data(Qt.ItemDataRole.UserRole))

    def _select_unplaced(self, event_id: Optional[str]) -> None:
        for i in range(self.unplaced_list.count()):
            item = self.unplaced_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == event_id:
                self.unplaced_list.setCurrentItem(item)
                return
        self.unplaced_list.clearSelection()
