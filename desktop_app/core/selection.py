"""The one selection model that links every view.

Views write to it and redraw from it; they never call each other.  It is
plain Python (no Qt) so the core and tests can drive it; the GUI subscribes a
callback that it forwards to a Qt signal.

Rules it guarantees:
- setting a value equal to the current one emits nothing;
- one ``update()`` call (one gesture) emits at most one change, naming every
  field that changed, so listeners redraw once;
- a selected event that a new actor selection, mode or time window hides is
  cleared in that same change (when ``keeps_event`` is set: the owner of the
  corpus tells whether the selection still shows the event);
- ``reports`` are the reports (event ids) of a selected happening, ``event``
  the one of them shown; choosing another of them keeps the happening
  selected, choosing any other event (or none) drops it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable, FrozenSet, Iterable, Optional, Tuple

Window = Optional[Tuple[datetime, datetime]]
_UNSET = object()
FIELDS = ("actors", "mode", "window", "event", "reports")


@dataclass(frozen=True)
class SelectionChange:
    fields: FrozenSet[str]
    actors: FrozenSet[str]
    mode: str
    window: Window
    event: Optional[str]
    reports: Tuple[str, ...] = ()


class SelectionModel:
    def __init__(self) -> None:
        self._actors: FrozenSet[str] = frozenset()
        self._mode = "any"          # "any": events with any selected actor; "all": with every one
        self._window: Window = None
        self._event: Optional[str] = None
        self._reports: Tuple[str, ...] = ()      # the selected happening's reports, () for a lone event
        self._listeners: list[Callable[[SelectionChange], None]] = []
        # (event, actors, mode, window) -> whether that selection still shows the event; None: never judged.
        self.keeps_event: Optional[Callable[[str, FrozenSet[str], str, Window], bool]] = None

    # -- reading ---------------------------------------------------------
    @property
    def actors(self) -> FrozenSet[str]:
        return self._actors

    @property
    def mode(self) -> str:
        return self._mode

    @property
    def window(self) -> Window:
        return self._window

    @property
    def event(self) -> Optional[str]:
        return self._event

    @property
    def reports(self) -> Tuple[str, ...]:
        """Every report of the selected happening (``event`` is one of them); () when one event is selected."""
        return self._reports

    # -- listening -------------------------------------------------------
    def connect(self, callback: Callable[[SelectionChange], None]) -> None:
        self._listeners.append(callback)

    def disconnect(self, callback: Callable[[SelectionChange], None]) -> None:
        self._listeners.remove(callback)

    # -- writing ---------------------------------------------------------
    def update(self, *, actors=_UNSET, mode=_UNSET, window=_UNSET, event=_UNSET, reports=_UNSET) -> bool:
        """Apply one gesture's changes; emit once if anything changed. Returns whether it did."""
        changed = set()
        if reports is not _UNSET:
            reports = tuple(dict.fromkeys(reports or ()))
            if event is _UNSET and reports and self._event not in reports:
                event = reports[0]
        elif event is not _UNSET and self._reports and event not in self._reports:
            reports = ()         # another event: the happening is no longer selected
        if actors is not _UNSET:
            new = frozenset(actors)
            if new != self._actors:
                self._actors = new
                changed.add("actors")
        if mode is not _UNSET:
            if mode not in ("any", "all"):
                raise ValueError(f"selection mode must be 'any' or 'all', not {mode!r}")
            if mode != self._mode:
                self._mode = mode
                changed.add("mode")
        if window is not _UNSET:
            if window is not None:
                lo, hi = window
                if hi < lo:
                    lo, hi = hi, lo
                window = (lo, hi)
            if window != self._window:
                self._window = window
                changed.add("window")
        if event is not _UNSET and event != self._event:
            self._event = event
            changed.add("event")
        if event is _UNSET and self._event is not None and changed & {"actors", "mode", "window"} \
                and self.keeps_event is not None \
                and not self.keeps_event(self._event, self._actors, self._mode, self._window):
            # Still highlighted in no view and named in the status bar: a stale event confuses.
            self._event = None
            changed.add("event")
        if self._event is None:
            reports = ()
        if reports is not _UNSET and reports != self._reports:
            self._reports = reports
            changed.add("reports")
        if changed:
            self._emit(frozenset(changed))
        return bool(changed)

    def set_actors(self, actors: Iterable[str]) -> bool:
        return self.update(actors=actors)

    def toggle_actor(self, actor: str) -> bool:
        """Ctrl-click: add the actor, or remove it if already selected."""
        return self.update(actors=self._actors ^ {actor})

    def set_window(self, window: Window) -> bool:
        return self.update(window=window)

    def set_event(self, event: Optional[str]) -> bool:
        return self.update(event=event)

    def set_happening(self, reports, event: Optional[str] = None) -> bool:
        """Select a happening: all its ``reports`` (event ids), showing ``event`` (else the first)."""
        reports = tuple(reports)
        if event is None or event not in reports:
            event = reports[0] if reports else None
        return self.update(event=event, reports=reports)

    def clear(self) -> bool:
        return self.update(actors=(), window=None, event=None)

    def clear_one(self) -> Optional[str]:
        """Esc: clear the narrowest thing set -- the selected event, then the time window, then the actors.

        Returns the field cleared ("event", "window", "actors") or None when
        nothing was selected, so every view's Esc peels the same layer.
        """
        for name, value, empty in (("event", self._event, None), ("window", self._window, None),
                                   ("actors", self._actors, ())):
            if value:
                self.update(**{name: empty})
                return name
        return None

    def _emit(self, fields: FrozenSet[str]) -> None:
        change = SelectionChange(fields, self._actors, self._mode, self._window, self._event, self._reports)
        for cb in list(self._listeners):
            cb(change)
