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

Each open workspace (each window, each process) writes its own file,
``name.esw.TOKEN.recovery``, next to the workspace when that folder is
writable, else in the user data folder; it is deleted after a save or a
clean close, by the session that wrote it and by no other.  (One shared
``name.esw.recovery`` let one window's save delete another's unsaved work.)
A recovery file whose writer is still running belongs to another window and
is never offered: on this machine its process id tells, from another machine
its age does (a live writer touches its file every minute, see ``lock``).
"""
from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import Optional

from desktop_app.core.workspace.errors import WorkspaceError
from desktop_app.core.workspace.lock import STALE_AFTER, hostname, pid_alive
from desktop_app.core.workspace.store import WorkspaceData, read_workspace, write_workspace
from desktop_app.core.workspace.views import BOOKMARKS_KEY, VIEW_KEY

RECOVERY_SUFFIX = ".recovery"
_NAME_MAX = 255


def _aside_stem(workspace: Path) -> str:
    """The name a workspace's recovery files get in the data folder: its stem and a hash of its full path."""
    digest = hashlib.sha256(os.fsencode(workspace)).hexdigest()[:16]
    stem = os.fsencode(workspace.stem)[:100].decode("utf-8", "ignore")
    return f"{stem}-{digest}"


def recovery_path(workspace: Optional[str | os.PathLike], data_dir: str | os.PathLike, token: str) -> Path:
    """Where this session's recovery file of ``workspace`` (None: an untitled one) goes; ``token`` is the session's."""
    data_dir = Path(data_dir)
    if workspace is None:
        return data_dir / f"untitled-{token}.esw{RECOVERY_SUFFIX}"
    workspace = Path(workspace).resolve()
    beside = workspace.with_name(f"{workspace.name}.{token}{RECOVERY_SUFFIX}")
    if os.access(workspace.parent, os.W_OK) and len(os.fsencode(beside.name)) <= _NAME_MAX:
        return beside
    return data_dir / f"{_aside_stem(workspace)}.{token}.esw{RECOVERY_SUFFIX}"


def recovery_candidates(workspace: str | os.PathLike, data_dir: str | os.PathLike) -> list[Path]:
    """Every recovery file that may belong to ``workspace`` (any session's; older versions' names too), newest first."""
    workspace = Path(workspace).resolve()
    found = []
    for folder, start in ((workspace.parent, workspace.name + "."), (Path(data_dir), _aside_stem(workspace) + ".")):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        found += [folder / n for n in names if n.startswith(start) and n.endswith(RECOVERY_SUFFIX)]

    def mtime(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0
    return sorted(found, key=mtime, reverse=True)


def write_recovery(path: Path, data: WorkspaceData, of: Optional[str | os.PathLike], full: bool) -> None:
    meta = {**data.meta, "recovery_of": str(Path(of).resolve()) if of else "",
            "recovery_kind": "full" if full else "edits", "recovery_pid": str(os.getpid()),
            "recovery_host": hostname(),
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


def _writer_alive(meta: dict, path: Path) -> bool:
    host = meta.get("recovery_host")
    if host and host != hostname():
        # Another machine's process ids mean nothing here; its writer touches the file while it lives.
        try:
            return time.time() - path.stat().st_mtime < STALE_AFTER
        except OSError:
            return False
    try:
        pid = int(meta.get("recovery_pid", ""))
    except ValueError:
        return False
    return pid_alive(pid)


def pending_recovery(path: Path, of: Optional[str | os.PathLike] = None) -> Optional[WorkspaceData]:
    """The unsaved work in ``path`` if it is an abandoned recovery file (of workspace ``of``, when given), else None."""
    try:
        if not path.exists():
            return None
        data = read_workspace(path)
    except (WorkspaceError, OSError):
        return None
    if of is not None and data.meta.get("recovery_of") != str(Path(of).resolve()):
        return None
    return None if _writer_alive(data.meta, path) else data


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
        return (WorkspaceData(recovery.corpus, recovery.edits, recovery.redo, meta, recovery.happenings,
                              recovery.warnings), of, warnings)
    if of is None:
        raise WorkspaceError("the recovery file holds only edits and does not say which workspace they belong to")
    base = read_workspace(of)
    edits = recovery.edits
    if base.meta.get("save_id") != recovery.meta.get("recovery_base_save_id"):
        # Another session saved since (it held the lock while this one was read-only): keep its saved
        # edits and add this session's own after them, so neither session's work is dropped.
        shared = 0
        while shared < min(len(base.edits), len(edits)) and base.edits[shared] == edits[shared]:
            shared += 1
        edits = list(base.edits) + list(edits[shared:])
        warnings.append(f"{Path(of).name} was saved again after these edits were made; "
                        "they were replayed on the newer save, after the edits saved there")
    # The view and bookmarks are the lost session's latest, not the ones last saved.
    meta = {**base.meta, **{k: recovery.meta[k] for k in (VIEW_KEY, BOOKMARKS_KEY) if k in recovery.meta}}
    return WorkspaceData(base.corpus, edits, recovery.redo, meta, base.happenings, base.warnings), of, warnings
