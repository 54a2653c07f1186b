"""GraphML and GEXF ties carry their happenings and reports, the numbers the network view's tip gives."""
from __future__ import annotations

import os
import re
from dataclasses import replace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import networkx as nx
import pytest

from desktop_app.core.interchange import export
from desktop_app.core.workspace import Workspace
from desktop_app.core.workspace.happening_edits import split_happening
from desktop_app.core.workspace.store import WorkspaceData
from desktop_app.gui.network.data import from_corpus

from test_network_happening_ties import _edge, corpus  # noqa: F401  (the module-scoped fixture)

READ = {"graphml": nx.read_graphml, "gexf": nx.read_gexf}


def _kenya_tanzania(g):
    ids = {d.get("label"): n for n, d in g.nodes(data=True)}
    return g.edges[ids["Kenya"], ids["Tanzania"]]


def _tip_counts(corpus):
    data = from_corpus(corpus)
    text = data.tie_text(_edge(data))
    nh, nr = map(int, re.search(r"(\d+) happenings \((\d+) reports\)", text).groups())
    return nh, nr


@pytest.mark.parametrize("kind", ["graphml", "gexf"])
def test_an_exported_tie_counts_happenings_and_reports_as_the_network_tip_does(corpus, tmp_path, kind):
    ws = Workspace(WorkspaceData(corpus), data_dir=tmp_path / "rec")
    path = tmp_path / f"n.{kind}"
    export(kind, ws, path)
    tie = _kenya_tanzania(READ[kind](path))
    nh, nr = _tip_counts(ws.corpus)
    # Three reports of the embassy bombings and one trade agreement: 2 happenings, 4 reports.
    assert (int(tie["happenings"]), int(tie["reports"])) == (nh, nr) == (2, 4)
    assert float(tie["weight"]) == nh


def test_a_split_in_the_workspace_shows_in_the_exported_happening_count(corpus, tmp_path):
    ws = Workspace(WorkspaceData(corpus), data_dir=tmp_path / "rec")
    b = next(e for e in ws.corpus.events if e.doc == "b")
    ws.push(split_happening(ws.corpus, [b]))
    export("graphml", ws, tmp_path / "n.graphml")
    tie = _kenya_tanzania(nx.read_graphml(tmp_path / "n.graphml"))
    assert (int(tie["happenings"]), int(tie["reports"])) == _tip_counts(ws.corpus) == (3, 4)


def test_without_happenings_an_exported_tie_keeps_its_report_weight_and_has_no_happening_count(corpus, tmp_path):
    from desktop_app.core.interchange import export_graphml
    bare = replace(corpus, happenings=None)
    export_graphml(bare, tmp_path / "n.graphml")
    tie = _kenya_tanzania(nx.read_graphml(tmp_path / "n.graphml"))
    original = next(t for t in corpus.ties if {t.source, t.target} == {"location:kenya", "location:tanzania"})
    assert "happenings" not in tie and int(tie["reports"]) == 4 and float(tie["weight"]) == original.weight


def test_the_ties_csv_counts_happenings_as_the_network_tip_does(corpus, tmp_path):
    import csv
    ws = Workspace(WorkspaceData(corpus), data_dir=tmp_path / "rec")
    export("ties_csv", ws, tmp_path / "t.csv")
    with open(tmp_path / "t.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    row = next(r for r in rows if {r["source"], r["target"]} == {"Kenya", "Tanzania"})
    nh, nr = _tip_counts(ws.corpus)
    assert (int(row["happenings"]), int(row["events"])) == (nh, nr) == (2, 4)
    assert float(row["weight"]) == nh
