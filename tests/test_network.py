"""The actor network built from shared events and facts."""
import networkx as nx

from desktop_app.core.model import Actor, Corpus, Event, EventDate, Participant
from desktop_app.core.network import build_graph, centrality, ties_from_events


def _ev(i, *actors, dated=False):
    return Event(id=f"e{i}", doc="d", start=0, end=1, text="x", label="x",
                 date=EventDate("2020", None) if dated else None,
                 actors=[Participant(a) for a in actors])


def _corpus():
    actors = [Actor(x, x.upper(), "person", [f"{x}-alias"]) for x in ("a", "b", "c", "d")]
    events = [_ev(1, "a", "b"), _ev(2, "a", "b", "c"), _ev(3, "c"), _ev(4, "b", "b")]
    c = Corpus(actors=actors, events=events)
    c.ties = ties_from_events(events)
    return c


def test_ties_count_shared_events_and_keep_evidence():
    c = _corpus()
    ties = {(t.source, t.target): t for t in c.ties}
    assert ties[("a", "b")].weight == 2 and ties[("a", "b")].events == ["e1", "e2"]
    assert ties[("a", "c")].weight == 1 and ties[("a", "c")].events == ["e2"]
    assert ties[("b", "c")].weight == 1
    # an actor listed twice in one event is not tied to itself; single-actor events tie nobody
    assert all(t.source != t.target for t in c.ties)
    assert len(c.ties) == 3


def test_graph_attributes():
    g = build_graph(_corpus())
    assert isinstance(g, nx.Graph)
    assert g.nodes["a"]["name"] == "A" and g.nodes["a"]["type"] == "person"
    assert g.nodes["a"]["aliases"] == ["a-alias"]
    assert g.nodes["c"]["events"] == 2 and g.nodes["d"]["events"] == 0
    assert g.edges["a", "b"]["weight"] == 2 and g.edges["a", "b"]["events"] == ["e1", "e2"]


def test_subgraph_restriction():
    g = build_graph(_corpus(), actor_ids=["a", "b"])
    assert set(g.nodes) == {"a", "b"} and g.number_of_edges() == 1


def test_centrality_values():
    g = build_graph(_corpus())
    cen = centrality(g)
    assert cen["d"]["degree"] == 0.0
    assert cen["a"]["strength"] == 3.0        # 2 with b + 1 with c
    assert cen["a"]["betweenness"] == 0.0     # a triangle has no brokers
    star = nx.star_graph(4)
    assert centrality(star)[0]["betweenness"] == 1.0
    assert centrality(nx.Graph()) == {}


def test_sampled_betweenness_is_deterministic():
    g = nx.path_graph(60)
    one = centrality(g, max_exact=10, samples=20, seed=3)
    two = centrality(g, max_exact=10, samples=20, seed=3)
    assert one == two


def test_place_place_ties_are_kept_but_weaker():
    from desktop_app.core.network import PLACE_PAIR_WEIGHT
    types = {"p": "person", "x": "location", "y": "location"}
    events = [_ev(1, "p", "x", "y"), _ev(2, "x", "y")]
    ties = {(t.source, t.target): t for t in ties_from_events(events, types)}
    # a person at a place is a full tie; two places named together keep their evidence at lower weight
    assert ties[("p", "x")].weight == 1.0 and ties[("p", "y")].weight == 1.0
    assert ties[("x", "y")].weight == 2 * PLACE_PAIR_WEIGHT < 2
    assert ties[("x", "y")].events == ["e1", "e2"]
    # without types every pair counts one per shared event, as before
    assert {t.weight for t in ties_from_events(events)} == {1.0, 2.0}
