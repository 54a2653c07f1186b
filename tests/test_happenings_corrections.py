"""Analyst corrections to happenings: merge and split, undo, re-extraction and saving keep them."""
from desktop_app.core.workspace.happening_edits import corrected_happenings, merge_happenings, split_happening
from happening_reports import dated_event, report_docs
from desktop_app.core.pipeline import extract_corpus
from desktop_app.core.workspace import Workspace
from desktop_app.core.workspace.store import WorkspaceData

def _docs():
    return report_docs()


def _event(corpus, doc):
    return dated_event(corpus, doc)


def _same(ws, d1, d2):
    h = corrected_happenings(ws.corpus, ws.stack.edits)
    rows = {e.id: i for i, e in enumerate(ws.corpus.events)}
    return h.of_event[rows[_event(ws.corpus, d1).id]] == h.of_event[rows[_event(ws.corpus, d2).id]]


def _workspace(tmp_path):
    return Workspace(WorkspaceData(extract_corpus(_docs())), data_dir=tmp_path / "data")


def test_merge_joins_two_happenings_and_undo_parts_them_again(tmp_path):
    ws = _workspace(tmp_path)
    assert _same(ws, "a", "b") and not _same(ws, "a", "c")
    ws.push(merge_happenings(ws.corpus, [_event(ws.corpus, "a"), _event(ws.corpus, "c")]))
    assert _same(ws, "a", "c") and _same(ws, "b", "c")
    ws.undo()
    assert not _same(ws, "a", "c")
    ws.redo()
    assert _same(ws, "a", "c")


def test_split_takes_a_report_out_of_its_happening(tmp_path):
    ws = _workspace(tmp_path)
    ws.push(split_happening(ws.corpus, [_event(ws.corpus, "b")]))
    assert not _same(ws, "a", "b")
    h = corrected_happenings(ws.corpus, ws.stack.edits)
    assert len(set(h.ids)) == len(h.ids)        # the new happening has an id of its own


def test_corrections_survive_re_extraction_and_saving(tmp_path):
    ws = _workspace(tmp_path)
    ws.push(split_happening(ws.corpus, [_event(ws.corpus, "b")]))
    ws.reextract(lambda docs, task=None: extract_corpus(list(docs)))
    assert not _same(ws, "a", "b")
    path = ws.save(tmp_path / "study.esw")
    again = Workspace.open(path, data_dir=tmp_path / "data")
    assert [e.kind for e in again.stack.edits] == ["split_happening"]
    assert not _same(again, "a", "b")


def test_workspace_json_export_carries_corrected_happenings_and_import_reproduces_them(tmp_path):
    from desktop_app.core.interchange.workspace_json import workspace_from_json, workspace_to_json
    ws = _workspace(tmp_path)
    ws.push(split_happening(ws.corpus, [_event(ws.corpus, "b")]))
    data = workspace_to_json(ws.data().corpus, ws.corpus, ws.stack.edits)
    by_event = {e["id"]: e["happening"] for e in data["events"]}
    assert by_event[_event(ws.corpus, "a").id] != by_event[_event(ws.corpus, "b").id]
    assert {h["id"] for h in data["happenings"]} == set(by_event.values())
    back = workspace_from_json(data)
    again = corrected_happenings(back.corpus, back.edits)
    assert sorted(again.ids) == sorted(h["id"] for h in data["happenings"])
