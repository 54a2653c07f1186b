"""Events held as columns: a million of them in tens of megabytes.

``EventStore`` is a read-only ``Sequence[Event]``: code that walks events or
takes ``store[i]`` gets ordinary ``Event`` objects, built on demand, while the
hot paths (filtering, the timeline, the table, the network) read its numpy
columns and never build an object per event.  An event's sentence is not
stored a second time: it is the document's text over the event's span, kept
apart only for the rare event whose text differs from its document.

Built once by ``EventStoreBuilder`` (extraction merge, workspace open,
synthetic corpora); edits replace the whole sequence, they never mutate it.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Iterable, Optional

import numpy as np

from desktop_app.core.model import Document, Event, EventDate, Participant, Report
from desktop_app.core.store.ids import IdIndex
from desktop_app.core.store.sequence import ColumnSequence
from desktop_app.core.store.strings import Codes, StringColumn, StringColumnBuilder, int_array, take_columns
from desktop_app.core.store.times import NONE, IntervalCache, precision_code, to_seconds


class EventStore(ColumnSequence):
    def __init__(self, cols: dict, codes: dict, ids: StringColumn, labels: StringColumn,
                 own_text: dict[int, str], documents: Mapping[str, Document]):
        self.c = cols                  # name -> numpy array, one row per event (actor_* are CSR)
        self.codes = codes             # name -> Codes: doc, actor, value, text, role, relation
        self.ids = ids
        self.labels = labels
        self._own_text = own_text
        self._documents = documents
        self._intervals = IntervalCache()
        self._index: Optional[IdIndex] = None

    # -- sequence ------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.ids)

    def __repr__(self) -> str:
        return f"<EventStore of {len(self)} events>"

    # -- lookups -------------------------------------------------------------
    def index_of(self, event_id: str) -> Optional[int]:
        if self._index is None:
            self._index = IdIndex(self.ids)
        return self._index.find(event_id)

    def indexes_of(self, event_ids) -> np.ndarray:
        """Rows of many event ids in one batch (int64, -1 for an id not held): see ``IdIndex.find_many``."""
        if self._index is None:
            self._index = IdIndex(self.ids)
        return self._index.find_many(event_ids)

    def text(self, i: int) -> str:
        own = self._own_text.get(i)
        if own is not None:
            return own
        doc = self._documents.get(self.codes["doc"].values[self.c["doc"][i]])
        return doc.text[int(self.c["start"][i]):int(self.c["end"][i])] if doc is not None else ""

    def doc_id(self, i: int) -> str:
        return self.codes["doc"].values[self.c["doc"][i]]

    def actor_codes(self, i: int) -> np.ndarray:
        ptr = self.c["actor_ptr"]
        return self.c["actor"][ptr[i]:ptr[i + 1]]

    def actor_ids(self, i: int) -> list[str]:
        values = self.codes["actor"].values
        return [values[k] for k in self.actor_codes(i).tolist()]

    def rows_of_doc(self, doc_id: str) -> np.ndarray:
        """Rows of one document's events (a vectorised scan)."""
        code = self.codes["doc"].find(doc_id)
        return np.flatnonzero(self.c["doc"] == code) if code >= 0 else np.zeros(0, np.int64)

    def replaced(self, row: int, event: Event) -> "EventStore":
        """A new store equal to this one with row ``row`` holding ``event``; this one is left as it was.

        How an edit of one event (its date, say) is applied to a million-event corpus: a copy of the
        columns, not a million objects.  The codes are shared (they only ever grow).
        """
        one = EventStoreBuilder(self._documents, self.codes)
        one.append(event)
        b = one._b
        c = {}
        ptr = self.c["actor_ptr"]
        lo, hi = int(ptr[row]), int(ptr[row + 1])
        for name in _INT_COLS:
            if name in ("actor", "role"):
                c[name] = np.concatenate([self.c[name][:lo], np.asarray(b[name], self.c[name].dtype),
                                          self.c[name][hi:]])
            elif name == "actor_ptr":
                c[name] = ptr.copy()
                c[name][row + 1:] += len(b["actor"]) - (hi - lo)
            else:
                c[name] = self.c[name].copy()
                c[name][row] = b[name][0]
        own = dict(self._own_text)
        own.pop(row, None)
        if 0 in one._own_text:
            own[row] = one._own_text[0]
        ids = self.ids if self.ids[row] == event.id else self.ids.replaced(row, event.id)
        labels = self.labels if self.labels[row] == (event.label or "") else self.labels.replaced(row, event.label or "")
        return EventStore(c, self.codes, ids, labels, own, self._documents)

    # -- columns for the hot paths ---------------------------------------------
    @property
    def dated(self) -> np.ndarray:
        """Event.dated per row: a date with an interval."""
        return self.c["date_prec"] >= 0

    def seconds(self, which: str = "date") -> tuple[np.ndarray, np.ndarray]:
        """Interval start and exclusive end as float seconds on the timeline's scale; NaN where absent."""
        s, e = self.c[f"{which}_start"], self.c[f"{which}_end"]
        none = s == NONE
        return (np.where(none, np.nan, s.astype(np.float64)), np.where(none, np.nan, e.astype(np.float64)))

    @property
    def nbytes(self) -> int:
        arrays = sum(a.nbytes for a in self.c.values())
        return arrays + self.ids.nbytes + self.labels.nbytes

    # -- one event ---------------------------------------------------------------
    def _item(self, i: int) -> Event:
        c, codes = self.c, self.codes
        date = None
        value = int(c["date_value"][i])
        if value >= 0:
            ts = int(c["date_timex"][i])
            date = EventDate(codes["value"].values[value],
                             self._intervals(int(c["date_start"][i]), int(c["date_end"][i]), int(c["date_prec"][i])),
                             codes["relation"].values[c["date_rel"][i]], codes["text"].get(int(c["date_text"][i])),
                             None if ts < 0 else ts)
        report = None
        if c["reported"][i]:
            report = Report(codes["actor"].get(int(c["report_source"][i])), codes["value"].get(int(c["report_value"][i])),
                            self._intervals(int(c["report_start"][i]), int(c["report_end"][i]),
                                            int(c["report_prec"][i])),
                            codes["text"].get(int(c["report_text"][i])))
        lo, hi = int(c["actor_ptr"][i]), int(c["actor_ptr"][i + 1])
        actors, roles = codes["actor"].values, codes["role"]
        parts = [Participant(actors[a], roles.get(r))
                 for a, r in zip(c["actor"][lo:hi].tolist(), c["role"][lo:hi].tolist())]
        return Event(self.ids[i], self.doc_id(i), int(c["start"][i]), int(c["end"][i]), self.text(i),
                     self.labels[i], date, parts, report)

    def __reduce__(self):
        return (EventStore, (self.c, self.codes, self.ids, self.labels, self._own_text, dict(self._documents)))


_INT_COLS = {  # name -> (array typecode, numpy dtype)
    "doc": ("i", np.int32), "start": ("i", np.int32), "end": ("i", np.int32),
    "date_value": ("i", np.int32), "date_start": ("q", np.int64), "date_end": ("q", np.int64),
    "date_prec": ("b", np.int8), "date_rel": ("b", np.int8), "date_text": ("i", np.int32),
    "date_timex": ("i", np.int32), "reported": ("b", np.int8), "report_source": ("i", np.int32),
    "report_value": ("i", np.int32), "report_start": ("q", np.int64), "report_end": ("q", np.int64),
    "report_prec": ("b", np.int8), "report_text": ("i", np.int32),
    "actor": ("i", np.int32), "role": ("b", np.int8), "actor_ptr": ("q", np.int64),
}


class EventStoreBuilder:
    """Appends events one at a time; ``build()`` freezes them into an ``EventStore``."""

    def __init__(self, documents: Mapping[str, Document], codes: Optional[dict] = None):
        self.documents = documents
        self.codes = codes if codes is not None else {}
        for name in ("doc", "actor", "value", "text", "role", "relation"):
            self.codes.setdefault(name, Codes())
        self._b = {name: int_array(tc) for name, (tc, _) in _INT_COLS.items()}
        self._b["actor_ptr"].append(0)
        self._ids = StringColumnBuilder()
        self._labels = StringColumnBuilder()
        self._own_text: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def append(self, ev: Event) -> None:
        b, codes = self._b, self.codes
        row = self._ids.append(ev.id)
        self._labels.append(ev.label or "")
        b["doc"].append(codes["doc"].code(ev.doc))
        b["start"].append(ev.start)
        b["end"].append(ev.end)
        doc = self.documents.get(ev.doc)
        if doc is None or doc.text[ev.start:ev.end] != ev.text:
            self._own_text[row] = ev.text
        d = ev.date
        if d is None:
            _put(b, "date_value", -1, "date_start", NONE, "date_end", NONE, "date_prec", -1, "date_rel", 0,
                 "date_text", -1, "date_timex", -1)
        else:
            iv = d.interval
            _put(b, "date_value", codes["value"].code(d.value),
                 "date_start", to_seconds(iv.start) if iv else NONE, "date_end", to_seconds(iv.end) if iv else NONE,
                 "date_prec", precision_code(iv.precision) if iv else -1,
                 "date_rel", codes["relation"].code(d.relation or "on"), "date_text", codes["text"].code(d.text),
                 "date_timex", -1 if d.timex_start is None else d.timex_start)
        r = ev.report
        if r is None:
            _put(b, "reported", 0, "report_source", -1, "report_value", -1, "report_start", NONE,
                 "report_end", NONE, "report_prec", -1, "report_text", -1)
        else:
            iv = r.interval
            _put(b, "reported", 1, "report_source", codes["actor"].code(r.source),
                 "report_value", codes["value"].code(r.date),
                 "report_start", to_seconds(iv.start) if iv else NONE, "report_end", to_seconds(iv.end) if iv else NONE,
                 "report_prec", precision_code(iv.precision) if iv else -1, "report_text", codes["text"].code(r.text))
        for p in ev.actors:
            b["actor"].append(codes["actor"].code(p.actor))
            b["role"].append(codes["role"].code(p.role))
        b["actor_ptr"].append(len(b["actor"]))

    def extend(self, events: Iterable[Event]) -> None:
        for ev in events:
            self.append(ev)

    def build(self) -> EventStore:
        cols = take_columns(self._b, _INT_COLS)
        return EventStore(cols, self.codes, self._ids.build(), self._labels.build(), self._own_text, self.documents)


def _put(b: dict, *pairs) -> None:
    for k in range(0, len(pairs), 2):
        b[pairs[k]].append(pairs[k + 1])


def event_store(events: Iterable[Event], documents: Iterable[Document] = (),
                codes: Optional[dict] = None) -> EventStore:
    """An ``EventStore`` holding ``events`` (whose texts are taken from ``documents`` where they match)."""
    b = EventStoreBuilder({d.id: d for d in documents}, codes)
    b.extend(events)
    return b.build()
