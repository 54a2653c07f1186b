"""The event table: every extracted event as a sortable, searchable row, in step with the selection.

Rows shown are the events (and undated facts) matching the selection's
actors/mode/window (``core.filtering.FilterIndex``), narrowed by the search
field and the undated switch.  Choosing a row writes ``selection.event``; an
event chosen elsewhere selects and reveals its row; a guard flag keeps the
two directions from echoing each other.  The model (``event_table_model``)
reads the corpus's columns, so a million events cost arrays, not objects.
"""
from __future__ import annotations

from datetime import datetime
from typing import Optional

import numpy as np
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QTableView, QVBoxLayout)

from desktop_app.core.filtering import FilterIndex
from desktop_app.core.selection import SelectionChange

from .actor_search import search_key
from .event_cells import (ACTORS, COLUMNS, DATE, DOCUMENT, LABEL, SOURCE, WRITTEN, date_sort_key,  # noqa: F401
                          format_date)
from .event_table_model import EVENT_ID_ROLE, EventTableModel  # noqa: F401
from desktop_app.core.happenings.heads import happening_marks
from .happening_task import ensure_grouped
from .plain import plain
from .shared_index import filter_index
from .state_view import StateView

_REDRAW_FIELDS = frozenset(("actors", "mode", "window", "event", "reports"))
# What the rows shown depend on (``_mask``); a chosen event or happening only moves the highlight.
_FILTER_FIELDS = frozenset(("actors", "mode", "window"))


def _seconds(d: datetime) -> int:
    return int(np.datetime64(d.replace(tzinfo=None), "s").astype(np.int64))


class EventTable(StateView):
    def __init__(self, state, parent=None):
        super().__init__(state, parent)
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
        self.group_box = QCheckBox("Group by happening")
        self.group_box.setToolTip("One row per happening: its label, date, and how many reports from how many "
                                  "sources (sort the Source column by sources)")
        self.group_box.toggled.connect(self.set_grouped)
        self.count = plain(QLabel())
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)   # Ctrl/Shift-click: several rows, e.g. to merge
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
        top.addWidget(self.group_box)
        top.addWidget(self.count)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        self.listen()
        self.state.happenings_changed.connect(self._on_happenings_changed)
        self._on_corpus_changed()

    # -- model <- corpus / selection ------------------------------------------------
    def _on_corpus_changed(self) -> None:
        self.index = filter_index(self.state)
        self._syncing = True
        try:
            self.model.set_corpus(self.state.corpus)
            self._apply_grouping()
        finally:
            self._syncing = False
        self._redraw()

    def _apply_grouping(self) -> None:
        want = self.group_box.isChecked()
        hm = happening_marks(self.state.corpus, self.model.store) if want else None
        if want and hm is None:
            ensure_grouped(self.state)        # happenings_changed follows
        self.model.set_grouped(want, hm)

    def _on_happenings_changed(self) -> None:
        if self.group_box.isChecked():
            self._apply_grouping()
            self.refilter()

    @property
    def grouped(self) -> bool:
        """One row per happening (the "Group by happening" toggle); a saved view keeps it."""
        return self.group_box.isChecked()

    def set_grouped(self, on: bool) -> None:
        """One row per happening, or per report (the toggle)."""
        if self.group_box.isChecked() != bool(on):
            self.group_box.setChecked(bool(on))      # comes back here through toggled
            return
        self._apply_grouping()
        self.refilter()

    def _on_selection_changed(self, change: SelectionChange) -> None:
        if change.fields & _FILTER_FIELDS:
            self._redraw()
        elif change.fields & _REDRAW_FIELDS:
            # A click on a mark: the same rows, other ones highlighted.  Filtering and sorting every row
            # again (a model reset) cost most of the table's part of a click at a million events.
            self._reveal_selected()
            self._redrawn()

    def _redraw(self) -> None:
        self.refilter()
        self._redrawn()

    def _mask(self) -> np.ndarray:
        """Which events the selection, the undated switch and the search let through."""
        sel, idx = self.state.selection, self.index
        n = self.model.n
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
            mask &= self.model.matches(query)
        return self.model.group_rows(mask)

    def refilter(self) -> None:
        self._syncing = True
        try:
            self.model.show_rows(self._mask())
            self._select_event(self.state.selection.event)
        finally:
            self._syncing = False
        noun = " happenings" if self.model.grouped else ""
        self.count.setText(f"{self.model.rowCount():,}{noun} of {self.model.n:,} events")

    def _select_event(self, event_id: Optional[str]) -> None:
        sm = self.view.selectionModel()
        # A selected happening: every one of its reports' rows too; grouped, every happening row the
        # selected reports belong to (an aggregate chosen on the timeline is several happenings).  The
        # report shown may be filtered out (it need not name the selected actor) while others are listed.
        found = self.model.display_rows([event_id, *self.state.selection.reports])
        rows = dict.fromkeys(found[found >= 0].tolist())
        if not rows:
            sm.clearSelection()
            return
        chosen = QItemSelection()        # one selection change, however many rows
        for r in rows:
            chosen.select(self.model.index(r, 0), self.model.index(r, 0))
        sm.select(chosen, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        index = self.model.index(next(iter(rows)), 0)
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
            event = rows[0].data(EVENT_ID_ROLE)
            reports = self.model.happening_reports(int(self.model.rows[rows[0].row()])) if self.model.grouped else []
            if len(reports) > 1:
                self.state.selection.set_happening(reports, event)
            else:
                self.state.selection.set_event(event)
        elif len(rows) > 1:
            # Several rows (Ctrl/Shift-click): all their reports are selected, the current row's shown; the
            # document view steps through them and Edit > Merge joins their happenings.
            current = self.view.selectionModel().currentIndex()
            rows = sorted(rows, key=lambda i: (i.row() != current.row(), i.row()))
            reports = []
            for index in rows:
                event = index.data(EVENT_ID_ROLE)
                reports += (self.model.happening_reports(int(self.model.rows[index.row()])) if self.model.grouped
                            else []) or [event]
            self.state.selection.set_happening(reports, rows[0].data(EVENT_ID_ROLE))

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
        ids = self.model.store.ids
        return [ids[i] for i in self.model.rows.tolist()]

    def selected_event_ids(self) -> list[str]:
        return [i.data(EVENT_ID_ROLE) for i in self.view.selectionModel().selectedRows()]
