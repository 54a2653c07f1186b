"""The status bar: corpus counts, what the selection filters, year-unknown warnings, and job progress."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

from desktop_app.core.filtering import FilterIndex
from desktop_app.core.model import Corpus
from desktop_app.core.selection import SelectionModel


def _date(d) -> str:
    return d.date().isoformat() if (d.hour, d.minute, d.second) == (0, 0, 0) else d.isoformat(sep=" ", timespec="minutes")


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def year_unknown_count(corpus: Corpus) -> int:
    """Dates written without a year that no creation time anchored."""
    from_timexes = sum(1 for t in corpus.timexes if t.year_unknown)
    unplaced_events = sum(1 for e in corpus.events if e.date is not None and e.date.interval is None)
    return max(from_timexes, unplaced_events)


def summary(corpus: Corpus, selection: SelectionModel, index: Optional[FilterIndex]) -> tuple[str, str]:
    """(counts text, warning text) for the status bar."""
    dated = sum(1 for e in corpus.events if e.dated)
    parts = [_count(len(corpus.documents), "document"), _count(dated, "dated event"),
             _count(len(corpus.actors), "actor"), _count(len(corpus.ties), "tie")]
    text = " · ".join(parts)
    filters = []
    if selection.actors or selection.window is not None:
        shown = len(index.filter(selection.actors, selection.mode, selection.window, with_network=False).events) if index else 0
        filters.append(f"{shown} of {dated} events")
    if selection.actors:
        n = len(selection.actors)
        how = " (all)" if selection.mode == "all" and n > 1 else ""
        filters.append(f"{n} actor{'s' if n != 1 else ''} selected{how}")
    if selection.window is not None:
        lo, hi = selection.window
        filters.append(f"window {_date(lo)}–{_date(hi)}")
    if filters:
        text += "   |   " + " · ".join(filters)
    unknown = year_unknown_count(corpus)
    warning = ""
    if unknown:
        warning = (f"{unknown} date{'s' if unknown != 1 else ''} year unknown: "
                   "set the document's creation time (Edit ▸ Document creation time…)")
    return text, warning


class StatusPanel(QStatusBar):
    cancel_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.counts = QLabel()
        self.warning = QLabel()
        self.warning.setStyleSheet("color: #D55E00; font-weight: bold;")   # Okabe-Ito vermillion
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.job = QLabel()
        self.cancel = QPushButton("Cancel")
        self.cancel.clicked.connect(self.cancel_requested)
        self.addWidget(self.counts, 1)
        self.addPermanentWidget(self.warning)
        for w in (self.job, self.progress, self.cancel):
            self.addPermanentWidget(w)
        self.set_busy(None)
        self._index: Optional[FilterIndex] = None
        self._corpus: Optional[Corpus] = None

    def refresh(self, corpus: Corpus, selection: SelectionModel) -> None:
        if corpus is not self._corpus:
            self._corpus = corpus
            self._index = FilterIndex(corpus) if corpus.events else None
        text, warning = summary(corpus, selection, self._index)
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
