"""The timeline view: lanes of event marks over a calendar axis, an overview strip, and the undated list.

It reads the corpus and the selection from ``AppState`` and writes the
selection back (clicked event, brushed window); it redraws only when
``selection_changed`` or ``corpus_changed`` fire, once per change.
"""
from __future__ import annotations

import html
from typing import Optional

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QHBoxLayout, QInputDialog, QLabel, QListWidget, QListWidgetItem, QMenu,
                               QPushButton, QSizePolicy, QSplitter, QToolButton, QVBoxLayout, QWidget)

from desktop_app.core import timeaxis
from desktop_app.core.extent import padded, robust_extent
from desktop_app.core.selection import SelectionChange

from ..hover_tip import HoverTip
from ..state_view import StateView

from . import style
from ..plain import as_rich, plain
from .axis import LaneAxisItem, TimeAxisItem
from .data import TimelineData, from_corpus
from .grouped import grouped
from desktop_app.core.happenings.heads import happening_marks
from ..happening_task import ensure_grouped
from .lanes import Layout, layout
from .describe import describe
from .marks import DEFAULT_THRESHOLD, MarksItem
from .overview import OverviewStrip
from .viewbox import TimelineViewBox

DEFAULT_MAX_LANES = 12
UNPLACED_LISTED = 1000
LEGEND = ("●  day or finer    ▬  week / month    ▨  quarter / year (hatched: approximate)    "
          "┅◁  on or before    ▬▷  since    ◁▬  until    ◆  date reported    <─>  thin, at a lane's foot: longer than the view    "
          "Grouped: one mark per happening, larger and numbered by its independent sources; "
          "no number = single source")


# Keyboard: what each key does in the timeline (also listed by Help ▸ Keyboard shortcuts).
KEYS = (
    ("F", "Fit, as View ▸ Zoom to fit (Ctrl+0)"),
    ("← / →", "Pan a fifth of the view (Shift: a whole view)"),
    ("+ / −", "Zoom in / out around the middle"),
    ("D, W, M, Y, A", "Zoom to a day, week, month, year, or all events"),
    ("Shift+drag", "Brush a time window (snapped to the zoom's day, month or year)"),
    ("Esc", "Clear the selected event, then the time window, then the actors"),
)
PAN_FRACTION = 0.2
ZOOM_FACTOR = 1.5


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


class TimelineView(StateView):
    def __init__(self, state, parent=None, threshold: int = DEFAULT_THRESHOLD, max_lanes: int = DEFAULT_MAX_LANES,
                 grouped: bool = True):
        super().__init__(state, parent)
        self.max_lanes = max_lanes
        self.compact = False
        self.data: Optional[TimelineData] = None          # what is drawn: happenings (grouped) or reports
        self.report_data: Optional[TimelineData] = None   # one row per report, always
        self.grouped = grouped           # one mark per happening (when its happenings are known)
        self.reason = ""                 # why the selection shows nothing ('' when it shows something)
        self._mids_sorted: Optional[np.ndarray] = None   # midpoints of the events shown, for the edge flags
        self.layout: Optional[Layout] = None
        self.hover_row: Optional[int] = None
        self.hover_text = ""
        self.key_reports: list[str] = []    # event ids of the key events (the Key events panel's top N)
        # The range the last Fit (or a new corpus's fit) showed: while the view is still there, an actor
        # selection refits it to what is then drawn, so the extent follows the marks; a view the analyst
        # panned or zoomed is theirs and stays.
        self._fitted: Optional[tuple[float, float]] = None
        self._build(threshold)
        self._show_empty_state()
        self.listen()
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
        self.viewbox.on_double_click = self._double_clicked
        self.viewbox.on_brush = self.brush
        self.viewbox.sigXRangeChanged.connect(self._range_changed)
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)
        self.tip = HoverTip(self.plot)
        # Events beyond either edge of the view, counted and one click away ("◂ 1 earlier event").
        self.earlier_flag = self._flag(lambda: self.reveal(-1))
        self.later_flag = self._flag(lambda: self.reveal(1))
        self.viewbox.sigResized.connect(lambda *_: self._update_flags())

        self.overview = OverviewStrip()
        self.overview.range_dragged.connect(self._overview_dragged)

        self.fit_button = self._tool("Fit", "Zoom to the time window, the selected actors' events, or all (Ctrl+0, F)",
                                     self.zoom_to_fit)
        self.zoom_button = self._tool("Zoom", "Zoom to a day, week, month, year or all events (D W M Y A)", lambda: None)
        self.zoom_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        zoom_menu = QMenu(self.zoom_button)
        for name in ("day", "week", "month", "year", "all"):
            zoom_menu.addAction(name.capitalize(), lambda n=name: self.zoom_preset(n))
        zoom_menu.addSeparator()
        # In the menu, not a button of its own: the toolbar's width sets the window's minimum width.
        zoom_menu.addAction("Go to date… (Ctrl+G)", self.go_to_dialog)
        self.zoom_button.setMenu(zoom_menu)
        self.compact_button = self._tool("Compact", "One band for all events instead of one lane per actor",
                                         self.set_compact, checkable=True)
        self.brush_button = self._tool("Brush", "Drag to choose a time window (or Shift+drag)",
                                       self._set_brush_mode, checkable=True)
        self.clear_button = self._tool("Clear window", "Forget the time window", self.clear_window)
        self.group_button = self._tool("Reports: grouped", "One mark per happening (grouped) or one per report "
                                       "(expanded)", self.set_grouped, checkable=True)
        self.group_button.setChecked(self.grouped)
        self.context_label = plain(QLabel())
        self.context_label.setStyleSheet(f"color: {style.FOREGROUND.name()}; font-weight: bold;")
        self.mode_label = plain(QLabel())
        self.mode_label.setStyleSheet(f"color: {style.MUTED.name()};")
        # Text that changes with every pan must not change the view's minimum width: that is what
        # made the window's dividers move by themselves.
        for label in (self.context_label, self.mode_label):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            label.setMinimumWidth(0)
        # Left-aligned: a narrow panel cuts the hint at the end, never the count at the start (right
        # alignment showed "2 happenings" for 5,792 and read as a wrong count).
        self.mode_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        bar = QHBoxLayout()
        for w in (self.fit_button, self.zoom_button, self.compact_button, self.group_button, self.brush_button,
                  self.clear_button):
            bar.addWidget(w)
        bar.addSpacing(12)
        bar.addWidget(self.context_label, 1)
        bar.addWidget(self.mode_label, 2)
        # Why the selection shows nothing, with the one click that fixes it.
        self.reason_label = QLabel()
        self.reason_label.setTextFormat(Qt.TextFormat.PlainText)
        self.reason_label.setWordWrap(True)
        self.reason_label.setStyleSheet("color: #D55E00; font-weight: bold;")
        self.reason_button = QPushButton()
        self.reason_button.clicked.connect(self._fix_reason)
        self.reason_bar = QWidget()
        reason_layout = QHBoxLayout(self.reason_bar)
        reason_layout.setContentsMargins(4, 0, 4, 0)
        reason_layout.addWidget(self.reason_label, 1)
        reason_layout.addWidget(self.reason_button)
        self.reason_bar.hide()
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
        outer.addWidget(self.reason_bar)
        outer.addWidget(self.splitter, 1)
        outer.addWidget(legend)
        # On the plot and overview (not the undated list, whose arrow keys move its cursor).
        self.shortcuts = {}
        for key, slot in (("F", self.zoom_to_fit), ("Escape", self.escape),
                          ("Left", lambda: self.pan(-PAN_FRACTION)), ("Right", lambda: self.pan(PAN_FRACTION)),
                          ("Shift+Left", lambda: self.pan(-1.0)), ("Shift+Right", lambda: self.pan(1.0)),
                          ("+", lambda: self.zoom_by(1 / ZOOM_FACTOR)), ("=", lambda: self.zoom_by(1 / ZOOM_FACTOR)),
                          ("-", lambda: self.zoom_by(ZOOM_FACTOR)),
                          ("D", lambda: self.zoom_preset("day")), ("W", lambda: self.zoom_preset("week")),
                          ("M", lambda: self.zoom_preset("month")), ("Y", lambda: self.zoom_preset("year")),
                          ("A", lambda: self.zoom_preset("all"))):
            sc = QShortcut(QKeySequence(key), left)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
            self.shortcuts[key] = sc
        self.plot.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(60)
        self._status_timer.timeout.connect(self._update_mode_label)

    def _flag(self, slot) -> QToolButton:
        b = QToolButton(self.plot)
        b.setAutoRaise(False)
        b.setStyleSheet("QToolButton { background: rgba(255,255,255,220); border: 1px solid #888888;"
                        " border-radius: 3px; padding: 1px 5px; color: #222222; }")
        b.setToolTip("Events outside the view: click to show the nearest")
        b.clicked.connect(lambda *_: slot())
        b.hide()
        return b

    def _tool(self, text, tip, slot, checkable=False) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.setCheckable(checkable)
        (b.toggled if checkable else b.clicked).connect(slot if checkable else (lambda *_: slot()))
        return b

    # -- data ---------------------------------------------------------------
    def set_data(self, data: TimelineData, fit: bool = True) -> None:
        """Show prepared arrays (the benchmark's synthetic corpus, or a corpus built off-thread).

        ``fit=False`` keeps the visible range (a correction re-publishes the corpus).
        """
        keep = None if fit or self.data is None or not self.data.n else self.visible_range()
        self.report_data = data
        # The old layout and the marks over it go before the grouped rows are built: at a million
        # reports that build beside them (the happenings arriving) was the window's memory peak.
        self.layout, self._mids_sorted, self._report_mask = None, None, (None, None)
        self.marks.release_content()
        self.data = (grouped(data) if self.grouped else None) or data
        self.group_button.setText("Reports: grouped" if self.data.group is not None else
                                  "Reports: grouping…" if self.grouped and data.n and data.happenings is None
                                  else "Reports: expanded")
        self.layout = None
        self._apply_key_rows()
        self.overview.set_data(data)
        self._show_unplaced()
        self._show_empty_state()
        self._redraw(fit=keep is None)
        if keep is not None:
            self.viewbox.setXRange(*keep, padding=0)

    def _on_corpus_changed(self) -> None:
        # A merge or rename must not throw away the zoom the analyst was reading at.
        self.set_data(self._corpus_data(), fit=not getattr(self.state, "is_correction", False))

    def _corpus_data(self) -> TimelineData:
        data = from_corpus(self.state.corpus)
        data.happenings = happening_marks(self.state.corpus, data.store)
        if data.happenings is None:
            ensure_grouped(self.state)      # happenings_changed follows when they are there
        return data

    def _on_happenings_changed(self) -> None:
        if self.report_data is None:
            return
        self.report_data.happenings = happening_marks(self.state.corpus, self.report_data.store)
        if self.grouped:        # expanded, nothing drawn changes: no redraw (and no race with a fit)
            self.set_data(self.report_data, fit=False)

    def listen(self) -> None:
        super().listen()
        self.state.happenings_changed.connect(self._on_happenings_changed)

    def set_grouped(self, on: bool) -> None:
        """One mark per happening (``on``) or one per report; a view option, the zoom stays."""
        self.grouped = bool(on)
        self.group_button.setChecked(self.grouped)
        if self.report_data is not None:
            self.set_data(self.report_data, fit=False)

    def _on_selection_changed(self, change: SelectionChange) -> None:
        if self.data is None:
            return
        self._redraw(fit=False, fields=change.fields)

    # -- drawing ----------------------------------------------------------------
    def _redraw(self, fit: bool, fields=frozenset({"actors", "mode", "window", "event", "reports"})) -> None:
        sel = self.state.selection
        data = self.data
        if fields & {"actors", "mode"} or self.layout is None:
            # Release the old layout and everything over it first: a 1M-report window built the
            # grouped layout while the per-report one was still held, and that set its memory peak.
            # Its id may then be reused, so the per-layout report mask goes too.
            self.layout, self._mids_sorted, self._report_mask = None, None, (None, None)
            self.marks.release_content()
            self.layout = layout(data, sorted(sel.actors), sel.mode, self.compact, self.max_lanes)
            self.marks.set_content(data, self.layout, self._lane_colors(), self._row_colors())
            self.lane_axis.set_lanes(self.layout.lane_labels)
            visible = self.layout.visible
            if data.group is not None:     # the strip counts reports: a happening shown shows its reports
                visible = visible[data.group.row_of_report]
            self.overview.set_subset(self.report_data, visible if sel.actors else None)
            self._fit_lanes()
            self._mids_sorted = None
        if "window" in fields:
            self._show_window(sel.window)
        if fields & {"event", "reports"}:
            self.marks.set_selected_row(*self.selected_marks())
            self._select_unplaced(sel.event)
        if fields & {"actors", "mode", "window"}:
            self._explain_empty()
        if fit:
            self.zoom_to_fit(default=True)
        elif fields & {"actors", "mode"} and self.at_fit():
            self.zoom_to_fit()
        # The count now, with the redraw, so the header never shows the last selection's number
        # while the status bar already shows this one; the edge flags follow on the timer.
        self._update_mode_label(flags=False)
        self._status_timer.start()
        self._redrawn()

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

    def fit_range(self, default: bool = False) -> Optional[tuple[float, float]]:
        """What Fit shows: the time window, else the selected actors' events, else all events.

        Events are fitted by ``core.extent.robust_extent``: a misdated event
        centuries away is left out of the range (and flagged at the edge).
        ``default`` (a new corpus) ignores the selection.
        """
        data = self.data
        if data is None or not data.n:
            return None
        sel = self.state.selection
        if not default and sel.window is not None:
            lo, hi = (timeaxis.to_seconds(d) for d in sel.window)
            return lo, hi
        ext = None
        if not default and sel.actors and self.layout is not None and self.layout.visible.any():
            vis = self.layout.visible
            ext = robust_extent(data.start[vis], data.end[vis])
        if ext is None:
            ext = data.robust_extent()
        return padded(ext.lo, ext.hi)

    def zoom_to_fit(self, default: bool = False) -> None:
        r = self.fit_range(default)
        if r is not None:
            self.viewbox.setXRange(*r, padding=0)
            self._fitted = self.visible_range()

    def at_fit(self) -> bool:
        """Whether the view still shows what the last fit put there (not panned or zoomed since)."""
        if self._fitted is None:
            return False
        (lo, hi), (f0, f1) = self.visible_range(), self._fitted
        tol = 1e-6 * max(f1 - f0, 1.0)
        return abs(lo - f0) <= tol and abs(hi - f1) <= tol

    # -- key events ----------------------------------------------------------------
    def set_key_reports(self, event_ids) -> None:
        """The key events' reports (from the Key events panel): labelled first, and what Fit to key events shows."""
        self.key_reports = list(event_ids)
        self._apply_key_rows()
        self.marks.update()

    def _apply_key_rows(self) -> None:
        data = self.data
        if data is None or not data.n or not self.key_reports:
            self.marks.key_rows = None
            return
        rows = [r for r in (data.row_for(e) for e in self.key_reports) if r is not None]
        mask = np.zeros(data.n, dtype=bool)
        mask[rows] = True
        self.marks.key_rows = mask if mask.any() else None

    def key_fit_range(self) -> Optional[tuple[float, float]]:
        """The key events' extent: those among the selected actors' events if any, else all of them."""
        key = self.marks.key_rows
        if self.data is None or key is None:
            return None
        sel = self.state.selection
        if sel.actors and self.layout is not None and (key & self.layout.visible).any():
            key = key & self.layout.visible
        ext = robust_extent(self.data.start[key], self.data.end[key])
        return padded(ext.lo, ext.hi) if ext is not None else None

    def fit_key_events(self) -> bool:
        """View > Fit to key events; False (view unchanged) while there are none yet."""
        r = self.key_fit_range()
        if r is not None:
            self.viewbox.setXRange(*r, padding=0)
        return r is not None

    def zoom_preset(self, name: str) -> None:
        """Show a day, week, month or year around the view's middle, or "all" events (outliers included)."""
        if self.data is None or not self.data.n:
            return
        if name == "all":
            lo, hi = self.data.extent()
            self.viewbox.setXRange(*padded(lo, hi, 0.02, timeaxis.DAY), padding=0)
            return
        span = timeaxis.PRESETS[name]
        x0, x1 = self.visible_range()
        mid = (x0 + x1) / 2
        self.viewbox.setXRange(mid - span / 2, mid + span / 2, padding=0)

    def pan(self, fraction: float) -> None:
        """Move the view by ``fraction`` of its width (negative: back in time)."""
        x0, x1 = self.visible_range()
        d = (x1 - x0) * fraction
        self.viewbox.setXRange(x0 + d, x1 + d, padding=0)

    def zoom_by(self, factor: float) -> None:
        """Scale the visible span by ``factor`` around its middle (< 1 zooms in)."""
        x0, x1 = self.visible_range()
        mid, half = (x0 + x1) / 2, max((x1 - x0) * factor / 2, 30.0)
        self.viewbox.setXRange(mid - half, mid + half, padding=0)

    def go_to(self, text: str) -> bool:
        """Show the year, month or day written in ``text``; False (and a message in the header) if unreadable."""
        try:
            lo, hi = timeaxis.parse_date_range(text)
        except ValueError as exc:
            self.context_label.setText(str(exc))
            return False
        self.viewbox.setXRange(*padded(lo, hi, 0.05, timeaxis.HOUR), padding=0)
        return True

    def go_to_dialog(self) -> None:
        x0, x1 = self.visible_range()
        here = timeaxis.from_seconds((x0 + x1) / 2).date().isoformat() if x1 > x0 else ""
        text, ok = QInputDialog.getText(self, "Go to date", "Date (1990, Aug 1990, 1990-08-02):", text=here)
        if ok:
            self.go_to(text)

    # -- events beyond the edges ------------------------------------------------------
    def _shown_mids(self) -> np.ndarray:
        """Sorted midpoints of the events the selection shows (cached per layout; an O(n) gather)."""
        if self._mids_sorted is None:
            data = self.data
            order = data.row_by_mid
            vis = self.layout.visible if self.layout is not None else None
            if vis is not None and not vis.all():
                order = order[vis[order]]
            self._mids_sorted = data.mid[order]
        return self._mids_sorted

    def beyond(self) -> tuple[int, int]:
        """Shown events entirely left and right of the view (by their midpoints)."""
        if self.data is None or self.layout is None or not self.data.n:
            return 0, 0
        x0, x1 = self.visible_range()
        mids = self._shown_mids()
        return int(np.searchsorted(mids, x0, side="left")), int(len(mids) - np.searchsorted(mids, x1, side="right"))

    def reveal(self, side: int) -> None:
        """Pan (same zoom) to the nearest shown event beyond the left (-1) or right (+1) edge."""
        if self.data is None or self.layout is None:
            return
        x0, x1 = self.visible_range()
        mids = self._shown_mids()
        span = x1 - x0
        if side < 0:
            k = int(np.searchsorted(mids, x0, side="left"))
            if k:
                m = float(mids[k - 1])
                self.viewbox.setXRange(m - span * 0.15, m + span * 0.85, padding=0)
        else:
            k = int(np.searchsorted(mids, x1, side="right"))
            if k < len(mids):
                m = float(mids[k])
                self.viewbox.setXRange(m - span * 0.85, m + span * 0.15, padding=0)

    def _update_flags(self) -> None:
        before, after = self.beyond()
        rect = self.viewbox.sceneBoundingRect()
        top = self.plot.mapFromScene(rect.topLeft())
        bottom_right = self.plot.mapFromScene(rect.bottomRight())
        y = max(0, bottom_right.y() - 26)
        for flag, n, text in ((self.earlier_flag, before, f"◂ {_plural(before, 'earlier event')}"),
                              (self.later_flag, after, f"{_plural(after, 'later event')} ▸")):
            flag.setVisible(bool(n))
            if n:
                flag.setText(text)
                flag.adjustSize()
        self.earlier_flag.move(top.x() + 4, y)
        self.later_flag.move(bottom_right.x() - self.later_flag.width() - 4, y)

    # -- why nothing shows --------------------------------------------------------------
    def _explain_empty(self) -> None:
        """Name the filter that hides the selected actors' events, and offer to lift it."""
        self.reason, self._reason_fix = "", None
        sel, data, lay = self.state.selection, self.data, self.layout
        if data is not None and lay is not None and data.n and (sel.actors or sel.window is not None):
            names = [data.actor_names[data.actor_index[a]] for a in sorted(sel.actors) if a in data.actor_index]
            who = (f"{names[0]}'s" if len(names) == 1 else f"the {len(names)} selected actors'") if names else "the"
            total = int(lay.visible.sum()) if sel.actors else data.n
            if sel.actors and not total and sel.mode == "all" and len(sel.actors) > 1:
                self.reason = f"No dated event has all {len(sel.actors)} selected actors together."
                self._reason_fix = ("Match any actor", lambda: self.state.selection.update(mode="any"))
            elif sel.window is not None and total and not self.shown_count():
                lo, hi = (timeaxis.to_seconds(d) for d in sel.window)
                self.reason = (f"The time window {timeaxis.describe_range(lo, hi)} hides "
                               f"{who} {_plural(total, 'event')}.")
                self._reason_fix = ("Clear window", self.clear_window)
        self.reason_label.setText(self.reason)
        if self._reason_fix:
            self.reason_button.setText(self._reason_fix[0])
        self.reason_bar.setVisible(bool(self.reason))

    def _fix_reason(self) -> None:
        if getattr(self, "_reason_fix", None):
            self._reason_fix[1]()

    def shown_count(self, data: Optional[TimelineData] = None) -> int:
        """Rows of ``data`` (default: what is drawn) the selection lets through, time window included.

        On report data this is the status bar's count of dated events; on the happenings view, happenings.
        """
        data = data if data is not None else self.data
        if data is None or self.layout is None:
            return 0
        sel = self.state.selection
        vis = None
        if sel.actors:
            vis = self.layout.visible if data is self.data else self._report_visible()
        if sel.window is None:
            return int(vis.sum()) if vis is not None else data.n
        lo, hi = (timeaxis.to_seconds(d) for d in sel.window)
        # Overlap as the status bar and table count it: starts by the window's end, ends after its start.
        # Rows are sorted by start, so the first cut is a binary search.
        k = int(np.searchsorted(data.start, hi, side="right"))
        hit = data.end[:k] > lo
        if vis is not None:
            hit &= vis[:k]
        return int(np.count_nonzero(hit))

    def _report_visible(self) -> np.ndarray:
        """Reports with the selected actors (the happenings view's layout masks happenings), once per layout."""
        key = id(self.layout)
        if getattr(self, "_report_mask", (None,))[0] != key:
            sel, rd = self.state.selection, self.report_data
            chosen = [rd.actor_index[a] for a in sel.actors if a in rd.actor_index]
            self._report_mask = (key, rd.rows_for_actors(chosen, sel.mode))
        return self._report_mask[1]

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
        self.tip.hide()
        self._status_timer.start()

    def _update_mode_label(self, flags: bool = True) -> None:
        if self.data is None or self.layout is None:
            self.mode_label.setText("")
            return
        mode = self.display_mode()
        sel = self.state.selection
        if self.data.group is not None:
            # Happenings drawn, then the events behind them as the status bar counts them.
            filtered = sel.actors or sel.window is not None
            events = self.shown_count(self.report_data) if filtered else self.report_data.n
            text = f"{self.shown_count():,} happenings · {events:,} events"
        else:
            text = (f"{self.shown_count():,} of {self.data.n:,} events" if sel.actors or sel.window is not None
                    else f"{self.data.n:,} dated events")
        if mode == "density":
            text += " · density: zoom in for single events"
        self.mode_label.setText(text)
        self.mode_label.setToolTip(text)        # the whole text when the panel cuts it
        if flags:
            self._update_flags()

    # -- gestures -----------------------------------------------------------------
    def _overview_dragged(self, lo: float, hi: float) -> None:
        self.viewbox.setXRange(lo, hi, padding=0)

    def _set_brush_mode(self, on: bool) -> None:
        self.viewbox.brush_mode = on

    def brush(self, lo: float, hi: float) -> None:
        """A brushed time range becomes the selection window (one gesture, one update).

        Its edges snap to the zoom's unit (year, month, day, hour): a window
        reads "1990-07" rather than "1990-07-31 22:31 – 1990-08-30 03:12".
        """
        x0, x1 = self.visible_range()
        unit = timeaxis.snap_unit(x1 - x0, self.time_axis._major_budget()) if x1 > x0 else "day"
        lo, hi = timeaxis.snap(lo, hi, unit)
        self.state.selection.set_window((timeaxis.from_seconds(lo), timeaxis.from_seconds(hi)))

    def clear_window(self) -> None:
        self.state.selection.set_window(None)

    def escape(self) -> Optional[str]:
        """Esc: the selected event, then the time window, then the actors (``SelectionModel.clear_one``)."""
        return self.state.selection.clear_one()

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
        idx = self.marks.drawn_only(self.layout.in_view(x0, x1))
        rows = self.layout.mark_row[idx]
        xs = np.clip(self.data.mid[rows], x0, x1)
        ys = self.marks.mark_y(idx)
        return [(self.data.event_id(r), int(lane), float(x), float(y))
                for r, lane, x, y in zip(rows, self.layout.mark_lane[idx], xs, ys)]

    def _clicked(self, pos: QPointF) -> None:
        if self.data is None:
            return
        row = self.mark_at(pos)
        if row is None:
            self.state.selection.set_event(None)
            return
        # An aggregate mark stands for every mark folded into it: choosing it chooses them all (its head's
        # first), so the table highlights every one and the document view steps through all their reports.
        rows = self.marks.folded_with(row, int(round(pos.y())))
        if self.data.group is not None:
            # A happening: all its reports are selected, so the table and the document view follow.
            self.state.selection.set_happening([e for r in rows.tolist() for e in self.data.group.report_ids(r)])
        elif len(rows) > 1:
            self.state.selection.set_happening([self.data.event_id(r) for r in rows.tolist()])
        else:
            self.state.selection.set_event(self.data.event_id(row))

    def _double_clicked(self, pos: QPointF) -> None:
        """Double-click on an aggregate mark: zoom to the marks it stands for, so they unfold (or fold into
        finer buckets, one more double-click away)."""
        row = self.mark_at(pos) if self.data is not None else None
        if row is None:
            return
        rows = self.marks.folded_with(row, int(round(pos.y())))
        if len(rows) > 1:
            lo, hi = float(self.data.start[rows].min()), float(self.data.end[rows].max())
            self.viewbox.setXRange(*padded(lo, hi, 0.15, timeaxis.DAY), padding=0)

    def selected_marks(self) -> tuple[Optional[int], Optional[np.ndarray], Optional[np.ndarray], bool]:
        """What the selection marks on the drawn rows: (the shown event's row, the other selected rows,
        the report dates a lone selected happening opens up to, whether the shown row is drawn on its own).

        Grouped, a selected happening opens up to its reports' dates (a report chosen in the table too) and
        is drawn on its own; reports of several happenings (an aggregate chosen) halo every one of them and
        the aggregate stays folded.  Expanded, every selected report is haloed, and stays in its aggregate
        (one halo on it) when several are selected."""
        sel, data = self.state.selection, self.data
        row = data.row_for(sel.event)
        if data.group is None:
            if len(sel.reports) < 2:
                return row, None, None, True
            rows = data.rows_for(sel.reports)
            return row, rows[rows >= 0], None, False
        if row is None:
            return None, None, None, True
        if len(sel.reports) > 1:
            rows = data.rows_for(sel.reports)
            rows = np.unique(rows[rows >= 0])
            if len(rows) > 1:
                return row, rows, None, False
        reports = data.group.report_ids(row)
        dates = None
        if len(reports) > 1:
            rep = self.report_data.rows_for(reports)
            dates = self.report_data.mid[rep[rep >= 0]]
        return row, None, dates, True

    def hover(self, pos: QPointF) -> str:
        """Update the hover state for a view point; returns the tooltip text ('' off any mark)."""
        row = self.mark_at(pos) if self.data is not None else None
        self.hover_row = row
        self.hover_text = describe(self.data, row, self.state.corpus) if row is not None else ""
        n = self._stack_at(row, pos) if row is not None else 1
        noun = "events"
        if row is not None and self.data.group is not None:
            noun = "happenings"
            group = self.data.group
            # The happening (its label, counts, every actor its reports name), then its head report as it is:
            # its own actors, date and sentence.
            lo, hi = self.data.pair_row.searchsorted(row), self.data.pair_row.searchsorted(row, side="right")
            names = ", ".join(self.data.actor_names[a] for a in self.data.pair_actor[lo:hi])
            rd = self.report_data
            head = rd.row_for(self.data.event_id(row))
            one = describe(rd, head, self.state.corpus) if head is not None else self.hover_text
            self.hover_text = (f"<b>{html.escape(group.label(row))}</b><br>{html.escape(group.counts_text(row))}"
                               + (f"<br>Actors in its reports: {html.escape(names)}" if names else "")
                               + "<br><i>one report:</i><br>" + one)
        if n > 1:
            single = self.marks.single_source(np.array([row]))
            single = single is not None and bool(single[0]) and bool(self.data.is_point(np.array([row]))[0])
            # A single-source aggregate stands where its reports crowd, not at its most salient one.
            what, head = (f"{n} single-source {noun}", "One of them") if single else (f"{n} {noun}", "The most salient")
            self.hover_text = (f"<i>{what} folded into this mark: click selects them all, double-click "
                               f"zooms in to unfold them. {head}:</i><br>" + self.hover_text)
        return self.hover_text

    def _stack_at(self, row: int, pos: QPointF) -> int:
        """Size of the stack the hovered mark is drawn in (1 when alone), from the current packing."""
        pack = self.marks._pack
        if pack is None or pack.stack is None or self.layout is None:
            return 1
        lane = int(round(pos.y()))
        hit = np.flatnonzero((self.layout.mark_row[pack.idx] == row) & (self.layout.mark_lane[pack.idx] == lane))
        return pack.stack_size(int(hit[0])) if len(hit) else 1

    def _mouse_moved(self, scene_pos) -> None:
        if not self.viewbox.sceneBoundingRect().contains(scene_pos):
            self.tip.hide()
            return
        text = self.hover(self.viewbox.mapSceneToView(scene_pos))
        # Our own tip, not QToolTip: it stays while the pointer rests on the mark (see hover_tip.py).
        self.tip.show_text(self.plot.mapToGlobal(self.plot.mapFromScene(scene_pos)), text)

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
