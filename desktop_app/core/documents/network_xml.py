"""Reading an actor network made elsewhere (Gephi, yEd, Cytoscape, networkx): GraphML and GEXF.

Parsed with defusedxml, never the plain standard-library parser: a file from
outside may declare entities (the "billion laughs") or fetch external ones,
and defusedxml refuses both. Only what an actor network needs is read: each
node's id, label and type, each edge's ends and weight. Types are mapped onto
Eventscope's five actor types by common words ("org", "militia", "city" ...);
a node whose type is missing or unknown is an organization, the commonest
kind of actor in the networks analysts exchange.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from .found import FormatError, checked_size

MAX_BYTES = 200 * 1024 * 1024
_TYPE_WORDS = {
    "person": ("person", "people", "individual", "human", "persona", "man", "woman", "official", "leader"),
    "organization": ("organization", "organisation", "org", "company", "institution", "agency", "ministry",
                     "party", "government", "ngo", "business", "firm", "body"),
    "group": ("group", "armed", "militia", "gang", "faction", "rebel", "criminal", "network", "cell", "clan"),
    "media": ("media", "press", "newspaper", "outlet", "news", "journal", "broadcaster", "tv", "radio", "source"),
    "location": ("location", "place", "city", "country", "region", "town", "geo", "site", "area", "village"),
}
_TYPE_KEYS = ("type", "kind", "category", "class", "actor_type", "actortype", "nodetype", "group")
_LABEL_KEYS = ("label", "name", "title")


def actor_type(value) -> str:
    """One of the actor types for a type as another tool writes it."""
    s = str(value or "").strip().lower()
    if not s:
        return "organization"
    for t, words in _TYPE_WORDS.items():
        if s == t or s in words:
            return t
    for t, words in _TYPE_WORDS.items():
        if any(w in s.replace("_", " ").replace("-", " ").split() for w in words):
            return t
    return "organization"


@dataclass
class Network:
    nodes: list[dict] = field(default_factory=list)    # {"id", "label", "type"}
    edges: list[dict] = field(default_factory=list)    # {"source", "target", "weight"}
    fmt: str = ""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _weight(v) -> float:
    try:
        w = float(v)
    except (TypeError, ValueError):
        return 1.0
    return w if math.isfinite(w) and w > 0 else 1.0


def _parse(path: Path):
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import parse
    checked_size(path, MAX_BYTES, "a network file")
    try:
        return parse(str(path)).getroot()
    except DefusedXmlException as exc:
        raise FormatError(f"{path.name}: refused, the file declares XML entities or a DTD "
                               f"({type(exc).__name__}); export it again without them") from None
    except (ParseError, ValueError, OSError) as exc:
        raise FormatError(f"{path.name}: is not well-formed XML ({exc})") from None


def _graphml(root, name: str) -> Network:
    keys = {}
    for k in root.iter():
        if _local(k.tag) == "key" and k.get("id"):
            keys[k.get("id")] = (k.get("attr.name") or k.get("id")).lower()
    net = Network(fmt="GraphML")
    for el in root.iter():
        tag = _local(el.tag)
        if tag not in ("node", "edge"):
            continue
        data = {keys.get(d.get("key"), (d.get("key") or "").lower()): (d.text or "").strip()
                for d in el if _local(d.tag) == "data"}
        if tag == "node":
            if not el.get("id"):
                raise FormatError(f"{name}: a node has no id")
            net.nodes.append(_node(el.get("id"), data))
        else:
            if not el.get("source") or not el.get("target"):
                raise FormatError(f"{name}: an edge lacks its source or target")
            net.edges.append({"source": el.get("source"), "target": el.get("target"), "weight": _weight(data.get("weight", 1))})
    return net


def _node(node_id: str, data: dict) -> dict:
    label = next((data[k] for k in _LABEL_KEYS if data.get(k)), None) or node_id
    kind = next((data[k] for k in _TYPE_KEYS if data.get(k)), None)
    return {"id": node_id, "label": " ".join(str(label).split()), "type": actor_type(kind)}


def _gexf(root, name: str) -> Network:
    titles = {}
    for a in root.iter():
        if _local(a.tag) == "attribute" and a.get("id") is not None:
            titles[a.get("id")] = (a.get("title") or a.get("id")).lower()
    net = Network(fmt="GEXF")
    for el in root.iter():
        tag = _local(el.tag)
        if tag == "node":
            if not el.get("id"):
                raise FormatError(f"{name}: a node has no id")
            data = {titles.get(v.get("for"), (v.get("for") or "").lower()): v.get("value") or ""
                    for v in el.iter() if _local(v.tag) == "attvalue"}
            if el.get("label"):
                data["label"] = el.get("label")
            net.nodes.append(_node(el.get("id"), data))
        elif tag == "edge":
            if not el.get("source") or not el.get("target"):
                raise FormatError(f"{name}: an edge lacks its source or target")
            net.edges.append({"source": el.get("source"), "target": el.get("target"), "weight": _weight(el.get("weight", 1))})
    return net


def read_network(path: str | Path) -> Network:
    """Nodes and edges of a GraphML or GEXF file; ``FormatError`` with a one-line message otherwise."""
    path = Path(path)
    root = _parse(path)
    kind = _local(root.tag).lower()
    if kind == "graphml":
        net = _graphml(root, path.name)
    elif kind == "gexf":
        net = _gexf(root, path.name)
    else:
        raise FormatError(f"{path.name}: is neither GraphML nor GEXF (its root element is <{_local(root.tag)}>)")
    ids = {n["id"] for n in net.nodes}
    for e in net.edges:   # GraphML allows edges to name nodes it never declares
        for end in (e["source"], e["target"]):
            if end not in ids:
                ids.add(end)
                net.nodes.append({"id": end, "label": end, "type": "organization"})
    if not net.nodes:
        raise FormatError(f"{path.name}: holds no nodes")
    return net
