"""The event table: every extracted event as a sortable, searchable row, in step with the selection.

Rows shown are the events (and undated facts) matching the selection's
actors/mode/window (``core.filtering.FilterIndex``), narrowed by the search
field and the undated switch.  Choosing a row writes ``selection.event``; an
event chosen elsewhere selects and reveals its row; a guard flag keeps the
two directions from echoing each other.

Why no QSortFilterProxyModel: it asks the Python model for ``data()`` on
every comparison and ``filterAcceptsRow`` on every row, which measured 12-17 s
per sort and 15 s per refilter at 100,000 events.  The model instead keeps
the shown rows as a numpy index array, filters with boolean masks and sorts
with ``argsort`` on per-column keys computed once, so the view only asks
for the rows on screen.  Cell text is built lazily for the same reason.
"""
from __future__ import annotations

import os
from datetime import datetime
from typing import Optional

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QTableView, QVBoxLayout, QWidget)

from desktop_app.core.filtering import FilterIndex
from desktop_app.core.model import PRECISIONS, Corpus, Event
from desktop_app.core.selection import SelectionChange

from .actor_search import search_key

COLUMNS = ("Date", "As written", "Event", "Actors", "Source", "Document")
DATE, WRITTEN, LABEL, ACTORS, SOURCE, DOCUMENT = range(len(COLUMNS))
EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
_REDRAW_FIELDS = frozenset(("actors", "mode", "window", "event"))
# Undated facts sort after every dated event (before them when sorted descending).
_UNDATED_KEY = 1e18


def _epoch(d: datetime) -> float:
    return (d - datetime(1970, 1, 1)).total_seconds()


def format_date(ev: Event) -> str:
    """The normalized date an analyst reads: at its own precision, with "on or before" when only a report dates it."""
    if not ev.dated:
        return "undated"
    iv = ev.date.interval
    p = iv.precision
    start, last = iv.start, iv.latest()
    if p in ("second", "minute", "hour"):
        text = start.isoformat(sep=" ", timespec="minutes")
    elif p in ("month", "quarter", "year", "decade") and not _one_unit(iv):
        # A relative date under a coarse creation time ("the past week" in a November
        # article) spans parts of two units; naming one of them would misstate it.
        text = f"{start.date().isoformat()} – {last.date().isoformat()}"
    elif p == "day":
        text = start.date().isoformat()
    elif p == "month":
        text = f"{start.year:04d}-{start.month:02d}"
    elif p == "quarter":
        text = f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"
    elif p == "year":
        text = f"{start.year:04d}"
    elif p == "decade":
        text = f"{start.year:04d}s"
    else:  # week, season, century, millennium: the span itself is clearest
        text = f"{start.date().isoformat()} – {last.date().isoformat()}"
    if p not in ("day", "second", "minute", "hour"):
        text += f" ({p})"
    if ev.date.relation == "on_or_before":
        text = "on or before " + text
    return text


def _one_unit(iv) -> bool:
    """Whether the interval is exactly one calendar month, quarter, year or decade."""
    s, e = iv.start, iv.end
    if s.day != 1 or e.day != 1 or s.time() != datetime.min.time():
        return False
    length = {"month": 1, "quarter": 3, "year": 12, "decade": 120}[iv.precision]
    first = s.year * 12 + s.month - 1
    return (e.year * 12 + e.month - 1) - first == length and first % length == 0


def date_sort_key(ev: Event) -> float:
    """Chronological by start; at equal start the finer precision comes first."""
    if not ev.dated:
        return _UNDATED_KEY
    iv = ev.date.interval
    rank = PRECISIONS.index(iv.precision) if iv.precision in PRECISIONS else len(PRECISIONS)
    return _epoch(iv.start) + rank * 1e-3


class EventTableModel(QAbstractTableModel):
    """All events of the corpus; ``rows`` (indexes into ``events``) are the ones shown, in display order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.events: list[Event] = []
        self.rows = np.zeros(0, dtype=np.int64)
        self.sort_column, self.sort_order = DATE, Qt.SortOrder.AscendingOrder
        self.row_of: dict[str, int] = {}       # event id -> index into events
        self._cells: dict[int, tuple[str, ...]] = {}
        self._keys: dict[int, np.ndarray] = {}
        self._search_text: Optional[list[str]] = None
        self._position = np.zeros(0, dtype=np.int64)
        self._names: dict[str, str] = {}
        self._docs: dict = {}

    def set_corpus(self, corpus: Corpus) -> None:
        self.beginResetModel()
        self.events = list(corpus.events)
        self._names = {a.id: a.name for a in corpus.actors}
        self._docs = {d.id: d for d in corpus.documents}
        self.row_of = {ev.id: i for i, ev in enumerate(self.events)}
        self._cells, self._keys, self._search_text = {}, {}, None
        self.rows = np.arange(len(self.events), dtype=np.int64)
        self._sort_rows()
        self.endResetModel()

    # -- cells, keys, search text (built on demand) -------------------------------
    def cells(self, i: int) -> tuple[str, ...]:
        cached = self._cells.get(i)
        if cached is None:
            ev = self.events[i]
            actors = "; ".join(dict.fromkeys(self._names.get(a, a) for a in ev.actor_ids()))
            source = ""
            if ev.report is not None:
                who = self._names.get(ev.report.source, ev.report.source) if ev.report.source else ""
                source = ", ".join(x for x in (who, ev.report.date) if x)
            doc = self._docs.get(ev.doc)
            doc_name = (doc.title or os.path.basename(doc.path) or doc.id) if doc else ev.doc
            written = ev.date.text if ev.date is not None and ev.date.text else ""
            cached = (format_date(ev), written, ev.label or ev.text, actors, source, doc_name)
            self._cells[i] = cached
        return cached

    def sort_key(self, column: int) -> np.ndarray:
        """One sortable number per event for ``column`` (dates by time, text by folded rank)."""
        key = self._keys.get(column)
        if key is None:
            if column == DATE:
                key = np.array([date_sort_key(ev) for ev in self.events], dtype=float)
            else:
                texts = [self.cells(i)[column].casefold() for i in range(len(self.events))]
                order = sorted(range(len(texts)), key=texts.__getitem__)
                key = np.empty(len(texts), dtype=float)
                key[np.asarray(order, dtype=np.int64)] = np.arange(len(texts), dtype=float)
            self._keys[column] = key
        return key

    def search_text(self) -> list[str]:
        if self._search_text is None:
            self._search_text = [search_key(" \u241f ".join(self.cells(i))) for i in range(len(self.events))]
        return self._search_text

    # -- which rows, in which order --------------------------------------------------
    def show_rows(self, mask: np.ndarray) -> None:
        self.beginResetModel()
        self.rows = np.flatnonzero(mask).astype(np.int64)
        self._sort_rows()
        self.endResetModel()

    def _sort_rows(self) -> None:
        if len(self.rows):
            key = self.sort_key(self.sort_column)[self.rows]
            if self.sort_order == Qt.SortOrder.DescendingOrder:
                key = -key
            self.rows = self.rows[np.argsort(key, kind="stable")]
        self._position = np.full(len(self.events), -1, dtype=np.int64)
        self._position[self.rows] = np.arange(len(self.rows))

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self.sort_column, self.sort_order = column, order
        self._sort_rows()
        self.layoutChanged.emit()

    def display_row(self, event_id: Optional[str]) -> Optional[int]:
        i = self.row_of.get(event_id) if event_id else None
        if i is None or self._position[i] < 0:
            return None
        return int(self._position[i])

    # -- QAbstractTableModel -----------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        i, col = int(self.rows[index.row()]), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(i)[col]
        if role == EVENT_ID_ROLE:
            return self.events[i].id
        if role == Qt.ItemDataRole.ToolTipRole:
            ev = self.events[i]
            if col == LABEL:
                return ev.text
            if col == DATE and ev.dated:
                iv = ev.date.interval.to_json()
                return f"value {ev.date.value} · {iv['start']} .. {iv['end']} · precision {iv['precision']}"
            return self.cells(i)[col] or None
        return None


def _seconds(d: datetime) -> int:
    return int(np.datetime64(d.replace(tzinfo=None), "s").astype(np.int64))


class EventTable(QWidget):
    redrawn = Signal()

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.redraw_count = 0
        self.index: Optional[FilterIndex] = None
        self._syncing = False
        self.model = EventTableModel(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search events (date, words, actors, source, document)…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _: self.refilter())
        self.show_undated = QCheckBox("Show undated facts")
        self.show_undated.setChecked(True)
        self.show_undated.toggled.connect(lambda _: self.refilter())
        self.count = QLabel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        # One line per event: the default row height wastes a third of the table.
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 6)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for col, width in ((DATE, 215), (WRITTEN, 120), (LABEL, 360), (ACTORS, 220), (SOURCE, 170), (DOCUMENT, 160)):
            self.view.setColumnWidth(col, width)
        header.setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Stretch)
        self.view.sortByColumn(DATE, Qt.SortOrder.AscendingOrder)
        # After a sort the selected event may sit elsewhere: keep it in sight.
        self.model.layoutChanged.connect(lambda *_: self._reveal_selected())
        self.view.selectionModel().selectionChanged.connect(self._rows_selected)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.show_undated)
        top.addWidget(self.count)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        state.corpus_changed.connect(self._on_corpus_changed)
        state.selection_changed.connect(self._on_selection_changed)
        self._on_corpus_changed()

    # -- model <- corpus / selection ------------------------------------------------
    def _on_corpus_changed(self) -> None:
        self.index = FilterIndex(self.state.corpus)
        self._syncing = True
        try:
            self.model.set_corpus(self.state.corpus)
        finally:
            self._syncing = False
        self._redraw()

    def _on_selection_changed(self, change: SelectionChange) -> None:
        if change.fields & _REDRAW_FIELDS:
            self._redraw()

    def _redraw(self) -> None:
        self.redraw_count += 1
        self.refilter()
        self.redrawn.emit()

    def _mask(self) -> np.ndarray:
        """Which events the selection, the undated switch and the search let through."""
        sel, idx = self.state.selection, self.index
        n = len(self.model.events)
        mask = np.zeros(n, dtype=bool)
        if n == 0:
            return mask
        mask[idx.event_indexes(sel.actors, sel.mode)] = True
        if sel.window is not None:
            # As in FilterIndex.filter: dated events overlapping the window; facts have no place in time.
            lo, hi = sorted(sel.window)
            mask &= idx.dated & (idx.starts <= _seconds(hi)) & (idx.ends > _seconds(lo))
        if not self.show_undated.isChecked():
            mask &= idx.dated
        query = search_key(self.search.text())
        if query:
            texts = self.model.search_text()
            candidates = np.flatnonzero(mask)
            hits = np.fromiter((query in texts[i] for i in candidates), dtype=bool, count=len(candidates))
            mask[candidates[~hits]] = False
        return mask

    def refilter(self) -> None:
        self._syncing = True
        try:
            self.model.show_rows(self._mask())
            self._select_event(self.state.selection.event)
        finally:
            self._syncing = False
        self.count.setText(f"{self.model.rowCount():,} of {len(self.model.events):,} events")

    def _select_event(self, event_id: Optional[str]) -> None:
        sm = self.view.selectionModel()
        row = self.model.display_row(event_id)
        if row is None:
            sm.clearSelection()
            return
        index = self.model.index(row, 0)
        sm.select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        sm.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _reveal_selected(self) -> None:
        self._syncing = True
        try:
            self._select_event(self.state.selection.event)
        finally:
            self._syncing = False

    # -- table -> selection --------------------------------------------------------
    def _rows_selected(self, *_):
        if self._syncing:
            return
        rows = self.view.selectionModel().selectedRows()
        if len(rows) == 1:
            self.state.selection.set_event(rows[0].data(EVENT_ID_ROLE))

    def select_row(self, row: int) -> Optional[str]:
        """Choose the row shown at ``row`` as a user click would; returns its event id."""
        index = self.model.index(row, 0)
        if not index.isValid():
            return None
        self.view.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        return index.data(EVENT_ID_ROLE)

    def shown_event_ids(self) -> list[str]:
        """Event ids in display order."""
        return [self.model.events[i].id for i in self.model.rows]

    def selected_event_ids(self) -> list[str]:
        return [i.data(EVENT_ID_ROLE) for i in self.view.selectionModel().selectedRows()]
