"""An open workspace: documents, cached extraction, the edit log, saving and recovery.

This is the one object the GUI controller and the CLI drive.  The corrected
corpus the views show is always ``apply_edits(extraction, log)``.  A new
edit or a redo extends the current result by one step; undo returns to the
result kept for the shorter log (the last ``KEEP_STATES`` are kept; replay
shares unchanged lists, so each costs only what its edit touched) and
replays the whole log only beyond that.
"""
from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Optional

from desktop_app.core.model import Corpus, Document
from desktop_app.core.tasks import TaskState, report
from desktop_app.core.workspace import edits as edit_builders
from desktop_app.core.workspace.edits import Edit
from desktop_app.core.workspace.errors import WorkspaceError
from desktop_app.core.workspace.keys import doc_key, text_sha256
from desktop_app.core.workspace.lock import HEARTBEAT, WorkspaceLock
from desktop_app.core.workspace.recovery import (
    pending_recovery, recovered_data, recovery_candidates, recovery_path, remove_recovery, write_recovery,
)
from desktop_app.core.workspace.apply_events import with_dct
from desktop_app.core.workspace.keys import KeyIndex
from desktop_app.core.workspace.replay import Note, Replay, extend, replay
from desktop_app.core.workspace.store import (
    SUFFIX, WorkspaceData, read_workspace, remove_leftover_temp_files, write_workspace,
)
from desktop_app.core.workspace.undo import UndoStack

Extractor = Callable[..., Corpus]
KEEP_STATES = 16


@dataclass
class AddResult:
    added: list[Document] = field(default_factory=list)
    # (the document offered, the one already in the workspace with the same content)
    already: list[tuple[Document, Document]] = field(default_factory=list)

    def messages(self) -> list[str]:
        return [f"{new.path}: already in workspace (as {old.title or old.id})" for new, old in self.already]


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "eventscope" / "recovery"


def _meta_json(meta: dict, key: str, kind: type):
    """A JSON value kept in the meta table, or None when absent or unreadable (then it is recomputed)."""
    try:
        value = json.loads(meta.get(key, "null"))
    except (TypeError, ValueError):
        return None
    return value if isinstance(value, kind) else None


class Workspace:
    """One open workspace.  With a path it holds that file's lock (``lock.py``) unless ``read_only``:
    constructing or opening one that another Eventscope holds raises ``WorkspaceLocked``."""

    def __init__(self, data: Optional[WorkspaceData] = None, path: Optional[str | os.PathLike] = None,
                 data_dir: Optional[str | os.PathLike] = None, read_only: bool = False):
        self.read_only = read_only
        self.lock: Optional[WorkspaceLock] = None
        self.locked_by = None       # read-only because of this holder (a LockInfo), when known
        if path is not None and not read_only:
            self.lock = _locked(path)
        data = data if data is not None else WorkspaceData()
        self._base = data.corpus
        self.meta = dict(data.meta)
        self.path: Optional[Path] = Path(path) if path is not None else None
        self.data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
        self._token = uuid.uuid4().hex[:12]
        ids = {d.id for d in self._base.documents}
        pending = _meta_json(self.meta, "unextracted", list)
        self.unextracted: set[str] = {i for i in pending if i in ids} if pending is not None else set()
        # The creation time each document had when it was last extracted; a
        # set_dct edit (or its undo) makes them differ until re-extraction.
        self._extracted_dct: dict[str, Optional[str]] = _meta_json(self.meta, "extracted_dct", dict) or {
            d.id: d.dct for d in self._base.documents}
        self._content_dirty = False      # documents or extraction changed since the last save
        self._view_dirty = False         # the view (selection, zoom, brush) changed since the last save
        self._changes = 0                # bumps on every change; autosave compares against it
        self._autosaved = 0
        # Only a recovery file this session wrote or recovered from is ours to
        # delete; another one beside the workspace is a crashed session's work.
        self._own_recovery: set[Path] = set()
        self.stack = UndoStack(data.edits, data.redo)
        # Lines about parts of the file left out as unreadable (shown once the workspace opens).
        self.warnings: list[str] = list(data.warnings)
        # The extraction's happenings: grouped with it, or restored from the file (``base_happenings``).
        self._stored_happenings = data.happenings
        self._base_happenings = None
        self._happenings: dict[int, object] = {}   # log length -> corrected happenings (like ``_kept``)
        self._replay: Optional[Replay] = None
        self._kept: dict[int, Replay] = {}      # log length -> replay of that prefix
        self._listeners: list[Callable[[], None]] = []
        self.stack.connect(self._stack_changed)

    # -- opening -----------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike, read_only: bool = False, **kw) -> "Workspace":
        """Open ``path`` for writing (taking its lock) or ``read_only`` (no lock: it cannot be saved over).

        The lock is taken before the file is read, so what is read is what
        no other writer is changing; then temporary files of saves that were
        killed (``.NAME.esw.*.tmp``) are removed: as the lock holder, no
        save of ours or anyone's is writing one.
        """
        lock = None if read_only else _locked(path)
        try:
            if lock is not None and lock.held and lock.available:
                remove_leftover_temp_files(path)
            data = read_workspace(path)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        ws = cls(data, path, read_only=True, **kw)
        if not read_only:
            ws.lock, ws.read_only = lock, False
        return ws

    @classmethod
    def open_read_only(cls, path: str | os.PathLike, **kw) -> "Workspace":
        """Open a workspace another Eventscope holds: everything works but saving over it."""
        ws = cls.open(path, read_only=True, **kw)
        holder = WorkspaceLock(path).holder()
        ws.locked_by = holder if holder is not None and holder.token else None
        return ws

    @classmethod
    def open_copy(cls, path: str | os.PathLike, **kw) -> "Workspace":
        """An untitled copy of a workspace (e.g. one another Eventscope holds); saving asks for a new name."""
        ws = cls(read_workspace(path), None, **kw)
        ws._content_dirty = True
        return ws

    @classmethod
    def from_recovery(cls, recovery_file: str | os.PathLike, **kw) -> tuple["Workspace", list[str]]:
        """The workspace as it was when its recovery file was last written, marked unsaved."""
        rec = read_workspace(recovery_file)
        data, of, warnings = recovered_data(rec)
        ws = cls(data, of, **kw)       # takes the workspace's lock: raises WorkspaceLocked if another holds it
        ws._content_dirty = rec.meta.get("recovery_kind") == "full"
        ws.stack.reset(data.edits, data.redo, clean=False)
        ws._own_recovery.add(Path(recovery_file))
        return ws, warnings

    def pending_recovery_file(self) -> Optional[Path]:
        """The newest abandoned recovery file of this workspace (any session's whose process died), if any."""
        if self.path is None:
            return None
        for p in recovery_candidates(self.path, self.data_dir):
            if p not in self._own_recovery and pending_recovery(p, of=self.path) is not None:
                return p
        return None

    # -- reading -----------------------------------------------------------
    @property
    def name(self) -> str:
        return self.path.stem if self.path else "Untitled"

    @property
    def extraction(self) -> Corpus:
        """The documents and what extraction found, before the analyst's edits."""
        return self._base

    @property
    def documents(self) -> list[Document]:
        return self._base.documents

    @property
    def replayed(self) -> Replay:
        if self._replay is None:
            log = self.stack.edits
            self._replay = self._kept.get(len(log)) or _own_corpus(replay(self._base, log), self._base)
            self._keep(len(log), self._replay)
        return self._replay

    def _keep(self, length: int, result: Replay) -> None:
        self._kept[length] = result
        for old in sorted(self._kept)[:-KEEP_STATES]:
            del self._kept[old]

    # -- happenings -------------------------------------------------------------
    @property
    def base_happenings(self):
        """The extraction's happenings: as extraction grouped them, else as the file kept them, else grouped now."""
        if self._base_happenings is not None and self._base_happenings.events is self._base.events:
            return self._base_happenings
        h = getattr(self._base, "happenings", None)
        if h is None or getattr(h, "events", None) is not self._base.events:
            h = None
            stored = self._stored_happenings
            if stored is not None and len(stored.of_event) == len(self._base.events):
                from desktop_app.core.workspace.happening_rows import restore
                h = restore(self._base, stored)
            if h is None:
                from desktop_app.core.happenings import group_happenings
                h = group_happenings(self._base)
        self._stored_happenings = None
        # The extraction's own (never the corrected ones: those go on a copy, ``_own_corpus``).
        self._base_happenings = self._base.happenings = h
        return h

    @property
    def happenings(self):
        """The happenings the views show: the extraction's, with the analyst's merges and splits.

        Also set as ``corpus.happenings`` of the corrected corpus.  Nothing is grouped again after
        an edit: events keep the happening extraction gave them (``corrected_happenings`` with a base).
        """
        from desktop_app.core.workspace.happening_edits import corrected_happenings
        corpus = self.corpus
        n = len(self.stack.edits)
        h = self._happenings.get(n)
        if h is None or h.events is not corpus.events:
            h = self._happenings[n] = corrected_happenings(corpus, self.stack.edits, base=self.base_happenings)
        corpus.happenings = h
        return h

    @property
    def corpus(self) -> Corpus:
        """The corrected corpus: extraction with every applied edit."""
        return self.replayed.corpus

    @property
    def notes(self) -> list[Note]:
        return self.replayed.notes

    @property
    def dirty(self) -> bool:
        return self._content_dirty or self._view_dirty or not self.stack.is_clean()

    @property
    def view_dirty(self) -> bool:
        return self._view_dirty

    def mark_view_changed(self) -> None:
        """The analyst moved the view since the last save: Save keeps it, closing asks, autosave writes it."""
        self._view_dirty = True
        self._notify()

    def mark_unsaved(self) -> None:
        """Content that exists in no saved file yet (imported, or opened before a workspace existed)."""
        self._content_dirty = True
        self._notify()

    def data(self) -> WorkspaceData:
        meta = {**self.meta, "unextracted": json.dumps(sorted(self.unextracted)),
                "extracted_dct": json.dumps(self._extracted_dct, sort_keys=True)}
        base = self._base
        h = self._base_happenings if self._base_happenings is not None else getattr(base, "happenings", None)
        if h is not None and getattr(h, "events", None) is base.events and base.happenings is not h:
            base = replace(base, happenings=h)      # what is written is the extraction's grouping
        data = WorkspaceData(base, self.stack.edits, self.stack.redoable, meta)
        if h is None and self._stored_happenings is not None:
            data.happenings = self._stored_happenings    # never restored this session: written back as read
        return data

    # -- listening ---------------------------------------------------------
    def connect(self, callback: Callable[[], None]) -> None:
        """Called after anything that changes the corrected corpus or the dirty state."""
        self._listeners.append(callback)

    def _notify(self) -> None:
        self._changes += 1
        for cb in list(self._listeners):
            cb()

    def _stack_changed(self) -> None:
        self._notify()

    # -- documents and extraction -----------------------------------------
    def effective_documents(self) -> list[Document]:
        """The documents with the analyst's creation times: what extraction must read."""
        dct_edits = [e for e in self.stack.edits if e.kind == "set_dct"]
        if not dct_edits:
            return list(self._base.documents)
        docs = list(self._base.documents)
        position = {id(d): i for i, d in enumerate(docs)}
        index = KeyIndex(self._base)
        for e in dct_edits:
            doc = index.document(e.payload["doc"])
            if doc is not None:
                i = position[id(doc)]
                docs[i] = with_dct(docs[i], e)
        return docs

    def stale_documents(self) -> list[str]:
        """Ids of documents whose extraction does not reflect them yet (new, or creation time changed)."""
        stale = [d.id for d in self.effective_documents()
                 if d.id in self.unextracted or self._extracted_dct.get(d.id, d.dct) != d.dct]
        return stale

    def add_documents(self, docs: Iterable[Document]) -> AddResult:
        """Add documents not already present (by content hash); they await extraction."""
        result = AddResult()
        by_hash = {doc_key(d): d for d in self._base.documents}
        ids = {d.id for d in self._base.documents}
        for doc in docs:
            sha = doc.sha256 or text_sha256(doc.text)
            if sha in by_hash:
                result.already.append((doc, by_hash[sha]))
                continue
            new_id, n = doc.id, 1
            while new_id in ids:
                n += 1
                new_id = f"{doc.id}-{n}"
            doc = replace(doc, id=new_id, sha256=sha)
            by_hash[sha] = doc
            ids.add(new_id)
            result.added.append(doc)
        if result.added:
            self._base = replace(self._base, documents=self._base.documents + result.added)
            self.unextracted.update(d.id for d in result.added)
            self._content_changed()
        return result

    def set_extraction(self, extracted: Corpus) -> None:
        """Adopt a fresh extraction of this workspace's documents; edits are replayed on it."""
        mine = {d.id for d in self._base.documents}
        theirs = {d.id for d in extracted.documents}
        if mine != theirs:
            raise WorkspaceError("the extraction does not match the workspace's documents "
                                 f"({len(theirs)} extracted, {len(mine)} in the workspace); run it again")
        # Keep the documents as loaded (creation time edits stay edits) but
        # remember which creation time each was extracted with.
        self._extracted_dct = {d.id: d.dct for d in extracted.documents}
        self._base = replace(extracted, documents=list(self._base.documents))
        self._stored_happenings = self._base_happenings = None
        self.unextracted.clear()
        self._content_changed()

    def adopt(self, corpus: Corpus) -> tuple[AddResult, bool]:
        """Take in an extraction made outside the workspace (e.g. the window's own Open Files).

        New documents join (duplicates by content are reported); a document
        whose creation time differs from ours gets a ``set_dct`` edit, so the
        change is undoable and survives re-extraction.  Returns what was
        added and whether extraction must run again to match the workspace.
        """
        known = {d.id for d in self._base.documents}
        result = self.add_documents([d for d in corpus.documents if d.id not in known])
        mine = {d.id: d for d in self.effective_documents()}
        for d in corpus.documents:
            ours = mine.get(d.id)
            if ours is not None and d.id in known and (d.dct, d.dct_precision) != (ours.dct, ours.dct_precision):
                self.push(edit_builders.set_dct(ours, d.dct, d.dct_precision))
        try:
            self.set_extraction(corpus)
        except WorkspaceError:
            return result, True
        return result, bool(self.stale_documents())

    def reextract(self, extractor: Optional[Extractor] = None, task: Optional[TaskState] = None) -> Replay:
        """Run extraction again on every document and replay the edits on the result.

        Extraction reads the documents with the analyst's creation times, so a
        ``set_dct`` edit re-resolves that document's dates here.  GUI code runs
        the extractor on ``effective_documents()`` off the UI thread and hands
        the result to ``set_extraction`` back on it.
        """
        from desktop_app.core.pipeline import extract_corpus
        kw = {}
        extractor = extractor or extract_corpus
        if extractor is extract_corpus:
            if len(self._base.events):
                self.base_happenings        # restored from the file if not yet (a fallback groups them all)
            kw["previous"] = self._base     # documents added, changed or removed: its happenings carried (core.happenings.added)
        report(task, 0.0, "Extracting")
        extracted = extractor(self.effective_documents(), task=task, **kw)
        self.set_extraction(extracted)
        return self.replayed

    def _content_changed(self) -> None:
        self._content_dirty = True
        self._replay = None
        self._kept.clear()
        self._happenings.clear()
        self._notify()

    # -- edits -------------------------------------------------------------
    def push(self, edit: Edit) -> Replay:
        before = self.replayed
        step = replay(before.corpus, [edit])
        offset = len(self.stack.edits)
        self._replay = extend(before, step, offset)
        # States past this point belonged to the redo branch the push discards.
        self._kept = {n: r for n, r in self._kept.items() if n <= offset}
        self._happenings = {n: h for n, h in self._happenings.items() if n <= offset}
        self._keep(offset + 1, self._replay)
        # The stack notifies listeners, who must already see the new corpus.
        self.stack.push(edit)
        return self._replay

    def undo(self) -> Optional[Edit]:
        if not self.stack.can_undo():
            return None
        self._replay = None
        return self.stack.undo()

    def redo(self) -> Optional[Edit]:
        if not self.stack.can_redo():
            return None
        edit = self.stack.redoable[-1]
        before = self.replayed
        n = len(self.stack.edits)
        self._replay = self._kept.get(n + 1) or extend(before, replay(before.corpus, [edit]), n)
        self._keep(n + 1, self._replay)
        return self.stack.redo()

    # -- saving and recovery ---------------------------------------------
    def save(self, path: Optional[str | os.PathLike] = None) -> Path:
        target = Path(path) if path is not None else self.path
        if target is None:
            raise WorkspaceError("this workspace has no file yet; choose where to save it")
        if target.suffix == "":
            target = target.with_suffix(SUFFIX)
        same = self.path is not None and os.path.abspath(target) == os.path.abspath(self.path)
        if same and self.read_only:
            who = f" ({self.locked_by.describe()})" if self.locked_by is not None else ""
            raise WorkspaceError(f"{target.name} is open read-only because another Eventscope holds it{who}; "
                                 "save it under another name")
        if same and self.lock is not None and not self.lock.still_held():
            raise WorkspaceError(f"{target.name} was taken over by another Eventscope while this one was "
                                 "unresponsive; save it under another name so neither loses work")
        lock = self.lock if same else _locked(target)       # Save As: the new file's lock first
        data = self.data()
        try:
            write_workspace(target, data)   # fills data.meta with the new save id
        except BaseException:
            if lock is not self.lock:
                lock.release()
            raise
        if lock is not self.lock:
            if self.lock is not None:
                self.lock.release()
            self.lock, self.read_only, self.locked_by = lock, False, None
        self.meta = data.meta
        self.path = target
        self._content_dirty = False
        self._view_dirty = False
        self.stack.set_clean()
        self._drop_own_recovery()
        self._autosaved = self._changes
        return target

    def recovery_file(self) -> Path:
        return recovery_path(self.path, self.data_dir, self._token)

    def autosave(self) -> bool:
        """Write the recovery file if anything changed since it was last written; True if written."""
        if not self.dirty:
            if self._autosaved != self._changes:
                self._drop_own_recovery()
                self._autosaved = self._changes
            return False
        if self._autosaved == self._changes:
            return False
        full = self.path is None or self._content_dirty
        target = self.recovery_file()
        write_recovery(target, self.data(), self.path, full)
        if target not in self._own_recovery:
            HEARTBEAT.add(target)       # shows other machines its writer is alive
        # The file this session was recovered from is superseded only now
        # that a newer one exists: a crash in between still finds the old one.
        for p in self._own_recovery - {target}:
            HEARTBEAT.remove(p)
            remove_recovery(p)
        self._own_recovery = {target}
        self._autosaved = self._changes
        return True

    def close(self) -> None:
        """Forget the recovery files of a workspace the user chose to close, and give its lock back."""
        self._drop_own_recovery()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def _drop_own_recovery(self) -> None:
        for p in self._own_recovery:
            HEARTBEAT.remove(p)
            remove_recovery(p)
        self._own_recovery.clear()

    @staticmethod
    def discard_recovery(recovery_file: str | os.PathLike) -> None:
        """The analyst declined to recover: delete the crashed session's file."""
        remove_recovery(Path(recovery_file))


def _own_corpus(result: Replay, base: Corpus) -> Replay:
    """``result`` with a corpus object of its own when replay handed back ``base`` itself.

    The corrected happenings are set on the corrected corpus (``Workspace.happenings``); they must
    never land on the extraction's corpus, whose happenings are what a save writes.
    """
    if result.corpus is base:
        return replace(result, corpus=replace(base, happenings=None))
    return result


def _locked(path: str | os.PathLike) -> WorkspaceLock:
    """``path``'s lock, taken (shared within this process); raises ``WorkspaceLocked`` when another holds it."""
    lock = WorkspaceLock(path)
    lock.acquire()
    return lock
