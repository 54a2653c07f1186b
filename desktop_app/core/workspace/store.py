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
import re
import shutil
import sqlite3
import tempfile
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

from desktop_app import __version__
from desktop_app.core.atomic import current_umask
from desktop_app.core.model import Corpus
from desktop_app.core.workspace import rows
from desktop_app.core.workspace.edits import Edit
from desktop_app.core.workspace.errors import WorkspaceError
from desktop_app.core.workspace.happening_rows import StoredHappenings, read_happenings, write_happenings
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
    # The happenings the file keeps for ``corpus`` (None: none kept, or unreadable: grouped again).
    happenings: Optional[StoredHappenings] = None
    # One line per part of the file that was left out as unreadable (the rest opened; nothing was changed).
    warnings: list[str] = field(default_factory=list)


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
    _check_values(db, name)
    corpus = rows.read_corpus(db)
    warnings: list[str] = []
    bad = db.execute("SELECT count(*) FROM actors WHERE evidence IS NOT NULL AND "
                     "(typeof(evidence) != 'text' OR NOT json_valid(evidence) OR json_type(evidence) != 'array')"
                     ).fetchone()[0]
    if bad:
        warnings.append(f"the identity evidence of {bad} actor(s) was unreadable and is left out")
    stored = read_happenings(db, len(corpus.events), warnings)
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    edits, redo = [], []
    for seq, state, kind, payload, created in db.execute(
            "SELECT seq, state, kind, payload, created FROM edits ORDER BY seq"):
        edit = Edit.from_json({"kind": kind, "payload": json.loads(payload), "created": created}, f"edit {seq}")
        (edits if state == "applied" else redo).append(edit)
    return WorkspaceData(corpus, edits, redo, meta, stored, warnings)


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


# A date column holds an ISO date or date-time ("2007-11-02", "2007-11-02T14:30:00"), years 0001-9999.
_ISO = "[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]*"
_SPANS = (("timexes", "time expression"), ("mentions", "mention"), ("events", "event"))
_DATES = (("timexes", ("iv_start", "iv_end")), ("events", ("date_start", "date_end", "report_start", "report_end")))


def _check_values(db: sqlite3.Connection, name: str) -> None:
    """Refuse offsets outside their document, unreadable dates, weights and empty or dangling ids, naming the row.

    A hand-edited or damaged file can hold an offset of 2**63-1 or -5 that
    SQLite accepts; it used to open and export without complaint and fail
    later in a view.  Aggregates run in SQLite; only a failing document's rows are searched.
    """
    def refuse(what: str) -> None:
        raise WorkspaceError(f"{name} is damaged: {what}. The file was not changed.")

    # Each document's length once, then each table's extreme offsets per document (a join that took
    # length() of the document for every row cost 2 s per table at 100k events; this costs 0.3 s).
    lengths = dict(db.execute("SELECT id, length(text) FROM documents"))
    for table, noun in _SPANS:
        extra = ", min(date_timex_start), max(date_timex_start)" if table == "events" else ", 0, 0"
        for doc, lo, hi, shortest, tlo, thi in db.execute(
                f"SELECT doc, min(span_start), max(span_end), min(span_end - span_start){extra} "
                f"FROM {table} GROUP BY doc"):
            n = lengths.get(doc, 0)
            if lo < 0 or shortest < 0 or hi > n:
                key = "id" if table == "events" else "text"
                row = db.execute(f"SELECT {key}, span_start, span_end FROM {table} WHERE doc = ? AND "
                                 "(span_start < 0 OR span_end < span_start OR span_end > ?) LIMIT 1",
                                 (doc, n)).fetchone()
                refuse(f"{noun} {row[0][:60]!r} has offsets {row[1]}..{row[2]}, outside document {doc!r} "
                       f"({n} characters)")
            if tlo is not None and (tlo < 0 or thi > n):
                row = db.execute("SELECT id, date_timex_start FROM events WHERE doc = ? AND "
                                 "(date_timex_start < 0 OR date_timex_start > ?) LIMIT 1", (doc, n)).fetchone()
                refuse(f"event {row[0][:60]!r} has its date at offset {row[1]}, outside its document ({n} characters)")
    for table, columns in _DATES:
        label = "x.id" if table == "events" else "x.text"
        for col in columns:
            row = db.execute(f"SELECT {label}, x.{col} FROM {table} x WHERE x.{col} IS NOT NULL AND "
                             f"(typeof(x.{col}) != 'text' OR x.{col} NOT GLOB '{_ISO}') LIMIT 1").fetchone()
            if row is not None:
                refuse(f"{table[:-1]} {str(row[0])[:60]!r} has an unreadable date {str(row[1])[:40]!r} in {col}")
        start, end = columns[0], columns[1]
        row = db.execute(f"SELECT {label}, x.{start}, x.{end} FROM {table} x WHERE x.{end} < x.{start} LIMIT 1").fetchone()
        if row is not None:
            refuse(f"{table[:-1]} {str(row[0])[:60]!r} ends ({row[2]}) before it starts ({row[1]})")
    row = db.execute("SELECT id FROM events WHERE id = '' UNION ALL SELECT id FROM actors WHERE id = '' "
                     "UNION ALL SELECT id FROM documents WHERE id = '' LIMIT 1").fetchone()
    if row is not None:
        refuse("an event, actor or document has an empty id")
    row = db.execute("SELECT event FROM participants WHERE event NOT IN (SELECT ord FROM events) LIMIT 1").fetchone()
    if row is not None:
        refuse(f"a participant belongs to event row {row[0]}, which does not exist")
    row = db.execute("SELECT source, target, weight FROM ties WHERE NOT (weight >= 0 AND weight < 1e300) "
                     "OR typeof(weight) NOT IN ('real', 'integer') LIMIT 1").fetchone()
    if row is not None:
        refuse(f"the tie {row[0][:40]!r} - {row[1][:40]!r} has weight {row[2]!r}; a weight is a finite number >= 0")
    row = db.execute("SELECT d.id, d.dct FROM documents d WHERE d.dct IS NOT NULL AND "
                     "(typeof(d.dct) != 'text' OR d.dct NOT GLOB '[0-9][0-9][0-9][0-9]*') LIMIT 1").fetchone()
    if row is not None:
        refuse(f"document {row[0][:60]!r} has an unreadable creation time {str(row[1])[:40]!r}")


def write_workspace(path: str | os.PathLike, data: WorkspaceData) -> str:
    """Atomically replace ``path`` with ``data``; returns the new save id."""
    path = Path(path)
    existed = path.exists()
    if existed:
        _refuse_to_clobber(path)
    # Only a file that was there before can be "intact"; a first save that fails leaves nothing.
    kept = "The previous save is intact." if existed else "Nothing was written."
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise WorkspaceError(f"cannot save to {path}: the folder {directory} does not exist")
    save_id = uuid.uuid4().hex
    try:
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=directory)
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
                write_happenings(db, data.corpus, data.happenings)
                log = [("applied", e) for e in data.edits] + [("redo", e) for e in data.redo]
                db.executemany("INSERT INTO edits (state, kind, payload, created) VALUES (?,?,?,?)",
                               ((s, e.kind, e.dumps(), e.created) for s, e in log))
        finally:
            db.close()
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        # mkstemp made the file private; a save keeps the mode the workspace had, a new one gets the umask's.
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
        _fsync_dir(directory)
    except sqlite3.Error as exc:
        _unlink(tmp)
        raise WorkspaceError(f"could not save {path.name}: {exc}. {kept}") from None
    except OSError as exc:
        _unlink(tmp)
        raise WorkspaceError(f"could not save {path.name}: {exc.strerror or exc}. {kept}") from None
    except (ValueError, OverflowError) as exc:     # text SQLite cannot encode, an integer past 64 bits
        _unlink(tmp)
        raise WorkspaceError(f"could not save {path.name}: it holds a value that cannot be stored ({exc}). "
                             f"{kept}") from None
    except BaseException:
        _unlink(tmp)
        raise
    data.meta.update(meta)
    return save_id


TEMP_SUFFIX = ".tmp"
_TEMP_NAME_BYTES = 200      # room for mkstemp's 8 random characters and the suffix under a 255-byte name limit


def temp_prefix(path: Path) -> str:
    """``.NAME.``: the start of the temporary file a save of ``path`` writes (NAME cut to fit any file system)."""
    name = os.fsencode(path.name)[:_TEMP_NAME_BYTES].decode("utf-8", "ignore")
    return f".{name}."


def leftover_temp_files(path: str | os.PathLike) -> list[Path]:
    """Temporary files of saves of ``path`` that never finished (the process was killed mid-save).

    Only the lock holder may remove them: another process saving the same
    workspace would be writing one right now.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    pattern = re.compile(re.escape(temp_prefix(path)) + r"[A-Za-z0-9_]{8}" + re.escape(TEMP_SUFFIX) + r"\Z")
    try:
        names = os.listdir(directory)
    except OSError:
        return []
    return sorted(directory / n for n in names if pattern.match(n))


def remove_leftover_temp_files(path: str | os.PathLike) -> list[Path]:
    removed = []
    for tmp in leftover_temp_files(path):
        try:
            tmp.unlink()
            removed.append(tmp)
        except OSError:
            pass
    return removed


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~current_umask()


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
