"""Typed edit records: the analyst's corrections, stored as an ordered log.

An ``Edit`` is a kind plus a JSON payload that names its targets by stable
keys (see ``keys``).  The log is data, not code: it is saved in the workspace,
exported in JSON and replayed by ``apply.apply_edits`` on every fresh
extraction.  Builders below take the objects the analyst is looking at and
turn them into keys, so callers never assemble payloads by hand.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Optional

from desktop_app.core.model import ACTOR_TYPES, PRECISIONS, Actor, Corpus, Document, Event, Interval, Tie
from desktop_app.core.workspace.errors import WorkspaceError
from desktop_app.core.workspace.keys import doc_key, event_key

NOTE_TARGETS = ("actor", "event", "document", "tie")

# kind -> (human label, required payload fields and their JSON types)
_STR, _LIST, _DICT, _NUM = str, list, dict, (int, float)
KINDS: dict[str, tuple[str, dict[str, Any]]] = {
    "merge_actors": ("Merge actors", {"into": _STR, "members": _LIST}),
    "split_actor": ("Split actor", {"actor": _STR, "name": _STR, "names": _LIST}),
    "rename_actor": ("Rename actor", {"actor": _STR, "name": _STR}),
    "set_actor_type": ("Change actor type", {"actor": _STR, "type": _STR}),
    "add_alias": ("Add alias", {"actor": _STR, "alias": _STR}),
    "remove_alias": ("Remove alias", {"actor": _STR, "alias": _STR}),
    "set_event_date": ("Set event date", {"event": _DICT}),
    "set_dct": ("Set document date", {"doc": _STR}),
    "delete_event": ("Delete event", {"event": _DICT}),
    "delete_actor": ("Delete actor", {"actor": _STR}),
    "add_event": ("Add event", {"doc": _STR, "start": int, "end": int, "label": _STR, "actors": _LIST}),
    "add_tie": ("Add tie", {"source": _STR, "target": _STR, "weight": _NUM}),
    "note": ("Add note", {"target": _DICT, "text": _STR}),
    # Happening corrections (core/workspace/happening_edits.py): events named by event keys.
    "merge_happenings": ("Merge happenings", {"events": _LIST}),
    "split_happening": ("Split happening", {"events": _LIST}),
}


@dataclass(frozen=True)
class Edit:
    kind: str
    payload: dict = field(default_factory=dict)
    created: str = ""   # ISO UTC time the analyst made it; informative only

    def __post_init__(self):
        validate(self.kind, self.payload)

    @property
    def label(self) -> str:
        return KINDS[self.kind][0]

    def to_json(self) -> dict:
        return {"kind": self.kind, "payload": self.payload, "created": self.created}

    @classmethod
    def from_json(cls, data: Any, where: str = "edit") -> "Edit":
        if not isinstance(data, dict):
            raise WorkspaceError(f"{where}: expected an object, got {type(data).__name__}")
        kind, payload = data.get("kind"), data.get("payload")
        if not isinstance(kind, str):
            raise WorkspaceError(f"{where}: missing or non-text 'kind'")
        if not isinstance(payload, dict):
            raise WorkspaceError(f"{where}: missing or non-object 'payload'")
        created = data.get("created") or ""
        if not isinstance(created, str):
            raise WorkspaceError(f"{where}: 'created' must be text")
        try:
            return cls(kind, payload, created)
        except WorkspaceError as exc:
            raise WorkspaceError(f"{where}: {exc}") from None

    def dumps(self) -> str:
        return json.dumps(self.payload, ensure_ascii=False, sort_keys=True)


def validate(kind: str, payload: dict) -> None:
    """Reject malformed edits up front so replay never meets one."""
    if kind not in KINDS:
        raise WorkspaceError(f"unknown edit kind {kind!r}")
    if not isinstance(payload, dict):
        raise WorkspaceError(f"{kind}: payload must be an object")
    for name, typ in KINDS[kind][1].items():
        if name not in payload:
            raise WorkspaceError(f"{kind}: missing field {name!r}")
        value = payload[name]
        if isinstance(value, bool) or not isinstance(value, typ):
            raise WorkspaceError(f"{kind}: field {name!r} has the wrong type ({type(value).__name__})")
    types = payload.get("types")
    if types is not None and (not isinstance(types, dict)
                              or not all(isinstance(k, str) and isinstance(v, str) for k, v in types.items())):
        raise WorkspaceError(f"{kind}: 'types' must map actor names to types")
    if kind in ("rename_actor", "split_actor") and not payload["name"].strip():
        raise WorkspaceError("an actor name cannot be empty")
    if kind == "add_alias" and not payload["alias"].strip():
        raise WorkspaceError("an alias cannot be empty")
    if kind == "set_actor_type" and payload["type"] not in ACTOR_TYPES:
        raise WorkspaceError(f"actor type must be one of {', '.join(ACTOR_TYPES)}, not {payload['type']!r}")
    if kind == "split_actor" and payload.get("type") is not None and payload["type"] not in ACTOR_TYPES:
        raise WorkspaceError(f"actor type must be one of {', '.join(ACTOR_TYPES)}")
    if kind == "merge_actors" and not all(isinstance(m, str) for m in payload["members"]):
        raise WorkspaceError("merge_actors: members must be actor names")
    if kind == "split_actor" and not all(isinstance(m, str) for m in payload["names"]):
        raise WorkspaceError("split_actor: names must be text")
    if kind in ("set_event_date", "delete_event"):
        _check_event_key(payload["event"])
    if kind in ("merge_happenings", "split_happening"):
        if not payload["events"]:
            raise WorkspaceError(f"{kind}: name at least one event")
        for key in payload["events"]:
            _check_event_key(key)
    if kind in ("set_event_date", "add_event"):
        if payload.get("date") is not None:
            _check_date(payload["date"])
    if kind == "add_event":
        if not 0 <= payload["start"] < payload["end"]:
            raise WorkspaceError("add_event: the span must have start < end")
        for p in payload["actors"]:
            if not isinstance(p, dict) or not isinstance(p.get("actor"), str):
                raise WorkspaceError("add_event: each participant needs an actor name")
    if kind == "set_dct":
        dct, prec = payload.get("dct"), payload.get("precision")
        if dct is not None and (not isinstance(dct, str) or not dct.strip()):
            raise WorkspaceError("set_dct: the creation time must be text such as 2007-11-09")
        if prec is not None and prec not in PRECISIONS:
            raise WorkspaceError(f"set_dct: unknown precision {prec!r}")
    if kind == "add_tie" and payload["weight"] <= 0:
        raise WorkspaceError("add_tie: weight must be positive")
    if kind == "note":
        target = payload["target"]
        if target.get("kind") not in NOTE_TARGETS or "key" not in target:
            raise WorkspaceError(f"note: target needs a kind ({', '.join(NOTE_TARGETS)}) and a key")
        if target["kind"] == "event":
            _check_event_key(target["key"])


def _check_event_key(key: Any) -> None:
    if not isinstance(key, dict) or not isinstance(key.get("doc"), str):
        raise WorkspaceError("an event key needs its document")
    for f in ("start", "end"):
        if isinstance(key.get(f), bool) or not isinstance(key.get(f), int):
            raise WorkspaceError(f"an event key needs an integer {f!r}")


def _check_date(date: Any) -> None:
    if not isinstance(date, dict) or not isinstance(date.get("value"), str):
        raise WorkspaceError("a date needs a 'value' such as 2007-11-02")
    if date.get("start") is None and date.get("end") is None:
        return
    iv = date_interval(date)
    if iv.end <= iv.start:
        raise WorkspaceError("a date's end must come after its start")


def date_interval(date: dict) -> Optional[Interval]:
    """The half-open interval a date payload describes (``end`` is exclusive)."""
    if date.get("start") is None:
        return None
    prec = date.get("precision") or "day"
    if prec not in PRECISIONS:
        raise WorkspaceError(f"unknown precision {prec!r}")
    try:
        return Interval(datetime.fromisoformat(date["start"]), datetime.fromisoformat(date["end"]), prec)
    except (TypeError, ValueError, KeyError):
        raise WorkspaceError(f"a date needs ISO 'start' and 'end' times, got {date.get('start')!r}..{date.get('end')!r}") from None


def date_payload(value: str, interval: Optional[Interval], relation: str = "on", text: Optional[str] = None) -> dict:
    return {"value": value, "start": interval.start.isoformat() if interval else None,
            "end": interval.end.isoformat() if interval else None,
            "precision": interval.precision if interval else None, "relation": relation, "text": text}


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


# -- builders: from what the analyst sees to a keyed edit -------------------

def _types(*actors: Actor) -> dict:
    """Type hints for the actors an edit names, to tell apart actors that share a name."""
    return {"types": {a.name: a.type for a in actors}}


def merge_actors(into: Actor, members: list[Actor]) -> Edit:
    members = [m for m in members if m is not into]
    return Edit("merge_actors", {"into": into.name, "members": [m.name for m in members],
                                 **_types(into, *members)}, _now())


def split_actor(actor: Actor, new_name: str, names: list[str], type: Optional[str] = None) -> Edit:
    return Edit("split_actor", {"actor": actor.name, "name": new_name, "names": list(names), "type": type,
                                **_types(actor)}, _now())


def rename_actor(actor: Actor, name: str) -> Edit:
    return Edit("rename_actor", {"actor": actor.name, "name": name.strip(), **_types(actor)}, _now())


def set_actor_type(actor: Actor, type: str) -> Edit:
    return Edit("set_actor_type", {"actor": actor.name, "type": type, **_types(actor)}, _now())


def add_alias(actor: Actor, alias: str) -> Edit:
    return Edit("add_alias", {"actor": actor.name, "alias": alias.strip(), **_types(actor)}, _now())


def remove_alias(actor: Actor, alias: str) -> Edit:
    return Edit("remove_alias", {"actor": actor.name, "alias": alias, **_types(actor)}, _now())


def set_event_date(corpus: Corpus, event: Event, value: Optional[str], interval: Optional[Interval],
                   relation: str = "on") -> Edit:
    date = None if value is None else date_payload(value, interval, relation)
    return Edit("set_event_date", {"event": event_key(event, corpus), "date": date}, _now())


def set_dct(doc: Document, dct: Optional[str], precision: Optional[str]) -> Edit:
    return Edit("set_dct", {"doc": doc_key(doc), "dct": dct, "precision": precision}, _now())


def set_dct_text(doc: Document, text: Optional[str]) -> Edit:
    """``set_dct`` from what the analyst typed (2007-11-09, 2007-11, 2007; empty: unknown)."""
    from desktop_app.core.documents import DctError, parse_dct
    try:
        dct, precision = parse_dct(text) if text and text.strip() else (None, None)
    except (DctError, ValueError) as exc:
        raise WorkspaceError(f"creation time: {exc}") from None
    return set_dct(doc, dct, precision)


def delete_event(corpus: Corpus, event: Event) -> Edit:
    return Edit("delete_event", {"event": event_key(event, corpus)}, _now())


def delete_actor(actor: Actor) -> Edit:
    return Edit("delete_actor", {"actor": actor.name, **_types(actor)}, _now())


def add_event(doc: Document, start: int, end: int, label: str, actors: list[tuple[Actor, Optional[str]]],
              value: Optional[str] = None, interval: Optional[Interval] = None) -> Edit:
    date = None if value is None else date_payload(value, interval)
    return Edit("add_event", {"doc": doc_key(doc), "start": start, "end": end, "label": label, "date": date,
                              "actors": [{"actor": a.name, "role": r} for a, r in actors],
                              **_types(*(a for a, _ in actors))}, _now())


def add_tie(source: Actor, target: Actor, weight: float = 1.0) -> Edit:
    return Edit("add_tie", {"source": source.name, "target": target.name, "weight": float(weight),
                            **_types(source, target)}, _now())


def note(corpus: Corpus, item: Actor | Event | Document | Tie, text: str) -> Edit:
    hints: dict = {}
    if isinstance(item, Actor):
        target = {"kind": "actor", "key": item.name}
        hints = _types(item)
    elif isinstance(item, Event):
        target = {"kind": "event", "key": event_key(item, corpus)}
    elif isinstance(item, Document):
        target = {"kind": "document", "key": doc_key(item)}
    elif isinstance(item, Tie):
        ends = [a for a in corpus.actors if a.id in (item.source, item.target)]
        names = {a.id: a.name for a in ends}
        target = {"kind": "tie", "key": [names.get(item.source, item.source), names.get(item.target, item.target)]}
        hints = _types(*ends)
    else:
        raise WorkspaceError(f"notes attach to actors, events, documents and ties, not {type(item).__name__}")
    return Edit("note", {"target": target, "text": text, **hints}, _now())
