"""Saved views: what the analyst was looking at, kept in the workspace beside the data.

A view is the selection (actors, any/all, time window, selected event), the
timeline's visible time range, the panel layout (splitter sizes) and view
options (compact lanes, the network's "only active", key events, the
timeline's "Reports: grouped/expanded" and the table's "Group by happening";
a view saved before the last two existed opens grouped on the timeline and
one row per report in the table).  The view
open when the workspace is saved comes back when it is opened; named
bookmarks are views the analyst can return to.

Both live in the workspace's ``meta`` table as JSON under ``view`` and
``bookmarks``: no new table and no schema change, so older files (which
have neither key) open as before, and an older Eventscope ignores the keys.
Reading is lenient: an unreadable or partly wrong entry is dropped, never
an error, because a lost bookmark must not stop a workspace from opening.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Optional

VIEW_KEY = "view"
BOOKMARKS_KEY = "bookmarks"


@dataclass
class SavedView:
    name: str = ""
    actors: list[str] = field(default_factory=list)
    mode: str = "any"
    window: Optional[tuple[datetime, datetime]] = None
    event: Optional[str] = None
    time_range: Optional[tuple[float, float]] = None    # core.timeaxis seconds
    splitter: list[int] = field(default_factory=list)   # the centre panels' widths, left to right
    options: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "name": self.name, "actors": sorted(self.actors), "mode": self.mode,
            "window": [self.window[0].isoformat(), self.window[1].isoformat()] if self.window else None,
            "event": self.event,
            "time_range": list(self.time_range) if self.time_range else None,
            "splitter": [int(v) for v in self.splitter],
            "options": {k: v for k, v in self.options.items() if isinstance(v, (bool, int, float, str))},
        }

    @classmethod
    def from_dict(cls, raw: Any) -> Optional["SavedView"]:
        if not isinstance(raw, dict):
            return None
        try:
            window = raw.get("window")
            window = (datetime.fromisoformat(window[0]), datetime.fromisoformat(window[1])) if window else None
            if window is not None and not window[0] < window[1]:
                window = None
            rng = raw.get("time_range")
            rng = (float(rng[0]), float(rng[1])) if rng else None
            if rng is not None and not rng[0] < rng[1]:
                rng = None
            mode = raw.get("mode") if raw.get("mode") in ("any", "all") else "any"
            actors = [str(a) for a in raw.get("actors") or [] if isinstance(a, str)]
            event = raw.get("event") if isinstance(raw.get("event"), str) else None
            splitter = [int(v) for v in raw.get("splitter") or [] if isinstance(v, (int, float)) and v >= 0]
            options = raw.get("options") if isinstance(raw.get("options"), dict) else {}
            return cls(str(raw.get("name") or ""), actors, mode, window, event, rng, splitter, dict(options))
        except (TypeError, ValueError, IndexError):
            return None


def _load(meta: dict, key: str) -> Any:
    try:
        return json.loads(meta.get(key) or "null")
    except (TypeError, ValueError):
        return None


def read_view(meta: dict) -> Optional[SavedView]:
    """The view saved with the workspace, or None (an older file, or an unreadable entry)."""
    return SavedView.from_dict(_load(meta, VIEW_KEY))


def read_bookmarks(meta: dict) -> list[SavedView]:
    raw = _load(meta, BOOKMARKS_KEY)
    views = [SavedView.from_dict(v) for v in raw] if isinstance(raw, list) else []
    return [v for v in views if v is not None and v.name]


def write_view(meta: dict, view: Optional[SavedView]) -> None:
    if view is None:
        meta.pop(VIEW_KEY, None)
    else:
        meta[VIEW_KEY] = json.dumps(view.to_dict(), sort_keys=True)


def write_bookmarks(meta: dict, views: list[SavedView]) -> None:
    meta[BOOKMARKS_KEY] = json.dumps([v.to_dict() for v in views], sort_keys=True)
