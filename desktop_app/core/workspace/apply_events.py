"""Edit handlers for events, documents and notes.

A hand-added event counts one toward the tie between each pair of its
actors, and deleting an event takes its share of weight off the ties it fed,
so the network stays consistent with the events the analyst kept.
"""
from __future__ import annotations

from dataclasses import replace
from itertools import combinations

from desktop_app.core.model import Event, EventDate, Participant, Tie
from desktop_app.core.workspace.apply_actors import _fold_ties, need_actor
from desktop_app.core.workspace.edits import Edit, date_interval
from desktop_app.core.workspace.keys import doc_key
from desktop_app.core.workspace.workstate import SkipEdit, WorkState


def _need_event(state: WorkState, key: dict) -> Event:
    event = state.index.event(key)
    if event is None:
        raise SkipEdit(f"no event at characters {key.get('start')}-{key.get('end')} of document {str(key.get('doc'))[:12]}")
    return event


def _need_doc(state: WorkState, key: str):
    doc = state.index.document(key)
    if doc is None:
        raise SkipEdit(f"no document {key[:12]} in the workspace")
    return doc


def _event_date(date: dict) -> EventDate:
    return EventDate(date["value"], date_interval(date), date.get("relation") or "on", date.get("text"))


def set_event_date(state: WorkState, edit: Edit) -> None:
    event = _need_event(state, edit.payload["event"])
    date = edit.payload.get("date")
    state.put("events", event, replace(event, date=None if date is None else _event_date(date)))


def set_dct(state: WorkState, edit: Edit) -> None:
    doc = _need_doc(state, edit.payload["doc"])
    state.put("documents", doc, with_dct(doc, edit))


def with_dct(doc, edit: Edit):
    return replace(doc, dct=edit.payload.get("dct"), dct_precision=edit.payload.get("precision"), source="user")


def delete_event(state: WorkState, edit: Edit) -> None:
    event = _need_event(state, edit.payload["event"])
    c = state.corpus
    c.events = [e for e in c.events if e is not event]
    ties = []
    for t in c.ties:
        if event.id not in t.events:
            ties.append(t)
            continue
        kept = [e for e in t.events if e != event.id]
        if kept:
            ties.append(replace(t, weight=t.weight * len(kept) / len(t.events), events=kept))
    c.ties = ties


def add_event(state: WorkState, edit: Edit) -> None:
    p = edit.payload
    doc = _need_doc(state, p["doc"])
    start, end = p["start"], p["end"]
    if end > len(doc.text):
        raise SkipEdit(f"span {start}-{end} lies outside {doc.title or doc.path} ({len(doc.text)} characters)")
    participants = []
    for part in p["actors"]:
        actor = state.index.actor(part["actor"], state.types.get(part["actor"]))
        if actor is None:
            state.warnings.append(f"added event: no actor named {part['actor']!r}")
        elif all(q.actor != actor.id for q in participants):
            participants.append(Participant(actor.id, part.get("role")))
    taken = {e.id for e in state.corpus.events}
    base = f"user:{doc_key(doc)[:12]}:{start}-{end}"
    event_id, n = base, 1
    while event_id in taken:
        n += 1
        event_id = f"{base}#{n}"
    date = p.get("date")
    event = Event(event_id, doc.id, start, end, doc.text[start:end], p["label"],
                  None if date is None else _event_date(date), participants)
    state.append("events", event)
    new_ties = [Tie(a.actor, b.actor, 1.0, [event_id]) for a, b in combinations(participants, 2)]
    if new_ties:
        state.corpus.ties = _fold_ties(state.corpus.ties + new_ties, focus={p.actor for p in participants})


def note(state: WorkState, edit: Edit) -> None:
    target, text = edit.payload["target"], edit.payload["text"]
    kind, key = target["kind"], target["key"]
    if kind == "actor":
        ref = need_actor(state, key).id
    elif kind == "event":
        ref = _need_event(state, key).id
    elif kind == "document":
        ref = _need_doc(state, key).id
    else:
        if not isinstance(key, list) or len(key) != 2:
            raise SkipEdit("a tie note needs its two actors")
        ref = (need_actor(state, key[0]).id, need_actor(state, key[1]).id)
        if not any({t.source, t.target} == set(ref) for t in state.corpus.ties):
            raise SkipEdit(f"no tie between {key[0]!r} and {key[1]!r}")
    state.notes.append((kind, ref, text, edit.created))


EVENT_HANDLERS = {
    "set_event_date": set_event_date, "set_dct": set_dct, "delete_event": delete_event,
    "add_event": add_event, "note": note,
}
