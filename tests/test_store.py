"""The columnar store gives back exactly the objects it was given, and ties equal to the object path's."""
from __future__ import annotations

import pickle

import numpy as np
from datetime import datetime

import pytest

from desktop_app.core.model import (Corpus, Document, Event, EventDate, Interval, Mention, Participant, Report,
                                    Tie, Timex)
from desktop_app.core.network import ties_from_events
from desktop_app.core.store import (CorpusBuilder, EventStore, EvidenceIds, MentionStore, TimexStore, compact,
                                    event_store, is_compact, ties_from_store)
from desktop_app.core.synthetic import make_corpus


def _tie_tuples(ties):
    return [(t.source, t.target, t.weight, list(t.events)) for t in ties]


@pytest.fixture(scope="module")
def synthetic():
    return make_corpus(3000, 120, seed=7)


def test_compact_round_trips_every_object(synthetic):
    c = compact(synthetic)
    assert is_compact(c) and isinstance(c.mentions, MentionStore) and isinstance(c.timexes, TimexStore)
    assert list(c.events) == list(synthetic.events)
    assert list(c.mentions) == list(synthetic.mentions)
    assert list(c.timexes) == list(synthetic.timexes)
    assert _tie_tuples(c.ties) == _tie_tuples(synthetic.ties)
    assert c.events[-1] == synthetic.events[-1] and c.events[5:8] == synthetic.events[5:8]
    with pytest.raises(IndexError):
        c.events[len(c.events)]


def test_ties_from_store_equal_the_object_path(synthetic):
    types = {a.id: a.type for a in synthetic.actors}
    store = event_store(synthetic.events, synthetic.documents)
    assert _tie_tuples(ties_from_store(store, types)) == _tie_tuples(ties_from_events(synthetic.events, types))


def test_compact_synthetic_generation_equals_the_object_form(synthetic):
    direct = make_corpus(3000, 120, seed=7, compact=True)
    assert is_compact(direct)
    assert list(direct.events) == list(synthetic.events)
    assert list(direct.mentions) == list(synthetic.mentions)


def test_lookup_by_id_and_pickling(synthetic):
    c = compact(synthetic)
    for k in (0, 17, len(c.events) - 1):
        assert c.events.index_of(synthetic.events[k].id) == k
    assert c.events.index_of("no such event") is None
    back = pickle.loads(pickle.dumps(c))
    assert list(back.events) == list(synthetic.events)
    assert _tie_tuples(back.ties) == _tie_tuples(synthetic.ties)


def test_texts_that_differ_from_the_document_are_kept_and_fields_survive():
    doc = Document("d", "d.txt", "Alpha met Beta on 2 May 2001. Later more.")
    iv = Interval(datetime(2001, 5, 2), datetime(2001, 5, 3), "day")
    rep = Report("b", "2001-05", Interval(datetime(2001, 5, 1), datetime(2001, 6, 1), "month"), "May")
    events = [
        Event("d#e1", "d", 0, 29, doc.text[0:29], "met", EventDate("2001-05-02", iv, "on", "2 May 2001", 18),
              [Participant("a", "agent"), Participant("b", None)], rep),
        Event("user:x", "d", 30, 41, "edited text, not the document's", "", None, []),
        Event("d#e3", "gone", 0, 5, "orphan", "x", EventDate("XXXX-05-02", None, "on_or_before", None), []),
    ]
    timexes = [Timex("d", 18, 28, "2 May 2001", "DATE", "2001-05-02", iv, "APPROX", False, True, "EVERY", "2X")]
    mentions = [Mention("d", 0, 5, "Alpha", "a"), Mention("d", 10, 14, "BETA", "b")]
    b = CorpusBuilder()
    b.add(doc, events, mentions, timexes)
    c = b.build(ties=[Tie("a", "b", 2.5, ["d#e1", "elsewhere"])])
    assert list(c.events) == events and list(c.mentions) == mentions and list(c.timexes) == timexes
    assert not isinstance(c.ties[0].events, EvidenceIds) and c.ties[0].events == ["d#e1", "elsewhere"]
    assert c.events.dated.tolist() == [True, False, False]


def test_evidence_ids_behave_like_a_list(synthetic):
    c = compact(synthetic)
    t = max(c.ties, key=lambda t: len(t.events))
    ev = t.events
    assert isinstance(ev, EvidenceIds) and len(ev) >= 2
    assert ev == list(ev) and ev[0] in ev and ev[-1] == list(ev)[-1]
    assert ev + ["x"] == list(ev) + ["x"]
    assert isinstance(c.events, EventStore) and all(c.events.index_of(x) is not None for x in ev)


def test_packed_documents_read_as_the_original_text():
    import dataclasses

    from desktop_app.core.store.documents import PackedDocument, pack
    text = "The committee met on 2 May 2001 in the capital. " * 40
    doc = Document("d", "d.txt", text, "Title", None, "2001-05", "month", "sidecar", "abc")
    p = pack(doc)
    assert isinstance(p, PackedDocument) and p.packed_size < len(text) / 2
    assert p.text == text and p == doc and doc == p
    back = pickle.loads(pickle.dumps(p))
    assert isinstance(back, PackedDocument) and back == doc
    moved = dataclasses.replace(p, dct="2001-05-02")
    assert moved.text == text and moved.dct == "2001-05-02"
    short = Document("s", "s.txt", "Short.")
    assert pack(short) is short


def test_packed_documents_pickle_as_their_compressed_bytes_only():
    import copy

    from desktop_app.core.store.documents import PackedDocument, pack
    text = "The committee met on 2 May 2001 in the capital. " * 40
    p = pack(Document("d", "d.txt", text, "Title", "Gazette", "2001-05", "month", "sidecar", "abc", "pdf",
                      [0, 900], "parent", {"k": 1}))
    data = pickle.dumps(p, protocol=5)
    # Neither the text nor any long run of it is in the pickle: loading it compresses nothing again.
    assert b"committee" not in data and len(data) < p.packed_size + 300
    back = pickle.loads(data)
    assert isinstance(back, PackedDocument) and back == p and back.text == text
    assert (back.title, back.publication, back.pages, back.layout, back.parent) == ("Title", "Gazette", [0, 900],
                                                                                    {"k": 1}, "parent")
    assert copy.copy(p) == p and copy.deepcopy(p).text == text


def test_builder_packs_documents_and_event_texts_come_from_them():
    from desktop_app.core.store.documents import PackedDocument
    text = "Alpha met Beta on 2 May 2001. " + "Filler words follow here. " * 40
    doc = Document("d", "d.txt", text)
    ev = Event("d#e1", "d", 0, 29, text[:29], "met", None, [Participant("a"), Participant("b")])
    b = CorpusBuilder()
    b.add(doc, [ev])
    c = b.build()
    assert isinstance(c.documents[0], PackedDocument)
    assert c.events[0].text == "Alpha met Beta on 2 May 2001." and not c.events._own_text


def test_release_free_memory_is_safe_to_call():
    import sys

    from desktop_app.core.memory import release_free_memory
    assert release_free_memory() is sys.platform.startswith("linux") or release_free_memory() is False


def test_compact_ties_are_arrays_that_read_as_tie_objects(synthetic):
    from desktop_app.core.store.evidence import TieArrays, pack_ties
    c = compact(synthetic)
    assert isinstance(c.ties, TieArrays) and len(c.ties) == len(synthetic.ties)
    assert c.ties == synthetic.ties and c.ties[-1] == synthetic.ties[-1] and c.ties[2:4] == synthetic.ties[2:4]
    extra = Tie("x", "y", 1.0, [])
    joined = c.ties + [extra]
    assert isinstance(joined, list) and joined[-1] is extra and joined[:-1] == synthetic.ties
    back = pickle.loads(pickle.dumps(c.ties))
    assert _tie_tuples(back) == _tie_tuples(synthetic.ties)
    foreign = [Tie(t.source, t.target, t.weight, list(t.events) + ["not in this corpus"]) for t in synthetic.ties[:3]]
    assert pack_ties(foreign, c.events) == foreign and isinstance(pack_ties(foreign, c.events), list)
    hand = [Tie("actor00001", "actor00002", 3.0, [])] + list(synthetic.ties[:5])
    packed = pack_ties(hand, c.events)
    assert isinstance(packed, TieArrays) and _tie_tuples(packed) == _tie_tuples(hand)


def test_large_blocks_setting_is_safe_to_call():
    import sys

    from desktop_app.core.memory import return_large_blocks_promptly
    assert return_large_blocks_promptly() is sys.platform.startswith("linux") or not sys.platform.startswith("linux")
    import numpy as np
    a = np.ones(1_000_000)     # allocation still works after the change
    assert a.sum() == 1_000_000


def test_replaced_row_changes_only_that_event(synthetic):
    import dataclasses
    c = compact(synthetic)
    old = c.events[10]
    new = dataclasses.replace(old, label="a new label", actors=[Participant("actor00001", "agent")] * 1 +
                              [Participant("actor00002", "target"), Participant("actor00003", None)],
                              text="text that is not the document's")
    changed = c.events.replaced(10, new)
    assert changed[10] == new and c.events[10] == old
    assert list(changed[:10]) == list(c.events[:10]) and list(changed[11:]) == list(c.events[11:])
    assert changed.index_of(old.id) == 10


def test_string_column_slices_decode_in_bulk_and_match_items():
    from desktop_app.core.store.strings import StringColumn
    words = ["alpha", "", "βeta", "gamma", "δ", "plain"]
    col = StringColumn.from_strings(words)
    assert col[:] == words and col[1:4] == words[1:4] and col[::2] == words[::2] and col[4:2] == []
    ascii_col = StringColumn.from_strings(["a", "bc", "", "def"])
    assert ascii_col[1:] == ["bc", "", "def"] and ascii_col[-2:] == ["", "def"]


def test_id_index_finds_every_id_through_32_bit_rows():
    from desktop_app.core.store.ids import IdIndex
    ids = [f"doc{k % 37}#e{k}" for k in range(5000)]
    index = IdIndex(ids)
    assert index._rows.dtype == np.int32      # held with the store: half the bytes of int64
    assert all(index.find(x) == k for k, x in enumerate(ids)) and index.find("absent") is None


def test_string_column_iterates_every_string_across_its_offset_chunks(monkeypatch):
    from desktop_app.core.store import strings
    from desktop_app.core.store.strings import StringColumn
    monkeypatch.setattr(strings, "_ITER_CHUNK", 7)      # offsets read a chunk at a time: boundaries crossed
    words = [f"w{k}" if k % 5 else f"Zürich {k} \ud800" for k in range(50)] + [""]
    col = StringColumn.from_strings(words)
    assert list(col) == words and [col[k] for k in range(len(words))] == words
    assert list(StringColumn.from_strings([])) == []
