"""Selection filtering: any/all modes, time windows, sub-networks, name lookup."""
from datetime import datetime, timedelta

import numpy as np
import pytest

from desktop_app.core.filtering import FilterIndex, filter_corpus
from desktop_app.core.model import Actor, Corpus, Event, EventDate, Interval, Participant
from desktop_app.core.network import ties_from_events


def _ev(i, day, *actors):
    date = None
    if day is not None:
        s = datetime(2020, 1, 1) + timedelta(days=day)
        date = EventDate(s.date().isoformat(), Interval(s, s + timedelta(days=1), "day"))
    return Event(id=f"e{i}", doc="d", start=0, end=1, text="x", label="x", date=date,
                 actors=[Participant(a) for a in actors])


@pytest.fixture
def corpus():
    actors = [Actor("p:ann", "Ann Lee", "person", ["Lee"]),
              Actor("o:acme", "Acme Holdings", "organization", ["ACME"]),
              Actor("l:oslo", "Oslo", "location", []),
              Actor("g:wolves", "Night Wolves", "group", ["the Wolves"])]
    events = [_ev(1, 0, "p:ann", "o:acme"), _ev(2, 10, "p:ann", "l:oslo"),
              _ev(3, 20, "o:acme", "l:oslo"), _ev(4, None, "p:ann", "g:wolves"),
              _ev(5, 30, "p:ann", "o:acme", "l:oslo")]
    c = Corpus(actors=actors, events=events)
    c.ties = ties_from_events(events)
    return c


def test_any_and_all(corpus):
    ix = FilterIndex(corpus)
    r = ix.filter(["p:ann"])
    assert r.events == ["e1", "e2", "e5"] and r.facts == ["e4"]
    r = ix.filter(["p:ann", "o:acme"], mode="all")
    assert r.events == ["e1", "e5"] and r.facts == []
    r = ix.filter(["p:ann", "o:acme"], mode="any")
    assert r.events == ["e1", "e2", "e3", "e5"]
    assert ix.filter(["nobody"]).events == []
    with pytest.raises(ValueError):
        ix.filter(["p:ann"], mode="some")


def test_window_and_subnetwork(corpus):
    ix = FilterIndex(corpus)
    r = ix.filter(["p:ann"], window=(datetime(2020, 1, 5), datetime(2020, 1, 25)))
    assert r.events == ["e2"] and r.facts == []
    assert r.actors == ["l:oslo", "p:ann"]
    assert [(t.source, t.target, t.weight, t.events) for t in r.ties] == [("l:oslo", "p:ann", 1.0, ["e2"])]
    # reversed window bounds are accepted
    assert ix.filter([], window=(datetime(2020, 1, 25), datetime(2020, 1, 5))).events == ["e2", "e3"]
    # a window edge touching an event's first instant includes it
    assert ix.filter([], window=(datetime(2020, 1, 31), datetime(2020, 2, 5))).events == ["e5"]


def test_no_selection_returns_everything(corpus):
    r = FilterIndex(corpus).filter()
    assert r.events == ["e1", "e2", "e3", "e5"] and r.facts == ["e4"]
    assert len(r.ties) == len(corpus.ties)
    assert filter_corpus(corpus, ["g:wolves"]).facts == ["e4"]


def test_name_lookup(corpus):
    ix = FilterIndex(corpus)
    assert ix.find_actors("acme") == ["o:acme"]
    assert ix.find_actors("ANN LEE") == ["p:ann"]
    assert ix.find_actors("lee") == ["p:ann"]
    assert ix.find_actors("Wolves") == ["g:wolves"]      # "the Wolves" alias, article ignored
    assert ix.find_actors("nobody") == []
    assert ix.search_actors("ac")[0] == "o:acme"
    assert "g:wolves" in ix.search_actors("wolv")
    assert ix.search_actors("") == []


def test_large_corpus_filter_is_correct():
    rng = np.random.default_rng(0)
    n, k = 100_000, 300
    actors = [Actor(f"a{i}", f"Actor {i}", "person") for i in range(k)]
    events = []
    for i in range(n):
        a, b = rng.integers(0, k, 2)
        events.append(_ev(i, int(rng.integers(0, 3650)), f"a{a}", f"a{b}"))
    c = Corpus(actors=actors, events=events)
    ix = FilterIndex(c)
    lo, hi = datetime(2022, 1, 1), datetime(2022, 6, 30)
    r = ix.filter(["a7", "a9"], mode="any", window=(lo, hi))
    brute = [e.id for e in events if {"a7", "a9"} & set(e.actor_ids())
             and e.date.interval.start <= hi and e.date.interval.end > lo]
    assert sorted(r.events) == sorted(brute) and brute
    starts = [ix.starts[ix._pos[e]] for e in r.events]
    assert starts == sorted(starts)


def test_empty_corpus():
    ix = FilterIndex(Corpus())
    r = ix.filter(["anyone"], window=(datetime(2020, 1, 1), datetime(2021, 1, 1)))
    assert (r.events, r.facts, r.actors, r.ties) == ([], [], [], [])
    assert ix.filter().events == []


def test_window_reads_the_stores_own_interval_columns_and_never_an_undated_row(corpus):
    ix = FilterIndex(corpus)
    # No copy of the bounds (16 MB at a million events): the store's columns themselves.
    assert np.shares_memory(ix.starts, ix.store.c["date_start"]) and np.shares_memory(ix.ends, ix.store.c["date_end"])
    # The undated e4 (its bounds are the store's NONE) is outside every window, however wide.
    wide = (datetime(1, 1, 1), datetime(9999, 1, 1))
    assert ix.filter(["p:ann"], window=wide).events == ["e1", "e2", "e5"]
    assert ix.filter(["p:ann"], window=wide).facts == []
    # The rows of a small selection's sub-network come through the 32-bit row -> pairs pointer.
    assert ix._pair_ptr.dtype == np.int32
    assert ix.network_of_rows(np.array([1]))[0] == ["l:oslo", "p:ann"]
