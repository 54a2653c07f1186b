"""The analyst's happening corrections in the app: merge happenings into one, split a report off.

Two actions, in the Edit menu and the Key events panel's context menu, that turn what is
selected into a ``merge_happenings`` / ``split_happening`` edit (core/workspace/happening_edits.py)
and hand it to the workspace's ``push``, so undo/redo, saving and re-extraction keep them like
every other correction.

What they act on:
* merge: the happenings picked in the Key events panel (Ctrl/Shift-click several), plus the
  happening of the selected event (a report clicked on the timeline or in the table joins the
  panel's happening) and every happening the selection holds a report of (an aggregate mark
  chosen on the timeline, several rows chosen in the table); enabled when that is two or more;
* split: the selected event leaves its happening (a happening of its own); enabled when that
  happening has other reports.
"""
from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from desktop_app.core.model import Event
from desktop_app.core.workspace.edits import Edit
from desktop_app.core.workspace.happening_edits import merge_happenings, split_happening
from .shared_index import rows_of

MERGE_TEXT = "Merge selected into one happening"
SPLIT_TEXT = "Split report from happening"


class HappeningActions(QObject):
    def __init__(self, window, state, push: Callable[[Edit], None],
                 picked: Callable[[], list[str]] = lambda: []):
        """``picked``: ids of the happenings selected in the Key events panel."""
        super().__init__(window)
        self.state, self.push, self.picked = state, push, picked
        self.merge = QAction(MERGE_TEXT, self)
        self.merge.setObjectName("action_merge_happenings")
        self.merge.setStatusTip("One happening from the happenings picked in Key events and the selected event's")
        self.merge.triggered.connect(lambda _c=False: self.merge_selected())
        self.split = QAction(SPLIT_TEXT, self)
        self.split.setObjectName("action_split_happening")
        self.split.setStatusTip("The selected event leaves its happening and becomes one of its own")
        self.split.triggered.connect(lambda _c=False: self.split_selected())
        state.selection_changed.connect(lambda _c: self.update_enabled())
        state.corpus_changed.connect(self.update_enabled)
        self.update_enabled()

    @property
    def actions(self) -> list[QAction]:
        return [self.merge, self.split]

    # -- what is selected ----------------------------------------------------------
    def _happenings(self):
        c = self.state.corpus
        h = getattr(c, "happenings", None)
        return h if h is not None and getattr(h, "events", None) is c.events else None

    def _row(self, event_id: Optional[str]) -> Optional[int]:
        if not event_id:
            return None
        events = self.state.corpus.events
        find = getattr(events, "index_of", None)
        if find is not None:
            return find(event_id)
        return next((i for i, e in enumerate(events) if e.id == event_id), None)

    def _event(self, event_id: str) -> Optional[Event]:
        row = self._row(event_id)
        return None if row is None else self.state.corpus.events[row]

    def merge_targets(self) -> list[str]:
        """First report (an event id) of each distinct happening the merge would join, in order."""
        h = self._happenings()
        if h is None:
            return []
        chosen = [k for k in (h.index_of(i) for i in self.picked()) if k is not None]
        sel = self.state.selection
        # The selected event's happening, and every happening the selection holds a report of (an aggregate
        # mark chosen on the timeline, several rows chosen in the table).
        rows = rows_of(self.state.corpus.events, dict.fromkeys(e for e in [sel.event, *sel.reports] if e))
        of = h.of_event[rows[rows >= 0]]
        chosen.extend(int(k) for k in of[of >= 0].tolist())       # one batch lookup for an aggregate's reports
        out, seen = [], set()
        for k in chosen:
            if k not in seen:
                seen.add(k)
                out.append(h._event_ids[int(h.rows(k)[0])])
        return out

    def split_target(self) -> Optional[str]:
        """The selected event, when its happening has other reports."""
        h = self._happenings()
        row = self._row(self.state.selection.event)
        if h is None or row is None or int(h.of_event[row]) < 0:
            return None
        return self.state.selection.event if len(h.rows(int(h.of_event[row]))) > 1 else None

    def update_enabled(self) -> None:
        self.merge.setEnabled(len(self.merge_targets()) >= 2)
        self.split.setEnabled(self.split_target() is not None)

    # -- doing -----------------------------------------------------------------------
    def merge_selected(self) -> bool:
        events = [e for e in (self._event(i) for i in self.merge_targets()) if e is not None]
        if len(events) < 2:
            return False
        self.push(merge_happenings(self.state.corpus, events))
        return True

    def split_selected(self) -> bool:
        target = self.split_target()
        event = self._event(target) if target else None
        if event is None:
            return False
        self.push(split_happening(self.state.corpus, [event]))
        return True
