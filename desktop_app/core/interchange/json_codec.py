"""The corpus in ``Corpus.to_json`` form and back, with the extras a lossless return needs.

Written records are exactly ``item.to_json()`` plus a few added keys, so any
reader of Eventscope's extraction JSON reads these files too:

* documents: ``text``, ``sha256``, ``source``;
* timexes: ``anchored``;
* event dates: ``timex_start``; reports: ``start``, ``end``, ``precision``.

Intervals appear as ``Interval.to_json`` writes them: ``end`` is the last
instant inside, at the interval's precision.  Reading adds one unit back
(one second / minute / hour for those precisions, one day otherwise), which
restores the half-open end exactly for intervals that start and end on
whole units, which is what extraction produces.

The reader validates every field it uses and names the place of the first
problem (``events[3].date.start: expected text``).
"""
from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any, Iterable, Optional

from desktop_app.core.model import (
    PRECISIONS, Actor, Corpus, Document, Event, EventDate, Interval, Mention, Participant, Report, Tie, Timex,
)
from desktop_app.core.interchange.errors import InterchangeError

_FINE_STEP = {"second": timedelta(seconds=1), "minute": timedelta(minutes=1), "hour": timedelta(hours=1)}


# -- writing ----------------------------------------------------------------

def _report_json(r: Report) -> dict:
    iv = r.interval.to_json() if r.interval else {"start": None, "end": None, "precision": None}
    return {**r.to_json(), **iv}


def corpus_json_items(corpus: Corpus, text: bool = True) -> dict[str, Iterable]:
    """``corpus_to_json`` as lazy sequences of records: a columnar corpus is written one item at a time."""
    def documents():
        for d in corpus.documents:
            j = d.to_json()
            if text:
                j["text"] = d.text
            j.update(sha256=d.sha256, source=d.source)
            if d.layout:
                j["layout"] = d.layout
            yield j

    def timexes():
        for t in corpus.timexes:
            j = t.to_json()
            j["anchored"] = t.anchored
            yield j

    happenings = getattr(corpus, "happenings", None)

    def events():
        for i, e in enumerate(corpus.events):
            j = e.to_json()
            if happenings is not None and happenings.id_of_event(i) is not None:
                j["happening"] = happenings.id_of_event(i)
            if e.date is not None:
                j["date"]["timex_start"] = e.date.timex_start
            if e.report is not None:
                j["report"] = _report_json(e.report)
            yield j

    return {"documents": documents(), "timexes": timexes(), "actors": (a.to_json() for a in corpus.actors),
            "mentions": (m.to_json() for m in corpus.mentions), "events": events(),
            "ties": (t.to_json() for t in corpus.ties), "errors": iter(list(corpus.errors)),
            **({"happenings": (happenings[k].to_json() for k in range(len(happenings)))} if happenings is not None
               else {})}


def corpus_to_json(corpus: Corpus) -> dict:
    return {key: list(items) for key, items in corpus_json_items(corpus).items()}


# -- reading ----------------------------------------------------------------

class _Reader:
    """Typed field access that reports where in the file a value is wrong."""

    def __init__(self, obj: Any, where: str):
        if not isinstance(obj, dict):
            raise InterchangeError(f"{where}: expected an object, got {_kind(obj)}")
        self.obj, self.where = obj, where

    def _get(self, key: str, types, optional: bool):
        if key not in self.obj:
            if optional:
                return None
            raise InterchangeError(f"{self.where}: missing field {key!r}")
        value = self.obj[key]
        if value is None and optional:
            return None
        if isinstance(value, bool) and bool not in (types if isinstance(types, tuple) else (types,)):
            raise InterchangeError(f"{self.where}.{key}: expected {_names(types)}, got true/false")
        if not isinstance(value, types):
            raise InterchangeError(f"{self.where}.{key}: expected {_names(types)}, got {_kind(value)}")
        return value

    def text(self, key: str, optional: bool = False) -> Optional[str]:
        return self._get(key, str, optional)

    def int(self, key: str) -> int:
        v = self._get(key, int, False)
        if v < 0:
            raise InterchangeError(f"{self.where}.{key}: must not be negative")
        if v > MAX_INT:
            raise InterchangeError(f"{self.where}.{key}: {_short_number(v)} is too large (at most {MAX_INT})")
        return v

    def number(self, key: str, minimum: Optional[float] = None) -> float:
        v = self._get(key, (int, float), False)
        try:
            f = float(v)
        except OverflowError:
            f = math.inf
        if not math.isfinite(f):
            # NaN or infinity would reach SQLite as NULL ("NOT NULL constraint failed") or break the layout.
            raise InterchangeError(f"{self.where}.{key}: must be a finite number, got {_short_number(v)}")
        if minimum is not None and f < minimum:
            # Refused here, as the workspace would refuse it on reopening: an import must not save what cannot open.
            raise InterchangeError(f"{self.where}.{key}: must be at least {minimum:g}, got {_short_number(v)}")
        return f

    def flag(self, key: str) -> bool:
        return bool(self._get(key, bool, True))

    def list(self, key: str, optional: bool = False) -> list:
        v = self._get(key, list, optional)
        return [] if v is None else v

    def obj_(self, key: str, optional: bool = False) -> Optional["_Reader"]:
        v = self._get(key, dict, optional)
        return None if v is None else _Reader(v, f"{self.where}.{key}")


MAX_INT = 2**63 - 1      # what SQLite and the numpy columns hold


def _short_number(v) -> str:
    text = repr(v) if isinstance(v, float) else str(v) if abs(v) < 10**30 else f"a {len(str(abs(v)))}-digit number"
    return text


def _kind(v: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}.get(
        type(v), "a number" if isinstance(v, (int, float)) else type(v).__name__)


def _names(types) -> str:
    types = types if isinstance(types, tuple) else (types,)
    return " or ".join({str: "text", int: "a whole number", float: "a number", list: "a list",
                        dict: "an object", bool: "true/false"}[t] for t in types)


def _when(r: _Reader, key: str) -> Optional[datetime]:
    value = r.text(key, optional=True)
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise InterchangeError(f"{r.where}.{key}: {value!r} is not an ISO date or time") from None


def _interval(r: _Reader) -> Optional[Interval]:
    start, latest = _when(r, "start"), _when(r, "end")
    precision = r.text("precision", optional=True)
    if start is None or latest is None or precision is None:
        return None
    if precision not in PRECISIONS:
        raise InterchangeError(f"{r.where}.precision: unknown precision {precision!r}")
    try:
        end = latest + _FINE_STEP.get(precision, timedelta(days=1))
    except OverflowError:
        raise InterchangeError(f"{r.where}.end: {latest.date().isoformat()} is the last day of the calendar; "
                               "an interval must end before 9999-12-31") from None
    if end <= start:
        raise InterchangeError(f"{r.where}: the end comes before the start")
    return Interval(start, end, precision)


def _items(root: _Reader, key: str, parse) -> list:
    return [parse(_Reader(item, f"{key}[{i}]")) for i, item in enumerate(root.list(key))]


def _document(r: _Reader) -> Document:
    text = r.text("text", optional=True)
    if text is None:
        raise InterchangeError(f"{r.where}: the document's text is missing, so its events cannot be shown; "
                               "export the workspace JSON from Eventscope (it includes the text)")
    return Document(r.text("id"), r.text("path"), text, r.text("title", True), r.text("publication", True),
                    _dct(r), r.text("dct_precision", True), r.text("source", True), r.text("sha256", True),
                    r.text("kind", True), _pages(r, len(text)), r.text("parent", True), _layout(r))


def _dct(r: _Reader) -> Optional[str]:
    """The creation time as the workspace stores it: a date that opens on its year, or none.

    Refused here as the workspace refuses it on reopening (``store._check_values``): an import
    must not save a file that will not open. Empty text says "unknown", as the app's own field does.
    """
    dct = r.text("dct", True)
    if dct is None or not dct.strip():
        return None
    if not (len(dct) >= 4 and dct[:4].isascii() and dct[:4].isdigit()):
        raise InterchangeError(f"{r.where}.dct: unreadable creation time {dct[:40]!r}; expected a date such as 2007-11-09")
    return dct


def _pages(r: _Reader, length: int) -> Optional[list[int]]:
    pages = r.list("pages", optional=True)
    if not pages:
        return None
    if not all(isinstance(p, int) and not isinstance(p, bool) and 0 <= p <= length for p in pages) \
            or pages != sorted(pages):
        raise InterchangeError(f"{r.where}.pages: expected rising offsets inside the text")
    return list(pages)


def _layout(r: _Reader) -> Optional[dict]:
    lay = r.obj_("layout", optional=True)
    return dict(lay.obj) if lay else None


def _timex(r: _Reader) -> Timex:
    iv = r.obj_("interval", optional=True)
    return Timex(r.text("doc"), r.int("start"), r.int("end"), r.text("text"), r.text("type"), r.text("value"),
                 _interval(iv) if iv else None, r.text("mod", True), r.flag("year_unknown"), r.flag("anchored"))


def _actor(r: _Reader) -> Actor:
    aliases = r.list("aliases", optional=True)
    for i, a in enumerate(aliases):
        if not isinstance(a, str):
            raise InterchangeError(f"{r.where}.aliases[{i}]: expected text, got {_kind(a)}")
    evidence = r.list("evidence", optional=True)
    for i, a in enumerate(evidence):
        if not isinstance(a, str):
            raise InterchangeError(f"{r.where}.evidence[{i}]: expected text, got {_kind(a)}")
    return Actor(r.text("id"), r.text("name"), r.text("type"), list(aliases), list(evidence))


def _mention(r: _Reader) -> Mention:
    return Mention(r.text("doc"), r.int("start"), r.int("end"), r.text("text"), r.text("actor"),
                   r.text("role", optional=True))


def _event(r: _Reader) -> Event:
    d = r.obj_("date", optional=True)
    date = None
    if d is not None:
        ts = d.obj.get("timex_start")
        date = EventDate(d.text("value"), _interval(d), d.text("relation", True) or "on", d.text("text", True),
                         ts if isinstance(ts, int) and not isinstance(ts, bool) else None)
    rep = r.obj_("report", optional=True)
    report = None
    if rep is not None:
        report = Report(rep.text("source", True), rep.text("date", True), _interval(rep), rep.text("text", True))
    actors = [Participant(p.text("actor"), p.text("role", True))
              for p in (_Reader(x, f"{r.where}.actors[{i}]") for i, x in enumerate(r.list("actors")))]
    return Event(r.text("id"), r.text("doc"), r.int("start"), r.int("end"), r.text("text"), r.text("label"),
                 date, actors, report)


def _tie(r: _Reader) -> Tie:
    events = r.list("events", optional=True)
    if not all(isinstance(e, str) for e in events):
        raise InterchangeError(f"{r.where}.events: expected a list of event ids")
    return Tie(r.text("source"), r.text("target"), r.number("weight", minimum=0), list(events))


def corpus_from_json(data: Any, where: str = "file") -> Corpus:
    root = _Reader(data, where)
    errors = []
    for i, e in enumerate(root.list("errors", optional=True)):
        er = _Reader(e, f"errors[{i}]")
        errors.append({"path": er.text("path", True), "message": er.text("message", True)})
    corpus = Corpus(_items(root, "documents", _document), _items(root, "timexes", _timex),
                    _items(root, "actors", _actor), _items(root, "mentions", _mention),
                    _items(root, "events", _event), _items(root, "ties", _tie), errors)
    _check_references(corpus)
    return corpus


def _check_references(c: Corpus) -> None:
    """Every id an item points at must exist, and every span must lie inside its document."""
    docs = {d.id: len(d.text) for d in c.documents}
    if len(docs) != len(c.documents):
        raise InterchangeError(f"documents: two documents share the id {_first_repeat(d.id for d in c.documents)!r}")
    actors = {a.id for a in c.actors}
    if len(actors) != len(c.actors):
        raise InterchangeError(f"actors: two actors share the id {_first_repeat(a.id for a in c.actors)!r}")
    events = {e.id for e in c.events}
    for kind, items in (("timexes", c.timexes), ("mentions", c.mentions), ("events", c.events)):
        for i, it in enumerate(items):
            if it.doc not in docs:
                raise InterchangeError(f"{kind}[{i}]: unknown document {it.doc!r}")
            if not it.start <= it.end <= docs[it.doc]:
                raise InterchangeError(f"{kind}[{i}]: span {it.start}-{it.end} lies outside its document")
    for i, m in enumerate(c.mentions):
        if m.actor not in actors:
            raise InterchangeError(f"mentions[{i}]: unknown actor {m.actor!r}")
    for i, e in enumerate(c.events):
        for p in e.actors:
            if p.actor not in actors:
                raise InterchangeError(f"events[{i}]: unknown actor {p.actor!r}")
    for i, t in enumerate(c.ties):
        for a in (t.source, t.target):
            if a not in actors:
                raise InterchangeError(f"ties[{i}]: unknown actor {a!r}")
        for e in t.events:
            if e not in events:
                raise InterchangeError(f"ties[{i}]: unknown event {e!r}")


def _first_repeat(ids: Iterable[str]) -> str:
    seen = set()
    for i in ids:
        if i in seen:
            return i[:80]
        seen.add(i)
    return ""
