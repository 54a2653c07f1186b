"""``eventscope workspace``: the headless path through create, add, info, export and import."""
from __future__ import annotations

import csv
import json

import networkx as nx

from desktop_app.cli.main import main
from desktop_app.core.workspace import Workspace, edits


def _articles(folder):
    folder.mkdir()
    (folder / "a.txt").write_text("The Harbour Council met the Fishers Union on 3 March 2021 in Portmere.\n",
                                  encoding="utf-8")
    (folder / "b.txt").write_text("Mara Velk of the Harbour Council resigned on 9 April 2021.\n", encoding="utf-8")
    return folder


def test_create_add_info_export_import(tmp_path, capsys):
    docs = _articles(tmp_path / "docs")
    ws_path = tmp_path / "study.esw"
    assert main(["workspace", "create", str(ws_path), str(docs / "a.txt")]) == 0
    assert main(["workspace", "add", str(ws_path), str(docs)]) == 0
    err = capsys.readouterr().err
    assert "a.txt: already in workspace" in err
    ws = Workspace.open(ws_path)
    assert len(ws.documents) == 2 and ws.stale_documents() == []
    council = next(a for a in ws.corpus.actors if a.name == "Harbour Council")
    ws.push(edits.rename_actor(council, "Portmere Harbour Council"))
    ws.save()
    assert main(["workspace", "reextract", str(ws_path)]) == 0
    assert main(["workspace", "info", str(ws_path)]) == 0
    out = capsys.readouterr().out
    assert "documents   2" in out and "edits       1 applied" in out
    assert main(["workspace", "export", str(ws_path), "--format", "actors_csv", "--out", str(tmp_path / "a.csv")]) == 0
    with open(tmp_path / "a.csv", encoding="utf-8-sig", newline="") as f:
        names = {row["name"] for row in csv.DictReader(f)}
    assert "Portmere Harbour Council" in names and "Harbour Council" not in names
    assert main(["workspace", "export", str(ws_path), "--format", "graphml", "--out", str(tmp_path / "n.graphml")]) == 0
    labels = {d["label"] for _, d in nx.read_graphml(tmp_path / "n.graphml").nodes(data=True)}
    assert "Portmere Harbour Council" in labels
    assert main(["workspace", "export", str(ws_path), "--format", "json", "--out", str(tmp_path / "w.json")]) == 0
    assert json.loads((tmp_path / "w.json").read_text(encoding="utf-8"))["edits"][0]["kind"] == "rename_actor"
    assert main(["workspace", "import", str(tmp_path / "w.json"), "--out", str(tmp_path / "copy.esw")]) == 0
    assert Workspace.open(tmp_path / "copy.esw").corpus == Workspace.open(ws_path).corpus


def test_user_errors_exit_2_with_one_line(tmp_path, capsys):
    docs = _articles(tmp_path / "docs")
    assert main(["workspace", "info", str(docs / "a.txt")]) == 2
    assert "not an Eventscope workspace" in capsys.readouterr().err
    assert main(["workspace", "create", str(tmp_path / "w.esw")]) == 0
    assert main(["workspace", "create", str(tmp_path / "w.esw")]) == 2
    assert "already exists" in capsys.readouterr().err
    (tmp_path / "bad.json").write_text('{"format": "eventscope-workspace", "format_version": 99}', encoding="utf-8")
    assert main(["workspace", "import", str(tmp_path / "bad.json"), "--out", str(tmp_path / "x.esw")]) == 2
    assert "newer Eventscope" in capsys.readouterr().err
    assert not (tmp_path / "x.esw").exists()
