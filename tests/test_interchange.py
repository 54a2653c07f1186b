"""CSV, GraphML, GEXF and workspace JSON: what other tools will read, and what we accept back."""
from __future__ import annotations

import csv
import json

import defusedxml.ElementTree as DET
import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

from desktop_app.core.interchange import (
    InterchangeError, corpus_from_json, corpus_to_json, export_actors_csv, export_events_csv, export_gexf,
    export_graphml, export_ties_csv, export_workspace_json, import_workspace_json, workspace_from_json,
    workspace_to_json,
)
from desktop_app.core.interchange.tables import EVENT_COLUMNS
from desktop_app.core.model import Actor
from desktop_app.core.workspace import Workspace, edits, read_workspace, write_workspace
from desktop_app.core.workspace.store import WorkspaceData
from workspace_corpus import by_label, by_name, sample_corpus
from workspace_strategies import corpora


def _read_csv(path, encoding="utf-8-sig"):
    with open(path, encoding=encoding, newline="") as f:
        return list(csv.reader(f))


def test_events_csv_has_bom_crlf_and_quotes_awkward_text(tmp_path):
    c = sample_corpus()
    p = tmp_path / "events.csv"
    export_events_csv(c, p)
    raw = p.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = _read_csv(p)
    assert tuple(rows[0]) == EVENT_COLUMNS and len(rows) == 1 + len(c.events)
    accuse = next(r for r in rows if r[5] == "accuse")
    row = dict(zip(EVENT_COLUMNS, accuse))
    assert row["sentence"] == "On 10 March 2021 the union accused the council of delay, Velk said."
    assert row["reported_by"] == "Mara Velk" and row["agents"] == "Fishers Union"
    resign = dict(zip(EVENT_COLUMNS, next(r for r in rows if r[5] == "resign")))
    assert (resign["date_from"], resign["date_to"], resign["precision"]) == ("2021-04-01", "2021-04-30", "month")


def test_csv_defuses_formulas_in_excel_mode_only(tmp_path):
    c = sample_corpus()
    c.actors.append(Actor("evil", '=HYPERLINK("http://x","click"), "quoted"\nnext line', "person", ["+1", "-x"]))
    export_actors_csv(c, tmp_path / "excel.csv")
    export_actors_csv(c, tmp_path / "plain.csv", excel=False)
    excel = {r[0]: r for r in _read_csv(tmp_path / "excel.csv")}
    plain = {r[0]: r for r in _read_csv(tmp_path / "plain.csv", "utf-8")}
    assert excel["evil"][1].startswith("'=HYPERLINK") and excel["evil"][1].endswith("next line")
    assert plain["evil"][1] == c.actors[-1].name
    assert not (tmp_path / "plain.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert excel[by_name(c, "Fishers Union").id][4] == "3"      # mentions counted, numbers untouched


def test_ties_csv_carries_time_span(tmp_path):
    c = sample_corpus()
    export_ties_csv(c, tmp_path / "ties.csv")
    rows = _read_csv(tmp_path / "ties.csv")
    council_union = next(r for r in rows if {r[1], r[3]} == {"Harbour Council", "Fishers Union"})
    assert council_union[4:8] == ["2.0", "2", "2021-03-03", "2021-03-10"]
    assert council_union[8] == ""         # not grouped into happenings: no happening count


def test_graphml_round_trips_through_networkx_and_defusedxml(tmp_path):
    c = sample_corpus()
    p = tmp_path / "net.graphml"
    export_graphml(c, p)
    DET.parse(p)      # well-formed and free of entity tricks
    g = nx.read_graphml(p)
    assert set(g.nodes) == {a.id for a in c.actors}
    council, union = by_name(c, "Harbour Council").id, by_name(c, "Fishers Union").id
    assert g.nodes[council]["type"] == "organization" and g.nodes[council]["label"] == "Harbour Council"
    e = g.edges[council, union]
    assert e["weight"] == 2.0 and (e["start"], e["end"]) == ("2021-03-03", "2021-03-10")


def test_gexf_is_dynamic_with_spells_per_event(tmp_path):
    c = sample_corpus()
    p = tmp_path / "net.gexf"
    export_gexf(c, p)
    root = DET.parse(p).getroot()
    graph = root.find("{http://www.gexf.net/1.2draft}graph")
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    g = nx.read_gexf(p)
    council, union = by_name(c, "Harbour Council").id, by_name(c, "Fishers Union").id
    e = g.edges[council, union]
    assert e["weight"] == 2.0
    assert e["spells"] == [("2021-03-03", "2021-03-03"), ("2021-03-10", "2021-03-10")]
    assert g.nodes[by_name(c, "Mara Velk").id]["type"] == "person"


def test_gexf_of_an_undated_network_is_static(tmp_path):
    c = sample_corpus()
    for e in c.events:
        e.date = None
    export_gexf(c, tmp_path / "n.gexf")
    g = nx.read_gexf(tmp_path / "n.gexf")
    assert g.graph["mode"] == "static" and g.number_of_edges() == 2


def test_merged_actors_give_one_edge_in_graph_files(tmp_path):
    c = sample_corpus()
    ws = Workspace(WorkspaceData(c), data_dir=tmp_path)
    # Council-Union (2) and Velk-Union (1) fold into one edge of weight 3.
    ws.push(edits.merge_actors(by_name(c, "Harbour Council"), [by_name(c, "Mara Velk")]))
    export_gexf(ws.corpus, tmp_path / "m.gexf")
    g = nx.read_gexf(tmp_path / "m.gexf")
    assert g.number_of_nodes() == 2 and g.number_of_edges() == 1
    (edge,) = g.edges(data=True)
    assert edge[2]["weight"] == 3.0


def test_workspace_json_round_trip_keeps_edits_undoable(tmp_path):
    c = sample_corpus()
    ws = Workspace(WorkspaceData(c), data_dir=tmp_path)
    ws.push(edits.rename_actor(by_name(c, "Mara Velk"), "Mara K. Velk"))
    ws.push(edits.note(ws.corpus, by_label(ws.corpus, "meet"), "check the minutes"))
    ws.push(edits.delete_event(ws.corpus, by_label(ws.corpus, "resign")))
    ws.undo()
    p = tmp_path / "w.json"
    export_workspace_json(p, ws)
    payload = json.loads(p.read_text(encoding="utf-8"))
    assert payload["format_version"] == 1
    assert {a["name"] for a in payload["actors"]} >= {"Mara K. Velk"}     # top level: corrected
    assert payload["notes"][0]["text"] == "check the minutes"
    back = import_workspace_json(p)
    assert back.corpus == c
    assert back.edits == ws.stack.edits and back.redo == ws.stack.redoable
    again = Workspace(back, data_dir=tmp_path)
    assert again.corpus == ws.corpus and again.notes == ws.notes


def test_plain_extraction_json_with_text_imports_as_a_workspace():
    c = sample_corpus()
    data = workspace_from_json(corpus_to_json(c), "extract.json")
    assert data.corpus == c and data.edits == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora())
def test_any_corpus_round_trips_through_json(corpus):
    assert corpus_from_json(json.loads(json.dumps(corpus_to_json(corpus)))) == corpus


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(corpora())
def test_any_corpus_round_trips_through_the_workspace_file(tmp_path, corpus):
    p = tmp_path / "w.esw"
    write_workspace(p, WorkspaceData(corpus))
    assert read_workspace(p).corpus == corpus


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(corpora())
def test_any_corpus_exports_to_files_networkx_reads(tmp_path, corpus):
    export_graphml(corpus, tmp_path / "g.graphml")
    export_gexf(corpus, tmp_path / "g.gexf")
    for g in (nx.read_graphml(tmp_path / "g.graphml"), nx.read_gexf(tmp_path / "g.gexf")):
        assert set(map(str, g.nodes)) == {a.id for a in corpus.actors}
    export_events_csv(corpus, tmp_path / "e.csv")
    assert len(_read_csv(tmp_path / "e.csv")) == 1 + len(corpus.events)


def _valid_payload():
    c = sample_corpus()
    return workspace_to_json(c, c, [edits.rename_actor(by_name(c, "Mara Velk"), "MV")])


@pytest.mark.parametrize("mutate,needle", [
    (lambda d: d.update(format_version=9), r"newer Eventscope \(format 9"),
    (lambda d: d.update(format_version="1"), "whole number"),
    (lambda d: d.update(format="something-else"), "not an Eventscope workspace"),
    (lambda d: d.pop("extraction"), "missing the 'extraction'"),
    (lambda d: d["extraction"]["events"][0].pop("label"), r"events\[0\]: missing field 'label'"),
    (lambda d: d["extraction"]["events"][0].update(start="12"), r"events\[0\].start: expected a whole number, got text"),
    (lambda d: d["extraction"]["events"][0].update(start=-4), "must not be negative"),
    (lambda d: d["extraction"]["actors"][0].update(aliases=[1]), r"aliases\[0\]: expected text"),
    (lambda d: d["extraction"]["ties"][0].update(weight=True), "got true/false"),
    (lambda d: d["extraction"]["mentions"][0].update(actor="ghost"), "unknown actor 'ghost'"),
    (lambda d: d["extraction"]["events"][0].update(end=10**9), "outside its document"),
    (lambda d: d["extraction"]["events"][0]["date"].update(start="yesterday"), "not an ISO date"),
    (lambda d: d["extraction"]["events"][0]["date"].update(precision="eon"), "unknown precision"),
    (lambda d: d["documents"][0].pop("text"), "text is missing"),
    (lambda d: d.update(edits={"kind": "x"}), "'edits' must be a list"),
    (lambda d: d["edits"][0].update(kind="format_disk"), "unknown edit kind"),
    (lambda d: d["edits"][0]["payload"].pop("name"), "missing field 'name'"),
])
def test_broken_workspace_json_is_refused_with_where_and_why(mutate, needle):
    payload = json.loads(json.dumps(_valid_payload()))
    mutate(payload)
    with pytest.raises(InterchangeError, match=needle):
        workspace_from_json(payload, "w.json")


@pytest.mark.parametrize("content,needle", [
    (b"", "not valid JSON"),
    (b"{\"format\": ", "not valid JSON: .* line 1"),
    (b"\xff\xfe{}", "not UTF-8"),
    (b"[1, 2]", "expected a JSON object"),
    (b"[" * 100000 + b"]" * 100000, "nested too deeply|not valid JSON"),
])
def test_unreadable_json_files_get_a_clear_message(tmp_path, content, needle):
    p = tmp_path / "w.json"
    p.write_bytes(content)
    with pytest.raises(InterchangeError, match=needle):
        import_workspace_json(p)


def test_missing_json_file(tmp_path):
    with pytest.raises(InterchangeError, match="does not exist"):
        import_workspace_json(tmp_path / "nope.json")
