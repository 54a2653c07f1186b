"""The columnar event table agrees with the per-event cells, sort keys and search it replaced."""
from __future__ import annotations

import os
from datetime import datetime

import numpy as np
import pytest

from desktop_app.core.model import Corpus, Document, Event, EventDate, Interval, Participant, Report
from desktop_app.core.store import compact
from desktop_app.core.synthetic import make_corpus
from desktop_app.gui.actor_search import search_key
from desktop_app.gui.event_cells import ACTORS, COLUMNS, DATE, DOCUMENT, LABEL, SOURCE, WRITTEN, date_sort_key, \
    format_date
from desktop_app.gui.event_search import FoldedTexts, cell_key, fold_many, folded_texts
from desktop_app.gui.event_table_model import EventTableModel
from tests.timeline_corpus import make_corpus as timeline_corpus


def old_cells(corpus: Corpus, ev: Event) -> tuple[str, ...]:
    names = {a.id: a.name for a in corpus.actors}
    docs = {d.id: d for d in corpus.documents}
    actors = "; ".join(dict.fromkeys(names.get(a, a) for a in ev.actor_ids()))
    source = ""
    if ev.report is not None:
        who = names.get(ev.report.source, ev.report.source) if ev.report.source else ""
        source = ", ".join(x for x in (who, ev.report.date) if x)
    doc = docs.get(ev.doc)
    doc_name = (doc.title or os.path.basename(doc.path) or doc.id) if doc else ev.doc
    written = ev.date.text if ev.date is not None and ev.date.text else ""
    return format_date(ev), written, ev.label or ev.text, actors, source, doc_name


def odd_corpus() -> Corpus:
    """Accents, a NUL, a missing document, a report without a source, equal labels in other cases."""
    docs = [Document("d1", "/x/Bank Report.txt", "Sentence one. Ørsted said so.\x00 End.", title="")]
    iv = Interval(datetime(2020, 5, 1), datetime(2020, 6, 1), "month")
    events = [
        Event("e1", "d1", 0, 13, "Sentence one.", "Élan met Søren", EventDate("2020-05", iv, "on", "May"),
              [Participant("a1"), Participant("a1"), Participant("zz")], Report(None, "2020-06-02", None, None)),
        Event("e2", "d1", 14, 36, "Ørsted said so.\x00", "", None, [Participant("a2")],
              Report("a2", None, None, None)),
        Event("e3", "gone", 0, 3, "abc", "élan met søren", EventDate("2020-05", iv, "on_or_before", None)),
    ]
    from desktop_app.core.model import Actor
    actors = [Actor("a1", "Søren Écluse", "person"), Actor("a2", "The Bank", "organization")]
    return Corpus(documents=docs, actors=actors, events=events)


CORPORA = [timeline_corpus, odd_corpus, lambda: make_corpus(1500, 25, seed=2)]


@pytest.fixture(params=range(len(CORPORA)), ids=["timeline", "odd", "synthetic"])
def loaded(request, qapp):
    corpus = CORPORA[request.param]()
    model = EventTableModel()
    model.set_corpus(corpus)
    return corpus, model


def test_cells_are_the_per_event_cells(loaded):
    corpus, model = loaded
    events = list(corpus.events)
    assert model.n == len(events)
    for i, ev in enumerate(events):
        assert model.cells(i) == old_cells(corpus, ev)
        assert model.event_id(i) == ev.id and model.row_of(ev.id) == i


def test_each_column_of_texts_is_the_cells(loaded):
    corpus, model = loaded
    events = list(corpus.events)
    for col in range(len(COLUMNS)):
        assert model._columns.texts(col) == [old_cells(corpus, ev)[col] for ev in events], COLUMNS[col]


def test_sort_keys_order_rows_as_before(loaded):
    corpus, model = loaded
    events = list(corpus.events)
    assert np.array_equal(model.sort_key(DATE), [date_sort_key(ev) for ev in events])
    for col in (WRITTEN, LABEL, ACTORS, SOURCE, DOCUMENT):
        texts = [old_cells(corpus, ev)[col].casefold() for ev in events]
        expected = sorted(range(len(texts)), key=texts.__getitem__)
        assert np.argsort(model.sort_key(col), kind="stable").tolist() == expected, COLUMNS[col]


def test_search_matches_what_the_joined_row_text_matched(loaded):
    corpus, model = loaded
    events = list(corpus.events)
    cells = [old_cells(corpus, ev) for ev in events]
    words = ["met", "2020-05", "month", "soren", "ecluse", "bank", "the bank", "orsted", "undated", "report",
             "on or before", "e", "zz", "actor 1", "no such words", "may"]
    words += [c[col][:6] for c in cells[:40] for col in range(len(COLUMNS)) if c[col][:6].strip()]
    for w in words:
        q = search_key(w)
        if not q:
            continue
        # A query within one cell (the old joined text also let a query span two cells: nobody types that).
        expected = [any(q in cell_key(c) for c in row) for row in cells]
        assert model.matches(q).tolist() == expected, w


def test_fold_many_is_cell_key():
    texts = ["  Hello  World ", "", "The `x` ", "a\tb\nc", "ÉCLUSE ø", "A  B", "straße", "x\x1fy"]
    assert fold_many(texts) == [cell_key(t) for t in texts]
    assert fold_many(texts * 30_000)[-len(texts):] == [cell_key(t) for t in texts]


def test_folded_texts_find_what_each_folded_text_holds():
    texts = ["  Hello  World ", "", "The `x` ", "a\tb\nc", "ÉCLUSE ø", "A  B", "straße", "x\x1fy", "nul\x00here", "b"]
    found = folded_texts(texts)
    for q in ["hello world", "o w", "b", "'x'", "ecluse o", "a b", "strasse", "x\x1fy", "nulhere", "e", "zz",
              "d b", "\x00", "lo"]:
        assert found.hits(q).tolist() == [q in cell_key(t.replace("\x00", "")) for t in texts], q


def test_a_search_keeps_no_folded_strings_per_distinct_text(loaded):
    # Each column's distinct texts are kept as one folded byte buffer: a list of folded Python strings
    # cost 22 MB of object headers at a million events.
    _, model = loaded
    model.matches("e")
    model.matches("a, 2")
    kept = model._search._keys
    assert kept and all(isinstance(v, FoldedTexts) for v in kept.values())


def test_a_text_sort_key_is_each_rows_place_as_int32(loaded):
    # The key kept per sorted text column is 4 bytes a row (it was a float64 key, 8).
    _, model = loaded
    for col in (WRITTEN, LABEL, ACTORS, SOURCE, DOCUMENT):
        key = model.sort_key(col)
        assert key.dtype == np.int32 and sorted(key.tolist()) == list(range(model.n)), COLUMNS[col]


def test_list_and_compact_corpora_give_the_same_table(qapp):
    corpus = make_corpus(800, 20, seed=4)
    a, b = EventTableModel(), EventTableModel()
    a.set_corpus(corpus)
    b.set_corpus(compact(corpus))
    assert [a.cells(i) for i in range(a.n)] == [b.cells(i) for i in range(b.n)]
    assert np.array_equal(a.rows, b.rows)


def test_an_id_a_view_named_comes_back_without_hashing_every_id(qapp):
    import gc
    import weakref

    from desktop_app.gui import shared_index
    corpus = make_corpus(500, 10, seed=6, compact=True)   # built columnar: no id index yet
    model = EventTableModel()
    model.set_corpus(corpus)
    store = model.store
    eid = model.event_id(42)
    assert model.row_of(eid) == 42 and model.display_row(eid) is not None
    assert store._index is None                  # the id index was not built for it
    other = store.ids[7]
    assert model.row_of(other) == 7 and store._index is not None
    assert model.row_of("no such id") is None and shared_index.row_of(store, None) is None
    gone = weakref.ref(store)
    del model, store, corpus
    gc.collect()
    assert gone() is None                        # the cache does not keep a replaced corpus alive
