"""Edit handlers for actors: rename, retype, aliases, merge, split, delete, hand-made ties.

Ties are treated as undirected: merging two actors folds their parallel ties
into one (weights add, event lists join) and drops ties that became loops.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from desktop_app.core.model import Actor, Event, Participant, Tie
from desktop_app.core.workspace.edits import Edit
from desktop_app.core.workspace.keys import name_key
from desktop_app.core.workspace.workstate import SkipEdit, WorkState


def need_actor(state: WorkState, key: str) -> Actor:
    actor = state.index.actor(key, state.types.get(key))
    if actor is None:
        raise SkipEdit(f"no actor named {key!r}")
    return actor


def _put_actor(state: WorkState, old: Actor, new: Actor) -> None:
    state.put("actors", old, new)


def _with_alias(aliases: list[str], name: str, *exclude: str) -> list[str]:
    keys = {name_key(a) for a in aliases} | {name_key(x) for x in exclude}
    return aliases + [name] if name_key(name) not in keys else aliases


def rename_actor(state: WorkState, edit: Edit) -> None:
    actor = need_actor(state, edit.payload["actor"])
    new_name = edit.payload["name"].strip()
    new_key = name_key(new_name)
    # The extracted name stays findable as an alias: the text still says it.
    aliases = [a for a in actor.aliases if name_key(a) != new_key]
    aliases = _with_alias(aliases, actor.name, new_name)
    _put_actor(state, actor, replace(actor, name=new_name, aliases=aliases))


def set_actor_type(state: WorkState, edit: Edit) -> None:
    actor = need_actor(state, edit.payload["actor"])
    _put_actor(state, actor, replace(actor, type=edit.payload["type"]))


def add_alias(state: WorkState, edit: Edit) -> None:
    actor = need_actor(state, edit.payload["actor"])
    alias = edit.payload["alias"].strip()
    _put_actor(state, actor, replace(actor, aliases=_with_alias(list(actor.aliases), alias, actor.name)))


def remove_alias(state: WorkState, edit: Edit) -> None:
    actor = need_actor(state, edit.payload["actor"])
    key = name_key(edit.payload["alias"])
    kept = [a for a in actor.aliases if name_key(a) != key]
    if len(kept) == len(actor.aliases):
        raise SkipEdit(f"{actor.name!r} has no alias {edit.payload['alias']!r}")
    _put_actor(state, actor, replace(actor, aliases=kept))


def merge_actors(state: WorkState, edit: Edit) -> None:
    into = need_actor(state, edit.payload["into"])
    members = []
    for key in edit.payload["members"]:
        m = state.index.actor(key, state.types.get(key))
        if m is None:
            state.warnings.append(f"merge into {into.name!r}: no actor named {key!r}")
        elif m.id != into.id and m not in members:
            members.append(m)
    if not members:
        raise SkipEdit(f"nothing to merge into {into.name!r}")
    aliases = list(into.aliases)
    for m in members:
        for name in [m.name, *m.aliases]:
            aliases = _with_alias(aliases, name, into.name)
    gone = {m.id for m in members}
    remap = {m.id: into.id for m in members}
    state.corpus.actors = [a for a in state.corpus.actors if a.id not in gone]
    # The analyst's merge wins over the identity step's evidence, and says so beside it.
    evidence = [*into.evidence, f"merged by the analyst with {', '.join(m.name for m in members)}"]
    _put_actor(state, into, replace(into, aliases=aliases, evidence=evidence))
    _remap_actor_ids(state, remap)
    state.moved.update(remap)


def _remap_actor_ids(state: WorkState, remap: dict[str, str]) -> None:
    c = state.corpus
    c.mentions = [replace(m, actor=remap[m.actor]) if m.actor in remap else m for m in c.mentions]
    events = list(c.events)
    for i, e in enumerate(events):
        for p in e.actors:
            if p.actor in remap:
                events[i] = _remap_event(e, remap)
                break
        else:
            if e.report is not None and e.report.source in remap:
                events[i] = _remap_event(e, remap)
    c.events = events
    ties = [replace(t, source=remap.get(t.source, t.source), target=remap.get(t.target, t.target))
            if (t.source in remap or t.target in remap) else t for t in c.ties]
    c.ties = _fold_ties(ties, focus=set(remap.values()))


def _remap_event(event: Event, remap: dict[str, str]) -> Event:
    merged: list[Participant] = []
    for p in event.actors:
        actor = remap.get(p.actor, p.actor)
        same = next((q for q in merged if q.actor == actor), None)
        if same is None:
            merged.append(Participant(actor, p.role))
        elif same.role is None and p.role is not None:
            merged[merged.index(same)] = Participant(actor, p.role)
    report = event.report
    if report and report.source in remap:
        report = replace(report, source=remap[report.source])
    return replace(event, actors=merged, report=report)


def _fold_ties(ties: list[Tie], focus: Optional[set] = None) -> list[Tie]:
    """Drop loops and join ties between the same pair, keeping the first one's direction and place.

    With ``focus``, only ties touching those actors can need joining (the
    others were distinct before and did not change), so only they are grouped.
    """
    groups: dict[frozenset, list[Tie]] = {}
    for t in ties:
        if t.source != t.target and (focus is None or t.source in focus or t.target in focus):
            groups.setdefault(frozenset((t.source, t.target)), []).append(t)
    joined: dict[int, Tie] = {}
    for group in groups.values():
        if len(group) > 1:
            events = list(dict.fromkeys(e for t in group for e in t.events))
            joined[id(group[0])] = replace(group[0], weight=sum(t.weight for t in group), events=events)
            joined.update({id(t): None for t in group[1:]})
    out = []
    for t in ties:
        if t.source == t.target:
            continue
        t = joined.get(id(t), t)
        if t is not None:
            out.append(t)
    return out


def _fresh_actor_id(state: WorkState, name: str) -> str:
    taken = {a.id for a in state.corpus.actors}
    base = f"user:{name_key(name) or 'actor'}"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}#{n}"
    return candidate


def split_actor(state: WorkState, edit: Edit) -> None:
    """Give the mentions written as one of ``names`` to a new actor, with the events they anchor."""
    actor = need_actor(state, edit.payload["actor"])
    keys = {name_key(n) for n in edit.payload["names"]}
    new_name = edit.payload["name"].strip()
    c = state.corpus
    moving = [m for m in c.mentions if m.actor == actor.id and name_key(m.text) in keys]
    if not moving:
        raise SkipEdit(f"no mention of {actor.name!r} is written as {', '.join(edit.payload['names'])}")
    new = Actor(_fresh_actor_id(state, new_name), new_name, edit.payload.get("type") or actor.type,
                [n for n in dict.fromkeys(edit.payload["names"]) if name_key(n) != name_key(new_name)],
                [f"split by the analyst from {actor.name}"])
    _put_actor(state, actor, replace(actor, aliases=[a for a in actor.aliases if name_key(a) not in keys]))
    state.append("actors", new)
    moved_ids = {id(m) for m in moving}
    c.mentions = [replace(m, actor=new.id) if id(m) in moved_ids else m for m in c.mentions]
    by_doc: dict[str, list] = {}
    for m in c.mentions:
        if m.actor in (actor.id, new.id):
            by_doc.setdefault(m.doc, []).append(m)
    moved_events: dict[str, bool] = {}   # event id -> old actor still mentioned there
    new_events = []
    for e in c.events:
        roles = [p for p in e.actors if p.actor == actor.id]
        inside = [m for m in by_doc.get(e.doc, ()) if e.start <= m.start and m.end <= e.end]
        if not roles or not any(m.actor == new.id for m in inside):
            new_events.append(e)
            continue
        keeps_old = any(m.actor == actor.id for m in inside)
        moved_events[e.id] = keeps_old
        parts = []
        for p in e.actors:
            if p.actor != actor.id:
                parts.append(p)
            else:
                if keeps_old:
                    parts.append(p)
                parts.append(Participant(new.id, p.role))
        new_events.append(replace(e, actors=parts))
    c.events = new_events
    c.ties = _split_ties(c.ties, actor.id, new.id, moved_events)


def _split_ties(ties: list[Tie], old: str, new: str, moved: dict[str, bool]) -> list[Tie]:
    out = []
    for t in ties:
        if old not in (t.source, t.target) or not any(e in moved for e in t.events):
            out.append(t)
            continue
        per_event = t.weight / len(t.events)
        go = [e for e in t.events if e in moved]
        stay = [e for e in t.events if e not in moved or moved[e]]
        other = t.target if t.source == old else t.source
        if stay:
            out.append(replace(t, weight=per_event * len(stay), events=stay))
        if other != new:
            src, dst = (new, other) if t.source == old else (other, new)
            out.append(Tie(src, dst, per_event * len(go), go))
    return _fold_ties(out)


def delete_actor(state: WorkState, edit: Edit) -> None:
    actor = need_actor(state, edit.payload["actor"])
    c = state.corpus
    c.actors = [a for a in c.actors if a.id != actor.id]
    c.mentions = [m for m in c.mentions if m.actor != actor.id]
    c.events = [_drop_participant(e, actor.id) for e in c.events]
    c.ties = [t for t in c.ties if actor.id not in (t.source, t.target)]
    state.moved[actor.id] = None


def _drop_participant(event: Event, actor_id: str) -> Event:
    if not any(p.actor == actor_id for p in event.actors) and not (event.report and event.report.source == actor_id):
        return event
    report = event.report
    if report and report.source == actor_id:
        report = replace(report, source=None)
    return replace(event, actors=[p for p in event.actors if p.actor != actor_id], report=report)


def add_tie(state: WorkState, edit: Edit) -> None:
    source = need_actor(state, edit.payload["source"])
    target = need_actor(state, edit.payload["target"])
    if source.id == target.id:
        raise SkipEdit("a tie needs two different actors")
    state.corpus.ties = _fold_ties(state.corpus.ties + [Tie(source.id, target.id, float(edit.payload["weight"]), [])],
                                   focus={source.id})


def find_tie(state: WorkState, a: str, b: str) -> Optional[Tie]:
    pair = {a, b}
    return next((t for t in state.corpus.ties if {t.source, t.target} == pair), None)


ACTOR_HANDLERS = {
    "rename_actor": rename_actor, "set_actor_type": set_actor_type, "add_alias": add_alias,
    "remove_alias": remove_alias, "merge_actors": merge_actors, "split_actor": split_actor,
    "delete_actor": delete_actor, "add_tie": add_tie,
}
