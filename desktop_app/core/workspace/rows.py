"""Model objects to table rows and back, losslessly.

Writing takes objects, or the columns of a compact corpus (``store_rows``);
reading always gives a compact corpus, filled from the rows by
``columns_in`` without an object per row.

``Corpus.to_json`` is made for reading (it prints an interval's inclusive
end, drops document text); the store must give back exactly what it was
given, so it keeps its own full-fidelity form: exclusive ISO ends, every
field.
"""
from __future__ import annotations

import json
from array import array
from datetime import datetime
from itertools import chain, islice
from typing import Iterable, Iterator, Optional

import numpy as np

from desktop_app.core.memory import gc_paused, release_free_memory
from desktop_app.core.model import (
    Actor, Corpus, Document, Event, EventDate, Interval, Mention, Participant, Report, Tie, Timex,
)
from desktop_app.core.store import EventStore, MentionStore, TimexStore
from desktop_app.core.store.documents import pack
from desktop_app.core.store.evidence import EvidenceTable, TieArrays
from desktop_app.core.workspace import store_rows
from desktop_app.core.workspace.columns_in import Columns
from desktop_app.core.workspace.keys import text_sha256

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_loads = json.loads


def _iso(d: Optional[datetime]) -> Optional[str]:
    return d.isoformat() if d is not None else None


def _interval(start: Optional[str], end: Optional[str], precision: Optional[str]) -> Optional[Interval]:
    if start is None or end is None or precision is None:
        return None
    return Interval(datetime.fromisoformat(start), datetime.fromisoformat(end), precision)


# -- rows -------------------------------------------------------------------

def _layout(d: Document) -> Optional[str]:
    if not (d.kind or d.pages or d.parent or d.layout):
        return None
    return _dumps({"kind": d.kind, "pages": d.pages, "parent": d.parent, "layout": d.layout})


def document_row(i: int, d: Document) -> tuple:
    return (i, d.id, d.path, d.title, d.publication, d.dct, d.dct_precision, d.source,
            d.sha256 or text_sha256(d.text), d.text, _layout(d))


def document_from_row(r: tuple) -> Document:
    _, id_, path, title, pub, dct, prec, source, sha, text, layout = r
    lay = _loads(layout) if layout else {}
    return Document(id_, path, text, title, pub, dct, prec, source, sha,
                    lay.get("kind"), lay.get("pages"), lay.get("parent"), lay.get("layout"))


def timex_row(t: Timex) -> tuple:
    iv = t.interval
    return (t.doc, t.start, t.end, t.text, t.type, t.value, _iso(iv.start) if iv else None,
            _iso(iv.end) if iv else None, iv.precision if iv else None, t.mod, int(t.year_unknown), int(t.anchored))


def timex_from_row(r: tuple, interval=_interval) -> Timex:
    doc, s, e, text, type_, value, ivs, ive, prec, mod, yu, anch = r
    return Timex(doc, s, e, text, type_, value, interval(ivs, ive, prec), mod, bool(yu), bool(anch))


def actor_row(i: int, a: Actor) -> tuple:
    evidence = list(getattr(a, "evidence", None) or [])
    return (i, a.id, a.name, a.type, _dumps(a.aliases), _dumps(evidence) if evidence else None)


def actor_from_row(r: tuple) -> Actor:
    return Actor(r[1], r[2], r[3], _loads(r[4]), _evidence(r[5]) if len(r) > 5 else [])


def _evidence(value) -> list[str]:
    """An actor's identity evidence as stored (NULL before schema 3: none).

    Evidence is derived (re-extraction writes it again), so an unreadable entry is left out
    rather than refusing the workspace; ``store`` counts such rows and says so in one line.
    """
    if not isinstance(value, str):
        return []
    try:
        out = _loads(value)
    except ValueError:
        return []
    return [x for x in out if isinstance(x, str)] if isinstance(out, list) else []


def mention_row(m: Mention) -> tuple:
    return (m.doc, m.start, m.end, m.text, m.actor)


def event_row(i: int, e: Event) -> tuple:
    d, r = e.date, e.report
    div = d.interval if d else None
    riv = r.interval if r else None
    date = ((1, d.value, _iso(div.start) if div else None, _iso(div.end) if div else None,
             div.precision if div else None, d.relation, d.text, d.timex_start) if d else (0,) + (None,) * 7)
    report = ((1, r.source, r.date, _iso(riv.start) if riv else None, _iso(riv.end) if riv else None,
               riv.precision if riv else None, r.text) if r else (0,) + (None,) * 6)
    return (i, e.id, e.doc, e.start, e.end, e.text, e.label) + date + report


def participant_rows(events) -> Iterable[tuple]:
    for i, e in enumerate(events):
        for pos, p in enumerate(e.actors):
            yield (i, pos, p.actor, p.role)


class _Intervals:
    """Builds intervals while reading, sharing one object per distinct value.

    Intervals are frozen, and a corpus repeats the same days thousands of
    times; sharing saves both the parsing and the memory.
    """

    def __init__(self):
        self._seen: dict[tuple, Interval] = {}

    def __call__(self, start, end, precision) -> Optional[Interval]:
        if start is None or end is None or precision is None:
            return None
        key = (start, end, precision)
        iv = self._seen.get(key)
        if iv is None:
            iv = self._seen[key] = Interval(datetime.fromisoformat(start), datetime.fromisoformat(end), precision)
        return iv


def events_from_rows(rows, participants, interval) -> Iterator[Event]:
    """Events from their rows and their participants' rows, both ordered by the event's ``ord``: a merge."""
    parts = iter(participants)
    pending = next(parts, None)
    for (i, id_, doc, s, e, text, label, dated, dv, ds, de, dp, dr, dt, dts,
         reported, rs, rd, rst, ren, rp, rt) in rows:
        # Participants of an event that has no row are dropped, as they always were.
        while pending is not None and pending[0] < i:
            pending = next(parts, None)
        actors = []
        while pending is not None and pending[0] == i:
            actors.append(Participant(pending[2], pending[3]))
            pending = next(parts, None)
        date = EventDate(dv, interval(ds, de, dp), dr, dt, dts) if dated else None
        report = Report(rs, rd, interval(rst, ren, rp), rt) if reported else None
        yield Event(id_, doc, s, e, text, label, date, actors, report)


def tie_row(i: int, t: Tie) -> tuple:
    return (i, t.source, t.target, float(t.weight), _dumps(list(t.events)))


def tie_from_row(r: tuple) -> Tie:
    return Tie(r[1], r[2], r[3], _loads(r[4]))


def write_corpus(db, corpus: Corpus) -> None:
    """Insert ``corpus``; a compact one is written from its columns, never as a million objects."""
    ev, me, tx = corpus.events, corpus.mentions, corpus.timexes
    timexes = store_rows.timex_rows(tx) if isinstance(tx, TimexStore) else (timex_row(t) for t in tx)
    mentions = store_rows.mention_rows(me) if isinstance(me, MentionStore) else (mention_row(m) for m in me)
    if isinstance(ev, EventStore):
        events, participants = store_rows.event_rows(ev), store_rows.participant_rows(ev)
    else:
        events, participants = (event_row(i, e) for i, e in enumerate(ev)), participant_rows(ev)
    ins = db.executemany
    ins(f"INSERT INTO documents ({_DOC_COLS}) VALUES ({_marks(11)})",
        (document_row(i, d) for i, d in enumerate(corpus.documents)))
    ins(f"INSERT INTO timexes ({_TIMEX_COLS}) VALUES ({_marks(12)})", timexes)
    ins(f"INSERT INTO mentions ({_MENTION_COLS}) VALUES ({_marks(5)})", mentions)
    ins(f"INSERT INTO events ({_EVENT_COLS}) VALUES ({_marks(22)})", events)
    ins("INSERT INTO participants (event, pos, actor, role) VALUES (?,?,?,?)", participants)
    ins(f"INSERT INTO actors ({_ACTOR_COLS}) VALUES ({_marks(6)})",
        (actor_row(i, a) for i, a in enumerate(corpus.actors)))
    ins(f"INSERT INTO ties ({_TIE_COLS}) VALUES ({_marks(5)})", (tie_row(i, t) for i, t in enumerate(corpus.ties)))
    ins("INSERT INTO errors (ord, path, message) VALUES (?,?,?)",
        ((i, e.get("path"), e.get("message")) for i, e in enumerate(corpus.errors)))


def _marks(n: int) -> str:
    return ",".join("?" * n)


# Columns are named, never ``*``: a later schema may add columns, and a
# reader must keep working on a migrated database.
_DOC_COLS = "ord, id, path, title, publication, dct, dct_precision, source, sha256, text, layout"
_TIMEX_COLS = "doc, span_start, span_end, text, type, value, iv_start, iv_end, precision, mod, year_unknown, anchored"
_MENTION_COLS = "doc, span_start, span_end, text, actor"
_ACTOR_COLS = "ord, id, name, type, aliases, evidence"
_TIE_COLS = "ord, source, target, weight, events"
_EVENT_COLS = ("ord, id, doc, span_start, span_end, text, label, dated, date_value, date_start, date_end, "
               "date_precision, date_relation, date_text, date_timex_start, reported, report_source, report_date, "
               "report_start, report_end, report_precision, report_text")


def read_corpus(db) -> Corpus:
    """The corpus a workspace holds, as columns (``core.store``); rows stream in a chunk at a time.

    A million-event file never becomes a million objects: rows go straight
    into numpy columns, tie evidence into one shared row table.  Documents
    come first so that event, mention and timex texts are recognised as
    their document's own span and not stored twice.
    """
    try:
        with gc_paused():
            return _read_corpus(db)
    finally:
        # The row chunks, caches and lookup tables are gone; hand their heap back.
        release_free_memory()


def _cursor(db, sql: str) -> Iterator[tuple]:
    """The rows of ``sql``, fetched a chunk at a time (never all at once)."""
    cur = db.execute(sql)
    cur.arraysize = 4096
    return chain.from_iterable(iter(cur.fetchmany, []))


def _read_corpus(db) -> Corpus:
    documents = [pack(document_from_row(r)) for r in _cursor(db, f"SELECT {_DOC_COLS} FROM documents ORDER BY ord")]
    by_id = {d.id: d for d in documents}
    cols = Columns(by_id, lambda doc_id: by_id[doc_id].text if doc_id in by_id else None)
    timexes = cols.timexes(_cursor(db, f"SELECT {_TIMEX_COLS} FROM timexes ORDER BY rowid"))
    mentions = cols.mentions(_cursor(db, f"SELECT {_MENTION_COLS} FROM mentions ORDER BY rowid"))
    events = cols.events(_cursor(db, f"SELECT {_EVENT_COLS} FROM events ORDER BY ord"),
                         _cursor(db, "SELECT event, pos, actor, role FROM participants ORDER BY event, pos"))
    actors = [actor_from_row(r) for r in _cursor(db, f"SELECT {_ACTOR_COLS} FROM actors ORDER BY ord")]
    hashes = np.frombuffer(cols.event_hashes, np.int64) if len(cols.event_hashes) else np.zeros(0, np.int64)
    ties = EvidenceLookup(events, hashes).ties(_cursor(db, f"SELECT {_TIE_COLS} FROM ties ORDER BY ord"))
    errors = [{"path": p, "message": m} for p, m in _cursor(db, "SELECT path, message FROM errors ORDER BY ord")]
    return Corpus(documents=documents, timexes=timexes, actors=actors, mentions=mentions, events=events,
                  ties=ties, errors=errors)


class EvidenceLookup:
    """Turns the event ids tie rows list into ``EvidenceIds`` over one shared ``EvidenceTable``.

    One sorted array of the ids' hashes, taken while the events streamed in,
    answers a whole tie with one ``searchsorted``; a hash that occurs twice
    (two events with one id, or a collision) is settled by the store's own
    lookup, which compares the ids themselves.  A tie naming an event the
    file does not hold keeps its plain list, as ``pack_ties`` does.
    """

    def __init__(self, events: EventStore, hashes: Optional[np.ndarray] = None):
        """``hashes``: ``hash`` of each event id in row order (taken from the store when not given)."""
        if hashes is None:
            hashes = np.fromiter(map(hash, events.ids), np.int64, len(events))
        self.events = events
        self.order = np.argsort(hashes, kind="stable")
        self.sorted = hashes[self.order]
        dup = np.zeros(len(self.sorted), bool)
        if len(self.sorted) > 1:
            same = self.sorted[1:] == self.sorted[:-1]
            dup[1:] |= same
            dup[:-1] |= same
        self.dup = dup

    def ties(self, tie_rows: Iterable[tuple]):
        """The ties as ``TieArrays`` over the store (no object per tie), or a list of ``Tie`` when some
        tie's evidence names events this store does not hold."""
        table_rows, ptr = array("i"), array("q", [0])
        src, dst, weight = array("i"), array("i"), array("d")
        names: list[str] = []
        codes: dict[str, int] = {}
        loose: dict[int, list] = {}        # tie -> its evidence as written, when it could not be resolved
        tie_rows = iter(tie_rows)
        n = 0
        while batch := list(islice(tie_rows, 4096)):
            lists = [_loads(r[4]) for r in batch]
            for r, ids, rows in zip(batch, lists, self.rows_of(lists)):
                for buf, who in ((src, r[1]), (dst, r[2])):
                    c = codes.get(who)
                    if c is None:
                        c = codes[who] = len(names)
                        names.append(who)
                    buf.append(c)
                weight.append(r[3])
                if rows is None:
                    loose[n] = ids
                else:
                    table_rows.extend(rows.tolist())
                ptr.append(len(table_rows))
                n += 1
        table = EvidenceTable(np.frombuffer(table_rows, np.int32).copy() if len(table_rows) else np.zeros(0, np.int32),
                              np.frombuffer(ptr, np.int64).copy(), self.events.ids)
        arrays = TieArrays(names, np.frombuffer(src, np.int32).copy(), np.frombuffer(dst, np.int32).copy(),
                           np.diff(table.ptr), table, np.frombuffer(weight, np.float64).copy())
        if not loose:
            return arrays
        ties = arrays.ties()
        for k, ids in loose.items():
            ties[k] = Tie(ties[k].source, ties[k].target, ties[k].weight, ids)
        return ties

    def rows_of(self, lists: list) -> list[Optional[np.ndarray]]:
        """For each list of event ids: its store rows, or None when it is not a list of this store's ids.

        All lists are looked up at once; only a list with a doubtful id goes
        through the careful one-by-one lookup.
        """
        ok_lists = [isinstance(x, list) and all(isinstance(i, str) for i in x) for x in lists]
        flat = [i for x, ok in zip(lists, ok_lists) if ok for i in x]
        bounds = np.cumsum([0] + [len(x) for x, ok in zip(lists, ok_lists) if ok])
        if not len(self.sorted):
            found = np.zeros(len(flat), np.int32)
            sure = np.zeros(len(flat), bool)
        else:
            h = np.fromiter(map(hash, flat), np.int64, len(flat))
            pos = np.minimum(np.searchsorted(self.sorted, h), len(self.sorted) - 1)
            found = self.order[pos].astype(np.int32)
            sure = (self.sorted[pos] == h) & ~self.dup[pos]
        unsure = np.concatenate([[0], np.cumsum(~sure)])
        out, k = [], 0
        for x, ok in zip(lists, ok_lists):
            if not ok:
                out.append(None)
                continue
            lo, hi = int(bounds[k]), int(bounds[k + 1])
            k += 1
            out.append(found[lo:hi].copy() if unsure[hi] == unsure[lo] else self.rows(x))
        return out

    def rows(self, ids: list) -> Optional[np.ndarray]:
        """The store rows of ``ids`` one by one, or None when one is not an event of the store."""
        rows = np.zeros(len(ids), np.int32)
        for k, x in enumerate(ids):
            row = self.events.index_of(x)
            if row is None:
                return None
            rows[k] = row
        return rows
