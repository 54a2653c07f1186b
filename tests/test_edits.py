"""Edits as a layer on top of extraction: each kind, purity, and survival across re-extraction."""
from __future__ import annotations

import copy
from datetime import datetime

import pytest

from desktop_app.core.model import Interval
from desktop_app.core.workspace import Edit, UndoStack, WorkspaceError, apply_edits, edits, replay
from desktop_app.core.workspace.keys import name_key
from workspace_corpus import by_label, by_name, canonical, sample_corpus


def test_name_key_folds_case_accents_punctuation_and_article():
    assert name_key("The  Fishers' Union") == name_key("fishers union")
    assert name_key("Élise Marchand") == name_key("elise marchand")
    assert name_key("U.N.") == "u n"
    assert name_key("Theodore") == "theodore"


def test_apply_edits_leaves_its_input_untouched():
    corpus = sample_corpus()
    before = copy.deepcopy(corpus)
    log = [edits.rename_actor(by_name(corpus, "Mara Velk"), "Mara K. Velk"),
           edits.merge_actors(by_name(corpus, "Harbour Council"), [by_name(corpus, "Fishers Union")]),
           edits.delete_event(corpus, by_label(corpus, "resign"))]
    out = apply_edits(corpus, log)
    assert corpus == before
    assert out is not corpus and len(out.actors) == 2


def test_rename_keeps_old_name_as_alias_and_later_edits_find_new_name():
    c = sample_corpus()
    out = apply_edits(c, [
        edits.rename_actor(by_name(c, "Mara Velk"), "Mara K. Velk"),
        Edit("set_actor_type", {"actor": "Mara K. Velk", "type": "group"}),
    ])
    a = by_name(out, "Mara K. Velk")
    assert "Mara Velk" in a.aliases and a.type == "group"


def test_alias_add_and_remove():
    c = sample_corpus()
    union = by_name(c, "Fishers Union")
    out = apply_edits(c, [edits.add_alias(union, "FU"), edits.add_alias(union, "fu")])
    assert by_name(out, "Fishers Union").aliases == ["the union", "FU"]
    out = apply_edits(out, [edits.remove_alias(by_name(out, "Fishers Union"), "the union")])
    assert by_name(out, "Fishers Union").aliases == ["FU"]
    # An alias is a key too: edits may name the actor by it.
    out = apply_edits(out, [Edit("set_actor_type", {"actor": "FU", "type": "group"})])
    assert by_name(out, "Fishers Union").type == "group"


def test_merge_moves_mentions_participants_reports_and_folds_ties():
    c = sample_corpus()
    council, union, velk = by_name(c, "Harbour Council"), by_name(c, "Fishers Union"), by_name(c, "Mara Velk")
    out = apply_edits(c, [edits.merge_actors(council, [velk])])
    assert {a.name for a in out.actors} == {"Harbour Council", "Fishers Union"}
    merged = by_name(out, "Harbour Council")
    assert {"Mara Velk", "Velk"} <= set(merged.aliases)
    assert {m.actor for m in out.mentions} == {council.id, union.id}
    assert by_label(out, "accuse").report.source == council.id
    assert by_label(out, "resign").actors[0].actor == council.id
    # Council-Union (2) and Velk-Union (1) become one tie of weight 3.
    assert len(out.ties) == 1 and out.ties[0].weight == 3.0
    assert set(out.ties[0].events) == {"ae1", "ae2"}


def test_merge_then_undo_restores_exactly():
    c = sample_corpus()
    stack = UndoStack()
    stack.push(edits.merge_actors(by_name(c, "Harbour Council"), [by_name(c, "Fishers Union")]))
    merged = apply_edits(c, stack.edits)
    assert len(merged.actors) == 2 and merged.ties[0].source != merged.ties[0].target
    stack.undo()
    assert apply_edits(c, stack.edits) == c
    stack.redo()
    assert apply_edits(c, stack.edits) == merged


def test_split_actor_gives_mentions_and_events_to_a_new_actor():
    c = sample_corpus()
    council = by_name(c, "Harbour Council")
    merged = apply_edits(c, [edits.merge_actors(council, [by_name(c, "Mara Velk")])])
    out = apply_edits(merged, [edits.split_actor(by_name(merged, "Harbour Council"), "Mara Velk",
                                                 ["Mara Velk", "Velk"], "person")])
    velk = by_name(out, "Mara Velk")
    assert velk.type == "person" and velk.id.startswith("user:")
    assert {m.text for m in out.mentions if m.actor == velk.id} == {"Mara Velk", "Velk"}
    # The resignation names only Velk; the accusation names both the council and Velk.
    assert [p.actor for p in by_label(out, "resign").actors] == [velk.id]
    assert {p.actor for p in by_label(out, "accuse").actors} >= {velk.id, council.id}
    assert "Velk" not in by_name(out, "Harbour Council").aliases


def test_set_event_date_and_clear_it():
    c = sample_corpus()
    ev = by_label(c, "meet")
    iv = Interval(datetime(2021, 3, 4), datetime(2021, 3, 5), "day")
    out = apply_edits(c, [edits.set_event_date(c, ev, "2021-03-04", iv)])
    got = by_label(out, "meet").date
    assert got.value == "2021-03-04" and got.interval == iv
    out = apply_edits(out, [edits.set_event_date(out, by_label(out, "meet"), None, None)])
    assert by_label(out, "meet").date is None


def test_delete_event_takes_its_share_off_ties():
    c = sample_corpus()
    out = apply_edits(c, [edits.delete_event(c, by_label(c, "accuse"))])
    assert "accuse" not in {e.label for e in out.events}
    weights = {tuple(sorted((t.source, t.target))): t.weight for t in out.ties}
    council, union = by_name(c, "Harbour Council").id, by_name(c, "Fishers Union").id
    assert weights == {tuple(sorted((council, union))): 1.0}


def test_delete_actor_removes_its_mentions_ties_and_roles():
    c = sample_corpus()
    velk = by_name(c, "Mara Velk")
    out = apply_edits(c, [edits.delete_actor(velk)])
    assert velk.id not in {a.id for a in out.actors}
    assert all(m.actor != velk.id for m in out.mentions)
    assert all(velk.id not in (t.source, t.target) for t in out.ties)
    assert by_label(out, "accuse").report.source is None
    assert by_label(out, "resign").actors == []


def test_add_event_and_add_tie_by_hand():
    c = sample_corpus()
    doc = c.documents[0]
    s = doc.text.index("Council chair")
    e = doc.text.index(".", s) + 1
    out = apply_edits(c, [
        edits.add_event(doc, s, e, "statement", [(by_name(c, "Mara Velk"), "agent"), (by_name(c, "Harbour Council"), None)],
                        "2021-03-05", Interval(datetime(2021, 3, 5), datetime(2021, 3, 6), "day")),
        edits.add_tie(by_name(c, "Mara Velk"), by_name(c, "Harbour Council"), 2.5),
    ])
    added = by_label(out, "statement")
    assert added.text == doc.text[s:e] and added.dated
    velk, council = by_name(c, "Mara Velk").id, by_name(c, "Harbour Council").id
    tie = next(t for t in out.ties if {t.source, t.target} == {velk, council})
    assert tie.weight == 3.5 and tie.events == [added.id]


def test_notes_attach_to_each_kind_and_follow_merges():
    c = sample_corpus()
    velk = by_name(c, "Mara Velk")
    log = [edits.note(c, velk, "check spelling"), edits.note(c, by_label(c, "meet"), "second source?"),
           edits.note(c, c.documents[1], "opinion piece"), edits.note(c, c.ties[0], "strong"),
           edits.merge_actors(by_name(c, "Harbour Council"), [velk])]
    r = replay(c, log)
    notes = {(n.kind, n.text): n.target for n in r.notes}
    council = by_name(c, "Harbour Council").id
    assert notes[("actor", "check spelling")] == council
    assert notes[("event", "second source?")] == "ae1"
    assert notes[("document", "opinion piece")] == "doc-b"
    assert notes[("tie", "strong")] == (c.ties[0].source, c.ties[0].target)


def test_set_dct_sets_the_documents_creation_time():
    c = sample_corpus()
    out = apply_edits(c, [edits.set_dct(c.documents[1], "2021-04-30", "day")])
    d = out.documents[1]
    assert (d.dct, d.dct_precision, d.source) == ("2021-04-30", "day", "user")
    assert c.documents[1].dct is None


def test_edits_survive_reextraction_with_new_ids_and_order():
    first = sample_corpus()
    log = [
        edits.rename_actor(by_name(first, "Mara Velk"), "Mara K. Velk"),
        edits.set_actor_type(by_name(first, "Fishers Union"), "group"),
        edits.set_event_date(first, by_label(first, "accuse"), "2021-03-11",
                             Interval(datetime(2021, 3, 11), datetime(2021, 3, 12), "day")),
        edits.delete_event(first, by_label(first, "resign")),
        edits.merge_actors(by_name(first, "Harbour Council"), [by_name(first, "Fishers Union")]),
    ]
    log = [Edit.from_json(e.to_json()) for e in log]    # edits are stored as data, not objects
    again = sample_corpus(renumber=True)
    assert {a.id for a in again.actors}.isdisjoint({a.id for a in first.actors})
    r1, r2 = replay(first, log), replay(again, log)
    assert not r1.skipped and not r2.skipped
    assert canonical(r1.corpus) == canonical(r2.corpus)
    assert by_label(r2.corpus, "accuse").date.value == "2021-03-11"


def test_event_key_falls_back_to_overlap_when_sentence_boundaries_move():
    c = sample_corpus()
    edit = edits.set_event_date(c, by_label(c, "meet"), "2021-03-02",
                                Interval(datetime(2021, 3, 2), datetime(2021, 3, 3), "day"))
    from dataclasses import replace
    shifted = replace(c, events=[replace(e, end=e.end - 1) if e.label == "meet" else e for e in c.events])
    assert by_label(apply_edits(shifted, [edit]), "meet").date.value == "2021-03-02"


def test_edit_on_missing_target_is_skipped_and_reported():
    c = sample_corpus()
    r = replay(c, [Edit("rename_actor", {"actor": "Nobody Here", "name": "X"}),
                   edits.rename_actor(by_name(c, "Fishers Union"), "Fishers' Union")])
    assert [s.index for s in r.skipped] == [0] and "Nobody Here" in r.skipped[0].reason
    assert by_name(r.corpus, "Fishers' Union")


@pytest.mark.parametrize("kind,payload,needle", [
    ("explode", {}, "unknown edit kind"),
    ("rename_actor", {"actor": "A"}, "missing field 'name'"),
    ("rename_actor", {"actor": "A", "name": "  "}, "cannot be empty"),
    ("set_actor_type", {"actor": "A", "type": "planet"}, "actor type must be"),
    ("add_tie", {"source": "A", "target": "B", "weight": -1}, "positive"),
    ("add_tie", {"source": "A", "target": "B", "weight": True}, "wrong type"),
    ("set_event_date", {"event": {"doc": "d", "start": 0, "end": 5},
                        "date": {"value": "x", "start": "2021-01-02", "end": "2021-01-01", "precision": "day"}},
     "end must come after"),
    ("set_event_date", {"event": {"doc": "d", "start": "0", "end": 5}, "date": None}, "integer"),
    ("note", {"target": {"kind": "planet", "key": "x"}, "text": "t"}, "target needs"),
])
def test_malformed_edits_are_rejected_with_a_clear_message(kind, payload, needle):
    with pytest.raises(WorkspaceError, match=needle):
        Edit(kind, payload)


def test_undo_stack_clean_state_follows_saves_and_discarded_branches():
    c = sample_corpus()
    stack = UndoStack()
    assert stack.is_clean() and not stack.can_undo()
    stack.push(edits.rename_actor(by_name(c, "Mara Velk"), "M. Velk"))
    assert not stack.is_clean() and stack.undo_text() == "Rename actor"
    stack.set_clean()
    stack.undo()
    assert not stack.is_clean() and stack.redo_text() == "Rename actor"
    stack.redo()
    assert stack.is_clean()
    stack.undo()
    stack.push(edits.delete_actor(by_name(c, "Mara Velk")))   # the saved state is now unreachable
    stack.undo()
    assert not stack.is_clean()


def test_type_hint_tells_apart_actors_that_share_a_name():
    from desktop_app.core.model import Actor
    c = sample_corpus()
    person = Actor("p-georgia", "Georgia", "person")
    place = Actor("l-georgia", "Georgia", "location")
    c.actors += [person, place]
    out = apply_edits(c, [edits.add_alias(place, "Sakartvelo"), edits.rename_actor(person, "Georgia Banks")])
    assert next(a for a in out.actors if a.id == "l-georgia").aliases == ["Sakartvelo"]
    assert next(a for a in out.actors if a.id == "p-georgia").name == "Georgia Banks"
    # Re-extraction may list them the other way round; the hint still picks the right one.
    c.actors[-2:] = [place, person]
    out = apply_edits(c, [edits.add_alias(place, "Sakartvelo")])
    assert next(a for a in out.actors if a.id == "l-georgia").aliases == ["Sakartvelo"]
