"""The workspace file's schema, its identity marks and its migrations.

A workspace is one SQLite file.  ``PRAGMA application_id`` carries
``APPLICATION_ID`` so we can tell our files from any other SQLite database,
and ``PRAGMA user_version`` carries the schema version.  ``MIGRATIONS[i]``
takes a database from version ``i`` to ``i + 1``; a new file is simply an
empty database migrated all the way, so the creation path and the upgrade
path are the same code and cannot drift apart.

Tables (all offsets are indices into ``documents.text``):

* ``meta(key, value)``: workspace name, save id, app version, flags.
* ``documents``: one row per document, text included, ``sha256`` unique; ``layout`` (v2) holds
  a PDF's page offsets, a message's headers, a table's rows as JSON.
* ``timexes``, ``actors``, ``mentions``, ``events``, ``ties``, ``errors``: the
  cached extraction, one row per item.  Intervals are stored as ISO start and
  exclusive end.  An event's date and report are columns of its row
  (``dated``/``reported`` say whether it has one); its participants are rows
  of ``participants(event, pos, actor, role)`` keyed by the event's ``ord``.
  Plain columns rather than JSON: opening a large workspace is dominated by
  decoding, and columns decode several times faster.
* ``happenings`` (v3): the happenings grouped from the cached extraction (core/happenings), one row
  per happening: id, label, best date (first and last day, whether a report gives the day),
  conflicting dates, distinct sources and first report as JSON, salience (NULL when not computed);
  ``happening_of(event, happening)`` puts each event row (``events.ord``) in one of them
  (``happenings.ord``).  A cache like ``ties``: a file without them is grouped again on open.
  ``actors.evidence`` (v3): why the identity step made the actor one, as a JSON list of lines.
* ``edits(seq, state, kind, payload, created)``: the analyst's log;
  ``state`` is ``applied`` (in order of ``seq``) or ``redo`` (the undone edits
  still redoable, the next redo last).
"""
from __future__ import annotations

import sqlite3
from typing import Callable

# "EVsc" as a big-endian 32-bit integer.
APPLICATION_ID = 0x45567363


def _v1(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE documents (
            ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, path TEXT NOT NULL,
            title TEXT, publication TEXT, dct TEXT, dct_precision TEXT, source TEXT,
            sha256 TEXT NOT NULL UNIQUE, text TEXT NOT NULL);
        CREATE TABLE timexes (
            doc TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL,
            type TEXT NOT NULL, value TEXT NOT NULL, iv_start TEXT, iv_end TEXT, precision TEXT,
            mod TEXT, year_unknown INTEGER NOT NULL, anchored INTEGER NOT NULL);
        CREATE TABLE actors (
            ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, type TEXT NOT NULL,
            aliases TEXT NOT NULL);
        CREATE TABLE mentions (
            doc TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL,
            actor TEXT NOT NULL);
        CREATE TABLE events (
            ord INTEGER PRIMARY KEY, id TEXT NOT NULL, doc TEXT NOT NULL, span_start INTEGER NOT NULL,
            span_end INTEGER NOT NULL, text TEXT NOT NULL, label TEXT NOT NULL,
            dated INTEGER NOT NULL, date_value TEXT, date_start TEXT, date_end TEXT, date_precision TEXT,
            date_relation TEXT, date_text TEXT, date_timex_start INTEGER,
            reported INTEGER NOT NULL, report_source TEXT, report_date TEXT, report_start TEXT, report_end TEXT,
            report_precision TEXT, report_text TEXT);
        CREATE TABLE participants (
            event INTEGER NOT NULL, pos INTEGER NOT NULL, actor TEXT NOT NULL, role TEXT,
            PRIMARY KEY (event, pos)) WITHOUT ROWID;
        CREATE TABLE ties (
            ord INTEGER PRIMARY KEY, source TEXT NOT NULL, target TEXT NOT NULL, weight REAL NOT NULL,
            events TEXT NOT NULL);
        CREATE TABLE errors (ord INTEGER PRIMARY KEY, path TEXT, message TEXT);
        CREATE TABLE edits (
            seq INTEGER PRIMARY KEY, state TEXT NOT NULL CHECK (state IN ('applied', 'redo')),
            kind TEXT NOT NULL, payload TEXT NOT NULL, created TEXT NOT NULL);
        """
    )


def _v2(db: sqlite3.Connection) -> None:
    # How a PDF, message or table was laid out (kind, page offsets, parent message,
    # per-kind details) as one JSON object; NULL for plain text, as before.
    db.execute("ALTER TABLE documents ADD COLUMN layout TEXT")


def _v3(db: sqlite3.Connection) -> None:
    # Happenings are grouped after extraction; keeping them lets a reopened workspace skip the
    # grouping (minutes at a million events).  Older files get empty tables: grouped on open.
    db.executescript(
        """
        ALTER TABLE actors ADD COLUMN evidence TEXT;
        CREATE TABLE happenings (
            ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, label TEXT NOT NULL,
            date_start TEXT, date_end TEXT, date_precise INTEGER, conflicts TEXT NOT NULL,
            sources TEXT NOT NULL, first_report TEXT NOT NULL, salience REAL);
        CREATE TABLE happening_of (
            event INTEGER PRIMARY KEY, happening INTEGER NOT NULL) WITHOUT ROWID;
        """
    )


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3]


def schema_version() -> int:
    """The newest schema this version of Eventscope reads and writes."""
    return len(MIGRATIONS)


def migrate(db: sqlite3.Connection, from_version: int) -> None:
    """Bring ``db`` from ``from_version`` to the current schema.

    Only ever called on a private temporary copy (open) or a fresh temporary file
    (save), so a step that fails cannot leave a half-migrated file on disk.
    """
    target = schema_version()
    if from_version >= target:
        return
    for step in MIGRATIONS[from_version:]:
        step(db)
    db.execute(f"PRAGMA user_version = {target}")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.commit()
