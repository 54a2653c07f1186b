"""The base every AppState-driven view shares: one redraw per model change, counted and announced.

Each view used to copy the same bookkeeping (a ``redrawn`` signal, a
``redraw_count`` tests read to prove one gesture is one redraw, and the two
connections to ``AppState``); it lives here once.  A view overrides
``_on_corpus_changed`` / ``_on_selection_changed`` and calls ``_redrawn()``
at the end of each redraw it does from the model.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget


class StateView(QWidget):
    # After each redraw driven by the selection or the corpus; tests and the status bar listen.
    redrawn = Signal()

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.redraw_count = 0

    def listen(self) -> None:
        """Connect to the state; call once the widgets the handlers touch exist."""
        self.state.corpus_changed.connect(self._on_corpus_changed)
        self.state.selection_changed.connect(self._on_selection_changed)

    def _on_corpus_changed(self) -> None:
        pass

    def _on_selection_changed(self, change) -> None:
        pass

    def _redrawn(self) -> None:
        self.redraw_count += 1
        self.redrawn.emit()
