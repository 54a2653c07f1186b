"""The application state every view shares: the corpus and the one selection model.

Views receive an ``AppState``, read the corpus from it, write the selection
through ``state.selection`` and redraw when ``selection_changed`` or
``corpus_changed`` fire.  They never hold references to one another.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop_app.core.model import Corpus
from desktop_app.core.selection import SelectionChange, SelectionModel


class AppState(QObject):
    # A new or re-extracted corpus; views rebuild their data.
    corpus_changed = Signal()
    # One SelectionChange per gesture; views redraw what its ``fields`` touch.
    selection_changed = Signal(object)
    # The corpus's happenings were grouped after it was published without them (``happening_task.py``).
    happenings_changed = Signal()
    # Grouping them failed: a one-line reason (the views stay ungrouped, the Key events panel says so).
    happenings_failed = Signal(str)

    def __init__(self, corpus: Corpus | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.corpus = corpus if corpus is not None else Corpus()
        self.selection = SelectionModel()
        self.is_correction = False     # whether the last set_corpus re-published the same documents
        self.selection.connect(self._forward)
        self.selection.keeps_event = self._shows_event

    def _shows_event(self, event_id, actors, mode, window) -> bool:
        from .shared_index import filter_index   # the index the table and exports share (built once per corpus)
        return filter_index(self).shows(event_id, actors, mode, window)

    def _forward(self, change: SelectionChange) -> None:
        self.selection_changed.emit(change)

    def set_corpus(self, corpus: Corpus) -> None:
        # A correction (merge, rename, new creation time) re-publishes the same documents: the time
        # window is times, not ids, so it stays; views likewise keep their zoom (``is_correction``).
        self.is_correction = bool(corpus.documents) and _doc_ids(corpus) == _doc_ids(self.corpus)
        self.corpus = corpus
        # A new corpus invalidates ids held by the old selection.
        if self.is_correction:
            self.selection.update(actors=(), event=None)
        else:
            self.selection.clear()
        self.corpus_changed.emit()


def _doc_ids(corpus: Corpus) -> list[str]:
    return [d.id for d in corpus.documents]
