"""Many event ids are looked up in one batch (an aggregate mark's thousands of reports), with the same answers
as one lookup per id: unknown ids, non-UTF-8-safe ids and hash collisions included."""
import numpy as np

from desktop_app.core.store.ids import IdIndex
from desktop_app.core.store.strings import StringColumn
from desktop_app.core.synthetic import make_corpus
from desktop_app.gui.shared_index import rows_of


def test_find_many_agrees_with_find_for_known_unknown_and_odd_ids():
    names = [f"doc{k}.txt#e{k % 7}" for k in range(500)] + ["naïve café#e1", "\ud800odd#e1", ""]
    col = StringColumn.from_strings(names)
    index = IdIndex(col)
    keys = names[::-1] + ["doc1.txt#e9", "naïve cafe#e1", None, "x" * 40]
    got = index.find_many(keys)
    expected = [-1 if index.find(k) is None else index.find(k) for k in keys]
    assert got.tolist() == expected
    assert got[-4:].tolist() == [-1, -1, -1, -1] and got[0] == len(names) - 1


def test_find_many_checks_every_candidate_of_a_hash_collision(monkeypatch):
    names = ["a#e1", "b#e1", "c#e1"]
    index = IdIndex(names)
    index._hash[:] = 7                          # every id collides
    index._hash.sort()
    monkeypatch.setattr("builtins.hash", lambda s: 7)
    assert index.find_many(["c#e1", "a#e1", "zz"]).tolist() == [2, 0, -1]


def test_a_stores_batch_lookup_and_the_views_helper_agree_with_the_lookup_per_id():
    corpus = make_corpus(2000, 40, seed=1, compact=True)
    store = corpus.events
    ids = [store.ids[k] for k in range(0, 2000, 3)] + ["missing#e1"]
    per_id = [store.index_of(e) for e in ids]
    assert store.indexes_of(ids).tolist() == [-1 if r is None else r for r in per_id]
    # A plain list of events (no store) answers the same through the views' helper.
    events = [store[k] for k in range(50)]
    assert rows_of(events, [events[10].id, "missing#e1", events[3].id]).tolist() == [10, -1, 3]
