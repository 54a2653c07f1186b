"""The "Key events" panel: the most salient happenings, top N live, each leading to all its reports.

One row per happening (date, label, independent sources, reports), "single source" shown at a
glance. Selecting a row selects its first report, so the document view scrolls to it; *Next
report* steps through every report of the happening in turn (the table and the timeline
follow the selection like any event click). Grouping runs off the UI thread (``run_task``):
the same core as ``eventscope chronology`` (core/happenings).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

import numpy as np

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSpinBox,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from desktop_app.core.model import Corpus

from .happening_task import ensure_grouped
from .plain import as_rich
from .state_view import StateView
from .workers import run_task

DEFAULT_TOP = 20
MAX_TOP = 10_000        # the most rows the panel lists at once (its "Top N" box)


def key_event_rows(corpus: Corpus, task=None) -> "KeyEventRows":
    """Every happening of ``corpus`` as a row, most salient first (the worker's job; no Qt)."""
    from desktop_app.core.happenings.salience import salience
    from .happening_task import group_once      # the timeline and table may be grouping it already
    h = group_once(corpus).happenings
    # Kept by a workspace file (or an earlier pass) for these very happenings: not computed again.
    score = getattr(h, "salience", None)
    if score is None or len(score) != len(h):
        score = h.salience = salience(h)
    return KeyEventRows(h, score)


class KeyEventRows(Sequence):
    """The happenings as panel rows, most salient first (ties: smaller id first), each row built when read.

    A dict with every report id for each of half a million happenings held ~200 MB at a million
    events, while the panel shows at most its top N (``MAX_TOP``): those are ordered when the rows
    are made (the highest scores only), the rest only if someone reads past them.
    """

    def __init__(self, h, score):
        self._h = h
        self._score = np.asarray(score, np.float64)
        self._order = self._ranked(MAX_TOP)
        self._built: dict[int, dict] = {}

    def _ranked(self, top: Optional[int]) -> list[int]:
        s, ids = self._score, self._h.ids
        cand = np.arange(len(s))
        if top is not None and len(s) > top:      # every happening scoring at least the top-th score (ties kept)
            cand = np.flatnonzero(s >= np.partition(s, len(s) - top)[len(s) - top])
        order = sorted(cand.tolist(), key=lambda k: (-s[k], ids[k]))
        return order if top is None else order[:top]

    def __len__(self) -> int:
        return len(self._score)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        i = range(len(self))[i]
        if i >= len(self._order):
            self._order = self._ranked(None)
        row = self._built.get(i)
        if row is None:
            row = self._built[i] = self._row(self._order[i])
        return row

    def _row(self, k: int) -> dict:
        one = self._h[k]
        date = one.date.start if one.date is not None else "undated"
        if one.date is not None and one.date.end != one.date.start:
            date = f"{one.date.start} – {one.date.end}"
        if one.conflicts:
            date += " (conflict: " + ", ".join(c.start for c in one.conflicts) + ")"
        return {"id": one.id, "date": date, "label": one.label, "sources": len(one.sources),
                "reports": list(one.reports)}


class KeyEventsView(StateView):
    # The reports (event ids) of the top-N happenings shown, each time the list changes;
    # the timeline labels them first and fits to them (View > Fit to key events).
    key_reports_changed = Signal(list)
    # The happenings picked (several with Ctrl/Shift-click) changed: the merge action re-reads them.
    picked_changed = Signal()

    def __init__(self, state, parent: Optional[QWidget] = None):
        super().__init__(state, parent)
        self.rows: Sequence[dict] = []
        self._handle = None
        self._item_of_report: dict[str, QTreeWidgetItem] = {}
        self._bold: list[QTreeWidgetItem] = []      # the rows the selection holds, shown in bold
        self.top = QSpinBox()
        self.top.setRange(1, MAX_TOP)
        self.top.setValue(DEFAULT_TOP)
        self.top.setPrefix("Top ")
        self.top.valueChanged.connect(self._fill)
        self.next_report = QPushButton("Next report")
        self.next_report.setEnabled(False)
        self.next_report.clicked.connect(self.step_report)
        self.note = QLabel("")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Date", "Happening", "Sources", "Reports"])
        self.tree.setRootIsDecorated(False)
        # Several happenings can be picked, to merge them (gui/happening_actions.py, also its context menu).
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.tree.itemSelectionChanged.connect(self.picked_changed)
        header = self.tree.header()
        header.setStretchLastSection(False)
        for col, mode in ((0, QHeaderView.ResizeMode.ResizeToContents), (1, QHeaderView.ResizeMode.Stretch),
                          (2, QHeaderView.ResizeMode.ResizeToContents), (3, QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(col, mode)
        self.tree.currentItemChanged.connect(self._picked)
        bar = QHBoxLayout()
        bar.addWidget(self.top)
        bar.addWidget(self.next_report)
        bar.addWidget(self.note, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addLayout(bar)
        lay.addWidget(self.tree)
        self.listen()
        self.state.happenings_changed.connect(self._on_happenings_changed)
        self.state.happenings_failed.connect(lambda why: self.note.setText(f"Key events unavailable: {why}"))
        self.refresh()

    def _on_corpus_changed(self) -> None:
        self.refresh()

    # -- data --------------------------------------------------------------
    def refresh(self) -> None:
        corpus = self.state.corpus
        self.rows = []
        self._handle = None
        self._fill()
        if not len(corpus.events):
            return
        self.note.setText("Grouping reports into happenings…")
        # The views' one grouping task groups them (after the views are built); the scores follow it,
        # so the window never groups, scores and builds views all at once.
        if ensure_grouped(self.state):
            self._score(corpus)

    def _on_happenings_changed(self) -> None:
        corpus = self.state.corpus
        if self._handle is None and not self.rows and len(corpus.events):
            # After the timeline and the table have regrouped (the other handlers of this signal).
            QTimer.singleShot(0, lambda: self._score(corpus))

    def _score(self, corpus) -> None:
        if corpus is not self.state.corpus or self._handle is not None:
            return
        handle = self._handle = run_task(key_event_rows, corpus)
        handle.result.connect(lambda rows, h=handle: self._loaded(h, rows))
        handle.error.connect(lambda exc: self.note.setText(f"Key events unavailable: {exc}"))

    def _loaded(self, handle, rows: Sequence[dict]) -> None:
        if handle is not self._handle:
            return            # a newer corpus arrived meanwhile
        self.rows = rows
        self.note.setText(f"{len(rows):,} happenings")
        self._fill()
        self._redrawn()

    def _fill(self) -> None:
        self._bold = []
        self.tree.clear()
        items = []
        self._item_of_report = {}
        for row in self.rows[: self.top.value()]:
            n = len(row["reports"])
            sources = "single source" if row["sources"] == 1 else str(row["sources"])
            item = QTreeWidgetItem([row["date"], row["label"], sources, str(n)])
            item.setData(0, Qt.ItemDataRole.UserRole, row["id"])
            # The whole label (cut in its column), as text: a label is the document's words.
            counts = (f"{n:,} report{'' if n == 1 else 's'}, single source" if row["sources"] == 1
                      else f"{n:,} reports from {row['sources']:,} sources")
            tip = as_rich(f"{row['label']}\n{row['date']} · {counts}")
            for col in range(4):
                item.setToolTip(col, tip)
            items.append(item)
            for e in row["reports"]:
                self._item_of_report[e] = item
        self.tree.addTopLevelItems(items)
        self.next_report.setEnabled(False)
        self._follow_selection()
        self.key_reports_changed.emit(self.key_reports())

    @property
    def top_n(self) -> int:
        """How many happenings the panel lists (the key-events setting a saved view keeps)."""
        return int(self.top.value())

    def set_top_n(self, n: int) -> None:
        self.top.setValue(max(self.top.minimum(), min(self.top.maximum(), int(n))))

    def key_reports(self) -> list[str]:
        """Event ids of every report of the top-N happenings listed, most salient happening first."""
        return [e for row in self.rows[: self.top.value()] for e in row["reports"]]

    def add_context_actions(self, actions) -> None:
        """Actions offered on a right-click in the list (the happening corrections)."""
        for act in actions:
            self.tree.addAction(act)

    # -- selection ---------------------------------------------------------
    def picked_ids(self) -> list[str]:
        """Ids of the happenings selected in the list, top first."""
        items = sorted(self.tree.selectedItems(), key=self.tree.indexOfTopLevelItem)
        return [it.data(0, Qt.ItemDataRole.UserRole) for it in items]

    def current_row(self) -> Optional[dict]:
        item = self.tree.currentItem()
        if item is None:
            return None
        hid = item.data(0, Qt.ItemDataRole.UserRole)
        return next((r for r in self.rows[: self.top.value()] if r["id"] == hid), None)   # a listed row

    def _picked(self, *_args) -> None:
        row = self.current_row()
        self.next_report.setEnabled(row is not None and len(row["reports"]) > 1)
        if row is not None:      # the whole happening: the timeline, table and document view follow
            self.state.selection.set_happening(row["reports"])

    def _on_selection_changed(self, change) -> None:
        if change.fields & {"event", "reports"}:
            self._follow_selection()

    def _follow_selection(self) -> None:
        """Show in bold the listed happenings the selection holds a report of (one happening, or those of an
        aggregate chosen on the timeline), scrolled into view, so the list agrees with every other view.
        The rows picked here (for a merge) stay picked: a report clicked elsewhere joins them."""
        sel = self.state.selection
        wanted = [self._item_of_report.get(e) for e in (sel.reports or ((sel.event,) if sel.event else ()))]
        wanted = list(dict.fromkeys(i for i in wanted if i is not None))
        for item in self._bold:
            if item in wanted:
                continue
            try:
                self._set_bold(item, False)
            except RuntimeError:        # the list was refilled: the item is gone
                pass
        for item in wanted:
            self._set_bold(item, True)
        self._bold = wanted
        if wanted:
            self.tree.scrollToItem(wanted[0])

    @staticmethod
    def _set_bold(item: QTreeWidgetItem, on: bool) -> None:
        for col in range(item.columnCount()):
            font = item.font(col)
            font.setBold(on)
            item.setFont(col, font)

    def followed_ids(self) -> list[str]:
        """Ids of the happenings shown in bold: those the selection holds."""
        return [it.data(0, Qt.ItemDataRole.UserRole) for it in self._bold]

    def step_report(self) -> Optional[str]:
        """Select the next report of the chosen happening (wrapping round, from the report shown, wherever it
        was chosen); returns its event id."""
        row = self.current_row()
        if row is None:
            return None
        reports = row["reports"]
        shown = self.state.selection.event
        k = reports.index(shown) if shown in reports else 0
        event = reports[(k + 1) % len(reports)]
        if self.state.selection.reports and event in self.state.selection.reports:
            self.state.selection.set_event(event)
        else:
            self.state.selection.set_happening(reports, event)
        return event
