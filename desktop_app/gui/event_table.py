"""The event table: every extracted event as a sortable, searchable row, in step with the selection.

Rows shown are the events (and undated facts) matching the selection's
actors/mode/window, computed by ``core.filtering.FilterIndex``, narrowed by
the search field.  Choosing a row writes ``selection.event``; an event
chosen elsewhere selects and reveals its row.  A guard flag keeps the two
directions from echoing each other.

Filtering is a precomputed boolean mask per row so the proxy's Python
``filterAcceptsRow`` is a list lookup, and sorting uses plain numbers and
strings under a dedicated role so Qt's C++ comparison does the work.
"""
from __future__ import annotations

import os
from datetime import datetime
from typing import Optional

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QTableView, QVBoxLayout, QWidget)

from desktop_app.core.filtering import FilterIndex
from desktop_app.core.model import PRECISIONS, Corpus, Event
from desktop_app.core.selection import SelectionChange

from .actor_search import search_key

COLUMNS = ("Date", "As written", "Event", "Actors", "Source", "Document")
DATE, WRITTEN, LABEL, ACTORS, SOURCE, DOCUMENT = range(len(COLUMNS))
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
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


def date_sort_key(ev: Event) -> float:
    """Chronological by start; at equal start the finer precision comes first."""
    if not ev.dated:
        return _UNDATED_KEY
    iv = ev.date.interval
    rank = PRECISIONS.index(iv.precision) if iv.precision in PRECISIONS else len(PRECISIONS)
    return _epoch(iv.start) + rank * 1e-3


class EventTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.events: list[Event] = []
        self._cells: list[tuple[str, ...]] = []
        self._keys: list[tuple] = []
        self.search_text: list[str] = []   # folded row text, for the search field
        self.row_of: dict[str, int] = {}

    def set_corpus(self, corpus: Corpus) -> None:
        self.beginResetModel()
        names = {a.id: a.name for a in corpus.actors}
        docs = {d.id: d for d in corpus.documents}
        self.events = list(corpus.events)
        self._cells, self._keys, self.search_text = [], [], []
        for ev in self.events:
            actors = "; ".join(dict.fromkeys(names.get(a, a) for a in ev.actor_ids()))
            source = ""
            if ev.report is not None:
                who = names.get(ev.report.source, ev.report.source) if ev.report.source else ""
                source = ", ".join(x for x in (who, ev.report.date) if x)
            doc = docs.get(ev.doc)
            doc_name = (doc.title or os.path.basename(doc.path) or doc.id) if doc else ev.doc
            written = ev.date.text if ev.date is not None and ev.date.text else ""
            cells = (format_date(ev), written, ev.label or ev.text, actors, source, doc_name)
            self._cells.append(cells)
            self._keys.append((date_sort_key(ev), *(c.casefold() for c in cells[1:])))
            self.search_text.append(search_key(" \u241f ".join(cells)))
        self.row_of = {ev.id: i for i, ev in enumerate(self.events)}
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.events)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[row][col]
        if role == SORT_ROLE:
            return self._keys[row][col]
        if role == EVENT_ID_ROLE:
            return self.events[row].id
        if role == Qt.ItemDataRole.ToolTipRole:
            ev = self.events[row]
            if col == LABEL:
                return ev.text
            if col == DATE and ev.dated:
                iv = ev.date.interval.to_json()
                return f"value {ev.date.value} · {iv['start']} .. {iv['end']} · precision {iv['precision']}"
            return self._cells[row][col] or None
        return None


class EventFilterProxy(QSortFilterProxyModel):
    """Rows pass when the selection allows them, the undated switch allows them and the search matches."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.allowed: list[bool] = []
        self.setSortRole(SORT_ROLE)

    def set_allowed(self, allowed: list[bool]) -> None:
        if hasattr(self, "beginFilterChange"):     # Qt >= 6.9; invalidateFilter is deprecated there
            self.beginFilterChange()
            self.allowed = allowed
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.allowed = allowed
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        return source_row < len(self.allowed) and self.allowed[source_row]


class EventTable(QWidget):
    redrawn = Signal()

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.redraw_count = 0
        self.index: Optional[FilterIndex] = None
        self._syncing = False
        self.model = EventTableModel(self)
        self.proxy = EventFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search events (date, words, actors, source, document)…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _: self.refilter())
        self.show_undated = QCheckBox("Show undated facts")
        self.show_undated.setChecked(True)
        self.show_undated.toggled.connect(lambda _: self.refilter())
        self.count = QLabel()
        self.view = QTableView()
        self.view.setModel(self.proxy)
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

    def refilter(self) -> None:
        sel = self.state.selection
        n = len(self.model.events)
        res = self.index.filter(sel.actors, sel.mode, sel.window, with_network=False) if n else None
        matching = set(res.events) | set(res.facts) if res is not None else set()
        query = search_key(self.search.text())
        undated_ok = self.show_undated.isChecked()
        allowed = []
        for ev, text in zip(self.model.events, self.model.search_text):
            ok = ev.id in matching and (undated_ok or ev.dated) and (not query or query in text)
            allowed.append(ok)
        self._syncing = True
        try:
            self.proxy.set_allowed(allowed)
            self._select_event(sel.event)
        finally:
            self._syncing = False
        shown = self.proxy.rowCount()
        self.count.setText(f"{shown:,} of {n:,} events")

    def _select_event(self, event_id: Optional[str]) -> None:
        sm = self.view.selectionModel()
        row = self.model.row_of.get(event_id) if event_id else None
        proxy_index = self.proxy.mapFromSource(self.model.index(row, 0)) if row is not None else QModelIndex()
        if not proxy_index.isValid():
            sm.clearSelection()
            return
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        sm.select(proxy_index, flags)
        sm.setCurrentIndex(proxy_index, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.view.scrollTo(proxy_index, QAbstractItemView.ScrollHint.PositionAtCenter)

    # -- table -> selection --------------------------------------------------------
    def _rows_selected(self, *_):
        if self._syncing:
            return
        rows = self.view.selectionModel().selectedRows()
        if len(rows) == 1:
            self.state.selection.set_event(rows[0].data(EVENT_ID_ROLE))

    def select_row(self, proxy_row: int) -> Optional[str]:
        """Choose the row shown at ``proxy_row`` as a user click would; returns its event id."""
        index = self.proxy.index(proxy_row, 0)
        if not index.isValid():
            return None
        self.view.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        return index.data(EVENT_ID_ROLE)

    def shown_event_ids(self) -> list[str]:
        """Event ids in display order."""
        return [self.proxy.index(r, 0).data(EVENT_ID_ROLE) for r in range(self.proxy.rowCount())]

    def selected_event_ids(self) -> list[str]:
        return [i.data(EVENT_ID_ROLE) for i in self.view.selectionModel().selectedRows()]
