"""The network as GraphML (yEd, Cytoscape, igraph) and GEXF 1.2 (Gephi).

GraphML has no notion of time, so each edge carries ``start``/``end`` as
plain ISO text attributes and ``spells`` as text ("start/end; ...").
GEXF is written in dynamic mode: every edge has ``start``/``end`` and one
spell per dated event, so Gephi's timeline plays the network over time.
GEXF times are whole days (``timeformat="date"``): events known to the hour
fall on their day, because networkx, our check on the output, cannot read
GEXF's ``dateTime`` format, and a day is the resolution news events carry.
Undated ties have no time and stay visible throughout.

Both are written by networkx and then read back by the tests with
networkx and defusedxml; we never read XML from outside without defusedxml.
"""
from __future__ import annotations

import os
from pathlib import Path

import networkx as nx

from desktop_app.core.interchange.errors import write_atomic
from desktop_app.core.interchange.network import network_graph
from desktop_app.core.model import Corpus




def export_graphml(corpus: Corpus, path: str | os.PathLike) -> None:
    g = network_graph(corpus)
    for _, _, d in g.edges(data=True):
        spells = d.pop("spells", None)
        if spells:
            d["spells"] = "; ".join(f"{s}/{e}" for s, e in spells)
    g.graph.pop("timeformat", None)
    write_atomic(path, lambda p: nx.write_graphml(g, p, encoding="utf-8", prettyprint=True))


def export_gexf(corpus: Corpus, path: str | os.PathLike) -> None:
    g = network_graph(corpus, allow_times=False)
    g.graph.pop("timeformat")
    g.graph["mode"] = "dynamic" if any("start" in d for _, _, d in g.edges(data=True)) else "static"
    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(g)

    def write(p: Path) -> None:
        with open(p, "wb") as f:
            writer.write(f)
    write_atomic(path, write)
