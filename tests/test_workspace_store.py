"""Workspace files and the columnar store: a compact corpus is saved from its columns and opened as columns."""
from __future__ import annotations

import sqlite3
import tempfile
from dataclasses import replace
from datetime import datetime

import numpy as np
import pytest

from desktop_app.core.model import (
    Actor, Corpus, Document, Event, EventDate, Interval, Mention, Participant, Report, Tie, Timex,
)
from desktop_app.core.store import EventStore, EvidenceIds, MentionStore, TimexStore, compact, is_compact
from desktop_app.core.synthetic import make_corpus
from desktop_app.core.workspace import Workspace, edits, read_workspace, rows, schema, store_rows, write_workspace
from desktop_app.core.workspace.store import WorkspaceData
from tests.workspace_corpus import sample_corpus

TEXT = "Ana met Bo in May 2020. Bo left. Later, Ana wrote."


def odd_corpus() -> Corpus:
    """Every shape a stored row can take: no date, a date without interval, own text, no role, no source."""
    doc = Document("d1", "/x/d1.txt", TEXT, "T", None, "2020-06-01", "day", "cli", None)
    iv = Interval(datetime(2020, 5, 1), datetime(2020, 6, 1), "month")
    events = [
        Event("e1", "d1", 0, 23, TEXT[0:23], "meet", EventDate("2020-05", iv, "on", "May 2020", 14),
              [Participant("a1", "agent"), Participant("a2", None)], Report("a2", "2020-06-01", None, "said")),
        Event("e2", "d1", 24, 32, "Bo left, as told elsewhere.", "leave", None, [Participant("a2", "agent")]),
        Event("e3", "d1", 33, 50, TEXT[33:50], "write", EventDate("PAST_REF", None, "on_or_before", None, None),
              [], Report(None, None, None, None)),
        Event("e4", "d1", 33, 50, TEXT[33:50], "write", None, [Participant("a1", "target"), Participant("a1")]),
    ]
    timexes = [Timex("d1", 14, 22, "May 2020", "DATE", "2020-05", iv, "APPROX", False, True),
               Timex("d1", 33, 38, "Later", "DATE", "FUTURE_REF", None, None, True, False)]
    mentions = [Mention("d1", 0, 3, "Ana", "a1"), Mention("d1", 8, 10, "Bo", "a2"), Mention("d1", 24, 26, "B.", "a2")]
    actors = [Actor("a1", "Ana", "person", ["A."]), Actor("a2", "Bo", "person")]
    ties = [Tie("a1", "a2", 1.0, ["e1"])]
    return Corpus([doc], timexes, actors, mentions, events, ties, [{"path": "/x/bad.txt", "message": "unreadable"}])


def _same_corpus(a: Corpus, b: Corpus) -> None:
    assert len(a.events) == len(b.events)
    for i in range(len(a.events)):
        assert a.events[i] == b.events[i], i
    assert list(a.mentions) == list(b.mentions)
    assert list(a.timexes) == list(b.timexes)
    # Saving fills in a missing document hash; nothing else may differ.
    assert [replace(d, sha256=None) for d in a.documents] == [replace(d, sha256=None) for d in b.documents]
    assert a.actors == b.actors and a.errors == b.errors
    assert len(a.ties) == len(b.ties)
    for s, t in zip(a.ties, b.ties):
        assert (s.source, s.target, s.weight) == (t.source, t.target, t.weight)
        assert list(s.events) == list(t.events)


def test_rows_from_columns_equal_rows_from_objects():
    c = compact(odd_corpus())
    ev = c.events
    assert isinstance(ev, EventStore)
    assert list(store_rows.event_rows(ev)) == [rows.event_row(i, e) for i, e in enumerate(ev)]
    assert list(store_rows.participant_rows(ev)) == list(rows.participant_rows(ev))
    assert list(store_rows.mention_rows(c.mentions)) == [rows.mention_row(m) for m in c.mentions]
    assert list(store_rows.timex_rows(c.timexes)) == [rows.timex_row(t) for t in c.timexes]


def test_rows_from_columns_cross_slice_boundaries(monkeypatch):
    monkeypatch.setattr(store_rows, "_SLICE", 7)
    c = make_corpus(60, 12, seed=5, compact=True)
    assert list(store_rows.event_rows(c.events)) == [rows.event_row(i, e) for i, e in enumerate(c.events)]
    assert list(store_rows.participant_rows(c.events)) == list(rows.participant_rows(c.events))
    assert list(store_rows.timex_rows(c.timexes)) == [rows.timex_row(t) for t in c.timexes]


@pytest.mark.parametrize("make", [odd_corpus, sample_corpus])
def test_list_and_compact_corpora_write_the_same_file_and_open_compact(tmp_path, make):
    plain, packed = make(), compact(make())
    write_workspace(tmp_path / "plain.esw", WorkspaceData(plain))
    write_workspace(tmp_path / "packed.esw", WorkspaceData(packed))
    dumps = []
    for name in ("plain.esw", "packed.esw"):
        db = sqlite3.connect(tmp_path / name)
        dumps.append([db.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
                      for t in ("documents", "timexes", "mentions", "events", "actors", "ties", "errors")]
                     + [db.execute("SELECT * FROM participants ORDER BY event, pos").fetchall()])
        db.close()
    assert dumps[0] == dumps[1]
    back = read_workspace(tmp_path / "packed.esw").corpus
    assert isinstance(back.events, EventStore) and isinstance(back.mentions, MentionStore)
    assert isinstance(back.timexes, TimexStore)
    _same_corpus(back, plain)


def test_saved_then_opened_compact_corpus_equals_the_original(tmp_path):
    c = make_corpus(400, 30, seed=2, compact=True)
    assert is_compact(c) and all(isinstance(t.events, EvidenceIds) for t in c.ties)
    path = tmp_path / "syn.esw"
    write_workspace(path, WorkspaceData(c))
    back = Workspace.open(path, data_dir=tmp_path).corpus
    assert is_compact(back)
    _same_corpus(back, c)
    for s, t in zip(back.ties, c.ties):
        assert isinstance(s.events, EvidenceIds)
        assert np.array_equal(s.events.rows, t.events.rows)
    # The evidence is still JSON lists of event ids in the file.
    db = sqlite3.connect(path)
    first = db.execute("SELECT events FROM ties ORDER BY ord LIMIT 1").fetchone()[0]
    db.close()
    assert first.startswith('["') and first.endswith('"]')


def test_tie_evidence_naming_unknown_or_repeated_events(tmp_path):
    c = odd_corpus()
    c.events[3].id = "e1"      # two events share an id: the first one is meant, as store.index_of says
    c.ties = [Tie("a1", "a2", 2.0, ["e1", "e2"]), Tie("a2", "a1", 1.0, ["e2", "nowhere"]), Tie("a1", "a1", 0.0, [])]
    write_workspace(tmp_path / "w.esw", WorkspaceData(c))
    back = read_workspace(tmp_path / "w.esw").corpus
    first, unknown, empty = back.ties
    assert isinstance(first.events, EvidenceIds) and first.events.rows.tolist() == [0, 1]
    assert list(unknown.events) == ["e2", "nowhere"]
    assert list(empty.events) == []


def test_opening_without_edits_builds_no_event_objects(tmp_path, monkeypatch):
    c = make_corpus(300, 20, seed=4, compact=True)
    path = tmp_path / "w.esw"
    write_workspace(path, WorkspaceData(c))
    built = []
    real = EventStore._item
    monkeypatch.setattr(EventStore, "_item", lambda self, i: built.append(i) or real(self, i))
    ws = Workspace.open(path, data_dir=tmp_path)
    corpus = ws.corpus
    assert ws.notes == [] and not ws.dirty
    assert is_compact(corpus) and len(corpus.events) == 300
    assert built == []
    assert ws.save(tmp_path / "again.esw")
    assert built == []     # saving a compact corpus writes from its columns


def test_current_file_is_read_in_place_and_an_old_one_through_a_deleted_copy(tmp_path, monkeypatch):
    path = tmp_path / "w.esw"
    write_workspace(path, WorkspaceData(sample_corpus()))
    before = path.read_bytes()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    assert read_workspace(path).corpus.events == sample_corpus().events
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS + [
        lambda db: db.execute("ALTER TABLE events ADD COLUMN note TEXT")])
    back = read_workspace(path)
    assert back.corpus.events == sample_corpus().events
    assert path.read_bytes() == before
    assert list(scratch.iterdir()) == []      # the migrated copy is gone


def test_open_works_from_a_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "w.esw"
    write_workspace(path, WorkspaceData(compact(sample_corpus())))
    folder.chmod(0o555)
    path.chmod(0o444)
    try:
        back = Workspace.open(path, data_dir=tmp_path / "data")
        assert back.corpus.events == sample_corpus().events
    finally:
        folder.chmod(0o755)


def test_tie_evidence_rows_follow_the_store_an_edit_makes(tmp_path):
    c = make_corpus(200, 10, seed=1, compact=True)
    ws = Workspace(WorkspaceData(c), data_dir=tmp_path)
    ws.push(edits.delete_event(c, c.events[0]))      # every later event moves up one row
    ws.push(edits.rename_actor(c.actors[0], "Someone Else"))
    k = ws.corpus
    assert is_compact(k) and len(k.events) == 199
    for t in k.ties:
        assert isinstance(t.events, EvidenceIds)
        assert [k.events.ids[int(r)] for r in t.events.rows] == list(t.events)
    assert all(c.events[0].id not in t.events for t in k.ties)


def test_opened_ties_are_arrays_and_unknown_evidence_keeps_a_list(tmp_path):
    from desktop_app.core.model import Tie
    from desktop_app.core.store import compact
    from desktop_app.core.store.evidence import TieArrays
    from desktop_app.core.synthetic import make_corpus
    from desktop_app.core.workspace.store import WorkspaceData, read_workspace, write_workspace
    c = compact(make_corpus(400, 40, seed=5))
    path = tmp_path / "t.esw"
    write_workspace(path, WorkspaceData(c))
    back = read_workspace(path).corpus
    assert isinstance(back.ties, TieArrays) and back.ties == c.ties
    odd = list(c.ties) + [Tie(c.actors[0].id, c.actors[1].id, 2.0, ["no such event"])]
    from desktop_app.core.model import Corpus
    write_workspace(path, WorkspaceData(Corpus(c.documents, c.timexes, c.actors, c.mentions, c.events, odd)))
    back = read_workspace(path).corpus
    assert isinstance(back.ties, list) and back.ties[-1].events == ["no such event"] and back.ties[:-1] == c.ties


def test_actor_edits_run_on_the_columns_and_equal_the_list_result():
    from datetime import datetime

    from desktop_app.core.model import Interval
    from desktop_app.core.store import EventStore, compact
    from desktop_app.core.synthetic import make_corpus
    from desktop_app.core.workspace import edits
    from desktop_app.core.workspace.replay import replay
    plain = make_corpus(600, 40, seed=9)
    packed = compact(plain)
    actor = max(plain.actors, key=lambda a: sum(1 for e in plain.events if a.id in e.actor_ids()))
    log = [edits.rename_actor(actor, "Renamed Actor"), edits.add_alias(actor, "RA")]
    on_lists, on_columns = replay(plain, log).corpus, replay(packed, log).corpus
    assert isinstance(on_columns.events, EventStore) and on_columns.events is packed.events   # nothing rebuilt
    assert on_columns.actors == on_lists.actors
    assert next(a for a in on_columns.actors if a.id == actor.id).name == "Renamed Actor"
    # An event's date changes one row of a copy of the columns; the original store is left as it was.
    ev = plain.events[5]
    dated = [edits.set_event_date(plain, ev, "2001-02-03", Interval(datetime(2001, 2, 3), datetime(2001, 2, 4), "day"))]
    a, b = replay(plain, dated).corpus, replay(packed, dated).corpus
    assert list(b.events) == list(a.events) and b.events[5].date.value == "2001-02-03"
    assert isinstance(b.events, EventStore) and packed.events[5] == ev
    # A hand-made tie touches the ties only; they come back as arrays.
    hand = [edits.add_tie(plain.actors[0], plain.actors[-1], 2.0)]
    a, b = replay(plain, hand).corpus, replay(packed, hand).corpus
    assert b.events is packed.events and type(b.ties).__name__ == "TieArrays"
    assert [(t.source, t.target, t.weight, list(t.events)) for t in b.ties] == \
        [(t.source, t.target, t.weight, list(t.events)) for t in a.ties]
    # One that drops an event still runs, on real lists, and packs them again.
    gone = [edits.delete_event(plain, plain.events[7])]
    a, b = replay(plain, gone).corpus, replay(packed, gone).corpus
    assert isinstance(b.events, EventStore) and list(b.events) == list(a.events) and len(b.events) == len(plain.events) - 1
    assert [(t.source, t.target, t.weight, list(t.events)) for t in b.ties] == \
        [(t.source, t.target, t.weight, list(t.events)) for t in a.ties]
