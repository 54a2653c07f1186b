"""The actor network as a networkx graph carrying what GraphML and GEXF files need.

Nodes are actors (label, type, aliases, mention and event counts); edges are
ties (weight, number of events = ``reports``, and, when the corpus's happenings
are known, ``happenings``: the distinct happenings among them, which is then
the weight, as the network view weighs a tie) with their time: ``start``/``end`` span from
the earliest dated event behind the tie to the end of the latest, and
``spells`` lists each dated event's own interval, so a dynamic viewer shows
the tie exactly when its events happen.  Dates are ISO days (or
``YYYY-MM-DDTHH:MM:SS`` when every dated event is known to the hour or finer
and ``allow_times`` is set).
"""
from __future__ import annotations

import networkx as nx
import numpy as np

from desktop_app.core.interchange.columns import EventColumns, mention_counts
from desktop_app.core.model import PRECISIONS, Corpus, Interval
from desktop_app.core.tie_happenings import current_happenings, happenings_among

_FINE = ("second", "minute", "hour")


def _bound(iv: Interval, latest: bool, fine: bool) -> str:
    when = iv.latest() if latest else iv.start
    return when.isoformat(timespec="seconds") if fine else when.date().isoformat()


def network_graph(corpus: Corpus, allow_times: bool = True) -> nx.Graph:
    g = nx.Graph(name="Eventscope actor network")
    mentions, _ = mention_counts(corpus)
    cols = EventColumns(corpus)
    in_events = cols.events_per_actor()
    for a in corpus.actors:
        g.add_node(a.id, label=a.name, type=a.type, aliases="; ".join(a.aliases),
                   mentions=mentions[a.id], events=in_events[a.id])
    # Ties are undirected here: two ties between one pair become one edge.
    pairs: dict[frozenset, list] = {}
    for t in corpus.ties:
        if t.source not in g or t.target not in g or t.source == t.target:
            continue
        slot = pairs.setdefault(frozenset((t.source, t.target)), [t.source, t.target, 0.0, []])
        slot[2] += float(t.weight)
        slot[3].append(cols.rows(t.events))
    edges = []
    for source, target, weight, parts in pairs.values():
        rows = parts[0] if len(parts) == 1 else np.concatenate(parts)
        if len(parts) > 1:      # an event behind both directions counts once, in order of first appearance
            _, first = np.unique(rows, return_index=True)
            rows = rows[np.sort(first)]
        edges.append((source, target, weight, rows))
    # Fine timestamps only when every dated event behind any tie has them, so
    # one file never mixes date and dateTime values.
    behind = [cols.dated_rows(rows) for *_, rows in edges]
    behind = np.concatenate(behind) if behind else np.zeros(0, np.int64)
    fine_codes = [PRECISIONS.index(p) for p in _FINE]
    fine = allow_times and bool(len(behind)) and bool(np.isin(cols.prec[behind], fine_codes).all())
    g.graph["timeformat"] = "datetime" if fine else "date"
    h = current_happenings(corpus, len(cols.store))
    for source, target, weight, rows in edges:
        attrs = {"weight": weight, "events": len(rows), "reports": len(rows)}
        if h is not None:
            # The tie counts happenings, as the network view does; ``reports`` stays beside it.
            attrs["happenings"] = happenings_among(h, rows)
            if len(rows):           # a tie without evidence (imported, hand-made) keeps its weight
                attrs["weight"] = float(attrs["happenings"])
        first, last = cols.span(rows)
        if first is not None:
            attrs["start"] = _bound(first, False, fine)
            attrs["end"] = _bound(last, True, fine)
            attrs["spells"] = sorted({(_bound(iv, False, fine), _bound(iv, True, fine))
                                      for iv in cols.distinct_intervals(rows)})
        g.add_edge(source, target, **attrs)
    return g
