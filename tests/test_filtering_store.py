"""The columnar FilterIndex, sub-network, graph counts and --select payload equal the object-based originals.

The reference implementations below are the object-based code these
replaced (one Python tuple per event), kept small and literal so any
difference in ids, order, weights or evidence shows up.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest

from desktop_app.core.documents import load_paths
from desktop_app.core.filtering import FilterIndex, RowResult
from desktop_app.core.model import Corpus, Tie
from desktop_app.core.network import build_graph, ties_from_events
from desktop_app.core.pipeline import extract_corpus
from desktop_app.core.query import filtered_payload
from desktop_app.core.store import compact, is_compact
from desktop_app.core.synthetic import make_corpus

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


class RefIndex:
    """The object-based FilterIndex as it was before the event store (sub-network place pairs now
    weakened as the corpus's ties are)."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        evs = list(corpus.events)
        self.ids = [e.id for e in evs]
        self.dated = np.array([e.dated for e in evs], dtype=bool)
        self.starts = np.array([e.date.interval.start.replace(tzinfo=None) if e.dated else None for e in evs],
                               dtype="datetime64[s]").astype(np.int64)
        self.ends = np.array([e.date.interval.end.replace(tzinfo=None) if e.dated else None for e in evs],
                             dtype="datetime64[s]").astype(np.int64)
        self.parts = [tuple(sorted(set(e.actor_ids()))) for e in evs]
        buckets = defaultdict(list)
        for i, p in enumerate(self.parts):
            for a in p:
                buckets[a].append(i)
        self.by_actor = {a: np.asarray(v, np.int64) for a, v in buckets.items()}

    def filter(self, actors=(), mode="any", window=None):
        sel = list(dict.fromkeys(actors))
        if not sel:
            idx = np.arange(len(self.ids))
        else:
            arrays = [self.by_actor.get(a, np.empty(0, np.int64)) for a in sel]
            if mode == "any":
                idx = np.unique(np.concatenate(arrays))
            else:
                idx = arrays[0]
                for arr in arrays[1:]:
                    idx = np.intersect1d(idx, arr, assume_unique=True)
        dated = idx[self.dated[idx]]
        if window is not None:
            lo, hi = sorted(window)
            lo_s = int(np.datetime64(lo, "s").astype(np.int64))
            hi_s = int(np.datetime64(hi, "s").astype(np.int64))
            dated = dated[(self.starts[dated] <= hi_s) & (self.ends[dated] > lo_s)]
            facts = np.empty(0, np.int64)
        else:
            facts = idx[~self.dated[idx]]
        dated = dated[np.argsort(self.starts[dated], kind="stable")]
        chosen = np.concatenate([dated, facts])
        if len(chosen) == len(self.ids):
            actors_out = sorted({a for p in self.parts for a in p})
            ties = list(self.corpus.ties)
        else:
            shared, seen = defaultdict(list), set()
            for i in np.sort(chosen):
                seen.update(self.parts[i])
                for a, b in combinations(self.parts[i], 2):
                    shared[(a, b)].append(self.ids[i])
            actors_out = sorted(seen)
            types = {a.id: a.type for a in self.corpus.actors}
            ties = [Tie(a, b, (0.5 if types.get(a) == types.get(b) == "location" else 1.0) * len(v), v)
                    for (a, b), v in sorted(shared.items())]
        return ([self.ids[i] for i in dated], [self.ids[i] for i in facts], actors_out,
                [(t.source, t.target, t.weight, list(t.events)) for t in ties])


def _ref_payload(corpus, ids, mode, window, ref: RefIndex):
    events, facts, actors, ties = ref.filter(ids, mode, window)
    keep_events, keep_actors = set(events) | set(facts), set(actors) | set(ids)
    payload = corpus.to_json()
    payload["events"] = [e for e in payload["events"] if e["id"] in keep_events]
    payload["actors"] = [a for a in payload["actors"] if a["id"] in keep_actors]
    payload["mentions"] = [m for m in payload["mentions"] if m["actor"] in keep_actors]
    payload["ties"] = [{"source": s, "target": t, "weight": w, "events": e} for s, t, w, e in ties]
    if "happenings" in payload:        # the kept events' happenings
        kept = {e["happening"] for e in payload["events"]}
        payload["happenings"] = [h for h in payload["happenings"] if h["id"] in kept]
    return payload


def _result(res):
    return (list(res.events), list(res.facts), list(res.actors),
            [(t.source, t.target, t.weight, list(t.events)) for t in res.ties])


def _selections(corpus, rng):
    ranked = sorted({a for e in corpus.events for a in e.actor_ids()})
    picks = [ranked[i] for i in rng.choice(len(ranked), size=min(12, len(ranked)), replace=False)]
    sels = [((), "any", None)]
    sels += [((a,), "any", None) for a in picks]
    sels += [((picks[0], picks[1]), m, None) for m in ("any", "all")]
    sels += [((picks[2], picks[3], picks[4]), "any", (datetime(2005, 1, 1), datetime(2012, 6, 30)))]
    sels += [((), "any", (datetime(2010, 1, 1), datetime(2009, 1, 1)))]       # reversed bounds
    sels += [((picks[5],), "any", (datetime(1900, 1, 1), datetime(2100, 1, 1)))]
    sels += [(("nobody at all",), "any", None)]
    return sels


@pytest.fixture(scope="module")
def synthetic():
    return make_corpus(3000, 120, seed=11)


@pytest.fixture(scope="module")
def seed_corpus():
    docs, errors = load_paths([SEEDS])
    assert docs and not errors
    return extract_corpus(docs)


def _check_filters(corpus):
    ref, new = RefIndex(corpus), FilterIndex(corpus)
    rng = np.random.default_rng(3)
    for actors, mode, window in _selections(corpus, rng):
        assert _result(new.filter(actors, mode, window)) == ref.filter(actors, mode, window), (actors, mode, window)
        rows = new.filter_rows(actors, mode, window, with_network=False)
        assert isinstance(rows, RowResult) and rows.ties == [] and rows.actors == []
        ids = new.event_ids
        assert [ids[i] for i in rows.dated] == ref.filter(actors, mode, window)[0]


def test_filter_equals_object_implementation_on_list_and_compact_synthetic(synthetic):
    assert not is_compact(synthetic)
    _check_filters(synthetic)
    _check_filters(compact(synthetic))


def test_filter_equals_object_implementation_on_seed(seed_corpus):
    assert is_compact(seed_corpus) and len(seed_corpus.events) > 10
    _check_filters(seed_corpus)
    listed = Corpus(documents=seed_corpus.documents, timexes=list(seed_corpus.timexes), actors=seed_corpus.actors,
                    mentions=list(seed_corpus.mentions), events=list(seed_corpus.events), ties=seed_corpus.ties)
    _check_filters(listed)


def test_index_is_columnar_and_positions_come_from_the_store(synthetic):
    c = compact(synthetic)
    ix = FilterIndex(c)
    assert ix.event_ids is c.events.ids                 # no list of a million id strings
    assert not hasattr(ix, "_participants")
    e = synthetic.events[123]
    assert ix.row_of(e.id) == 123 and ix._pos[e.id] == 123 and ix.row_of("nope") is None
    a = e.actor_ids()[0]
    assert 123 in ix.by_actor[a].tolist()
    assert all(np.all(np.diff(v) > 0) for v in ix.by_actor.values())


def test_subnetwork_place_pairs_weigh_as_the_corpus_ties_do(synthetic):
    # A tie must not change width because a selection or window is set: place pairs count half in both.
    types = {a.id: a.type for a in synthetic.actors}
    corpus = Corpus(documents=synthetic.documents, actors=synthetic.actors, events=synthetic.events,
                    ties=ties_from_events(synthetic.events, types))      # as the pipeline builds them
    halved = [t for t in corpus.ties if types.get(t.source) == types.get(t.target) == "location"]
    assert halved and all(t.weight == 0.5 * len(t.events) for t in halved)
    ix = FilterIndex(corpus)
    t0 = halved[0]
    sub = {(t.source, t.target): t for t in ix.filter([t0.source]).ties}
    assert sub[(t0.source, t0.target)].weight == 0.5 * len(sub[(t0.source, t0.target)].events)
    people = [t for t in sub.values() if not types.get(t.source) == types.get(t.target) == "location"]
    assert people and all(t.weight == float(len(t.events)) for t in people)
    rows = ix.filter_rows([t0.source])
    assert sorted(rows.network.weight.tolist()) == sorted(t.weight for t in sub.values())


def test_graph_event_counts_match_a_scan_of_the_events(synthetic):
    counts = defaultdict(int)
    for ev in synthetic.events:
        for a in set(ev.actor_ids()):
            counts[a] += 1
    for corpus in (synthetic, compact(synthetic)):
        g = build_graph(corpus)
        assert {a: g.nodes[a]["events"] for a in g} == {a.id: counts.get(a.id, 0) for a in synthetic.actors}
        t = corpus.ties[0]
        shared = g.edges[t.source, t.target]["events"]
        assert shared == t.events and (shared is t.events or not isinstance(shared, list))  # shared, not copied


@pytest.mark.parametrize("which", ["synthetic", "seed_corpus"])
def test_filtered_payload_equals_to_json_then_filter(which, request):
    corpus = request.getfixturevalue(which)
    ref = RefIndex(corpus)
    rng = np.random.default_rng(5)
    for actors, mode, window in _selections(corpus, rng)[1:6]:
        names = list(actors)
        got = filtered_payload(corpus, names, mode, window)
        want = _ref_payload(corpus, names, mode, window, ref)
        assert got.pop("selection")["actors"] == sorted(names)
        assert got == want
        assert list(got) == list(want)


def test_row_result_network_arrays_describe_the_same_ties(synthetic):
    ix = FilterIndex(compact(synthetic))
    a = sorted(ix.by_actor, key=lambda k: -len(ix.by_actor[k]))[0]
    rows = ix.filter_rows([a])
    net = rows.network
    assert net is not None and rows._ties is None and len(net) > 10     # no Tie built until asked for
    ties = rows.ties
    assert [t.source for t in ties] == [net.names[k] for k in net.source.tolist()]
    assert [t.target for t in ties] == [net.names[k] for k in net.target.tolist()]
    assert [t.weight for t in ties] == net.weight.tolist()
    assert all(w in (c, 0.5 * c) for w, c in zip(net.weight.tolist(), net.count.tolist()))
    k = len(ties) // 2
    assert ties[k].events.rows.tolist() == net.table.rows[net.table.ptr[k]:net.table.ptr[k + 1]].tolist()
    assert _result(ix.filter([a])) == (list(ix.filter([a]).events), list(ix.filter([a]).facts),
                                       rows.actors, [(t.source, t.target, t.weight, list(t.events)) for t in ties])
    everything = ix.filter_rows()
    assert everything.network is None and everything.ties is ix.corpus.ties
