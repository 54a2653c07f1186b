"""Autosave and crash recovery, tested by killing a real child process mid-work."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from desktop_app.core.workspace import Workspace, edits
from desktop_app.core.workspace.recovery import abandoned_untitled, pending_recovery
from desktop_app.core.workspace.store import WorkspaceData
from workspace_corpus import by_label, by_name, sample_corpus

ROOT = Path(__file__).resolve().parents[1]


def _crash_child(script: str) -> None:
    """Run ``script`` in a child that ends with os._exit: no cleanup, like a crash or kill -9."""
    code = textwrap.dedent(f"""
        import os, sys
        sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'tests')!r}]
        from desktop_app.core.workspace import Workspace, edits
        from desktop_app.core.workspace.store import WorkspaceData
        from workspace_corpus import sample_corpus, by_name, by_label
    """) + textwrap.dedent(script) + "\nos._exit(9)\n"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 9, done.stderr


def test_killed_process_leaves_recoverable_edits_of_a_saved_workspace(tmp_path):
    ws_path = tmp_path / "study.esw"
    _crash_child(f"""
        ws = Workspace(WorkspaceData(sample_corpus()), data_dir={str(tmp_path / 'data')!r})
        ws.save({str(ws_path)!r})
        c = ws.corpus
        ws.push(edits.rename_actor(by_name(c, "Mara Velk"), "Mara K. Velk"))
        ws.push(edits.delete_event(c, by_label(c, "resign")))
        assert ws.autosave()
        ws.push(edits.delete_actor(by_name(c, "Fishers Union")))   # after the last autosave: lost
    """)
    saved = Workspace.open(ws_path, data_dir=tmp_path / "data")
    assert saved.stack.edits == []            # the saved file was not touched by the crash
    rec = saved.pending_recovery_file()
    # Each session writes its own file (study.esw.TOKEN.recovery), so no other session's save deletes it.
    assert rec is not None and rec.name.startswith("study.esw.") and rec.name.endswith(".recovery")
    restored, warnings = Workspace.from_recovery(rec, data_dir=tmp_path / "data")
    assert warnings == []
    assert restored.path == ws_path.resolve() and restored.dirty
    assert [e.kind for e in restored.stack.edits] == ["rename_actor", "delete_event"]
    assert by_name(restored.corpus, "Mara K. Velk")
    assert "resign" not in {e.label for e in restored.corpus.events}
    assert by_name(restored.corpus, "Fishers Union")
    restored.save()
    assert not rec.exists()
    assert [e.kind for e in Workspace.open(ws_path).stack.edits] == ["rename_actor", "delete_event"]


def test_killed_untitled_workspace_is_recovered_from_the_data_folder(tmp_path):
    data = tmp_path / "data"
    _crash_child(f"""
        from desktop_app.core.model import Document
        ws = Workspace(WorkspaceData(sample_corpus()), data_dir={str(data)!r})
        ws.add_documents([Document("late", "/corpus/late.txt", "A late article.")])
        ws.push(edits.set_actor_type(by_name(ws.corpus, "Fishers Union"), "group"))
        assert ws.autosave()
    """)
    found = abandoned_untitled(data)
    assert len(found) == 1
    restored, _ = Workspace.from_recovery(found[0], data_dir=data)
    assert restored.path is None and restored.dirty
    assert "late" in {d.id for d in restored.documents} and restored.unextracted == {"late"}
    assert by_name(restored.corpus, "Fishers Union").type == "group"
    restored.save(tmp_path / "rescued.esw")
    assert abandoned_untitled(data) == []


def test_autosave_only_when_dirty_and_changed(tmp_path):
    c = sample_corpus()
    ws = Workspace(WorkspaceData(c), data_dir=tmp_path / "data")
    ws.save(tmp_path / "w.esw")
    assert not ws.autosave()
    ws.push(edits.add_alias(by_name(c, "Mara Velk"), "M.V."))
    assert ws.autosave()
    assert not ws.autosave()                      # nothing new since
    assert ws.recovery_file().exists()
    # A live writer's recovery file is never offered to another window.
    assert pending_recovery(ws.recovery_file()) is None
    ws.undo()                                     # back to the saved state
    assert not ws.autosave() and not ws.recovery_file().exists()


def test_recovery_edits_replay_on_a_newer_save_with_a_warning(tmp_path):
    ws_path = tmp_path / "study.esw"
    _crash_child(f"""
        ws = Workspace(WorkspaceData(sample_corpus()), data_dir={str(tmp_path / 'data')!r})
        ws.save({str(ws_path)!r})
        ws.push(edits.rename_actor(by_name(ws.corpus, "Harbour Council"), "Port Council"))
        ws.autosave()
    """)
    other = Workspace.open(ws_path, data_dir=tmp_path / "data")
    other.push(edits.add_alias(by_name(other.corpus, "Mara Velk"), "MV"))
    other.save()    # another session saved in between; the recovery file stays
    restored, warnings = Workspace.from_recovery(other.pending_recovery_file())
    assert warnings and "saved again" in warnings[0]
    assert by_name(restored.corpus, "Port Council")
