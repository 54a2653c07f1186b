"""Properties of the corrections layer over random corpora and random edit logs."""
from __future__ import annotations

import copy
from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.model import Interval
from desktop_app.core.workspace import Edit, Workspace, apply_edits, edits, replay
from desktop_app.core.workspace.store import WorkspaceData
from workspace_strategies import corpora, names


@st.composite
def corpus_and_log(draw):
    corpus = draw(corpora())
    log = []
    for _ in range(draw(st.integers(1, 6))):
        kinds = ["note_doc", "dct"]
        if corpus.actors:
            kinds += ["rename", "type", "alias", "delete_actor", "note_actor"]
        if len(corpus.actors) >= 2:
            kinds += ["merge", "tie"]
        if corpus.events:
            kinds += ["date", "delete_event", "note_event"]
        kind = draw(st.sampled_from(kinds))
        actor = draw(st.sampled_from(corpus.actors)) if corpus.actors else None
        if kind == "rename":
            log.append(edits.rename_actor(actor, draw(names.filter(str.strip))))
        elif kind == "type":
            log.append(edits.set_actor_type(actor, draw(st.sampled_from(["person", "group", "media"]))))
        elif kind == "alias":
            log.append(edits.add_alias(actor, draw(names.filter(str.strip))))
        elif kind == "delete_actor":
            log.append(edits.delete_actor(actor))
        elif kind == "note_actor":
            log.append(edits.note(corpus, actor, "n"))
        elif kind == "merge":
            a, b = draw(st.lists(st.sampled_from(corpus.actors), min_size=2, max_size=2, unique_by=lambda x: x.id))
            log.append(edits.merge_actors(a, [b]))
        elif kind == "tie":
            a, b = draw(st.lists(st.sampled_from(corpus.actors), min_size=2, max_size=2, unique_by=lambda x: x.id))
            log.append(edits.add_tie(a, b, 1.5))
        elif kind == "date":
            ev = draw(st.sampled_from(corpus.events))
            log.append(edits.set_event_date(corpus, ev, "2001-02-03",
                                            Interval(datetime(2001, 2, 3), datetime(2001, 2, 4), "day")))
        elif kind == "delete_event":
            log.append(edits.delete_event(corpus, draw(st.sampled_from(corpus.events))))
        elif kind == "note_event":
            log.append(edits.note(corpus, draw(st.sampled_from(corpus.events)), "e"))
        elif kind == "note_doc":
            log.append(edits.note(corpus, draw(st.sampled_from(corpus.documents)), "d"))
        else:
            log.append(edits.set_dct(draw(st.sampled_from(corpus.documents)), "2003", "year"))
    return corpus, log


SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(corpus_and_log())
def test_replay_never_mutates_and_one_by_one_equals_all_at_once(case):
    corpus, log = case
    before = copy.deepcopy(corpus)
    full = replay(corpus, log)
    assert corpus == before
    ws = Workspace(WorkspaceData(corpus), data_dir="/nonexistent-never-written")
    for e in log:
        ws.push(e)
    assert ws.corpus == full.corpus
    assert ws.notes == full.notes
    assert corpus == before


@SETTINGS
@given(corpus_and_log())
def test_undo_returns_to_each_prefix_and_redo_to_the_whole(case):
    corpus, log = case
    ws = Workspace(WorkspaceData(corpus), data_dir="/nonexistent-never-written")
    for e in log:
        ws.push(e)
    for n in range(len(log) - 1, -1, -1):
        ws.undo()
        assert ws.corpus == apply_edits(corpus, log[:n])
    assert ws.corpus == corpus
    while ws.redo():
        pass
    assert ws.corpus == apply_edits(corpus, log)


@SETTINGS
@given(corpus_and_log())
def test_edits_round_trip_as_json_and_stay_consistent(case):
    corpus, log = case
    again = [Edit.from_json(e.to_json()) for e in log]
    assert again == log
    out = apply_edits(corpus, again)
    actors = {a.id for a in out.actors}
    events = {e.id for e in out.events}
    assert all(m.actor in actors for m in out.mentions)
    assert all(p.actor in actors for e in out.events for p in e.actors)
    assert all(t.source in actors and t.target in actors and t.source != t.target for t in out.ties)
    assert all(ev in events for t in out.ties for ev in t.events if ev in {e.id for e in corpus.events})
