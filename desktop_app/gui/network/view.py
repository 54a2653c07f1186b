"""The actor network view: typed nodes, weighted ties, linked to the one selection.

Reads the corpus and selection from ``AppState``; writes the selection on
click (select), Ctrl-click (toggle), Esc or a click on empty space (clear
actors) and through the search box.  Redraws once per selection change that
touches what it shows (actors, window, event).  Positions come from
``core.layout`` (the exporter's too) and stay put while filters change, so
the picture does not jump when a time window is brushed.
"""
from __future__ import annotations

import html
from typing import Optional

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QGraphicsRectItem, QHBoxLayout, QLabel, QSizePolicy, QToolButton,
                               QVBoxLayout, QWidget)

from desktop_app.core import top_actors
from desktop_app.core.layout import network_positions, strongest
from desktop_app.core.selection import SelectionChange

from ..actor_search import ActorSearch
from ..hover_tip import HoverTip
from ..plain import plain
from ..state_view import StateView
from . import style
from .data import NetworkData, from_corpus, subnetwork
from .edges import HIDDEN, HIGHLIGHT, NORMAL, EdgesItem
from .emphasis import DIMMED, FOCUS, GHOST, PLAIN, levels, tie_budget
from .gestures import NodeGestures
from .labels import LabelLayer
from .viewbox import NetworkViewBox

# Above this many actors layout and betweenness run on a worker thread.
SYNC_MAX_NODES = 1500
LABEL_DEBOUNCE_MS = 60
# How many nodes are even considered for a label on one placement pass.
_LABEL_CANDIDATES = 400
SIZE_MODES = (("degree", "Size: degree"), ("betweenness", "Size: betweenness"))
_REDRAW_FIELDS = frozenset(("actors", "window", "event", "reports"))
# Neighbours of the selection always named (most connected first); past this the rest compete for room.
MUST_LABEL_NEIGHBOURS = 60
# At most this many brought-forward actors are named come what may (bold): an aggregate mark's dozens of
# happenings bring forward hundreds of actors, and naming every one took seconds and covered the picture.
# The others are named where there is room, the biggest first.
MAX_STRONG_LABELS = 40
# Ties drawn in the base layer at most: the target network, readable and
# painted within a frame.  Past it the strongest win; a selection's own ties
# are always all drawn (front layer), and a note under the plot says so.
MAX_DRAWN_TIES = 30_000
# With nothing selected, at most this many names, the biggest nodes in view first: zooming in names more.
MAX_PLAIN_LABELS = 30


class _PassiveScatter(pg.ScatterPlotItem):
    """Nodes drawn by pyqtgraph but hit-tested by the view, so clicks reach the view box."""

    def mouseClickEvent(self, ev) -> None:
        ev.ignore()


class NetworkView(NodeGestures, StateView):
    def __init__(self, state, parent=None):
        super().__init__(state, parent)
        self.data: Optional[NetworkData] = None
        self.pos: Optional[np.ndarray] = None
        self.size_mode = "degree"
        self.node_level = np.zeros(0, dtype=np.int64)
        self.edge_level = np.zeros(0, dtype=np.int64)
        self.hover_node: Optional[int] = None
        self.hover_text = ""
        self._radius = np.zeros(0)
        self._symbols: list[str] = []
        self._positions_dirty = True
        self._base_key = None
        self._rank_key = None
        self._rank = np.zeros(0, dtype=np.int64)
        self._types: list[str] = []
        self._type_idx = np.zeros(0, dtype=np.int64)
        self._style_tables = (np.zeros(0, dtype=object), np.zeros(0, dtype=object))
        self._buckets = np.zeros(0, dtype=np.int64)
        self._handles: list = []
        self.max_drawn_ties = MAX_DRAWN_TIES
        self._strength_order = np.zeros(0, dtype=np.int64)
        self.in_budget = np.zeros(0, dtype=bool)
        self.ties_active = 0
        self._budget_key = None
        self._generation = 0
        # "Show only the active actors": the whole network (data, positions) is kept here
        # while ``data``/``pos`` hold the active sub-network and its own layout.
        self.only_active = False
        self._full: Optional[tuple[NetworkData, np.ndarray]] = None
        # A big network shows its ``top`` most connected actors (0: everyone); ``shown_by`` says why the
        # sub-network in ``data`` is shown: "active" (Only active), "top", or "" (the whole network).
        self.top = top_actors.DEFAULT_TOP
        self.shown_by = ""
        self._unnamed = 0        # neighbours of the selection left unlabelled for lack of room
        self._only_token = 0     # bumped per sub-network request, so a late layout result is dropped
        self._build()
        self.listen()
        self._on_corpus_changed()

    # -- construction --------------------------------------------------------
    def _build(self) -> None:
        self.search = ActorSearch(self.state)
        self.size_combo = QComboBox()
        for key, text in SIZE_MODES:
            self.size_combo.addItem(text, key)
        self.size_combo.setToolTip("Node size: number of distinct partners (degree), or how often an actor "
                                   "lies on the shortest path between two others (betweenness centrality)")
        self.size_combo.currentIndexChanged.connect(lambda i: self.set_size_mode(self.size_combo.itemData(i)))
        fit = QToolButton()
        fit.setText("Fit")
        fit.setToolTip("Zoom to show the whole network")
        fit.clicked.connect(self.zoom_to_fit)
        self.only_button = QToolButton()
        self.only_button.setText("Only active")
        self.only_button.setCheckable(True)
        self.only_button.setToolTip("Show only the selected actors and their neighbours (or, with a time window, "
                                    "the actors active in it), laid out afresh with their names; "
                                    "click again for the whole network")
        self.only_button.toggled.connect(self.set_only_active)
        self.top_combo = QComboBox()
        for step in top_actors.STEPS:
            self.top_combo.addItem(top_actors.step_label(step), step)
        self.top_combo.setCurrentIndex(list(top_actors.STEPS).index(self.top))
        self.top_combo.setToolTip("A big network shows its most connected actors (by the happenings they share), "
                                  "laid out on their own; the selected actors are always shown")
        self.top_combo.currentIndexChanged.connect(lambda i: self.set_top(self.top_combo.itemData(i)))
        self.search.setMinimumWidth(130)     # the Size and Top menus beside it must not squeeze it to a stub
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.size_combo)
        top.addWidget(self.top_combo)
        top.addWidget(self.only_button)
        top.addWidget(fit)

        self.viewbox = NetworkViewBox()
        self.plot = pg.PlotWidget(viewBox=self.viewbox, background=style.BACKGROUND)
        self.plot.hideButtons()
        for axis in ("left", "bottom"):
            self.plot.getPlotItem().hideAxis(axis)
        self.edges = EdgesItem(cached=True)
        self.halo = _PassiveScatter(pxMode=True, pen=None)
        self.nodes = _PassiveScatter(pxMode=True)
        self.front = _PassiveScatter(pxMode=True)
        # Cached too: a selection's ties stay put while the user hovers, pans or reads.
        self.front_edges = EdgesItem(cached=True)
        # Dims everything below it when a selection exists: one item instead of restyling 10k nodes.
        self.veil = QGraphicsRectItem(-1e4, -1e4, 2e4, 2e4)
        self.veil.setBrush(pg.mkBrush(style.with_alpha(style.BACKGROUND, style.VEIL_ALPHA)))
        self.veil.setPen(pg.mkPen(None))
        self.veil.hide()
        for z, item in enumerate((self.edges, self.nodes, self.veil, self.front_edges, self.halo, self.front)):
            item.setZValue(z)
            self.viewbox.addItem(item, ignoreBounds=item is self.veil)
        self.labels = LabelLayer(self.viewbox)
        self.viewbox.on_click = self._clicked
        self.viewbox.node_at = self.node_at
        self.viewbox.on_drag = self._dragged
        # A wheel step or pan emits several range changes; place labels once per event-loop pass.
        self._label_timer = QTimer(self)
        self._label_timer.setSingleShot(True)
        self._label_timer.setInterval(0)      # raised for big networks, see _on_corpus_changed
        self._label_timer.timeout.connect(self._place_labels)
        self.viewbox.sigRangeChanged.connect(lambda *_: self._label_timer.start())
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)
        # Our own tip, not QToolTip: it stays while the pointer rests on a node (see hover_tip.py).
        self.tip = HoverTip(self.plot)

        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        # The legend keys the picture, so it never shrinks; the counts take a wrapped line of their own
        # under it (beside it, a long "N neighbours unnamed here" line had squeezed 'organization' out of
        # a narrow panel's legend, and wrapped beside it the counts stood one word per line).
        self.legend.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.status = plain(QLabel())        # may carry an error's text
        self.status.setStyleSheet(f"color: {style.MUTED.name()};")
        self.status.setWordWrap(True)
        self.tie_note = QLabel()
        self.tie_note.setStyleSheet(f"color: {style.MUTED.name()};")
        self.tie_note.setWordWrap(True)
        self.tie_note.hide()
        # "Showing the 150 most connected of 6,205 actors" and a button for the next step up.
        self.top_note = plain(QLabel())
        self.top_note.setStyleSheet(f"color: {style.MUTED.name()};")
        self.more_button = QToolButton()
        self.more_button.setText("Show more")
        self.more_button.clicked.connect(lambda: self.set_top(top_actors.next_step(self.top)))
        shown_row = QHBoxLayout()
        shown_row.addWidget(self.top_note, 1)
        shown_row.addWidget(self.more_button)
        self.top_note.hide()
        self.more_button.hide()
        bottom = QHBoxLayout()
        bottom.addWidget(self.legend)
        bottom.addStretch(1)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.setSpacing(3)
        lay.addLayout(top)
        lay.addWidget(self.plot, 1)
        lay.addLayout(shown_row)
        lay.addWidget(self.tie_note)
        lay.addLayout(bottom)
        lay.addWidget(self.status)
        esc = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        esc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        esc.activated.connect(self.clear_one)

    # -- corpus ----------------------------------------------------------------
    def _on_corpus_changed(self) -> None:
        self._generation += 1
        self.hover_node, self.hover_text = None, ""     # node indexes change with the corpus
        self.tip.hide()
        for handle in self._handles:
            handle.cancel()
        self._handles = []
        if self._full is not None:
            # Compare against (and keep) the whole network's picture, not the sub-network's.
            self.data, self.pos = self._full
            self._full = None
        old_data, old_pos = self.data, self.pos
        self.data = from_corpus(self.state.corpus)
        self._strength_order = strongest(self.data.weight, self.data.n_edges)
        self._build_style_tables()
        # Placing labels costs ~20 ms at 10k actors: while a zoom or pan is under way, wait for it to pause.
        self._label_timer.setInterval(LABEL_DEBOUNCE_MS if self.data.n_nodes > SYNC_MAX_NODES else 0)
        self._base_key = None
        self.pos = None
        self._update_legend()
        if old_pos is not None and old_data is not None and self._same_structure(old_data, self.data):
            # An edit that leaves who-is-tied-to-whom alone (a rename, a retyped actor, a
            # corrected date) keeps the picture, the user's dragged nodes and the zoom.
            self.pos = old_pos[[old_data.index[a] for a in self.data.ids]]
            self._positions_dirty = True
            self._redraw()
            self._show_counts()
            self._refresh_only()
        elif self.data.n_nodes == 0:
            self.status.setText("No actors: load documents to see who acts with whom.")
            self._apply_positions(np.zeros((0, 2)))
        else:
            d = self.data
            args = (d.ids, d.names, d.src, d.dst, d.weight)
            if d.n_nodes <= SYNC_MAX_NODES:
                self._apply_positions(network_positions(*args))
            else:
                self.status.setText(f"Laying out {d.n_nodes:,} actors…")
                self._run(network_positions, *args, on_result=self._apply_positions)
        if self.size_mode == "betweenness":
            self.set_size_mode("betweenness")     # the new network's centrality, not the old one's

    @staticmethod
    def _same_structure(a: NetworkData, b: NetworkData) -> bool:
        if a.ids != b.ids or a.n_edges != b.n_edges:
            return False
        return bool(np.array_equal(a.src, b.src) and np.array_equal(a.dst, b.dst))

    def _run(self, fn, *args, on_result) -> None:
        from ..workers import run_task  # Qt threads only when really needed

        generation = self._generation
        handle = run_task(fn, *args, parent=self)
        handle.result.connect(lambda value: generation == self._generation and on_result(value))
        handle.error.connect(lambda exc: self.status.setText(f"Network layout failed: {exc}"))
        handle.finished.connect(lambda: handle in self._handles and self._handles.remove(handle))
        self._handles.append(handle)

    def _apply_positions(self, positions: np.ndarray) -> None:
        """Positions (n, 2) in ``data.ids`` order, from ``core.layout.network_positions``."""
        self.pos = np.asarray(positions, dtype=float).reshape(-1, 2) if self.data is not None else np.zeros((0, 2))
        self._positions_dirty = True
        self._redraw()
        self.zoom_to_fit()
        self._show_counts()
        if self._full is None:
            self._refresh_only()

    # -- show only the active actors ---------------------------------------------
    def set_only_active(self, on: bool) -> None:
        """Show only the active actors (selection and neighbours, or the time window's) laid out afresh, or all."""
        on = bool(on)
        if self.only_button.isChecked() != on:
            self.only_button.setChecked(on)     # re-enters through toggled
            return
        if on == self.only_active:
            return
        self.only_active = on
        self._refresh_only()

    def active_mask(self, data: NetworkData) -> Optional[np.ndarray]:
        """Who is active for ``data`` under the current selection: None when nothing narrows it."""
        sel = self.state.selection
        level, _ = levels(data, sel.actors, sel.window, sel.event, sel.reports)
        if (level == FOCUS).any():
            return level >= PLAIN           # the selection and its neighbours
        if sel.window is not None:
            return level > GHOST            # everyone active in the time window
        return None

    def set_top(self, top: int) -> None:
        """Show the ``top`` most connected actors of a big network (0: every actor); the selection always shows."""
        top = max(0, int(top or 0))
        if self.top_combo.currentData() != top:
            if top not in top_actors.STEPS:
                self.top_combo.addItem(top_actors.step_label(top), top)
            self.top_combo.setCurrentIndex(self.top_combo.findData(top))      # re-enters through the signal
            return
        if top == self.top:
            return
        self.top = top
        self._refresh_only()

    def shown_mask(self, data: NetworkData) -> tuple[Optional[np.ndarray], str]:
        """(who is shown of ``data``, why): the active actors ("active", with Only active and something
        narrowing it), else in a network bigger than ``top`` its most connected plus whoever is chosen
        ("top"); (None, "") when everyone is shown."""
        if self.only_active:
            mask = self.active_mask(data)
            if mask is not None and mask.any() and not mask.all():
                return mask, "active"
        if not self.top or data.n_nodes <= self.top:
            return None, ""
        sel = self.state.selection
        level, _ = levels(data, sel.actors, None, sel.event, sel.reports)
        mask = top_actors.top_mask(data.n_nodes, data.src, data.dst, data.weight, self.top, level == FOCUS)
        return (mask, "top") if mask is not None and not mask.all() else (None, "")

    def _refresh_only(self) -> None:
        """Enter, update or leave the sub-network view to match ``only_active``, ``top`` and the selection."""
        full = self._full or (self.data, self.pos)
        if full[0] is None or full[1] is None:
            return
        mask, reason = self.shown_mask(full[0])
        self.shown_by = reason if mask is not None else ""
        if mask is None:
            self._only_token += 1
            if self._full is not None:
                self._full = None
                self._show_network(*full)
            self._show_counts()
            if self.only_active:
                self.status.setText("Only active: select actors or brush a time window; showing everyone")
            return
        self._only_token += 1
        if self._full is not None and self.data is not full[0] and \
                self.data.ids == [full[0].ids[i] for i in np.flatnonzero(mask)]:
            self._redraw()          # the same actors are active: keep their picture (and any dragged node)
            self._show_counts()
            return
        sub = subnetwork(full[0], mask)
        self._full = full
        args = (sub.ids, sub.names, sub.src, sub.dst, sub.weight)
        if sub.n_nodes <= SYNC_MAX_NODES:
            self._show_network(sub, network_positions(*args))
        else:
            self.status.setText(f"Laying out {sub.n_nodes:,} active actors…")
            token = self._only_token      # a later selection (or leaving the mode) makes this result stale
            self._run(network_positions, *args,
                      on_result=lambda pos: token == self._only_token and self._show_network(sub, pos))

    def _show_network(self, data: NetworkData, pos: np.ndarray) -> None:
        self.data, self.pos = data, np.asarray(pos, dtype=float).reshape(-1, 2)
        self._strength_order = strongest(data.weight, data.n_edges)
        self._build_style_tables()
        self._base_key = self._budget_key = self._rank_key = None
        self._positions_dirty = True
        self._redraw()
        self.zoom_to_fit()
        self._show_counts()

    def _show_counts(self) -> None:
        data = self.data
        if data is None or not data.n_nodes or self.pos is None:
            return
        text = f"{data.n_nodes:,} actors · {data.n_edges:,} ties"
        topped = self._full is not None and self.shown_by == "top"
        if topped:
            total = self._full[0].n_nodes
            text = f"{data.n_nodes:,} of {total:,} actors · {data.n_edges:,} ties"
            self.top_note.setText(f"Showing the {data.n_nodes:,} most connected of {total:,} actors")
            nxt = top_actors.next_step(self.top)
            self.more_button.setToolTip(f"Show the top {nxt:,} actors" if nxt else "Show every actor")
        elif self._full is not None:
            text = f"only the {data.n_nodes:,} active of {self._full[0].n_nodes:,} actors · {data.n_edges:,} ties"
        elif self.state.selection.window is not None and len(self.node_level) == data.n_nodes:
            live = int(np.count_nonzero(self.node_level > GHOST))
            text = f"{live:,} of {data.n_nodes:,} actors active in the time window"
        self.top_note.setVisible(topped)
        self.more_button.setVisible(topped)
        if self._unnamed and (self._full is None or topped):
            text += f" · {self._unnamed:,} neighbours unnamed here: 'Only active' names them"
        self.status.setText(text)

    def _update_legend(self) -> None:
        present = sorted(set(self.data.types)) if self.data else []
        parts = []
        for t in present:
            glyph = style.LEGEND_GLYPHS.get(style.palette.actor_shape(t), "●")
            parts.append(f"<span style='color:{style.type_color(t).name()}; font-size:14px'>{glyph}</span>"
                         f"&nbsp;{html.escape(t or 'unknown')}")
        self.legend.setText("&nbsp;&nbsp;&nbsp;".join(parts))
        self.legend.setToolTip("Colour and shape: actor type. Size: see the size menu. "
                               "Tie width: events the two actors share.")

    # -- selection -> picture --------------------------------------------------
    def _on_selection_changed(self, change: SelectionChange) -> None:
        if change.fields & _REDRAW_FIELDS:
            if self.only_active and change.fields & {"actors", "window"}:
                self._refresh_only()        # who is active changed: a new sub-network and layout
            elif self.shown_by == "top" and change.fields & {"actors", "event", "reports"}:
                self._refresh_only()        # a chosen actor outside the top joins it (else just a redraw)
            else:
                self._redraw()

    def _compute_levels(self) -> None:
        sel = self.state.selection
        self.node_level, self.edge_level = levels(self.data, sel.actors, sel.window, sel.event, sel.reports)
        cap = self.tie_cap()
        key = (id(self.data), sel.window, cap)
        if self._budget_key != key:
            # Which ties fit the budget depends on the window only, not on the selection.
            _, self.in_budget, self.ties_active = tie_budget(self.edge_level, self._strength_order, cap)
            self._budget_key = key
        if self.ties_active > int(np.count_nonzero(self.in_budget)):
            self.edge_level = np.where(self.in_budget | (self.edge_level == HIGHLIGHT), self.edge_level, HIDDEN)
        self._update_tie_note()

    def tie_cap(self) -> int:
        """Ties drawn at most in the base layer: ``max_drawn_ties``, and a few per actor when the top actors
        of a big network are shown, so their picture is not a hairball of its own."""
        if self.shown_by == "top" and self.data is not None:
            return min(self.max_drawn_ties, top_actors.TIES_PER_SHOWN_ACTOR * self.data.n_nodes)
        return self.max_drawn_ties

    def _update_tie_note(self) -> None:
        drawn = int(np.count_nonzero(self.in_budget))
        capped = drawn < self.ties_active
        if capped:
            where = " in the time window" if self.state.selection.window is not None else ""
            self.tie_note.setText(
                f"Showing the {drawn:,} strongest of {self.ties_active:,} ties{where}; "
                "select actors or a time window to see all of theirs.")
            self.tie_note.setToolTip("A tie layer this dense is an unreadable grey and slow to paint. "
                                     "A selected actor's ties are always all drawn, however weak.")
        self.tie_note.setVisible(capped)

    def _size_values(self) -> np.ndarray:
        if self.size_mode == "betweenness" and self.data.betweenness is not None:
            return self.data.betweenness
        return self.data.degree

    def _redraw(self) -> None:
        """Restyle from the current selection; the one redraw per selection change."""
        if self.data is None or self.pos is None:
            self._redrawn()
            return
        self._compute_levels()
        self._push_base()
        self._push_front()
        if self.data.n_nodes > SYNC_MAX_NODES:
            # Label placement is the costliest step of a restyle at 10k actors (~40 ms of
            # collision tests): the restyled picture goes out first, the names follow.
            self._label_timer.start()
        else:
            self._place_labels()
        self._show_counts()
        self._redrawn()

    def _node_styles(self, level: np.ndarray, type_idx: np.ndarray):
        """Brush and pen objects per node; one QBrush/QPen per (level, type) so pyqtgraph's atlas stays small."""
        brushes, pens = self._style_tables
        key = level * len(self._types) + type_idx
        return brushes[key], pens[key]

    def _build_style_tables(self) -> None:
        self._types = sorted(set(self.data.types))
        self._type_idx = np.array([self._types.index(t) for t in self.data.types], dtype=np.int64)
        table_b, table_p = [], []
        for lv in (GHOST, DIMMED, PLAIN, FOCUS):
            alpha = {GHOST: style.NODE_GHOST_ALPHA, DIMMED: style.NODE_DIM_ALPHA}.get(lv, style.NODE_ALPHA)
            if lv == FOCUS:
                pen = pg.mkPen(style.SELECTION, width=2.0)
            elif lv == PLAIN:
                pen = pg.mkPen(255, 255, 255, 230, width=1.0)
            else:
                pen = pg.mkPen(None)
            for t in self._types:
                table_b.append(pg.mkBrush(style.with_alpha(style.type_color(t), alpha)))
                table_p.append(pen)
        self._style_tables = (np.array(table_b, dtype=object), np.array(table_p, dtype=object))
        self._buckets = style.edge_buckets(self.data.weight)

    def _sizes(self) -> np.ndarray:
        sizes = style.node_sizes(self._size_values())
        return np.where(self.node_level == FOCUS, sizes + 3, sizes)

    def _push_base(self, force: bool = False) -> None:
        """The whole network as plain (or ghosted) nodes and ties; redone only when what it shows changes.

        Dimming for a selection is not done here but by the veil, so an
        actor click on a 10k-node network restyles only the front layer.
        """
        data = self.data
        base_level = np.where(self.node_level == GHOST, GHOST, PLAIN)
        # The budgeted ties only: they depend on the window, not on the selection, so
        # selecting an actor leaves this layer (and its cached paint) alone.
        base_edges = np.where(self.in_budget, NORMAL, HIDDEN)
        key = (base_level.tobytes(), base_edges.tobytes(), self.size_mode)
        if not force and not self._positions_dirty and key == self._base_key:
            return
        self._base_key = key
        sizes = style.node_sizes(self._size_values())
        brushes, pens = self._node_styles(base_level, self._type_idx)
        n = data.n_nodes
        if self._positions_dirty or len(self.nodes.data) != n:
            self._symbols = [style.symbol(t) for t in data.types]
            self.nodes.setData(pos=self.pos, size=sizes, brush=list(brushes), pen=list(pens),
                               symbol=self._symbols, data=np.arange(n))
        else:
            self.nodes.setSize(sizes, update=False)
            self.nodes.setBrush(list(brushes), update=False)
            self.nodes.setPen(list(pens), update=False)
            self.nodes.updateSpots()
        self.edges.set_edges(self.pos, data.src, data.dst, base_edges, self._buckets)
        self._positions_dirty = False

    def _push_front(self) -> None:
        """The selection, its neighbours and their ties, drawn above a veil that dims everything else."""
        data, level = self.data, self.node_level
        sizes = self._sizes()
        self._radius = sizes / 2.0
        focus = level == FOCUS
        any_focus = bool(focus.any())
        self.veil.setVisible(any_focus)
        front = np.flatnonzero(focus | ((level == PLAIN) & any_focus))
        front = front[np.argsort(level[front], kind="stable")]
        brushes, pens = self._node_styles(level[front], self._type_idx[front])
        self.front.setData(pos=self.pos[front], size=sizes[front], brush=list(brushes), pen=list(pens),
                           symbol=[self._symbols[i] for i in front], data=front)
        hot = np.flatnonzero(focus)
        self.halo.setData(pos=self.pos[hot], size=sizes[hot] + 10,
                          brush=pg.mkBrush(style.with_alpha(style.HALO, 200)), symbol="o")
        front_edges = np.where(self.edge_level == HIGHLIGHT, HIGHLIGHT, HIDDEN)
        self.front_edges.set_edges(self.pos, data.src, data.dst, front_edges, self._buckets)

    def _push_nodes(self, moved: bool = False) -> None:
        """Everything again after positions changed (layout applied, node dragged)."""
        if moved:
            self._positions_dirty = True
        self._push_base(force=True)
        self._push_front()

    def _label_rank(self) -> np.ndarray:
        """Node indexes by label priority: bigger first, then by name; cached per size mode."""
        key = (id(self.data), self.size_mode, self.data.betweenness is not None)
        if self._rank_key != key:
            names = np.array(self.data.names, dtype=str)
            self._rank = np.lexsort((names, -self._size_values()))
            self._rank_key = key
        return self._rank

    def _place_labels(self) -> None:
        if self.data is None or self.pos is None or len(self.node_level) != self.data.n_nodes:
            return
        level = self.node_level
        focus_idx = np.flatnonzero(level == FOCUS)
        # With a selection, name it and its neighbours; the dimmed rest stays quiet.
        floor = PLAIN if len(focus_idx) else DIMMED
        rank = self._label_rank()
        extra = focus_idx[:0]
        if len(focus_idx) > MAX_STRONG_LABELS:
            chosen = [self.data.index[a] for a in self.state.selection.actors if a in self.data.index
                      and level[self.data.index[a]] == FOCUS]
            ordered = rank[level[rank] == FOCUS]
            # The actors the analyst selected first, then the biggest of those brought forward.
            ordered = np.concatenate([np.array(chosen, np.int64), ordered[~np.isin(ordered, chosen)]])
            focus_idx, extra = ordered[:MAX_STRONG_LABELS], ordered[MAX_STRONG_LABELS:_LABEL_CANDIDATES]
        rest = rank[level[rank] >= floor]
        rest = rest[level[rest] != FOCUS][:_LABEL_CANDIDATES]
        if not len(focus_idx):
            # Nothing chosen: name only the biggest nodes in view (Gephi's label size threshold); zooming in
            # brings smaller ones into the running.
            rest = rest[self._in_view(rest)][:MAX_PLAIN_LABELS]
        # The selection's neighbours are always named (the most connected first, up to a cap).
        must = rest[level[rest] == PLAIN][:MUST_LABEL_NEIGHBOURS] if len(focus_idx) else rest[:0]
        rest = rest[~np.isin(rest, must)]
        cand = np.concatenate([focus_idx, must, extra, rest])
        # Labels keep off the ties drawn in full; under a selection the veiled ones are faint enough to cover.
        drawn = self.edge_level >= (HIGHLIGHT if len(focus_idx) else NORMAL)
        ties = (self.data.src[drawn], self.data.dst[drawn])
        self.labels.place(self.pos, self.data.names, cand, self._radius, set(int(i) for i in focus_idx), ties,
                          must=frozenset(int(i) for i in must))
        # Neighbours that found no free spot in the whole picture: say where they all get a name.
        unnamed = sum(1 for i in must.tolist() if int(i) not in self.labels.shown)
        if unnamed != self._unnamed:
            self._unnamed = unnamed
            self._show_counts()

    def _in_view(self, nodes: np.ndarray) -> np.ndarray:
        """Bool per node of ``nodes``: inside the visible range."""
        (x0, x1), (y0, y1) = self.viewbox.viewRange()
        p = self.pos[nodes]
        return (p[:, 0] >= x0) & (p[:, 0] <= x1) & (p[:, 1] >= y0) & (p[:, 1] <= y1)

    # -- view controls -----------------------------------------------------------
    def set_size_mode(self, mode: str) -> None:
        if mode not in dict(SIZE_MODES):
            raise ValueError(f"size mode must be one of {[k for k, _ in SIZE_MODES]}, not {mode!r}")
        self.size_mode = mode
        if self.size_combo.currentData() != mode:
            self.size_combo.setCurrentIndex([k for k, _ in SIZE_MODES].index(mode))
        data = self.data
        if mode == "betweenness" and data is not None and data.betweenness is None and data.n_nodes:
            if data.n_nodes <= SYNC_MAX_NODES:
                data.compute_betweenness()
            else:
                self.status.setText("Computing betweenness…")
                self._run(data.compute_betweenness, on_result=lambda _: (self._restyle(), self._show_counts()))
                return
        self._restyle()

    def _restyle(self) -> None:
        if self.data is not None and self.pos is not None and len(self.node_level) == self.data.n_nodes:
            self._push_nodes()
            self._place_labels()

    def zoom_to_fit(self) -> None:
        if self.pos is not None and len(self.pos):
            lo, hi = self.pos.min(axis=0), self.pos.max(axis=0)
            pad = 0.06 * max(float((hi - lo).max()), 1e-3)
            self.viewbox.setRange(xRange=(lo[0] - pad, hi[0] + pad), yRange=(lo[1] - pad, hi[1] + pad), padding=0)

    def labelled(self) -> dict[str, str]:
        """Actor id -> label text currently shown (for tests and the status bar)."""
        return {self.data.ids[i]: t for i, t in self.labels.shown.items()} if self.data else {}

    def shown_actors(self) -> set[str]:
        """Actors drawn as live nodes (not ghosts)."""
        return {self.data.ids[i] for i in np.flatnonzero(self.node_level > GHOST)} if self.data else set()

    def shown_ties(self) -> set[tuple[str, str]]:
        if not self.data:
            return set()
        ids = self.data.ids
        return {tuple(sorted((ids[self.data.src[k]], ids[self.data.dst[k]])))
                for k in np.flatnonzero(self.edge_level > HIDDEN)}

    def actors_at_level(self, level: int) -> set[str]:
        return {self.data.ids[i] for i in np.flatnonzero(self.node_level == level)} if self.data else set()
