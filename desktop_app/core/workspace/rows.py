"""Model objects to table rows and back, losslessly.

``Corpus.to_json`` is made for reading (it prints an interval's inclusive
end, drops document text); the store must give back exactly what it was
given, so it keeps its own full-fidelity form: exclusive ISO ends, every
field.
"""
from __future__ import annotations

import json
from datetime import datetime
from typing import Optional

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


def date_to_json(d: Optional[EventDate]) -> Optional[dict]:
    if d is None:
        return None
    iv = d.interval
    return {"value": d.value, "start": _iso(iv.start) if iv else None, "end": _iso(iv.end) if iv else None,
            "precision": iv.precision if iv else None, "relation": d.relation, "text": d.text,
            "timex_start": d.timex_start}


def date_from_json(d: Optional[dict]) -> Optional[EventDate]:
    if d is None:
        return None
    return EventDate(d["value"], _interval(d.get("start"), d.get("end"), d.get("precision")),
                     d.get("relation") or "on", d.get("text"), d.get("timex_start"))


def report_to_json(r: Optional[Report]) -> Optional[dict]:
    if r is None:
        return None
    iv = r.interval
    return {"source": r.source, "date": r.date, "start": _iso(iv.start) if iv else None,
            "end": _iso(iv.end) if iv else None, "precision": iv.precision if iv else None, "text": r.text}


def report_from_json(r: Optional[dict]) -> Optional[Report]:
    if r is None:
        return None
    return Report(r.get("source"), r.get("date"), _interval(r.get("start"), r.get("end"), r.get("precision")),
                  r.get("text"))


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


def timex_from_row(r: tuple) -> Timex:
    doc, s, e, text, type_, value, ivs, ive, prec, mod, yu, anch = r
    return Timex(doc, s, e, text, type_, value, _interval(ivs, ive, prec), mod, bool(yu), bool(anch))


def actor_row(i: int, a: Actor) -> tuple:
    return (i, a.id, a.name, a.type, _dumps(a.aliases))


def actor_from_row(r: tuple) -> Actor:
    return Actor(r[1], r[2], r[3], _loads(r[4]))


def mention_row(m: Mention) -> tuple:
    return (m.doc, m.start, m.end, m.text, m.actor)


def event_row(i: int, e: Event) -> tuple:
    date = date_to_json(e.date)
    report = report_to_json(e.report)
    return (i, e.id, e.doc, e.start, e.end, e.text, e.label,
            None if date is None else _dumps(date), None if report is None else _dumps(report),
            _dumps([[p.actor, p.role] for p in e.actors]))


def event_from_row(r: tuple) -> Event:
    _, id_, doc, s, e, text, label, date, report, actors = r
    return Event(id_, doc, s, e, text, label,
                 None if date is None else date_from_json(_loads(date)),
                 [Participant(a, role) for a, role in _loads(actors)],
                 None if report is None else report_from_json(_loads(report)))


def tie_row(i: int, t: Tie) -> tuple:
    return (i, t.source, t.target, float(t.weight), _dumps(t.events))


def tie_from_row(r: tuple) -> Tie:
    return Tie(r[1], r[2], r[3], _loads(r[4]))


def write_corpus(db, corpus: Corpus) -> None:
    db.executemany(f"INSERT INTO documents ({_DOC_COLS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
                   (document_row(i, d) for i, d in enumerate(corpus.documents)))
    db.executemany(f"INSERT INTO timexes ({_TIMEX_COLS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", (timex_row(t) for t in corpus.timexes))
    db.executemany("INSERT INTO mentions (doc, span_start, span_end, text, actor) VALUES (?,?,?,?,?)", (mention_row(m) for m in corpus.mentions))
    db.executemany(f"INSERT INTO events ({_EVENT_COLS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
                   (event_row(i, e) for i, e in enumerate(corpus.events)))
    db.executemany("INSERT INTO actors (ord, id, name, type, aliases) VALUES (?,?,?,?,?)", (actor_row(i, a) for i, a in enumerate(corpus.actors)))
    db.executemany("INSERT INTO ties (ord, source, target, weight, events) VALUES (?,?,?,?,?)", (tie_row(i, t) for i, t in enumerate(corpus.ties)))
    db.executemany("INSERT INTO errors (ord, path, message) VALUES (?,?,?)",
                   ((i, e.get("path"), e.get("message")) for i, e in enumerate(corpus.errors)))


# Columns are named, never ``*``: a later schema may add columns, and a
# reader must keep working on a migrated database.
_DOC_COLS = "ord, id, path, title, publication, dct, dct_precision, source, sha256, text"
_TIMEX_COLS = "doc, span_start, span_end, text, type, value, iv_start, iv_end, precision, mod, year_unknown, anchored"
_EVENT_COLS = "ord, id, doc, span_start, span_end, text, label, date, report, actors"


def read_corpus(db) -> Corpus:
    q = lambda sql: db.execute(sql).fetchall()
    return Corpus(
        documents=[document_from_row(r) for r in q(f"SELECT {_DOC_COLS} FROM documents ORDER BY ord")],
        timexes=[timex_from_row(r) for r in q(f"SELECT {_TIMEX_COLS} FROM timexes ORDER BY rowid")],
        actors=[actor_from_row(r) for r in q("SELECT ord, id, name, type, aliases FROM actors ORDER BY ord")],
        mentions=[Mention(*r) for r in q("SELECT doc, span_start, span_end, text, actor FROM mentions ORDER BY rowid")],
        events=[event_from_row(r) for r in q(f"SELECT {_EVENT_COLS} FROM events ORDER BY ord")],
        ties=[tie_from_row(r) for r in q("SELECT ord, source, target, weight, events FROM ties ORDER BY ord")],
        errors=[{"path": p, "message": m} for p, m in q("SELECT path, message FROM errors ORDER BY ord")],
    )
