"""One writer per workspace: a lock file beside it, as QLockFile does, without Qt.

``study.esw`` is locked by ``study.esw.lock``, created with ``O_CREAT|O_EXCL``
(atomic on local disks and on NFS v3+ and SMB shares), holding the holder's
process id, host name, start time and a random token.  A second Eventscope
that finds it opens the workspace read-only or as a copy (the GUI asks, the
CLI says so in one line): before this lock, two windows on one file each
saved over the other's work without a word.

A lock is *stale*, and is taken over, when

* its holder ran on this host and that process is gone (a crash, ``kill -9``), or
* it has not been refreshed for ``STALE_AFTER`` seconds: every holder
  touches its lock every ``REFRESH_EVERY`` seconds from a background thread,
  which is the only liveness a process on another machine can see.

Taking over renames the stale file aside first and checks that what it
moved is the lock it judged stale, so two processes breaking the same stale
lock cannot both end up holding it.

Within one process a workspace opened twice shares the lock (there is one
window per process; tests open a file several times).  A folder where no
file can be created (read-only media) cannot be locked; the workspace opens
anyway, since it cannot be saved there either.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import platform
import threading
import time
import uuid
import weakref
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

from desktop_app.core.workspace.errors import WorkspaceError

LOCK_SUFFIX = ".lock"
STALE_AFTER = 300.0         # seconds without a refresh before a lock from another machine is taken over
REFRESH_EVERY = 60.0
_NAME_MAX = 255
_MAX_LOCK_BYTES = 4096


def hostname() -> str:
    # platform, not socket: this package opens no network client, not even to ask the host's name.
    try:
        return platform.node() or "unknown host"
    except OSError:
        return "unknown host"


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` exists on this machine (a process we may not signal still exists)."""
    if pid <= 0:
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


def lock_path(workspace: str | os.PathLike) -> Path:
    """``NAME.lock`` beside the workspace; a hash-shortened name when that would pass the name limit."""
    workspace = Path(os.path.abspath(workspace))
    name = workspace.name + LOCK_SUFFIX
    if len(os.fsencode(name)) <= _NAME_MAX:
        return workspace.with_name(name)
    digest = hashlib.sha256(os.fsencode(workspace.name)).hexdigest()[:16]
    short = os.fsencode(workspace.name)[:200].decode("utf-8", "ignore")
    return workspace.with_name(f"{short}.{digest}{LOCK_SUFFIX}")


@dataclass(frozen=True)
class LockInfo:
    """Who holds a lock, as written in the lock file."""
    pid: int
    host: str
    started: str        # ISO time the holder took the lock
    token: str
    refreshed: float    # the lock file's modification time (seconds since the epoch)

    def describe(self) -> str:
        when = self.started.replace("T", " ").split("+")[0] if self.started else "an unknown time"
        return f"process {self.pid} on {self.host}, since {when} UTC"

    def stale(self, now: Optional[float] = None, stale_after: float = STALE_AFTER) -> bool:
        now = time.time() if now is None else now
        if now - self.refreshed > stale_after:
            return True
        return self.host == hostname() and not pid_alive(self.pid)


class WorkspaceLocked(WorkspaceError):
    """Another Eventscope holds the workspace; ``holder`` says who (None: a lock file that could not be read)."""

    def __init__(self, workspace: Path, holder: Optional[LockInfo]):
        self.workspace = workspace
        self.holder = holder
        who = holder.describe() if holder is not None else "a process that is writing its lock now"
        super().__init__(f"{workspace.name} is open in another Eventscope ({who}); "
                         "open it read-only or as a copy, or close it there first")


def read_lock(path: Path) -> Optional[LockInfo]:
    """The holder named in lock file ``path``; None when it is missing, half-written or not a lock."""
    try:
        st = path.stat()
        if st.st_size > _MAX_LOCK_BYTES:
            return LockInfo(0, "", "", "", st.st_mtime)      # not ours to parse; judged by its age alone
        raw = json.loads(path.read_text(encoding="utf-8"))
        return LockInfo(int(raw["pid"]), str(raw["host"]), str(raw.get("started", "")), str(raw["token"]),
                        st.st_mtime)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        try:
            return LockInfo(0, "", "", "", path.stat().st_mtime)
        except OSError:
            return None


class _Heartbeat:
    """One daemon thread per process that touches every file this process must show as alive."""

    def __init__(self):
        self._paths: dict[Path, int] = {}
        self._guard = threading.RLock()     # reentrant for the same reason as _HELD_GUARD below
        self._thread: Optional[threading.Thread] = None
        self._wake = threading.Event()

    def add(self, path: Path) -> None:
        with self._guard:
            self._paths[path] = self._paths.get(path, 0) + 1
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="eventscope-lock-heartbeat", daemon=True)
                self._thread.start()

    def remove(self, path: Path) -> None:
        with self._guard:
            n = self._paths.get(path, 0) - 1
            if n > 0:
                self._paths[path] = n
            else:
                self._paths.pop(path, None)

    def beat(self) -> None:
        with self._guard:
            paths = list(self._paths)
        for p in paths:
            try:
                os.utime(p)
            except OSError:
                pass        # gone or unwritable: the holder finds out when it next saves

    def _run(self) -> None:
        while not self._wake.wait(REFRESH_EVERY):
            self.beat()


HEARTBEAT = _Heartbeat()


class _Held:
    def __init__(self, token: str):
        self.token = token
        self.count = 0


_HELD: dict[Path, _Held] = {}
# Reentrant: a WorkspaceLock dropped without release() is released by its weakref finalizer, which
# the garbage collector may run in this very thread while it holds the guard (inside acquire());
# with a plain Lock that deadlocked the process (seen in the test suite).
_HELD_GUARD = threading.RLock()


class WorkspaceLock:
    """The lock on one workspace file for one ``Workspace`` object; ``acquire`` then ``release``."""

    def __init__(self, workspace: str | os.PathLike, stale_after: float = STALE_AFTER):
        self.workspace = Path(os.path.abspath(workspace))
        self.path = lock_path(self.workspace)
        self.stale_after = stale_after
        self.held = False
        self.available = True       # False: the folder takes no new files, so there is nothing to lock
        self.recovered_stale: Optional[LockInfo] = None     # the crashed holder whose lock was taken over
        self._finalizer: Optional[weakref.finalize] = None

    def acquire(self) -> None:
        """Take the lock or raise ``WorkspaceLocked`` naming its holder."""
        if self.held:
            return
        with _HELD_GUARD:
            shared = _HELD.get(self.path)
            current = read_lock(self.path) if shared is not None else None
            if shared is not None and current is not None and current.token == shared.token:
                shared.count += 1
                self._mark_held()
                return
            _HELD.pop(self.path, None)
            token = uuid.uuid4().hex
            for _attempt in range(5):
                if self._create(token):
                    if not self.available:
                        self.held = True        # nothing to lock; nothing to release either
                        return
                    held = _HELD[self.path] = _Held(token)
                    held.count = 1
                    HEARTBEAT.add(self.path)
                    self._mark_held()
                    return
                holder = read_lock(self.path)
                if holder is None:
                    continue            # released meanwhile: try again
                if holder.token and not holder.stale(stale_after=self.stale_after):
                    raise WorkspaceLocked(self.workspace, holder)
                if not holder.token and time.time() - holder.refreshed < 5.0:
                    # Created this instant and not written yet, or not a lock at all: let its writer finish.
                    raise WorkspaceLocked(self.workspace, None)
                self._break(holder)
            raise WorkspaceLocked(self.workspace, read_lock(self.path))

    def _mark_held(self) -> None:
        self.held = True
        # A Workspace dropped without close() (or the process exiting) still gives its share back.
        self._finalizer = weakref.finalize(self, _release, self.path)

    def _create(self, token: str) -> bool:
        body = json.dumps({"pid": os.getpid(), "host": hostname(), "token": token, "app": "eventscope",
                           "started": datetime.now(timezone.utc).replace(microsecond=0).isoformat()})
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        except OSError as exc:
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOENT, errno.ENOTDIR):
                self.available = False
                return True
            raise WorkspaceError(f"cannot lock {self.workspace.name}: {exc.strerror or exc}") from None
        try:
            os.write(fd, body.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        return True

    def _break(self, stale: LockInfo) -> None:
        """Move a stale lock aside, making sure it is the one judged stale (not one just taken)."""
        aside = self.path.with_name(f".{uuid.uuid4().hex[:12]}.stale-lock")
        try:
            os.rename(self.path, aside)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise WorkspaceError(f"cannot take over the stale lock of {self.workspace.name}: "
                                 f"{exc.strerror or exc}") from None
        moved = read_lock(aside)
        if moved is not None and moved.token != stale.token:
            # Someone took the lock between our look and our rename: put theirs back.
            try:
                os.link(aside, self.path)
            except OSError:
                pass
        else:
            self.recovered_stale = stale
        try:
            os.unlink(aside)
        except OSError:
            pass

    def holder(self) -> Optional[LockInfo]:
        return read_lock(self.path)

    def still_held(self) -> bool:
        """Whether the lock file still names us (another process may have judged it stale)."""
        if not self.held:
            return False
        if not self.available:
            return True
        shared = _HELD.get(self.path)
        info = read_lock(self.path)
        return shared is not None and info is not None and info.token == shared.token

    def refresh(self) -> None:
        if self.held and self.available:
            try:
                os.utime(self.path)
            except OSError:
                pass

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        if self._finalizer is not None:
            self._finalizer.detach()
            self._finalizer = None
        if self.available:
            _release(self.path)


def _release(path: Path) -> None:
    with _HELD_GUARD:
        held = _HELD.get(path)
        if held is None:
            return
        held.count -= 1
        if held.count > 0:
            return
        del _HELD[path]
        HEARTBEAT.remove(path)
        info = read_lock(path)
        if info is not None and info.token == held.token:
            try:
                os.unlink(path)
            except OSError:
                pass
