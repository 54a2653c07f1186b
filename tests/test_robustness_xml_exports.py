"""GraphML and GEXF stay valid XML whatever the names hold (issue 16, failure 5).

Before: an actor named ``a\\x00b\\x01c`` (by a rename or an import) made both exports unparseable
by Gephi and by networkx, since XML 1.0 cannot carry those characters even as references.
"""
from __future__ import annotations

import defusedxml.ElementTree as DET
import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.interchange import export_gexf, export_graphml
from desktop_app.core.interchange.graph_files import xml_text
from desktop_app.core.model import Actor, Tie
from desktop_app.core.workspace import Workspace, edits
from desktop_app.core.workspace.store import WorkspaceData
from workspace_corpus import by_name, sample_corpus

HOSTILE = "a\x00b\x01c\x0b\x1f\ufffe\ud800 <&>\"'"


def _read_back(tmp_path, corpus):
    export_graphml(corpus, tmp_path / "n.graphml")
    export_gexf(corpus, tmp_path / "n.gexf")
    for f in ("n.graphml", "n.gexf"):
        DET.parse(tmp_path / f)                   # what Gephi and yEd need: well-formed XML
    return nx.read_graphml(tmp_path / "n.graphml"), nx.read_gexf(tmp_path / "n.gexf")


def test_an_actor_renamed_with_control_characters_exports_to_files_networkx_reads(tmp_path):
    c = sample_corpus()
    ws = Workspace(WorkspaceData(c), data_dir=tmp_path)
    ws.push(edits.rename_actor(by_name(c, "Mara Velk"), "a\x00b\x01c"))
    graphml, gexf = _read_back(tmp_path, ws.corpus)
    labels = {d["label"] for _, d in graphml.nodes(data=True)}
    assert "a\\x00b\\x01c" in labels                # written out visibly, not dropped
    assert "a\\x00b\\x01c" in {d["label"] for _, d in gexf.nodes(data=True)}
    assert graphml.number_of_edges() == gexf.number_of_edges() == len({frozenset((t.source, t.target))
                                                                       for t in ws.corpus.ties})


def test_ids_aliases_and_types_with_any_character_stay_distinct_and_valid(tmp_path):
    c = sample_corpus()
    first, second = c.actors[0], c.actors[1]
    c.actors[0] = Actor("x\x00", HOSTILE, first.type, [HOSTILE, "\x07bell"])
    c.actors[1] = Actor("x\x01", second.name, second.type, second.aliases)
    c.ties = [Tie("x\x00", "x\x01", 1.5, [])] + [t for t in c.ties if {t.source, t.target}.isdisjoint(
        {first.id, second.id})]
    c.mentions = [m for m in c.mentions if m.actor not in (first.id, second.id)]
    c.events = [e for e in c.events if all(p.actor not in (first.id, second.id) for p in e.actors)]
    graphml, gexf = _read_back(tmp_path, c)
    assert {"x\\x00", "x\\x01"} <= set(graphml.nodes) and {"x\\x00", "x\\x01"} <= set(gexf.nodes)
    assert graphml.has_edge("x\\x00", "x\\x01")


def test_xml_text_escapes_only_what_xml_forbids():
    assert xml_text("tab\tnew\nline\r ok é 中 \U0001F600") == "tab\tnew\nline\r ok é 中 \U0001F600"
    assert xml_text("a\x00b") == "a\\x00b" and xml_text("\ud800") == "\ufffd" and xml_text(3) == 3


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(st.characters(codec=None, blacklist_categories=()), max_size=20).filter(str.strip))
def test_any_actor_name_exports_to_well_formed_graph_files(tmp_path, name):
    c = sample_corpus()
    ws = Workspace(WorkspaceData(c), data_dir=tmp_path)
    ws.push(edits.rename_actor(by_name(c, "Mara Velk"), name))
    graphml, gexf = _read_back(tmp_path, ws.corpus)
    expected = {xml_text(a.name) for a in ws.corpus.actors}
    assert {d["label"] for _, d in graphml.nodes(data=True)} == expected
    assert {d["label"] for _, d in gexf.nodes(data=True)} == expected
