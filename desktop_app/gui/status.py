"""The status bar: corpus counts, what the selection filters, year-unknown warnings, and job progress."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

import numpy as np

from desktop_app.core import timeaxis
from desktop_app.core.filtering import FilterIndex
from desktop_app.core.model import Corpus
from desktop_app.core.selection import SelectionModel
from desktop_app.core.store import compact
from desktop_app.core.store.times import NONE

from .plain import plain
from .shared_index import filter_index_for


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


class Counts:
    """The corpus's counts, from its columns (a list corpus is made compact once)."""

    def __init__(self, corpus: Corpus):
        c = compact(corpus)
        ev = c.events.c
        self.dated = int(np.count_nonzero(c.events.dated))
        from_timexes = int(np.count_nonzero(c.timexes.c["year_unknown"]))
        unplaced_events = int(np.count_nonzero((ev["date_value"] >= 0) & (ev["date_start"] == NONE)))
        self.year_unknown = max(from_timexes, unplaced_events)


def year_unknown_count(corpus: Corpus) -> int:
    """Dates written without a year that no creation time anchored."""
    return Counts(corpus).year_unknown


def shown_count(index: FilterIndex, selection: SelectionModel) -> int:
    """How many dated events the selection lets through (``index.filter``'s events, counted without their ids)."""
    idx = index.event_indexes(selection.actors, selection.mode)
    dated = idx[index.dated[idx]]
    if selection.window is None:
        return len(dated)
    lo, hi = (_seconds(d) for d in sorted(selection.window))
    return int(np.count_nonzero((index.starts[dated] <= hi) & (index.ends[dated] > lo)))


def _seconds(d) -> int:
    return int(np.datetime64(d.replace(tzinfo=None), "s").astype(np.int64))


def summary(corpus: Corpus, selection: SelectionModel, index: Optional[FilterIndex],
            counts: Optional[Counts] = None) -> tuple[str, str]:
    """(counts text, warning text) for the status bar."""
    counts = counts if counts is not None else Counts(corpus)
    dated = counts.dated
    parts = [_count(len(corpus.documents), "document"), _count(dated, "dated event"),
             _count(len(corpus.actors), "actor"), _count(len(corpus.ties), "tie")]
    text = " · ".join(parts)
    filters = []
    if selection.actors or selection.window is not None:
        shown = shown_count(index, selection) if index else 0
        filters.append(f"{shown:,} of {dated:,} events")
    if selection.actors:
        n = len(selection.actors)
        how = " (all)" if selection.mode == "all" and n > 1 else ""
        filters.append(f"{n} actor{'s' if n != 1 else ''} selected{how}")
    if selection.window is not None:
        lo, hi = (timeaxis.to_seconds(d) for d in selection.window)
        filters.append(f"window {timeaxis.describe_range(lo, hi)}")
    if filters:
        text += "   |   " + " · ".join(filters)
    unknown = counts.year_unknown
    warning = ""
    if unknown:
        warning = (f"{unknown} date{'s' if unknown != 1 else ''} year unknown: "
                   "set the document's creation time (Edit ▸ Document creation time…)")
    return text, warning


class StatusPanel(QStatusBar):
    cancel_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.counts = plain(QLabel())
        self.warning = plain(QLabel())
        self.warning.setStyleSheet("color: #D55E00; font-weight: bold;")   # Okabe-Ito vermillion
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.job = plain(QLabel())         # "Reading NAME": file names are untrusted
        self.cancel = QPushButton("Cancel")
        self.cancel.clicked.connect(self.cancel_requested)
        self.addWidget(self.counts, 1)
        self.addPermanentWidget(self.warning)
        for w in (self.job, self.progress, self.cancel):
            self.addPermanentWidget(w)
        self.set_busy(None)
        self._corpus: Optional[Corpus] = None
        self._counts: Optional[Counts] = None

    def refresh(self, corpus: Corpus, selection: SelectionModel) -> None:
        if corpus is not self._corpus:
            self._corpus = corpus
            self._counts = Counts(corpus)
        # The views' index for this corpus (built once, shared), and only when a filter needs it.
        filtering = bool(selection.actors) or selection.window is not None
        index = filter_index_for(corpus) if len(corpus.events) and filtering else None
        text, warning = summary(corpus, selection, index, self._counts)
        self.counts.setText(text)
        self.warning.setText(warning)
        self.warning.setVisible(bool(warning))

    def set_busy(self, what: Optional[str]) -> None:
        busy = what is not None
        self.job.setText(what or "")
        self.progress.setValue(0)
        for w in (self.job, self.progress, self.cancel):
            w.setVisible(busy)
        self.cancel.setEnabled(busy)

    def set_progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        if message:
            self.job.setText(message)
