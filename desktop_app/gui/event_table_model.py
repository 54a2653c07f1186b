"""The event table's model: rows of a columnar corpus, cells built only for the rows on screen.

Why no QSortFilterProxyModel: it asks the Python model for ``data()`` on
every comparison and ``filterAcceptsRow`` on every row, which measured 12-17 s
per sort and 15 s per refilter at 100,000 events.  The model instead keeps
the shown rows as a numpy index array into the corpus's ``EventStore``,
filters with boolean masks and sorts with ``argsort`` on per-column keys:
the date key comes from the columns; text keys are ranks of the distinct
texts, or (label, actors) built once when the user first sorts by them.
Cell text is built for the rows the view asks for, in a bounded cache.
"""
from __future__ import annotations

from typing import Optional

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from desktop_app.core.model import Corpus
from desktop_app.core.store import EventStore, compact, event_store

from .event_cells import COLUMNS, DATE, LABEL, SOURCE, CellColumns, date_sort_keys, doc_name, format_date
from .event_search import EventSearch
from .plain import as_rich
from .shared_index import remember_row, row_of, rows_of

EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
_CELL_CACHE = 4096     # rows of cell text kept: a few screens' worth, whatever the corpus size


class EventTableModel(QAbstractTableModel):
    """All events of the corpus; ``rows`` (store rows) are the ones shown, in display order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.store: EventStore = event_store([])
        self.rows = np.zeros(0, dtype=np.int64)
        self.sort_column, self.sort_order = DATE, Qt.SortOrder.AscendingOrder
        self._cells: dict[int, tuple[str, ...]] = {}
        self._keys: dict[int, np.ndarray] = {}
        self._columns: Optional[CellColumns] = None
        self._search: Optional[EventSearch] = None
        self._position = np.zeros(0, dtype=np.int32)
        self._full: Optional[tuple] = None       # ((column, order), every row in that order)
        self._names: dict[str, str] = {}
        self._docs: dict = {}
        # Grouped by happening: one row per happening (its head report), labelled with the happening's
        # label and its report and source counts in the Source column (sorted by sources, then reports).
        self.happenings = None          # core.happenings.heads.HappeningMarks over the store's rows
        self.grouped = False

    @property
    def events(self) -> EventStore:
        """Every event, by store row (a sequence: indexing builds one ``Event``)."""
        return self.store

    @property
    def n(self) -> int:
        return len(self.store)

    def set_corpus(self, corpus: Corpus) -> None:
        self.beginResetModel()
        corpus = compact(corpus)
        self.store = corpus.events
        self._names = {a.id: a.name for a in corpus.actors}
        self._docs = {d.id: d for d in corpus.documents}
        self._columns = CellColumns(corpus, self._names, self._docs)
        self._cells, self._keys, self._search, self._full = {}, {}, None, None
        self.happenings = None
        self.rows = np.arange(self.n, dtype=np.int64)
        self._sort_rows()
        self.endResetModel()

    def event_id(self, i: int) -> str:
        eid = self.store.ids[int(i)]
        remember_row(self.store, eid, int(i))
        return eid

    def row_of(self, event_id: Optional[str]) -> Optional[int]:
        """The store row of an event id, or None."""
        return row_of(self.store, event_id) if event_id else None

    def set_grouped(self, grouped: bool, happenings=None) -> None:
        """Rows per happening (``grouped``, when ``happenings`` are known) or per report; the caller refilters."""
        self.happenings = happenings
        self.grouped = bool(grouped) and happenings is not None
        self._cells, self._full = {}, None
        self._keys.pop(-SOURCE - 1, None)

    def group_rows(self, mask: np.ndarray) -> np.ndarray:
        """``mask`` over reports -> over happening heads: a happening shows when any of its reports does."""
        hm = self.happenings
        if not self.grouped or hm is None or len(hm.of_event) != len(mask):
            return mask
        shown = np.zeros(len(hm), bool)
        shown[hm.of_event[mask]] = True
        return hm.is_head & shown[hm.of_event]

    def happening_reports(self, i: int) -> list[str]:
        """Event ids of every report of the happening shown at store row ``i`` (grouped rows only)."""
        hm = self.happenings
        return hm.report_ids(int(hm.of_event[i])) if self.grouped and hm is not None else []

    # -- cells, keys, search (built on demand) -------------------------------------
    def cells(self, i: int) -> tuple[str, ...]:
        cached = self._cells.get(i)
        if cached is None and self.grouped:
            h = int(self.happenings.of_event[i])
            row = list(self._event_cells(i))
            row[LABEL] = self.happenings.label(h) or row[LABEL]
            row[SOURCE] = self.happenings.counts_text(h)
            cached = self._cells[i] = tuple(row)
        return cached if cached is not None else self._event_cells(i)

    def _event_cells(self, i: int) -> tuple[str, ...]:
        cached = self._cells.get(i) if not self.grouped else None
        if cached is None:
            ev = self.store[i]
            actors = "; ".join(dict.fromkeys(self._names.get(a, a) for a in ev.actor_ids()))
            source = ""
            if ev.report is not None:
                who = self._names.get(ev.report.source, ev.report.source) if ev.report.source else ""
                source = ", ".join(x for x in (who, ev.report.date) if x)
            written = ev.date.text if ev.date is not None and ev.date.text else ""
            cached = (format_date(ev), written, ev.label or ev.text, actors, source,
                      doc_name(self._docs.get(ev.doc), ev.doc))
            if len(self._cells) >= _CELL_CACHE:
                self._cells.clear()
            if not self.grouped:
                self._cells[i] = cached
        return cached

    def sort_key(self, column: int) -> np.ndarray:
        """One sortable number per event for ``column`` (dates by time, text by folded rank)."""
        if self.grouped and column == SOURCE:
            # Grouped: the source column sorts by independent sources, then reports.
            key = self._keys.get(-SOURCE - 1)
            if key is None:
                hm = self.happenings
                h = hm.of_event
                key = self._keys[-SOURCE - 1] = hm.sources[h].astype(np.float64) * 1e7 + hm.reports[h]
            return key
        key = self._keys.get(column)
        if key is None:
            if column == DATE:
                key = date_sort_keys(self.store)
            else:
                key = self._text_rank(column)
            self._keys[column] = key
        return key

    def _text_rank(self, column: int) -> np.ndarray:
        coded = self._columns.coded(column)
        if coded is None:
            # Labels and actor lists repeat too but are not coded in the store: code them here a chunk
            # at a time (a million row strings would cost 100+ MB at once).
            coded = _code_texts(self._columns.text_chunks(column), self._columns.n)
        return _rank_by_text(*coded)

    def matches(self, query: str) -> np.ndarray:
        """Boolean mask over store rows: events whose cells contain ``query`` (a search key)."""
        if self._search is None:
            self._search = EventSearch(self._columns)
        return self._search.matches(query)

    # -- which rows, in which order --------------------------------------------------
    def show_rows(self, mask: np.ndarray) -> None:
        self.beginResetModel()
        self.rows = np.flatnonzero(mask).astype(np.int64)
        self._sort_rows()
        self.endResetModel()

    def _sort_rows(self) -> None:
        if len(self.rows) == self.n and self.n and not self.grouped:
            # Everything shown (no filter): the order of all rows is kept per sort, a million-row argsort once.
            self.rows = self._full_order()
        elif len(self.rows):
            self.rows = self.rows[self._argsort(self.sort_key(self.sort_column)[self.rows])]
        self._position = np.full(self.n, -1, dtype=np.int32)
        self._position[self.rows] = np.arange(len(self.rows), dtype=np.int32)

    def _argsort(self, key: np.ndarray) -> np.ndarray:
        return np.argsort(-key if self.sort_order == Qt.SortOrder.DescendingOrder else key, kind="stable")

    def _full_order(self) -> np.ndarray:
        which = (self.sort_column, self.sort_order)
        if self._full is None or self._full[0] != which:
            self._full = (which, self._argsort(self.sort_key(self.sort_column)))
        return self._full[1]

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self.sort_column, self.sort_order = column, order
        self._sort_rows()
        self.layoutChanged.emit()

    def display_row(self, event_id: Optional[str]) -> Optional[int]:
        i = self.row_of(event_id)
        if i is not None and self.grouped:     # a report finds its happening's row
            i = int(self.happenings.head[int(self.happenings.of_event[i])])
        if i is None or self._position[i] < 0:
            return None
        return int(self._position[i])

    def display_rows(self, event_ids) -> np.ndarray:
        """``display_row`` of many ids in one batch (int64, -1 for those not listed): one lookup for the
        thousands of reports an aggregate mark selects."""
        i = rows_of(self.store, event_ids)
        known = (i >= 0) & (i < len(self._position))
        if self.grouped and known.any():
            i[known] = self.happenings.head[self.happenings.of_event[i[known]].astype(np.int64)]
        pos = np.full(len(i), -1, np.int64)
        pos[known] = self._position[i[known]]
        return pos

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
            return self.event_id(i)
        if role == Qt.ItemDataRole.ToolTipRole:
            # Tooltips are parsed as HTML when they look like it: the text is escaped (plain.as_rich).
            if col == LABEL:
                return as_rich(self.store.text(i))
            if col == DATE:
                ev = self.store[i]
                if ev.dated:
                    iv = ev.date.interval.to_json()
                    return as_rich(f"value {ev.date.value} · {iv['start']} .. {iv['end']} · "
                                   f"precision {iv['precision']}")
            cell = self.cells(i)[col]
            return as_rich(cell) if cell else None
        return None


def _code_texts(chunks, n: int) -> tuple[np.ndarray, list[str]]:
    """(code per row, text per code) from texts arriving in chunks."""
    codes = np.empty(n, np.int32)
    index: dict[str, int] = {}
    values: list[str] = []
    at = 0
    for chunk in chunks:
        for t in chunk:
            k = index.get(t)
            if k is None:
                k = index[t] = len(values)
                values.append(t)
            codes[at] = k
            at += 1
    return codes, values


def _rank_by_text(codes: np.ndarray, values: list[str]) -> np.ndarray:
    """A sort key per row: the distinct texts folded and ranked once, equal texts then by row.

    The key is the row's place in that order, int32 (a million events: 4 MB kept per sorted column, where
    a float64 key built by a lexsort over int64 temporaries had kept 8 and peaked at 40 more)."""
    folded = np.array([v.casefold() for v in values] or [""], dtype=object)
    _, rank = np.unique(folded, return_inverse=True)
    del folded
    order = np.argsort(rank.reshape(-1).astype(np.int32)[codes], kind="stable")    # stable: equal texts by row
    key = np.empty(len(codes), dtype=np.int32)
    key[order] = np.arange(len(codes), dtype=np.int32)
    return key
