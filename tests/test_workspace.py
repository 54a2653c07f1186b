"""The workspace file: round trips, adding documents, atomic save, and refusing bad files."""
from __future__ import annotations

import os
import sqlite3
from dataclasses import replace

import pytest

from desktop_app.core.model import Document
from desktop_app.core.workspace import Workspace, WorkspaceError, edits, read_workspace, write_workspace
from desktop_app.core.workspace import schema
from desktop_app.core.workspace.store import WorkspaceData
from workspace_corpus import by_label, by_name, sample_corpus


def _saved(tmp_path, corpus=None, log=()):
    ws = Workspace(WorkspaceData(corpus or sample_corpus()), data_dir=tmp_path / "data")
    for e in log:
        ws.push(e)
    return ws, ws.save(tmp_path / "study.esw")


def test_corpus_round_trips_through_the_file_exactly(tmp_path):
    corpus = sample_corpus()
    write_workspace(tmp_path / "w.esw", WorkspaceData(corpus))
    back = read_workspace(tmp_path / "w.esw")
    assert back.corpus == corpus
    assert back.meta["save_id"] and back.edits == [] and back.redo == []


def test_edits_and_redo_branch_persist(tmp_path):
    c = sample_corpus()
    ws, path = _saved(tmp_path, c, [edits.rename_actor(by_name(c, "Mara Velk"), "M. Velk"),
                                    edits.delete_event(c, by_label(c, "resign"))])
    ws.undo()
    ws.save()
    again = Workspace.open(path, data_dir=tmp_path / "data")
    assert [e.kind for e in again.stack.edits] == ["rename_actor"]
    assert [e.kind for e in again.stack.redoable] == ["delete_event"]
    assert by_name(again.corpus, "M. Velk") and not again.dirty
    again.redo()
    assert "resign" not in {e.label for e in again.corpus.events}


def test_saved_file_is_self_contained_with_no_sidecars(tmp_path):
    ws, path = _saved(tmp_path)
    # While open, study.esw.lock marks it taken (lock.py); closed, the file stands alone.
    assert (tmp_path / "study.esw.lock").exists()
    ws.close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["study.esw"]
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert db.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
        assert db.execute("PRAGMA user_version").fetchone()[0] == schema.schema_version()
    finally:
        db.close()
    copied = tmp_path / "copy.esw"
    copied.write_bytes(path.read_bytes())
    assert read_workspace(copied).corpus == sample_corpus()


def test_adding_documents_skips_same_content_and_keeps_ids_unique(tmp_path):
    ws = Workspace(WorkspaceData(sample_corpus()), data_dir=tmp_path)
    existing = ws.documents[0]
    same = Document("other-name", "/elsewhere/copy.txt", existing.text, sha256=existing.sha256)
    clash = Document("doc-a", "/new/doc-a.txt", "A new article about harbours.")
    result = ws.add_documents([same, clash])
    assert [d.path for d in result.added] == ["/new/doc-a.txt"]
    assert result.added[0].id == "doc-a-2" and result.added[0].sha256
    assert result.messages() == ["/elsewhere/copy.txt: already in workspace (as Harbour talks)"]
    assert ws.dirty and ws.unextracted == {"doc-a-2"}
    again = ws.add_documents([replace(clash, id="zzz")])
    assert again.added == [] and len(again.already) == 1


def test_set_extraction_replays_edits_on_fresh_extraction(tmp_path):
    c = sample_corpus()
    ws = Workspace(WorkspaceData(c), data_dir=tmp_path)
    ws.push(edits.rename_actor(by_name(c, "Fishers Union"), "Fishers' Union"))
    ws.reextract(lambda docs, task=None: sample_corpus(renumber=True))
    assert by_name(ws.corpus, "Fishers' Union").id == "x2"
    with pytest.raises(WorkspaceError, match="does not match"):
        ws.set_extraction(replace(c, documents=c.documents[:1]))


def test_dirty_follows_edits_undo_and_save(tmp_path):
    c = sample_corpus()
    ws, path = _saved(tmp_path)
    assert not ws.dirty
    ws.push(edits.delete_actor(by_name(c, "Mara Velk")))
    assert ws.dirty
    ws.undo()
    assert not ws.dirty
    ws.redo()
    ws.save()
    assert not ws.dirty


def test_failed_save_keeps_the_previous_save(tmp_path, monkeypatch):
    c = sample_corpus()
    ws, path = _saved(tmp_path, c)
    before = path.read_bytes()
    ws.push(edits.delete_actor(by_name(c, "Mara Velk")))

    def boom(*a, **k):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(WorkspaceError, match="previous save is intact"):
        ws.save()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert ws.dirty


def test_newer_schema_is_refused_and_never_overwritten(tmp_path):
    _, path = _saved(tmp_path)
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 7")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(WorkspaceError, match=rf"newer Eventscope \(schema 7, this version reads up to {schema.schema_version()}\)"):
        Workspace.open(path)
    with pytest.raises(WorkspaceError, match="would destroy it"):
        write_workspace(path, WorkspaceData(sample_corpus()))
    assert path.read_bytes() == before


@pytest.mark.parametrize("content,needle", [
    (b"", "not a database file"),
    (b"just some notes\n", "not a database file"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 200, "not a database file"),
])
def test_files_that_are_not_workspaces_get_a_clear_message(tmp_path, content, needle):
    p = tmp_path / "thing.esw"
    p.write_bytes(content)
    with pytest.raises(WorkspaceError, match=needle):
        Workspace.open(p)
    assert p.read_bytes() == content


def test_other_sqlite_databases_are_not_taken_for_workspaces(tmp_path):
    p = tmp_path / "other.db"
    db = sqlite3.connect(p)
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()
    with pytest.raises(WorkspaceError, match="not an Eventscope workspace"):
        Workspace.open(p)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(WorkspaceError, match="does not exist"):
        Workspace.open(tmp_path / "nope.esw")
    with pytest.raises(WorkspaceError, match="folder"):
        Workspace.open(tmp_path)


@pytest.mark.parametrize("keep", [0.5, 0.9, 100 / 4096])
def test_truncated_workspace_is_reported_as_damaged(tmp_path, keep):
    big = sample_corpus()
    big = replace(big, documents=[replace(d, text=d.text * 200) for d in big.documents])
    _, path = _saved(tmp_path, big)
    data = path.read_bytes()
    cut = tmp_path / "cut.esw"
    cut.write_bytes(data[: max(100, int(len(data) * keep))])
    before = cut.read_bytes()
    with pytest.raises(WorkspaceError, match="damaged|truncated"):
        Workspace.open(cut)
    assert cut.read_bytes() == before


def test_corrupted_pages_are_reported_as_damaged(tmp_path):
    big = sample_corpus()
    big = replace(big, documents=[replace(d, text=d.text * 200) for d in big.documents])
    _, path = _saved(tmp_path, big)
    data = bytearray(path.read_bytes())
    for i in range(4096, len(data), 97):
        data[i] = (data[i] * 7 + 13) % 256
    path.write_bytes(bytes(data))
    with pytest.raises(WorkspaceError, match="damaged|cannot read"):
        Workspace.open(path)


def test_bad_edit_rows_are_reported_not_crashed_on(tmp_path):
    _, path = _saved(tmp_path)
    db = sqlite3.connect(path)
    db.execute("INSERT INTO edits (state, kind, payload, created) VALUES ('applied', 'rename_actor', '{}', '')")
    db.commit()
    db.close()
    with pytest.raises(WorkspaceError, match="missing field"):
        Workspace.open(path)


def test_older_schema_is_migrated_in_memory_without_touching_the_file(tmp_path, monkeypatch):
    _, path = _saved(tmp_path)
    before = path.read_bytes()

    def v2(db):
        db.execute("ALTER TABLE documents ADD COLUMN language TEXT")
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS + [v2])
    ws = Workspace.open(path)
    assert ws.corpus == sample_corpus()
    assert path.read_bytes() == before
    ws.save(tmp_path / "upgraded.esw")
    db = sqlite3.connect(tmp_path / "upgraded.esw")
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS)
    assert "language" in [r[1] for r in db.execute("PRAGMA table_info(documents)")]
    db.close()


def test_save_to_missing_folder_is_a_clear_error(tmp_path):
    ws = Workspace(WorkspaceData(sample_corpus()), data_dir=tmp_path)
    with pytest.raises(WorkspaceError, match="does not exist"):
        ws.save(tmp_path / "no" / "such" / "w.esw")
    with pytest.raises(WorkspaceError, match="choose where"):
        ws.save()


def test_undo_and_redo_always_match_a_full_replay(tmp_path):
    from desktop_app.core.workspace import apply_edits
    c = sample_corpus()
    ws = Workspace(WorkspaceData(c), data_dir=tmp_path)
    log = [edits.rename_actor(by_name(c, "Mara Velk"), "M. Velk"),
           edits.merge_actors(by_name(c, "Harbour Council"), [by_name(c, "Fishers Union")]),
           edits.delete_event(c, by_label(c, "resign")),
           edits.add_alias(by_name(c, "Harbour Council"), "HC")]
    for e in log:
        ws.push(e)
        assert ws.corpus == apply_edits(c, ws.stack.edits)
    while ws.undo():
        assert ws.corpus == apply_edits(c, ws.stack.edits)
    assert ws.corpus == c
    ws.redo()
    ws.redo()
    assert ws.corpus == apply_edits(c, log[:2])
    ws.push(edits.set_actor_type(by_name(ws.corpus, "M. Velk"), "group"))   # drops the redo branch
    assert not ws.stack.can_redo()
    ws.undo()
    assert ws.corpus == apply_edits(c, log[:2])
    assert c == sample_corpus()      # the extraction itself was never touched


def test_creation_time_edit_is_read_by_the_next_extraction_and_undo_restores_it(tmp_path):
    c = sample_corpus()
    ws = Workspace(WorkspaceData(c), data_dir=tmp_path)
    seen = []

    def extractor(docs, task=None):
        seen.append({d.id: d.dct for d in docs})
        return replace(c, documents=list(docs))
    assert ws.stale_documents() == []
    ws.push(edits.set_dct(c.documents[1], "2021-04-30", "day"))
    assert ws.stale_documents() == ["doc-b"]
    assert ws.corpus.documents[1].dct == "2021-04-30"     # shown at once, dates follow on re-extraction
    ws.reextract(extractor)
    assert seen[-1]["doc-b"] == "2021-04-30" and ws.stale_documents() == []
    assert ws.extraction.documents[1].dct is None         # the loaded document is kept as it was
    ws.undo()
    assert ws.stale_documents() == ["doc-b"]
    ws.reextract(extractor)
    assert seen[-1]["doc-b"] is None and ws.stale_documents() == []
    path = ws.save(tmp_path / "w.esw")
    ws.redo()
    ws.save()
    assert Workspace.open(path).stale_documents() == ["doc-b"]   # still owed after reopening


@pytest.mark.parametrize("sql,needle", [
    ("UPDATE mentions SET span_start = 'four' WHERE rowid = 1", "wrong kind"),
    ("UPDATE events SET doc = 'nowhere' WHERE ord = 0", "does not contain"),
    ("DROP TABLE ties; CREATE VIEW ties AS SELECT 0 AS ord, 'a' AS source, 'b' AS target, 1.0 AS weight, '[]' AS events",
     "missing or was replaced"),
    ("UPDATE actors SET aliases = 'not json' WHERE ord = 0", "cannot read"),
])
def test_hand_edited_files_with_wrong_content_are_refused(tmp_path, sql, needle):
    _, path = _saved(tmp_path)
    db = sqlite3.connect(path)
    db.executescript(sql)
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(WorkspaceError, match=needle):
        Workspace.open(path)
    assert path.read_bytes() == before


def test_unreadable_bookkeeping_in_meta_is_recomputed_not_fatal(tmp_path):
    _, path = _saved(tmp_path)
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value = '{broken' WHERE key IN ('unextracted', 'extracted_dct')")
    db.commit()
    db.close()
    ws = Workspace.open(path)
    assert ws.stale_documents() == [] and ws.corpus == sample_corpus()
