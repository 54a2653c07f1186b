"""The actor search box: type any name or alias, pick from the list, the actor is selected.

Matching uses ``search_key`` (case-, diacritic- and quote-insensitive,
prefix matches before substring ones) rather than QCompleter's own prefix
filter, which knows nothing of diacritics: the completer shows our list
unfiltered.  ``search_key`` extends ``core``'s ``fold`` with the Latin
letters Unicode does not decompose (ø, æ, ß, ł ...), which an analyst
typing on an English keyboard cannot enter.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QLineEdit, QWidget

from desktop_app.core.actors.gazetteer import fold

from .plain import plain

MAX_SUGGESTIONS = 30
# Letters with no Unicode decomposition, spelled as English keyboards type them.
_UNDECOMPOSED = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d",
                               "þ": "th", "ı": "i", "ħ": "h", "ŧ": "t", "ĸ": "k"})


def text_key(text: str) -> str:
    """Fold case, accents, quotes and undecomposable letters (what any searched text is compared as)."""
    return fold(text).translate(_UNDECOMPOSED)


def search_key(text: str) -> str:
    """``text_key``, with a leading "the" dropped (for what the user typed)."""
    key = text_key(text)
    return key[4:] if key.startswith("the ") else key


class NameIndex:
    """Every actor name and alias under its search key, for prefix-then-substring lookup."""

    def __init__(self, actors):
        self.actors = {a.id: a for a in actors}
        self.keys: list[tuple[str, str, str]] = []       # (key, written form, actor id)
        for a in actors:
            for name in dict.fromkeys([a.name, *a.aliases]):
                if name:
                    self.keys.append((search_key(name), name, a.id))
        self.keys.sort()

    def exact(self, text: str) -> list[str]:
        key = search_key(text)
        return sorted({aid for k, _, aid in self.keys if k == key})

    def search(self, text: str, limit: int = MAX_SUGGESTIONS) -> list[tuple[str, str]]:
        """(actor id, the name or alias that matched), prefix matches first, each actor once."""
        key = search_key(text)
        if not key:
            return []
        prefix, inner = {}, {}
        for k, written, aid in self.keys:
            bucket = prefix if k.startswith(key) else inner if key in k else None
            # Show the actor's own name when it matches; an alias only when it is what matched.
            if bucket is not None and (aid not in bucket or written == self.actors[aid].name):
                bucket[aid] = written
        order = sorted(prefix, key=lambda a: self.actors[a].name.casefold())
        order += sorted((a for a in inner if a not in prefix), key=lambda a: self.actors[a].name.casefold())
        return [(a, prefix.get(a) or inner[a]) for a in order[:limit]]


class ActorSearch(QWidget):
    # The actor id selected through the box (after the selection was written).
    actor_chosen = Signal(str)

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self._index: Optional[NameIndex] = None
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
        self.message = plain(QLabel())     # repeats what was typed
        self.message.setStyleSheet("color: #555555;")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.message)
        self.edit.textEdited.connect(self._edited)
        self.edit.returnPressed.connect(lambda: self.choose(self.edit.text()))
        self.completer.activated.connect(self.choose)
        state.corpus_changed.connect(self._forget_index)
        # The box shows the selection, whoever made it (a click in the network, the table, Esc ...).
        state.selection_changed.connect(self._selection_changed)

    def _edited(self, text: str) -> None:
        # Emptying the box (typing it away or its clear button) lets go of the actor it named.
        if not text.strip():
            self.message.clear()
            self.model.setStringList([])
            if self.state.selection.actors:
                self.state.selection.set_actors(())
            return
        self.update_suggestions(text)

    def shown_text(self) -> str:
        """What the box says for the current selection: the one actor's entry, or '' (with a placeholder)."""
        actors = self.state.selection.actors
        if len(actors) == 1:
            (aid,) = actors
            actor = self.index.actors.get(aid)
            return f"{actor.name}  ·  {actor.type}" if actor is not None else ""
        return ""

    def _selection_changed(self, change) -> None:
        if "actors" not in change.fields:
            return
        text = self.shown_text()
        n = len(change.actors)
        self.edit.setPlaceholderText(f"{n} actors selected — type to find one" if n > 1
                                     else "Find an actor by name or alias…")
        if text != self.edit.text():
            self.edit.setText(text)          # setText does not emit textEdited: no feedback loop
            self.edit.setCursorPosition(0)
        self.message.clear()

    def _forget_index(self) -> None:
        self._index = None
        self.model.setStringList([])
        self._entries = {}
        self.message.clear()

    @property
    def index(self) -> NameIndex:
        if self._index is None:
            self._index = NameIndex(self.state.corpus.actors)
        return self._index

    def _entry_text(self, actor_id: str, matched: str) -> str:
        actor = self.index.actors[actor_id]
        via = matched if matched != actor.name else ""
        text = f"{actor.name}  ·  {actor.type}" + (f"  (alias “{via}”)" if via else "")
        # Two actors can share a display name; keep entries unique so each maps to one id.
        return text if text not in self._entries or self._entries[text] == actor_id else f"{text}  [{actor_id}]"

    def suggestions(self, text: str) -> list[tuple[str, str]]:
        """(display text, actor id) for what the user typed, best first."""
        out = []
        self._entries = {}
        for aid, matched in self.index.search(text):
            shown = self._entry_text(aid, matched)
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
        if text == self.shown_text().strip():      # Enter on the box showing the selection: keep it
            return next(iter(self.state.selection.actors))
        aid = self._entries.get(text)
        if aid is None:
            exact = self.index.exact(text)
            found = self.index.search(text, limit=1)
            aid = exact[0] if exact else (found[0][0] if found else None)
        if aid is None:
            self.message.setText(f"no actor called “{text}”")
            return None
        self.message.clear()
        self.state.selection.set_actors([aid])
        self.actor_chosen.emit(aid)
        return aid
