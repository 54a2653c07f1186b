"""What each cell of the event table says, for one event or for a whole column at once.

``format_date`` is the date an analyst reads.  ``CellColumns`` gives every
column of a compact corpus as codes into a short list of distinct texts
(dates, dates as written, sources, documents: values repeat a lot) or, for
the per-event texts (label, actors), builds them only when a sort asks, so
a million-event table never holds a million cell tuples.
"""
from __future__ import annotations

import os
from datetime import datetime
from typing import Optional

import numpy as np

from desktop_app.core.model import PRECISIONS, Corpus, Event, Interval
from desktop_app.core.store.events import EventStore
from desktop_app.core.store.times import NONE, from_seconds

COLUMNS = ("Date", "As written", "Event", "Actors", "Source", "Document")
DATE, WRITTEN, LABEL, ACTORS, SOURCE, DOCUMENT = range(len(COLUMNS))
# Undated facts sort after every dated event (before them when sorted descending).
UNDATED_KEY = 1e18


def _epoch(d: datetime) -> float:
    return (d - datetime(1970, 1, 1)).total_seconds()


def format_date(ev: Event) -> str:
    """The normalized date an analyst reads: at its own precision, with "on or before" when only a report dates it."""
    if not ev.dated:
        return "undated"
    return format_interval(ev.date.interval, ev.date.relation)


def format_interval(iv: Interval, relation: Optional[str]) -> str:
    p = iv.precision
    start, last = iv.start, iv.latest()
    if p in ("second", "minute", "hour"):
        text = start.isoformat(sep=" ", timespec="minutes")
    elif p in ("month", "quarter", "year", "decade") and not _one_unit(iv):
        # A relative date under a coarse creation time ("the past week" in a November
        # article) spans parts of two units; naming one of them would misstate it.
        text = f"{start.date().isoformat()} – {last.date().isoformat()}"
    elif p == "day":
        text = start.date().isoformat()
    elif p == "month":
        text = f"{start.year:04d}-{start.month:02d}"
    elif p == "quarter":
        text = f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"
    elif p == "year":
        text = f"{start.year:04d}"
    elif p == "decade":
        text = f"{start.year:04d}s"
    else:  # week, season, century, millennium: the span itself is clearest
        text = f"{start.date().isoformat()} – {last.date().isoformat()}"
    if p not in ("day", "second", "minute", "hour"):
        text += f" ({p})"
    if relation == "on_or_before":
        text = "on or before " + text
    elif relation in ("from", "until"):
        text = ("since " if relation == "from" else "until ") + text   # an open start / end
    return text


def _one_unit(iv) -> bool:
    """Whether the interval is exactly one calendar month, quarter, year or decade."""
    s, e = iv.start, iv.end
    if s.day != 1 or e.day != 1 or s.time() != datetime.min.time():
        return False
    length = {"month": 1, "quarter": 3, "year": 12, "decade": 120}[iv.precision]
    first = s.year * 12 + s.month - 1
    return (e.year * 12 + e.month - 1) - first == length and first % length == 0


def date_sort_key(ev: Event) -> float:
    """Chronological by start; at equal start the finer precision comes first."""
    if not ev.dated:
        return UNDATED_KEY
    iv = ev.date.interval
    rank = PRECISIONS.index(iv.precision) if iv.precision in PRECISIONS else len(PRECISIONS)
    return _epoch(iv.start) + rank * 1e-3


def date_sort_keys(store: EventStore) -> np.ndarray:
    """``date_sort_key`` of every row, from the columns."""
    c = store.c
    dated = store.dated
    rank = np.where(c["date_prec"] >= 0, c["date_prec"], len(PRECISIONS)).astype(np.float64)
    return np.where(dated, c["date_start"].astype(np.float64) + rank * 1e-3, UNDATED_KEY)


def doc_name(doc, doc_id: str) -> str:
    return (doc.title or os.path.basename(doc.path) or doc.id) if doc else doc_id


class CellColumns:
    """Every column of a compact corpus's table, as (codes per row, distinct texts) or texts built on demand."""

    def __init__(self, corpus: Corpus, names: dict[str, str], docs: dict):
        self.store: EventStore = corpus.events
        self.names = names
        self.docs = docs
        self._coded: dict[int, tuple[np.ndarray, list[str]]] = {}

    @property
    def n(self) -> int:
        return len(self.store)

    def coded(self, column: int) -> Optional[tuple[np.ndarray, list[str]]]:
        """(code per row, text per code) for the columns whose texts repeat; None for label and actors."""
        if column in (LABEL, ACTORS):
            return None
        got = self._coded.get(column)
        if got is None:
            got = self._coded[column] = {DATE: self._dates, WRITTEN: self._written, SOURCE: self._sources,
                                         DOCUMENT: self._documents}[column]()
        return got

    def actor_names(self) -> list[str]:
        """The name shown for each actor code (its id when the corpus has no such actor)."""
        return [self.names.get(a, a) for a in self.store.codes["actor"].values]

    def text_chunks(self, column: int, size: int = 20_000):
        """``texts(column)`` for label and actors, ``size`` rows at a time: building a sort key or the
        search buffer from chunks never holds a million row strings at once (they cost 100+ MB)."""
        store = self.store
        if column == LABEL:
            for lo in range(0, self.n, size):
                texts = store.labels[lo:min(self.n, lo + size)]
                for j in [j for j, t in enumerate(texts) if not t]:
                    texts[j] = store.text(lo + j)
                yield texts
            return
        names, ptr_all, actor_all = self.actor_names(), self.store.c["actor_ptr"], self.store.c["actor"]
        for lo in range(0, self.n, size):
            hi = min(self.n, lo + size)
            ptr = ptr_all[lo:hi + 1].tolist()
            actor = actor_all[ptr[0]:ptr[-1]].tolist()
            base = ptr[0]
            yield ["; ".join(dict.fromkeys(names[a] for a in actor[ptr[i] - base:ptr[i + 1] - base]))
                   for i in range(hi - lo)]

    def texts(self, column: int) -> list[str]:
        """One text per row for ``column`` (label and actors are built here; a million rows take a second)."""
        coded = self.coded(column)
        if coded is not None:
            codes, values = coded
            return [values[k] for k in codes.tolist()]
        if column == LABEL:
            store = self.store
            labels = store.labels[:]
            for i in [i for i, label in enumerate(labels) if not label]:
                labels[i] = store.text(i)
            return labels
        names, ptr, actor = self.actor_names(), self.store.c["actor_ptr"].tolist(), self.store.c["actor"].tolist()
        return ["; ".join(dict.fromkeys(names[a] for a in actor[ptr[i]:ptr[i + 1]])) for i in range(self.n)]

    # -- the repeating columns -------------------------------------------------------
    def _dates(self) -> tuple[np.ndarray, list[str]]:
        c, store = self.c, self.store
        dated = store.dated
        before = store.codes["relation"].find("on_or_before")
        rel = (c["date_rel"] == before) if before >= 0 else np.zeros(self.n, bool)
        start, end, prec = c["date_start"], c["date_end"], c["date_prec"]
        order = np.lexsort((rel, prec, end, start, ~dated))
        # Each column read in sorted order and dropped in turn, codes as int32: this runs on the first
        # search, while the window holds a million-event corpus, its views and its happenings.
        new = np.zeros(len(order), bool)
        new[:1] = True
        for col in (start, end, prec, rel, dated):
            k = col[order]
            if len(k):
                new[1:] |= k[1:] != k[:-1]
        del k
        firsts = order[new]
        codes = np.empty(self.n, np.int32)
        codes[order] = np.cumsum(new, dtype=np.int32) - 1     # int32 throughout: no int64 temporary
        del order, new
        values = []
        for i in firsts.tolist():
            if not dated[i] or start[i] == NONE:
                values.append("undated")
            else:
                iv = Interval(from_seconds(int(start[i])), from_seconds(int(end[i])), PRECISIONS[int(prec[i])])
                values.append(format_interval(iv, "on_or_before" if rel[i] else None))
        return codes, values

    def _written(self) -> tuple[np.ndarray, list[str]]:
        c = self.c
        values = list(self.store.codes["text"].values) + [""]
        empty = len(values) - 1
        codes = np.where((c["date_value"] >= 0) & (c["date_text"] >= 0), c["date_text"], empty).astype(np.int32)
        return codes, [v or "" for v in values]

    def _sources(self) -> tuple[np.ndarray, list[str]]:
        c = self.c
        src = np.where(c["reported"] != 0, c["report_source"].astype(np.int64) + 1, -1)
        val = np.where(c["reported"] != 0, c["report_value"].astype(np.int64) + 1, 0)
        width = len(self.store.codes["value"]) + 1
        uniq, codes = np.unique(src * width + val, return_inverse=True)
        actors, dates = self.store.codes["actor"].values, self.store.codes["value"].values
        values = []
        for key in uniq.tolist():
            s, v = divmod(key, width) if key >= 0 else (-1, 0)
            if s < 0:
                values.append("")
                continue
            who = self.names.get(actors[s - 1], actors[s - 1]) if s > 0 else ""
            when = dates[v - 1] if v > 0 else ""
            values.append(", ".join(x for x in (who, when) if x))
        return codes.astype(np.int32), values

    def source_parts(self) -> tuple[np.ndarray, list[str], np.ndarray, list[str]]:
        """The source column's two halves: (who code per row, who names, date code per row, dates); -1 = none."""
        c = self.c
        reported = c["reported"] != 0
        who = np.where(reported, c["report_source"], -1).astype(np.int32)
        when = np.where(reported, c["report_value"], -1).astype(np.int32)
        return who, self.actor_names(), when, list(self.store.codes["value"].values)

    def _documents(self) -> tuple[np.ndarray, list[str]]:
        ids = self.store.codes["doc"].values
        return self.c["doc"], [doc_name(self.docs.get(d), d) for d in ids]     # the store's own codes, no copy

    @property
    def c(self) -> dict:
        return self.store.c
