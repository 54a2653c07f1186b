"""The actor search box: type any name or alias, pick from the list, the actor is selected.

Matching is done by ``core.filtering.FilterIndex.search_actors`` (case-,
diacritic- and quote-insensitive, prefix matches before substring ones)
rather than by QCompleter's own prefix filter, which knows nothing of
diacritics: the completer shows our list unfiltered.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QLineEdit, QWidget

from desktop_app.core.actors.gazetteer import fold
from desktop_app.core.filtering import FilterIndex

MAX_SUGGESTIONS = 30


class ActorSearch(QWidget):
    # The actor id selected through the box (after the selection was written).
    actor_chosen = Signal(str)

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self._index: Optional[FilterIndex] = None
        self._by_id: dict = {}
        self._entries: dict[str, str] = {}     # suggestion text -> actor id
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Find an actor by name or alias…")
        self.edit.setClearButtonEnabled(True)
        self.model = QStringListModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(12)
        self.edit.setCompleter(self.completer)
        self.message = QLabel()
        self.message.setStyleSheet("color: #555555;")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.message)
        self.edit.textEdited.connect(self.update_suggestions)
        self.edit.returnPressed.connect(lambda: self.choose(self.edit.text()))
        self.completer.activated.connect(self.choose)
        state.corpus_changed.connect(self._forget_index)

    def _forget_index(self) -> None:
        self._index = None
        self.model.setStringList([])
        self._entries = {}
        self.message.clear()

    @property
    def index(self) -> FilterIndex:
        if self._index is None:
            self._index = FilterIndex(self.state.corpus)
            self._by_id = {a.id: a for a in self.state.corpus.actors}
        return self._index

    def _entry_text(self, actor_id: str, key: str) -> str:
        actor = self._by_id.get(actor_id)
        if actor is None:
            return actor_id
        via = "" if key in fold(actor.name) else next((al for al in actor.aliases if key in fold(al)), "")
        text = f"{actor.name}  ·  {actor.type}" + (f"  (alias “{via}”)" if via else "")
        # Two actors can share a display name; keep entries unique so each maps to one id.
        return text if text not in self._entries or self._entries[text] == actor_id else f"{text}  [{actor_id}]"

    def suggestions(self, text: str) -> list[tuple[str, str]]:
        """(display text, actor id) for what the user typed, best first."""
        key = fold(text)
        if not key:
            return []
        out = []
        self._entries = {}
        for aid in self.index.search_actors(text, limit=MAX_SUGGESTIONS):
            shown = self._entry_text(aid, key)
            self._entries[shown] = aid
            out.append((shown, aid))
        return out

    def update_suggestions(self, text: str) -> None:
        found = self.suggestions(text)
        self.model.setStringList([s for s, _ in found])
        self.message.setText("" if found or not text.strip() else "no actor matches")
        if found:
            self.completer.complete()

    def choose(self, text: str) -> Optional[str]:
        """Select the actor a suggestion or typed name stands for; returns its id or None."""
        text = text.strip()
        if not text:
            return None
        aid = self._entries.get(text)
        if aid is None:
            exact = self.index.find_actors(text)
            aid = exact[0] if exact else next(iter(self.index.search_actors(text, limit=1)), None)
        if aid is None:
            self.message.setText(f"no actor called “{text}”")
            return None
        self.message.clear()
        self.state.selection.set_actors([aid])
        self.actor_chosen.emit(aid)
        return aid
