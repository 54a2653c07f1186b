"""Model objects to table rows and back, losslessly.

``Corpus.to_json`` is made for reading (it prints an interval's inclusive
end, drops document text); the store must give back exactly what it was
given, so it keeps its own full-fidelity form: exclusive ISO ends, every
field.
"""
from __future__ import annotations

import gc
import json
from datetime import datetime
from itertools import starmap
from typing import Iterable, Optional

from desktop_app.core.model import (
    Actor, Corpus, Document, Event, EventDate, Interval, Mention, Participant, Report, Tie, Timex,
)
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

def document_row(i: int, d: Document) -> tuple:
    return (i, d.id, d.path, d.title, d.publication, d.dct, d.dct_precision, d.source,
            d.sha256 or text_sha256(d.text), d.text)


def document_from_row(r: tuple) -> Document:
    _, id_, path, title, pub, dct, prec, source, sha, text = r
    return Document(id_, path, text, title, pub, dct, prec, source, sha)


def timex_row(t: Timex) -> tuple:
    iv = t.interval
    return (t.doc, t.start, t.end, t.text, t.type, t.value, _iso(iv.start) if iv else None,
            _iso(iv.end) if iv else None, iv.precision if iv else None, t.mod, int(t.year_unknown), int(t.anchored))


def timex_from_row(r: tuple, interval=_interval) -> Timex:
    doc, s, e, text, type_, value, ivs, ive, prec, mod, yu, anch = r
    return Timex(doc, s, e, text, type_, value, interval(ivs, ive, prec), mod, bool(yu), bool(anch))


def actor_row(i: int, a: Actor) -> tuple:
    return (i, a.id, a.name, a.type, _dumps(a.aliases))


def actor_from_row(r: tuple) -> Actor:
    return Actor(r[1], r[2], r[3], _loads(r[4]))


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


def events_from_rows(rows, participants, interval) -> list[Event]:
    parts: dict[int, list[Participant]] = {}
    for ev, _pos, actor, role in participants:
        parts.setdefault(ev, []).append(Participant(actor, role))
    out = []
    for (i, id_, doc, s, e, text, label, dated, dv, ds, de, dp, dr, dt, dts,
         reported, rs, rd, rst, ren, rp, rt) in rows:
        date = EventDate(dv, interval(ds, de, dp), dr, dt, dts) if dated else None
        report = Report(rs, rd, interval(rst, ren, rp), rt) if reported else None
        out.append(Event(id_, doc, s, e, text, label, date, parts.get(i, []), report))
    return out


def tie_row(i: int, t: Tie) -> tuple:
    return (i, t.source, t.target, float(t.weight), _dumps(list(t.events)))


def tie_from_row(r: tuple) -> Tie:
    return Tie(r[1], r[2], r[3], _loads(r[4]))


def write_corpus(db, corpus: Corpus) -> None:
    ins = db.executemany
    ins(f"INSERT INTO documents ({_DOC_COLS}) VALUES ({_marks(10)})",
        (document_row(i, d) for i, d in enumerate(corpus.documents)))
    ins(f"INSERT INTO timexes ({_TIMEX_COLS}) VALUES ({_marks(12)})", (timex_row(t) for t in corpus.timexes))
    ins(f"INSERT INTO mentions ({_MENTION_COLS}) VALUES ({_marks(5)})", (mention_row(m) for m in corpus.mentions))
    ins(f"INSERT INTO events ({_EVENT_COLS}) VALUES ({_marks(22)})",
        (event_row(i, e) for i, e in enumerate(corpus.events)))
    ins("INSERT INTO participants (event, pos, actor, role) VALUES (?,?,?,?)", participant_rows(corpus.events))
    ins(f"INSERT INTO actors ({_ACTOR_COLS}) VALUES ({_marks(5)})",
        (actor_row(i, a) for i, a in enumerate(corpus.actors)))
    ins(f"INSERT INTO ties ({_TIE_COLS}) VALUES ({_marks(5)})", (tie_row(i, t) for i, t in enumerate(corpus.ties)))
    ins("INSERT INTO errors (ord, path, message) VALUES (?,?,?)",
        ((i, e.get("path"), e.get("message")) for i, e in enumerate(corpus.errors)))


def _marks(n: int) -> str:
    return ",".join("?" * n)


# Columns are named, never ``*``: a later schema may add columns, and a
# reader must keep working on a migrated database.
_DOC_COLS = "ord, id, path, title, publication, dct, dct_precision, source, sha256, text"
_TIMEX_COLS = "doc, span_start, span_end, text, type, value, iv_start, iv_end, precision, mod, year_unknown, anchored"
_MENTION_COLS = "doc, span_start, span_end, text, actor"
_ACTOR_COLS = "ord, id, name, type, aliases"
_TIE_COLS = "ord, source, target, weight, events"
_EVENT_COLS = ("ord, id, doc, span_start, span_end, text, label, dated, date_value, date_start, date_end, "
               "date_precision, date_relation, date_text, date_timex_start, reported, report_source, report_date, "
               "report_start, report_end, report_precision, report_text")


def read_corpus(db) -> Corpus:
    # Building a million objects that cannot be garbage yet makes the cyclic
    # collector run over and over for nothing; pausing it saves about a third.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _read_corpus(db)
    finally:
        if was_enabled:
            gc.enable()


def _read_corpus(db) -> Corpus:
    q = lambda sql: db.execute(sql).fetchall()
    interval = _Intervals()
    return Corpus(
        documents=[document_from_row(r) for r in q(f"SELECT {_DOC_COLS} FROM documents ORDER BY ord")],
        timexes=[timex_from_row(r, interval) for r in q(f"SELECT {_TIMEX_COLS} FROM timexes ORDER BY rowid")],
        actors=[actor_from_row(r) for r in q(f"SELECT {_ACTOR_COLS} FROM actors ORDER BY ord")],
        mentions=list(starmap(Mention, q(f"SELECT {_MENTION_COLS} FROM mentions ORDER BY rowid"))),
        events=events_from_rows(q(f"SELECT {_EVENT_COLS} FROM events ORDER BY ord"),
                                q("SELECT event, pos, actor, role FROM participants ORDER BY event, pos"), interval),
        ties=[tie_from_row(r) for r in q(f"SELECT {_TIE_COLS} FROM ties ORDER BY ord")],
        errors=[{"path": p, "message": m} for p, m in q("SELECT path, message FROM errors ORDER BY ord")],
    )
