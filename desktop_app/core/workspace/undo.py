"""The undo stack for analyst edits (command pattern, no Qt).

Each command is an ``Edit``: doing it appends it to the log, undoing it takes
it off.  Because the corrected corpus is always ``apply_edits(extraction,
log)``, undo needs no inverse operations, so even a merge is undone exactly.
The stack also remembers where the log stood at the last save, which is what
the window's "unsaved changes" mark shows; the GUI mirrors it in its actions.
"""
from __future__ import annotations

from typing import Callable, Iterable, Optional

from desktop_app.core.workspace.edits import Edit


class UndoStack:
    def __init__(self, applied: Iterable[Edit] = (), redoable: Iterable[Edit] = ()):
        self._applied: list[Edit] = list(applied)
        # Last undone first: redo() pops from the end.
        self._redo: list[Edit] = list(redoable)
        self._clean: Optional[int] = len(self._applied)
        self._listeners: list[Callable[[], None]] = []

    # -- reading ---------------------------------------------------------
    @property
    def edits(self) -> list[Edit]:
        """The applied log, oldest first (a copy)."""
        return list(self._applied)

    @property
    def redoable(self) -> list[Edit]:
        """Undone edits still redoable, the next redo last (a copy)."""
        return list(self._redo)

    def can_undo(self) -> bool:
        return bool(self._applied)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo_text(self) -> str:
        return self._applied[-1].label if self._applied else ""

    def redo_text(self) -> str:
        return self._redo[-1].label if self._redo else ""

    def is_clean(self) -> bool:
        return self._clean == len(self._applied)

    # -- changing --------------------------------------------------------
    def push(self, edit: Edit) -> None:
        if self._clean is not None and self._clean > len(self._applied):
            # The saved state sat in the redo branch this push discards.
            self._clean = None
        self._applied.append(edit)
        self._redo.clear()
        self._notify()

    def undo(self) -> Optional[Edit]:
        if not self._applied:
            return None
        edit = self._applied.pop()
        self._redo.append(edit)
        self._notify()
        return edit

    def redo(self) -> Optional[Edit]:
        if not self._redo:
            return None
        edit = self._redo.pop()
        self._applied.append(edit)
        self._notify()
        return edit

    def set_clean(self) -> None:
        self._clean = len(self._applied)
        self._notify()

    def reset(self, applied: Iterable[Edit] = (), redoable: Iterable[Edit] = (), clean: bool = True) -> None:
        self._applied = list(applied)
        self._redo = list(redoable)
        self._clean = len(self._applied) if clean else None
        self._notify()

    # -- listening -------------------------------------------------------
    def connect(self, callback: Callable[[], None]) -> None:
        self._listeners.append(callback)

    def disconnect(self, callback: Callable[[], None]) -> None:
        self._listeners.remove(callback)

    def _notify(self) -> None:
        for cb in list(self._listeners):
            cb()
