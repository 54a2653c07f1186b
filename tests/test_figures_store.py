"""Figures on the columnar store: the subset is rows, and only drawn marks become Event objects."""
from __future__ import annotations

import numpy as np
import pytest

from desktop_app.core.model import Corpus
from desktop_app.core.store.events import EventStore
from desktop_app.core.synthetic import make_corpus
from desktop_app.figures import decorations, lanes, network_figure, subset as subset_mod
from desktop_app.figures.compose import compose
from desktop_app.figures.export import ensure_gui_app
from desktop_app.figures.spec import FigureSpec


@pytest.fixture(scope="module")
def corpus():
    ensure_gui_app()
    return make_corpus(20_000, 60, seed=9, compact=True)


@pytest.fixture
def built(monkeypatch):
    """Counts the Event objects the store builds."""
    calls = []
    real = EventStore._item

    def counting(self, i):
        calls.append(i)
        return real(self, i)
    monkeypatch.setattr(EventStore, "_item", counting)
    return calls


def test_subset_rows_follow_the_filter(corpus):
    sub = subset_mod.select(corpus)
    res = subset_mod.index_for(corpus).filter((), "any", None)
    ids = corpus.events.ids
    assert [ids[i] for i in sub.dated_rows.tolist()] == res.events
    assert [ids[i] for i in sub.rows.tolist()] == res.events + res.facts
    row = int(sub.dated_rows[0])
    ev = corpus.events[row]
    assert sub.span(ev) == sub.row_span(row)
    assert sub.row_span(row)[0] < sub.row_span(row)[1]


def test_selected_actor_subset_gives_the_same_ties_as_objects(corpus):
    actor = corpus.actors[0].id
    sub = subset_mod.select(corpus, {actor})
    res = subset_mod.index_for(corpus).filter({actor})
    assert sub.network is not None
    assert [(t.source, t.target, t.weight) for t in sub.ties] == [(t.source, t.target, t.weight) for t in res.ties]
    assert sorted(sub.actor_ids) == sorted(res.actors)


def test_row_lanes_match_the_event_lanes(corpus):
    sub = subset_mod.select(corpus, {corpus.actors[3].id})
    rows = sub.dated_rows[:3000]
    events = sub.events_of(rows)
    for cap in (4, 12, 100):
        by_events = lanes.actor_lanes(events, sub.actors, sub.selected, cap)
        by_rows = lanes.row_lanes(sub.store, rows, sub.start, sub.actors, sub.selected, cap)
        assert [(l.key, l.label, l.selected, l.types) for l in by_rows] == \
            [(l.key, l.label, l.selected, l.types) for l in by_events]
        ids = sub.store.ids
        assert [[ids[r] for r in l.rows.tolist()] for l in by_rows] == [[e.id for e in l.events] for l in by_events]


def test_a_dense_timeline_of_the_whole_corpus_builds_next_to_no_events(corpus, built):
    scene, info = compose(corpus, FigureSpec(view="timeline", width=1200, height=800))
    assert info.dense
    assert info.events == int(np.count_nonzero(corpus.events.dated))
    # Only the footnote's one-event-per-source look-ups, not one per mark.
    assert len(built) < 200


def test_a_network_figure_of_the_whole_corpus_builds_next_to_no_events(corpus, built):
    scene, info = compose(corpus, FigureSpec(view="network", width=1200, height=800))
    listed = {a.id for a in corpus.actors}
    assert info.nodes == len(set(subset_mod.select(corpus).actor_ids) & listed) > 0
    assert any(m.startswith("Showing the ") for m in info.messages) == (len(corpus.ties) > network_figure.MAX_TIES)
    assert len(built) < 200


def test_a_sparse_timeline_draws_real_marks(corpus):
    actor = corpus.actors[-1].id
    sub = subset_mod.select(corpus, {actor})
    assert 0 < len(sub.dated_rows) < 5000
    scene, info = compose(corpus, FigureSpec(view="timeline", width=1200, height=800, actors=frozenset({actor})))
    assert not info.dense
    assert info.events == len(sub.dated_rows)


def test_sources_line_from_rows_equals_the_event_version_and_counts_the_rest(corpus):
    sub = subset_mod.select(corpus, {corpus.actors[5].id})
    rows = sub.rows[:25]
    assert decorations.sources_text_rows(corpus, sub.store, rows) == \
        decorations.sources_text(corpus, sub.events_of(rows))
    whole = decorations.sources_text_rows(corpus, corpus.events, np.arange(len(corpus.events)))
    n_docs = len(set(corpus.events.c["doc"].tolist()))
    assert n_docs > decorations.SOURCES_LISTED
    assert f"and {n_docs - decorations.SOURCES_LISTED:,} more." in whole


def test_list_corpus_still_exports(corpus):
    small = make_corpus(400, 12, seed=4, compact=False)
    assert isinstance(small, Corpus) and not isinstance(small.events, EventStore)
    for view in ("timeline", "network", "both"):
        scene, info = compose(small, FigureSpec(view=view, width=900, height=600))
        assert info.events > 0


def test_network_figure_positions_are_the_views(corpus):
    from desktop_app.core.layout import network_positions, tie_arrays
    network_figure._last_layout = None
    ids, names, src, dst, weight = tie_arrays(corpus.actors, corpus.ties)
    coords = network_positions(ids, names, src, dst, weight, seed=7)
    placed = network_figure._positions(corpus, ids, 7, None)
    assert np.allclose(np.array([placed[a] for a in ids]), coords)


def test_filtered_network_figure_weighs_ties_as_the_filter_does(corpus):
    actor = corpus.actors[2].id
    sub = subset_mod.select(corpus, {actor})
    net = network_figure._sub_network(sub)
    got = {(net.ids[a], net.ids[b]): w for a, b, w in zip(net.src.tolist(), net.dst.tolist(), net.weight.tolist())}
    want = {tuple(sorted((t.source, t.target))): t.weight for t in sub.ties
            if t.source in sub.actors and t.target in sub.actors}
    assert got == want and len(got) > 0
