"""Replaying the edit log on a corpus: the driver, its working state and notes.

``apply_edits`` never mutates its input.  The working corpus starts out
sharing the input's lists; a handler builds a new list, or asks the state
for a private copy (``put``/``append``) before changing one in place, and it
replaces a changed item by a modified copy (``dataclasses.replace``).  So
untouched items and lists are shared, a replay costs about what its edits
touch, and keeping the corpus after each edit for undo stays cheap.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional

from desktop_app.core.model import Corpus
from desktop_app.core.store import EventStore, compact, is_compact
from desktop_app.core.workspace.edits import Edit
from desktop_app.core.workspace.keys import KeyIndex

@dataclass(frozen=True)
class Note:
    kind: str            # "actor", "event", "document", "tie"
    target: object       # actor/event/document id, or (source id, target id) for a tie
    text: str
    created: str = ""


@dataclass(frozen=True)
class Skipped:
    index: int           # position in the edit log
    edit: Edit
    reason: str


@dataclass
class Replay:
    """What a replay produced: the corrected corpus and what it could not apply."""
    corpus: Corpus
    notes: list[Note] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Actor ids the replay removed -> where their items went (None: deleted).
    moved: dict = field(default_factory=dict)


_COLUMNAR = ("events", "mentions", "timexes")
# Edits that touch only actors or documents, and notes (which only name their target): they run on a
# columnar corpus as it is, so renaming an actor in a million-event workspace does not build a
# million events.  Every other edit makes the lists real first (``WorkState.make_lists``).
_COLUMNAR_SAFE = frozenset({"rename_actor", "set_actor_type", "add_alias", "remove_alias", "set_dct", "note",
                            "set_event_date", "add_tie", "merge_happenings", "split_happening"})
# Happening corrections change no event: core/happenings/corrections.py applies them after grouping.
_AFTER_GROUPING = {"merge_happenings": lambda state, edit: None, "split_happening": lambda state, edit: None}


class WorkState:
    """The evolving corpus during one replay plus the bookkeeping handlers share."""

    def __init__(self, corpus: Corpus):
        self.corpus = Corpus(corpus.documents, corpus.timexes, corpus.actors, corpus.mentions, corpus.events,
                             corpus.ties, corpus.errors)
        self._owned: set[str] = set()
        self.notes: list[tuple[str, object, str, str]] = []
        self.warnings: list[str] = []
        # Actor ids that stopped existing and where their items went (merge),
        # so notes attached before a merge follow the actor.
        self.moved: dict[str, Optional[str]] = {}
        # The current edit's actor type hints (name -> type), for same-named actors.
        self.types: dict[str, str] = {}
        self._index: Optional[KeyIndex] = None

    @property
    def index(self) -> KeyIndex:
        if self._index is None:
            self._index = KeyIndex(self.corpus)
        return self._index

    def make_lists(self) -> None:
        """Turn columnar events, mentions and timexes into real lists.

        Most handlers find an item through the index and replace or drop it by
        identity; a columnar corpus builds a new object on every access, so
        before such a handler runs its lists are made real (and the index
        rebuilt over them).
        """
        made = False
        for name in _COLUMNAR:
            if not isinstance(getattr(self.corpus, name), list):
                self._own(name)
                made = True
        if made:
            self.changed()

    def changed(self) -> None:
        self._index = None

    def _own(self, name: str) -> list:
        if name not in self._owned:
            setattr(self.corpus, name, list(getattr(self.corpus, name)))
            self._owned.add(name)
        return getattr(self.corpus, name)

    def put(self, name: str, old, new) -> None:
        """Replace item ``old`` (found by identity) of list ``name`` with ``new``."""
        current = getattr(self.corpus, name)
        if name == "events" and name not in self._owned and isinstance(current, EventStore):
            # Columnar: the event is found by its id (the index built it, so it is not in any list)
            # and one row of a copy of the columns changes.
            row = current.index_of(old.id)
            if row is not None and current[row] == old:
                self.corpus.events = current.replaced(row, new)
                return
            self.make_lists()
        items = self._own(name)
        items[next(i for i, x in enumerate(items) if x is old)] = new

    def append(self, name: str, item) -> None:
        self._own(name).append(item)

    def final_actor(self, actor_id: str) -> Optional[str]:
        seen = set()
        while actor_id in self.moved and actor_id not in seen:
            seen.add(actor_id)
            actor_id = self.moved[actor_id]
            if actor_id is None:
                return None
        return actor_id


class SkipEdit(Exception):
    """A handler could not find what the edit names; the replay records why and goes on."""


def replay(corpus: Corpus, edits: Iterable[Edit]) -> Replay:
    # Imported here: the handler modules import this one for WorkState.
    from desktop_app.core.workspace.apply_actors import ACTOR_HANDLERS
    from desktop_app.core.workspace.apply_events import EVENT_HANDLERS
    handlers = {**ACTOR_HANDLERS, **EVENT_HANDLERS, **_AFTER_GROUPING}
    state = WorkState(corpus)
    skipped: list[Skipped] = []
    for i, edit in enumerate(edits):
        state.types = edit.payload.get("types") or {}
        if edit.kind not in _COLUMNAR_SAFE:
            state.make_lists()
        try:
            handlers[edit.kind](state, edit)
        except SkipEdit as why:
            skipped.append(Skipped(i, edit, str(why)))
        state.changed()
    # Compacting also points tie evidence at the rows of the new event store (``pack_ties``).
    result = compact(state.corpus) if is_compact(corpus) else state.corpus
    return Replay(result, _final_notes(state), skipped, state.warnings, dict(state.moved))


class _EventIds:
    """``id in events`` by the store's index when the events are columnar (no set of a million ids)."""

    def __init__(self, events):
        self._find = getattr(events, "index_of", None)
        self._ids = None if self._find is not None else {e.id for e in events}

    def __contains__(self, event_id) -> bool:
        if self._find is not None:
            return isinstance(event_id, str) and self._find(event_id) is not None
        return event_id in self._ids


def _final_notes(state: WorkState) -> list[Note]:
    if not state.notes:
        return []
    kinds = {n[0] for n in state.notes}
    c = state.corpus
    actors = {a.id for a in c.actors} if kinds & {"actor", "tie"} else set()
    events = _EventIds(c.events) if "event" in kinds else set()
    docs = {d.id for d in c.documents} if "document" in kinds else set()
    out = []
    for kind, target, text, created in state.notes:
        if kind == "actor":
            target = state.final_actor(target)
            alive = target in actors
        elif kind == "tie":
            s, t = (state.final_actor(x) for x in target)
            target = (s, t)
            alive = s in actors and t in actors and s != t
        elif kind == "event":
            alive = target in events
        else:
            alive = target in docs
        if alive:
            out.append(Note(kind, target, text, created))
        else:
            state.warnings.append(f"a note on a {kind} lost its target: {text[:60]!r}")
    return out


def apply_edits(corpus: Corpus, edits: Iterable[Edit]) -> Corpus:
    """The corpus with the analyst's edits applied in order; the input is left untouched.

    A ``set_dct`` edit sets the document's creation time here; its dates are
    re-read by extraction, which ``Workspace`` runs on documents carrying the
    corrected times (see ``effective_documents``).
    """
    return replay(corpus, edits).corpus


def extend(prior: Replay, step: Replay, offset: int) -> Replay:
    """Join a replay of a log with a replay of edits appended to it (``step`` ran on ``prior.corpus``).

    Lets a new edit be applied to the corrected corpus alone instead of
    replaying the whole log; notes made earlier follow merges and vanish
    with deleted targets exactly as a full replay would have it.
    """
    state = WorkState(step.corpus)
    state.moved = {**prior.moved, **step.moved}
    state.notes = [(n.kind, n.target, n.text, n.created) for n in prior.notes]
    carried = _final_notes(state)
    skipped = prior.skipped + [Skipped(s.index + offset, s.edit, s.reason) for s in step.skipped]
    return Replay(step.corpus, carried + step.notes, skipped, prior.warnings + step.warnings + state.warnings,
                  state.moved)
