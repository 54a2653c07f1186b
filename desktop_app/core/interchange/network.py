"""The actor network as a networkx graph carrying what GraphML and GEXF files need.

Nodes are actors (label, type, aliases, mention and event counts); edges are
ties (weight, number of events) with their time: ``start``/``end`` span from
the earliest dated event behind the tie to the end of the latest, and
``spells`` lists each dated event's own interval, so a dynamic viewer shows
the tie exactly when its events happen.  Dates are ISO days (or
``YYYY-MM-DDTHH:MM:SS`` when every dated event is known to the hour or finer
and ``allow_times`` is set).
"""
from __future__ import annotations

from collections import Counter

import networkx as nx

from desktop_app.core.interchange.tables import tie_span
from desktop_app.core.model import Corpus, Interval

_FINE = ("second", "minute", "hour")


def _bound(iv: Interval, latest: bool, fine: bool) -> str:
    when = iv.latest() if latest else iv.start
    return when.isoformat(timespec="seconds") if fine else when.date().isoformat()


def network_graph(corpus: Corpus, allow_times: bool = True) -> nx.Graph:
    g = nx.Graph(name="Eventscope actor network")
    mentions = Counter(m.actor for m in corpus.mentions)
    in_events = Counter(a for e in corpus.events for a in set(e.actor_ids()))
    for a in corpus.actors:
        g.add_node(a.id, label=a.name, type=a.type, aliases="; ".join(a.aliases),
                   mentions=mentions[a.id], events=in_events[a.id])
    events = {e.id: e for e in corpus.events}
    # Fine timestamps only when every dated event behind any tie has them, so
    # one file never mixes date and dateTime values.
    dated = [events[e].date.interval for t in corpus.ties for e in t.events if e in events and events[e].dated]
    fine = allow_times and bool(dated) and all(iv.precision in _FINE for iv in dated)
    g.graph["timeformat"] = "datetime" if fine else "date"
    # Ties are undirected here: two ties between one pair become one edge.
    pairs: dict[frozenset, list] = {}
    for t in corpus.ties:
        if t.source not in g or t.target not in g or t.source == t.target:
            continue
        slot = pairs.setdefault(frozenset((t.source, t.target)), [t.source, t.target, 0.0, []])
        slot[2] += float(t.weight)
        slot[3].extend(e for e in t.events if e not in slot[3])
    for source, target, weight, event_ids in pairs.values():
        attrs = {"weight": weight, "events": len(event_ids)}
        first, last = tie_span(events, event_ids)
        if first is not None:
            attrs["start"] = _bound(first, False, fine)
            attrs["end"] = _bound(last, True, fine)
            attrs["spells"] = sorted({(_bound(iv, False, fine), _bound(iv, True, fine))
                                      for iv in (events[e].date.interval for e in event_ids
                                                 if e in events and events[e].dated)})
        g.add_edge(source, target, **attrs)
    return g
