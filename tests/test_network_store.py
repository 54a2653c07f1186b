"""The network view on the columnar store: arrays instead of per-event and per-tie objects, and a tie budget."""
from __future__ import annotations

import numpy as np
import pytest

from desktop_app.core.layout import layout_arrays, layout_positions, layout_ties, network_positions, tie_arrays
from desktop_app.core.network import build_graph
from desktop_app.core.store.corpus import compact
from desktop_app.core.store.events import EventStore
from desktop_app.core.synthetic import make_corpus
from desktop_app.gui.network import data as network_data
from desktop_app.gui.network import view as network_view
from desktop_app.gui.state import AppState


@pytest.fixture(scope="module")
def corpus():
    return make_corpus(3000, 120, seed=5, compact=True)


def _graph_reference(corpus):
    """What the networkx route (core.network.build_graph) says about the same corpus."""
    g = build_graph(corpus)
    ids = sorted(g.nodes)
    pairs = {tuple(sorted((u, v))): d["weight"] for u, v, d in g.edges(data=True)}
    return g, ids, pairs


def test_network_data_from_the_store_matches_the_graph(corpus):
    assert isinstance(corpus.events, EventStore)
    d = network_data.from_corpus(corpus)
    g, ids, pairs = _graph_reference(corpus)
    assert d.ids == ids
    got = {(d.ids[a], d.ids[b]): w for a, b, w in zip(d.src.tolist(), d.dst.tolist(), d.weight.tolist())}
    assert got == pairs
    assert np.all(d.src < d.dst) and np.all(np.diff(d.edge_keys) > 0)
    assert d.event_counts.tolist() == [g.nodes[a]["events"] for a in ids]
    assert d.degree.tolist() == [g.degree(a) for a in ids]
    assert not hasattr(d, "events")          # no dict of Event objects any more


def test_list_and_compact_corpora_give_the_same_network(corpus):
    plain = type(corpus)(documents=list(corpus.documents), events=list(corpus.events), actors=list(corpus.actors),
                         ties=[type(t)(t.source, t.target, t.weight, list(t.events)) for t in corpus.ties])
    a, b = network_data.from_corpus(plain), network_data.from_corpus(corpus)
    assert a.ids == b.ids
    assert np.array_equal(a.src, b.src) and np.array_equal(a.dst, b.dst) and np.array_equal(a.weight, b.weight)
    assert np.array_equal(a.event_counts, b.event_counts)


def test_event_actor_mask_reads_the_store_row(corpus):
    d = network_data.from_corpus(corpus)
    row = next(i for i in range(len(corpus.events)) if len(corpus.events.actor_ids(i)) >= 2)
    ev = corpus.events[row]
    mask = d.event_actor_mask(ev.id)
    assert {d.ids[i] for i in np.flatnonzero(mask)} == set(ev.actor_ids())
    assert not d.event_actor_mask("no such event").any()
    assert not d.event_actor_mask(None).any()


def test_edge_lookup_and_tie_masks(corpus):
    d = network_data.from_corpus(corpus)
    k = d.edge_indexes(d.dst[:50], d.src[:50])            # either order finds the tie
    assert k.tolist() == list(range(50))
    assert d.edge_indexes(np.array([0, -1]), np.array([0, 3])).tolist() == [-1, -1]
    some = corpus.ties[:40]
    mask = d.ties_mask(some)
    assert mask.sum() == 40
    assert {tuple(sorted((d.ids[d.src[i]], d.ids[d.dst[i]]))) for i in np.flatnonzero(mask)} == \
        {tuple(sorted((t.source, t.target))) for t in some}


def test_layout_from_arrays_equals_layout_of_the_graph(corpus):
    g = build_graph(corpus)
    ids, names, src, dst, weight = tie_arrays(corpus.actors, corpus.ties)
    arr = layout_arrays(ids, names, src, dst, weight, seed=7)
    pos = layout_positions(g, seed=7)
    assert np.allclose(arr, np.array([pos[a] for a in ids]))
    # Node order does not matter: shuffled input, same picture.
    perm = np.random.default_rng(1).permutation(len(ids))
    inv = np.argsort(perm)
    shuffled = layout_arrays([ids[i] for i in perm], [names[i] for i in perm], inv[src], inv[dst], weight, seed=7)
    assert np.allclose(shuffled, arr[perm])


def test_layout_budget_keeps_every_component(corpus):
    ids, names, src, dst, weight = tie_arrays(corpus.actors, corpus.ties)
    import igraph

    def components(s, t):
        g = igraph.Graph(n=len(ids), edges=list(zip(s.tolist(), t.tolist())))
        return sorted(sorted(c) for c in g.connected_components())

    keep = layout_ties(len(ids), src, dst, weight, budget=len(ids) // 4)
    assert len(keep) < len(src)
    assert components(src[keep], dst[keep]) == components(src, dst)
    # The heaviest ties are all in.
    heaviest = np.argsort(-weight, kind="stable")[:len(ids) // 4]
    assert set(heaviest.tolist()) <= set(keep.tolist())
    assert network_positions(ids, names, src, dst, weight).shape == (len(ids), 2)


@pytest.fixture
def small_budget(monkeypatch):
    monkeypatch.setattr(network_view, "MAX_DRAWN_TIES", 150)


def _view(qtbot, corpus):
    state = AppState(corpus)
    view = network_view.NetworkView(state)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.pos is not None, timeout=20000)
    return state, view


def test_a_dense_network_draws_the_strongest_ties_and_says_so(qtbot, corpus, small_budget):
    state, view = _view(qtbot, corpus)
    d = view.data
    assert d.n_edges > 150
    shown = view.shown_ties()
    assert len(shown) == 150
    assert not view.tie_note.isHidden()
    assert view.tie_note.text().startswith(f"Showing the 150 strongest of {d.n_edges:,} ties")
    assert "select actors" in view.tie_note.text()
    weakest_shown = min(d.weight[d.edge_indexes(np.array([d.index[a]]), np.array([d.index[b]]))[0]]
                        for a, b in shown)
    assert weakest_shown >= np.sort(d.weight)[::-1][149]


def test_a_selected_actor_shows_all_its_ties_beyond_the_budget(qtbot, corpus, small_budget):
    state, view = _view(qtbot, corpus)
    d = view.data
    in_budget = view.in_budget
    # An actor with ties the budget left out.
    left_out = np.flatnonzero(~in_budget)
    actor = d.ids[int(d.src[left_out[0]])]
    own = {tuple(sorted((d.ids[a], d.ids[b]))) for a, b in zip(d.src.tolist(), d.dst.tolist())
           if actor in (d.ids[a], d.ids[b])}
    state.selection.set_actors([actor])
    shown = view.shown_ties()
    assert own <= shown
    highlighted = {tuple(sorted((d.ids[d.src[k]], d.ids[d.dst[k]])))
                   for k in np.flatnonzero(view.edge_level == network_view.HIGHLIGHT)}
    assert highlighted == own
    # The budget layer itself did not change with the selection.
    assert np.array_equal(view.in_budget, in_budget)
    state.selection.set_actors([])
    assert len(view.shown_ties()) == 150


def test_the_budget_applies_to_the_time_window_ties(qtbot, corpus, small_budget):
    state, view = _view(qtbot, corpus)
    from desktop_app.core import timeaxis
    start, _ = corpus.events.seconds("date")
    lo, mid = np.nanmin(start), np.nanmedian(start)
    window = (timeaxis.from_seconds(float(lo)), timeaxis.from_seconds(float(mid)))
    res = view.data.filter_index.filter_rows((), "any", window)
    assert res.network is not None and 150 < len(res.network) < view.data.n_edges
    state.selection.set_window(window)
    assert view.ties_active == len(res.network)
    assert view.tie_note.text().startswith(f"Showing the 150 strongest of {len(res.network):,} ties in the time window")
    assert len(view.shown_ties()) == 150


def test_no_note_when_every_tie_fits(qtbot, corpus):
    state, view = _view(qtbot, corpus)
    assert view.data.n_edges <= network_view.MAX_DRAWN_TIES
    assert view.tie_note.isHidden()
    assert len(view.shown_ties()) == view.data.n_edges


def test_compact_round_trip_of_a_list_corpus_keeps_the_view(qtbot):
    small = make_corpus(300, 20, seed=2, compact=False)
    _, a = _view(qtbot, small)
    _, b = _view(qtbot, compact(small))
    assert a.data.ids == b.data.ids
    assert a.shown_ties() == b.shown_ties()
    assert np.allclose(a.pos, b.pos)


def _pixels(widget) -> np.ndarray:
    from PySide6.QtGui import QImage
    img = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    buf = np.frombuffer(img.constBits(), dtype=np.uint8, count=img.sizeInBytes())
    return buf.reshape(img.height(), img.bytesPerLine())[:, :img.width() * 4].astype(int).copy()


def test_the_cached_tie_layer_paints_what_the_direct_one_does(qtbot, corpus):
    state, view = _view(qtbot, corpus)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    vp = view.plot.viewport()
    view.edges.set_cached(False)
    direct = _pixels(vp)
    view.edges.set_cached(True)
    cached = _pixels(vp)
    assert view.edges.cache_fills >= 1
    assert direct.shape == cached.shape
    # Compositing a premultiplied layer of faint (low-alpha) ties rounds a channel by a few steps, nothing more.
    diff = np.abs(direct - cached)
    assert diff.max() <= 6 and diff.mean() < 0.1
    assert (direct != 255).any()              # something was drawn at all


def test_a_selection_repaints_from_the_cache(qtbot, corpus):
    state, view = _view(qtbot, corpus)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    vp = view.plot.viewport()
    vp.grab()
    fills = view.edges.cache_fills
    state.selection.set_actors([view.data.ids[int(np.argmax(view.data.degree))]])
    vp.grab()
    state.selection.set_actors([])
    vp.grab()
    assert view.edges.cache_fills == fills     # the base tie layer was not drawn again
    view.viewbox.scaleBy((0.8, 0.8))
    vp.grab()
    assert view.edges.cache_fills == fills + 1  # a zoom does redraw it, once
