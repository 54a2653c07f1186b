"""Crash recovery: what was not yet saved, written aside every few seconds.

The recovery file uses the workspace format itself (so the same reader,
checks and migrations apply) with two extra meta keys: ``recovery_of`` (the
workspace it shadows, empty when never saved) and ``recovery_kind``:

* ``edits``: only the edit log; the documents and extraction are those of the
  saved workspace.  This is the usual case and stays small however large the
  corpus.  Because edits name their targets by stable keys, they replay
  correctly even if the saved file changed since.
* ``full``: everything, for a workspace never saved or whose documents
  changed since the last save.

It sits next to the workspace (``name.esw.recovery``) when that folder is
writable, else in the user data folder, and it is deleted after a save or a
clean close.  A recovery file whose writer process is still running belongs
to another window and is never offered.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Optional

from desktop_app.core.workspace.errors import WorkspaceError
from desktop_app.core.workspace.store import WorkspaceData, read_workspace, write_workspace

RECOVERY_SUFFIX = ".recovery"


def recovery_path(workspace: Optional[str | os.PathLike], data_dir: str | os.PathLike, token: str) -> Path:
    """Where the recovery file of ``workspace`` (None: an untitled one, told apart by ``token``) goes."""
    data_dir = Path(data_dir)
    if workspace is None:
        return data_dir / f"untitled-{token}.esw{RECOVERY_SUFFIX}"
    workspace = Path(workspace).resolve()
    beside = workspace.with_name(workspace.name + RECOVERY_SUFFIX)
    if os.access(workspace.parent, os.W_OK):
        return beside
    digest = hashlib.sha256(str(workspace).encode("utf-8")).hexdigest()[:16]
    return data_dir / f"{workspace.stem}-{digest}.esw{RECOVERY_SUFFIX}"


def write_recovery(path: Path, data: WorkspaceData, of: Optional[str | os.PathLike], full: bool) -> None:
    meta = {**data.meta, "recovery_of": str(Path(of).resolve()) if of else "",
            "recovery_kind": "full" if full else "edits", "recovery_pid": str(os.getpid()),
            "recovery_base_save_id": data.meta.get("save_id", "")}
    body = data if full else WorkspaceData(edits=data.edits, redo=data.redo)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_workspace(path, WorkspaceData(body.corpus, body.edits, body.redo, meta))


def remove_recovery(path: Optional[Path]) -> None:
    if path is None:
        return
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError:
        pass   # read-only media: the file will be offered again, which is harmless


def _writer_alive(meta: dict) -> bool:
    try:
        pid = int(meta.get("recovery_pid", ""))
    except ValueError:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def pending_recovery(path: Path) -> Optional[WorkspaceData]:
    """The unsaved work in ``path`` if it is an abandoned recovery file, else None."""
    if not path.exists():
        return None
    try:
        data = read_workspace(path)
    except WorkspaceError:
        return None
    return None if _writer_alive(data.meta) else data


def abandoned_untitled(data_dir: str | os.PathLike) -> list[Path]:
    """Recovery files of never-saved workspaces whose process died."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return []
    return sorted(p for p in data_dir.glob(f"untitled-*.esw{RECOVERY_SUFFIX}") if pending_recovery(p) is not None)


def recovered_data(recovery: WorkspaceData) -> tuple[WorkspaceData, Optional[str], list[str]]:
    """Rebuild the unsaved workspace from a recovery file: (data, workspace path or None, warnings)."""
    warnings: list[str] = []
    of = recovery.meta.get("recovery_of") or None
    meta = {k: v for k, v in recovery.meta.items() if not k.startswith("recovery_")}
    if recovery.meta.get("recovery_kind") == "full":
        return WorkspaceData(recovery.corpus, recovery.edits, recovery.redo, meta), of, warnings
    if of is None:
        raise WorkspaceError("the recovery file holds only edits and does not say which workspace they belong to")
    base = read_workspace(of)
    if base.meta.get("save_id") != recovery.meta.get("recovery_base_save_id"):
        warnings.append(f"{Path(of).name} was saved again after these edits were made; "
                        "they were replayed on the newer save")
    return WorkspaceData(base.corpus, recovery.edits, recovery.redo, base.meta), of, warnings
