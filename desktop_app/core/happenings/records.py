"""Happenings as the rest of Eventscope sees them: ids, reports, sources, best date, conflicts.

``Happenings`` holds one happening number per event row (``of_event``) and the members of each
happening as one sorted index (no Python list per happening); ``Happening`` records are built on
demand, like ``Event`` objects from the event store.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Optional

import numpy as np

from .features import UNBOUNDED_HI, UNBOUNDED_LO, EventFeatures

_EPOCH = date(1970, 1, 1)


def day_iso(day: int) -> str:
    return (_EPOCH + timedelta(days=int(day))).isoformat()


@dataclass(slots=True)
class HappeningDate:
    start: str                     # first day, ISO
    end: str                       # last day (inclusive), ISO
    precise: bool                  # known to the day by at least one report

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "precise": self.precise}


@dataclass(slots=True)
class Happening:
    id: str
    label: str
    reports: list[str]             # event ids, first report first
    sources: list[str]             # distinct sources (cited source, else publication, else document)
    first_report: str              # event id
    date: Optional[HappeningDate]  # the date most of its day-precise reports give, else the common interval
    conflicts: list[HappeningDate] = field(default_factory=list)   # other dates its reports give

    def to_json(self) -> dict:
        return {"id": self.id, "label": self.label, "date": self.date.to_json() if self.date else None,
                "conflicts": [c.to_json() for c in self.conflicts], "reports": list(self.reports),
                "sources": list(self.sources), "first_report": self.first_report}


class FounderIds(Sequence):
    """Happening ids ``"h:" + founding event id``, each made when read.

    Half a million id strings held ~35 MB for as long as a million-event corpus is open, beside
    the event ids they repeat. Compares equal to the list of the same ids.
    """

    def __init__(self, event_ids, founders: np.ndarray):
        self._event_ids = event_ids
        self._founders = np.asarray(founders, np.int64)

    def __len__(self) -> int:
        return len(self._founders)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        return "h:" + self._event_ids[int(self._founders[k])]

    def __eq__(self, other) -> bool:
        return isinstance(other, (list, tuple, FounderIds)) and len(other) == len(self) and list(self) == list(other)

    __hash__ = None


class Happenings:
    """Happenings over the event rows of one corpus."""

    def __init__(self, of_event: np.ndarray, ids: list[str], event_ids, labels, f: EventFeatures):
        self.of_event = of_event.astype(np.int32)
        self.ids = ids
        self._event_ids = event_ids
        self._labels = labels
        self.f = f
        order = np.argsort(self.of_event, kind="stable")
        counts = np.bincount(self.of_event[self.of_event >= 0], minlength=len(ids))
        self._order = order[self.of_event[order] >= 0].astype(np.int32)    # held with the corpus: int32 rows
        self._ptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        self._pos: Optional[dict] = None
        self.events = None           # the event sequence grouped (set by group_happenings)
        self.founders: Optional[np.ndarray] = None   # founding row per happening, when grouped here
        self.corrected = False       # the analyst's merges and splits applied (never extended: added.py)
        self.replayed: Optional[int] = None   # extended from a grouping (added.py): the reports replayed
        # Documents removed or changed (added.py): "keys" (their action keys regrouped) or "split"
        self.regrouped: Optional[str] = None

    def __len__(self) -> int:
        return len(self.ids)

    def rows(self, h: int) -> np.ndarray:
        """Event rows of happening ``h``, in row order."""
        return self._order[self._ptr[h]:self._ptr[h + 1]]

    def size(self) -> np.ndarray:
        return np.diff(self._ptr)

    def index_of(self, happening_id: str) -> Optional[int]:
        if self._pos is None:
            self._pos = {h: i for i, h in enumerate(self.ids)}
        return self._pos.get(happening_id)

    def id_of_event(self, row: int) -> Optional[str]:
        h = int(self.of_event[row])
        return self.ids[h] if h >= 0 else None

    def source_count(self, h: int) -> int:
        return len(np.unique(self.f.source_code[self.rows(h)]))

    def source_counts(self) -> np.ndarray:
        return np.array([self.source_count(h) for h in range(len(self))], np.int32)

    def json_fields(self, events: list[dict]) -> dict:
        """Adds ``happening`` to each event's JSON (rows in order) and returns ``{"happenings": [...]}``."""
        for i, e in enumerate(events):
            hid = self.id_of_event(i)
            if hid is not None:
                e["happening"] = hid
        return {"happenings": [self[h].to_json() for h in range(len(self))]}

    def __getitem__(self, h: int) -> Happening:
        f = self.f
        rows = self.rows(h).tolist()
        rows.sort(key=lambda r: (int(f.reported[r]), r))
        sources = list(dict.fromkeys(f.source(r) for r in rows))
        first = rows[0]
        dated, conflicts = self._dates(rows)
        return Happening(self.ids[h], self._label(rows), [self._event_ids[r] for r in rows], sources,
                         self._event_ids[first], dated, conflicts)

    def _label(self, rows: list[int]) -> str:
        """The first report's label, unless a later one says more in plain words (a dateline such as
        "NAIROBI, Kenya (AP)" read as a clause names no action)."""
        def plain_words(label: str) -> int:
            return sum(1 for w in label.split() if w[:1].islower())
        labels = [self._labels[r] for r in rows[:50]]
        best = max(range(len(labels)), key=lambda i: (min(plain_words(labels[i]), 4), -i))
        return labels[best]

    def _dates(self, rows: list[int]) -> tuple[Optional[HappeningDate], list[HappeningDate]]:
        f = self.f
        precise = Counter((int(f.lo[r]), int(f.hi[r])) for r in rows if f.precise[r])
        if precise:
            # The date most reports give; ties go to the earliest report's. Others are conflicts.
            ranked = sorted(precise.items(), key=lambda kv: -kv[1])
            best = ranked[0][0]
            out = HappeningDate(day_iso(best[0]), day_iso(best[1] - 1), True)
            conflicts = [HappeningDate(day_iso(lo), day_iso(hi - 1), True) for (lo, hi), _ in ranked[1:]
                         if hi <= best[0] or lo >= best[1]]
            return out, conflicts
        lo = max(int(f.lo[r]) for r in rows)
        hi = min(int(f.hi[r]) for r in rows)
        if lo <= UNBOUNDED_LO or hi >= UNBOUNDED_HI or lo >= hi:
            return None, []
        return HappeningDate(day_iso(lo), day_iso(hi - 1), False), []
