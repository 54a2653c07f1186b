"""Workspace table rows straight into the columns of ``core.store``, for opening.

Turning each row into a model object and handing it to ``CorpusBuilder``
(which takes it apart again) took 9.7 s for 100k events where filling the
columns from the row tuples takes 6 s (bench_workspace.py).  The column names
and types are taken from an empty store the store's own builders make, and
``tests/test_workspace_store.py`` holds the result equal to the object path,
so the two cannot drift apart unnoticed.

An item's words are kept apart only when they differ from its document's
text over its span (as the builders do); the document's text is fetched
when the rows move to another document, so no more than one document's
text is held unpacked at a time.
"""
from __future__ import annotations

from array import array
from datetime import datetime
from typing import Callable, Iterable, Optional

import numpy as np

from desktop_app.core.model import PRECISIONS, Document
from desktop_app.core.store import Codes, EventStore, EventStoreBuilder, MentionStore, TimexStore
from desktop_app.core.store.spans import MentionStoreBuilder, TimexStoreBuilder
from desktop_app.core.store.strings import StringColumnBuilder
from desktop_app.core.store.times import NONE, to_seconds

_MASK = 8191          # rows are turned into columns every 8192
_PRECISION = {p: i for i, p in enumerate(PRECISIONS)}


class _Table:
    """Rows of integers gathered as tuples and turned into typed numpy columns a chunk at a time.

    One tuple per row and one ``np.array`` per chunk cost far less than an
    ``append`` per value, and a chunk of tuples is all that is ever held.
    """

    def __init__(self, names: Iterable[str], dtypes: dict):
        self.names = tuple(names)
        self.dtypes = [dtypes[n] for n in self.names]
        self.rows: list[tuple] = []
        self.chunks: list[list[np.ndarray]] = [[] for _ in self.names]
        self.add = self.rows.append

    def flush(self) -> None:
        if self.rows:
            block = np.array(self.rows, dtype=np.int64).reshape(len(self.rows), len(self.names))
            for j, dt in enumerate(self.dtypes):
                self.chunks[j].append(block[:, j].astype(dt))
            self.rows.clear()

    def columns(self) -> dict[str, np.ndarray]:
        self.flush()
        return {n: np.concatenate(c) if c else np.zeros(0, dt)
                for n, c, dt in zip(self.names, self.chunks, self.dtypes)}


def _dtypes(store) -> dict:
    return {name: a.dtype for name, a in store.c.items()}


class _Seconds:
    """Stored ISO intervals to int64 seconds, each distinct one parsed once (a corpus repeats its days)."""

    def __init__(self):
        self._seen: dict[tuple, tuple[int, int, int]] = {}

    def interval(self, start: Optional[str], end: Optional[str], precision: Optional[str]) -> tuple[int, int, int]:
        """(start, end, precision code) as the store keeps them: (NONE, NONE, -1) when there is no interval."""
        key = (start, end, precision)
        got = self._seen.get(key)
        if got is None:
            if start is None or end is None or precision is None:
                got = (NONE, NONE, -1)
            else:
                got = (to_seconds(datetime.fromisoformat(start)), to_seconds(datetime.fromisoformat(end)),
                       _PRECISION.get(precision, -1))
            if len(self._seen) > 200_000:
                self._seen.clear()
            self._seen[key] = got
        return got


class _Texts:
    """The text of the document the rows are at, fetched again only when they move to another one."""

    def __init__(self, fetch: Callable[[str], Optional[str]]):
        self._fetch = fetch
        self._id: Optional[str] = None
        self._text: Optional[str] = None

    def own(self, doc: str, start: int, end: int, text: str) -> bool:
        """True when ``text`` is not its document's text over ``[start, end)`` (so it must be kept)."""
        if doc != self._id:
            self._id, self._text = doc, self._fetch(doc)
        return self._text is None or self._text[start:end] != text


class Columns:
    """Fills event, mention and timex columns from workspace rows; ``codes`` shared as the store shares them."""

    def __init__(self, documents: dict[str, Document], fetch_text: Callable[[str], Optional[str]]):
        self.documents = documents
        self.codes: dict[str, Codes] = {}
        self._fetch = fetch_text
        self._seconds = _Seconds()
        self._shape = (EventStoreBuilder({}, self.codes).build(), MentionStoreBuilder({}, self.codes).build(),
                       TimexStoreBuilder({}, self.codes).build())
        self.event_hashes = array("q")      # hash of each event id, in row order (for tie evidence)

    def mentions(self, rows: Iterable[tuple]) -> MentionStore:
        t = _Table(("doc", "start", "end", "actor"), _dtypes(self._shape[1]))
        docs, actors = self.codes["doc"].code, self.codes["actor"].code
        texts, own = _Texts(self._fetch), {}
        for i, (doc, s, e, text, actor) in enumerate(rows):
            t.add((docs(doc), s, e, actors(actor)))
            if texts.own(doc, s, e, text):
                own[i] = text
            if not i & _MASK:
                t.flush()
        return MentionStore(t.columns(), self.codes, own, self.documents)

    def timexes(self, rows: Iterable[tuple]) -> TimexStore:
        t = _Table(("doc", "start", "end", "type", "value", "iv_start", "iv_end", "prec", "mod", "year_unknown",
                    "anchored"), _dtypes(self._shape[2]))
        codes = self.codes
        docs, types, values, mods = codes["doc"].code, codes["type"].code, codes["value"].code, codes["mod"].code
        texts, own, interval = _Texts(self._fetch), {}, self._seconds.interval
        for i, (doc, s, e, text, type_, value, ivs, ive, prec, mod, yu, anch) in enumerate(rows):
            t.add((docs(doc), s, e, types(type_), values(value), *interval(ivs, ive, prec), mods(mod),
                   1 if yu else 0, 1 if anch else 0))
            if texts.own(doc, s, e, text):
                own[i] = text
            if not i & _MASK:
                t.flush()
        cols = t.columns()
        n = len(cols["doc"])
        if set(self._shape[2].c) - set(cols) - {"quant", "freq"}:
            raise RuntimeError("the time expression store's columns changed")
        for name in ("quant", "freq"):       # not kept in the file: SET details are re-read on extraction
            cols[name] = np.full(n, -1, self._shape[2].c[name].dtype)
        return TimexStore(cols, self.codes, own, self.documents)

    def events(self, rows: Iterable[tuple], participants: Iterable[tuple]) -> EventStore:
        """Events from their rows and their participants' rows, both ordered by the event's ``ord``."""
        dtypes = _dtypes(self._shape[0])
        t = _Table(("doc", "start", "end", "date_value", "date_start", "date_end", "date_prec", "date_rel",
                    "date_text", "date_timex", "reported", "report_source", "report_value", "report_start",
                    "report_end", "report_prec", "report_text", "n_actors"), {**dtypes, "n_actors": np.int64})
        who = _Table(("actor", "role"), dtypes)
        codes = self.codes
        docs, actors, values = codes["doc"].code, codes["actor"].code, codes["value"].code
        relations, words, roles = codes["relation"].code, codes["text"].code, codes["role"].code
        ids, labels = StringColumnBuilder(), StringColumnBuilder()
        texts, own, interval, hashes = _Texts(self._fetch), {}, self._seconds.interval, self.event_hashes.append
        no_date, no_report = (-1, NONE, NONE, -1, 0, -1, -1), (0, -1, -1, NONE, NONE, -1, -1)
        parts = iter(participants)
        pending = next(parts, None)
        for row, (i, id_, doc, s, e, text, label, dated, dv, ds, de, dp, dr, dt, dts,
                  reported, rs, rd, rst, ren, rp, rt) in enumerate(rows):
            ids.append(id_)
            hashes(hash(id_))
            labels.append(label or "")
            if texts.own(doc, s, e, text):
                own[row] = text
            date = ((values(dv), *interval(ds, de, dp), relations(dr or "on"), words(dt), -1 if dts is None else dts)
                    if dated else no_date)
            report = ((1, actors(rs), values(rd), *interval(rst, ren, rp), words(rt)) if reported else no_report)
            # Participants of an event that has no row are dropped, as they always were.
            while pending is not None and pending[0] < i:
                pending = next(parts, None)
            n = 0
            while pending is not None and pending[0] == i:
                who.add((actors(pending[2]), roles(pending[3])))
                n += 1
                pending = next(parts, None)
            t.add((docs(doc), s, e) + date + report + (n,))
            if not row & _MASK:
                t.flush()
                who.flush()
        cols = {**t.columns(), **who.columns()}
        cols["actor_ptr"] = np.concatenate([[0], np.cumsum(cols.pop("n_actors"))]).astype(dtypes["actor_ptr"])
        if cols.keys() != dtypes.keys():
            raise RuntimeError(f"the event store's columns changed: {sorted(dtypes.keys() ^ cols.keys())}")
        return EventStore(cols, self.codes, ids.build(), labels.build(), own, self.documents)
