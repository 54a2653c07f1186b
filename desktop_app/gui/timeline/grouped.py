"""The timeline's happenings view: one row per happening, in every lane one of its reports' actors has.

``grouped(data)`` turns a report-per-row ``TimelineData`` whose ``happenings``
are known into another ``TimelineData`` whose rows are happenings: each is
drawn where its head report is (the date most of its reports give, see
``core.happenings.heads``), its lanes are the union of its reports' actors, and
``reports`` / ``sources`` say how many reports from how many sources it has.
Everything that works on rows (lanes, packing, labels, hit tests, density,
overview, edge flags) then works on happenings unchanged.  Built with array
operations once per corpus and kept on the report data, so switching between
"grouped" and "expanded" costs nothing after the first time.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from desktop_app.core.happenings.heads import distinct
from .data import TimelineData, from_arrays


class Grouping:
    """How the happening rows relate to the report rows they stand for."""

    def __init__(self, parent: TimelineData, happening: np.ndarray, row_of_report: np.ndarray):
        self.parent = parent                    # the report-per-row data
        self.happening = happening              # happening index per grouped row
        self.row_of_report = row_of_report      # grouped row per report row of ``parent``

    @property
    def marks(self):
        return self.parent.happenings

    def row_for(self, event_id: Optional[str]) -> Optional[int]:
        r = self.parent.row_for(event_id)
        return None if r is None else int(self.row_of_report[r])

    def rows_for(self, event_ids) -> np.ndarray:
        r = self.parent.rows_for(event_ids)
        return np.where(r >= 0, self.row_of_report[np.maximum(r, 0)], -1).astype(np.int64)

    def label(self, row: int) -> str:
        return self.marks.label(int(self.happening[row]))

    def report_ids(self, row: int) -> list[str]:
        """Every report of the happening at ``row`` (its head first): what selecting it selects."""
        if self.parent.store is None and self.parent.id_prefix is not None:
            rows = self.marks.members(int(self.happening[row]))
            head = int(self.marks.head[int(self.happening[row])])
            return [f"{self.parent.id_prefix}{r}" for r in [head] + [r for r in rows.tolist() if r != head]]
        return self.marks.report_ids(int(self.happening[row]))

    def counts_text(self, row: int) -> str:
        return self.marks.counts_text(int(self.happening[row]))


def grouped(data: TimelineData) -> Optional[TimelineData]:
    """One row per happening of ``data`` (kept on ``data``), or None when its happenings are not known."""
    hm = data.happenings
    if hm is None or (data.store is None and data.id_prefix is None):
        return None
    cached = getattr(data, "_grouped", None)
    if cached is not None and cached.group.marks is hm:
        return cached
    ev = np.asarray(data.ids)          # store rows (int32) or synthetic indexes: no int64 copy of a million
    h_of_row = hm.of_event[ev]
    heads = np.flatnonzero(hm.is_head[ev])          # already in start order, as rows are
    # Row numbers as int32 and the pair keys built in one array, sorted where they are: this runs while
    # the window holds a million-event corpus, its views and its happenings (its peak was the window's).
    g_of_h = np.full(len(hm), -1, np.int32)
    g_of_h[h_of_row[heads]] = np.arange(len(heads), dtype=np.int32)
    row_of_report = g_of_h[h_of_row]
    del g_of_h
    # A happening whose head is not placed has no placed report either (heads prefer placed rows).
    n_actors = max(1, len(data.actor_ids))
    if len(data.pair_row):
        key = row_of_report[data.pair_row].astype(np.int64)     # the products pass 2**31
        key *= n_actors
        key += data.pair_actor
        key = distinct(key, in_place=True)
        pair_actor = (key % n_actors).astype(np.int32)
        key //= n_actors
        pair_row = key.astype(np.int32)
        del key
    else:
        pair_row = pair_actor = np.zeros(0, np.int32)
    # The report diamond of a happening: its first report's date among the placed ones.
    first_report = np.full(len(heads), np.inf)
    has = ~np.isnan(data.report)
    np.minimum.at(first_report, row_of_report[has], data.report[has])
    first_report[np.isinf(first_report)] = np.nan
    events = [data.events[r] for r in heads.tolist()] if data.store is None and len(data.events) else None
    out = from_arrays(data.start[heads], data.end[heads], data.precision[heads], data.relation[heads], first_report,
                      data.ids[heads], data.actor_ids, data.actor_names, data.actor_types, pair_row, pair_actor,
                      events=events, unplaced=data.unplaced, unplaced_text=data.unplaced_text, presorted=True,
                      id_prefix=data.id_prefix, store=data.store)
    out.group = Grouping(data, h_of_row[heads], row_of_report)
    out.reports = hm.reports[h_of_row[heads]]
    out.sources = hm.sources[h_of_row[heads]]
    # Which happening stands for an aggregate mark: the rule an exported figure uses too (``fold_rank``).
    out.fold_rank = hm.fold_rank(data.store)[h_of_row[heads]] if data.store is not None else None
    data._grouped = out
    return out
