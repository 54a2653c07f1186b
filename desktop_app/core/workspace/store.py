"""Reading and writing workspace files.

Save strategy: **atomic replace**, not WAL.  Save writes the whole workspace
into a fresh temporary file in the target's directory (no journal: nobody
else can see it yet), fsyncs it, renames it over the old file and fsyncs the
directory.  So at every instant the path holds either the previous complete
save or the new one; a crash mid-save loses nothing that was saved before;
and the file is always one self-contained SQLite database (journal mode
DELETE, no ``-wal``/``-shm`` sidecar) that can be copied to another machine.
WAL would let us write edits in place, but then a copy taken while the app
runs (or after a crash) can miss data still sitting in the ``-wal`` file.
Between saves, edits live in memory and in the recovery file (``recovery``).

Open never writes to the file: a file at the current schema is read in
place through a read-only connection (a copy in memory would cost as much
RAM as the file, a gigabyte at a million events); an older one is copied to
a temporary file, migrated there and read.  Either way it is checked
(``quick_check`` and the row-kind checks) before anything is read.  A newer,
foreign or damaged file is reported with a ``WorkspaceError`` and left
exactly as it was.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from desktop_app import __version__
from desktop_app.core.model import Corpus
from desktop_app.core.workspace import rows
from desktop_app.core.workspace.edits import Edit
from desktop_app.core.workspace.errors import WorkspaceError
from desktop_app.core.workspace.schema import APPLICATION_ID, migrate, schema_version

SQLITE_MAGIC = b"SQLite format 3\x00"
SUFFIX = ".esw"


@dataclass
class WorkspaceData:
    """Everything a workspace file holds, in memory."""
    corpus: Corpus = field(default_factory=Corpus)     # the documents and their cached extraction
    edits: list[Edit] = field(default_factory=list)    # the applied log, oldest first
    redo: list[Edit] = field(default_factory=list)     # undone edits, next redo last
    meta: dict = field(default_factory=dict)


def _check_header(path: Path) -> None:
    try:
        with open(path, "rb") as f:
            head = f.read(100)
    except FileNotFoundError:
        raise WorkspaceError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise WorkspaceError(f"{path} is a folder, not an Eventscope workspace") from None
    except OSError as exc:
        raise WorkspaceError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not head.startswith(SQLITE_MAGIC):
        raise WorkspaceError(f"{path.name} is not an Eventscope workspace (it is not a database file at all)")
    if len(head) < 100:
        raise WorkspaceError(f"{path.name} is damaged: the file is truncated")
    app_id = int.from_bytes(head[68:72], "big")
    if app_id != APPLICATION_ID:
        raise WorkspaceError(f"{path.name} is a database but not an Eventscope workspace")
    version = int.from_bytes(head[60:64], "big")
    if version > schema_version():
        raise WorkspaceError(
            f"{path.name} was written by a newer Eventscope (schema {version}, this version reads up to "
            f"{schema_version()}); open it with a newer version. The file was not changed.")


def read_workspace(path: str | os.PathLike) -> WorkspaceData:
    path = Path(path)
    _check_header(path)
    try:
        with _readable(path) as db:
            return _read(db, path.name)
    except sqlite3.DatabaseError as exc:
        raise WorkspaceError(f"{path.name} is damaged (truncated or corrupted) and cannot be opened: {exc}. "
                             "The file was not changed.") from None
    except (ValueError, TypeError, KeyError) as exc:
        raise WorkspaceError(f"{path.name} holds data this version cannot read: {exc}. "
                             "The file was not changed.") from None
    except OSError as exc:
        raise WorkspaceError(f"cannot read {path.name}: {exc.strerror or exc}. The file was not changed.") from None


@contextmanager
def _readable(path: Path):
    """A connection holding ``path``'s data at the current schema; the file itself is never written.

    A current file is read in place through a read-only connection: a copy
    in memory would cost as much RAM as the file (a gigabyte at a million
    events).  An older file is copied to a private temporary file, which is
    migrated and read, then deleted.
    """
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    tmp = None
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version < schema_version():
            db.close()
            fd, tmp = tempfile.mkstemp(prefix="eventscope-migrate-", suffix=SUFFIX)
            os.close(fd)
            shutil.copyfile(path, tmp)
            db = sqlite3.connect(tmp)
            _verify(db)
            migrate(db, version)
        else:
            _verify(db)
        yield db
    finally:
        db.close()
        if tmp is not None:
            _unlink(tmp)


def _verify(db: sqlite3.Connection) -> None:
    # Views or triggers in a hand-made file must not run functions on read.
    db.execute("PRAGMA trusted_schema = OFF")
    if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        raise sqlite3.DatabaseError("quick_check failed")


def _read(db: sqlite3.Connection, name: str) -> WorkspaceData:
    _check_integrity(db, name)
    corpus = rows.read_corpus(db)
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    edits, redo = [], []
    for seq, state, kind, payload, created in db.execute(
            "SELECT seq, state, kind, payload, created FROM edits ORDER BY seq"):
        edit = Edit.from_json({"kind": kind, "payload": json.loads(payload), "created": created}, f"edit {seq}")
        (edits if state == "applied" else redo).append(edit)
    return WorkspaceData(corpus, edits, redo, meta)


# Per table: columns that must hold integers, and columns that must hold text.
_TYPED = {
    "documents": (("ord",), ("id", "path", "sha256", "text")),
    "timexes": (("span_start", "span_end", "year_unknown", "anchored"), ("doc", "text", "type", "value")),
    "actors": (("ord",), ("id", "name", "type", "aliases")),
    "mentions": (("span_start", "span_end"), ("doc", "text", "actor")),
    "events": (("ord", "span_start", "span_end", "dated", "reported"), ("id", "doc", "text", "label")),
    "participants": (("event", "pos"), ("actor",)),
    "ties": (("ord",), ("source", "target", "events")),
    "edits": (("seq",), ("state", "kind", "payload", "created")),
}


def _check_integrity(db: sqlite3.Connection, name: str) -> None:
    """Refuse a file whose tables were replaced or whose rows hold the wrong kinds of values.

    SQLite stores any value in any column, so a damaged or hand-made file can
    pass ``quick_check`` and still hold text where an offset belongs; the
    views would fail on it later, far from the cause.  These checks run in
    SQLite itself and cost a fraction of reading the rows.
    """
    kinds = dict(db.execute("SELECT name, type FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall())
    for table, (ints, texts) in _TYPED.items():
        if kinds.get(table) != "table":
            raise WorkspaceError(f"{name} is damaged: its {table!r} table is missing or was replaced. "
                                 "The file was not changed.")
        wrong = " OR ".join([f"typeof({c}) != 'integer'" for c in ints] + [f"typeof({c}) != 'text'" for c in texts])
        row = db.execute(f"SELECT 1 FROM {table} WHERE {wrong} LIMIT 1").fetchone()
        if row is not None:
            raise WorkspaceError(f"{name} is damaged: a row of {table!r} holds values of the wrong kind. "
                                 "The file was not changed.")
    orphan = db.execute("SELECT 1 FROM mentions WHERE doc NOT IN (SELECT id FROM documents) UNION ALL "
                        "SELECT 1 FROM events WHERE doc NOT IN (SELECT id FROM documents) LIMIT 1").fetchone()
    if orphan is not None:
        raise WorkspaceError(f"{name} is damaged: it refers to a document it does not contain. "
                             "The file was not changed.")


def write_workspace(path: str | os.PathLike, data: WorkspaceData) -> str:
    """Atomically replace ``path`` with ``data``; returns the new save id."""
    path = Path(path)
    if path.exists():
        _refuse_to_clobber(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise WorkspaceError(f"cannot save to {path}: the folder {directory} does not exist")
    save_id = uuid.uuid4().hex
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise WorkspaceError(f"cannot save to {path}: {exc.strerror or exc}") from None
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        try:
            # The temp file is invisible until the rename, so a journal buys nothing.
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            migrate(db, 0)
            meta = {**data.meta, "save_id": save_id, "saved": _now(), "eventscope_version": __version__}
            with db:
                db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", [(k, str(v)) for k, v in meta.items()])
                rows.write_corpus(db, data.corpus)
                log = [("applied", e) for e in data.edits] + [("redo", e) for e in data.redo]
                db.executemany("INSERT INTO edits (state, kind, payload, created) VALUES (?,?,?,?)",
                               ((s, e.kind, e.dumps(), e.created) for s, e in log))
        finally:
            db.close()
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
        _fsync_dir(directory)
    except sqlite3.Error as exc:
        _unlink(tmp)
        raise WorkspaceError(f"could not save {path.name}: {exc}. The previous save is intact.") from None
    except OSError as exc:
        _unlink(tmp)
        raise WorkspaceError(f"could not save {path.name}: {exc.strerror or exc}. "
                             "The previous save is intact.") from None
    except BaseException:
        _unlink(tmp)
        raise
    data.meta.update(meta)
    return save_id


def _refuse_to_clobber(path: Path) -> None:
    """Never replace a workspace written by a newer Eventscope, even on request."""
    try:
        with open(path, "rb") as f:
            head = f.read(100)
    except OSError:
        return
    if (head.startswith(SQLITE_MAGIC) and len(head) == 100
            and int.from_bytes(head[68:72], "big") == APPLICATION_ID
            and int.from_bytes(head[60:64], "big") > schema_version()):
        raise WorkspaceError(f"{path.name} was written by a newer Eventscope; saving here would destroy it. "
                             "Choose another file name.")


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return   # not every platform lets a directory be opened; the rename is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _unlink(p: str) -> None:
    try:
        os.unlink(p)
    except OSError:
        pass


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def is_workspace_file(path: str | os.PathLike) -> bool:
    try:
        _check_header(Path(path))
    except WorkspaceError:
        return False
    return True
