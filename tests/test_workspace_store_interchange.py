"""Exports of a columnar corpus: the same files as from lists, without a dict of every event."""
from __future__ import annotations

import json

import pytest

from desktop_app.core.interchange import (
    export_actors_csv, export_events_csv, export_gexf, export_graphml, export_ties_csv, export_workspace_json,
    import_workspace_json, workspace_to_json,
)
from desktop_app.core.interchange.columns import EventColumns
from desktop_app.core.model import Corpus, Tie
from desktop_app.core.store import EventStore, EvidenceIds, compact, is_compact
from desktop_app.core.synthetic import make_corpus
from desktop_app.core.workspace import Workspace, edits
from desktop_app.core.workspace.store import WorkspaceData
from tests.workspace_corpus import by_name, sample_corpus

EXPORTERS = {"events.csv": export_events_csv, "actors.csv": export_actors_csv, "ties.csv": export_ties_csv,
             "net.graphml": export_graphml, "net.gexf": export_gexf}


def _as_lists(c: Corpus) -> Corpus:
    return Corpus(list(c.documents), list(c.timexes), list(c.actors), list(c.mentions), list(c.events),
                  [Tie(t.source, t.target, t.weight, list(t.events)) for t in c.ties], list(c.errors))


@pytest.mark.parametrize("make", [lambda: make_corpus(300, 25, seed=7, compact=True), lambda: compact(sample_corpus())])
def test_compact_corpus_exports_the_same_files_as_lists(tmp_path, make):
    packed = make()
    assert is_compact(packed) and all(isinstance(t.events, EvidenceIds) for t in packed.ties)
    plain = _as_lists(packed)
    for name, export in EXPORTERS.items():
        export(packed, tmp_path / f"packed-{name}")
        export(plain, tmp_path / f"plain-{name}")
        packed_bytes = (tmp_path / f"packed-{name}").read_bytes()
        assert packed_bytes == (tmp_path / f"plain-{name}").read_bytes(), name
        assert packed_bytes.count(b"\n") > 2      # more than a header


def test_events_are_not_built_to_date_ties(monkeypatch, tmp_path):
    c = make_corpus(200, 20, seed=8, compact=True)
    built = []
    real = EventStore._item
    monkeypatch.setattr(EventStore, "_item", lambda self, i: built.append(i) or real(self, i))
    for name in ("actors.csv", "ties.csv", "net.graphml", "net.gexf"):
        EXPORTERS[name](c, tmp_path / name)
    assert built == []


def test_evidence_of_an_earlier_store_is_looked_up_by_id():
    c = make_corpus(120, 10, seed=9, compact=True)
    later = compact(_as_lists(c))                    # a new store, ties still pointing at the old one
    tie = c.ties[0]
    cols = EventColumns(Corpus(later.documents, later.timexes, later.actors, later.mentions, later.events,
                               [tie], []))
    rows = cols.rows(tie.events)
    assert [later.events.ids[int(r)] for r in rows] == list(tie.events)


def test_workspace_json_of_a_compact_workspace_streams_the_same_file(tmp_path):
    c = compact(sample_corpus())
    ws = Workspace(WorkspaceData(c), data_dir=tmp_path)
    ws.push(edits.rename_actor(by_name(c, "Mara Velk"), "M. Velk"))
    path = tmp_path / "w.json"
    export_workspace_json(path, ws)
    expected = workspace_to_json(ws.extraction, ws.corpus, ws.stack.edits, ws.stack.redoable, ws.notes, ws.name)
    assert path.read_text(encoding="utf-8") == json.dumps(expected, ensure_ascii=False, indent=1) + "\n"
    back = import_workspace_json(path)
    assert is_compact(back.corpus)
    assert list(back.corpus.events) == list(sample_corpus().events)
    assert [e.kind for e in back.edits] == ["rename_actor"]
    reopened = Workspace(back, data_dir=tmp_path)
    assert by_name(reopened.corpus, "M. Velk") is not None
