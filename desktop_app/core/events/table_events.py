"""Events from a table's rows: the per-document result the pipeline merges like any other.

A table document (``documents.event_tables``) keeps each row's date, the
spans of its actors, place and source in its line of text. Here those become
local actors, mentions and events, so table events join extracted ones in
``pipeline.merge``: the same actor table resolves "Police Forces of Nigeria"
in a row and in an article to one actor. The first actor column is the agent
and the second the target, as event datasets order them; the place takes part
without a role, the source column is who reported the event.
"""
from __future__ import annotations

from typing import Optional

from ..model import PRECISIONS, Document, EventDate, Interval
from .build import LocalEvent

# How long each precision's interval is, roughly, in days: to name the precision of a range.
_DAYS = {"second": 0, "minute": 0, "hour": 0, "day": 1, "week": 7, "month": 31, "quarter": 92, "season": 92,
         "year": 366, "decade": 3653, "century": 36525, "millennium": 365250}


def _interval(value: Optional[list]) -> Optional[Interval]:
    if not value:
        return None
    from ..documents.dct import dct_interval
    try:
        return dct_interval(value[0])
    except ValueError:
        return None


def row_date(rec: dict) -> Optional[EventDate]:
    start = _interval(rec.get("date"))
    if start is None:
        return None
    end = _interval(rec.get("end"))
    value = rec["date"][0]
    if end is not None and end.end > start.end:
        days = (end.end - start.start).days
        precision = next((p for p in PRECISIONS if _DAYS[p] >= days), "millennium")
        precision = max(precision, start.precision, key=PRECISIONS.index)
        start = Interval(start.start, end.end, precision)
        value = f"{rec['date'][0]}/{rec['end'][0]}"
    return EventDate(value, start, "on", rec.get("date_text"), None)


def _actor_type(name: str, cache: dict) -> str:
    """The type the actor rules give the whole name; an organization when they cannot tell."""
    if name in cache:
        return cache[name]
    from ..actors.resolve import resolve_document
    kind = "organization"
    try:
        found = resolve_document(name)
        for a in found.actors:
            if any(e - s >= 0.6 * len(name) for s, e, _ in a.mentions):
                kind = a.type
                break
    except Exception:  # noqa: BLE001 - a guess at a type must never stop a table
        pass
    cache[name] = kind
    return kind


def table_extraction(doc: Document):
    """``(actors, mentions, events)``: actors as ``(name, type)``, mentions ``(start, end, text, actor)``."""
    text = doc.text
    from ..documents.event_tables import records
    actors: list[tuple[str, str]] = []
    index: dict[tuple[str, str], int] = {}
    mentions: list[tuple[int, int, str, int]] = []
    events: list[LocalEvent] = []
    types: dict[str, str] = {}

    def actor(span, kind: Optional[str] = None) -> int:
        name = text[span[0]:span[1]]
        t = kind or _actor_type(name, types)
        key = (name, t)
        if key not in index:
            index[key] = len(actors)
            actors.append(key)
        mentions.append((span[0], span[1], name, index[key]))
        return index[key]

    for rec in records(doc.layout):
        parts: list[tuple[int, Optional[str]]] = []
        for s, e, col in rec.get("actors", ()):
            a = actor((s, e))
            role = "agent" if col == 0 else "target" if col == 1 else None
            if all(p != a for p, _ in parts):
                parts.append((a, role))
        if rec.get("place"):
            a = actor(rec["place"], "location")
            if all(p != a for p, _ in parts):
                parts.append((a, None))
        source = actor(rec["source"], "media") if rec.get("source") else None
        s, e = rec["span"]
        events.append(LocalEvent(start=s, end=e, label=rec.get("label") or f"row {rec['row']}",
                                 date=row_date(rec), participants=parts, report_source=source,
                                 sentences=[(s, e)]))
    mentions.sort()
    return actors, mentions, [ev for ev in events if ev.participants]
