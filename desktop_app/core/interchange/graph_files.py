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

XML 1.0 cannot carry most control characters at all, not even as character
references, so an actor renamed or imported as ``a\x00b\x01c`` made both
files unreadable by Gephi and networkx.  Every string (ids, labels, aliases,
attributes) goes through ``xml_text`` first: such a character is written as
the visible text ``\x00``; half a surrogate pair becomes U+FFFD.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import networkx as nx

from desktop_app.core.interchange.errors import write_atomic
from desktop_app.core.interchange.network import network_graph
from desktop_app.core.model import Corpus

# What XML 1.0 forbids: C0 controls but tab, newline and carriage return; surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _escape(m: re.Match) -> str:
    c = m.group()
    return "\ufffd" if "\ud800" <= c <= "\udfff" else f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def xml_text(value):
    """``value`` with every character XML 1.0 cannot hold written out visibly; non-strings pass through."""
    return _NOT_XML.sub(_escape, value) if isinstance(value, str) else value


def _xml_ready(g: nx.Graph) -> nx.Graph:
    """A copy of ``g`` whose node ids and every text attribute are valid XML text."""
    def attrs(d: dict) -> dict:
        return {xml_text(k): xml_text(v) for k, v in d.items()}
    out = g.__class__()
    out.graph.update(attrs(g.graph))
    out.add_nodes_from((xml_text(n), attrs(d)) for n, d in g.nodes(data=True))
    out.add_edges_from((xml_text(a), xml_text(b), attrs(d)) for a, b, d in g.edges(data=True))
    return out


def export_graphml(corpus: Corpus, path: str | os.PathLike) -> None:
    g = _xml_ready(network_graph(corpus))
    for _, _, d in g.edges(data=True):
        spells = d.pop("spells", None)
        if spells:
            d["spells"] = "; ".join(f"{s}/{e}" for s, e in spells)
    g.graph.pop("timeformat", None)
    write_atomic(path, lambda p: nx.write_graphml(g, p, encoding="utf-8", prettyprint=True))


def export_gexf(corpus: Corpus, path: str | os.PathLike) -> None:
    g = _xml_ready(network_graph(corpus, allow_times=False))
    g.graph.pop("timeformat")
    g.graph["mode"] = "dynamic" if any("start" in d for _, _, d in g.edges(data=True)) else "static"
    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(g)

    def write(p: Path) -> None:
        with open(p, "wb") as f:
            writer.write(f)
    write_atomic(path, write)
