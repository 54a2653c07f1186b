"""Workspaces: one file holding documents, their extraction and the analyst's corrections.

Public entry points::

    from desktop_app.core.workspace import Workspace, WorkspaceError, apply_edits, edits
    ws = Workspace.open("study.esw")          # or Workspace() for a new one
    ws.add_documents(docs)                     # duplicates by content are reported, not added
    ws.reextract(extract_corpus)               # edits survive: they are replayed on the result
    ws.push(edits.rename_actor(actor, "New name"))
    ws.undo(); ws.redo(); ws.save("study.esw")
    ws.corpus                                  # the corrected corpus the views show
"""
from desktop_app.core.workspace import edits
from desktop_app.core.workspace.edits import Edit
from desktop_app.core.workspace.errors import WorkspaceError
from desktop_app.core.workspace.keys import event_key, name_key
from desktop_app.core.workspace.lock import WorkspaceLocked
from desktop_app.core.workspace.replay import Note, Replay, Skipped, apply_edits, replay
from desktop_app.core.workspace.session import AddResult, Workspace
from desktop_app.core.workspace.store import SUFFIX, WorkspaceData, read_workspace, write_workspace
from desktop_app.core.workspace.undo import UndoStack

__all__ = [
    "AddResult", "Edit", "Note", "Replay", "SUFFIX", "Skipped", "UndoStack", "Workspace", "WorkspaceData",
    "WorkspaceError", "WorkspaceLocked", "apply_edits", "edits", "event_key", "name_key", "read_workspace", "replay",
    "write_workspace",
]
