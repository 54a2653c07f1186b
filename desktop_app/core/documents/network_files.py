"""A GraphML or GEXF actor network as a document, so it joins the corpus like any other file.

The network is read by ``network_xml`` (defusedxml). Its nodes
and ties become lines of text ("Actor 3 of net.gexf: ...", "Tie 5 of
net.gexf: A and B, weight 2"), so the document view shows what was imported
and every actor has a mention to click; the ids, types and weights are kept in
the document's layout, and the pipeline turns them into actors and ties
(``events.network_ties``) on every extraction. Kept as a document, the
imported network survives re-extraction, saving and reopening a workspace.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from .found import Found


def read_network_document(path: Path) -> Found:
    from .network_xml import read_network
    net = read_network(path)
    name = path.name
    lines: list[str] = []
    length = 0
    nodes: list[list] = []
    index: dict[str, int] = {}
    labels: list[str] = []

    def add(line: str) -> int:
        nonlocal length
        start = length
        lines.append(line)
        length += len(line) + 1
        return start

    for k, n in enumerate(net.nodes, 1):
        head = f"Actor {k} of {name}: "
        start = add(f"{head}{n['label']} ({n['type']}, id {n['id']}).")
        index[n["id"]] = len(nodes)
        labels.append(n["label"])
        nodes.append([start + len(head), start + len(head) + len(n["label"]), n["type"], n["id"]])
    ties: list[list] = []
    for k, e in enumerate(net.edges, 1):
        la, lb = labels[index[e["source"]]], labels[index[e["target"]]]
        head = f"Tie {k} of {name}: "
        w = e["weight"]
        start = add(f"{head}{la} and {lb}, weight {w:g}.")
        sa = start + len(head)
        sb = sa + len(la) + len(" and ")
        ties.append([index[e["source"]], index[e["target"]], w, [sa, sa + len(la), sb, sb + len(lb)]])
    found = Found(text="\n".join(lines), kind="network", title=f"{name} ({net.fmt} network)",
                  sha256=hashlib.sha256(path.read_bytes()).hexdigest())
    found.layout.update(nodes=nodes, ties=ties, format=net.fmt)
    return found

